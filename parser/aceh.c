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

/* The fast path (see aceh_validate) and its instruction set, chosen at
 * compile time. */
#if !defined(ACEH_NO_SIMD) && defined(__GNUC__) && defined(__AVX2__)
#include <immintrin.h>
#define ACEH_SIMD_X86 1
#define ACEH_SIMD_PSHUFB 1
#define ACEH_SIMD_AVX2 1
#elif !defined(ACEH_NO_SIMD) && defined(__GNUC__) && defined(__SSSE3__)
#include <immintrin.h>
#define ACEH_SIMD_X86 1
#define ACEH_SIMD_PSHUFB 1
#elif !defined(ACEH_NO_SIMD) && defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#define ACEH_SIMD_X86 1
#elif !defined(ACEH_NO_SIMD) && defined(__GNUC__) && defined(__aarch64__) && \
    defined(__ARM_NEON)
#include <arm_neon.h>
#define ACEH_SIMD_NEON 1
#endif
#if defined(ACEH_SIMD_X86) || defined(ACEH_SIMD_NEON)
#define ACEH_SIMD 1
/* The block helpers are small and must fold into the chunk loop, and the
 * chunk loop into each caller, so plain validation carries no name sink. */
#define ACEH_INLINE static inline __attribute__((always_inline))
#else
#define ACEH_INLINE static inline
#endif

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
 * Fast path of aceh_validate. Chosen at compile time (top of this file),
 * no run-time dispatch: SSE2 on every x86-64, pshufb when the compiler may
 * use SSSE3, AVX2 when it may use AVX2, NEON on AArch64; -DACEH_NO_SIMD (or
 * any other target) keeps the byte-at-a-time iterator loop. Every load
 * stays inside [p, p+len): the last partial 16-byte block of an input of
 * at least 16 bytes is read as the input's last 16 bytes and shifted; a
 * shorter input is classified byte by byte. The iterator stays byte by
 * byte in every build: on real lists (names of 4-25 bytes, one call per
 * name) blocks measured slower (bench/README.md).
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

/* Bytes [i, min(i+16, len)) of the input; bits past len are clear in all
 * three masks. Needs len >= 16 (shorter inputs go byte by byte). */
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

/* Bit k of each mask describes byte k of a 32- or 64-byte window. */
typedef struct aceh__blk64 {
    uint64_t t, s, c;
} aceh__blk64;

/* 32 bytes at q. */
ACEH_INLINE void aceh__classify32(const unsigned char *q, aceh__blk64 *m)
{
#if defined(ACEH_SIMD_AVX2)
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
#else
    aceh__blk16 a, b;

    aceh__classify16(q, &a);
    aceh__classify16(q + 16, &b);
    m->t = a.t | ((uint64_t)b.t << 16);
    m->s = a.s | ((uint64_t)b.s << 16);
    m->c = a.c | ((uint64_t)b.c << 16);
#endif
}

/* Bytes [i, min(i+64, len)); bits past len are clear in all masks. */
ACEH_INLINE void aceh__load64(const unsigned char *p, size_t i, size_t len,
                              aceh__blk64 *m)
{
    size_t k;
    aceh__blk16 b;

    if (len - i >= 64) {
        aceh__blk64 hi;

        aceh__classify32(p + i, m);
        aceh__classify32(p + i + 32, &hi);
        m->t |= hi.t << 32;
        m->s |= hi.s << 32;
        m->c |= hi.c << 32;
        return;
    }
    m->t = m->s = m->c = 0;
    if (len < 16) { /* then i == 0: too short for even one block */
        for (k = 0; k < len; k++) {
            const unsigned cl = aceh_class[p[k]];
            m->t |= (uint64_t)(cl == ACEH__T) << k;
            m->s |= (uint64_t)(cl == ACEH__S) << k;
            m->c |= (uint64_t)(cl == ACEH__C) << k;
        }
        return;
    }
    for (k = 0; k < 64 && i + k < len; k += 16) {
        aceh__load16(p, i + k, len, &b);
        m->t |= (uint64_t)b.t << k;
        m->s |= (uint64_t)b.s << k;
        m->c |= (uint64_t)b.c << k;
    }
}

static size_t aceh__popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555u);
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return (size_t)((x * 0x0101010101010101u) >> 56);
}

