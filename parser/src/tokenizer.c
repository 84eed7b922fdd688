/* SPDX-License-Identifier: MIT */
/* The iterator's errors and status, the walk's sink, and the scalar
 * reference loop (level 0: the whole ACEH_NO_SIMD build). */

/* ------------------------------------------------------------------------
 * Tokenizer
 * ------------------------------------------------------------------------ */

/* An iterator at the start of [p, p+len): nothing found yet. */
/*@ requires \valid(it);
    assigns *it;
    ensures it->p == p && it->len == len;
 */
static void aceh__iter_reset(aceh_iter *it, const unsigned char *p,
                             size_t len)
{
    it->p = p;
    it->len = len;
    it->pos = 0;
    it->err_off = 0;
    it->status = ACEH_OK;
    it->win = 0;
    it->wt = it->ws = it->wc = 0;
}

/*@ requires \valid(it);
    assigns it->status, it->err_off, it->pos;
    ensures it->pos == it->len && \result == 0;
 */
static int aceh__iter_fail(aceh_iter *it, size_t at, aceh_status s)
{
    it->status = s;
    it->err_off = at;
    it->pos = it->len;
    return 0;
}

aceh_status aceh_iter_status(const aceh_iter *it)
{
    return it->status;
}

size_t aceh_iter_error_offset(const aceh_iter *it)
{
    return it->err_off;
}

/* The error found at a byte c: a tchar is only wrong where a
 * comma is missing. */
/*@ assigns \nothing;
    ensures \result < 0;
 */
static aceh_status aceh__mask_error(unsigned char c)
{
    if (aceh_class[c] == ACEH__T)
        return ACEH_E_MISSING_COMMA;
    return aceh_class[c] == ACEH__V ? ACEH_E_VALUE_BYTE : ACEH_E_NAME_BYTE;
}

/* The refill's first steps at every level: 1 when the scan goes on at
 * it->pos; 0 after a failure, at the end, or on failing with the error the
 * last window kept (its names are out). */
/*@ requires \valid(it);
    assigns it->wc, it->status, it->err_off, it->pos;
    ensures \result != 0 ==> it->pos < it->len;
 */
ACEH_INLINE int aceh__iter_due(aceh_iter *it)
{
    if (it->status != ACEH_OK)
        return 0;
#if ACEH__TOP > 0
    /* Only the block kernel keeps an error for later: the scalar loop
     * fails where it finds one. */
    if (it->wc != 0) {
        const size_t e = (size_t)(it->wc - 1);

        it->wc = 0;
        return aceh__iter_fail(it, e, aceh__mask_error(it->p[e]));
    }
#endif
    return it->pos < it->len;
}

/* aceh_split's answer from the n names of a line (cap written), the
 * status st and the error offset off. */
ACEH_INLINE aceh_status aceh__split_done(aceh_status st, size_t n,
                                        size_t off, size_t cap,
                                        size_t *count, size_t *err_off)
{
    if (st == ACEH_OK && n > cap)
        st = ACEH_TRUNCATED;
    if (count)
        *count = n;
    if (err_off)
        *err_off = off;
    return st;
}

/* What a one-pass walk (aceh__walk) does with the names of a line: store
 * them (list parse) and look for one name (decision). */
typedef struct aceh__sink {
    aceh_name *names; /* up to cap names, line numbered `line` */
    size_t cap, stored, line;
    size_t first; /* stored when the walk of the line began */
    const unsigned char *q; /* the queried name, a token; qlen 0: none */
    size_t qlen;
    int listed, wildcard;
} aceh__sink;

/* In ACSL: a sink holds at most cap names, each of them written (what
 * aceh_list_parse's readers rely on). */
/*@ predicate aceh__sunk(aceh__sink *k) =
        k->stored <= k->cap &&
        \forall integer i; 0 <= i < k->stored ==> \initialized(k->names + i);
 */

/*@ requires \valid(k) && \separated(k, k->names + (0 .. k->cap - 1));
    requires star: len == 1 ==> \valid_read(p + off);
    assigns k->wildcard, k->stored, k->listed,
            k->names[k->stored .. k->cap - 1];
    ensures grows: \old(k->stored) <= k->stored;
    ensures sunk: \old(aceh__sunk(k)) ==> aceh__sunk(k);
 */
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

#if ACEH__HAS(0)
/* ------------------------------------------------------------------------
 * The scalar reference loop: one byte class at a time, the whole name
 * finding of the build without SIMD. Its entry points have the names and
 * signatures of one level's instances (kernel.c), level 0. The iterator
 * keeps no window here (it->wt stays 0): each name comes from
 * aceh_iter_next with its bounds as plain offsets, which a static analysis
 * follows, where the window's masks would need bit-level reasoning.
 * ------------------------------------------------------------------------ */

/* One element of the bytes [at, end), one byte class at a time: OWS, a
 * name [*a, *b) (empty when the element is), OWS. Returns 1 when a comma
 * ends it, at *next; the error (a negative aceh_status) of a byte that
 * breaks the grammar, at *next (a tchar there is a missing comma); 0 when
 * it reaches end first (*next == end). The byte is classified here, where
 * its offset is known to be below end. */
/*@ requires \valid_read(p + (at .. end - 1));
    requires \valid(a) && \valid(b) && \valid(next) && \separated(a, b, next);
    assigns *a, *b, *next;
    ensures order: *a <= *b <= *next;
    ensures inside: at <= end ==> *next <= end;
    ensures stop: \result != 0 ==> *next < end;
    ensures result: \result <= 1;
 */
