/* SPDX-License-Identifier: MIT */
/* Unit tests for parser/ (Check). Expectations come from RFC 9110 and the
 * Fetch standard as written in the test itself (tchar_ref below), never
 * from the library's own tables. */
#include "aceh.h"
#include "guard.h"
#include "unit_cases.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 9110 5.6.2: tchar, spelled out independently of parser/. */
static int tchar_ref(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') ||
           (c != 0 && strchr("!#$%&'*+-.^_`|~", (int)c) != NULL);
}

static int ows_ref(unsigned c) { return c == ' ' || c == '\t'; }
static int value_bad_ref(unsigned c) { return c == 0 || c == '\r' || c == '\n'; }

/* The error a lone unexpected byte gets. */
static aceh_status byte_err(unsigned c)
{
    return value_bad_ref(c) ? ACEH_E_VALUE_BYTE : ACEH_E_NAME_BYTE;
}

typedef struct tok_result {
    aceh_status st;
    size_t off;
    size_t n;
    aceh_slice s[8];
} tok_result;

static tok_result tokenize(const char *p, size_t len)
{
    tok_result r;
    aceh_iter it;
    aceh_slice s;

    memset(&r, 0, sizeof r);
    aceh_iter_init(&it, p, len);
    while (aceh_iter_next(&it, &s)) {
        /* Every slice is inside the input, in order, non-empty, tchar. */
        ck_assert_uint_gt(s.len, 0);
        ck_assert_uint_le(s.off + s.len, len);
        if (r.n > 0)
            ck_assert_uint_ge(s.off, r.s[r.n - 1].off + r.s[r.n - 1].len);
        ck_assert(aceh_is_name(p + s.off, s.len));
        if (r.n < 8)
            r.s[r.n] = s;
        r.n++;
    }
    /* Sticky end/error. */
    ck_assert_int_eq(aceh_iter_next(&it, &s), 0);
    r.st = aceh_iter_status(&it);
    r.off = aceh_iter_error_offset(&it);
    {
        /* The batch tokenizer gives the same names, count and error. */
        aceh_slice b[8];
        size_t count = 99, off = 99, k;
        aceh_status st = aceh_split(p, len, b, 8, &count, &off);

        ck_assert_int_eq(st, r.st == ACEH_OK && r.n > 8 ? ACEH_TRUNCATED
                                                        : r.st);
        ck_assert_uint_eq(count, r.n);
        ck_assert_uint_eq(off, r.off);
        for (k = 0; k < r.n && k < 8; k++) {
            ck_assert_uint_eq(b[k].off, r.s[k].off);
            ck_assert_uint_eq(b[k].len, r.s[k].len);
        }
    }
    return r;
}

/* ---------------------------------------------------------------- bytes */

START_TEST(byte_inside_name)
{
    unsigned c = (unsigned)_i;
    char v[3] = {'a', (char)c, 'b'};
    tok_result r = tokenize(v, 3);

    if (tchar_ref(c)) {
        ck_assert_int_eq(r.st, ACEH_OK);
        ck_assert_uint_eq(r.n, 1);
        ck_assert_uint_eq(r.s[0].off, 0);
        ck_assert_uint_eq(r.s[0].len, 3);
    } else if (ows_ref(c)) {
        ck_assert_int_eq(r.st, ACEH_E_MISSING_COMMA);
        ck_assert_uint_eq(r.off, 2);
        ck_assert_uint_eq(r.n, 0);
    } else if (c == ',') {
        ck_assert_int_eq(r.st, ACEH_OK);
        ck_assert_uint_eq(r.n, 2);
        ck_assert_uint_eq(r.s[1].off, 2);
        ck_assert_uint_eq(r.s[1].len, 1);
    } else {
        ck_assert_int_eq(r.st, byte_err(c));
        ck_assert_uint_eq(r.off, 1);
        ck_assert_uint_eq(r.n, 0);
    }
}
END_TEST

START_TEST(byte_before_name)
{
    unsigned c = (unsigned)_i;
    char v[3] = {(char)c, 'a', 'b'};
    tok_result r = tokenize(v, 3);

    if (tchar_ref(c)) {
        ck_assert_int_eq(r.st, ACEH_OK);
        ck_assert_uint_eq(r.n, 1);
        ck_assert_uint_eq(r.s[0].len, 3);
    } else if (ows_ref(c) || c == ',') {
        ck_assert_int_eq(r.st, ACEH_OK);
        ck_assert_uint_eq(r.n, 1);
        ck_assert_uint_eq(r.s[0].off, 1);
        ck_assert_uint_eq(r.s[0].len, 2);
    } else {
        ck_assert_int_eq(r.st, byte_err(c));
        ck_assert_uint_eq(r.off, 0);
    }
}
END_TEST

START_TEST(byte_after_name)
{
    unsigned c = (unsigned)_i;
    char v[3] = {'a', 'b', (char)c};
    tok_result r = tokenize(v, 3);

    if (tchar_ref(c)) {
        ck_assert_int_eq(r.st, ACEH_OK);
        ck_assert_uint_eq(r.s[0].len, 3);
    } else if (ows_ref(c) || c == ',') {
        ck_assert_int_eq(r.st, ACEH_OK);
        ck_assert_uint_eq(r.n, 1);
        ck_assert_uint_eq(r.s[0].off, 0);
        ck_assert_uint_eq(r.s[0].len, 2);
    } else {
        ck_assert_int_eq(r.st, byte_err(c));
        ck_assert_uint_eq(r.off, 2);
        ck_assert_uint_eq(r.n, 0);
    }
}
END_TEST

