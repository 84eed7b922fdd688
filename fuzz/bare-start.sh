#!/bin/sh
# SPDX-License-Identifier: MIT
# Every libFuzzer binary given starts from nothing: FUZZ_BARE_RUNS
# executions (a count, not a time) on an empty corpus folder must run
# without "no interesting inputs", report coverage above zero at INITED
# and write new inputs. Run by fuzz-smoke (make fuzz's builds) and
# fuzz/cflite-test.sh (.clusterfuzzlite/build.sh's builds).
#   fuzz/bare-start.sh DIR BIN...   (DIR: scratch folder, emptied first)
set -u
: "${FUZZ_BARE_RUNS:=3000}"
dir=$1
shift
fail=0
for bin in "$@"; do
    n=$(basename "$bin")
    c=$dir/$n
    rm -rf "$c"
    mkdir -p "$c"
    "$bin" -runs="$FUZZ_BARE_RUNS" -artifact_prefix="$c.crash-" "$c" \
        > "$c.log" 2>&1
    rc=$?
    cov=$(sed -n 's/^#[0-9]*[[:space:]]*INITED cov: \([0-9]*\).*/\1/p' "$c.log")
    new=$(ls "$c" | wc -l)
    if [ "$rc" -eq 0 ] && [ "${cov:-0}" -gt 0 ] && [ "$new" -gt 0 ] &&
        ! grep -q 'no interesting inputs' "$c.log"; then
        echo "bare start: $n ok: cov $cov at INITED, $new new inputs in $FUZZ_BARE_RUNS runs"
    else
        echo "bare start: $n FAILED (exit $rc, cov ${cov:-none} at INITED, $new new inputs), see $c.log"
        tail -5 "$c.log"
        fail=1
    fi
done
exit $fail
