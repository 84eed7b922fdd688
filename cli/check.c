/* SPDX-License-Identifier: MIT */
/* aceh check-response: the CORS check on every response of a redirect
 * chain, and which headers of the final response a cross-origin script
 * can read.
 *
 * Input is streamed: one head at a time is kept (at most CHECK_HEAD_MAX
 * bytes), a body is read and dropped, so memory does not grow with the
 * body. Every loop over a head is linear in its size; the exposure
 * decision is the library's (aceh_filter). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Largest response head accepted (status line and field lines). */
#define CHECK_HEAD_MAX (8u << 20)
/* Fetch's redirect limit: the 21st redirect is a network error. */
#define MAX_REDIRECTS 20

static const char help[] =
    "Usage: aceh check-response [--credentials MODE] [--origin ORIGIN]\n"
    "                           [--url URL] [--authorization-needs-listing]\n"
    "                           [--json] [FILE]\n"
    "Read the raw HTTP/1.1 response heads of one request (as `curl -sI` or\n"
    "`curl -sL -D -` prints them: a status line, header lines, an empty\n"
    "line) from FILE or, without FILE or with -, standard input. For each\n"
    "credentials mode, run the CORS check on every response of the redirect\n"
    "chain, then print which headers of the final response a cross-origin\n"
    "script can read.\n"
    "\n"
    "The CORS check (Fetch): Access-Control-Allow-Origin must be present and\n"
    "be \"*\" or the request's origin, byte for byte; \"*\" is refused for\n"
    "credentials include, which also needs Access-Control-Allow-Credentials:\n"
    "true (exactly, lowercase). Several lines of one of these headers are\n"
    "combined with \", \" first, so they never pass. A failure on any\n"
    "response of the chain fails the request, as in a browser: then nothing\n"
    "is readable. After a redirect from one origin to another (when the\n"
    "request's origin differs from the redirecting URL's), the request's\n"
    "origin becomes \"null\" (Fetch's tainted origin); --url tells which\n"
    "redirects cross origins. More than 20 redirects fail the request.\n"
    "\n"
    "  --origin ORIGIN     the script's origin, e.g. https://app.example;\n"
    "                      without it, an Access-Control-Allow-Origin value\n"
    "                      other than \"*\" is assumed to be the script's origin\n"
    "                      when it is a single non-empty value without a comma\n"
    "  --url URL           the request's URL (absolute http or https), to\n"
    "                      resolve Location headers and find cross-origin\n"
    "                      redirects; without it, a redirect to an absolute\n"
    "                      URL is assumed not to change the origin (a note\n"
    "                      says so)\n"
    "  --credentials MODE  check only this mode: omit, same-origin (like omit\n"
    "                      on a cross-origin request) or include; default: all\n"
    "                      three\n"
    "  --authorization-needs-listing\n"
    "                      the older reading in which \"*\" does not cover\n"
    "                      Authorization\n"
    "  --json              print one JSON object instead of text\n"
    "  -h, --help          this help\n"
    "\n"
    "Warnings: credentialed-wildcard: Access-Control-Expose-Headers holds \"*\"\n"
    "while Access-Control-Allow-Credentials is true: the credentialed requests\n"
    "this response allows read \"*\" as a literal name and see no extra header.\n"
    "\n"
    "Input: lines end with CRLF or LF; header names match ASCII\n"
    "case-insensitively; values lose leading and trailing spaces and tabs. An\n"
    "obs-fold line (starting with a space or tab) is joined to the previous\n"
    "value with one space, as RFC 9112 section 5.2 asks of user agents, with a\n"
    "warning. A head ends at an empty line; when the next bytes are \"HTTP/\",\n"
    "another head follows (curl -L, 1xx responses, which are skipped);\n"
    "anything else after the last head (a body) is read and dropped. Offsets\n"
    "in Access-Control-Expose-Headers errors count from 0 in the value\n"
    "without its surrounding spaces; input lines count from 1.\n"
    "Exit status: 0 the request passes the CORS checks in at least one mode\n"
    "checked and the final Access-Control-Expose-Headers is valid or absent;\n"
    "1 it fails in every mode checked, or Access-Control-Expose-Headers is\n"
    "invalid; 2 usage or input error: unreadable FILE, empty input, a head\n"
    "without a status line, a line that is not a header line (no ':', an\n"
    "invalid name), a bare CR (CR-only line ends), a continuation line with no\n"
    "header before it, a head over 8 MiB.\n";

enum { OPT_CRED = 1, OPT_ORIGIN, OPT_AUTH, OPT_JSON, OPT_URL };

/* One response head: its raw bytes, and the fields found in them. */
typedef struct head {
    char *buf; /* raw bytes: status line, field lines, line ends */
    size_t len, cap;
    char *arena; /* values, trimmed and unfolded; room for cap bytes */
    aceh_header *h;
    size_t *lineno; /* input line (from 1) of each field */
    size_t n, hcap;
    const char *status;
    size_t status_len;
    size_t line0; /* input line of the status line */
    int code;     /* status code */
} head;

typedef struct reader {
    FILE *f;
    size_t lineno; /* lines read so far */
    char pend[5];  /* bytes read after a head, when they start the next */
    size_t npend;
} reader;

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

static int ieq(const char *p, size_t n, const char *s)
{
    return aceh_name_eq(p, n, s, strlen(s));
}

static int iprefix(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s);
    return n >= k && aceh_name_eq(p, k, s, k);
}

/* "HTTP/" version SP 3DIGIT [ SP reason ]: enough to tell a status line from
 * anything else; the version and reason are not checked further. Sets the
 * status code. */
static int status_line_ok(const char *l, size_t n, int *code)
{
    size_t i = 5, v;
    if (n < 5 || memcmp(l, "HTTP/", 5) != 0) return 0;
    v = i;
    while (i < n && l[i] != ' ') i++;
    if (i == v || n - i < 4) return 0;
    *code = 0;
    for (v = i + 1; v < i + 4; v++) {
        if (l[v] < '0' || l[v] > '9') return 0;
        *code = *code * 10 + (l[v] - '0');
    }
    return v == n || l[v] == ' ';
}

static int grow(char **buf, size_t *cap, size_t need)
{
    size_t ncap = *cap ? *cap : 4096;
    char *nb;
    if (need <= *cap) return 0;
    while (ncap < need) ncap *= 2;
    nb = realloc(*buf, ncap);
    if (!nb) return -1;
    *buf = nb;
    *cap = ncap;
    return 0;
}

