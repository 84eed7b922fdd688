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

/* The arena: harness memory for one execution, handed out by
 * fuzz_xmalloc and taken back all at once by fuzz_release. Under ASan a
 * malloc and a free per piece (a few per line, several times over for
 * the differential harness's builds) cost more CPU than the library under
 * test: allocator, stack depot, quarantine recycling and the page faults
 * of fresh chunks. Here a block costs a pointer bump and two shadow
 * writes, and keeps malloc's guarantees for the library: every block
 * starts on a 16-byte boundary with at least ARENA_GAP poisoned bytes
 * before it and after its exact end, so a read one byte outside a line is
 * still reported (as use-after-poison rather than heap-buffer-overflow),
 * and a zero-size block has no addressable byte at all. Without ASan the
 * blocks are plain memory, as malloc's are. */
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_ASAN 1
#endif
#endif
#ifdef FUZZ_ASAN
#include <sanitizer/asan_interface.h>
#define ARENA_POISON(p, n) __asan_poison_memory_region((p), (n))
#define ARENA_UNPOISON(p, n) __asan_unpoison_memory_region((p), (n))
#else
#define ARENA_POISON(p, n) ((void)(p), (void)(n))
#define ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* Under MSan a block handed out again must count as never written, as
 * malloc's memory does, or a harness reading an output the library failed
 * to write would go unnoticed. */
#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#include <sanitizer/msan_interface.h>
#define ARENA_FRESH(p, n) __msan_allocated_memory((p), (n))
#endif
#endif
#ifndef ARENA_FRESH
#define ARENA_FRESH(p, n) ((void)(p), (void)(n))
#endif

#define ARENA_ALIGN 16u
#define ARENA_GAP 16u
#define ARENA_MIN ((size_t)1 << 16)

/* One chunk from malloc; older chunks of this execution follow `prev`. */
typedef struct arena_chunk {
    struct arena_chunk *prev;
    char *mem;
    size_t size, used;
} arena_chunk;

static arena_chunk *arena;

static void arena_oom(void)
{
    fputs("fuzz: out of memory\n", stderr);
    abort();
}

static void arena_push(size_t size)
{
    arena_chunk *c = malloc(sizeof *c);

    if (c == NULL)
        arena_oom();
    c->mem = malloc(size);
    if (c->mem == NULL)
        arena_oom();
    c->size = size;
    c->used = ARENA_GAP;
    c->prev = arena;
    /* Rare (a new chunk), and gcc warns of poisoning uninitialized bytes. */
    memset(c->mem, 0, size);
    ARENA_POISON(c->mem, size);
    arena = c;
}

void *fuzz_xmalloc(size_t n)
{
    size_t at = 0;
    char *p;

    if (n > SIZE_MAX / 4)
        arena_oom();
    /* The next 16-byte boundary of the address past the previous gap. */
    if (arena != NULL)
        at = (size_t)((((uintptr_t)arena->mem + arena->used + ARENA_ALIGN -
                        1) &
                       ~(uintptr_t)(ARENA_ALIGN - 1)) -
                      (uintptr_t)arena->mem);
    if (arena == NULL || at > arena->size ||
        arena->size - at < n + ARENA_GAP) {
        size_t want = arena == NULL ? ARENA_MIN : 2 * arena->size;
        if (want < n + 2 * ARENA_GAP + ARENA_ALIGN)
            want = n + 2 * ARENA_GAP + ARENA_ALIGN;
        arena_push(want);
        return fuzz_xmalloc(n); /* fits now */
    }
    p = arena->mem + at;
    ARENA_UNPOISON(p, n);
    ARENA_FRESH(p, n);
    arena->used = at + n + ARENA_GAP;
    return p;
}

void fuzz_release(void)
{
    size_t total = 0;

    if (arena == NULL)
        return;
    /* More than one chunk: replace them by one that holds them all, so
     * that the next execution of this size needs no malloc. */
    if (arena->prev != NULL) {
        while (arena != NULL) {
            arena_chunk *c = arena;
            total += c->size;
            arena = c->prev;
            ARENA_UNPOISON(c->mem, c->size);
            free(c->mem);
            free(c);
        }
        arena_push(total);
        return;
    }
    ARENA_POISON(arena->mem, arena->used < arena->size ? arena->used
                                                       : arena->size);
    arena->used = ARENA_GAP;
}

static aceh_str copy_piece(fuzz_case *fc, const uint8_t *p, size_t len,
                          int null_empty)
{
    aceh_str s;
    char *b;

    /* A NULL pointer where the data has none: (NULL, 0), which every
     * function takes as the empty string, and (NULL, n > 0), which aceh.h
     * refuses; the fuzzer puts the latter at any position of any array. */
    if (null_empty && (len == 0 || p[0] == 0)) {
        s.ptr = NULL;
        s.len = len;
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
    b = fuzz_xmalloc(len);
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

    fuzz_release();
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
    fuzz_release();
    memset(fc, 0, sizeof *fc);
}

FUZZ_COVERAGE_ON
