#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: run-logged.sh LOG N COMMAND [ARG]...
# Run COMMAND with its output in LOG; print the last N lines when it
# succeeds, the last 40 when it fails, and exit with COMMAND's status (a
# pipe into tail would lose it).
set -u
log=$1
n=$2
shift 2
mkdir -p "$(dirname "$log")"
echo "== $*"
"$@" > "$log" 2>&1
rc=$?
if [ "$rc" = 0 ]; then
    tail -n "$n" "$log"
else
    tail -n 40 "$log"
    echo "FAILED (exit $rc): $* (full output: $log)"
fi
exit "$rc"
