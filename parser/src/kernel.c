/* SPDX-License-Identifier: MIT */
/* The fast path: the loads of each SIMD level, the block kernel (the
 * grammar as mask arithmetic, the one way the fast path finds names and
 * errors), and its consumers, one instance per level (ACEH__INSTANCE; the
 * names it makes are listed beside it). */

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
        const uint64_t w =
            aceh__load4(q) | (uint64_t)aceh__load4(q + n - 4) << 32;

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
        /* Every end closes a start, so k < ns while j < ne: the entries
         * read were written above. */
        ACEH__ASSERT(k < ns && j < ne);
        b->out[b->done + j].off = base + sp[k];
        b->out[b->done + j].len = (size_t)(ep[j] - sp[k]);
    }
    k += ne - j; /* the names past the room */
    b->done += ne;
    if (k < ns) {
        b->pending = 1;
        b->start = base + sp[k];
    }
}

/* ------------------------------------------------------------------------
 * The block kernel: RFC 9110's list grammar as mask arithmetic over the 64
 * bytes of a block, with two bits carried from block to block. Every
 * consumer below takes its names and errors from it; each decides only
 * what to do with them (count, store, pop one, compare with a query) and
 * how much input to load.
 * ------------------------------------------------------------------------ */

/* What one block hands to the next: it ended inside a name (prev_t), or
 * inside OWS that follows a name (in_ows). Both 0 at an element boundary
 * (the start of a value, the byte after a comma). */
typedef struct aceh__carry {
    uint64_t prev_t, in_ows;
} aceh__carry;

/* What the kernel finds in a block, bit k for byte k: the first byte of
 * each name (starts), the first byte after each name (stops; a name that
 * runs to the end of the input has none), and the bytes that break the
 * grammar (err): a byte in no class, or a tchar after OWS after a name (a
 * missing comma). */
typedef struct aceh__marks {
    uint64_t starts, stops, err;
} aceh__marks;

/* The marks of block m, whose bytes past the input are outside `valid`
 * (and clear in all three of m's masks), and the carry for the next block.
 * A missing comma is a tchar that ends an OWS run which itself began right
 * after a tchar: adding the run starts to the OWS mask carries through
 * each run onto the byte after it (a tchar is never OWS, so a tchar bit of
 * the sum is such a byte). */
ACEH_INLINE void aceh__block(const aceh__blk64 *m, uint64_t valid,
                             aceh__carry *c, aceh__marks *k)
{
    const uint64_t tp = (m->t << 1) | c->prev_t; /* byte before: tchar */
    const uint64_t sum = m->s + (m->s & tp);
    const uint64_t sum2 = sum + c->in_ows;

    k->starts = m->t & ~tp;
    k->stops = ~m->t & tp & valid;
    k->err = (~(m->t | m->s | m->c) & valid) | (sum2 & m->t);
    c->prev_t = m->t >> 63;
    c->in_ows = (uint64_t)(sum < m->s) | (uint64_t)(sum2 < sum);
}

/* Bits [0, n) of a block, n <= 64. */
ACEH_INLINE uint64_t aceh__below(size_t n)
{
    return n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
}

/* ------------------------------------------------------------------------
 * Whole lines, block after block (aceh_validate, aceh_split and aceh__walk
 * on lines longer than a window)
 * ------------------------------------------------------------------------ */

/* The chunk loop's sink with nothing to store and a query of 1 to 64
 * bytes (qlen 0 wraps): find its length by masks instead of walking every
 * name. A name of length L has its last byte L - 1 after its start, which
 * lies in this chunk or the one before (*k_starts, then this chunk's); a
 * span that only looks so holds a non-tchar and never equals the query, a
 * token. A name's last byte is exact once the next chunk's first byte is
 * known. */
