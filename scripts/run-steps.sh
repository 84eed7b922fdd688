#!/bin/sh
# SPDX-License-Identifier: MIT
# Run each make target named after $1 (the make command) in order, go on past
# failures, then print one line per step and a closing "N passed, N failed".
set -u
make_cmd=$1
shift
passed=0
failed=0
summary=""
for step in "$@"; do
    echo "=== check step: $step"
    start=$(date +%s)
    if $make_cmd --no-print-directory "$step"; then
        result=ok
        passed=$((passed + 1))
    else
        result=FAILED
        failed=$((failed + 1))
    fi
    secs=$(( $(date +%s) - start ))
    summary="$summary$(printf '  %-24s %-6s %4ss' "$step" "$result" "$secs")
"
done
echo "=== check summary"
printf '%s' "$summary"
echo "steps: $passed passed, $failed failed"
[ "$failed" = 0 ]
