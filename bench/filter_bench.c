/* SPDX-License-Identifier: MIT */
/*
 * The response filter at growing sizes: n headers (one of them the ACEH
 * line) and m listed names, all names of one length ("x-h-" and 8 digits,
 * so every comparison that the length does not settle reads bytes), half
 * of the listed names naming a header. Time per (headers + names) should
 * not grow with the size. Hostile variants: header names crafted to share
 * one hash chain (the index falls back to sorted order), chains filled to
 * the bound with every listed name walking a full chain, one header name
 * repeated with "a,a,a,...", and the quadratic filter the index replaced,
 * as the baseline. Then the name set (aceh_set_decide) against
 * aceh_list_decide on lists of 10 to 30,000 names. Per-thread CPU time,
 * median of the samples.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aceh.h"
#include "filter_bench.h"
/* Internal: the name hash (fb_collide). */
#include "../parser/src/fold.h"

#define FB_MAX_SAMPLES 31

static volatile size_t fb_sink;

static double fb_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

typedef struct fb_work {
    aceh_header *h;
    size_t n, m;
    unsigned char *readable;
    char *names; /* header names, rows of 16 bytes */
    char *value; /* the ACEH value */
} fb_work;

static void *fb_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (p == NULL) {
        fprintf(stderr, "filter bench: out of memory\n");
        exit(2);
    }
    return p;
}

/* Header names from ids (one length), the ACEH line at index n / 2 listing
 * names from lids; one header per id. */
static void fb_make(fb_work *w, size_t n, size_t m, const unsigned *ids,
                    const unsigned *lids, const char *fmt)
{
    size_t i, at = 0, len = 0;

    w->n = n;
    w->m = m;
    w->h = fb_alloc(n * sizeof *w->h);
    w->readable = fb_alloc(n);
    w->names = fb_alloc(n * 16);
    for (i = 0; i < m; i++)
        len += (size_t)snprintf(NULL, 0, fmt, lids[i]) + 2;
    w->value = fb_alloc(len + 1);
    for (i = 0; i < n; i++) {
        int l = snprintf(w->names + 16 * i, 16, fmt, ids[i]);

        w->h[i].name = w->names + 16 * i;
        w->h[i].name_len = (size_t)l;
        w->h[i].value = "v";
        w->h[i].value_len = 1;
    }
    for (i = 0; i < m; i++)
        at += (size_t)sprintf(w->value + at, "%s", i ? ", " : "") +
              (size_t)sprintf(w->value + at + (i ? 2 : 0), fmt, lids[i]);
    w->h[n / 2].name = "Access-Control-Expose-Headers";
    w->h[n / 2].name_len = 29;
    w->h[n / 2].value = w->value;
    w->h[n / 2].value_len = at;
}

static void fb_free(fb_work *w)
{
    free(w->h);
    free(w->readable);
    free(w->names);
    free(w->value);
}

/* The filter before the index: every listed name against every header
 * name (public functions only; what aceh_filter did). */
static size_t fb_quadratic(const aceh_header *h, size_t n, unsigned char *r)
{
    size_t i, j, k = 0;

    for (j = 0; j < n; j++)
        r[j] = (unsigned char)aceh_is_safelisted(h[j].name, h[j].name_len);
    for (i = 0; i < n; i++) {
        aceh_iter it;
        aceh_slice s;

        if (!aceh_name_eq(h[i].name, h[i].name_len,
                          "access-control-expose-headers", 29))
            continue;
        aceh_iter_init(&it, h[i].value, h[i].value_len);
        while (aceh_iter_next(&it, &s))
            for (j = 0; j < n; j++)
                if (aceh_name_eq(h[i].value + s.off, s.len, h[j].name,
                                 h[j].name_len))
                    r[j] = 1;
    }
    for (j = 0; j < n; j++)
        k += r[j];
    return k;
}

/* The -O2 dispatch build of the library (bench/rename.h), linked beside. */
extern __typeof__(aceh_filter) portable_aceh_filter;

