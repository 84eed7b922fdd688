/* SPDX-License-Identifier: MIT */
/*
 * `make bench`: times the library against two floors and a naive baseline,
 * all interleaved in one run, and checks the speed targets (bench/README.md).
 * Usage: bench NATIVE.ci PORTABLE.ci (gcc -fcallgraph-info=su files of the
 * two library builds, for the stack figures). Environment: BENCH_SAMPLES
 * (default 9), BENCH_BATCH_MS (default 4), BENCH_BIG_MIB (default 16).
 *
 * Method: per-thread CPU time (CLOCK_THREAD_CPUTIME_ID), so time stolen
 * by other processes on this shared machine is not counted; every sample
 * runs each candidate once, in turn, for a batch of at least BATCH_MS;
 * the median sample is reported.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__AVX2__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "aceh.h"
#include "cands.h"
#include "cpuinfo.h"
#include "filter_bench.h"
#include "preflight_bench.h"

#define MAX_CANDS 16
#define MAX_SAMPLES 31
#define MAX_RUNS 9

static volatile size_t sink;

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ------------------------------------------------------------------ work */

typedef struct workload {
    const char *name;
    bench_val *vals;
    size_t nvals;
    size_t bytes; /* sum of the value lengths */
    size_t names; /* names the library finds (up to an error) */
    bench_names *lists; /* builder input, else NULL */
} workload;

static bench_val queries[BENCH_QUERIES];

/* Floor 1: glibc memchr(',') over the same bytes (vectorized, chosen at
 * run time for this CPU). */
static size_t floor_memchr(const workload *w)
{
    size_t i, n = 0;

    for (i = 0; i < w->nvals; i++) {
        const char *p = w->vals[i].p, *end = p + w->vals[i].len, *c;

        while ((c = memchr(p, ',', (size_t)(end - p))) != NULL) {
            n++;
            p = c + 1;
        }
    }
    return n;
}

/* Floor 2: add up every byte, as fast as the vector unit allows (psadbw):
 * the memory bandwidth available to one core. */
static uint64_t byte_sum(const unsigned char *p, size_t n)
{
    uint64_t s = 0;
    size_t i = 0;
#if defined(__AVX2__)
    __m256i a0 = _mm256_setzero_si256(), a1 = a0;
    const __m256i z = _mm256_setzero_si256();

    for (; i + 64 <= n; i += 64) {
        __m256i x0 = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
        __m256i x1 =
            _mm256_loadu_si256((const __m256i *)(const void *)(p + i + 32));
        a0 = _mm256_add_epi64(a0, _mm256_sad_epu8(x0, z));
        a1 = _mm256_add_epi64(a1, _mm256_sad_epu8(x1, z));
    }
    a0 = _mm256_add_epi64(a0, a1);
    s = (uint64_t)_mm256_extract_epi64(a0, 0) +
        (uint64_t)_mm256_extract_epi64(a0, 1) +
        (uint64_t)_mm256_extract_epi64(a0, 2) +
        (uint64_t)_mm256_extract_epi64(a0, 3);
#elif defined(__SSE2__)
    __m128i a0 = _mm_setzero_si128(), a1 = a0;
    const __m128i z = _mm_setzero_si128();

    for (; i + 32 <= n; i += 32) {
        __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i x1 =
            _mm_loadu_si128((const __m128i *)(const void *)(p + i + 16));
        a0 = _mm_add_epi64(a0, _mm_sad_epu8(x0, z));
        a1 = _mm_add_epi64(a1, _mm_sad_epu8(x1, z));
    }
    a0 = _mm_add_epi64(a0, a1);
    s = (uint64_t)_mm_cvtsi128_si64(a0) +
        (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(a0, a0));
#endif
    for (; i < n; i++)
        s += p[i];
    return s;
}

static size_t floor_sum(const workload *w)
{
    size_t i;
    uint64_t s = 0;

    for (i = 0; i < w->nvals; i++)
        s += byte_sum((const unsigned char *)w->vals[i].p, w->vals[i].len);
    return (size_t)s;
}

/* The naive baseline many code bases have: copy, strtok_r on ',', trim
 * SP/HTAB, check the token's bytes. It does not see "no no" or CR/LF/NUL
 * and allocates per value. */
