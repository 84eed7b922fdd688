# shellcheck shell=sh disable=SC2154
# SPDX-License-Identifier: MIT
# Sourced by the dist/ test scripts. check NAME COMMAND...: run COMMAND with
# its output in $logdir/NAME.log, count it in $pass or $fail, and show the
# log's tail when it fails. The caller sets logdir, pass and fail.
check() {
    name=$1
    shift
    if "$@" >"$logdir/$name.log" 2>&1; then
        pass=$((pass + 1))
        echo "ok   $name"
    else
        fail=$((fail + 1))
        echo "FAIL $name"
        tail -n 30 "$logdir/$name.log" | sed 's/^/     /'
    fi
}
