/* SPDX-License-Identifier: MIT */
/* The unit suite against a private static copy of the single header
 * (ACEH_STATIC): the whole library lands in this file with internal
 * linkage, as a project vendoring it privately would have it. */
#define ACEH_STATIC
#include "aceh.h"

#include "unit_test.c"