/* Read one head (up to and including its empty line, or to the end of the
 * input) into hd->buf, after the pending bytes. Returns 1 with *blank set
 * when an empty line ended it, 0 at the end of the input with nothing
 * read, -1 on a read error, -2 when the head exceeds CHECK_HEAD_MAX, -3 out
 * of memory. O(head bytes). */
static int read_head(reader *rd, head *hd, int *blank)
{
    size_t ls;
    int c;
    hd->len = 0;
    *blank = 0;
    if (grow(&hd->buf, &hd->cap, rd->npend + 1)) return -3;
    memcpy(hd->buf, rd->pend, rd->npend);
    hd->len = rd->npend;
    rd->npend = 0;
    hd->line0 = rd->lineno + 1;
    ls = 0;
    while ((c = getc(rd->f)) != EOF) {
        if (hd->len >= CHECK_HEAD_MAX) return -2;
        if (hd->len == hd->cap && grow(&hd->buf, &hd->cap, hd->len + 1))
            return -3;
        hd->buf[hd->len++] = (char)c;
        if (c != '\n') continue;
        rd->lineno++;
        if (hd->len - ls == 1 || (hd->len - ls == 2 && hd->buf[ls] == '\r')) {
            *blank = 1;
            return 1;
        }
        ls = hd->len;
    }
    if (ferror(rd->f)) return -1;
    if (hd->len > ls) rd->lineno++; /* a last line without LF */
    return hd->len > 0;
}

/* After a head's empty line: is another head next? Keeps its first bytes
 * pending. Otherwise reads and drops the rest of the input (a body) in
 * fixed-size blocks. Returns 1 another head, 0 none, -1 read error. */
static int next_is_head(reader *rd)
{
    char drop[65536];
    int c;
    while (rd->npend < 5 && (c = getc(rd->f)) != EOF)
        rd->pend[rd->npend++] = (char)c;
    if (rd->npend == 5 && memcmp(rd->pend, "HTTP/", 5) == 0) return 1;
    rd->npend = 0;
    while (fread(drop, 1, sizeof drop, rd->f) > 0) continue;
    return ferror(rd->f) ? -1 : 0;
}

static int push(head *hd, const char *name, size_t nlen, char *val,
                size_t vlen, size_t lineno)
{
    if (hd->n == hd->hcap) {
        size_t ncap = hd->hcap ? hd->hcap * 2 : 32;
        aceh_header *nh = realloc(hd->h, sizeof *nh * ncap);
        size_t *nl;
        if (!nh) return -1;
        hd->h = nh;
        nl = realloc(hd->lineno, sizeof *nl * ncap);
        if (!nl) return -1;
        hd->lineno = nl;
        hd->hcap = ncap;
    }
    hd->h[hd->n].name = name;
    hd->h[hd->n].name_len = nlen;
    hd->h[hd->n].value = val;
    hd->h[hd->n].value_len = vlen;
    hd->lineno[hd->n] = lineno;
    hd->n++;
    return 0;
}

/* Split the head in hd->buf into its status line and fields. Values are
 * copied, trimmed and unfolded into the arena, which has room for the
 * head's bytes: a value never grows past the lines it came from. Returns
 * 0, or CLI_USAGE after reporting the problem. O(head bytes). */
static int parse_head(head *hd, int warn_folds)
{
    const char *buf = hd->buf;
    size_t len = hd->len, pos = 0, lineno = hd->line0 - 1, used = 0;
    char *arena = hd->arena;
    hd->n = 0;
    hd->status = NULL;
    while (pos < len) {
        const char *l = buf + pos;
        const char *nl = memchr(l, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - l) : len - pos;
        const char *colon, *v, *ve, *cr;
        pos += nl ? ll + 1 : ll;
        lineno++;
        if (ll > 0 && l[ll - 1] == '\r') ll--;
        cr = ll ? memchr(l, '\r', ll) : NULL;
        if (cr) {
            cli_err("check-response",
                    "line %zu: a CR not followed by LF at byte %zu: lines "
                    "must end with CRLF or LF (CR-only line ends?)",
                    lineno, (size_t)(cr - l));
            return CLI_USAGE;
        }
        if (!hd->status) {
            if (!status_line_ok(l, ll, &hd->code)) {
                cli_err("check-response",
                        "line %zu: expected a status line (HTTP/VERSION "
                        "CODE REASON)",
                        lineno);
                return CLI_USAGE;
            }
            hd->status = l;
            hd->status_len = ll;
            continue;
        }
        if (ll == 0) break; /* the empty line that ends the head */
        v = l;
        ve = l + ll;
        if (is_ows(l[0])) {
            aceh_header *last;
            if (hd->n == 0) {
                cli_err("check-response",
                        "line %zu: continuation line (obs-fold) with no "
                        "header line before it",
                        lineno);
                return CLI_USAGE;
            }
            while (v < ve && is_ows(*v)) v++;
            while (ve > v && is_ows(ve[-1])) ve--;
            last = &hd->h[hd->n - 1];
            if (warn_folds)
                fprintf(stderr,
                        "aceh: check-response: warning: line %zu: obs-fold "
                        "continuation joined to the previous line with a "
                        "space (RFC 9112 section 5.2)\n",
                        lineno);
            if (ve > v) {
                if (last->value_len > 0) arena[used++] = ' ';
                memcpy(arena + used, v, (size_t)(ve - v));
                used += (size_t)(ve - v);
                last->value_len = (size_t)(arena + used - last->value);
            }
            continue;
        }
        colon = memchr(l, ':', ll);
        if (!colon) {
            cli_err("check-response", "line %zu: not a header line (no ':')",
                    lineno);
            return CLI_USAGE;
        }
        if (!aceh_is_name(l, (size_t)(colon - l))) {
            fprintf(stderr,
                    "aceh: check-response: line %zu: invalid header name \"",
                    lineno);
            cli_esc(stderr, l, (size_t)(colon - l));
            fputs("\" (empty, whitespace before ':' or a byte that is not a "
                  "token character)\n",
                  stderr);
            return CLI_USAGE;
        }
        v = colon + 1;
        while (v < ve && is_ows(*v)) v++;
        while (ve > v && is_ows(ve[-1])) ve--;
        if (ve > v) memcpy(arena + used, v, (size_t)(ve - v));
        if (push(hd, l, (size_t)(colon - l), arena + used, (size_t)(ve - v),
                 lineno)) {
            cli_err("check-response", "out of memory");
            return CLI_USAGE;
        }
        used += (size_t)(ve - v);
    }
    return 0;
}

