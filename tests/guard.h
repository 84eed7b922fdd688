/* SPDX-License-Identifier: MIT */
/* Guard-page buffers: place bytes so that they end right before, or start
 * right after, an inaccessible page, so any read outside them faults. */
#ifndef ACEH_TESTS_GUARD_H
#define ACEH_TESTS_GUARD_H

#include <stddef.h>

typedef struct guard_buf {
    unsigned char *base; /* whole mapping: guard, data pages, guard */
    size_t size;         /* bytes in the mapping */
    size_t data;         /* bytes usable between the guards */
    size_t page;
} guard_buf;

/* Map room for up to `max` bytes between two PROT_NONE pages. 0 on success. */
int guard_open(guard_buf *g, size_t max);
void guard_close(guard_buf *g);
/* Copy len bytes (len <= g->data) so they end at the upper guard page. */
const char *guard_tail(guard_buf *g, const void *p, size_t len);
/* Copy len bytes so they start right after the lower guard page. */
const char *guard_head(guard_buf *g, const void *p, size_t len);

#endif
