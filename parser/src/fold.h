/* SPDX-License-Identifier: MIT */
/* ASCII case folding, equality and the name hash. An internal header: the
 * amalgamation (scripts/amalgamate.sh) pastes it into parser/aceh.c, and
 * the unit tests and the filter benchmark include it to craft names that
 * collide under aceh__hash_fold, so that they always use the library's
 * own hash. */
#ifndef ACEH_FOLD_H
#define ACEH_FOLD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifndef ACEH_INLINE
#define ACEH_INLINE static inline
#endif

/* ------------------------------------------------------------------------
 * Name comparison and the name hash
 * ------------------------------------------------------------------------ */

/*@ assigns \nothing; */
static unsigned char aceh__ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

#define ACEH__ONES 0x0101010101010101u

/* x with 0x20 set in each byte that is an ASCII upper-case letter. Every
 * per-byte sum stays below 0x100, so no carry crosses bytes. */
/*@ assigns \nothing; */
static uint64_t aceh__fold8(uint64_t x)
{
    const uint64_t h = x & (0x7f * ACEH__ONES);
    const uint64_t ge_a = h + (0x80 - 'A') * ACEH__ONES; /* bit 7: >= 'A' */
    const uint64_t gt_z = h + (0x7f - 'Z') * ACEH__ONES; /* bit 7: > 'Z' */

    return x | ((ge_a & ~gt_z & ~x & (0x80 * ACEH__ONES)) >> 2);
}

/* clang's SLP vectorizer pairs the bytes of two neighbouring loads
 * (aceh__eq_fold compares a word of each name) into vector lanes and
 * loads them one by one; an empty asm on each word keeps it a word, which
 * the backend then loads at once. gcc needs none. 64-bit hosts only: a
 * 64-bit "r" operand is a register pair elsewhere. */
#if defined(__clang__) && (defined(__x86_64__) || defined(__aarch64__))
#define ACEH__WORD(x) __asm__("" : "+r"(x))
#else
#define ACEH__WORD(x) ((void)0)
#endif

/* The 8 bytes at p as a little-endian word (byte k in bits 8k..8k+7),
 * whatever the host's order; gcc and clang make it one load on a
 * little-endian host. Bytes, not memcpy into a word: a static analysis
 * then follows the reads. */
/*@ requires \valid_read(p + (0 .. 7));
    assigns \nothing;
 */
ACEH_INLINE uint64_t aceh__load8(const unsigned char *p)
{
    uint64_t x = (uint64_t)p[0] | (uint64_t)p[1] << 8 |
                 (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
                 (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
                 (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;

    ACEH__WORD(x);
    return x;
}

/* ASCII case-insensitive equality of n bytes, 8 at a time where there are
 * 8: the last word overlaps the one before instead of reading past n. */
/*@ requires a: \valid_read(a + (0 .. n - 1));
    requires b: \valid_read(b + (0 .. n - 1));
    assigns \nothing;
 */
ACEH_INLINE int aceh__eq_fold(const unsigned char *a, const unsigned char *b,
                              size_t n)
{
    size_t i;

    if (n >= 8) {
        /*@ loop invariant 0 <= i < n;
            loop assigns i; */
        for (i = 0; n - i > 8; i += 8)
            if (aceh__fold8(aceh__load8(a + i)) !=
                aceh__fold8(aceh__load8(b + i)))
                return 0;
        return aceh__fold8(aceh__load8(a + (n - 8))) ==
               aceh__fold8(aceh__load8(b + (n - 8)));
    }
    /*@ loop invariant 0 <= i <= n;
        loop assigns i; */
    for (i = 0; i < n; i++)
        if (aceh__ascii_lower(a[i]) != aceh__ascii_lower(b[i]))
            return 0;
    return 1;
}

/* The 4 bytes at p as a little-endian word, as aceh__load8. */
/*@ requires \valid_read(p + (0 .. 3));
    assigns \nothing;
 */
ACEH_INLINE uint32_t aceh__load4(const unsigned char *p)
{
    uint32_t x = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
                 (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

    ACEH__WORD(x);
    return x;
}

/* A hash that names equal under aceh_name_eq share: the length and the
 * folded bytes, read in the words aceh__eq_fold compares. */
/*@ requires \valid_read(p + (0 .. n - 1));
    assigns \nothing;
 */
ACEH_INLINE uint64_t aceh__hash_fold(const unsigned char *p, size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15u;
    uint64_t h = (uint64_t)n * k;
    size_t i;

    if (n >= 8) {
        /*@ loop invariant 0 <= i < n;
            loop assigns i, h; */
        for (i = 0; n - i > 8; i += 8) {
            h = (h ^ aceh__fold8(aceh__load8(p + i))) * k;
            h ^= h >> 29;
        }
        h = (h ^ aceh__fold8(aceh__load8(p + (n - 8)))) * k;
    } else if (n >= 4) {
        h = (h ^ aceh__fold8(aceh__load4(p) |
                             (uint64_t)aceh__load4(p + n - 4) << 32)) * k;
    } else {
        /*@ loop invariant 0 <= i <= n;
            loop assigns i, h; */
        for (i = 0; i < n; i++)
            h = (h ^ aceh__ascii_lower(p[i])) * k;
    }
    h ^= h >> 32;
    h *= k;
    return h ^ (h >> 29);
}

#endif /* ACEH_FOLD_H */
