#!/bin/sh
# SPDX-License-Identifier: MIT
# run-external's own test (`make conformance-protocol`): protocol v2 answers,
# skips never counted as agreement, the timeout, capabilities, subset
# tables and every exit status, with skip-hang.sh as the implementation.
#
#   conformance/selftest/run-external-test.sh BUILD_DIR
#
# Expected counts are worked out here from the table, independently of
# run-external. Exit status 0 when every check holds, 1 otherwise.
set -u
build=$1
here=$(dirname "$0")
re=$here/../run-external
impl=$here/skip-hang.sh
table=$here/../cases.tsv
out=$build/conformance/selftest
rm -rf "$out"
mkdir -p "$out" || exit 1
ACEH=$build/aceh
export ACEH
failures=0
fail() { echo "run-external-test: FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "run-external-test: ok: $*"; }

# expect_rc WHAT WANT GOT
expect_rc() {
    if [ "$3" = "$2" ]; then pass "$1 (exit $3)"; else fail "$1: exit $3, want $2"; fi
}
# rx FILE WHAT WANT COMMAND...: COMMAND's output into $out/FILE; its exit
# status must be WANT.
rx() {
    f=$1 what=$2 want=$3
    shift 3
    "$@" > "$out/$f" 2>&1
    expect_rc "$what" "$want" $?
}
# expect_line WHAT FILE LINE: FILE has exactly this line
expect_line() {
    if grep -Fxq -- "$3" "$2"; then pass "$1"; else
        fail "$1: no line '$3' in $2"; sed 's/^/    | /' "$2" | tail -12; fi
}

# A subset table: the grammar and wildcard rows only (two areas of five).
awk -F '\t' '/^#/ || $0 == "" || $2 == "grammar" || $2 == "wildcard"' \
    "$table" > "$out/sub.tsv"

# SKIP=1: requests with VT or FF, and requests whose last line is "*".
HANG_AT=100

# Expected outcome of every row in request order (flag "-" rows form the
# plain stream; HANG_AT counts the requests of one stream, 0: no hang).
expect() { # HANG_AT OUTFILE
    awk -F '\t' -v hang="$1" '
    /^#/ || $0 == "" { next }
    {
        s = ($4 == "-") ? "plain" : "auth"
        n[s]++
        req = $3 "\t" $5
        for (i = 9; i <= NF; i++) req = req "\t" $i
        if (hang && n[s] >= hang) what = "noanswer"
        else if (tolower(req) ~ /\\x0[bc]/ || req ~ /\t\*$/) what = "skip"
        else what = "agree"
        print $1 "\t" $2 "\t" $6 "\t" what
    }' "$out/sub.tsv" > "$2"
}
expect "$HANG_AT" "$out/expect.tsv"
expect 0 "$out/expect-nohang.tsv"

counts() { # FILE AREA -> "A agreed, D disagreed, S skipped"
    awk -F '\t' -v a="$2" '
    a == "total" || $2 == a { c[$4]++ }
    END { printf "%d agreed, %d disagreed, %d skipped", c["agree"], c["noanswer"], c["skip"] }' "$1"
}
nskip=$(awk -F '\t' '$4 == "skip"' "$out/expect.tsv" | wc -l)
nskip1=$(awk -F '\t' '$4 == "skip" && $3 == 1' "$out/expect.tsv" | wc -l)
nskip0=$(awk -F '\t' '$4 == "skip" && $3 == 0' "$out/expect.tsv" | wc -l)
nhang=$(awk -F '\t' '$4 == "noanswer"' "$out/expect.tsv" | wc -l)
# The test must be able to fail: skips with both expected answers, and
# rows left unanswered by the hang.
if [ "$nskip1" -gt 0 ] && [ "$nskip0" -gt 0 ] && [ "$nhang" -gt 0 ]; then
    pass "the subset table has skips expecting 1 ($nskip1) and 0 ($nskip0), $nhang rows after the hang"
else
    fail "the subset table does not exercise skips and the hang ($nskip1, $nskip0, $nhang)"
fi

# 1. Skips and a hang in one run.
start=$(date +%s)
SKIP=1 HANG_AT=$HANG_AT HANG_PID=$out/hang.pid \
    "$re" --timeout 3 --table "$out/sub.tsv" sh "$impl" > "$out/hang.out" 2>&1
rc=$?
end=$(date +%s)
expect_rc "skips and a hang" 1 "$rc"
for a in wildcard grammar total; do
    expect_line "$a counts with skips and a hang" "$out/hang.out" \
        "run-external: $a $(counts "$out/expect.tsv" $a)"
done
if grep -Eq '^run-external: (empty|credentials|decision) ' "$out/hang.out"; then
    fail "areas without rows in the subset table are printed"
else pass "areas without rows are not printed"; fi
expect_line "the timeout is reported" "$out/hang.out" \
    "run-external: the plain run was killed after 3 s (--timeout)"
got=$(grep -c '^skipped: .*: pattern matched$' "$out/hang.out")
[ "$got" = "$nskip" ] && pass "every skipped row listed ($got)" ||
    fail "$got skipped rows listed, want $nskip"
got=$(grep -c '^disagreement: .*: no answer (the run was killed at the timeout)$' "$out/hang.out")
[ "$got" = "$nhang" ] && pass "every pending row listed ($got)" ||
    fail "$got pending rows listed, want $nhang"
# Each row is listed under what happened to it, by id.
awk -F '\t' '$4 == "skip" { print "skipped: " $1 " (" }
             $4 == "noanswer" { print "disagreement: " $1 " (" }' \
    "$out/expect.tsv" | sort > "$out/want-ids"
grep -E '^(skipped|disagreement): ' "$out/hang.out" | sed 's/(.*/(/' | sort > "$out/got-ids"
cmp -s "$out/want-ids" "$out/got-ids" && pass "skipped and pending rows are the right ids" ||
    fail "skipped/pending ids differ (see $out/want-ids, $out/got-ids)"
if [ $((end - start)) -lt 60 ]; then pass "the hung run ended in $((end - start)) s"
else fail "the hung run took $((end - start)) s"; fi
# alive PID: running, not a zombie waiting for init to reap it.
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    case $(ps -o stat= -p "$1" 2>/dev/null) in Z*|'') return 1 ;; esac
}
if [ ! -s "$out/hang.pid" ]; then
    fail "the test implementation never reached its hang"
