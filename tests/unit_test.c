/* SPDX-License-Identifier: MIT */
/* Unit tests for parser/ (Check). Expectations come from RFC 9110 and the
 * Fetch standard as written in the test itself (tchar_ref below), never
 * from the library's own tables. */
#include "aceh.h"
#include "guard.h"
/* Internal: the name hash (bucket_of). */
#include "../parser/src/fold.h"
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
    /* Sticky end/error; the end writes an empty slice. */
    ck_assert_int_eq(aceh_iter_next(&it, &s), 0);
    ck_assert(s.off == 0 && s.len == 0);
    r.st = aceh_iter_status(&it);
    r.off = aceh_iter_error_offset(&it);
    {
        /* The inline form, alone and every other call, yields the same
         * names and ends the same way. */
        int alt;

        for (alt = 0; alt < 2; alt++) {
            size_t k = 0;

            aceh_iter_init(&it, p, len);
            while (alt && (k & 1) ? aceh_iter_next(&it, &s)
                                  : aceh_iter_next_inline(&it, &s)) {
                if (k < 8) {
                    ck_assert_uint_eq(s.off, r.s[k].off);
                    ck_assert_uint_eq(s.len, r.s[k].len);
                }
                k++;
            }
            ck_assert_uint_eq(k, r.n);
            ck_assert(s.off == 0 && s.len == 0);
            ck_assert_int_eq(aceh_iter_next_inline(&it, &s), 0);
            ck_assert_int_eq(aceh_iter_status(&it), r.st);
            ck_assert_uint_eq(aceh_iter_error_offset(&it), r.off);
        }
    }
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

/* The filter and the name set against a quadratic reference that does not
 * use their index: aceh_list_parse, then aceh_list_decide per header, which
 * compares the name with every listed name (and, on small inputs, the
 * one-shot aceh_decide, which rescans the lines). */

static const char ACEH_NAME[] = "Access-Control-Expose-Headers";

/* The ACEH field lines among headers h[0 .. n), in order, in a malloc'd
 * array (room for n + 1); their number in *nl. */
static aceh_str *aceh_lines_of(const aceh_header *h, size_t n, size_t *nl)
{
    aceh_str *lines = malloc((n + 1) * sizeof *lines);
    size_t i;

    ck_assert_ptr_nonnull(lines);
    *nl = 0;
    for (i = 0; i < n; i++)
        if (aceh_name_eq(h[i].name, h[i].name_len, ACEH_NAME, 29)) {
            lines[*nl].ptr = h[i].value;
            lines[*nl].len = h[i].value_len;
            (*nl)++;
        }
    return lines;
}

static aceh_status ref_filter(const aceh_header *h, size_t n, aceh_mode mode,
                              unsigned flags, unsigned char *r, size_t *ei,
                              size_t *eo)
{
    size_t i, nl;
    aceh_str *lines = aceh_lines_of(h, n, &nl);
    aceh_name *names;
    aceh_list list;
    aceh_status st;

    st = aceh_list_parse(&list, lines, nl, NULL, 0);
    names = malloc((list.count + 1) * sizeof *names);
    ck_assert_ptr_nonnull(names);
    ck_assert_int_eq(aceh_list_parse(&list, lines, nl, names, list.count), st);
    *ei = *eo = 0;
    if (st < 0) {
        /* err_line counts ACEH lines only: map it back to a header. */
        size_t k = 0;

        for (i = 0; i < n; i++)
            if (aceh_name_eq(h[i].name, h[i].name_len, ACEH_NAME, 29) &&
                k++ == list.err_line)
                break;
        *ei = i;
        *eo = list.err_off;
    }
    for (i = 0; i < n; i++) {
        aceh_verdict v = aceh_list_decide(&list, h[i].name, h[i].name_len,
                                          mode, flags);

        /* the one-shot decision agrees, on small inputs (it rescans) */
        if (n <= 64)
            ck_assert_int_eq(aceh_decide(lines, nl, h[i].name, h[i].name_len,
                                         mode, flags),
                             v);
        r[i] = v > 0;
    }
    free(names);
    free(lines);
    return st;
}

/* Compare aceh_filter and aceh_filter_scratch (with the scratch size the
 * header asks for, with too little for any use, with half of it, and with
 * a size larger than the call uses) with the reference, in the first
 * nmodes modes (omit, same-origin, include) and both flags. */
static void check_filter(const aceh_header *h, size_t n, size_t nmodes)
{
    static const aceh_mode modes[] = {ACEH_OMIT, ACEH_SAME_ORIGIN,
                                      ACEH_INCLUDE};
    size_t need = aceh_filter_scratch_size(n), m, f, v;
    unsigned char *want = malloc(n + 1), *got = malloc(n + 1);
    unsigned char *scratch = malloc(need + 64);
    size_t wi, wo, gi, go;

    ck_assert(want != NULL && got != NULL && scratch != NULL);
    for (m = 0; m < nmodes; m++)
        for (f = 0; f < 2; f++) {
            unsigned fl = f ? AUTHF : 0;
            aceh_status st = ref_filter(h, n, modes[m], fl, want, &wi, &wo);

            for (v = 0; v < 5; v++) {
                aceh_status got_st;

                memset(got, 0xee, n + 1);
                gi = go = 77;
                if (v == 0)
                    got_st = aceh_filter(h, n, modes[m], fl, got, &gi, &go);
                else
                    /* the scratch starts at an odd address: any alignment */
                    got_st = aceh_filter_scratch(
                        h, n, modes[m], fl, got, &gi, &go, scratch + 1,
                        v == 1   ? need
                        : v == 2 ? 24
                        : v == 3 ? SIZE_MAX
                                 : need / 2);
                ck_assert_int_eq(got_st, st);
                ck_assert_uint_eq(gi, wi);
                ck_assert_uint_eq(go, wo);
                ck_assert(memcmp(got, want, n) == 0);
                ck_assert_uint_eq(got[n], 0xee);
            }
        }
    free(want);
    free(got);
    free(scratch);
}

/* aceh_set_decide equals aceh_list_decide for each name of h, in the first
 * nmodes modes and both flags, for the ACEH lines of h. */
static void check_set(const aceh_header *h, size_t n, size_t nmodes)
{
    size_t i, nl, m;
    aceh_str *lines = aceh_lines_of(h, n, &nl);
    aceh_name *names;
    aceh_list list;
    aceh_set set;
    unsigned char *mem;

    (void)aceh_list_parse(&list, lines, nl, NULL, 0);
    names = malloc((list.count + 1) * sizeof *names);
    ck_assert_ptr_nonnull(names);
    (void)aceh_list_parse(&list, lines, nl, names, list.count);
    mem = malloc(aceh_set_size(list.count) + 1);
    ck_assert_ptr_nonnull(mem);
    ck_assert_int_eq(aceh_set_init(&set, &list, mem + 1,
                                   aceh_set_size(list.count)),
                     ACEH_OK);
    for (i = 0; i < n; i++)
        for (m = 0; m < 2 * nmodes; m++) {
            aceh_mode mode = (aceh_mode)(m % nmodes);
            unsigned fl = m >= nmodes ? AUTHF : 0;

            ck_assert_int_eq(
                aceh_set_decide(&set, h[i].name, h[i].name_len, mode, fl),
                aceh_list_decide(&list, h[i].name, h[i].name_len, mode, fl));
        }
    free(mem);
    free(names);
    free(lines);
}

/* The bucket of a name in a table of nb buckets, by the library's own
 * hash (parser/src/fold.h), to craft names that collide on purpose. */
static size_t bucket_of(const char *s, size_t n, size_t nb)
{
    return (size_t)((aceh__hash_fold((const unsigned char *)s, n) >> 32) *
                    nb >> 32);
}

/* Up to `want` names of the form fmt % i that share bucket 0 of a table of
 * nb buckets, written to buf (rows of 32 bytes). Returns how many. */
static size_t colliding(char *buf, size_t want, const char *fmt, size_t nb)
{
    size_t got = 0, i;

    for (i = 0; got < want && i < 100000000; i++) {
        int len = snprintf(buf + 32 * got, 32, fmt, (unsigned long)i);

        if (bucket_of(buf + 32 * got, (size_t)len, nb) == 0)
            got++;
    }
    return got;
}

typedef struct rng {
    unsigned long long s;
} rng;

static unsigned rnd(rng *g, unsigned n)
{
    g->s = g->s * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g->s >> 33) % n);
}

/* Pieces of names and values: case variants, every length class of the
 * hash (< 4, 4-7, 8, > 8), the name sets, "*", and non-tokens. */
static const char *const pool[] = {
    "a", "A", "b", "x-id", "X-ID", "x-id2", "x-tracking", "X-Tracking",
    "x-request-identifier", "X-Request-Identifier", "x-request-identifiex",
    "authorization", "Authorization", "content-type", "set-cookie", "*",
    "access-control-expose-headers", "12345678", "bad name", "", "a;b"};
#define POOL_N (sizeof pool / sizeof pool[0])

START_TEST(filter_matches_reference)
{
    rng g = {(unsigned long long)_i * 7919u + 1};
    aceh_header h[40];
    char vals[40][160];
    size_t n = rnd(&g, 40) + 1, i;

    for (i = 0; i < n; i++) {
        size_t k, len = 0, parts = rnd(&g, 6);
        int is_aceh = rnd(&g, 3) == 0;
        const char *nm = is_aceh ? (rnd(&g, 2) ? ACEH_NAME
                                               : "access-control-expose-headers")
                                 : pool[rnd(&g, POOL_N)];

        for (k = 0; k < parts; k++) {
            /* mostly valid names, now and then a non-token */
            const char *p = pool[rnd(&g, rnd(&g, 8) ? POOL_N - 3 : POOL_N)];
            static const char *const sep[] = {",", ", ", " ,", ",,", "\t,"};
            const char *s = sep[rnd(&g, 5)];

            len += (size_t)snprintf(vals[i] + len, sizeof vals[i] - len,
                                    "%s%s", k ? s : "", p);
        }
        h[i].name = nm;
        h[i].name_len = strlen(nm);
        h[i].value = parts ? vals[i] : NULL;
        h[i].value_len = len;
    }
    check_filter(h, n, 3);
    check_set(h, n, 3);
}
END_TEST

/* More headers than the stack index holds: several chunks, duplicates
 * across them, listed names of every chunk. */
