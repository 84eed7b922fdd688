/* SPDX-License-Identifier: MIT */
/* The request side (safelisted request headers, the
 * Access-Control-Request-Headers value and its names) and the server
 * helpers (aceh_echo_names, aceh_vary_add). */

/* Fetch's CORS-unsafe request-header byte. */
static int aceh__unsafe_req_byte(unsigned char c)
{
    if (c < 0x20)
        return c != '\t';
    switch (c) {
    case '"': case '(': case ')': case ':': case '<': case '>': case '?':
    case '@': case '[': case '\\': case ']': case '{': case '}': case 0x7f:
        return 1;
    default: return 0;
    }
}

static int aceh__has_unsafe_req_byte(const char *p, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (aceh__unsafe_req_byte((unsigned char)p[i]))
            return 1;
    return 0;
}

/* Accept-Language and Content-Language: digits, letters, and SP * , - . ; =
 * only. */
static int aceh__lang_value(const char *p, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        const unsigned char c = (unsigned char)p[i];

        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
              (c >= 'a' && c <= 'z') || c == ' ' || c == '*' || c == ',' ||
              c == '-' || c == '.' || c == ';' || c == '='))
            return 0;
    }
    return 1;
}

/* HTTP whitespace as the MIME type parser trims it. CR and LF belong to it
 * too, but they are CORS-unsafe bytes and never get this far. */
/*@ assigns \nothing; */
static int aceh__http_ws(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* The essence of a MIME type (MIME Sniffing "parse a MIME type", whose
 * parameters never make it fail) is one of Fetch's three safelisted
 * Content-Type essences. Bytes 0x80-0xFF decode to code points that are
 * not HTTP token code points, like every non-tchar byte. */
/*@ requires \valid_read(p + (0 .. len - 1)); */
static int aceh__safelisted_essence(const unsigned char *p, size_t len)
{
    size_t a = 0, slash, semi, e;

    /*@ loop invariant len <= \at(len, Pre);
        loop assigns len; */
    while (len > 0 && aceh__http_ws(p[len - 1]))
        len--;
    /*@ loop invariant a <= len;
        loop assigns a; */
    while (a < len && aceh__http_ws(p[a]))
        a++;
    /*@ loop invariant a <= slash <= len;
        loop assigns slash; */
    for (slash = a; slash < len && p[slash] != '/'; slash++)
        ;
    if (slash == len || slash == a || !aceh__is_token(p + a, slash - a))
        return 0;
    /*@ loop invariant slash < semi <= len;
        loop assigns semi; */
    for (semi = slash + 1; semi < len && p[semi] != ';'; semi++)
        ;
    /*@ loop invariant slash < e <= semi;
        loop assigns e; */
    for (e = semi; e > slash + 1 && aceh__http_ws(p[e - 1]);)
        e--;
    if (e == slash + 1 || !aceh__is_token(p + slash + 1, e - slash - 1))
        return 0;
    return (ACEH__EQ_LIT(p + a, slash - a, "application") &&
            ACEH__EQ_LIT(p + slash + 1, e - slash - 1,
                         "x-www-form-urlencoded")) ||
           (ACEH__EQ_LIT(p + a, slash - a, "multipart") &&
            ACEH__EQ_LIT(p + slash + 1, e - slash - 1, "form-data")) ||
           (ACEH__EQ_LIT(p + a, slash - a, "text") &&
            ACEH__EQ_LIT(p + slash + 1, e - slash - 1, "plain"));
}

/* Fetch "parse a single range header value" without whitespace, and a
 * start that is present: `bytes=N-` or `bytes=N-M` with N <= M, numbers
 * of any length compared as digit strings. */
/*@ requires \valid_read(p + (0 .. len - 1)); */
static int aceh__safelisted_range(const char *p, size_t len)
{
    size_t i = 6, s0, s1, e0, e1;

    if (len < 7 || memcmp(p, "bytes=", 6) != 0)
        return 0;
    /*@ loop invariant s0 <= i <= len;
        loop assigns i; */
    for (s0 = i; i < len && p[i] >= '0' && p[i] <= '9'; i++)
        ;
    s1 = i;
    if (s1 == s0 || i >= len || p[i] != '-')
        return 0;
    /*@ loop invariant e0 <= i <= len;
        loop assigns i; */
    for (e0 = ++i; i < len && p[i] >= '0' && p[i] <= '9'; i++)
        ;
    e1 = i;
    if (i < len)
        return 0;
    if (e1 == e0)
        return 1;
    /* Sums rather than differences: the bound on each index is then seen
     * by a static analysis too. */
    /*@ loop invariant s0 < s1;
        loop assigns s0; */
    while (s0 + 1 < s1 && p[s0] == '0')
        s0++;
    /*@ loop invariant e0 < e1;
        loop assigns e0; */
    while (e0 + 1 < e1 && p[e0] == '0')
        e0++;
    if (s1 - s0 != e1 - e0)
        return s1 - s0 < e1 - e0;
    /* Digit strings of one length: the first differing digit decides. */
    /*@ loop invariant s1 - s0 == e1 - e0 && s0 <= s1 && e0 <= e1;
        loop assigns s0, e0; */
    for (; e0 < e1; s0++, e0++)
        if (p[s0] != p[e0])
            return p[s0] < p[e0];
    return 1;
}

int aceh_is_safelisted_request_header(const char *name, size_t name_len,
                                      const char *value, size_t value_len)
{
    if ((name == NULL && name_len != 0) || (value == NULL && value_len != 0) ||
        value_len > 128)
        return 0;
    if (value_len == 0)
        value = "";
    if (ACEH__EQ_LIT(name, name_len, "accept"))
        return !aceh__has_unsafe_req_byte(value, value_len);
    if (ACEH__EQ_LIT(name, name_len, "accept-language") ||
        ACEH__EQ_LIT(name, name_len, "content-language"))
        return aceh__lang_value(value, value_len);
    if (ACEH__EQ_LIT(name, name_len, "content-type"))
        return !aceh__has_unsafe_req_byte(value, value_len) &&
               aceh__safelisted_essence(ACEH__U(value), value_len);
    if (ACEH__EQ_LIT(name, name_len, "range"))
        return aceh__safelisted_range(value, value_len);
    return 0;
}

/* The headers' first pass for aceh_request_headers: ACEH_OK, or the error
 * of the first bad header (its index in *bad); *safe gets bit i for each
 * safelisted header i < 64, *safe_size the safelisted values' total
 * length. O(total bytes). */
static aceh_status aceh__request_scan(const aceh_header *headers, size_t n,
                                      size_t *bad, uint64_t *safe,
                                      size_t *safe_size)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const aceh_header *h = headers + i;

        *bad = i;
        if ((h->name == NULL && h->name_len != 0) ||
            (h->value == NULL && h->value_len != 0))
            return ACEH_E_NULL;
        if (!aceh__is_name(h->name, h->name_len))
            return ACEH_E_BAD_NAME;
        if (aceh_is_safelisted_request_header(h->name, h->name_len, h->value,
                                              h->value_len)) {
            *safe_size += h->value_len;
            *safe |= i < 64 ? (uint64_t)1 << i : 0;
        }
    }
    return ACEH_OK;
}

