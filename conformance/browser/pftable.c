/* SPDX-License-Identifier: MIT */
#include "pftable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "table.h"

#define PF_COLS 10

static char *dup_bytes(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s) return NULL;
    if (n) memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* Decode an escaped column into *b; returns 0 or -1 with *why set. */
static int decode(const char *p, size_t n, pf_bytes *b, const char **why)
{
    size_t at = 0, len;
    b->p = dup_bytes(p, n);
    if (!b->p) {
        *why = "out of memory";
        return -1;
    }
    len = esc_decode(b->p, n, b->p, why, &at);
    if (len == (size_t)-1) return -1;
    b->p[len] = '\0';
    b->len = len;
    return 0;
}

static int is_eq(const pf_bytes *b, const char *s)
{
    return strlen(s) == b->len && memcmp(b->p, s, b->len) == 0;
}

static int has_byte(const pf_bytes *b, const char *set)
{
    size_t i;
    for (i = 0; i < b->len; i++)
        if (memchr(set, b->p[i], 3)) return 1;
    return 0;
}

/* Fetch "forbidden request-header": the browser drops these silently
 * (Headers with guard "request"), so the server would never see them. */
static int forbidden_header(const pf_bytes *n)
{
    static const char *const names[] = {
        "Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers",
        "Access-Control-Request-Method", "Connection", "Content-Length",
        "Cookie", "Cookie2", "Date", "DNT", "Expect", "Host", "Keep-Alive",
        "Origin", "Referer", "Set-Cookie", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Via", "X-HTTP-Method",
        "X-HTTP-Method-Override", "X-Method-Override", NULL};
    size_t i;
    for (i = 0; names[i]; i++)
        if (bt_eq_ci(n->p, n->len, names[i])) return 1;
    return (n->len >= 6 && bt_eq_ci(n->p, 6, "proxy-")) ||
           (n->len >= 4 && bt_eq_ci(n->p, 4, "sec-"));
}

/* ASCII case-insensitive equality of two names. */
static int same_name(const pf_bytes *a, const pf_bytes *b)
{
    size_t i;
    if (a->len != b->len) return 0;
    for (i = 0; i < a->len; i++) {
        unsigned char x = (unsigned char)a->p[i], y = (unsigned char)b->p[i];
        if (x >= 'A' && x <= 'Z') x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (unsigned char)(y + 32);
        if (x != y) return 0;
    }
    return 1;
}

static unsigned classify(const pf_row *r)
{
    unsigned cls = 0;
    size_t i;
    if (is_eq(&r->flags, "use-cors-preflight") &&
        (is_eq(&r->mode, "omit") || bt_eq_ci(r->method.p, r->method.len, "GET") ||
         bt_eq_ci(r->method.p, r->method.len, "HEAD")))
        cls |= PF_NX_UCP;
    /* XHR's setRequestHeader combines a repeated name into one value. */
    if (is_eq(&r->flags, "use-cors-preflight"))
        for (i = 0; i < r->nfields; i++) {
            size_t j;
            for (j = 0; j < i; j++)
                if (r->fields[i].dir == '>' && r->fields[j].dir == '>' &&
                    same_name(&r->fields[i].name, &r->fields[j].name))
                    cls |= PF_NX_UCP;
        }
    if (!bt_is_token(r->method.p, r->method.len) ||
        bt_eq_ci(r->method.p, r->method.len, "CONNECT") ||
        bt_eq_ci(r->method.p, r->method.len, "TRACE") ||
        bt_eq_ci(r->method.p, r->method.len, "TRACK"))
        cls |= PF_NX_METHOD;
    /* The method column is what the script writes: fetch() normalizes it
     * (delete -> DELETE) exactly as the table expects, so any case goes. */
    if (is_eq(&r->method, "GET") || is_eq(&r->method, "HEAD") ||
        is_eq(&r->method, "POST")) {
        size_t nreq = 0;
        for (i = 0; i < r->nfields; i++) nreq += r->fields[i].dir == '>';
        if (!nreq && !is_eq(&r->flags, "use-cors-preflight"))
            cls |= PF_NX_SIMPLE;
    }
    for (i = 0; i < r->nfields; i++) {
        const pf_field *f = &r->fields[i];
        if (f->dir == '<') {
            if (has_byte(&f->line, "\r\n\0")) cls |= PF_NX_FRAMING;
            continue;
        }
        if (!bt_is_token(f->name.p, f->name.len) ||
            has_byte(&f->value, "\r\n\0") || forbidden_header(&f->name))
            cls |= PF_NX_HEADER;
        /* value already lost its leading SP/HTAB (the table's reading of
         * "Name: value"); a trailing one is what Headers would strip. */
        if (f->value.len && (f->value.p[f->value.len - 1] == ' ' ||
                             f->value.p[f->value.len - 1] == '\t'))
            cls |= PF_NX_VALUE_WS;
    }
    return cls;
}

const char *pf_class_str(unsigned cls)
{
    if (cls & PF_NX_UCP)
        return "use-CORS-preflight flag (fetch() cannot set it; XHR has no "
               "omit mode, no body with GET or HEAD, and combines repeated "
               "headers)";
    if (cls & PF_NX_METHOD)
        return "method fetch() refuses";
    if (cls & PF_NX_HEADER)
        return "request header Headers refuses or drops";
    if (cls & PF_NX_VALUE_WS)
        return "request value with trailing HTTP whitespace (Headers strips it)";
    if (cls & PF_NX_FRAMING)
        return "CR, LF or NUL in a response field line (HTTP framing)";
    if (cls & PF_NX_SIMPLE)
        return "safelisted method, no request header: no preflight is made";
    return "";
}