/* aceh_validate on whole chunks: the grammar becomes mask arithmetic, with
 * three bits carried from chunk to chunk. A missing comma is a tchar that
 * ends an OWS run which itself began right after a tchar: adding the run
 * starts to the OWS mask carries through each run onto the byte after it. */
ACEH_INLINE aceh_status aceh__validate_chunks(const unsigned char *p,
                                             size_t len, size_t *count,
                                             size_t *err_off, aceh__sink *k)
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

        aceh__load64(p, i, len, &m);
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
            if ((m.t >> e) & 1u)
                return ACEH_E_MISSING_COMMA;
            return aceh_class[p[i + e]] == ACEH__V ? ACEH_E_VALUE_BYTE
                                             : ACEH_E_NAME_BYTE;
        }
        n += aceh__popcount64(starts);
        if (k != NULL && k->cap == 0 && k->qlen - 1 < 64) {
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
    if (pending)
        aceh__sink_name(k, p, start, len - start);
    *count = n;
    *err_off = 0;
    return ACEH_OK;
}
#endif /* ACEH_SIMD */

/* aceh_validate, also handing the names of a valid line to k (may be NULL;
 * see aceh__sink). *count and *err_off are always set. */
ACEH_INLINE aceh_status aceh__walk(const char *p, size_t len, size_t *count,
                                   size_t *err_off, aceh__sink *k)
{
#ifdef ACEH_SIMD
    *count = 0;
    *err_off = 0;
    if (p == NULL && len != 0)
        return ACEH_E_NULL;
    return aceh__validate_chunks((const unsigned char *)p, len, count,
                                 err_off, k);
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
        const unsigned char *comma =
            (const unsigned char *)memchr(p + *pos, ',', end - *pos);
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
 * the credentials mode is not include; the seed's reading keeps
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
 * Response filter
 * ------------------------------------------------------------------------ */

enum { ACEH__LINE = 1, ACEH__LISTED = 2 };

aceh_status aceh_filter(const aceh_header *headers, size_t n, aceh_mode mode,
                        unsigned flags, unsigned char *readable,
                        size_t *err_index, size_t *err_off)
{
    size_t i, j;
    int present = 0, wildcard = 0;
    aceh_status st = ACEH_OK;

    if (err_index)
        *err_index = 0;
    if (err_off)
        *err_off = 0;
    if (n == 0)
        return ACEH_OK;
    if (headers == NULL || readable == NULL)
        return ACEH_E_NULL;
    /* readable[] holds two marks until the end: ACEH__LINE on the ACEH
     * lines, which are all validated before any name counts ... */
    for (i = 0; i < n; i++) {
        size_t off;

        readable[i] = ACEH__EQ_LIT(headers[i].name, headers[i].name_len,
                                   "access-control-expose-headers")
                          ? ACEH__LINE
                          : 0;
        if (readable[i] == 0 || st != ACEH_OK)
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
    /* ... and ACEH__LISTED on every header a valid list names. */
    for (i = 0; i < n && st == ACEH_OK; i++) {
        const unsigned char *p = (const unsigned char *)headers[i].value;
        size_t pos = 0;
        aceh_slice s;

        if (!(readable[i] & ACEH__LINE))
            continue;
        while (aceh__split_next(p, headers[i].value_len, &pos, &s)) {
            wildcard |= aceh__is_wildcard(p + s.off, s.len);
            for (j = 0; j < n; j++)
                if (aceh_name_eq((const char *)p + s.off, s.len,
                                 headers[j].name, headers[j].name_len))
                    readable[j] |= ACEH__LISTED;
        }
    }
    for (j = 0; j < n; j++) {
        aceh_verdict v =
            aceh__decide_name(headers[j].name, headers[j].name_len);
        if (v == 0) {
            if (!present)
                v = ACEH_HIDDEN_ABSENT;
            else if (st != ACEH_OK)
                v = ACEH_HIDDEN_INVALID;
            else
                v = aceh__decide_list(headers[j].name, headers[j].name_len,
                                      mode, flags,
                                      (readable[j] & ACEH__LISTED) != 0,
                                      wildcard);
        }
        readable[j] = v > 0;
    }
    return st;
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
