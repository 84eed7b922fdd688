#!/bin/sh
# SPDX-License-Identifier: MIT
# Adapter: a browser engine's fetch() under the preflight protocol
# (conformance/README.md, "The preflight protocol"), through the browser
# check's preflight mode (conformance/browser/README.md).
#
#   preflight.sh ENGINE [xhr] [--capabilities|--version]
#
# ENGINE: chromium, firefox, webkit; xhr: every request through
# XMLHttpRequest (setRequestHeader) instead of fetch().
#
# Reads every request, writes them as a preflight table (one row per
# request, in order; the expectation columns are placeholders), runs it
# through conformance/browser/run.sh with BROWSER_MODE=preflight and prints
# "pass" (the actual request reached the server) or "fail" per request, or
# "skip" with why for a request fetch() cannot express (no preflight is
# made for it, Headers refuses it, ...). No reason, no max-age: a browser
# shows neither. Binaries from ADAPTER_BROWSER_BIN (default
# build/conformance-browser); files in build/adapters/browser-ENGINE-preflight/.
set -u
engine=${1-}
case $engine in
chromium|firefox|webkit) ;;
*) echo "usage: preflight.sh chromium|firefox|webkit [xhr] [--capabilities|--version]" >&2; exit 2 ;;
esac
shift
api=fetch tag=$engine
if [ "${1-}" = xhr ]; then api=xhr tag=$engine-xhr; shift; fi
here=$(dirname "$0")
case ${1-} in
--capabilities)
    # The page sets the use-CORS-preflight flag through XMLHttpRequest where
    # it can; the rows it cannot carry (omit mode, ...) come back as skips.
    echo "capabilities: use-cors-preflight"
    exit 0 ;;
--version) exec sh "$here/adapter.sh" "$engine" --version ;;
'') ;;
*) echo "browser preflight adapter: unsupported argument $1" >&2; exit 2 ;;
esac

bin=${ADAPTER_BROWSER_BIN:-build/conformance-browser}
work=${ADAPTER_BROWSER_WORK:-build/adapters/browser-$tag-preflight}
mkdir -p "$work" || exit 1
for b in aceh-browser-serve aceh-browser-report; do
    [ -x "$bin/$b" ] || { echo "browser preflight adapter: $bin/$b missing (make conformance-browser-bins)" >&2; exit 1; }
    cp "$bin/$b" "$work/$b" || exit 1
done
awk -F '\t' '
{
    printf "r%d\tmethod\t%s\t%s\t%s\t%s\tpass\tpass\t5\tadapter", NR, $1, $2, $3, $4
    for (i = 5; i <= NF; i++) printf "\t%s", $i
    printf "\n"
}' > "$work/requests.tsv" || exit 1
[ -s "$work/requests.tsv" ] || exit 0
: > "$work/no-deviations.txt"
rc=0
BROWSER_MODE=preflight BROWSER_API=$api sh "$here/../../browser/run.sh" "$work" \
    "$work/requests.tsv" "$work/no-deviations.txt" "$engine" \
    "${BROWSER_TIMEOUT:-150}" > "$work/run.log" 2>&1 || rc=$?
# 1: disagreements with the placeholders (expected); else the run failed.
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "browser preflight adapter: the $tag run failed (status $rc):" >&2
    tail -n 20 "$work/run.log" >&2
    exit 1
fi
exec "$work/aceh-browser-report" --preflight --answers "$work/requests.tsv" \
    "$work/$tag-preflight-results.txt"
