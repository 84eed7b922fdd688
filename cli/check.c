/* SPDX-License-Identifier: MIT */
/* aceh check-response: CORS check and readable headers of a raw HTTP/1.1
 * response head. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "Usage: aceh check-response [--credentials MODE] [--origin ORIGIN]\n"
    "                           [--authorization-needs-listing] [--json]\n"
    "                           [FILE]\n"
    "Read a raw HTTP/1.1 response head (a status line, then header lines, as\n"
    "`curl -sI` prints it) from FILE or, without FILE or with -, standard\n"
    "input. For each credentials mode, run the CORS check, then print which\n"
    "of the response's headers a cross-origin script can read.\n"
    "\n"
    "The CORS check (Fetch): Access-Control-Allow-Origin must be present and\n"
    "be \"*\" or the origin, byte for byte; \"*\" is refused for credentials\n"
    "include, which also needs Access-Control-Allow-Credentials: true (exactly,\n"
    "lowercase). Several lines of one of these headers are combined with \", \"\n"
    "first, so they never pass. When the check fails nothing is readable.\n"
    "\n"
    "  --origin ORIGIN     the script's origin, e.g. https://app.example;\n"
    "                      without it, an Access-Control-Allow-Origin value\n"
    "                      other than \"*\" is assumed to be the script's origin\n"
    "                      when it is a single non-empty value without a comma\n"
    "  --credentials MODE  check only this mode: omit, same-origin (like omit\n"
    "                      on a cross-origin request) or include; default: all\n"
    "                      three\n"
    "  --authorization-needs-listing\n"
    "                      the older reading in which \"*\" does not cover\n"
    "                      Authorization\n"
    "  --json              print one JSON object instead of text\n"
    "  -h, --help          this help\n"
    "\n"
    "Input: lines end with CRLF or LF; header names match ASCII\n"
    "case-insensitively; values lose leading and trailing spaces and tabs. An\n"
    "obs-fold line (starting with a space or tab) is joined to the previous\n"
    "value with one space, as RFC 9112 section 5.2 asks of user agents, with a\n"
    "warning. A head ends at an empty line; when another head follows (curl\n"
    "-L, 1xx responses) the last one is checked; anything else after it (a\n"
    "body) is ignored. Offsets in Access-Control-Expose-Headers errors count\n"
    "from 0 in the value without its surrounding spaces; input lines count\n"
    "from 1.\n"
    "Exit status: 0 the CORS check passes in at least one mode checked and\n"
    "Access-Control-Expose-Headers is valid or absent; 1 the check fails in\n"
    "every mode checked, or Access-Control-Expose-Headers is invalid; 2 usage\n"
    "or input error (unreadable FILE, empty input, no status line, a line that\n"
    "is not a header line).\n";

enum { OPT_CRED = 1, OPT_ORIGIN, OPT_AUTH, OPT_JSON };

typedef struct head {
    aceh_header *h;
    size_t *lineno; /* input line (from 1) of each header */
    size_t n, cap;
    const char *status;
    size_t status_len;
} head;

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* "HTTP/" version SP 3DIGIT [ SP reason ]: enough to tell a status line from
 * anything else; the version and reason are not checked further. */
static int status_line_ok(const char *l, size_t n)
{
    size_t i = 5, v;
    if (n < 5 || memcmp(l, "HTTP/", 5) != 0) return 0;
    v = i;
    while (i < n && l[i] != ' ') i++;
    if (i == v || n - i < 4) return 0;
    for (v = i + 1; v < i + 4; v++)
        if (l[v] < '0' || l[v] > '9') return 0;
    return v == n || l[v] == ' ';
}

static int push(head *hd, const char *name, size_t nlen, char *val,
                size_t vlen, size_t lineno)
{
    if (hd->n == hd->cap) {
        size_t ncap = hd->cap ? hd->cap * 2 : 32;
        aceh_header *nh = realloc(hd->h, sizeof *nh * ncap);
        size_t *nl;
        if (!nh) return -1;
        hd->h = nh;
        nl = realloc(hd->lineno, sizeof *nl * ncap);
        if (!nl) return -1;
        hd->lineno = nl;
        hd->cap = ncap;
    }
    hd->h[hd->n].name = name;
    hd->h[hd->n].name_len = nlen;
    hd->h[hd->n].value = val;
    hd->h[hd->n].value_len = vlen;
    hd->lineno[hd->n] = lineno;
    hd->n++;
    return 0;
}

