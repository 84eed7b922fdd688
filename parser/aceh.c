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
#include <string.h>

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
/* The block helpers are small and must fold into the chunk loop, and the
 * chunk loop into each per-level instance. */
#define ACEH_INLINE static inline __attribute__((always_inline))
#else
#define ACEH_INLINE static inline
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

/* ------------------------------------------------------------------------
 * Tokenizer
 * ------------------------------------------------------------------------ */

void aceh_iter_init(aceh_iter *it, const char *p, size_t len)
{
    it->p = (const unsigned char *)p;
    it->len = len;
    it->pos = 0;
    it->err_off = 0;
    it->status = ACEH_OK;
    if (p == NULL && len != 0) {
        it->len = 0;
        it->status = ACEH_E_NULL;
    }
    /* No names pending, no error kept (see aceh__iter_window). */
    it->win = 0;
    it->wt = it->ws = it->wc = 0;
}

static int aceh__iter_fail(aceh_iter *it, size_t at, aceh_status s)
{
    it->status = s;
    it->err_off = at;
    it->pos = it->len;
    return 0;
}

/* The error for an unexpected byte of class c at `at`. */
static int aceh__iter_fail_byte(aceh_iter *it, size_t at, unsigned char c)
{
    return aceh__iter_fail(it, at,
                           c == ACEH__V ? ACEH_E_VALUE_BYTE : ACEH_E_NAME_BYTE);
}

aceh_status aceh_iter_status(const aceh_iter *it)
{
    return it->status;
}

size_t aceh_iter_error_offset(const aceh_iter *it)
{
    return it->err_off;
}

/* ------------------------------------------------------------------------
 * Name comparison and the names of a line being validated
 * ------------------------------------------------------------------------ */

static unsigned char aceh__ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

#define ACEH__ONES 0x0101010101010101u

/* x with 0x20 set in each byte that is an ASCII upper-case letter. Every
 * per-byte sum stays below 0x100, so no carry crosses bytes. */
static uint64_t aceh__fold8(uint64_t x)
{
    const uint64_t h = x & (0x7f * ACEH__ONES);
    const uint64_t ge_a = h + (0x80 - 'A') * ACEH__ONES; /* bit 7: >= 'A' */
    const uint64_t gt_z = h + (0x7f - 'Z') * ACEH__ONES; /* bit 7: > 'Z' */

    return x | ((ge_a & ~gt_z & ~x & (0x80 * ACEH__ONES)) >> 2);
}

static uint64_t aceh__load8(const unsigned char *p)
{
    uint64_t x;

    memcpy(&x, p, 8);
    return x;
}

/* ASCII case-insensitive equality of n bytes, 8 at a time where there are
 * 8: the last word overlaps the one before instead of reading past n. */
ACEH_INLINE int aceh__eq_fold(const unsigned char *a, const unsigned char *b,
                              size_t n)
{
    size_t i;

    if (n >= 8) {
        for (i = 0; i + 8 < n; i += 8)
            if (aceh__fold8(aceh__load8(a + i)) !=
                aceh__fold8(aceh__load8(b + i)))
                return 0;
        return aceh__fold8(aceh__load8(a + (n - 8))) ==
               aceh__fold8(aceh__load8(b + (n - 8)));
    }
    for (i = 0; i < n; i++)
        if (aceh__ascii_lower(a[i]) != aceh__ascii_lower(b[i]))
            return 0;
    return 1;
}

/* What a one-pass walk (aceh__walk) does with the names of a line: store
 * them (list parse) and look for one name (decision). */
typedef struct aceh__sink {
    aceh_name *names; /* up to cap names, line numbered `line` */
    size_t cap, stored, line;
    const unsigned char *q; /* the queried name, a token; qlen 0: none */
    size_t qlen;
    int listed, wildcard;
} aceh__sink;

ACEH_INLINE void aceh__sink_name(aceh__sink *k, const unsigned char *p,
                                 size_t off, size_t len)
{
    k->wildcard |= len == 1 && p[off] == '*';
    if (k->stored < k->cap) {
        k->names[k->stored].line = k->line;
        k->names[k->stored].off = off;
        k->names[k->stored].len = len;
        k->stored++;
    }
    if (len == k->qlen && aceh__eq_fold(p + off, k->q, len))
        k->listed = 1;
}

/* ------------------------------------------------------------------------
 * Fast path of aceh_validate, aceh_split and the iterator. Every load
 * stays inside [p, p+len): the last partial 16-byte block of an input of
 * at least 16 bytes is read as the input's last 16 bytes and shifted, a
 * shorter input as two overlapping words, and AVX-512 uses masked loads
 * (which do not fault on the masked-off bytes).
 * ------------------------------------------------------------------------ */

#ifdef ACEH_SIMD
/* Bit k of each mask describes byte k of a 16-byte block. */
typedef struct aceh__blk16 {
    uint32_t t, s, c; /* tchar, OWS, ','; none set: invalid or absent */
} aceh__blk16;

/* Nibble tables for pshufb/tbl: byte b is tchar iff
 * lo_tab[b & 15] & hi_tab[b >> 4] != 0 (hi nibbles 2..7 get one bit each;
 * 0x80-0xFF land on zero entries). */
#define ACEH_LO_TAB 0x3a, 0x3f, 0x3e, 0x3f, 0x3f, 0x3f, 0x3f, 0x3f, \
                    0x3e, 0x3e, 0x3d, 0x15, 0x34, 0x15, 0x3d, 0x1c
#define ACEH_HI_TAB 0, 0, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, \
                    0, 0, 0, 0, 0, 0, 0, 0

#if defined(ACEH_SIMD_X86)
typedef __m128i aceh__v16;

/* Two 8-byte words as one block. */
ACEH_INLINE aceh__v16 aceh__v16_pair(uint64_t lo, uint64_t hi)
{
    return _mm_set_epi64x((long long)hi, (long long)lo);
}

ACEH_INLINE void aceh__classify_v(aceh__v16 x, aceh__blk16 *m)
{
    const __m128i comma = _mm_cmpeq_epi8(x, _mm_set1_epi8(','));
    const __m128i ows = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
                                     _mm_cmpeq_epi8(x, _mm_set1_epi8('\t')));
#if defined(ACEH_SIMD_PSHUFB)
    const __m128i nib = _mm_set1_epi8(0x0f);
    const __m128i lo = _mm_shuffle_epi8(_mm_setr_epi8(ACEH_LO_TAB),
                                        _mm_and_si128(x, nib));
    const __m128i hi = _mm_shuffle_epi8(
        _mm_setr_epi8(ACEH_HI_TAB), _mm_and_si128(_mm_srli_epi16(x, 4), nib));
    const __m128i not_t =
        _mm_cmpeq_epi8(_mm_and_si128(lo, hi), _mm_setzero_si128());
#else
    /* SSE2 has no byte shuffle: tchar is 0x21-0x7E minus 14 delimiters,
     * tested with signed compares (0x80-0xFF are negative). */
#define ACEH__GT(a, b) _mm_cmpgt_epi8((a), _mm_set1_epi8(b))
#define ACEH__LT(a, b) _mm_cmplt_epi8((a), _mm_set1_epi8(b))
#define ACEH__EQ(a, b) _mm_cmpeq_epi8((a), _mm_set1_epi8(b))
    const __m128i graphic =
        _mm_and_si128(ACEH__GT(x, 0x20), ACEH__LT(x, 0x7f));
    /* '(' and ')' in one compare: x | 1 == ')'. */
    const __m128i parens = ACEH__EQ(_mm_or_si128(x, _mm_set1_epi8(1)), ')');
    const __m128i delim = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(comma, ACEH__EQ(x, '"')),
                     _mm_or_si128(parens, ACEH__EQ(x, '/'))),
        _mm_or_si128(
            _mm_or_si128(
                _mm_and_si128(ACEH__GT(x, '9'), ACEH__LT(x, 'A')), /* :-@ */
                _mm_and_si128(ACEH__GT(x, 'Z'), ACEH__LT(x, '^'))), /* [\] */
            _mm_or_si128(ACEH__EQ(x, '{'), ACEH__EQ(x, '}'))));
    const __m128i not_t = _mm_or_si128(delim, _mm_cmpeq_epi8(graphic,
                                                         _mm_setzero_si128()));
#undef ACEH__GT
#undef ACEH__LT
#undef ACEH__EQ
#endif
    m->t = ~(uint32_t)_mm_movemask_epi8(not_t) & 0xffffu;
    m->s = (uint32_t)_mm_movemask_epi8(ows);
    m->c = (uint32_t)_mm_movemask_epi8(comma);
}

ACEH_INLINE void aceh__classify16(const unsigned char *q, aceh__blk16 *m)
{
    aceh__classify_v(_mm_loadu_si128((const __m128i *)(const void *)q), m);
}
#elif defined(ACEH_SIMD_NEON)
static uint32_t aceh__movemask16(uint8x16_t v)
{
    static const uint8_t w[16] = {1, 2, 4, 8, 16, 32, 64, 128,
                                  1, 2, 4, 8, 16, 32, 64, 128};
    const uint8x16_t b = vandq_u8(v, vld1q_u8(w));
    return (uint32_t)vaddv_u8(vget_low_u8(b)) |
           ((uint32_t)vaddv_u8(vget_high_u8(b)) << 8);
}

typedef uint8x16_t aceh__v16;

ACEH_INLINE aceh__v16 aceh__v16_pair(uint64_t lo, uint64_t hi)
{
    return vcombine_u8(vcreate_u8(lo), vcreate_u8(hi));
}

ACEH_INLINE void aceh__classify_v(aceh__v16 x, aceh__blk16 *m)
{
    static const uint8_t lo_tab[16] = {ACEH_LO_TAB};
    static const uint8_t hi_tab[16] = {ACEH_HI_TAB};
    const uint8x16_t lo = vqtbl1q_u8(vld1q_u8(lo_tab),
                                     vandq_u8(x, vdupq_n_u8(0x0f)));
    const uint8x16_t hi = vqtbl1q_u8(vld1q_u8(hi_tab), vshrq_n_u8(x, 4));

    m->t = aceh__movemask16(vtstq_u8(lo, hi));
    m->s = aceh__movemask16(vorrq_u8(vceqq_u8(x, vdupq_n_u8(' ')),
                                     vceqq_u8(x, vdupq_n_u8('\t'))));
    m->c = aceh__movemask16(vceqq_u8(x, vdupq_n_u8(',')));
}

ACEH_INLINE void aceh__classify16(const unsigned char *q, aceh__blk16 *m)
{
    aceh__classify_v(vld1q_u8(q), m);
}
#endif

#if ACEH__LO <= 2
/* Bytes [i, min(i+16, len)) of the input; bits past len are clear in all
 * three masks. Needs len >= 16 (shorter inputs: aceh__load_short). */
ACEH_INLINE void aceh__load16(const unsigned char *p, size_t i, size_t len,
                              aceh__blk16 *m)
{
    unsigned sh;

    if (len - i >= 16) {
        aceh__classify16(p + i, m);
        return;
    }
    /* The input's last 16 bytes, shifted so that bit 0 is byte i. */
    sh = (unsigned)(16 - (len - i));
    aceh__classify16(p + len - 16, m);
    m->t >>= sh;
    m->s >>= sh;
    m->c >>= sh;
}
#endif

/* Bit k of each mask describes byte k of a 32- or 64-byte window. */
typedef struct aceh__blk64 {
    uint64_t t, s, c;
} aceh__blk64;

#if ACEH__LO <= 2
/* All n < 16 bytes at q. From 4 bytes on, two overlapping words (built in
 * registers: a block stored in pieces and read back whole would stall on
 * store forwarding); an overlapping byte has the same class in both. */
ACEH_INLINE void aceh__load_short(const unsigned char *q, size_t n,
                                  aceh__blk64 *m)
{
    aceh__blk16 b;
    size_t k;

    if (n >= 8) {
        const unsigned sh = (unsigned)(n - 8);

        aceh__classify_v(aceh__v16_pair(aceh__load8(q),
                                        aceh__load8(q + n - 8)), &b);
        m->t = (b.t & 0xffu) | ((uint64_t)(b.t >> 8) << sh);
        m->s = (b.s & 0xffu) | ((uint64_t)(b.s >> 8) << sh);
        m->c = (b.c & 0xffu) | ((uint64_t)(b.c >> 8) << sh);
        return;
    }
    if (n >= 4) {
        const unsigned sh = (unsigned)(n - 4);
        uint32_t x, y;
        uint64_t w;

        memcpy(&x, q, 4);
        memcpy(&y, q + n - 4, 4);
        w = x | ((uint64_t)y << 32);
        aceh__classify_v(aceh__v16_pair(w, w), &b);
        m->t = (b.t & 0xfu) | ((uint64_t)((b.t >> 4) & 0xfu) << sh);
        m->s = (b.s & 0xfu) | ((uint64_t)((b.s >> 4) & 0xfu) << sh);
        m->c = (b.c & 0xfu) | ((uint64_t)((b.c >> 4) & 0xfu) << sh);
        return;
    }
    m->t = m->s = m->c = 0;
    for (k = 0; k < n; k++) {
        const unsigned cl = aceh_class[q[k]];
        m->t |= (uint64_t)(cl == ACEH__T) << k;
        m->s |= (uint64_t)(cl == ACEH__S) << k;
        m->c |= (uint64_t)(cl == ACEH__C) << k;
    }
}
#endif

