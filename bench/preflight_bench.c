/* SPDX-License-Identifier: MIT */
/*
 * The preflight half on realistic inputs: a browser's side (which request
 * headers are unsafe, the Access-Control-Request-Headers value) and the
 * decision on the preflight response, for requests and responses shaped
 * like those of common APIs (JSON with a bearer token, a form post with a
 * custom header, a credentialed PATCH, a response that lists twenty
 * names). Per-thread CPU time, median of the samples, ns per call.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "aceh.h"
#include "preflight_bench.h"

#define PB_MAX_SAMPLES 31

static volatile size_t pb_sink;

static double pb_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

typedef struct pb_case {
    const char *method;
    aceh_mode mode;
    const char *req[6][2]; /* request headers, NULL-terminated */
    const char *methods, *headers, *max_age;
} pb_case;

static const pb_case cases[] = {
    {"POST", ACEH_OMIT,
     {{"Content-Type", "application/json"},
      {"Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"},
      {"Accept", "application/json"}},
     "GET, POST, PUT, DELETE, OPTIONS",
     "Content-Type, Authorization, X-Requested-With", "86400"},
    {"POST", ACEH_OMIT,
     {{"Content-Type", "application/x-www-form-urlencoded"},
      {"X-Requested-With", "XMLHttpRequest"},
      {"Accept-Language", "en-US,en;q=0.9"}},
     "POST", "x-requested-with", "600"},
    {"PATCH", ACEH_INCLUDE,
     {{"Content-Type", "application/merge-patch+json"},
      {"X-CSRF-Token", "4f0c1b7e9a"},
      {"Authorization", "Basic dXNlcjpwYXNz"}},
     "GET, HEAD, PATCH", "authorization, content-type, x-csrf-token", NULL},
    {"PUT", ACEH_OMIT,
     {{"Content-Type", "text/plain;charset=UTF-8"},
      {"X-Api-Key", "k-123"},
      {"X-Request-Id", "0b6c9f0e-7d1a-4c55-9f7e-1d2b3c4d5e6f"},
      {"X-Trace", "1"}},
     "*",
     "Accept, Accept-Language, Cache-Control, Content-Language, "
     "Content-Type, DNT, If-Match, If-Modified-Since, If-None-Match, "
     "Keep-Alive, Origin, Pragma, Range, User-Agent, X-Api-Key, "
     "X-CSRF-Token, X-Request-Id, X-Requested-With, X-Trace, X-Version",
     "7200"},
};
#define PB_NCASES (sizeof cases / sizeof cases[0])

typedef struct pb_ready {
    aceh_header req[6];
    size_t nreq;
    char acrh[256];
    aceh_str unsafe[6];
    aceh_str ao, ac, am, ah, ma;
    aceh_preflight pf;
} pb_ready;

static void pb_prepare(pb_ready *r, const pb_case *c)
{
    size_t i, need = 0, at;

    memset(r, 0, sizeof *r);
    for (r->nreq = 0; r->nreq < 6 && c->req[r->nreq][0]; r->nreq++) {
        r->req[r->nreq].name = c->req[r->nreq][0];
        r->req[r->nreq].name_len = strlen(c->req[r->nreq][0]);
        r->req[r->nreq].value = c->req[r->nreq][1];
        r->req[r->nreq].value_len = strlen(c->req[r->nreq][1]);
    }
    (void)aceh_request_headers(r->req, r->nreq, r->acrh, sizeof r->acrh,
                               &need, NULL);
    for (i = 0, at = 0; at < need; i++) {
        const char *comma = memchr(r->acrh + at, ',', need - at);
        const size_t e = comma ? (size_t)(comma - r->acrh) : need;

        r->unsafe[i].ptr = r->acrh + at;
        r->unsafe[i].len = e - at;
        at = e + 1;
    }
    r->pf.n_unsafe = i;
    r->pf.unsafe = r->unsafe;
    r->pf.origin = "https://app.example.com";
    r->pf.origin_len = strlen(r->pf.origin);
    r->pf.method = c->method;
    r->pf.method_len = strlen(c->method);
    r->pf.mode = c->mode;
    r->pf.status = 204;
    r->ao.ptr = c->mode == ACEH_INCLUDE ? r->pf.origin : "*";
    r->ao.len = strlen(r->ao.ptr);
    r->ac.ptr = "true";
    r->ac.len = 4;
    r->am.ptr = c->methods;
    r->am.len = strlen(c->methods);
    r->ah.ptr = c->headers;
    r->ah.len = strlen(c->headers);
    r->pf.allow_origin = &r->ao;
    r->pf.n_allow_origin = 1;
    r->pf.allow_credentials = &r->ac;
    r->pf.n_allow_credentials = c->mode == ACEH_INCLUDE;
    r->pf.allow_methods = &r->am;
    r->pf.n_allow_methods = 1;
    r->pf.allow_headers = &r->ah;
    r->pf.n_allow_headers = 1;
    if (c->max_age) {
        r->ma.ptr = c->max_age;
        r->ma.len = strlen(c->max_age);
        r->pf.max_age = &r->ma;
        r->pf.n_max_age = 1;
    }
}

/* One round: every case once, the request side (what 0) or the
 * decision (what 1). */
static void pb_round(pb_ready *r, int what)
{
    size_t c;

    for (c = 0; c < PB_NCASES; c++)
        pb_sink += what == 0
                       ? (size_t)aceh_request_headers(r[c].req, r[c].nreq,
                                                      r[c].acrh,
                                                      sizeof r[c].acrh, NULL,
                                                      NULL)
                       : (size_t)aceh_preflight_decide(&r[c].pf, NULL);
}

/* ns per call, the median of the samples. */
static double pb_time(pb_ready *r, int what, int samples, double batch_ns)
{
    double t[PB_MAX_SAMPLES], x;
    size_t reps = 1, k;
    int s, i, j;

    for (;;) { /* calibrate: one sample lasts at least batch_ns */
        double t0 = pb_now();
        for (k = 0; k < reps; k++)
            pb_round(r, what);
        if (pb_now() - t0 >= batch_ns || reps > ((size_t)1 << 30))
            break;
        reps *= 2;
    }
    for (s = 0; s < samples; s++) {
        double t0 = pb_now();
        for (k = 0; k < reps; k++)
            pb_round(r, what);
        t[s] = (pb_now() - t0) / (double)(reps * PB_NCASES);
    }
    for (i = 1; i < samples; i++) /* insertion sort for the median */
        for (j = i; j > 0 && t[j - 1] > t[j]; j--) {
            x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
        }
    return t[samples / 2];
}

void preflight_bench_run(int samples, double batch_ns)
{
    pb_ready r[PB_NCASES];
    size_t c;
    int passed = 0;

    if (samples > PB_MAX_SAMPLES)
        samples = PB_MAX_SAMPLES;
    for (c = 0; c < PB_NCASES; c++) {
        pb_prepare(&r[c], &cases[c]);
        passed += aceh_preflight_decide(&r[c].pf, NULL) == ACEH_PF_PASS;
    }
    printf("\npreflight (%u realistic requests and responses, %d pass; "
           "ns per call):\n",
           (unsigned)PB_NCASES, passed);
    printf("  %-52s %8.1f\n",
           "request side: aceh_request_headers (ACRH value)",
           pb_time(r, 0, samples, batch_ns));
    printf("  %-52s %8.1f\n", "decision: aceh_preflight_decide",
           pb_time(r, 1, samples, batch_ns));
}