/* quadratic: 0 aceh_filter (native build), 1 the quadratic filter, 2
 * aceh_filter of the -O2 dispatch build. */
static size_t fb_run(const fb_work *w, int quadratic)
{
    size_t i, k = 0;

    if (quadratic == 1)
        return fb_quadratic(w->h, w->n, w->readable);
    if (quadratic == 2)
        (void)portable_aceh_filter(w->h, w->n, ACEH_INCLUDE, 0, w->readable,
                                   NULL, NULL);
    else
        (void)aceh_filter(w->h, w->n, ACEH_INCLUDE, 0, w->readable, NULL,
                          NULL);
    for (i = 0; i < w->n; i++)
        k += w->readable[i];
    return k;
}

static int fb_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median ns per call. */
static double fb_time(const fb_work *w, int quadratic, int samples,
                      double batch_ns)
{
    double t[FB_MAX_SAMPLES], t0 = 0, el = 0;
    size_t reps = 1, r;
    int s;

    for (;;) {
        t0 = fb_now();
        for (r = 0; r < reps; r++)
            fb_sink += fb_run(w, quadratic);
        el = fb_now() - t0;
        if (el >= batch_ns || reps >= ((size_t)1 << 30))
            break;
        reps = el < batch_ns / 64 ? reps * 16 : reps * 2;
    }
    for (s = 0; s < samples; s++) {
        t0 = fb_now();
        for (r = 0; r < reps; r++)
            fb_sink += fb_run(w, quadratic);
        t[s] = (fb_now() - t0) / (double)reps;
    }
    qsort(t, (size_t)samples, sizeof t[0], fb_cmp);
    return t[samples / 2];
}

/* Deterministic shuffle of 0..n-1 scaled into 8 digits. */
static unsigned *fb_ids(size_t n, unsigned long long seed)
{
    unsigned *v = fb_alloc(n * sizeof *v);
    size_t i;

    for (i = 0; i < n; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        /* distinct: i in the low digits, noise above */
        v[i] = (unsigned)(i + 100000u * ((seed >> 40) % 999u));
    }
    return v;
}

/* count ids whose name (fmt) lands in bucket b of nb; ids from *next on. */
static void fb_collide(unsigned *out, size_t count, unsigned *next,
                       size_t nb, size_t b, const char *fmt)
{
    char buf[32];
    size_t got = 0;

    while (got < count) {
        int l = snprintf(buf, sizeof buf, fmt, *next);

        /* The library's own hash (parser/src/fold.h), as an attacker who
         * reads the source would use it. */
        if ((size_t)((aceh__hash_fold((const unsigned char *)buf,
                                      (size_t)l) >> 32) * nb >> 32) == b)
            out[got++] = *next;
        (*next)++;
    }
}

static void fb_set_run(int samples, double batch_ns);