/* After OWS, between elements: "a <c>b" and "a, <c>". */
START_TEST(byte_after_ows)
{
    unsigned c = (unsigned)_i;
    char v[4] = {'a', ' ', (char)c, 'b'};
    char w[4] = {'a', ',', ' ', (char)c};
    tok_result r = tokenize(v, 4), q = tokenize(w, 4);

    if (tchar_ref(c)) {
        ck_assert_int_eq(r.st, ACEH_E_MISSING_COMMA);
        ck_assert_uint_eq(r.off, 2);
        ck_assert_int_eq(q.st, ACEH_OK);
        ck_assert_uint_eq(q.n, 2);
    } else if (ows_ref(c)) {
        ck_assert_int_eq(r.st, ACEH_E_MISSING_COMMA);
        ck_assert_uint_eq(r.off, 3);
        ck_assert_int_eq(q.st, ACEH_OK);
        ck_assert_uint_eq(q.n, 1);
    } else if (c == ',') {
        ck_assert_int_eq(r.st, ACEH_OK);
        ck_assert_uint_eq(r.n, 2);
        ck_assert_int_eq(q.st, ACEH_OK);
        ck_assert_uint_eq(q.n, 1);
    } else {
        ck_assert_int_eq(r.st, byte_err(c));
        ck_assert_uint_eq(r.off, 2);
        ck_assert_int_eq(q.st, byte_err(c));
        ck_assert_uint_eq(q.off, 3);
        ck_assert_uint_eq(q.n, 1); /* "a" is a whole element */
    }
    /* A lone byte as the whole value. */
    {
        char one = (char)c;
        tok_result o = tokenize(&one, 1);
        if (tchar_ref(c))
            ck_assert(o.st == ACEH_OK && o.n == 1);
        else if (ows_ref(c) || c == ',')
            ck_assert(o.st == ACEH_OK && o.n == 0);
        else
            ck_assert(o.st == byte_err(c) && o.off == 0);
    }
}
END_TEST

/* ------------------------------------------------------ status + offset */

START_TEST(status_and_offset)
{
    const status_case *c = &status_cases[_i];
    tok_result r = tokenize(c->v, c->len);
    size_t count = 99, off = 99;
    aceh_status st = aceh_validate(c->v, c->len, &count, &off);

    ck_assert_msg(r.st == c->st, "case %d: status %s, want %s", _i,
                  aceh_status_str(r.st), aceh_status_str(c->st));
    ck_assert_msg(r.off == c->off, "case %d: offset %zu, want %zu", _i,
                  r.off, c->off);
    ck_assert_uint_eq(r.n, c->count);
    ck_assert_int_eq(st, c->st);
    ck_assert_uint_eq(off, c->off);
    ck_assert_uint_eq(count, c->count);
    ck_assert_int_eq(aceh_validate(c->v, c->len, NULL, NULL), c->st);
}
END_TEST

START_TEST(slices_point_into_input)
{
    static const char v[] = "\t X-Rate-Limit ,,Link,\tETag\t, *";
    static const char *want[] = {"X-Rate-Limit", "Link", "ETag", "*"};
    tok_result r = tokenize(v, LEN(v));
    size_t i;

    ck_assert_int_eq(r.st, ACEH_OK);
    ck_assert_uint_eq(r.n, 4);
    for (i = 0; i < 4; i++) {
        ck_assert_uint_eq(r.s[i].len, strlen(want[i]));
        ck_assert(memcmp(v + r.s[i].off, want[i], r.s[i].len) == 0);
    }
    ck_assert_uint_eq(r.s[0].off, 2);
}
END_TEST

