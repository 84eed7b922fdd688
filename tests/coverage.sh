#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: coverage.sh DIR TABLE SRC VARIANT[@qemu]...
# Runs DIR/VARIANT/unit_test and DIR/VARIANT/table_runner (built with
# clang-14 -fprofile-instr-generate -fcoverage-mapping), merges the profiles
# of each variant and reports line and branch coverage of every file in the
# directory of SRC (the library source, parser/aceh.c), SRC itself required,
# and of each source file under parser/src/ that SRC is generated from:
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
: > "$dir/parts.tsv"

# Per source file under parser/src/ (SRC is generated from them, and
# clang's coverage ignores its #line directives): the line counts of
# llvm-cov's line view of SRC and the outcomes of every branch of its
# functions, each mapped back to the file and line a #line directive
# names. Writes VARIANT, file, covered/total lines, covered/total branch
# outcomes. The view also counts a few lines outside functions (the
# instantiation sites of the per-level kernels), so the totals of the
# parts may pass those of SRC by a handful; the verdict takes both.
parts() {
    "$COV" export "$1/unit_test" -object "$1/table_runner" \
        -instr-profile="$1/all.profdata" "$srcabs" |
        jq -r --arg src "$srcabs" '.data[0].functions[] | . as $f |
            .branches[] | select($f.filenames[.[6]] == $src) |
            "B\t\(.[0])\t\(.[4])\t\(.[5])"' > "$1/branches.tsv"
    "$COV" show "$1/unit_test" -object "$1/table_runner" \
        -instr-profile="$1/all.profdata" "$srcabs" |
        awk -v src="$src" -v v="$2" -v br="$1/branches.tsv" '
        BEGIN {
            f = src; n = 0; l = 0
            while ((getline s < src) > 0) {
                l++
                if (s ~ /^#line [0-9]+ "[^"]+"$/) {
                    split(s, w, " "); n = w[2] - 1; f = w[3]; gsub(/"/, "", f)
                    continue
                }
                n++; file[l] = f
            }
            while ((getline s < br) > 0) {
                split(s, w, "\t"); g = file[w[2] + 0]
                bt[g] += 2; bc[g] += (w[3] != "0") + (w[4] != "0")
            }
        }
        /^ *[0-9]+\|/ {
            split($0, w, "|"); g = file[w[1] + 0]; k = w[2]; gsub(/ /, "", k)
            if (k != "" && g != "") { lt[g]++; lc[g] += k != "0" }
        }
        END {
            for (g in lt)
                if (g != src)
                    printf "%s\t%s\t%d\t%d\t%d\t%d\n", v, g, lc[g], lt[g], bc[g], bt[g]
        }'
}
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
            "$srcdir"/src/*) continue ;; # the tests' own copy of fold.h
            "$srcdir"/*) ;;
            *) continue ;;
            esac
            [ "$f" = "$srcabs" ] && echo "$f" > "$d/found"
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "${f#"$here"/}" "$lc" \
                "$lt" "$bc" "$bt"
        done >> "$summary"
    parts "$d" "$v" >> "$dir/parts.tsv"
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
# lowest COUNTS FILE: per file, the lowest line and branch figure of any
# variant (with the totals when COUNTS is 1): the headline from the summary,
# then each source file under parser/src/.
lowest() {
    awk -F '\t' -v counts="$1" "$pct"'
    { l = $4 ? $3 / $4 : 1; b = $6 ? $5 / $6 : 1
      if (!($2 in ml) || l < ml[$2]) { ml[$2] = l; lc[$2] = $3; lt[$2] = $4 }
      if (!($2 in mb) || b < mb[$2]) { mb[$2] = b; bc[$2] = $5; bt[$2] = $6 } }
    END { for (f in ml) if (counts) printf "coverage: %s lines %s%% (%d) branches %s%% (%d)\n",
                            f, pct(lc[f], lt[f]), lt[f], pct(bc[f], bt[f]), bt[f]
                        else printf "coverage: %s lines %s%% branches %s%%\n", f,
                            pct(lc[f], lt[f]), pct(bc[f], bt[f]) }' "$2" | sort
}
lowest 0 "$summary"
lowest 1 "$dir/parts.tsv"
if awk -F '\t' '$3 != $4 || $5 != $6 { bad = 1 } END { exit !bad }' "$dir/parts.tsv"; then
    echo "coverage: a source file under parser/src/ is not fully covered (above)"; fail=1
fi
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
