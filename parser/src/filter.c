/* SPDX-License-Identifier: MIT */
/* The response filter and the name set. */

/* ------------------------------------------------------------------------
 * Response filter
 * ------------------------------------------------------------------------ */

size_t aceh_filter_scratch_size(size_t n)
{
    return n > ACEH__STACK_N
               ? aceh__min(aceh__min(n, ACEH__WIDE_MAX), SIZE_MAX / 8) * 8
               : 0;
}

/* readable[] holds marks until the end: what the name alone decides
 * (ACEH__ASK: the list does; ACEH__SAFE: safelisted), ACEH__LINE on the
 * ACEH lines, which are all validated before any name counts. *present:
 * there is an ACEH line. Returns the first line's error, with its header
 * and offset. */
static aceh_status aceh__filter_mark(const aceh_header *headers, size_t n,
                                     unsigned char *readable, int *present,
                                     size_t *err_index, size_t *err_off)
{
    aceh_status st = ACEH_OK;
    size_t i;

    for (i = 0; i < n; i++) {
        aceh_verdict v =
            aceh__decide_name(headers[i].name, headers[i].name_len);
        size_t off;

        readable[i] = v > 0 ? ACEH__SAFE : 0;
        if (v != 0)
            continue;
        readable[i] = ACEH__ASK;
        if (!ACEH__EQ_LIT(headers[i].name, headers[i].name_len,
                          "access-control-expose-headers"))
            continue;
        readable[i] |= ACEH__LINE;
        if (st != ACEH_OK)
            continue;
        *present = 1;
        st = aceh_validate(headers[i].value, headers[i].value_len, NULL, &off);
        if (st != ACEH_OK) {
            if (err_index)
                *err_index = i;
            if (err_off)
                *err_off = off;
        }
    }
    return st;
}

/* ACEH__LISTED on every header a valid list names: the names of up to
 * `chunk` headers at a time go into the index x, then every listed name is
 * looked up in it. Returns whether a list holds `*`. */
static int aceh__filter_listed(const aceh_header *headers, size_t n,
                               unsigned char *readable, aceh__index *x,
                               size_t chunk)
{
    size_t i, c0;
    int wildcard = 0;

    for (c0 = 0; c0 < n; c0 += chunk) {
        x->hdr = headers + c0;
        x->m = aceh__min(chunk, n - c0);
        aceh__index_build(x, readable + c0);
        for (i = 0; i < n; i++) {
            size_t e;
            aceh_iter it;
            aceh_slice s;

            if (!(readable[i] & ACEH__LINE))
                continue;
            aceh_iter_init(&it, headers[i].value, headers[i].value_len);
            /*@ loop invariant aceh_iter_readable(&it); */
            while (aceh_iter_next_inline(&it, &s)) {
                /* Through the iterator's pointer, whose bounds its
                 * contract gives. */
                wildcard |= aceh__is_wildcard(it.p + s.off, s.len);
                e = aceh__index_find(x, it.p + s.off, s.len);
                if (e != 0)
                    readable[c0 + e - 1] |= ACEH__LISTED;
            }
        }
        aceh__index_spread(x, readable + c0);
    }
    return wildcard;
}