START_TEST(null_input)
{
    aceh_iter it;
    aceh_slice s;
    size_t n = 5, off = 5;

    aceh_iter_init(&it, NULL, 0);
    ck_assert_int_eq(aceh_iter_next(&it, &s), 0);
    ck_assert_int_eq(aceh_iter_status(&it), ACEH_OK);
    aceh_iter_init(&it, NULL, 3);
    ck_assert_int_eq(aceh_iter_next(&it, &s), 0);
    ck_assert_int_eq(aceh_iter_status(&it), ACEH_E_NULL);
    ck_assert_uint_eq(aceh_iter_error_offset(&it), 0);
    ck_assert_int_eq(aceh_validate(NULL, 0, &n, &off), ACEH_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(aceh_validate(NULL, 1, NULL, NULL), ACEH_E_NULL);
}
END_TEST

/* Reading stops exactly at len: bytes past it must not matter. */
START_TEST(length_is_respected)
{
    static const char v[] = "a,b c\r\n";
    ck_assert_int_eq(aceh_validate(v, 3, NULL, NULL), ACEH_OK);
    ck_assert_int_eq(aceh_validate(v, 4, NULL, NULL), ACEH_OK);
    ck_assert_int_eq(aceh_validate(v, 5, NULL, NULL), ACEH_E_MISSING_COMMA);
    ck_assert_int_eq(aceh_validate("ab\0", 2, NULL, NULL), ACEH_OK);
}
END_TEST

/* ------------------------------------------------------------- strings */

START_TEST(names_of_codes)
{
    ck_assert_str_eq(aceh_status_str(ACEH_OK), "ok");
    ck_assert_str_eq(aceh_status_str(ACEH_TRUNCATED), "truncated");
    ck_assert_str_eq(aceh_status_str(ACEH_E_VALUE_BYTE), "value-byte");
    ck_assert_str_eq(aceh_status_str(ACEH_E_NAME_BYTE), "name-byte");
    ck_assert_str_eq(aceh_status_str(ACEH_E_MISSING_COMMA), "missing-comma");
    ck_assert_str_eq(aceh_status_str(ACEH_E_BAD_NAME), "bad-name");
    ck_assert_str_eq(aceh_status_str(ACEH_E_NULL), "null");
    ck_assert_str_eq(aceh_status_str((aceh_status)42), "unknown");
    ck_assert_str_eq(aceh_verdict_str(ACEH_EXPOSED_SAFELISTED), "safelisted");
    ck_assert_str_eq(aceh_verdict_str(ACEH_EXPOSED_LISTED), "listed");
    ck_assert_str_eq(aceh_verdict_str(ACEH_EXPOSED_WILDCARD), "wildcard");
    ck_assert_str_eq(aceh_verdict_str(ACEH_HIDDEN_FORBIDDEN), "forbidden");
    ck_assert_str_eq(aceh_verdict_str(ACEH_HIDDEN_BAD_NAME), "bad-name");
    ck_assert_str_eq(aceh_verdict_str(ACEH_HIDDEN_ABSENT), "absent");
    ck_assert_str_eq(aceh_verdict_str(ACEH_HIDDEN_INVALID), "invalid");
    ck_assert_str_eq(aceh_verdict_str(ACEH_HIDDEN_NOT_LISTED), "not-listed");
    ck_assert_str_eq(aceh_verdict_str(ACEH_HIDDEN_AUTHORIZATION), "authorization");
    ck_assert_str_eq(aceh_verdict_str((aceh_verdict)0), "unknown");
    /* Explicit, stable values. */
    ck_assert_int_eq(ACEH_E_VALUE_BYTE, -1);
    ck_assert_int_eq(ACEH_E_NULL, -5);
    ck_assert_int_eq(ACEH_HIDDEN_AUTHORIZATION, -6);
}
END_TEST

START_TEST(version)
{
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", ACEH_VERSION_MAJOR,
             ACEH_VERSION_MINOR, ACEH_VERSION_PATCH);
    ck_assert_str_eq(aceh_version(), ACEH_VERSION_STRING);
    ck_assert_str_eq(ACEH_VERSION_STRING, want);
}
END_TEST

/* ---------------------------------------------------------- predicates */

static const char *const safelisted[] = {
    "Cache-Control", "Content-Language", "Content-Length", "Content-Type",
    "Expires", "Last-Modified", "Pragma"};

START_TEST(predicates)
{
    size_t i;
    for (i = 0; i < 7; i++) {
        const char *s = safelisted[i];
        char up[32];
        size_t j, n = strlen(s);
        ck_assert(aceh_is_safelisted(s, n));
        ck_assert(!aceh_is_safelisted(s, n - 1));
        ck_assert(!aceh_is_forbidden(s, n));
        for (j = 0; j < n; j++)
            up[j] = (char)(s[j] >= 'a' && s[j] <= 'z' ? s[j] - 32 : s[j]);
        ck_assert(aceh_is_safelisted(up, n));
        up[n - 1] = 'x';
        ck_assert(!aceh_is_safelisted(up, n));
    }
    ck_assert(!aceh_is_safelisted("Content-Encoding", 16));
    ck_assert(!aceh_is_safelisted("Set-Cookie", 10));
    ck_assert(!aceh_is_safelisted(NULL, 0));
    ck_assert(aceh_is_forbidden("Set-Cookie", 10));
    ck_assert(aceh_is_forbidden("SET-COOKIE2", 11));
    ck_assert(!aceh_is_forbidden("Set-Cookie3", 11));
    ck_assert(!aceh_is_forbidden("Set-Cookie ", 11));
    ck_assert(!aceh_is_forbidden(NULL, 10));
    ck_assert(aceh_is_name("X-Foo", 5));
    ck_assert(aceh_is_name("*", 1));
    ck_assert(!aceh_is_name("", 0));
    ck_assert(!aceh_is_name(NULL, 0));
    ck_assert(!aceh_is_name(NULL, 3));
    ck_assert(!aceh_is_name(" x", 2));
    ck_assert(!aceh_is_name("a,b", 3));
    ck_assert(aceh_name_eq("X-A", 3, "x-a", 3));
    ck_assert(!aceh_name_eq("X-A", 3, "x-b", 3));
    ck_assert(!aceh_name_eq("X-A", 3, "x-a ", 4));
    ck_assert(aceh_name_eq(NULL, 0, "", 0));
    ck_assert(!aceh_name_eq(NULL, 1, "a", 1));
    ck_assert(!aceh_name_eq("a", 1, NULL, 1));
    /* Only ASCII letters fold: 0xC0 and 0xE0 differ, '@' and '`' too. */
    ck_assert(!aceh_name_eq("\xc0", 1, "\xe0", 1));
    ck_assert(!aceh_name_eq("@", 1, "`", 1));
    ck_assert(!aceh_name_eq("[", 1, "{", 1));
}
END_TEST

/* ---------------------------------------------------------------- list */

