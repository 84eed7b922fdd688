# SPDX-License-Identifier: MIT
# The campaign record (fuzz/README.md) and the campaign scripts' common
# parts, sourced by run-libfuzzer.sh and run-afl.sh (defaults of what make
# passes them). Columns of $FUZZ_RECORD: epoch, date (UTC), host, cpu,
# engine, harness, jobs, seconds (wall), executions, cpu_seconds, edges,
# features, corpus, crashes, status.

: "${FUZZ_OUT:=build/fuzz}" "${FUZZ_SECONDS:=60}" "${JOBS:=1}"
: "${FUZZ_HARNESSES:=$(sed -n 's/^ *X(\([a-z0-9_]*\)).*/\1/p' fuzz/harnesses.h)}"
: "${FUZZ_RECORD:=$FUZZ_OUT/record.tsv}"
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

# campaign_end FAILED REPRO WHAT: the record's totals, then the reproducers
# and exit 1 if FAILED is not 0, else how to fold WHAT into the seeds.
campaign_end() {
    echo
    record_summary
    if [ "$1" -ne 0 ]; then
        echo "FAILED. Reproduce with:"
        printf '%s' "$2"
        echo "Keep each crashing input: copy it into corpus/regressions/<harness>/."
        exit 1
    fi
    echo "no crashes. Fold $3 into the committed seeds with: make corpus-min"
}

record_machine() {
    host=$(uname -n 2>/dev/null || echo unknown)
    cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo \
        2>/dev/null | head -1 | tr '\t' ' ')
    [ -n "$cpu" ] || cpu=$(uname -m)
    printf '%s\t%s' "$host" "$cpu"
}

# record_add ENGINE HARNESS JOBS SECS EXECS CPUSECS EDGES FEATURES CORPUS
#            CRASHES STATUS
record_add() {
    mkdir -p "$(dirname "$FUZZ_RECORD")"
    if [ ! -s "$FUZZ_RECORD" ]; then
        printf 'epoch\tdate\thost\tcpu\tengine\tharness\tjobs\tseconds\texecutions\tcpu_seconds\tedges\tfeatures\tcorpus\tcrashes\tstatus\n' \
            > "$FUZZ_RECORD"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$(date +%s)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(record_machine)" \
        "$1" "$2" "$3" "$4" "$5" "$6" "${7:--}" "${8:--}" "${9:--}" \
        "${10}" "${11}" >> "$FUZZ_RECORD"
}

# Totals per harness and engine over this machine's rows (record_summary
# all: every machine's): campaigns, executions and fuzzing time to date,
# findings, the coverage plateau (the most edges seen, the campaign that
# last raised it, the executions and time since) and the executions since
# the last finding.
record_summary() {
    [ -s "$FUZZ_RECORD" ] || return 0
    m=$(record_machine)
    if [ "${1:-}" = all ]; then
        echo "=== campaign record $FUZZ_RECORD, every machine ($(cut -f3 "$FUZZ_RECORD" | sed 1d | sort -u | paste -sd ' ' -))"
    else
        echo "=== campaign record $FUZZ_RECORD, this machine ($(printf '%s' "$m" | tr '\t' ','))"
    fi
    awk -F '\t' -v host="${m%%	*}" -v cpu="${m#*	}" -v now="$(date +%s)" \
        -v all="${1:-}" '
    function ago(s) {
        if (s < 120) return s "s"
        if (s < 7200) return int(s / 60) "min"
        if (s < 172800) return int(s / 3600) "h"
        return int(s / 86400) "d"
    }
    NR == 1 || (all != "all" && ($3 != host || $4 != cpu)) { next }
    {
        k = $6 "\t" $5
        if (!(k in runs)) order[++n] = k
        runs[k]++; ex[k] += $9; secs[k] += $8; crash[k] += $14
        if ($14 > 0) clean[k] = 0; else clean[k] += $9
        e = ($11 == "-") ? -1 : $11 + 0
        if (!(k in maxe) || e > maxe[k]) {
            maxe[k] = e; grew[k] = $1; since[k] = 0; ft[k] = $12
        } else since[k] += $9
    }
    END {
        printf "%-13s %-9s %5s %14s %9s %8s %12s %12s %14s %14s\n", \
            "harness", "engine", "runs", "executions", "fuzz-time", \
            "findings", "max-edges", "last-growth", "execs-since", \
            "no-finding"
        for (i = 1; i <= n; i++) {
            k = order[i]; split(k, p, "\t")
            printf "%-13s %-9s %5d %14.0f %9s %8d %12s %12s %14.0f %14.0f\n", \
                p[1], p[2], runs[k], ex[k], ago(secs[k]), crash[k], \
                (maxe[k] < 0 ? "-" : maxe[k]), ago(now - grew[k]) " ago", \
                since[k], clean[k]
        }
        print "(max-edges: the most edges one campaign reached (libFuzzer cov, AFL++"
        print " edges_found); last-growth: when a campaign last raised it;"
        print " execs-since: executions in the campaigns after that one;"
        print " no-finding: executions since the last campaign with a crash)"
    }' "$FUZZ_RECORD"
}

# record_merge FILE...: the rows of several machines' records into
# $FUZZ_RECORD, in time order; a row already there is not added again,
# so merging the same files twice changes nothing.
record_merge() {
    for f in "$FUZZ_RECORD" "$@"; do
        [ -s "$f" ] && head -1 "$f" && break
    done > "$FUZZ_RECORD.new"
    for f in "$FUZZ_RECORD" "$@"; do
        [ -s "$f" ] && sed 1d "$f"
    done | awk '!seen[$0]++' | sort -t "$(printf '\t')" -k1,1n -s \
        >> "$FUZZ_RECORD.new"
    mv "$FUZZ_RECORD.new" "$FUZZ_RECORD"
}

# run_timed CPUFILE CMD...: run CMD (its output is the caller's to
# redirect), then write the CPU seconds (user + system) it and every
# process it waited for used into CPUFILE; returns CMD's status. The
# `times` builtin of a shell that ran only CMD gives them: its second line
# is "XmY.YYYs XmY.YYYs" (children's user and system time).
run_timed() {
    _cpu=$1
    shift
    sh -c '"$@"; rc=$?; times > "$0"; exit $rc' "$_cpu" "$@"
}

cpu_of() {
    sed -n 2p "$1" 2>/dev/null | awk '{
        t = 0
        for (i = 1; i <= 2; i++) {
            split($i, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2]
        }
        printf "%.1f", t
    }'
}
