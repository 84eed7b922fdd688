#!/bin/sh
# SPDX-License-Identifier: MIT
# The results matrix reports a broken adapter as an error with its
# standard error, never as agreement or as a wall of disagreements
# (conformance/selftest/matrix-test.sh BUILD_DIR; part of
# `make conformance-protocol`). Three fake `aceh` programs stand in for the
# library: one that crashes, one that answers nothing, one that answers
# every request with an error; then the real one must still be measured.
set -u
build=$1
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/matrix-test.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' 0
fail=0
# check NAME FAKE-BODY WANT...: RESULTS.md of a run with that fake holds
# every WANT (a grep pattern) and no aceh row with counts.
check() {
    name=$1 body=$2
    shift 2
    mkdir -p "$tmp/$name"
    # shellcheck disable=SC2016 # $1 is the fake's own argument
    printf '#!/bin/sh\n[ "$1" = --version ] && { echo "fake 1"; exit 0; }\n%s\n' "$body" > "$tmp/$name/aceh"
    chmod +x "$tmp/$name/aceh"
    MATRIX_TIMEOUT=60 sh "$here/matrix.sh" "$tmp/$name" aceh > "$tmp/$name/log" 2>&1
    r=$tmp/$name/conformance/RESULTS.md
    for want in "$@"; do
        grep -q -- "$want" "$r" || { echo "matrix-test: $name: RESULTS.md lacks \"$want\""; fail=1; }
    done
    if grep -q '^| aceh [a-z]* (this library) | [^|]* | [0-9]' "$r"; then
        echo "matrix-test: $name: a broken adapter got counts:"
        grep '^| aceh [a-z]* (this library) | [^|]* | [0-9]' "$r"
        fail=1
    fi
}
check crash 'echo "fake: crashed on purpose" >&2; exit 1' \
    '^| aceh batch (this library) | fake 1 | - |' 'exited with a failure status' \
    'fake: crashed on purpose' 'every answer was an error: line'
check silent 'cat > /dev/null; exit 0' \
    'request(s) got no answer' '^## Adapter errors'
# shellcheck disable=SC2016 # the fake's own script
check errors '[ "$1" = batch ] && { while read -r l; do echo "error: fake"; done; exit 0; }
echo "fake: no verdict" >&2; exit 2' \
    'every answer was an error: line; the first: program said "error: fake"' \
    'program said "error: aceh preflight: fake: no verdict"' \
    '^| aceh preflight (this library) | fake 1 | - |'
# The real library: measured, no adapter error.
mkdir -p "$tmp/real" && ln -s "$(cd "$build" && pwd)/aceh" "$tmp/real/aceh"
sh "$here/matrix.sh" "$tmp/real" aceh > "$tmp/real/log" 2>&1
r=$tmp/real/conformance/RESULTS.md
if ! grep -q '^| aceh batch (this library) | aceh [^|]* | [0-9]* / 0 / 0 |' "$r" ||
    ! sed -n '/^## Adapter errors/,$p' "$r" | grep -q '^None\.$'; then
    echo "matrix-test: the real library is not measured cleanly"
    fail=1
fi
[ "$fail" = 0 ] && echo "matrix-test: a crashing, a silent and an all-error adapter are errors with their stderr; the library is measured"
exit "$fail"