START_TEST(filter_many_headers)
{
    const size_t n = 10000;
    aceh_header *h = malloc(n * sizeof *h);
    char (*nm)[16] = malloc(n * sizeof *nm);
    char *val = malloc(n * 8 + 8);
    size_t i, k, vl = 0;

    ck_assert(h != NULL && nm != NULL && val != NULL);
    for (i = 0; i < n; i++) {
        /* h0..h6999, then some again in upper case */
        int len = snprintf(nm[i], sizeof nm[i], i % 2 ? "h%lu" : "H%lu",
                           (unsigned long)(i % 7000));

        h[i].name = nm[i];
        h[i].name_len = (size_t)len;
        h[i].value = "v";
        h[i].value_len = 1;
    }
    /* three ACEH lines; line k lists the names i = 9k mod 27 of
     * h0..h6999, 780 in all */
    for (k = 0; k < 3; k++) {
        size_t at = vl;

        for (i = 9 * k; i < 7000; i += 27)
            vl += (size_t)sprintf(val + vl, "%sh%lu", vl > at ? ", " : "",
                                  (unsigned long)i);
        h[1000 + k * 4000].name = ACEH_NAME;
        h[1000 + k * 4000].name_len = 29;
        h[1000 + k * 4000].value = val + at;
        h[1000 + k * 4000].value_len = vl - at;
    }
    check_filter(h, n, 1);
    check_set(h, n, 1);
    free(h);
    free(nm);
    free(val);
}
END_TEST

/* Header names crafted to share one hash chain, beyond the chain bound:
 * the index falls back to sorted order. Mixed lengths (all comparison
 * branches), duplicates (spread in sorted order), listed and unlisted. */
START_TEST(filter_colliding_names)
{
    enum { N = 48 };
    static char names[N][32];
    static char val[N * 34];
    aceh_header h[N + 1];
    size_t i, vl = 0, got;

    /* N + 1 headers -> 32 buckets; short names, 8 < length <= 16 with
     * the first word alike, length > 16 with the first word different */
    got = colliding(names[0], 14, "c%lu", 32);
    got += colliding(names[got], 13, "collision-%lu", 32);
    got += colliding(names[got], 12, "%lu-colliding-name-long", 32);
    ck_assert_uint_eq(got, 39);
    strcpy(names[39], "Content-Type"); /* not indexed: safelisted */
    for (i = 40; i < N; i++) /* duplicates, upper case */
        for (size_t k = 0; k < 32; k++)
            names[i][k] = (char)(names[i - 40][k] >= 'a' && names[i - 40][k] <= 'z'
                                     ? names[i - 40][k] - 32
                                     : names[i - 40][k]);
    for (i = 0; i < N; i++) {
        h[i].name = names[i];
        h[i].name_len = strlen(names[i]);
        h[i].value = "";
        h[i].value_len = 0;
        if (i % 3 != 1)
            vl += (size_t)sprintf(val + vl, "%s%s", vl ? ", " : "", names[i]);
    }
    vl += (size_t)sprintf(val + vl, ", zzzzzzzzzzzzzzzzzzzzzzzzzz, c, x-c");
    h[N].name = ACEH_NAME;
    h[N].name_len = 29;
    h[N].value = val;
    h[N].value_len = vl;
    check_filter(h, N + 1, 3);
    check_set(h, N + 1, 3);
    /* 16 colliding names, the chain bound: hashed (unless a renamed one
     * happens to collide too) */
    for (i = 16; i < N; i++) {
        sprintf(names[i], "other-%lu", (unsigned long)i);
        h[i].name_len = strlen(names[i]);
    }
    check_filter(h, N + 1, 3);
    check_set(h, N + 1, 3);
}
END_TEST

/* A full stack chunk (1,536 headers, 1,024 buckets) whose chain
 * overflows: the merge sort runs over every slot, its longest left run
 * 1,024 slots of b's 1,536. */
START_TEST(filter_fallback_full_chunk)
{
    const size_t n = 1536;
    aceh_header *h = malloc(n * sizeof *h);
    char (*nm)[32] = malloc(n * sizeof *nm);
    char *val = malloc(n * 24);
    size_t i, vl = 0, got;

    ck_assert(h != NULL && nm != NULL && val != NULL);
    got = colliding(nm[0], 20, "x-coll-%lu", 1024);
    ck_assert_uint_eq(got, 20);
    for (i = 20; i < n; i++)
        sprintf(nm[i], "%s-%lu", i % 2 ? "x-other" : "X-Other",
                (unsigned long)(i % 1100));
    for (i = 0; i < n; i++) {
        h[i].name = nm[i];
        h[i].name_len = strlen(nm[i]);
        h[i].value = "";
        h[i].value_len = 0;
        if (i % 5 == 0)
            vl += (size_t)sprintf(val + vl, "%s%s", vl ? "," : "", nm[i]);
    }
    h[7].name = ACEH_NAME;
    h[7].name_len = 29;
    h[7].value = val;
    h[7].value_len = vl;
    check_filter(h, n, 1);
    free(h);
    free(nm);
    free(val);
}
END_TEST

/* One header name repeated, "a,a,a,...": linear, not quadratic (the
 * duplicates share one index entry). */
START_TEST(filter_repeated_name)
{
    const size_t n = 6000;
    aceh_header *h = malloc(n * sizeof *h);
    char *val = malloc(2 * n);
    size_t i;

    ck_assert(h != NULL && val != NULL);
    for (i = 0; i < n; i++) {
        h[i].name = i % 2 ? "a" : "A";
        h[i].name_len = 1;
        h[i].value = NULL;
        h[i].value_len = 0;
        val[2 * i] = 'a';
        val[2 * i + 1] = ',';
    }
    h[5].name = ACEH_NAME;
    h[5].name_len = 29;
    h[5].value = val;
    h[5].value_len = 2 * n - 1;
    check_filter(h, n, 1);
    free(h);
    free(val);
}
END_TEST

START_TEST(filter_scratch_errors)
{
    unsigned char r[8], s[8];
    size_t ei = 9, eo = 9;

    ck_assert_uint_eq(aceh_filter_scratch_size(0), 0);
    ck_assert_uint_eq(aceh_filter_scratch_size(1536), 0);
    ck_assert_uint_eq(aceh_filter_scratch_size(1537), 8 * 1537);
    ck_assert_uint_eq(aceh_filter_scratch_size(SIZE_MAX),
                      sizeof(size_t) > 4 ? 8 * (size_t)0xfffffffeu
                                         : SIZE_MAX / 8 * 8);
    memset(r, 7, sizeof r);
    ck_assert_int_eq(aceh_filter_scratch(resp, 8, ACEH_OMIT, 0, r, &ei, &eo,
                                         NULL, 1),
                     ACEH_E_NULL);
    ck_assert_uint_eq(ei, 0);
    ck_assert_uint_eq(eo, 0);
    ck_assert_uint_eq(r[0], 7); /* not written */
    ck_assert_int_eq(aceh_filter_scratch(NULL, 0, ACEH_OMIT, 0, NULL, NULL,
                                         NULL, s, sizeof s),
                     ACEH_OK);
    ck_assert_int_eq(aceh_filter_scratch(NULL, 1, ACEH_OMIT, 0, r, NULL, NULL,
                                         s, sizeof s),
                     ACEH_E_NULL);
    ck_assert_int_eq(aceh_filter_scratch(resp, 8, ACEH_OMIT, 0, r, NULL, NULL,
                                         s, sizeof s),
                     ACEH_OK);
    {
        static const unsigned char want[8] = {1, 1, 1, 0, 1, 1, 1, 0};
        ck_assert(memcmp(r, want, 8) == 0);
    }
}
END_TEST

START_TEST(set_errors)
{
    static const aceh_str ok[] = {{"a, B, *", 7}, {"c", 1}};
    static const aceh_str bad[] = {{"a", 1}, {"no no", 5}};
    aceh_name names[4];
    aceh_list list, huge;
    aceh_set set;
    unsigned char mem[64];

    ck_assert_uint_eq(aceh_set_size(0), 0);
    ck_assert_uint_eq(aceh_set_size(3), 24);
    ck_assert_uint_eq(aceh_set_size((size_t)0xfffffffeu),
                      sizeof(size_t) > 4 ? 8 * (size_t)0xfffffffeu : SIZE_MAX);
    ck_assert_uint_eq(aceh_set_size(SIZE_MAX), SIZE_MAX);
    /* NULL list, NULL memory */
    ck_assert_int_eq(aceh_set_init(&set, NULL, mem, sizeof mem), ACEH_E_NULL);
    ck_assert_int_eq(aceh_set_decide(&set, "a", 1, ACEH_OMIT, 0),
                     ACEH_HIDDEN_INVALID);
    ck_assert_int_eq(aceh_set_decide(&set, "expires", 7, ACEH_OMIT, 0),
                     ACEH_EXPOSED_SAFELISTED);
    ck_assert_int_eq(aceh_list_parse(&list, ok, 2, names, 4), ACEH_OK);
    ck_assert_int_eq(aceh_set_init(&set, &list, NULL, 1), ACEH_E_NULL);
    /* too small: answers still right, by rescanning */
    ck_assert_int_eq(aceh_set_init(&set, &list, mem, 31), ACEH_TRUNCATED);
    ck_assert_int_eq(aceh_set_decide(&set, "b", 1, ACEH_INCLUDE, 0),
                     ACEH_EXPOSED_LISTED);
    ck_assert_int_eq(aceh_set_decide(&set, "d", 1, ACEH_INCLUDE, 0),
                     ACEH_HIDDEN_NOT_LISTED);
    ck_assert_int_eq(aceh_set_init(&set, &list, mem, 32), ACEH_OK);
    ck_assert_int_eq(aceh_set_decide(&set, "C", 1, ACEH_INCLUDE, 0),
                     ACEH_EXPOSED_LISTED);
    ck_assert_int_eq(aceh_set_decide(&set, "d", 1, ACEH_INCLUDE, 0),
                     ACEH_HIDDEN_NOT_LISTED);
    ck_assert_int_eq(aceh_set_decide(&set, "d", 1, ACEH_OMIT, 0),
                     ACEH_EXPOSED_WILDCARD);
    ck_assert_int_eq(aceh_set_decide(&set, "authorization", 13, ACEH_OMIT,
                                     AUTHF),
                     ACEH_HIDDEN_AUTHORIZATION);
    ck_assert_int_eq(aceh_set_decide(&set, "a b", 3, ACEH_OMIT, 0),
                     ACEH_HIDDEN_BAD_NAME);
    ck_assert_int_eq(aceh_set_decide(&set, NULL, 1, ACEH_OMIT, 0),
                     ACEH_HIDDEN_BAD_NAME);
    /* names[] too small: TRUNCATED, answers by rescanning */
    ck_assert_int_eq(aceh_list_parse(&list, ok, 2, names, 2), ACEH_TRUNCATED);
    ck_assert_int_eq(aceh_set_init(&set, &list, mem, sizeof mem),
                     ACEH_TRUNCATED);
    ck_assert_int_eq(aceh_set_decide(&set, "c", 1, ACEH_INCLUDE, 0),
                     ACEH_EXPOSED_LISTED);
    /* invalid and absent lists need no memory */
    ck_assert_int_eq(aceh_list_parse(&list, bad, 2, names, 4),
                     ACEH_E_MISSING_COMMA);
    ck_assert_int_eq(aceh_set_init(&set, &list, NULL, 0), ACEH_OK);
    ck_assert_int_eq(aceh_set_decide(&set, "a", 1, ACEH_OMIT, 0),
                     ACEH_HIDDEN_INVALID);
    ck_assert_int_eq(aceh_list_parse(&list, NULL, 0, names, 4), ACEH_OK);
    ck_assert_int_eq(aceh_set_init(&set, &list, NULL, 0), ACEH_OK);
    ck_assert_int_eq(aceh_set_decide(&set, "a", 1, ACEH_OMIT, 0),
                     ACEH_HIDDEN_ABSENT);
    /* a valid list without names */
    {
        static const aceh_str empty[] = {{" , ,", 4}};

        ck_assert_int_eq(aceh_list_parse(&list, empty, 1, names, 4), ACEH_OK);
    }
    ck_assert_int_eq(aceh_set_init(&set, &list, NULL, 0), ACEH_OK);
    ck_assert_int_eq(aceh_set_decide(&set, "a", 1, ACEH_OMIT, 0),
                     ACEH_HIDDEN_NOT_LISTED);
    /* more names than 32-bit slots can number: never indexed (the list is
     * made up; its names are never read) */
    huge = list;
    huge.count = huge.stored = (size_t)0xffffffffu;
    ck_assert_int_eq(aceh_set_init(&set, &huge, mem, sizeof mem),
                     ACEH_TRUNCATED);
}
END_TEST

