/* SPDX-License-Identifier: MIT */
/* The one translation unit that holds the single header's implementation
 * (ACEH_IMPLEMENTATION); everything else includes the declarations only. */
#define ACEH_IMPLEMENTATION
#include "aceh.h"
