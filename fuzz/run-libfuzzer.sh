#!/bin/sh
# SPDX-License-Identifier: MIT
# libFuzzer campaign (make fuzz): each harness in turn for FUZZ_SECONDS on
# JOBS processes (-fork=JOBS), then one summary table. New inputs go to the
# scratch corpus $FUZZ_OUT/corpus/<h> (first folder: libFuzzer writes only
# there), the committed seeds and regressions are read-only inputs after it.
# -ignore_crashes=1: a crash is recorded and fuzzing goes on, so one known
# bug does not hide the others. Exits 1 if any harness crashed (or failed
# to run), with reproducer paths.
set -u
: "${FUZZ_OUT:=build/fuzz}" "${FUZZ_SECONDS:=60}" "${JOBS:=1}"
: "${FUZZ_MAX_LEN:=4096}"
: "${FUZZ_HARNESSES:=tokenizer decision builder differential}"

# Fork mode's per-job folders go under build/, not /tmp.
TMPDIR=$(pwd)/$FUZZ_OUT/tmp
export TMPDIR
mkdir -p "$TMPDIR" "$FUZZ_OUT/logs"

rows=""
repro=""
failed=0
for h in $FUZZ_HARNESSES; do
    bin=$FUZZ_OUT/libfuzzer/${h}_fuzzer
    scratch=$FUZZ_OUT/corpus/$h
    art=$FUZZ_OUT/artifacts/$h
    log=$FUZZ_OUT/logs/$h.log
    # Artifacts describe this run only; older ones are moved aside.
    if [ -d "$art" ] && [ -n "$(ls -A "$art" 2>/dev/null)" ]; then
        mkdir -p "$art.old" && mv "$art"/* "$art.old"/ 2>/dev/null
    fi
    mkdir -p "$scratch" "$art"
    before=$(ls "$scratch" | wc -l)
    seeds="corpus/$h"
    [ -d "corpus/regressions/$h" ] && seeds="$seeds corpus/regressions/$h"
    echo "fuzz: $h for ${FUZZ_SECONDS}s on $JOBS job(s), log $log"
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$bin" -fork="$JOBS" -max_total_time="$FUZZ_SECONDS" \
        -max_len="$FUZZ_MAX_LEN" -dict=fuzz/aceh.dict \
        -artifact_prefix="$art/" -ignore_crashes=1 \
        "$scratch" $seeds > "$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    [ "$secs" -gt 0 ] || secs=1
    # Last status line: fork mode "#N: cov: C ft: F corp: K ...", plain
    # mode "#N <event> cov: C ft: F corp: K/size ...".
    last=$(grep -E '^#[0-9]+:? .*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    execs=$(printf '%s\n' "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
    cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(printf '%s\n' "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
    [ -n "$execs" ] || execs=0
    after=$(ls "$scratch" | wc -l)
    crashes=$(find "$art" -maxdepth 1 -type f \( -name 'crash-*' -o \
        -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
    ncrash=$(printf '%s' "$crashes" | grep -c . || true)
    status=ok
    if [ "$ncrash" -gt 0 ]; then
        status=CRASH
        failed=1
        for f in $crashes; do
            repro="${repro}  make fuzz-repro FILE=$f
"
        done
    elif [ "$rc" -ne 0 ]; then
        status="rc=$rc"
        failed=1
        repro="${repro}  $h exited $rc without an artifact: see $log
"
    fi
    rows="$rows$(printf '%-13s %12s %9s %6s %7s %7s %5s %7s  %s' "$h" \
        "$execs" "$((execs / secs))" "${cov:--}" "${ft:--}" "${corp:--}" \
        "+$((after - before))" "$ncrash" "$status")
"
done

echo
echo "=== libFuzzer summary (FUZZ_SECONDS=$FUZZ_SECONDS, JOBS=$JOBS, -fork)"
printf '%-13s %12s %9s %6s %7s %7s %5s %7s  %s\n' harness executions \
    'exec/s' edges features corpus new crashes status
printf '%s' "$rows"
echo "(edges/features: libFuzzer cov/ft of the last status line; corpus:"
echo " inputs in the merged corpus; new: files added to $FUZZ_OUT/corpus/<h>)"
if [ "$failed" -ne 0 ]; then
    echo "FAILED. Reproduce with:"
    printf '%s' "$repro"
    echo "Keep each crashing input: copy it into corpus/regressions/<harness>/."
    exit 1
fi
echo "no crashes. Fold new inputs into the committed seeds with: make corpus-min"