/* The set reads a list as aceh_list_parse left it. Changed behind its
 * back so that a stored name no longer lies inside its line, the list is
 * not indexed (ACEH_TRUNCATED: answers by rescanning), so that the index
 * never reads beyond a line. The buffer is longer than the line, so that
 * every pointer the rescan forms stays inside it. */
START_TEST(set_names_outside_lines)
{
    static const char buf[] = "abc,def,gh";
    aceh_str line[1] = {{buf, 10}};
    aceh_name names[4];
    aceh_list list;
    aceh_set set;
    unsigned char mem[64];

    ck_assert_int_eq(aceh_list_parse(&list, line, 1, names, 4), ACEH_OK);
    ck_assert_uint_eq(list.stored, 3);
    ck_assert_int_eq(aceh_set_init(&set, &list, mem, sizeof mem), ACEH_OK);
    /* "def" (offset 4) and "gh" (offset 8) start past the line's end */
    line[0].len = 3;
    ck_assert_int_eq(aceh_set_init(&set, &list, mem, sizeof mem),
                     ACEH_TRUNCATED);
    ck_assert_int_eq(aceh_set_decide(&set, "ABC", 3, ACEH_INCLUDE, 0),
                     ACEH_EXPOSED_LISTED);
    /* "gh" starts inside the line and ends past it */
    line[0].len = 9;
    ck_assert_int_eq(aceh_set_init(&set, &list, mem, sizeof mem),
                     ACEH_TRUNCATED);
    /* a name of a line the list does not have (not rescanned: the rescan
     * would read that line) */
    line[0].len = 10;
    names[2].line = 1;
    ck_assert_int_eq(aceh_set_init(&set, &list, mem, sizeof mem),
                     ACEH_TRUNCATED);
    names[2].line = 0;
    ck_assert_int_eq(aceh_set_init(&set, &list, mem, sizeof mem), ACEH_OK);
    ck_assert_int_eq(aceh_set_decide(&set, "GH", 2, ACEH_INCLUDE, 0),
                     ACEH_EXPOSED_LISTED);
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

/* ------------------------------------------------------------------------
 * The preflight half. Expectations follow Fetch's "CORS check",
 * "CORS-preflight fetch", "CORS-safelisted request-header" and
 * "CORS-unsafe request-header names" as restated in docs/SPEC.md.
 * ------------------------------------------------------------------------ */

#define ORIGIN "https://a.example"

typedef struct cors_case {
    const char *acao[2]; /* NULL entries end the list */
    const char *acac[2];
    aceh_mode mode;
    aceh_cors want;
} cors_case;

static const cors_case ccases[] = {
    {{NULL}, {NULL}, ACEH_OMIT, ACEH_CORS_NO_ALLOW_ORIGIN},
    {{"*"}, {NULL}, ACEH_OMIT, ACEH_CORS_PASS_WILDCARD},
    {{" *\t"}, {NULL}, ACEH_SAME_ORIGIN, ACEH_CORS_PASS_WILDCARD},
    {{"\t*"}, {NULL}, ACEH_OMIT, ACEH_CORS_PASS_WILDCARD},
    {{"*"}, {"true"}, ACEH_INCLUDE, ACEH_CORS_WILDCARD_CREDENTIALS},
    {{"*"}, {"true"}, (aceh_mode)7, ACEH_CORS_WILDCARD_CREDENTIALS},
    {{"*", "*"}, {NULL}, ACEH_OMIT, ACEH_CORS_ORIGIN_MISMATCH},
    {{ORIGIN}, {NULL}, ACEH_OMIT, ACEH_CORS_PASS},
    {{ORIGIN " "}, {NULL}, ACEH_OMIT, ACEH_CORS_PASS},
    {{"https://A.example"}, {NULL}, ACEH_OMIT, ACEH_CORS_ORIGIN_MISMATCH},
    {{ORIGIN "/"}, {NULL}, ACEH_OMIT, ACEH_CORS_ORIGIN_MISMATCH},
    {{"https://a.exampl"}, {NULL}, ACEH_OMIT, ACEH_CORS_ORIGIN_MISMATCH},
    {{""}, {NULL}, ACEH_OMIT, ACEH_CORS_ORIGIN_MISMATCH},
    {{ORIGIN, ORIGIN}, {NULL}, ACEH_OMIT, ACEH_CORS_ORIGIN_MISMATCH},
    {{"https://a", "example"}, {NULL}, ACEH_OMIT, ACEH_CORS_ORIGIN_MISMATCH},
    {{ORIGIN}, {NULL}, ACEH_INCLUDE, ACEH_CORS_NO_CREDENTIALS},
    {{ORIGIN}, {"true"}, ACEH_INCLUDE, ACEH_CORS_PASS},
    {{ORIGIN}, {" true "}, ACEH_INCLUDE, ACEH_CORS_PASS},
    {{ORIGIN}, {"True"}, ACEH_INCLUDE, ACEH_CORS_NO_CREDENTIALS},
    {{ORIGIN}, {"true", "true"}, ACEH_INCLUDE, ACEH_CORS_NO_CREDENTIALS},
    {{ORIGIN}, {"false"}, ACEH_INCLUDE, ACEH_CORS_NO_CREDENTIALS},
    {{ORIGIN}, {"false"}, ACEH_SAME_ORIGIN, ACEH_CORS_PASS},
};

static size_t fill_lines(aceh_str *out, const char *const *in, size_t max)
{
    size_t n = 0;

    while (n < max && in[n] != NULL) {
        out[n].ptr = in[n];
        out[n].len = strlen(in[n]);
        n++;
    }
    return n;
}

START_TEST(cors_check_cases)
{
    const cors_case *c = &ccases[_i];
    aceh_str o[2], k[2];
    const size_t no = fill_lines(o, c->acao, 2), nk = fill_lines(k, c->acac, 2);

    ck_assert_int_eq(aceh_cors_check(o, no, k, nk, ORIGIN, strlen(ORIGIN),
                                     c->mode),
                     c->want);
}
END_TEST

START_TEST(cors_check_null)
{
    const aceh_str o = {ORIGIN, strlen(ORIGIN)}, bad = {NULL, 3};
    const aceh_str empty = {NULL, 0};

    ck_assert_int_eq(aceh_cors_check(NULL, 1, NULL, 0, ORIGIN, 3, ACEH_OMIT),
                     ACEH_CORS_ORIGIN_MISMATCH);
    ck_assert_int_eq(aceh_cors_check(&bad, 1, NULL, 0, ORIGIN, 3, ACEH_OMIT),
                     ACEH_CORS_ORIGIN_MISMATCH);
    ck_assert_int_eq(aceh_cors_check(&o, 1, NULL, 0, NULL, 3, ACEH_OMIT),
                     ACEH_CORS_ORIGIN_MISMATCH);
    ck_assert_int_eq(aceh_cors_check(&empty, 1, NULL, 0, NULL, 0, ACEH_OMIT),
                     ACEH_CORS_PASS);
    ck_assert_int_eq(aceh_cors_check(&o, 1, NULL, 1, ORIGIN, strlen(ORIGIN),
                                     ACEH_INCLUDE),
                     ACEH_CORS_NO_CREDENTIALS);
    {
        /* Fetch's "get" joins the lines with ", " before comparing. */
        const aceh_str two[2] = {{"a", 1}, {"b", 1}};

        ck_assert_int_eq(aceh_cors_check(two, 2, NULL, 0, "a, b", 4,
                                         ACEH_OMIT),
                         ACEH_CORS_PASS);
        ck_assert_int_eq(aceh_cors_check(two, 2, NULL, 0, "a,b", 3,
                                         ACEH_OMIT),
                         ACEH_CORS_ORIGIN_MISMATCH);
        ck_assert_int_eq(aceh_cors_check(two, 2, NULL, 0, "a,,b", 4,
                                         ACEH_OMIT),
                         ACEH_CORS_ORIGIN_MISMATCH);
    }
    ck_assert_str_eq(aceh_cors_str(ACEH_CORS_PASS), "pass");
    ck_assert_str_eq(aceh_cors_str(ACEH_CORS_PASS_WILDCARD), "pass-wildcard");
    ck_assert_str_eq(aceh_cors_str(ACEH_CORS_NO_ALLOW_ORIGIN),
                     "no-allow-origin");
    ck_assert_str_eq(aceh_cors_str(ACEH_CORS_WILDCARD_CREDENTIALS),
                     "wildcard-credentials");
    ck_assert_str_eq(aceh_cors_str(ACEH_CORS_ORIGIN_MISMATCH),
                     "origin-mismatch");
    ck_assert_str_eq(aceh_cors_str(ACEH_CORS_NO_CREDENTIALS),
                     "no-credentials");
    ck_assert_str_eq(aceh_cors_str((aceh_cors)0), "unknown");
}
END_TEST

START_TEST(max_age)
{
    static const struct {
        const char *v[2];
        unsigned long want;
        int valid;
    } m[] = {
        {{NULL}, 5, 0},
        {{"600"}, 600, 1},
        {{" 0\t"}, 0, 1},
        {{"007"}, 7, 1},
        {{""}, 5, 0},
        {{"  "}, 5, 0},
        {{"-1"}, 5, 0},
        {{"+5"}, 5, 0},
        {{"5.0"}, 5, 0},
        {{"5, 10"}, 5, 0},
        {{"10", "20"}, 5, 0},
        {{"2147483647"}, 2147483647ul, 1},
        {{"2147483648"}, 2147483648ul, 1},
        {{"2147483649"}, 2147483648ul, 1},
        {{"214748365"}, 214748365ul, 1},
        {{"99999999999999999999999"}, 2147483648ul, 1},
    };
    size_t i;

    for (i = 0; i < sizeof m / sizeof m[0]; i++) {
        aceh_str l[2];
        const size_t n = fill_lines(l, m[i].v, 2);
        int valid = -1;

        ck_assert_uint_eq(aceh_max_age(l, n, &valid), m[i].want);
        ck_assert_int_eq(valid, m[i].valid);
        ck_assert_uint_eq(aceh_max_age(l, n, NULL), m[i].want);
    }
    {
        const aceh_str bad = {NULL, 2};

        const aceh_str none = {NULL, 0};

        ck_assert_uint_eq(aceh_max_age(&none, 1, NULL), 5);
        ck_assert_uint_eq(aceh_max_age(NULL, 1, NULL), 5);
        ck_assert_uint_eq(aceh_max_age(&bad, 1, NULL), 5);
    }
}
END_TEST

typedef struct pf_case {
    const char *method;
    const char *unsafe[4];
    aceh_mode mode;
    unsigned flags;
    int status;
    const char *acao;
    const char *methods[2]; /* "-" first: header absent */
    const char *headers[2];
    aceh_pf_verdict want;
    size_t index;
} pf_case;

static const pf_case pcases[] = {
    /* status and CORS check come first */
    {"PUT", {NULL}, ACEH_OMIT, 0, 200, NULL, {"PUT"}, {"-"}, ACEH_PF_CORS, 0},
    {"PUT", {NULL}, ACEH_OMIT, 0, 199, ORIGIN, {"PUT"}, {"-"}, ACEH_PF_STATUS, 0},
    {"PUT", {NULL}, ACEH_OMIT, 0, 300, "*", {"PUT"}, {"-"}, ACEH_PF_STATUS, 0},
    {"PUT", {NULL}, ACEH_OMIT, 0, 204, "*", {"PUT"}, {"-"}, ACEH_PF_PASS, 0},
    {"PUT", {NULL}, ACEH_OMIT, 0, 299, "*", {"PUT"}, {"-"}, ACEH_PF_PASS, 0},
    /* lists are all or nothing, even when the method is safelisted */
    {"GET", {NULL}, ACEH_OMIT, 0, 200, "*", {"GET,", "P(T"}, {"-"},
     ACEH_PF_BAD_METHODS, 0},
    {"GET", {NULL}, ACEH_OMIT, 0, 200, "*", {"-"}, {"a b"},
     ACEH_PF_BAD_HEADERS, 0},
    /* methods: byte for byte, safelisted, wildcard without credentials */
    {"PUT", {NULL}, ACEH_OMIT, 0, 200, "*", {"put"}, {"-"}, ACEH_PF_METHOD, 0},
    {"patch", {NULL}, ACEH_OMIT, 0, 200, "*", {"PATCH"}, {"-"},
     ACEH_PF_METHOD, 0},
    {"PATCH", {NULL}, ACEH_OMIT, 0, 200, "*", {"GET, PATCH"}, {"-"},
     ACEH_PF_PASS, 0},
    {"PATCH", {NULL}, ACEH_OMIT, 0, 200, "*", {"GET", " PATCH "}, {"-"},
     ACEH_PF_PASS, 0},
    {"GET", {NULL}, ACEH_OMIT, 0, 200, "*", {""}, {"-"}, ACEH_PF_PASS, 0},
    {"HEAD", {NULL}, ACEH_OMIT, 0, 200, "*", {"-"}, {"-"}, ACEH_PF_PASS, 0},
    {"POST", {NULL}, ACEH_OMIT, 0, 200, "*", {"-"}, {"-"}, ACEH_PF_PASS, 0},
    {"get", {NULL}, ACEH_OMIT, 0, 200, "*", {"-"}, {"-"}, ACEH_PF_METHOD, 0},
    {"DELETE", {NULL}, ACEH_OMIT, 0, 200, "*", {"*"}, {"-"}, ACEH_PF_PASS, 0},
    {"DELETE", {NULL}, ACEH_SAME_ORIGIN, 0, 200, "*", {"*"}, {"-"},
     ACEH_PF_PASS, 0},
    {"DELETE", {NULL}, ACEH_INCLUDE, 0, 200, ORIGIN, {"*"}, {"-"},
     ACEH_PF_METHOD, 0},
    {"*", {NULL}, ACEH_INCLUDE, 0, 200, ORIGIN, {"*"}, {"-"}, ACEH_PF_PASS, 0},
    {"DELETE", {NULL}, ACEH_OMIT, 0, 200, "*", {"-"}, {"-"},
     ACEH_PF_METHOD, 0},
    {"DELETE", {NULL}, ACEH_OMIT, ACEH_PF_USE_CORS_PREFLIGHT, 200, "*",
     {"-"}, {"-"}, ACEH_PF_PASS, 0},
    {"DELETE", {NULL}, ACEH_OMIT, ACEH_PF_USE_CORS_PREFLIGHT, 200, "*",
     {"PUT"}, {"-"}, ACEH_PF_METHOD, 0},
    /* header names: case-insensitive; `*` only without credentials */
    {"GET", {"x-a"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"-"}, ACEH_PF_HEADER, 0},
    {"GET", {"x-a"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"X-A"}, ACEH_PF_PASS, 0},
    {"GET", {"x-a", "x-b"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"x-b", ",X-a,"},
     ACEH_PF_PASS, 0},
    {"GET", {"x-a", "x-b"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"x-b"},
     ACEH_PF_HEADER, 0},
    {"GET", {"x-a", "x-b"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"x-a"},
     ACEH_PF_HEADER, 1},
    {"GET", {"x-a", "x-b"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"-"},
     ACEH_PF_HEADER, 0},
    {"GET", {""}, ACEH_OMIT, 0, 200, "*", {"-"}, {"x-a"}, ACEH_PF_HEADER, 0},
    {"GET", {""}, ACEH_OMIT, 0, 200, "*", {"-"}, {"*"}, ACEH_PF_PASS, 0},
    {"GET", {"x-a"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"*"}, ACEH_PF_PASS, 0},
    {"GET", {"x-a"}, ACEH_INCLUDE, 0, 200, ORIGIN, {"-"}, {"*"},
     ACEH_PF_HEADER, 0},
    {"GET", {"*"}, ACEH_INCLUDE, 0, 200, ORIGIN, {"-"}, {"*"}, ACEH_PF_PASS, 0},
    /* unsorted or duplicate unsafe names take the linear path */
    {"GET", {"x-b", "x-a"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"X-A, x-b"},
     ACEH_PF_PASS, 0},
    {"GET", {"x-b", "x-a", "x-c"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"X-A, x-b"},
     ACEH_PF_HEADER, 2},
    {"GET", {"x-a", "X-A"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"x-a"},
     ACEH_PF_PASS, 0},
    /* Authorization: listed by name only, `*` never covers it */
    {"GET", {"authorization"}, ACEH_OMIT, 0, 200, "*", {"-"}, {"*"},
     ACEH_PF_AUTHORIZATION, 0},
    {"GET", {"authorization"}, ACEH_SAME_ORIGIN, 0, 200, "*", {"-"}, {"*"},
     ACEH_PF_AUTHORIZATION, 0},
    {"GET", {"authorization"}, ACEH_INCLUDE, 0, 200, ORIGIN, {"-"}, {"*"},
     ACEH_PF_AUTHORIZATION, 0},
    {"GET", {"Authorization"}, ACEH_OMIT, 0, 200, "*", {"-"},
     {"*, AUTHORIZATION"}, ACEH_PF_PASS, 0},
    {"GET", {"authorization"}, ACEH_INCLUDE, 0, 200, ORIGIN, {"-"},
     {"authorization"}, ACEH_PF_PASS, 0},
    {"GET", {"authorization", "x-a"}, ACEH_OMIT, 0, 200, "*", {"-"},
     {"-"}, ACEH_PF_AUTHORIZATION, 0},
    {"GET", {"x-a", "authorization"}, ACEH_OMIT, 0, 200, "*", {"-"},
     {"-"}, ACEH_PF_AUTHORIZATION, 1},
    {"GET", {"authorization", "Authorization"}, ACEH_OMIT, 0, 200, "*",
     {"-"}, {"*"}, ACEH_PF_AUTHORIZATION, 0},
};

static void pf_fill(aceh_preflight *pf, const pf_case *c, aceh_str *u,
                    aceh_str *o, aceh_str *k, aceh_str *m, aceh_str *h)
{
    static const char *const tru[] = {"true", NULL};
    const char *const ao[] = {c->acao, NULL};

    memset(pf, 0, sizeof *pf);
    pf->origin = ORIGIN;
    pf->origin_len = strlen(ORIGIN);
    pf->method = c->method;
    pf->method_len = strlen(c->method);
    pf->unsafe = u;
    pf->n_unsafe = fill_lines(u, c->unsafe, 4);
    pf->mode = c->mode;
    pf->flags = c->flags;
    pf->status = c->status;
    pf->allow_origin = o;
    pf->n_allow_origin = fill_lines(o, ao, 1);
    pf->allow_credentials = k;
    pf->n_allow_credentials = fill_lines(k, tru, 1);
    pf->allow_methods = m;
    pf->n_allow_methods =
        strcmp(c->methods[0], "-") == 0 ? 0 : fill_lines(m, c->methods, 2);
    pf->allow_headers = h;
    pf->n_allow_headers =
        strcmp(c->headers[0], "-") == 0 ? 0 : fill_lines(h, c->headers, 2);
}

START_TEST(preflight_cases)
{
    const pf_case *c = &pcases[_i];
    aceh_str u[4], o[1], k[1], m[2], h[2];
    aceh_preflight pf;
    aceh_pf_result r;

    pf_fill(&pf, c, u, o, k, m, h);
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), c->want);
    ck_assert_int_eq(r.verdict, c->want);
    ck_assert_int_eq(aceh_preflight_decide(&pf, NULL), c->want);
    if (c->want == ACEH_PF_HEADER || c->want == ACEH_PF_AUTHORIZATION)
        ck_assert_uint_eq(r.index, c->index);
    if (c->want == ACEH_PF_PASS)
        ck_assert_uint_eq(r.max_age, 5);
    else
        ck_assert_uint_eq(r.max_age, 0);
    if (c->want == ACEH_PF_CORS)
        ck_assert_int_lt(r.cors, 0);
    else
        ck_assert_int_gt(r.cors, 0);
}
END_TEST