/* The request's next unsafe header name in byte order of the lower-cased
 * names: the smallest one above `last` (NULL: none yet), or NULL when
 * none is left. A header is safelisted when bit j of `safe` says so (j <
 * 64) or when asked again (j >= 64); `over` (the safelisted values are
 * over 1,024 bytes in all) makes every header unsafe. O(total name
 * bytes). */
ACEH_INLINE const aceh_header *
aceh__request_next(const aceh_header *headers, size_t n, int over,
                   uint64_t safe, const aceh_header *last)
{
    const aceh_header *next = NULL;
    size_t j;

    for (j = 0; j < n; j++) {
        const aceh_header *h = headers + j;

        /* The answers of the first 64 headers are kept; later ones are
         * asked again each round. */
        if (!over && (j < 64 ? (safe >> j) & 1
                             : (uint64_t)aceh_is_safelisted_request_header(
                                   h->name, h->name_len, h->value,
                                   h->value_len)))
            continue;
        if (last != NULL && aceh__cmp_lex(ACEH__U(h->name), h->name_len,
                                           ACEH__U(last->name),
                                           last->name_len) <= 0)
            continue;
        if (next == NULL || aceh__cmp_lex(ACEH__U(h->name), h->name_len,
                                           ACEH__U(next->name),
                                           next->name_len) < 0)
            next = h;
    }
    return next;
}

/*@ requires buf == \null || \valid(buf + (0 .. cap - 1)); */
aceh_status aceh_request_headers(const aceh_header *headers, size_t n,
                                 char *buf, size_t cap, size_t *needed,
                                 size_t *bad_index)
{
    size_t j, from, bad = 0, total = 0, at = 0, safe_size = 0;
    const aceh_header *next, *last = NULL;
    uint64_t safe = 0; /* bit i: header i < 64 is safelisted */
    aceh_status st;

    if (needed)
        *needed = 0;
    if (bad_index)
        *bad_index = 0;
    if (buf == NULL && cap != 0)
        return ACEH_E_NULL;
    if (cap != 0)
        buf[0] = '\0';
    if (headers == NULL && n != 0)
        return ACEH_E_NULL;
    st = aceh__request_scan(headers, n, &bad, &safe, &safe_size);
    if (st != ACEH_OK) {
        if (bad_index)
            *bad_index = bad;
        return st;
    }
    /* Selection by lower-cased bytes: each round emits the smallest unsafe
     * name above the last one, so duplicates go out once. */
    /* The loop calls functions without ACSL contracts, which WP takes to
     * change everything: the second invariant keeps buf and cap. */
    /*@ loop invariant cap != 0 ==> at < cap;
        loop invariant buf == \at(buf, Pre) && cap == \at(cap, Pre); */
    while ((next = aceh__request_next(headers, n, safe_size > 1024, safe,
                                      last)) != NULL) {
        if (last != NULL)
            at = aceh__out(buf, cap, at, &total, ",", 1);
        from = at;
        at = aceh__out(buf, cap, at, &total, next->name, next->name_len);
        /*@ assert \valid_read(next->name + (0 .. next->name_len - 1)); */
        /* Lower-cased from the name itself, which the copy's bytes are:
         * a static analysis knows the name's bytes initialized, not
         * those memcpy wrote. */
        /*@ loop invariant from <= j <= at;
            loop assigns j, buf[0 .. cap - 1]; */
        for (j = from; j < at; j++)
            buf[j] = (char)aceh__ascii_lower(
                (unsigned char)next->name[j - from]);
        last = next;
    }
    aceh__end(buf, cap, at);
    if (needed)
        *needed = total;
    if (cap == 0 || total >= cap)
        return ACEH_TRUNCATED;
    return ACEH_OK;
}

