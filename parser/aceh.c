/* SPDX-License-Identifier: MIT */
/*
 * aceh: Access-Control-Expose-Headers parsing and exposure decisions.
 * See aceh.h for every function's contract. Sources: RFC 9110 5.1, 5.5,
 * 5.6.1, 5.6.2; WHATWG Fetch "extract header list values", "CORS-safelisted
 * response-header name", "forbidden response-header name", "CORS filtered
 * response" and the ACEH step of "main fetch".
 */
#include "aceh.h"

#include <stddef.h>
#include <string.h>

/* Byte classes. B (0) must stay zero: it is the default for every byte
 * the grammar does not name. */
enum { B = 0, T = 1, S = 2, C = 3, V = 4 };
/* T: RFC 9110 tchar (77 bytes). S: OWS (SP, HTAB only). C: ','.
 * V: CR, LF, NUL, which no field value can contain (RFC 9110 5.5): they
 * are reported apart because they mean broken framing, not a bad name.
 * B: everything else (delimiters, other controls, 0x7F, obs-text). */
static const unsigned char aceh_class[256] = {
    V, B, B, B, B, B, B, B, B, S, V, B, B, V, B, B,  /* 00 */
    B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,  /* 10 */
    S, T, B, T, T, T, T, T, B, B, T, T, C, T, T, B,  /* 20 */
    T, T, T, T, T, T, T, T, T, T, B, B, B, B, B, B,  /* 30 */
    B, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,  /* 40 */
    T, T, T, T, T, T, T, T, T, T, T, B, B, B, T, T,  /* 50 */
    T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,  /* 60 */
    T, T, T, T, T, T, T, T, T, T, T, B, T, B, T, B,  /* 70 */
    B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,  /* 80 */
    B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,  /* 90 */
    B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,  /* A0 */
    B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,  /* B0 */
    B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,  /* C0 */
    B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,  /* D0 */
    B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,  /* E0 */
    B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,  /* F0 */
};

const char *aceh_version(void)
{
    return ACEH_VERSION_STRING;
}

const char *aceh_status_str(aceh_status s)
{
    switch (s) {
    case ACEH_OK: return "ok";
    case ACEH_TRUNCATED: return "truncated";
    case ACEH_E_VALUE_BYTE: return "value-byte";
    case ACEH_E_NAME_BYTE: return "name-byte";
    case ACEH_E_MISSING_COMMA: return "missing-comma";
    case ACEH_E_BAD_NAME: return "bad-name";
    case ACEH_E_NULL: return "null";
    }
    return "unknown";
}

const char *aceh_verdict_str(aceh_verdict v)
{
    switch (v) {
    case ACEH_EXPOSED_SAFELISTED: return "safelisted";
    case ACEH_EXPOSED_LISTED: return "listed";
    case ACEH_EXPOSED_WILDCARD: return "wildcard";
    case ACEH_HIDDEN_FORBIDDEN: return "forbidden";
    case ACEH_HIDDEN_BAD_NAME: return "bad-name";
    case ACEH_HIDDEN_ABSENT: return "absent";
    case ACEH_HIDDEN_INVALID: return "invalid";
    case ACEH_HIDDEN_NOT_LISTED: return "not-listed";
    case ACEH_HIDDEN_AUTHORIZATION: return "authorization";
    }
    return "unknown";
}

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
}

static int iter_fail(aceh_iter *it, size_t at, aceh_status s)
{
    it->status = s;
    it->err_off = at;
    it->pos = it->len;
    return 0;
}

/* The error for an unexpected byte of class c at `at`. */
static int iter_fail_byte(aceh_iter *it, size_t at, unsigned char c)
{
    return iter_fail(it, at, c == V ? ACEH_E_VALUE_BYTE : ACEH_E_NAME_BYTE);
}