void filter_bench_run(filter_bench_target *add, int samples, double batch_ns)
{
    static const size_t sizes[][2] = {
        {10, 10}, {100, 1000}, {1000, 10000}, {1000, 30000}};
    const char *fmt = "x-h-%08u"; /* 12 bytes */
    double per[4] = {0, 0, 0, 0}, t;
    size_t i;
    fb_work w;

    printf("\n(6) response filter, all names 12 bytes, half of the listed "
           "names name a header (aceh_filter, native build)\n");
    printf("  %-46s %12s %14s %12s\n", "workload (headers, listed names)",
           "ns/call", "ns/(h+names)", "quadratic");
    for (i = 0; i < 4; i++) {
        size_t n = sizes[i][0], m = sizes[i][1], j;
        unsigned *ids = fb_ids(n, 1 + i), *lids = fb_ids(m, 99 + i);
        double q;
        char label[64];

        /* every other listed name is a header's */
        for (j = 0; j < m; j += 2)
            lids[j] = ids[(j / 2) % n];
        fb_make(&w, n, m, ids, lids, fmt);
        t = fb_time(&w, 0, samples, batch_ns);
        q = n * m <= 1000000 ? fb_time(&w, 1, samples, batch_ns) : 0;
        per[i] = t / (double)(n + m);
        if (i == 3) /* native never slower than portable, at (1000, 30000) */
            add(t / fb_time(&w, 2, samples, batch_ns), 1.03, 1,
                "%s, (1000, 30000): -march=native / -O2 dispatch time "
                "<= 1.03", "filter");
        snprintf(label, sizeof label, "(%zu, %zu)", n, m);
        if (q > 0)
            printf("  %-46s %12.0f %14.2f %11.0fx\n", label, t, per[i],
                   q / t);
        else
            printf("  %-46s %12.0f %14.2f %12s\n", label, t, per[i],
                   "(skipped)");
        fb_free(&w);
        free(ids);
        free(lids);
    }
    printf("  time per (headers + names), (1000, 30000) / (10, 10): "
           "%.2f\n", per[3] / per[0]);
    add(per[3] / per[0], 2.0, 1,
        "%s: time per (headers + names), (1000, 30000) / (10, 10) <= 2",
        "filter");

    /* Hostile, at (1000, 30000). */
    {
        const size_t n = 1000, m = 30000;
        unsigned *ids = fb_alloc(n * sizeof *ids);
        unsigned *lids = fb_alloc(m * sizeof *lids), next = 0;
        size_t j;
        double base;

        printf("  hostile, (1000, 30000) %34s %14s %12s\n", "", "",
               "/ plain");
        {
            unsigned *a = fb_ids(n, 5), *b = fb_ids(m, 6);

            for (j = 0; j < m; j += 2)
                b[j] = a[(j / 2) % n];
            fb_make(&w, n, m, a, b, fmt);
            base = fb_time(&w, 0, samples, batch_ns);
            fb_free(&w);
            free(a);
            free(b);
        }
        /* (a) all header names in one bucket of the 512 the filter uses
         * for 1,000 headers: far past the chain bound, sorted fallback;
         * half of the listed names are headers', half collide too */
        fb_collide(ids, n, &next, 512, 0, fmt);
        for (j = 0; j < m; j++)
            if (j % 2)
                lids[j] = ids[j % n];
            else
                fb_collide(lids + j, 1, &next, 512, 0, fmt);
        fb_make(&w, n, m, ids, lids, fmt);
        t = fb_time(&w, 0, samples, batch_ns);
        printf("  %-46s %12.0f %14.2f %11.2fx\n",
               "one hash chain (sorted fallback)", t,
               t / (double)(n + m), t / base);
        fb_free(&w);
        /* (b) 16 names in each of 62 buckets (the bound, no fallback),
         * every listed name a non-header colliding into those buckets:
         * each lookup walks a full chain */
        next = 0;
        for (j = 0; j < 62; j++)
            fb_collide(ids + 16 * j, 16, &next, 512, j, fmt);
        for (j = 16 * 62; j < n; j++)
            fb_collide(ids + j, 1, &next, 512, 100 + j % 400, fmt);
        for (j = 0; j < m; j++)
            fb_collide(lids + j, 1, &next, 512, j % 62, fmt);
        fb_make(&w, n, m, ids, lids, fmt);
        t = fb_time(&w, 0, samples, batch_ns);
        printf("  %-46s %12.0f %14.2f %11.2fx\n",
               "full chains, every lookup walks 16", t,
               t / (double)(n + m), t / base);
        fb_free(&w);
        /* (c) one header name repeated, "a,a,a,..." */
        fb_make(&w, n, m, ids, lids, "a");
        t = fb_time(&w, 0, samples, batch_ns);
        printf("  %-46s %12.0f %14.2f %11.2fx\n",
               "1000 headers \"a\", listed \"a,a,a,...\"", t,
               t / (double)(n + m), t / base);
        t = fb_time(&w, 1, samples, batch_ns);
        printf("  %-46s %12.0f %14.2f %11.2fx\n",
               "  the same with the quadratic filter", t, t / (double)(n + m),
               t / base);
        fb_free(&w);
        free(ids);
        free(lids);
    }
    fb_set_run(samples, batch_ns);
}

