/* SPDX-License-Identifier: MIT */
/* Whole header (aceh_list_parse) and the exposure decisions. */

/* ------------------------------------------------------------------------
 * Whole header
 * ------------------------------------------------------------------------ */

/* In ACSL: what aceh_list_parse leaves in a list and its readers rely on:
 * names[0 .. stored) readable and written. */
/*@ predicate aceh_list_ok(aceh_list *l) =
        \valid_read(l) && \valid_read(l->names + (0 .. l->stored - 1)) &&
        \forall integer i; 0 <= i < l->stored ==> \initialized(l->names + i);
 */

/* In ACSL: the list's names [0, m) lie inside their lines, which can be
 * read for their lengths (as aceh_list_parse leaves them; aceh_set_init
 * checks it, since the list's invariant does not carry it from the
 * parse). */
/*@ predicate aceh__inside{L}(aceh_list *l, integer m) =
        \forall integer k; 0 <= k < m ==>
            0 <= l->names[k].line < l->nlines &&
            \valid_read((unsigned char *)l->lines[l->names[k].line].ptr +
                        l->names[k].off + (0 .. l->names[k].len - 1));
 */

/*@ requires \valid(list);
    requires names == \null || \valid(names + (0 .. cap - 1));
    requires \separated(list, names + (0 .. cap - 1));
    assigns *list, names[0 .. cap - 1];
    ensures aceh_list_ok(list);
 */
aceh_status aceh_list_parse(aceh_list *list, const aceh_str *lines,
                            size_t nlines, aceh_name *names, size_t cap)
{
    size_t l, count = 0, err_line = 0, err_off = 0, todo = nlines;
    aceh__sink k = {NULL, 0, 0, 0, 0, NULL, 0, 0, 0};
    aceh_status st = ACEH_OK;

    if (lines == NULL && nlines != 0) {
        st = ACEH_E_NULL;
        todo = 0;
    }
    k.names = names;
    k.cap = names != NULL ? cap : 0;
    /* On error the walk's sink holds the names before the failing
     * element, as many as fit: those stay stored. */
    /*@ loop invariant l <= todo;
        loop invariant k.names == names && k.cap <= cap;
        loop invariant names == \null ==> k.cap == 0;
        loop invariant aceh__sunk(&k);
        loop assigns l, count, st, err_line, err_off, k.line, k.first,
                     k.wildcard, k.stored, k.listed, names[0 .. cap - 1];
     */
    for (l = 0; l < todo && st == ACEH_OK; l++) {
        size_t n, off;

        k.line = l;
        st = aceh__walk(lines[l].ptr, lines[l].len, &n, &off, &k);
        count += n;
        if (st != ACEH_OK) {
            err_line = l;
            err_off = off;
        }
    }
    if (st == ACEH_OK && names != NULL && count > k.stored)
        st = ACEH_TRUNCATED;
    /* The list is written after the loop: a store to it inside would
     * leave the provers to show it does not touch the names the walk
     * wrote (CVC4 does not, within its budget). */
    list->lines = lines;
    list->nlines = nlines;
    list->names = names;
    list->stored = k.stored;
    list->count = count;
    list->err_line = err_line;
    list->err_off = err_off;
    list->wildcard = st >= 0 ? k.wildcard : 0;
    list->status = st;
    return st;
}

/*@ requires aceh_list_ok(list);
    assigns \nothing;
    ensures i < list->stored ==>
            (unsigned char *)\result ==
            (unsigned char *)list->lines[list->names[i].line].ptr +
            list->names[i].off;
 */
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
/*@ assigns \nothing; */
ACEH_INLINE aceh_verdict aceh__decide_name(const char *name, size_t name_len)
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
 * the credentials mode is not include; the Authorization opt-in keeps
 * Authorization out of it. */
/*@ assigns \nothing; */
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
    aceh__sink k = {NULL, 0, 0, 0, 0, NULL, 0, 0, 0};
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

/*@ requires aceh_list_ok(list);
    assigns \nothing;
 */
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
        /*@ loop assigns i, listed; */
        for (i = 0; i < list->stored && !listed; i++)
            listed = aceh_name_eq(aceh_list_name_ptr(list, i),
                                  list->names[i].len, name, name_len);
    } else {
        /* The names did not fit: the list is known valid, rescan it. */
        /*@ loop assigns i, listed; */
        for (i = 0; i < list->nlines && !listed; i++) {
            aceh_iter it;
            aceh_slice s;

            aceh_iter_init(&it, list->lines[i].ptr, list->lines[i].len);
            /*@ loop invariant aceh_iter_readable(&it);
                loop assigns listed, it, s; */
            while (!listed && aceh_iter_next_inline(&it, &s))
                listed = aceh__slice_eq(it.p + s.off, s.len, name, name_len);
        }
    }
    return aceh__decide_list(name, name_len, mode, flags, listed,
                             list->wildcard);
}