ACEH_INLINE void aceh__chunk_query(aceh__sink *k, const unsigned char *p,
                                   size_t i, size_t len, uint64_t t,
                                   uint64_t starts, uint64_t *k_starts)
{
    const size_t ql = k->qlen;
    uint64_t last = t & ~(t >> 1), one, cand;

    last &= ~((uint64_t)(i + 64 < len && aceh_class[p[i + 64]] == ACEH__T)
              << 63);
    one = starts & last;
    cand = ((starts << (ql - 1)) | ((*k_starts >> 1) >> (64 - ql))) & last;
    *k_starts = starts;
    for (; one != 0; one &= one - 1)
        k->wildcard |= p[i + (size_t)__builtin_ctzll(one)] == '*';
    for (; cand != 0; cand &= cand - 1)
        k->listed |= aceh__eq_fold(
            p + i + (size_t)__builtin_ctzll(cand) + 1 - ql, k->q, ql);
}

/* The chunk loop's sink otherwise: every name to aceh__sink_name. Name
 * bounds alternate in byte order: a start, then a stop (a name at the end
 * of the line ends after the loop; *start and *pending carry one across
 * chunks). A name reaches the sink when it ends, before its element is
 * known to be whole: aceh__chunk_fail takes back the one name of a
 * failing element. */
ACEH_INLINE void aceh__chunk_pairs(aceh__sink *k, const unsigned char *p,
                                   size_t i, uint64_t stop, uint64_t starts,
                                   size_t *start, int *pending)
{
    for (;;) {
        if (!*pending) {
            if (starts == 0)
                break;
            *start = i + (size_t)__builtin_ctzll(starts);
            starts &= starts - 1;
            *pending = 1;
        }
        if (stop == 0)
            break;
        aceh__sink_name(k, p, *start,
                        i + (size_t)__builtin_ctzll(stop) - *start);
        stop &= stop - 1;
        *pending = 0;
    }
}

/* The sink's part of the block that holds an error: the names that end
 * before the error, then the line's names cut to the n whole ones (from
 * k->first on). That takes back the one name of the failing element that
 * may have ended before the error, in this block or an earlier one (a
 * second name in that element would itself be the error). Out of line,
 * with the line's start read from the sink (aceh__walk sets it): this
 * inlined, or that start held or set in the chunk loop, cost the loop
 * about 15% on valid lines (gcc 12, Zen 5). */
static ACEH__NOINLINE void aceh__chunk_fail(aceh__sink *k,
                                            const unsigned char *p, size_t i,
                                            uint64_t stop, uint64_t starts,
                                            size_t start, int pending,
                                            size_t n)
{
    aceh__chunk_pairs(k, p, i, stop, starts, &start, &pending);
    if (k->stored - k->first > n)
        k->stored = k->first + n;
}

/* A whole line through the kernel: *count names (before the first error),
 * the error and its offset. Names go to the sink k or the batch b (either
 * may be NULL, not both set); on error both hold exactly the names before
 * the failing element (as many as fit), as the scalar loop's do. `open`
 * tells whether the element at the end of the blocks so far has a name and
 * no comma yet: the element holding an error yields no name. */
