/* SPDX-License-Identifier: MIT */
/* The name index of the filter and the name set. */

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
 * The library's one lookup structure. Two lookups without it exist on
 * purpose: aceh_list_decide and a preflight's unsorted unsafe names
 * compare each name (O(count) per query is their contract: they have no
 * memory to build an index in), and a preflight's sorted unsafe names are
 * searched in place in the caller's array (aceh__pf_bsearch).
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

/* Slot i of s (w bytes each). */
/*@ assigns \nothing; */
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

/* A name's bytes and length, returned by value: a caller keeps them in
 * locals, which calls in its loops are not seen to change. */
typedef struct aceh__bytes {
    const unsigned char *p;
    size_t len;
} aceh__bytes;

/* Entry k's name. */
/*@ assigns \nothing;
    ensures name: \valid_read(\result.p + (0 .. \result.len - 1));
 */
ACEH_INLINE aceh__bytes aceh__key(const aceh__index *x, size_t k)
{
    aceh__bytes r;

    if (x->hdr != NULL) {
        r.p = ACEH__U(x->hdr[k].name);
        r.len = x->hdr[k].name_len;
    } else {
        r.p = ACEH__U(aceh_list_name_ptr(x->list, k));
        r.len = x->list->names[k].len;
    }
    /* Entries are stored names of a list (k below its count) or header
     * names the filter checked: never NULL with a length. */
    ACEH__ASSERT(r.p != NULL || r.len == 0);
    return r;
}

/*@ requires \valid_read(p + (0 .. n - 1));
    assigns \nothing;
 */
ACEH_INLINE size_t aceh__bucket(const aceh__index *x,
                                const unsigned char *p, size_t n)
{
    /* The top bits are the best mixed; nb is at most 2^32. */
    return (size_t)(aceh__hash_fold(p, n) >> 32) & (x->nb - 1);
}

/* A total order on names: by length, then by folded 8-byte words (as
 * integers, not bytes: any total order does). 0 exactly when
 * aceh_name_eq. Costs at most n / 8 + 1 word compares. One of the two
 * orders the library needs: the sorted index wants the cheapest total
 * order, the preflight's sorted names Fetch's byte order (aceh__cmp_lex,
 * preflight.c), which this one is not. */
/*@ requires a: \valid_read(a + (0 .. alen - 1));
    requires b: \valid_read(b + (0 .. blen - 1));
    assigns \nothing;
 */
static int aceh__cmp_fold(const unsigned char *a, size_t alen,
                          const unsigned char *b, size_t blen)
{
    uint64_t x = 0, y = 0;
    size_t i;

    if (alen != blen)
        return alen < blen ? -1 : 1;
    if (alen >= 8) {
        /*@ loop invariant 0 <= i < alen;
            loop assigns i, x, y; */
        for (i = 0; alen - i > 8 && x == y; i += 8) {
            x = aceh__fold8(aceh__load8(a + i));
            y = aceh__fold8(aceh__load8(b + i));
        }
        if (x == y) {
            x = aceh__fold8(aceh__load8(a + (alen - 8)));
            y = aceh__fold8(aceh__load8(b + (alen - 8)));
        }
    } else {
        /*@ loop invariant 0 <= i <= alen;
            loop assigns i, x, y; */
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
    /* Both callers point b into memory of at least aceh_set_size() or
     * 8 * chunk bytes, checked before they index anything. */
    ACEH__ASSERT(x->b != NULL);
    memset(x->b, 0, nb * x->w);
    for (k = 0; k < x->m; k++) {
        aceh__bytes n, o;
        size_t e, bk, depth = 0;

        if (marks != NULL && !(marks[k] & ACEH__ASK))
            continue;
        n = aceh__key(x, k);
        bk = aceh__bucket(x, n.p, n.len);
        /*@ loop assigns e, depth, o; */
        for (e = aceh__slot(x->b, x->w, bk); e != 0;
             e = aceh__slot(x->a, x->w, e - 1), depth++) {
            o = aceh__key(x, e - 1);
            if (o.len == n.len && aceh__eq_fold(n.p, o.p, n.len))
                break;
        }
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

/*@ assigns \nothing; */
static int aceh__cmp_entries(const aceh__index *x, size_t i, size_t j)
{
    const aceh__bytes a = aceh__key(x, i), b = aceh__key(x, j);

    return aceh__cmp_fold(a.p, a.len, b.p, b.len);
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
/*@ requires \valid_read(p + (0 .. len - 1)); */
ACEH_INLINE size_t aceh__index_find(const aceh__index *x,
                                    const unsigned char *p, size_t len)
{
    aceh__bytes o;
    size_t e, lo = 0, hi = x->cnt;

    if (x->nb != 0) {
        /*@ loop assigns e, o; */
        for (e = aceh__slot(x->b, x->w, aceh__bucket(x, p, len)); e != 0;
             e = aceh__slot(x->a, x->w, e - 1)) {
            o = aceh__key(x, e - 1);
            if (o.len == len && aceh__eq_fold(p, o.p, len))
                return e;
        }
        return 0;
    }
    /*@ loop assigns lo, hi, o; */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        o = aceh__key(x, aceh__slot(x->order, x->w, mid));
        if (aceh__cmp_fold(o.p, o.len, p, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == x->cnt)
        return 0;
    e = aceh__slot(x->order, x->w, lo);
    o = aceh__key(x, e);
    return aceh__cmp_fold(o.p, o.len, p, len) == 0 ? e + 1 : 0;
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
