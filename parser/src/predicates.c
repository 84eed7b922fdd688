/* SPDX-License-Identifier: MIT */
/* Name equality and the predicates on one name. */

/* ------------------------------------------------------------------------
 * Predicates
 * ------------------------------------------------------------------------ */

int aceh_name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return 0;
    if (alen == 0)
        return 1;
    if (a == NULL || b == NULL)
        return 0;
    return aceh__eq_fold((const unsigned char *)a, (const unsigned char *)b,
                         alen);
}

/* Compare with a lower-case literal. */
static int aceh__eq_lit(const char *p, size_t len, const char *lit,
                        size_t litlen)
{
    /* The first byte alone turns most other names away. */
    return len == litlen && p != NULL &&
           ((unsigned char)p[0] | 0x20u) == (unsigned char)lit[0] &&
           aceh__eq_fold((const unsigned char *)p,
                         (const unsigned char *)lit, len);
}
#define ACEH__EQ_LIT(p, len, lit) \
    aceh__eq_lit((p), (len), (lit), sizeof(lit) - 1)

/* The decision calls these for every query: static, so that they inline
 * even where the public names may be interposed (-fPIC). */
static int aceh__is_name(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i;

    if (len == 0 || p == NULL)
        return 0;
#ifdef ACEH_SIMD
    /* Whole blocks instead of a branch per byte. Every byte must be tchar,
     * so overlapping reads are harmless: the last block of a long name
     * overlaps the one before it, and two overlapping 8- or 4-byte pieces
     * cover a name of 4 to 15 bytes. */
    if (len >= 16) {
        aceh__blk16 m;

        for (i = 0; i + 16 < len; i += 16) {
            aceh__classify16(u + i, &m);
            if (m.t != 0xffffu)
                return 0;
        }
        aceh__classify16(u + len - 16, &m);
        return m.t == 0xffffu;
    }
    if (len >= 4) {
        /* Built in registers: a block stored in pieces and read back whole
         * would stall on store forwarding. */
        aceh__blk16 m;
        uint64_t a, z;

        if (len >= 8) {
            a = aceh__load8(u);
            z = aceh__load8(u + len - 8);
        } else {
            uint32_t x, y;

            memcpy(&x, u, 4);
            memcpy(&y, u + len - 4, 4);
            a = z = x | ((uint64_t)y << 32);
        }
        aceh__classify_v(aceh__v16_pair(a, z), &m);
        return m.t == 0xffffu;
    }
#endif
    for (i = 0; i < len; i++)
        if (aceh_class[u[i]] != ACEH__T)
            return 0;
    return 1;
}

/* ACEH_EXPOSED_SAFELISTED for a CORS-safelisted response-header name
 * (Fetch; the ACEH list is the decision's business), ACEH_HIDDEN_FORBIDDEN
 * for a forbidden response-header name, else 0. One dispatch on length for
 * both sets, and the literal compares inline to constant words. */
static aceh_verdict aceh__name_set(const char *p, size_t len)
{
    switch (len) {
    case 6:
        return ACEH__EQ_LIT(p, len, "pragma") ? ACEH_EXPOSED_SAFELISTED
                                               : (aceh_verdict)0;
    case 7:
        return ACEH__EQ_LIT(p, len, "expires") ? ACEH_EXPOSED_SAFELISTED
                                                : (aceh_verdict)0;
    case 10:
        return ACEH__EQ_LIT(p, len, "set-cookie") ? ACEH_HIDDEN_FORBIDDEN
                                                   : (aceh_verdict)0;
    case 11:
        return ACEH__EQ_LIT(p, len, "set-cookie2") ? ACEH_HIDDEN_FORBIDDEN
                                                    : (aceh_verdict)0;
    case 12:
        return ACEH__EQ_LIT(p, len, "content-type") ? ACEH_EXPOSED_SAFELISTED
                                                     : (aceh_verdict)0;
    case 13:
        return ACEH__EQ_LIT(p, len, "cache-control") ||
                       ACEH__EQ_LIT(p, len, "last-modified")
                   ? ACEH_EXPOSED_SAFELISTED
                   : (aceh_verdict)0;
    case 14:
        return ACEH__EQ_LIT(p, len, "content-length")
                   ? ACEH_EXPOSED_SAFELISTED
                   : (aceh_verdict)0;
    case 16:
        return ACEH__EQ_LIT(p, len, "content-language")
                   ? ACEH_EXPOSED_SAFELISTED
                   : (aceh_verdict)0;
    default: return (aceh_verdict)0;
    }
}

int aceh_is_name(const char *p, size_t len)
{
    return aceh__is_name(p, len);
}

int aceh_is_safelisted(const char *p, size_t len)
{
    return aceh__name_set(p, len) == ACEH_EXPOSED_SAFELISTED;
}

int aceh_is_forbidden(const char *p, size_t len)
{
    return aceh__name_set(p, len) == ACEH_HIDDEN_FORBIDDEN;
}

static int aceh__is_wildcard(const unsigned char *p, size_t len)
{
    return len == 1 && p[0] == '*';
}
