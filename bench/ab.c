/* SPDX-License-Identifier: MIT */
/*
 * `make bench-ab`: the working tree's library (B) against another
 * revision's (A, BASE), to judge the rule that a change may cost no
 * `make bench` figure more than 5% (bench/README.md). Two binaries built
 * from the same source differ here by 7-10% from code placement alone,
 * more than the rule allows, so both libraries are linked into this one
 * program and timed in alternating batches: pair i runs A then B when i
 * is even, B then A when it is odd (A B B A ...), so that a slow drift of
 * the machine (another job, the clock) weighs on both alike. Per-thread
 * CPU time, as `make bench`.
 *
 * This file is compiled three times. With BENCH_PREFIX (a_ or b_, and
 * bench/rename.h force-included) it is one side: the workload loops,
 * compiled against that side's own aceh.h, so that a structure whose
 * layout changed between the revisions is laid out as each library
 * expects. Without it, it is the driver: it starts a process per round of
 * each workload (AB_CHILD), which makes the inputs as plain bytes, checks
 * that both sides give the same results, times them and prints the
 * ratios; the first process pools them.
 *
 * Environment: AB_PAIRS (default 201, shared among the rounds).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ab_bytes {
    const char *p;
    size_t len;
} ab_bytes;

enum ab_kind { AB_SET, AB_SET_INIT, AB_LIST_DECIDE, AB_FILTER, AB_PARSE };

/* A workload's input, in no type of the library. AB_FILTER: a response,
 * header names[i] with value vals[i] (nvals == nnames). The others: each
 * of vals is a header of one field line; AB_PARSE parses each, AB_SET and
 * AB_SET_INIT index vals[0] and ask it the queries `names`, AB_LIST_DECIDE
 * asks every query of each. */
typedef struct ab_input {
    enum ab_kind kind;
    const ab_bytes *vals;
    size_t nvals;
    const ab_bytes *names;
    size_t nnames;
} ab_input;

/* Where a side keeps its data. Moving the same data elsewhere in memory
 * moved a set query over 30,000 names by 8% (swapping the order in which
 * the sides allocated swapped the sign), so each side's data lies in an
 * arena of its own, both at addresses equal modulo AB_SPAN, filled in the
 * same order. */
typedef struct ab_arena {
    char *p;
    size_t used;
} ab_arena;
#define AB_SPAN ((size_t)16 << 20)

static void ab_fail(const char *what)
{
    fprintf(stderr, "bench-ab: %s\n", what);
    exit(2);
}

/* One side, its functions prefixed: prepare (untimed; everything it
 * keeps is in `mem`), run the workload reps times (returns a checksum),
 * record every result into out[0 .. min(count, cap)) (returns count),
 * describe the library. */
#define AB_SIDE_DECLARE(pfx) \
    void *pfx##ab_prepare(const ab_input *in, ab_arena *mem); \
    size_t pfx##ab_run(void *st, size_t reps); \
    size_t pfx##ab_record(void *st, long *out, size_t cap); \
    void pfx##ab_describe(char *buf, size_t cap);
#define AB_SIDE_DECLARE_X(pfx) AB_SIDE_DECLARE(pfx)

#ifdef BENCH_PREFIX
/* ------------------------------------------------------------ one side */

#include "aceh.h"

#define AB_CAT(a, b) a##b
#define AB_XCAT(a, b) AB_CAT(a, b)
#define AB_FN(name) AB_XCAT(BENCH_PREFIX, name)

AB_SIDE_DECLARE_X(BENCH_PREFIX)

/* n bytes, zeroed, 64-byte aligned, from the arena. */
static void *ab_take(ab_arena *a, size_t n)
{
    void *p;

    a->used = (a->used + 63) & ~(size_t)63;
    if (n > AB_SPAN - a->used)
        ab_fail("arena too small");
    p = a->p + a->used;
    a->used += n;
    return memset(p, 0, n);
}

