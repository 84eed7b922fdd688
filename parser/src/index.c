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
/* The filter's own index: 1,536 headers, 8 bytes each (12 KiB). */
#define ACEH__STACK_N 1536
/* Slots hold entry numbers + 1 up to this. */
#define ACEH__WIDE_MAX ((size_t)0xfffffffeu)

typedef struct aceh__index {
    const aceh_header *hdr; /* entry k is hdr[k].name (filter) ... */
    const aceh_list *list;  /* ... or name k of list (name set) */
    unsigned char *a, *b;   /* m slots of 4 bytes each */
    unsigned char *order;   /* sorted: a or b, cnt entries */
    size_t m;
    size_t nb; /* hashed: buckets in b (a power of 2), chains in a; 0: sorted */
    size_t cnt;
} aceh__index;

/*@ assigns \nothing;
    ensures \result == (a < b ? a : b);
 */
static size_t aceh__min(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* In ACSL: the index's slots, 4 bytes each, little-endian. aceh__sv is
 * slot i's value, aceh__sinit says slots [lo, hi) are written, aceh__sle
 * that each of them is at most top, aceh__room that s holds n slots. */
/*@ logic integer aceh__sv{L}(unsigned char *s, integer i) =
        s[4 * i] + 256 * s[4 * i + 1] + 65536 * s[4 * i + 2] +
        16777216 * s[4 * i + 3];
    predicate aceh__sinit{L}(unsigned char *s, integer lo, integer hi) =
        \forall integer j; 4 * lo <= j < 4 * hi ==> \initialized(s + j);
    predicate aceh__sle{L}(unsigned char *s, integer lo, integer hi,
                           integer top) =
        \forall integer j; lo <= j < hi ==> aceh__sv(s, j) <= top;
    predicate aceh__room{L}(unsigned char *s, integer n) =
        \valid(s + (0 .. 4 * n - 1));
    predicate aceh__roomr{L}(unsigned char *s, integer n) =
        \valid_read(s + (0 .. 4 * n - 1));
    lemma aceh__sle_join{L}:
        \forall unsigned char *s, integer lo, mid, hi, top;
            lo <= mid <= hi && aceh__sle(s, lo, mid, top) &&
            aceh__sle(s, mid, hi, top) ==> aceh__sle(s, lo, hi, top);
 */

/* Slot i of s. */
/*@ requires i < 4294967296;
    requires aceh__roomr(s, i + 1);
    requires aceh__sinit(s, i, i + 1);
    assigns \nothing;
    ensures \result == aceh__sv(s, i);
 */
ACEH_INLINE size_t aceh__slot(const unsigned char *s, size_t i)
{
    /* Bytes added in shifted: gcc and clang load them as one word (gcc
     * does not for multiplications; WP proves the shifts with its
     * bit-shift tactic). */
    const unsigned char *q = s + 4 * i;
    size_t v = q[0];

    v += (size_t)q[1] << 8;
    v += (size_t)q[2] << 16;
    v += (size_t)q[3] << 24;
    return v;
}

/* Slot i of s := v, which fits in 4 bytes. */
/*@ requires v <= 4294967295;
    requires i < 4294967296;
    requires aceh__room(s, i + 1);
    assigns s[4 * i .. 4 * i + 3];
    ensures aceh__sinit(s, i, i + 1);
    ensures aceh__sv(s, i) == v;
    ensures grow: \old(aceh__sinit(s, 0, i)) ==> aceh__sinit(s, 0, i + 1);
    ensures keep: \forall integer n; i < n && \old(aceh__sinit(s, 0, n)) ==>
                  aceh__sinit(s, 0, n);
    ensures grow_le: \forall integer top; v <= top &&
                     \old(aceh__sle(s, 0, i, top)) ==>
                     aceh__sle(s, 0, i + 1, top);
    ensures keep_le: \forall integer n, top; i < n && v <= top &&
                     \old(aceh__sle(s, 0, n, top)) ==>
                     aceh__sle(s, 0, i + 1, top);
    ensures keep_up: \forall integer n, top; i < n &&
                     \old(aceh__sle(s, 0, n, top)) ==>
                     aceh__sle(s, i + 1, n, top);
    ensures other_init: \forall unsigned char *o, integer n;
                        \separated(s + (4 * i .. 4 * i + 3),
                                   o + (0 .. 4 * n - 1)) &&
                        \old(aceh__sinit(o, 0, n)) ==> aceh__sinit(o, 0, n);
    ensures other_bytes: \forall unsigned char *o, integer n, p;
                         \separated(s + (4 * i .. 4 * i + 3),
                                    o + (0 .. 4 * n - 1)) &&
                         0 <= p < 4 * n ==> o[p] == \old(o[p]);
    ensures other_sv: \forall unsigned char *o, integer j;
                      \separated(s + (4 * i .. 4 * i + 3),
                                 o + (4 * j .. 4 * j + 3)) ==>
                      aceh__sv(o, j) == \old(aceh__sv(o, j));
    ensures other_list: \forall aceh_list *l;
                        \separated(s + (4 * i .. 4 * i + 3), l,
                                   l->names + (0 .. l->stored - 1)) &&
                        \old(aceh_list_ok(l)) ==> aceh_list_ok(l);
 */
ACEH_INLINE void aceh__slot_set(unsigned char *s, size_t i, size_t v)
{
    /* Bytes, which gcc and clang store as one word. */
    unsigned char *q = s + 4 * i;

    q[0] = (unsigned char)(v % 256);
    q[1] = (unsigned char)(v / 256 % 256);
    q[2] = (unsigned char)(v / 65536 % 256);
    q[3] = (unsigned char)(v / 16777216);
}

/* In ACSL: the index. aceh__keys: entry k's name can be read for every
 * k < m. aceh__apart: p[0 .. n) apart from both slot arrays. aceh__built:
 * what a built index holds, every slot read written and naming an entry
 * (hashed: chain links and bucket heads at most m, 0 ending a chain;
 * sorted: order[0 .. cnt) below m). */
/*@ predicate aceh__keys{L}(aceh_header *hdr, aceh_list *list, integer m) =
        hdr != \null ? \valid_read(hdr + (0 .. m - 1))
                     : aceh_list_ok(list) && m <= list->stored &&
                       aceh__inside(list, m);
    predicate aceh__apart{L}(aceh__index *x, unsigned char *p, integer n) =
        \separated(p + (0 .. n - 1), x, x->a + (0 .. 4 * x->m - 1),
                   x->b + (0 .. 4 * x->m - 1));
    predicate aceh__built{L}(aceh_header *hdr, aceh_list *list,
                             unsigned char *a, unsigned char *b,
                             unsigned char *order, integer m, integer nb,
                             integer cnt) =
        m <= 4294967294 && aceh__keys(hdr, list, m) &&
        (nb != 0 ==> nb <= m && aceh__roomr(b, nb) && aceh__sinit(b, 0, nb) &&
                     aceh__sle(b, 0, nb, m) && aceh__roomr(a, m) &&
                     aceh__sinit(a, 0, m) && aceh__sle(a, 0, m, m)) &&
        (nb == 0 ==> cnt <= m && order == a && aceh__roomr(order, cnt) &&
                     aceh__sinit(order, 0, cnt) &&
                     aceh__sle(order, 0, cnt, m - 1));
    predicate aceh__index_ok{L}(aceh__index *x) =
        \valid_read(x) &&
        aceh__built(x->hdr, x->list, x->a, x->b, x->order, x->m, x->nb,
                    x->cnt);
 */

/* In ACSL, as clauses of kind KW (loop invariant, requires, ensures):
 * aceh__index_ok(X), one conjunct at a time: a caller's prover carries
 * each across its writes (into the filter's readable, into a set's local
 * index) where it does not carry the predicate whole, and proves each as a
 * goal of its own. */
#define ACEH__INDEX_PIECES(KW, X)                                            \
    KW keys: \valid_read(X) && (X)->m <= 4294967294 &&                       \
             aceh__keys((X)->hdr, (X)->list, (X)->m);                        \
    KW hroom: (X)->nb != 0 ==> (X)->nb <= (X)->m &&                          \
              aceh__roomr((X)->b, (X)->nb) && aceh__roomr((X)->a, (X)->m);   \
    KW hinit: (X)->nb != 0 ==> aceh__sinit((X)->b, 0, (X)->nb);              \
    KW ainit: (X)->nb != 0 ==> aceh__sinit((X)->a, 0, (X)->m);               \
    KW hle: (X)->nb != 0 ==> aceh__sle((X)->b, 0, (X)->nb, (X)->m);          \
    KW ale: (X)->nb != 0 ==> aceh__sle((X)->a, 0, (X)->m, (X)->m);           \
    KW oroom: (X)->nb == 0 ==> (X)->cnt <= (X)->m && (X)->order == (X)->a && \
              aceh__roomr((X)->order, (X)->cnt);                             \
    KW oinit: (X)->nb == 0 ==> aceh__sinit((X)->order, 0, (X)->cnt);         \
    KW ole: (X)->nb == 0 ==> aceh__sle((X)->order, 0, (X)->cnt, (X)->m - 1);

/* A name's bytes and length, returned by value: a caller keeps them in
 * locals, which calls in its loops are not seen to change. */
typedef struct aceh__bytes {
    const unsigned char *p;
    size_t len;
} aceh__bytes;

/* A string the caller gave, as bytes: (NULL, n) as the empty string. The
 * contract's promise on such strings ("(NULL, n > 0) is refused": any
 * other is readable for its length) is the assert, which Eva proves at
 * every string the driver gives: aceh.h's aceh_readable, stated of the
 * unsigned char pointer the goals of its callers are about. O(1). */
/*@ assigns \nothing;
    ensures \result.p == (unsigned char *)p && \result.len <= n;
    ensures \valid_read(\result.p + (0 .. \result.len - 1));
 */
ACEH_INLINE aceh__bytes aceh__given(const char *p, size_t n)
{
    aceh__bytes r;

    r.p = ACEH__U(p);
    /*@ assert r.p != \null ==> \valid_read(r.p + (0 .. n - 1)); */
    r.len = r.p != NULL ? n : 0;
    return r;
}

/* Entry k's name: a header's name (a NULL one as empty), or a stored
 * name of the list (inside its line: aceh_set_init checks it,
 * aceh__inside). O(1). */
/*@ requires \valid_read(x) && aceh__keys(x->hdr, x->list, x->m);
    requires k < x->m;
    assigns \nothing;
    ensures name: \valid_read(\result.p + (0 .. \result.len - 1));
 */
ACEH_INLINE aceh__bytes aceh__key(const aceh__index *x, size_t k)
{
    aceh__bytes r;

    if (x->hdr != NULL) {
        r = aceh__given(x->hdr[k].name, x->hdr[k].name_len);
    } else {
        r.p = ACEH__U(aceh_list_name_ptr(x->list, k));
        r.len = x->list->names[k].len;
    }
    /* Entries are stored names of a list (k below its count) or header
     * names the filter checked: never NULL with a length. */
    ACEH__ASSERT(r.p != NULL || r.len == 0);
    return r;
}

/*@ requires \valid_read(x) && 1 <= x->nb;
    requires \valid_read(p + (0 .. n - 1));
    assigns \nothing;
    ensures \result < x->nb;
 */
ACEH_INLINE size_t aceh__bucket(const aceh__index *x,
                                const unsigned char *p, size_t n)
{
    /* The top 32 bits, the best mixed, scaled to [0, nb) (nb is at most
     * 2^32, so the product fits): for a power of 2, the top bits. Written
     * as divisions, which compilers turn into shifts, for the provers. */
    return (size_t)(aceh__hash_fold(p, n) / 4294967296u * x->nb /
                    4294967296u);
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

/* marks[k] |= bit, with what the proof needs of it: slots and their
 * initialisation apart from marks[k] unchanged. */
/*@ requires \valid(marks + k);
    assigns marks[k];
    ensures other_sv: \forall unsigned char *o, integer j;
                      \separated(marks + k, o + (4 * j .. 4 * j + 3)) ==>
                      aceh__sv(o, j) == \old(aceh__sv(o, j));
    ensures other_init: \forall unsigned char *o, integer n;
                        \separated(marks + k, o + (0 .. 4 * n - 1)) &&
                        \old(aceh__sinit(o, 0, n)) ==> aceh__sinit(o, 0, n);
 */
ACEH_INLINE void aceh__mark(unsigned char *marks, size_t k, unsigned char bit)
{
    marks[k] |= bit;
}

/* The hash's buckets: nb, the least power of 2 not below (m + 1) / 2 (at
 * most 2 names a bucket, and at most m, what b holds), in x->nb, and each
 * bucket's chain empty (head 0). O(m). */
/*@ requires \valid(x) && 1 <= x->m <= 4294967294;
    requires aceh__room(x->b, x->m);
    requires \separated(x, x->b + (0 .. 4 * x->m - 1));
    assigns x->nb, x->b[0 .. 4 * x->m - 1];
    ensures 1 <= x->nb <= x->m;
    ensures aceh__sinit(x->b, 0, x->nb) && aceh__sle(x->b, 0, x->nb, 0);
 */
static void aceh__index_heads(aceh__index *x)
{
    unsigned char *const b = x->b;
    const size_t m = x->m;
    size_t k, nb = 1;

    /*@ loop invariant 1 <= nb < 2 * ((m + 1) / 2);
        loop assigns nb; */
    while (nb < (m + 1) / 2)
        nb *= 2;
    /*@ assert nb <= m; */
    x->nb = nb;
    /*@ loop invariant 0 <= k <= nb;
        loop invariant aceh__sinit(b, 0, k);
        loop invariant aceh__sle(b, 0, k, 0);
        loop assigns k, b[0 .. 4 * m - 1]; */
    for (k = 0; k < nb; k++)
        aceh__slot_set(b, k, 0);
}

/* Hash the m entries. A name equal to one already indexed is left out of
 * the chains; with marks, marks[k] gets ACEH__DUP and slot a[k] the other
 * entry's number + 1, for aceh__index_spread. Every slot of a is written
 * (0 for the filter's entries that are not indexed). Returns 0 when a
 * chain would pass ACEH__CHAIN_MAX names: the index is then unusable.
 * O(m + bytes). */
/*@ requires \valid(x) && aceh__keys(x->hdr, x->list, x->m);
    requires 1 <= x->m <= 4294967294;
    requires aceh__room(x->a, x->m) && aceh__room(x->b, x->m);
    requires \separated(x, x->a + (0 .. 4 * x->m - 1),
                        x->b + (0 .. 4 * x->m - 1));
    requires marks == \null || \valid(marks + (0 .. x->m - 1)) &&
                               \separated(marks + (0 .. x->m - 1), x,
                                          x->a + (0 .. 4 * x->m - 1),
                                          x->b + (0 .. 4 * x->m - 1));
    requires x->hdr == \null ==> marks == \null;
    requires x->hdr == \null ==>
             \separated(x, x->list, x->a + (0 .. 4 * x->m - 1),
                        x->b + (0 .. 4 * x->m - 1),
                        x->list->names + (0 .. x->list->stored - 1),
                        x->list->lines + (0 .. x->list->nlines - 1));
    assigns x->nb, x->a[0 .. 4 * x->m - 1], x->b[0 .. 4 * x->m - 1],
            marks[0 .. x->m - 1];
    ensures \result != 0 ==> x->nb != 0 && aceh__index_ok(x);
 */
static int aceh__index_hash(aceh__index *x, unsigned char *marks)
{
    /* The index's fields in locals: the slot writes below are then seen
     * not to change them. */
    unsigned char *const a = x->a, *const b = x->b;
    const size_t m = x->m;
    size_t k;

    aceh__index_heads(x);
    /*@ ghost const size_t nb = x->nb; */

    /*@ loop invariant 0 <= k <= m;
        loop invariant fields: x->nb == nb && x->m == m && x->a == a &&
                               x->b == b;
        loop invariant keys_hdr: x->hdr != \null ==>
                                 \valid_read(x->hdr + (0 .. m - 1));
        loop invariant keys_list: x->hdr == \null ==>
                                  aceh_list_ok(x->list) &&
                                  m <= x->list->stored &&
                                  aceh__inside(x->list, m);
        loop invariant a_init: aceh__sinit(a, 0, k);
        loop invariant a_le: aceh__sle(a, 0, k, k);
        loop invariant b_init: aceh__sinit(b, 0, nb);
        loop invariant b_le: aceh__sle(b, 0, nb, k);
        loop assigns k, a[0 .. 4 * m - 1], b[0 .. 4 * m - 1],
                     marks[0 .. m - 1]; */
    for (k = 0; k < m; k++) {
        aceh__bytes n, o;
        size_t e, bk, depth = 0;

        if (marks != NULL && !(marks[k] & ACEH__ASK)) {
            aceh__slot_set(a, k, 0);
            /*@ assert skip_b: aceh__sinit(b, 0, nb) &&
                               aceh__sle(b, 0, nb, k + 1); */
            continue;
        }
        n = aceh__key(x, k);
        bk = aceh__bucket(x, n.p, n.len);
        /*@ loop invariant e <= k;
            loop assigns e, depth, o; */
        for (e = aceh__slot(b, bk); e != 0;
             e = aceh__slot(a, e - 1), depth++) {
            o = aceh__key(x, e - 1);
            if (o.len == n.len && aceh__eq_fold(n.p, o.p, n.len))
                break;
        }
        if (e != 0) {
            if (marks != NULL)
                aceh__mark(marks, k, ACEH__DUP);
            /*@ assert dup_b: aceh__sinit(b, 0, nb) &&
                              aceh__sle(b, 0, nb, k); */
            aceh__slot_set(a, k, e);
            /*@ assert dup_b2: aceh__sinit(b, 0, nb) &&
                               aceh__sle(b, 0, nb, k + 1); */
            continue;
        }
        if (depth == ACEH__CHAIN_MAX)
            return 0;
        e = aceh__slot(b, bk);
        aceh__slot_set(a, k, e);
        /* The chain's new link, then its new head: a step each for the
         * provers. */
        /*@ assert link: aceh__sinit(a, 0, k + 1) &&
                         aceh__sle(a, 0, k + 1, k + 1); */
        /*@ assert heads: aceh__sinit(b, 0, nb) && aceh__sle(b, 0, nb, k); */
        aceh__slot_set(b, bk, k + 1);
        /*@ assert new_b: aceh__sinit(b, 0, nb) &&
                          aceh__sle(b, 0, nb, k + 1); */
    }
    return 1;
}

/*@ requires \valid_read(x) && aceh__keys(x->hdr, x->list, x->m);
    requires i < x->m && j < x->m;
    assigns \nothing;
 */
static int aceh__cmp_entries(const aceh__index *x, size_t i, size_t j)
{
    const aceh__bytes a = aceh__key(x, i), b = aceh__key(x, j);

    return aceh__cmp_fold(a.p, a.len, b.p, b.len);
}

/* One merge of the sort: a's sorted runs [lo, lo + run) and
 * [lo + run, hi), hi = min(lo + 2 * run, cnt), into one sorted run in
 * place. O(hi - lo) slot moves and comparisons. */
/*@ requires \valid_read(x) && aceh__keys(x->hdr, x->list, x->m);
    requires x->m <= 4294967294;
    requires aceh__room(x->a, x->m) && aceh__room(x->b, x->m);
    requires \separated(x, x->a + (0 .. 4 * x->m - 1),
                        x->b + (0 .. 4 * x->m - 1));
    requires x->hdr == \null ==>
             \separated(x, x->list, x->a + (0 .. 4 * x->m - 1),
                        x->b + (0 .. 4 * x->m - 1),
                        x->list->names + (0 .. x->list->stored - 1),
                        x->list->lines + (0 .. x->list->nlines - 1));
    requires 1 <= run && lo + run < cnt <= x->m;
    requires aceh__sinit(x->a, 0, cnt) && aceh__sle(x->a, 0, cnt, x->m - 1);
    assigns x->a[0 .. 4 * x->m - 1], x->b[0 .. 4 * x->m - 1];
    ensures aceh__sinit(x->a, 0, cnt) && aceh__sle(x->a, 0, cnt, x->m - 1);
 */
static void aceh__index_merge(const aceh__index *x, size_t lo, size_t run,
                              size_t cnt)
{
    /* The left run moves to b (shorter than a's count: b holds m slots),
     * and the merge writes into a behind the right run's reader. The
     * fields in locals, as in aceh__index_hash. */
    unsigned char *const a = x->a, *const b = x->b;
    const size_t hi = aceh__min(lo + 2 * run, cnt);
    size_t k, i = 0, j = lo + run, o = lo;
    /*@ ghost const size_t m = x->m; */

    /*@ loop invariant 0 <= k <= run;
        loop invariant b_init: aceh__sinit(b, 0, k);
        loop invariant b_le: aceh__sle(b, 0, k, m - 1);
        loop invariant a_init: aceh__sinit(a, 0, cnt);
        loop invariant a_le: aceh__sle(a, 0, cnt, m - 1);
        loop assigns k, b[0 .. 4 * m - 1]; */
    for (k = 0; k < run; k++) {
        /*@ assert left: lo + k < cnt; */
        aceh__slot_set(b, k, aceh__slot(a, lo + k));
        /*@ assert copied: aceh__sinit(b, 0, k + 1) &&
                           aceh__sle(b, 0, k + 1, m - 1); */
    }
    /*@ loop invariant 0 <= i <= run && lo + run <= j <= hi;
        loop invariant o + run == i + j;
        loop invariant a_init: aceh__sinit(a, 0, cnt);
        loop invariant a_le: aceh__sle(a, 0, cnt, m - 1);
        loop invariant b_init: aceh__sinit(b, 0, run);
        loop invariant b_le: aceh__sle(b, 0, run, m - 1);
        loop assigns i, j, o, a[0 .. 4 * m - 1]; */
    while (i < run && j < hi) {
        size_t ei = aceh__slot(b, i);
        size_t ej = aceh__slot(a, j);

        /* Ties take the left run first: equal names stay in entry order. */
        if (aceh__cmp_entries(x, ej, ei) < 0) {
            aceh__slot_set(a, o++, ej);
            j++;
        } else {
            aceh__slot_set(a, o++, ei);
            i++;
        }
        /*@ assert merged: aceh__sinit(a, 0, cnt) &&
                           aceh__sle(a, 0, cnt, m - 1) &&
                           aceh__sinit(b, 0, run) &&
                           aceh__sle(b, 0, run, m - 1); */
    }
    /*@ loop invariant 0 <= i <= run && j <= hi;
        loop invariant o + run == i + j;
        loop invariant a_init: aceh__sinit(a, 0, cnt);
        loop invariant a_le: aceh__sle(a, 0, cnt, m - 1);
        loop invariant b_init: aceh__sinit(b, 0, run);
        loop invariant b_le: aceh__sle(b, 0, run, m - 1);
        loop assigns i, o, a[0 .. 4 * m - 1]; */
    for (; i < run; i++)
        aceh__slot_set(a, o++, aceh__slot(b, i));
}

/* The fallback: the indexed entries in aceh__cmp_fold order in a,
 * duplicates side by side. Bottom-up merge sort, b holding the left run of
 * each merge: each of its log2(m) passes compares a name at most once per
 * name it moves, so the sort costs at most log2(m) times the bytes of the
 * names. */
/*@ requires \valid(x) && aceh__keys(x->hdr, x->list, x->m);
    requires 1 <= x->m <= 4294967294;
    requires aceh__room(x->a, x->m) && aceh__room(x->b, x->m);
    requires \separated(x, x->a + (0 .. 4 * x->m - 1),
                        x->b + (0 .. 4 * x->m - 1));
    requires marks == \null || \valid_read(marks + (0 .. x->m - 1));
    requires x->hdr == \null ==>
             \separated(x, x->list, x->a + (0 .. 4 * x->m - 1),
                        x->b + (0 .. 4 * x->m - 1),
                        x->list->names + (0 .. x->list->stored - 1),
                        x->list->lines + (0 .. x->list->nlines - 1));
    assigns x->order, x->cnt, x->nb, x->a[0 .. 4 * x->m - 1],
            x->b[0 .. 4 * x->m - 1];
    ensures x->nb == 0;
    ACEH__INDEX_PIECES(ensures, x)
 */
static void aceh__index_sort(aceh__index *x, const unsigned char *marks)
{
    /* As in aceh__index_hash: the fields in locals. */
    unsigned char *const a = x->a;
    const size_t m = x->m;
    size_t k, cnt = 0, run, lo;

    /*@ assert lines_in: x->hdr == \null ==>
            \forall integer i; 0 <= i < m ==>
                0 <= x->list->names[i].line < x->list->nlines; */
    /*@ assert apart: x->hdr == \null ==>
            \forall integer i; 0 <= i < m ==>
                \separated(x, x->list->lines + x->list->names[i].line); */

    /*@ loop invariant 0 <= cnt <= k <= m;
        loop invariant a_init: aceh__sinit(a, 0, cnt);
        loop invariant a_le: aceh__sle(a, 0, cnt, m - 1);
        loop assigns k, cnt, a[0 .. 4 * m - 1]; */
    for (k = 0; k < m; k++)
        if (marks == NULL || (marks[k] & ACEH__ASK))
            aceh__slot_set(a, cnt++, k);
    /*@ assert counted: cnt <= m; */
    /*@ loop invariant runs: 1 <= run && cnt <= m;
        loop invariant fields: x->m == m && x->a == a;
        loop invariant keys_hdr: x->hdr != \null ==>
                                 \valid_read(x->hdr + (0 .. m - 1));
        loop invariant keys_list: x->hdr == \null ==>
                                  aceh_list_ok(x->list) &&
                                  m <= x->list->stored &&
                                  aceh__inside(x->list, m);
        loop invariant a_init: aceh__sinit(a, 0, cnt);
        loop invariant a_le: aceh__sle(a, 0, cnt, m - 1);
        loop assigns run, lo, x->a[0 .. 4 * m - 1], x->b[0 .. 4 * m - 1]; */
    for (run = 1; run < cnt; run *= 2) {
        /*@ loop invariant los: lo <= cnt + run && run < cnt <= m;
            loop invariant a_init: aceh__sinit(a, 0, cnt);
            loop invariant a_le: aceh__sle(a, 0, cnt, m - 1);
            loop assigns lo, x->a[0 .. 4 * m - 1], x->b[0 .. 4 * m - 1]; */
        for (lo = 0; lo + run < cnt; lo += 2 * run)
            aceh__index_merge(x, lo, run, cnt);
    }
    /* The list's names across the writes into x, a step each for the
     * provers. */
    /*@ assert inside: x->hdr == \null ==> aceh__inside(x->list, m); */
    x->order = a;
    /*@ assert inside_order: x->hdr == \null ==> aceh__inside(x->list, m); */
    x->cnt = cnt;
    x->nb = 0;
}

/* Build the index of m >= 1 entries: hashed, or sorted when a chain
 * overflows. */
/*@ requires \valid(x) && aceh__keys(x->hdr, x->list, x->m);
    requires 1 <= x->m <= 4294967294;
    requires aceh__room(x->a, x->m) && aceh__room(x->b, x->m);
    requires \separated(x, x->a + (0 .. 4 * x->m - 1),
                        x->b + (0 .. 4 * x->m - 1));
    requires marks == \null || \valid(marks + (0 .. x->m - 1)) &&
                               aceh__apart(x, marks, x->m);
    requires x->hdr == \null ==> marks == \null;
    requires x->hdr == \null ==>
             \separated(x, x->list, x->a + (0 .. 4 * x->m - 1),
                        x->b + (0 .. 4 * x->m - 1),
                        x->list->names + (0 .. x->list->stored - 1),
                        x->list->lines + (0 .. x->list->nlines - 1));
    assigns x->nb, x->order, x->cnt, x->a[0 .. 4 * x->m - 1],
            x->b[0 .. 4 * x->m - 1], marks[0 .. x->m - 1];
    ACEH__INDEX_PIECES(ensures, x)
 */
static void aceh__index_build(aceh__index *x, unsigned char *marks)
{
    if (!aceh__index_hash(x, marks))
        aceh__index_sort(x, marks);
}

/* The entry whose name equals [p, p+len) (for duplicates: the first in the
 * chain, or in sorted order), as its number + 1; 0 when there is none. At
 * most ACEH__CHAIN_MAX or log2(cnt) + 1 comparisons. */
/*@ ACEH__INDEX_PIECES(requires, x)
    requires \valid_read(p + (0 .. len - 1));
    assigns \nothing;
    ensures \result <= x->m;
 */
ACEH_INLINE size_t aceh__index_find(const aceh__index *x,
                                    const unsigned char *p, size_t len)
{
    aceh__bytes o;
    size_t e, lo = 0, hi = x->cnt;

    if (x->nb != 0) {
        /*@ loop invariant e <= x->m;
            loop assigns e, o; */
        for (e = aceh__slot(x->b, aceh__bucket(x, p, len)); e != 0;
             e = aceh__slot(x->a, e - 1)) {
            o = aceh__key(x, e - 1);
            if (o.len == len && aceh__eq_fold(p, o.p, len))
                return e;
        }
        return 0;
    }
    /*@ loop invariant 0 <= lo <= hi <= x->cnt;
        loop assigns lo, hi, o; */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        o = aceh__key(x, aceh__slot(x->order, mid));
        if (aceh__cmp_fold(o.p, o.len, p, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == x->cnt)
        return 0;
    e = aceh__slot(x->order, lo);
    o = aceh__key(x, e);
    return aceh__cmp_fold(o.p, o.len, p, len) == 0 ? e + 1 : 0;
}

/* Give every duplicate the ACEH__LISTED mark of the entry aceh__index_find
 * returns for its name. O(m + bytes). */
/*@ ACEH__INDEX_PIECES(requires, x)
    requires \valid(marks + (0 .. x->m - 1)) && aceh__apart(x, marks, x->m);
    assigns marks[0 .. x->m - 1];
 */
static void aceh__index_spread(const aceh__index *x, unsigned char *marks)
{
    size_t k;

    if (x->nb != 0) {
        /*@ loop invariant 0 <= k <= x->m;
            loop assigns k, marks[0 .. x->m - 1]; */
        for (k = 0; k < x->m; k++)
            if (marks[k] & ACEH__DUP) {
                /* A duplicate's slot holds the first entry's number + 1,
                 * never 0; the invariant says only "at most m", so a 0
                 * is sent to entry 0 by arithmetic, not by a branch no
                 * input takes. */
                const size_t e = aceh__slot(x->a, k);
                const size_t first = e - 1 + (size_t)(e == 0);

                marks[k] = (unsigned char)(marks[k] |
                                           (marks[first] & ACEH__LISTED));
            }
        return;
    }
    /* Equal names are side by side, the first of them found. */
    /*@ assert sorted: x->order == x->a && x->cnt <= x->m &&
                       aceh__roomr(x->order, x->cnt) &&
                       aceh__sinit(x->order, 0, x->cnt) &&
                       aceh__sle(x->order, 0, x->cnt, x->m - 1); */
    /*@ loop invariant 1 <= k;
        loop invariant order_init: aceh__sinit(x->order, 0, x->cnt);
        loop invariant order_le: aceh__sle(x->order, 0, x->cnt, x->m - 1);
        loop assigns k, marks[0 .. x->m - 1]; */
    for (k = 1; k < x->cnt; k++) {
        size_t d = aceh__slot(x->order, k - 1);
        size_t e = aceh__slot(x->order, k);

        if ((marks[d] & ACEH__LISTED) && aceh__cmp_entries(x, d, e) == 0)
            aceh__mark(marks, e, ACEH__LISTED);
    }
}
