/* SPDX-License-Identifier: MIT */
/* The preflight half: CORS check, max-age, preflight decision, method
 * normalization. */

/* ------------------------------------------------------------------------
 * The preflight half: CORS check, preflight decision, request side
 * ------------------------------------------------------------------------ */

const char *aceh_cors_str(aceh_cors c)
{
    switch (c) {
    case ACEH_CORS_PASS: return "pass";
    case ACEH_CORS_PASS_WILDCARD: return "pass-wildcard";
    case ACEH_CORS_NO_ALLOW_ORIGIN: return "no-allow-origin";
    case ACEH_CORS_WILDCARD_CREDENTIALS: return "wildcard-credentials";
    case ACEH_CORS_ORIGIN_MISMATCH: return "origin-mismatch";
    case ACEH_CORS_NO_CREDENTIALS: return "no-credentials";
    }
    return "unknown";
}

const char *aceh_pf_verdict_str(aceh_pf_verdict v)
{
    switch (v) {
    case ACEH_PF_PASS: return "pass";
    case ACEH_PF_CORS: return "cors";
    case ACEH_PF_STATUS: return "status";
    case ACEH_PF_BAD_METHODS: return "bad-methods";
    case ACEH_PF_BAD_HEADERS: return "bad-headers";
    case ACEH_PF_METHOD: return "method";
    case ACEH_PF_AUTHORIZATION: return "authorization";
    case ACEH_PF_HEADER: return "header";
    }
    return "unknown";
}

/* Fetch's credentials test: unknown mode values count as include, as in
 * the exposure decision. */
static int aceh__includes(aceh_mode mode)
{
    return mode != ACEH_OMIT && mode != ACEH_SAME_ORIGIN;
}

/* The bounds [*a, *b) of field line v without the SP/HTAB an HTTP stack
 * strips at its ends, as two indexes into v.ptr (so that each read is
 * checked against v.len itself). v.ptr may be NULL only with v.len 0. */
static void aceh__trim(aceh_str v, size_t *a, size_t *b)
{
    size_t i = 0, j = v.len;

    while (i < v.len && (v.ptr[i] == ' ' || v.ptr[i] == '\t'))
        i++;
    while (j > i &&
           (v.ptr[j - 1] == ' ' || v.ptr[j - 1] == '\t'))
        j--;
    *a = i;
    *b = j;
}

/* 1 if Fetch's "get" of the header (its lines joined by ", ") is exactly
 * [s, s+slen). Absent (n 0) never matches: callers handle absence. */
static int aceh__get_is(const aceh_str *lines, size_t n, const char *s,
                        size_t slen)
{
    size_t l, k, at = 0;

    if (n == 0 || lines == NULL || (s == NULL && slen != 0))
        return 0;
    for (l = 0; l < n; l++) {
        size_t a, b;

        if (ACEH__STR_NULL(lines[l]))
            return 0;
        aceh__trim(lines[l], &a, &b);
        /* Byte by byte, each read of s tested against slen where it
         * happens (these are short: an origin, "*", "true"). */
        for (k = l > 0 ? 0 : 2; k < 2; k++, at++)
            if (at >= slen || s[at] != ", "[k])
                return 0;
        for (k = a; k < b; k++, at++)
            if (at >= slen || s[at] != lines[l].ptr[k])
                return 0;
    }
    return at == slen;
}

aceh_cors aceh_cors_check(const aceh_str *allow_origin, size_t n_origin,
                          const aceh_str *allow_credentials, size_t n_cred,
                          const char *origin, size_t origin_len,
                          aceh_mode mode)
{
    const int incl = aceh__includes(mode);
    const int star = aceh__get_is(allow_origin, n_origin, "*", 1);

    if (n_origin == 0)
        return ACEH_CORS_NO_ALLOW_ORIGIN;
    if (star && !incl)
        return ACEH_CORS_PASS_WILDCARD;
    /* Fetch compares the request's origin with the value itself, so `*`
     * with credentials is a mismatch; it gets its own reason because it is
     * the usual server mistake. */
    if (!aceh__get_is(allow_origin, n_origin, origin, origin_len))
        return star ? ACEH_CORS_WILDCARD_CREDENTIALS
                    : ACEH_CORS_ORIGIN_MISMATCH;
    if (!incl)
        return ACEH_CORS_PASS;
    return aceh__get_is(allow_credentials, n_cred, "true", 4)
               ? ACEH_CORS_PASS
               : ACEH_CORS_NO_CREDENTIALS;
}

