/* SPDX-License-Identifier: MIT */
/* The preflight table (conformance/preflight.tsv, format in
 * conformance/README.md) as the browser check sees it: decoded rows plus
 * the classification that says whether fetch() can express a row at all.
 * Like table.h, independent of parser/: the check judges the table. */
#ifndef ACEH_BROWSER_PFTABLE_H
#define ACEH_BROWSER_PFTABLE_H

#include <stddef.h>

/* Decoded bytes, NUL-terminated (the bytes may hold NULs). */
typedef struct pf_bytes {
    char *p;
    size_t len;
} pf_bytes;

/* One field of a row: a header of the actual request ('>') or a field
 * line of the preflight response ('<'). name is the bytes before the
 * first colon; value the bytes after it without leading SP/HTAB; line the
 * whole decoded field after "< " (written byte for byte). */
typedef struct pf_field {
    char dir;
    pf_bytes name, value, line;
} pf_field;

/* Why fetch() cannot put a row to a browser (bits of pf_row.cls). */
enum {
    /* flag use-cors-preflight where XMLHttpRequest cannot express it
     * either: fetch() has no way to set the flag; XHR sets it for a
     * request with a body and upload listeners, but has no "omit" mode
     * and sends no body with GET or HEAD. Rows with the flag otherwise
     * go through XHR (pf_row.xhr). */
    PF_NX_UCP = 0x1,
    /* the method is not a token or is forbidden (CONNECT, TRACE, TRACK). */
    PF_NX_METHOD = 0x2,
    /* a request header Headers.append() throws on (name not a token, NUL,
     * CR or LF in the value) or a forbidden request-header name the
     * browser drops silently. */
    PF_NX_HEADER = 0x4,
    /* a request header value with leading or trailing HTTP whitespace:
     * Headers normalizes it away, so the browser sends another value. */
    PF_NX_VALUE_WS = 0x8,
    /* CR, LF or NUL in a response field line: HTTP framing decides. */
    PF_NX_FRAMING = 0x10,
    /* a CORS-safelisted method (GET, HEAD, POST) and no request header at
     * all: Fetch makes no preflight for it (only the use-CORS-preflight
     * flag would force one), so its response is never asked. */
    PF_NX_SIMPLE = 0x20
};

typedef struct pf_row {
    size_t lineno;
    pf_bytes id, area, mode, flags, method, status, result, reason, max_age,
        source;
    int pass; /* result column: 1 pass, 0 fail */
    int xhr;  /* run through XMLHttpRequest with an upload listener */
    pf_field *fields;
    size_t nfields;
    unsigned cls;
} pf_row;

typedef struct pf_table {
    pf_row *rows;
    size_t n;
} pf_table;

/* Read, decode and check the table. Returns 0, or -1 after printing every
 * reason (file:line) on stderr. */
int pf_load(pf_table *t, const char *path);
void pf_free(pf_table *t);

/* Why a row is not expressible, in words ("" when it is). */
const char *pf_class_str(unsigned cls);

#endif