static const char tchars[] = "!#$%&'*+-.^_`|~0123456789"
                             "abcdefghijklmnopqrstuvwxyz"
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static size_t naive_one(const char *v, const char *query, size_t *bad)
{
    char *copy = strdup(v), *save = NULL, *tok;
    size_t n = 0, hit = 0;

    for (tok = strtok_r(copy, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        char *end = tok + strlen(tok);

        while (*tok == ' ' || *tok == '\t')
            tok++;
        while (end > tok && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        if (end == tok)
            continue;
        *end = '\0';
        if (strspn(tok, tchars) != (size_t)(end - tok))
            (*bad)++;
        if (query != NULL && strcasecmp(tok, query) == 0)
            hit = 1;
        n++;
    }
    free(copy);
    return n + hit;
}

static size_t naive_all(const workload *w)
{
    size_t i, n = 0, bad = 0;

    for (i = 0; i < w->nvals; i++)
        n += naive_one(w->vals[i].p, NULL, &bad);
    return n + bad;
}

static size_t naive_decide(const workload *w)
{
    size_t i, k, n = 0, bad = 0;

    for (i = 0; i < w->nvals; i++)
        for (k = 0; k < BENCH_QUERIES; k++)
            n += naive_one(w->vals[i].p, queries[k].p, &bad);
    return n + bad;
}

static char fmtbuf[1 << 16];

static size_t naive_format(const workload *w)
{
    size_t i, k, sum = 0;

    for (i = 0; i < w->nvals; i++) {
        char *o = fmtbuf;
        const bench_names *l = &w->lists[i];

        for (k = 0; k < l->n; k++) {
            if (k) {
                memcpy(o, ", ", 2);
                o += 2;
            }
            /* snprintf-based joining, checked with strspn */
            o += snprintf(o, sizeof fmtbuf - (size_t)(o - fmtbuf), "%.*s",
                          (int)l->names[k].len, l->names[k].ptr);
            sum += strspn(o - l->names[k].len, tchars);
        }
        sum += (size_t)(o - fmtbuf);
    }
    return sum;
}

#define LIB(pfx, f)                                                          \
    static size_t pfx##f##_w(const workload *w)                              \
    {                                                                        \
        return pfx##f(w->vals, w->nvals);                                    \
    }
#define LIBQ(pfx, f)                                                         \
    static size_t pfx##f##_w(const workload *w)                              \
    {                                                                        \
        return pfx##f(w->vals, w->nvals, queries);                           \
    }
#define LIBF(pfx)                                                            \
    static size_t pfx##format_all_w(const workload *w)                       \
    {                                                                        \
        return pfx##format_all(w->lists, w->nvals, fmtbuf, sizeof fmtbuf);   \
    }
#define LIBS(pfx)                                                            \
    LIB(pfx, validate_all)                                                   \
    LIB(pfx, iterate_all)                                                    \
    LIB(pfx, iterate_call_all)                                               \
    LIB(pfx, split_all)                                                      \
    LIB(pfx, parse_all)                                                      \
    LIBQ(pfx, decide_oneshot)                                                \
    LIBQ(pfx, decide_parsed)                                                 \
    LIBF(pfx)
LIBS(native_)
LIBS(portable_)
LIB(inline_, iterate_all)
LIB(inline_portable_, iterate_all)

/* ------------------------------------------------------------ measuring */

typedef struct cand {
    const char *label;
    size_t (*fn)(const workload *);
    size_t per_pass; /* units per pass for "per value": values or queries */
    double ns;       /* median ns per pass */
} cand;

static int samples = 9;
static int runs = 3; /* BENCH_RUNS: a figure is the median of the runs */
static double batch_ns = 4e6;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Time every candidate, interleaved, samples times; keep the medians. */
static void measure(const workload *w, cand *c, size_t nc)
{
    double t[MAX_CANDS][MAX_SAMPLES], run_ns[MAX_CANDS][MAX_RUNS];
    size_t reps[MAX_CANDS], k, r;
    int s, run;

    for (k = 0; k < nc; k++) { /* calibrate: a batch lasts >= batch_ns */
        double t0, el;

        reps[k] = 1;
        for (;;) {
            t0 = now_ns();
            for (r = 0; r < reps[k]; r++)
                sink += c[k].fn(w);
            el = now_ns() - t0;
            if (el >= batch_ns || reps[k] >= ((size_t)1 << 30))
                break;
            reps[k] = el < batch_ns / 64 ? reps[k] * 16 : reps[k] * 2;
        }
    }
    /* Each run is a median of samples; the figure is the median of the
     * runs, so one disturbed run (a shared machine) does not move it. */
    for (run = 0; run < runs; run++) {
        for (s = 0; s < samples; s++) {
            for (k = 0; k < nc; k++) {
                double t0 = now_ns();
                for (r = 0; r < reps[k]; r++)
                    sink += c[k].fn(w);
                t[k][s] = (now_ns() - t0) / (double)reps[k];
            }
        }
        for (k = 0; k < nc; k++) {
            qsort(t[k], (size_t)samples, sizeof t[k][0], cmp_double);
            run_ns[k][run] = t[k][samples / 2];
        }
    }
    for (k = 0; k < nc; k++) {
        qsort(run_ns[k], (size_t)runs, sizeof run_ns[k][0], cmp_double);
        c[k].ns = run_ns[k][runs / 2];
    }
}

/* Candidate rows print time per value (or per query), per name, GB/s and
 * the time relative to each floor (1.00 = as fast as the floor). */
static void report(const workload *w, const cand *c, size_t nc,
                   const cand *fm, const cand *fs)
{
    size_t k;

    printf("\n%s: %zu value%s, %zu bytes, %zu names\n", w->name, w->nvals,
           w->nvals == 1 ? "" : "s", w->bytes, w->names);
    printf("  %-34s %12s %10s %9s %9s %9s\n", "candidate", "ns/value",
           "ns/name", "GB/s", "t/memchr", "t/bytesum");
    for (k = 0; k < nc; k++) {
        char pername[32] = "-";

        if (w->names > 0)
            snprintf(pername, sizeof pername, "%.2f",
                     c[k].ns / (double)w->names);
        printf("  %-34s %12.1f %10s %9.2f %9.2f %9.2f\n", c[k].label,
               c[k].ns / (double)c[k].per_pass, pername,
               (double)w->bytes / c[k].ns, c[k].ns / fm->ns,
               c[k].ns / fs->ns);
    }
}

/* --------------------------------------------------------------- inputs */

static const char *const realistic[] = {
    "X-Request-Id",
    "*",
    "Content-Encoding",
    "X-Custom-Header",
    "Content-Encoding, X-Kuma-Revision",
    "X-Custom-Header, Content-Encoding",
    "*, Authorization",
    "ETag",
    "ETag, Link",
    "Link, X-Total-Count",
    "X-Total-Count, X-Total-Pages, X-Page, X-Per-Page, X-Next-Page, X-Prev-Page",
    "Link, X-Total-Count, X-Pagination-Page, X-Pagination-Per-Page",
    "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset",
    "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After",
    "X-RateLimit-Limit,X-RateLimit-Remaining,X-RateLimit-Reset,X-RateLimit-Used,X-RateLimit-Resource",
    "x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset",
    "Content-Length, Content-Range, Accept-Ranges",
    "Content-Disposition",
    "Content-Disposition, Content-Length, X-Filename",
    "Location",
    "Location, Content-Location",
    "Date, Server, X-Powered-By",
    "Server-Timing",
    "Server-Timing, Timing-Allow-Origin",
    "X-Amz-Request-Id, X-Amz-Id-2, ETag, X-Amz-Version-Id, X-Amz-Delete-Marker",
    "x-ms-request-id, x-ms-version, x-ms-blob-type, x-ms-lease-status, ETag, Content-MD5",
    "grpc-status, grpc-message, grpc-status-details-bin",
    "Grpc-Status, Grpc-Message",
    "WWW-Authenticate",
    "WWW-Authenticate, X-Auth-Token",
    "Authorization, X-Refresh-Token",
    "X-CSRF-Token",
    "X-Requested-With, X-HTTP-Method-Override",
    "Upload-Offset, Upload-Length, Upload-Metadata, Tus-Version, Tus-Resumable, Tus-Max-Size, Location",
    "Accept-Ranges, Content-Encoding, Content-Length, Content-Range",
    "X-Cache, X-Cache-Hits, X-Served-By, X-Timer, Age, Via",
    "CF-Ray, CF-Cache-Status",
    "X-Request-Id, X-Correlation-Id, traceparent, tracestate",
    "Link , X-Total-Count",
    "Link,X-Total-Count",
    "  X-Custom-Header  ",
    "X-A,\tX-B",
    "X-A\t,\tX-B ,X-C",
    ", X-A, , X-B,",
    "x-a,x-b,x-c,x-d,x-e,x-f,x-g,x-h",
    "X-Version, X-Build, X-Commit, X-Region, X-Instance",
    "Content-Type, Content-Length, Cache-Control, Expires, Last-Modified, Pragma",
    "Deprecation, Sunset, Link",
    "X-Response-Time",
    "X-Response-Time, X-Process-Time, Server-Timing",
    "X-Api-Version, X-Api-Warn, X-Api-Deprecated",
    "DAV, Lock-Token, Content-Type",
    "Mcp-Session-Id",
    "OData-Version, OData-EntityId, Preference-Applied",
    "X-Frame-Options, X-Content-Type-Options",
    "Access-Control-Allow-Origin, Access-Control-Allow-Credentials",
    "X-Goog-Upload-URL, X-Goog-Upload-Status, X-Goog-Upload-Chunk-Granularity, X-Goog-Upload-Size-Received",
    "Content-Range, Content-Length, ETag, Last-Modified, Accept-Ranges, Content-Encoding, Content-Type, Date, Server, Vary, "
    "X-Request-Id, X-Correlation-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Link, "
    "X-Total-Count, X-Page, X-Per-Page, Location",
    "a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z",
    "X-Trace, X-Span, X-Parent, X-Sampled, X-Flags, X-Baggage, X-Debug-Id, X-Tenant, X-User, X-Session, "
    "X-Device, X-App, X-App-Version, X-Locale, X-Timezone, X-Feature-Flags, X-Experiment, X-Variant, "
    "X-Region, X-Zone, X-Edge",
    "etag,link,location",
    "ETAG, LINK, LOCATION",
    "x-b3-traceid, x-b3-spanid, x-b3-parentspanid, x-b3-sampled, x-b3-flags",
    "Vary, Content-Encoding",
};
#define NREAL (sizeof realistic / sizeof realistic[0])

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (p == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        exit(2);
    }
    return p;
}

static size_t count_names(const bench_val *v, size_t n)
{
    size_t i, sum = 0, c;

    for (i = 0; i < n; i++) {
        aceh_validate(v[i].p, v[i].len, &c, NULL);
        sum += c;
    }
    return sum;
}

static void finish(workload *w)
{
    size_t i;

    w->bytes = 0;
    for (i = 0; i < w->nvals; i++)
        w->bytes += w->vals[i].len;
    w->names = count_names(w->vals, w->nvals);
}

static void make_realistic(workload *w)
{
    size_t i;

    w->name = "(1) realistic values";
    w->nvals = NREAL;
    w->vals = xmalloc(NREAL * sizeof *w->vals);
    for (i = 0; i < NREAL; i++) {
        w->vals[i].p = realistic[i];
        w->vals[i].len = strlen(realistic[i]);
    }
    w->lists = NULL;
    finish(w);
}

/* One value of exactly `size` bytes (plus a NUL) made by repeating `unit`
 * (or names from the realistic set joined by ", " when unit is NULL); the
 * last byte is replaced by `last` unless it is 0. */
static void make_big(workload *w, const char *name, size_t size,
                     const char *unit, char last)
{
    char *b = xmalloc(size + 1);
    size_t at = 0, k = 0;
    unsigned long long seed = 99;

    while (at < size) {
        const char *piece = unit;
        char tmp[256];
        size_t n;

        if (piece == NULL) { /* the names of the realistic set, in turn */
            const char *v = realistic[k % NREAL];
            size_t j = strcspn(v, ",");

            while (*v == ' ')
                v++;
            j = strcspn(v, ", \t");
            snprintf(tmp, sizeof tmp, "%.*s, ", (int)j, v);
            piece = tmp;
            if (last == 'r') { /* random order: no cycle to learn */
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                k = (size_t)(seed >> 33);
            } else {
                k += 7;
            }
        }
        n = strlen(piece);
        if (n > size - at)
            n = size - at;
        memcpy(b + at, piece, n);
        at += n;
    }
    if (last && last != 'r')
        b[size - 1] = last;
    b[size] = '\0';
    w->name = name;
    w->nvals = 1;
    w->vals = xmalloc(sizeof *w->vals);
    w->vals[0].p = b;
    w->vals[0].len = size;
    w->lists = NULL;
    finish(w);
}

static void free_workload(workload *w)
{
    if (w->nvals == 1)
        free((void *)(uintptr_t)w->vals[0].p);
    free(w->vals);
}

/* ------------------------------------------------------------ stack use */

/* gcc -fcallgraph-info=su: one node per function with its frame ("N bytes
 * (static)"), one edge per call. The worst case of a public function is
 * its frame plus the deepest chain of callees (the library has no
 * recursion); calls into libc (memcpy, memset) are named, not counted. */
#define MAX_FN 128
#define MAX_EDGE 512

typedef struct cg {
    char name[MAX_FN][96];
    long frame[MAX_FN]; /* -1: outside the library */
    int qual_dynamic[MAX_FN]; /* 1: dynamic but bounded; 2: unbounded */
    size_t nfn;
    size_t from[MAX_EDGE], to[MAX_EDGE], nedge;
} cg;

static size_t cg_find(cg *g, const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < g->nfn; i++)
        if (strlen(g->name[i]) == len && memcmp(g->name[i], name, len) == 0)
            return i;
    if (g->nfn == MAX_FN)
        return MAX_FN;
    snprintf(g->name[g->nfn], sizeof g->name[0], "%.*s", (int)len, name);
    g->frame[g->nfn] = -1;
    g->qual_dynamic[g->nfn] = 0;
    return g->nfn++;
}