#if ACEH__LO <= 1
/* 32 bytes at q, in two 16-byte blocks. */
ACEH_INLINE void aceh__classify32(const unsigned char *q, aceh__blk64 *m)
{
    aceh__blk16 a, b;

    aceh__classify16(q, &a);
    aceh__classify16(q + 16, &b);
    m->t = a.t | ((uint64_t)b.t << 16);
    m->s = a.s | ((uint64_t)b.s << 16);
    m->c = a.c | ((uint64_t)b.c << 16);
}
#endif

#if ACEH__HAS(2)
/* 32 bytes at q with AVX2 nibble tables. Not always_inline: it may only
 * be inlined into functions compiled for AVX2. */
static inline ACEH__ATTR_2 void aceh__classify32_avx2(const unsigned char *q,
                                                      aceh__blk64 *m)
{
    const __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)q);
    const __m256i nib = _mm256_set1_epi8(0x0f);
    const __m256i lo = _mm256_shuffle_epi8(
        _mm256_setr_epi8(ACEH_LO_TAB, ACEH_LO_TAB), _mm256_and_si256(x, nib));
    const __m256i hi = _mm256_shuffle_epi8(
        _mm256_setr_epi8(ACEH_HI_TAB, ACEH_HI_TAB),
        _mm256_and_si256(_mm256_srli_epi16(x, 4), nib));
    const __m256i not_t =
        _mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), _mm256_setzero_si256());
    const __m256i ows =
        _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(' ')),
                        _mm256_cmpeq_epi8(x, _mm256_set1_epi8('\t')));
    const __m256i comma = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(','));

    m->t = (uint64_t)(uint32_t)~(uint32_t)_mm256_movemask_epi8(not_t);
    m->s = (uint64_t)(uint32_t)_mm256_movemask_epi8(ows);
    m->c = (uint64_t)(uint32_t)_mm256_movemask_epi8(comma);
}
#endif

#if ACEH__TOP >= 3
/* Bytes [i, min(i+64, len)) with one masked AVX-512 load: the bytes past
 * len read as 0, which is in none of the three classes. */
static inline ACEH__ATTR_3 void aceh__load64_avx512(const unsigned char *p,
                                                    size_t i, size_t len,
                                                    aceh__blk64 *m)
{
    const size_t rest = len - i;
    const __mmask64 k =
        rest >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << rest) - 1);
    const __m512i x =
        rest >= 64 ? _mm512_loadu_si512((const void *)(p + i))
                   : _mm512_maskz_loadu_epi8(k, p + i);
    const __m512i nib = _mm512_set1_epi8(0x0f);
    const __m512i lo_tab = _mm512_broadcast_i32x4(_mm_setr_epi8(ACEH_LO_TAB));
    const __m512i hi_tab = _mm512_broadcast_i32x4(_mm_setr_epi8(ACEH_HI_TAB));
    const __m512i lo = _mm512_shuffle_epi8(lo_tab, _mm512_and_si512(x, nib));
    const __m512i hi = _mm512_shuffle_epi8(
        hi_tab, _mm512_and_si512(_mm512_srli_epi16(x, 4), nib));

    m->t = (uint64_t)_mm512_test_epi8_mask(lo, hi);
    m->s = (uint64_t)(_mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(' ')) |
                      _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8('\t')));
    m->c = (uint64_t)_mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(','));
}
#endif

/* Bytes [i, min(i+64, len)) at level L (a constant in each instance); bits
 * past len are clear in all masks. Needs i < len. */
ACEH_INLINE void aceh__load64(const unsigned char *p, size_t i, size_t len,
                              aceh__blk64 *m, int L)
{
#if ACEH__LO <= 2
    size_t k;
    aceh__blk16 b;
#endif

    (void)L;
#if ACEH__TOP >= 3 && ACEH__LO <= 2
    if (L >= 3) {
        aceh__load64_avx512(p, i, len, m);
        return;
    }
#elif ACEH__TOP >= 3
    aceh__load64_avx512(p, i, len, m);
    return;
#endif
#if ACEH__LO <= 2
    if (len - i >= 64) {
        aceh__blk64 hi;

#if ACEH__HAS(2) && ACEH__LO <= 1
        if (L == 2) {
            aceh__classify32_avx2(p + i, m);
            aceh__classify32_avx2(p + i + 32, &hi);
        } else {
            aceh__classify32(p + i, m);
            aceh__classify32(p + i + 32, &hi);
        }
#elif ACEH__HAS(2)
        aceh__classify32_avx2(p + i, m);
        aceh__classify32_avx2(p + i + 32, &hi);
#else
        aceh__classify32(p + i, m);
        aceh__classify32(p + i + 32, &hi);
#endif
        m->t |= hi.t << 32;
        m->s |= hi.s << 32;
        m->c |= hi.c << 32;
        return;
    }
    if (len < 16) {
        aceh__load_short(p + i, len - i, m);
        return;
    }
    m->t = m->s = m->c = 0;
    for (k = 0; k < 64 && i + k < len; k += 16) {
        aceh__load16(p, i + k, len, &b);
        m->t |= (uint64_t)b.t << k;
        m->s |= (uint64_t)b.s << k;
        m->c |= (uint64_t)b.c << k;
    }
#endif
}

static size_t aceh__popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555u);
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return (size_t)((x * 0x0101010101010101u) >> 56);
}

#if ACEH__LO <= 3
/* The positions of the set bits of x, in increasing order, into pos[0..n)
 * (n = popcount); pos needs room for n + 3 entries. Four positions per
 * round, one branch per round: the entries past n are junk. */
ACEH_INLINE size_t aceh__flatten(uint64_t x, unsigned char *pos)
{
    const size_t n = aceh__popcount64(x);
    const uint64_t top = (uint64_t)1 << 63; /* no ctz of 0 */
    size_t k;

    for (k = 0; k < n; k += 4) {
        pos[k] = (unsigned char)__builtin_ctzll(x | top);
        x &= x - 1;
        pos[k + 1] = (unsigned char)__builtin_ctzll(x | top);
        x &= x - 1;
        pos[k + 2] = (unsigned char)__builtin_ctzll(x | top);
        x &= x - 1;
        pos[k + 3] = (unsigned char)__builtin_ctzll(x | top);
        x &= x - 1;
    }
    return n;
}
#endif

#if ACEH__TOP >= 4
/* The same with one VBMI2 compress of the byte indexes 0..63. */
static inline ACEH__ATTR_4 size_t aceh__flatten_vbmi2(uint64_t x,
                                                     unsigned char *pos)
{
    const __m512i iota = _mm512_set_epi8(
        63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30,
        29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13,
        12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    _mm512_storeu_si512((void *)pos,
                        _mm512_maskz_compress_epi8((__mmask64)x, iota));
    return (size_t)_mm_popcnt_u64(x);
}
#endif

/* The names batch of one chunk: out, its room, names completed so far
 * (written while below cap) and the name begun in an earlier chunk. */
typedef struct aceh__batch {
    aceh_slice *out;
    size_t cap, done, start;
    int pending;
} aceh__batch;

/* Hand the names that end in the chunk at `base` (name starts and name
 * ends, in byte order) to the batch: every end closes the oldest open
 * start. */
ACEH_INLINE void aceh__batch_put(aceh__batch *b, size_t base,
                                 uint64_t starts, uint64_t stops, int L)
{
    unsigned char sp[68], ep[68];
    size_t ns, ne, j = 0, k = 0, w;

    (void)L;
#if ACEH__TOP >= 4 && ACEH__LO <= 3
    if (L >= 4) {
        ns = aceh__flatten_vbmi2(starts, sp);
        ne = aceh__flatten_vbmi2(stops, ep);
    } else {
        ns = aceh__flatten(starts, sp);
        ne = aceh__flatten(stops, ep);
    }
#elif ACEH__TOP >= 4
    ns = aceh__flatten_vbmi2(starts, sp);
    ne = aceh__flatten_vbmi2(stops, ep);
#else
    ns = aceh__flatten(starts, sp);
    ne = aceh__flatten(stops, ep);
#endif
    /* Names past the caller's room are counted, not written. */
    w = b->done < b->cap ? b->cap - b->done : 0;
    w = ne < w ? ne : w;
    if (b->pending && ne != 0) {
        if (w != 0) {
            b->out[b->done].off = b->start;
            b->out[b->done].len = base + ep[0] - b->start;
        }
        b->pending = 0;
        j = 1;
    }
    for (; j < w; j++, k++) {
        /* sp[k] and ep[j] were filled above for every k < ns, j < ne. */
        b->out[b->done + j].off = base + sp[k]; /* NOLINT(clang-analyzer-core.UndefinedBinaryOperatorResult) */
        b->out[b->done + j].len = (size_t)(ep[j] - sp[k]); /* NOLINT(clang-analyzer-core.UndefinedBinaryOperatorResult) */
    }
    k += ne - j; /* the names past the room */
    b->done += ne;
    if (k < ns) {
        b->pending = 1;
        b->start = base + sp[k];
    }
}

/* The error the mask arithmetic found at a byte c: a tchar is only wrong
 * where a comma is missing. */
static aceh_status aceh__mask_error(unsigned char c)
{
    if (aceh_class[c] == ACEH__T)
        return ACEH_E_MISSING_COMMA;
    return aceh_class[c] == ACEH__V ? ACEH_E_VALUE_BYTE : ACEH_E_NAME_BYTE;
}

/* aceh_validate on whole chunks: the grammar becomes mask arithmetic, with
 * three bits carried from chunk to chunk. A missing comma is a tchar that
 * ends an OWS run which itself began right after a tchar: adding the run
 * starts to the OWS mask carries through each run onto the byte after it.
 * Names go to the sink k or the batch b (either may be NULL, not both
 * set). */
ACEH_INLINE aceh_status aceh__validate_chunks(const unsigned char *p,
                                             size_t len, size_t *count,
                                             size_t *err_off, aceh__sink *k,
                                             aceh__batch *bt, int L)
{
    size_t start = 0; /* of a name that has begun but not ended yet */
    int pending = 0;
    uint64_t k_starts = 0; /* the name starts of the chunk before */
    uint64_t prev_t = 0; /* the chunk before ended inside a name */
    uint64_t in_ows = 0; /* ... inside OWS that follows a name */
    uint64_t open = 0;   /* ... in an element whose name has no ',' yet */
    size_t i, n = 0;

    for (i = 0; i < len; i += 64) {
        aceh__blk64 m;
        uint64_t tp, starts, after, sum, sum2, ends, valid, err, below, st, cm;
        size_t rest;
        unsigned e;

        aceh__load64(p, i, len, &m, L);
        tp = (m.t << 1) | prev_t;
        starts = m.t & ~tp;
        after = m.s & tp;
        sum = m.s + after;
        sum2 = sum + in_ows;
        ends = sum2 & ~m.s;
        /* Bytes of the chunk: all 64, or the (1 << rest) - 1 last ones. */
        rest = len - i;
        valid = (0 - (uint64_t)(rest >= 64)) |
                (((uint64_t)1 << (rest & 63)) - 1);
        err = (~(m.t | m.s | m.c) & valid) | (ends & m.t);
        if (err != 0) {
            e = (unsigned)__builtin_ctzll(err);
            below = ((uint64_t)1 << e) - 1;
            st = starts & below;
            cm = m.c & below;
            /* The element holding the error yields no name. */
            n += aceh__popcount64(st);
            n -= (size_t)((st > cm) | (((st | cm) == 0) & (open != 0)));
            *count = n;
            *err_off = i + e;
            if (bt != NULL) {
                /* Names before the error may include one of the failing
                 * element: only the n whole ones are written. */
                if (bt->cap > n)
                    bt->cap = n;
                aceh__batch_put(bt, i, st, ~m.t & tp & below, L);
            }
            return aceh__mask_error(p[i + e]);
        }
        n += aceh__popcount64(starts);
        if (bt != NULL) {
            aceh__batch_put(bt, i, starts, ~m.t & tp & valid, L);
        } else if (k != NULL && k->cap == 0 && k->qlen - 1 < 64) {
            /* Nothing to store, a query of 1 to 64 bytes (qlen 0 wraps):
             * find its length by masks instead of walking every name. A
             * name of length L has its last byte L - 1 after its start,
             * which lies in this chunk or the one before; a span that only
             * looks so holds a non-tchar and never equals the query, a
             * token. A name's last byte is exact once the next chunk's
             * first byte is known. */
            const size_t ql = k->qlen;
            uint64_t last = m.t & ~(m.t >> 1), one, cand;

            last &= ~((uint64_t)(i + 64 < len &&
                                 aceh_class[p[i + 64]] == ACEH__T)
                      << 63);
            one = starts & last;
            cand = ((starts << (ql - 1)) | ((k_starts >> 1) >> (64 - ql))) &
                   last;
            k_starts = starts;
            for (; one != 0; one &= one - 1)
                k->wildcard |= p[i + (size_t)__builtin_ctzll(one)] == '*';
            for (; cand != 0; cand &= cand - 1)
                k->listed |= aceh__eq_fold(
                    p + i + (size_t)__builtin_ctzll(cand) + 1 - ql, k->q, ql);
        } else if (k != NULL) {
            /* Name bounds alternate in byte order: a start (tchar after a
             * non-tchar), then an end (non-tchar after a tchar; a name at
             * the end of the line ends after the loop). Names of an element
             * that turns out invalid may reach the sink: callers that keep
             * names discard them on error. */
            uint64_t stop = ~m.t & tp & valid, st_k = starts;

            for (;;) {
                if (!pending) {
                    if (st_k == 0)
                        break;
                    start = i + (size_t)__builtin_ctzll(st_k);
                    st_k &= st_k - 1;
                    pending = 1;
                }
                if (stop == 0)
                    break;
                aceh__sink_name(k, p, start,
                                i + (size_t)__builtin_ctzll(stop) - start);
                stop &= stop - 1;
                pending = 0;
            }
        }
        open = (uint64_t)(starts > m.c) |
               (open & (uint64_t)((starts | m.c) == 0));
        prev_t = m.t >> 63;
        in_ows = (uint64_t)(sum < m.s) | (uint64_t)(sum2 < sum);
    }
    if (bt != NULL && bt->pending) {
        /* The last name runs to the end of the line. */
        if (bt->done < bt->cap) {
            bt->out[bt->done].off = bt->start;
            bt->out[bt->done].len = len - bt->start;
        }
        bt->done++;
    }
    if (pending)
        aceh__sink_name(k, p, start, len - start);
    *count = n;
    *err_off = 0;
    return ACEH_OK;
}

/* The iterator's next window: the 64 bytes at it->pos, an element
 * boundary (the start of the value or the byte after a comma), so the
 * chunk loop's carried state is all zero there. Of the elements that end
 * in the window (the value ends in it, or a comma does), the name starts
 * and name last bytes go to it->wt and it->ws; it->pos moves past them.
 * An error among them cuts the window at the start of its element and is
 * kept in it->wc (offset + 1) until the names before it are out. With no
 * comma in a window that does not reach the end, nothing is set and
 * it->pos stays: that element is longer than the window. */
ACEH_INLINE void aceh__iter_window(aceh_iter *it, int L)
{
    const size_t i = it->pos, rest = it->len - i;
    aceh__blk64 m;
    uint64_t tp, ends, err, keep;
    size_t cut;

    aceh__load64(it->p, i, it->len, &m, L);
    tp = m.t << 1;
    ends = (m.s + (m.s & tp)) & ~m.s;
    keep = rest >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << rest) - 1;
    err = (~(m.t | m.s | m.c) & keep) | (ends & m.t);
    if (rest <= 64) {
        cut = rest;
    } else {
        /* Up to the last comma; 0 when there is none. */
        cut = m.c != 0 ? 64 - (size_t)__builtin_clzll(m.c) : 0;
        keep = cut != 0 ? ~(uint64_t)0 >> (64 - cut) : 0;
    }
    err &= keep;
    if (err != 0) {
        /* The names before the erring element's comma still count. */
        const unsigned e = (unsigned)__builtin_ctzll(err);
        const uint64_t cm = m.c & (((uint64_t)1 << e) - 1);

        cut = cm != 0 ? 64 - (size_t)__builtin_clzll(cm) : 0;
        keep = ((uint64_t)1 << cut) - 1;
        it->wc = (aceh__u64)(i + e) + 1;
    }
    it->win = i;
    it->wt = m.t & ~tp & keep;
    it->ws = m.t & ~(m.t >> 1) & keep;
    it->pos = i + cut;
}

