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
aceh=$build/aceh
n=0
# t WHAT WANT_RC WANT_LINE ARG...: `run-external --preflight ARG... ACEH`
# exits WANT_RC with a line holding WANT_LINE (when not empty).
t() {
    what=$1 want=$2 line=$3
    shift 3
    n=$((n + 1))
    "$re" --preflight "$@" "$aceh" > "$out/$n.txt" 2>&1
    got=$?
    if [ "$got" != "$want" ]; then
        echo "preflight-test: FAIL: $what: exit $got, want $want"; failures=$((failures + 1))
    elif [ -n "$line" ] && ! grep -Fq -- "$line" "$out/$n.txt"; then
        echo "preflight-test: FAIL: $what: no line with '$line'"; failures=$((failures + 1))
    else
        echo "preflight-test: ok: $what (exit $got)"
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

sub=$out/sub.tsv
t "the correct implementation passes" 0 "total 24 agreed, 0 disagreed" --table "$sub" "$adapter"
t "a wrong result is a disagreement" 1 "disagreement: m-listed-omit" --table "$out/flip-result.tsv" "$adapter"
t "a wrong max_age is a disagreement" 1 "expected pass 7, got pass 5" --table "$out/flip-age.tsv" "$adapter"
t "a wrong reason is a disagreement" 1 "expected fail cors, got fail method" --table "$out/flip-reason.tsv" "$adapter"
t "pass/fail without detail is compared on the word" 0 "total 24 agreed" --table "$sub" "$out/word-only.sh"
t "... and still disagrees on a wrong word" 1 "disagreement: m-listed-omit" \
    --table "$out/flip-result.tsv" "$out/word-only.sh"
t "a skip is not an agreement" 3 "total 23 agreed, 0 disagreed, 1 skipped" --table "$sub" "$out/skip.sh"
t "a missing answer is a disagreement" 1 "1 request(s) got no answer" --table "$sub" "$out/short.sh"
t "use-cors-preflight rows are not applicable without the capability" 0 \
    "6 row(s) not applicable: the program lacks use-cors-preflight" --capabilities none --table "$sub" "$adapter"
if [ "$failures" -ne 0 ]; then
    echo "preflight-test: $failures check(s) failed (files in $out)"
    exit 1
fi
echo "preflight-test: all checks hold"