typedef struct ab_state {
    enum ab_kind kind;
    aceh_str *lines;
    size_t nlines;
    aceh_list *lists; /* one per line, parsed in prepare */
    aceh_name *names; /* cap per list */
    size_t cap;
    aceh_set set;
    void *mem;
    size_t mem_size;
    aceh_status set_status;
    aceh_header *h;
    unsigned char *readable;
    const ab_bytes *q;
    size_t nq;
} ab_state;

void *AB_FN(ab_prepare)(const ab_input *in, ab_arena *mem)
{
    ab_state *s = ab_take(mem, sizeof *s);
    size_t i;

    s->kind = in->kind;
    s->q = in->names;
    s->nq = in->nnames;
    s->nlines = in->nvals;
    s->lines = ab_take(mem, in->nvals * sizeof *s->lines);
    for (i = 0; i < in->nvals; i++) {
        s->lines[i].ptr = in->vals[i].p;
        s->lines[i].len = in->vals[i].len;
    }
    if (in->kind == AB_FILTER) {
        s->h = ab_take(mem, in->nvals * sizeof *s->h);
        s->readable = ab_take(mem, in->nvals);
        for (i = 0; i < in->nvals; i++) {
            s->h[i].name = in->names[i].p;
            s->h[i].name_len = in->names[i].len;
            s->h[i].value = in->vals[i].p;
            s->h[i].value_len = in->vals[i].len;
        }
        return s;
    }
    /* Room for every name of the longest line: queries never rescan. */
    s->lists = ab_take(mem, s->nlines * sizeof *s->lists);
    for (i = 0; i < s->nlines; i++) {
        (void)aceh_list_parse(&s->lists[i], &s->lines[i], 1, NULL, 0);
        if (s->lists[i].count > s->cap)
            s->cap = s->lists[i].count;
    }
    s->names = ab_take(mem, s->nlines * (s->cap + 1) * sizeof *s->names);
    for (i = 0; i < s->nlines; i++)
        (void)aceh_list_parse(&s->lists[i], &s->lines[i], 1,
                              s->names + i * (s->cap + 1), s->cap + 1);
    if (in->kind == AB_SET || in->kind == AB_SET_INIT) {
        s->mem_size = aceh_set_size(s->lists[0].count);
        s->mem = ab_take(mem, s->mem_size);
        s->set_status = aceh_set_init(&s->set, &s->lists[0], s->mem,
                                      s->mem_size);
    }
    return s;
}

static size_t ab_parse_one(ab_state *s, size_t i)
{
    (void)aceh_list_parse(&s->lists[i], &s->lines[i], 1,
                          s->names + i * (s->cap + 1), s->cap + 1);
    return s->lists[i].count + (size_t)s->lists[i].wildcard;
}

size_t AB_FN(ab_run)(void *st, size_t reps)
{
    ab_state *s = st;
    const ab_bytes *q = s->q;
    size_t r, i, k;
    long sum = 0;

    for (r = 0; r < reps; r++) {
        switch (s->kind) {
        case AB_SET:
            for (k = 0; k < s->nq; k++)
                sum += aceh_set_decide(&s->set, q[k].p, q[k].len, ACEH_INCLUDE,
                                       0);
            break;
        case AB_SET_INIT:
            sum += aceh_set_init(&s->set, &s->lists[0], s->mem, s->mem_size);
            break;
        case AB_LIST_DECIDE:
            for (i = 0; i < s->nlines; i++)
                for (k = 0; k < s->nq; k++)
                    sum += aceh_list_decide(&s->lists[i], q[k].p, q[k].len,
                                            ACEH_OMIT, 0);
            break;
        case AB_FILTER:
            sum += aceh_filter(s->h, s->nlines, ACEH_INCLUDE, 0, s->readable,
                               NULL, NULL);
            break;
        case AB_PARSE:
            for (i = 0; i < s->nlines; i++)
                sum += (long)ab_parse_one(s, i);
            break;
        }
    }
    return (size_t)sum;
}

