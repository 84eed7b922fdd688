#!/bin/sh
# SPDX-License-Identifier: MIT
# libFuzzer campaign (make fuzz): each harness in turn for FUZZ_SECONDS on
# JOBS processes (-fork=JOBS; JOBS=1: one plain process, so its exec/s is
# one core's), then one summary table and the campaign record's totals
# (fuzz/record.sh). New inputs go to the
# scratch corpus $FUZZ_OUT/corpus/<h> (first folder: libFuzzer writes only
# there), the committed seeds and regressions are read-only inputs after it.
# -ignore_crashes=1 (fork mode): a crash is recorded and fuzzing goes on,
# so one known bug does not hide the others. Exits 1 if any harness crashed (or failed
# to run), with reproducer paths.
set -u
: "${FUZZ_OUT:=build/fuzz}" "${FUZZ_SECONDS:=60}" "${JOBS:=1}"
: "${FUZZ_MAX_LEN:=4096}"
: "${FUZZ_HARNESSES:=tokenizer decision builder differential}"

# Fork mode's per-job folders go under build/, not /tmp.
TMPDIR=$(pwd)/$FUZZ_OUT/tmp
export TMPDIR
mkdir -p "$TMPDIR" "$FUZZ_OUT/logs"
. fuzz/record.sh
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

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
    if [ "$JOBS" -gt 1 ]; then
        mode="-fork=$JOBS -ignore_crashes=1"
    else
        mode=""
    fi
    start=$(date +%s)
    # shellcheck disable=SC2086
    run_timed "$log.cpu" "$bin" $mode -max_total_time="$FUZZ_SECONDS" \
        -max_len="$FUZZ_MAX_LEN" -dict=fuzz/aceh.dict \
        -artifact_prefix="$art/" "$scratch" $seeds > "$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    [ "$secs" -gt 0 ] || secs=1
    cpu=$(cpu_of "$log.cpu")
    # Last status line: fork mode "#N: cov: C ft: F corp: K ...", plain
    # mode "#N<TAB><event> cov: C ft: F corp: K/size ...".
    last=$(grep -E '^#[0-9]+:?[[:space:]].*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    execs=$(printf '%s\n' "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
    cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(printf '%s\n' "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
    # A plain run that stopped on a crash prints its total at exit.
    [ -n "$execs" ] || execs=$(sed -n \
        's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
    [ -n "$execs" ] || execs=0
    # Fork mode's status lines print features as cov (libFuzzer 14): count
    # the merged corpus's edges with one plain pass over it instead.
    if [ "$JOBS" -gt 1 ]; then
        # shellcheck disable=SC2086
        inited=$("$bin" -runs=0 -max_len="$FUZZ_MAX_LEN" "$scratch" $seeds 2>&1 |
            grep -E '^#[0-9]+[[:space:]]+INITED .*cov: [0-9]+' | tail -1)
        cov=$(printf '%s\n' "$inited" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
        ft=$(printf '%s\n' "$inited" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    fi
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
    percpu=$(awk -v e="$execs" -v c="$cpu" 'BEGIN {
        if (c > 0) printf "%d", e / c; else print "-" }')
    rows="$rows$(printf '%-13s %12s %9s %10s %6s %7s %7s %5s %7s  %s' "$h" \
        "$execs" "$((execs / secs))" "$percpu" "${cov:--}" "${ft:--}" \
        "${corp:--}" "+$((after - before))" "$ncrash" "$status")
"
    record_add libfuzzer "$h" "$JOBS" "$secs" "$execs" "$cpu" "$cov" "$ft" \
        "$corp" "$ncrash" "$status"
done

load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
echo
if [ "$JOBS" -gt 1 ]; then how="-fork=$JOBS"; else how="one process"; fi
echo "=== libFuzzer summary (FUZZ_SECONDS=$FUZZ_SECONDS, JOBS=$JOBS: $how; $(nproc) cores, load average ${load_start:-?} at start, ${load_end:-?} at end)"
printf '%-13s %12s %9s %10s %6s %7s %7s %5s %7s  %s\n' harness executions \
    'exec/s' 'exec/cpu-s' edges features corpus new crashes status
printf '%s' "$rows"
echo "(exec/s: over the wall time, corpus loading included; exec/cpu-s: per"
echo " second of CPU the harness got, the figure to compare on a loaded"
echo " machine; targets, one core: tokenizer 100000, the others 20000;"
echo " edges/features: libFuzzer cov/ft of the last status line; corpus:"
echo " inputs in the merged corpus; new: files added to $FUZZ_OUT/corpus/<h>)"
echo
record_summary
if [ "$failed" -ne 0 ]; then
    echo "FAILED. Reproduce with:"
    printf '%s' "$repro"
    echo "Keep each crashing input: copy it into corpus/regressions/<harness>/."
    exit 1
fi
echo "no crashes. Fold new inputs into the committed seeds with: make corpus-min"
