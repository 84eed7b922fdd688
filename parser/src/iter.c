/* SPDX-License-Identifier: MIT */
/* The iterator: its start and its next name. */

/* ------------------------------------------------------------------------
 * Iterator
 * ------------------------------------------------------------------------ */

/*@ requires \valid(it);
    requires p == \null || \valid_read(p + (0 .. len - 1));
    assigns *it;
    ensures aceh_iter_readable(it);
    ensures it->len == len || it->len == 0;
    ensures p == \null ==> it->len == 0;
 */
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
/*@ requires aceh_iter_args(it, name);
    assigns it->pos, it->err_off, it->status, it->win, it->wt, it->ws,
            it->wc, name->off, name->len;
    ensures \result != 0 ==> 1 <= name->len && name->off + name->len <= it->len;
    ensures \result != 0 ==>
            \valid_read(it->p + (name->off .. name->off + name->len - 1));
    ensures \result == 0 ==> name->len == 0;
 */
static ACEH__NOINLINE int aceh__iter_more(aceh_iter *it, aceh_slice *name)
{
    if (ACEH__CALL(aceh__refill, (it, name)))
        return 1;
    name->off = 0;
    name->len = 0;
    return 0;
}

/*@ requires aceh_iter_args(it, name);
    assigns it->pos, it->err_off, it->status, it->win, it->wt, it->ws,
            it->wc, name->off, name->len;
    ensures \result != 0 ==> 1 <= name->len && name->off + name->len <= it->len;
    ensures \result != 0 ==>
            \valid_read(it->p + (name->off .. name->off + name->len - 1));
    ensures \result == 0 ==> name->len == 0;
 */
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