/* The quoted string after `key` in line, or NULL; *len its length. */
static const char *cg_field(const char *line, const char *key, size_t *len)
{
    const char *a = strstr(line, key), *b;

    if (a == NULL)
        return NULL;
    a += strlen(key);
    b = strchr(a, '"');
    if (b == NULL)
        return NULL;
    *len = (size_t)(b - a);
    return a;
}

static long cg_worst(const cg *g, size_t f, int depth)
{
    long best = 0;
    size_t e;

    if (depth > 64) /* a cycle: recursion, which the contract forbids */
        return 1L << 40;
    for (e = 0; e < g->nedge; e++) {
        if (g->from[e] == f) {
            long w = cg_worst(g, g->to[e], depth + 1);
            if (w > best)
                best = w;
        }
    }
    return (g->frame[f] > 0 ? g->frame[f] : 0) + best;
}

static void cg_externals(const cg *g, size_t f, char *out, size_t cap,
                         int depth)
{
    size_t e;

    if (depth > 64)
        return;
    for (e = 0; e < g->nedge; e++) {
        if (g->from[e] != f)
            continue;
        if (g->frame[g->to[e]] < 0 && strstr(out, g->name[g->to[e]]) == NULL)
            snprintf(out + strlen(out), cap - strlen(out), " %s",
                     g->name[g->to[e]]);
        cg_externals(g, g->to[e], out, cap, depth + 1);
    }
}

