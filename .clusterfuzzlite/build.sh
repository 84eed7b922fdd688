#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# OSS-Fuzz / ClusterFuzzLite build script (.clusterfuzzlite/README.md),
# run from the repository root (the Dockerfile's WORKDIR); links through
# $CXX when set (engines other than libFuzzer come as C++ archives).
: "${CC:?}" "${OUT:?}" "${LIB_FUZZING_ENGINE:?}"
CFLAGS=${CFLAGS:-}
LINK=${CXX:-$CC}
LINKFLAGS=${CXXFLAGS:-$CFLAGS}
if [ ! -f parser/aceh.h ] || [ ! -f fuzz/input.c ]; then
    echo "build.sh: run me from the repository root" >&2
    exit 1
fi
work=${WORK:-}
if [ -z "$work" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
obj=$work/aceh-fuzz
rm -rf "$obj"
mkdir -p "$obj" "$OUT"

inc="-D_DEFAULT_SOURCE -Iparser -Icommon -Ifuzz"
# The library once as is and again per code path, symbols renamed, for the
# differential harness (see fuzz/rename.h and fuzz/fuzz.mk).
variants="scalar"
case "$(uname -m)" in x86_64 | i?86) variants="scalar ssse3 avx2"; inc="$inc -DFUZZ_X86_VARIANTS" ;; esac
# The library's compiles are most of the build and independent of each
# other: they run at once, and the build stops if any of them fails.
pids=""
# shellcheck disable=SC2086
$CC $CFLAGS $inc -c parser/aceh.c -o "$obj/aceh.o" &
pids="$pids $!"
# The variant flags: mk/variants.mk, the list the make build reads too
# (sets variant_flags_nosimd=..., variant_flags_avx2=..., ...).
eval "$(make -s -f mk/variants.mk variants-sh)"
for v in $variants; do
    case $v in
    scalar) vf=${variant_flags_nosimd:?} ;;
    ssse3) vf=${variant_flags_ssse3:?} ;;
    avx2) vf=${variant_flags_avx2:?} ;;
    esac
    # shellcheck disable=SC2086
    $CC $CFLAGS $inc $vf -DACEH_FUZZ_PREFIX=${v}_ -include fuzz/rename.h \
        -c parser/aceh.c -o "$obj/variant_$v.o" &
    pids="$pids $!"
done
for p in $pids; do
    wait "$p" || { echo "build.sh: compiling parser/aceh.c failed" >&2; exit 1; }
done
for f in input ref; do
    # shellcheck disable=SC2086
    $CC $CFLAGS $inc -c "fuzz/$f.c" -o "$obj/$f.o"
done

# The harnesses: the one list, fuzz/harnesses.h.
for h in $(sed -n 's/^ *X(\([a-z0-9_]*\)).*/\1/p' fuzz/harnesses.h); do
    name=${h}_fuzzer
    src=fuzz/$name.c
    # shellcheck disable=SC2086
    $CC $CFLAGS $inc -c "$src" -o "$obj/$name.o"
    # shellcheck disable=SC2086
    $LINK $LINKFLAGS "$obj/$name.o" "$obj/input.o" "$obj/ref.o" \
        "$obj/aceh.o" "$obj"/variant_*.o $LIB_FUZZING_ENGINE -o "$OUT/$name"
    rm -f "$OUT/${name}_seed_corpus.zip"
    for d in "corpus/$h" "corpus/regressions/$h"; do
        if [ -d "$d" ] && [ -n "$(ls -A "$d")" ]; then
            zip -q -j -r "$OUT/${name}_seed_corpus.zip" "$d" -x '.*' '*/.*' \
                '*/README.md'
        fi
    done
    cp fuzz/aceh.dict "$OUT/$name.dict"
    printf '[libfuzzer]\ndict = %s.dict\nmax_len = 4096\n' "$name" \
        > "$OUT/$name.options"
done
echo "build.sh: $(ls "$OUT"/*_fuzzer | wc -l) harnesses in $OUT"
