#!/bin/sh
# SPDX-License-Identifier: MIT
# `make conformance-shortcuts`: the table catches every shortcut in
# shortcut.sh. The correct decision (none) must pass run-external; every
# shortcut must fail it, with disagreeing rows in each credentials mode in
# which the shortcut can show (all three, except where noted below).
#
#   conformance/shortcuts/check.sh BUILD_DIR
set -u
build=$1
here=$(dirname "$0")
re=$here/../run-external
out=$build/conformance/shortcuts
mkdir -p "$out" || exit 1
fails=0
all="omit,same-origin,include"
# name<TAB>modes that must show it
list="no-validate	$all
trim-leading-only	$all
case-sensitive	$all
star-prefix	$all
first-match	$all
wildcard-with-credentials	include
no-wildcard	omit,same-origin
no-safelist	$all
forbidden-exposed	$all
trim-query	$all
first-line-only	$all
isspace-ows	$all"

# Every shortcut impl.awk knows is in the list, and the other way round.
known=$(sed -n '/known = /,/isspace/p' "$here/impl.awk" | tr -c 'a-z-' '\n' |
    grep -v '^$\|^known$\|^none$' | sort)
listed=$(printf '%s\n' "$list" | cut -f1 | sort)
if [ "$known" != "$listed" ]; then
    echo "conformance-shortcuts: FAIL: impl.awk and check.sh list different shortcuts"
    fails=$((fails + 1))
fi

"$re" sh "$here/shortcut.sh" none > "$out/none.out" 2>&1
rc=$?
if [ "$rc" = 0 ]; then echo "conformance-shortcuts: none (the correct decision) passes"
else echo "conformance-shortcuts: FAIL: none exits $rc"; tail -5 "$out/none.out"; fails=$((fails + 1)); fi

printf '%s\n' "$list" | {
    f=0
    while IFS='	' read -r name modes; do
        "$re" sh "$here/shortcut.sh" "$name" > "$out/$name.out" 2>&1
        rc=$?
        # Modes of the disagreeing rows, looked up in the table by id.
        seen=$(sed -n 's/^disagreement: \([^ ]*\) .*/\1/p' "$out/$name.out" |
            awk -F '\t' 'NR == FNR { want[$1] = 1; next }
                         $1 in want { print $3 }' - "$here/../cases.tsv" | sort -u | tr '\n' ' ')
        n=$(grep -c '^disagreement: ' "$out/$name.out")
        missing=""
        for m in $(echo "$modes" | tr ',' ' '); do
            case " $seen" in *" $m "*) ;; *) missing="$missing $m" ;; esac
        done
        if [ "$rc" = 1 ] && [ -z "$missing" ]; then
            echo "conformance-shortcuts: $name fails as it must ($n rows; modes: $seen)"
        else
            echo "conformance-shortcuts: FAIL: $name: exit $rc, $n rows, no row in:$missing"
            f=$((f + 1))
        fi
    done
    exit "$f"
} || fails=$((fails + $?))
[ "$fails" = 0 ] || { echo "conformance-shortcuts: $fails failure(s)"; exit 1; }
echo "conformance-shortcuts: every shortcut is caught"
