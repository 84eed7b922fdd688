#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: api-check.sh aceh.h LIB...
# The one list of the public API, ACEH_FUNCTIONS in aceh.h (from which the
# fuzz and bench renaming, the fuzz variant declarations and the
# single-header check take their names), must name exactly the functions
# aceh.h declares, each declaration must carry ACEH_API (static under
# ACEH_STATIC), and each LIB (static or shared library) must define
# exactly those functions; with API_COMPARED set, every function must be
# compared by a fuzz harness (below). Prints what differs; exit 1 then.
set -u
hdr=$1
shift
CC=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aceh-api.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0

# The list, expanded by the preprocessor as its users see it.
printf '#include "aceh.h"\n#define ACEH_LIST_NAME(f) ACEH_LIST f\nACEH_FUNCTIONS(ACEH_LIST_NAME)\n' |
    $CC -E -P -I"$(dirname "$hdr")" -x c - | tr ' ' '\n' |
    grep -A1 '^ACEH_LIST$' | grep '^aceh_' | sort >"$tmp/list"
if [ ! -s "$tmp/list" ]; then
    echo "api-check: $hdr has no ACEH_FUNCTIONS list"
    exit 1
fi
if [ -n "$(uniq -d "$tmp/list")" ]; then
    echo "api-check: named twice in ACEH_FUNCTIONS: $(uniq -d "$tmp/list" | tr '\n' ' ')"
    fail=1
fi
# The functions aceh.h defines inline, from ACEH_INLINE_FUNCTIONS.
printf '#include "aceh.h"\n#define ACEH_LIST_NAME(f) ACEH_LIST f\nACEH_INLINE_FUNCTIONS(ACEH_LIST_NAME)\n' |
    $CC -E -P -I"$(dirname "$hdr")" -x c - | tr ' ' '\n' |
    grep -A1 '^ACEH_LIST$' | grep '^aceh_' | sort >"$tmp/inline"
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
if ! diff "$tmp/declared" "$tmp/list" >"$tmp/diff"; then
    echo "api-check: ACEH_FUNCTIONS and the declarations in $hdr differ:"
    sed -n 's/^< /  declared, not in ACEH_FUNCTIONS: /p; s/^> /  in ACEH_FUNCTIONS, not declared: /p' "$tmp/diff"
    fail=1
fi
if ! diff "$tmp/declared-inline" "$tmp/inline" >"$tmp/diff"; then
    echo "api-check: ACEH_INLINE_FUNCTIONS and the inline definitions in $hdr differ:"
    sed -n 's/^< /  defined inline, not in ACEH_INLINE_FUNCTIONS: /p; s/^> /  in ACEH_INLINE_FUNCTIONS, not defined inline: /p' "$tmp/diff"
    fail=1
fi
# Every public function compared against a reference by a fuzz harness:
# the table $API_COMPARED (fuzz/compared.tsv: function, harness, the call
# as the harness's code spells it, reference) has a row for each, and
# each row holds in fuzz/<harness>_fuzzer.c (comment lines left out): the
# call names the function and is there, the reference is used there and
# defined there or in ref.c beside it.
if [ -n "${API_COMPARED:-}" ]; then
    dir=$(dirname "$API_COMPARED")
    grep -v '^#' "$API_COMPARED" | grep . >"$tmp/rows"
    cut -f1 "$tmp/rows" | sort -u >"$tmp/compared"
    sort -u "$tmp/list" "$tmp/inline" >"$tmp/all"
    for f in $(comm -23 "$tmp/all" "$tmp/compared"); do
        echo "api-check: no fuzz harness compares $f with a reference (a row in $API_COMPARED)"
        fail=1
    done
    for f in $(comm -13 "$tmp/all" "$tmp/compared"); do
        echo "api-check: $API_COMPARED names $f, which neither function list does"
        fail=1
    done
    while IFS=$(printf '\t') read -r fn h call ref; do
        src=$dir/${h}_fuzzer.c
        why=
        if [ ! -f "$src" ]; then
            why="no file $src"
        else
            grep -v -E '^[[:space:]]*(/\*|\*)' "$src" >"$tmp/code"
            defs=$(grep -cE "^[A-Za-z].*[ *]$ref\(" "$src")
            if ! printf '%s\n' "$call" | grep -Eq "(^|[^A-Za-z0-9_])(aceh_)?${fn#aceh_}\(\$"; then
                why="the call '$call' is not one of $fn"
            elif ! grep -qF -- "$call" "$tmp/code"; then
                why="$src has no call '$call'"
            elif [ "$(grep -cw -- "$ref" "$tmp/code")" -le "$defs" ]; then
                why="$src does not use $ref"
            elif ! grep -qE "^[A-Za-z].*[ *]$ref\(" "$src" "$dir/ref.c"; then
                why="$ref is defined neither in $src nor in $dir/ref.c"
            fi
        fi
        if [ -n "$why" ]; then
            echo "api-check: $API_COMPARED: $fn, $h: $why"
            fail=1
        fi
    done <"$tmp/rows"
fi
for lib in "$@"; do
    case $lib in
    *.so*) nm -D --defined-only "$lib" ;;
    *) nm -g --defined-only "$lib" ;;
    esac 2>/dev/null | awk 'NF >= 3 { print $NF }' | sort -u >"$tmp/lib"
    if ! diff "$tmp/lib" "$tmp/list" >"$tmp/diff"; then
        echo "api-check: $lib and ACEH_FUNCTIONS differ:"
        sed -n "s/^< /  defined in $(basename "$lib"), not in ACEH_FUNCTIONS: /p; s/^> /  in ACEH_FUNCTIONS, not defined: /p" "$tmp/diff"
        fail=1
    fi
done
if [ "$fail" = 0 ]; then
    echo "api-check: $(wc -l <"$tmp/list") functions: ACEH_FUNCTIONS, the ACEH_API declarations and $# libraries agree; $(wc -l <"$tmp/inline") inline: ACEH_INLINE_FUNCTIONS and the inline definitions agree${API_COMPARED:+; each is compared with a reference by the fuzz harness $API_COMPARED names}"
fi
exit $fail
