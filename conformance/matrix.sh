#!/bin/sh
# SPDX-License-Identifier: MIT
# The results matrix (`make conformance-matrix`; conformance/README.md,
# "The results matrix"): both tables through each IMPL with run-external,
# each run's files in BUILD_DIR/conformance/matrix/ (IMPL.*, pf-IMPL.*),
# the report in BUILD_DIR/conformance/RESULTS.md.
#
#   conformance/matrix.sh BUILD_DIR IMPL...
#
# MATRIX_REPORT_ONLY=1 rewrites RESULTS.md from the last runs' files. Exit
# status 0 when RESULTS.md was written (disagreements are results), 2 on a
# usage error.
set -u
[ $# -ge 2 ] || { echo "usage: conformance/matrix.sh BUILD_DIR IMPL..." >&2; exit 2; }
build=$1
shift
here=$(dirname "$0")
out=$build/conformance/matrix
[ "${MATRIX_REPORT_ONLY:-0}" = 1 ] || rm -rf "$out"
mkdir -p "$out" || exit 2
timeout_s=${MATRIX_TIMEOUT:-600}
impls=$*

# run KEY LABEL [RUN-EXTERNAL OPTION]... -- COMMAND [ARG]...: one table
# through one implementation; KEY.out/.err/.status/.label in $out, and
# KEY.error when the run is an error.
run() {
    key=$1 label=$2
    shift 2
    opts=""
    while [ "$1" != -- ]; do opts="$opts $1"; shift; done
    shift
    v=$("$@" --version < /dev/null 2>/dev/null | head -n 1)
    printf '%s\t%s\n' "$label" "${v:-unknown}" > "$out/$key.label"
    start=$(date +%s)
    rc=0
    # shellcheck disable=SC2086 # $opts: options without spaces
    "$here/run-external" --timeout "$timeout_s" $opts "$@" \
        > "$out/$key.out" 2> "$out/$key.err" || rc=$?
    echo "$rc $(($(date +%s) - start))" > "$out/$key.status"
    why=""
    if [ "$rc" = 2 ]; then
        why="run-external could not run the adapter (exit 2)"
    elif grep -q '^run-external: the program exited with a failure status' "$out/$key.out"; then
        why=$(grep '^run-external: the program exited' "$out/$key.out")
    elif grep -q '^run-external: .* got no answer\|^run-external: the .* run was killed' "$out/$key.out"; then
        why=$(grep '^run-external: .* got no answer\|^run-external: the .* run was killed' "$out/$key.out" | head -n 2)
    elif ! grep -q '^disagreement: .*, got \|^run-external: total [1-9]' "$out/$key.out" &&
        grep -q '^disagreement: .*program said "error:' "$out/$key.out"; then
        # Nothing agreed and no answer was 0/1 or pass/fail: the adapter
        # ran but its implementation did not (aceh preflight failing on
        # every request, say).
        why="every answer was an error: line; the first: $(grep -m 1 -o 'program said .*' "$out/$key.out")"
    fi
    if [ -n "$why" ]; then
        { echo "$why"; echo "last lines of its standard error:"
          tail -n 8 "$out/$key.err"; } > "$out/$key.error"
    fi
    echo "conformance-matrix: $key: exit $rc in $(($(date +%s) - start)) s; $(grep '^run-external: total' "$out/$key.out")${why:+ (error)}"
}

# installed KEY LABEL DIR PACKAGE: 0 when DIR/node_modules/PACKAGE is
# there; else KEY's files say the install failed, quoting npm's log.
installed() {
    [ -f "$3/node_modules/$4/package.json" ] && return 0
    printf '%s\t%s\n' "$2" "not installed" > "$out/$1.label"
    echo "2 0" > "$out/$1.status"
    : > "$out/$1.out"
    { if [ -f "$3/install.log" ]; then
          echo "the install failed (npm's log, last lines):"
          tail -n 8 "$3/install.log"
      else
          echo "not installed: $3 is missing (make conformance-matrix installs it)"
      fi; } > "$out/$1.error"
    echo "conformance-matrix: $1: not installed"
    return 1
}

# node_impl IMPL LABEL PACKAGE VARIABLE ADAPTER: both tables through a
# Node.js adapter that finds PACKAGE in VARIABLE (BUILD_DIR/adapters/IMPL).
node_impl() {
    dir=$build/adapters/$1
    if installed "$1" "$2" "$dir" "$3"; then
        run "$1" "$2" --query-capabilities -- env "$4=$dir/node_modules" "$5"
    fi
    if installed "pf-$1" "$2" "$dir" "$3"; then
        run "pf-$1" "$2" --preflight --query-capabilities -- \
            env "$4=$dir/node_modules" "$5" preflight
    fi
}

for impl in $impls; do
    [ "${MATRIX_REPORT_ONLY:-0}" = 1 ] && continue
    case $impl in
    aceh)
        run aceh "aceh batch (this library)" -- "$here/adapters/aceh/batch" "$build/aceh"
        run pf-aceh "aceh preflight (this library)" --preflight --query-capabilities -- \
            "$here/adapters/aceh/preflight" "$build/aceh" ;;
    happy-dom)
        node_impl happy-dom "happy-dom fetch()" happy-dom HAPPY_DOM_MODULES \
            "$here/adapters/happy-dom/run" ;;
    jsdom-[0-9]*)
        node_impl "$impl" "$impl XMLHttpRequest" jsdom JSDOM_MODULES \
            "$here/adapters/jsdom/run" ;;
    chromium|firefox|webkit|chromium-xhr|firefox-xhr|webkit-xhr)
        engine=${impl%-xhr}
        if [ "$engine" = "$impl" ]; then api="" name="fetch()"; else api=xhr name=XMLHttpRequest; fi
        # shellcheck disable=SC2086 # $api: one word or none
        run "$impl" "$engine $name" --query-capabilities -- \
            sh "$here/adapters/browser/adapter.sh" "$engine" $api
        # shellcheck disable=SC2086
        run "pf-$impl" "$engine $name" --preflight --query-capabilities -- \
            sh "$here/adapters/browser/adapter.sh" "$engine" $api preflight ;;
    *) echo "conformance/matrix.sh: unknown implementation $impl" >&2; exit 2 ;;
    esac
done

sh "$here/matrix-report.sh" "$here" "$out" "$impls" > "$build/conformance/RESULTS.md" || exit 2
echo "conformance-matrix: wrote $build/conformance/RESULTS.md"
