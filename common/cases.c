/* SPDX-License-Identifier: MIT */
#include "cases.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

#define FIXED_COLS 8 /* id ... source; the ACEH lines follow */

const char *const cases_area_names[CASES_AREAS] = {
    "wildcard", "empty", "credentials", "grammar", "decision"};

/* The only statuses a readable row can end with (conformance/README.md);
 * spelled as aceh_status_str() spells them, mapped by the callers. */
static const char *const parse_statuses[] = {"value-byte", "name-byte",
                                             "missing-comma"};
#define N_STATUSES (sizeof parse_statuses / sizeof parse_statuses[0])

static const char *const col_names[FIXED_COLS] = {
    "id", "area", "mode", "flags", "name", "exposed", "parse", "source"};

static const char id_chars[] = "abcdefghijklmnopqrstuvwxyz"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789._+-";

typedef struct loader {
    cases_table *t;
    size_t errcap, rowcap;
    int oom; /* once set, the load is abandoned */
} loader;

int cases_eq(const cases_field *f, const char *s)
{
    return f->p && strlen(s) == f->len && memcmp(f->p, s, f->len) == 0;
}

static void add_error(loader *ld, unsigned long lineno, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *msg;

    if (ld->oom) return;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    msg = malloc((size_t)n + 1);
    if (!msg) {
        ld->oom = 1;
        return;
    }
    va_start(ap, fmt);
    (void)vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (ld->t->nerrors == ld->errcap) {
        size_t cap = ld->errcap ? ld->errcap * 2 : 16;
        cases_error *ne = realloc(ld->t->errors, cap * sizeof *ne);
        if (!ne) {
            free(msg);
            ld->oom = 1;
            return;
        }
        ld->t->errors = ne;
        ld->errcap = cap;
    }
    ld->t->errors[ld->t->nerrors].lineno = lineno;
    ld->t->errors[ld->t->nerrors].msg = msg;
    ld->t->nerrors++;
}

/* The whole file plus a terminating NUL; NULL on failure. No <errno.h>:
 * the -m32 builds lack <asm/errno.h>; errno stays as the C library set it. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;

    if (!f) return NULL;
    for (;;) {
        size_t got;
        if (cap - n < 65536) {
            char *nb = realloc(buf, cap + 65536 + 1);
            if (!nb) goto fail;
            buf = nb;
            cap += 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) goto fail;
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
fail:
    free(buf);
    fclose(f);
    return NULL;
}

/* Decimal size_t with no sign, no overflow; *end after the digits. */
static int parse_size(const char *s, const char **end, size_t *out)
{
    size_t v = 0;
    if (*s < '0' || *s > '9') return 0;
    while (*s >= '0' && *s <= '9') {
        size_t d = (size_t)(*s - '0');
        if (v > ((size_t)-1 - d) / 10) return 0;
        v = v * 10 + d;
        s++;
    }
    *end = s;
    *out = v;
    return 1;
}

/* "ok", "absent" or STATUS@LINE:OFFSET into r; 0 if it is none of them. */
static int parse_parse_col(const cases_field *f, cases_row *r)
{
    const char *s = f->p, *at, *p;
    size_t i;

    if (strlen(s) != f->len) return 0; /* an escaped NUL inside */
    if (strcmp(s, "ok") == 0) {
        r->parse = CASES_PARSE_OK;
        return 1;
    }
    if (strcmp(s, "absent") == 0) {
        r->parse = CASES_PARSE_ABSENT;
        return 1;
    }
    at = strchr(s, '@');
    if (!at) return 0;
    for (i = 0; i < N_STATUSES; i++) {
        size_t n = strlen(parse_statuses[i]);
        if ((size_t)(at - s) == n && memcmp(s, parse_statuses[i], n) == 0)
            break;
    }
    if (i == N_STATUSES) return 0;
    r->parse = CASES_PARSE_ERROR;
    r->parse_status = parse_statuses[i];
    if (!parse_size(at + 1, &p, &r->parse_line) || *p != ':') return 0;
    return parse_size(p + 1, &p, &r->parse_off) && *p == '\0';
}

static int has_framing_byte(const cases_field *f)
{
    return f->p && (memchr(f->p, '\r', f->len) || memchr(f->p, '\n', f->len) ||
                    memchr(f->p, '\0', f->len));
}

const char *const cases_tag_names[CASES_NTAGS] = {
    "authorization-optin", "http-ctl", "http-big", "name-not-token"};

/* RFC 9110 tchar; NUL is never one (strchr would find the terminator). */
static int is_tchar(unsigned char c)
{
    return c && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                 (c >= 'A' && c <= 'Z') || strchr("!#$%&'*+-.^_`|~", c));
}

