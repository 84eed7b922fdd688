#!/bin/sh
# SPDX-License-Identifier: MIT
# Run each make target named after $1 (the make command) in order, go on past
# failures, then print one line per step and a closing "N passed, N failed".
# RUN_STEPS_LABEL names the run in its headings (default: check).
# Notes a step leaves through scripts/note.sh (how it ran a host-dependent
# part: natively or under an emulator, or "not run: <what> (why)") are shown
# under the step's line, and every "not run" once more before the last line.
set -u
make_cmd=$1
shift
passed=0
failed=0
summary=""
notes=$(mktemp -d "${TMPDIR:-/tmp}/aceh-notes.XXXXXX")
trap 'rm -rf "$notes"' EXIT
for step in "$@"; do
    echo "=== ${RUN_STEPS_LABEL:-check} step: $step"
    start=$(date +%s)
    if ACEH_NOTES="$notes/$step" $make_cmd --no-print-directory "$step"; then
        result=ok
        passed=$((passed + 1))
    else
        result=FAILED
        failed=$((failed + 1))
    fi
    secs=$(( $(date +%s) - start ))
    summary="$summary$(printf '  %-24s %-6s %4ss' "$step" "$result" "$secs")
"
    if [ -s "$notes/$step" ]; then
        summary="$summary$(sed 's/^/      /' "$notes/$step")
"
    fi
done
echo "=== ${RUN_STEPS_LABEL:-check} summary"
printf '%s' "$summary"
for step in "$@"; do
    [ -s "$notes/$step" ] && grep '^not run:' "$notes/$step" | sed "s/^/$step: /"
done
echo "steps: $passed passed, $failed failed"
[ "$failed" = 0 ]
