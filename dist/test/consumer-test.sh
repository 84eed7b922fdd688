#!/bin/sh
# SPDX-License-Identifier: MIT
# The CMake build as a consumer project uses it (dist/consumer/): through
# add_subdirectory, FetchContent, and find_package(aceh CONFIG) after
# `cmake --install` of the library (static, then shared) into a prefix
# under BUILD; the installed aceh.pc with pkg-config too; and the Meson
# build as a subproject. Each consumer builds and runs dist/example.c
# and must print dist/test/example.expected.
#   consumer-test.sh BUILD
# Environment: VERSION, SONAME (from the Makefile), CC.
# Prints one line per check and "consumer: N passed, M failed".
# shellcheck disable=SC2086,SC2046
set -u
: "${VERSION:?}" "${SONAME:?}" "${CC:=cc}"
what=consumer
. dist/test/check.sh
src=$(pwd)
GEN=""
command -v ninja >/dev/null 2>&1 && GEN="-G Ninja"

# $1: a consumer build folder; its example's output must be the expected one.
runs() { "$1/example" >"$1/example.txt" && expected | diff -u - "$1/example.txt"; }

in_tree() {
    b=$work/$1
    cmake -S dist/consumer -B "$b" $GEN -DACEH_USE="$1" -DACEH_SOURCE="$src" &&
        cmake --build "$b" && runs "$b"
}

# The library's own build, installed; $1 static or shared.
installed() {
    lib=$work/lib-$1 prefix=$work/prefix-$1 b=$work/package-$1
    shared=OFF
    [ "$1" = shared ] && shared=ON
    cmake -S . -B "$lib" $GEN -DBUILD_SHARED_LIBS=$shared \
        -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib &&
        cmake --build "$lib" &&
        cmake --install "$lib" &&
        test -f "$prefix/lib/cmake/aceh/acehConfig.cmake" &&
        test -f "$prefix/include/aceh.h" &&
        cmake -S dist/consumer -B "$b" $GEN -DACEH_USE=package \
            -DCMAKE_PREFIX_PATH="$prefix" &&
        cmake --build "$b" && runs "$b" &&
        if [ "$1" = shared ]; then
            readelf -d "$prefix/lib/libaceh.so.$VERSION" | grep "SONAME.*\[$SONAME\]" &&
                readelf -d "$b/example" | grep "NEEDED.*\[$SONAME\]" &&
                # Only the API is exported (ACEH_API, hidden by default).
                test "$(nm -D --defined-only "$prefix/lib/libaceh.so" |
                    awk '{print $NF}' | grep -vc '^aceh_')" = 0
        else
            ! readelf -d "$b/example" | grep 'NEEDED.*libaceh'
        fi
}

# The aceh.pc the CMake install wrote, used as the Makefile's is.
pkgconfig() {
    prefix=$work/prefix-static
    PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --modversion aceh |
        grep -Fx "$VERSION" &&
        $CC dist/example.c $(PKG_CONFIG_PATH=$prefix/lib/pkgconfig \
            pkg-config --cflags --libs aceh) -o "$work/out/pc-example" &&
        "$work/out/pc-example" >"$work/out/pc.txt" &&
        expected | diff -u - "$work/out/pc.txt"
}

# Meson: a project with aceh in subprojects/ (a link to this tree).
meson_sub() {
    m=$work/meson
    mkdir -p "$m/subprojects" &&
        ln -s "$src" "$m/subprojects/aceh" &&
        cp "$src/dist/example.c" "$m/example.c" &&
        printf '%s\n' "project('consumer', 'c')" \
            "aceh_dep = dependency('aceh', fallback: ['aceh', 'aceh_dep'])" \
            "executable('example', 'example.c', dependencies: aceh_dep)" \
            >"$m/meson.build" &&
        meson setup "$m/build" "$m" && meson compile -C "$m/build" &&
        runs "$m/build"
}

check cmake-subdirectory in_tree subdirectory
check cmake-fetchcontent in_tree fetchcontent
check cmake-package-static installed static
check cmake-package-shared installed shared
check cmake-pkgconfig pkgconfig
check meson-subproject meson_sub
finish
