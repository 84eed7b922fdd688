/* SPDX-License-Identifier: MIT */
/* aceh lint: the mistakes servers make in Access-Control-Expose-Headers,
 * each with a stable code, a one-line reason and a concrete fix.
 *
 * Validity is always the library's verdict (aceh_validate); lint only
 * explains it: it splits each value at commas and asks the library about
 * every element, so it reports every error of a value (one per element),
 * not only the first. Work and output are linear in the input: each
 * element is looked at a bounded number of times, duplicates are found by
 * sorting, and only the first few problems of each code are printed in
 * full (the rest are counted in one line) unless --all. Values come from
 * the arguments, a file of one a line, or server configuration files
 * (cli/confscan.c finds them; each problem is then placed at the file's
 * line and column). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "confscan.h"
#include "escape.h"

static const char help[] =
    "Usage: aceh lint [OPTION]... [--] VALUE...\n"
    "       aceh lint [OPTION]... --file FILE | -\n"
    "       aceh lint [OPTION]... --config FILE...\n"
    "Report the mistakes in an Access-Control-Expose-Headers header that a\n"
    "server operator should fix, each with a code, a reason and a fix.\n"
    "VALUEs are the field lines of one header, in order. With --file FILE or\n"
    "- (standard input), every line is a value of its own, so a whole config\n"
    "dump is checked at once (blank lines and lines starting with # are\n"
    "skipped; a CR before the line feed is dropped). With --config, the\n"
    "values an nginx or Apache httpd configuration file sets are checked,\n"
    "each problem placed at FILE:LINE:COLUMN.\n"
    "\n"
    "Errors (the value is invalid: the whole header is void, per Fetch and in\n"
    "Chromium and WebKit, and only the safelisted headers are readable):\n"
    "  quoted               double (or typographic) quotes around names\n"
    "  server-syntax        server configuration pasted into the value: ';',\n"
    "                       nginx's always, brackets, key=, the header name\n"
    "  origin-value         an origin or URL (https://app.example)\n"
    "  missing-comma        names separated by whitespace only\n"
    "  name-byte            a byte that cannot be in a header name\n"
    "  value-byte           CR, LF or NUL\n"
    "  invalid              the library refuses a value the checks above accept\n"
    "                       (a safety net, not expected)\n"
    "Warnings (valid, but surely not what was meant):\n"
    "  server-syntax        a configuration keyword as a name (always, ...)\n"
    "  single-quoted        'X-A' is a name with the quotes in it\n"
    "  boolean-value        true or false (Access-Control-Allow-Credentials?)\n"
    "  number-value         a number (Access-Control-Max-Age?)\n"
    "  method-name          GET, POST, ... (Access-Control-Allow-Methods?)\n"
    "  origin-value         null or a host name (Access-Control-Allow-Origin?)\n"
    "  wildcard-pattern     x-foo-* or *-id: Fetch has no patterns\n"
    "  access-control-name  a CORS protocol header (Access-Control-*)\n"
    "  request-header       a header only requests carry (Cookie, Origin, ...)\n"
    "  typo                 one or two edits from a well-known header name\n"
    "                       (not an X- prefix, '-', '_' or case away)\n"
    "  forbidden            Set-Cookie or Set-Cookie2: never exposed\n"
    "  duplicate            a name listed again (ASCII case-insensitive)\n"
    "  empty-element        extra commas, or a value without any name\n"
    "  wildcard-credentials \"*\" with --credentials include: a literal name\n"
    "  authorization-wildcard  with --authorization-needs-listing: \"*\"\n"
    "                       without Authorization listed by name\n"
    "  not-checkable        --config: a value built from a variable or an\n"
    "                       expression, known only per request\n"
    "Notes (shown with --info; never change the exit status):\n"
    "  wildcard-credentials \"*\" when the credentials mode is not given\n"
    "  safelisted           a CORS-safelisted name listed (always exposed)\n"
    "\n";
/* The options (one string would pass the length C99 compilers must
 * support). */
static const char help_options[] =
    "  --credentials MODE   the requests' credentials mode (omit, same-origin\n"
    "                       or include), for the \"*\" check\n"
    "  --authorization-needs-listing\n"
    "                       the older reading in which \"*\" does not cover\n"
    "                       Authorization (an older MDN page)\n"
    "  --ignore CODE[,CODE] do not report these codes (repeatable)\n"
    "  --info               also print notes\n"
    "  --all                print every problem (default: the first 3 of each\n"
    "                       code, then one line with the count of the rest)\n"
    "  --strict             exit 1 on warnings too\n"
    "  --file FILE          read values from FILE, one a line (- for standard\n"
    "                       input)\n"
    "  --config FILE        check every Access-Control-Expose-Headers value\n"
    "                       that nginx (add_header, more_set_headers) or\n"
    "                       Apache httpd (Header) configuration FILE sets\n"
    "                       (- for standard input; repeatable)\n"
    "  --values             with --config: list the values found, one a\n"
    "                       line (FILE:LINE:COLUMN, server, always or\n"
    "                       success, the value escaped), and check nothing\n"
    "  --json               print one JSON object instead of text\n"
    "  --escaped            values use escapes: \\xHH is any byte, \\\\ a\n"
    "                       backslash\n"
    "  -h, --help           this help\n"
    "\n"
    "Lines (VALUEs, or lines of the input) and offsets count from 0; with\n"
    "--config, file lines and columns (bytes) count from 1. Prints nothing\n"
    "when there is nothing to report.\n"
    "Exit status: 0 no error (warnings allowed unless --strict), 1 errors (or\n"
    "warnings with --strict), 2 usage or input error.\n";

enum {
    OPT_STRICT = 1, OPT_JSON, OPT_ESCAPED, OPT_CRED, OPT_AUTH, OPT_IGNORE,
    OPT_INFO, OPT_ALL, OPT_FILE, OPT_CONFIG, OPT_VALUES
};

enum { SEV_INFO, SEV_WARNING, SEV_ERROR };
static const char *const sev_names[] = {"info", "warning", "error"};

/* Stable codes (documented in --help and aceh(1)). */
enum {
    C_QUOTED, C_SERVER_SYNTAX, C_ORIGIN_VALUE, C_MISSING_COMMA, C_NAME_BYTE,
    C_VALUE_BYTE, C_INVALID, C_SINGLE_QUOTED, C_BOOLEAN_VALUE,
    C_NUMBER_VALUE, C_METHOD_NAME, C_WILDCARD_PATTERN, C_ACCESS_CONTROL,
    C_REQUEST_HEADER, C_TYPO, C_FORBIDDEN, C_DUPLICATE, C_EMPTY,
    C_WILDCARD_CREDENTIALS, C_AUTHORIZATION_WILDCARD, C_SAFELISTED,
    C_NOT_CHECKABLE, NCODES
};
static const char *const code_names[NCODES] = {
    "quoted", "server-syntax", "origin-value", "missing-comma", "name-byte",
    "value-byte", "invalid", "single-quoted", "boolean-value",
    "number-value", "method-name", "wildcard-pattern", "access-control-name",
    "request-header", "typo", "forbidden", "duplicate", "empty-element",
    "wildcard-credentials", "authorization-wildcard", "safelisted",
    "not-checkable"};

/* Problems of one code printed in full before the rest are summarised. */
#define DETAIL_PER_CODE 3
/* A fix quotes a cleaned value only up to this many bytes. */
#define FIX_MAX 120

typedef struct problem {
    int sev, code;
    const char *file; /* with --config, else NULL */
    size_t line, off, col; /* line: of the file with --config */
    char *reason, *fix, *excerpt; /* malloc'd; excerpt: text output only */
    size_t reason_len, fix_len, excerpt_len;
} problem;

enum { K_RESPONSE, K_REQUEST, K_CORS };

typedef struct known {
    const char *p;
    size_t len;
    int kind;
} known;

#define KNOWN_MAXLEN 64