/* A line of 1 to 64 bytes from one iterator window, whole elements only:
 * its names go to names[0 .. cap) (aceh_split; *count tells how many there
 * are) or, when k is set, to the sink (aceh__walk). */
ACEH_INLINE aceh_status aceh__short(const unsigned char *p, size_t len,
                                   aceh_slice *names, size_t cap,
                                   aceh__sink *k, size_t *count,
                                   size_t *err_off, int L)
{
    aceh_iter it;
    uint64_t t, s;
    size_t n = 0;

    aceh_iter_init(&it, (const char *)p, len);
    aceh__iter_window(&it, L);
    for (t = it.wt, s = it.ws; t != 0 && (k != NULL || n < cap); n++) {
        const size_t j = (size_t)__builtin_ctzll(t);
        const size_t e = (size_t)__builtin_ctzll(s) + 1 - j;

        if (k != NULL) {
            aceh__sink_name(k, p, j, e);
        } else {
            names[n].off = j;
            names[n].len = e;
        }
        t &= t - 1;
        s &= s - 1;
    }
    /* cppcheck-suppress ctunullpointer ; the callers pass their own &n */
    *count = n + aceh__popcount64(t);
    if (it.wc != 0) {
        *err_off = (size_t)(it.wc - 1);
        return aceh__mask_error(p[*err_off]);
    }
    *err_off = 0;
    return ACEH_OK;
}

static int aceh__iter_long(aceh_iter *it, aceh_slice *name);

/* aceh_iter_next once the current window's names are out: the next
 * window, a long element, the end or the error kept for later. */
ACEH_INLINE int aceh__iter_refill(aceh_iter *it, aceh_slice *name, int L)
{
    size_t j, k;

    for (;;) {
        if (it->status != ACEH_OK)
            return 0;
        if (it->wc != 0) {
            const size_t e = (size_t)(it->wc - 1);

            it->wc = 0;
            return aceh__iter_fail(it, e, aceh__mask_error(it->p[e]));
        }
        if (it->pos >= it->len)
            return 0;
        j = it->pos;
        aceh__iter_window(it, L);
        if (it->wt != 0)
            break;
        if (it->pos == j && it->wc == 0)
            return aceh__iter_long(it, name);
    }
    j = (size_t)__builtin_ctzll(it->wt);
    k = (size_t)__builtin_ctzll(it->ws);
    it->wt &= it->wt - 1;
    it->ws &= it->ws - 1;
    name->off = it->win + j;
    name->len = k + 1 - j;
    return 1;
}

/* One copy of the chunk loop per level, each compiled for its instruction
 * set: plain validation (no sink), with a sink, with a batch, and the
 * iterator's window. */
#define ACEH__INSTANCE(L) static ACEH__ATTR_##L aceh_status aceh__valid_##L( \
        const unsigned char *p, size_t len, size_t *count, size_t *err_off, \
        aceh__sink *k, aceh__batch *bt)                                     \
    {                                                                       \
        (void)k;                                                            \
        (void)bt;                                                           \
        return aceh__validate_chunks(p, len, count, err_off, NULL, NULL,    \
                                     L);                                    \
    }                                                                       \
    static ACEH__ATTR_##L aceh_status aceh__sinkv_##L(                      \
        const unsigned char *p, size_t len, size_t *count, size_t *err_off, \
        aceh__sink *k, aceh__batch *bt)                                     \
    {                                                                       \
        (void)bt;                                                           \
        if (len - 1 < 64) /* 1 to 64 bytes */                               \
            return aceh__short(p, len, NULL, 0, k, count, err_off, L);      \
        return aceh__validate_chunks(p, len, count, err_off, k, NULL, L);   \
    }                                                                       \
    static ACEH__ATTR_##L aceh_status aceh__batchv_##L(                     \
        const unsigned char *p, size_t len, size_t *count, size_t *err_off, \
        aceh__sink *k, aceh__batch *bt)                                     \
    {                                                                       \
        (void)k;                                                            \
        return aceh__validate_chunks(p, len, count, err_off, NULL, bt, L);  \
    }                                                                       \
    static ACEH__ATTR_##L int aceh__refill_##L(aceh_iter *it,              \
                                               aceh_slice *name)            \
    {                                                                       \
        return aceh__iter_refill(it, name, L);                              \
    }                                                                       \
    static ACEH__ATTR_##L aceh_status aceh__split_short_##L(                \
        const unsigned char *p, size_t len, aceh_slice *names, size_t cap,  \
        size_t *count, size_t *err_off)                                     \
    {                                                                       \
        return aceh__short(p, len, names, cap, NULL, count, err_off, L);    \
    }                                                                       \
    static ACEH__ATTR_##L void aceh__load_##L(                              \
        const unsigned char *p, size_t i, size_t len, aceh__blk64 *m)       \
    {                                                                       \
        aceh__load64(p, i, len, m, L);                                      \
    }

#if ACEH__HAS(1)
ACEH__INSTANCE(1)
#endif
#if ACEH__HAS(2)
ACEH__INSTANCE(2)
#endif
#if ACEH__HAS(3)
ACEH__INSTANCE(3)
#endif
#if ACEH__HAS(4)
ACEH__INSTANCE(4)
#endif
#endif /* ACEH_SIMD */

/* ------------------------------------------------------------------------
 * Run-time choice of the level (x86-64): the only writable state of the
 * library, one int, written with the same value by any threads that race
 * on the first call (or with the level aceh_simd_select asks for).
 * ------------------------------------------------------------------------ */

/* The best level this CPU (and its OS, which must save the AVX and
 * AVX-512 registers: the compiler's CPU detection checks XCR0) runs. */
static int aceh__detect(void)
{
#if ACEH__LO < ACEH__TOP
    int avx2, avx512, vbmi2;

    __builtin_cpu_init();
    avx2 = (__builtin_cpu_supports("avx2") != 0) &
           (__builtin_cpu_supports("bmi") != 0) &
           (__builtin_cpu_supports("bmi2") != 0) &
           (__builtin_cpu_supports("popcnt") != 0);
    avx512 = avx2 & (__builtin_cpu_supports("avx512f") != 0) &
             (__builtin_cpu_supports("avx512bw") != 0);
    vbmi2 = avx512 & (__builtin_cpu_supports("avx512vbmi2") != 0);
    /* Never below what the compiler was told it may use. */
    return ACEH__LO + ((1 + avx2 + avx512 + vbmi2 - ACEH__LO) &
                       -(int)(1 + avx2 + avx512 + vbmi2 > ACEH__LO));
#else
    return ACEH__LO;
#endif
}

#if ACEH__LO < ACEH__TOP
static int aceh__choice; /* 0: not chosen yet */

static int aceh__isa(void)
{
    int c = __atomic_load_n(&aceh__choice, __ATOMIC_RELAXED);

    if (c == 0) {
        c = aceh__detect();
        __atomic_store_n(&aceh__choice, c, __ATOMIC_RELAXED);
    }
    return c;
}

/* Call level l's copy of fn (fn##_1 .. fn##_4) with arguments a. */
#if ACEH__LO <= 1
#define ACEH__T2(fn, l, a) ((l) >= 2 ? fn##_2 a : fn##_1 a)
#else
#define ACEH__T2(fn, l, a) fn##_2 a
#endif
#if ACEH__LO <= 2
#define ACEH__T3(fn, l, a) ((l) >= 3 ? fn##_3 a : ACEH__T2(fn, l, a))
#else
#define ACEH__T3(fn, l, a) fn##_3 a
#endif
#define ACEH__CALL(fn, a) ACEH__CALL_AT(fn, aceh__isa(), a)
#define ACEH__CALL_AT(fn, l, a) ((l) >= 4 ? fn##_4 a : ACEH__T3(fn, l, a))
#else
#define ACEH__CAT2(a, b) a##b
#define ACEH__CAT(a, b) ACEH__CAT2(a, b)
#define ACEH__CALL(fn, a) ACEH__CAT(fn##_, ACEH__LO) a
#endif

static const char *const aceh__level_name[5] = {
    "scalar",
#if defined(ACEH_SIMD_NEON)
    "neon",
#elif defined(ACEH_SIMD_PSHUFB)
    "ssse3",
#else
    "sse2",
#endif
    "avx2", "avx512bw", "avx512vbmi2"};

const char *aceh_simd_path(void)
{
#if ACEH__LO < ACEH__TOP
    return aceh__level_name[aceh__isa()];
#else
    return aceh__level_name[ACEH__LO];
#endif
}

/* NUL-terminated strings equal (no libc call: parser/ links to nothing
 * that can fail or allocate, and strcmp is not on that list). */
