#!/bin/sh
# SPDX-License-Identifier: MIT
# Every action, input and value the ClusterFuzzLite workflows use is one
# ClusterFuzzLite documents: each `uses:` must be listed in
# fuzz/cflite-names.tsv, each input under its `with:` too (as
# action/input), with its value or `*`. A value ${{ matrix.X }} stands for
# every item of the job's matrix list X; commented-out lines count as used
# (they are meant to be enabled). Prints how many uses it checked; exits 1
# on a name the list lacks.
#   fuzz/cflite-names.sh WORKFLOW.yml...
set -u
names=fuzz/cflite-names.tsv
awk -F '\t' -v OFS='\t' '
FNR == NR { if ($0 !~ /^#/) ok[$1 "\t" $2] = 1; next }
{
    line = $0
    sub(/^[ \t]*#[ \t]?/, "", line) # a commented-out input is checked too
    match(line, /^ */); ind = RLENGTH
    sub(/^ */, "", line)
    if (line ~ /^- /) line = substr(line, 3)
    if (line ~ /^uses: /) {
        act = substr(line, 7); short = act
        sub(/^.*\//, "", short); sub(/@.*/, "", short)
        n++; if (!((act "\t-") in ok)) { print FILENAME ": action " act " is not documented"; bad = 1 }
        with = -1; next
    }
    if (line ~ /^with:$/) { with = ind; next }
    if (with >= 0 && ind <= with && line != "") with = -1
    # The matrix lists: "sanitizer:" then "- address" lines.
    if (line ~ /^[a-z-]+:$/) { key = substr(line, 1, length(line) - 1); keyind = ind; next }
    if ($0 ~ /^ *- / && key != "" && ind > keyind && with < 0) { mat[FILENAME, key] = mat[FILENAME, key] " " line; next }
    if (with < 0 || line !~ /^[a-z-]+: /) { key = ""; next }
    k = line; sub(/:.*/, "", k)
    v = line; sub(/^[a-z-]+: /, "", v); sub(/[ \t]+#.*/, "", v); gsub(/^\x27|\x27$/, "", v)
    nv = 1; vs[1] = v
    if (v ~ /^\$\{\{ matrix\.[a-z-]+ \}\}$/) {
        m = v; sub(/^\$\{\{ matrix\./, "", m); sub(/ \}\}$/, "", m)
        nv = split(mat[FILENAME, m], vs, " ")
    }
    for (i = 1; i <= nv; i++) {
        n++
        if (!((short "/" k "\t" vs[i]) in ok) && !((short "/" k "\t*") in ok)) {
            print FILENAME ": " short " input " k ": " vs[i] " is not documented"; bad = 1
        }
    }
}
END { print "cflite-names: " n " uses of actions, inputs and values checked against " ARGV[1]; exit bad }
' "$names" "$@"
