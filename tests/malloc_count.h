/* SPDX-License-Identifier: MIT */
/* Counting malloc interposer (tests/malloc_count.c): counts every allocator
 * call (malloc, calloc, realloc, free, the aligned variants) made while
 * armed. Arm it around library calls only: stdio and the test's own
 * bookkeeping allocate. glibc only; not usable under ASan/MSan, which
 * interpose the allocator themselves. */
#ifndef ACEH_TESTS_MALLOC_COUNT_H
#define ACEH_TESTS_MALLOC_COUNT_H

/* Start counting from zero. */
void mc_arm(void);
/* Stop counting; returns the calls seen since mc_arm(). */
unsigned long mc_disarm(void);

#endif
