/* SPDX-License-Identifier: MIT */
/* The iterator's state: start, errors, status. */

/* ------------------------------------------------------------------------
 * Tokenizer
 * ------------------------------------------------------------------------ */

void aceh_iter_init(aceh_iter *it, const char *p, size_t len)
{
    it->p = (const unsigned char *)p;
    it->len = len;
    it->pos = 0;
    it->err_off = 0;
    it->status = ACEH_OK;
    if (p == NULL && len != 0) {
        it->len = 0;
        it->status = ACEH_E_NULL;
    }
    /* No names pending, no error kept (see aceh__iter_window). */
    it->win = 0;
    it->wt = it->ws = it->wc = 0;
}

static int aceh__iter_fail(aceh_iter *it, size_t at, aceh_status s)
{
    it->status = s;
    it->err_off = at;
    it->pos = it->len;
    return 0;
}

/* The error for an unexpected byte of class c at `at`. */
static int aceh__iter_fail_byte(aceh_iter *it, size_t at, unsigned char c)
{
    return aceh__iter_fail(it, at,
                           c == ACEH__V ? ACEH_E_VALUE_BYTE : ACEH_E_NAME_BYTE);
}

aceh_status aceh_iter_status(const aceh_iter *it)
{
    return it->status;
}

size_t aceh_iter_error_offset(const aceh_iter *it)
{
    return it->err_off;
}