/* Lists the stack use of the build's public functions. Returns how many
 * of them have an unbounded frame (alloca or a variable-length array,
 * which aceh.h's constant-stack promise rules out), or -1 when the call
 * graph cannot be read or names no public function. */
static int print_stack(const char *label, const char *path)
{
    static const char *const kind[] = {"", "bounded ", "DYNAMIC "};
    static cg g;
    FILE *f = fopen(path, "r");
    char line[1024];
    size_t i;
    int any = 0, unbounded = 0;

    printf("  %s build (%s):\n", label, path);
    if (f == NULL) {
        printf("    cannot open it\n");
        return -1;
    }
    memset(&g, 0, sizeof g);
    while (fgets(line, sizeof line, f) != NULL) {
        size_t n1, n2;
        const char *t1, *t2;

        if (strncmp(line, "node:", 5) == 0 &&
            (t1 = cg_field(line, "title: \"", &n1)) != NULL) {
            size_t k = cg_find(&g, t1, n1);
            const char *lab = cg_field(line, "label: \"", &n2), *by;

            if (k == MAX_FN || lab == NULL)
                continue;
            /* the frame is the last line of the label: "N bytes (kind)" */
            by = strstr(lab, " bytes (");
            if (by != NULL && by < lab + n2) {
                const char *num = by;
                while (num > lab && num[-1] >= '0' && num[-1] <= '9')
                    num--;
                g.frame[k] = strtol(num, NULL, 10);
                /* gcc's kinds: "static", "dynamic,bounded" (a realigned
                 * frame, still of a fixed maximum), "dynamic" (alloca or
                 * a variable-length array: what aceh.h rules out) */
                if (strncmp(by + 8, "static", 6) == 0)
                    g.qual_dynamic[k] = 0;
                else if (strncmp(by + 8, "dynamic,bounded", 15) == 0)
                    g.qual_dynamic[k] = 1;
                else
                    g.qual_dynamic[k] = 2;
            }
        } else if (strncmp(line, "edge:", 5) == 0 &&
                   (t1 = cg_field(line, "sourcename: \"", &n1)) != NULL &&
                   (t2 = cg_field(line, "targetname: \"", &n2)) != NULL &&
                   g.nedge < MAX_EDGE) {
            g.from[g.nedge] = cg_find(&g, t1, n1);
            g.to[g.nedge] = cg_find(&g, t2, n2);
            if (g.from[g.nedge] < MAX_FN && g.to[g.nedge] < MAX_FN)
                g.nedge++;
        }
    }
    fclose(f);
    printf("    %-34s %6s %11s  %s\n", "function", "frame", "worst case",
           "(with callees; plus libc calls)");
    for (i = 0; i < g.nfn; i++) {
        const char *fn = g.name[i];
        char ext[128] = "";

        /* The renamed builds' functions carry their assembler names
         * (bench/rename.h), which gcc marks with a leading '*'. */
        if (fn[0] == '*')
            fn++;
        if (strncmp(fn, "portable_", 9) == 0)
            fn += 9;
        if (strncmp(fn, "aceh_", 5) != 0 || g.frame[i] < 0)
            continue;
        cg_externals(&g, i, ext, sizeof ext, 0);
        printf("    %-34s %6ld %11ld  %s%s\n", fn, g.frame[i],
               cg_worst(&g, i, 0), kind[g.qual_dynamic[i]], ext);
        any = 1;
        unbounded += g.qual_dynamic[i] == 2;
    }
    if (!any)
        printf("    no public function found\n");
    return any ? unbounded : -1;
}