/* Name set: 1,000 queries (half listed) against a parsed list of m names,
 * through aceh_set_decide or aceh_list_decide. */
typedef struct fb_sq {
    aceh_list list;
    aceh_set set;
    const aceh_header *q;
    size_t nq;
    int use_set;
} fb_sq;

static double fb_time_set(const fb_sq *s, int samples, double batch_ns)
{
    double t[FB_MAX_SAMPLES], t0;
    size_t reps = 1, r, i, k = 0;
    int j;

    for (j = -1; j < samples; j++) {
        for (;;) {
            t0 = fb_now();
            for (r = 0; r < reps; r++)
                for (i = 0; i < s->nq; i++)
                    k += (size_t)(s->use_set
                                      ? aceh_set_decide(&s->set, s->q[i].name,
                                                        s->q[i].name_len,
                                                        ACEH_INCLUDE, 0)
                                      : aceh_list_decide(&s->list,
                                                         s->q[i].name,
                                                         s->q[i].name_len,
                                                         ACEH_INCLUDE, 0));
            if (j >= 0 || fb_now() - t0 >= batch_ns ||
                reps >= ((size_t)1 << 30))
                break;
            reps *= 2;
        }
        if (j >= 0)
            t[j] = (fb_now() - t0) / (double)(reps * s->nq);
    }
    fb_sink += k;
    qsort(t, (size_t)samples, sizeof t[0], fb_cmp);
    return t[samples / 2];
}

static void fb_set_run(int samples, double batch_ns)
{
    static const size_t sizes[] = {10, 1000, 30000};
    size_t i;

    printf("  name set, 1,000 queries (half listed), ns/query %10s %14s\n",
           "set", "list_decide");
    for (i = 0; i < 3; i++) {
        size_t m = sizes[i], j;
        unsigned *ids = fb_ids(1000, 7), *lids = fb_ids(m, 8);
        aceh_name *names = fb_alloc(m * sizeof *names);
        void *mem = fb_alloc(aceh_set_size(m));
        aceh_str line;
        fb_work w;
        fb_sq s;
        char label[64];
        double ts, tl;

        for (j = 0; j < m; j += 2)
            lids[j] = ids[(j / 2) % 1000];
        fb_make(&w, 1000, m, ids, lids, "x-h-%08u");
        line.ptr = w.value;
        line.len = w.h[500].value_len;
        if (aceh_list_parse(&s.list, &line, 1, names, m) != ACEH_OK ||
            aceh_set_init(&s.set, &s.list, mem, aceh_set_size(m)) !=
                ACEH_OK) {
            fprintf(stderr, "filter bench: set build failed\n");
            exit(2);
        }
        s.q = w.h;
        s.nq = w.n;
        s.use_set = 1;
        ts = fb_time_set(&s, samples, batch_ns);
        s.use_set = 0;
        tl = fb_time_set(&s, samples, batch_ns);
        snprintf(label, sizeof label, "list of %zu names", m);
        printf("  %-46s %12.1f %14.1f\n", label, ts, tl);
        fb_free(&w);
        free(ids);
        free(lids);
        free(names);
        free(mem);
    }
}

#ifdef FILTER_BENCH_MAIN
static void fb_print_target(double value, double limit, int at_most,
                            const char *fmt, const char *what)
{
    char text[160];
    int ok = at_most ? value <= limit : value >= limit;

    snprintf(text, sizeof text, fmt, what);
    printf("  %-6s %6.2f  %s\n", ok ? "met" : "MISSED", value, text);
}

int main(void)
{
    const char *s = getenv("BENCH_SAMPLES");
    int samples = s ? atoi(s) | 1 : 9;

    if (samples < 1 || samples > FB_MAX_SAMPLES)
        samples = 9;
    filter_bench_run(fb_print_target, samples, 4e6);
    return 0;
}
#endif
