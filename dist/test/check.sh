# shellcheck shell=sh disable=SC2154
# SPDX-License-Identifier: MIT
# Sourced first by the dist/ test scripts, with their arguments (BUILD
# first) and `what` set (their name in the closing line): work, the
# absolute BUILD/WHAT-test, emptied; logdir, its out/ folder; the counters.
mkdir -p "$1/$what-test"
work=$(cd "$1/$what-test" && pwd)
rm -rf "${work:?}"/*
logdir=$work/out
mkdir -p "$logdir"
pass=0
fail=0

# check NAME COMMAND...: run COMMAND with its output in $logdir/NAME.log,
# count it in $pass or $fail, and show the log's tail when it fails.
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

# What dist/example.c prints, for this VERSION.
expected() { sed "s/@VERSION@/$VERSION/" dist/test/example.expected; }

# The closing line; fails when a check did.
finish() { echo "$what: $pass passed, $fail failed"; [ "$fail" = 0 ]; }