typedef struct lint {
    /* options */
    int all, json, info, strict, mode_known, auth_opt;
    aceh_mode mode;
    unsigned char ignore[NCODES];
    /* counts, over everything reported (not ignored) */
    size_t nerr, nwarn, ninfo;
    size_t count[NCODES], sup[NCODES], sup_line[NCODES], sup_off[NCODES];
    int sup_sev[NCODES];
    const char *sup_file[NCODES];
    int invalid; /* some value is invalid */
    problem *v;
    size_t n, cap;
    int oom;
    /* the problem being written */
    FILE *m;
    char *buf;
    size_t blen;
    problem cur;
    /* the value being checked */
    const char *val;
    size_t vlen, line;
    int first_error_done, star_before;
    /* with --config: the file, its line starts, and the file offset of
     * each byte of the value being checked; cfile NULL otherwise */
    const char *cfile;
    const size_t *cpos, *clines;
    size_t nclines;
    int values; /* --values: list what --config finds, lint nothing */
    /* well-known names: sorted by folded name; and by length; and in
     * their plain form (see plain_form), sorted */
    known *kn, *bylen, *plain;
    char *plainbuf;
    size_t nkn, lenstart[KNOWN_MAXLEN + 2];
} lint;

static unsigned char lower(unsigned char c)
{
    return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* Case-insensitive equality with a C string. */
static int eq(const char *p, size_t n, const char *s)
{
    return aceh_name_eq(p, n, s, strlen(s));
}

static int has_prefix(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s);
    return n >= k && aceh_name_eq(p, k, s, k);
}

/* ------------------------------------------------------------ reporting */

static void say(lint *L, const char *fmt, ...) CLI_PRINTF(2, 3);
static void say(lint *L, const char *fmt, ...)
{
    va_list ap;
    if (!L->m) return;
    va_start(ap, fmt);
    vfprintf(L->m, fmt, ap);
    va_end(ap);
}

/* Bytes, escaped as everywhere in the text output. */
static void sayb(lint *L, const char *p, size_t n)
{
    if (L->m) cli_esc(L->m, p, n);
}

static int close_into(lint *L, char **out, size_t *len)
{
    int bad = L->m == NULL || fclose(L->m) != 0;
    L->m = NULL;
    if (bad) {
        free(L->buf);
        L->buf = NULL;
        L->oom = 1;
        *out = NULL;
        *len = 0;
        return -1;
    }
    *out = L->buf;
    *len = L->blen;
    L->buf = NULL;
    return 0;
}

static void open_stream(lint *L)
{
    L->buf = NULL;
    L->blen = 0;
    L->m = open_memstream(&L->buf, &L->blen);
    if (!L->m) L->oom = 1;
}

/* Where byte off of the current value (on header line line) is: that
 * line and off; with --config, the line and column in the file. */
static void place(const lint *L, size_t line, size_t off, size_t *pl,
                  size_t *pc)
{
    if (L->cfile) {
        conf_where(L->clines, L->nclines, L->cpos[off], pl, pc);
    } else {
        *pl = line;
        *pc = off;
    }
}

static void say_place(lint *L, size_t line, size_t off)
{
    size_t a, b;
    place(L, line, off, &a, &b);
    if (L->cfile)
        say(L, "%s:%zu:%zu", L->cfile, a, b);
    else
        say(L, "line %zu offset %zu", a, b);
}

/* Count a problem at byte off of the current value. Returns 1 when its
 * text is wanted: write the reason with say()/sayb(), call fix(), write
 * the fix, then done(). Returns 0 when it is ignored or only counted. */
static int start(lint *L, int sev, int code, size_t off)
{
    if (L->ignore[code] || L->oom) return 0;
    if (sev == SEV_INFO && !L->info && !L->json) return 0;
    if (sev == SEV_ERROR)
        L->nerr++;
    else if (sev == SEV_WARNING)
        L->nwarn++;
    else
        L->ninfo++;
    if (!L->all && L->count[code]++ >= DETAIL_PER_CODE) {
        L->sup[code]++;
        if (sev > L->sup_sev[code]) L->sup_sev[code] = sev;
        place(L, L->line, off, &L->sup_line[code], &L->sup_off[code]);
        L->sup_file[code] = L->cfile;
        return 0;
    }
    memset(&L->cur, 0, sizeof L->cur);
    L->cur.sev = sev;
    L->cur.code = code;
    L->cur.file = L->cfile;
    L->cur.off = off;
    place(L, L->line, off, &L->cur.line, &L->cur.col);
    open_stream(L);
    return L->m != NULL;
}

static void fix(lint *L)
{
    if (close_into(L, &L->cur.reason, &L->cur.reason_len) == 0) open_stream(L);
}

static void done(lint *L)
{
    problem *p;
    if (close_into(L, &L->cur.fix, &L->cur.fix_len)) goto fail;
    if (!L->json) {
        open_stream(L);
        if (L->m) cli_caret(L->m, "  ", L->val, L->vlen, L->cur.off);
        if (close_into(L, &L->cur.excerpt, &L->cur.excerpt_len)) goto fail;
    }
    if (L->n == L->cap) {
        size_t ncap = L->cap ? L->cap * 2 : 32;
        problem *nv = realloc(L->v, sizeof *nv * ncap);
        if (!nv) {
            L->oom = 1;
            goto fail;
        }
        L->v = nv;
        L->cap = ncap;
    }
    p = &L->v[L->n++];
    *p = L->cur;
    return;
fail:
    free(L->cur.reason);
    free(L->cur.fix);
    free(L->cur.excerpt);
}

/* The first error of a header says what an invalid element does. */
static void error_tail(lint *L)
{
    if (L->first_error_done) return;
    L->first_error_done = 1;
    say(L, "; this voids the whole header");
    if (L->star_before)
        say(L, " (Firefox's fetch() exposes every header instead, because "
               "\"*\" comes first)");
}

/* ---------------------------------------------------- well-known names */

static int by_folded(const void *a, const void *b)
{
    const known *x = a, *y = b;
    size_t i, n = x->len < y->len ? x->len : y->len;
    for (i = 0; i < n; i++) {
        unsigned char cx = lower((unsigned char)x->p[i]),
                      cy = lower((unsigned char)y->p[i]);
        if (cx != cy) return cx < cy ? -1 : 1;
    }
    return x->len < y->len ? -1 : x->len > y->len;
}

static int by_len(const void *a, const void *b)
{
    const known *x = a, *y = b;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    return by_folded(a, b);
}

/* The plain form of a name: ASCII lowercase, without a leading "x-" or
 * "x_" and without '-' and '_' (X-Request-ID, request_id and RequestId
 * have the same). Writes at most n bytes to out; returns its length. */
static size_t plain_form(const char *p, size_t n, char *out)
{
    size_t i = 0, k = 0;
    if (n > 2 && lower((unsigned char)p[0]) == 'x' &&
        (p[1] == '-' || p[1] == '_'))
        i = 2;
    for (; i < n; i++)
        if (p[i] != '-' && p[i] != '_') out[k++] = (char)lower((unsigned char)p[i]);
    return k;
}

static int plain_load(lint *L)
{
    size_t i, total = 0, at = 0;
    for (i = 0; i < L->nkn; i++) total += L->kn[i].len;
    L->plain = malloc(sizeof *L->plain * (L->nkn ? L->nkn : 1));
    L->plainbuf = malloc(total ? total : 1);
    if (!L->plain || !L->plainbuf) return -1;
    for (i = 0; i < L->nkn; i++) {
        L->plain[i].p = L->plainbuf + at;
        L->plain[i].len = plain_form(L->kn[i].p, L->kn[i].len,
                                     L->plainbuf + at);
        L->plain[i].kind = L->kn[i].kind;
        at += L->plain[i].len;
    }
    qsort(L->plain, L->nkn, sizeof *L->plain, by_folded);
    return 0;
}

static int known_load(lint *L)
{
    size_t n = 0, i, l;
    while (cli_known_names[n]) n++;
    L->kn = malloc(sizeof *L->kn * (n ? n : 1));
    L->bylen = malloc(sizeof *L->bylen * (n ? n : 1));
    if (!L->kn || !L->bylen) return -1;
    for (i = 0; i < n; i++) {
        const char *s = cli_known_names[i], *sp = strchr(s, ' ');
        L->kn[i].p = s;
        L->kn[i].len = sp ? (size_t)(sp - s) : strlen(s);
        L->kn[i].kind = !sp                        ? K_RESPONSE
                        : strcmp(sp + 1, "cors") == 0 ? K_CORS
                                                      : K_REQUEST;
        /* cli/embed-names.sh refuses longer names; never index past the
         * length table all the same. */
        if (L->kn[i].len > KNOWN_MAXLEN) L->kn[i].len = KNOWN_MAXLEN;
    }
    L->nkn = n;
    qsort(L->kn, n, sizeof *L->kn, by_folded);
    memcpy(L->bylen, L->kn, sizeof *L->kn * n);
    qsort(L->bylen, n, sizeof *L->bylen, by_len);
    /* lenstart[l]: first entry of length >= l */
    for (l = 0, i = 0; l <= KNOWN_MAXLEN + 1; l++) {
        while (i < n && L->bylen[i].len < l) i++;
        L->lenstart[l] = i;
    }
    return plain_load(L);
}