#define AB_OUT(v) \
    do { \
        if (n < cap) \
            out[n] = (long)(v); \
        n++; \
    } while (0)

size_t AB_FN(ab_record)(void *st, long *out, size_t cap)
{
    ab_state *s = st;
    size_t n = 0, i, j, k, err_index = 0, err_off = 0;

    if (s->kind == AB_FILTER) {
        AB_OUT(aceh_filter(s->h, s->nlines, ACEH_INCLUDE, 0, s->readable,
                           &err_index, &err_off));
        AB_OUT(err_index);
        AB_OUT(err_off);
        for (i = 0; i < s->nlines; i++)
            AB_OUT(s->readable[i]);
        return n;
    }
    if (s->kind == AB_SET_INIT)
        s->set_status = aceh_set_init(&s->set, &s->lists[0], s->mem,
                                      s->mem_size);
    if (s->kind == AB_SET || s->kind == AB_SET_INIT) {
        AB_OUT(s->set_status);
        for (k = 0; k < s->nq; k++)
            AB_OUT(aceh_set_decide(&s->set, s->q[k].p, s->q[k].len,
                                   ACEH_INCLUDE, 0));
    }
    for (i = 0; i < s->nlines; i++) {
        const aceh_list *l = &s->lists[i];

        if (s->kind == AB_PARSE)
            (void)ab_parse_one(s, i);
        AB_OUT(l->status);
        AB_OUT(l->count);
        AB_OUT(l->stored);
        AB_OUT(l->wildcard);
        AB_OUT(l->err_line);
        AB_OUT(l->err_off);
        for (j = 0; j < l->stored; j++) {
            AB_OUT(l->names[j].line);
            AB_OUT(l->names[j].off);
            AB_OUT(l->names[j].len);
        }
        if (s->kind == AB_LIST_DECIDE)
            for (k = 0; k < s->nq; k++)
                AB_OUT(
                    aceh_list_decide(l, s->q[k].p, s->q[k].len, ACEH_OMIT, 0));
    }
    return n;
}

void AB_FN(ab_describe)(char *buf, size_t cap)
{
    snprintf(buf, cap, "aceh %s, %s path", aceh_version(), aceh_simd_path());
}

#else
/* -------------------------------------------------------------- driver */

#include <time.h>

/* Internal: the name hash, to craft colliding names (ab_collide). */
#include "../parser/src/fold.h"
#include "cpuinfo.h"

/* Given by bench/bench.mk; these defaults let the file build alone. */
#ifndef AB_FLAGS
#define AB_FLAGS "(not given)"
#endif
#ifndef AB_BASE
#define AB_BASE "(not given)"
#endif
#ifndef AB_SAME
#define AB_SAME 0
#endif

#define AB_LIMIT 1.05
#define AB_BATCH_NS 1e6 /* a batch lasts 1 to 2 ms */
/* In about one process in twenty, the same code ran up to 11% slower on
 * one side from start to end (in one, every workload of the filter), and
 * not in the next process: a state of the process (where its code lies in
 * the address space changes with each), not of the batches. So each
 * workload runs in this many processes, and their ratios are pooled: one
 * such process moves the median by a percent or two. */
#define AB_ROUNDS 3

AB_SIDE_DECLARE(a_)
AB_SIDE_DECLARE(b_)

typedef struct ab_impl {
    void *(*prepare)(const ab_input *, ab_arena *);
    size_t (*run)(void *, size_t);
    size_t (*record)(void *, long *, size_t);
    void (*describe)(char *, size_t);
} ab_impl;

static const ab_impl ab_sides[2] = {
    {a_ab_prepare, a_ab_run, a_ab_record, a_ab_describe},
    {b_ab_prepare, b_ab_run, b_ab_record, b_ab_describe},
};

static volatile size_t ab_sink;

static double ab_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Never freed: a process measures one workload, then ends. */
static void *ab_alloc(size_t n)
{
    void *p = calloc(n ? n : 1, 1);

    if (p == NULL)
        ab_fail("out of memory");
    return p;
}

