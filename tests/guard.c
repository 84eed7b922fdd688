/* SPDX-License-Identifier: MIT */
#include "guard.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int guard_open(guard_buf *g, size_t max)
{
    long ps = sysconf(_SC_PAGESIZE);
    size_t page = ps > 0 ? (size_t)ps : 4096;
    size_t data = (max + page - 1) / page * page;
    void *m;

    if (data == 0)
        data = page;
    m = mmap(NULL, data + 2 * page, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return -1;
    g->base = m;
    g->size = data + 2 * page;
    g->data = data;
    g->page = page;
    if (mprotect(g->base, page, PROT_NONE) != 0 ||
        mprotect(g->base + page + data, page, PROT_NONE) != 0) {
        munmap(g->base, g->size);
        return -1;
    }
    return 0;
}

void guard_close(guard_buf *g)
{
    munmap(g->base, g->size);
}

const char *guard_tail(guard_buf *g, const void *p, size_t len)
{
    unsigned char *dst = g->base + g->page + g->data - len;
    if (len)
        memcpy(dst, p, len);
    return (const char *)dst;
}

const char *guard_head(guard_buf *g, const void *p, size_t len)
{
    unsigned char *dst = g->base + g->page;
    if (len)
        memcpy(dst, p, len);
    return (const char *)dst;
}
