#!/bin/sh
# SPDX-License-Identifier: MIT
# Check the single-header build (BUILD/single/aceh.h) against parser/:
#   single-header-test.sh BUILD
# Environment: WARN (warning flags, -Werror included), CFLAGS, CHECK_CFLAGS,
# CHECK_LIBS; UNIT_SRC (the unit suite's sources, tests/tests.mk);
# SINGLE_CCS / SINGLE_CXXS (default "gcc clang" / "g++ clang++").
# Prints one line per check and "single-header: N passed, M failed".
# Compiler flags and pkg-config output are split into words on purpose;
# at_once's parts set out, pass and fail in their own subshells on purpose.
# shellcheck disable=SC2086,SC2046,SC2030,SC2031
set -u
build=$1
what=single-header
. dist/test/check.sh
hdr_dir=$build/single
out=$logdir
public=$logdir/public.txt
CFLAGS=${CFLAGS:-}
CXXWARN="-std=c++11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"
unit_src=${UNIT_SRC:-tests/unit_test.c tests/guard.c}
ccs=${SINGLE_CCS:-gcc clang}
cxxs=${SINGLE_CXXS:-g++ clang++}
# The suite's other files, beside unit_test.c (which static_unit.c includes).
unit_rest=$(printf '%s\n' $unit_src | grep -v '^tests/unit_test\.c$')
# Global symbols an object defines, one per line, sorted.
defined() { nm -g --defined-only "$@" | awk 'NF == 3 { print $3 }' | sort -u; }

# The public functions: what the real library exports (api-check holds
# that to exactly aceh.h's ACEH_FUNCTIONS). The implementation TU must
# export the same set.
defined "$build/libaceh.a" >"$public"
[ -s "$public" ] || { echo "no symbols in $build/libaceh.a"; exit 1; }
symbols() { defined "$out/$cc-impl.o" | diff -u "$public" -; }

# These runs check how the library links, not test isolation: no fork per
# test (the unit step runs the suite forking, expected-signal test included).
CK_FORK=no
export CK_FORK

# at_once FUNCTION NAME...: FUNCTION NAME for every NAME at the same time,
# then their lines in NAME order and their counts added to pass and fail.
# Each part is a chain of single-threaded compiles and runs: on two cores
# two parts take the time of the longer one. Each has its own folder,
# $work/NAME, as $out and $logdir, so that none overwrites another's
# objects and logs; its lines go to $work/NAME.out, printed whole once all
# are done rather than interleaved, and its counts to $work/NAME/counts (a
# subshell's counters never reach this shell). A part that ends without
# its counts (a shell error) counts as one failure.
at_once() {
    fn=$1
    shift
    pids=""
    for name in "$@"; do
        (
            out=$work/$name
            logdir=$out
            pass=0
            fail=0
            mkdir -p "$out" && "$fn" "$name"
            echo "$pass $fail" >"$out/counts"
        ) >"$work/$name.out" 2>&1 &
        pids="$pids $!"
    done
    for p in $pids; do wait "$p"; done
    for name in "$@"; do
        cat "$work/$name.out"
        if [ -s "$work/$name/counts" ] && read -r p f <"$work/$name/counts"; then
            pass=$((pass + p))
            fail=$((fail + f))
        else
            fail=$((fail + 1))
            echo "FAIL $name: ended without its counts (above)"
        fi
    done
}

# The unit suite, its includes of "aceh.h" resolved to the single header
# (no -Iparser anywhere), implementation from single_impl.c only.
unit() {
    $cc $WARN $CFLAGS -D_DEFAULT_SOURCE -I"$hdr_dir" -Itests $CHECK_CFLAGS \
        $unit_src "$out/$cc-impl.o" $CHECK_LIBS \
        -o "$out/$cc-unit" && "$out/$cc-unit"
}

# The unit suite with a private static copy in its own file: no symbol of
# the library may be exported from it.
static_unit() {
    $cc $WARN $CFLAGS -D_DEFAULT_SOURCE -I"$hdr_dir" -Itests $CHECK_CFLAGS \
        -c dist/test/static_unit.c -o "$out/$cc-static_unit.o" &&
        ! defined "$out/$cc-static_unit.o" | grep '^aceh_' &&
        $cc $WARN $CFLAGS -D_DEFAULT_SOURCE -I"$hdr_dir" -Itests $CHECK_CFLAGS \
            "$out/$cc-static_unit.o" $unit_rest $CHECK_LIBS \
            -o "$out/$cc-static-unit" && "$out/$cc-static-unit"
}

# Two files with their own ACEH_STATIC copies link together (duplicate
# definitions otherwise) and export only their own functions.
vendor() {
    for f in vendor_a vendor_b; do
        $cc $WARN $CFLAGS -I"$hdr_dir" -c dist/test/$f.c -o "$out/$cc-$f.o" ||
            return 1
    done
    if defined "$out/$cc-vendor_a.o" "$out/$cc-vendor_b.o" | grep -v '^main$' |
        grep -v '^vendor_b_check$'; then
        echo "symbols exported by a static copy (above)"
        return 1
    fi
    $cc "$out/$cc-vendor_a.o" "$out/$cc-vendor_b.o" -o "$out/$cc-vendor" &&
        "$out/$cc-vendor"
}

# One C compiler's checks, in at_once's folder for it.
c_checks() {
    cc=$1
    if ! $cc $WARN $CFLAGS -I"$hdr_dir" -c dist/test/single_impl.c \
        -o "$out/$cc-impl.o" >"$out/$cc-impl.log" 2>&1; then
        fail=$((fail + 1))
        echo "FAIL $cc-implementation"
        sed 's/^/     /' "$out/$cc-impl.log"
        return
    fi
    check "$cc-symbols" symbols
    check "$cc-unit" unit
    check "$cc-static-unit" static_unit
    check "$cc-vendor" vendor
}
at_once c_checks $ccs

# The declarations from C++ (warnings as errors), linked with the C
# implementation: extern "C" and the C++-clean header are what this shows.
first=${ccs%% *}
impl=$work/$first/$first-impl.o
for cxx in $cxxs; do
    check "$cxx-declarations" sh -c '"$1" $2 -I"$3" dist/test/cxx_user.cpp "$4" -o "$5" && "$5"' \
        sh "$cxx" "$CXXWARN" "$hdr_dir" "$impl" "$out/$cxx-user"
done

# The implementation in a C++ file (ACEH_IMPLEMENTATION in a .cpp), the C
# unit suite linked against it (by the C++ driver, for its runtime): same exports (but g++'s hidden
# exception-handling reference), same results.
cxx_impl() {
    printf '#define ACEH_IMPLEMENTATION\n#include "aceh.h"\n' >"$out/$1-impl.cpp" &&
        "$1" $CXXWARN -I"$hdr_dir" -c "$out/$1-impl.cpp" -o "$out/$1-impl.o" &&
        defined "$out/$1-impl.o" | grep -v '^DW\.ref\.' |
        diff -u "$public" - &&
        mkdir -p "$out/$1-unit-obj" &&
        for f in $unit_src; do
            gcc $WARN $CFLAGS -D_DEFAULT_SOURCE -I"$hdr_dir" -Itests $CHECK_CFLAGS \
                -c "$f" -o "$out/$1-unit-obj/$(basename "$f" .c).o" || return 1
        done &&
        "$1" "$out/$1-unit-obj"/*.o "$out/$1-impl.o" $CHECK_LIBS -o "$out/$1-impl-unit" &&
        "$out/$1-impl-unit"
}
cxx_checks() { check "$1-implementation" cxx_impl "$1"; }
at_once cxx_checks $cxxs

finish
