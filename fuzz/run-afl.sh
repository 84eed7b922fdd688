#!/bin/sh
# SPDX-License-Identifier: MIT
# AFL++ campaign (make fuzz-afl): each harness in turn for FUZZ_SECONDS,
# 1 main + JOBS-1 secondaries, resumed; what it does and the machine
# settings it makes: fuzz/README.md. Exits 1 if any harness crashed.
set -u
. fuzz/record.sh
: "${AFL_TIMEOUT_MS:=1000}" "${FUZZ_FRESH:=0}"
host=$(uname -n | tr -c 'A-Za-z0-9_\n-' _)
[ "$JOBS" -ge 1 ] 2>/dev/null || JOBS=1

AFL_SKIP_CPUFREQ=1
AFL_NO_UI=1
AFL_NO_STARTUP_CALIBRATION=1
AFL_TRY_AFFINITY=1
AFL_QUIET=1
AFL_AUTORESUME=1
export AFL_SKIP_CPUFREQ AFL_NO_UI AFL_TRY_AFFINITY AFL_QUIET \
    AFL_NO_STARTUP_CALIBRATION AFL_AUTORESUME
if [ -r /proc/sys/kernel/core_pattern ] &&
    [ "$(cut -c1 /proc/sys/kernel/core_pattern)" = "|" ]; then
    AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
    export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES
    echo "fuzz-afl: core_pattern pipes core dumps to a helper; set"
    echo "  AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 (harness aborts are still"
    echo "  caught through the fork server). For full speed, as root:"
    echo "  echo core > /proc/sys/kernel/core_pattern"
fi


stat_of() { # stat_of FILE KEY
    sed -n "s/^$2 *: *//p" "$1" 2>/dev/null | head -1
}

mine() { # mine DIR: DIR is one of this host's instances, main-HOST or
    # secN-HOST (the glob *-HOST alone takes host x-vm's main-x-vm for vm's)
    mi=${1##*/}; mi=${mi%-"$host"}
    [ -d "$1" ] || return 1
    case $mi in main) return 0 ;; sec*) case ${mi#sec} in *[!0-9]*) return 1 ;; esac; return 0 ;; esac
    return 1
}