/* Fetch "get": the values of every header with this name, combined with
 * ", ", in a malloc'd buffer. Returns 0 when absent, 1 when present, -1 on
 * out of memory. O(head). */
static int get(const head *hd, const char *name, char **out, size_t *olen)
{
    size_t i, n = 0, k = 0, nl = strlen(name);
    int found = 0;
    char *b;
    for (i = 0; i < hd->n; i++)
        if (aceh_name_eq(hd->h[i].name, hd->h[i].name_len, name, nl)) {
            n += (found ? 2 : 0) + hd->h[i].value_len;
            found = 1;
        }
    *out = NULL;
    *olen = 0;
    if (!found) return 0;
    b = malloc(n + 1);
    if (!b) return -1;
    found = 0;
    for (i = 0; i < hd->n; i++)
        if (aceh_name_eq(hd->h[i].name, hd->h[i].name_len, name, nl)) {
            if (found) {
                b[k++] = ',';
                b[k++] = ' ';
            }
            if (hd->h[i].value_len)
                memcpy(b + k, hd->h[i].value, hd->h[i].value_len);
            k += hd->h[i].value_len;
            found = 1;
        }
    *out = b;
    *olen = k;
    return 1;
}

static int bytes_is(const char *p, size_t n, const char *s)
{
    return n == strlen(s) && (n == 0 || memcmp(p, s, n) == 0);
}

static void quoted(FILE *f, const char *p, size_t n)
{
    fputc('"', f);
    cli_esc(f, p, n);
    fputc('"', f);
}

/* The field lines of one header, in order, as a malloc'd array (NULL and
 * 0 when absent). Returns 0, or -1 out of memory. */
static int lines_of(const head *hd, const char *name, aceh_str **out,
                    size_t *n)
{
    size_t i, k = 0, nl = strlen(name);
    aceh_str *l;

    *out = NULL;
    *n = 0;
    for (i = 0; i < hd->n; i++)
        k += aceh_name_eq(hd->h[i].name, hd->h[i].name_len, name, nl) != 0;
    if (k == 0) return 0;
    l = malloc(k * sizeof *l);
    if (!l) return -1;
    for (i = 0, k = 0; i < hd->n; i++)
        if (aceh_name_eq(hd->h[i].name, hd->h[i].name_len, name, nl)) {
            l[k].ptr = hd->h[i].value;
            l[k++].len = hd->h[i].value_len;
        }
    *out = l;
    *n = k;
    return 0;
}

/* The CORS check of Fetch for one credentials mode (the library's
 * aceh_cors_check); origin is the request's serialized origin, or NULL
 * when unknown: then a single Access-Control-Allow-Origin value is taken
 * for it. Returns 1 pass, 0 fail, -1 out of memory; the reason goes to
 * why. */
static int cors(const head *hd, const char *origin, aceh_mode mode, FILE *why)
{
    char *acao = NULL, *acac = NULL;
    aceh_str *ao = NULL, *ac = NULL;
    size_t alen, clen, nao, nac;
    int ok = -1;
    aceh_cors c;

    if (lines_of(hd, "Access-Control-Allow-Origin", &ao, &nao) ||
        lines_of(hd, "Access-Control-Allow-Credentials", &ac, &nac) ||
        get(hd, "Access-Control-Allow-Origin", &acao, &alen) < 0 ||
        get(hd, "Access-Control-Allow-Credentials", &acac, &clen) < 0)
        goto out;
    if (!origin && acao && alen != 0 && !memchr(acao, ',', alen) &&
        !bytes_is(acao, alen, "*"))
        c = aceh_cors_check(ao, nao, ac, nac, acao, alen, mode);
    else
        c = aceh_cors_check(ao, nao, ac, nac, origin ? origin : "",
                            origin ? strlen(origin) : 0, mode);
    ok = c > 0;
    if (c == ACEH_CORS_NO_ALLOW_ORIGIN) {
        fputs("no Access-Control-Allow-Origin header", why);
        goto out;
    }
    fputs("Access-Control-Allow-Origin ", why);
    quoted(why, acao, alen);
    switch (c) {
    case ACEH_CORS_PASS_WILDCARD: fputs(" allows every origin", why); goto out;
    case ACEH_CORS_WILDCARD_CREDENTIALS:
        fputs(" is refused for credentials include", why);
        goto out;
    case ACEH_CORS_ORIGIN_MISMATCH:
        if (origin) {
            fputs(" does not match the origin ", why);
            quoted(why, origin, strlen(origin));
        } else {
            fputs(" is not a single origin", why);
        }
        goto out;
    default: break;
    }
    if (origin) {
        fputs(" matches the origin", why);
        if (strcmp(origin, "null") == 0)
            fputs(" (\"null\" after a cross-origin redirect)", why);
    } else {
        fputs(" (assumed to be the script's origin: no --origin)", why);
    }
    if (mode != ACEH_INCLUDE) goto out;
    if (!acac) {
        fputs(", but credentials include also needs "
              "Access-Control-Allow-Credentials: true, which is absent",
              why);
    } else if (c == ACEH_CORS_NO_CREDENTIALS) {
        fputs(", but Access-Control-Allow-Credentials is ", why);
        quoted(why, acac, clen);
        fputs(", not exactly \"true\"", why);
    } else {
        fputs(" and Access-Control-Allow-Credentials is \"true\"", why);
    }
out:
    free(ao);
    free(ac);
    free(acao);
    free(acac);
    return ok;
}

/* A response that carries Access-Control-Allow-Methods, -Allow-Headers or
 * -Max-Age answers a preflight: say whether its lists are valid (one
 * invalid element fails the preflight, a network error) and the cache
 * lifetime Fetch computes. Returns -1 out of memory, else 0. */
