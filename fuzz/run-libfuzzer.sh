#!/bin/sh
# SPDX-License-Identifier: MIT
# libFuzzer campaign (make fuzz): every harness for FUZZ_SECONDS on JOBS
# processes in all, one summary table; how and why: fuzz/README.md. Exits 1
# if any harness crashed (or failed to run), with reproducer paths.
set -u
. fuzz/record.sh
: "${FUZZ_MAX_LEN:=4096}"
# Why the threshold (libFuzzer 14's rare-feature list): fuzz/README.md.
: "${FUZZ_RUN_FLAGS=-entropic_feature_frequency_threshold=16}"

# Fork mode's per-job folders go under build/, not /tmp.
TMPDIR=$(pwd)/$FUZZ_OUT/tmp
export TMPDIR
mkdir -p "$TMPDIR" "$FUZZ_OUT/logs"

# campaign HARNESS PROCS: one harness for FUZZ_SECONDS on PROCS processes
# (1: plain, else -fork=PROCS); leaves its summary row in $log.row and
# reproduction hints in $log.repro.
campaign() {
    h=$1
    procs=$2
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
    repro=""
    echo "fuzz: $h for ${FUZZ_SECONDS}s on $procs process(es), log $log"
    if [ "$procs" -gt 1 ]; then
        mode="-fork=$procs -ignore_crashes=1"
    else
        mode=""
    fi
    start=$(date +%s)
    # shellcheck disable=SC2086
    run_timed "$log.cpu" "$bin" $mode $FUZZ_RUN_FLAGS \
        -max_total_time="$FUZZ_SECONDS" \
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
    if [ "$procs" -gt 1 ]; then
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
        for f in $crashes; do
            repro="${repro}  make fuzz-repro FILE=$f
"
        done
    elif [ "$rc" -ne 0 ]; then
        status="rc=$rc"
        repro="${repro}  $h exited $rc without an artifact: see $log
"
    fi
    percpu=$(awk -v e="$execs" -v c="$cpu" 'BEGIN {
        if (c > 0) printf "%d", e / c; else print "-" }')
    printf '%s' "$repro" > "$log.repro"
    printf '%-13s %12s %9s %10s %6s %7s %7s %5s %7s  %s' "$h" \
        "$execs" "$((execs / secs))" "$percpu" "${cov:--}" "${ft:--}" \
        "${corp:--}" "+$((after - before))" "$ncrash" "$status" > "$log.row"
    record_add libfuzzer "$h" "$procs" "$secs" "$execs" "$cpu" "$cov" "$ft" \
        "$corp" "$ncrash" "$status"
}

# JOBS processes in all: with fewer JOBS than harnesses, JOBS harnesses
# at a time, one plain process each (each row is then one core's speed);
# with more, every harness at once on JOBS / harnesses processes.
nh=$(echo $FUZZ_HARNESSES | wc -w)
if [ "$JOBS" -ge "$nh" ]; then slots=$nh; else slots=$JOBS; fi
[ "$slots" -ge 1 ] || slots=1
per=$((JOBS / slots))
[ "$per" -ge 1 ] || per=1
wave=""
for h in $FUZZ_HARNESSES; do
    rm -f "$FUZZ_OUT/logs/$h.log.row" "$FUZZ_OUT/logs/$h.log.repro"
    campaign "$h" "$per" &
    wave="$wave $!"
    if [ "$(echo $wave | wc -w)" -ge "$slots" ]; then
        for p in $wave; do wait "$p"; done
        wave=""
    fi
done
for p in $wave; do wait "$p"; done
rows=""
repro=""
failed=0
for h in $FUZZ_HARNESSES; do
    log=$FUZZ_OUT/logs/$h.log
    if [ -s "$log.row" ]; then
        rows="$rows$(cat "$log.row")
"
        case "$(cat "$log.row")" in *" ok") ;; *) failed=1 ;; esac
    else
        rows="$rows$(printf '%-13s (no result, see %s)' "$h" "$log")
"
        failed=1
    fi
    [ -s "$log.repro" ] && repro="$repro$(cat "$log.repro")
"
done

load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
echo
if [ "$per" -gt 1 ]; then how="every harness at once, -fork=$per each"
else how="$slots harness(es) at a time, one process each"; fi
echo "=== libFuzzer summary (FUZZ_SECONDS=$FUZZ_SECONDS, JOBS=$JOBS: $how; $(nproc) cores, load average ${load_start:-?} at start, ${load_end:-?} at end)"
printf '%-13s %12s %9s %10s %6s %7s %7s %5s %7s  %s\n' harness executions \
    'exec/s' 'exec/cpu-s' edges features corpus new crashes status
printf '%s' "$rows"
echo "(exec/s: over the wall time, corpus loading included; exec/cpu-s: per"
echo " second of CPU the harness got, the figure to compare on a loaded"
echo " machine; targets, one core: tokenizer 100000, the others 20000;"
echo " edges/features: libFuzzer cov/ft of the last status line; corpus:"
echo " inputs in the merged corpus; new: files added to $FUZZ_OUT/corpus/<h>)"
campaign_end "$failed" "$repro" "new inputs"
