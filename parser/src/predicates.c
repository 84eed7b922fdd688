/* SPDX-License-Identifier: MIT */
/* Name equality and the predicates on one name. */

/* ------------------------------------------------------------------------
 * Predicates
 * ------------------------------------------------------------------------ */

/*@ assigns \nothing; */
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

/* A name slice [u, u+len), len >= 1, against a name the contract
 * accepts (NULL only with length 0): aceh_name_eq with the slice in the
 * iterator's bytes and without a NULL test on it, which a static analysis
 * cannot follow on a pointer inside a value. */
/*@ requires a: \valid_read(u + (0 .. len - 1));
    requires b: aceh_readable(name, name_len);
    assigns \nothing;
 */
static int aceh__slice_eq(const unsigned char *u, size_t len,
                          const char *name, size_t name_len)
{
    return len == name_len && name != NULL &&
           aceh__eq_fold(u, ACEH__U(name), len);
}

/* Compare with a lower-case literal. */
/*@ requires a: p == \null || \valid_read(p + (0 .. len - 1));
    requires lit: litlen >= 1 && \valid_read(lit + (0 .. litlen - 1));
    assigns \nothing;
 */
static int aceh__eq_lit(const unsigned char *p, size_t len,
                        const unsigned char *lit, size_t litlen)
{
    /* The first byte alone turns most other names away. */
    return len == litlen && p != NULL && (p[0] | 0x20u) == lit[0] &&
           aceh__eq_fold(p, lit, len);
}
#define ACEH__EQ_LIT(p, len, lit) \
    aceh__eq_lit(ACEH__U(p), (len), ACEH__U(lit), sizeof(lit) - 1)

/* Whether the len bytes at u are all tchar (1 when len is 0). The
 * decision calls it for every query: static, so that it inlines even
 * where the public names may be interposed (-fPIC). */
/*@ requires \valid_read(u + (0 .. len - 1));
    assigns \nothing;
 */
static int aceh__is_token(const unsigned char *u, size_t len)
{
    size_t i;

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
            a = z = aceh__load4(u) | (uint64_t)aceh__load4(u + len - 4) << 32;
        }
        aceh__classify_v(aceh__v16_pair(a, z), &m);
        return m.t == 0xffffu;
    }
#endif
    /*@ loop invariant 0 <= i <= len;
        loop assigns i; */
    for (i = 0; i < len; i++)
        if (aceh_class[u[i]] != ACEH__T)
            return 0;
    return 1;
}

/* A name: at least one byte, all tchar. */
/*@ assigns \nothing; */
static int aceh__is_name(const char *p, size_t len)
{
    return len != 0 && p != NULL && aceh__is_token(ACEH__U(p), len);
}

/* ACEH_EXPOSED_SAFELISTED for a CORS-safelisted response-header name
 * (Fetch; the ACEH list is the decision's business), ACEH_HIDDEN_FORBIDDEN
 * for a forbidden response-header name, else 0. One dispatch on length for
 * both sets, and the literal compares inline to constant words. */
/*@ assigns \nothing; */
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

/*@ requires len == 1 ==> \valid_read(p);
    assigns \nothing;
 */
static int aceh__is_wildcard(const unsigned char *p, size_t len)
{
    return len == 1 && p[0] == '*';
}
