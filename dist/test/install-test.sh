#!/bin/sh
# SPDX-License-Identifier: MIT
# `make install` into a scratch DESTDIR, use it the way a user would
# (pkg-config, static and shared linking, the command, the man page), then
# `make uninstall` and check that exactly the installed files are gone.
#   install-test.sh BUILD
# Environment: MAKE, CC, WARN, VERSION, SONAME (from dist/dist.mk).
# Prints one line per check and "install: N passed, M failed".
# Compiler flags and pkg-config output are split into words on purpose.
# shellcheck disable=SC2086,SC2046
set -u
: "${MAKE:=make}" "${CC:=cc}" "${WARN:=}" "${VERSION:?}" "${SONAME:?}"
what=install
. dist/test/check.sh
dest=$work/dest
# Not the default /usr/local: the installed aceh.pc must carry this prefix
# even though $(BUILD)/aceh.pc was made with another one.
prefix=/opt/aceh-install-test
root=$dest$prefix

# Every file and link under the DESTDIR, relative to it, sorted.
listing() { (cd "$dest" && find . ! -type d | sed 's|^\./|/|' | sort); }

do_install() {
    $MAKE --no-print-directory install DESTDIR="$dest" PREFIX="$prefix"
}

files() {
    printf '%s\n' include/aceh.h lib/libaceh.a lib/libaceh.so \
        "lib/$SONAME" "lib/libaceh.so.$VERSION" lib/pkgconfig/aceh.pc \
        bin/aceh share/man/man1/aceh.1 | sed "s|^|$prefix/|" | sort \
        >"$work/out/want.txt"
    listing >"$work/out/got.txt"
    diff -u "$work/out/want.txt" "$work/out/got.txt"
}

modes() {
    ok=0
    for f in include/aceh.h:644 lib/libaceh.a:644 lib/pkgconfig/aceh.pc:644 \
        share/man/man1/aceh.1:644 "lib/libaceh.so.$VERSION:755" bin/aceh:755; do
        got=$(stat -c %a "$root/${f%:*}")
        echo "${f%:*} $got"
        [ "$got" = "${f##*:}" ] || { echo "  want ${f##*:}"; ok=1; }
    done
    return $ok
}

links() {
    # The soname link is what programs load; the bare .so is for -laceh.
    [ "$(readlink "$root/lib/$SONAME")" = "libaceh.so.$VERSION" ] &&
        [ "$(readlink -f "$root/lib/libaceh.so")" = "$root/lib/libaceh.so.$VERSION" ] &&
        readelf -d "$root/lib/libaceh.so.$VERSION" | grep "SONAME.*\[$SONAME\]"
}

pc() {
    PKG_CONFIG_PATH=$root/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest \
        pkg-config "$@"
}

# pkgconf prints a trailing space after flags.
pkgconfig() {
    grep "^prefix=$prefix\$" "$root/lib/pkgconfig/aceh.pc" &&
        [ "$(pc --modversion aceh)" = "$VERSION" ] &&
        [ "$(pc --cflags aceh | sed 's/ *$//')" = "-I$root/include" ] &&
        [ "$(pc --libs aceh | sed 's/ *$//')" = "-L$root/lib -laceh" ]
}

shared() {
    $CC $WARN dist/example.c $(pc --cflags --libs aceh) -o "$work/out/example-shared" &&
        readelf -d "$work/out/example-shared" | grep "NEEDED.*\[$SONAME\]" &&
        LD_LIBRARY_PATH=$root/lib ldd "$work/out/example-shared" |
        grep "$SONAME => $root/lib/$SONAME" &&
        LD_LIBRARY_PATH=$root/lib "$work/out/example-shared" >"$work/out/shared.txt" &&
        expected | diff -u - "$work/out/shared.txt"
}

static() {
    # -Bstatic makes -laceh pick libaceh.a over the .so beside it.
    $CC $WARN dist/example.c $(pc --cflags aceh) \
        -Wl,-Bstatic $(pc --static --libs aceh) -Wl,-Bdynamic \
        -o "$work/out/example-static" &&
        ! readelf -d "$work/out/example-static" | grep 'NEEDED.*libaceh' &&
        "$work/out/example-static" >"$work/out/static.txt" &&
        expected | diff -u - "$work/out/static.txt"
}

run_command() {
    out=$("$root/bin/aceh" --version) && echo "$out" &&
        case $out in *"$VERSION"*) ;; *) false ;; esac
}

manpage() {
    head -n 20 "$root/share/man/man1/aceh.1" | grep -q '^\.TH\|^\.Dd' || return 1
    if command -v man >/dev/null 2>&1; then
        # Rendered text: the page's name and the subcommands it documents.
        MANWIDTH=80 man -l -P cat "$root/share/man/man1/aceh.1" >"$work/out/man.txt" 2>"$work/out/man.err" &&
            ! grep -i 'warning\|error' "$work/out/man.err" &&
            grep -q '^NAME' "$work/out/man.txt" &&
            grep -q 'check-response' "$work/out/man.txt"
    else
        echo "man is not installed: checked the source only"
    fi
}

do_uninstall() {
    # Someone else's files in the same folders must survive.
    mkdir -p "$root/lib" "$root/bin"
    echo keep >"$root/lib/libother.so"
    echo keep >"$root/bin/other"
    $MAKE --no-print-directory uninstall DESTDIR="$dest" PREFIX="$prefix" &&
        printf '%s\n' "$prefix/bin/other" "$prefix/lib/libother.so" >"$work/out/want.txt" &&
        listing >"$work/out/got.txt" &&
        diff -u "$work/out/want.txt" "$work/out/got.txt"
}

check make-install do_install
check files files
check modes modes
check soname-links links
check pkg-config pkgconfig
check shared-example shared
check static-example static
check command run_command
check man-page manpage
check make-uninstall do_uninstall
rm -rf "$dest"
finish