static const known *known_find(const lint *L, const char *p, size_t n)
{
    known k;
    k.p = p;
    k.len = n;
    k.kind = 0;
    if (!L->nkn) return NULL;
    return bsearch(&k, L->kn, L->nkn, sizeof *L->kn, by_folded);
}

/* Optimal string alignment distance (edits, adjacent transpositions) of a
 * and b, ASCII case folded, when it is at most k (k <= 2); k + 1
 * otherwise. Lengths are at most KNOWN_MAXLEN + 2. Only the band of cells
 * within k of the diagonal is computed, and it stops at the first row
 * whose cells all exceed k: O(n * k). */
static size_t osa_within(const char *a, size_t n, const char *b, size_t m,
                         size_t k)
{
    size_t r0[KNOWN_MAXLEN + 4], r1[KNOWN_MAXLEN + 4], r2[KNOWN_MAXLEN + 4];
    size_t *pp = r0, *p = r1, *c = r2, *t, i, j, inf = k + 1;
    if (n > m + k || m > n + k || m > KNOWN_MAXLEN + 2) return inf;
    /* Row 0 and the cell after its band; every later row sets its own
     * band and the cells on either side of it before they are read. */
    for (j = 0; j <= k + 1 && j <= m + 1; j++) p[j] = j <= k ? j : inf;
    for (i = 1; i <= n; i++) {
        size_t lo = i > k ? i - k : 0, hi = i + k < m ? i + k : m, best = inf;
        if (lo > 0) c[lo - 1] = inf;
        for (j = lo; j <= hi; j++) {
            size_t v = inf;
            if (j == 0) {
                v = i;
            } else {
                size_t cost = lower((unsigned char)a[i - 1]) !=
                              lower((unsigned char)b[j - 1]);
                v = p[j] + 1;
                if (c[j - 1] + 1 < v) v = c[j - 1] + 1;
                if (p[j - 1] + cost < v) v = p[j - 1] + cost;
                if (i > 1 && j > 1 &&
                    lower((unsigned char)a[i - 1]) ==
                        lower((unsigned char)b[j - 2]) &&
                    lower((unsigned char)a[i - 2]) ==
                        lower((unsigned char)b[j - 1]) &&
                    pp[j - 2] + 1 < v)
                    v = pp[j - 2] + 1;
            }
            if (v > inf) v = inf;
            c[j] = v;
            if (v < best) best = v;
        }
        if (hi + 1 <= m) c[hi + 1] = inf;
        if (best > k) return inf;
        t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[m];
}

/* The closest well-known name within the typo bound, or NULL: one edit
 * for short names, two from 10 bytes on. Names shorter than 5 bytes are
 * never typos (too many near misses: Data, Date), nor names with the
 * plain form of a well-known one, an X before it or not (X-Content-Range,
 * auth_token, XRequestId: products name their headers so on purpose). Candidates are the names
 * of nearby lengths that share the first or the last byte (an edit
 * rarely changes both): a bounded number of bounded comparisons, O(n)
 * per name. The distance goes to *dist unless dist is NULL. */
static const known *typo_of(const lint *L, const char *p, size_t n,
                            size_t *dist)
{
    size_t k = n >= 10 ? 2 : 1, lo, hi, i, best = k + 1;
    const known *bk = NULL;
    char pf[KNOWN_MAXLEN + 2];
    known key;
    if (n < 5 || n > KNOWN_MAXLEN + 2) return NULL;
    key.p = pf;
    key.len = plain_form(p, n, pf);
    key.kind = 0;
    if (L->nkn &&
        bsearch(&key, L->plain, L->nkn, sizeof *L->plain, by_folded))
        return NULL;
    /* XRequestId: the X- prefix without its separator */
    if (key.len > 1 && pf[0] == 'x' && L->nkn) {
        key.p = pf + 1;
        key.len--;
        if (bsearch(&key, L->plain, L->nkn, sizeof *L->plain, by_folded))
            return NULL;
    }
    lo = n - k < 4 ? 4 : n - k;
    hi = n + k > KNOWN_MAXLEN ? KNOWN_MAXLEN : n + k;
    for (i = L->lenstart[lo]; i < L->lenstart[hi + 1]; i++) {
        const known *c = &L->bylen[i];
        size_t d, kk = c->len >= 10 && n >= 10 ? 2 : 1;
        if (lower((unsigned char)c->p[0]) != lower((unsigned char)p[0]) &&
            lower((unsigned char)c->p[c->len - 1]) !=
                lower((unsigned char)p[n - 1]))
            continue;
        d = osa_within(p, n, c->p, c->len, kk < best - 1 ? kk : best - 1);
        if (d >= 1 && d <= kk && d < best) {
            best = d;
            bk = c;
        }
    }
    if (dist) *dist = best;
    return bk;
}

/* ------------------------------------------------------------ helpers */

static const char *const methods[] = {"GET", "HEAD", "POST", "PUT",
                                      "DELETE", "CONNECT", "OPTIONS",
                                      "TRACE", "PATCH", NULL};
/* Server-configuration words that end up in values: nginx flags and
 * directives, Apache's Header, HAProxy and Caddy verbs, and the option
 * names of CORS middlewares and object-store configurations. */
static const char *const server_words[] = {
    "always", "add_header", "more_set_headers", "proxy_set_header",
    "proxy_hide_header", "Header", "set", "append", "unset", "setifempty",
    "onsuccess", "http-response", "set-header", "add-header", "header_up",
    "header_down", "expose_headers", "exposed_headers", "exposeHeaders",
    "exposedHeaders", "ExposeHeaders", "ExposedHeaders", "ExposeHeader",
    "expose-headers", NULL};

static int in_list(const char *p, size_t n, const char *const *list)
{
    size_t i;
    for (i = 0; list[i]; i++)
        if (eq(p, n, list[i])) return 1;
    return 0;
}

static int all_digits(const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return 0;
    return n > 0;
}

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* A host name: labels of letters, digits and '-', separated by dots, the
 * last one 2 or more letters ("api.example.com"). Header names rarely
 * have dots, and never a top-level domain at the end. */
static int host_like(const char *p, size_t n)
{
    size_t i, dots = 0, last = 0;
    if (n < 4 || p[0] == '.' || p[n - 1] == '.') return 0;
    for (i = 0; i < n; i++) {
        if (p[i] == '.') {
            if (p[i - 1] == '.') return 0;
            dots++;
            last = i + 1;
        } else if (!is_alnum(p[i]) && p[i] != '-') {
            return 0;
        }
    }
    if (!dots || n - last < 2) return 0;
    for (i = last; i < n; i++)
        if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z')))
            return 0;
    return 1;
}

/* "localhost:3000", "example.com:8443": a host and a port. */
static int host_port(const char *p, size_t n)
{
    const char *c = memchr(p, ':', n);
    size_t h;
    if (!c) return 0;
    h = (size_t)(c - p);
    if (!all_digits(c + 1, n - h - 1)) return 0;
    return host_like(p, h) || eq(p, h, "localhost");
}

static int contains(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s), i;
    for (i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0) return 1;
    return 0;
}

static int has_byte(const char *p, size_t n, int c)
{
    return n > 0 && memchr(p, c, n) != NULL;
}

/* U+2018, U+2019, U+201C, U+201D in UTF-8. */
static size_t typographic_quote_at(const char *p, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)p;
    if (i + 3 <= n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
        (u[i + 2] == 0x98 || u[i + 2] == 0x99 || u[i + 2] == 0x9C ||
         u[i + 2] == 0x9D))
        return 3;
    return 0;
}

static int has_typographic_quote(const char *p, size_t n)
{
    size_t i;
    for (i = 0; i + 3 <= n; i++)
        if (typographic_quote_at(p, n, i)) return 1;
    return 0;
}

static void trim(const char **p, size_t *n)
{
    while (*n && is_ows(**p)) {
        (*p)++;
        (*n)--;
    }
    while (*n && is_ows((*p)[*n - 1])) (*n)--;
}

/* Cleanups of a pasted value, in the order they are tried. */
enum {
    W_QUOTES = 1, W_BRACKETS = 2, W_SEMI = 4, W_ALWAYS = 8, W_FIELDNAME = 16
};

