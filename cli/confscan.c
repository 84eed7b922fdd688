/* SPDX-License-Identifier: MIT */
/* The Access-Control-Expose-Headers values of nginx and Apache httpd
 * configuration files, each byte with its place in the file.
 *
 * nginx: statements are words up to ';' or '{' ('}' closes a block); a
 * word is unquoted, "double" or 'single' quoted; '#' at the start of a
 * word comments out the rest of the line; in every word \" \' \\ \t \r \n
 * are escapes and any other backslash stays (as nginx reads its
 * configuration). add_header NAME VALUE [always] sets a header on the
 * success and redirect statuses, on every status with always;
 * more_set_headers [-s STATUSES] [-t TYPES] 'NAME: VALUE'... (the
 * headers-more module) on every status unless -s narrows it. '$' starts a
 * variable.
 *
 * Apache httpd: one directive a line (a backslash before the line end
 * continues it); a line whose first word starts with '#' is a comment;
 * words are unquoted or quoted with " or ', where \\ and a backslash
 * before the word's own quote are escapes. Header [onsuccess|always]
 * set|add|append|merge|setifempty NAME VALUE [...]: always adds it to
 * error responses too. A value of expr=... or with a '%' (format
 * specifiers such as %{VAR}e) is only known when the request comes. */
#include "confscan.h"

#include <stdlib.h>
#include <string.h>

static const char aceh_name[] = "Access-Control-Expose-Headers";

/* The words of one statement: their bytes (escapes undone) back to back,
 * each followed by one sentinel byte, and the file offset of every byte
 * (a sentinel's: where its word ends in the file). */
typedef struct words {
    char *b;
    size_t *pos, len, cap;
    size_t w[64], wl[64], nw; /* start and length in b; later words are
                                 dropped (no directive here needs them) */
    int keep;                 /* store the words of this statement */
} words;

static int ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

