#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: coverage.sh DIR TABLE SRC VARIANT[@qemu]...
# Runs DIR/VARIANT/unit_test and DIR/VARIANT/table_runner (built with
# clang-14 -fprofile-instr-generate -fcoverage-mapping), merges the profiles
# of each variant and reports line and branch coverage of every file in the
# directory of SRC (the library source, parser/aceh.c), SRC itself required:
#   coverage (VARIANT): parser/aceh.c lines L% branches B%   one per variant
#   coverage: parser/aceh.c lines L% branches B%             the lowest
# Fails (listing what was missed) when any variant is below 100% lines or
# 100% branches. The pass/fail test compares counts, not rounded percents.
# VARIANT@qemu: that variant's programs run under $QEMU_X86 (default
# "qemu-x86_64 -cpu max"), for a CPU that lacks its instructions.
set -u
dir=$1
table=$2
src=$3
shift 3
srcdir=$(cd "$(dirname "$src")" && pwd -P)
srcabs="$srcdir/$(basename "$src")"
here=$(pwd -P)
PROFDATA=${LLVM_PROFDATA:-llvm-profdata-14}
COV=${LLVM_COV:-llvm-cov-14}
fail=0
summary="$dir/summary.tsv"
: > "$summary"
for arg in "$@"; do
    v=${arg%@qemu}
    run=""
    [ "$v" != "$arg" ] && run=${QEMU_X86:-qemu-x86_64 -cpu max}
    d="$dir/$v"
    rm -rf "$d/prof"
    mkdir -p "$d/prof"
    # %m: one file per binary; Check's forked children merge into it.
    export LLVM_PROFILE_FILE="$d/prof/%m.profraw"
    # $run is empty or the emulator command, split into words on purpose.
    # shellcheck disable=SC2086
    if ! $run "$d/unit_test" > "$d/unit.log" 2>&1; then
        tail -n 20 "$d/unit.log"; echo "coverage: unit suite failed ($v)"; fail=1
    fi
    # shellcheck disable=SC2086
    if ! $run "$d/table_runner" --guard "$table" > "$d/table.log" 2>&1; then
        tail -n 20 "$d/table.log"; echo "coverage: table runner failed ($v)"; fail=1
    fi
    unset LLVM_PROFILE_FILE
    "$PROFDATA" merge -sparse "$d"/prof/*.profraw -o "$d/all.profdata" || exit 1
    # Per file: name, covered/total lines, covered/total branches.
    "$COV" export "$d/unit_test" -object "$d/table_runner" \
        -instr-profile="$d/all.profdata" -summary-only |
        jq -r '.data[0].files[] | [.filename, .summary.lines.covered,
               .summary.lines.count, .summary.branches.covered,
               .summary.branches.count] | @tsv' |
        while IFS="$(printf '\t')" read -r f lc lt bc bt; do
            case "$f" in
            "$srcdir"/*) ;;
            *) continue ;;
            esac
            [ "$f" = "$srcabs" ] && echo "$f" > "$d/found"
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "${f#"$here"/}" "$lc" \
                "$lt" "$bc" "$bt"
        done >> "$summary"
    if [ ! -s "$d/found" ]; then
        echo "coverage: $src is not in the $v coverage data"; fail=1
    fi
    rm -f "$d/found"
done
# A file with nothing to count (no branches) is fully covered.
pct='function pct(c, t) { return t ? sprintf("%.2f", 100 * c / t) : "100.00" }'
awk -F '\t' "$pct"'
    { printf "coverage (%s): %s lines %s%% branches %s%%\n", $1, $2,
             pct($3, $4), pct($5, $6) }' "$summary"
# The headline: per file, the lowest line and branch figure of any variant.
awk -F '\t' "$pct"'
    { l = $4 ? $3 / $4 : 1; b = $6 ? $5 / $6 : 1
      if (!($2 in ml) || l < ml[$2]) { ml[$2] = l; lc[$2] = $3; lt[$2] = $4 }
      if (!($2 in mb) || b < mb[$2]) { mb[$2] = b; bc[$2] = $5; bt[$2] = $6 } }
    END { for (f in ml) printf "coverage: %s lines %s%% branches %s%%\n", f,
                               pct(lc[f], lt[f]), pct(bc[f], bt[f]) }' \
    "$summary" | sort
# Below 100%: show the lines and branches never taken.
while IFS="$(printf '\t')" read -r v f lc lt bc bt; do
    if [ "$lc" != "$lt" ] || [ "$bc" != "$bt" ]; then
        fail=1
        echo "coverage: $f ($v): $((lt - lc)) lines, $((bt - bc)) branches not covered:"
        "$COV" show "$dir/$v/unit_test" -object "$dir/$v/table_runner" \
            -instr-profile="$dir/$v/all.profdata" -show-branches=count "$f" |
            grep -E '^ *[0-9]+\| *0\||True: 0,|False: 0\]' | head -n 40
    fi
done < "$summary"
[ "$fail" = 0 ] || echo "coverage: FAILED"
exit $fail