/* Remove what a server configuration or a literal adds around a list:
 * quotes of any kind, enclosing brackets, a trailing ';', nginx's
 * trailing always, a leading "Access-Control-Expose-Headers:". Writes the
 * result into out (room for n bytes) and returns what was removed (0 for
 * nothing). O(n). */
static unsigned clean_value(const char *v, size_t n, char *out, size_t *olen)
{
    unsigned what = 0;
    size_t i, k = 0, tq;
    const char *p;
    for (i = 0; i < n; i++) {
        if (v[i] == '"') {
            what |= W_QUOTES;
        } else if ((tq = typographic_quote_at(v, n, i)) != 0) {
            what |= W_QUOTES;
            i += tq - 1;
        } else {
            out[k++] = v[i];
        }
    }
    p = out;
    trim(&p, &k);
    if (has_prefix(p, k, "Access-Control-Expose-Headers")) {
        const char *q = p + 29;
        size_t r = k - 29;
        trim(&q, &r);
        if (r && q[0] == ':') {
            what |= W_FIELDNAME;
            p = q + 1;
            k = r - 1;
            trim(&p, &k);
        }
    }
    if (k >= 2 && p[0] == '[' && p[k - 1] == ']') {
        what |= W_BRACKETS;
        p++;
        k -= 2;
        trim(&p, &k);
    }
    for (;;) {
        if (k && p[k - 1] == ';') {
            what |= W_SEMI;
            k--;
            trim(&p, &k);
        } else if (k > 6 && eq(p + k - 6, 6, "always") && is_ows(p[k - 7])) {
            what |= W_ALWAYS;
            k -= 6;
            trim(&p, &k);
        } else {
            break;
        }
    }
    memmove(out, p, k);
    *olen = k;
    return what;
}

static void say_removed(lint *L, unsigned what)
{
    static const struct {
        unsigned bit;
        const char *text;
    } parts[] = {
        {W_QUOTES, "quotes (names are never quoted)"},
        {W_FIELDNAME, "the header's own name and ':'"},
        {W_BRACKETS, "the brackets of an array literal"},
        {W_SEMI, "the ';' that ends a server directive"},
        {W_ALWAYS, "nginx's always flag (it goes after the value)"},
    };
    size_t i, said = 0;
    for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (what & parts[i].bit)
            say(L, "%s%s", said++ ? ", " : "", parts[i].text);
}

static void say_fix_value(lint *L, const char *p, size_t n)
{
    if (n == 0)
        say(L, " (an empty value)");
    else if (n <= FIX_MAX) {
        say(L, ": ");
        sayb(L, p, n);
    }
}

/* -------------------------------------------------------------- checks */

/* Names separated by whitespace only in element e (invalid at eo; at
 * offset base of the value): a server word around them, or a missing
 * comma. Returns 1 when the problem is being written (done() is the
 * caller's), 0 when ignored. */
static int elem_missing_comma(lint *L, const char *e, size_t n, size_t base,
                              size_t eo)
{
    size_t at = base + eo;
    size_t w = eo, first = 0;
    while (w < n && !is_ows(e[w])) w++;
    while (first < n && !is_ows(e[first])) first++;
    /* nginx's always trails the value; a directive leads it. */
    if (eq(e + eo, w - eo, "always") ||
        in_list(e, first, server_words)) {
        int later = eq(e + eo, w - eo, "always");
        const char *word = later ? e + eo : e;
        size_t wl = later ? w - eo : first;
        if (!start(L, SEV_ERROR, C_SERVER_SYNTAX, later ? at : base))
            return 0;
        say(L, "'");
        sayb(L, word, wl);
        say(L, "' is server configuration, not part of the value");
        error_tail(L);
        fix(L);
        if (eq(word, wl, "always"))
            say(L, "drop it: nginx's always goes after the quoted value "
                   "(add_header Access-Control-Expose-Headers \"X-A\" "
                   "always;)");
        else
            say(L, "keep only the header names in the value");
    } else {
        size_t i, k = 0;
        int sp = 0;
        unsigned what = 0;
        char *tmp = malloc(n);
        if (tmp) what = clean_value(e, n, tmp, &k);
        if (!start(L, SEV_ERROR, what ? C_SERVER_SYNTAX : C_MISSING_COMMA,
                   at)) {
            free(tmp);
            return 0;
        }
        say(L, "names separated by whitespace without a comma");
        if (what) {
            say(L, ", and ");
            say_removed(L, what);
        }
        error_tail(L);
        fix(L);
        say(L, what ? "remove them and separate the names with commas"
                    : "separate the names with commas");
        if (tmp && k <= FIX_MAX) {
            say(L, ": ");
            for (i = 0; i < k; i++) {
                if (is_ows(tmp[i])) {
                    sp = 1;
                    continue;
                }
                if (sp) say(L, ", ");
                sp = 0;
                sayb(L, tmp + i, 1);
            }
        }
        free(tmp);
    }
    return 1;
}

/* An invalid element e (trimmed, at offset base of the value); the library
 * found status st at offset eo of e. */
static void elem_error(lint *L, const char *e, size_t n, size_t base,
                       aceh_status st, size_t eo)
{
    size_t at = base + eo;
    unsigned char c = eo < n ? (unsigned char)e[eo] : 0;
    if (st == ACEH_E_VALUE_BYTE) {
        if (!start(L, SEV_ERROR, C_VALUE_BYTE, at)) return;
        say(L, "byte \\x%02X (CR, LF or NUL) can never be in a field value",
            c);
        error_tail(L);
        fix(L);
        say(L, "remove it (a line break pasted into the value?)");
    } else if (has_byte(e, n, '[') || has_byte(e, n, ']') ||
               has_byte(e, n, '{') || has_byte(e, n, '}')) {
        if (!start(L, SEV_ERROR, C_SERVER_SYNTAX, at)) return;
        say(L, "brackets: an array or object literal pasted into the value");
        error_tail(L);
        fix(L);
        say(L, "list the bare names, separated by commas");
    } else if (has_byte(e, n, '"') || has_typographic_quote(e, n)) {
        char *tmp = malloc(n ? n : 1);
        size_t k = 0;
        if (!start(L, SEV_ERROR, C_QUOTED, at)) {
            free(tmp);
            return;
        }
        say(L, "names are never quoted");
        error_tail(L);
        fix(L);
        say(L, "drop the quotes");
        if (tmp) {
            clean_value(e, n, tmp, &k);
            if (aceh_validate(tmp, k, NULL, NULL) == ACEH_OK && k)
                say_fix_value(L, tmp, k);
        }
        free(tmp);
    } else if ((n > 3 && memchr(e, ':', n) &&
                (has_prefix(e, n, "http:") || has_prefix(e, n, "https:") ||
                 contains(e, n, "://"))) ||
               host_port(e, n)) {
        if (!start(L, SEV_ERROR, C_ORIGIN_VALUE, at)) return;
        say(L, "an origin or URL is not a header name (an "
               "Access-Control-Allow-Origin value?)");
        error_tail(L);
        fix(L);
        say(L, "remove it; the origin belongs in Access-Control-Allow-Origin");
    } else if (c == ';') {
        if (!start(L, SEV_ERROR, C_SERVER_SYNTAX, at)) return;
        say(L, "';' ends a directive in the server configuration; it is not "
               "part of the value");
        error_tail(L);
        fix(L);
        say(L, "move the ';' after the closing quote of the value");
    } else if (c == ':' && eq(e, eo, "Access-Control-Expose-Headers")) {
        if (!start(L, SEV_ERROR, C_SERVER_SYNTAX, at)) return;
        say(L, "the header's own name and ':' are pasted into its value");
        error_tail(L);
        fix(L);
        say(L, "drop \"");
        sayb(L, e, eo + 1);
        say(L, "\"");
    } else if (c == '=') {
        if (!start(L, SEV_ERROR, C_SERVER_SYNTAX, at)) return;
        say(L, "'=': a configuration assignment (key=value) pasted into "
               "the value");
        error_tail(L);
        fix(L);
        say(L, "keep only the names after the '='");
    } else if (st == ACEH_E_MISSING_COMMA) {
        if (!elem_missing_comma(L, e, n, base, eo)) return;
    } else if (c >= 0x80) {
        if (!start(L, SEV_ERROR, C_NAME_BYTE, at)) return;
        say(L, "non-ASCII byte \\x%02X: header names are ASCII tokens", c);
        error_tail(L);
        fix(L);
        say(L, "retype the name in ASCII letters, digits and '-'");
    } else {
        if (!start(L, SEV_ERROR, C_NAME_BYTE, at)) return;
        say(L, "'");
        sayb(L, e + eo, 1);
        say(L, "' cannot be in a header name (only letters, digits and "
               "!#$%%&'*+-.^_`|~)");
        if (c == '/') say(L, "; a media type or a path?");
        error_tail(L);
        fix(L);
        say(L, "remove the '");
        sayb(L, e + eo, 1);
        say(L, "' or the element");
    }
    done(L);
}