aceh_status aceh_request_header_names(const char *value, size_t len,
                                      aceh_str *names, size_t cap,
                                      size_t *count, size_t *err_off)
{
    aceh_iter it;
    aceh_slice s;
    size_t n = 0;

    aceh_iter_init(&it, value, len);
    while (aceh_iter_next_inline(&it, &s)) {
        if (names != NULL && n < cap) {
            names[n].ptr = value + s.off;
            names[n].len = s.len;
        }
        n++;
    }
    if (count)
        *count = n;
    if (err_off)
        *err_off = it.err_off;
    if (it.status == ACEH_OK && names != NULL && n > cap)
        return ACEH_TRUNCATED;
    return it.status;
}

/* The names of valid list lines joined by ", ", then `name` (len 0: none)
 * unless present or absorbed by `*` (star_absorbs). */
/*@ requires buf == \null || \valid(buf + (0 .. cap - 1)); */
static aceh_status aceh__join(const aceh_str *lines, size_t nlines,
                              const char *name, size_t name_len,
                              int star_absorbs, char *buf, size_t cap,
                              size_t *needed, int *added)
{
    size_t l, at, total = 0;
    int present = 0, any = 0;

    if (needed)
        *needed = 0;
    if (added)
        *added = 0;
    if (buf == NULL && cap != 0)
        return ACEH_E_NULL;
    if (cap != 0)
        buf[0] = '\0';
    if (lines == NULL && nlines != 0)
        return ACEH_E_NULL;
    for (l = 0; l < nlines; l++) {
        aceh_status st = aceh_validate(lines[l].ptr, lines[l].len, NULL, NULL);

        if (st != ACEH_OK)
            return st;
    }
    at = 0;
    /*@ loop invariant cap != 0 ==> at < cap;
        loop assigns l, present, any, at, total, buf[0 .. cap - 1]; */
    for (l = 0; l < nlines; l++) {
        const char *lp = lines[l].ptr;
        const size_t ll = lines[l].len;
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, lp, ll);
        /*@ loop invariant cap != 0 ==> at < cap;
            loop invariant aceh_iter_readable(&it);
            loop invariant aceh_readable(lp, ll);
            loop invariant it.len == 0 || (it.len == ll && lp != \null);
            loop assigns it.pos, it.err_off, it.status, it.win, it.wt, it.ws,
                         it.wc, s, present, any, at, total, buf[0 .. cap - 1];
         */
        while (aceh_iter_next_inline(&it, &s)) {
            /* One name, two views whose bounds the iterator's contract
             * gives: u to read it (the iterator's bytes), q to copy it
             * (memcpy's). A static analysis follows no cast between the
             * two pointer types. */
            const unsigned char *u = it.p + s.off;
            const char *q = lp + s.off;

            /*@ assert lp != \null && s.off + s.len <= ll; */
            present |= aceh__slice_eq(u, s.len, name, name_len) ||
                       (star_absorbs && s.len == 1 && u[0] == '*');
            if (any)
                at = aceh__out(buf, cap, at, &total, ", ", 2);
            at = aceh__out(buf, cap, at, &total, q, s.len);
            any = 1;
        }
    }
    if (name_len != 0 && !present) {
        if (any)
            at = aceh__out(buf, cap, at, &total, ", ", 2);
        at = aceh__out(buf, cap, at, &total, name, name_len);
        if (added)
            *added = 1;
    }
    aceh__end(buf, cap, at);
    if (needed)
        *needed = total;
    return total < cap ? ACEH_OK : ACEH_TRUNCATED;
}

aceh_status aceh_echo_names(const aceh_str *lines, size_t nlines, char *buf,
                            size_t cap, size_t *needed)
{
    return aceh__join(lines, nlines, NULL, 0, 0, buf, cap, needed, NULL);
}

aceh_status aceh_vary_add(const aceh_str *lines, size_t nlines,
                          const char *name, size_t name_len, char *buf,
                          size_t cap, size_t *needed, int *added)
{
    if (!aceh__is_name(name, name_len)) {
        if (needed)
            *needed = 0;
        if (added)
            *added = 0;
        if (buf != NULL && cap != 0)
            buf[0] = '\0';
        return name == NULL && name_len != 0 ? ACEH_E_NULL : ACEH_E_BAD_NAME;
    }
    return aceh__join(lines, nlines, name, name_len, 1, buf, cap, needed,
                      added);
}
