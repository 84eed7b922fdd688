/* SPDX-License-Identifier: MIT */
/* The builder (aceh_format). */

/* ------------------------------------------------------------------------
 * Builder
 * ------------------------------------------------------------------------ */

/* The one bounded writer of the snprintf-style outputs (aceh_format,
 * aceh_request_headers, aceh_echo_names, aceh_vary_add): append
 * [p, p+len) to buf at position `at` as far as room (cap - 1) allows and
 * return the new position; *total counts every byte, written or not. The
 * position goes in and out by value: a caller's position is then a plain
 * local, which calls elsewhere in its loop are not seen to change.
 * aceh__end writes the NUL once the output is complete. */
/*@ requires total: \valid(total);
    requires at: cap != 0 ==> at < cap;
    requires buf: cap != 0 ==> \valid(buf + (0 .. cap - 1));
    requires src: \valid_read(p + (0 .. len - 1));
    assigns *total, buf[0 .. cap - 1];
    ensures kept: cap != 0 ==> at <= \result < cap;
    ensures none: cap == 0 ==> \result == at;
    ensures grow: \result <= at + len;
 */
static size_t aceh__out(char *buf, size_t cap, size_t at, size_t *total,
                        const char *p, size_t len)
{
    size_t room = cap != 0 && at < cap - 1 ? cap - 1 - at : 0;

    if (len < room)
        room = len;
    if (room != 0) {
        memcpy(buf + at, p, room);
        at += room;
    }
    *total += len;
    return at;
}

/* The NUL after an output aceh__out wrote (nothing when cap is 0). Apart
 * from the writer so that it is written once per output, and so that a
 * static analysis checks its two conditions each where it can: the
 * position below cap from the caller's loop, the buffer's size from the
 * caller's caller. */
/*@ requires at: cap != 0 ==> at < cap;
    requires buf: cap != 0 ==> \valid(buf + (0 .. cap - 1));
    assigns buf[0 .. cap - 1];
 */
static void aceh__end(char *buf, size_t cap, size_t at)
{
    if (cap != 0)
        buf[at] = '\0';
}

/*@ requires buf == \null || \valid(buf + (0 .. cap - 1)); */
aceh_status aceh_format(const aceh_str *names, size_t n, char *buf,
                        size_t cap, size_t *needed, size_t *bad_index)
{
    size_t i, total = 0, at, written = 0;

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
        if (ACEH__STR_NULL(names[i])) {
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
    at = 0;
    /*@ loop invariant 0 <= i <= n && at < cap;
        loop assigns i, at, written, buf[0 .. cap - 1]; */
    for (i = 0; i < n; i++) {
        /* Checked above: a name of at least one byte, never NULL. */
        ACEH__ASSERT(names[i].ptr != NULL && names[i].len != 0);
        if (i)
            at = aceh__out(buf, cap, at, &written, ", ", 2);
        at = aceh__out(buf, cap, at, &written, names[i].ptr, names[i].len);
    }
    aceh__end(buf, cap, at);
    return total < cap ? ACEH_OK : ACEH_TRUNCATED;
}