static int parse_row(pf_row *r, char *line, size_t lineno, const char **why)
{
    char *col[PF_COLS];
    pf_bytes *dst[PF_COLS];
    char *s = line, *tab;
    size_t n = 0, i, nf = 0;
    memset(r, 0, sizeof *r);
    r->lineno = lineno;
    dst[0] = &r->id, dst[1] = &r->area, dst[2] = &r->mode;
    dst[3] = &r->flags, dst[4] = &r->method, dst[5] = &r->status;
    dst[6] = &r->result, dst[7] = &r->reason, dst[8] = &r->max_age;
    dst[9] = &r->source;
    for (tab = strchr(s, '\t'); tab; tab = strchr(tab + 1, '\t')) nf++;
    if (nf + 1 < PF_COLS) {
        *why = "fewer than 10 columns";
        return -1;
    }
    nf = nf + 1 - PF_COLS;
    r->fields = calloc(nf ? nf : 1, sizeof *r->fields);
    if (!r->fields) {
        *why = "out of memory";
        return -1;
    }
    for (;;) {
        tab = strchr(s, '\t');
        if (tab) *tab = '\0';
        if (n < PF_COLS) {
            col[n] = s;
            if (decode(s, strlen(s), dst[n], why) < 0) return -1;
        } else {
            pf_field *f = &r->fields[r->nfields++];
            const char *colon;
            if ((s[0] != '>' && s[0] != '<') || s[1] != ' ') {
                *why = "a field starts with '> ' or '< '";
                return -1;
            }
            f->dir = s[0];
            if (decode(s + 2, strlen(s + 2), &f->line, why) < 0) return -1;
            colon = memchr(f->line.p, ':', f->line.len);
            if (!colon) {
                *why = "a field is NAME: VALUE";
                return -1;
            }
            f->name.p = f->line.p;
            f->name.len = (size_t)(colon - f->line.p);
            f->value.p = f->line.p + f->name.len + 1;
            f->value.len = f->line.len - f->name.len - 1;
            while (f->value.len && (*f->value.p == ' ' || *f->value.p == '\t'))
                f->value.p++, f->value.len--;
        }
        n++;
        if (!tab) break;
        s = tab + 1;
    }
    (void)col;
    if (is_eq(&r->result, "pass"))
        r->pass = 1;
    else if (!is_eq(&r->result, "fail")) {
        *why = "result is pass or fail";
        return -1;
    }
    if (!is_eq(&r->mode, "omit") && !is_eq(&r->mode, "same-origin") &&
        !is_eq(&r->mode, "include")) {
        *why = "unknown mode";
        return -1;
    }
    if (!is_eq(&r->flags, "-") && !is_eq(&r->flags, "use-cors-preflight")) {
        *why = "unknown flags";
        return -1;
    }
    if (r->status.len != 3 || strspn(r->status.p, "0123456789") != 3) {
        *why = "status is three digits";
        return -1;
    }
    for (i = 0; i < r->id.len; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789-", r->id.p[i])) {
            *why = "id is lower-case letters, digits and '-'";
            return -1;
        }
    r->cls = classify(r);
    r->xhr = !r->cls && is_eq(&r->flags, "use-cors-preflight");
    return 0;
}

static void free_row(pf_row *r)
{
    size_t i;
    free(r->id.p), free(r->area.p), free(r->mode.p), free(r->flags.p);
    free(r->method.p), free(r->status.p), free(r->result.p);
    free(r->reason.p), free(r->max_age.p), free(r->source.p);
    for (i = 0; i < r->nfields; i++) free(r->fields[i].line.p);
    free(r->fields);
}

int pf_load(pf_table *t, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, lineno = 0, alloc = 0, i, j;
    ssize_t got;
    int errors = 0;
    memset(t, 0, sizeof *t);
    if (!f) {
        perror(path);
        return -1;
    }
    while ((got = getline(&line, &cap, f)) >= 0) {
        const char *why = "";
        lineno++;
        if (got > 0 && line[got - 1] == '\n') line[--got] = '\0';
        if (got == 0 || line[0] == '#') continue;
        if (memchr(line, '\r', (size_t)got)) {
            fprintf(stderr, "%s:%zu: raw CR byte\n", path, lineno);
            errors++;
            continue;
        }
        if (t->n == alloc) {
            pf_row *nr;
            alloc = alloc ? alloc * 2 : 256;
            nr = realloc(t->rows, alloc * sizeof *nr);
            if (!nr) {
                fprintf(stderr, "%s: out of memory\n", path);
                errors++;
                break;
            }
            t->rows = nr;
        }
        if (parse_row(&t->rows[t->n], line, lineno, &why) < 0) {
            fprintf(stderr, "%s:%zu: %s\n", path, lineno, why);
            free_row(&t->rows[t->n]);
            errors++;
            continue;
        }
        t->n++;
    }
    free(line);
    fclose(f);
    for (i = 0; i < t->n; i++)
        for (j = 0; j < i; j++)
            if (t->rows[i].id.len == t->rows[j].id.len &&
                !memcmp(t->rows[i].id.p, t->rows[j].id.p, t->rows[i].id.len)) {
                fprintf(stderr, "%s:%zu: duplicate id %s\n", path,
                        t->rows[i].lineno, t->rows[i].id.p);
                errors++;
            }
    if (!errors && t->n == 0) {
        fprintf(stderr, "%s: no rows\n", path);
        errors++;
    }
    if (errors) {
        pf_free(t);
        return -1;
    }
    return 0;
}

void pf_free(pf_table *t)
{
    size_t i;
    for (i = 0; i < t->n; i++) free_row(&t->rows[i]);
    free(t->rows);
    memset(t, 0, sizeof *t);
}