static int preflight_note(const head *hd)
{
    static const char *const lists[] = {"Access-Control-Allow-Methods",
                                        "Access-Control-Allow-Headers"};
    aceh_str *l = NULL;
    size_t n, i, k, seen = 0;
    int valid = 0;
    unsigned long age;

    for (i = 0; i < hd->n; i++)
        for (k = 0; k < 2; k++)
            seen += aceh_name_eq(hd->h[i].name, hd->h[i].name_len, lists[k],
                                 strlen(lists[k])) != 0;
    if (lines_of(hd, "Access-Control-Max-Age", &l, &n)) return -1;
    if (seen == 0 && n == 0) return 0;
    age = aceh_max_age(l, n, &valid);
    free(l);
    fputs("preflight response:", stdout);
    for (k = 0; k < 2; k++) {
        aceh_list list;
        if (lines_of(hd, lists[k], &l, &n)) return -1;
        aceh_list_parse(&list, l, n, NULL, 0);
        free(l);
        printf(" %s %s", lists[k], n == 0 ? "absent" : list.status < 0
                                                          ? "invalid"
                                                          : "valid");
        if (list.status < 0) {
            /* the failing line's input line: the err_line-th such field */
            size_t j, m = 0, at = 0;
            for (j = 0; j < hd->n; j++)
                if (aceh_name_eq(hd->h[j].name, hd->h[j].name_len, lists[k],
                                 strlen(lists[k])) &&
                    m++ == list.err_line)
                    at = hd->lineno[j];
            printf(" (input line %zu offset %zu: %s; a preflight with it "
                   "fails)",
                   at, list.err_off, aceh_status_str(list.status));
        }
        putchar(',');
    }
    printf(" cache %lu s%s\n", age,
           valid ? "" : " (Access-Control-Max-Age absent or invalid: "
                        "Fetch's default)");
    puts("note: `aceh preflight` decides a preflight for a given request");
    return 0;
}

/* ---------------------------------------------------------------- URLs */

/* The serialized origin of an absolute http or https URL: lowercase
 * scheme and host, the port unless it is the scheme's default. Returns a
 * malloc'd string, or NULL when [p, p+n) is not such a URL (or out of
 * memory). Userinfo is skipped; hosts are compared as ASCII (no IDNA or
 * percent-decoding). O(n). */
static char *url_origin(const char *p, size_t n)
{
    size_t s, i, e, at, hs, he, ps, pe, k, o = 0;
    int https;
    char *out;
    if (iprefix(p, n, "http://")) {
        s = 4;
        https = 0;
    } else if (iprefix(p, n, "https://")) {
        s = 5;
        https = 1;
    } else {
        return NULL;
    }
    i = s + 3;
    for (e = i; e < n && p[e] != '/' && p[e] != '?' && p[e] != '#' &&
                p[e] != '\\';
         e++)
        continue;
    for (at = e; at > i; at--)
        if (p[at - 1] == '@') break;
    hs = at > i ? at : i;
    if (hs < e && p[hs] == '[') {
        for (he = hs; he < e && p[he] != ']'; he++) continue;
        if (he == e) return NULL;
        he++;
    } else {
        for (he = hs; he < e && p[he] != ':'; he++) continue;
    }
    if (he == hs) return NULL;
    ps = pe = he;
    if (he < e) {
        if (p[he] != ':') return NULL;
        ps = he + 1;
        for (pe = ps; pe < e; pe++)
            if (p[pe] < '0' || p[pe] > '9') return NULL;
        while (ps < pe - 1 && p[ps] == '0') ps++; /* "080" is port 80 */
        if ((!https && pe - ps == 2 && memcmp(p + ps, "80", 2) == 0) ||
            (https && pe - ps == 3 && memcmp(p + ps, "443", 3) == 0))
            ps = pe;
    }
    out = malloc(s + 3 + (he - hs) + 1 + (pe - ps) + 1);
    if (!out) return NULL;
    for (k = 0; k < s; k++) out[o++] = (char)(p[k] | 0x20);
    memcpy(out + o, "://", 3);
    o += 3;
    for (k = hs; k < he; k++)
        out[o++] = p[k] >= 'A' && p[k] <= 'Z' ? (char)(p[k] + 32) : p[k];
    if (pe > ps) {
        out[o++] = ':';
        memcpy(out + o, p + ps, pe - ps);
        o += pe - ps;
    }
    out[o] = '\0';
    return out;
}

enum { LOC_SAME, LOC_ORIGIN, LOC_UNKNOWN, LOC_NOT_HTTP };

/* Where a Location value leads, seen from the current URL's origin cur
 * (NULL when unknown): LOC_SAME (a relative reference), LOC_ORIGIN with
 * the new origin in *next (malloc'd), LOC_UNKNOWN (scheme-relative without
 * a known current origin, or unparsable), LOC_NOT_HTTP (another scheme:
 * Fetch fails the request). */
