/* SPDX-License-Identifier: MIT */
#include "table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

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
    if (cls & BT_SEED_READING) return "seed-reading";
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
        cls |= BT_SEED_READING;
    if (!bt_is_token(r->name.p, r->name.len)) cls |= BT_BAD_NAME;
    return cls;
}

static int decode(bt_bytes *b, char *p, size_t len, const char *path,
                  size_t lineno, size_t col)
{
    const char *why = "";
    size_t at = 0, n = esc_decode(p, len, p, &why, &at);
    if (n == (size_t)-1) {
        fprintf(stderr, "%s:%zu: column %zu: %s at byte %zu\n", path, lineno,
                col, why, at);
        return -1;
    }
    b->p = p;
    b->len = n;
    return 0;
}

static int read_file(const char *path, char **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *b = NULL;
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    for (;;) {
        char *nb;
        size_t got;
        if (!b || n + 1 >= cap) {
            if (b) cap *= 2;
            nb = realloc(b, cap);
            if (!nb) {
                free(b);
                fclose(f);
                fprintf(stderr, "%s: out of memory\n", path);
                return -1;
            }
            b = nb;
        }
        got = fread(b + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: read error\n", path);
        free(b);
        fclose(f);
        return -1;
    }
    fclose(f);
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}

/* Decode the tab-separated fields of one table line [p, p+len) into r.
 * Each field is NUL-terminated in place first so that flags can be
 * searched with strstr (a decoded field shrinks, never grows). */
static int parse_row(bt_row *r, char *p, size_t len, const char *path,
                     size_t lineno)
{
    size_t nf = 1, i;
    char *s = p, *end = p + len;
    bt_bytes *f[7];
    char *tab;
    for (tab = memchr(p, '\t', len); tab;
         tab = memchr(tab + 1, '\t', (size_t)(end - tab - 1)))
        nf++;
    if (nf < 8) {
        fprintf(stderr, "%s:%zu: %zu columns, at least 8 needed\n", path,
                lineno, nf);
        return -1;
    }
    r->lineno = lineno;
    r->nlines = nf - 8;
    r->lines = r->nlines ? calloc(r->nlines, sizeof *r->lines) : NULL;
    if (r->nlines && !r->lines) {
        fprintf(stderr, "%s:%zu: out of memory\n", path, lineno);
        return -1;
    }
    f[0] = &r->id;
    f[1] = &r->area;
    f[2] = &r->mode;
    f[3] = &r->flags;
    f[4] = &r->name;
    f[5] = NULL; /* exposed: decoded into tmp below */
    f[6] = &r->parse;
    for (i = 0; i < nf; i++) {
        char *e = i + 1 < nf ? memchr(s, '\t', (size_t)(end - s)) : end;
        bt_bytes tmp, *dst = i == 5   ? &tmp
                             : i < 7  ? f[i]
                             : i == 7 ? &r->source
                                      : &r->lines[i - 8];
        *e = '\0';
        if (decode(dst, s, (size_t)(e - s), path, lineno, i + 1) < 0)
            return -1;
        dst->p[dst->len] = '\0';
        if (i == 5) {
            if (bt_eq(&tmp, "1"))
                r->exposed = 1;
            else if (bt_eq(&tmp, "0"))
                r->exposed = 0;
            else {
                fprintf(stderr, "%s:%zu: exposed must be 0 or 1\n", path,
                        lineno);
                return -1;
            }
        }
        s = e + 1;
    }
    if (!bt_eq(&r->mode, "omit") && !bt_eq(&r->mode, "same-origin") &&
        !bt_eq(&r->mode, "include")) {
        fprintf(stderr, "%s:%zu: unknown mode\n", path, lineno);
        return -1;
    }
    r->cls = classify(r);
    return 0;
}

int bt_load(bt_table *t, const char *path)
{
    size_t len, pos = 0, lineno = 0, cap = 0;
    char *buf;
    memset(t, 0, sizeof *t);
    if (read_file(path, &buf, &len) < 0) return -1;
    t->buf = buf;
    while (pos < len) {
        char *p = buf + pos, *nl = memchr(p, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - p) : len - pos;
        pos += n + 1;
        lineno++;
        if (n == 0 || p[0] == '#') continue;
        if (t->n == cap) {
            bt_row *nr;
            cap = cap ? cap * 2 : 256;
            nr = realloc(t->rows, cap * sizeof *nr);
            if (!nr) {
                fprintf(stderr, "%s: out of memory\n", path);
                bt_free(t);
                return -1;
            }
            t->rows = nr;
        }
        memset(&t->rows[t->n], 0, sizeof t->rows[t->n]);
        if (parse_row(&t->rows[t->n], p, n, path, lineno) < 0) {
            t->n++;
            bt_free(t);
            return -1;
        }
        t->n++;
    }
    if (t->n == 0) {
        fprintf(stderr, "%s: no rows\n", path);
        bt_free(t);
        return -1;
    }
    return 0;
}

void bt_free(bt_table *t)
{
    size_t i;
    for (i = 0; i < t->n; i++) free(t->rows[i].lines);
    free(t->rows);
    free(t->buf);
    memset(t, 0, sizeof *t);
}