static int aceh__streq(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int aceh_simd_select(const char *name)
{
    const int best = aceh__detect();
    int l, want = -1;

    if (name == NULL) {
        want = best;
    } else {
        for (l = ACEH__LO; l <= best; l++)
            if (aceh__streq(name, aceh__level_name[l]))
                want = l;
        if (want < 0)
            return 0;
    }
#if ACEH__LO < ACEH__TOP
    __atomic_store_n(&aceh__choice, want, __ATOMIC_RELAXED);
#else
    (void)want; /* one level compiled in: nothing to choose */
#endif
    return 1;
}

/* aceh_validate, also handing the names of a valid line to k (may be NULL;
 * see aceh__sink). *count and *err_off are always set. */
ACEH_INLINE aceh_status aceh__walk(const char *p, size_t len, size_t *count,
                                   size_t *err_off, aceh__sink *k)
{
#ifdef ACEH_SIMD
    const unsigned char *u = (const unsigned char *)p;

    *count = 0;
    *err_off = 0;
    if (p == NULL && len != 0)
        return ACEH_E_NULL;
    if (k == NULL)
        return ACEH__CALL(aceh__valid, (u, len, count, err_off, k, NULL));
    return ACEH__CALL(aceh__sinkv, (u, len, count, err_off, k, NULL));
#else
    aceh_iter it;
    aceh_slice s;
    size_t n = 0;

    /* The iterator yields a name only once its element ended cleanly. */
    aceh_iter_init(&it, p, len);
    while (aceh_iter_next(&it, &s)) {
        n++;
        if (k != NULL)
            aceh__sink_name(k, it.p, s.off, s.len);
    }
    *count = n;
    *err_off = it.err_off;
    return it.status;
#endif
}

aceh_status aceh_validate(const char *p, size_t len, size_t *count,
                          size_t *err_off)
{
    size_t n, off;
    aceh_status st = aceh__walk(p, len, &n, &off, NULL);

    if (count)
        *count = n;
    if (err_off)
        *err_off = off;
    return st;
}

aceh_status aceh_split(const char *p, size_t len, aceh_slice *names,
                       size_t cap, size_t *count, size_t *err_off)
{
    size_t n = 0, off = 0;
    aceh_status st;
#ifdef ACEH_SIMD
    aceh__batch b;

    b.out = names;
    b.cap = names != NULL ? cap : 0;
    b.done = 0;
    b.start = 0;
    b.pending = 0;
    if (names == NULL || (p == NULL && len != 0) || len == 0)
        st = aceh__walk(p, len, &n, &off, NULL);
    else if (len <= 64)
        st = ACEH__CALL(aceh__split_short, ((const unsigned char *)p, len,
                                            names, cap, &n, &off));
    else
        st = ACEH__CALL(aceh__batchv, ((const unsigned char *)p, len, &n,
                                       &off, NULL, &b));
#else
    aceh_iter it;
    aceh_slice s;

    aceh_iter_init(&it, p, len);
    while (aceh_iter_next(&it, &s)) {
        if (names != NULL && n < cap)
            names[n] = s;
        n++;
    }
    st = it.status;
    off = it.err_off;
#endif
    if (st == ACEH_OK && names != NULL && n > cap)
        st = ACEH_TRUNCATED;
    if (count)
        *count = n;
    if (err_off)
        *err_off = off;
    return st;
}

/* ------------------------------------------------------------------------
 * Iterator, next name
 * ------------------------------------------------------------------------ */

#ifdef ACEH_SIMD
/* A window of masks that the slow path below keeps while it walks one
 * long element. */
typedef struct aceh__scan {
    size_t win;
    uint64_t t, s, c;
} aceh__scan;

/* The first byte at or after i (< it->len) whose class is not in `skip`
 * (bits: 1 tchar, 2 OWS, 4 comma), or it->len. A byte outside the window
 * w loads the window at it. Bytes past the end are in no class, so the
 * search stops at it->len by itself. */
ACEH_INLINE size_t aceh__iter_find(const aceh_iter *it, aceh__scan *w,
                                   size_t i, unsigned skip)
{
    for (;;) {
        size_t off = i - w->win; /* huge when i < win: no window yet */
        uint64_t x;

        if (off >= 64) {
            aceh__blk64 m;

            ACEH__CALL(aceh__load, (it->p, i, it->len, &m));
            w->win = i;
            w->t = m.t;
            w->s = m.s;
            w->c = m.c;
            off = 0;
        }
        x = ((skip & 1u) ? w->t : 0) | ((skip & 2u) ? w->s : 0) |
            ((skip & 4u) ? w->c : 0);
        x = ~x & (~(uint64_t)0 << off);
        if (x != 0)
            return w->win + (size_t)__builtin_ctzll(x);
        i = w->win + 64;
        if (i >= it->len)
            return it->len;
    }
}

/* One element that does not fit in a window, from it->pos: its name, or
 * its error. Linear in the element's length. */
static int aceh__iter_long(aceh_iter *it, aceh_slice *name)
{
    const size_t len = it->len;
    aceh__scan w;
    size_t i = it->pos, start, end, off;

    w.win = len; /* none loaded */
    w.t = w.s = w.c = 0;
    /* Element start: OWS and commas (empty elements) are skipped alike. */
    i = aceh__iter_find(it, &w, i, 2u | 4u);
    if (i == len) {
        it->pos = len;
        return 0;
    }
    if (!((w.t >> (i - w.win)) & 1u))
        return aceh__iter_fail_byte(it, i, aceh_class[it->p[i]]);
    start = i;
    end = i = aceh__iter_find(it, &w, i, 1u);
    if (i < len) {
        i = aceh__iter_find(it, &w, i, 2u);
        if (i < len) {
            off = i - w.win;
            if ((w.t >> off) & 1u) /* only reachable after OWS: "no no" */
                return aceh__iter_fail(it, i, ACEH_E_MISSING_COMMA);
            if (!((w.c >> off) & 1u))
                return aceh__iter_fail_byte(it, i, aceh_class[it->p[i]]);
            i++;
        }
    }
    it->pos = i;
    name->off = start;
    name->len = end - start;
    return 1;
}

/* Out of line, so that aceh_iter_next's common case needs no frame. */
static __attribute__((noinline)) int aceh__iter_more(aceh_iter *it,
                                                     aceh_slice *name)
{
    return ACEH__CALL(aceh__refill, (it, name));
}

int aceh_iter_next(aceh_iter *it, aceh_slice *name)
{
    /* The window's next name: its start and last byte are the lowest bits
     * left; nothing else to check, the window was validated whole. */
    uint64_t t = it->wt, s = it->ws;

    /* Keeps the masks in general registers: gcc would pair them in a
     * vector register, which lengthens this loop-carried path. */
    __asm__("" : "+r"(s));
    if (t != 0) {
        const size_t j = (size_t)__builtin_ctzll(t);

        it->wt = t & (t - 1);
        it->ws = s & (s - 1);
        name->off = it->win + j;
        name->len = (size_t)__builtin_ctzll(s) + 1 - j;
        return 1;
    }
    return aceh__iter_more(it, name);
}
#else
int aceh_iter_next(aceh_iter *it, aceh_slice *name)
{
    const unsigned char *p = it->p;
    size_t len = it->len, i = it->pos, start, end;
    unsigned char c;

    if (it->status != ACEH_OK)
        return 0;
    /* Element start: OWS and commas (empty elements) are skipped alike. */
    while (i < len &&
           (aceh_class[p[i]] == ACEH__S || aceh_class[p[i]] == ACEH__C))
        i++;
    if (i == len) {
        it->pos = len;
        return 0;
    }
    if (aceh_class[p[i]] != ACEH__T)
        return aceh__iter_fail_byte(it, i, aceh_class[p[i]]);
    start = i;
    while (i < len && aceh_class[p[i]] == ACEH__T)
        i++;
    end = i;
    /* A name is only yielded once its element is known to end cleanly, so
     * every slice handed out is a whole, valid element. */
    while (i < len && aceh_class[p[i]] == ACEH__S)
        i++;
    if (i < len) {
        c = aceh_class[p[i]];
        if (c == ACEH__T) /* only reachable after OWS: "no no" */
            return aceh__iter_fail(it, i, ACEH_E_MISSING_COMMA);
        if (c != ACEH__C)
            return aceh__iter_fail_byte(it, i, c);
        i++;
    }
    it->pos = i;
    name->off = start;
    name->len = end - start;
    return 1;
}
#endif

/* ------------------------------------------------------------------------
 * Predicates
 * ------------------------------------------------------------------------ */

int aceh_name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return 0;
    if (alen == 0)
        return 1;
    if (a == NULL || b == NULL)
        return 0;
    return aceh__eq_fold((const unsigned char *)a, (const unsigned char *)b,
                         alen);
}

/* Compare with a lower-case literal. */
static int aceh__eq_lit(const char *p, size_t len, const char *lit,
                        size_t litlen)
{
    /* The first byte alone turns most other names away. */
    return len == litlen && p != NULL &&
           ((unsigned char)p[0] | 0x20u) == (unsigned char)lit[0] &&
           aceh__eq_fold((const unsigned char *)p,
                         (const unsigned char *)lit, len);
}
#define ACEH__EQ_LIT(p, len, lit) \
    aceh__eq_lit((p), (len), (lit), sizeof(lit) - 1)

/* The decision calls these for every query: static, so that they inline
 * even where the public names may be interposed (-fPIC). */
static int aceh__is_name(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i;

    if (len == 0 || p == NULL)
        return 0;
#ifdef ACEH_SIMD
    /* Whole blocks instead of a branch per byte. Every byte must be tchar,
     * so overlapping reads are harmless: the last block of a long name
     * overlaps the one before it, and two overlapping 8- or 4-byte pieces
     * cover a name of 4 to 15 bytes. */
    if (len >= 16) {
        aceh__blk16 m;

        for (i = 0; i + 16 < len; i += 16) {
            aceh__classify16(u + i, &m);
            if (m.t != 0xffffu)
                return 0;
        }
        aceh__classify16(u + len - 16, &m);
        return m.t == 0xffffu;
    }
    if (len >= 4) {
        /* Built in registers: a block stored in pieces and read back whole
         * would stall on store forwarding. */
        aceh__blk16 m;
        uint64_t a, z;

        if (len >= 8) {
            a = aceh__load8(u);
            z = aceh__load8(u + len - 8);
        } else {
            uint32_t x, y;

            memcpy(&x, u, 4);
            memcpy(&y, u + len - 4, 4);
            a = z = x | ((uint64_t)y << 32);
        }
        aceh__classify_v(aceh__v16_pair(a, z), &m);
        return m.t == 0xffffu;
    }
#endif
    for (i = 0; i < len; i++)
        if (aceh_class[u[i]] != ACEH__T)
            return 0;
    return 1;
}

/* ACEH_EXPOSED_SAFELISTED for a CORS-safelisted response-header name
 * (Fetch; the ACEH list is the decision's business), ACEH_HIDDEN_FORBIDDEN
 * for a forbidden response-header name, else 0. One dispatch on length for
 * both sets, and the literal compares inline to constant words. */
static aceh_verdict aceh__name_set(const char *p, size_t len)
{
    switch (len) {
    case 6:
        return ACEH__EQ_LIT(p, len, "pragma") ? ACEH_EXPOSED_SAFELISTED
                                               : (aceh_verdict)0;
    case 7:
        return ACEH__EQ_LIT(p, len, "expires") ? ACEH_EXPOSED_SAFELISTED
                                                : (aceh_verdict)0;
    case 10:
        return ACEH__EQ_LIT(p, len, "set-cookie") ? ACEH_HIDDEN_FORBIDDEN
                                                   : (aceh_verdict)0;
    case 11:
        return ACEH__EQ_LIT(p, len, "set-cookie2") ? ACEH_HIDDEN_FORBIDDEN
                                                    : (aceh_verdict)0;
    case 12:
        return ACEH__EQ_LIT(p, len, "content-type") ? ACEH_EXPOSED_SAFELISTED
                                                     : (aceh_verdict)0;
    case 13:
        return ACEH__EQ_LIT(p, len, "cache-control") ||
                       ACEH__EQ_LIT(p, len, "last-modified")
                   ? ACEH_EXPOSED_SAFELISTED
                   : (aceh_verdict)0;
    case 14:
        return ACEH__EQ_LIT(p, len, "content-length")
                   ? ACEH_EXPOSED_SAFELISTED
                   : (aceh_verdict)0;
    case 16:
        return ACEH__EQ_LIT(p, len, "content-language")
                   ? ACEH_EXPOSED_SAFELISTED
                   : (aceh_verdict)0;
    default: return (aceh_verdict)0;
    }
}

int aceh_is_name(const char *p, size_t len)
{
    return aceh__is_name(p, len);
}

int aceh_is_safelisted(const char *p, size_t len)
{
    return aceh__name_set(p, len) == ACEH_EXPOSED_SAFELISTED;
}

int aceh_is_forbidden(const char *p, size_t len)
{
    return aceh__name_set(p, len) == ACEH_HIDDEN_FORBIDDEN;
}

static int aceh__is_wildcard(const unsigned char *p, size_t len)
{
    return len == 1 && p[0] == '*';
}

/* The next name of bytes [*pos, end) of a line that aceh_validate() has
 * accepted up to `end`. In such bytes every element is OWS, a token, OWS,
 * so splitting at commas and trimming SP/HTAB finds exactly the names the
 * iterator would yield, without classifying any byte again: validation
 * runs on the fast path and this split at memchr speed. */
