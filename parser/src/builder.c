/* SPDX-License-Identifier: MIT */
/* The builder (aceh_format). */

/* ------------------------------------------------------------------------
 * Builder
 * ------------------------------------------------------------------------ */

/* Copy [src, src+len) to buf at *at, as far as room (cap - 1) allows. */
static void aceh__put(char *buf, size_t cap, size_t *at, const char *src,
                      size_t len)
{
    size_t room;

    if (*at < cap - 1) {
        room = cap - 1 - *at;
        if (len > room)
            len = room;
        /* src is never NULL: aceh_format refused empty names before any
         * write, and only those may come with a NULL pointer. */
        memcpy(buf + *at, src, len); /* NOLINT(clang-analyzer-core.NonNullParamChecker) */
    }
    *at += len;
}

aceh_status aceh_format(const aceh_str *names, size_t n, char *buf,
                        size_t cap, size_t *needed, size_t *bad_index)
{
    size_t i, total = 0, at = 0;

    if (needed)
        *needed = 0;
    if (buf == NULL && cap != 0)
        return ACEH_E_NULL;
    if (cap != 0)
        buf[0] = '\0';
    if (names == NULL && n != 0) {
        if (bad_index)
            *bad_index = 0;
        return ACEH_E_NULL;
    }
    for (i = 0; i < n; i++) {
        if (names[i].ptr == NULL && names[i].len != 0) {
            if (bad_index)
                *bad_index = i;
            return ACEH_E_NULL;
        }
        if (!aceh_is_name(names[i].ptr, names[i].len)) {
            if (bad_index)
                *bad_index = i;
            return ACEH_E_BAD_NAME;
        }
        total += names[i].len + (i ? 2 : 0);
    }
    if (needed)
        *needed = total;
    if (cap == 0)
        return ACEH_TRUNCATED; /* not even the NUL fits */
    for (i = 0; i < n; i++) {
        if (i)
            aceh__put(buf, cap, &at, ", ", 2);
        aceh__put(buf, cap, &at, names[i].ptr, names[i].len);
    }
    buf[at < cap - 1 ? at : cap - 1] = '\0';
    return total < cap ? ACEH_OK : ACEH_TRUNCATED;
}
