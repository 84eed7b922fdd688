/* SPDX-License-Identifier: MIT */
/*
 * Stands in for the compiler's <immintrin.h> when Frama-C analyses the
 * SSE2 build (proof/proof.mk puts this folder first on the include path):
 * each name parser/aceh.c's SSE2 path uses maps to its plain-C model in
 * sse2_model.h, which proof/model_test.c checks against the real one.
 * Nothing else is defined, so a path that uses anything more fails to
 * parse instead of being analysed with a guess.
 */
#ifndef PROOF_IMMINTRIN_H
#define PROOF_IMMINTRIN_H

#include "sse2_model.h"

typedef proof_v128 __m128i;

#define _mm_loadu_si128(p) proof_mm_loadu_si128(p)
#define _mm_cmpeq_epi8(a, b) proof_mm_cmpeq_epi8(a, b)
#define _mm_cmpgt_epi8(a, b) proof_mm_cmpgt_epi8(a, b)
#define _mm_cmplt_epi8(a, b) proof_mm_cmplt_epi8(a, b)
#define _mm_movemask_epi8(a) proof_mm_movemask_epi8(a)
#define _mm_and_si128(a, b) proof_mm_and_si128(a, b)
#define _mm_or_si128(a, b) proof_mm_or_si128(a, b)
#define _mm_set1_epi8(c) proof_mm_set1_epi8((char)(c))
#define _mm_set_epi64x(hi, lo) proof_mm_set_epi64x(hi, lo)
#define _mm_setzero_si128() proof_mm_setzero_si128()
#define __builtin_ctzll(x) proof_ctzll(x)
#define __builtin_clzll(x) proof_clzll(x)
/* The iterator's empty asm statement ("+r": the value stays as it is, in
 * a general register) only steers register allocation: it computes
 * nothing, and the model drops it. */
#define __asm__(...) ((void)0)

#endif /* PROOF_IMMINTRIN_H */