START_TEST(list_parse_basic)
{
    aceh_str lines[3] = {{"a, *", 4}, {"", 0}, {" B ,c", 5}};
    aceh_name names[8];
    aceh_list list;

    ck_assert_int_eq(aceh_list_parse(&list, lines, 3, names, 8), ACEH_OK);
    ck_assert_int_eq(list.status, ACEH_OK);
    ck_assert_uint_eq(list.count, 4);
    ck_assert_uint_eq(list.stored, 4);
    ck_assert_int_eq(list.wildcard, 1);
    ck_assert_uint_eq(names[2].line, 2);
    ck_assert_uint_eq(names[2].off, 1);
    ck_assert_uint_eq(names[2].len, 1);
    ck_assert(aceh_list_name_ptr(&list, 2) == lines[2].ptr + 1);
    ck_assert(aceh_list_name_ptr(&list, 4) == NULL);

    /* Too small: still fully validated, full count, distinct status. */
    ck_assert_int_eq(aceh_list_parse(&list, lines, 3, names, 2), ACEH_TRUNCATED);
    ck_assert_uint_eq(list.count, 4);
    ck_assert_uint_eq(list.stored, 2);
    ck_assert_int_eq(list.wildcard, 1);
    /* No array: no truncation. */
    ck_assert_int_eq(aceh_list_parse(&list, lines, 3, NULL, 0), ACEH_OK);
    ck_assert_uint_eq(list.count, 4);
    ck_assert_uint_eq(list.stored, 0);
    /* An error after the array filled up still wins. */
    lines[2].ptr = " B c";
    lines[2].len = 4;
    ck_assert_int_eq(aceh_list_parse(&list, lines, 3, names, 1),
                     ACEH_E_MISSING_COMMA);
    ck_assert_uint_eq(list.err_line, 2);
    ck_assert_uint_eq(list.err_off, 3);
    ck_assert_uint_eq(list.count, 2);
    ck_assert_int_eq(list.wildcard, 0);
}
END_TEST

START_TEST(list_parse_null_and_absent)
{
    aceh_str lines[2] = {{"a", 1}, {NULL, 2}};
    aceh_list list;

    ck_assert_int_eq(aceh_list_parse(&list, NULL, 0, NULL, 0), ACEH_OK);
    ck_assert_uint_eq(list.count, 0);
    ck_assert_uint_eq(list.nlines, 0);
    ck_assert_int_eq(aceh_list_parse(&list, NULL, 2, NULL, 0), ACEH_E_NULL);
    ck_assert_int_eq(aceh_list_parse(&list, lines, 2, NULL, 0), ACEH_E_NULL);
    ck_assert_uint_eq(list.err_line, 1);
    lines[1].len = 0; /* NULL, 0 is an empty line */
    ck_assert_int_eq(aceh_list_parse(&list, lines, 2, NULL, 0), ACEH_OK);
}
END_TEST

/* ------------------------------------------------------------ decision */

static size_t dcase_lines(const dcase *c, aceh_str *lines)
{
    size_t n = 0;
    while (n < 3 && c->l[n] != NULL) {
        lines[n].ptr = c->l[n];
        lines[n].len = strlen(c->l[n]);
        n++;
    }
    return n;
}

START_TEST(decision)
{
    const dcase *c = &dcases[_i];
    aceh_str lines[3];
    size_t n = dcase_lines(c, lines), nl = strlen(c->name);
    aceh_name names[4];
    aceh_list list;
    aceh_verdict v = aceh_decide(lines, n, c->name, nl, c->mode, c->flags);

    ck_assert_msg(v == c->want, "case %d: %s, want %s", _i,
                  aceh_verdict_str(v), aceh_verdict_str(c->want));
    ck_assert_int_eq(aceh_exposed(lines, n, c->name, nl, c->mode, c->flags),
                     c->want > 0);
    /* Parse once, query many: with room, without an array, too small. */
    aceh_list_parse(&list, n ? lines : NULL, n, names, 4);
    ck_assert_int_eq(aceh_list_decide(&list, c->name, nl, c->mode, c->flags), c->want);
    aceh_list_parse(&list, n ? lines : NULL, n, NULL, 0);
    ck_assert_int_eq(aceh_list_decide(&list, c->name, nl, c->mode, c->flags), c->want);
    aceh_list_parse(&list, n ? lines : NULL, n, names, 0);
    ck_assert_int_eq(aceh_list_decide(&list, c->name, nl, c->mode, c->flags), c->want);
}
END_TEST

START_TEST(decision_null_lines)
{
    ck_assert_int_eq(aceh_decide(NULL, 1, "X-A", 3, ACEH_OMIT, 0), ACEH_HIDDEN_INVALID);
    ck_assert_int_eq(aceh_decide(NULL, 0, "X-A", 3, ACEH_OMIT, 0), ACEH_HIDDEN_ABSENT);
    ck_assert_int_eq(aceh_decide(NULL, 1, "Expires", 7, ACEH_OMIT, 0),
                     ACEH_EXPOSED_SAFELISTED);
    ck_assert_int_eq(aceh_decide(NULL, 0, NULL, 4, ACEH_OMIT, 0), ACEH_HIDDEN_BAD_NAME);
}
END_TEST

