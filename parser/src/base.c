/* SPDX-License-Identifier: MIT */
/*
 * aceh: Access-Control-Expose-Headers parsing and exposure decisions.
 * See aceh.h for every function's contract. Sources: RFC 9110 5.1, 5.5,
 * 5.6.1, 5.6.2; WHATWG Fetch "extract header list values", "CORS-safelisted
 * response-header name", "forbidden response-header name", "CORS filtered
 * response" and the ACEH step of "main fetch".
 */
#include "aceh.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A string the contract refuses: a NULL pointer with a length. */
#define ACEH__STR_NULL(s) ((s).ptr == NULL && (s).len != 0)

/* The library reads bytes as unsigned char: a public char pointer is
 * converted once, where it comes in. */
#define ACEH__U(s) ((const unsigned char *)(s))

/* An invariant the code relies on that a static analyzer cannot derive
 * (what one function guarantees another). Checked, aborting when broken,
 * in builds with ACEH_DEBUG (the sanitizer runs of the unit suite and the
 * fuzz harnesses), and read by the clang static analyzer and cppcheck,
 * which drop the paths that break it; free in every other build. */
#if defined(ACEH_DEBUG) || defined(__clang_analyzer__) || defined(__CPPCHECK__)
#define ACEH__ASSERT(c) ((c) ? (void)0 : abort())
#else
#define ACEH__ASSERT(c) ((void)0)
#endif

/* The fast path (see aceh_validate) and its instruction sets. Level 1 is
 * 16-byte blocks (SSE2 on x86, SSSE3 pshufb when the compiler targets it,
 * NEON on AArch64), level 2 AVX2, level 3 AVX-512 BW, level 4 AVX-512 BW
 * with VBMI2 compress; level 0 is the portable scalar code. The levels the
 * compiler targets (-march) are always compiled; on x86-64 with gcc or
 * clang 8 or later the higher ones are compiled too, with target
 * attributes, and one is chosen at run time (aceh__isa). */
#if !defined(ACEH_NO_SIMD) && defined(__GNUC__) && defined(__SSE2__)
#include <immintrin.h>
#define ACEH_SIMD_X86 1
#if defined(__SSSE3__)
#define ACEH_SIMD_PSHUFB 1
#endif
#elif !defined(ACEH_NO_SIMD) && defined(__GNUC__) && defined(__aarch64__) && \
    defined(__ARM_NEON)
#include <arm_neon.h>
#define ACEH_SIMD_NEON 1
#endif
#if defined(ACEH_SIMD_X86) || defined(ACEH_SIMD_NEON)
#define ACEH_SIMD 1
#endif
/* The block helpers are small and must fold into the chunk loop, and the
 * chunk loop into each per-level instance; the scalar loop's element
 * scanner into its callers. */
#if defined(__GNUC__)
#define ACEH_INLINE static inline __attribute__((always_inline))
#else
#define ACEH_INLINE static inline
#endif

#if defined(__GNUC__)
#define ACEH__NOINLINE __attribute__((noinline))
#else
#define ACEH__NOINLINE
#endif

/* ACEH__LO..ACEH__TOP: the levels compiled into this object. */
#if !defined(ACEH_SIMD)
#define ACEH__LO 0
#define ACEH__TOP 0
#elif !defined(ACEH_SIMD_X86)
#define ACEH__LO 1
#define ACEH__TOP 1
#elif defined(ACEH_FORCE_SSE2)
#define ACEH__LO 1
#define ACEH__TOP 1
#elif defined(ACEH_FORCE_AVX2)
#define ACEH__LO 2
#define ACEH__TOP 2
#elif defined(ACEH_FORCE_AVX512)
#define ACEH__LO 3
#define ACEH__TOP 3
#elif defined(ACEH_FORCE_AVX512VBMI2)
#define ACEH__LO 4
#define ACEH__TOP 4
#else
#if defined(__AVX512BW__) && defined(__AVX512VBMI2__)
#define ACEH__LO 4
#elif defined(__AVX512BW__)
#define ACEH__LO 3
#elif defined(__AVX2__)
#define ACEH__LO 2
#else
#define ACEH__LO 1
#endif
#if !defined(ACEH_NO_DISPATCH) && defined(__x86_64__) &&                  \
    ((defined(__clang__) && __clang_major__ >= 8) ||                      \
     (!defined(__clang__) && __GNUC__ >= 8))