unsigned cases_row_tags(const cases_row *r)
{
    unsigned tags = 0;
    size_t i, j, total = 0;
    if (r->authorization_needs_listing) tags |= CASES_TAG_AUTHORIZATION_OPTIN;
    for (i = 0; i < r->nlines; i++) {
        const cases_field *l = &r->lines[i];
        total += l->len;
        for (j = 0; j < l->len; j++) {
            unsigned char c = (unsigned char)l->p[j];
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                tags |= CASES_TAG_HTTP_CTL;
        }
    }
    if (total > CASES_HTTP_BIG) tags |= CASES_TAG_HTTP_BIG;
    for (j = 0; j < r->name.len && is_tchar((unsigned char)r->name.p[j]); j++)
        ;
    if (r->name.len == 0 || j < r->name.len) tags |= CASES_TAG_NAME_NOT_TOKEN;
    return tags;
}

static int is_id(const cases_field *f)
{
    size_t i;
    if (f->len == 0) return 0;
    for (i = 0; i < f->len; i++)
        if (f->p[i] == '\0' || !strchr(id_chars, f->p[i])) return 0;
    return 1;
}

/* One table line s (n bytes, NUL-terminated, no CR or NUL inside) into *r,
 * its fields decoded into dec (room for n + 1 bytes). Returns 1 for a
 * well-formed row, else 0 after reporting every problem found. Raw column
 * text is quoted in the messages, as it stands in the file. */
static int parse_row(loader *ld, char *s, size_t n, char *dec,
                     unsigned long lineno, cases_row *r)
{
    cases_field *fixed[FIXED_COLS];
    const char *raw[FIXED_COLS];
    size_t ntabs = 0, i;
    unsigned long ln = lineno;
    char *q;
    int ok = 1, framing = 0;

    for (q = memchr(s, '\t', n); q; q = strchr(q + 1, '\t')) ntabs++;
    if (ntabs < FIXED_COLS - 1) {
        add_error(ld, ln, "fewer than 8 tab-separated columns");
        return 0;
    }
    memset(r, 0, sizeof *r);
    r->lineno = lineno;
    r->nlines = ntabs - (FIXED_COLS - 1);
    r->lines = r->nlines ? calloc(r->nlines, sizeof *r->lines) : NULL;
    if (r->nlines && !r->lines) {
        ld->oom = 1;
        return 0;
    }
    fixed[0] = &r->id;
    fixed[1] = &r->area_col;
    fixed[2] = &r->mode_col;
    fixed[3] = &r->flags_col;
    fixed[4] = &r->name;
    fixed[5] = &r->exposed_col;
    fixed[6] = &r->parse_col;
    fixed[7] = &r->source;

    /* Every field decoded; one that fails keeps p NULL and is not judged
     * further (its escape is the reported problem). */
    for (i = 0, q = s; i <= ntabs; i++) {
        char *tab = strchr(q, '\t');
        size_t flen = tab ? (size_t)(tab - q) : strlen(q);
        cases_field *f = i < FIXED_COLS ? fixed[i] : &r->lines[i - FIXED_COLS];
        char *out = dec + (q - s);
        const char *why = "";
        size_t at = 0, d = esc_decode(q, flen, out, &why, &at);

        if (tab) *tab = '\0';
        if (i < FIXED_COLS) raw[i] = q;
        if (d == (size_t)-1) {
            if (i < FIXED_COLS)
                add_error(ld, ln, "%s column: %s at byte %lu", col_names[i],
                          why, (unsigned long)at);
            else
                add_error(ld, ln, "line column %lu (ACEH line %lu): %s at "
                                  "byte %lu",
                          (unsigned long)i + 1,
                          (unsigned long)(i - FIXED_COLS), why,
                          (unsigned long)at);
            ok = 0;
        } else {
            out[d] = '\0';
            f->p = out;
            f->len = d;
            if (i == 4 || i >= FIXED_COLS) framing |= has_framing_byte(f);
        }
        q = tab ? tab + 1 : q + flen;
    }

    if (r->id.p && !is_id(&r->id)) {
        add_error(ld, ln, "id \"%s\" is empty or has a byte outside "
                          "[A-Za-z0-9._+-]", raw[0]);
        ok = 0;
    }
    if (r->area_col.p) {
        for (i = 0; i < CASES_AREAS; i++)
            if (cases_eq(&r->area_col, cases_area_names[i])) break;
        if (i == CASES_AREAS) {
            add_error(ld, ln, "unknown area \"%s\"", raw[1]);
            ok = 0;
        } else {
            r->area = (enum cases_area)i;
        }
    }
    if (cases_eq(&r->mode_col, "omit")) {
        r->mode = CASES_OMIT;
    } else if (cases_eq(&r->mode_col, "same-origin")) {
        r->mode = CASES_SAME_ORIGIN;
    } else if (cases_eq(&r->mode_col, "include")) {
        r->mode = CASES_INCLUDE;
    } else if (r->mode_col.p) {
        add_error(ld, ln, "unknown mode \"%s\"", raw[2]);
        ok = 0;
    }
    if (cases_eq(&r->flags_col, "authorization-needs-listing")) {
        r->authorization_needs_listing = 1;
    } else if (r->flags_col.p && !cases_eq(&r->flags_col, "-")) {
        add_error(ld, ln, "unknown flags \"%s\"", raw[3]);
        ok = 0;
    }
    if (cases_eq(&r->exposed_col, "0") || cases_eq(&r->exposed_col, "1")) {
        r->exposed = r->exposed_col.p[0] == '1';
    } else if (r->exposed_col.p) {
        add_error(ld, ln, "exposed must be 0 or 1, not \"%s\"", raw[5]);
        ok = 0;
    }
    if (!r->parse_col.p) {
        /* its bad escape is already reported */
    } else if (!parse_parse_col(&r->parse_col, r)) {
        add_error(ld, ln, "parse \"%s\" is not ok, absent or "
                          "STATUS@LINE:OFFSET", raw[6]);
        ok = 0;
    } else if ((r->parse == CASES_PARSE_ABSENT) != (r->nlines == 0)) {
        add_error(ld, ln, "parse \"%s\": \"absent\" is right exactly when "
                          "the row has no line column", raw[6]);
        ok = 0;
    } else if (r->parse == CASES_PARSE_ERROR &&
               (r->parse_line >= r->nlines ||
                (r->lines[r->parse_line].p &&
                 r->parse_off >= r->lines[r->parse_line].len))) {
        add_error(ld, ln, "parse \"%s\" points outside the lines", raw[6]);
        ok = 0;
    }
    if (r->source.p && r->source.len == 0) {
        add_error(ld, ln, "empty source column");
        ok = 0;
    }
    /* Rows decided by HTTP framing must stay findable for browser runs. */
    if (ok && framing != (strncmp(r->id.p, "frame-", 6) == 0)) {
        add_error(ld, ln,
                  framing ? "id \"%s\" must start with frame- (CR, LF or NUL "
                            "in the row)"
                          : "id \"%s\" starts with frame- but the row has no "
                            "CR, LF or NUL",
                  r->id.p);
        ok = 0;
    }
    r->framing = framing;
    if (!ok) {
        free(r->lines);
        r->lines = NULL;
    }
    return ok;
}

