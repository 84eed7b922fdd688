#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs .clusterfuzzlite/build.sh the way ClusterFuzzLite/OSS-Fuzz do (from
# the repository root, CC/CFLAGS/LIB_FUZZING_ENGINE/OUT set, no $SRC), into
# build/, then checks the outputs: every harness binary, its seed zip,
# .dict and .options, that each binary runs its seed zip's content and
# starts from an empty corpus (fuzz/bare-start.sh).
set -u
: "${FUZZ_OUT:=build/fuzz}"
# The harnesses: the one list, fuzz/harnesses.h, unless given.
: "${FUZZ_HARNESSES:=$(sed -n 's/^ *X(\([a-z0-9_]*\)).*/\1/p' fuzz/harnesses.h)}"
base=$(pwd)/$FUZZ_OUT/cflite
rm -rf "$base"
mkdir -p "$base/out" "$base/work"
if ! env -u CXX -u CXXFLAGS -u SRC CC=clang \
    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link" \
    LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT="$base/out" WORK="$base/work" \
    .clusterfuzzlite/build.sh > "$base/build.log" 2>&1; then
    echo "fuzz-cflite: build.sh failed:"
    tail -30 "$base/build.log"
    exit 1
fi
fail=0
# A harness source missing from the list would be built by nothing.
for src in fuzz/*_fuzzer.c; do
    n=$(basename "$src" _fuzzer.c)
    grep -q "^ *X($n)" fuzz/harnesses.h ||
        { echo "fuzz-cflite: $src is not in fuzz/harnesses.h"; fail=1; }
done
for h in $FUZZ_HARNESSES; do
    n=${h}_fuzzer
    for f in "$n" "${n}_seed_corpus.zip" "$n.dict" "$n.options"; do
        if [ ! -s "$base/out/$f" ]; then
            echo "fuzz-cflite: missing $f"
            fail=1
        fi
    done
    [ -x "$base/out/$n" ] || { echo "fuzz-cflite: $n not executable"; fail=1; }
    grep -q "^dict = $n.dict" "$base/out/$n.options" 2>/dev/null ||
        { echo "fuzz-cflite: $n.options does not name $n.dict"; fail=1; }
    [ -s "$base/out/${n}_seed_corpus.zip" ] || continue
    rm -rf "$base/seeds-$h"
    mkdir -p "$base/seeds-$h"
    unzip -q "$base/out/${n}_seed_corpus.zip" -d "$base/seeds-$h"
    count=$(ls "$base/seeds-$h" | wc -l)
    if "$base/out/$n" -runs=0 -dict="$base/out/$n.dict" \
        -artifact_prefix="$base/crash-$h-" "$base/seeds-$h" \
        > "$base/run-$h.log" 2>&1; then
        echo "fuzz-cflite: $n ran its $count seeds"
    else
        echo "fuzz-cflite: $n FAILED on its seed zip, see $base/run-$h.log"
        tail -20 "$base/run-$h.log"
        fail=1
    fi
done
# shellcheck disable=SC2046
fuzz/bare-start.sh "$base/bare" $(for h in $FUZZ_HARNESSES; do
    echo "$base/out/${h}_fuzzer"; done) || fail=1
exit $fail
