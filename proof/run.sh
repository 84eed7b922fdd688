#!/bin/sh
# SPDX-License-Identifier: MIT
# One `make prove` run: Frama-C's Eva over parser/aceh.c and proof/driver.c
# for one build at one bound, then WP on the functions of parser/aceh.c
# that carry ACSL annotations (a contract above the function or an
# annotation in its body) and on the driver's: WP proves those
# annotations, the contracts' requires at the driver's calls, and, where
# it can, Eva's alarms in those functions. Prints one line
#   prove <build> bound <n>: <f>/<F> public functions, <k> functions,
#   <s>/<S> statements (<p>%), driver <d>/<D>, <a> alarms (<u> unproven
#   libc preconditions), WP <w>/<W> goals, <t> s (Eva <e> s)
# and exits non-zero when a public function of parser/aceh.h's
# ACEH_FUNCTIONS was not reached, when Frama-C failed, or when the alarms
# pass the baseline: a build whose baseline is 0 fails on any alarm, any
# other build when its count grows above the committed figure
# (proof/baseline.txt).
#
# An alarm is a property of parser/ or proof/ that no analysis proved, as
# Frama-C's report consolidates them (Eva's own alarms, libc preconditions
# at the library's calls, the annotations' own clauses): status Unknown or
# Invalid. A property proven by WP from others still pending is "partially
# proven": counted apart, since it falls when those do.
#
# usage: proof/run.sh BUILD BOUND PRECISION OUTDIR BASELINE -- FRAMA-C ARGS...
# (the Frama-C command is run as given, followed by the WP stages with the
# options in $PROVE_WP: the annotated functions, then those
# $PROVE_WP_BITS names with its options, then the lemmas; PRECISION only
# names the run and picks its baseline line, "BUILD BOUND PRECISION
# ALARMS").
set -u
build=$1
bound=$2
prec=$3
out=$4
baseline=$5
shift 5
[ "$1" = "--" ] && shift
mkdir -p "$out"
log=$out/eva.log
fg=$out/flamegraph.txt
rm -f "$log" "$fg" "$out/alarms.txt" "$out/report.csv" "$out/open.tsv" "$out/eva.sav"