elif alive "$(cat "$out/hang.pid")"; then
    fail "the hanging program's child $(cat "$out/hang.pid") outlived the run"
    kill "$(cat "$out/hang.pid")"
else pass "the hanging program's child was ended with it"; fi

# 2. Skips alone: exit 3, or 0 with --accept-skips; never counted as agreed.
rx skip.out "skips only" 3 env SKIP=1 "$re" --table "$out/sub.tsv" sh "$impl"
nrows=$(wc -l < "$out/expect-nohang.tsv")
nskip=$(awk -F '\t' '$4 == "skip"' "$out/expect-nohang.tsv" | wc -l)
expect_line "skips are not agreements" "$out/skip.out" \
    "run-external: total $((nrows - nskip)) agreed, 0 disagreed, $nskip skipped"
rx accept.out "skips with --accept-skips" 0 env SKIP=1 "$re" --accept-skips --table "$out/sub.tsv" sh "$impl"
expect_line "skips still counted apart with --accept-skips" "$out/accept.out" \
    "run-external: total $((nrows - nskip)) agreed, 0 disagreed, $nskip skipped"

# 3. Capabilities: rows needing what the program lacks are not applicable
# and never fail the run; the numbers come from the committed metadata.
meta=$here/../rows-meta.tsv
nall=$(grep -vc '^#' "$meta")
nauth=$(grep -c '	authorization-optin' "$meta")
nhttp=$(grep -v '^#' "$meta" | grep -Ec 'http-ctl|http-big|name-not-token')
rx caps.out "--query-capabilities without the opt-in" 0 \
    env CAPS="capabilities: control-bytes large-values non-token-names" "$re" --query-capabilities sh "$impl"
expect_line "opt-in rows not applicable (queried)" "$out/caps.out" \
    "run-external: total $((nall - nauth)) agreed, 0 disagreed, 0 skipped, $nauth not applicable"
rx noauth.out "--no-authorization-optin" 0 "$re" --no-authorization-optin "$ACEH" batch
expect_line "opt-in rows not applicable (option)" "$out/noauth.out" \
    "run-external: total $((nall - nauth)) agreed, 0 disagreed, 0 skipped, $nauth not applicable"
rx http.out "--http" 0 "$re" --http "$ACEH" batch
expect_line "HTTP-level capabilities" "$out/http.out" \
    "run-external: total $((nall - nhttp)) agreed, 0 disagreed, 0 skipped, $nhttp not applicable"
[ "$nhttp" -gt 0 ] && pass "$nhttp rows need more than HTTP/1.1 can carry" ||
    fail "no row tagged http-ctl, http-big or name-not-token"
rx badcap.out "unknown capability" 2 env CAPS="capabilities: teleport" "$re" --query-capabilities sh "$impl"
rx badcap2.out "unreadable capabilities answer" 2 env CAPS="nonsense" "$re" --query-capabilities sh "$impl"
rx v1cap.out "a v1 program asked for capabilities" 2 "$re" --query-capabilities "$ACEH" batch

# 4. Every other exit status and failure.
rx v1.out "a v1 program (aceh batch), whole table" 0 "$re" "$ACEH" batch
expect_line "whole table, v1 answers" "$out/v1.out" \
    "run-external: total $nall agreed, 0 disagreed, 0 skipped"
awk -F '\t' -v OFS='\t' '$1 == "gr-vt-after" { $6 = 1 - $6 } 1' "$out/sub.tsv" > "$out/flip.tsv"
rx flip.out "a flipped row" 1 "$re" --table "$out/flip.tsv" "$ACEH" batch
grep -q '^disagreement: gr-vt-after (grammar, ' "$out/flip.out" &&
    pass "the flipped row is named" || fail "the flipped row is not named"
rx garbage.out "a malformed answer" 1 env GARBAGE_AT=3 "$re" --table "$out/sub.tsv" sh "$impl"
grep -q 'malformed answer "yes"' "$out/garbage.out" && pass "malformed answer named" ||
    fail "malformed answer not named"
rx extra.out "an extra answer" 1 env EXTRA=1 "$re" --table "$out/sub.tsv" sh "$impl"
rx exit.out "the program exits 5" 1 env EXIT=5 "$re" --table "$out/sub.tsv" sh "$impl"
rx usage.out "no command" 2 "$re"
rx timeout.out "bad --timeout" 2 "$re" --timeout soon "$ACEH" batch
awk -F '\t' '/^#/ || $4 != "-"' "$table" > "$out/optin.tsv"
rx optin.out "no applicable row" 2 "$re" --table "$out/optin.tsv" --no-authorization-optin "$ACEH" batch
printf 'x\tgrammar\tomit\t-\tX\t2\tok\tsrc\n' > "$out/bad.tsv"
rx bad.out "a malformed table" 2 "$re" --table "$out/bad.tsv" "$ACEH" batch

if [ "$failures" -eq 0 ]; then
    echo "run-external-test: all checks passed"
    exit 0
fi
echo "run-external-test: $failures check(s) failed"
exit 1