static int resolve(const char *p, size_t n, const char *cur, char **next)
{
    size_t i = 0;
    *next = NULL;
    if (n >= 2 && (p[0] == '/' || p[0] == '\\') &&
        (p[1] == '/' || p[1] == '\\')) {
        char *tmp;
        const char *colon = cur ? strchr(cur, ':') : NULL;
        size_t sl;
        if (!colon) return LOC_UNKNOWN;
        sl = (size_t)(colon - cur) + 1;
        tmp = malloc(sl + n + 1);
        if (!tmp) return LOC_UNKNOWN;
        memcpy(tmp, cur, sl);
        memcpy(tmp + sl, p, n);
        *next = url_origin(tmp, sl + n);
        free(tmp);
        return *next ? LOC_ORIGIN : LOC_UNKNOWN;
    }
    if (n && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')))
        for (i = 1; i < n; i++)
            if (!((p[i] >= 'a' && p[i] <= 'z') ||
                  (p[i] >= 'A' && p[i] <= 'Z') ||
                  (p[i] >= '0' && p[i] <= '9') || p[i] == '+' ||
                  p[i] == '-' || p[i] == '.'))
                break;
    if (i == 0 || i >= n || p[i] != ':') return LOC_SAME;
    if (!ieq(p, i, "http") && !ieq(p, i, "https")) return LOC_NOT_HTTP;
    *next = url_origin(p, n);
    return *next ? LOC_ORIGIN : LOC_UNKNOWN;
}

/* What is kept of a response of the chain once its head is gone. */
typedef struct hop {
    char *status; /* copy of the status line */
    size_t status_len, line;
    int code, checked; /* checked: the CORS check applies (cross-origin) */
    int pass[3];
    char *why[3];
    size_t whylen[3];
    const char *origin; /* the request's origin for this response */
    /* redirect to the next response: */
    char *loc;
    size_t loclen;
    int loc_kind, cross; /* cross: 1 yes, 0 no, -1 unknown */
    int tainted;         /* the origin is "null" from the next one on */
} hop;

static void hop_free(hop *h)
{
    size_t m;
    free(h->status);
    free(h->loc);
    for (m = 0; m < 3; m++) free(h->why[m]);
}

static char *dup_bytes(const char *p, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    if (n) memcpy(d, p, n);
    d[n] = '\0';
    return d;
}

typedef struct chain {
    const char *req_origin; /* --origin as given (NULL: unknown) */
    char *req_norm;         /* its normalized origin, for same-origin tests */
    char *cur;              /* the current URL's origin (NULL: unknown) */
    int tainting_cors;      /* Fetch's response tainting is "cors" */
    int tainted;            /* Fetch's tainted origin flag */
    int unknown_cross;      /* a redirect whose origin change is unknown */
    const aceh_mode *modes;
    size_t nmodes;
    /* The first MAX_REDIRECTS + 1 responses, and the final one. */
    hop hops[MAX_REDIRECTS + 2];
    size_t nhops, total; /* kept, and responses in all */
    int req_pass[3];
    size_t fail_hop[3]; /* first failing response (index), or TOO_MANY */
} chain;

#define TOO_MANY ((size_t)-1)

static int same_origin(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The CORS check of one response of the chain, for every mode, then the
 * redirect it makes (when another response follows). Returns 0, or -1 out
 * of memory. */
static int check_hop(chain *c, const head *hd, int last)
{
    hop *h;
    size_t m;
    c->total++;
    if (c->total > MAX_REDIRECTS + 1) {
        /* Past Fetch's limit: the request fails; the heads are still read
         * to reach the final one, which is kept for the table. */
        for (m = 0; m < c->nmodes; m++)
            if (c->req_pass[m]) {
                c->req_pass[m] = 0;
                c->fail_hop[m] = TOO_MANY;
            }
        if (!last) return 0;
    }
    h = &c->hops[c->nhops++];
    memset(h, 0, sizeof *h);
    h->status = dup_bytes(hd->status, hd->status_len);
    if (!h->status) return -1;
    h->status_len = hd->status_len;
    h->line = hd->line0;
    h->code = hd->code;
    h->checked = c->tainting_cors;
    h->origin = c->tainted ? "null" : c->req_origin;
    h->cross = -1;
    for (m = 0; m < c->nmodes; m++) {
        FILE *w = open_memstream(&h->why[m], &h->whylen[m]);
        if (!w) return -1;
        if (h->checked)
            h->pass[m] = cors(hd, h->origin, c->modes[m], w);
        else {
            fputs("same-origin request (--url and --origin): no CORS check",
                  w);
            h->pass[m] = 1;
        }
        if (fclose(w) != 0 || h->pass[m] < 0) return -1;
        if (!h->pass[m] && c->req_pass[m]) {
            c->req_pass[m] = 0;
            c->fail_hop[m] = c->nhops - 1;
        }
    }
    if (last || c->total > MAX_REDIRECTS) return 0;
    {
        char *loc = NULL, *next = NULL;
        size_t ll;
        int r = hd->code >= 300 && hd->code < 400
                    ? get(hd, "Location", &loc, &ll)
                    : 0;
        if (r < 0) return -1;
        if (r == 0) {
            h->loc_kind = -1; /* not a redirect: the origin stays */
            h->cross = 0;
            return 0;
        }
        h->loc = loc;
        h->loclen = ll;
        h->loc_kind = resolve(loc, ll, c->cur, &next);
        if (h->loc_kind == LOC_SAME) {
            h->cross = 0;
        } else if (h->loc_kind == LOC_ORIGIN) {
            h->cross = c->cur ? !same_origin(c->cur, next) : -1;
            /* Fetch (HTTP-redirect fetch): a redirect to another origin
             * taints the request's origin unless that origin is the
             * current URL's own. */
            if (h->cross == 1 && !same_origin(c->req_norm, c->cur))
                c->tainted = 1;
            free(c->cur);
            c->cur = next;
        } else if (h->loc_kind == LOC_NOT_HTTP) {
            for (m = 0; m < c->nmodes; m++)
                if (c->req_pass[m]) {
                    c->req_pass[m] = 0;
                    c->fail_hop[m] = c->nhops - 1;
                }
        }
        if (h->cross == -1) {
            c->unknown_cross = 1;
            if (h->loc_kind == LOC_UNKNOWN) {
                free(c->cur);
                c->cur = NULL;
            } else {
                /* The new origin is known, the old one was not. */
            }
        }
        h->tainted = c->tainted;
        if (!same_origin(c->cur, c->req_norm)) c->tainting_cors = 1;
    }
    return 0;
}

/* The credentialed-wildcard trap on the final response: "*" in a valid
 * Access-Control-Expose-Headers while Access-Control-Allow-Credentials is
 * true. Returns 1 trap, 0 none, -1 out of memory. O(head). */
static int trap(const head *hd)
{
    aceh_str *lines;
    aceh_list list;
    char *acac = NULL;
    size_t clen, n;
    int r;
    r = get(hd, "Access-Control-Allow-Credentials", &acac, &clen);
    if (r <= 0) return r;
    r = bytes_is(acac, clen, "true");
    free(acac);
    if (!r) return 0;
    if (lines_of(hd, "Access-Control-Expose-Headers", &lines, &n)) return -1;
    if (!n) return 0;
    aceh_list_parse(&list, lines, n, NULL, 0);
    free(lines);
    return list.status >= 0 && list.wildcard;
}

static const char trap_msg[] =
    "Access-Control-Expose-Headers holds \"*\" and "
    "Access-Control-Allow-Credentials is \"true\": the credentialed requests "
    "this response allows read \"*\" as a literal name, so they see no "
    "header beyond the safelist; list the names instead";

static void print_redirect(const hop *h, const chain *c)
{
    if (h->loc_kind == -1 || !h->loc) {
        puts("  not a redirect (no 3xx status with a Location): the next "
             "response is taken as the same request's");
        return;
    }
    fputs("  redirect to ", stdout);
    cli_esc(stdout, h->loc, h->loclen > 200 ? 200 : h->loclen);
    if (h->loclen > 200) fputs("...", stdout);
    switch (h->loc_kind) {
    case LOC_SAME: puts(": same origin"); break;
    case LOC_NOT_HTTP:
        puts(": not an http or https URL, which fails the request (Fetch)");
        break;
    default:
        if (h->cross == 1)
            printf(": cross-origin%s\n",
                   h->tainted ? ", the request's origin is \"null\" from "
                                "here on (Fetch's tainted origin)"
                              : "");
        else if (h->cross == 0)
            puts(": same origin");
        else
            printf(": %s\n", c->cur ? "from an unknown origin (no --url)"
                                    : "to an unknown origin");
    }
}

/* One run of the command: its options, the chain read, and what the final
 * response lets a script read in each credentials mode. */
typedef struct run {
    const char *url, *path;
    int json;
    unsigned flags;
    aceh_mode modes[3];
    size_t nmodes;
    chain *c;
    head hd;                 /* the final response's head, once read */
    unsigned char *readable; /* nmodes rows of hd.n */
    aceh_status st;          /* the final Access-Control-Expose-Headers */
    size_t err_index, err_off;
    int aceh_present, any_pass, is_trap;
} run;

/* Read the options into R and set up its chain. Returns -1 to go on,
 * else the exit status (after the help, or a usage error reported). */
static int parse_args(run *R, int argc, char **argv, int first)
{
    static const cli_opt opts[] = {
        {"credentials", 1, OPT_CRED},
        {"origin", 1, OPT_ORIGIN},
        {"url", 1, OPT_URL},
        {"authorization-needs-listing", 0, OPT_AUTH},
        {"json", 0, OPT_JSON},
        {NULL, 0, 0}};
    chain *c = R->c;
    cli_args a;
    char *arg;
    char *path = NULL;
    size_t m;
    int r;

    cli_args_init(&a, argc, argv, first, "check-response");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2: return CLI_USAGE;
        case CLI_OPT_HELP:
            fputs(help, stdout);
            return cli_flush("check-response") ? CLI_USAGE : CLI_OK;
        case OPT_CRED:
            if (cli_mode(arg, &R->modes[0])) {
                cli_usage("check-response",
                          "unknown credentials mode '%s' (omit, "
                          "same-origin or include)",
                          arg);
                return CLI_USAGE;
            }
            R->nmodes = 1;
            break;
        case OPT_ORIGIN: c->req_origin = arg; break;
        case OPT_URL: R->url = arg; break;
        case OPT_AUTH:
            R->flags |= ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION;
            break;
        case OPT_JSON: R->json = 1; break;
        default:
            if (path) {
                cli_usage("check-response", "more than one FILE ('%s' and "
                                            "'%s')",
                          path, arg);
                return CLI_USAGE;
            }
            path = arg;
        }
    }
    R->path = path;
    if (R->url && !(c->cur = url_origin(R->url, strlen(R->url)))) {
        cli_usage("check-response",
                  "--url '%s' is not an absolute http or https URL", R->url);
        return CLI_USAGE;
    }
    if (c->req_origin)
        c->req_norm = url_origin(c->req_origin, strlen(c->req_origin));
    c->modes = R->modes;
    c->nmodes = R->nmodes;
    for (m = 0; m < 3; m++) c->req_pass[m] = 1;
    c->tainting_cors = !same_origin(c->cur, c->req_norm);
    return -1;
}