/* ---------------------------------------------------------------- inputs
 * The shapes of bench/filter_bench.c (same ids, seeds and names), so that
 * a figure here answers for the figure `make bench` prints. */

static const char ab_aceh[] = "Access-Control-Expose-Headers";
static const char ab_fmt[] = "x-h-%08u"; /* 12 bytes */

/* A deterministic shuffle of 0 .. n-1 scaled into 8 digits. */
static unsigned *ab_ids(size_t n, unsigned long long seed)
{
    unsigned *v = ab_alloc(n * sizeof *v);
    size_t i;

    for (i = 0; i < n; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        v[i] = (unsigned)i + 100000u * (unsigned)((seed >> 40) % 999u);
    }
    return v;
}

/* count ids whose name lands in bucket b of nb under the library's hash,
 * as an attacker who reads the source would find them; from *next on. The
 * working tree's hash: a change of the hash is judged on the names that
 * collide in the tree it makes. */
static void ab_collide(unsigned *out, size_t count, unsigned *next, size_t nb,
                       size_t b)
{
    char buf[32];

    while (count > 0) {
        int l = snprintf(buf, sizeof buf, ab_fmt, *next);
        uint64_t h = aceh__hash_fold((const unsigned char *)buf, (size_t)l) >>
                     32;

        if ((size_t)(h * nb >> 32) == b) {
            *out++ = *next;
            count--;
        }
        (*next)++;
    }
}

static ab_bytes *ab_names(const unsigned *ids, size_t n)
{
    ab_bytes *v = ab_alloc(n * sizeof *v);
    char *pool = ab_alloc(n * 16);
    size_t i;

    for (i = 0; i < n; i++) {
        int l = snprintf(pool + 16 * i, 16, ab_fmt, ids[i]);

        v[i].p = pool + 16 * i;
        v[i].len = (size_t)l;
    }
    return v;
}

/* The names joined by ", ": one field line. */
static ab_bytes ab_join(const ab_bytes *names, size_t n)
{
    size_t i, len = 0;
    char *b;
    ab_bytes out;

    for (i = 0; i < n; i++)
        len += names[i].len + 2;
    b = ab_alloc(len + 1);
    for (len = 0, i = 0; i < n; i++) {
        if (i) {
            memcpy(b + len, ", ", 2);
            len += 2;
        }
        memcpy(b + len, names[i].p, names[i].len);
        len += names[i].len;
    }
    out.p = b;
    out.len = len;
    return out;
}

/* n headers named after ids, the ACEH line at index n / 2 listing lids. */
static void ab_response(ab_input *in, const unsigned *ids, size_t n,
                        const unsigned *lids, size_t m)
{
    ab_bytes *names = ab_names(ids, n), *vals = ab_alloc(n * sizeof *vals);
    size_t i;

    for (i = 0; i < n; i++) {
        vals[i].p = "v";
        vals[i].len = 1;
    }
    names[n / 2].p = ab_aceh;
    names[n / 2].len = sizeof ab_aceh - 1;
    vals[n / 2] = ab_join(ab_names(lids, m), m);
    in->kind = AB_FILTER;
    in->vals = vals;
    in->nvals = n;
    in->names = names;
    in->nnames = n;
}