# The functions carrying ACSL annotations, in parser/aceh.c and in the
# inline functions of parser/aceh.h: a comment opening with `/*@` at
# column 0 belongs to the next definition, an indented one to the
# definition it is in (a definition: a line at column 0 naming the
# function, then `{` at column 0 before any line ending in `;`).
annotated() {
    LC_ALL=C awk '
    /^\/\*@/ { pending = 1 }
    /^[A-Za-z_].*[ *(]aceh_[a-z0-9_]*\(/ {
        cand = $0; sub(/\(.*/, "", cand); sub(/.*[ *(]/, "", cand) }
    /;$/ { cand = "" }
    /^\{/ && cand != "" { cur = cand; cand = ""
        if (pending) { f[cur] = 1; pending = 0 } }
    /^ +\/\*@/ && cur != "" { f[cur] = 1 }
    END { for (k in f) print k }' "$1" | LC_ALL=C sort
}
wp_annotated=$(annotated parser/aceh.c)
# The functions proof/driver.c defines: WP proves at their calls what Eva
# cannot check there (a quantified requires, such as aceh_list_ok).
drv_funcs=$(sed -n 's/^\(static [a-z_ ]*[ *]\|int \)\([a-z_][a-z0-9_]*\)(.*/\2/p' proof/driver.c)
# Frama-C gives each file's copy of a header's static inline function a
# suffix _N after the first: those copies are annotated too.
wp_header=$(annotated parser/aceh.h)

start=$(date +%s)
"$@" -eva-flamegraph "$fg" -then -metrics -metrics-eva-cover \
    -save "$out/eva.sav" >"$log" 2>&1
rc=$?
eva_secs=$(( $(date +%s) - start ))
# WP on those of them this build has and Eva reached (the others are not
# compiled in, or dead code here), from the saved analysis.
printf '%s\n' $wp_annotated $wp_header $drv_funcs | LC_ALL=C sort -u >"$out/annotated.txt"
wp_funcs=$(tr ';' '\n' <"$fg" 2>/dev/null | sed 's/ [0-9.]*$//' | LC_ALL=C sort -u |
           awk -v hdr="$wp_header" -v all="$(cat "$out/annotated.txt")" '
               BEGIN { n = split(hdr, a, "\n"); for (i = 1; i <= n; i++) h[a[i]] = 1
                       n = split(all, a, "\n"); for (i = 1; i <= n; i++) f[a[i]] = 1 }
               { g = $0; sub(/_[0-9]+$/, "", g) }
               ($0 in f) || (g in h) { print }' | paste -sd, -)
wp_stage=${wp_funcs:+-wp -wp-fct $wp_funcs ${PROVE_WP:-} -then}
# Then, for the functions $PROVE_WP_BITS names, WP again with its options
# (a tactic), on what the first pass left there.
bits_stage=${PROVE_WP_BITS:+-wp ${PROVE_WP:-} $PROVE_WP_BITS -then}
# The lemmas of parser/aceh.c, which WP proves only when asked by name
# (-wp-fct selects none) and Frama-C's report does not list: each one not
# proven is an alarm (its goal's line in the log).
lemmas=$(sed -n 's/.*lemma \(aceh_[a-z0-9_]*\)[{:].*/\1/p' parser/aceh.c |
         LC_ALL=C sort -u)
lemma_stage=${lemmas:+-wp -wp-fct= -wp-prop $(printf '%s\n' $lemmas | paste -sd, -) ${PROVE_WP:-} -then}
if [ "$rc" = 0 ]; then
    # shellcheck disable=SC2086
    nice "${PROVE_FRAMA_C:-frama-c}" -load "$out/eva.sav" $wp_stage \
        ${wp_funcs:+$bits_stage} $lemma_stage -report-csv "$out/report.csv" >>"$log" 2>&1
    rc=$?
fi
secs=$(( $(date +%s) - start ))
# WP's cast model (proof/proof.mk) follows a cast as the same address; the
# reads through it stay sound only between types of one width: the
# library's casts are between char and unsigned char (sint8, uint8).
casts=$(grep -A1 'Cast with incompatible pointers types' "$log" |
        grep -o '(source: [^)]*) (target: [^)]*)' | LC_ALL=C sort -u |
        grep -v '^(source: [su]int8\*) (target: [su]int8\*)$')
if [ -n "$casts" ]; then
    printf '%s\n' "$casts" | sed 's/^/  /' >&2
    echo "prove $build bound $bound precision $prec: WP followed casts between types of other widths (above; see $log)" >&2
    rc=1
fi
if [ "$rc" != 0 ] || ! grep -q 'ANALYSIS SUMMARY' "$log"; then
    tail -n 30 "$log" >&2
    echo "prove $build bound $bound precision $prec: Frama-C failed (exit $rc, log $log)" >&2
    exit 1
fi

# The summary's figures.
sum=$(sed -n '/ANALYSIS SUMMARY/,$p' "$log")
fun=$(printf '%s\n' "$sum" | sed -n 's/^ *\([0-9]*\) functions analyzed.*/\1/p' | head -n 1)
stm=$(printf '%s\n' "$sum" | sed -n 's/.* \([0-9]*\) statements reached (out of \([0-9]*\)).*/\1 \2/p' | head -n 1)
set -- $stm
st_reached=$1
st_total=$2

# The consolidated statuses of the project's properties not proven: left
# out are Frama-C's own libc specifications, a function's precondition as
# a whole (each call's instance is a property of its own, counted where
# the call is) and properties Eva showed unreachable ("Dead").
awk -F'\t' 'NR > 1 && $1 !~ /^FRAMAC_SHARE/ && $5 != "precondition" &&
             $6 != "Valid" && $6 != "Considered valid" && $6 != "Dead"' \
    "$out/report.csv" >"$out/open.tsv"
lemma_open=$(for l in $lemmas; do
                 # WP's goal names squeeze "__" to "_".
                 g=$(printf '%s' "$l" | sed 's/__*/_/g')
                 grep -Eq "Goal typed_(cast_)?lemma_$g : Valid" "$log" || echo "$l"
             done)
total=$(( $(awk -F'\t' '$6 != "Partially proven"' "$out/open.tsv" | wc -l) +
          $(printf '%s' "$lemma_open" | grep -c .) ))
partial=$(awk -F'\t' '$6 == "Partially proven"' "$out/open.tsv" | wc -l)
unproven=$(awk -F'\t' '$6 != "Partially proven" && $5 ~ /^precondition of / &&
                      $5 !~ /^precondition of aceh_/' \
    "$out/open.tsv" | wc -l)
# WP's goals over its passes: each goal's last status.
wp_goals=$(grep -o 'Goal typed_[^ ]* : [A-Za-z]*' "$log" |
           awk '{ s[$2] = $4 } END { for (g in s) { n++; if (s[g] == "Valid") v++ }
                 printf "%d/%d", v, n }')

# Every alarm site, once: file:line, function, what is not proven.
awk -F'\t' '$6 != "Partially proven" { print $1 "/" $2 ":" $3 " " $4 ": " $5 ": " $7 }' \
    "$out/open.tsv" | sort -u | sort -t: -k1,1 -k2,2n >"$out/alarms.txt"
for l in $lemma_open; do
    echo "parser/aceh.c lemma $l: not proven by WP (see $log)" >>"$out/alarms.txt"
done

# The public functions (parser/aceh.h's ACEH_FUNCTIONS and
# ACEH_INLINE_FUNCTIONS) the driver itself called and Eva reached: on a
# call stack of the flame graph, right after a function of the driver (one
# public function calling another does not count). Frama-C names the
# driver's copy of a header's static inline function with a suffix _N.
funcs=$(sed -n 's/^ *X(\(aceh_[a-z0-9_]*\)).*/\1/p' parser/aceh.h)
reached=$(awk -v drv="$drv_funcs" '
    BEGIN { n = split(drv, a, " "); for (i = 1; i <= n; i++) d[a[i]] = 1 }
    { sub(/ [0-9.]+$/, ""); k = split($0, s, ";")
      for (i = 2; i <= k; i++) if (s[i - 1] in d) { f = s[i]
          sub(/_[0-9]+$/, "", f); print f } }' "$fg" | sort -u)
nf=0
nr=0
missing=""
for f in $funcs; do
    nf=$((nf + 1))
    if printf '%s\n' "$reached" | grep -qx "$f"; then
        nr=$((nr + 1))
    else
        missing="$missing $f"
    fi
done

# The driver's own statements Eva reached (the metrics plug-in's count per
# function).
drv=$(for f in $drv_funcs; do
          sed -n "s/^  $f: \([0-9]*\) stmts out of \([0-9]*\) .*/$f \1 \2/p" "$log"
      done)
drv_reached=$(printf '%s\n' "$drv" | awk '{ s += $2 } END { print s + 0 }')
drv_total=$(printf '%s\n' "$drv" | awk '{ s += $3 } END { print s + 0 }')
drv_short=$(printf '%s\n' "$drv" | awk '$2 != $3 { printf " %s (%d of %d)", $1, $2, $3 }')

pct=$(( st_total > 0 ? 100 * st_reached / st_total : 0 ))
echo "prove $build bound $bound precision $prec: $nr/$nf public functions, $fun functions," \
     "$st_reached/$st_total statements ($pct%), driver $drv_reached/$drv_total," \
     "$total alarms" \
     "($unproven unproven libc preconditions; $partial more proven but for those)," \
     "WP ${wp_goals:-0/0} goals, $secs s (Eva $eva_secs s)"

status=0
if [ -n "$drv_short" ]; then
    echo "prove $build bound $bound precision $prec: driver statements not reached:$drv_short" \
         "(see $log)"
fi
if [ "$nf" = 0 ] || [ -n "$missing" ]; then
    echo "prove $build: public functions the driver does not call (or Eva did not reach):${missing:- (none listed in parser/aceh.h)}" >&2
    status=1
fi
base=$(awk -v b="$build" -v n="$bound" -v e="$prec" \
    '$1 == b && $2 == n && $3 == e { print $4 }' "$baseline")
if [ -z "$base" ]; then
    echo "prove $build bound $bound precision $prec: no baseline in $baseline (add \"$build $bound $prec $total\")" >&2
    status=1
elif [ "$total" -gt "$base" ]; then
    echo "prove $build bound $bound precision $prec: $total alarms, more than the baseline's $base; every site ($out/alarms.txt):" >&2
    sed 's/^/  /' "$out/alarms.txt" >&2
    status=1
elif [ "$total" -lt "$base" ]; then
    echo "prove $build bound $bound precision $prec: $total alarms, fewer than the baseline's $base: lower it in $baseline"
fi
exit $status
