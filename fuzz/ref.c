/* SPDX-License-Identifier: MIT */
#include "ref.h"

#include "input.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* REF_BREAK deliberately breaks the reference so the differential-abort
 * check can prove that a disagreement really stops the harness:
 *   1: '^' is no longer tchar;  2: the wildcard also works under include. */
#ifndef REF_BREAK
#define REF_BREAK 0
#endif

/* No SanitizerCoverage in the reference: it runs many times per input,
 * byte by byte, and its comparison hooks cost more than all of the
 * library's work while adding no guidance that the library's own branches
 * (the code under test) do not give. clang 13+; elsewhere a no-op. */
#if defined(__clang__) && __clang_major__ >= 13
#pragma clang attribute push(__attribute__((no_sanitize("coverage"))), \
                             apply_to = function)
#define REF_COVERAGE_OFF 1
#endif

int ref_is_tchar(unsigned char c)
{
    /* RFC 9110 5.6.2: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-"
     * / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
    if (c >= '0' && c <= '9')
        return 1;
    if (c >= 'a' && c <= 'z')
        return 1;
    if (c >= 'A' && c <= 'Z')
        return 1;
    if (REF_BREAK == 1 && c == '^')
        return 0;
    return c == '!' || c == '#' || c == '$' || c == '%' || c == '&' ||
           c == '\'' || c == '*' || c == '+' || c == '-' || c == '.' ||
           c == '^' || c == '_' || c == '`' || c == '|' || c == '~';
}

int ref_is_ows(unsigned char c)
{
    return c == ' ' || c == '\t';
}

int ref_is_value_forbidden(unsigned char c)
{
    return c == '\r' || c == '\n' || c == '\0';
}

int ref_is_name(const char *p, size_t len)
{
    size_t i;

    if (len == 0 || p == NULL)
        return 0;
    for (i = 0; i < len; i++)
        if (!ref_is_tchar((unsigned char)p[i]))
            return 0;
    return 1;
}

static unsigned char lower(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c - 'A' + 'a');
    return c;
}

int ref_name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i;

    if (alen != blen)
        return 0;
    /* aceh.h: (NULL, n > 0) is never a name, so it equals nothing. */
    if (alen != 0 && (a == NULL || b == NULL))
        return 0;
    for (i = 0; i < alen; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

static int eq_str(const char *p, size_t len, const char *s)
{
    size_t n = 0;

    while (s[n] != '\0')
        n++;
    return ref_name_eq(p, len, s, n);
}

int ref_is_safelisted(const char *p, size_t len)
{
    /* Fetch: CORS-safelisted response-header name. */
    return eq_str(p, len, "Cache-Control") ||
           eq_str(p, len, "Content-Language") ||
           eq_str(p, len, "Content-Length") ||
           eq_str(p, len, "Content-Type") || eq_str(p, len, "Expires") ||
           eq_str(p, len, "Last-Modified") || eq_str(p, len, "Pragma");
}

int ref_is_forbidden(const char *p, size_t len)
{
    /* Fetch: forbidden response-header name. */
    return eq_str(p, len, "Set-Cookie") || eq_str(p, len, "Set-Cookie2");
}

/* The error for a byte that cannot start or continue an element. */
static aceh_status bad_byte(unsigned char c)
{
    return ref_is_value_forbidden(c) ? ACEH_E_VALUE_BYTE : ACEH_E_NAME_BYTE;
}

aceh_status ref_tokenize(const char *p, size_t len, aceh_slice *out,
                         size_t cap, size_t *count, size_t *err_off)
{
    /* #field-name, recipient form: [ token ] *( OWS "," OWS [ token ] ).
     * One element at a time: OWS, then either nothing (an empty element,
     * ended by ',' or the end) or a token, then OWS, then ',' or the end.
     * A name counts only once its element has ended cleanly. */
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0, n = 0, start, end;
    aceh_status st = ACEH_OK;

    *err_off = 0;
    if (p == NULL && len != 0) {
        *count = 0;
        return ACEH_E_NULL;
    }
    for (;;) {
        while (i < len && ref_is_ows(u[i]))
            i++;
        if (i == len)
            break;
        if (u[i] == ',') {
            i++;
            continue;
        }
        if (!ref_is_tchar(u[i])) {
            st = bad_byte(u[i]);
            break;
        }
        start = i;
        while (i < len && ref_is_tchar(u[i]))
            i++;
        end = i;
        while (i < len && ref_is_ows(u[i]))
            i++;
        if (i < len && u[i] != ',') {
            st = ref_is_tchar(u[i]) ? ACEH_E_MISSING_COMMA : bad_byte(u[i]);
            break;
        }
        if (n < cap) {
            out[n].off = start;
            out[n].len = end - start;
        }
        n++;
        if (i == len)
            break;
        i++; /* the comma */
    }
    if (st != ACEH_OK)
        *err_off = i;
    *count = n;
    return st;
}

/* Lines with up to this many names are tokenized into a stack array: the
 * harnesses call the reference many times per input, and a heap
 * allocation per line and call was most of their time under ASan. */
#define REF_SMALL 16

static int is_star(const char *p, size_t len)
{
    return len == 1 && p[0] == '*';
}

aceh_status ref_list_parse(aceh_list *list, const aceh_str *lines,
                           size_t nlines, aceh_name *names, size_t cap)
{
    size_t l, k, count = 0, stored = 0;
    int wildcard = 0;
    aceh_status st = ACEH_OK;

    list->lines = lines;
    list->nlines = nlines;
    list->names = names;
    list->err_line = 0;
    list->err_off = 0;
    if (lines == NULL && nlines != 0)
        st = ACEH_E_NULL;
    for (l = 0; st == ACEH_OK && l < nlines; l++) {
        /* Tokenize twice: once to count, once into an array that size. */
        size_t n, off;
        aceh_slice small[REF_SMALL], *sl = small;
        aceh_status s = ref_tokenize(lines[l].ptr, lines[l].len, NULL, 0, &n,
                                     &off);
        if (n > REF_SMALL)
            sl = fuzz_xmalloc(n * sizeof *sl);
        ref_tokenize(lines[l].ptr, lines[l].len, sl, n, &n, &off);
        for (k = 0; k < n; k++) {
            if (names != NULL && stored < cap) {
                names[stored].line = l;
                names[stored].off = sl[k].off;
                names[stored].len = sl[k].len;
                stored++;
            }
            if (is_star(lines[l].ptr + sl[k].off, sl[k].len))
                wildcard = 1;
            count++;
        }
        if (s != ACEH_OK) {
            st = s;
            list->err_line = l;
            list->err_off = off;
        }
    }
    /* aceh.h: "names (may be NULL, then cap is ignored)". */
    if (st == ACEH_OK && names != NULL && count > cap)
        st = ACEH_TRUNCATED;
    list->stored = stored;
    list->count = count;
    list->status = st;
    list->wildcard = (st == ACEH_OK || st == ACEH_TRUNCATED) ? wildcard : 0;
    return st;
}

void ref_header_scan(ref_header *h, const aceh_str *lines, size_t nlines)
{
    size_t l, k, n, off;

    h->valid = 1;
    h->wildcard = 0;
    h->names = NULL;
    h->nnames = 0;
    h->nlines = nlines;
    if (lines == NULL && nlines != 0) {
        h->valid = 0;
        return;
    }
    /* Count, then store: every name of a valid header, in order. */
    for (l = 0; l < nlines; l++) {
        if (ref_tokenize(lines[l].ptr, lines[l].len, NULL, 0, &n, &off) !=
            ACEH_OK) {
            h->valid = 0;
            return;
        }
        h->nnames += n;
    }
    h->names = fuzz_xmalloc(h->nnames * sizeof *h->names);
    h->nnames = 0;
    for (l = 0; l < nlines; l++) {
        aceh_slice small[REF_SMALL], *sl = small;
        ref_tokenize(lines[l].ptr, lines[l].len, NULL, 0, &n, &off);
        if (n > REF_SMALL)
            sl = fuzz_xmalloc(n * sizeof *sl);
        ref_tokenize(lines[l].ptr, lines[l].len, sl, n, &n, &off);
        for (k = 0; k < n; k++) {
            aceh_str *t = &h->names[h->nnames++];
            t->ptr = lines[l].ptr + sl[k].off;
            t->len = sl[k].len;
            if (is_star(t->ptr, t->len))
                h->wildcard = 1;
        }
    }
}

void ref_header_free(ref_header *h)
{
    h->names = NULL;
    h->nnames = 0;
}

aceh_verdict ref_header_decide(const ref_header *h, const char *name,
                               size_t name_len, aceh_mode mode,
                               unsigned flags)
{
    size_t k;
    int cross_origin_wildcard;

    /* No response can carry a header whose name is not a token. */
    if (!ref_is_name(name, name_len))
        return ACEH_HIDDEN_BAD_NAME;
    if (ref_is_safelisted(name, name_len))
        return ACEH_EXPOSED_SAFELISTED;
    if (ref_is_forbidden(name, name_len))
        return ACEH_HIDDEN_FORBIDDEN;
    if (h->nlines == 0)
        return ACEH_HIDDEN_ABSENT;
    /* All or nothing: one invalid element anywhere voids the header. */
    if (!h->valid)
        return ACEH_HIDDEN_INVALID;
    for (k = 0; k < h->nnames; k++)
        if (ref_name_eq(h->names[k].ptr, h->names[k].len, name, name_len))
            return ACEH_EXPOSED_LISTED;
    /* Fetch: "*" is a wildcard only when the credentials mode is not
     * include (omit, or same-origin on a cross-origin request); any
     * other mode value is include. */
    cross_origin_wildcard = mode == ACEH_OMIT || mode == ACEH_SAME_ORIGIN;
    if (REF_BREAK == 2)
        cross_origin_wildcard = 1;
    if (!h->wildcard || !cross_origin_wildcard)
        return ACEH_HIDDEN_NOT_LISTED;
    if ((flags & ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION) &&
        eq_str(name, name_len, "Authorization"))
        return ACEH_HIDDEN_AUTHORIZATION;
    return ACEH_EXPOSED_WILDCARD;
}

aceh_verdict ref_decide(const aceh_str *lines, size_t nlines,
                        const char *name, size_t name_len, aceh_mode mode,
                        unsigned flags)
{
    ref_header h;
    aceh_verdict v;

    ref_header_scan(&h, lines, nlines);
    v = ref_header_decide(&h, name, name_len, mode, flags);
    ref_header_free(&h);
    return v;
}

aceh_status ref_filter(const aceh_header *headers, size_t n, aceh_mode mode,
                       unsigned flags, unsigned char *readable,
                       size_t *err_index, size_t *err_off)
{
    /* Collect the ACEH lines in order, then decide each header alone. */
    aceh_str *lines;
    size_t *where;
    size_t i, nl = 0;
    aceh_status st = ACEH_OK;
    ref_header h;

    if (err_index)
        *err_index = 0;
    if (err_off)
        *err_off = 0;
    if (n == 0)
        return ACEH_OK;
    if (headers == NULL || readable == NULL)
        return ACEH_E_NULL;
    lines = fuzz_xmalloc(n * sizeof *lines);
    where = fuzz_xmalloc(n * sizeof *where);
    for (i = 0; i < n; i++) {
        if (!eq_str(headers[i].name, headers[i].name_len,
                    "Access-Control-Expose-Headers"))
            continue;
        lines[nl].ptr = headers[i].value;
        lines[nl].len = headers[i].value_len;
        where[nl] = i;
        nl++;
    }
    for (i = 0; i < nl && st == ACEH_OK; i++) {
        size_t cnt, off;
        st = ref_tokenize(lines[i].ptr, lines[i].len, NULL, 0, &cnt, &off);
        if (st != ACEH_OK) {
            if (err_index)
                *err_index = where[i];
            if (err_off)
                *err_off = off;
        }
    }
    ref_header_scan(&h, lines, nl);
    for (i = 0; i < n; i++)
        readable[i] = ref_header_decide(&h, headers[i].name,
                                        headers[i].name_len, mode, flags) > 0;
    ref_header_free(&h);
    return st;
}

aceh_status ref_format(const aceh_str *names, size_t n, char *buf,
                       size_t cap, size_t *needed, size_t *bad_index)
{
    size_t i, j, total = 0, at = 0;

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
    /* Refuse before writing anything: every name must be a token. */
    for (i = 0; i < n; i++) {
        if (names[i].ptr == NULL && names[i].len != 0) {
            if (bad_index)
                *bad_index = i;
            return ACEH_E_NULL;
        }
        if (!ref_is_name(names[i].ptr, names[i].len)) {
            if (bad_index)
                *bad_index = i;
            return ACEH_E_BAD_NAME;
        }
        total += names[i].len + (i > 0 ? 2 : 0);
    }
    if (needed)
        *needed = total;
    /* snprintf style: byte by byte while there is room for it and a NUL. */
    for (i = 0; i < n; i++) {
        if (i > 0) {
            if (at + 1 < cap)
                buf[at] = ',';
            at++;
            if (at + 1 < cap)
                buf[at] = ' ';
            at++;
        }
        for (j = 0; j < names[i].len; j++) {
            if (at + 1 < cap)
                buf[at] = names[i].ptr[j];
            at++;
        }
    }
    if (cap != 0)
        buf[at < cap ? at : cap - 1] = '\0';
    return total < cap ? ACEH_OK : ACEH_TRUNCATED;
}

/* The names aceh.h gives each value; "unknown" for any other. */
typedef struct ref_name {
    int value;
    const char *name;
} ref_name;

static const char *ref_lookup(const ref_name *t, size_t n, int value)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (t[i].value == value)
            return t[i].name;
    return "unknown";
}
#define REF_LOOKUP(t, v) ref_lookup((t), sizeof(t) / sizeof((t)[0]), (int)(v))

const char *ref_status_str(aceh_status s)
{
    static const ref_name t[] = {
        {0, "ok"},         {1, "truncated"},      {-1, "value-byte"},
        {-2, "name-byte"}, {-3, "missing-comma"}, {-4, "bad-name"},
        {-5, "null"}};
    return REF_LOOKUP(t, s);
}

const char *ref_verdict_str(aceh_verdict v)
{
    static const ref_name t[] = {
        {1, "safelisted"}, {2, "listed"},  {3, "wildcard"},
        {-1, "forbidden"}, {-2, "bad-name"}, {-3, "absent"},
        {-4, "invalid"},   {-5, "not-listed"}, {-6, "authorization"}};
    return REF_LOOKUP(t, v);
}

const char *ref_cors_str(aceh_cors c)
{
    static const ref_name t[] = {
        {1, "pass"},  {2, "pass-wildcard"}, {-1, "no-allow-origin"},
        {-2, "wildcard-credentials"}, {-3, "origin-mismatch"},
        {-4, "no-credentials"}};
    return REF_LOOKUP(t, c);
}

const char *ref_pf_verdict_str(aceh_pf_verdict v)
{
    static const ref_name t[] = {
        {1, "pass"},         {-1, "cors"},   {-2, "status"},
        {-3, "bad-methods"}, {-4, "bad-headers"}, {-5, "method"},
        {-6, "authorization"}, {-7, "header"}};
    return REF_LOOKUP(t, v);
}

int ref_version_is(const char *s)
{
    char want[64];

    snprintf(want, sizeof want, "%d.%d.%d", ACEH_VERSION_MAJOR,
             ACEH_VERSION_MINOR, ACEH_VERSION_PATCH);
    return s != NULL && strcmp(s, want) == 0 &&
           strcmp(ACEH_VERSION_STRING, want) == 0;
}

int ref_simd_path_known(const char *name)
{
    static const char *const known[] = {"scalar", "sse2", "ssse3",
                                         "neon",   "avx2", "avx512bw",
                                         "avx512vbmi2"};
    size_t i;

    for (i = 0; name != NULL && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i]) == 0)
            return 1;
    return 0;
}

/* aceh.h: 8 bytes per name, 0 for none, SIZE_MAX past 4,294,967,294
 * names or when the size overflows. */
size_t ref_set_size(size_t count)
{
    if (count > 4294967294u || count > SIZE_MAX / 8)
        return SIZE_MAX;
    return count * 8;
}

/* aceh.h: 0 up to 1,536 headers, else 8 per header, capped at
 * 8 x 4,294,967,294 and at the largest multiple of 8 a size_t holds. */
size_t ref_filter_scratch_size(size_t n)
{
    if (n <= 1536)
        return 0;
    if (n > 4294967294u)
        n = 4294967294u;
    if (n > SIZE_MAX / 8)
        n = SIZE_MAX / 8;
    return n * 8;
}

#ifdef REF_COVERAGE_OFF
#pragma clang attribute pop
#endif