/* A response that is not part of the redirect chain: a 1xx (interim), or
 * a proxy's "200 Connection established" (curl through a proxy). */
static int interim(const head *hd)
{
    return (hd->code >= 100 && hd->code < 200) ||
           (hd->code == 200 && hd->status_len >= 22 &&
            ieq(hd->status + hd->status_len - 22, 22,
                "Connection established"));
}

/* Read every head of the input, checking each response of the chain;
 * R->hd keeps the final one. Returns 0, or -1 after reporting the
 * problem. O(input). */
static int read_chain(run *R, FILE *in, const char *path)
{
    head *hd = &R->hd;
    reader rd;
    size_t arena_cap = 0;
    int r, blank, more;

    rd.f = in;
    rd.lineno = 0;
    rd.npend = 0;
    for (;;) {
        r = read_head(&rd, hd, &blank);
        if (r == 0 && R->c->total == 0 && hd->status == NULL) {
            cli_err("check-response", "empty input: expected an HTTP "
                                      "response head (status line and "
                                      "header lines)");
            return -1;
        }
        if (r == -1) {
            cli_err("check-response", "cannot read %s: %s", path,
                    strerror(errno));
            return -1;
        }
        if (r == -2) {
            cli_err("check-response",
                    "line %zu: the response head starting at line %zu is "
                    "over %u MiB",
                    rd.lineno, hd->line0, CHECK_HEAD_MAX >> 20);
            return -1;
        }
        if (r == -3 ||
            (hd->cap > arena_cap && grow(&hd->arena, &arena_cap, hd->cap))) {
            cli_err("check-response", "out of memory");
            return -1;
        }
        if (parse_head(hd, 1)) return -1;
        more = 0;
        if (blank) {
            more = next_is_head(&rd);
            if (more < 0) {
                cli_err("check-response", "cannot read %s: %s", path,
                        strerror(errno));
                return -1;
            }
        }
        if (more && interim(hd)) continue;
        if (check_hop(R->c, hd, !more)) {
            cli_err("check-response", "out of memory");
            return -1;
        }
        if (!more) return 0;
    }
}

/* Which headers of the final response a script reads in each mode
 * (nothing when the request failed), and the credentialed-wildcard trap.
 * Returns 0, or -1 out of memory. */
static int decide(run *R)
{
    const head *hd = &R->hd;
    const hop *fin = &R->c->hops[R->c->nhops - 1];
    size_t i, m;

    R->readable = malloc(R->nmodes * (hd->n ? hd->n : 1));
    if (!R->readable) return -1;
    for (i = 0; i < hd->n; i++)
        if (ieq(hd->h[i].name, hd->h[i].name_len,
                "Access-Control-Expose-Headers"))
            R->aceh_present = 1;
    for (m = 0; m < R->nmodes; m++) {
        unsigned char *row = R->readable + m * hd->n;
        R->st = aceh_filter(hd->h, hd->n, R->modes[m], R->flags, row,
                            &R->err_index, &R->err_off);
        if (!fin->checked) {
            /* A same-origin response is not CORS-filtered: every header
             * but the forbidden ones is readable. */
            for (i = 0; i < hd->n; i++)
                row[i] = !aceh_is_forbidden(hd->h[i].name, hd->h[i].name_len);
        }
        if (!R->c->req_pass[m]) memset(row, 0, hd->n);
        if (R->c->req_pass[m]) R->any_pass = 1;
    }
    R->is_trap = trap(hd);
    return R->is_trap < 0 ? -1 : 0;
}

