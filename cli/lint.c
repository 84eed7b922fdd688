/* SPDX-License-Identifier: MIT */
/* aceh lint: problems in an Access-Control-Expose-Headers header that a
 * server operator should fix. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "Usage: aceh lint [--strict] [--json] [--escaped] [--] VALUE...\n"
    "Check the field lines of one Access-Control-Expose-Headers header (one\n"
    "VALUE per line, in order) and report:\n"
    "  error    invalid: an invalid element voids the whole header (Fetch,\n"
    "           Chromium, WebKit; Firefox's fetch() differs when \"*\" comes\n"
    "           before the invalid element); other checks wait for a valid list\n"
    "  warning  wildcard-credentials: \"*\" is a literal name for requests with\n"
    "           credentials include\n"
    "  warning  authorization-wildcard: Authorization is covered only by \"*\"\n"
    "           (exposed by Fetch and current browsers; older documentation\n"
    "           said it must be listed by name)\n"
    "  warning  forbidden: Set-Cookie or Set-Cookie2 listed (never exposed)\n"
    "  warning  safelisted: a CORS-safelisted name listed (always exposed)\n"
    "  warning  duplicate: a name listed again (ASCII case-insensitive)\n"
    "  warning  empty-element: an empty element or an empty line (legal)\n"
    "\n"
    "  --strict    exit 1 on warnings too\n"
    "  --json      print one JSON object instead of text\n"
    "  --escaped   VALUEs use escapes: \\xHH is any byte, \\\\ a backslash\n"
    "  -h, --help  this help\n"
    "\n"
    "Lines and offsets count from 0.\n"
    "Exit status: 0 no error (warnings allowed unless --strict), 1 errors (or\n"
    "warnings with --strict), 2 usage error.\n";

enum { OPT_STRICT = 1, OPT_JSON, OPT_ESCAPED };

typedef struct problem {
    int error;
    const char *code;
    size_t line, off, seq;
    char *msg;
    size_t msglen;
} problem;

typedef struct problems {
    problem *v;
    size_t n, cap;
    int oom;
} problems;

/* Start a message; finish it with add_end(). NULL when out of memory. */
static FILE *add_begin(problems *ps, char **buf, size_t *len)
{
    FILE *m;
    *buf = NULL;
    *len = 0;
    m = open_memstream(buf, len);
    if (!m) ps->oom = 1;
    return m;
}

/* buf and len are the ones given to add_begin(): fclose() sets them. */
static void add_end(problems *ps, FILE *m, char **bufp, size_t *len, int error,
                    const char *code, size_t line, size_t off)
{
    problem *p;
    char *buf;
    if (!m) return;
    if (fclose(m) != 0) {
        ps->oom = 1;
        free(*bufp);
        return;
    }
    buf = *bufp;
    if (ps->n == ps->cap) {
        size_t ncap = ps->cap ? ps->cap * 2 : 16;
        problem *nv = realloc(ps->v, sizeof *nv * ncap);
        if (!nv) {
            ps->oom = 1;
            free(buf);
            return;
        }
        ps->v = nv;
        ps->cap = ncap;
    }
    p = &ps->v[ps->n];
    p->error = error;
    p->code = code;
    p->line = line;
    p->off = off;
    p->seq = ps->n;
    p->msg = buf;
    p->msglen = *len;
    ps->n++;
}

static int by_position(const void *a, const void *b)
{
    const problem *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->off != y->off) return x->off < y->off ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

typedef struct key {
    const unsigned char *p;
    size_t len, idx;
} key;