START_TEST(preflight_details)
{
    static const pf_case ok = {"PUT", {"x-a"}, ACEH_OMIT, 0, 200, "*",
                               {"PUT"}, {"x-a"}, ACEH_PF_PASS, 0};
    aceh_str u[4], o[1], k[1], m[2], h[2];
    const aceh_str age = {"600", 3}, bad = {NULL, 4};
    aceh_preflight pf;
    aceh_pf_result r;

    ck_assert_int_eq(aceh_preflight_decide(NULL, &r), ACEH_PF_CORS);
    ck_assert_int_eq(r.cors, ACEH_CORS_NO_ALLOW_ORIGIN);
    /* the cache lifetime, on a pass only */
    pf_fill(&pf, &ok, u, o, k, m, h);
    pf.max_age = &age;
    pf.n_max_age = 1;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_PASS);
    ck_assert_uint_eq(r.max_age, 600);
    /* list errors report line and offset */
    h[1].ptr = "x-a, \"b\"";
    h[1].len = strlen(h[1].ptr);
    pf.n_allow_headers = 2;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_BAD_HEADERS);
    ck_assert_int_eq(r.list_status, ACEH_E_NAME_BYTE);
    ck_assert_uint_eq(r.err_line, 1);
    ck_assert_uint_eq(r.err_off, 5);
    pf.n_allow_headers = 1;
    /* NULL arrays and pointers with lengths */
    pf.allow_methods = NULL;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_BAD_METHODS);
    ck_assert_int_eq(r.list_status, ACEH_E_NULL);
    pf.allow_methods = m;
    pf.allow_headers = &bad;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_BAD_HEADERS);
    ck_assert_int_eq(r.list_status, ACEH_E_NULL);
    pf.allow_headers = h;
    pf.method = NULL;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_METHOD);
    pf.method_len = 0; /* (NULL, 0): the empty method, never listed */
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_METHOD);
    m[0].ptr = "*";
    m[0].len = 1;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_PASS);
    pf.method = "PUT";
    pf.method_len = 3;
    m[0].ptr = "PUT";
    m[0].len = 3;
    pf.unsafe = NULL;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_HEADER);
    pf.n_unsafe = 0;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_PASS);
    pf.n_unsafe = 1;
    pf.unsafe = u;
    u[0].ptr = NULL; /* (NULL, 0): the empty name, never listed */
    u[0].len = 0;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_HEADER);
    u[0] = bad;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_HEADER);
    ck_assert_str_eq(aceh_pf_verdict_str(ACEH_PF_PASS), "pass");
    ck_assert_str_eq(aceh_pf_verdict_str(ACEH_PF_CORS), "cors");
    ck_assert_str_eq(aceh_pf_verdict_str(ACEH_PF_STATUS), "status");
    ck_assert_str_eq(aceh_pf_verdict_str(ACEH_PF_BAD_METHODS), "bad-methods");
    ck_assert_str_eq(aceh_pf_verdict_str(ACEH_PF_BAD_HEADERS), "bad-headers");
    ck_assert_str_eq(aceh_pf_verdict_str(ACEH_PF_METHOD), "method");
    ck_assert_str_eq(aceh_pf_verdict_str(ACEH_PF_AUTHORIZATION),
                     "authorization");
    ck_assert_str_eq(aceh_pf_verdict_str(ACEH_PF_HEADER), "header");
    ck_assert_str_eq(aceh_pf_verdict_str((aceh_pf_verdict)0), "unknown");
}
END_TEST