/* ---------------------------------------------------------------- main */

static void print_machine(void)
{
    char model[256], fam[32], mod[32], flags[4096];

    bench_cpuinfo("model name", model, sizeof model);
    bench_cpuinfo("cpu family", fam, sizeof fam);
    bench_cpuinfo("model", mod, sizeof mod);
    bench_cpuinfo("flags", flags, sizeof flags);
    printf("cpu:       %s (family %s, model %s; avx2 %s)\n", model, fam, mod,
           strstr(flags, " avx2") != NULL ? "yes" : "no");
#if defined(__clang__)
    printf("compiler:  clang %s\n", __clang_version__);
#elif defined(__GNUC__)
    printf("compiler:  gcc %s\n", __VERSION__);
#endif
    printf("native:    %s\n", BENCH_NATIVE_FLAGS);
    printf("portable:  %s\n", BENCH_PORTABLE_FLAGS);
    printf("timing:    CLOCK_THREAD_CPUTIME_ID, median of %d interleaved "
           "samples, batches >= %.0f ms\n",
           samples, batch_ns / 1e6);
}

typedef struct target {
    char text[160];
    double value, limit;
    int at_most; /* value <= limit passes, else value >= limit */
} target;

static target targets[96];
static size_t ntargets;

static void add_target(double value, double limit, int at_most,
                       const char *fmt, const char *what)
{
    target *t = &targets[ntargets++];

    snprintf(t->text, sizeof t->text, fmt, what);
    t->value = value;
    t->limit = limit;
    t->at_most = at_most;
}

static int env_int(const char *name, int def, int lo, int hi)
{
    const char *s = getenv(name);
    int v = s != NULL ? atoi(s) : def;
    return v < lo ? lo : v > hi ? hi : v;
}

/* The library candidates of a tokenizer workload. */
#define TOKENIZE_CANDS(w)                                                    \
    {"lib validate, native", native_validate_all_w, (w)->nvals, 0},          \
    {"lib validate, portable", portable_validate_all_w, (w)->nvals, 0},      \
    {"lib iterate, native", native_iterate_all_w, (w)->nvals, 0},            \
    {"lib iterate, portable", portable_iterate_all_w, (w)->nvals, 0},        \
    {"naive strdup+strtok_r+trim", naive_all, (w)->nvals, 0},                \
    {"floor memchr(',')", floor_memchr, (w)->nvals, 0},                      \
    {"floor byte sum", floor_sum, (w)->nvals, 0},                           \
    {"lib split (batch), native", native_split_all_w, (w)->nvals, 0},        \
    {"lib split (batch), portable", portable_split_all_w, (w)->nvals, 0}

const char *portable_aceh_simd_path(void);

/* The tokenizer targets of one workload, for the default -O2 build with
 * run-time dispatch (the portable_ candidates of TOKENIZE_CANDS): time
 * relative to the memchr floor, or ns per name when per_name is set. */