/* A match early in a long list never hides a late error. */
START_TEST(decision_validates_to_the_end)
{
    static char big[64 * 1024];
    aceh_str line = {big, 0};
    size_t i;

    for (i = 0; i + 6 < sizeof big; i += 6)
        memcpy(big + i, "x-abc,", 6);
    line.len = i;
    ck_assert_int_eq(aceh_decide(&line, 1, "X-ABC", 5, ACEH_OMIT, 0), ACEH_EXPOSED_LISTED);
    big[i - 1] = '@';
    ck_assert_int_eq(aceh_decide(&line, 1, "X-ABC", 5, ACEH_OMIT, 0), ACEH_HIDDEN_INVALID);
}
END_TEST

/* A name at every offset around the first 64-byte boundary, of every
 * length up to past 64 bytes (a fast path matches queries of up to 64
 * bytes by masks and longer ones name by name). */
START_TEST(decision_names_across_chunks)
{
    char v[200], q[100];
    aceh_str line = {v, 0};
    size_t len, off;

    for (len = 1; len <= 90; len++) {
        for (off = 2; off <= 70; off++) {
            memset(v, 'p', off - 2);
            memcpy(v + off - 2, ", ", 2);
            memset(v + off, 'Y', len);
            memcpy(v + off + len, ", z", 3);
            line.len = off + len + 3;
            memset(q, 'y', len + 1);
            ck_assert_int_eq(aceh_decide(&line, 1, q, len, ACEH_OMIT, 0),
                             ACEH_EXPOSED_LISTED);
            ck_assert_int_eq(aceh_decide(&line, 1, q, len + 1, ACEH_OMIT, 0),
                             ACEH_HIDDEN_NOT_LISTED);
            q[len - 1] = 'x';
            ck_assert_int_eq(aceh_decide(&line, 1, q, len, ACEH_OMIT, 0),
                             ACEH_HIDDEN_NOT_LISTED);
        }
    }
}
END_TEST

/* -------------------------------------------------------------- filter */

static const aceh_header resp[] = {
    {"Content-Type", 12, "text/plain", 10},
    {"X-A", 3, "1", 1},
    {"x-b", 3, "2", 1},
    {"Set-Cookie", 10, "s=1", 3},
    {"Access-Control-Expose-Headers", 29, "x-a, set-cookie", 15},
    {"Authorization", 13, "Bearer t", 8},
    {"access-control-expose-headers", 29, "*", 1},
    {"bad name", 8, "v", 1},
};

START_TEST(filter)
{
    unsigned char r[8];
    size_t ei = 9, eo = 9;
    aceh_header h[8];

    ck_assert_int_eq(aceh_filter(resp, 8, ACEH_OMIT, 0, r, &ei, &eo), ACEH_OK);
    {
        static const unsigned char want[8] = {1, 1, 1, 0, 1, 1, 1, 0};
        ck_assert(memcmp(r, want, 8) == 0);
    }
    ck_assert_int_eq(aceh_filter(resp, 8, ACEH_INCLUDE, 0, r, NULL, NULL), ACEH_OK);
    {
        static const unsigned char want[8] = {1, 1, 0, 0, 0, 0, 0, 0};
        ck_assert(memcmp(r, want, 8) == 0);
    }
    ck_assert_int_eq(aceh_filter(resp, 8, ACEH_SAME_ORIGIN, AUTHF, r, NULL, NULL), ACEH_OK);
    {
        static const unsigned char want[8] = {1, 1, 1, 0, 1, 0, 1, 0};
        ck_assert(memcmp(r, want, 8) == 0);
    }
    /* An invalid second ACEH line voids the first. */
    memcpy(h, resp, sizeof h);
    h[6].value = "*, no no";
    h[6].value_len = 8;
    ck_assert_int_eq(aceh_filter(h, 8, ACEH_OMIT, 0, r, &ei, &eo), ACEH_E_MISSING_COMMA);
    ck_assert_uint_eq(ei, 6);
    ck_assert_uint_eq(eo, 6);
    {
        static const unsigned char want[8] = {1, 0, 0, 0, 0, 0, 0, 0};
        ck_assert(memcmp(r, want, 8) == 0);
    }
    /* No ACEH at all: safelist only. */
    ck_assert_int_eq(aceh_filter(resp, 4, ACEH_OMIT, 0, r, &ei, &eo), ACEH_OK);
    ck_assert_uint_eq(ei, 0);
    {
        static const unsigned char want[4] = {1, 0, 0, 0};
        ck_assert(memcmp(r, want, 4) == 0);
    }
    ck_assert_int_eq(aceh_filter(NULL, 0, ACEH_OMIT, 0, NULL, NULL, NULL), ACEH_OK);
    ck_assert_int_eq(aceh_filter(NULL, 1, ACEH_OMIT, 0, r, NULL, NULL), ACEH_E_NULL);
    ck_assert_int_eq(aceh_filter(resp, 1, ACEH_OMIT, 0, NULL, NULL, NULL), ACEH_E_NULL);
    h[6].value = NULL;
    ck_assert_int_eq(aceh_filter(h, 8, ACEH_OMIT, 0, r, &ei, &eo), ACEH_E_NULL);
    ck_assert_uint_eq(ei, 6);
}
END_TEST

/* ------------------------------------------------------------- builder */

