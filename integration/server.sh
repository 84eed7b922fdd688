# SPDX-License-Identifier: MIT
# Setup and helpers of the real-server tests, sourced first by
# integration/nginx-test.sh and apache-test.sh with their arguments
# (ACEH_PROGRAM BUILD), srv (nginx, apache) and stop_signal set; they
# define write_conf and up for start_server.
aceh=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2/$srv-test"
work=$(cd "$2/$srv-test" && pwd)
pass=0 fail=0 pid="" port=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }
summary() { echo "$srv: $pass passed, $fail failed"; [ "$fail" = 0 ]; }

# Stop the server of process id $pid (signal $stop_signal, then KILL after
# 5 s) and wait for it; nothing when none runs. Set as the exit trap.
stop() {
    [ -n "$pid" ] || return 0
    kill -"$stop_signal" "$pid" 2>/dev/null
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=""
}
trap 'stop' EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap 'stop; exit 129' HUP

# start_server COMMAND...: run the server in the background on a free
# loopback port of 20000-59999. For each port tried, the caller's
# write_conf writes the configuration for $port, COMMAND runs (output in
# $work/server.out) until the caller's up answers; when the port was
# taken after all ("in use" in $work/error.log or the output), the next.
# Sets pid and port; returns 1 when the server did not start.
start_server() {
    port=$((20000 + $$ % 40000))
    tries=0
    while [ $tries -lt 20 ]; do
        tries=$((tries + 1))
        port=$((20000 + (port - 20000 + 7919) % 40000))
        ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && continue
        write_conf || return 1
        : >"$work/error.log"
        "$@" >"$work/server.out" 2>&1 &
        pid=$!
        i=0
        while [ $i -lt 50 ] && kill -0 "$pid" 2>/dev/null; do
            up && return 0
            sleep 0.1
            i=$((i + 1))
        done
        stop
        grep -q 'in use' "$work/error.log" "$work/server.out" 2>/dev/null || return 1
    done
    return 1
}

# start LABEL COMMAND...: start_server, else a failed check and exit 1.
start() {
    label=$1
    shift
    start_server "$@" && return 0
    bad start "$label did not start (port $port)" "$(tail -n 5 "$work/error.log" "$work/server.out" 2>/dev/null)"
    summary
    exit 1
}

# stopped LABEL: stop the server, then check that its process is gone.
stopped() {
    ours=$pid
    stop
    if kill -0 "$ours" 2>/dev/null; then bad stop "$1 $ours still running"
    else ok "$1 stopped (pid $ours)"; fi
}

# lint_sent CONF RE URL: for each location of CONF (a line matching the awk
# regex RE names it: "location = /NAME {", "<Location /NAME>"), the
# Access-Control-Expose-Headers values `aceh lint --values --config CONF`
# finds between it and the next one (only those sent on every status for a
# location named lint-status-4*) are the lines `curl -sI URL/NAME` gets,
# in any order.
lint_sent() {
    if ! "$aceh" lint --values --config "$1" >"$work/values" 2>"$work/values.err"; then
        bad "lint --values --config $1" "$(cat "$work/values.err")"
        return
    fi
    # NAME, status kind and value of each value found, by line number.
    awk -F'\t' -v conf="$1" -v re="$2" '
        BEGIN { while ((getline l < conf) > 0) { ln++; if (l ~ re) { name = l
                    sub(/^[^\/]*\//, "", name); sub(/[ >"{].*$/, "", name)
                    loc[++n] = name; at[n] = ln; print name > "'"$work/names"'" } } }
        { place = $1; sub(/:[0-9]+$/, "", place); line = place; sub(/.*:/, "", line)
          name = ""
          for (i = 1; i <= n; i++) if (at[i] <= line + 0) name = loc[i]
          print name "\t" $3 "\t" $4 }' "$work/values" >"$work/found"
    for name in $(cat "$work/names"); do
        case $name in
        lint-status-4*) awk -F'\t' -v n="$name" '$1 == n && $2 == "always" { print $3 }' "$work/found" ;;
        *) awk -F'\t' -v n="$name" '$1 == n { print $3 }' "$work/found" ;;
        esac | sort >"$work/found-$name"
        curl -sI --max-time 5 "$3/$name" | tr -d '\r' |
            sed -n 's/^[Aa]ccess-[Cc]ontrol-[Ee]xpose-[Hh]eaders: //p' | sort >"$work/sent-$name"
        if cmp -s "$work/found-$name" "$work/sent-$name"; then
            ok "lint --config finds what /$name sends"
        else
            bad "lint --config finds what /$name sends" "found: $(cat "$work/found-$name")" \
                "sent:  $(cat "$work/sent-$name")"
        fi
    done
}