/* Byte-exact comparison with a literal (methods are case-sensitive). */
/* Byte-for-byte equality of n bytes (methods are case-sensitive). */
/*@ requires a: \valid_read(a + (0 .. n - 1));
    requires b: \valid_read(b + (0 .. n - 1));
    assigns \nothing;
 */
static int aceh__eq_exact(const unsigned char *a, const unsigned char *b,
                          size_t n)
{
    size_t i;

    /*@ loop invariant 0 <= i <= n;
        loop assigns i; */
    for (i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

#define ACEH__EQ_EXACT(p, len, lit) \
    ((len) == sizeof(lit) - 1 &&     \
     aceh__eq_exact(ACEH__U(p), ACEH__U(lit), sizeof(lit) - 1))

#define ACEH__MAX_AGE_CAP 2147483648ul /* RFC 9111 1.2.2: 2^31 */

unsigned long aceh_max_age(const aceh_str *lines, size_t nlines, int *valid)
{
    unsigned long v = 0;
    size_t i, a, b;

    if (valid)
        *valid = 0;
    /* Fetch's "extract header list values": a header whose ABNF is a
     * single value fails when it comes in several lines. */
    if (nlines != 1 || lines == NULL ||
        ACEH__STR_NULL(lines[0]))
        return 5;
    aceh__trim(lines[0], &a, &b);
    if (a == b)
        return 5;
    for (i = a; i < b; i++) {
        const unsigned d = (unsigned)((unsigned char)lines[0].ptr[i] - '0');

        if (d > 9)
            return 5;
        /* Once past 2^31 / 10 the value saturates: no overflow even
         * where unsigned long has 32 bits. */
        v = v > ACEH__MAX_AGE_CAP / 10 ? ACEH__MAX_AGE_CAP : v * 10 + d;
        if (v > ACEH__MAX_AGE_CAP)
            v = ACEH__MAX_AGE_CAP;
    }
    if (valid)
        *valid = 1;
    return v;
}

/* Compare two names by their lower-cased bytes, then by length: byte
 * order, as Fetch sorts header names (aceh__cmp_fold orders by length
 * first, which suits the filter's index but not a sorted list). */
/*@ requires a: \valid_read(a + (0 .. alen - 1));
    requires b: \valid_read(b + (0 .. blen - 1));
    assigns \nothing;
 */
static int aceh__cmp_lex(const unsigned char *a, size_t alen,
                         const unsigned char *b, size_t blen)
{
    size_t i, n = alen < blen ? alen : blen;

    /* Callers compare only entries they have checked; the unit test
     * preflight_null_entries puts a refused entry at every position. */
    ACEH__ASSERT((a != NULL || alen == 0) && (b != NULL || blen == 0));
    /*@ loop invariant 0 <= i <= n;
        loop assigns i; */
    for (i = 0; i < n; i++) {
        const unsigned char x = aceh__ascii_lower(a[i]);
        const unsigned char y = aceh__ascii_lower(b[i]);

        if (x != y)
            return x < y ? -1 : 1;
    }
    return alen < blen ? -1 : alen > blen;
}

/* Validate a list header (Fetch "extract header list values": one
 * invalid element in any line fails the whole header); 0 with the error
 * in *res on failure. *wild: an element is exactly `*`. */
static int aceh__pf_list(const aceh_str *lines, size_t n, aceh_pf_result *res,
                         int *wild)
{
    size_t l;

    *wild = 0;
    if (lines == NULL && n != 0) {
        res->list_status = ACEH_E_NULL;
        return 0;
    }
    for (l = 0; l < n; l++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, lines[l].ptr, lines[l].len);
        /*@ loop invariant aceh_iter_readable(&it); */
        while (aceh_iter_next_inline(&it, &s))
            *wild |= aceh__is_wildcard(it.p + s.off, s.len);
        if (it.status != ACEH_OK) {
            res->list_status = it.status;
            res->err_line = l;
            res->err_off = it.err_off;
            return 0;
        }
    }
    return 1;
}

/* 1 if `method` is an element of the (valid) Allow-Methods lines: methods
 * are case-sensitive, so byte for byte. */
static int aceh__pf_method_listed(const aceh_str *lines, size_t n,
                                  const char *method, size_t len)
{
    size_t l;
    int listed = 0;

    /* The empty method (the only one that may be NULL) is no element. */
    if (method == NULL)
        return 0;
    for (l = 0; l < n; l++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, lines[l].ptr, lines[l].len);
        /*@ loop invariant aceh_iter_readable(&it); */
        while (aceh_iter_next_inline(&it, &s))
            listed |= s.len == len &&
                      aceh__eq_exact(it.p + s.off, ACEH__U(method), len);
    }
    return listed;
}