START_TEST(format_all_caps)
{
    aceh_str names[3] = {{"X-A", 3}, {"b", 1}, {"*", 1}};
    static const char want[] = "X-A, b, *";
    char buf[16];
    size_t cap, need = 0;

    for (cap = 0; cap < sizeof buf; cap++) {
        aceh_status st;
        memset(buf, '#', sizeof buf);
        st = aceh_format(names, 3, cap ? buf : NULL, cap, &need, NULL);
        ck_assert_uint_eq(need, LEN(want));
        ck_assert_int_eq(st, cap > LEN(want) ? ACEH_OK : ACEH_TRUNCATED);
        if (cap > 0) {
            size_t w = cap - 1 < LEN(want) ? cap - 1 : LEN(want);
            ck_assert(memcmp(buf, want, w) == 0);
            ck_assert_int_eq(buf[w], '\0');
            ck_assert_int_eq(buf[w + 1], '#'); /* nothing past the NUL */
        }
    }
    ck_assert_int_eq(aceh_format(NULL, 0, buf, 4, &need, NULL), ACEH_OK);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(need, 0);
}
END_TEST

START_TEST(format_refuses)
{
    static const char *bad[] = {"", "a b", "a\r\nSet-Cookie: x", "\"q\"",
                                "a,b", "\x80"};
    aceh_str names[2] = {{"ok", 2}, {NULL, 0}};
    char buf[32];
    size_t i, idx = 9, need = 9;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        names[1].ptr = bad[i];
        names[1].len = strlen(bad[i]);
        idx = 9;
        ck_assert_int_eq(aceh_format(names, 2, buf, sizeof buf, &need, &idx),
                         ACEH_E_BAD_NAME);
        ck_assert_uint_eq(idx, 1);
        ck_assert_str_eq(buf, "");
        ck_assert_uint_eq(need, 0);
    }
    names[1].ptr = NULL;
    names[1].len = 1;
    ck_assert_int_eq(aceh_format(names, 2, buf, sizeof buf, NULL, &idx), ACEH_E_NULL);
    ck_assert_uint_eq(idx, 1);
    ck_assert_int_eq(aceh_format(NULL, 2, buf, sizeof buf, NULL, &idx), ACEH_E_NULL);
    ck_assert_uint_eq(idx, 0);
    ck_assert_int_eq(aceh_format(names, 1, NULL, 4, NULL, NULL), ACEH_E_NULL);
    names[1].ptr = "z";
    ck_assert_int_eq(aceh_format(names, 2, buf, sizeof buf, NULL, NULL), ACEH_OK);
    ck_assert_str_eq(buf, "ok, z");
}
END_TEST

/* The optional outputs may be NULL on every error path, and an empty name
 * given as (NULL, 0) is a bad name, not a NULL error. */
START_TEST(format_optional_outputs)
{
    aceh_str names[2] = {{"ok", 2}, {NULL, 0}};
    char buf[16];
    size_t idx = 9;

    ck_assert_int_eq(aceh_format(names, 2, buf, sizeof buf, NULL, &idx),
                     ACEH_E_BAD_NAME);
    ck_assert_uint_eq(idx, 1);
    ck_assert_int_eq(aceh_format(names, 2, buf, sizeof buf, NULL, NULL),
                     ACEH_E_BAD_NAME);
    ck_assert_str_eq(buf, "");
    names[1].len = 1;
    ck_assert_int_eq(aceh_format(names, 2, buf, sizeof buf, NULL, NULL),
                     ACEH_E_NULL);
    ck_assert_int_eq(aceh_format(NULL, 1, buf, sizeof buf, NULL, NULL),
                     ACEH_E_NULL);
    ck_assert_str_eq(buf, "");
}
END_TEST

/* ---------------------------------------------------------- guard page */

/* Inputs whose every prefix is checked against guard pages. */
static const char *const guard_inputs[] = {
    "", "a", "*", " a , , b ", "no no", "X-A, X-B,\tETag ,Link", "a\r\n",
    "\"x\"", "bb-8\f", "a,,,,,,,,", "     \t", "Content-Type, *, Set-Cookie",
};

static void eval_everything(const char *p, size_t len)
{
    aceh_str line = {p, len};
    aceh_name names[2];
    aceh_list list;
    unsigned char r[2];
    aceh_header h[2] = {{"Access-Control-Expose-Headers", 29, p, len},
                        {"a", 1, "", 0}};

    (void)aceh_validate(p, len, NULL, NULL);
    (void)aceh_decide(&line, 1, "a", 1, ACEH_OMIT, 0);
    aceh_list_parse(&list, &line, 1, names, 2);
    (void)aceh_list_decide(&list, "b", 1, ACEH_OMIT, 0);
    aceh_list_parse(&list, &line, 1, names, 0);
    (void)aceh_list_decide(&list, "b", 1, ACEH_OMIT, 0);
    (void)aceh_filter(h, 2, ACEH_OMIT, 0, r, NULL, NULL);
    (void)aceh_is_name(p, len);
    (void)aceh_is_safelisted(p, len);
    (void)aceh_is_forbidden(p, len);
    (void)aceh_decide(&line, 1, p, len, ACEH_OMIT, 0);
}

/* Every prefix up to 4 KiB; longer inputs: the whole and 64 cut points. */
static void guard_all_prefixes(guard_buf *g, const char *v, size_t len)
{
    size_t k, step = len <= 4096 ? 1 : len / 64;
    for (k = 0; k <= len; k += step) {
        eval_everything(guard_tail(g, v, k), k);
        eval_everything(guard_head(g, v, k), k);
    }
    eval_everything(guard_tail(g, v, len), len);
    eval_everything(guard_head(g, v, len), len);
}