static void json_or_null(const char *s)
{
    if (s)
        cli_json_cstr(stdout, s);
    else
        fputs("null", stdout);
}

/* The JSON reason the request fails or passes in mode m: the final
 * response's, or the earlier response or redirect that failed it. */
static void json_request_reason(const chain *c, size_t m)
{
    const hop *fin = &c->hops[c->nhops - 1];
    const hop *f = c->req_pass[m] || c->fail_hop[m] == TOO_MANY
                       ? fin
                       : &c->hops[c->fail_hop[m]];
    if (!c->req_pass[m] && c->fail_hop[m] == TOO_MANY)
        cli_json_cstr(stdout, "more than 20 redirects (Fetch's "
                              "limit)");
    else if (f != fin || (!c->req_pass[m] && fin->pass[m])) {
        /* the failure is on an earlier response, or a redirect */
        char *s = NULL;
        size_t sl = 0;
        FILE *w = open_memstream(&s, &sl);
        if (w) {
            fprintf(w, "response %zu: ", (size_t)(f - c->hops) + 1);
            if (f->pass[m])
                fputs("a redirect Fetch refuses", w);
            else
                fwrite(f->why[m], 1, f->whylen[m], w);
            fclose(w);
            cli_json_str(stdout, s, sl);
        }
        free(s);
    } else
        cli_json_str(stdout, fin->why[m], fin->whylen[m]);
}

/* "responses": each response kept of the chain, its checks and redirect. */
static void json_responses(const run *R)
{
    const chain *c = R->c;
    size_t k, m;
    for (k = 0; k < c->nhops; k++) {
        const hop *h = &c->hops[k];
        printf("%s{\"status_line\":", k ? "," : "");
        cli_json_str(stdout, h->status, h->status_len);
        printf(",\"input_line\":%zu,\"cors_checked\":%s,\"request_origin\":",
               h->line, h->checked ? "true" : "false");
        json_or_null(h->origin);
        fputs(",\"checks\":[", stdout);
        for (m = 0; m < R->nmodes; m++) {
            printf("%s{\"credentials\":\"%s\",\"cors\":%s,\"reason\":",
                   m ? "," : "", cli_mode_str(R->modes[m]),
                   h->pass[m] ? "true" : "false");
            cli_json_str(stdout, h->why[m], h->whylen[m]);
            putchar('}');
        }
        fputs("],\"redirect\":", stdout);
        if (h->loc) {
            fputs("{\"location\":", stdout);
            cli_json_str(stdout, h->loc, h->loclen);
            printf(",\"cross_origin\":%s,\"tainted\":%s}",
                   h->cross == 1   ? "true"
                   : h->cross == 0 ? "false"
                                   : "null",
                   h->tainted ? "true" : "false");
        } else {
            fputs("null", stdout);
        }
        putchar('}');
    }
}

/* The report as one JSON object. */
static void print_json(const run *R)
{
    const head *hd = &R->hd;
    size_t i, m;
    fputs("{\"status_line\":", stdout);
    cli_json_str(stdout, hd->status, hd->status_len);
    fputs(",\"origin\":", stdout);
    json_or_null(R->c->req_origin);
    fputs(",\"url\":", stdout);
    json_or_null(R->url);
    printf(",\"aceh\":{\"present\":%s,\"valid\":%s,\"status\":\"%s\","
           "\"error\":",
           R->aceh_present ? "true" : "false", R->st < 0 ? "false" : "true",
           aceh_status_str(R->st));
    if (R->st < 0 && R->err_index < hd->n)
        printf("{\"input_line\":%zu,\"header\":%zu,\"offset\":%zu,"
               "\"status\":\"%s\"}",
               hd->lineno[R->err_index], R->err_index, R->err_off,
               aceh_status_str(R->st));
    else
        fputs("null", stdout);
    fputs("},\"checks\":[", stdout);
    for (m = 0; m < R->nmodes; m++) {
        size_t shown = 0;
        printf(
            "%s{\"credentials\":\"%s\",\"cors\":%s,\"reason\":", m ? "," : "",
            cli_mode_str(R->modes[m]), R->c->req_pass[m] ? "true" : "false");
        json_request_reason(R->c, m);
        fputs(",\"readable\":[", stdout);
        for (i = 0; i < hd->n; i++)
            if (R->readable[m * hd->n + i]) {
                if (shown++) putchar(',');
                cli_json_str(stdout, hd->h[i].name, hd->h[i].name_len);
            }
        fputs("]}", stdout);
    }
    fputs("],\"responses\":[", stdout);
    json_responses(R);
    printf("],\"responses_total\":%zu,\"warnings\":[", R->c->total);
    if (R->is_trap) {
        fputs("{\"code\":\"credentialed-wildcard\",\"message\":", stdout);
        cli_json_cstr(stdout, trap_msg);
        putchar('}');
    }
    fputs("],\"headers\":[", stdout);
    for (i = 0; i < hd->n; i++) {
        fputs(i ? ",{\"name\":" : "{\"name\":", stdout);
        cli_json_str(stdout, hd->h[i].name, hd->h[i].name_len);
        fputs(",\"readable\":{", stdout);
        for (m = 0; m < R->nmodes; m++)
            printf("%s\"%s\":%s", m ? "," : "", cli_mode_str(R->modes[m]),
                   R->readable[m * hd->n + i] ? "true" : "false");
        fputs("}}", stdout);
    }
    fputs("]}\n", stdout);
}

/* The CORS check lines of one response, one per mode. */
static void text_checks(const run *R, const hop *h, const char *indent)
{
    size_t m;
    for (m = 0; m < R->nmodes; m++) {
        printf("%sCORS check, credentials %s: %s: ", indent,
               cli_mode_str(R->modes[m]), h->pass[m] ? "pass" : "fail");
        fwrite(h->why[m], 1, h->whylen[m], stdout);
        putchar('\n');
    }
}