typedef struct nref {
    const char *p;
    size_t len, line, off;
} nref;

/* The sort key of a name: its bytes and its index (ties: first first). */
typedef struct nkey {
    const char *p;
    size_t len, idx;
} nkey;

static int by_name(const void *a, const void *b)
{
    const nkey *x = a, *y = b;
    known kx, ky;
    int r;
    kx.p = x->p;
    kx.len = x->len;
    ky.p = y->p;
    ky.len = y->len;
    kx.kind = ky.kind = 0;
    r = by_folded(&kx, &ky);
    if (r) return r;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Report a warning or note on name [p, p+n) at offset at: the name, then
 * reason, then the fix. Returns 1 (the name needs no other check). */
static int say_name(lint *L, int sev, int code, size_t at, const char *p,
                    size_t n, const char *reason, const char *fixtext)
{
    if (!start(L, sev, code, at)) return 1;
    sayb(L, p, n);
    say(L, "%s", reason);
    fix(L);
    say(L, "%s", fixtext);
    done(L);
    return 1;
}

/* A repeat, or single quotes in the name. Returns 1 when the name needs
 * no other check; drops the quotes of a single-quoted line from *p. */
static int name_repeat_or_quote(lint *L, const char **pp, size_t *pn,
                                size_t at, const nref *dup, int sq_line)
{
    const char *p = *pp;
    size_t n = *pn;
    if (dup) {
        if (!start(L, SEV_WARNING, C_DUPLICATE, at)) return 1;
        sayb(L, p, n);
        say(L, " is listed again (first at ");
        say_place(L, dup->line, dup->off);
        say(L, ")");
        fix(L);
        say(L, "remove the repeat");
        done(L);
        return 1;
    }
    if (sq_line) {
        /* The single quotes around the whole value were reported once. */
        if (n && p[0] == '\'') {
            p++;
            n--;
        }
        if (n && p[n - 1] == '\'') n--;
        *pp = p;
        *pn = n;
        return n == 0;
    }
    if (n >= 1 && (p[0] == '\'' || p[n - 1] == '\'')) {
        size_t a = p[0] == '\'', b = n > a && p[n - 1] == '\'';
        if (!start(L, SEV_WARNING, C_SINGLE_QUOTED, at)) return 1;
        sayb(L, p, n);
        say(L, " is a name with the quote in it: it matches no header");
        fix(L);
        if (n > a + b) {
            say(L, "drop the quotes: ");
            sayb(L, p + a, n - a - b);
        } else {
            say(L, "remove it");
        }
        done(L);
        return 1;
    }
    return 0;
}

/* "*" alone: a wildcard only for requests without credentials. */
static void name_star(lint *L, size_t at, int has_authorization)
{
    if (L->mode_known && L->mode != ACEH_INCLUDE) {
        /* no credentials: "*" does what it says */
    } else if (start(L, L->mode_known ? SEV_WARNING : SEV_INFO,
                     C_WILDCARD_CREDENTIALS, at)) {
        if (L->mode_known)
            say(L, "with credentials include \"*\" is the literal name "
                   "\"*\" and exposes nothing");
        else
            say(L, "\"*\" exposes every header only to requests without "
                   "credentials; with credentials include it is the "
                   "literal name \"*\"");
        fix(L);
        say(L, "list by name the headers credentialed requests must "
               "read");
        done(L);
    }
    if (L->auth_opt && !has_authorization &&
        start(L, SEV_WARNING, C_AUTHORIZATION_WILDCARD, at)) {
        say(L, "in the reading of an older MDN page \"*\" does not cover "
               "Authorization (Fetch and browsers expose it)");
        fix(L);
        say(L, "add it by name: *, Authorization");
        done(L);
    }
}

static int is_pattern(const char *p, size_t n)
{
    return memchr(p, '*', n) != NULL;
}

static int is_boolean(const char *p, size_t n)
{
    return eq(p, n, "true") || eq(p, n, "false");
}

static int is_method(const char *p, size_t n)
{
    return in_list(p, n, methods);
}

static int is_origin(const char *p, size_t n)
{
    return eq(p, n, "null") || host_like(p, n);
}

static int is_server_word(const char *p, size_t n)
{
    return in_list(p, n, server_words);
}

/* Names Fetch treats specially, and values of other headers or of the
 * server configuration in place of a name, in the order they are tried:
 * what the name is, the reason after it and the fix. */
static const struct misplaced {
    int (*is)(const char *p, size_t n);
    int sev, code;
    const char *reason, *fix;
} misplaced[] = {
    {is_pattern, SEV_WARNING, C_WILDCARD_PATTERN,
     " is the literal name with a '*' in it: Fetch has no patterns, only "
     "\"*\" alone",
     "list each header by name, or use \"*\" (not for credentialed "
     "requests)"},
    {aceh_is_forbidden, SEV_WARNING, C_FORBIDDEN,
     " is a forbidden response-header name: scripts never see it, listed "
     "or not",
     "remove it"},
    {aceh_is_safelisted, SEV_INFO, C_SAFELISTED,
     " is CORS-safelisted: always exposed, listing it is redundant",
     "remove it (harmless)"},
    {is_boolean, SEV_WARNING, C_BOOLEAN_VALUE,
     " is not a header name: an Access-Control-Allow-Credentials value "
     "pasted in?",
     "remove it; send Access-Control-Allow-Credentials: true as its own "
     "header"},
    {all_digits, SEV_WARNING, C_NUMBER_VALUE,
     " is not a header name: an Access-Control-Max-Age value pasted in?",
     "remove it; send Access-Control-Max-Age as its own header"},
    {is_method, SEV_WARNING, C_METHOD_NAME,
     " is a request method, not a header name: an "
     "Access-Control-Allow-Methods value pasted in?",
     "remove it; list methods in Access-Control-Allow-Methods"},
    {is_origin, SEV_WARNING, C_ORIGIN_VALUE,
     " looks like an origin or host, not a header name: an "
     "Access-Control-Allow-Origin value pasted in?",
     "remove it; the origin belongs in Access-Control-Allow-Origin"},
    {is_server_word, SEV_WARNING, C_SERVER_SYNTAX,
     " is a server configuration word, not a header name",
     "remove it; keep only header names in the value"},
};

/* The first entry of misplaced[] that name [p, p+n) is, reported.
 * Returns 1 when there is one. */
static int name_misplaced(lint *L, const char *p, size_t n, size_t at)
{
    size_t i;
    for (i = 0; i < sizeof misplaced / sizeof misplaced[0]; i++) {
        const struct misplaced *m = &misplaced[i];
        if (!m->is(p, n)) continue;
        return say_name(L, m->sev, m->code, at, p, n, m->reason,
                        m->code == C_SERVER_SYNTAX && eq(p, n, "always")
                            ? "remove it: nginx's always goes after the "
                              "quoted value (add_header "
                              "Access-Control-Expose-Headers \"X-A\" always;)"
                            : m->fix);
    }
    return 0;
}

/* An Access-Control-* name (k: its well-known entry, or NULL). */
static void name_access_control(lint *L, const char *p, size_t n, size_t at,
                                const known *k)
{
    const known *t = k ? NULL : typo_of(L, p, n, NULL);
    if (!start(L, SEV_WARNING, C_ACCESS_CONTROL, at)) return;
    sayb(L, p, n);
    if (has_prefix(p, n, "Access-Control-Request-"))
        say(L, " is sent in preflight requests, never in responses");
    else if (eq(p, n, "Access-Control-Expose-Headers"))
        say(L, " is this header's own name");
    else if (k)
        say(L, " is read by the browser for the CORS check; scripts do "
               "not need it");
    else
        say(L, " is not a CORS header");
    if (t && t->kind == K_CORS) {
        say(L, " (did you mean ");
        sayb(L, t->p, t->len);
        say(L, "?)");
    }
    fix(L);
    say(L, "remove it; request headers a script may send belong in "
           "Access-Control-Allow-Headers");
    done(L);
}

/* A name close to a well-known one and itself unknown. */
static void name_typo(lint *L, const char *p, size_t n, size_t at)
{
    size_t d = 0;
    const known *k = typo_of(L, p, n, &d);
    if (!k || !start(L, SEV_WARNING, C_TYPO, at)) return;
    sayb(L, p, n);
    say(L, " is %zu edit%s from the well-known ",
        d, d == 1 ? "" : "s");
    sayb(L, k->p, k->len);
    if (k->kind == K_REQUEST) say(L, " (a request header)");
    say(L, ": names must match exactly");
    fix(L);
    say(L, "did you mean ");
    sayb(L, k->p, k->len);
    say(L, "?");
    done(L);
}

/* Warnings and notes on a valid name [p, p+n) at offset at; dup is the
 * first occurrence when the name is a repeat, else NULL. */
static void elem_name(lint *L, const char *p, size_t n, size_t at,
                      const nref *dup, int has_authorization, int sq_line)
{
    const known *k;
    if (name_repeat_or_quote(L, &p, &n, at, dup, sq_line)) return;
    if (n == 1 && p[0] == '*') {
        name_star(L, at, has_authorization);
        return;
    }
    if (name_misplaced(L, p, n, at)) return;
    k = known_find(L, p, n);
    if (has_prefix(p, n, "Access-Control-"))
        name_access_control(L, p, n, at, k);
    else if (k && k->kind == K_REQUEST)
        say_name(L, SEV_WARNING, C_REQUEST_HEADER, at, p, n,
                 " is a request header: responses do not carry it, so "
                 "exposing it does nothing",
                 "remove it; to let scripts send it, list it in "
                 "Access-Control-Allow-Headers");
    else if (!k)
        name_typo(L, p, n, at);
}

static void empty_run(lint *L, size_t at, size_t run)
{
    if (!start(L, SEV_WARNING, C_EMPTY, at)) return;
    if (run == 1)
        say(L, "empty list element: legal, but it adds nothing");
    else
        say(L, "%zu empty list elements in a row: legal, but they add "
               "nothing", run);
    fix(L);
    say(L, run == 1 ? "remove the extra comma" : "remove the extra commas");
    done(L);
}

/* The elements of value v in order: each trimmed ([es, es+el)), with the
 * offset of the comma that ends it (len for the last) and its raw start. */
typedef struct splitter {
    const char *v;
    size_t len, pos;
    int done;
} splitter;

static int split_next(splitter *s, size_t *es, size_t *el, size_t *end,
                      size_t *rs)
{
    const char *comma, *p;
    size_t n, e;
    if (s->done) return 0;
    comma = s->len > s->pos ? memchr(s->v + s->pos, ',', s->len - s->pos)
                            : NULL;
    e = comma ? (size_t)(comma - s->v) : s->len;
    p = s->v + s->pos;
    n = e - s->pos;
    trim(&p, &n);
    *rs = s->pos;
    *es = (size_t)(p - s->v);
    *el = n;
    *end = e;
    if (comma)
        s->pos = e + 1;
    else
        s->done = 1;
    return 1;
}

static void split_init(splitter *s, const aceh_str *line)
{
    s->v = line->ptr;
    s->len = line->len;
    s->pos = 0;
    s->done = 0;
}

/* The valid names of a header's lines, in order, for the repeat check;
 * *has_auth tells whether Authorization is one. NULL when out of memory
 * (with *nn 0 and nothing to free). */
static nref *collect_names(lint *L, const aceh_str *lines, size_t nlines,
                           size_t line0, size_t *nn, int *has_auth)
{
    size_t ln, cap = 0, es, el, end, rs;
    nref *names = NULL;
    splitter sp;
    *nn = 0;
    for (ln = 0; ln < nlines; ln++) {
        split_init(&sp, &lines[ln]);
        while (split_next(&sp, &es, &el, &end, &rs)) {
            if (!el || aceh_validate(sp.v + es, el, NULL, NULL) != ACEH_OK)
                continue;
            if (*nn == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                nref *nv = realloc(names, sizeof *nv * ncap);
                if (!nv) {
                    free(names);
                    *nn = 0;
                    L->oom = 1;
                    return NULL;
                }
                names = nv;
                cap = ncap;
            }
            names[*nn].p = sp.v + es;
            names[*nn].len = el;
            names[*nn].line = line0 + ln;
            names[*nn].off = es;
            if (eq(sp.v + es, el, "Authorization")) *has_auth = 1;
            (*nn)++;
        }
    }
    return names;
}

/* For each name, the index of its first occurrence (ASCII
 * case-insensitive), found by sorting: O(n log n). NULL when out of
 * memory. */
static size_t *first_occurrences(lint *L, const nref *names, size_t nn)
{
    size_t *first = malloc(sizeof *first * (nn ? nn : 1)), i, g;
    nkey *sorted = malloc(sizeof *sorted * (nn ? nn : 1));
    if (!first || !sorted) {
        free(first);
        free(sorted);
        L->oom = 1;
        return NULL;
    }
    for (i = 0; i < nn; i++) {
        sorted[i].p = names[i].p;
        sorted[i].len = names[i].len;
        sorted[i].idx = i;
    }
    qsort(sorted, nn, sizeof *sorted, by_name);
    for (i = 0, g = 0; i < nn; i++) {
        if (i > 0 && !aceh_name_eq(sorted[g].p, sorted[g].len, sorted[i].p,
                                   sorted[i].len))
            g = i;
        first[sorted[i].idx] = sorted[g].idx;
    }
    free(sorted);
    return first;
}

/* An invalid value that is a valid list once pasted syntax is removed:
 * one error for the value. Returns 1 when reported (its elements are then
 * not reported one by one). */
static int value_pasted(lint *L, const char *v, size_t len, size_t eoff)
{
    char *tmp = malloc(len ? len : 1);
    size_t k = 0;
    unsigned what;
    int skip = 0;
    if (!tmp) {
        L->oom = 1;
        return 0;
    }
    what = clean_value(v, len, tmp, &k);
    if (what && aceh_validate(tmp, k, NULL, NULL) == ACEH_OK) {
        skip = 1;
        if (start(L, SEV_ERROR, what & W_QUOTES ? C_QUOTED : C_SERVER_SYNTAX,
                  eoff)) {
            say(L, "the value holds ");
            say_removed(L, what);
            error_tail(L);
            fix(L);
            say(L, what == W_QUOTES ? "drop the quotes" : "remove them");
            say_fix_value(L, tmp, k);
            done(L);
        }
    }
    free(tmp);
    return skip;
}

/* A valid value in single quotes with a comma inside: one warning for
 * the value. Returns 1 when so. */
static int value_single_quoted(lint *L, const char *v, size_t len)
{
    const char *t = v;
    size_t tn = len;
    trim(&t, &tn);
    if (!(tn >= 3 && t[0] == '\'' && t[tn - 1] == '\'' && memchr(t, ',', tn)))
        return 0;
    if (start(L, SEV_WARNING, C_SINGLE_QUOTED, (size_t)(t - v))) {
        say(L, "single quotes around the list are part of the first and "
               "last names");
        fix(L);
        say(L, "drop the quotes");
        say_fix_value(L, t + 1, tn - 2);
        done(L);
    }
    return 1;
}

/* The names of the header, with the first occurrence of each. */
typedef struct header_names {
    nref *names;
    size_t *first;
    size_t j; /* the next name's index */
    int has_auth;
} header_names;

/* Every element of line v in order, then what the line as a whole
 * adds: no name at all, trailing empty elements, the library's verdict
 * when the element checks missed it. skip: report no element. */
static void lint_elements(lint *L, const char *v, size_t len,
                          aceh_status st, size_t eoff, int skip, int sq_line,
                          header_names *h)
{
    size_t run = 0, run_at = 0, nnames = 0, es, el, end, rs;
    int any_error = 0;
    aceh_str line;
    splitter sp;
    line.ptr = v;
    line.len = len;
    split_init(&sp, &line);
    while (split_next(&sp, &es, &el, &end, &rs)) {
        size_t eo = 0;
        aceh_status est;
        if (!el) {
            if (run++ == 0) run_at = end < len ? end : (rs > 0 ? rs - 1 : 0);
            continue;
        }
        if (run && !skip) empty_run(L, run_at, run);
        run = 0;
        est = aceh_validate(v + es, el, NULL, &eo);
        if (est != ACEH_OK) {
            any_error = 1;
            if (!skip) elem_error(L, v + es, el, es, est, eo);
            continue;
        }
        nnames++;
        if (!skip)
            elem_name(L, v + es, el, es,
                      h->first[h->j] != h->j ? &h->names[h->first[h->j]]
                                             : NULL,
                      h->has_auth, sq_line);
        if (el == 1 && v[es] == '*') L->star_before = 1;
        h->j++;
    }
    if (skip || any_error) return;
    if (nnames == 0) {
        if (start(L, SEV_WARNING, C_EMPTY, 0)) {
            say(L, len ? "the value holds no name, only separators: legal, "
                         "but it adds nothing"
                       : "empty value: legal, but it adds nothing");
            fix(L);
            say(L, "remove the header line");
            done(L);
        }
    } else if (run) {
        empty_run(L, run_at, run);
    }
    if (st < 0 && start(L, SEV_ERROR, C_INVALID, eoff)) {
        /* The library refuses what the element split accepts: a safety
         * net that names the library's verdict. */
        say(L, "invalid list (%s: %s)", aceh_status_str(st),
            cli_status_why(st));
        error_tail(L);
        fix(L);
        say(L, "fix the byte at this offset");
        done(L);
    }
}

/* One header: nlines values, checked together (duplicates across lines;
 * one invalid line voids all). */
static void lint_header(lint *L, const aceh_str *lines, size_t nlines,
                        size_t line0)
{
    size_t ln, nn = 0;
    header_names h;
    memset(&h, 0, sizeof h);
    h.names = collect_names(L, lines, nlines, line0, &nn, &h.has_auth);
    if (L->oom) return;
    h.first = first_occurrences(L, h.names, nn);
    if (!h.first) goto out;
    /* Every element in order, so problems come out by position. */
    L->first_error_done = 0;
    L->star_before = 0;
    for (ln = 0; ln < nlines && !L->oom; ln++) {
        const char *v = lines[ln].ptr;
        size_t len = lines[ln].len, eoff = 0;
        int skip = 0, sq_line = 0;
        aceh_status st;
        L->val = v;
        L->vlen = len;
        L->line = line0 + ln;
        st = aceh_validate(v, len, NULL, &eoff);
        if (st < 0) {
            L->invalid = 1;
            skip = value_pasted(L, v, len, eoff);
        } else {
            sq_line = value_single_quoted(L, v, len);
        }
        if (!L->oom) lint_elements(L, v, len, st, eoff, skip, sq_line, &h);
    }
out:
    free(h.names);
    free(h.first);
}

static int set_ignore(lint *L, const char *arg)
{
    const char *p = arg;
    while (*p) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p), i;
        for (i = 0; i < NCODES; i++)
            if (strlen(code_names[i]) == n &&
                memcmp(code_names[i], p, n) == 0)
                break;
        if (i == NCODES) {
            cli_usage("lint", "--ignore: unknown code '%.*s'", (int)n, p);
            return -1;
        }
        L->ignore[i] = 1;
        p += n;
        if (*p == ',') p++;
    }
    return 0;
}

