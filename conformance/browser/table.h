/* SPDX-License-Identifier: MIT */
/* The conformance table (conformance/cases.tsv, format in
 * conformance/README.md) as the browser check sees it: decoded rows plus
 * the classification that says whether a browser can check a row at all.
 * Deliberately independent of parser/: the browser check judges the
 * table, so it must not borrow the judgement of the code under test. */
#ifndef ACEH_BROWSER_TABLE_H
#define ACEH_BROWSER_TABLE_H

#include <stddef.h>

#include "cases.h"

/* Decoded bytes, NUL-terminated (common/cases.h). */
typedef cases_field bt_bytes;

/* Why a row is not compared like the others (bits of bt_row.cls). */
enum {
    /* CR or LF in an ACEH line: written raw, they end the field line, so
     * the browser sees different header lines than the row describes. */
    BT_FRAMING_CRLF = 0x1,
    /* NUL in an ACEH line: browsers' HTTP parsers reject the response (or
     * the header), before any ACEH parsing. */
    BT_FRAMING_NUL = 0x2,
    /* The Authorization opt-in (flag authorization-needs-listing): browsers
     * implement Fetch only, so the row states something no browser is
     * asked to do. Run anyway and reported as information. */
    BT_OPTIN_READING = 0x4,
    /* The queried name is not a header name (not 1*tchar): no response
     * can carry it and Headers.get() throws on it. Not run. */
    BT_BAD_NAME = 0x8
};

#define BT_FRAMING (BT_FRAMING_CRLF | BT_FRAMING_NUL)

typedef struct bt_row {
    size_t lineno; /* 1-based line in the table file */
    bt_bytes id, area, mode, flags, name, parse, source;
    int exposed;   /* 0 or 1 */
    bt_bytes *lines;
    size_t nlines; /* 0: no ACEH header */
    unsigned cls;
} bt_row;

typedef struct bt_table {
    bt_row *rows;
    size_t n;
    cases_table cases; /* the shared reader's rows; ours point into it */
} bt_table;

/* Read, decode and check the table (common/cases.h). Returns 0, or -1
 * after printing every reason (file and line) on stderr: a malformed row
 * makes the whole table unusable. */
int bt_load(bt_table *t, const char *path);
void bt_free(bt_table *t);

/* 1 if [p, p+len) is 1*tchar (RFC 9110 token). */
int bt_is_token(const char *p, size_t len);
/* ASCII case-insensitive equality of bytes and a C string. */
int bt_eq_ci(const char *p, size_t len, const char *s);
/* 1 if bytes equal the C string exactly. */
int bt_eq(const bt_bytes *b, const char *s);

/* Short label of the class that keeps a row out of the comparison
 * ("framing", "optin-reading", "bad-name") or "compared". */
const char *bt_class_str(unsigned cls);

#endif