int aceh_iter_next(aceh_iter *it, aceh_slice *name)
{
    const unsigned char *p = it->p;
    size_t len = it->len, i = it->pos, start, end;
    unsigned char c;

    if (it->status != ACEH_OK)
        return 0;
    /* Element start: OWS and commas (empty elements) are skipped alike. */
    while (i < len && (aceh_class[p[i]] == S || aceh_class[p[i]] == C))
        i++;
    if (i == len) {
        it->pos = len;
        return 0;
    }
    if (aceh_class[p[i]] != T)
        return iter_fail_byte(it, i, aceh_class[p[i]]);
    start = i;
    while (i < len && aceh_class[p[i]] == T)
        i++;
    end = i;
    /* A name is only yielded once its element is known to end cleanly, so
     * every slice handed out is a whole, valid element. */
    while (i < len && aceh_class[p[i]] == S)
        i++;
    if (i < len) {
        c = aceh_class[p[i]];
        if (c == T) /* only reachable after OWS: "no no" */
            return iter_fail(it, i, ACEH_E_MISSING_COMMA);
        if (c != C)
            return iter_fail_byte(it, i, c);
        i++;
    }
    it->pos = i;
    name->off = start;
    name->len = end - start;
    return 1;
}

aceh_status aceh_iter_status(const aceh_iter *it)
{
    return it->status;
}

size_t aceh_iter_error_offset(const aceh_iter *it)
{
    return it->err_off;
}

aceh_status aceh_validate(const char *p, size_t len, size_t *count,
                          size_t *err_off)
{
    aceh_iter it;
    aceh_slice s;
    size_t n = 0;

    aceh_iter_init(&it, p, len);
    while (aceh_iter_next(&it, &s))
        n++;
    if (count)
        *count = n;
    if (err_off)
        *err_off = it.err_off;
    return it.status;
}

/* ------------------------------------------------------------------------
 * Predicates
 * ------------------------------------------------------------------------ */

static unsigned char ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

int aceh_name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i;

    if (alen != blen)
        return 0;
    if (alen == 0)
        return 1;
    if (a == NULL || b == NULL)
        return 0;
    for (i = 0; i < alen; i++)
        if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* Compare with a lower-case literal of the same length. */
static int eq_lit(const char *p, size_t len, const char *lit, size_t litlen)
{
    return aceh_name_eq(p, len, lit, litlen);
}
#define EQ_LIT(p, len, lit) eq_lit((p), (len), (lit), sizeof(lit) - 1)

int aceh_is_name(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i;

    if (len == 0 || p == NULL)
        return 0;
    for (i = 0; i < len; i++)
        if (aceh_class[u[i]] != T)
            return 0;
    return 1;
}

int aceh_is_safelisted(const char *p, size_t len)
{
    /* Fetch "CORS-safelisted response-header name" (without the ACEH
     * list, which the decision handles). Dispatch on length first. */
    switch (len) {
    case 6: return EQ_LIT(p, len, "pragma");
    case 7: return EQ_LIT(p, len, "expires");
    case 12: return EQ_LIT(p, len, "content-type");
    case 13:
        return EQ_LIT(p, len, "cache-control") ||
               EQ_LIT(p, len, "last-modified");
    case 14: return EQ_LIT(p, len, "content-length");
    case 16: return EQ_LIT(p, len, "content-language");
    default: return 0;
    }
}

int aceh_is_forbidden(const char *p, size_t len)
{
    return EQ_LIT(p, len, "set-cookie") || EQ_LIT(p, len, "set-cookie2");
}

static int is_wildcard(const unsigned char *p, size_t len)
{
    return len == 1 && p[0] == '*';
}

/* ------------------------------------------------------------------------
 * Whole header
 * ------------------------------------------------------------------------ */

