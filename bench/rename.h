/* SPDX-License-Identifier: MIT */
/* Force-included when parser/aceh.c is compiled a second (portable -O2) or
 * third (inlined into the benchmark loops) time: every public symbol gets
 * the prefix BENCH_PREFIX, so all builds link into one benchmark binary and
 * are timed interleaved, in the same run. The functions come from aceh.h's
 * ACEH_FUNCTIONS list, each declared again with the prefixed assembler
 * name. bench.mk checks with nm that no unprefixed global symbol is left. */
#ifndef ACEH_BENCH_RENAME_H
#define ACEH_BENCH_RENAME_H

/* aceh.h's inline functions call public ones: those must be renamed
 * before their first use, which clang enforces. */
#define ACEH_INLINE_LATER
#include "aceh.h"

#define BENCH_STR2(x) #x
#define BENCH_STR(x) BENCH_STR2(x)
#define BENCH_RENAME(f)                                                    \
    extern __typeof__(f) f __asm__(BENCH_STR(__USER_LABEL_PREFIX__)        \
                                       BENCH_STR(BENCH_PREFIX) #f);
ACEH_FUNCTIONS(BENCH_RENAME)
#undef ACEH_INLINE_LATER
#include "aceh.h"

#endif
