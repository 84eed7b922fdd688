/* SPDX-License-Identifier: MIT */
/* The iterator: the next name, SIMD window or scalar loop. */

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