/* More unsafe names than one block of the matcher: the names are
 * "x0000" ... in sorted order, and Allow-Headers lists all but one. */
/* A GET preflight with n unsafe names, one Allow-Origin line and one
 * Allow-Headers line, omit mode, status 200. */
static void pf_get(aceh_preflight *pf, const aceh_str *u, size_t n,
                   const aceh_str *o, const aceh_str *h)
{
    memset(pf, 0, sizeof *pf);
    pf->method = "GET";
    pf->method_len = 3;
    pf->unsafe = u;
    pf->n_unsafe = n;
    pf->status = 200;
    pf->allow_origin = o;
    pf->n_allow_origin = 1;
    pf->allow_headers = h;
    pf->n_allow_headers = 1;
}

/* A refused entry before a valid one once made the sortedness check of
 * the unsafe names read through NULL; the analyzers' report, as a test. */
START_TEST(preflight_null_unsafe_reproducer)
{
    const aceh_str ao = {"https://a.example", 17};
    const aceh_str un[2] = {{NULL, 3}, {"x-b", 3}};
    aceh_preflight pf;
    aceh_pf_result r;

    memset(&pf, 0, sizeof pf);
    pf.origin = "https://a.example";
    pf.origin_len = 17;
    pf.method = "GET";
    pf.method_len = 3;
    pf.unsafe = un;
    pf.n_unsafe = 2;
    pf.mode = ACEH_OMIT;
    pf.status = 200;
    pf.allow_origin = &ao;
    pf.n_allow_origin = 1;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_HEADER);
    ck_assert_uint_eq(r.index, 0);
}
END_TEST

/* A (NULL, n > 0) entry at every position of every array the preflight
 * takes, in both credentials modes, with `*` in Allow-Headers or the
 * names listed: the answer aceh.h promises, never a read. _i: array (6)
 * x position (3) x include (2) x star (2). */
START_TEST(preflight_null_entries)
{
    const size_t arr = (size_t)_i / 12, pos = (size_t)_i / 4 % 3;
    const int incl = _i / 2 % 2, star = _i % 2;
    static const char *const names[3] = {"x-a", "x-b", "x-c"};
    aceh_str ao[3], ac[3], am[3], ah[3], ma[3], un[3];
    aceh_str *const all[6] = {ao, ac, am, ah, ma, un};
    aceh_preflight pf;
    aceh_pf_result r;
    aceh_pf_verdict v;
    size_t i;

    for (i = 0; i < 3; i++) {
        ao[i].ptr = ORIGIN;
        ao[i].len = strlen(ORIGIN);
        ac[i].ptr = "true";
        ac[i].len = 4;
        am[i].ptr = "PUT";
        am[i].len = 3;
        ah[i].ptr = star ? "*, x-a, x-b, x-c" : "x-a, x-b, x-c";
        ah[i].len = strlen(ah[i].ptr);
        ma[i].ptr = "60";
        ma[i].len = 2;
        un[i].ptr = names[i];
        un[i].len = 3;
    }
    all[arr][pos].ptr = NULL;
    memset(&pf, 0, sizeof pf);
    pf.origin = ORIGIN;
    pf.origin_len = strlen(ORIGIN);
    pf.method = "PUT";
    pf.method_len = 3;
    pf.mode = incl ? ACEH_INCLUDE : ACEH_OMIT;
    pf.status = 200;
    /* single-value headers get lines up to the refused one only */
    pf.allow_origin = ao;
    pf.n_allow_origin = arr == 0 ? pos + 1 : 1;
    pf.allow_credentials = ac;
    pf.n_allow_credentials = arr == 1 ? pos + 1 : 1;
    pf.allow_methods = am;
    pf.n_allow_methods = 3;
    pf.allow_headers = ah;
    pf.n_allow_headers = 3;
    pf.max_age = ma;
    pf.n_max_age = arr == 4 ? pos + 1 : 1;
    pf.unsafe = un;
    pf.n_unsafe = 3;
    v = aceh_preflight_decide(&pf, &r);
    switch (arr) {
    case 0: /* Allow-Origin: the lines never equal the origin */
        ck_assert_int_eq(v, ACEH_PF_CORS);
        ck_assert_int_eq(r.cors, ACEH_CORS_ORIGIN_MISMATCH);
        break;
    case 1: /* Allow-Credentials: read with credentials only */
        ck_assert_int_eq(v, incl ? ACEH_PF_CORS : ACEH_PF_PASS);
        if (incl)
            ck_assert_int_eq(r.cors, ACEH_CORS_NO_CREDENTIALS);
        break;
    case 2: /* Allow-Methods, Allow-Headers: an invalid list */
    case 3:
        ck_assert_int_eq(v, arr == 2 ? ACEH_PF_BAD_METHODS : ACEH_PF_BAD_HEADERS);
        ck_assert_int_eq(r.list_status, ACEH_E_NULL);
        ck_assert_uint_eq(r.err_line, pos);
        break;
    case 4: /* Max-Age: the default */
        ck_assert_int_eq(v, ACEH_PF_PASS);
        ck_assert_uint_eq(r.max_age, 5);
        break;
    default: /* unsafe: never listed, not even by `*` */
        ck_assert_int_eq(v, ACEH_PF_HEADER);
        ck_assert_uint_eq(r.index, pos);
        break;
    }
}
END_TEST

/* The empty name (NULL, 0) sorts first in a sorted block of unsafe
 * names, where the binary search reads it like any other entry ("a"
 * sorts before "x-a", so its search ends there). Never listed, it is the
 * name that fails. */
START_TEST(preflight_empty_unsafe_sorted)
{
    const aceh_str u[3] = {{NULL, 0}, {"x-a", 3}, {"x-b", 3}};
    const aceh_str o = {"*", 1}, h = {"a, x-a, x-b", 11};
    aceh_preflight pf;
    aceh_pf_result r;

    pf_get(&pf, u, 3, &o, &h);
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_HEADER);
    ck_assert_uint_eq(r.index, 0);
    pf.n_unsafe = 2;
    pf.unsafe = u + 1;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_PASS);
}
END_TEST

/* Refused unsafe entries next to Authorization and on both sides of the
 * 4,096-name block boundary. */
START_TEST(preflight_null_unsafe_blocks)
{
    enum { N = 4100 };
    static aceh_str u[N];
    const aceh_str o = {"*", 1}, h = {"*, x-a", 6};
    aceh_preflight pf;
    aceh_pf_result r;
    size_t i;
    static const size_t at[] = {4094, 4095, 4096, 4099};

    for (i = 0; i < N; i++) {
        u[i].ptr = "x-a";
        u[i].len = 3;
    }
    pf_get(&pf, u, N, &o, &h);
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_PASS);
    for (i = 0; i < sizeof at / sizeof at[0]; i++) {
        u[at[i]].ptr = NULL;
        ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_HEADER);
        ck_assert_uint_eq(r.index, at[i]);
        u[at[i]].ptr = "x-a";
    }
    /* (NULL, 0) is the empty name, not a refused one: `*` covers it */
    u[4095].ptr = NULL;
    u[4095].len = 0;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_PASS);
    u[4095].ptr = "x-a";
    u[4095].len = 3;
    /* an unlisted Authorization is reported first, as Fetch checks it first */
    u[1].ptr = NULL;
    u[2].ptr = "Authorization";
    u[2].len = 13;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_AUTHORIZATION);
    ck_assert_uint_eq(r.index, 2);
}
END_TEST