static void tok_targets(const cand *c, const workload *w, const char *what,
                        double it_lim, double split_lim, double val_lim,
                        int per_name)
{
    char fmt[160];
    const double unit = per_name ? (double)w->names : c[5].ns;
    const char *how = per_name ? "ns per name" : "time / memchr floor";

    snprintf(fmt, sizeof fmt, "%%s, -O2 dispatch: iterator %s <= %.2f",
             how, it_lim);
    add_target(c[3].ns / unit, it_lim, 1, fmt, what);
    snprintf(fmt, sizeof fmt, "%%s, -O2 dispatch: aceh_split %s <= %.2f",
             how, split_lim);
    add_target(c[8].ns / unit, split_lim, 1, fmt, what);
    if (val_lim > 0) {
        snprintf(fmt, sizeof fmt,
                 "%%s, -O2 dispatch: aceh_validate %s <= %.2f", how, val_lim);
        add_target(c[1].ns / unit, val_lim, 1, fmt, what);
    }
}

/* Native never slower than portable: -march=native time / -O2 dispatch
 * time of one function, pair = {native index, portable index}. */
static void native_target(const cand *c, size_t nat, size_t port,
                          const char *what)
{
    add_target(c[nat].ns / c[port].ns, 1.03, 1,
               "%s: -march=native / -O2 dispatch time <= 1.03", what);
}