/* Values from a stream, one a line; each is a header of its own. */
static int lint_stream(lint *L, FILE *in, const char *name, int escaped)
{
    char *line = NULL;
    size_t cap = 0, ln = 0;
    ssize_t got;
    int rc = 0;
    errno = 0;
    while ((got = getline(&line, &cap, in)) >= 0) {
        size_t len = (size_t)got, at = 0;
        const char *why = "";
        aceh_str v;
        const char *t;
        size_t tn;
        if (len && line[len - 1] == '\n') len--;
        if (len && line[len - 1] == '\r') len--;
        t = line;
        tn = len;
        trim(&t, &tn);
        if (tn == 0 || t[0] == '#') {
            ln++;
            continue;
        }
        if (escaped) {
            size_t n = esc_decode(line, len, line, &why, &at);
            if (n == (size_t)-1) {
                cli_err("lint", "%s: line %zu: %s at byte %zu", name, ln, why,
                        at);
                rc = -1;
                break;
            }
            len = n;
        }
        v.ptr = line;
        v.len = len;
        lint_header(L, &v, 1, ln);
        if (L->oom) break;
        ln++;
    }
    if (rc == 0 && (ferror(in) || (!feof(in) && !L->oom))) {
        cli_err("lint", "cannot read %s: %s", name, strerror(errno));
        rc = -1;
    }
    free(line);
    return rc;
}

