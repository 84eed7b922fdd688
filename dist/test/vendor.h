/* SPDX-License-Identifier: MIT */
/* Static vendoring test: two files, each with its own private copy. */
#ifndef ACEH_DIST_VENDOR_H
#define ACEH_DIST_VENDOR_H

/* Failures in vendor_b.c's copy (0 when all pass). */
int vendor_b_check(void);

#endif