/* Unsafe names are matched against Allow-Headers in blocks of this many,
 * one bit each on the stack, so every name is looked up once per block. */
#define ACEH__PF_BLOCK 4096u

/* Whether the preflight allows the request's method. An absent
 * Allow-Methods lists the request's own method only under the
 * use-CORS-preflight flag; otherwise it lists nothing. */
static int aceh__pf_method_ok(const aceh_preflight *pf, int incl, int wild_m)
{
    return (pf->n_allow_methods == 0
                ? (pf->flags & ACEH_PF_USE_CORS_PREFLIGHT) != 0
                : aceh__pf_method_listed(pf->allow_methods,
                                         pf->n_allow_methods, pf->method,
                                         pf->method_len)) ||
           ACEH__EQ_EXACT(pf->method, pf->method_len, "GET") ||
           ACEH__EQ_EXACT(pf->method, pf->method_len, "HEAD") ||
           ACEH__EQ_EXACT(pf->method, pf->method_len, "POST") ||
           (!incl && wild_m);
}

/* The index of the entry of the sorted, unique u[0..m) equal to [q,
 * q+len) in Fetch's order, or m. A second lookup beside the name index
 * (index.c) on purpose: the unsafe names are the caller's array, read in
 * place, and a sorted one needs no table at all. */
/*@ requires \valid_read(q + (0 .. len - 1)); */
static size_t aceh__pf_bsearch(const aceh_str *u, size_t m,
                               const unsigned char *q, size_t len)
{
    size_t lo = 0, hi = m;

    /*@ loop assigns lo, hi; */
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        /* A sorted block has no (NULL, n > 0) entry, which the analysis
         * does not relate to the block's test: the entry as aceh__given
         * reads it. */
        const aceh__bytes e = aceh__given(u[mid].ptr, u[mid].len);
        const int c = aceh__cmp_lex(e.p, e.len, q, len);

        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return m;
}

/* Set bit i of seen[] for each entry u[i] Access-Control-Allow-Headers
 * lists: by binary search when u is sorted and unique, else each entry
 * compared with each listed name. */
static void aceh__pf_seen(const aceh_preflight *pf, const aceh_str *u,
                          size_t m, int sorted, unsigned char *seen)
{
    size_t i, l;

    for (l = 0; l < pf->n_allow_headers; l++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, pf->allow_headers[l].ptr,
                       pf->allow_headers[l].len);
        /*@ loop invariant aceh_iter_readable(&it); */
        while (aceh_iter_next_inline(&it, &s)) {
            /* Through the iterator's pointer, whose bounds its contract
             * gives. */
            const unsigned char *q = it.p + s.off;

            if (sorted) {
                i = aceh__pf_bsearch(u, m, q, s.len);
                if (i < m)
                    seen[i / 8] |= (unsigned char)(1u << (i % 8));
            } else {
                /*@ loop assigns i, seen[0 .. m]; */
                for (i = 0; i < m; i++)
                    if (aceh__slice_eq(q, s.len, u[i].ptr, u[i].len))
                        seen[i / 8] |= (unsigned char)(1u << (i % 8));
            }
        }
    }
}

/* The block of the m unsafe names from b: the first Authorization and the
 * first other name Allow-Headers does not list (any, when `*` does not
 * stand for them: strict) go to *auth_fail and *header_fail, unless they
 * hold one already. */
