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

/* readable[k] gets ACEH__LISTED. A function of its own for the provers:
 * its contract says the index x is left whole, piece by piece, which the
 * filter's loop takes as given instead of working it out across the
 * write in its own context. */
/*@ requires \valid(readable + k) && \valid_read(x);
    requires \separated(readable + k, x, x->a + (0 .. 4 * x->m - 1),
                        x->b + (0 .. 4 * x->m - 1));
    ACEH__INDEX_PIECES(requires, x)
    assigns readable[k];
    ACEH__INDEX_PIECES(ensures, x)
 */
static void aceh__mark_listed(unsigned char *readable, size_t k,
                              const aceh__index *x)
{
    (void)x;
    aceh__mark(readable, k, ACEH__LISTED);
}

/* ACEH__LISTED on every header a valid list names: the names of up to
 * `chunk` headers at a time go into the index x, then every listed name is
 * looked up in it. Returns whether a list holds `*`. */
/*@ requires 1 <= n && \valid_read(headers + (0 .. n - 1));
    requires \valid(readable + (0 .. n - 1));
    requires \valid(x) && x->list == \null;
    requires 1 <= chunk <= 4294967294;
    requires aceh__room(x->a, chunk) && aceh__room(x->b, chunk);
    requires \separated(x, readable + (0 .. n - 1),
                        x->a + (0 .. 4 * chunk - 1),
                        x->b + (0 .. 4 * chunk - 1));
 */
static int aceh__filter_listed(const aceh_header *headers, size_t n,
                               unsigned char *readable, aceh__index *x,
                               size_t chunk)
{
    size_t i, c0;
    int wildcard = 0;

    /*@ loop invariant x->a == \at(x->a, Pre) &&
                       x->b == \at(x->b, Pre) && x->list == \null;
        loop assigns c0, i, wildcard, x->hdr, x->m, x->nb, x->order, x->cnt,
                     x->a[0 .. 4 * chunk - 1], x->b[0 .. 4 * chunk - 1],
                     readable[0 .. n - 1]; */
    for (c0 = 0; c0 < n; c0 += chunk) {
        x->hdr = headers + c0;
        x->m = aceh__min(chunk, n - c0);
        aceh__index_build(x, readable + c0);
        /*@ loop invariant at: x->hdr == headers + c0 && c0 + x->m <= n &&
                               x->m <= chunk;
            ACEH__INDEX_PIECES(loop invariant, x)
            loop assigns i, wildcard, readable[0 .. n - 1]; */
        for (i = 0; i < n; i++) {
            size_t e;
            aceh_iter it;
            aceh_slice s;

            if (!(readable[i] & ACEH__LINE))
                continue;
            aceh_iter_init(&it, headers[i].value, headers[i].value_len);
            /*@ loop invariant aceh_iter_readable(&it);
                loop invariant at: x->hdr == headers + c0 &&
                                   c0 + x->m <= n && x->m <= chunk;
                ACEH__INDEX_PIECES(loop invariant, x)
                loop assigns it, s, e, wildcard, readable[0 .. n - 1]; */
            while (aceh_iter_next_inline(&it, &s)) {
                /* Through the iterator's pointer, whose bounds its
                 * contract gives. */
                wildcard |= aceh__is_wildcard(it.p + s.off, s.len);
                e = aceh__index_find(x, it.p + s.off, s.len);
                if (e != 0)
                    aceh__mark_listed(readable, c0 + e - 1, x);
            }
        }
        aceh__index_spread(x, readable + c0);
    }
    return wildcard;
}

/*@ requires headers == \null || \valid_read(headers + (0 .. n - 1));
    requires readable == \null || \valid(readable + (0 .. n - 1));
    requires scratch == \null ||
             \valid((unsigned char *)scratch + (0 .. size - 1));
    requires readable == \null || scratch == \null ||
             \separated(readable + (0 .. n - 1),
                        (unsigned char *)scratch + (0 .. size - 1));
 */
