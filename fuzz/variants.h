/* SPDX-License-Identifier: MIT */
/* Declarations of the other builds of the library linked into every
 * harness (see rename.h): scalar_ (-DACEH_NO_SIMD) always; ssse3_
 * (-mssse3) and avx2_ (-mavx2) when FUZZ_X86_VARIANTS is defined, to be
 * called only on CPUs that have them. Typed from aceh.h itself, so they
 * cannot drift from it; the list of functions is aceh.h's ACEH_FUNCTIONS. */
#ifndef ACEH_FUZZ_VARIANTS_H
#define ACEH_FUZZ_VARIANTS_H

#include "aceh.h"

#define VARIANT_DECL(prefix, f) extern __typeof__(f) prefix##f;
#define VARIANT_DECL_scalar_(f) VARIANT_DECL(scalar_, f)
#define VARIANT_DECL_ssse3_(f) VARIANT_DECL(ssse3_, f)
#define VARIANT_DECL_avx2_(f) VARIANT_DECL(avx2_, f)
/* Every function of aceh.h's ACEH_FUNCTIONS list, with the prefix. */
#define VARIANT_DECLS(prefix) ACEH_FUNCTIONS(VARIANT_DECL_##prefix)

VARIANT_DECLS(scalar_)
#ifdef FUZZ_X86_VARIANTS
VARIANT_DECLS(ssse3_)
VARIANT_DECLS(avx2_)
#endif

#endif