static void aceh__pf_block(const aceh_preflight *pf, size_t b, size_t m,
                           int strict, size_t *auth_fail, size_t *header_fail)
{
    const aceh_str *u = pf->unsafe + b;
    unsigned char seen[ACEH__PF_BLOCK / 8];
    int sorted = 1;
    size_t i;

    memset(seen, 0, sizeof seen);
    /* A (NULL, n > 0) entry names nothing a response can list: it is
     * never looked up, so it leaves the block unsorted, is compared
     * with no neighbour, and fails below even under `*`. */
    for (i = 0; i < m; i++)
        if (ACEH__STR_NULL(u[i]) ||
            (i + 1 < m && (ACEH__STR_NULL(u[i + 1]) ||
                           aceh__cmp_lex(ACEH__U(u[i].ptr), u[i].len,
                                         ACEH__U(u[i + 1].ptr),
                                         u[i + 1].len) >= 0)))
            sorted = 0;
    aceh__pf_seen(pf, u, m, sorted, seen);
    for (i = 0; i < m; i++) {
        if (seen[i / 8] & (1u << (i % 8)))
            continue;
        /* Fetch's CORS non-wildcard request-header name: `*` never
         * stands for Authorization, with or without credentials. */
        if (ACEH__EQ_LIT(u[i].ptr, u[i].len, "authorization")) {
            if (*auth_fail == (size_t)-1)
                *auth_fail = b + i;
        } else if ((strict || ACEH__STR_NULL(u[i])) &&
                   *header_fail == (size_t)-1) {
            *header_fail = b + i;
        }
    }
}

aceh_pf_verdict aceh_preflight_decide(const aceh_preflight *pf,
                                      aceh_pf_result *res)
{
    aceh_pf_result r;
    int incl, wild_m, wild_h;
    size_t b, m, auth_fail = (size_t)-1, header_fail = (size_t)-1;

    r.verdict = ACEH_PF_CORS;
    r.cors = ACEH_CORS_NO_ALLOW_ORIGIN;
    r.list_status = ACEH_OK;
    r.err_line = r.err_off = r.index = 0;
    r.max_age = 0;
    if (pf == NULL)
        goto done;
    incl = aceh__includes(pf->mode);
    r.cors = aceh_cors_check(pf->allow_origin, pf->n_allow_origin,
                             pf->allow_credentials, pf->n_allow_credentials,
                             pf->origin, pf->origin_len, pf->mode);
    if (r.cors < 0)
        goto done;
    r.verdict = ACEH_PF_STATUS;
    if (pf->status < 200 || pf->status > 299)
        goto done;
    r.verdict = ACEH_PF_BAD_METHODS;
    if (!aceh__pf_list(pf->allow_methods, pf->n_allow_methods, &r, &wild_m))
        goto done;
    r.verdict = ACEH_PF_BAD_HEADERS;
    if (!aceh__pf_list(pf->allow_headers, pf->n_allow_headers, &r, &wild_h))
        goto done;
    r.verdict = ACEH_PF_METHOD;
    if (pf->method == NULL && pf->method_len != 0)
        goto done;
    if (!aceh__pf_method_ok(pf, incl, wild_m))
        goto done;
    r.verdict = ACEH_PF_HEADER;
    if (pf->unsafe == NULL && pf->n_unsafe != 0)
        goto done;
    for (b = 0; b < pf->n_unsafe; b += m) {
        m = pf->n_unsafe - b;
        if (m > ACEH__PF_BLOCK)
            m = ACEH__PF_BLOCK;
        aceh__pf_block(pf, b, m, incl || !wild_h, &auth_fail, &header_fail);
    }
    r.verdict = ACEH_PF_AUTHORIZATION;
    r.index = auth_fail;
    if (auth_fail != (size_t)-1)
        goto done;
    r.verdict = ACEH_PF_HEADER;
    r.index = header_fail;
    if (header_fail != (size_t)-1)
        goto done;
    r.index = 0;
    r.verdict = ACEH_PF_PASS;
    r.max_age = aceh_max_age(pf->max_age, pf->n_max_age, NULL);
done:
    if (res)
        *res = r;
    return r.verdict;
}

/* Method normalization (Fetch): a byte-case-insensitive match of the six
 * methods, which are ASCII letters only, so aceh__eq_fold is that match.
 * Rows of 8 bytes: whichever name is returned for `len`, at least `len`
 * bytes are behind it, which a static analysis sees without knowing
 * which name it is. */
const char *aceh_method_normalize(const char *method, size_t len)
{
    static const char names[][8] = {"DELETE", "GET",  "HEAD",
                                    "OPTIONS", "POST", "PUT"};
    size_t i;

    if (method == NULL)
        return method;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == len &&
            aceh__eq_fold((const unsigned char *)method,
                          (const unsigned char *)names[i], len))
            return names[i];
    return method;
}