static unsigned char fold(unsigned char c)
{
    return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

static int ieq(const char *p, size_t n, const char *s)
{
    size_t i, k = strlen(s);
    if (n != k) return 0;
    for (i = 0; i < n; i++)
        if (fold((unsigned char)p[i]) != fold((unsigned char)s[i])) return 0;
    return 1;
}

static int put(words *W, char c, size_t at)
{
    if (W->len == W->cap) {
        size_t ncap = W->cap ? W->cap * 2 : 256;
        char *nb = realloc(W->b, ncap);
        size_t *np;
        if (!nb) return -1;
        W->b = nb;
        np = realloc(W->pos, sizeof *np * ncap);
        if (!np) return -1;
        W->pos = np;
        W->cap = ncap;
    }
    W->b[W->len] = c;
    W->pos[W->len++] = at;
    return 0;
}

static void word_begin(words *W)
{
    if (W->nw < 64) W->w[W->nw] = W->len;
}

/* Closes the word begun last; end is where it ends in the file. */
static int word_end(words *W, size_t end)
{
    if (W->nw < 64) W->wl[W->nw] = W->len - W->w[W->nw];
    W->nw++;
    return put(W, '\0', end);
}

static void reset(words *W)
{
    W->len = 0;
    W->nw = 0;
    W->keep = 0;
}

static const char *wp(const words *W, size_t i)
{
    return W->b + W->w[i];
}

static int word_is(const words *W, size_t i, const char *s, int icase)
{
    if (i >= W->nw || i >= 64) return 0;
    if (icase) return ieq(wp(W, i), W->wl[i], s);
    return W->wl[i] == strlen(s) && memcmp(wp(W, i), s, W->wl[i]) == 0;
}

static int emit(const words *W, const char *server, size_t start,
                size_t len, int always, size_t var, conf_fn fn, void *ctx)
{
    conf_value cv;
    cv.server = server;
    cv.v = W->b + start;
    cv.len = len;
    cv.pos = W->pos + start;
    cv.always = always;
    cv.var = var;
    return fn(ctx, &cv);
}

/* ------------------------------------------------------------- nginx */

static size_t ngx_var(const char *p, size_t n)
{
    const char *d = n ? memchr(p, '$', n) : NULL;
    return d ? (size_t)(d - p) : CONF_NO_VAR;
}

/* 'NAME: VALUE' arguments of more_set_headers, after its options. */
static int ngx_more(const words *W, conf_fn fn, void *ctx)
{
    size_t i;
    int always = 1, r;
    for (i = 1; i < W->nw && i < 64; i++)
        if (word_is(W, i, "-s", 0)) always = 0;
    for (i = 1; i < W->nw && i < 64; i++) {
        const char *p = wp(W, i), *c;
        size_t n = W->wl[i], nl, vs;
        if (word_is(W, i, "-s", 0) || word_is(W, i, "-t", 0)) {
            i++;
            continue;
        }
        c = n ? memchr(p, ':', n) : NULL;
        if (!c) continue;
        nl = (size_t)(c - p);
        while (nl && ws(p[nl - 1])) nl--;
        if (!ieq(p, nl, aceh_name)) continue;
        vs = (size_t)(c - p) + 1;
        while (vs < n && ws(p[vs])) vs++;
        r = emit(W, "nginx", W->w[i] + vs, n - vs, always,
                 ngx_var(p + vs, n - vs), fn, ctx);
        if (r) return r;
    }
    return 0;
}

static int ngx_statement(const words *W, conf_fn fn, void *ctx)
{
    if (!W->keep) return 0;
    if (word_is(W, 0, "more_set_headers", 0)) return ngx_more(W, fn, ctx);
    if (W->nw < 3 || !word_is(W, 1, aceh_name, 1)) return 0;
    return emit(W, "nginx", W->w[2], W->wl[2], word_is(W, 3, "always", 0),
                ngx_var(wp(W, 2), W->wl[2]), fn, ctx);
}

/* One word from text[*i] (not a space, ';', '{', '}' or '#'), its
 * escapes undone when it is stored. */
static int ngx_word(words *W, const char *t, size_t n, size_t *i)
{
    size_t k = *i;
    char q = t[k] == '"' || t[k] == '\'' ? t[k] : 0;
    int store = W->keep || W->nw == 0;
    if (q) k++;
    word_begin(W);
    while (k < n) {
        char c = t[k];
        if (q ? c == q : ws(c) || c == ';' || c == '{') break;
        if (!q && c == '$' && k + 1 < n && t[k + 1] == '{') {
            /* ${name}: the braces belong to the variable */
            for (; k < n && t[k] != '}'; k++)
                if (store && put(W, t[k], k)) return -1;
            continue;
        }
        if (c == '\\' && k + 1 < n) {
            /* The next byte never ends the word; a few are escapes. */
            char e = t[k + 1];
            char o = e == 't' ? '\t' : e == 'r' ? '\r' : e == 'n' ? '\n' : e;
            if (e == '"' || e == '\'' || e == '\\' || o != e) {
                if (store && put(W, o, k)) return -1;
            } else if (store && (put(W, c, k) || put(W, e, k + 1))) {
                return -1;
            }
            k += 2;
            continue;
        }
        if (store && put(W, c, k)) return -1;
        k++;
    }
    if (store) {
        if (word_end(W, k)) return -1;
    } else {
        W->nw++;
    }
    *i = q && k < n ? k + 1 : k;
    return 0;
}

static int ngx_scan(const char *t, size_t n, words *W, conf_fn fn, void *ctx)
{
    size_t i = 0;
    int r;
    reset(W);
    while (i < n) {
        char c = t[i];
        if (ws(c)) {
            i++;
        } else if (c == ';' || c == '{' || c == '}') {
            if ((r = ngx_statement(W, fn, ctx)) != 0) return r;
            reset(W);
            i++;
        } else if (c == '#') {
            while (i < n && t[i] != '\n') i++;
        } else {
            /* Store the words of the statements that can set the header
             * only: the first word is always stored, to decide. */
            if (W->nw == 1)
                W->keep = word_is(W, 0, "add_header", 0) ||
                          word_is(W, 0, "more_set_headers", 0);
            if (ngx_word(W, t, n, &i)) return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ Apache */

/* A backslash and a line end (LF or CR LF) at t[i]: its length, else 0. */
static size_t continuation(const char *t, size_t n, size_t i)
{
    if (t[i] != '\\' || i + 1 >= n) return 0;
    if (t[i + 1] == '\n') return 2;
    if (t[i + 1] == '\r' && i + 2 < n && t[i + 2] == '\n') return 3;
    return 0;
}

/* The words of the logical line from t[*i]; *i ends after it. */
static int ap_line(words *W, const char *t, size_t n, size_t *i)
{
    size_t k = *i, cl;
    reset(W);
    W->keep = 1;
    for (;;) {
        char q;
        while (k < n && t[k] != '\n' &&
               (ws(t[k]) || (cl = continuation(t, n, k)) != 0))
            k += ws(t[k]) ? 1 : cl;
        if (k >= n || t[k] == '\n') break;
        q = t[k] == '"' || t[k] == '\'' ? t[k] : 0;
        if (q) k++;
        word_begin(W);
        while (k < n && t[k] != '\n' && (q ? t[k] != q : !ws(t[k]))) {
            if ((cl = continuation(t, n, k)) != 0) {
                k += cl;
                continue;
            }
            if (t[k] == '\\' && k + 1 < n &&
                (t[k + 1] == '\\' || (q && t[k + 1] == q)))
                k++;
            if (put(W, t[k], k)) return -1;
            k++;
        }
        if (word_end(W, k)) return -1;
        if (q && k < n && t[k] == q) k++;
    }
    *i = k < n ? k + 1 : k;
    return 0;
}

static int ap_statement(const words *W, conf_fn fn, void *ctx)
{
    size_t a = 1, var;
    int always = 0;
    if (!word_is(W, 0, "Header", 1)) return 0;
    if (word_is(W, 1, "always", 1) || word_is(W, 1, "onsuccess", 1)) {
        always = word_is(W, 1, "always", 1);
        a = 2;
    }
    if (!(word_is(W, a, "set", 1) || word_is(W, a, "add", 1) ||
          word_is(W, a, "append", 1) || word_is(W, a, "merge", 1) ||
          word_is(W, a, "setifempty", 1)) ||
        !word_is(W, a + 1, aceh_name, 1) || a + 2 >= W->nw)
        return 0;
    {
        const char *p = wp(W, a + 2), *pc;
        size_t n = W->wl[a + 2];
        pc = n ? memchr(p, '%', n) : NULL;
        var = n >= 5 && ieq(p, 5, "expr=") ? 0
              : pc                         ? (size_t)(pc - p)
                                           : CONF_NO_VAR;
    }
    return emit(W, "apache", W->w[a + 2], W->wl[a + 2], always, var, fn,
                ctx);
}

static int ap_scan(const char *t, size_t n, words *W, conf_fn fn, void *ctx)
{
    size_t i = 0;
    int r;
    while (i < n) {
        if (ap_line(W, t, n, &i)) return -1;
        if (W->nw == 0 || wp(W, 0)[0] == '#') continue;
        if ((r = ap_statement(W, fn, ctx)) != 0) return r;
    }
    return 0;
}

int conf_scan(const char *text, size_t n, conf_fn fn, void *ctx)
{
    words W;
    int r;
    memset(&W, 0, sizeof W);
    r = ngx_scan(text, n, &W, fn, ctx);
    if (r == 0) r = ap_scan(text, n, &W, fn, ctx);
    free(W.b);
    free(W.pos);
    return r;
}

size_t *conf_lines(const char *text, size_t n, size_t *nlines)
{
    size_t i, k = 1, *v;
    for (i = 0; i < n; i++)
        if (text[i] == '\n') k++;
    v = malloc(sizeof *v * k);
    if (!v) return NULL;
    v[0] = 0;
    for (i = 0, k = 1; i < n; i++)
        if (text[i] == '\n') v[k++] = i + 1;
    *nlines = k;
    return v;
}

void conf_where(const size_t *lines, size_t nlines, size_t off, size_t *line,
                size_t *col)
{
    size_t lo = 0, hi = nlines;
    /* the last line start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    *col = off - lines[lo] + 1;
}
