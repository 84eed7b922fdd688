/* SPDX-License-Identifier: MIT */
/* The iterator: its start and its next name. */

/* ------------------------------------------------------------------------
 * Iterator
 * ------------------------------------------------------------------------ */

void aceh_iter_init(aceh_iter *it, const char *p, size_t len)
{
    if (p == NULL && len != 0) {
        /* Refused: an empty value in error. */
        aceh__iter_reset(it, NULL, 0);
        it->status = ACEH_E_NULL;
        return;
    }
    aceh__iter_reset(it, (const unsigned char *)p, len);
#if ACEH__TOP > 0
    /* The first window now, so that a short value's names come out of
     * aceh_iter_next_inline without a call. */
    if (len != 0)
        ACEH__CALL(aceh__start, (it));
#endif
}

/* The rest of aceh_iter_next, out of line so that its common case needs
 * no frame. Every return writes *name. */
static ACEH__NOINLINE int aceh__iter_more(aceh_iter *it, aceh_slice *name)
{
    if (ACEH__CALL(aceh__refill, (it, name)))
        return 1;
    name->off = 0;
    name->len = 0;
    return 0;
}

int aceh_iter_next(aceh_iter *it, aceh_slice *name)
{
#if ACEH__TOP > 0
    /* The window's next name: nothing to check, the window was validated
     * whole. */
    if (it->wt != 0)
        return aceh__iter_pop(it, name);
#endif
    return aceh__iter_more(it, name);
}