/* Header values as APIs send them (a sample of bench/bench.c's set). */
static const char *const ab_typical[] = {
    "X-Request-Id",
    "*",
    "Content-Encoding, X-Kuma-Revision",
    "ETag, Link",
    "X-Total-Count, X-Total-Pages, X-Page, X-Per-Page, X-Next-Page, "
    "X-Prev-Page",
    "X-RateLimit-Limit,X-RateLimit-Remaining,X-RateLimit-Reset,"
    "X-RateLimit-Used,X-RateLimit-Resource",
    "x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset",
    "Content-Disposition, Content-Length, X-Filename",
    "X-Amz-Request-Id, X-Amz-Id-2, ETag, X-Amz-Version-Id, "
    "X-Amz-Delete-Marker",
    "grpc-status, grpc-message, grpc-status-details-bin",
    "*, Authorization",
    "Upload-Offset, Upload-Length, Upload-Metadata, Tus-Version, "
    "Tus-Resumable, Tus-Max-Size, Location",
    "Link , X-Total-Count",
    "X-A\t,\tX-B ,X-C",
    ", X-A, , X-B,",
    "Content-Type, Content-Length, Cache-Control, Expires, Last-Modified, "
    "Pragma",
};
#define AB_NTYPICAL (sizeof ab_typical / sizeof ab_typical[0])

/* bench/bench.c's five queries. */
static const char *const ab_queries[] = {"x-ratelimit-remaining",
                                         "Content-Type", "X-Not-Listed",
                                         "Set-Cookie", "link"};
#define AB_NQUERIES (sizeof ab_queries / sizeof ab_queries[0])

static ab_bytes *ab_strings(const char *const *s, size_t n)
{
    ab_bytes *v = ab_alloc(n * sizeof *v);
    size_t i;

    for (i = 0; i < n; i++) {
        v[i].p = s[i];
        v[i].len = strlen(s[i]);
    }
    return v;
}

/* One line of about `size` bytes: the typical values' names in turn,
 * joined by ", " (as bench/bench.c's long list). */
static ab_bytes *ab_long(size_t size)
{
    char *b = ab_alloc(size + 64);
    ab_bytes *out = ab_alloc(sizeof *out);
    size_t at = 0, k = 0;

    while (at < size) {
        const char *v = ab_typical[k % AB_NTYPICAL];
        size_t n;

        v += strspn(v, ", \t*");
        n = strcspn(v, ", \t");
        if (n > 0) {
            memcpy(b + at, v, n);
            memcpy(b + at + n, ", ", 2);
            at += n + 2;
        }
        k += 7;
    }
    out->p = b;
    out->len = at - 2;
    return out;
}

/* ------------------------------------------------------------- workloads */

enum ab_shape {
    AB_LISTED,     /* m names, every other one that of one of 1,000
                      headers; those 1,000 header names are the queries */
    AB_TYPICAL,    /* the typical values; bench/bench.c's five queries */
    AB_LONG,       /* one line of m bytes */
    AB_RESPONSE,   /* n headers, m listed names, half of them headers' */
    AB_ONE_CHAIN,  /* every header name in one hash chain */
    AB_FULL_CHAINS /* 16 names in each of 62 chains, every lookup walks one */
};

typedef struct ab_work {
    const char *label;
    enum ab_kind kind;
    enum ab_shape shape;
    size_t n, m;
    unsigned seed; /* AB_RESPONSE: bench/filter_bench.c's for this size */
} ab_work;

/* The hot paths: ns per query, per set_init, per parsed value or line,
 * per filter call. */
static const ab_work ab_works[] = {
    {"set_decide, set of 10 names", AB_SET, AB_LISTED, 1000, 10, 0},
    {"set_decide, set of 1000 names", AB_SET, AB_LISTED, 1000, 1000, 0},
    {"set_decide, set of 30000 names", AB_SET, AB_LISTED, 1000, 30000, 0},
    {"set_init, 30000 names", AB_SET_INIT, AB_LISTED, 1000, 30000, 0},
    {"list_decide, list of 1000 names", AB_LIST_DECIDE, AB_LISTED, 1000, 1000,
     0},
    {"list_decide, typical values, 5 queries", AB_LIST_DECIDE, AB_TYPICAL, 0,
     0, 0},
    {"list_parse, typical values", AB_PARSE, AB_TYPICAL, 0, 0, 0},
    {"list_parse, one line of 64 KiB", AB_PARSE, AB_LONG, 0, 65536, 0},
    {"filter (10, 10)", AB_FILTER, AB_RESPONSE, 10, 10, 1},
    {"filter (1000, 10000)", AB_FILTER, AB_RESPONSE, 1000, 10000, 3},
    {"filter, one hash chain (1000, 30000)", AB_FILTER, AB_ONE_CHAIN, 1000,
     30000, 0},
    {"filter, full chains (1000, 30000)", AB_FILTER, AB_FULL_CHAINS, 1000,
     30000, 0},
};
#define AB_NWORKS (sizeof ab_works / sizeof ab_works[0])