#define ACEH__TOP 4
#else
#define ACEH__TOP ACEH__LO
#endif
#endif
/* ACEH_DISPATCH_MAX: no run-time level above it, never below what the
 * compiler targets. */
#if defined(ACEH_DISPATCH_MAX) && ACEH_DISPATCH_MAX < ACEH__TOP
#undef ACEH__TOP
#if ACEH_DISPATCH_MAX > ACEH__LO
#define ACEH__TOP ACEH_DISPATCH_MAX
#else
#define ACEH__TOP ACEH__LO
#endif
#endif
#define ACEH__HAS(l) (ACEH__LO <= (l) && (l) <= ACEH__TOP)

/* Each level's code is compiled for its instruction set; the lower ones
 * for the compiler's own target. */
#define ACEH__ATTR_0
#define ACEH__ATTR_1
#define ACEH__ATTR_2 __attribute__((target("avx2,bmi,bmi2,popcnt")))
#define ACEH__ATTR_3 \
    __attribute__((target("avx2,bmi,bmi2,popcnt,avx512f,avx512bw")))
#define ACEH__ATTR_4                                                    \
    __attribute__((target("avx2,bmi,bmi2,popcnt,avx512f,avx512bw,"      \
                          "avx512vbmi,avx512vbmi2")))

/* Byte classes; the table below spells them as digits.
 * ACEH__T (1): RFC 9110 tchar (77 bytes). ACEH__S (2): OWS (SP, HTAB
 * only). ACEH__C (3): ','. ACEH__V (4): CR, LF, NUL, which no field value
 * can contain (RFC 9110 5.5): reported apart because they mean broken
 * framing, not a bad name. ACEH__B (0): everything else (delimiters, other
 * controls, 0x7F, obs-text); it must stay zero. */
enum { ACEH__B = 0, ACEH__T = 1, ACEH__S = 2, ACEH__C = 3, ACEH__V = 4 };
static const unsigned char aceh_class[256] = {
    4, 0, 0, 0, 0, 0, 0, 0, 0, 2, 4, 0, 0, 4, 0, 0,  /* 00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 10 */
    2, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 3, 1, 1, 0,  /* 20 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,  /* 30 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1,  /* 50 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0,  /* 70 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 80 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 90 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* A0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* B0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* C0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* D0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* E0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* F0 */
};

const char *aceh_version(void)
{
    return ACEH_VERSION_STRING;
}

const char *aceh_status_str(aceh_status s)
{
    switch (s) {
    case ACEH_OK: return "ok";
    case ACEH_TRUNCATED: return "truncated";
    case ACEH_E_VALUE_BYTE: return "value-byte";
    case ACEH_E_NAME_BYTE: return "name-byte";
    case ACEH_E_MISSING_COMMA: return "missing-comma";
    case ACEH_E_BAD_NAME: return "bad-name";
    case ACEH_E_NULL: return "null";
    }
    return "unknown";
}

const char *aceh_verdict_str(aceh_verdict v)
{
    switch (v) {
    case ACEH_EXPOSED_SAFELISTED: return "safelisted";
    case ACEH_EXPOSED_LISTED: return "listed";
    case ACEH_EXPOSED_WILDCARD: return "wildcard";
    case ACEH_HIDDEN_FORBIDDEN: return "forbidden";
    case ACEH_HIDDEN_BAD_NAME: return "bad-name";
    case ACEH_HIDDEN_ABSENT: return "absent";
    case ACEH_HIDDEN_INVALID: return "invalid";
    case ACEH_HIDDEN_NOT_LISTED: return "not-listed";
    case ACEH_HIDDEN_AUTHORIZATION: return "authorization";
    }
    return "unknown";
}
