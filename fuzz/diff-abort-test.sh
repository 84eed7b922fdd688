#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves that the differential harness aborts on a disagreement, whichever
# build of the library the input selects: the same inputs pass against the
# real reference and must abort against a deliberately broken one
# (fuzz/ref.c, -DREF_BREAK=1: '^' is not tchar; -DREF_BREAK=2: the
# wildcard also works under include). Selector values 0-7 (the low bits
# pick the build, see fuzz/differential_fuzzer.c) cover every build there
# is today and wrap around when there are fewer.
set -u
: "${FUZZ_OUT:=build/fuzz}"
dir=$FUZZ_OUT/diff-abort
rm -rf "$dir"
mkdir -p "$dir"
fail=0
for sel in 0 1 2 3 4 5 6 7; do
    # Selector, then the layout of fuzz/input.h: control byte, separator,
    # name, lines.
    printf "\\00$sel\\000\\nx-a\\na^b, x-a" > "$dir/break1-$sel" # omit, name x-a
done
printf '\000\002\nx-b\nx-a, *' > "$dir/break2-0"                    # include, name x-b
# All of them agree with the real reference (one process)...
if ! "$FUZZ_OUT/libfuzzer/differential_fuzzer" -runs=1 "$dir"/break* \
    > "$dir/good.log" 2>&1; then
    echo "diff-abort: the real reference disagrees, see $dir/good.log"
    fail=1
fi
# ...and each aborts against the broken one (one process each).
for in in "$dir"/break*; do
    n=$(basename "$in" | cut -c6)
    if "$FUZZ_OUT/refbreak$n/differential_fuzzer" -runs=1 "$in" \
        > "$in.broken.log" 2>&1; then
        echo "diff-abort: REF_BREAK=$n did NOT abort on $in: the harness cannot fail"
        fail=1
    elif ! grep -q 'differential mismatch' "$in.broken.log"; then
        echo "diff-abort: REF_BREAK=$n failed on $in, but not with a mismatch report:"
        tail -20 "$in.broken.log"
        fail=1
    fi
done
builds=$(cat "$dir"/*.broken.log 2>/dev/null |
    sed -n 's/^differential mismatch (\(.*\) vs reference).*/\1/p' | sort -u)
echo "diff-abort: REF_BREAK=1 (selectors 0-7) and 2 abort with a mismatch report; builds seen:"
printf '%s\n' "$builds" | sed 's/^/  /'
[ "$(printf '%s\n' "$builds" | grep -c .)" -ge 2 ] || {
    echo "diff-abort: fewer than two builds reached: the selector does not select"
    fail=1
}
exit $fail