/* The input of w; returns the operations of one pass. */
static double ab_make(const ab_work *w, ab_input *in)
{
    const size_t n = w->n, m = w->m;
    unsigned *ids = NULL, *lids = NULL, next = 0;
    size_t j;

    switch (w->shape) {
    case AB_LISTED:
        ids = ab_ids(n, 7);
        lids = ab_ids(m, 8);
        for (j = 0; j < m; j += 2)
            lids[j] = ids[(j / 2) % n];
        ab_response(in, ids, n, lids, m);
        in->kind = w->kind;
        in->vals += n / 2;
        in->nvals = 1;
        return w->kind == AB_SET_INIT ? 1 : (double)n;
    case AB_TYPICAL:
        in->kind = w->kind;
        in->vals = ab_strings(ab_typical, AB_NTYPICAL);
        in->nvals = AB_NTYPICAL;
        if (w->kind == AB_PARSE)
            return (double)AB_NTYPICAL;
        in->names = ab_strings(ab_queries, AB_NQUERIES);
        in->nnames = AB_NQUERIES;
        return (double)(AB_NTYPICAL * AB_NQUERIES);
    case AB_LONG:
        in->kind = w->kind;
        in->vals = ab_long(m);
        in->nvals = 1;
        return 1;
    case AB_RESPONSE:
        ids = ab_ids(n, w->seed);
        lids = ab_ids(m, 98 + w->seed);
        for (j = 0; j < m; j += 2)
            lids[j] = ids[(j / 2) % n];
        break;
    case AB_ONE_CHAIN: /* bucket 0 of the 512 the index has for 1,000
                          headers; half of the listed names collide too */
        ids = ab_alloc(n * sizeof *ids);
        lids = ab_alloc(m * sizeof *lids);
        ab_collide(ids, n, &next, 512, 0);
        for (j = 0; j < m; j++)
            if (j % 2)
                lids[j] = ids[j % n];
            else
                ab_collide(lids + j, 1, &next, 512, 0);
        break;
    case AB_FULL_CHAINS: /* the chain bound, so no sorted fallback */
        ids = ab_alloc(n * sizeof *ids);
        lids = ab_alloc(m * sizeof *lids);
        for (j = 0; j < 62; j++)
            ab_collide(ids + 16 * j, 16, &next, 512, j);
        for (j = 16 * 62; j < n; j++)
            ab_collide(ids + j, 1, &next, 512, 100 + j % 400);
        for (j = 0; j < m; j++)
            ab_collide(lids + j, 1, &next, 512, j % 62);
        break;
    }
    ab_response(in, ids, n, lids, m);
    return 1;
}

/* ------------------------------------------------------------ measuring */

static double ab_batch(int side, void *st, size_t reps)
{
    double t0 = ab_now();

    ab_sink += ab_sides[side].run(st, reps);
    return ab_now() - t0;
}

/* One process's part (AB_CHILD): check that A and B give the same
 * results, then time `pairs` pairs; print "D reason" or one line "A B
 * B/A" per two consecutive pairs (A and B in ns per operation). */