ACEH_INLINE int aceh__elem_0(const unsigned char *p, size_t at, size_t end,
                             size_t *a, size_t *b, size_t *next)
{
    size_t j = at;

    /*@ loop invariant at <= j && (at <= end ==> j <= end);
        loop assigns j; */
    while (j < end && aceh_class[p[j]] == ACEH__S)
        j++;
    *a = j;
    /*@ loop invariant *a <= j && (at <= end ==> j <= end);
        loop assigns j; */
    while (j < end && aceh_class[p[j]] == ACEH__T)
        j++;
    *b = j;
    /*@ loop invariant *b <= j && (at <= end ==> j <= end);
        loop assigns j; */
    while (j < end && aceh_class[p[j]] == ACEH__S)
        j++;
    *next = j;
    if (j >= end)
        return 0;
    return aceh_class[p[j]] == ACEH__C ? 1 : (int)aceh__mask_error(p[j]);
}

/* aceh_iter_next's next name from it->pos: the elements up to the next
 * one with a name, 0 at the end or on a byte that breaks the grammar (the
 * iterator then fails there). Linear in the bytes it passes. */
/*@ requires aceh_iter_args(it, name);
    assigns it->wc, it->status, it->err_off, it->pos, name->off, name->len;
    ensures \result != 0 ==> 1 <= name->len && name->off + name->len <= it->len;
    ensures \result != 0 ==>
            \valid_read(it->p + (name->off .. name->off + name->len - 1));
 */
static int aceh__refill_0(aceh_iter *it, aceh_slice *name)
{
    /*@ loop assigns it->wc, it->status, it->err_off, it->pos; */
    while (aceh__iter_due(it)) {
        size_t a, b, j;
        const int r = aceh__elem_0(it->p, it->pos, it->len, &a, &b, &j);

        if (r < 0)
            return aceh__iter_fail(it, j, (aceh_status)r);
        it->pos = j + (size_t)r; /* past its comma, or the end */
        if (a < b) {
            name->off = a;
            name->len = b - a;
            return 1;
        }
    }
    return 0;
}

/* Every name of a line, to the sink k (may be NULL) and into
 * names[0 .. cap); *count: how many there are before the first error. The
 * scanner straight along the line. */
/*@ requires \valid_read(p + (0 .. len - 1));
    requires \valid(count) && \valid(err_off) && \separated(count, err_off);
    requires k == \null || (\valid(k) &&
             \separated(k, k->names + (0 .. k->cap - 1),
                        names + (0 .. cap - 1), count, err_off) &&
             aceh__sunk(k));
    assigns *count, *err_off, names[0 .. cap - 1],
            { k->wildcard | integer z; z == 0 && k != \null },
            { k->stored | integer z; z == 0 && k != \null },
            { k->listed | integer z; z == 0 && k != \null },
            { k->names[i] | integer i;
              k != \null && k->stored <= i < k->cap };
    ensures k != \null ==> aceh__sunk(k);
 */
static aceh_status aceh__line_0(const unsigned char *p, size_t len,
                                size_t *count, size_t *err_off,
                                aceh__sink *k, aceh_slice *names, size_t cap)
{
    size_t at = 0, a, b, j, n = 0;

    /*@ loop invariant at <= len;
        loop invariant k != \null ==> k->names == \at(k->names, Pre) &&
                                      k->cap == \at(k->cap, Pre);
        loop invariant k != \null ==> \at(k->stored, Pre) <= k->stored &&
                                      aceh__sunk(k);
        loop assigns at, a, b, j, n, names[0 .. cap - 1],
            { k->wildcard | integer z; z == 0 && k != \null },
            { k->stored | integer z; z == 0 && k != \null },
            { k->listed | integer z; z == 0 && k != \null },
            { \at(k->names, Pre)[i] | integer i; k != \null &&
              \at(k->stored, Pre) <= i < \at(k->cap, Pre) };
     */
    while (at < len) {
        const int r = aceh__elem_0(p, at, len, &a, &b, &j);

        if (r < 0) {
            *count = n;
            *err_off = j;
            return (aceh_status)r;
        }
        if (a < b) {
            if (k != NULL)
                aceh__sink_name(k, p, a, b - a);
            if (names != NULL && n < cap) {
                names[n].off = a;
                names[n].len = b - a;
            }
            n++;
        }
        at = j + (size_t)r; /* past its comma, or the end */
    }
    *count = n;
    *err_off = 0;
    return ACEH_OK;
}

/*@ requires \valid_read(p + (0 .. len - 1));
    requires \valid(count) && \valid(err_off) && \separated(count, err_off);
    assigns *count, *err_off;
 */
static aceh_status aceh__valid_0(const unsigned char *p, size_t len,
                                 size_t *count, size_t *err_off)
{
    return aceh__line_0(p, len, count, err_off, NULL, NULL, 0);
}

/*@ requires \valid_read(p + (0 .. len - 1));
    requires \valid(count) && \valid(err_off) && \separated(count, err_off);
    requires \valid(k) && \separated(k, k->names + (0 .. k->cap - 1),
                                     count, err_off);
    requires aceh__sunk(k);
    assigns *count, *err_off, k->wildcard, k->stored, k->listed,
            k->names[k->stored .. k->cap - 1];
    ensures aceh__sunk(k);
 */
static aceh_status aceh__sinkv_0(const unsigned char *p, size_t len,
                                 size_t *count, size_t *err_off,
                                 aceh__sink *k)
{
    return aceh__line_0(p, len, count, err_off, k, NULL, 0);
}

static aceh_status aceh__splitv_0(const unsigned char *p, size_t len,
                                  aceh_slice *names, size_t cap,
                                  size_t *count, size_t *err_off)
{
    size_t n, off;
    aceh_status st = aceh__line_0(p, len, &n, &off, NULL, names, cap);

    return aceh__split_done(st, n, off, cap, count, err_off);
}
#endif