START_TEST(guard_pages)
{
    guard_buf g;
    size_t i;
    char *big;
    const size_t biglen = 100000;

    ck_assert_int_eq(guard_open(&g, biglen), 0);
    for (i = 0; i < sizeof guard_inputs / sizeof guard_inputs[0]; i++)
        guard_all_prefixes(&g, guard_inputs[i], strlen(guard_inputs[i]));
    for (i = 0; i < (size_t)(sizeof status_cases / sizeof status_cases[0]); i++)
        guard_all_prefixes(&g, status_cases[i].v, status_cases[i].len);
    big = malloc(biglen);
    ck_assert_ptr_nonnull(big);
    for (i = 0; i < biglen; i++)
        big[i] = (i % 7 == 6) ? ',' : (char)('a' + (char)(i % 7));
    guard_all_prefixes(&g, big, biglen);
    memset(big, 'x', biglen); /* one huge name */
    guard_all_prefixes(&g, big, biglen);
    free(big);
    guard_close(&g);
}
END_TEST

/* Proves the guard really faults: reading one byte past the data. */
START_TEST(guard_faults)
{
    guard_buf g;
    const char *p;
    ck_assert_int_eq(guard_open(&g, 1), 0);
    p = guard_tail(&g, "a", 1);
    /* volatile: the read must happen */
    (void)*(const volatile char *)(p + 1);
    guard_close(&g);
}
END_TEST

/* ----------------------------------------------------- batch tokenizer */

START_TEST(split_contract)
{
    aceh_slice out[4];
    size_t count = 9, off = 9, k;

    /* Empty, NULL and no array. */
    ck_assert_int_eq(aceh_split(NULL, 0, out, 4, &count, &off), ACEH_OK);
    ck_assert_uint_eq(count, 0);
    ck_assert_int_eq(aceh_split(NULL, 3, out, 4, &count, &off), ACEH_E_NULL);
    ck_assert_uint_eq(count, 0);
    ck_assert_uint_eq(off, 0);
    ck_assert_int_eq(aceh_split(" , ,", 4, out, 4, NULL, NULL), ACEH_OK);
    ck_assert_int_eq(aceh_split("a,b,c", 5, NULL, 0, &count, &off), ACEH_OK);
    ck_assert_uint_eq(count, 3);
    ck_assert_int_eq(aceh_split("a,b,c", 5, NULL, 1, &count, NULL), ACEH_OK);
    /* Too small: the first cap names, the full count, nothing past cap. */
    for (k = 0; k < 4; k++)
        out[k].off = out[k].len = 77;
    ck_assert_int_eq(aceh_split("a, bb ,c", 8, out, 2, &count, &off),
                     ACEH_TRUNCATED);
    ck_assert_uint_eq(count, 3);
    ck_assert_uint_eq(out[0].off, 0);
    ck_assert_uint_eq(out[0].len, 1);
    ck_assert_uint_eq(out[1].off, 3);
    ck_assert_uint_eq(out[1].len, 2);
    ck_assert_uint_eq(out[2].off, 77);
    ck_assert_int_eq(aceh_split("a,b", 3, out, 0, &count, &off),
                     ACEH_TRUNCATED);
    ck_assert_uint_eq(count, 2);
    ck_assert_int_eq(aceh_split("a,b", 3, out, 2, &count, &off), ACEH_OK);
    /* Errors: the whole names before the first one. */
    ck_assert_int_eq(aceh_split("a, b c", 6, out, 4, &count, &off),
                     ACEH_E_MISSING_COMMA);
    ck_assert_uint_eq(count, 1);
    ck_assert_uint_eq(off, 5);
    ck_assert_uint_eq(out[0].len, 1);
    ck_assert_int_eq(aceh_split("a,b,c,\r", 7, out, 1, &count, &off),
                     ACEH_E_VALUE_BYTE);
    ck_assert_uint_eq(count, 3);
    ck_assert_uint_eq(off, 6);
}
END_TEST

/* Runs that fill whole 64-byte windows up to the end of the value: the
 * iterator must stop at the end, not load past it. */
START_TEST(iterator_runs_to_the_end)
{
    static char v[128];
    static const char fills[] = {' ', ',', 'a'};
    size_t f, len;

    for (f = 0; f < sizeof fills; f++) {
        for (len = 63; len <= 128; len++) {
            tok_result r;

            memset(v, fills[f], len);
            r = tokenize(v, len);
            ck_assert_int_eq(r.st, ACEH_OK);
            ck_assert_uint_eq(r.n, fills[f] == 'a' ? 1u : 0u);
            if (fills[f] == 'a')
                ck_assert_uint_eq(r.s[0].len, len);
        }
    }
}
END_TEST

START_TEST(simd_paths_named)
{
    const char *best = aceh_simd_path();

    ck_assert_ptr_nonnull(best);
    ck_assert_int_eq(aceh_simd_select("no-such-path"), 0);
    ck_assert_int_eq(aceh_simd_select(best), 1);
    ck_assert_str_eq(aceh_simd_path(), best);
    ck_assert_int_eq(aceh_simd_select(NULL), 1);
    ck_assert_str_eq(aceh_simd_path(), best);
}
END_TEST

/* A fingerprint of everything the tokenizers say about one value. */
static unsigned long long fp_mix(unsigned long long h, size_t v)
{
    return (h ^ (unsigned long long)v) * 0x100000001b3ull;
}