static void ab_child(const ab_work *w, size_t pairs)
{
    ab_input in = {AB_SET, NULL, 0, NULL, 0};
    const double ops = ab_make(w, &in);
    ab_arena mem[2];
    void *st[2], *arena;
    long *out[2];
    double *t[2], el;
    size_t n[2], reps = 1, k, i;

    /* Only the pages a workload uses are ever touched. */
    if (posix_memalign(&arena, AB_SPAN, 2 * AB_SPAN) != 0)
        ab_fail("out of memory");
    for (k = 0; k < 2; k++) {
        mem[k].p = (char *)arena + k * AB_SPAN;
        mem[k].used = 0;
        st[k] = ab_sides[k].prepare(&in, &mem[k]);
        n[k] = ab_sides[k].record(st[k], NULL, 0);
        out[k] = ab_alloc(n[k] * sizeof *out[k]);
        (void)ab_sides[k].record(st[k], out[k], n[k]);
        t[k] = ab_alloc(pairs * sizeof *t[k]);
    }
    for (i = 0; i < n[0] && i < n[1] && out[0][i] == out[1][i]; i++)
        continue;
    if (i < n[0] && i < n[1]) {
        printf("D result %zu is %ld in A, %ld in B\n", i, out[0][i],
               out[1][i]);
        return;
    }
    if (n[0] != n[1]) {
        printf("D %zu results in A, %zu in B\n", n[0], n[1]);
        return;
    }
    /* Both sides run the same number of passes per batch. */
    for (;;) {
        el = ab_batch(0, st[0], reps);
        if (el >= AB_BATCH_NS || reps >= ((size_t)1 << 30))
            break;
        reps = el < AB_BATCH_NS / 64 ? reps * 16 : reps * 2;
    }
    /* A batch that follows one of its own side ran up to 25% faster than
     * one that follows the other side (the filter at (1000, 10,000): the
     * branch predictor learns the repeated input, and the other side's
     * code, at other addresses, evicts what it learned). In A B B A A B
     * ... every pair's first batch follows its own side, once this B A
     * has run, and its second the other side; a ratio of one pair would
     * carry that difference, so each ratio is that of two consecutive
     * pairs, where each side runs once first and once second. */
    (void)ab_batch(1, st[1], reps);
    (void)ab_batch(0, st[0], reps);
    for (i = 0; i < pairs; i++) {
        const int first = (int)(i & 1);

        t[first][i] = ab_batch(first, st[first], reps);
        t[!first][i] = ab_batch(!first, st[!first], reps);
    }
    for (i = 1; i < pairs; i++) {
        const double a = t[0][i - 1] + t[0][i], b = t[1][i - 1] + t[1][i];

        printf("%.6g %.6g %.6g\n", a / (2 * (double)reps * ops),
               b / (2 * (double)reps * ops), b / a);
    }
}

static int ab_cmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The q-quantile of n values, which it sorts. */
static double ab_quantile(double *v, size_t n, double q)
{
    qsort(v, n, sizeof *v, ab_cmp);
    return v[(size_t)(q * (double)(n - 1) + 0.5)];
}

/* Workload w in AB_ROUNDS processes of `pairs` pairs each, pooled; one
 * row. Returns 1 when over the limit, 0 when not, -1 when not timed. */