execs_of() { # execs_of OUT: executions to date of this host's instances
    for d in "$1"/*-"$host"; do
        mine "$d" && stat_of "$d/fuzzer_stats" execs_done
    done | awk '{ t += $1 } END { printf "%.0f", t }'
}

rows=""
repro=""
failed=0
for h in $FUZZ_HARNESSES; do
    plain=$FUZZ_OUT/afl/${h}_afl
    asan=$FUZZ_OUT/afl-asan/${h}_afl
    in=$FUZZ_OUT/afl-in/$h
    out=$FUZZ_OUT/afl-out/$h
    logs=$FUZZ_OUT/logs/afl-$h
    sc=$FUZZ_OUT/afl-seed-crashes/$h
    t0=$(date +%s)
    rm -rf "$in" "$sc" "$logs"
    [ "$FUZZ_FRESH" = 1 ] && rm -rf "$out"
    mkdir -p "$in" "$logs" "$out"
    resumed=0
    for d in "$out"/*-"$host"; do mine "$d" && resumed=$((resumed + 1)); done
    execs0=$(execs_of "$out")
    touch "$logs/start"
    # Seeds: committed corpus and regressions, non-empty and within
    # afl-fuzz's 1 MB limit.
    for d in "corpus/$h" "corpus/regressions/$h"; do
        [ -d "$d" ] || continue
        find "$d" -maxdepth 1 -type f ! -name '.*' -size +0 -size -1024k \
            -exec cp -t "$in" {} +
    done
    # One ASan+UBSan process replays every seed (a process per seed took
    # minutes): afl-fuzz stops at start on a crashing seed, so when that
    # replay fails, each seed is tried alone and the crashing ones (a known,
    # unfixed regression) are taken out and counted as crashes. The replay
    # also times the slowest seed, which sizes -t.
    seedcrash=""
    if ! "$asan" "$in" > "$logs/seed-check.log" 2>&1; then
        for f in "$in"/*; do
            [ -f "$f" ] || continue
            if ! "$asan" "$f" > "$logs/seed-check-one.log" 2>&1; then
                mkdir -p "$sc"
                mv "$f" "$sc"/
                seedcrash="$seedcrash $sc/$(basename "$f")"
            fi
        done
        "$asan" "$in" > "$logs/seed-check.log" 2>&1
    fi
    slow=$(sed -n 's/^replayed .* slowest \([0-9]*\).*/\1/p' "$logs/seed-check.log")
    # -t: 20 times the slowest seed under ASan (other jobs may load the
    # machine), at least AFL_TIMEOUT_MS; the '+' makes afl-fuzz skip a seed
    # that still times out instead of refusing to start.
    t=$(( ${slow:-0} * 20 ))
    [ "$t" -ge "$AFL_TIMEOUT_MS" ] || t=$AFL_TIMEOUT_MS
    [ -n "$(ls -A "$in")" ] || printf 'x\nx\nx' > "$in/fallback"
    echo "fuzz-afl: $h: $(ls "$in" | wc -l) seeds checked under ASan in $(( $(date +%s) - t0 ))s, slowest ${slow:-0} ms, -t ${t}+"
    echo "fuzz-afl: $h for ${FUZZ_SECONDS}s: 1 main + $((JOBS - 1)) secondary on $host ($resumed resumed), logs in $logs"
    pids=""
    i=0
    start=$(date +%s)
    while [ "$i" -lt "$JOBS" ]; do
        if [ "$i" = 0 ]; then
            name=main-$host; role="-M $name"; bin=$plain
        else
            name=sec$i-$host; role="-S $name"
            if [ $((i % 2)) = 1 ]; then bin=$asan; else bin=$plain; fi
        fi
        # shellcheck disable=SC2086
        run_timed "$logs/$name.cpu" afl-fuzz $role -V "$FUZZ_SECONDS" \
            -t "$t+" -i "$in" -o "$out" -x fuzz/aceh.dict -- "$bin" \
            > "$logs/$name.log" 2>&1 &
        pids="$pids $!"
        i=$((i + 1))
    done
    rc=0
    for p in $pids; do wait "$p" || rc=$?; done
    secs=$(( $(date +%s) - start ))
    cpu=$(for c in "$logs"/*.cpu; do cpu_of "$c"; echo; done |
        awk '{ t += $1 } END { printf "%.1f", t }')

    # Totals over this host's instances (afl-whatsup -s -d adds up the
    # same files, every host's): executions of this run only, as
    # execs_done goes on counting across resumes.
    execs=$(( $(execs_of "$out") - execs0 )); speed=0; edges=0; corp=0; hangs=0; ninst=0
    for d in "$out"/*-"$host"; do
        st=$d/fuzzer_stats
        mine "$d" && [ -f "$st" ] || continue
        ninst=$((ninst + 1))
        s=$(stat_of "$st" execs_per_sec); speed=$((speed + ${s%%.*}))
        hg=$(stat_of "$st" saved_hangs); hangs=$((hangs + ${hg:-0}))
    done
    main=$out/main-$host/fuzzer_stats
    if [ -f "$main" ]; then
        edges=$(stat_of "$main" edges_found)
        total=$(stat_of "$main" total_edges)
        corp=$(stat_of "$main" corpus_count)
    fi
    # Crashes of this run; older ones stay where they are and are named.
    crashes=$(find "$out" -path "*-$host/crashes/id:*" -type f \
        -newer "$logs/start" 2>/dev/null | sort)
    old=$(find "$out" -path '*/crashes/id:*' -type f ! -newer "$logs/start" \
        2>/dev/null | wc -l)
    [ "$old" -eq 0 ] || echo "fuzz-afl: $h: $old crash(es) of earlier runs remain in $out/*/crashes/ (FUZZ_FRESH=1 starts over)"
    crashes=$(printf '%s\n%s' "$crashes" "$seedcrash" | tr ' ' '\n' | grep . )
    # The plain instances cannot see memory errors: replay what they found
    # through the ASan+UBSan build.
    t1=$(date +%s)
    replay=ok
    for q in "$out"/*-"$host"/queue; do
        [ -d "$q" ] && mine "${q%/queue}" || continue
        inst=$(basename "$(dirname "$q")")
        if ! "$asan" "$q" > "$logs/asan-replay-$inst.log" 2>&1; then
            replay=FAIL
            repro="${repro}  ASan replay of $q failed: see $logs/asan-replay-$inst.log
"
        fi
    done
    echo "fuzz-afl: $h: queues replayed under ASan in $(( $(date +%s) - t1 ))s"
    ncrash=$(printf '%s' "$crashes" | grep -c . || true)
    status=ok
    if [ "$ninst" -eq 0 ] || [ "$rc" -ne 0 ]; then
        status="afl-rc=$rc"
        failed=1
        repro="${repro}  afl-fuzz failed for $h (exit $rc): see $logs/*.log
"
    fi
    if [ "$ncrash" -gt 0 ] || [ "$replay" != ok ]; then
        status=CRASH
        failed=1
        for f in $crashes; do
            repro="${repro}  make fuzz-repro FILE='$f'
"
        done
    fi
    rows="$rows$(printf '%-13s %12s %9s %11s %7s %6s %7s  %s' "$h" "$execs" \
        "$speed" "${edges:-0}/${total:-?}" "${corp:-0}" "$hangs" "$ncrash" \
        "$status")
"
    record_add afl "$h" "$JOBS" "$secs" "$execs" "$cpu" "${edges:-0}" - \
        "${corp:-0}" "$ncrash" "$status"
    echo "--- afl-whatsup -s -d $out"
    afl-whatsup -s -d "$out" 2>&1 | sed -n '/Summary stats/,$p' | grep -v '^$'
done

load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
echo
echo "=== AFL++ summary (FUZZ_SECONDS=$FUZZ_SECONDS, JOBS=$JOBS: 1 main + $((JOBS - 1)) secondary; $(nproc) cores, load average ${load_start:-?} at start, ${load_end:-?} at end)"
printf '%-13s %12s %9s %11s %7s %6s %7s  %s\n' harness executions \
    'exec/s' edges corpus hangs crashes status
printf '%s' "$rows"
echo "(executions: this run, all instances of $host; exec/s: all of them;"
echo " edges, corpus: main-$host, to date; status also covers the ASan+UBSan"
echo " replay of every queue of $host)"
campaign_end "$failed" "$repro" "the queues"