aceh_status aceh_filter_scratch(const aceh_header *headers, size_t n,
                                aceh_mode mode, unsigned flags,
                                unsigned char *readable, size_t *err_index,
                                size_t *err_off, void *scratch, size_t size)
{
    unsigned char stk[(ACEH__STACK_N + ACEH__STACK_N / 2) * 2];
    aceh__index x;
    size_t i, chunk = ACEH__STACK_N;
    int present = 0, wildcard = 0;
    aceh_status st;

    if (err_index)
        *err_index = 0;
    if (err_off)
        *err_off = 0;
    if (scratch == NULL && size != 0)
        return ACEH_E_NULL;
    if (n == 0)
        return ACEH_OK;
    if (headers == NULL || readable == NULL)
        return ACEH_E_NULL;
    st = aceh__filter_mark(headers, n, readable, &present, err_index,
                           err_off);
    x.list = NULL;
    x.order = NULL;
    x.cnt = 0;
    x.w = 2;
    x.a = stk;
    x.b = stk + (size_t)2 * ACEH__STACK_N;
    if (n > ACEH__STACK_N && size / 8 > ACEH__STACK_N) {
        chunk = aceh__min(aceh__min(size / 8, n), ACEH__WIDE_MAX);
        x.w = 4;
        x.a = (unsigned char *)scratch;
        x.b = x.a + 4 * chunk;
    }
    /* present: an ACEH line, so at least one header to index */
    if (present && st == ACEH_OK)
        wildcard = aceh__filter_listed(headers, n, readable, &x, chunk);
    for (i = 0; i < n; i++) {
        unsigned char r = readable[i];
        aceh_verdict v;

        if (!(r & ACEH__ASK))
            v = (r & ACEH__SAFE) ? ACEH_EXPOSED_SAFELISTED
                                 : ACEH_HIDDEN_FORBIDDEN;
        else if (!present || st != ACEH_OK)
            v = ACEH_HIDDEN_INVALID;
        else
            v = aceh__decide_list(headers[i].name, headers[i].name_len, mode,
                                  flags, (r & ACEH__LISTED) != 0, wildcard);
        readable[i] = v > 0;
    }
    return st;
}

aceh_status aceh_filter(const aceh_header *headers, size_t n, aceh_mode mode,
                        unsigned flags, unsigned char *readable,
                        size_t *err_index, size_t *err_off)
{
    return aceh_filter_scratch(headers, n, mode, flags, readable, err_index,
                               err_off, NULL, 0);
}

/* ------------------------------------------------------------------------
 * Name set
 * ------------------------------------------------------------------------ */

size_t aceh_set_size(size_t count)
{
    return count > SIZE_MAX / 8 || count > ACEH__WIDE_MAX ? SIZE_MAX
                                                          : count * 8;
}

aceh_status aceh_set_init(aceh_set *set, const aceh_list *list, void *mem,
                          size_t size)
{
    aceh__index x;
    size_t need;

    set->list = list;
    set->a = set->b = set->order = NULL;
    set->nb = set->cnt = 0;
    set->indexed = 0;
    if (list == NULL || (mem == NULL && size != 0))
        return ACEH_E_NULL;
    /* An absent or invalid list decides without an index. */
    if (list->status < 0 || list->nlines == 0)
        return ACEH_OK;
    need = aceh_set_size(list->count);
    /* size / 8 < count is size < need, said on the count itself so that
     * the index below is built only where mem holds 8 bytes a name. */
    if (list->stored != list->count || need == SIZE_MAX ||
        size / 8 < list->count)
        return ACEH_TRUNCATED;
    set->indexed = 1;
    if (list->count == 0)
        return ACEH_OK; /* nothing to look up: sorted, empty */
    x.hdr = NULL;
    x.list = list;
    x.w = 4;
    x.m = list->count;
    x.a = (unsigned char *)mem;
    x.b = x.a + 4 * x.m;
    x.order = NULL;
    x.cnt = 0;
    aceh__index_build(&x, NULL);
    set->a = x.a;
    set->b = x.b;
    set->order = x.order;
    set->nb = x.nb;
    set->cnt = x.cnt;
    return ACEH_OK;
}

aceh_verdict aceh_set_decide(const aceh_set *set, const char *name,
                             size_t name_len, aceh_mode mode, unsigned flags)
{
    aceh_verdict v = aceh__decide_name(name, name_len);
    aceh__index x;

    if (v != 0)
        return v;
    if (set->list == NULL)
        return ACEH_HIDDEN_INVALID;
    if (!set->indexed)
        return aceh_list_decide(set->list, name, name_len, mode, flags);
    x.hdr = NULL;
    x.list = set->list;
    x.a = set->a;
    x.b = set->b;
    x.order = set->order;
    x.w = 4;
    x.m = set->list->count;
    x.nb = set->nb;
    x.cnt = set->cnt;
    return aceh__decide_list(
        name, name_len, mode, flags,
        aceh__index_find(&x, (const unsigned char *)name, name_len) != 0,
        set->list->wildcard);
}