int cases_load(cases_table *t, const char *path)
{
    loader ld;
    size_t len, pos, i, j;
    unsigned long lineno = 0;
    char *raw;

    memset(t, 0, sizeof *t);
    memset(&ld, 0, sizeof ld);
    ld.t = t;
    raw = read_file(path, &len);
    if (!raw) return -1;
    t->buf = malloc(len + 1);
    if (!t->buf) goto oom;
    for (pos = 0; pos < len;) {
        char *p = raw + pos, *nl = memchr(p, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - p) : len - pos, start = pos;
        int bad = 0;

        pos += n + 1;
        lineno++;
        if (n == 0 || p[0] == '#') continue;
        p[n] = '\0';
        if (memchr(p, '\r', n)) {
            add_error(&ld, lineno, "raw CR byte (write it \\x0D)");
            bad = 1;
        }
        if (memchr(p, '\0', n)) {
            add_error(&ld, lineno, "raw NUL byte (write it \\x00)");
            bad = 1;
        }
        if (!bad && t->n == ld.rowcap) {
            size_t cap = ld.rowcap ? ld.rowcap * 2 : 256;
            cases_row *nr = realloc(t->rows, cap * sizeof *nr);
            if (!nr) goto oom;
            t->rows = nr;
            ld.rowcap = cap;
        }
        if (!bad && parse_row(&ld, p, n, t->buf + start, lineno, &t->rows[t->n]))
            t->n++;
        if (ld.oom) goto oom;
    }
    for (i = 0; i < t->n; i++)
        for (j = i + 1; j < t->n; j++)
            if (t->rows[i].id.len == t->rows[j].id.len &&
                memcmp(t->rows[i].id.p, t->rows[j].id.p, t->rows[i].id.len) ==
                    0)
                add_error(&ld, t->rows[j].lineno, "duplicate id \"%s\"",
                          t->rows[j].id.p);
    if (t->n == 0) add_error(&ld, 0, "no rows");
    if (ld.oom) goto oom;
    free(raw);
    return 0;
oom:
    free(raw);
    cases_free(t);
    return -1;
}

void cases_free(cases_table *t)
{
    size_t i;
    for (i = 0; i < t->n; i++) free(t->rows[i].lines);
    for (i = 0; i < t->nerrors; i++) free(t->errors[i].msg);
    free(t->rows);
    free(t->errors);
    free(t->buf);
    memset(t, 0, sizeof *t);
}
