#!/bin/sh
# SPDX-License-Identifier: MIT
# BUILD_SCRIPT run as OSS-Fuzz's `compile` and ClusterFuzzLite run it, once
# per ENGINE:SANITIZER, and its outputs checked (fuzz/README.md, fuzz-cflite):
#   fuzz/cflite-test.sh NAME BUILD_SCRIPT ENGINE:SANITIZER...
# NAME: the folder under $FUZZ_OUT and the prefix of the messages.
# The environment of each build, from google/oss-fuzz: CFLAGS
# (infra/base-images/base-clang/Dockerfile, without its -Wno-error=...
# options), SANITIZER_FLAGS_<sanitizer> and COVERAGE_FLAGS
# (base-builder/Dockerfile; `compile` appends both to CFLAGS and drops
# COVERAGE_FLAGS for afl), CC, CXX and LIB_FUZZING_ENGINE
# (base-builder/compile_libfuzzer, compile_afl: AFL++'s libAFLDriver.a,
# here Debian's). Two differences: clang is Debian's clang-14, not
# OSS-Fuzz's newer one, and libFuzzer builds link with $CC (no libc++
# here, so no CXX/CXXFLAGS).
set -u
: "${FUZZ_OUT:=build/fuzz}"
# The harnesses: the one list, fuzz/harnesses.h, unless given.
: "${FUZZ_HARNESSES:=$(sed -n 's/^ *X(\([a-z0-9_]*\)).*/\1/p' fuzz/harnesses.h)}"
name=$1
script=$2
shift 2
cflags="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
ubsan=array-bounds,bool,builtin,enum,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr
# UBSan's unsigned-integer-overflow is a coverage signal, not a finding
# (base-builder/Dockerfile).
UBSAN_OPTIONS=${UBSAN_OPTIONS:-silence_unsigned_overflow=1}
export UBSAN_OPTIONS
fail=0
# A harness source missing from the list would be built by nothing.
for src in fuzz/*_fuzzer.c; do
    n=$(basename "$src" _fuzzer.c)
    grep -q "^ *X($n)" fuzz/harnesses.h ||
        { echo "$name: $src is not in fuzz/harnesses.h"; fail=1; }
done
for combo in "$@"; do
    engine=${combo%%:*}
    san=${combo#*:}
    case $san in
    address) sf="-fsanitize=address -fsanitize-address-use-after-scope" ;;
    undefined) sf="-fsanitize=$ubsan,unsigned-integer-overflow -fno-sanitize-recover=$ubsan" ;;
    memory) sf="-fsanitize=memory -fsanitize-memory-track-origins" ;;
    *) echo "$name: unknown sanitizer $san"; fail=1; continue ;;
    esac
    case $engine in
    libfuzzer) set -- -u CXX -u CXXFLAGS CC=clang CFLAGS="$cflags $sf -fsanitize=fuzzer-no-link" \
        LIB_FUZZING_ENGINE=-fsanitize=fuzzer ;;
    afl) set -- CC=afl-clang-fast CXX=afl-clang-fast++ CFLAGS="$cflags $sf" \
        CXXFLAGS="$cflags $sf" LIB_FUZZING_ENGINE=/usr/lib/afl/libAFLDriver.a \
        AFL_QUIET=1 ASAN_OPTIONS=detect_leaks=0:symbolize=0:detect_odr_violation=0:abort_on_error=1 ;;
    *) echo "$name: unknown engine $engine"; fail=1; continue ;;
    esac
    base=$(pwd)/$FUZZ_OUT/$name/$engine-$san
    rm -rf "$base"
    mkdir -p "$base/out" "$base/work"
    if ! env -u SRC "$@" OUT="$base/out" WORK="$base/work" SANITIZER="$san" \
        FUZZING_ENGINE="$engine" "$script" > "$base/build.log" 2>&1; then
        echo "$name: $engine-$san: $script failed:"
        tail -30 "$base/build.log"
        fail=1
        continue
    fi
    bins=""
    for h in $FUZZ_HARNESSES; do
        n=${h}_fuzzer
        bins="$bins $base/out/$n"
        for f in "$n" "${n}_seed_corpus.zip" "$n.dict" "$n.options"; do
            if [ ! -s "$base/out/$f" ]; then
                echo "$name: $engine-$san: missing $f"
                fail=1
            fi
        done
        [ -x "$base/out/$n" ] || { echo "$name: $n not executable"; fail=1; }
        grep -q "^dict = $n.dict" "$base/out/$n.options" 2>/dev/null ||
            { echo "$name: $n.options does not name $n.dict"; fail=1; }
        [ -s "$base/out/${n}_seed_corpus.zip" ] || continue
        rm -rf "$base/seeds-$h"
        mkdir -p "$base/seeds-$h"
        unzip -q "$base/out/${n}_seed_corpus.zip" -d "$base/seeds-$h"
        count=$(ls "$base/seeds-$h" | wc -l)
        # libFuzzer replays a folder with -runs=0; AFL++'s driver runs
        # each file given.
        if [ "$engine" = afl ]; then
            set -- "$base/seeds-$h"/*
        else
            set -- -runs=0 -dict="$base/out/$n.dict" \
                -artifact_prefix="$base/crash-$h-" "$base/seeds-$h"
        fi
        if "$base/out/$n" "$@" > "$base/run-$h.log" 2>&1; then
            echo "$name: $engine-$san: $n ran its $count seeds"
        else
            echo "$name: $engine-$san: $n FAILED on its seed zip, see $base/run-$h.log"
            tail -20 "$base/run-$h.log"
            fail=1
        fi
    done
    # shellcheck disable=SC2086
    FUZZ_ENGINE=$engine fuzz/bare-start.sh "$base/bare" $bins || fail=1
done
exit $fail