/* The responses before the final one: status, redirect, checks. */
static void text_redirects(const run *R)
{
    const chain *c = R->c;
    size_t k;
    for (k = 0; k + 1 < c->nhops; k++) {
        const hop *h = &c->hops[k];
        printf("response %zu of %zu (input line %zu): ", k + 1, c->total,
               h->line);
        cli_esc(stdout, h->status, h->status_len);
        putchar('\n');
        print_redirect(h, c);
        text_checks(R, h, "  ");
    }
    if (c->total > c->nhops)
        printf("... %zu more responses: over Fetch's limit of %d "
               "redirects, which fails the request\n",
               c->total - c->nhops, MAX_REDIRECTS);
}

/* The final response's Access-Control-Expose-Headers: absent, invalid
 * (where and why), or valid. */
static void text_aceh(const run *R)
{
    const head *hd = &R->hd;
    if (!R->aceh_present) {
        puts("Access-Control-Expose-Headers: absent (only safelisted "
             "headers are readable)");
    } else if (R->st < 0 && R->err_index < hd->n) {
        printf("Access-Control-Expose-Headers: invalid at input line %zu "
               "offset %zu: %s: %s; the whole header is void, only "
               "safelisted headers are readable\n",
               hd->lineno[R->err_index], R->err_off, aceh_status_str(R->st),
               cli_status_why(R->st));
        cli_caret(stdout, "  ", hd->h[R->err_index].value,
                  hd->h[R->err_index].value_len, R->err_off);
    } else {
        puts("Access-Control-Expose-Headers: valid");
    }
}

/* Whether the whole request passes in each mode, and which response fails
 * it; printed when there was a redirect or an unknown origin. */
static void text_requests(const run *R)
{
    const chain *c = R->c;
    size_t m;
    if (c->total > 1 || c->unknown_cross)
        for (m = 0; m < R->nmodes; m++) {
            printf("request, credentials %s: %s", cli_mode_str(R->modes[m]),
                   c->req_pass[m] ? "pass" : "fail");
            if (!c->req_pass[m] && c->fail_hop[m] != TOO_MANY &&
                c->hops[c->fail_hop[m]].pass[m])
                printf(": response %zu redirects where Fetch does not "
                       "follow",
                       c->fail_hop[m] + 1);
            else if (!c->req_pass[m] && c->fail_hop[m] != TOO_MANY)
                printf(": response %zu fails the CORS check, so fetch() "
                       "fails the whole request and nothing is readable",
                       c->fail_hop[m] + 1);
            else if (!c->req_pass[m])
                printf(": more than %d redirects", MAX_REDIRECTS);
            else
                printf(": every response of the chain passes");
            putchar('\n');
        }
    if (c->unknown_cross)
        puts("note: a redirect went to or from an unknown origin: give "
             "--url (and --origin) to know whether the request's origin "
             "became \"null\"");
}

/* The table: one row per header of the final response, one yes/no column
 * per mode. */
static void text_table(const run *R)
{
    const head *hd = &R->hd;
    size_t i, k, m, width = 6;
    for (i = 0; i < hd->n; i++)
        if (hd->h[i].name_len > width) width = hd->h[i].name_len;
    printf("%-*s", (int)width, "header");
    for (m = 0; m < R->nmodes; m++) printf("  %s", cli_mode_str(R->modes[m]));
    putchar('\n');
    for (i = 0; i < hd->n; i++) {
        fwrite(hd->h[i].name, 1, hd->h[i].name_len, stdout);
        for (k = hd->h[i].name_len; k < width; k++) putchar(' ');
        for (m = 0; m < R->nmodes; m++) {
            const char *yn = R->readable[m * hd->n + i] ? "yes" : "no";
            /* pad every column but the last: no trailing spaces */
            if (m + 1 < R->nmodes)
                printf("  %-*s", (int)strlen(cli_mode_str(R->modes[m])), yn);
            else
                printf("  %s", yn);
        }
        putchar('\n');
    }
}

/* The report as text. Returns 0, or -1 out of memory. */
static int print_text(const run *R)
{
    const chain *c = R->c;
    const hop *fin = &c->hops[c->nhops - 1];
    text_redirects(R);
    if (c->nhops > 1)
        printf("final response (input line %zu): ", fin->line);
    else
        fputs("response: ", stdout);
    cli_esc(stdout, R->hd.status, R->hd.status_len);
    putchar('\n');
    text_aceh(R);
    if (R->is_trap) printf("warning: credentialed-wildcard: %s\n", trap_msg);
    if (preflight_note(&R->hd)) return -1;
    text_checks(R, fin, "");
    text_requests(R);
    text_table(R);
    return 0;
}

int cmd_check_response(int argc, char **argv, int first)
{
    static const aceh_mode all_modes[] = {ACEH_OMIT, ACEH_SAME_ORIGIN,
                                          ACEH_INCLUDE};
    run R;
    FILE *in = NULL;
    size_t k;
    int rc = CLI_USAGE;

    memset(&R, 0, sizeof R);
    memcpy(R.modes, all_modes, sizeof R.modes);
    R.nmodes = 3;
    R.st = ACEH_OK;
    R.c = calloc(1, sizeof *R.c);
    if (!R.c) {
        cli_err("check-response", "out of memory");
        return CLI_USAGE;
    }
    if ((rc = parse_args(&R, argc, argv, first)) != -1) goto out;
    rc = CLI_USAGE;
    if (!R.path || strcmp(R.path, "-") == 0) {
        in = stdin;
        R.path = "standard input";
    } else if (!(in = fopen(R.path, "rb"))) {
        cli_err("check-response", "cannot open '%s': %s", R.path,
                strerror(errno));
        goto out;
    }
    if (read_chain(&R, in, R.path)) goto out;
    if (decide(&R) || (R.json ? (print_json(&R), 0) : print_text(&R))) {
        cli_err("check-response", "out of memory");
        goto out;
    }
    rc = cli_flush("check-response") ? CLI_USAGE
         : (!R.any_pass || R.st < 0) ? CLI_NO
                                     : CLI_OK;
out:
    if (in && in != stdin) fclose(in);
    for (k = 0; k < R.c->nhops; k++) hop_free(&R.c->hops[k]);
    free(R.c->req_norm);
    free(R.c->cur);
    free(R.c);
    free(R.readable);
    free(R.hd.h);
    free(R.hd.lineno);
    free(R.hd.arena);
    free(R.hd.buf);
    return rc;
}