aceh_status aceh_list_parse(aceh_list *list, const aceh_str *lines,
                            size_t nlines, aceh_name *names, size_t cap)
{
    size_t l, count = 0, stored = 0;
    int wildcard = 0;
    aceh_status st = ACEH_OK;

    list->lines = lines;
    list->nlines = nlines;
    list->names = names;
    list->err_line = 0;
    list->err_off = 0;
    if (lines == NULL && nlines != 0) {
        st = ACEH_E_NULL;
        nlines = 0;
    }
    for (l = 0; l < nlines; l++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, lines[l].ptr, lines[l].len);
        while (aceh_iter_next(&it, &s)) {
            if (names != NULL && stored < cap) {
                names[stored].line = l;
                names[stored].off = s.off;
                names[stored].len = s.len;
                stored++;
            }
            count++;
            wildcard |= is_wildcard(it.p + s.off, s.len);
        }
        if (it.status != ACEH_OK) {
            st = it.status;
            list->err_line = l;
            list->err_off = it.err_off;
            break;
        }
    }
    if (st == ACEH_OK && names != NULL && count > stored)
        st = ACEH_TRUNCATED;
    list->stored = stored;
    list->count = count;
    list->wildcard = st >= 0 ? wildcard : 0;
    list->status = st;
    return st;
}

const char *aceh_list_name_ptr(const aceh_list *list, size_t i)
{
    if (i >= list->stored)
        return NULL;
    return list->lines[list->names[i].line].ptr + list->names[i].off;
}

/* ------------------------------------------------------------------------
 * Decision
 * ------------------------------------------------------------------------ */

/* The part of the decision that does not depend on the list: 0 when the
 * list must be consulted. */
static aceh_verdict decide_name(const char *name, size_t name_len)
{
    if (!aceh_is_name(name, name_len))
        return ACEH_HIDDEN_BAD_NAME;
    if (aceh_is_safelisted(name, name_len))
        return ACEH_EXPOSED_SAFELISTED;
    if (aceh_is_forbidden(name, name_len))
        return ACEH_HIDDEN_FORBIDDEN;
    return (aceh_verdict)0;
}

/* The rest of it, for a valid list: `listed` when the name is an element,
 * `wildcard` when an element is "*". Fetch uses the wildcard only when
 * the credentials mode is not include; the seed's reading keeps
 * Authorization out of it. */
static aceh_verdict decide_list(const char *name, size_t name_len,
                                aceh_mode mode, unsigned flags, int listed,
                                int wildcard)
{
    if (listed)
        return ACEH_EXPOSED_LISTED;
    /* Unknown mode values get include's stricter treatment. */
    if (!wildcard || (mode != ACEH_OMIT && mode != ACEH_SAME_ORIGIN))
        return ACEH_HIDDEN_NOT_LISTED;
    if ((flags & ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION) &&
        EQ_LIT(name, name_len, "authorization"))
        return ACEH_HIDDEN_AUTHORIZATION;
    return ACEH_EXPOSED_WILDCARD;
}

aceh_verdict aceh_decide(const aceh_str *lines, size_t nlines,
                         const char *name, size_t name_len, aceh_mode mode,
                         unsigned flags)
{
    aceh_verdict v = decide_name(name, name_len);
    int listed = 0, wildcard = 0;
    size_t l;

    if (v != 0)
        return v;
    if (nlines == 0)
        return ACEH_HIDDEN_ABSENT;
    if (lines == NULL)
        return ACEH_HIDDEN_INVALID;
    /* No early exit on a match: a later invalid element voids the list. */
    for (l = 0; l < nlines; l++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, lines[l].ptr, lines[l].len);
        while (aceh_iter_next(&it, &s)) {
            const char *tok = (const char *)it.p + s.off;
            listed |= aceh_name_eq(tok, s.len, name, name_len);
            wildcard |= is_wildcard(it.p + s.off, s.len);
        }
        if (it.status != ACEH_OK)
            return ACEH_HIDDEN_INVALID;
    }
    return decide_list(name, name_len, mode, flags, listed, wildcard);
}

int aceh_exposed(const aceh_str *lines, size_t nlines, const char *name,
                 size_t name_len, aceh_mode mode, unsigned flags)
{
    return aceh_decide(lines, nlines, name, name_len, mode, flags) > 0;
}