/* A (NULL, n > 0) entry at every position (_i) of every other array
 * argument: the refusal aceh.h documents for each function. */
START_TEST(null_entries_everywhere)
{
    const size_t pos = (size_t)_i;
    static const char *const names[3] = {"x-a", "x-b", "x-c"};
    aceh_str l[3];
    aceh_header hd[3];
    aceh_list list;
    aceh_name nm[4];
    aceh_set set;
    unsigned char mem[256], rd[3];
    char buf[32];
    size_t i, bi = 99, ei = 99, eo = 99, need = 99;
    int valid = -1, added = -1, which;

    for (i = 0; i < 3; i++) {
        l[i].ptr = i == pos ? NULL : names[i];
        l[i].len = 3;
    }
    ck_assert_int_eq(aceh_list_parse(&list, l, 3, nm, 4), ACEH_E_NULL);
    ck_assert_uint_eq(list.err_line, pos);
    ck_assert_uint_eq(list.count, pos);
    ck_assert_int_eq(aceh_list_decide(&list, "x-a", 3, ACEH_OMIT, 0),
                     ACEH_HIDDEN_INVALID);
    ck_assert_int_eq(aceh_set_init(&set, &list, mem, sizeof mem), ACEH_OK);
    ck_assert_int_eq(aceh_set_decide(&set, "x-a", 3, ACEH_OMIT, 0),
                     ACEH_HIDDEN_INVALID);
    ck_assert_int_eq(aceh_decide(l, 3, "x-a", 3, ACEH_OMIT, 0),
                     ACEH_HIDDEN_INVALID);
    ck_assert_int_eq(aceh_exposed(l, 3, "x-a", 3, ACEH_OMIT, 0), 0);
    ck_assert_int_eq(aceh_format(l, 3, buf, sizeof buf, &need, &bi), ACEH_E_NULL);
    ck_assert_uint_eq(bi, pos);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(aceh_echo_names(l, 3, buf, sizeof buf, &need), ACEH_E_NULL);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(aceh_vary_add(l, 3, "Origin", 6, buf, sizeof buf, &need, &added),
                     ACEH_E_NULL);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(aceh_max_age(l, pos + 1, &valid), 5);
    ck_assert_int_eq(valid, 0);
    /* CORS check: Allow-Origin lines, then Allow-Credentials lines */
    for (i = 0; i < 3; i++) {
        l[i].ptr = i == pos ? NULL : ORIGIN;
        l[i].len = strlen(ORIGIN);
    }
    ck_assert_int_eq(aceh_cors_check(l, pos + 1, NULL, 0, ORIGIN, strlen(ORIGIN),
                                     ACEH_OMIT),
                     ACEH_CORS_ORIGIN_MISMATCH);
    for (i = 0; i < 3; i++) {
        l[i].ptr = i == pos ? NULL : "true";
        l[i].len = 4;
    }
    ck_assert_int_eq(aceh_cors_check(&l[pos == 0 ? 1 : 0], 0, l, pos + 1, ORIGIN,
                                     strlen(ORIGIN), ACEH_INCLUDE),
                     ACEH_CORS_NO_ALLOW_ORIGIN);
    {
        const aceh_str ao = {ORIGIN, strlen(ORIGIN)};

        ck_assert_int_eq(aceh_cors_check(&ao, 1, l, pos + 1, ORIGIN,
                                         strlen(ORIGIN), ACEH_INCLUDE),
                         ACEH_CORS_NO_CREDENTIALS);
    }
    /* Response filter and request headers: a refused name, then value */
    for (which = 0; which < 2; which++) {
        for (i = 0; i < 3; i++) {
            hd[i].name = "Access-Control-Expose-Headers";
            hd[i].name_len = strlen(hd[i].name);
            hd[i].value = "x-a";
            hd[i].value_len = 3;
        }
        if (which == 0)
            hd[pos].name = NULL;
        else
            hd[pos].value = NULL;
        memset(rd, 9, sizeof rd);
        ck_assert_int_eq(aceh_filter(hd, 3, ACEH_OMIT, 0, rd, &ei, &eo),
                         which == 0 ? ACEH_OK : ACEH_E_NULL);
        if (which == 1)
            ck_assert_uint_eq(ei, pos);
        for (i = 0; i < 3; i++)
            ck_assert_uint_eq(rd[i], 0); /* ACEH itself is not listed */
        ck_assert_int_eq(aceh_filter_scratch(hd, 3, ACEH_OMIT, 0, rd, &ei, &eo,
                                             mem, sizeof mem),
                         which == 0 ? ACEH_OK : ACEH_E_NULL);
        for (i = 0; i < 3; i++) {
            hd[i].name = i == pos && which == 0 ? NULL : names[i];
            hd[i].name_len = 3;
            hd[i].value = i == pos && which == 1 ? NULL : "v";
            hd[i].value_len = 1;
        }
        bi = 99;
        ck_assert_int_eq(aceh_request_headers(hd, 3, buf, sizeof buf, &need, &bi),
                         ACEH_E_NULL);
        ck_assert_uint_eq(bi, pos);
        ck_assert_str_eq(buf, "");
    }
    /* a response header named (NULL, n > 0) is never readable */
    hd[0].name = "Access-Control-Expose-Headers";
    hd[0].name_len = strlen(hd[0].name);
    hd[0].value = "*";
    hd[0].value_len = 1;
    hd[1].name = "x-b";
    hd[1].name_len = 3;
    hd[2].name = "x-c";
    hd[2].name_len = 3;
    hd[pos == 0 ? 1 : pos].name = NULL;
    ck_assert_int_eq(aceh_filter(hd, 3, ACEH_OMIT, 0, rd, &ei, &eo), ACEH_OK);
    for (i = 1; i < 3; i++)
        ck_assert_uint_eq(rd[i], i != (pos == 0 ? 1 : pos));
}
END_TEST

START_TEST(preflight_many_names)
{
    enum { N = 5000 };
    static char names[N][6];
    static aceh_str u[N];
    static char list[N * 7];
    const aceh_str o = {"*", 1};
    aceh_str h;
    aceh_preflight pf;
    aceh_pf_result r;
    size_t i, at = 0;
    const size_t missing = (size_t)_i == 0 ? 4500 : 17;

    for (i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "x%04u", (unsigned)i);
        u[i].ptr = names[i];
        u[i].len = 5;
        if (i != missing) {
            memcpy(list + at, names[i], 5);
            at += 5;
            list[at++] = ',';
        }
    }
    h.ptr = list;
    h.len = at;
    pf_get(&pf, u, N, &o, &h);
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_HEADER);
    ck_assert_uint_eq(r.index, missing);
    list[at++] = '*';
    h.len = at;
    ck_assert_int_eq(aceh_preflight_decide(&pf, &r), ACEH_PF_PASS);
}
END_TEST

typedef struct srh_case {
    const char *name, *value;
    int want;
} srh_case;

static const srh_case scases[] = {
    {"Accept", "text/html, */*;q=0.8", 1},
    {"ACCEPT", "", 1},
    {"accept", "a\tb", 1},
    {"accept", "a\"b", 0},
    {"accept", "a\x01" "b", 0},
    {"accept", "a\x7f", 0},
    {"accept", "a{b}", 0},
    {"accept", "\xc3\xa9", 1},
    {"Accept-Language", "en-US,en;q=0.5", 1},
    {"content-language", "de-DE, *", 1},
    {"accept-language", "en_US", 0},
    {"accept-language", "en\t", 0},
    {"Content-Type", "text/plain", 1},
    {"content-type", "Text/Plain;charset=utf-8", 1},
    {"content-type", " application/x-www-form-urlencoded ", 1},
    {"content-type", "multipart/form-data; boundary=x", 1},
    {"content-type", "multipart/form-data \t;x", 1},
    {"content-type", "application/json", 0},
    {"content-type", "text/html", 0},
    {"content-type", "text/plainx", 0},
    {"content-type", "textx/plain", 0},
    {"content-type", "text", 0},
    {"content-type", "/plain", 0},
    {"content-type", "text/", 0},
    {"content-type", "text/ ;a=b", 0},
    {"content-type", "te xt/plain", 0},
    {"content-type", "text/pl ain", 0},
    {"content-type", "text/plain; charset=\"utf-8\"", 0},
    {"content-type", "text/plain;\xc3\xa9", 1},
    {"content-type", "text/pl\xc3\xa9", 0},
    {"content-type", "", 0},
    {"Range", "bytes=0-", 1},
    {"range", "bytes=5-10", 1},
    {"range", "bytes=10-10", 1},
    {"range", "bytes=11-10", 0},
    {"range", "bytes=0009-10", 1},
    {"range", "bytes=9-0010", 1},
    {"range", "bytes=100-99", 0},
    {"range", "bytes=99-100", 1},
    {"range", "bytes=-500", 0},
    {"range", "bytes=-", 0},
    {"range", "bytes= 0-1", 0},
    {"range", "bytes=0-1 ", 0},
    {"range", "bytes=0-1,2-3", 0},
    {"range", "bytes=0", 0},
    {"range", "Bytes=0-", 0},
    {"range", "bytes", 0},
    {"range", "items=0-", 0},
    {"range", "bytes=0x1", 0},
    {"range", "bytes=/-", 0},
    {"range", "bytes=0-1a", 0},
    {"range", "bytes=0-/", 0},
    {"range", "bytes=0-10", 1},
    {"range", "bytes=0-5", 1},
    {"range", "bytes=6-5", 0},
    {"x-custom", "1", 0},
    {"Origin", "x", 0},
    {"", "", 0},
};

START_TEST(safelisted_request_header)
{
    const srh_case *c = &scases[_i];

    ck_assert_msg(aceh_is_safelisted_request_header(
                      c->name, strlen(c->name), c->value, strlen(c->value)) ==
                      c->want,
                  "%s: %s", c->name, c->value);
}
END_TEST

/* Every byte in Accept and in the language headers, against Fetch's lists
 * spelled out here. */
START_TEST(safelisted_request_header_bytes)
{
    const unsigned c = (unsigned)_i;
    const char v[3] = {'a', (char)c, 'b'};
    const int unsafe = (c < 0x20 && c != '\t') || c == 0x7f ||
                       (c != 0 && strchr("\"():<>?@[\\]{}", (int)c) != NULL);
    const int lang = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                     (c >= 'a' && c <= 'z') ||
                     (c != 0 && strchr(" *,-.;=", (int)c) != NULL);

    ck_assert_int_eq(aceh_is_safelisted_request_header("accept", 6, v, 3),
                     !unsafe);
    ck_assert_int_eq(aceh_is_safelisted_request_header("content-language", 16,
                                                       v, 3),
                     lang);
}
END_TEST

