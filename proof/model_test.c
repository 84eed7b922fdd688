/* SPDX-License-Identifier: MIT */
/*
 * The SSE2 model that `make prove` analyses (proof/model/sse2_model.h)
 * against the compiler's real intrinsics and builtins, bit for bit:
 * every byte pair in every lane for the byte-wise operations, every byte
 * for _mm_set1_epi8, every top-bit pattern for _mm_movemask_epi8, every
 * single bit for ctz/clz, and a million pseudo-random inputs (fixed seed,
 * so that a failure repeats) for all of them. Run on x86-64 only
 * (proof/proof.mk); elsewhere it builds, for the strict-warnings step, into
 * a program that says it cannot compare and fails.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(__SSE2__)
#include <immintrin.h>

#include "model/sse2_model.h"

#define RANDOM_ROUNDS 1000000

static unsigned long failures;

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

/* xorshift64*: reproducible inputs without libc's rand(). */
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1du;
}

static proof_v128 rnd_v(void)
{
    proof_v128 v;
    const uint64_t lo = rnd(), hi = rnd();
    int i;

    for (i = 0; i < 8; i++) {
        v.b[i] = (unsigned char)(lo >> (8 * i));
        v.b[i + 8] = (unsigned char)(hi >> (8 * i));
    }
    return v;
}

static __m128i real_of(proof_v128 v)
{
    return _mm_loadu_si128((const __m128i *)(const void *)v.b);
}

static void bytes_of(__m128i x, unsigned char out[16])
{
    _mm_storeu_si128((__m128i *)(void *)out, x);
}

static void show(const char *what, const unsigned char v[16])
{
    int i;

    fprintf(stderr, "  %s", what);
    for (i = 0; i < 16; i++)
        fprintf(stderr, " %02x", v[i]);
    fprintf(stderr, "\n");
}

/* The model's vector m against the real r; the first few mismatches are
 * shown with the operation's inputs. */
static void check_v(const char *op, proof_v128 m, __m128i r,
                    const proof_v128 *a, const proof_v128 *b)
{
    unsigned char rb[16];

    bytes_of(r, rb);
    if (memcmp(rb, m.b, 16) == 0)
        return;
    if (failures++ < 10) {
        fprintf(stderr, "model_test: %s differs\n", op);
        if (a)
            show("a    ", a->b);
        if (b)
            show("b    ", b->b);
        show("real ", rb);
        show("model", m.b);
    }
}

static void check_int(const char *op, long long model, long long real,
                      unsigned long long in)
{
    if (model == real)
        return;
    if (failures++ < 10)
        fprintf(stderr, "model_test: %s(%016llx): model %lld, real %lld\n",
                op, in, model, real);
}

static void binary_ops(const proof_v128 *a, const proof_v128 *b)
{
    const __m128i ra = real_of(*a), rb = real_of(*b);

    check_v("_mm_cmpeq_epi8", proof_mm_cmpeq_epi8(*a, *b),
            _mm_cmpeq_epi8(ra, rb), a, b);
    check_v("_mm_cmpgt_epi8", proof_mm_cmpgt_epi8(*a, *b),
            _mm_cmpgt_epi8(ra, rb), a, b);
    check_v("_mm_cmplt_epi8", proof_mm_cmplt_epi8(*a, *b),
            _mm_cmplt_epi8(ra, rb), a, b);
    check_v("_mm_and_si128", proof_mm_and_si128(*a, *b),
            _mm_and_si128(ra, rb), a, b);
    check_v("_mm_or_si128", proof_mm_or_si128(*a, *b), _mm_or_si128(ra, rb),
            a, b);
}

static void movemask(const proof_v128 *a)
{
    check_int("_mm_movemask_epi8", proof_mm_movemask_epi8(*a),
              _mm_movemask_epi8(real_of(*a)), 0);
}

static void bits(uint64_t x)
{
    check_int("__builtin_ctzll", proof_ctzll(x), __builtin_ctzll(x), x);
    check_int("__builtin_clzll", proof_clzll(x), __builtin_clzll(x), x);
}

int main(void)
{
    unsigned char mem[64];
    proof_v128 a, b;
    unsigned x, y, rot, i;
    unsigned long r;
    int k;

    /* Every byte pair (x, y), in every lane: lane i holds (x, y + i + rot)
     * for each rotation rot. */
    for (x = 0; x < 256; x++)
        for (y = 0; y < 256; y += 16)
            for (rot = 0; rot < 16; rot++) {
                for (i = 0; i < 16; i++) {
                    a.b[i] = (unsigned char)x;
                    b.b[i] = (unsigned char)(y + (i + rot) % 16);
                }
                binary_ops(&a, &b);
                binary_ops(&b, &a);
            }
    /* Every byte to _mm_set1_epi8. */
    for (x = 0; x < 256; x++)
        check_v("_mm_set1_epi8", proof_mm_set1_epi8((char)x),
                _mm_set1_epi8((char)x), NULL, NULL);
    check_v("_mm_setzero_si128", proof_mm_setzero_si128(),
            _mm_setzero_si128(), NULL, NULL);
    /* Every pattern of lane top bits, the rest of each byte random. */
    for (x = 0; x < 65536; x++) {
        a = rnd_v();
        for (i = 0; i < 16; i++)
            a.b[i] = (unsigned char)((a.b[i] & 0x7fu) | (((x >> i) & 1u) << 7));
        movemask(&a);
    }
    /* Every single bit, and every bit below a random one. */
    for (k = 0; k < 64; k++) {
        bits((uint64_t)1 << k);
        bits(~(uint64_t)0 >> k);
        bits(~(uint64_t)0 << k);
    }
    for (r = 0; r < RANDOM_ROUNDS; r++) {
        const uint64_t u = rnd(), v = rnd();
        const unsigned shift = (unsigned)(rnd() % 64);
        size_t off;

        a = rnd_v();
        b = rnd_v();
        binary_ops(&a, &b);
        movemask(&a);
        check_v("_mm_set_epi64x", proof_mm_set_epi64x((long long)u, (long long)v),
                _mm_set_epi64x((long long)u, (long long)v), NULL, NULL);
        /* Sparse values too: a random word shifted, never zero. */
        bits(u | 1u);
        bits((u >> shift) | ((uint64_t)1 << 63 >> shift));
        bits((v << shift) | ((uint64_t)1 << shift));
        /* Unaligned loads at every offset of a random buffer. */
        if (r % 64 == 0) {
            for (i = 0; i < sizeof mem; i += 8) {
                const uint64_t w = rnd();
                memcpy(mem + i, &w, 8);
            }
            for (off = 0; off + 16 <= sizeof mem; off++) {
                const __m128i rl =
                    _mm_loadu_si128((const __m128i *)(const void *)(mem + off));

                check_v("_mm_loadu_si128", proof_mm_loadu_si128(mem + off), rl,
                        NULL, NULL);
            }
        }
    }
    if (failures != 0) {
        fprintf(stderr, "model_test: %lu mismatches between the model and the "
                        "real intrinsics\n", failures);
        return 1;
    }
    printf("model_test: the SSE2 model matches the real intrinsics and "
           "builtins bit for bit\n");
    return 0;
}
#else
int main(void)
{
    fputs("model_test: no SSE2 on this target, nothing to compare with\n",
          stderr);
    return 1;
}
#endif