/* Split buf into the last response head. Values are copied, trimmed and
 * unfolded into arena, which has room for len bytes: a value never grows
 * past the bytes of the lines it came from. Returns 0, or CLI_USAGE after
 * reporting the problem. */
static int parse_head(const char *buf, size_t len, char *arena, head *hd)
{
    size_t pos = 0, lineno = 0, used = 0;
    int in_head = 0;
    if (len == 0) {
        cli_err("check-response", "empty input: expected an HTTP response "
                                  "head (status line and header lines)");
        return CLI_USAGE;
    }
    while (pos < len) {
        const char *l = buf + pos;
        const char *nl = memchr(l, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - l) : len - pos;
        const char *colon, *v, *ve;
        pos += nl ? ll + 1 : ll;
        lineno++;
        if (ll > 0 && l[ll - 1] == '\r') ll--;
        if (!in_head) {
            if (!status_line_ok(l, ll)) {
                cli_err("check-response",
                        "line %zu: expected a status line (HTTP/VERSION "
                        "CODE REASON)",
                        lineno);
                return CLI_USAGE;
            }
            hd->status = l;
            hd->status_len = ll;
            hd->n = 0;
            used = 0;
            in_head = 1;
            continue;
        }
        if (ll == 0) {
            if (len - pos >= 5 && memcmp(buf + pos, "HTTP/", 5) == 0) {
                in_head = 0;
                continue;
            }
            break;
        }
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
            fprintf(stderr,
                    "aceh: check-response: warning: line %zu: obs-fold "
                    "continuation joined to the previous line with a space "
                    "(RFC 9112 section 5.2)\n",
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
        memcpy(arena + used, v, (size_t)(ve - v));
        if (push(hd, l, (size_t)(colon - l), arena + used, (size_t)(ve - v),
                 lineno)) {
            cli_err("check-response", "out of memory");
            return CLI_USAGE;
        }
        used += (size_t)(ve - v);
    }
    if (!in_head) {
        cli_err("check-response", "no status line after line %zu", lineno);
        return CLI_USAGE;
    }
    return 0;
}

/* Fetch "get": the values of every header with this name, combined with
 * ", ", in a malloc'd buffer. Returns 0 when absent, 1 when present, -1 on
 * out of memory. */
static int get(const head *hd, const char *name, char **out, size_t *olen)
{
    size_t i, n = 0, k = 0;
    int found = 0;
    char *b;
    for (i = 0; i < hd->n; i++)
        if (aceh_name_eq(hd->h[i].name, hd->h[i].name_len, name,
                         strlen(name))) {
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
        if (aceh_name_eq(hd->h[i].name, hd->h[i].name_len, name,
                         strlen(name))) {
            if (found) {
                b[k++] = ',';
                b[k++] = ' ';
            }
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
    return n == strlen(s) && memcmp(p, s, n) == 0;
}

static void quoted(FILE *f, const char *p, size_t n)
{
    fputc('"', f);
    cli_esc(f, p, n);
    fputc('"', f);
}

/* The CORS check of Fetch for one credentials mode. Returns 1 pass, 0 fail,
 * -1 out of memory; the reason goes to why. */
static int cors(const head *hd, const char *origin, aceh_mode mode, FILE *why)
{
    char *acao = NULL, *acac = NULL;
    size_t alen, clen;
    int r, ok = 0;
    r = get(hd, "Access-Control-Allow-Origin", &acao, &alen);
    if (r < 0) return -1;
    if (r == 0) {
        fputs("no Access-Control-Allow-Origin header", why);
        return 0;
    }
    fputs("Access-Control-Allow-Origin ", why);
    quoted(why, acao, alen);
    if (bytes_is(acao, alen, "*")) {
        if (mode != ACEH_INCLUDE) {
            fputs(" allows every origin", why);
            ok = 1;
        } else {
            fputs(" is refused for credentials include", why);
        }
        goto out;
    }
    if (origin) {
        if (!bytes_is(acao, alen, origin)) {
            fputs(" does not match the origin ", why);
            quoted(why, origin, strlen(origin));
            goto out;
        }
        fputs(" matches the origin", why);
    } else {
        if (alen == 0 || memchr(acao, ',', alen)) {
            fputs(" is not a single origin", why);
            goto out;
        }
        fputs(" (assumed to be the script's origin: no --origin)", why);
    }
    if (mode != ACEH_INCLUDE) {
        ok = 1;
        goto out;
    }
    r = get(hd, "Access-Control-Allow-Credentials", &acac, &clen);
    if (r < 0) {
        ok = -1;
    } else if (r == 0) {
        fputs(", but credentials include also needs "
              "Access-Control-Allow-Credentials: true, which is absent",
              why);
    } else if (!bytes_is(acac, clen, "true")) {
        fputs(", but Access-Control-Allow-Credentials is ", why);
        quoted(why, acac, clen);
        fputs(", not exactly \"true\"", why);
    } else {
        fputs(" and Access-Control-Allow-Credentials is \"true\"", why);
        ok = 1;
    }
out:
    free(acao);
    free(acac);
    return ok;
}

int cmd_check_response(int argc, char **argv, int first)
{
    static const cli_opt opts[] = {
        {"credentials", 1, OPT_CRED},
        {"origin", 1, OPT_ORIGIN},
        {"authorization-needs-listing", 0, OPT_AUTH},
        {"json", 0, OPT_JSON},
        {NULL, 0, 0}};
    static const aceh_mode all_modes[] = {ACEH_OMIT, ACEH_SAME_ORIGIN,
                                          ACEH_INCLUDE};
    cli_args a;
    char *arg, *path = NULL, *buf = NULL, *arena = NULL;
    const char *origin = NULL;
    int r, json = 0, rc = CLI_USAGE, any_pass = 0, aceh_present = 0;
    unsigned flags = 0;
    aceh_mode modes[3];
    size_t nmodes = 3, len = 0, i, k, m, width = 6;
    size_t err_index = 0, err_off = 0;
    head hd = {NULL, NULL, 0, 0, NULL, 0};
    unsigned char *readable = NULL; /* nmodes rows of hd.n */
    int pass[3];
    char *why[3] = {NULL, NULL, NULL};
    size_t whylen[3] = {0, 0, 0};
    aceh_status st = ACEH_OK;
    FILE *in;

    memcpy(modes, all_modes, sizeof modes);
    cli_args_init(&a, argc, argv, first, "check-response");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2: return CLI_USAGE;
        case CLI_OPT_HELP:
            fputs(help, stdout);
            return cli_flush("check-response") ? CLI_USAGE : CLI_OK;
        case OPT_CRED:
            if (cli_mode(arg, &modes[0]))
                return cli_usage("check-response",
                                 "unknown credentials mode '%s' (omit, "
                                 "same-origin or include)",
                                 arg);
            nmodes = 1;
            break;
        case OPT_ORIGIN: origin = arg; break;
        case OPT_AUTH: flags |= ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION; break;
        case OPT_JSON: json = 1; break;
        default:
            if (path)
                return cli_usage("check-response",
                                 "more than one FILE ('%s' and '%s')", path,
                                 arg);
            path = arg;
        }
    }

    if (!path || strcmp(path, "-") == 0) {
        in = stdin;
        path = "standard input";
    } else if (!(in = fopen(path, "rb"))) {
        cli_err("check-response", "cannot open '%s': %s", path,
                strerror(errno));
        return CLI_USAGE;
    }
    r = cli_read_all(in, &buf, &len);
    if (r) cli_err("check-response", "cannot read %s: %s", path,
                   strerror(errno));
    if (in != stdin) fclose(in);
    if (r) return CLI_USAGE;

    arena = malloc(len ? len : 1);
    if (!arena) {
        cli_err("check-response", "out of memory");
        goto out;
    }
    if (parse_head(buf, len, arena, &hd)) goto out;
    readable = malloc(nmodes * (hd.n ? hd.n : 1));
    if (!readable) {
        cli_err("check-response", "out of memory");
        goto out;
    }
    for (i = 0; i < hd.n; i++)
        if (aceh_name_eq(hd.h[i].name, hd.h[i].name_len,
                         "Access-Control-Expose-Headers", 29))
            aceh_present = 1;
    for (m = 0; m < nmodes; m++) {
        FILE *w = open_memstream(&why[m], &whylen[m]);
        unsigned char *row = readable + m * hd.n;
        if (!w) {
            cli_err("check-response", "out of memory");
            goto out;
        }
        pass[m] = cors(&hd, origin, modes[m], w);
        if (fclose(w) != 0 || pass[m] < 0) {
            cli_err("check-response", "out of memory");
            goto out;
        }
        st = aceh_filter(hd.h, hd.n, modes[m], flags, row, &err_index,
                         &err_off);
        if (!pass[m]) memset(row, 0, hd.n);
        if (pass[m]) any_pass = 1;
    }

    if (json) {
        fputs("{\"status_line\":", stdout);
        cli_json_str(stdout, hd.status, hd.status_len);
        fputs(",\"origin\":", stdout);
        if (origin)
            cli_json_cstr(stdout, origin);
        else
            fputs("null", stdout);
        printf(",\"aceh\":{\"present\":%s,\"valid\":%s,\"status\":\"%s\","
               "\"error\":",
               aceh_present ? "true" : "false", st < 0 ? "false" : "true",
               aceh_status_str(st));
        if (st < 0 && err_index < hd.n)
            printf("{\"input_line\":%zu,\"header\":%zu,\"offset\":%zu,"
                   "\"status\":\"%s\"}",
                   hd.lineno[err_index], err_index, err_off,
                   aceh_status_str(st));
        else
            fputs("null", stdout);
        fputs("},\"checks\":[", stdout);
        for (m = 0; m < nmodes; m++) {
            size_t shown = 0;
            printf("%s{\"credentials\":\"%s\",\"cors\":%s,\"reason\":",
                   m ? "," : "", cli_mode_str(modes[m]),
                   pass[m] ? "true" : "false");
            cli_json_str(stdout, why[m], whylen[m]);
            fputs(",\"readable\":[", stdout);
            for (i = 0; i < hd.n; i++)
                if (readable[m * hd.n + i]) {
                    if (shown++) putchar(',');
                    cli_json_str(stdout, hd.h[i].name, hd.h[i].name_len);
                }
            fputs("]}", stdout);
        }
        fputs("],\"headers\":[", stdout);
        for (i = 0; i < hd.n; i++) {
            fputs(i ? ",{\"name\":" : "{\"name\":", stdout);
            cli_json_str(stdout, hd.h[i].name, hd.h[i].name_len);
            fputs(",\"readable\":{", stdout);
            for (m = 0; m < nmodes; m++)
                printf("%s\"%s\":%s", m ? "," : "", cli_mode_str(modes[m]),
                       readable[m * hd.n + i] ? "true" : "false");
            fputs("}}", stdout);
        }
        fputs("]}\n", stdout);
    } else {
        fputs("response: ", stdout);
        cli_esc(stdout, hd.status, hd.status_len);
        putchar('\n');
        if (!aceh_present) {
            puts("Access-Control-Expose-Headers: absent (only safelisted "
                 "headers are readable)");
        } else if (st < 0 && err_index < hd.n) {
            printf("Access-Control-Expose-Headers: invalid at input line %zu "
                   "offset %zu: %s: %s; the whole header is void, only "
                   "safelisted headers are readable\n",
                   hd.lineno[err_index], err_off, aceh_status_str(st),
                   cli_status_why(st));
            cli_caret(stdout, "  ", hd.h[err_index].value,
                      hd.h[err_index].value_len, err_off);
        } else {
            puts("Access-Control-Expose-Headers: valid");
        }
        for (m = 0; m < nmodes; m++) {
            printf("CORS check, credentials %s: %s: ",
                   cli_mode_str(modes[m]), pass[m] ? "pass" : "fail");
            fwrite(why[m], 1, whylen[m], stdout);
            putchar('\n');
        }
        for (i = 0; i < hd.n; i++)
            if (hd.h[i].name_len > width) width = hd.h[i].name_len;
        printf("%-*s", (int)width, "header");
        for (m = 0; m < nmodes; m++)
            printf("  %s", cli_mode_str(modes[m]));
        putchar('\n');
        for (i = 0; i < hd.n; i++) {
            fwrite(hd.h[i].name, 1, hd.h[i].name_len, stdout);
            for (k = hd.h[i].name_len; k < width; k++) putchar(' ');
            for (m = 0; m < nmodes; m++) {
                const char *yn = readable[m * hd.n + i] ? "yes" : "no";
                /* pad every column but the last: no trailing spaces */
                if (m + 1 < nmodes)
                    printf("  %-*s", (int)strlen(cli_mode_str(modes[m])), yn);
                else
                    printf("  %s", yn);
            }
            putchar('\n');
        }
    }
    rc = cli_flush("check-response") ? CLI_USAGE
         : (!any_pass || st < 0)     ? CLI_NO
                                     : CLI_OK;
out:
    for (m = 0; m < 3; m++) free(why[m]);
    free(readable);
    free(hd.h);
    free(hd.lineno);
    free(arena);
    free(buf);
    return rc;
}
