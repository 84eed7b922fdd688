#!/bin/sh
# SPDX-License-Identifier: MIT
# Every fuzzer binary given starts from an empty corpus (fuzz/README.md,
# fuzz-smoke and fuzz-ossfuzz): FUZZ_BARE_RUNS executions must run, find
# coverage and write new inputs. AFL++ starts from the one-file folder
# OSS-Fuzz gives it (base-runner/run_fuzzer: "input").
#   [FUZZ_ENGINE=afl] fuzz/bare-start.sh DIR BIN...   (DIR: scratch folder)
set -u
: "${FUZZ_BARE_RUNS:=3000}" "${FUZZ_ENGINE:=libfuzzer}"
dir=$1
shift
fail=0
for bin in "$@"; do
    n=${bin#"$(pwd)"/}
    c=$dir/$(basename "$bin")
    rm -rf "$c" "$c.out"
    mkdir -p "$c"
    if [ "$FUZZ_ENGINE" = afl ]; then
        echo input > "$c/input"
        AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_TRY_AFFINITY=1 \
            AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
            ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_odr_violation=0 \
            afl-fuzz -E "$FUZZ_BARE_RUNS" -t 5000+ -i "$c" -o "$c.out" -- "$bin" \
            > "$c.log" 2>&1
        rc=$?
        st=$c.out/default/fuzzer_stats
        cov=$(sed -n 's/^edges_found *: *//p' "$st" 2>/dev/null)
        new=$(( $(sed -n 's/^corpus_count *: *//p' "$st" 2>/dev/null || echo 1) - 1 ))
        crashes=$(sed -n 's/^saved_crashes *: *//p' "$st" 2>/dev/null)
        [ "${crashes:-0}" -eq 0 ] || rc=crash
        where="edges"
    else
        "$bin" -runs="$FUZZ_BARE_RUNS" -artifact_prefix="$c.crash-" "$c" \
            > "$c.log" 2>&1
        rc=$?
        grep -q 'no interesting inputs' "$c.log" && rc="no interesting inputs"
        cov=$(sed -n 's/^#[0-9]*[[:space:]]*INITED cov: \([0-9]*\).*/\1/p' "$c.log")
        new=$(ls "$c" | wc -l)
        where="cov at INITED"
    fi
    if [ "$rc" = 0 ] && [ "${cov:-0}" -gt 0 ] && [ "$new" -gt 0 ]; then
        echo "bare start: $n ok: $where ${cov}, $new new inputs in $FUZZ_BARE_RUNS runs"
    else
        echo "bare start: $n FAILED ($rc, $where ${cov:-none}, $new new inputs), see $c.log"
        tail -5 "$c.log"
        fail=1
    fi
done
exit $fail