ACEH_INLINE aceh_status aceh__validate_chunks(const unsigned char *p,
                                             size_t len, size_t *count,
                                             size_t *err_off, aceh__sink *k,
                                             aceh__batch *bt, int L)
{
    aceh__carry c = {0, 0};
    size_t start = 0; /* of a name that has begun but not ended yet */
    int pending = 0;
    uint64_t k_starts = 0; /* the name starts of the chunk before */
    uint64_t open = 0;
    size_t i, n = 0;

    for (i = 0; i < len; i += 64) {
        aceh__blk64 m;
        aceh__marks mk;
        uint64_t below, st, cm;
        unsigned e;

        aceh__load64(p, i, len, &m, L);
        aceh__block(&m, aceh__below(len - i), &c, &mk);
        if (mk.err != 0) {
            e = (unsigned)__builtin_ctzll(mk.err);
            below = ((uint64_t)1 << e) - 1;
            st = mk.starts & below;
            cm = m.c & below;
            n += aceh__popcount64(st);
            n -= (size_t)((st > cm) | (((st | cm) == 0) & (open != 0)));
            *count = n;
            *err_off = i + e;
            if (bt != NULL) {
                /* Names before the error may include one of the failing
                 * element: only the n whole ones are written. */
                if (bt->cap > n)
                    bt->cap = n;
                aceh__batch_put(bt, i, st, mk.stops & below, L);
            } else if (k != NULL && k->cap != 0) {
                aceh__chunk_fail(k, p, i, mk.stops & below, st, start,
                                 pending, n);
            }
            return aceh__mask_error(p[i + e]);
        }
        n += aceh__popcount64(mk.starts);
        if (bt != NULL)
            aceh__batch_put(bt, i, mk.starts, mk.stops, L);
        else if (k != NULL && k->cap == 0 && k->qlen - 1 < 64)
            aceh__chunk_query(k, p, i, len, m.t, mk.starts, &k_starts);
        else if (k != NULL)
            aceh__chunk_pairs(k, p, i, mk.stops, mk.starts, &start,
                              &pending);
        open = (uint64_t)(mk.starts > m.c) |
               (open & (uint64_t)((mk.starts | m.c) == 0));
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

/* ------------------------------------------------------------------------
 * One window at a time (the iterator, and lines of up to 64 bytes)
 * ------------------------------------------------------------------------ */

/* The names of the whole elements in one window. */
typedef struct aceh__win {
    uint64_t t, s;  /* name starts and name last bytes, bit k: byte i + k */
    size_t cut;     /* bytes of whole elements from i */
    aceh__u64 err;  /* offset + 1 of an error right after them; 0: none */
} aceh__win;

/* The window of the 64 bytes at i, an element boundary, so the kernel
 * starts with nothing carried. The elements that end in it (the input
 * ends in it, or a comma does) are whole: their names are in w->t and
 * w->s, and w->cut bytes hold them. An error among them cuts the window at
 * the start of its element and is reported in w->err. With no comma in a
 * window that does not reach the end, w->cut is 0 and nothing is set: that
 * element is longer than the window. */
ACEH_INLINE void aceh__window(const unsigned char *p, size_t i, size_t len,
                              aceh__win *w, int L)
{
    const size_t rest = len - i;
    aceh__carry c = {0, 0};
    aceh__blk64 m;
    aceh__marks mk;
    uint64_t keep = aceh__below(rest);
    size_t cut = rest;

    aceh__load64(p, i, len, &m, L);
    aceh__block(&m, keep, &c, &mk);
    if (rest > 64) {
        /* Up to the last comma; 0 when there is none. */
        cut = m.c != 0 ? 64 - (size_t)__builtin_clzll(m.c) : 0;
        keep = aceh__below(cut);
    }
    mk.err &= keep;
    w->err = 0;
    if (mk.err != 0) {
        /* The names before the erring element's comma still count. */
        const unsigned e = (unsigned)__builtin_ctzll(mk.err);
        const uint64_t cm = m.c & (((uint64_t)1 << e) - 1);

        cut = cm != 0 ? 64 - (size_t)__builtin_clzll(cm) : 0;
        keep = aceh__below(cut);
        w->err = (aceh__u64)(i + e) + 1;
    }
    w->t = mk.starts & keep;
    w->s = m.t & ~(m.t >> 1) & keep;
    w->cut = cut;
}

/* A line of 1 to 64 bytes from one window: its names go to
 * names[0 .. cap) (aceh_split; *count tells how many there are) or, when
 * k is set, to the sink (aceh__walk). */
ACEH_INLINE aceh_status aceh__short(const unsigned char *p, size_t len,
                                   aceh_slice *names, size_t cap,
                                   aceh__sink *k, size_t *count,
                                   size_t *err_off, int L)
{
    aceh__win w;
    uint64_t t, s;
    size_t n = 0;

    aceh__window(p, 0, len, &w, L);
    for (t = w.t, s = w.s; t != 0 && (k != NULL || n < cap); n++) {
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
    *count = n + aceh__popcount64(t);
    if (w.err != 0) {
        *err_off = (size_t)(w.err - 1);
        return aceh__mask_error(p[*err_off]);
    }
    *err_off = 0;
    return ACEH_OK;
}

/* The iterator's next window, at it->pos; it->pos moves past its whole
 * elements, an error among them waits in it->wc. */
ACEH_INLINE void aceh__iter_window(aceh_iter *it, int L)
{
    aceh__win w;

    aceh__window(it->p, it->pos, it->len, &w, L);
    it->win = it->pos;
    it->wt = w.t;
    it->ws = w.s;
    it->wc = w.err;
    it->pos += w.cut;
}

/* The element at it->pos when it is longer than a window (no comma in its
 * first 64 bytes): block after block up to its comma, with the carry. It
 * holds at most one name (a second start is an error), so its first start
 * and first stop bound it. Returns 1 with its name, or 0: the element was
 * empty (it->pos is past its comma), the value ended, or it failed. Linear
 * in the element's length. */
ACEH_INLINE int aceh__iter_long(aceh_iter *it, aceh_slice *name, int L)
{
    const size_t len = it->len;
    aceh__carry c = {0, 0};
    size_t i, start = len, stop = len; /* len: not found yet */

    for (i = it->pos; i < len; i += 64) {
        aceh__blk64 m;
        aceh__marks mk;
        uint64_t own = ~(uint64_t)0; /* the element's bytes, its comma */

        aceh__load64(it->p, i, len, &m, L);
        aceh__block(&m, aceh__below(len - i), &c, &mk);
        if (m.c != 0)
            own = m.c ^ (m.c - 1);
        if ((mk.err & own) != 0) {
            const size_t e = i + (size_t)__builtin_ctzll(mk.err & own);

            return aceh__iter_fail(it, e, aceh__mask_error(it->p[e]));
        }
        if (start == len && (mk.starts & own) != 0)
            start = i + (size_t)__builtin_ctzll(mk.starts & own);
        if (stop == len && (mk.stops & own) != 0)
            stop = i + (size_t)__builtin_ctzll(mk.stops & own);
        if (m.c != 0) {
            it->pos = i + (size_t)__builtin_ctzll(m.c) + 1;
            break;
        }
    }
    if (i >= len)
        it->pos = len;
    if (start == len)
        return 0;
    name->off = start;
    name->len = stop - start;
    return 1;
}

/* aceh_iter_next once the current window's names are out: the next
 * window, a long element, the end or the error kept for later. */
ACEH_INLINE int aceh__iter_refill(aceh_iter *it, aceh_slice *name, int L)
{
    while (aceh__iter_due(it)) {
        const size_t j = it->pos;

        aceh__iter_window(it, L);
        if (it->wt != 0)
            return aceh__iter_pop(it, name);
        if (it->pos == j && it->wc == 0 && aceh__iter_long(it, name, L))
            return 1;
    }
    return 0;
}

/* The longest line aceh_split takes window by window. */
#define ACEH__SPLIT_WINDOWS 256

/* aceh_split of a line of a few windows, window after window as the
 * iterator goes: cheaper there than the chunk loop's batch, which pays
 * for flattening its masks. */
ACEH_INLINE aceh_status aceh__split_windows(const unsigned char *p,
                                           size_t len, aceh_slice *names,
                                           size_t cap, size_t *count,
                                           size_t *err_off, int L)
{
    aceh_iter it;
    aceh_slice s;
    size_t n = 0;

    aceh__iter_reset(&it, p, len);
    while (it.wt != 0 ? aceh__iter_pop(&it, &s)
                      : aceh__iter_refill(&it, &s, L)) {
        if (n < cap)
            names[n] = s;
        n++;
    }
    *count = n;
    *err_off = it.err_off;
    return it.status;
}

/* One copy of the consumers per level, each compiled for its instruction
 * set: plain validation, with a sink (lines up to a window, longer ones),
 * the split (the same), the iterator's refill and its first window.
 * ACEH__CALL (dispatch.c) picks the copy of a level; level 0 is the scalar
 * reference loop (tokenizer.c). None is inlined into its caller: the short
 * paths keep small frames, and the caller's stays free of the long ones.
 * The names it makes, one row per function, one column per level (a level
 * this build does not compile has none):
 *   aceh__valid_1   aceh__valid_2   aceh__valid_3   aceh__valid_4
 *   aceh__sinkv_1   aceh__sinkv_2   aceh__sinkv_3   aceh__sinkv_4
 *   aceh__sinkl_1   aceh__sinkl_2   aceh__sinkl_3   aceh__sinkl_4
 *   aceh__splitv_1  aceh__splitv_2  aceh__splitv_3  aceh__splitv_4
 *   aceh__splitl_1  aceh__splitl_2  aceh__splitl_3  aceh__splitl_4
 *   aceh__refill_1  aceh__refill_2  aceh__refill_3  aceh__refill_4
 *   aceh__start_1   aceh__start_2   aceh__start_3   aceh__start_4 */
#define ACEH__FN(L) static ACEH__NOINLINE ACEH__ATTR_##L
#define ACEH__INSTANCE(L)                                                   \
    ACEH__FN(L) aceh_status aceh__valid_##L(                                \
        const unsigned char *p, size_t len, size_t *count, size_t *err_off) \
    {                                                                       \
        return aceh__validate_chunks(p, len, count, err_off, NULL, NULL,    \
                                     L);                                    \
    }                                                                       \
    ACEH__FN(L) aceh_status aceh__sinkl_##L(                                \
        const unsigned char *p, size_t len, size_t *count, size_t *err_off, \
        aceh__sink *k)                                                      \
    {                                                                       \
        return aceh__validate_chunks(p, len, count, err_off, k, NULL, L);   \
    }                                                                       \
    ACEH__FN(L) aceh_status aceh__sinkv_##L(                                \
        const unsigned char *p, size_t len, size_t *count, size_t *err_off, \
        aceh__sink *k)                                                      \
    {                                                                       \
        if (len - 1 < 64) /* 1 to 64 bytes */                               \
            return aceh__short(p, len, NULL, 0, k, count, err_off, L);      \
        return aceh__sinkl_##L(p, len, count, err_off, k);                  \
    }                                                                       \
    ACEH__FN(L) aceh_status aceh__splitl_##L(                               \
        const unsigned char *p, size_t len, aceh_slice *names, size_t cap,  \
        size_t *count, size_t *err_off)                                     \
    {                                                                       \
        aceh__batch b = {NULL, 0, 0, 0, 0};                                 \
        size_t n, off;                                                      \
        aceh_status st;                                                     \
                                                                            \
        b.out = names;                                                      \
        b.cap = cap;                                                        \
        if (len <= ACEH__SPLIT_WINDOWS)                                     \
            st = aceh__split_windows(p, len, names, cap, &n, &off, L);      \
        else                                                                \
            st = aceh__validate_chunks(p, len, &n, &off, NULL, &b, L);      \
        return aceh__split_done(st, n, off, cap, count, err_off);           \
    }                                                                       \
    ACEH__FN(L) aceh_status aceh__splitv_##L(                               \
        const unsigned char *p, size_t len, aceh_slice *names, size_t cap,  \
        size_t *count, size_t *err_off)                                     \
    {                                                                       \
        size_t n, off;                                                      \
        aceh_status st;                                                     \
                                                                            \
        if (len - 1 >= 64)                                                  \
            return aceh__splitl_##L(p, len, names, cap, count, err_off);    \
        st = aceh__short(p, len, names, cap, NULL, &n, &off, L);            \
        return aceh__split_done(st, n, off, cap, count, err_off);           \
    }                                                                       \
    ACEH__FN(L) int aceh__refill_##L(aceh_iter *it, aceh_slice *name)       \
    {                                                                       \
        return aceh__iter_refill(it, name, L);                              \
    }                                                                       \
    ACEH__FN(L) void aceh__start_##L(aceh_iter *it)                         \
    {                                                                       \
        aceh__iter_window(it, L);                                           \
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