START_TEST(safelisted_request_header_limits)
{
    char v[130];

    memset(v, 'a', sizeof v);
    ck_assert(aceh_is_safelisted_request_header("accept", 6, v, 128));
    ck_assert(!aceh_is_safelisted_request_header("accept", 6, v, 129));
    ck_assert(aceh_is_safelisted_request_header("accept", 6, NULL, 0));
    ck_assert(!aceh_is_safelisted_request_header("accept", 6, NULL, 1));
    ck_assert(!aceh_is_safelisted_request_header(NULL, 6, "a", 1));
    ck_assert(!aceh_is_safelisted_request_header(NULL, 0, "a", 1));
}
END_TEST

static aceh_header hdr(const char *n, const char *v)
{
    aceh_header h;

    h.name = n;
    h.name_len = strlen(n);
    h.value = v;
    h.value_len = strlen(v);
    return h;
}

START_TEST(request_headers)
{
    aceh_header h[6];
    char buf[64], big[1100];
    size_t need = 99, bad = 99;

    h[0] = hdr("X-B", "1");
    h[1] = hdr("Accept", "*/*");
    h[2] = hdr("x-a", "2");
    h[3] = hdr("Content-Type", "application/json");
    h[4] = hdr("X-b", "3");
    h[5] = hdr("range", "bytes=0-");
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, sizeof buf, &need, &bad),
                     ACEH_OK);
    ck_assert_str_eq(buf, "content-type,x-a,x-b");
    ck_assert_uint_eq(need, strlen(buf));
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, 8, &need, NULL),
                     ACEH_TRUNCATED);
    ck_assert_str_eq(buf, "content");
    ck_assert_uint_eq(need, 20);
    ck_assert_int_eq(aceh_request_headers(h, 6, NULL, 0, &need, NULL),
                     ACEH_TRUNCATED);
    ck_assert_uint_eq(need, 20);
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, 20, NULL, NULL),
                     ACEH_TRUNCATED);
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, 21, NULL, NULL), ACEH_OK);
    /* only safelisted headers: nothing to ask for */
    ck_assert_int_eq(aceh_request_headers(h + 1, 1, buf, sizeof buf, &need,
                                          NULL),
                     ACEH_OK);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(need, 0);
    ck_assert_int_eq(aceh_request_headers(NULL, 0, buf, sizeof buf, &need,
                                          NULL),
                     ACEH_OK);
    /* safelisted values over 1,024 bytes in total make all of them unsafe */
    memset(big, 'a', 128);
    big[128] = '\0';
    {
        aceh_header s[9];
        size_t i;

        for (i = 0; i < 8; i++)
            s[i] = hdr("accept", big); /* 8 x 128 = 1,024: not over */
        ck_assert_int_eq(aceh_request_headers(s, 8, buf, sizeof buf, NULL,
                                              NULL),
                         ACEH_OK);
        ck_assert_str_eq(buf, "");
        s[8] = hdr("Accept-Language", "en");
        ck_assert_int_eq(aceh_request_headers(s, 9, buf, sizeof buf, NULL,
                                              NULL),
                         ACEH_OK);
        ck_assert_str_eq(buf, "accept,accept-language");
    }
    /* more headers than the 64 whose safelisting is kept: the later ones
     * are asked again, with the same result */
    {
        static aceh_header many[70];
        static char nm[70][8];
        size_t i;

        for (i = 0; i < 70; i++) {
            snprintf(nm[i], sizeof nm[i], "x-%02u", (unsigned)(69 - i));
            many[i] = hdr(i % 2 ? "Accept" : nm[i], "1");
        }
        ck_assert_int_eq(aceh_request_headers(many, 70, NULL, 0, &need, NULL),
                         ACEH_TRUNCATED);
        ck_assert_uint_eq(need, 35 * 5 - 1); /* x-01 ... x-69, the odd ones */
        ck_assert_int_eq(aceh_request_headers(many + 60, 10, buf, sizeof buf,
                                              NULL, NULL),
                         ACEH_OK);
        ck_assert_str_eq(buf, "x-01,x-03,x-05,x-07,x-09");
    }
    /* errors write nothing and name the header */
    h[2] = hdr("x a", "2");
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, sizeof buf, &need, &bad),
                     ACEH_E_BAD_NAME);
    ck_assert_uint_eq(bad, 2);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, sizeof buf, NULL, NULL),
                     ACEH_E_BAD_NAME);
    h[2].name_len = 0;
    h[2].name = NULL; /* (NULL, 0): the empty name, not a token */
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, sizeof buf, NULL, &bad),
                     ACEH_E_BAD_NAME);
    h[2].name_len = 1;
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, sizeof buf, NULL, &bad),
                     ACEH_E_NULL);
    ck_assert_uint_eq(bad, 2);
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, sizeof buf, NULL, NULL),
                     ACEH_E_NULL);
    h[2] = hdr("x-a", "2");
    h[2].value = NULL; /* (NULL, 0): an empty value */
    h[2].value_len = 0;
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, sizeof buf, NULL, &bad),
                     ACEH_OK);
    ck_assert_str_eq(buf, "content-type,x-a,x-b");
    h[3].value = NULL;
    ck_assert_int_eq(aceh_request_headers(h, 6, buf, sizeof buf, NULL, &bad),
                     ACEH_E_NULL);
    ck_assert_uint_eq(bad, 3);
    ck_assert_int_eq(aceh_request_headers(NULL, 1, buf, sizeof buf, NULL,
                                          NULL),
                     ACEH_E_NULL);
    ck_assert_int_eq(aceh_request_headers(h, 1, NULL, 1, NULL, NULL),
                     ACEH_E_NULL);
}
END_TEST

/* The names of an Access-Control-Request-Headers value, as strings into
 * it: what aceh_preflight.unsafe takes. */
START_TEST(request_header_names)
{
    static const char v[] = "content-type,x-a,x-b";
    aceh_header h[3];
    aceh_str names[4];
    char buf[64];
    size_t count = 99, off = 99;

    ck_assert_int_eq(aceh_request_header_names(v, sizeof v - 1, names, 4,
                                               &count, &off),
                     ACEH_OK);
    ck_assert_uint_eq(count, 3);
    ck_assert_uint_eq(off, 0);
    ck_assert_ptr_eq(names[0].ptr, v);
    ck_assert_uint_eq(names[0].len, 12);
    ck_assert_ptr_eq(names[1].ptr, v + 13);
    ck_assert_uint_eq(names[1].len, 3);
    ck_assert_ptr_eq(names[2].ptr, v + 17);
    ck_assert_uint_eq(names[2].len, 3);
    /* a received value: OWS and empty elements, as aceh_split reads them */
    ck_assert_int_eq(aceh_request_header_names(" X-A , ,b", 9, names, 4,
                                               &count, NULL),
                     ACEH_OK);
    ck_assert_uint_eq(count, 2);
    ck_assert_uint_eq(names[0].len, 3);
    ck_assert_int_eq(memcmp(names[0].ptr, "X-A", 3), 0);
    ck_assert_uint_eq(names[1].len, 1);
    ck_assert_int_eq(names[1].ptr[0], 'b');
    /* too small an array: the first cap names and the whole count */
    names[1].ptr = NULL;
    ck_assert_int_eq(aceh_request_header_names(v, sizeof v - 1, names, 1,
                                               &count, &off),
                     ACEH_TRUNCATED);
    ck_assert_uint_eq(count, 3);
    ck_assert_ptr_eq(names[0].ptr, v);
    ck_assert_ptr_null(names[1].ptr);
    /* no array: only the count */
    ck_assert_int_eq(aceh_request_header_names(v, sizeof v - 1, NULL, 0,
                                               &count, NULL),
                     ACEH_OK);
    ck_assert_uint_eq(count, 3);
    ck_assert_int_eq(aceh_request_header_names(v, sizeof v - 1, NULL, 0, NULL,
                                               NULL),
                     ACEH_OK);
    /* empty: no names (aceh_request_headers' "no preflight for headers") */
    ck_assert_int_eq(aceh_request_header_names(NULL, 0, names, 4, &count,
                                               &off),
                     ACEH_OK);
    ck_assert_uint_eq(count, 0);
    /* errors: aceh_split's status and offset, the whole names before */
    ck_assert_int_eq(aceh_request_header_names("a,b c", 5, names, 4, &count,
                                               &off),
                     ACEH_E_MISSING_COMMA);
    ck_assert_uint_eq(count, 1);
    ck_assert_uint_eq(off, 4);
    ck_assert_int_eq(aceh_request_header_names("a,\r", 3, names, 4, &count,
                                               &off),
                     ACEH_E_VALUE_BYTE);
    ck_assert_uint_eq(off, 2);
    ck_assert_int_eq(aceh_request_header_names(NULL, 1, names, 4, &count,
                                               &off),
                     ACEH_E_NULL);
    ck_assert_uint_eq(count, 0);
    /* round trip: the value aceh_request_headers writes */
    h[0] = hdr("X-B", "1");
    h[1] = hdr("Accept", "*/*");
    h[2] = hdr("x-a", "2");
    ck_assert_int_eq(aceh_request_headers(h, 3, buf, sizeof buf, NULL, NULL),
                     ACEH_OK);
    ck_assert_int_eq(aceh_request_header_names(buf, strlen(buf), names, 4,
                                               &count, NULL),
                     ACEH_OK);
    ck_assert_uint_eq(count, 2);
    ck_assert_int_eq(memcmp(names[0].ptr, "x-a", 3), 0);
    ck_assert_int_eq(memcmp(names[1].ptr, "x-b", 3), 0);
}
END_TEST