static unsigned char lower(unsigned char c)
{
    return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Only groups equal names together for the duplicate check; equality
 * itself is decided by aceh_name_eq(). */
static int by_folded_name(const void *a, const void *b)
{
    const key *x = a, *y = b;
    size_t i, n = x->len < y->len ? x->len : y->len;
    for (i = 0; i < n; i++) {
        unsigned char cx = lower(x->p[i]), cy = lower(y->p[i]);
        if (cx != cy) return cx < cy ? -1 : 1;
    }
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void name_checks(problems *ps, const aceh_list *l, const aceh_name *nm)
{
    size_t i, g, f, stored = nm ? l->stored : 0;
    key *keys;
    for (i = 0; i < stored; i++) {
        const char *p = aceh_list_name_ptr(l, i);
        char *buf;
        size_t len;
        FILE *m;
        if (aceh_is_forbidden(p, nm[i].len)) {
            m = add_begin(ps, &buf, &len);
            if (!m) return;
            cli_esc(m, p, nm[i].len);
            fputs(" is never exposed to scripts (a forbidden response-header "
                  "name): listing it has no effect",
                  m);
            add_end(ps, m, &buf, &len, 0, "forbidden", nm[i].line, nm[i].off);
        } else if (aceh_is_safelisted(p, nm[i].len)) {
            m = add_begin(ps, &buf, &len);
            if (!m) return;
            cli_esc(m, p, nm[i].len);
            fputs(" is CORS-safelisted and always exposed: listing it is "
                  "redundant",
                  m);
            add_end(ps, m, &buf, &len, 0, "safelisted", nm[i].line, nm[i].off);
        }
    }
    keys = malloc(sizeof *keys * (stored ? stored : 1));
    if (!keys) {
        ps->oom = 1;
        return;
    }
    for (i = 0; i < stored; i++) {
        keys[i].p = (const unsigned char *)aceh_list_name_ptr(l, i);
        keys[i].len = nm[i].len;
        keys[i].idx = i;
    }
    qsort(keys, stored, sizeof *keys, by_folded_name);
    for (i = 1, g = 0; i < stored; i++) {
        char *buf;
        size_t len;
        FILE *m;
        /* Sorting puts each group's first occurrence (smallest index)
         * first; every later member repeats keys[g]. */
        if (!aceh_name_eq((const char *)keys[g].p, keys[g].len,
                          (const char *)keys[i].p, keys[i].len)) {
            g = i;
            continue;
        }
        f = keys[g].idx;
        m = add_begin(ps, &buf, &len);
        if (!m) break;
        cli_esc(m, (const char *)keys[i].p, keys[i].len);
        fprintf(m, " is listed again (first at line %zu offset %zu)",
                nm[f].line, nm[f].off);
        add_end(ps, m, &buf, &len, 0, "duplicate", nm[keys[i].idx].line,
                nm[keys[i].idx].off);
    }
    free(keys);
}

/* Empty elements of a valid line: the spans between commas that hold no
 * name. A line without any name gets one warning for the whole line. */
static void empty_checks(problems *ps, const aceh_str *lines, size_t nlines,
                         const aceh_name *nm, size_t count)
{
    size_t ln, j = 0;
    for (ln = 0; ln < nlines; ln++) {
        const char *v = lines[ln].ptr;
        size_t len = lines[ln].len, start = 0, jb = j, je;
        char *buf;
        size_t blen;
        FILE *m;
        while (j < count && nm[j].line == ln) j++;
        je = j;
        if (jb == je) {
            m = add_begin(ps, &buf, &blen);
            if (!m) return;
            fputs(len ? "line holds no name, only separators: legal, but it "
                        "adds nothing"
                      : "empty line: legal, but it adds nothing",
                  m);
            add_end(ps, m, &buf, &blen, 0, "empty-element", ln, 0);
            continue;
        }
        for (;;) {
            const char *comma = len > start ? memchr(v + start, ',',
                                                     len - start)
                                            : NULL;
            size_t end = comma ? (size_t)(comma - v) : len;
            if (jb < je && nm[jb].off < end) {
                while (jb < je && nm[jb].off < end) jb++;
            } else {
                /* Point at the comma that closes the empty element, or at
                 * the one that opens it when it is the last. */
                size_t at = comma ? end : start - 1;
                m = add_begin(ps, &buf, &blen);
                if (!m) return;
                fputs("empty list element (legal but sloppy): remove the "
                      "extra comma",
                      m);
                add_end(ps, m, &buf, &blen, 0, "empty-element", ln, at);
            }
            if (!comma) break;
            start = end + 1;
        }
    }
}

static void invalid_check(problems *ps, const aceh_list *l,
                          const aceh_name *nm)
{
    size_t i;
    int star_before = 0;
    char *buf;
    size_t len;
    FILE *m;
    size_t stored = nm ? l->stored : 0; /* nm is NULL when nothing is stored */
    for (i = 0; i < stored; i++)
        if (nm[i].len == 1 && aceh_list_name_ptr(l, i)[0] == '*')
            star_before = 1;
    m = add_begin(ps, &buf, &len);
    if (!m) return;
    fprintf(m,
            "invalid list (%s: %s): the whole header is void per the Fetch "
            "standard and in Chromium and WebKit, so only safelisted headers "
            "are readable",
            aceh_status_str(l->status), cli_status_why(l->status));
    if (star_before)
        fputs("; Firefox's fetch() differs here: it exposes every header "
              "because \"*\" comes before the invalid element",
              m);
    add_end(ps, m, &buf, &len, 1, "invalid", l->err_line, l->err_off);
}

static void wildcard_checks(problems *ps, const aceh_list *l,
                            const aceh_name *nm)
{
    size_t i, at = 0;
    char *buf;
    size_t len;
    FILE *m;
    aceh_verdict v;
    size_t stored = nm ? l->stored : 0; /* nm is NULL when nothing is stored */
    for (i = 0; i < stored; i++)
        if (nm[i].len == 1 && aceh_list_name_ptr(l, i)[0] == '*') {
            at = i;
            break;
        }
    if (i == stored) return;
    m = add_begin(ps, &buf, &len);
    if (!m) return;
    fputs("\"*\" exposes every header only to requests without credentials; "
          "with credentials include it is the literal name \"*\": list by "
          "name what credentialed requests need",
          m);
    add_end(ps, m, &buf, &len, 0, "wildcard-credentials", nm[at].line,
            nm[at].off);
    v = aceh_list_decide(l, "Authorization", 13, ACEH_OMIT,
                         ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION);
    if (v != ACEH_HIDDEN_AUTHORIZATION) return;
    m = add_begin(ps, &buf, &len);
    if (!m) return;
    fputs("Authorization is exposed only through \"*\": Fetch and current "
          "browsers expose it, but older documentation said \"*\" does not "
          "cover it; list it by name (\"*, Authorization\") to satisfy both",
          m);
    add_end(ps, m, &buf, &len, 0, "authorization-wildcard", nm[at].line,
            nm[at].off);
}

int cmd_lint(int argc, char **argv, int first)
{
    static const cli_opt opts[] = {{"strict", 0, OPT_STRICT},
                                   {"json", 0, OPT_JSON},
                                   {"escaped", 0, OPT_ESCAPED},
                                   {NULL, 0, 0}};
    cli_args a;
    char *arg;
    int r, strict = 0, json = 0, escaped = 0, rc = CLI_USAGE;
    size_t n = 0, i, nerr = 0, nwarn = 0;
    aceh_str *lines = malloc(sizeof *lines * (size_t)(argc > 0 ? argc : 1));
    /* Writable argv strings: --escaped decodes them in place. */
    char **raw = malloc(sizeof *raw * (size_t)(argc > 0 ? argc : 1));
    aceh_name *nm = NULL;
    aceh_list list;
    aceh_status st;
    problems ps = {NULL, 0, 0, 0};

    if (!lines || !raw) {
        cli_err("lint", "out of memory");
        return CLI_USAGE;
    }
    cli_args_init(&a, argc, argv, first, "lint");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2: goto out;
        case CLI_OPT_HELP:
            fputs(help, stdout);
            rc = cli_flush("lint") ? CLI_USAGE : CLI_OK;
            goto out;
        case OPT_STRICT: strict = 1; break;
        case OPT_JSON: json = 1; break;
        case OPT_ESCAPED: escaped = 1; break;
        default: raw[n++] = arg; break;
        }
    }
    if (n == 0) {
        cli_usage("lint", "missing VALUE");
        goto out;
    }
    for (i = 0; i < n; i++)
        if (cli_arg_bytes("lint", raw[i], escaped, &lines[i]))
            goto out;

    /* Two passes: count, then keep every name (up to the error, if any). */
    st = aceh_list_parse(&list, lines, n, NULL, 0);
    if (list.count > 0) {
        nm = malloc(sizeof *nm * list.count);
        if (!nm) {
            cli_err("lint", "out of memory");
            goto out;
        }
        st = aceh_list_parse(&list, lines, n, nm, list.count);
    }
    if (st < 0) {
        invalid_check(&ps, &list, nm);
    } else {
        wildcard_checks(&ps, &list, nm);
        name_checks(&ps, &list, nm);
        empty_checks(&ps, lines, n, nm, nm ? list.stored : 0);
    }
    if (ps.oom) {
        cli_err("lint", "out of memory");
        goto out;
    }
    if (ps.n) qsort(ps.v, ps.n, sizeof *ps.v, by_position);
    for (i = 0; i < ps.n; i++) {
        if (ps.v[i].error)
            nerr++;
        else
            nwarn++;
    }
    if (json) {
        printf("{\"valid\":%s,\"errors\":%zu,\"warnings\":%zu,\"problems\":[",
               st < 0 ? "false" : "true", nerr, nwarn);
        for (i = 0; i < ps.n; i++) {
            const problem *p = &ps.v[i];
            printf("%s{\"severity\":\"%s\",\"code\":\"%s\",\"line\":%zu,"
                   "\"offset\":%zu,\"message\":",
                   i ? "," : "", p->error ? "error" : "warning", p->code,
                   p->line, p->off);
            cli_json_str(stdout, p->msg, p->msglen);
            putchar('}');
        }
        fputs("]}\n", stdout);
    } else {
        for (i = 0; i < ps.n; i++) {
            const problem *p = &ps.v[i];
            printf("line %zu offset %zu: %s: %s: ", p->line, p->off,
                   p->error ? "error" : "warning", p->code);
            fwrite(p->msg, 1, p->msglen, stdout);
            putchar('\n');
            cli_caret(stdout, "  ", lines[p->line].ptr, lines[p->line].len,
                      p->off);
        }
        if (ps.n == 0)
            printf("lint: no problems\n");
        else
            printf("lint: %zu error%s, %zu warning%s\n", nerr,
                   nerr == 1 ? "" : "s", nwarn, nwarn == 1 ? "" : "s");
    }
    rc = cli_flush("lint") ? CLI_USAGE
         : nerr || (strict && nwarn) ? CLI_NO
                                     : CLI_OK;
out:
    for (i = 0; i < ps.n; i++) free(ps.v[i].msg);
    free(ps.v);
    free(nm);
    free(lines);
    free(raw);
    return rc;
}
