/* SPDX-License-Identifier: MIT */
/* Counting allocator interposer: linked into a test program, these
 * definitions replace glibc's allocator entry points for the whole process
 * (the library's object included) and forward to glibc's internal ones. */
#include "malloc_count.h"

#include <errno.h>
#include <stddef.h>
#include <unistd.h>

/* glibc's own allocator, exported for exactly this use. */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);

/* Prototypes: -std=c99 hides some of these, and they must match libc. */
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void free(void *p);
void *aligned_alloc(size_t align, size_t n);
void *memalign(size_t align, size_t n);
int posix_memalign(void **out, size_t align, size_t n);
void *valloc(size_t n);
void *pvalloc(size_t n);
void *reallocarray(void *p, size_t n, size_t size);

/* volatile: the counter is read across calls the compiler cannot see. */
static volatile int armed;
static volatile unsigned long calls;

static void seen(void)
{
    if (armed)
        calls++;
}

void mc_arm(void)
{
    calls = 0;
    armed = 1;
}

unsigned long mc_disarm(void)
{
    armed = 0;
    return calls;
}

void *malloc(size_t n)
{
    seen();
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    seen();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    seen();
    return __libc_realloc(p, n);
}

void free(void *p)
{
    seen();
    __libc_free(p);
}

void *aligned_alloc(size_t align, size_t n)
{
    seen();
    return __libc_memalign(align, n);
}

void *memalign(size_t align, size_t n)
{
    seen();
    return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    void *p;

    seen();
    if (align < sizeof(void *) || (align & (align - 1)) != 0)
        return EINVAL;
    p = __libc_memalign(align, n);
    if (p == NULL && n != 0)
        return ENOMEM;
    *out = p;
    return 0;
}

static size_t page_size(void)
{
    long ps = sysconf(_SC_PAGESIZE);
    return ps > 0 ? (size_t)ps : 4096;
}

void *valloc(size_t n)
{
    seen();
    return __libc_memalign(page_size(), n);
}

void *pvalloc(size_t n)
{
    size_t page = page_size();

    seen();
    return __libc_memalign(page, (n + page - 1) / page * page);
}

void *reallocarray(void *p, size_t n, size_t size)
{
    seen();
    if (size != 0 && n > (size_t)-1 / size)
        return NULL;
    return __libc_realloc(p, n * size);
}
