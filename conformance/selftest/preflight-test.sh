#!/bin/sh
# SPDX-License-Identifier: MIT
# run-external --preflight's own test (part of `make conformance-preflight-external`):
# a wrong result, a wrong max_age or reason, an answer without its detail,
# a skip and a missing answer each end in the right status, with `aceh
# preflight` (conformance/adapters/aceh/preflight) as the implementation,
# on small copies of the preflight table under BUILD_DIR.
#
#   conformance/selftest/preflight-test.sh BUILD_DIR
set -u
build=$1
here=$(dirname "$0")
re=$here/../run-external
adapter=$here/../adapters/aceh/preflight
table=$here/../preflight.tsv
out=$build/conformance/preflight-selftest
rm -rf "$out"
mkdir -p "$out" || exit 1
failures=0
check() { # WHAT WANT_RC WANT_LINE GOT_RC FILE
    if [ "$4" != "$2" ]; then
        echo "preflight-test: FAIL: $1: exit $4, want $2"; failures=$((failures + 1))
    elif [ -n "$3" ] && ! grep -Fq -- "$3" "$5"; then
        echo "preflight-test: FAIL: $1: no line with '$3'"; failures=$((failures + 1))
    else
        echo "preflight-test: ok: $1 (exit $4)"
    fi
}
# The first 24 rows: method rows, passes and fails, both detail kinds.
awk -F '\t' '/^#/ || $0 == "" { next } { print; if (++n == 24) exit }' \
    "$table" > "$out/sub.tsv"
awk -F '\t' 'BEGIN { OFS = "\t" }
    $1 == "m-listed-omit" { $7 = "fail"; $8 = "method"; $9 = "-" } { print }' \
    "$out/sub.tsv" > "$out/flip-result.tsv"
awk -F '\t' 'BEGIN { OFS = "\t" } $1 == "m-listed-so" { $9 = "7" } { print }' \
    "$out/sub.tsv" > "$out/flip-age.tsv"
awk -F '\t' 'BEGIN { OFS = "\t" } $1 == "m-case-inc" { $8 = "cors" } { print }' \
    "$out/sub.tsv" > "$out/flip-reason.tsv"
# Implementations that answer less: the word only; "skip" for DELETE;
# nothing for the 5th request.
cat > "$out/word-only.sh" <<EOS
#!/bin/sh
"$adapter" "\$@" | sed 's/ .*//'
EOS
cat > "$out/skip.sh" <<EOS
#!/bin/sh
"$adapter" "\$@" | awk '{ print (n++ == 3 ? "skip not this one" : \$0) }'
EOS
cat > "$out/short.sh" <<EOS
#!/bin/sh
"$adapter" "\$@" | awk 'n++ != 4'
EOS
chmod +x "$out"/*.sh
aceh=$build/aceh

"$re" --preflight --table "$out/sub.tsv" "$adapter" "$aceh" > "$out/ok.txt" 2>&1
check "the correct implementation passes" 0 "total 24 agreed, 0 disagreed" $? "$out/ok.txt"
"$re" --preflight --table "$out/flip-result.tsv" "$adapter" "$aceh" > "$out/r.txt" 2>&1
check "a wrong result is a disagreement" 1 "disagreement: m-listed-omit" $? "$out/r.txt"
"$re" --preflight --table "$out/flip-age.tsv" "$adapter" "$aceh" > "$out/a.txt" 2>&1
check "a wrong max_age is a disagreement" 1 "expected pass 7, got pass 5" $? "$out/a.txt"
"$re" --preflight --table "$out/flip-reason.tsv" "$adapter" "$aceh" > "$out/c.txt" 2>&1
check "a wrong reason is a disagreement" 1 "expected fail cors, got fail method" $? "$out/c.txt"
"$re" --preflight --table "$out/sub.tsv" "$out/word-only.sh" "$aceh" > "$out/w.txt" 2>&1
check "pass/fail without detail is compared on the word" 0 "total 24 agreed" $? "$out/w.txt"
"$re" --preflight --table "$out/flip-result.tsv" "$out/word-only.sh" "$aceh" > "$out/w2.txt" 2>&1
check "... and still disagrees on a wrong word" 1 "disagreement: m-listed-omit" $? "$out/w2.txt"
"$re" --preflight --table "$out/sub.tsv" "$out/skip.sh" "$aceh" > "$out/s.txt" 2>&1
check "a skip is not an agreement" 3 "total 23 agreed, 0 disagreed, 1 skipped" $? "$out/s.txt"
"$re" --preflight --table "$out/sub.tsv" "$out/short.sh" "$aceh" > "$out/n.txt" 2>&1
check "a missing answer is a disagreement" 1 "1 request(s) got no answer" $? "$out/n.txt"
"$re" --preflight --capabilities none --table "$out/sub.tsv" "$adapter" "$aceh" > "$out/na.txt" 2>&1
check "use-cors-preflight rows are not applicable without the capability" 0 \
    "6 row(s) not applicable: the program lacks use-cors-preflight" $? "$out/na.txt"
if [ "$failures" -ne 0 ]; then
    echo "preflight-test: $failures check(s) failed (files in $out)"
    exit 1
fi
echo "preflight-test: all checks hold"
