#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves that the differential harness aborts on a disagreement: the same
# inputs pass against the real reference and must abort against a
# deliberately broken one (fuzz/ref.c, -DREF_BREAK=1: '^' is not tchar;
# -DREF_BREAK=2: the wildcard also works under include).
set -u
: "${FUZZ_OUT:=build/fuzz}"
dir=$FUZZ_OUT/diff-abort
rm -rf "$dir"
mkdir -p "$dir"
# Layout of fuzz/input.h: control byte, separator, name, lines.
printf '\000\nx-a\na^b, x-a' > "$dir/break1"      # omit, name x-a, "a^b, x-a"
printf '\002\nx-b\nx-a, *' > "$dir/break2"         # include, name x-b, "x-a, *"
fail=0
for n in 1 2; do
    in=$dir/break$n
    if ! "$FUZZ_OUT/libfuzzer/differential_fuzzer" -runs=1 "$in" \
        > "$dir/good$n.log" 2>&1; then
        echo "diff-abort: the real reference disagrees on $in, see $dir/good$n.log"
        fail=1
        continue
    fi
    if "$FUZZ_OUT/refbreak$n/differential_fuzzer" -runs=1 "$in" \
        > "$dir/broken$n.log" 2>&1; then
        echo "diff-abort: REF_BREAK=$n did NOT abort on $in: the harness cannot fail"
        fail=1
    elif grep -q 'differential mismatch' "$dir/broken$n.log"; then
        echo "diff-abort: REF_BREAK=$n aborts as it must: $(grep -m1 'differential mismatch' "$dir/broken$n.log")"
    else
        echo "diff-abort: REF_BREAK=$n failed, but not with a mismatch report:"
        tail -20 "$dir/broken$n.log"
        fail=1
    fi
done
exit $fail