static void print_text(const lint *L)
{
    size_t i;
    for (i = 0; i < L->n; i++) {
        const problem *p = &L->v[i];
        if (p->file)
            printf("%s:%zu:%zu: ", p->file, p->line, p->col);
        else
            printf("line %zu offset %zu: ", p->line, p->off);
        printf("%s: %s: ", sev_names[p->sev], code_names[p->code]);
        fwrite(p->reason, 1, p->reason_len, stdout);
        fputs("\n  fix: ", stdout);
        fwrite(p->fix, 1, p->fix_len, stdout);
        putchar('\n');
        if (p->excerpt_len) fwrite(p->excerpt, 1, p->excerpt_len, stdout);
    }
    for (i = 0; i < NCODES; i++) {
        if (!L->sup[i]) continue;
        printf("lint: %s: %zu more like %s (%s), the last at ", code_names[i],
               L->sup[i], L->sup[i] == 1 ? "this" : "these",
               sev_names[L->sup_sev[i]]);
        if (L->sup_file[i])
            printf("%s:%zu:%zu", L->sup_file[i], L->sup_line[i],
                   L->sup_off[i]);
        else
            printf("line %zu offset %zu", L->sup_line[i], L->sup_off[i]);
        printf("; --all prints each\n");
    }
    if (L->nerr || L->nwarn || (L->info && L->ninfo)) {
        printf("lint: %zu error%s, %zu warning%s", L->nerr,
               L->nerr == 1 ? "" : "s", L->nwarn, L->nwarn == 1 ? "" : "s");
        if (L->info) printf(", %zu note%s", L->ninfo, L->ninfo == 1 ? "" : "s");
        putchar('\n');
    }
}

static void print_json(const lint *L)
{
    size_t i, k = 0;
    printf("{\"valid\":%s,\"errors\":%zu,\"warnings\":%zu,\"infos\":%zu,"
           "\"problems\":[",
           L->invalid ? "false" : "true", L->nerr, L->nwarn, L->ninfo);
    for (i = 0; i < L->n; i++) {
        const problem *p = &L->v[i];
        printf("%s{\"severity\":\"%s\",\"code\":\"%s\",", i ? "," : "",
               sev_names[p->sev], code_names[p->code]);
        if (p->file) {
            fputs("\"file\":", stdout);
            cli_json_cstr(stdout, p->file);
            printf(",\"line\":%zu,\"column\":%zu,", p->line, p->col);
        } else {
            printf("\"line\":%zu,", p->line);
        }
        printf("\"offset\":%zu,\"message\":", p->off);
        cli_json_str(stdout, p->reason, p->reason_len);
        fputs(",\"fix\":", stdout);
        cli_json_str(stdout, p->fix, p->fix_len);
        putchar('}');
    }
    fputs("],\"more\":[", stdout);
    for (i = 0; i < NCODES; i++) {
        if (!L->sup[i]) continue;
        printf("%s{\"code\":\"%s\",\"severity\":\"%s\",\"count\":%zu,",
               k++ ? "," : "", code_names[i], sev_names[L->sup_sev[i]],
               L->sup[i]);
        if (L->sup_file[i]) {
            fputs("\"last_file\":", stdout);
            cli_json_cstr(stdout, L->sup_file[i]);
            printf(",\"last_line\":%zu,\"last_column\":%zu}",
                   L->sup_line[i], L->sup_off[i]);
        } else {
            printf("\"last_line\":%zu,\"last_offset\":%zu}",
                   L->sup_line[i], L->sup_off[i]);
        }
    }
    fputs("]}\n", stdout);
}

/* ------------------------------------------------- configuration files */

/* The whole of f into a malloc'd buffer. Returns 0, or -1 with errno
 * (ENOMEM when out of memory). */
static int read_all(FILE *f, char **out, size_t *len)
{
    size_t cap = 65536, n = 0, got;
    char *b = malloc(cap);
    if (!b) return -1;
    while ((got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                errno = ENOMEM;
                return -1;
            }
            b = nb;
            cap *= 2;
        }
    }
    if (ferror(f)) {
        free(b);
        return -1;
    }
    *out = b;
    *len = n;
    return 0;
}

