#!/bin/sh
# SPDX-License-Identifier: MIT
# Run each make target named after $1 (the make command) in order, go on past
# failures, then print one line per step and a closing "N passed, N failed".
# RUN_STEPS_LABEL names the run in its headings (default: check).
# RUN_STEPS_BACKGROUND names steps that start at once, beside the others
# (at a lower CPU priority: a long step that would leave cores idle in the
# others' single-threaded parts); each one's output and result are shown
# in its own place in the order, after waiting for it there.
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
background=" ${RUN_STEPS_BACKGROUND:-} "
for step in "$@"; do
    case $background in
    *" $step "*)
        # Its start time, output and exit status, in files of its own.
        ( date +%s >"$notes/$step.start"
          ACEH_NOTES="$notes/$step" nice $make_cmd --no-print-directory "$step" \
              >"$notes/$step.out" 2>&1
          echo $? >"$notes/$step.rc"
          date +%s >"$notes/$step.end" ) &
        echo $! >"$notes/$step.pid" ;;
    esac
done
for step in "$@"; do
    echo "=== ${RUN_STEPS_LABEL:-check} step: $step"
    start=$(date +%s)
    if [ -f "$notes/$step.pid" ]; then
        wait "$(cat "$notes/$step.pid")"
        cat "$notes/$step.out"
        start=$(cat "$notes/$step.start")
        end=$(cat "$notes/$step.end" 2>/dev/null || date +%s)
        echo "(started with the first step, beside the steps before this one)"
        rc=$(cat "$notes/$step.rc" 2>/dev/null || echo 1)
    else
        ACEH_NOTES="$notes/$step" $make_cmd --no-print-directory "$step"
        rc=$?
        end=$(date +%s)
    fi
    if [ "$rc" = 0 ]; then
        result=ok
        passed=$((passed + 1))
    else
        result=FAILED
        failed=$((failed + 1))
    fi
    secs=$(( end - start ))
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
