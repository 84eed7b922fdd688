#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: api-check.sh aceh.h LIB...
# The one list of the public API, ACEH_FUNCTIONS in aceh.h (from which the
# fuzz and bench renaming, the fuzz variant declarations and the
# single-header check take their names), must name exactly the functions
# aceh.h declares, each declaration must carry ACEH_API (static under
# ACEH_STATIC), and each LIB (static or shared library) must define
# exactly those functions; with API_HARNESSES set (a folder), every
# function must be compared by a fuzz harness there (below). Prints what differs; exit 1 then.
set -u
hdr=$1
shift
CC=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aceh-api.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0

# xlist LIST FILE: the names of the X-macro list LIST of aceh.h, expanded
# by the preprocessor as its users see it, sorted into FILE.
xlist() {
    printf '#include "aceh.h"\n#define ACEH_LIST_NAME(f) ACEH_LIST f\n%s(ACEH_LIST_NAME)\n' "$1" |
        $CC -E -P -I"$(dirname "$hdr")" -x c - | tr ' ' '\n' |
        grep -A1 '^ACEH_LIST$' | grep '^aceh_' | sort >"$tmp/$2"
}
# differ A B WHAT LEFT RIGHT: lists A and B differ; say so, each name with
# LEFT (in A only) or RIGHT (in B only).
differ() {
    diff "$tmp/$1" "$tmp/$2" >"$tmp/diff" && return 1
    echo "api-check: $3 differ:"
    sed -n "s/^< /  $4: /p; s/^> /  $5: /p" "$tmp/diff"
}
xlist ACEH_FUNCTIONS list
if [ ! -s "$tmp/list" ]; then
    echo "api-check: $hdr has no ACEH_FUNCTIONS list"
    exit 1
fi
if [ -n "$(uniq -d "$tmp/list")" ]; then
    echo "api-check: named twice in ACEH_FUNCTIONS: $(uniq -d "$tmp/list" | tr '\n' ' ')"
    fail=1
fi
# The functions aceh.h defines inline.
xlist ACEH_INLINE_FUNCTIONS inline
# Declarations: a line at column 0 whose first parenthesis follows a
# public aceh_ name (one declaration per line start, as aceh.h writes
# them; aceh__ names are internal).
grep -E '^[A-Za-z_][A-Za-z0-9_ *]*[ *]aceh_[a-z0-9][a-z0-9_]*\(' "$hdr" >"$tmp/decl-lines"
decls() {
    grep "^$1 " "$tmp/decl-lines" |
        sed -E 's/^[^(]*[ *](aceh_[a-z0-9_]+)\(.*/\1/' | sort >"$tmp/$2"
}
decls ACEH_API declared
decls ACEH__HDR_INLINE declared-inline
if grep -v -e '^ACEH_API ' -e '^ACEH__HDR_INLINE ' "$tmp/decl-lines" >"$tmp/bare"; then
    echo "api-check: declared without ACEH_API or ACEH__HDR_INLINE in $hdr:"
    sed 's/^/  /' "$tmp/bare"
    fail=1
fi
differ declared list "ACEH_FUNCTIONS and the declarations in $hdr" \
    "declared, not in ACEH_FUNCTIONS" "in ACEH_FUNCTIONS, not declared" && fail=1
differ declared-inline inline "ACEH_INLINE_FUNCTIONS and the inline definitions in $hdr" \
    "defined inline, not in ACEH_INLINE_FUNCTIONS" "in ACEH_INLINE_FUNCTIONS, not defined inline" && fail=1
# Every public function compared against a reference by a fuzz harness:
# each harness fuzz/NAME_fuzzer.c under $API_HARNESSES says which in
# lines " * compares FUNCTION with REFERENCE" of its comments. Each public
# function needs one such line, and each line must hold in that harness's
# code (comment lines left out): it calls the function (as FUNCTION( or,
# through the differential harness's table of builds, im->NAME( without
# the prefix), uses the reference, and the reference is defined there or
# in ref.c beside it.
if [ -n "${API_HARNESSES:-}" ]; then
    for src in "$API_HARNESSES"/*_fuzzer.c; do
        sed -n 's/^ \* compares \(aceh_[a-z0-9_]*\) with \([a-z0-9_]*\)\( \*\/\)\{0,1\}$/\1 \2/p' "$src" |
            sed "s|\$| $src|"
    done >"$tmp/rows"
    cut -d' ' -f1 "$tmp/rows" | sort -u >"$tmp/compared"
    sort -u "$tmp/list" "$tmp/inline" >"$tmp/all"
    for f in $(comm -23 "$tmp/all" "$tmp/compared"); do
        echo "api-check: no fuzz harness compares $f with a reference (a line ' * compares $f with REFERENCE' in $API_HARNESSES/*_fuzzer.c)"
        fail=1
    done
    for f in $(comm -13 "$tmp/all" "$tmp/compared"); do
        echo "api-check: a harness compares $f, which neither function list names"
        fail=1
    done
    while read -r fn ref src; do
        grep -v -E '^[[:space:]]*(/\*|\*)' "$src" >"$tmp/code"
        defs=$(grep -cE "^[A-Za-z].*[ *]$ref\(" "$src")
        why=
        if ! grep -qE "(^|[^A-Za-z0-9_>])$fn\(|im->${fn#aceh_}\(" "$tmp/code"; then
            why="it does not call $fn"
        elif [ "$(grep -cw -- "$ref" "$tmp/code")" -le "$defs" ]; then
            why="it does not use $ref"
        elif ! grep -qE "^[A-Za-z].*[ *]$ref\(" "$src" "$API_HARNESSES/ref.c"; then
            why="$ref is defined neither there nor in $API_HARNESSES/ref.c"
        fi
        if [ -n "$why" ]; then
            echo "api-check: $src compares $fn with $ref, but $why"
            fail=1
        fi
    done <"$tmp/rows"
fi
for lib in "$@"; do
    case $lib in
    *.so*) nm -D --defined-only "$lib" ;;
    *) nm -g --defined-only "$lib" ;;
    esac 2>/dev/null | awk 'NF >= 3 { print $NF }' | sort -u >"$tmp/lib"
    differ lib list "$lib and ACEH_FUNCTIONS" "defined in $(basename "$lib"), not in ACEH_FUNCTIONS" \
        "in ACEH_FUNCTIONS, not defined" && fail=1
done
if [ "$fail" = 0 ]; then
    echo "api-check: $(wc -l <"$tmp/list") functions: ACEH_FUNCTIONS, the ACEH_API declarations and $# libraries agree; $(wc -l <"$tmp/inline") inline: ACEH_INLINE_FUNCTIONS and the inline definitions agree${API_HARNESSES:+; each is compared with a reference by a fuzz harness in $API_HARNESSES}"
fi
exit $fail