static int ab_measure(size_t w, size_t pairs)
{
    const size_t cap = AB_ROUNDS * pairs;
    double *a = ab_alloc(cap * sizeof *a), *b = ab_alloc(cap * sizeof *b);
    double *r = ab_alloc(cap * sizeof *r), round[AB_ROUNDS], med;
    size_t n = 0, k;
    char line[256], num[32];
    int status = 0;

    printf("%-38s", ab_works[w].label);
    fflush(stdout);
    snprintf(num, sizeof num, "%zu", w);
    setenv("AB_CHILD", num, 1);
    snprintf(num, sizeof num, "%zu", pairs);
    setenv("AB_PAIRS", num, 1);
    for (k = 0; k < AB_ROUNDS && status == 0; k++) {
        /* A new process: the code lies elsewhere in its address space. */
        FILE *f = popen("exec \"$AB_SELF\"", "r");
        const size_t n0 = n;

        if (f == NULL)
            ab_fail("cannot start a process");
        while (fgets(line, sizeof line, f) != NULL) {
            if (line[0] == 'D') {
                printf(" DIFFERENT RESULTS, not timed: %s", line + 2);
                status = -1;
            } else if (n < cap &&
                       sscanf(line, "%lf %lf %lf", &a[n], &b[n], &r[n]) == 3) {
                n++;
            }
        }
        if (pclose(f) != 0 && status == 0) {
            printf(" FAILED: a measuring process did not end normally\n");
            status = -1;
        }
        if (status == 0 && n == n0) {
            printf(" FAILED: a measuring process gave no figures\n");
            status = -1;
        }
        if (status == 0)
            round[k] = ab_quantile(r + n0, n - n0, 0.5);
    }
    if (status == 0) {
        med = ab_quantile(r, n, 0.5);
        printf(" %10.1f %10.1f %6.3f  %.3f-%.3f ", ab_quantile(a, n, 0.5),
               ab_quantile(b, n, 0.5), med, ab_quantile(r, n, 0.25),
               ab_quantile(r, n, 0.75));
        for (k = 0; k < AB_ROUNDS; k++)
            printf(" %.3f", round[k]);
        printf("  %s\n", med <= AB_LIMIT ? "ok" : "OVER 5%");
        status = med > AB_LIMIT;
    }
    fflush(stdout);
    free(a);
    free(b);
    free(r);
    return status;
}

int main(int argc, char **argv)
{
    const char *child = getenv("AB_CHILD"), *env = getenv("AB_PAIRS");
    const int all = env != NULL && atoi(env) > 0 ? atoi(env) : 201;
    char model[256], fam[32], mod[32], lib[2][128];
    size_t pairs, w;
    int over = 0, untimed = 0, s;

    (void)argc;
    if (child != NULL) {
        if ((size_t)atoi(child) >= AB_NWORKS || all < 2)
            ab_fail("bad AB_CHILD or AB_PAIRS");
        ab_child(&ab_works[atoi(child)], (size_t)all);
        return 0;
    }
    /* AB_PAIRS in all, shared out among the processes. */
    pairs = ((size_t)all + AB_ROUNDS - 1) / AB_ROUNDS;
    if (pairs < 3)
        pairs = 3;
    setenv("AB_SELF", argv[0], 1);
    bench_cpuinfo("model name", model, sizeof model);
    bench_cpuinfo("cpu family", fam, sizeof fam);
    bench_cpuinfo("model", mod, sizeof mod);
    ab_sides[0].describe(lib[0], sizeof lib[0]);
    ab_sides[1].describe(lib[1], sizeof lib[1]);
    printf("cpu:       %s (family %s, model %s)\n", model, fam, mod);
#if defined(__clang__)
    printf("compiler:  clang %s\n", __clang_version__);
#elif defined(__GNUC__)
    printf("compiler:  gcc %s\n", __VERSION__);
#endif
    printf("flags:     %s\n", AB_FLAGS);
    printf("A:         BASE %s: %s\n", AB_BASE, lib[0]);
    printf("B:         the working tree: %s%s\n", lib[1],
           AB_SAME ? " (the same source as A)" : "");
    printf("timing:    CLOCK_THREAD_CPUTIME_ID; per workload %d processes "
           "of %zu pairs of batches of 1-2 ms, A B B A A B ...; B/A of "
           "each two pairs in a row, pooled\n\n",
           AB_ROUNDS, pairs);
    printf("%-38s %10s %10s %6s  %-11s  %-17s  %s\n", "workload", "A ns/op",
           "B ns/op", "B/A", "B/A q1-q3", "B/A per process", "verdict");
    for (w = 0; w < AB_NWORKS; w++) {
        s = ab_measure(w, pairs);
        over += s > 0;
        untimed += s < 0;
    }
    printf("\nbench-ab: %zu workloads, %d over 5%%", AB_NWORKS, over);
    if (untimed > 0)
        printf(", %d not timed (different results or a failure)", untimed);
    printf("\n");
    (void)ab_sink;
    return 0;
}
#endif
