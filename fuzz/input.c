/* SPDX-License-Identifier: MIT */
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

FUZZ_COVERAGE_OFF

/* ASan's defaults for every harness binary (an ASAN_OPTIONS environment
 * variable still overrides them). A quarantine of 8 MB instead of 256:
 * the library never allocates, so the quarantine only delays the reuse of
 * the harnesses' own buffers, and cycling through 256 MB of fresh pages
 * (page faults, ASan's fill of each new chunk) took a third of the CPU
 * time of the differential harness. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "quarantine_size_mb=8";
}

void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
    abort();
}

void *fuzz_xmalloc(size_t n)
{
    /* malloc(0) may return NULL; the harnesses need a distinct pointer
     * whose every byte is out of bounds, which malloc(0) under ASan is. */
    void *p = malloc(n ? n : 1);
    if (p == NULL) {
        fputs("fuzz: out of memory\n", stderr);
        abort();
    }
    return p;
}

static aceh_str copy_piece(fuzz_case *fc, const uint8_t *p, size_t len,
                          int null_empty)
{
    aceh_str s;
    char *b;

    if (len == 0 && null_empty) {
        s.ptr = NULL;
        s.len = 0;
        return s;
    }
    /* Every empty piece shares one zero-size allocation: any read through
     * it is still out of bounds for ASan, and inputs with thousands of
     * empty lines no longer cost thousands of allocations. */
    if (len == 0) {
        if (fc->empty == NULL)
            fc->empty = fuzz_xmalloc(0);
        s.ptr = fc->empty;
        s.len = 0;
        return s;
    }
    b = malloc(len);
    if (b == NULL && len != 0)
        abort();
    if (len != 0)
        memcpy(b, p, len);
    s.ptr = b;
    s.len = len;
    return s;
}

int fuzz_case_load(fuzz_case *fc, const uint8_t *data, size_t size)
{
    size_t i, start, n = 1;
    const uint8_t *rest;
    size_t rlen;
    int null_empty;

    memset(fc, 0, sizeof *fc);
    if (size < 2)
        return 0;
    fc->ctl = data[0];
    fc->mode = (aceh_mode)(data[0] & FUZZ_CTL_MODE_MASK);
    fc->flags = (data[0] & FUZZ_CTL_FLAG_AUTH)
                    ? ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION
                    : 0u;
    fc->cap_sel = data[0] >> FUZZ_CTL_CAP_SHIFT;
    fc->sep = data[1];
    null_empty = (data[0] & FUZZ_CTL_NULL_EMPTY) != 0;
    rest = data + 2;
    rlen = size - 2;
    for (i = 0; i < rlen; i++)
        if (rest[i] == fc->sep)
            n++;
    fc->pieces = fuzz_xmalloc(n * sizeof *fc->pieces);
    fc->npieces = n;
    n = 0;
    start = 0;
    for (i = 0; i <= rlen; i++) {
        if (i < rlen && rest[i] != fc->sep)
            continue;
        fc->pieces[n++] = copy_piece(fc, rest + start, i - start, null_empty);
        start = i + 1;
    }
    fc->name = fc->pieces[0];
    fc->nlines = fc->npieces - 1;
    fc->lines = fc->nlines ? fc->pieces + 1 : NULL;
    return 1;
}

void fuzz_case_free(fuzz_case *fc)
{
    size_t i;

    for (i = 0; i < fc->npieces; i++)
        if (fc->pieces[i].ptr != fc->empty)
            free((void *)(uintptr_t)fc->pieces[i].ptr);
    free(fc->pieces);
    free(fc->empty);
    memset(fc, 0, sizeof *fc);
}

FUZZ_COVERAGE_ON
