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

#endif /* ACEH_FOLD_H */