/* A value built when the request comes: reported, never guessed. */
static void not_checkable(lint *L, const conf_value *cv)
{
    if (!start(L, SEV_WARNING, C_NOT_CHECKABLE, cv->var)) return;
    say(L, "the value is built from %s per request: lint cannot know "
           "what is sent",
        strcmp(cv->server, "nginx") == 0 ? "a variable"
                                         : "an expression or variable");
    fix(L);
    say(L, "check what the server sends: curl -sI URL | aceh "
           "check-response");
    done(L);
}

/* "FILE:LINE:COLUMN<TAB>SERVER<TAB>always|success<TAB>VALUE" (escaped). */
static void print_value(const lint *L, const conf_value *cv)
{
    size_t line, col;
    conf_where(L->clines, L->nclines, cv->pos[0], &line, &col);
    printf("%s:%zu:%zu\t%s\t%s\t", L->cfile, line, col, cv->server,
           cv->always ? "always" : "success");
    cli_esc(stdout, cv->v, cv->len);
    putchar('\n');
}

static int lint_conf_value(void *ctx, const conf_value *cv)
{
    lint *L = ctx;
    aceh_str v;
    L->cpos = cv->pos;
    if (L->values) {
        print_value(L, cv);
        return 0;
    }
    v.ptr = cv->v;
    v.len = cv->len;
    if (cv->var != CONF_NO_VAR) {
        L->val = cv->v;
        L->vlen = cv->len;
        L->line = 0;
        not_checkable(L, cv);
    } else {
        lint_header(L, &v, 1, 0);
    }
    return L->oom ? -1 : 0;
}

/* Every value a configuration file (- for standard input) sets. */
static int lint_config(lint *L, const char *file)
{
    FILE *in = stdin;
    char *text = NULL;
    size_t n = 0, *lines;
    int r;
    if (strcmp(file, "-") != 0 && !(in = fopen(file, "rb"))) {
        cli_err("lint", "cannot open '%s': %s", file, strerror(errno));
        return -1;
    }
    r = read_all(in, &text, &n);
    if (r) cli_err("lint", "cannot read '%s': %s", file, strerror(errno));
    if (in != stdin) fclose(in);
    if (r) return -1;
    lines = conf_lines(text, n, &L->nclines);
    if (lines) {
        L->clines = lines;
        L->cfile = strcmp(file, "-") == 0 ? "<stdin>" : file;
        if (conf_scan(text, n, lint_conf_value, L)) L->oom = 1;
        L->cfile = NULL;
    } else {
        L->oom = 1;
    }
    free(lines);
    free(text);
    return 0;
}

/* ------------------------------------------------------------- command */

/* What the command line asks besides the lint options. */
typedef struct inputs {
    const char *file;
    char **raw;      /* VALUE operands */
    const char **config;
    size_t n, nconfig;
    int escaped;
} inputs;

/* The options into L and in; returns -1 after a usage error, 1 after
 * --help, 0 otherwise. */
static int parse_args(lint *L, inputs *in, int argc, char **argv, int first)
{
    static const cli_opt opts[] = {{"strict", 0, OPT_STRICT},
                                   {"json", 0, OPT_JSON},
                                   {"escaped", 0, OPT_ESCAPED},
                                   {"credentials", 1, OPT_CRED},
                                   {"authorization-needs-listing", 0,
                                    OPT_AUTH},
                                   {"ignore", 1, OPT_IGNORE},
                                   {"info", 0, OPT_INFO},
                                   {"all", 0, OPT_ALL},
                                   {"file", 1, OPT_FILE},
                                   {"config", 1, OPT_CONFIG},
                                   {"values", 0, OPT_VALUES},
                                   {NULL, 0, 0}};
    cli_args a;
    char *arg;
    int r;
    cli_args_init(&a, argc, argv, first, "lint");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2: return -1;
        case CLI_OPT_HELP: return 1;
        case OPT_STRICT: L->strict = 1; break;
        case OPT_JSON: L->json = 1; break;
        case OPT_ESCAPED: in->escaped = 1; break;
        case OPT_CRED:
            if (cli_mode(arg, &L->mode)) {
                cli_usage("lint",
                          "unknown credentials mode '%s' (omit, same-origin "
                          "or include)",
                          arg);
                return -1;
            }
            L->mode_known = 1;
            break;
        case OPT_AUTH: L->auth_opt = 1; break;
        case OPT_IGNORE:
            if (set_ignore(L, arg)) return -1;
            break;
        case OPT_INFO: L->info = 1; break;
        case OPT_ALL: L->all = 1; break;
        case OPT_FILE: in->file = arg; break;
        case OPT_CONFIG: in->config[in->nconfig++] = arg; break;
        case OPT_VALUES: L->values = 1; break;
        default: in->raw[in->n++] = arg; break;
        }
    }
    return 0;
}

/* The inputs make sense together; else a usage error and -1. */
static int check_inputs(const lint *L, inputs *in)
{
    if (!in->file && !in->nconfig && in->n == 1 &&
        strcmp(in->raw[0], "-") == 0) {
        in->file = "-";
        in->n = 0;
    }
    if (in->file && in->n) {
        cli_usage("lint", "VALUE arguments and --file (or -) together");
        return -1;
    }
    if (in->nconfig && (in->file || in->n)) {
        cli_usage("lint", "--config and VALUE arguments or --file together");
        return -1;
    }
    if (!in->file && !in->n && !in->nconfig) {
        cli_usage("lint", "missing VALUE (or --file FILE, or - for standard "
                          "input)");
        return -1;
    }
    if (L->values && !in->nconfig) {
        cli_usage("lint", "--values lists what --config finds");
        return -1;
    }
    return 0;
}

/* Lint what the inputs name. Returns 0, or -1 after reporting. */
static int lint_inputs(lint *L, const inputs *in, aceh_str *lines)
{
    size_t i;
    if (in->nconfig) {
        for (i = 0; i < in->nconfig && !L->oom; i++)
            if (lint_config(L, in->config[i])) return -1;
    } else if (in->file) {
        FILE *f = stdin;
        const char *name = "standard input";
        int r;
        if (strcmp(in->file, "-") != 0) {
            name = in->file;
            if (!(f = fopen(in->file, "rb"))) {
                cli_err("lint", "cannot open '%s': %s", in->file,
                        strerror(errno));
                return -1;
            }
        }
        r = lint_stream(L, f, name, in->escaped);
        if (f != stdin) fclose(f);
        if (r) return -1;
    } else {
        for (i = 0; i < in->n; i++)
            if (cli_arg_bytes("lint", in->raw[i], in->escaped, &lines[i]))
                return -1;
        lint_header(L, lines, in->n, 0);
    }
    if (L->oom) {
        cli_err("lint", "out of memory");
        return -1;
    }
    return 0;
}

static void lint_free(lint *L)
{
    size_t i;
    if (!L) return;
    for (i = 0; i < L->n; i++) {
        free(L->v[i].reason);
        free(L->v[i].fix);
        free(L->v[i].excerpt);
    }
    free(L->v);
    free(L->kn);
    free(L->bylen);
    free(L->plain);
    free(L->plainbuf);
    free(L);
}

int cmd_lint(int argc, char **argv, int first)
{
    size_t nargs = (size_t)(argc > 0 ? argc : 1);
    int r, rc = CLI_USAGE;
    inputs in;
    aceh_str *lines = malloc(sizeof *lines * nargs);
    lint *L = calloc(1, sizeof *L);
    memset(&in, 0, sizeof in);
    /* Writable argv strings: --escaped decodes them in place. */
    in.raw = malloc(sizeof *in.raw * nargs);
    in.config = malloc(sizeof *in.config * nargs);
    if (!lines || !in.raw || !in.config || !L || known_load(L)) {
        cli_err("lint", "out of memory");
        goto out;
    }
    r = parse_args(L, &in, argc, argv, first);
    if (r == 1) {
        fputs(help, stdout);
        fputs(help_options, stdout);
        rc = cli_flush("lint") ? CLI_USAGE : CLI_OK;
        goto out;
    }
    if (r || check_inputs(L, &in) || lint_inputs(L, &in, lines)) goto out;
    if (L->values)
        ; /* listed as found */
    else if (L->json)
        print_json(L);
    else
        print_text(L);
    rc = cli_flush("lint")                      ? CLI_USAGE
         : L->nerr || (L->strict && L->nwarn) ? CLI_NO
                                              : CLI_OK;
out:
    lint_free(L);
    free(lines);
    free(in.raw);
    free(in.config);
    return rc;
}
