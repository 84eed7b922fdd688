/* SPDX-License-Identifier: MIT */
/* Unit case tables shared by the Check suite (unit_test.c) and the
 * Check-free table runner (table_runner.c), so MSan, the guard pages and the
 * malloc counter see the same cases. Expectations come from RFC 9110 and
 * the Fetch standard, never from the library. */
#ifndef ACEH_TESTS_UNIT_CASES_H
#define ACEH_TESTS_UNIT_CASES_H

#include <stddef.h>

#include "aceh.h"

#ifndef LEN
#define LEN(s) (sizeof(s) - 1)
#endif

typedef struct status_case {
    const char *v;
    size_t len;
    aceh_status st;
    size_t off;   /* error offset (0 when ok) */
    size_t count; /* names yielded before the end or the error */
} status_case;

#define SC(lit, st, off, n) {lit, LEN(lit), st, off, n}
/* 70 bytes of OWS or of one name: longer than a 64-byte block, so an
 * element made of them has no comma inside any block it starts. */
#define OWS70 "\t         \t         \t         \t         " \
              "\t         \t         \t         "
#define NAME70 "x-0123456-x-0123456-x-0123456-x-0123456-" \
               "x-0123456-x-0123456-x-0123456-"
static const status_case status_cases[] = {
    SC("", ACEH_OK, 0, 0),
    SC(" ", ACEH_OK, 0, 0),
    SC("\t \t", ACEH_OK, 0, 0),
    SC(",", ACEH_OK, 0, 0),
    SC(",,,", ACEH_OK, 0, 0),
    SC(" , ,\t, ", ACEH_OK, 0, 0),
    SC("a", ACEH_OK, 0, 1),
    SC("a,b", ACEH_OK, 0, 2),
    SC(" a , , b ", ACEH_OK, 0, 2),
    SC(",a", ACEH_OK, 0, 1),
    SC("a,", ACEH_OK, 0, 1),
    SC("a,,b", ACEH_OK, 0, 2),
    SC("*", ACEH_OK, 0, 1),
    SC("'x',x", ACEH_OK, 0, 2),
    SC("!#$%&'*+-.^_`|~09azAZ", ACEH_OK, 0, 1),
    SC("no no", ACEH_E_MISSING_COMMA, 3, 0),
    SC("a,b c", ACEH_E_MISSING_COMMA, 4, 1),
    SC("a\t\tb", ACEH_E_MISSING_COMMA, 3, 0),
    SC("bb-8, no no", ACEH_E_MISSING_COMMA, 9, 1),
    SC("a \"b\"", ACEH_E_NAME_BYTE, 2, 0),
    SC("\"*\"", ACEH_E_NAME_BYTE, 0, 0),
    SC("\"bb-8\",bb-8", ACEH_E_NAME_BYTE, 0, 0),
    SC("bb-8,,@#$", ACEH_E_NAME_BYTE, 6, 1),
    SC("@#$,bb-8", ACEH_E_NAME_BYTE, 0, 0),
    SC("bb-8\f", ACEH_E_NAME_BYTE, 4, 0),
    SC("bb-8\v,bb-8", ACEH_E_NAME_BYTE, 4, 0),
    SC("a\xc2\xa0", ACEH_E_NAME_BYTE, 1, 0),
    SC("a,\x7f", ACEH_E_NAME_BYTE, 2, 1),
    SC("a/b", ACEH_E_NAME_BYTE, 1, 0),
    SC("a;b", ACEH_E_NAME_BYTE, 1, 0),
    SC("a\r\n b", ACEH_E_VALUE_BYTE, 1, 0),
    SC("a\n", ACEH_E_VALUE_BYTE, 1, 0),
    SC("\0a", ACEH_E_VALUE_BYTE, 0, 0),
    SC("a, b,\0", ACEH_E_VALUE_BYTE, 5, 2),
    SC("a b\r", ACEH_E_MISSING_COMMA, 2, 0),
    SC("a\r b", ACEH_E_VALUE_BYTE, 1, 0),
    SC(OWS70, ACEH_OK, 0, 0),
    SC(OWS70 ",", ACEH_OK, 0, 0),
    SC(OWS70 ",a", ACEH_OK, 0, 1),
    SC(OWS70 "@", ACEH_E_NAME_BYTE, 70, 0),
    SC("a," OWS70 "\"", ACEH_E_NAME_BYTE, 72, 1),
    SC(NAME70, ACEH_OK, 0, 1),
    SC(NAME70 OWS70, ACEH_OK, 0, 1),
    SC(NAME70 " , " NAME70, ACEH_OK, 0, 2),
    SC(NAME70 " @", ACEH_E_NAME_BYTE, 71, 0),
    SC(NAME70 " b", ACEH_E_MISSING_COMMA, 71, 0),
    SC("a," NAME70 "\n", ACEH_E_VALUE_BYTE, 72, 1),
    SC("a," OWS70 NAME70 OWS70 ",b", ACEH_OK, 0, 3),
};