int main(int argc, char **argv)
{
    workload real, one, big, adv;
    size_t big_size, i;
    int failed = 0;
    static const char *const qnames[BENCH_QUERIES] = {
        "x-ratelimit-remaining", "Content-Type", "X-Not-Listed",
        "Set-Cookie", "link"};
    static const struct {
        const char *name, *unit;
        char last;
        int target; /* 1: bandwidth target; 2: per-name target;
                       3: ratios to the memchr floor at 1 MiB */
    } advs[] = {
        {"(3) adversarial: only commas", ",", 0, 1},
        {"(3) adversarial: only SP and HTAB", " \t  \t ", 0, 1},
        {"(3) adversarial: one huge name", "abcdefghXYZ-0123456789", 0, 1},
        {"(3) adversarial: a,a,a,...", "a,", 'a', 2},
        {"(3) adversarial: a,a,a,... 1 MiB", "a,", 'a', 3},
        {"(3) adversarial: invalid byte at the end", NULL, '@', 0},
    };
    double per_byte_1m = 0, per_byte_big = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: bench NATIVE.ci PORTABLE.ci\n");
        return 2;
    }
    samples = env_int("BENCH_SAMPLES", 9, 1, MAX_SAMPLES) | 1;
    if (samples > MAX_SAMPLES)
        samples = MAX_SAMPLES;
    runs = env_int("BENCH_RUNS", 3, 1, MAX_RUNS);
    batch_ns = env_int("BENCH_BATCH_MS", 4, 1, 1000) * 1e6;
    big_size = (size_t)env_int("BENCH_BIG_MIB", 16, 1, 1024) << 20;
    for (i = 0; i < BENCH_QUERIES; i++) {
        queries[i].p = qnames[i];
        queries[i].len = strlen(qnames[i]);
    }
    print_machine();
    printf("library:   aceh %s; SIMD path at run time: native build %s, "
           "portable build %s\n",
           aceh_version(), aceh_simd_path(), portable_aceh_simd_path());
    printf("stack use of every public function, bytes (gcc -fstack-usage "
           "-fcallgraph-info=su); heap use: none\n");
    {
        static const char *const build[] = {"native", "portable"};

        for (i = 0; i < 2; i++) {
            const int unbounded = print_stack(build[i], argv[1 + i]);

            if (unbounded >= 0)
                add_target(unbounded, 0, 1,
                           "%s build: public functions with an unbounded "
                           "stack frame <= 0", build[i]);
            else
                printf("  %s build: constant stack not checked (no call "
                       "graph)\n", build[i]);
        }
    }

    /* (1) realistic values */
    make_realistic(&real);
    {
        cand c[] = {TOKENIZE_CANDS(&real),
                    {"lib iterate, native, inlined", inline_iterate_all_w,
                     real.nvals, 0},
                    {"lib iterate, portable, inlined",
                     inline_portable_iterate_all_w, real.nvals, 0},
                    {"lib iterate, native, aceh_iter_next calls",
                     native_iterate_call_all_w, real.nvals, 0},
                    {"lib iterate, portable, aceh_iter_next calls",
                     portable_iterate_call_all_w, real.nvals, 0}};
        size_t nc = sizeof c / sizeof c[0];

        measure(&real, c, nc);
        report(&real, c, nc, &c[5], &c[6]);
        add_target(c[0].ns / c[5].ns, 1.3, 1,
                   "realistic, %s: time per value / memchr floor <= 1.3",
                   "validate");
        add_target(c[0].ns / c[5].ns, 1.1, 1,
                   "realistic, %s: time per value / memchr floor <= 1.1 "
                   "(stretch)",
                   "validate");
        /* Both builds: code placement alone moves one of them by 10-20%
         * here, so only a cost seen in both is the call's. */
        printf("  aceh_iter_next_inline (library out of line) vs the "
               "library compiled into the loop: native %+.1f%%, portable "
               "%+.1f%%\n",
               (c[2].ns / c[9].ns - 1) * 100, (c[3].ns / c[10].ns - 1) * 100);
        printf("  a call of aceh_iter_next per name vs "
               "aceh_iter_next_inline: native %+.1f%%, portable %+.1f%%\n",
               (c[11].ns / c[2].ns - 1) * 100, (c[12].ns / c[3].ns - 1) * 100);
        tok_targets(c, &real, "realistic", 1.25, 1.15, 1.1, 0);
        native_target(c, 2, 3, "realistic, iterator");
        native_target(c, 7, 8, "realistic, aceh_split");
        native_target(c, 0, 1, "realistic, validate");
        add_target(c[1].ns / c[0].ns, 1.1, 1,
                   "realistic, %s: -O2 dispatch / -march=native time <= 1.1",
                   "validate");
        add_target(c[3].ns / c[2].ns, 1.1, 1,
                   "realistic, %s: -O2 dispatch / -march=native time <= 1.1",
                   "iterator");
        add_target(c[8].ns / c[7].ns, 1.1, 1,
                   "realistic, %s: -O2 dispatch / -march=native time <= 1.1",
                   "aceh_split");
    }
    {
        /* The same values in random order, 4096 of them: a predictor
         * that learned the fixed cycle above no longer helps. */
        workload rr = real;
        unsigned long long seed = 42;

        rr.name = "(1r) realistic values, 4096 in random order";
        rr.nvals = 4096;
        rr.vals = xmalloc(rr.nvals * sizeof *rr.vals);
        for (i = 0; i < rr.nvals; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            rr.vals[i] = real.vals[(seed >> 33) % real.nvals];
        }
        finish(&rr);
        {
            cand c[] = {TOKENIZE_CANDS(&rr)};
            size_t nc = sizeof c / sizeof c[0];

            measure(&rr, c, nc);
            report(&rr, c, nc, &c[5], &c[6]);
            tok_targets(c, &rr, "realistic, random order", 1.25, 1.15, 1.1,
                        0);
        }
        free(rr.vals);
    }

    /* (4) exposure decision */
    {
        cand c[] = {
            {"one-shot aceh_decide, native", native_decide_oneshot_w,
             real.nvals * BENCH_QUERIES, 0},
            {"one-shot aceh_decide, portable", portable_decide_oneshot_w,
             real.nvals * BENCH_QUERIES, 0},
            {"list_parse + 5 list_decide, native", native_decide_parsed_w,
             real.nvals, 0},
            {"list_parse + 5 list_decide, port.", portable_decide_parsed_w,
             real.nvals, 0},
            {"list_parse alone, native", native_parse_all_w, real.nvals, 0},
            {"list_parse alone, portable", portable_parse_all_w, real.nvals,
             0},
            {"naive, per query", naive_decide, real.nvals * BENCH_QUERIES,
             0},
            {"tokenize: lib iterate, native", native_iterate_all_w,
             real.nvals, 0},
            {"tokenize: lib validate, native", native_validate_all_w,
             real.nvals, 0},
            {"floor memchr(',')", floor_memchr, real.nvals, 0},
            {"floor byte sum", floor_sum, real.nvals, 0},
        };
        size_t nc = sizeof c / sizeof c[0];
        double q = (double)BENCH_QUERIES, per_query;

        real.name = "(4) exposure decision, 5 queries per realistic value "
                    "(ns/value: per query for one-shot and naive)";
        measure(&real, c, nc);
        report(&real, c, nc, &c[9], &c[10]);
        per_query = (c[2].ns - c[4].ns) / q;
        printf("  list_decide on a parsed list: %.1f ns per query and "
               "value\n", per_query / (double)real.nvals);
        add_target(c[0].ns / q / c[7].ns, 1.5, 1,
                   "decision, %s: one query / iterating the value <= 1.5",
                   "one-shot");
        add_target((c[4].ns + per_query) / c[7].ns, 1.5, 1,
                   "decision, %s: parse + one query / iterating <= 1.5",
                   "parse once");
        add_target(c[0].ns / q / c[8].ns, 1.5, 1,
                   "decision, %s: one query / validate (strict reading) "
                   "<= 1.5",
                   "one-shot");
        /* contains(name): one one-shot query against scanning the value
         * for its commas once. */
        add_target(c[0].ns / q / c[9].ns, 1.3, 1,
                   "contains(name), realistic, %s: one query / memchr floor "
                   "<= 1.3", "aceh_decide native");
        add_target(c[1].ns / q / c[9].ns, 1.3, 1,
                   "contains(name), realistic, %s: one query / memchr floor "
                   "<= 1.3", "aceh_decide -O2 dispatch");
        native_target(c, 0, 1, "realistic, one-shot aceh_decide");
        native_target(c, 4, 5, "realistic, aceh_list_parse");
    }

    /* (5) builder: each realistic value's names, formatted again */
    {
        workload b = real;
        cand c[] = {
            {"lib aceh_format, native", native_format_all_w, real.nvals, 0},
            {"lib aceh_format, portable", portable_format_all_w, real.nvals,
             0},
            {"naive snprintf+strspn", naive_format, real.nvals, 0},
            {"floor memchr(',')", floor_memchr, real.nvals, 0},
            {"floor byte sum", floor_sum, real.nvals, 0},
        };
        size_t nc = sizeof c / sizeof c[0];
        bench_names *lists = xmalloc(real.nvals * sizeof *lists);
        aceh_str *all = xmalloc(real.names * sizeof *all);
        bench_val *outs = xmalloc(real.nvals * sizeof *outs);
        char *outbuf = xmalloc(real.bytes * 2 + real.nvals);
        size_t at = 0, o = 0;

        for (i = 0; i < real.nvals; i++) {
            aceh_iter it;
            aceh_slice s;
            size_t need = 0;

            lists[i].names = all + at;
            aceh_iter_init(&it, real.vals[i].p, real.vals[i].len);
            while (aceh_iter_next(&it, &s)) {
                all[at].ptr = real.vals[i].p + s.off;
                all[at].len = s.len;
                at++;
            }
            lists[i].n = (size_t)(all + at - lists[i].names);
            aceh_format(lists[i].names, lists[i].n, outbuf + o,
                        real.bytes * 2 + real.nvals - o, &need, NULL);
            outs[i].p = outbuf + o;
            outs[i].len = need;
            o += need + 1;
        }
        b.name = "(5) builder: aceh_format of each realistic value's names "
                 "(floors over the output)";
        b.vals = outs;
        b.lists = lists;
        finish(&b);
        measure(&b, c, nc);
        report(&b, c, nc, &c[3], &c[4]);
        free(lists);
        free(all);
        free(outs);
        free(outbuf);
    }

    /* (2) long lists */
    make_big(&one, "(2) long list, 1 MiB", (size_t)1 << 20, NULL, 0);
    {
        cand c[] = {TOKENIZE_CANDS(&one)};
        size_t nc = sizeof c / sizeof c[0];

        measure(&one, c, nc);
        report(&one, c, nc, &c[5], &c[6]);
        per_byte_1m = c[0].ns / (double)one.bytes;
        add_target(c[5].ns / c[0].ns, 1.2, 0,
                   "long list 1 MiB, %s: throughput / memchr floor >= 1.2",
                   "validate");
    }
    free_workload(&one);
    make_big(&one, "(2r) long list, 1 MiB, names in random order",
             (size_t)1 << 20, NULL, 'r');
    {
        cand c[] = {TOKENIZE_CANDS(&one)};
        size_t nc = sizeof c / sizeof c[0];

        measure(&one, c, nc);
        report(&one, c, nc, &c[5], &c[6]);
        add_target(c[3].ns / c[5].ns, 2.0, 1,
                   "%s, -O2 dispatch: iterator time / memchr floor <= 2",
                   "long list, random order");
        add_target(c[8].ns / c[5].ns, 1.0, 1,
                   "%s, -O2 dispatch: aceh_split time / memchr floor <= 1",
                   "long list, random order");
    }
    free_workload(&one);
    make_big(&big, "(2) long list, big", big_size, NULL, 0);
    {
        cand c[] = {TOKENIZE_CANDS(&big)};
        size_t nc = sizeof c / sizeof c[0];
        char label[64];

        snprintf(label, sizeof label, "(2) long list, %zu MiB",
                 big_size >> 20);
        big.name = label;
        measure(&big, c, nc);
        report(&big, c, nc, &c[5], &c[6]);
        per_byte_big = c[0].ns / (double)big.bytes;
        add_target(c[5].ns / c[0].ns, 1.2, 0,
                   "long list big, %s: throughput / memchr floor >= 1.2",
                   "validate");
        add_target(per_byte_1m / per_byte_big, 0.8, 0,
                   "linear, %s: big list throughput / 1 MiB throughput >= "
                   "0.8",
                   "validate");
    }
    free_workload(&big);

    /* (3) adversarial */
    for (i = 0; i < sizeof advs / sizeof advs[0]; i++) {
        make_big(&adv, advs[i].name,
                 advs[i].target == 3 ? (size_t)1 << 20 : big_size,
                 advs[i].unit, advs[i].last);
        {
        cand c[] = {TOKENIZE_CANDS(&adv)};
        size_t nc = sizeof c / sizeof c[0];

        measure(&adv, c, nc);
        report(&adv, c, nc, &c[5], &c[6]);
        if (advs[i].target == 1)
            add_target(c[6].ns / c[0].ns, 0.3, 0,
                       "%s, validate: throughput / byte-sum floor >= 0.3",
                       advs[i].name + 17);
        if (advs[i].target == 2) {
            add_target(c[0].ns / (double)adv.names, 2.0, 1,
                       "%s, validate: ns per name <= 2", advs[i].name + 17);
            add_target(c[3].ns / (double)adv.names, 2.0, 1,
                       "%s, -O2 dispatch: iterator ns per name <= 2",
                       advs[i].name + 17);
            add_target(c[8].ns / (double)adv.names, 1.0, 1,
                       "%s, -O2 dispatch: aceh_split ns per name <= 1",
                       advs[i].name + 17);
        }
        if (advs[i].target == 3) {
            add_target(c[3].ns / c[5].ns, 0.21, 1,
                       "%s, -O2 dispatch: iterator time / memchr floor "
                       "<= 0.21", advs[i].name + 17);
            add_target(c[8].ns / c[5].ns, 0.17, 1,
                       "%s, -O2 dispatch: aceh_split time / memchr floor "
                       "<= 0.17", advs[i].name + 17);
        }
        }
        free_workload(&adv);
    }

    filter_bench_run(add_target, samples, batch_ns);
    preflight_bench_run(samples, batch_ns);

    printf("\ntargets (ratios from this run; \"-O2 dispatch\" is the "
           "portable build, the others -march=native):\n");
    for (i = 0; i < ntargets; i++) {
        const target *t = &targets[i];
        int ok = t->at_most ? t->value <= t->limit : t->value >= t->limit;

        printf("  %-6s %6.2f  %s\n", ok ? "met" : "MISSED", t->value,
               t->text);
        failed += !ok;
    }
    printf("%zu targets: %zu met, %d missed\n", ntargets,
           ntargets - (size_t)failed, failed);
    (void)sink;
    return 0;
}
