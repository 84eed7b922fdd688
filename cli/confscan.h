/* SPDX-License-Identifier: MIT */
/* Finding the Access-Control-Expose-Headers values a server configuration
 * sets: nginx (add_header, more_set_headers) and Apache httpd (Header),
 * for `aceh lint --config`. */
#ifndef ACEH_CONFSCAN_H
#define ACEH_CONFSCAN_H

#include <stddef.h>

#define CONF_NO_VAR ((size_t)-1)

/* One value the configuration sets, as the server sends it. */
typedef struct conf_value {
    const char *server;  /* "nginx" or "apache" */
    const char *v;       /* the value's bytes, quotes and escapes undone */
    size_t len;
    const size_t *pos;   /* file offset of each byte of v, and pos[len]:
                            where the value ends in the file */
    int always;          /* also sent on error statuses (nginx always,
                            Apache always, more_set_headers without -s) */
    size_t var;          /* offset in v of the first variable, expression
                            or format specifier (the sent value is not
                            known from the file), or CONF_NO_VAR */
} conf_value;

/* Called once per value: nginx's in file order, then Apache's in file
 * order. A nonzero return stops the scan, which then returns it. */
typedef int (*conf_fn)(void *ctx, const conf_value *cv);

/* Every place in text[0..n) (a whole configuration file) that sets
 * Access-Control-Expose-Headers, for both servers' syntax at once (each
 * server's directives are unknown to the other). Directives are matched
 * ASCII case-insensitively where the server does (Apache's directive
 * names, both servers' header names). Returns 0, -1 when out of memory,
 * or what fn returned. O(n) time; memory O(longest directive). */
int conf_scan(const char *text, size_t n, conf_fn fn, void *ctx);

/* Line (from 1) and column (from 1, in bytes) of file offset off of
 * text; lines is the offset of each line's start (nlines entries, from
 * conf_lines). O(log nlines). */
void conf_where(const size_t *lines, size_t nlines, size_t off, size_t *line,
                size_t *col);

/* The offset of each line's start in text[0..n): malloc'd, count in
 * *nlines; NULL when out of memory. */
size_t *conf_lines(const char *text, size_t n, size_t *nlines);

#endif