START_TEST(echo_and_vary)
{
    const aceh_str acrh[2] = {{"x-b,x-a", 7}, {" , content-type ", 16}};
    const aceh_str vary[2] = {{"Accept-Encoding", 15}, {"", 0}};
    const aceh_str star = {"a, *", 4}, bad = {"a b", 3};
    const aceh_str orig = {"ORIGIN", 6}, nul = {NULL, 2};
    char buf[64];
    size_t need = 99;
    int added = -1;

    ck_assert_int_eq(aceh_echo_names(acrh, 2, buf, sizeof buf, &need),
                     ACEH_OK);
    ck_assert_str_eq(buf, "x-b, x-a, content-type");
    ck_assert_uint_eq(need, 22);
    ck_assert_int_eq(aceh_echo_names(acrh, 2, buf, 5, &need), ACEH_TRUNCATED);
    ck_assert_str_eq(buf, "x-b,");
    ck_assert_uint_eq(need, 22);
    ck_assert_int_eq(aceh_echo_names(acrh, 2, NULL, 0, NULL), ACEH_TRUNCATED);
    ck_assert_int_eq(aceh_echo_names(NULL, 0, buf, sizeof buf, &need),
                     ACEH_OK);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(need, 0);
    ck_assert_int_eq(aceh_echo_names(&bad, 1, buf, sizeof buf, &need),
                     ACEH_E_MISSING_COMMA);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(need, 0);
    ck_assert_int_eq(aceh_echo_names(NULL, 1, buf, sizeof buf, NULL),
                     ACEH_E_NULL);
    ck_assert_int_eq(aceh_echo_names(&nul, 1, buf, sizeof buf, NULL),
                     ACEH_E_NULL);
    ck_assert_int_eq(aceh_echo_names(acrh, 2, NULL, 1, NULL), ACEH_E_NULL);

    ck_assert_int_eq(aceh_vary_add(vary, 2, "Origin", 6, buf, sizeof buf,
                                   &need, &added),
                     ACEH_OK);
    ck_assert_str_eq(buf, "Accept-Encoding, Origin");
    ck_assert_int_eq(added, 1);
    ck_assert_int_eq(aceh_vary_add(NULL, 0, "Origin", 6, buf, sizeof buf,
                                   NULL, NULL),
                     ACEH_OK);
    ck_assert_str_eq(buf, "Origin");
    ck_assert_int_eq(aceh_vary_add(&orig, 1, "origin", 6, buf, sizeof buf,
                                   NULL, &added),
                     ACEH_OK);
    ck_assert_str_eq(buf, "ORIGIN");
    ck_assert_int_eq(added, 0);
    ck_assert_int_eq(aceh_vary_add(&star, 1, "Origin", 6, buf, sizeof buf,
                                   NULL, &added),
                     ACEH_OK);
    ck_assert_str_eq(buf, "a, *");
    ck_assert_int_eq(added, 0);
    ck_assert_int_eq(aceh_vary_add(vary, 2, "Or igin", 7, buf, sizeof buf,
                                   &need, &added),
                     ACEH_E_BAD_NAME);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(need, 0);
    ck_assert_int_eq(added, 0);
    ck_assert_int_eq(aceh_vary_add(vary, 2, NULL, 6, buf, sizeof buf, NULL,
                                   NULL),
                     ACEH_E_NULL);
    ck_assert_int_eq(aceh_vary_add(vary, 2, "", 0, NULL, 0, NULL, NULL),
                     ACEH_E_BAD_NAME);
    buf[0] = 'x';
    ck_assert_int_eq(aceh_vary_add(vary, 2, NULL, 0, buf, 0, NULL, NULL),
                     ACEH_E_BAD_NAME);
    ck_assert_int_eq(buf[0], 'x'); /* cap 0: nothing written */
    ck_assert_int_eq(aceh_vary_add(&bad, 1, "Origin", 6, buf, sizeof buf,
                                   NULL, &added),
                     ACEH_E_MISSING_COMMA);
    ck_assert_int_eq(added, 0);
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

/* Fetch's method normalization: the six names in every mix of cases
 * become upper case; anything else, near misses included, comes back as
 * the very pointer given. */
START_TEST(method_normalize)
{
    static const char *const six[] = {"DELETE", "GET", "HEAD",
                                      "OPTIONS", "POST", "PUT"};
    static const struct {
        const char *m;
        size_t len;
    } keep[] = {
        {"PATCH", 5}, {"patch", 5}, {"patcH", 5}, {"NEW", 3}, {"get ", 4},
        {" get", 4}, {"GE", 2}, {"GETS", 4}, {"GET\0", 4}, {"delete\0", 7},
        {"p\xD5t", 3}, {"G\xC5T", 3}, {"CONNECT", 7}, {"TRACE", 5},
        {"*", 1}, {"", 0}, {"posT\x7F", 5}, {"g-t", 3}};
    char v[8];
    size_t i, bits, j;

    for (i = 0; i < sizeof six / sizeof six[0]; i++) {
        const size_t len = strlen(six[i]);

        for (bits = 0; bits < ((size_t)1 << len); bits++) {
            const char *r;

            for (j = 0; j < len; j++)
                v[j] = (char)((bits >> j) & 1u ? six[i][j] + ('a' - 'A')
                                                : six[i][j]);
            r = aceh_method_normalize(v, len);
            ck_assert_ptr_ne(r, v);
            ck_assert_int_eq(memcmp(r, six[i], len), 0);
            /* A byte that is not a letter's other case never folds. */
            v[0] = (char)(six[i][0] ^ 0x40);
            ck_assert_ptr_eq(aceh_method_normalize(v, len), v);
        }
    }
    for (i = 0; i < sizeof keep / sizeof keep[0]; i++)
        ck_assert_ptr_eq(aceh_method_normalize(keep[i].m, keep[i].len),
                         keep[i].m);
    ck_assert_ptr_null(aceh_method_normalize(NULL, 0));
    ck_assert_ptr_null(aceh_method_normalize(NULL, 3));
}
END_TEST

/* Every preflight function with one input ending right before, or starting
 * right after, an inaccessible page, for every prefix of some values: no
 * read strays outside the input (a stray read faults). */
static void guard_preflight_one(const char *v, size_t len)
{
    static const char *const names[] = {"accept", "accept-language",
                                        "content-language", "content-type",
                                        "range", "x-a"};
    const aceh_str star = {"*", 1}, tru = {"true", 4};
    aceh_str l;
    aceh_header h;
    aceh_preflight pf;
    char buf[64];
    size_t k;

    l.ptr = v;
    l.len = len;
    (void)aceh_cors_check(&l, 1, &l, 1, "https://a.example", 17,
                          ACEH_INCLUDE);
    (void)aceh_cors_check(&star, 1, &tru, 1, v, len, ACEH_INCLUDE);
    (void)aceh_max_age(&l, 1, NULL);
    for (k = 0; k < sizeof names / sizeof names[0]; k++) {
        (void)aceh_is_safelisted_request_header(names[k], strlen(names[k]), v,
                                                len);
        h.name = names[k];
        h.name_len = strlen(names[k]);
        h.value = v;
        h.value_len = len;
        (void)aceh_request_headers(&h, 1, buf, sizeof buf, NULL, NULL);
    }
    (void)aceh_is_safelisted_request_header(v, len, "1", 1);
    memset(&pf, 0, sizeof pf);
    pf.origin = "o";
    pf.origin_len = 1;
    pf.method = v;
    pf.method_len = len;
    pf.unsafe = &l;
    pf.n_unsafe = 1;
    pf.status = 200;
    pf.allow_origin = &star;
    pf.n_allow_origin = 1;
    pf.allow_methods = &l;
    pf.n_allow_methods = 1;
    pf.allow_headers = &l;
    pf.n_allow_headers = 1;
    pf.max_age = &l;
    pf.n_max_age = 1;
    (void)aceh_preflight_decide(&pf, NULL);
    (void)aceh_echo_names(&l, 1, buf, sizeof buf, NULL);
    (void)aceh_vary_add(&l, 1, "Origin", 6, buf, sizeof buf, NULL, NULL);
    if (len > 0 && aceh_is_name(v, len))
        (void)aceh_vary_add(&star, 1, v, len, buf, sizeof buf, NULL, NULL);
    (void)aceh_method_normalize(v, len);
}

START_TEST(guard_preflight)
{
    static const char *const values[] = {
        "text/plain;charset=utf-8", " multipart/form-data ; b=1",
        "application/x-www-form-urlencoded", "bytes=0-1000", "bytes=100-",
        "bytes=99999999999999999999-100000000000000000000", "en-US,en;q=0.5",
        "https://a.example", "true", "86400", "x-a, X-B ,*,authorization",
        "GET, PUT,,", "a b", "\"q\""};
    guard_buf g;
    size_t i, n;

    ck_assert_int_eq(guard_open(&g, 256), 0);
    for (i = 0; i < sizeof values / sizeof values[0]; i++)
        for (n = 0; n <= strlen(values[i]); n++) {
            guard_preflight_one(guard_tail(&g, values[i], n), n);
            guard_preflight_one(guard_head(&g, values[i], n), n);
        }
    guard_close(&g);
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
    /* the filter tests with thousands of headers, on a loaded machine */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, list_parse_basic);
    tcase_add_test(tc, list_parse_null_and_absent);
    tcase_add_loop_test(tc, decision, 0, (int)(sizeof dcases / sizeof dcases[0]));
    tcase_add_test(tc, decision_null_lines);
    tcase_add_test(tc, decision_validates_to_the_end);
    tcase_add_test(tc, decision_names_across_chunks);
    tcase_add_test(tc, filter);
    tcase_add_loop_test(tc, filter_matches_reference, 0, 400);
    tcase_add_test(tc, filter_many_headers);
    tcase_add_test(tc, filter_colliding_names);
    tcase_add_test(tc, filter_fallback_full_chunk);
    tcase_add_test(tc, filter_repeated_name);
    tcase_add_test(tc, filter_scratch_errors);
    tcase_add_test(tc, set_errors);
    tcase_add_test(tc, set_names_outside_lines);
    tcase_add_test(tc, format_all_caps);
    tcase_add_test(tc, format_refuses);
    tcase_add_test(tc, format_optional_outputs);
    suite_add_tcase(s, tc);

    tc = tcase_create("preflight");
    tcase_add_loop_test(tc, cors_check_cases, 0,
                        (int)(sizeof ccases / sizeof ccases[0]));
    tcase_add_test(tc, cors_check_null);
    tcase_add_test(tc, max_age);
    tcase_add_loop_test(tc, preflight_cases, 0,
                        (int)(sizeof pcases / sizeof pcases[0]));
    tcase_add_test(tc, preflight_details);
    tcase_add_loop_test(tc, preflight_many_names, 0, 2);
    tcase_add_test(tc, preflight_null_unsafe_reproducer);
    tcase_add_loop_test(tc, preflight_null_entries, 0, 6 * 3 * 2 * 2);
    tcase_add_test(tc, preflight_null_unsafe_blocks);
    tcase_add_test(tc, preflight_empty_unsafe_sorted);
    tcase_add_loop_test(tc, null_entries_everywhere, 0, 3);
    tcase_add_loop_test(tc, safelisted_request_header, 0,
                        (int)(sizeof scases / sizeof scases[0]));
    tcase_add_loop_test(tc, safelisted_request_header_bytes, 0, 256);
    tcase_add_test(tc, safelisted_request_header_limits);
    tcase_add_test(tc, request_headers);
    tcase_add_test(tc, request_header_names);
    tcase_add_test(tc, echo_and_vary);
    tcase_add_test(tc, method_normalize);
    tcase_add_test(tc, guard_preflight);
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