static unsigned long long fingerprint(const char *p, size_t len)
{
    static aceh_slice out[512];
    aceh_name names[8];
    aceh_list list;
    aceh_str line;
    aceh_iter it;
    aceh_slice s;
    unsigned long long h = 0xcbf29ce484222325ull;
    size_t count, off, k, cap;

    h = fp_mix(h, (size_t)(aceh_validate(p, len, &count, &off) + 8));
    h = fp_mix(fp_mix(h, count), off);
    for (cap = 0; cap <= count + 1; cap += 1 + count / 3) {
        h = fp_mix(h, (size_t)(aceh_split(p, len, out, cap, &count, &off) + 8));
        h = fp_mix(fp_mix(h, count), off);
        for (k = 0; k < count && k < cap; k++)
            h = fp_mix(fp_mix(h, out[k].off), out[k].len);
    }
    aceh_iter_init(&it, p, len);
    while (aceh_iter_next(&it, &s))
        h = fp_mix(fp_mix(h, s.off), s.len);
    h = fp_mix(fp_mix(h, (size_t)(aceh_iter_status(&it) + 8)),
               aceh_iter_error_offset(&it));
    line.ptr = p;
    line.len = len;
    h = fp_mix(h, (size_t)(aceh_list_parse(&list, &line, 1, names, 8) + 8));
    for (k = 0; k < list.stored; k++)
        h = fp_mix(fp_mix(h, names[k].off), names[k].len);
    h = fp_mix(h, (size_t)(aceh_decide(&line, 1, "ab", 2, ACEH_OMIT, 0) + 8));
    return h;
}

/* Every path this build and CPU have gives the same answers, on values
 * of every length to 300 (short values, the 16/32/64-byte blocks, names
 * and OWS runs across windows, errors in every chunk, arrays that fill
 * mid-chunk). */
START_TEST(simd_paths_agree)
{
    static const char *const paths[] = {"scalar", "sse2", "ssse3", "neon",
                                        "avx2", "avx512bw", "avx512vbmi2"};
    static const char *const alphas[] = {"ab, ", "a,", "abcdefgh  \t,",
                                         "ab, @", "a b,", "          x,"};
    enum { N = 1800 };
    static unsigned long long want[N];
    static char v[300];
    size_t i, j, n = 0;
    unsigned long long seed = 7;

    for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        size_t t;

        if (!aceh_simd_select(paths[i]))
            continue;
        seed = 7;
        for (t = 0; t < N; t++) {
            const char *a = alphas[t % 6];
            const size_t alen = strlen(a), len = t % 300;
            unsigned long long h;

            for (j = 0; j < len; j++) {
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                v[j] = a[(seed >> 33) % alen];
            }
            h = fingerprint(v, len);
            if (n == 0)
                want[t] = h;
            else if (h != want[t])
                ck_abort_msg("path %s differs on value %zu (len %zu)",
                             paths[i], t, len);
        }
        n++;
    }
    ck_assert_uint_ge(n, 1);
    ck_assert_int_eq(aceh_simd_select(NULL), 1);
}
END_TEST

static Suite *unit_suite(int nofork)
{
    Suite *s = suite_create("unit");
    TCase *tc;

    tc = tcase_create("bytes");
    tcase_add_loop_test(tc, byte_inside_name, 0, 256);
    tcase_add_loop_test(tc, byte_before_name, 0, 256);
    tcase_add_loop_test(tc, byte_after_name, 0, 256);
    tcase_add_loop_test(tc, byte_after_ows, 0, 256);
    suite_add_tcase(s, tc);

    tc = tcase_create("tokenizer");
    tcase_add_loop_test(tc, status_and_offset, 0,
                        (int)(sizeof status_cases / sizeof status_cases[0]));
    tcase_add_test(tc, slices_point_into_input);
    tcase_add_test(tc, null_input);
    tcase_add_test(tc, length_is_respected);
    tcase_add_test(tc, names_of_codes);
    tcase_add_test(tc, version);
    tcase_add_test(tc, predicates);
    tcase_add_test(tc, split_contract);
    tcase_add_test(tc, iterator_runs_to_the_end);
    tcase_add_test(tc, simd_paths_named);
    tcase_add_test(tc, simd_paths_agree);
    suite_add_tcase(s, tc);

    tc = tcase_create("list");
    tcase_add_test(tc, list_parse_basic);
    tcase_add_test(tc, list_parse_null_and_absent);
    tcase_add_loop_test(tc, decision, 0, (int)(sizeof dcases / sizeof dcases[0]));
    tcase_add_test(tc, decision_null_lines);
    tcase_add_test(tc, decision_validates_to_the_end);
    tcase_add_test(tc, decision_names_across_chunks);
    tcase_add_test(tc, filter);
    tcase_add_test(tc, format_all_caps);
    tcase_add_test(tc, format_refuses);
    tcase_add_test(tc, format_optional_outputs);
    suite_add_tcase(s, tc);

    tc = tcase_create("guard");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, guard_pages);
    /* A test that expects a signal would kill a runner that does not fork. */
    if (!nofork)
        tcase_add_test_raise_signal(tc, guard_faults, 11);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed, run;

    srunner_add_suite(sr, unit_suite(srunner_fork_status(sr) == CK_NOFORK));
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    run = srunner_ntests_run(sr);
    srunner_free(sr);
    printf("unit: %d passed, %d failed\n", run - failed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
