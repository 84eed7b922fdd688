#!/bin/sh
# SPDX-License-Identifier: MIT
# `aceh lint` on the reviewed corpus of real values (tests/lint-corpus/):
# fails when a problem has no verdict in verdicts.tsv, when a problem
# reviewed right is no longer reported, or when a code with at least 5
# problems on either part is right less than 90% of the time. Prints the
# precision of each code on both parts.
#   tests/lint-corpus/check.sh ACEH_PROGRAM
set -eu
aceh=$1
dir=$(dirname "$0")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aceh-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# One value a line, in corpus order (no value is blank or starts with #).
grep -v '^#' "$dir/corpus.tsv" | cut -f1 > "$tmp/parts"
grep -v '^#' "$dir/corpus.tsv" | cut -f3- > "$tmp/values"
"$aceh" lint --all --file "$tmp/values" > "$tmp/out" || true
sed -n -E 's/^line ([0-9]+) offset ([0-9]+): (error|warning): ([a-z-]+): .*/\1\t\2\t\4/p' \
    "$tmp/out" > "$tmp/problems"
awk -F'\t' -v parts="$tmp/parts" -v values="$tmp/values" -v verdicts="$dir/verdicts.tsv" '
BEGIN {
    while ((getline p < parts) > 0) part[n++] = p
    n = 0
    while ((getline v < values) > 0) value[n++] = v
    while ((getline l < verdicts) > 0) {
        if (l ~ /^#/) continue
        split(l, f, "\t")
        key = f[2] SUBSEP f[3] SUBSEP f[5]
        verdict[key] = f[4]
        vpart[key] = f[1]
    }
    bad = 0
}
{
    key = $3 SUBSEP $2 SUBSEP value[$1]
    p = part[$1]
    if (!(key in verdict)) {
        printf "corpus: not reviewed: %s\t%s\t%s\t%s\n", p, $3, $2, value[$1]
        bad = 1
        next
    }
    seen[key] = 1
    total[p, $3]++
    if (verdict[key] == "right") right[p, $3]++
    codes[$3] = 1
}
END {
    for (key in verdict)
        if (verdict[key] == "right" && !(key in seen)) {
            split(key, k, SUBSEP)
            printf "corpus: a problem reviewed right is gone: %s %s at %s in: %s\n", vpart[key], k[1], k[2], k[3]
            bad = 1
        }
    printf "%-22s %-16s %-16s\n", "code", "tune right/all", "held right/all"
    for (c in codes) {
        line = sprintf("%-22s", c)
        for (i = 1; i <= 2; i++) {
            p = i == 1 ? "tune" : "held"
            t = total[p, c] + 0
            r = right[p, c] + 0
            line = line sprintf(" %-16s", t ? sprintf("%d/%d %d%%", r, t, int(100 * r / t)) : "-")
            if (t >= 5 && r * 10 < t * 9) {
                printf "corpus: %s on the %s part: %d of %d right, under 90%%\n", c, p, r, t
                bad = 1
            }
        }
        print line | "sort"
    }
    close("sort")
    exit bad
}' "$tmp/problems"
echo "corpus: $(wc -l < "$tmp/values") values, $(wc -l < "$tmp/problems") problems, all reviewed"