aceh_verdict aceh_list_decide(const aceh_list *list, const char *name,
                              size_t name_len, aceh_mode mode,
                              unsigned flags)
{
    aceh_verdict v = decide_name(name, name_len);
    int listed = 0;
    size_t i;

    if (v != 0)
        return v;
    if (list->status < 0)
        return ACEH_HIDDEN_INVALID;
    if (list->nlines == 0)
        return ACEH_HIDDEN_ABSENT;
    if (list->names != NULL && list->stored == list->count) {
        for (i = 0; i < list->stored && !listed; i++)
            listed = aceh_name_eq(aceh_list_name_ptr(list, i),
                                  list->names[i].len, name, name_len);
    } else {
        /* The names did not fit: the list is known valid, rescan it. */
        for (i = 0; i < list->nlines && !listed; i++) {
            aceh_iter it;
            aceh_slice s;

            aceh_iter_init(&it, list->lines[i].ptr, list->lines[i].len);
            while (!listed && aceh_iter_next(&it, &s))
                listed = aceh_name_eq((const char *)it.p + s.off, s.len,
                                      name, name_len);
        }
    }
    return decide_list(name, name_len, mode, flags, listed, list->wildcard);
}

/* ------------------------------------------------------------------------
 * Response filter
 * ------------------------------------------------------------------------ */

aceh_status aceh_filter(const aceh_header *headers, size_t n, aceh_mode mode,
                        unsigned flags, unsigned char *readable,
                        size_t *err_index, size_t *err_off)
{
    size_t i, j;
    int present = 0, wildcard = 0;
    aceh_status st = ACEH_OK;

    if (err_index)
        *err_index = 0;
    if (err_off)
        *err_off = 0;
    if (n == 0)
        return ACEH_OK;
    if (headers == NULL || readable == NULL)
        return ACEH_E_NULL;
    for (j = 0; j < n; j++)
        readable[j] = 0;
    /* One parse of the ACEH lines: every name marks the headers it names
     * as it goes; the marks are dropped below if the list turns out
     * invalid. */
    for (i = 0; i < n && st == ACEH_OK; i++) {
        aceh_iter it;
        aceh_slice s;

        if (!EQ_LIT(headers[i].name, headers[i].name_len,
                    "access-control-expose-headers"))
            continue;
        present = 1;
        aceh_iter_init(&it, headers[i].value, headers[i].value_len);
        while (aceh_iter_next(&it, &s)) {
            const char *tok = (const char *)it.p + s.off;
            wildcard |= is_wildcard(it.p + s.off, s.len);
            for (j = 0; j < n; j++)
                if (aceh_name_eq(tok, s.len, headers[j].name,
                                 headers[j].name_len))
                    readable[j] = 1;
        }
        if (it.status != ACEH_OK) {
            st = it.status;
            if (err_index)
                *err_index = i;
            if (err_off)
                *err_off = it.err_off;
        }
    }
    for (j = 0; j < n; j++) {
        aceh_verdict v = decide_name(headers[j].name, headers[j].name_len);
        if (v == 0) {
            if (!present)
                v = ACEH_HIDDEN_ABSENT;
            else if (st != ACEH_OK)
                v = ACEH_HIDDEN_INVALID;
            else
                v = decide_list(headers[j].name, headers[j].name_len, mode,
                                flags, readable[j], wildcard);
        }
        readable[j] = v > 0;
    }
    return st;
}

/* ------------------------------------------------------------------------
 * Builder
 * ------------------------------------------------------------------------ */

/* Copy [src, src+len) to buf at *at, as far as room (cap - 1) allows. */
static void put(char *buf, size_t cap, size_t *at, const char *src,
                size_t len)
{
    size_t room;

    if (*at < cap - 1) {
        room = cap - 1 - *at;
        if (len > room)
            len = room;
        memcpy(buf + *at, src, len);
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
            put(buf, cap, &at, ", ", 2);
        put(buf, cap, &at, names[i].ptr, names[i].len);
    }
    buf[at < cap - 1 ? at : cap - 1] = '\0';
    return total < cap ? ACEH_OK : ACEH_TRUNCATED;
}
