#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: check-map.sh CASES MAP TABLE...
# Every case of CASES (conformance/wpt/cases.tsv) has one line in MAP that
# names rows of the TABLEs or gives a reason; every MAP line is for a case;
# every row id named exists; the per-file counts in CASES's header add up to
# its cases. Prints what is wrong and exits 1, or one summary line.
set -u
[ $# -ge 3 ] || { echo "usage: check-map.sh CASES MAP TABLE..." >&2; exit 2; }
cases=$1
map=$2
shift 2
awk -F'\t' -v cases="$cases" -v map="$map" '
FILENAME == cases && /^#   / {         # header: "#   path<TAB>commit<TAB>count"
    if ($3 != "-") { want[substr($1, 5)] = $3; files++ }
    next
}
FILENAME == cases && /^# total / { total = $0; sub(/^# total /, "", total); sub(/ .*/, "", total); next }
FILENAME == cases && (/^#/ || /^$/) { next }
FILENAME == cases {
    if ($1 in iscase) { print "conformance-wpt: " cases ": case " $1 " twice"; bad = 1 }
    iscase[$1] = 1; order[++ncase] = $1; got[$2]++
    next
}
FILENAME == map && (/^#/ || /^$/) { next }
FILENAME == map {
    if (NF != 3 || ($2 != "rows" && $2 != "reason") || $3 == "") {
        print "conformance-wpt: " map ":" FNR ": want CASE<TAB>rows<TAB>IDS or CASE<TAB>reason<TAB>TEXT"
        bad = 1; next
    }
    if ($1 in mapped) { print "conformance-wpt: " map ":" FNR ": case " $1 " mapped twice"; bad = 1 }
    mapped[$1] = FNR; kind[$1] = $2; val[$1] = $3
    next
}
/^#/ || /^$/ { next }
{ isrow[$1] = 1 }
END {
    for (i = 1; i <= ncase; i++) {
        c = order[i]
        if (!(c in mapped)) {
            print "conformance-wpt: case " c " has neither rows nor a reason in " map
            bad = 1
            continue
        }
        if (kind[c] == "reason") { nreason++; continue }
        nrows++
        n = split(val[c], ids, " ")
        for (j = 1; j <= n; j++) {
            if (!(ids[j] in isrow)) {
                print "conformance-wpt: " map ":" mapped[c] ": row " ids[j] " (for " c ") is in no table"
                bad = 1
            }
            used[ids[j]] = 1
        }
    }
    for (c in mapped)
        if (!(c in iscase)) {
            print "conformance-wpt: " map ":" mapped[c] ": " c " is not a case of " cases
            bad = 1
        }
    for (f in want)
        if (want[f] + 0 != got[f] + 0) {
            print "conformance-wpt: " cases ": header says " want[f] " cases for " f ", it has " got[f] + 0
            bad = 1
        }
    if (total + 0 != ncase) {
        print "conformance-wpt: " cases ": header says " total " cases in total, it has " ncase
        bad = 1
    }
    if (bad) exit 1
    nused = 0
    for (r in used) nused++
    printf "conformance-wpt: %d cases from %d files: %d reproduced by %d rows, %d with a reason\n", ncase, files, nrows, nused, nreason
}' "$cases" "$map" "$@"
