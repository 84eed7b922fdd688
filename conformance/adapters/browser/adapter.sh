#!/bin/sh
# SPDX-License-Identifier: MIT
# Adapter: a browser engine under the conformance line protocol, or with
# `preflight` the preflight protocol (conformance/README.md), through the
# browser check (conformance/browser/README.md).
#
#   adapter.sh ENGINE [xhr] [preflight] [--capabilities|--version]
#
# ENGINE: chromium, firefox, webkit; xhr: the page asks through
# XMLHttpRequest instead of fetch().
#
# Reads every request, writes them as a table (one row per request, in
# order; the expectation columns are placeholders), runs that table through
# conformance/browser/run.sh (BROWSER_TIMEOUT seconds, default 150) and
# prints the browser's answer to each request: 1 or 0 when the witness
# shows every ACEH line reached the page intact; in preflight mode "pass"
# (the actual request reached the server) or "fail", no reason and no
# max-age (a browser shows neither); "skip" with what happened otherwise.
# The binaries come from ADAPTER_BROWSER_BIN (default
# build/conformance-browser, built by `make conformance-browser-bins`);
# the run's files stay in build/adapters/browser-ENGINE[-xhr][-preflight]/.
set -u
engine=${1-}
case $engine in
chromium|firefox|webkit) ;;
*) echo "usage: adapter.sh chromium|firefox|webkit [xhr] [preflight] [--capabilities|--version]" >&2; exit 2 ;;
esac
shift
api=fetch tag=$engine
if [ "${1-}" = xhr ]; then api=xhr tag=$engine-xhr; shift; fi
mode=aceh who="browser adapter" dir=$tag results=$tag-results.txt
if [ "${1-}" = preflight ]; then
    mode=preflight who="browser preflight adapter" dir=$tag-preflight
    results=$tag-preflight-results.txt
    shift
fi
here=$(dirname "$0")
case ${1-} in
--capabilities)
    # Expose: control bytes are sent as they are (the witness turns what the
    # HTTP layer did to them into skips); names that are not tokens cannot
    # be sent; browsers have no Authorization opt-in. Preflight: the page
    # sets the use-CORS-preflight flag through XMLHttpRequest where it can;
    # the rows it cannot carry (omit mode, ...) come back as skips.
    if [ "$mode" = preflight ]; then echo "capabilities: use-cors-preflight"
    else echo "capabilities: control-bytes large-values"; fi
    exit 0 ;;
--version) exec sh "$here/../../browser/run.sh" --version "$engine" ;;
'') ;;
*) echo "$who: unsupported argument $1" >&2; exit 2 ;;
esac

bin=${ADAPTER_BROWSER_BIN:-build/conformance-browser}
work=${ADAPTER_BROWSER_WORK:-build/adapters/browser-$dir}
mkdir -p "$work" || exit 1
for b in aceh-browser-serve aceh-browser-report; do
    [ -x "$bin/$b" ] || { echo "$who: $bin/$b missing (make conformance-browser-bins)" >&2; exit 1; }
    cp "$bin/$b" "$work/$b" || exit 1
done

# Requests -> rows. The table reader insists that a row with CR, LF or NUL
# has an id starting with frame-; the report's --answers mode reads only
# the outcomes.
awk -F '\t' -v mode="$mode" '
mode == "preflight" {
    printf "r%d\tmethod\t%s\t%s\t%s\t%s\tpass\tpass\t5\tadapter", NR, $1, $2, $3, $4
    for (i = 5; i <= NF; i++) printf "\t%s", $i
    printf "\n"
    next
}
{
    s = $0
    gsub(/\\\\/, "", s)
    id = (tolower(s) ~ /\\x0[0ad]/ ? "frame-r" : "r") NR
    printf "%s\tgrammar\t%s\t-\t%s\t0\t%s\tadapter", id, $1, $2, (NF > 2 ? "ok" : "absent")
    for (i = 3; i <= NF; i++) printf "\t%s", $i
    printf "\n"
}' > "$work/requests.tsv" || exit 1
[ -s "$work/requests.tsv" ] || exit 0
: > "$work/no-deviations.txt"
rc=0
BROWSER_MODE=$mode BROWSER_API=$api sh "$here/../../browser/run.sh" "$work" \
    "$work/requests.tsv" "$work/no-deviations.txt" "$engine" \
    "${BROWSER_TIMEOUT:-150}" > "$work/run.log" 2>&1 || rc=$?
# 1: the report found disagreements with the placeholders (expected);
# anything else: the run itself failed.
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "$who: the $tag run failed (status $rc):" >&2
    tail -n 20 "$work/run.log" >&2
    exit 1
fi
[ "$mode" = preflight ] && set -- --preflight
exec "$work/aceh-browser-report" "$@" --answers "$work/requests.tsv" "$work/$results"
