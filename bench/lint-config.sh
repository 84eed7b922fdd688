#!/bin/sh
# SPDX-License-Identifier: MIT
# `aceh lint --config` on a generated 10 MB nginx configuration (one
# line in six sets Access-Control-Expose-Headers, one value in six with
# mistakes), against reading the same file (`cat`); best of 5 runs each.
#   bench/lint-config.sh ACEH_PROGRAM DIR
set -eu
aceh=$1
conf=$2/lint-config-bench.conf
mkdir -p "$2"
awk 'BEGIN {
    v[0] = "\"X-Request-Id, X-Total-Count, Link\" always"
    v[1] = "Content-Length,Content-Range"
    v[2] = "'"'"'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset'"'"'"
    v[3] = "\"X-A, X-B always\""
    v[4] = "\"ETag, Location, Upload-Offset, Tus-Resumable\" always"
    v[5] = "\"X-Trace-Id, Server-Timing\""
    print "http {"
    for (i = 0; size < 10 * 1024 * 1024; i++) {
        s = sprintf("  server { # site %d\n    location /api/%d/ {\n      add_header Access-Control-Expose-Headers %s;\n      proxy_pass http://127.0.0.1:%d;\n    }\n  }\n", i, i, v[i % 6], 8000 + i % 1000)
        printf "%s", s
        size += length(s)
    }
    print "}"
}' >"$conf"
best() { # best wall time in ms of running "$@" 5 times
    b=""
    for i in 1 2 3 4 5; do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        t=$(( ($(date +%s%N) - t0) / 1000 ))
        if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
    done
    echo "$b"
}
read_us=$(best cat "$conf")
lint_us=$(best "$aceh" lint --config "$conf")
values=$("$aceh" lint --values --config "$conf" | wc -l)
echo "lint --config: $(wc -c <"$conf") bytes, $values values: lint $((lint_us / 1000)).$(( (lint_us % 1000) / 100 )) ms, reading $((read_us / 1000)).$(( (read_us % 1000) / 100 )) ms (cat), ratio $((lint_us / (read_us > 0 ? read_us : 1)))x"