typedef struct dcase {
    const char *l[3];   /* lines; NULL ends them (none = absent) */
    const char *name;
    aceh_mode mode;
    unsigned flags;
    aceh_verdict want;
} dcase;

#define AUTHF ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION
static const dcase dcases[] = {
    {{NULL}, "Content-Type", ACEH_OMIT, 0, ACEH_EXPOSED_SAFELISTED},
    {{"\"bad\""}, "pragma", ACEH_INCLUDE, 0, ACEH_EXPOSED_SAFELISTED},
    {{NULL}, "X-A", ACEH_OMIT, 0, ACEH_HIDDEN_ABSENT},
    {{""}, "X-A", ACEH_OMIT, 0, ACEH_HIDDEN_NOT_LISTED},
    {{"x-a"}, "X-A", ACEH_INCLUDE, 0, ACEH_EXPOSED_LISTED},
    {{"X-A"}, "x-a", ACEH_SAME_ORIGIN, 0, ACEH_EXPOSED_LISTED},
    {{"X-A"}, " x-a", ACEH_OMIT, 0, ACEH_HIDDEN_BAD_NAME},
    {{"X-A"}, "", ACEH_OMIT, 0, ACEH_HIDDEN_BAD_NAME},
    {{"*"}, "a b", ACEH_OMIT, 0, ACEH_HIDDEN_BAD_NAME},
    {{"X-A, no no"}, "X-A", ACEH_OMIT, 0, ACEH_HIDDEN_INVALID},
    {{"X-A", "no no"}, "X-A", ACEH_OMIT, 0, ACEH_HIDDEN_INVALID},
    {{"*, \"x\""}, "X-B", ACEH_OMIT, 0, ACEH_HIDDEN_INVALID},
    {{"*"}, "X-B", ACEH_OMIT, 0, ACEH_EXPOSED_WILDCARD},
    {{"*"}, "X-B", ACEH_SAME_ORIGIN, 0, ACEH_EXPOSED_WILDCARD},
    {{"*"}, "X-B", ACEH_INCLUDE, 0, ACEH_HIDDEN_NOT_LISTED},
    {{"*"}, "X-B", (aceh_mode)7, 0, ACEH_HIDDEN_NOT_LISTED},
    {{"*"}, "*", ACEH_INCLUDE, 0, ACEH_EXPOSED_LISTED},
    {{"X-A", "*"}, "X-B", ACEH_OMIT, 0, ACEH_EXPOSED_WILDCARD},
    {{"**"}, "X-B", ACEH_OMIT, 0, ACEH_HIDDEN_NOT_LISTED},
    {{"*a"}, "X-B", ACEH_OMIT, 0, ACEH_HIDDEN_NOT_LISTED},
    {{"*"}, "Set-Cookie", ACEH_OMIT, 0, ACEH_HIDDEN_FORBIDDEN},
    {{"set-cookie2"}, "Set-Cookie2", ACEH_INCLUDE, 0, ACEH_HIDDEN_FORBIDDEN},
    {{"*"}, "Authorization", ACEH_OMIT, 0, ACEH_EXPOSED_WILDCARD},
    {{"*"}, "Authorization", ACEH_OMIT, AUTHF, ACEH_HIDDEN_AUTHORIZATION},
    {{"*", "authorization"}, "Authorization", ACEH_OMIT, AUTHF, ACEH_EXPOSED_LISTED},
    {{"*"}, "X-B", ACEH_OMIT, AUTHF, ACEH_EXPOSED_WILDCARD},
    {{"*"}, "Authorization", ACEH_INCLUDE, AUTHF, ACEH_HIDDEN_NOT_LISTED},
    {{"'x'"}, "x", ACEH_OMIT, 0, ACEH_HIDDEN_NOT_LISTED},
    {{"'x'"}, "'X'", ACEH_OMIT, 0, ACEH_EXPOSED_LISTED},
};

#endif