static int aceh__split_next(const unsigned char *p, size_t end, size_t *pos,
                            aceh_slice *s)
{
    while (*pos < end) {
        const unsigned char *comma = (const unsigned char *)memchr(
            p + *pos, ',', end - *pos);
        size_t a = *pos, b = comma ? (size_t)(comma - p) : end;

        *pos = b + 1;
        while (a < b && (p[a] == ' ' || p[a] == '\t'))
            a++;
        while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
            b--;
        if (a < b) {
            s->off = a;
            s->len = b - a;
            return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * Whole header
 * ------------------------------------------------------------------------ */

aceh_status aceh_list_parse(aceh_list *list, const aceh_str *lines,
                            size_t nlines, aceh_name *names, size_t cap)
{
    size_t l, count = 0;
    aceh__sink k = {NULL, 0, 0, 0, NULL, 0, 0, 0};
    aceh_status st = ACEH_OK;

    list->lines = lines;
    list->nlines = nlines;
    list->names = names;
    list->err_line = 0;
    list->err_off = 0;
    if (lines == NULL && nlines != 0) {
        st = ACEH_E_NULL;
        nlines = 0;
    }
    k.names = names;
    k.cap = names != NULL ? cap : 0;
    for (l = 0; l < nlines && st == ACEH_OK; l++) {
        const unsigned char *p = (const unsigned char *)lines[l].ptr;
        size_t n, off, pos = 0, kept = k.stored;
        aceh_slice s;

        k.line = l;
        st = aceh__walk(lines[l].ptr, lines[l].len, &n, &off, &k);
        count += n;
        if (st != ACEH_OK) {
            list->err_line = l;
            list->err_off = off;
            /* The sink may hold names of the failing element: store the n
             * names before it again. They lie before its offset, and the
             * failing element's own bytes there are never reached. */
            k.stored = kept;
            for (; n > 0 && k.stored < k.cap; n--) {
                (void)aceh__split_next(p, off, &pos, &s); /* finds all n */
                aceh__sink_name(&k, p, s.off, s.len);
            }
        }
    }
    if (st == ACEH_OK && names != NULL && count > k.stored)
        st = ACEH_TRUNCATED;
    list->stored = k.stored;
    list->count = count;
    list->wildcard = st >= 0 ? k.wildcard : 0;
    list->status = st;
    return st;
}

const char *aceh_list_name_ptr(const aceh_list *list, size_t i)
{
    if (i >= list->stored)
        return NULL;
    return list->lines[list->names[i].line].ptr + list->names[i].off;
}

/* ------------------------------------------------------------------------
 * Decision
 * ------------------------------------------------------------------------ */

/* The part of the decision that does not depend on the list: 0 when the
 * list must be consulted. */
static aceh_verdict aceh__decide_name(const char *name, size_t name_len)
{
    /* Only tokens are in the two name sets, so the byte check can come
     * last, for the names that need it. */
    aceh_verdict v = aceh__name_set(name, name_len);

    if (v == 0 && !aceh__is_name(name, name_len))
        v = ACEH_HIDDEN_BAD_NAME;
    return v;
}

/* The rest of it, for a valid list: `listed` when the name is an element,
 * `wildcard` when an element is "*". Fetch uses the wildcard only when
 * the credentials mode is not include; the Authorization opt-in keeps
 * Authorization out of it. */
static aceh_verdict aceh__decide_list(const char *name, size_t name_len,
                                      aceh_mode mode, unsigned flags,
                                      int listed, int wildcard)
{
    if (listed)
        return ACEH_EXPOSED_LISTED;
    /* Unknown mode values get include's stricter treatment. */
    if (!wildcard || (mode != ACEH_OMIT && mode != ACEH_SAME_ORIGIN))
        return ACEH_HIDDEN_NOT_LISTED;
    if ((flags & ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION) &&
        ACEH__EQ_LIT(name, name_len, "authorization"))
        return ACEH_HIDDEN_AUTHORIZATION;
    return ACEH_EXPOSED_WILDCARD;
}

aceh_verdict aceh_decide(const aceh_str *lines, size_t nlines,
                         const char *name, size_t name_len, aceh_mode mode,
                         unsigned flags)
{
    aceh_verdict v = aceh__decide_name(name, name_len);
    aceh__sink k = {NULL, 0, 0, 0, NULL, 0, 0, 0};
    size_t l, n, off;

    if (v != 0)
        return v;
    if (nlines == 0)
        return ACEH_HIDDEN_ABSENT;
    if (lines == NULL)
        return ACEH_HIDDEN_INVALID;
    k.q = (const unsigned char *)name;
    k.qlen = name_len;
    /* A match counts only once every line is valid: a later invalid
     * element voids the whole list. */
    for (l = 0; l < nlines; l++)
        if (aceh__walk(lines[l].ptr, lines[l].len, &n, &off, &k) != ACEH_OK)
            return ACEH_HIDDEN_INVALID;
    return aceh__decide_list(name, name_len, mode, flags, k.listed,
                             k.wildcard);
}

int aceh_exposed(const aceh_str *lines, size_t nlines, const char *name,
                 size_t name_len, aceh_mode mode, unsigned flags)
{
    return aceh_decide(lines, nlines, name, name_len, mode, flags) > 0;
}

aceh_verdict aceh_list_decide(const aceh_list *list, const char *name,
                              size_t name_len, aceh_mode mode,
                              unsigned flags)
{
    aceh_verdict v = aceh__decide_name(name, name_len);
    int listed = 0;
    size_t i;

    if (v != 0)
        return v;
    if (list->status < 0)
        return ACEH_HIDDEN_INVALID;
    if (list->nlines == 0)
        return ACEH_HIDDEN_ABSENT;
    if (list->names != NULL && list->stored == list->count) {
        for (i = 0; i < list->stored && !listed; i++)
            listed = aceh_name_eq(aceh_list_name_ptr(list, i),
                                  list->names[i].len, name, name_len);
    } else {
        /* The names did not fit: the list is known valid, rescan it. */
        for (i = 0; i < list->nlines && !listed; i++) {
            const char *p = list->lines[i].ptr;
            size_t pos = 0;
            aceh_slice s;

            while (!listed &&
                   aceh__split_next((const unsigned char *)p,
                                    list->lines[i].len, &pos, &s))
                listed = aceh_name_eq(p + s.off, s.len, name, name_len);
        }
    }
    return aceh__decide_list(name, name_len, mode, flags, listed,
                             list->wildcard);
}

/* ------------------------------------------------------------------------
 * Name index: the response-header names of a filter call, the listed names
 * of a name set (aceh_set). A hash table with chaining, kept in two arrays
 * of slots (16-bit on the filter's stack, 32-bit in caller memory), so it
 * needs no allocation. The hash is fixed (no key, no state): names crafted
 * to collide can only make chains long, and a chain that would hold more
 * than ACEH__CHAIN_MAX distinct names turns the whole index into a sorted
 * array (bottom-up merge sort, binary search), whose cost does not depend
 * on the hash. Either way no name costs more than a bounded number of
 * comparisons, each at most its own length.
 * ------------------------------------------------------------------------ */

/* Chain bound: at the load factor the index keeps (at most 2 names per
 * bucket), names that do not collide on purpose pass it with a
 * probability of about 1e-10 per bucket. */
#define ACEH__CHAIN_MAX 16
/* The filter's own index: 4,096 headers in 16-bit slots, 4,096 in a and
 * 2,048 in b (12 KiB). */
#define ACEH__STACK_N 4096
/* 32-bit slots hold entry numbers + 1 up to this. */
#define ACEH__WIDE_MAX ((size_t)0xfffffffeu)

typedef struct aceh__index {
    const aceh_header *hdr; /* entry k is hdr[k].name (filter) ... */
    const aceh_list *list;  /* ... or name k of list (name set) */
    unsigned char *a, *b;   /* slots of w bytes: m in a; in b, at least
                               (m + 1) / 2 rounded up to a power of 2 */
    unsigned char *order;   /* sorted: a or b, cnt entries */
    size_t w, m;
    size_t nb; /* hashed: buckets in b (a power of 2), chains in a; 0: sorted */
    size_t cnt;
} aceh__index;

static size_t aceh__min(size_t a, size_t b)
{
    return a < b ? a : b;
}

ACEH_INLINE size_t aceh__slot(const unsigned char *s, size_t w, size_t i)
{
    if (w == 2) {
        uint16_t v;

        memcpy(&v, s + 2 * i, 2);
        return v;
    }
    {
        uint32_t v;

        memcpy(&v, s + 4 * i, 4);
        return v;
    }
}

ACEH_INLINE void aceh__slot_set(unsigned char *s, size_t w, size_t i,
                                size_t v)
{
    if (w == 2) {
        uint16_t x = (uint16_t)v;

        memcpy(s + 2 * i, &x, 2);
    } else {
        uint32_t x = (uint32_t)v;

        memcpy(s + 4 * i, &x, 4);
    }
}

/* Bytes and length of entry k. */
ACEH_INLINE size_t aceh__key(const aceh__index *x, size_t k,
                             const unsigned char **p)
{
    if (x->hdr != NULL) {
        *p = (const unsigned char *)x->hdr[k].name;
        return x->hdr[k].name_len;
    }
    *p = (const unsigned char *)aceh_list_name_ptr(x->list, k);
    return x->list->names[k].len;
}

/* A hash that names equal under aceh_name_eq share: the length and the
 * folded bytes, read in the words aceh__eq_fold compares. */
ACEH_INLINE uint64_t aceh__hash_fold(const unsigned char *p, size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15u;
    uint64_t h = (uint64_t)n * k;
    size_t i;

    if (n >= 8) {
        for (i = 0; i + 8 < n; i += 8) {
            h = (h ^ aceh__fold8(aceh__load8(p + i))) * k;
            h ^= h >> 29;
        }
        h = (h ^ aceh__fold8(aceh__load8(p + (n - 8)))) * k;
    } else if (n >= 4) {
        uint32_t x, y;

        memcpy(&x, p, 4);
        memcpy(&y, p + n - 4, 4);
        h = (h ^ aceh__fold8(x | (uint64_t)y << 32)) * k;
    } else {
        for (i = 0; i < n; i++)
            h = (h ^ aceh__ascii_lower(p[i])) * k;
    }
    h ^= h >> 32;
    h *= k;
    return h ^ (h >> 29);
}

ACEH_INLINE size_t aceh__bucket(const aceh__index *x,
                                const unsigned char *p, size_t n)
{
    /* The top bits are the best mixed; nb is at most 2^32. */
    return (size_t)(aceh__hash_fold(p, n) >> 32) & (x->nb - 1);
}

/* A total order on names: by length, then by folded 8-byte words (as
 * integers, not bytes: any total order does). 0 exactly when
 * aceh_name_eq. Costs at most n / 8 + 1 word compares. */
static int aceh__cmp_fold(const unsigned char *a, size_t alen,
                          const unsigned char *b, size_t blen)
{
    uint64_t x = 0, y = 0;
    size_t i;

    if (alen != blen)
        return alen < blen ? -1 : 1;
    if (alen >= 8) {
        for (i = 0; i + 8 < alen && x == y; i += 8) {
            x = aceh__fold8(aceh__load8(a + i));
            y = aceh__fold8(aceh__load8(b + i));
        }
        if (x == y) {
            x = aceh__fold8(aceh__load8(a + (alen - 8)));
            y = aceh__fold8(aceh__load8(b + (alen - 8)));
        }
    } else {
        for (i = 0; i < alen && x == y; i++) {
            x = aceh__ascii_lower(a[i]);
            y = aceh__ascii_lower(b[i]);
        }
    }
    return x < y ? -1 : x > y;
}

/* Whether entry k is indexed: every name of a set; in a filter, the
 * headers whose verdict depends on the list (marks[k] & ACEH__ASK). */
enum { ACEH__LINE = 1, ACEH__LISTED = 2, ACEH__ASK = 4, ACEH__SAFE = 8,
       ACEH__DUP = 16 };

/* Hash the m entries. A name equal to one already indexed is left out of
 * the chains; with marks, marks[k] gets ACEH__DUP and slot a[k] the other
 * entry's number + 1, for aceh__index_spread. Returns 0 when a chain would
 * pass ACEH__CHAIN_MAX names: the index is then unusable. O(m + bytes). */
static int aceh__index_hash(aceh__index *x, unsigned char *marks)
{
    size_t k, nb = 1;

    /* At most 2 names per bucket, in at most (m + 1) / 2 rounded up to a
     * power of 2 buckets: 2,048 for the filter's 4,096. */
    while (nb < (x->m + 1) / 2)
        nb *= 2;
    x->nb = nb;
    memset(x->b, 0, nb * x->w); /* NOLINT(clang-analyzer-core.NonNullParamChecker): x->b is the caller's table whenever m > 0 */
    for (k = 0; k < x->m; k++) {
        const unsigned char *p, *q;
        size_t len, e, bk, depth = 0;

        if (marks != NULL && !(marks[k] & ACEH__ASK))
            continue;
        len = aceh__key(x, k, &p);
        bk = aceh__bucket(x, p, len);
        for (e = aceh__slot(x->b, x->w, bk); e != 0;
             e = aceh__slot(x->a, x->w, e - 1), depth++)
            if (aceh__key(x, e - 1, &q) == len && aceh__eq_fold(p, q, len))
                break;
        if (e != 0) {
            if (marks != NULL) {
                marks[k] |= ACEH__DUP;
                aceh__slot_set(x->a, x->w, k, e);
            }
            continue;
        }
        if (depth == ACEH__CHAIN_MAX)
            return 0;
        aceh__slot_set(x->a, x->w, k, aceh__slot(x->b, x->w, bk));
        aceh__slot_set(x->b, x->w, bk, k + 1);
    }
    return 1;
}

static int aceh__cmp_entries(const aceh__index *x, size_t i, size_t j)
{
    const unsigned char *p, *q;
    size_t plen = aceh__key(x, i, &p), qlen = aceh__key(x, j, &q);

    return aceh__cmp_fold(p, plen, q, qlen);
}

/* The fallback: the indexed entries in aceh__cmp_fold order in a,
 * duplicates side by side. Bottom-up merge sort, b holding the left run of
 * each merge: each of its log2(m) passes compares a name at most once per
 * name it moves, so the sort costs at most log2(m) times the bytes of the
 * names. */
static void aceh__index_sort(aceh__index *x, const unsigned char *marks)
{
    size_t k, cnt = 0, run, lo;

    for (k = 0; k < x->m; k++)
        if (marks == NULL || (marks[k] & ACEH__ASK))
            aceh__slot_set(x->a, x->w, cnt++, k);
    for (run = 1; run < cnt; run *= 2) {
        for (lo = 0; lo + run < cnt; lo += 2 * run) {
            /* The left run moves to b (a run is at most half of a's
             * size, rounded up to a power of 2: what b holds), and the
             * merge writes into a behind the right run's reader. */
            size_t hi = aceh__min(lo + 2 * run, cnt), i = 0, j = lo + run;
            size_t o = lo;

            for (k = 0; k < run; k++)
                aceh__slot_set(x->b, x->w, k, aceh__slot(x->a, x->w, lo + k));
            while (i < run && j < hi) {
                size_t ei = aceh__slot(x->b, x->w, i);
                size_t ej = aceh__slot(x->a, x->w, j);

                /* Ties take the left run first: equal names stay in
                 * entry order. */
                if (aceh__cmp_entries(x, ej, ei) < 0) {
                    aceh__slot_set(x->a, x->w, o++, ej);
                    j++;
                } else {
                    aceh__slot_set(x->a, x->w, o++, ei);
                    i++;
                }
            }
            for (; i < run; i++)
                aceh__slot_set(x->a, x->w, o++, aceh__slot(x->b, x->w, i));
        }
    }
    x->order = x->a;
    x->cnt = cnt;
    x->nb = 0;
}

/* Build the index of m >= 1 entries: hashed, or sorted when a chain
 * overflows. */
static void aceh__index_build(aceh__index *x, unsigned char *marks)
{
    if (!aceh__index_hash(x, marks))
        aceh__index_sort(x, marks);
}

/* The entry whose name equals [p, p+len) (for duplicates: the first in the
 * chain, or in sorted order), as its number + 1; 0 when there is none. At
 * most ACEH__CHAIN_MAX or log2(cnt) + 1 comparisons. */
ACEH_INLINE size_t aceh__index_find(const aceh__index *x,
                                    const unsigned char *p, size_t len)
{
    const unsigned char *q;
    size_t e, lo = 0, hi = x->cnt;

    if (x->nb != 0) {
        for (e = aceh__slot(x->b, x->w, aceh__bucket(x, p, len)); e != 0;
             e = aceh__slot(x->a, x->w, e - 1))
            if (aceh__key(x, e - 1, &q) == len && aceh__eq_fold(p, q, len))
                return e;
        return 0;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t qlen = aceh__key(x, aceh__slot(x->order, x->w, mid), &q);

        if (aceh__cmp_fold(q, qlen, p, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == x->cnt)
        return 0;
    e = aceh__slot(x->order, x->w, lo);
    hi = aceh__key(x, e, &q); /* hi: the length of entry e's name */
    return aceh__cmp_fold(q, hi, p, len) == 0 ? e + 1 : 0;
}

/* Give every duplicate the ACEH__LISTED mark of the entry aceh__index_find
 * returns for its name. O(m + bytes). */
static void aceh__index_spread(const aceh__index *x, unsigned char *marks)
{
    size_t k;

    if (x->nb != 0) {
        for (k = 0; k < x->m; k++)
            if (marks[k] & ACEH__DUP) {
                const size_t first = aceh__slot(x->a, x->w, k) - 1;

                marks[k] = (unsigned char)(marks[k] |
                                           (marks[first] & ACEH__LISTED));
            }
        return;
    }
    /* Equal names are side by side, the first of them found. */
    for (k = 1; k < x->cnt; k++) {
        size_t d = aceh__slot(x->order, x->w, k - 1);
        size_t e = aceh__slot(x->order, x->w, k);

        if ((marks[d] & ACEH__LISTED) && aceh__cmp_entries(x, d, e) == 0)
            marks[e] |= ACEH__LISTED;
    }
}

/* ------------------------------------------------------------------------
 * Response filter
 * ------------------------------------------------------------------------ */

size_t aceh_filter_scratch_size(size_t n)
{
    return n > ACEH__STACK_N
               ? aceh__min(aceh__min(n, ACEH__WIDE_MAX), SIZE_MAX / 8) * 8
               : 0;
}

aceh_status aceh_filter_scratch(const aceh_header *headers, size_t n,
                                aceh_mode mode, unsigned flags,
                                unsigned char *readable, size_t *err_index,
                                size_t *err_off, void *scratch, size_t size)
{
    /* cppcheck-suppress unassignedVariable ; written through x.a/x.b */
    uint16_t stk[ACEH__STACK_N + ACEH__STACK_N / 2];
    aceh__index x;
    size_t i, c0, chunk = ACEH__STACK_N;
    int present = 0, wildcard = 0;
    aceh_status st = ACEH_OK;

    if (err_index)
        *err_index = 0;
    if (err_off)
        *err_off = 0;
    if (scratch == NULL && size != 0)
        return ACEH_E_NULL;
    if (n == 0)
        return ACEH_OK;
    if (headers == NULL || readable == NULL)
        return ACEH_E_NULL;
    /* readable[] holds marks until the end: what the name alone decides
     * (ACEH__ASK: the list does; ACEH__SAFE: safelisted), ACEH__LINE on the
     * ACEH lines, which are all validated before any name counts ... */
    for (i = 0; i < n; i++) {
        aceh_verdict v =
            aceh__decide_name(headers[i].name, headers[i].name_len);
        size_t off;

        readable[i] = v > 0 ? ACEH__SAFE : 0;
        if (v != 0)
            continue;
        readable[i] = ACEH__ASK;
        if (!ACEH__EQ_LIT(headers[i].name, headers[i].name_len,
                          "access-control-expose-headers"))
            continue;
        readable[i] |= ACEH__LINE;
        if (st != ACEH_OK)
            continue;
        present = 1;
        st = aceh_validate(headers[i].value, headers[i].value_len, NULL, &off);
        if (st != ACEH_OK) {
            if (err_index)
                *err_index = i;
            if (err_off)
                *err_off = off;
        }
    }
    /* ... and ACEH__LISTED on every header a valid list names: the names
     * of up to `chunk` headers go into an index, then every listed name is
     * looked up in it. */
    /* cppcheck-suppress unreadVariable ; read by the index helpers */
    x.hdr = headers;
    x.list = NULL;
    x.order = NULL;
    x.cnt = 0;
    x.w = 2;
    x.a = (unsigned char *)stk;
    x.b = (unsigned char *)(stk + ACEH__STACK_N);
    if (n > ACEH__STACK_N && size / 8 > ACEH__STACK_N) {
        chunk = aceh__min(aceh__min(size / 8, n), ACEH__WIDE_MAX);
        x.w = 4;
        x.a = (unsigned char *)scratch;
        x.b = x.a + 4 * chunk;
    }
    /* present: an ACEH line, so at least one header to index */
    for (c0 = 0; c0 < n && present && st == ACEH_OK; c0 += chunk) {
        x.hdr = headers + c0;
        x.m = aceh__min(chunk, n - c0);
        aceh__index_build(&x, readable + c0);
        for (i = 0; i < n; i++) {
            const unsigned char *p = (const unsigned char *)headers[i].value;
            size_t pos = 0, e;
            aceh_slice s;

            if (!(readable[i] & ACEH__LINE))
                continue;
            while (aceh__split_next(p, headers[i].value_len, &pos, &s)) {
                wildcard |= aceh__is_wildcard(p + s.off, s.len);
                e = aceh__index_find(&x, p + s.off, s.len);
                if (e != 0)
                    readable[c0 + e - 1] |= ACEH__LISTED;
            }
        }
        aceh__index_spread(&x, readable + c0);
    }
    for (i = 0; i < n; i++) {
        unsigned char r = readable[i];
        aceh_verdict v;

        if (!(r & ACEH__ASK))
            v = (r & ACEH__SAFE) ? ACEH_EXPOSED_SAFELISTED
                                 : ACEH_HIDDEN_FORBIDDEN;
        else if (!present || st != ACEH_OK)
            v = ACEH_HIDDEN_INVALID;
        else
            v = aceh__decide_list(headers[i].name, headers[i].name_len, mode,
                                  flags, (r & ACEH__LISTED) != 0, wildcard);
        readable[i] = v > 0;
    }
    return st;
}

aceh_status aceh_filter(const aceh_header *headers, size_t n, aceh_mode mode,
                        unsigned flags, unsigned char *readable,
                        size_t *err_index, size_t *err_off)
{
    return aceh_filter_scratch(headers, n, mode, flags, readable, err_index,
                               err_off, NULL, 0);
}

/* ------------------------------------------------------------------------
 * Name set
 * ------------------------------------------------------------------------ */

size_t aceh_set_size(size_t count)
{
    return count > SIZE_MAX / 8 || count > ACEH__WIDE_MAX ? SIZE_MAX
                                                          : count * 8;
}

aceh_status aceh_set_init(aceh_set *set, const aceh_list *list, void *mem,
                          size_t size)
{
    aceh__index x;
    size_t need;

    set->list = list;
    set->a = set->b = set->order = NULL;
    set->nb = set->cnt = 0;
    set->indexed = 0;
    if (list == NULL || (mem == NULL && size != 0))
        return ACEH_E_NULL;
    /* An absent or invalid list decides without an index. */
    if (list->status < 0 || list->nlines == 0)
        return ACEH_OK;
    need = aceh_set_size(list->count);
    if (list->stored != list->count || need == SIZE_MAX || size < need)
        return ACEH_TRUNCATED;
    set->indexed = 1;
    if (list->count == 0)
        return ACEH_OK; /* nothing to look up: sorted, empty */
    x.hdr = NULL;
    x.list = list;
    x.w = 4;
    x.m = list->count;
    x.a = (unsigned char *)mem;
    x.b = x.a + 4 * x.m;
    x.order = NULL;
    x.cnt = 0;
    aceh__index_build(&x, NULL);
    set->a = x.a;
    set->b = x.b;
    set->order = x.order;
    set->nb = x.nb;
    set->cnt = x.cnt;
    return ACEH_OK;
}

aceh_verdict aceh_set_decide(const aceh_set *set, const char *name,
                             size_t name_len, aceh_mode mode, unsigned flags)
{
    aceh_verdict v = aceh__decide_name(name, name_len);
    aceh__index x;

    if (v != 0)
        return v;
    if (set->list == NULL)
        return ACEH_HIDDEN_INVALID;
    if (!set->indexed)
        return aceh_list_decide(set->list, name, name_len, mode, flags);
    x.hdr = NULL;
    x.list = set->list;
    x.a = set->a;
    x.b = set->b;
    x.order = set->order;
    x.w = 4;
    x.m = set->list->count;
    x.nb = set->nb;
    x.cnt = set->cnt;
    return aceh__decide_list(
        name, name_len, mode, flags,
        aceh__index_find(&x, (const unsigned char *)name, name_len) != 0,
        set->list->wildcard);
}

/* ------------------------------------------------------------------------
 * Builder
 * ------------------------------------------------------------------------ */

/* Copy [src, src+len) to buf at *at, as far as room (cap - 1) allows. */
static void aceh__put(char *buf, size_t cap, size_t *at, const char *src,
                      size_t len)
{
    size_t room;

    if (*at < cap - 1) {
        room = cap - 1 - *at;
        if (len > room)
            len = room;
        /* src is never NULL: aceh_format refused empty names before any
         * write, and only those may come with a NULL pointer. */
        memcpy(buf + *at, src, len); /* NOLINT(clang-analyzer-core.NonNullParamChecker) */
    }
    *at += len;
}

aceh_status aceh_format(const aceh_str *names, size_t n, char *buf,
                        size_t cap, size_t *needed, size_t *bad_index)
{
    size_t i, total = 0, at = 0;

    if (needed)
        *needed = 0;
    if (buf == NULL && cap != 0)
        return ACEH_E_NULL;
    if (cap != 0)
        buf[0] = '\0';
    if (names == NULL && n != 0) {
        if (bad_index)
            *bad_index = 0;
        return ACEH_E_NULL;
    }
    for (i = 0; i < n; i++) {
        if (names[i].ptr == NULL && names[i].len != 0) {
            if (bad_index)
                *bad_index = i;
            return ACEH_E_NULL;
        }
        if (!aceh_is_name(names[i].ptr, names[i].len)) {
            if (bad_index)
                *bad_index = i;
            return ACEH_E_BAD_NAME;
        }
        total += names[i].len + (i ? 2 : 0);
    }
    if (needed)
        *needed = total;
    if (cap == 0)
        return ACEH_TRUNCATED; /* not even the NUL fits */
    for (i = 0; i < n; i++) {
        if (i)
            aceh__put(buf, cap, &at, ", ", 2);
        aceh__put(buf, cap, &at, names[i].ptr, names[i].len);
    }
    buf[at < cap - 1 ? at : cap - 1] = '\0';
    return total < cap ? ACEH_OK : ACEH_TRUNCATED;
}

/* ------------------------------------------------------------------------
 * The preflight half: CORS check, preflight decision, request side
 * ------------------------------------------------------------------------ */

const char *aceh_cors_str(aceh_cors c)
{
    switch (c) {
    case ACEH_CORS_PASS: return "pass";
    case ACEH_CORS_PASS_WILDCARD: return "pass-wildcard";
    case ACEH_CORS_NO_ALLOW_ORIGIN: return "no-allow-origin";
    case ACEH_CORS_WILDCARD_CREDENTIALS: return "wildcard-credentials";
    case ACEH_CORS_ORIGIN_MISMATCH: return "origin-mismatch";
    case ACEH_CORS_NO_CREDENTIALS: return "no-credentials";
    }
    return "unknown";
}

const char *aceh_pf_verdict_str(aceh_pf_verdict v)
{
    switch (v) {
    case ACEH_PF_PASS: return "pass";
    case ACEH_PF_CORS: return "cors";
    case ACEH_PF_STATUS: return "status";
    case ACEH_PF_BAD_METHODS: return "bad-methods";
    case ACEH_PF_BAD_HEADERS: return "bad-headers";
    case ACEH_PF_METHOD: return "method";
    case ACEH_PF_AUTHORIZATION: return "authorization";
    case ACEH_PF_HEADER: return "header";
    }
    return "unknown";
}

/* Fetch's credentials test: unknown mode values count as include, as in
 * the exposure decision. */
static int aceh__includes(aceh_mode mode)
{
    return mode != ACEH_OMIT && mode != ACEH_SAME_ORIGIN;
}

/* A field line without the SP/HTAB an HTTP stack strips at its ends. */
static aceh_str aceh__trim(aceh_str v)
{
    while (v.len > 0 && (v.ptr[0] == ' ' || v.ptr[0] == '\t')) {
        v.ptr++;
        v.len--;
    }
    while (v.len > 0 && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\t'))
        v.len--;
    return v;
}

/* 1 if Fetch's "get" of the header (its lines joined by ", ") is exactly
 * [s, s+slen). Absent (n 0) never matches: callers handle absence. */
static int aceh__get_is(const aceh_str *lines, size_t n, const char *s,
                        size_t slen)
{
    size_t l, at = 0;

    if (n == 0 || lines == NULL || (s == NULL && slen != 0))
        return 0;
    for (l = 0; l < n; l++) {
        aceh_str v;

        if (lines[l].ptr == NULL && lines[l].len != 0)
            return 0;
        v = aceh__trim(lines[l]);
        if (l > 0) {
            if (slen - at < 2 || s[at] != ',' || s[at + 1] != ' ')
                return 0;
            at += 2;
        }
        if (slen - at < v.len ||
            (v.len != 0 && memcmp(s + at, v.ptr, v.len) != 0))
            return 0;
        at += v.len;
    }
    return at == slen;
}

aceh_cors aceh_cors_check(const aceh_str *allow_origin, size_t n_origin,
                          const aceh_str *allow_credentials, size_t n_cred,
                          const char *origin, size_t origin_len,
                          aceh_mode mode)
{
    const int incl = aceh__includes(mode);
    const int star = aceh__get_is(allow_origin, n_origin, "*", 1);

    if (n_origin == 0)
        return ACEH_CORS_NO_ALLOW_ORIGIN;
    if (star && !incl)
        return ACEH_CORS_PASS_WILDCARD;
    /* Fetch compares the request's origin with the value itself, so `*`
     * with credentials is a mismatch; it gets its own reason because it is
     * the usual server mistake. */
    if (!aceh__get_is(allow_origin, n_origin, origin, origin_len))
        return star ? ACEH_CORS_WILDCARD_CREDENTIALS
                    : ACEH_CORS_ORIGIN_MISMATCH;
    if (!incl)
        return ACEH_CORS_PASS;
    return aceh__get_is(allow_credentials, n_cred, "true", 4)
               ? ACEH_CORS_PASS
               : ACEH_CORS_NO_CREDENTIALS;
}

/* Byte-exact comparison with a literal (methods are case-sensitive). */
#define ACEH__EQ_EXACT(p, len, lit) \
    ((len) == sizeof(lit) - 1 && memcmp((p), (lit), sizeof(lit) - 1) == 0)

#define ACEH__MAX_AGE_CAP 2147483648ul /* RFC 9111 1.2.2: 2^31 */

unsigned long aceh_max_age(const aceh_str *lines, size_t nlines, int *valid)
{
    unsigned long v = 0;
    aceh_str s;
    size_t i;

    if (valid)
        *valid = 0;
    /* Fetch's "extract header list values": a header whose ABNF is a
     * single value fails when it comes in several lines. */
    if (nlines != 1 || lines == NULL ||
        (lines[0].ptr == NULL && lines[0].len != 0))
        return 5;
    s = aceh__trim(lines[0]);
    if (s.len == 0)
        return 5;
    for (i = 0; i < s.len; i++) {
        const unsigned d = (unsigned)((unsigned char)s.ptr[i] - '0');

        if (d > 9)
            return 5;
        /* Once past 2^31 / 10 the value saturates: no overflow even
         * where unsigned long has 32 bits. */
        v = v > ACEH__MAX_AGE_CAP / 10 ? ACEH__MAX_AGE_CAP : v * 10 + d;
        if (v > ACEH__MAX_AGE_CAP)
            v = ACEH__MAX_AGE_CAP;
    }
    if (valid)
        *valid = 1;
    return v;
}

/* Compare two names by their lower-cased bytes, then by length: byte
 * order, as Fetch sorts header names (aceh__cmp_fold orders by length
 * first, which suits the filter's index but not a sorted list). */
static int aceh__cmp_lex(const char *a, size_t alen, const char *b,
                          size_t blen)
{
    size_t i, n = alen < blen ? alen : blen;

    /* Callers never pass NULL with a length (checked before). */
    for (i = 0; i < n; i++) {
        const unsigned char x = aceh__ascii_lower((unsigned char)a[i]); /* NOLINT(clang-analyzer-core.NullDereference) */
        const unsigned char y = aceh__ascii_lower((unsigned char)b[i]);

        if (x != y)
            return x < y ? -1 : 1;
    }
    return alen < blen ? -1 : alen > blen;
}

/* Validate a list header (Fetch "extract header list values": one
 * invalid element in any line fails the whole header); 0 with the error
 * in *res on failure. *wild: an element is exactly `*`. */
static int aceh__pf_list(const aceh_str *lines, size_t n, aceh_pf_result *res,
                         int *wild)
{
    size_t l;

    *wild = 0;
    if (lines == NULL && n != 0) {
        res->list_status = ACEH_E_NULL;
        return 0;
    }
    for (l = 0; l < n; l++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, lines[l].ptr, lines[l].len);
        while (aceh_iter_next(&it, &s))
            *wild |= aceh__is_wildcard(
                (const unsigned char *)lines[l].ptr + s.off, s.len);
        if (it.status != ACEH_OK) {
            res->list_status = it.status;
            res->err_line = l;
            res->err_off = it.err_off;
            return 0;
        }
    }
    return 1;
}

/* 1 if `method` is an element of the (valid) Allow-Methods lines: methods
 * are case-sensitive, so byte for byte. */
static int aceh__pf_method_listed(const aceh_str *lines, size_t n,
                                  const char *method, size_t len)
{
    size_t l;
    int listed = 0;

    for (l = 0; l < n; l++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, lines[l].ptr, lines[l].len);
        while (aceh_iter_next(&it, &s))
            /* A method of length 0 (the only one that may be NULL) never
             * reaches memcmp: names are not empty. */
            listed |= s.len == len &&
                      memcmp(lines[l].ptr + s.off, method, len) == 0; /* NOLINT(clang-analyzer-core.NonNullParamChecker) */
    }
    return listed;
}

/* Unsafe names are matched against Allow-Headers in blocks of this many,
 * one bit each on the stack, so every name is looked up once per block. */
#define ACEH__PF_BLOCK 4096u

aceh_pf_verdict aceh_preflight_decide(const aceh_preflight *pf,
                                      aceh_pf_result *res)
{
    aceh_pf_result r;
    int incl, wild_m, wild_h, method_ok;
    size_t b, auth_fail = (size_t)-1, header_fail = (size_t)-1;

    r.verdict = ACEH_PF_CORS;
    r.cors = ACEH_CORS_NO_ALLOW_ORIGIN;
    r.list_status = ACEH_OK;
    r.err_line = r.err_off = r.index = 0;
    r.max_age = 0;
    if (pf == NULL)
        goto done;
    incl = aceh__includes(pf->mode);
    r.cors = aceh_cors_check(pf->allow_origin, pf->n_allow_origin,
                             pf->allow_credentials, pf->n_allow_credentials,
                             pf->origin, pf->origin_len, pf->mode);
    if (r.cors < 0)
        goto done;
    r.verdict = ACEH_PF_STATUS;
    if (pf->status < 200 || pf->status > 299)
        goto done;
    r.verdict = ACEH_PF_BAD_METHODS;
    if (!aceh__pf_list(pf->allow_methods, pf->n_allow_methods, &r, &wild_m))
        goto done;
    r.verdict = ACEH_PF_BAD_HEADERS;
    if (!aceh__pf_list(pf->allow_headers, pf->n_allow_headers, &r, &wild_h))
        goto done;
    r.verdict = ACEH_PF_METHOD;
    if (pf->method == NULL && pf->method_len != 0)
        goto done;
    /* An absent Allow-Methods lists the request's own method only under
     * the use-CORS-preflight flag; otherwise it lists nothing. */
    method_ok =
        (pf->n_allow_methods == 0
             ? (pf->flags & ACEH_PF_USE_CORS_PREFLIGHT) != 0
             : aceh__pf_method_listed(pf->allow_methods, pf->n_allow_methods,
                                      pf->method, pf->method_len)) ||
        ACEH__EQ_EXACT(pf->method, pf->method_len, "GET") ||
        ACEH__EQ_EXACT(pf->method, pf->method_len, "HEAD") ||
        ACEH__EQ_EXACT(pf->method, pf->method_len, "POST") ||
        (!incl && wild_m);
    if (!method_ok)
        goto done;
    r.verdict = ACEH_PF_HEADER;
    if (pf->unsafe == NULL && pf->n_unsafe != 0)
        goto done;
    for (b = 0; b < pf->n_unsafe; b += ACEH__PF_BLOCK) {
        const aceh_str *u = pf->unsafe + b;
        const size_t m = pf->n_unsafe - b < ACEH__PF_BLOCK ? pf->n_unsafe - b
                                                           : ACEH__PF_BLOCK;
        unsigned char seen[ACEH__PF_BLOCK / 8];
        int sorted = 1;
        size_t i, l;

        memset(seen, 0, sizeof seen);
        /* cppcheck-suppress knownConditionTrueFalse ; m >= 1 here */
        for (i = 0; i < m; i++)
            if ((u[i].ptr == NULL && u[i].len != 0) ||
                (i > 0 && aceh__cmp_lex(u[i - 1].ptr, u[i - 1].len,
                                         u[i].ptr, u[i].len) >= 0))
                sorted = 0;
        for (l = 0; l < pf->n_allow_headers; l++) {
            aceh_iter it;
            aceh_slice s;

            aceh_iter_init(&it, pf->allow_headers[l].ptr,
                           pf->allow_headers[l].len);
            while (aceh_iter_next(&it, &s)) {
                const char *q = pf->allow_headers[l].ptr + s.off;

                if (sorted) {
                    size_t lo = 0, hi = m;

                    while (lo < hi) {
                        const size_t mid = lo + (hi - lo) / 2;
                        const int c = aceh__cmp_lex(u[mid].ptr, u[mid].len,
                                                     q, s.len);

                        if (c == 0) {
                            seen[mid / 8] |= (unsigned char)(1u << (mid % 8));
                            break;
                        }
                        if (c < 0)
                            lo = mid + 1;
                        else
                            hi = mid;
                    }
                } else {
                    /* cppcheck-suppress knownConditionTrueFalse ; m >= 1 */
                    for (i = 0; i < m; i++)
                        if (aceh_name_eq(u[i].ptr, u[i].len, q, s.len))
                            seen[i / 8] |= (unsigned char)(1u << (i % 8));
                }
            }
        }
        /* cppcheck-suppress knownConditionTrueFalse ; m >= 1 */
        for (i = 0; i < m; i++) {
            if (seen[i / 8] & (1u << (i % 8)))
                continue;
            /* Fetch's CORS non-wildcard request-header name: `*` never
             * stands for Authorization, with or without credentials. */
            if (ACEH__EQ_LIT(u[i].ptr, u[i].len, "authorization")) {
                if (auth_fail == (size_t)-1)
                    auth_fail = b + i;
            } else if ((incl || !wild_h) && header_fail == (size_t)-1) {
                header_fail = b + i;
            }
        }
    }
    r.verdict = ACEH_PF_AUTHORIZATION;
    r.index = auth_fail;
    if (auth_fail != (size_t)-1)
        goto done;
    r.verdict = ACEH_PF_HEADER;
    r.index = header_fail;
    if (header_fail != (size_t)-1)
        goto done;
    r.index = 0;
    r.verdict = ACEH_PF_PASS;
    r.max_age = aceh_max_age(pf->max_age, pf->n_max_age, NULL);
done:
    if (res)
        *res = r;
    return r.verdict;
}

/* Fetch's CORS-unsafe request-header byte. */
static int aceh__unsafe_req_byte(unsigned char c)
{
    if (c < 0x20)
        return c != '\t';
    switch (c) {
    case '"': case '(': case ')': case ':': case '<': case '>': case '?':
    case '@': case '[': case '\\': case ']': case '{': case '}': case 0x7f:
        return 1;
    default: return 0;
    }
}

static int aceh__has_unsafe_req_byte(const char *p, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (aceh__unsafe_req_byte((unsigned char)p[i]))
            return 1;
    return 0;
}

/* Accept-Language and Content-Language: digits, letters, and SP * , - . ; =
 * only. */
static int aceh__lang_value(const char *p, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        const unsigned char c = (unsigned char)p[i];

        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
              (c >= 'a' && c <= 'z') || c == ' ' || c == '*' || c == ',' ||
              c == '-' || c == '.' || c == ';' || c == '='))
            return 0;
    }
    return 1;
}

/* HTTP whitespace as the MIME type parser trims it. CR and LF belong to it
 * too, but they are CORS-unsafe bytes and never get this far. */
static int aceh__http_ws(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* The essence of a MIME type (MIME Sniffing "parse a MIME type", whose
 * parameters never make it fail) is one of Fetch's three safelisted
 * Content-Type essences. Bytes 0x80-0xFF decode to code points that are
 * not HTTP token code points, like every non-tchar byte. */
static int aceh__safelisted_essence(const char *p, size_t len)
{
    size_t a = 0, slash, semi, e;

    while (len > 0 && aceh__http_ws((unsigned char)p[len - 1]))
        len--;
    while (a < len && aceh__http_ws((unsigned char)p[a]))
        a++;
    for (slash = a; slash < len && p[slash] != '/'; slash++)
        ;
    if (slash == len || !aceh__is_name(p + a, slash - a))
        return 0;
    for (semi = slash + 1; semi < len && p[semi] != ';'; semi++)
        ;
    for (e = semi; e > slash + 1 && aceh__http_ws((unsigned char)p[e - 1]);)
        e--;
    if (!aceh__is_name(p + slash + 1, e - slash - 1))
        return 0;
    return (ACEH__EQ_LIT(p + a, slash - a, "application") &&
            ACEH__EQ_LIT(p + slash + 1, e - slash - 1,
                         "x-www-form-urlencoded")) ||
           (ACEH__EQ_LIT(p + a, slash - a, "multipart") &&
            ACEH__EQ_LIT(p + slash + 1, e - slash - 1, "form-data")) ||
           (ACEH__EQ_LIT(p + a, slash - a, "text") &&
            ACEH__EQ_LIT(p + slash + 1, e - slash - 1, "plain"));
}

/* Fetch "parse a single range header value" without whitespace, and a
 * start that is present: `bytes=N-` or `bytes=N-M` with N <= M, numbers
 * of any length compared as digit strings. */
static int aceh__safelisted_range(const char *p, size_t len)
{
    size_t i = 6, s0, s1, e0, e1;

    if (len < 7 || memcmp(p, "bytes=", 6) != 0)
        return 0;
    for (s0 = i; i < len && p[i] >= '0' && p[i] <= '9'; i++)
        ;
    s1 = i;
    if (s1 == s0 || i == len || p[i] != '-')
        return 0;
    for (e0 = ++i; i < len && p[i] >= '0' && p[i] <= '9'; i++)
        ;
    e1 = i;
    if (i != len)
        return 0;
    if (e1 == e0)
        return 1;
    while (s1 - s0 > 1 && p[s0] == '0')
        s0++;
    while (e1 - e0 > 1 && p[e0] == '0')
        e0++;
    if (s1 - s0 != e1 - e0)
        return s1 - s0 < e1 - e0;
    return memcmp(p + s0, p + e0, s1 - s0) <= 0;
}

int aceh_is_safelisted_request_header(const char *name, size_t name_len,
                                      const char *value, size_t value_len)
{
    if ((name == NULL && name_len != 0) || (value == NULL && value_len != 0) ||
        value_len > 128)
        return 0;
    if (value_len == 0)
        value = "";
    if (ACEH__EQ_LIT(name, name_len, "accept"))
        return !aceh__has_unsafe_req_byte(value, value_len);
    if (ACEH__EQ_LIT(name, name_len, "accept-language") ||
        ACEH__EQ_LIT(name, name_len, "content-language"))
        return aceh__lang_value(value, value_len);
    if (ACEH__EQ_LIT(name, name_len, "content-type"))
        return !aceh__has_unsafe_req_byte(value, value_len) &&
               aceh__safelisted_essence(value, value_len);
    if (ACEH__EQ_LIT(name, name_len, "range"))
        return aceh__safelisted_range(value, value_len);
    return 0;
}

aceh_status aceh_request_headers(const aceh_header *headers, size_t n,
                                 char *buf, size_t cap, size_t *needed,
                                 size_t *bad_index)
{
    size_t i, j, total = 0, at = 0, safe_size = 0;
    const aceh_header *last = NULL;
    uint64_t safe = 0; /* bit i: header i < 64 is safelisted */
    int over;

    if (needed)
        *needed = 0;
    if (bad_index)
        *bad_index = 0;
    if (buf == NULL && cap != 0)
        return ACEH_E_NULL;
    if (cap != 0)
        buf[0] = '\0';
    if (headers == NULL && n != 0)
        return ACEH_E_NULL;
    for (i = 0; i < n; i++) {
        const aceh_header *h = headers + i;

        if ((h->name == NULL && h->name_len != 0) ||
            (h->value == NULL && h->value_len != 0)) {
            if (bad_index)
                *bad_index = i;
            return ACEH_E_NULL;
        }
        if (!aceh__is_name(h->name, h->name_len)) {
            if (bad_index)
                *bad_index = i;
            return ACEH_E_BAD_NAME;
        }
        if (aceh_is_safelisted_request_header(h->name, h->name_len, h->value,
                                              h->value_len)) {
            safe_size += h->value_len;
            safe |= i < 64 ? (uint64_t)1 << i : 0;
        }
    }
    over = safe_size > 1024;
    /* Selection by lower-cased bytes: each round emits the smallest unsafe
     * name above the last one, so duplicates go out once. */
    for (;;) {
        const aceh_header *next = NULL;

        for (j = 0; j < n; j++) {
            const aceh_header *h = headers + j;

            /* The answers of the first 64 headers are kept; later ones are
             * asked again each round. */
            if (!over && (j < 64 ? (safe >> j) & 1
                                 : (uint64_t)aceh_is_safelisted_request_header(
                                       h->name, h->name_len, h->value,
                                       h->value_len)))
                continue;
            if (last != NULL && aceh__cmp_lex(h->name, h->name_len,
                                               last->name, last->name_len) <= 0)
                continue;
            if (next == NULL || aceh__cmp_lex(h->name, h->name_len,
                                               next->name, next->name_len) < 0)
                next = h;
        }
        if (next == NULL)
            break;
        for (j = 0; j <= next->name_len; j++) {
            /* A ',' before every name but the first. */
            const unsigned char c =
                j == 0 ? (unsigned char)','
                       : aceh__ascii_lower((unsigned char)next->name[j - 1]);

            if (j == 0 && last == NULL)
                continue;
            if (cap != 0 && at < cap - 1)
                buf[at++] = (char)c;
            total++;
        }
        last = next;
    }
    if (cap != 0)
        buf[at] = '\0';
    if (needed)
        *needed = total;
    if (cap == 0 || total >= cap)
        return ACEH_TRUNCATED;
    return ACEH_OK;
}

aceh_status aceh_request_header_names(const char *value, size_t len,
                                      aceh_str *names, size_t cap,
                                      size_t *count, size_t *err_off)
{
    aceh_iter it;
    aceh_slice s;
    size_t n = 0;

    aceh_iter_init(&it, value, len);
    while (aceh_iter_next(&it, &s)) {
        if (names != NULL && n < cap) {
            names[n].ptr = value + s.off;
            names[n].len = s.len;
        }
        n++;
    }
    if (count)
        *count = n;
    if (err_off)
        *err_off = it.err_off;
    if (it.status == ACEH_OK && names != NULL && n > cap)
        return ACEH_TRUNCATED;
    return it.status;
}

/* Append [p, p+len) to an snprintf-style output at *at; *total counts
 * every byte, written or not. */
static void aceh__out(char *buf, size_t cap, size_t *at, size_t *total,
                      const char *p, size_t len)
{
    size_t room = cap != 0 && *at < cap - 1 ? cap - 1 - *at : 0;

    if (len < room)
        room = len;
    if (room != 0) {
        memcpy(buf + *at, p, room);
        *at += room;
    }
    *total += len;
}

/* The names of valid list lines joined by ", ", then `name` (len 0: none)
 * unless present or absorbed by `*` (star_absorbs). */
static aceh_status aceh__join(const aceh_str *lines, size_t nlines,
                              const char *name, size_t name_len,
                              int star_absorbs, char *buf, size_t cap,
                              size_t *needed, int *added)
{
    size_t l, at = 0, total = 0;
    int present = 0, any = 0;

    if (needed)
        *needed = 0;
    if (added)
        *added = 0;
    if (buf == NULL && cap != 0)
        return ACEH_E_NULL;
    if (cap != 0)
        buf[0] = '\0';
    if (lines == NULL && nlines != 0)
        return ACEH_E_NULL;
    for (l = 0; l < nlines; l++) {
        aceh_status st = aceh_validate(lines[l].ptr, lines[l].len, NULL, NULL);

        if (st != ACEH_OK)
            return st;
    }
    for (l = 0; l < nlines; l++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, lines[l].ptr, lines[l].len);
        while (aceh_iter_next(&it, &s)) {
            const char *q = lines[l].ptr + s.off;

            present |= aceh_name_eq(q, s.len, name, name_len) ||
                       (star_absorbs && s.len == 1 && q[0] == '*');
            if (any)
                aceh__out(buf, cap, &at, &total, ", ", 2);
            aceh__out(buf, cap, &at, &total, q, s.len);
            any = 1;
        }
    }
    if (name_len != 0 && !present) {
        if (any)
            aceh__out(buf, cap, &at, &total, ", ", 2);
        aceh__out(buf, cap, &at, &total, name, name_len);
        if (added)
            *added = 1;
    }
    if (cap != 0)
        buf[at] = '\0';
    if (needed)
        *needed = total;
    return total < cap ? ACEH_OK : ACEH_TRUNCATED;
}

aceh_status aceh_echo_names(const aceh_str *lines, size_t nlines, char *buf,
                            size_t cap, size_t *needed)
{
    return aceh__join(lines, nlines, NULL, 0, 0, buf, cap, needed, NULL);
}

aceh_status aceh_vary_add(const aceh_str *lines, size_t nlines,
                          const char *name, size_t name_len, char *buf,
                          size_t cap, size_t *needed, int *added)
{
    if (!aceh__is_name(name, name_len)) {
        if (needed)
            *needed = 0;
        if (added)
            *added = 0;
        if (buf != NULL && cap != 0)
            buf[0] = '\0';
        return name == NULL && name_len != 0 ? ACEH_E_NULL : ACEH_E_BAD_NAME;
    }
    return aceh__join(lines, nlines, name, name_len, 1, buf, cap, needed,
                      added);
}
