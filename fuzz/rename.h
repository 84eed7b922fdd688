/* SPDX-License-Identifier: MIT */
/* Force-included (-include) when parser/aceh.c is compiled again for the
 * differential harness with another code path (-DACEH_NO_SIMD, -mssse3,
 * -mavx2): every public symbol gets the prefix ACEH_FUZZ_PREFIX (scalar_,
 * ssse3_, avx2_), so all builds link into one binary and can be compared.
 * The functions come from aceh.h's ACEH_FUNCTIONS list; each is declared
 * again with an assembler name carrying the prefix (GCC and clang), so a
 * new API function is renamed as soon as it is on that list. fuzz.mk
 * checks with nm that no unprefixed global symbol is left. */
#ifndef ACEH_FUZZ_PREFIX
#error "define ACEH_FUZZ_PREFIX"
#endif
#define ACEH_INLINE_LATER
#include "aceh.h"
#define ACEH_FUZZ_STR2(x) #x
#define ACEH_FUZZ_STR(x) ACEH_FUZZ_STR2(x)
#define ACEH_FUZZ_RENAME(f)                                                \
    extern __typeof__(f) f __asm__(ACEH_FUZZ_STR(__USER_LABEL_PREFIX__)    \
                                       ACEH_FUZZ_STR(ACEH_FUZZ_PREFIX) #f);
ACEH_FUNCTIONS(ACEH_FUZZ_RENAME)
/* The header's inline functions, which call renamed ones. */
#undef ACEH_INLINE_LATER
#include "aceh.h"