aceh_status aceh_filter_scratch(const aceh_header *headers, size_t n,
                                aceh_mode mode, unsigned flags,
                                unsigned char *readable, size_t *err_index,
                                size_t *err_off, void *scratch, size_t size)
{
    unsigned char stk[ACEH__STACK_N * 8];
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
    x.a = stk;
    x.b = stk + (size_t)4 * ACEH__STACK_N;
    if (n > ACEH__STACK_N && size / 8 > ACEH__STACK_N) {
        chunk = aceh__min(aceh__min(size / 8, n), ACEH__WIDE_MAX);
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

/*@ assigns \nothing;
    ensures \result != SIZE_MAX ==> count <= 4294967294;
 */
size_t aceh_set_size(size_t count)
{
    return count > SIZE_MAX / 8 || count > ACEH__WIDE_MAX ? SIZE_MAX
                                                          : count * 8;
}

/* In ACSL: what aceh_set_init leaves in a set and aceh_set_decide relies
 * on: its list as aceh_list_parse left it, and the index built over it. */
/*@ predicate aceh__set_ok{L}(aceh_set *s) =
        \valid_read(s) &&
        (s->list != \null ==>
            aceh_list_ok(s->list) &&
            (s->indexed != 0 ==>
                aceh__inside(s->list, s->list->count) &&
                aceh__built(\null, s->list, s->a, s->b, s->order,
                            s->list->count, s->nb, s->cnt)));
 */

/* Whether each of the list's stored names lies inside its line, as
 * aceh_list_parse leaves them: the index reads names by their lengths,
 * which the provers show readable from this. O(stored). */
/*@ requires aceh_list_ok(list);
    assigns \nothing;
    ensures \result != 0 ==> aceh__inside(list, list->stored);
 */
static int aceh__names_inside(const aceh_list *list)
{
    size_t k;

    /*@ loop invariant 0 <= k <= list->stored;
        loop invariant aceh__inside(list, k);
        loop assigns k; */
    for (k = 0; k < list->stored; k++) {
        const aceh_name *nm = list->names + k;
        aceh__bytes line;

        if (nm->line >= list->nlines)
            return 0;
        line = aceh__given(list->lines[nm->line].ptr,
                           list->lines[nm->line].len);
        if (nm->off > line.len || nm->len > line.len - nm->off)
            return 0;
    }
    return 1;
}

/* The index of a list's count >= 1 names, built in mem (8 bytes a name)
 * and recorded in the set. */
/*@ requires \valid(set) && aceh_list_ok(list);
    requires 1 <= list->count <= 4294967294 && list->count <= list->stored;
    requires aceh__inside(list, list->count);
    requires \separated(set, list, list->names + (0 .. list->stored - 1),
                        list->lines + (0 .. list->nlines - 1));
    requires mem_room: \valid(mem + (0 .. 8 * list->count - 1));
    requires mem_apart: \separated(mem + (0 .. 8 * list->count - 1), set,
                                   list,
                                   list->names + (0 .. list->stored - 1),
                                   list->lines + (0 .. list->nlines - 1));
    assigns set->a, set->b, set->order, set->nb, set->cnt,
            mem[0 .. 8 * list->count - 1];
    ensures aceh_list_ok(list) && aceh__inside(list, list->count);
    ensures aceh__built(\null, list, set->a, set->b, set->order, list->count,
                        set->nb, set->cnt);
 */
static void aceh__set_index(aceh_set *set, const aceh_list *list,
                            unsigned char *mem)
{
    aceh__index x;

    /* The set apart from each name's line, a step of its own for the
     * provers, who carry the names' facts across the writes into it. */
    /*@ assert apart: \forall integer i; 0 <= i < list->count ==>
            \separated(set, list->lines + list->names[i].line); */
    x.hdr = NULL;
    x.list = list;
    x.m = list->count;
    x.a = mem;
    x.b = mem + 4 * x.m;
    x.order = NULL;
    x.nb = 0;
    x.cnt = 0;
    aceh__index_build(&x, NULL);
    /* The index's facts one by one, which the prover carries across the
     * writes into the set where it does not carry them whole. */
    /*@ assert built: aceh__built(\null, list, x.a, x.b, x.order, x.m, x.nb,
                                  x.cnt); */
    /*@ assert inside: aceh__inside(list, x.m); */
    set->a = x.a;
    set->b = x.b;
    set->order = x.order;
    /*@ assert inside_set: aceh__inside(list, x.m); */
    set->nb = x.nb;
    set->cnt = x.cnt;
    /*@ assert k_hinit: x.nb != 0 ==> aceh__sinit(x.b, 0, x.nb); */
    /*@ assert k_ainit: x.nb != 0 ==> aceh__sinit(x.a, 0, x.m); */
    /*@ assert k_hle: x.nb != 0 ==> aceh__sle(x.b, 0, x.nb, x.m); */
    /*@ assert k_ale: x.nb != 0 ==> aceh__sle(x.a, 0, x.m, x.m); */
    /*@ assert k_oinit: x.nb == 0 ==> aceh__sinit(x.order, 0, x.cnt); */
    /*@ assert k_ole: x.nb == 0 ==> aceh__sle(x.order, 0, x.cnt, x.m - 1); */
    /*@ assert k_hroom: x.nb != 0 ==> x.nb <= x.m && aceh__roomr(x.b, x.nb) &&
                                      aceh__roomr(x.a, x.m); */
    /*@ assert k_oroom: x.nb == 0 ==> x.cnt <= x.m && x.order == x.a &&
                                      aceh__roomr(x.order, x.cnt); */
    /*@ assert k_keys: x.m <= 4294967294 && aceh__keys(\null, list, x.m); */
}

/*@ requires \valid(set);
    requires list == \null || aceh_list_ok(list);
    requires \separated(set, list);
    requires list == \null ||
             \separated(set, list->names + (0 .. list->stored - 1),
                        list->lines + (0 .. list->nlines - 1));
    requires mem == \null || \valid((unsigned char *)mem + (0 .. size - 1));
    requires mem == \null || list == \null ||
             \separated((unsigned char *)mem + (0 .. size - 1), set, list,
                        list->names + (0 .. list->stored - 1),
                        list->lines + (0 .. list->nlines - 1));
    ensures same: set->list == list;
    ensures ok: aceh__set_ok(set);
    ensures list == \null || aceh_list_ok(list);
 */
aceh_status aceh_set_init(aceh_set *set, const aceh_list *list, void *mem,
                          size_t size)
{
    set->list = list;
    set->a = set->b = set->order = NULL;
    set->nb = set->cnt = 0;
    set->indexed = 0;
    if (list == NULL || (mem == NULL && size != 0))
        return ACEH_E_NULL;
    /* An absent or invalid list decides without an index. */
    if (list->status < 0 || list->nlines == 0)
        return ACEH_OK;
    /* size / 8 < count is size < aceh_set_size(count), said on the count
     * itself so that the index is built only where mem holds 8 bytes a
     * name. */
    if (list->stored != list->count ||
        aceh_set_size(list->count) == SIZE_MAX || size / 8 < list->count ||
        !aceh__names_inside(list))
        return ACEH_TRUNCATED;
    /*@ assert inside: aceh__inside(list, list->count); */
    /*@ assert apart: \forall integer i; 0 <= i < list->count ==>
            \separated(set, list->lines + list->names[i].line); */
    set->indexed = 1;
    /*@ assert inside_set: aceh__inside(list, list->count); */
    if (list->count != 0) /* none: nothing to look up, sorted and empty */
        aceh__set_index(set, list, (unsigned char *)mem);
    /*@ assert indexed: aceh__set_ok(set); */
    return ACEH_OK;
}

/*@ requires aceh__set_ok(set);
    assigns \nothing;
 */
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
    x.m = set->list->count;
    x.nb = set->nb;
    x.cnt = set->cnt;
    return aceh__decide_list(
        name, name_len, mode, flags,
        aceh__index_find(&x, (const unsigned char *)name, name_len) != 0,
        set->list->wildcard);
}
