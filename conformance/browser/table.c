/* SPDX-License-Identifier: MIT */
#include "table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"

int bt_is_token(const char *p, size_t len)
{
    static const char punct[] = "!#$%&'*+-.^_`|~";
    size_t i;
    if (len == 0) return 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
            (c >= 'A' && c <= 'Z'))
            continue;
        /* strchr would also accept the terminating NUL. */
        if (c == 0 || !strchr(punct, c)) return 0;
    }
    return 1;
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int bt_eq_ci(const char *p, size_t len, const char *s)
{
    size_t i;
    if (strlen(s) != len) return 0;
    for (i = 0; i < len; i++)
        if (lower((unsigned char)p[i]) != lower((unsigned char)s[i]))
            return 0;
    return 1;
}

int bt_eq(const bt_bytes *b, const char *s)
{
    return strlen(s) == b->len && memcmp(b->p, s, b->len) == 0;
}

const char *bt_class_str(unsigned cls)
{
    if (cls & BT_BAD_NAME) return "bad-name";
    if (cls & BT_FRAMING) return "framing";
    if (cls & BT_OPTIN_READING) return "optin-reading";
    return "compared";
}

static unsigned classify(const bt_row *r)
{
    unsigned cls = 0;
    size_t i;
    for (i = 0; i < r->nlines; i++) {
        const bt_bytes *l = &r->lines[i];
        if (memchr(l->p, '\r', l->len) || memchr(l->p, '\n', l->len))
            cls |= BT_FRAMING_CRLF;
        if (memchr(l->p, '\0', l->len)) cls |= BT_FRAMING_NUL;
    }
    /* The flags column is "-" or a comma-free list of words; only this
     * one changes the meaning of a row. */
    if (r->flags.len && strstr(r->flags.p, "authorization-needs-listing"))
        cls |= BT_OPTIN_READING;
    if (!bt_is_token(r->name.p, r->name.len)) cls |= BT_BAD_NAME;
    return cls;
}

int bt_load(bt_table *t, const char *path)
{
    size_t i;
    memset(t, 0, sizeof *t);
    if (cases_load(&t->cases, path) < 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    for (i = 0; i < t->cases.nerrors; i++) {
        if (t->cases.errors[i].lineno)
            fprintf(stderr, "%s:%lu: %s\n", path, t->cases.errors[i].lineno,
                    t->cases.errors[i].msg);
        else
            fprintf(stderr, "%s: %s\n", path, t->cases.errors[i].msg);
    }
    if (t->cases.nerrors) {
        bt_free(t);
        return -1;
    }
    t->rows = calloc(t->cases.n, sizeof *t->rows);
    if (!t->rows) {
        fprintf(stderr, "%s: out of memory\n", path);
        bt_free(t);
        return -1;
    }
    for (i = 0; i < t->cases.n; i++) {
        const cases_row *c = &t->cases.rows[i];
        bt_row *r = &t->rows[i];
        r->lineno = c->lineno;
        r->id = c->id;
        r->area = c->area_col;
        r->mode = c->mode_col;
        r->flags = c->flags_col;
        r->name = c->name;
        r->parse = c->parse_col;
        r->source = c->source;
        r->exposed = c->exposed;
        r->lines = c->lines;
        r->nlines = c->nlines;
        r->cls = classify(r);
    }
    t->n = t->cases.n;
    return 0;
}

void bt_free(bt_table *t)
{
    free(t->rows);
    cases_free(&t->cases);
    memset(t, 0, sizeof *t);
}
