/* SPDX-License-Identifier: MIT */
/*
 * A plain-C model of what parser/aceh.c's SSE2 path uses: ten SSE2
 * intrinsics over 16-byte arrays, __builtin_ctzll and __builtin_clzll.
 * Frama-C cannot read GCC's intrinsics headers, so `make prove` analyses
 * the SSE2 build with these definitions in their place (model/immintrin.h
 * maps the names). proof/model_test.c checks every function here against
 * the real intrinsic, bit for bit: all byte pairs for the byte-wise ones,
 * many random inputs for the rest.
 *
 * Lane i of a vector is byte i, the byte at the lowest address when the
 * vector is loaded from memory (x86 is little-endian). The builtins'
 * argument 0 is undefined behaviour in GCC: their ACSL contracts require a
 * nonzero argument, and Eva reports every call it cannot show nonzero.
 */
#ifndef PROOF_SSE2_MODEL_H
#define PROOF_SSE2_MODEL_H

typedef struct proof_v128 {
    unsigned char b[16];
} proof_v128;

/* A byte as the signed 8-bit lane the compare instructions see. */
static int proof_lane_signed(unsigned char x)
{
    return x < 0x80 ? (int)x : (int)x - 256;
}

/* pcmpeqb, pcmpgtb: all ones where the predicate holds, else zero. */
static proof_v128 proof_mm_cmpeq_epi8(proof_v128 a, proof_v128 b)
{
    proof_v128 r;
    int i;

    for (i = 0; i < 16; i++)
        r.b[i] = a.b[i] == b.b[i] ? 0xff : 0;
    return r;
}

static proof_v128 proof_mm_cmpgt_epi8(proof_v128 a, proof_v128 b)
{
    proof_v128 r;
    int i;

    for (i = 0; i < 16; i++)
        r.b[i] = proof_lane_signed(a.b[i]) > proof_lane_signed(b.b[i]) ? 0xff
                                                                       : 0;
    return r;
}

/* pcmpgtb with its operands swapped. */
static proof_v128 proof_mm_cmplt_epi8(proof_v128 a, proof_v128 b)
{
    return proof_mm_cmpgt_epi8(b, a);
}

static proof_v128 proof_mm_and_si128(proof_v128 a, proof_v128 b)
{
    proof_v128 r;
    int i;

    for (i = 0; i < 16; i++)
        r.b[i] = (unsigned char)(a.b[i] & b.b[i]);
    return r;
}

static proof_v128 proof_mm_or_si128(proof_v128 a, proof_v128 b)
{
    proof_v128 r;
    int i;

    for (i = 0; i < 16; i++)
        r.b[i] = (unsigned char)(a.b[i] | b.b[i]);
    return r;
}

/* pmovmskb: bit i is the top bit of lane i; bits 16-31 are zero. */
static int proof_mm_movemask_epi8(proof_v128 a)
{
    int i, m = 0;

    for (i = 0; i < 16; i++)
        m |= (a.b[i] >> 7) << i;
    return m;
}

static proof_v128 proof_mm_set1_epi8(char c)
{
    proof_v128 r;
    int i;

    for (i = 0; i < 16; i++)
        r.b[i] = (unsigned char)c;
    return r;
}

/* Lanes 0-7: lo, least significant byte first; lanes 8-15: hi. */
static proof_v128 proof_mm_set_epi64x(long long hi, long long lo)
{
    const unsigned long long h = (unsigned long long)hi;
    const unsigned long long l = (unsigned long long)lo;
    proof_v128 r;
    int i;

    for (i = 0; i < 8; i++) {
        r.b[i] = (unsigned char)(l >> (8 * i));
        r.b[i + 8] = (unsigned char)(h >> (8 * i));
    }
    return r;
}

static proof_v128 proof_mm_setzero_si128(void)
{
    proof_v128 r;
    int i;

    for (i = 0; i < 16; i++)
        r.b[i] = 0;
    return r;
}

/* movdqu: 16 bytes from p, any alignment. Every byte is read, so the
 * analysis checks that all 16 are inside the object p points into. */
static proof_v128 proof_mm_loadu_si128(const void *p)
{
    const unsigned char *q = (const unsigned char *)p;
    proof_v128 r;
    int i;

    for (i = 0; i < 16; i++)
        r.b[i] = q[i];
    return r;
}

/* Index of the lowest set bit. */
/*@ requires x != 0;
    assigns \nothing;
    ensures 0 <= \result <= 63; */
static int proof_ctzll(unsigned long long x)
{
    int n = 0;

    while (n < 63 && !((x >> n) & 1u))
        n++;
    return n;
}

/* Number of zero bits above the highest set bit. */
/*@ requires x != 0;
    assigns \nothing;
    ensures 0 <= \result <= 63; */
static int proof_clzll(unsigned long long x)
{
    int n = 0;

    while (n < 63 && !((x >> (63 - n)) & 1u))
        n++;
    return n;
}

#endif /* PROOF_SSE2_MODEL_H */
