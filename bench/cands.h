/* SPDX-License-Identifier: MIT */
/* The library calls that are timed, as loops over a whole workload. cands.c
 * is compiled once per library build: native_ (-O2 -march=native, the
 * library in its own object, calls out of line as any user's would),
 * portable_ (-O2, SSE2 only on x86-64, renamed library), and inline_ and
 * inline_portable_ (the same two builds with the library in the same
 * translation unit, so the compiler may inline aceh_iter_next into the
 * loop). Each returns a
 * checksum so the work cannot be optimized away. */
#ifndef ACEH_BENCH_CANDS_H
#define ACEH_BENCH_CANDS_H

#include <stddef.h>

#include "aceh.h"

typedef struct bench_val {
    const char *p; /* NUL-terminated, for the naive baseline */
    size_t len;
} bench_val;

/* A value's names, pre-split, for the builder. */
typedef struct bench_names {
    const aceh_str *names;
    size_t n;
} bench_names;

#define BENCH_QUERIES 5

#define BENCH_DECLARE(pfx)                                                   \
    size_t pfx##validate_all(const bench_val *v, size_t n);                  \
    size_t pfx##iterate_all(const bench_val *v, size_t n);                   \
    size_t pfx##iterate_call_all(const bench_val *v, size_t n);              \
    size_t pfx##split_all(const bench_val *v, size_t n);                     \
    size_t pfx##parse_all(const bench_val *v, size_t n);                     \
    size_t pfx##decide_oneshot(const bench_val *v, size_t n,                 \
                               const bench_val *q);                          \
    size_t pfx##decide_parsed(const bench_val *v, size_t n,                  \
                              const bench_val *q);                           \
    size_t pfx##format_all(const bench_names *l, size_t n, char *buf,        \
                           size_t cap)

BENCH_DECLARE(native_);
BENCH_DECLARE(portable_);
BENCH_DECLARE(inline_);
BENCH_DECLARE(inline_portable_);

#endif
