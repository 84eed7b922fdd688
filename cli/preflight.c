/* SPDX-License-Identifier: MIT */
/* aceh preflight: decide a CORS preflight as a browser would (Fetch). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "Usage: aceh preflight --origin ORIGIN --method METHOD\n"
    "                      [--credentials MODE] [--request-header 'NAME: VALUE']...\n"
    "                      [--allow-origin VALUE]... [--allow-credentials VALUE]...\n"
    "                      [--allow-methods LINE]... [--allow-headers LINE]...\n"
    "                      [--max-age VALUE]... [--status N] [--use-cors-preflight]\n"
    "                      [--method-as-given] [--escaped]\n"
    "Decide whether a browser sends the actual request after its CORS\n"
    "preflight (Fetch's CORS-preflight fetch): the request (origin, method,\n"
    "credentials mode, headers) against the preflight response (status and\n"
    "the Access-Control-Allow-* and -Max-Age field lines). Prints the\n"
    "decision with its reason, the Access-Control-Request-Headers value the\n"
    "browser sends, and how long the result may be cached.\n"
    "\n"
    "  --origin ORIGIN        the request's serialized origin (`null` when\n"
    "                         opaque or after a cross-origin redirect)\n"
    "  --method METHOD        the request's method as the script gives it:\n"
    "                         DELETE, GET, HEAD, OPTIONS, POST and PUT in\n"
    "                         any case are upper-cased as Fetch does\n"
    "                         (delete -> DELETE), any other method is kept\n"
    "                         as written and matched case-sensitively\n"
    "  --method-as-given      judge METHOD byte for byte, without Fetch's\n"
    "                         normalization (the method as sent on the wire)\n"
    "  --credentials MODE     omit, same-origin (the default) or include\n"
    "  --request-header 'NAME: VALUE'\n"
    "                         one header of the actual request; repeat it\n"
    "  --allow-origin VALUE   one Access-Control-Allow-Origin field line\n"
    "  --allow-credentials VALUE\n"
    "                         one Access-Control-Allow-Credentials field line\n"
    "  --allow-methods LINE   one Access-Control-Allow-Methods field line\n"
    "  --allow-headers LINE   one Access-Control-Allow-Headers field line\n"
    "  --max-age VALUE        one Access-Control-Max-Age field line\n"
    "  --status N             the preflight response's status (default 200)\n"
    "  --use-cors-preflight   the request's use-CORS-preflight flag (an\n"
    "                         upload with listeners): a missing\n"
    "                         Access-Control-Allow-Methods then allows the\n"
    "                         request's own method\n"
    "  --escaped              values use escapes: \\xHH is any byte, \\\\ a\n"
    "                         backslash\n"
    "  -h, --help             this help\n"
    "\n"
    "Each --allow-* and --max-age option is one field line; give one several\n"
    "times for several lines, none for an absent header. The cache lifetime\n"
    "is the value Fetch computes (5 s when Access-Control-Max-Age is absent\n"
    "or invalid); browsers cap it (Chromium 7200 s, Firefox 86400 s, WebKit\n"
    "600 s).\n"
    "Exit status: 0 the preflight passes, 1 it fails, 2 usage error.\n";

enum {
    OPT_ORIGIN = 1, OPT_METHOD, OPT_CRED, OPT_REQ, OPT_AO, OPT_AC, OPT_AM,
    OPT_AH, OPT_MAXAGE, OPT_STATUS, OPT_UCP, OPT_ESCAPED, OPT_AS_GIVEN
};

/* The option ids that collect field lines, and where each list goes. */
enum { L_AO, L_AC, L_AM, L_AH, L_MA, L_COUNT };

static const char *const line_header[L_COUNT] = {
    "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
    "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
    "Access-Control-Max-Age"};

static void print_reason(const aceh_preflight *pf, const aceh_pf_result *r)
{
    switch (r->verdict) {
    case ACEH_PF_PASS: break;
    case ACEH_PF_CORS:
        printf("  the CORS check fails: %s\n", aceh_cors_str(r->cors));
        break;
    case ACEH_PF_STATUS:
        printf("  status %d is not an ok status (200-299)\n", pf->status);
        break;
    case ACEH_PF_BAD_METHODS:
    case ACEH_PF_BAD_HEADERS:
        printf("  %s is invalid at line %zu offset %zu: %s (one invalid "
               "element fails the preflight)\n",
               line_header[r->verdict == ACEH_PF_BAD_METHODS ? L_AM : L_AH],
               r->err_line, r->err_off, cli_status_why(r->list_status));
        break;
    case ACEH_PF_METHOD:
        fputs("  the method \"", stdout);
        cli_esc(stdout, pf->method, pf->method_len);
        printf("\" is not in Access-Control-Allow-Methods%s\n",
               pf->mode == ACEH_INCLUDE
                   ? " (\"*\" is a literal method with credentials include)"
                   : "");
        break;
    case ACEH_PF_AUTHORIZATION:
        fputs("  Authorization must be listed by name in "
              "Access-Control-Allow-Headers (\"*\" never covers it)\n",
              stdout);
        break;
    case ACEH_PF_HEADER:
        fputs("  the request header \"", stdout);
        cli_esc(stdout, pf->unsafe[r->index].ptr, pf->unsafe[r->index].len);
        printf("\" is not in Access-Control-Allow-Headers%s\n",
               pf->mode == ACEH_INCLUDE
                   ? " (\"*\" is a literal name with credentials include)"
                   : "");
        break;
    }
}

/* Everything one run collects: the options as given, the decoded field
 * lines and request headers, and the request as the library gets it. */
typedef struct pf_run {
    char **raw;    /* field-line and request-header options, in order */
    int *kind;     /* ... and which option each came from */
    size_t nraw;
    char *origin, *method;
    int escaped, as_given;
    long status;
    aceh_str *lines[L_COUNT];
    size_t nl[L_COUNT];
    aceh_header *req;
    size_t nreq;
    char *acrh;          /* the Access-Control-Request-Headers value */
    size_t acrh_len;
    aceh_str *unsafe;    /* acrh split at its commas */
    aceh_str given;      /* the method as given, decoded */
    aceh_preflight pf;
} pf_run;

static int pf_alloc(pf_run *p, size_t cap)
{
    int oom = 0;
    size_t i;

    memset(p, 0, sizeof *p);
    p->status = 200;
    p->pf.mode = ACEH_SAME_ORIGIN;
    p->raw = malloc(sizeof *p->raw * cap);
    p->kind = malloc(sizeof *p->kind * cap);
    p->req = malloc(sizeof *p->req * cap);
    for (i = 0; i < L_COUNT; i++) {
        p->lines[i] = malloc(sizeof **p->lines * cap);
        oom |= p->lines[i] == NULL;
    }
    if (oom || !p->raw || !p->kind || !p->req) {
        cli_err("preflight", "out of memory");
        return -1;
    }
    return 0;
}

static void pf_free(pf_run *p)
{
    size_t i;

    for (i = 0; i < L_COUNT; i++)
        free(p->lines[i]);
    free(p->raw);
    free(p->kind);
    free(p->req);
    free(p->acrh);
    free(p->unsafe);
}

/* Read the command line. Returns -1 to go on, else the exit status (help
 * printed or a usage error). */
static int pf_options(pf_run *p, int argc, char **argv, int first)
{
    static const cli_opt opts[] = {
        {"origin", 1, OPT_ORIGIN},
        {"method", 1, OPT_METHOD},
        {"credentials", 1, OPT_CRED},
        {"request-header", 1, OPT_REQ},
        {"allow-origin", 1, OPT_AO},
        {"allow-credentials", 1, OPT_AC},
        {"allow-methods", 1, OPT_AM},
        {"allow-headers", 1, OPT_AH},
        {"max-age", 1, OPT_MAXAGE},
        {"status", 1, OPT_STATUS},
        {"use-cors-preflight", 0, OPT_UCP},
        {"method-as-given", 0, OPT_AS_GIVEN},
        {"escaped", 0, OPT_ESCAPED},
        {NULL, 0, 0}};
    cli_args a;
    char *arg, *end;
    int r;

    cli_args_init(&a, argc, argv, first, "preflight");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2: return CLI_USAGE;
        case CLI_OPT_HELP:
            fputs(help, stdout);
            return cli_flush("preflight") ? CLI_USAGE : CLI_OK;
        case 0:
            cli_usage("preflight", "unexpected argument '%s'", arg);
            return CLI_USAGE;
        case OPT_ORIGIN: p->origin = arg; break;
        case OPT_METHOD: p->method = arg; break;
        case OPT_CRED:
            if (cli_mode(arg, &p->pf.mode)) {
                cli_usage("preflight", "unknown credentials mode '%s'", arg);
                return CLI_USAGE;
            }
            break;
        case OPT_STATUS:
            p->status = strtol(arg, &end, 10);
            if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || p->status > 999) {
                cli_usage("preflight", "--status: not a status code '%s'", arg);
                return CLI_USAGE;
            }
            break;
        case OPT_UCP: p->pf.flags |= ACEH_PF_USE_CORS_PREFLIGHT; break;
        case OPT_AS_GIVEN: p->as_given = 1; break;
        case OPT_ESCAPED: p->escaped = 1; break;
        default: /* a field line or a request header, decoded later */
            p->kind[p->nraw] = r;
            p->raw[p->nraw++] = arg;
            break;
        }
    }
    if (!p->origin || !p->method) {
        cli_usage("preflight", "missing --%s", p->origin ? "method" : "origin");
        return CLI_USAGE;
    }
    return -1;
}

/* One --request-header value into p->req, trimmed as Fetch stores a header
 * value (no leading or trailing SP/HTAB). */
static int pf_request_header(pf_run *p, aceh_str v, const char *raw)
{
    const char *colon = v.len ? memchr(v.ptr, ':', v.len) : NULL;
    aceh_header *h = &p->req[p->nreq];

    if (!colon || !aceh_is_name(v.ptr, (size_t)(colon - v.ptr))) {
        cli_usage("preflight", "--request-header wants 'NAME: VALUE' with "
                               "NAME a header name, got '%s'", raw);
        return -1;
    }
    h->name = v.ptr;
    h->name_len = (size_t)(colon - v.ptr);
    h->value = colon + 1;
    h->value_len = v.len - h->name_len - 1;
    while (h->value_len && (h->value[0] == ' ' || h->value[0] == '\t')) {
        h->value++;
        h->value_len--;
    }
    while (h->value_len && (h->value[h->value_len - 1] == ' ' ||
                            h->value[h->value_len - 1] == '\t'))
        h->value_len--;
    p->nreq++;
    return 0;
}

/* Decode the origin, the method and every field line and request header
 * (escapes under --escaped). */
static int pf_decode(pf_run *p)
{
    aceh_str o;
    size_t i;

    if (cli_arg_bytes("preflight", p->origin, p->escaped, &o) ||
        cli_arg_bytes("preflight", p->method, p->escaped, &p->given))
        return -1;
    p->pf.origin = o.ptr;
    p->pf.origin_len = o.len;
    for (i = 0; i < p->nraw; i++) {
        aceh_str v;

        if (cli_arg_bytes("preflight", p->raw[i], p->escaped, &v))
            return -1;
        if (p->kind[i] != OPT_REQ) {
            const int l = p->kind[i] == OPT_AO   ? L_AO
                          : p->kind[i] == OPT_AC ? L_AC
                          : p->kind[i] == OPT_AM ? L_AM
                          : p->kind[i] == OPT_AH ? L_AH
                                                 : L_MA;
            p->lines[l][p->nl[l]++] = v;
        } else if (pf_request_header(p, v, p->raw[i])) {
            return -1;
        }
    }
    return 0;
}

/* The unsafe names, as the browser puts them in
 * Access-Control-Request-Headers: sorted, lower-case, unique. */
static int pf_unsafe_names(pf_run *p)
{
    size_t need = 0, bad = 0, nu = 0;
    aceh_status st;

    (void)aceh_request_headers(p->req, p->nreq, NULL, 0, &need, &bad);
    p->acrh = malloc(need + 1);
    p->unsafe = malloc(sizeof *p->unsafe * (p->nreq ? p->nreq : 1));
    if (!p->acrh || !p->unsafe) {
        cli_err("preflight", "out of memory");
        return -1;
    }
    st = aceh_request_headers(p->req, p->nreq, p->acrh, need + 1, &need, &bad);
    if (st != ACEH_OK) {
        cli_err("preflight", "request headers: %s", aceh_status_str(st));
        return -1;
    }
    /* At most nreq names: the status is ACEH_OK. */
    (void)aceh_request_header_names(p->acrh, need, p->unsafe, p->nreq, &nu,
                                    NULL);
    p->acrh_len = need;
    p->pf.unsafe = p->unsafe;
    p->pf.n_unsafe = nu;
    return 0;
}

/* The rest of the request the library decides: the method as the browser
 * sends it (normalized unless --method-as-given), the status, the lines. */
static void pf_fill(pf_run *p)
{
    aceh_preflight *pf = &p->pf;

    pf->method = p->as_given ? p->given.ptr
                             : aceh_method_normalize(p->given.ptr, p->given.len);
    pf->method_len = p->given.len;
    pf->status = (int)p->status;
    pf->allow_origin = p->lines[L_AO];
    pf->n_allow_origin = p->nl[L_AO];
    pf->allow_credentials = p->lines[L_AC];
    pf->n_allow_credentials = p->nl[L_AC];
    pf->allow_methods = p->lines[L_AM];
    pf->n_allow_methods = p->nl[L_AM];
    pf->allow_headers = p->lines[L_AH];
    pf->n_allow_headers = p->nl[L_AH];
    pf->max_age = p->lines[L_MA];
    pf->n_max_age = p->nl[L_MA];
}

/* Print the decision, its reason, what the browser sends and the cache
 * lifetime. Returns the exit status. */
static int pf_report(const pf_run *p, const aceh_pf_result *res)
{
    const aceh_preflight *pf = &p->pf;
    int valid_age = 0;

    printf("preflight: %s (%s)\n", res->verdict > 0 ? "pass" : "fail",
           aceh_pf_verdict_str(res->verdict));
    print_reason(pf, res);
    printf("  cors check: %s\n", aceh_cors_str(res->cors));
    if (pf->method_len != 0 && memcmp(pf->method, p->given.ptr, pf->method_len)) {
        fputs("  method: \"", stdout);
        cli_esc(stdout, p->given.ptr, p->given.len);
        fputs("\" normalized to \"", stdout);
        cli_esc(stdout, pf->method, pf->method_len);
        fputs("\" as Fetch does (--method-as-given judges it as given)\n",
              stdout);
    }
    fputs("  Access-Control-Request-Method: ", stdout);
    cli_esc(stdout, pf->method, pf->method_len);
    fputs("\n  Access-Control-Request-Headers: ", stdout);
    if (p->acrh_len)
        fwrite(p->acrh, 1, p->acrh_len, stdout);
    else
        fputs("(none sent)", stdout);
    putchar('\n');
    if (res->verdict > 0) {
        (void)aceh_max_age(pf->max_age, pf->n_max_age, &valid_age);
        printf("  cache: %lu s%s\n", res->max_age,
               valid_age ? "" : " (Fetch's default: Access-Control-Max-Age "
                                "absent or invalid)");
    }
    return cli_flush("preflight") ? CLI_USAGE
           : res->verdict > 0     ? CLI_OK
                                  : CLI_NO;
}

int cmd_preflight(int argc, char **argv, int first)
{
    pf_run p;
    aceh_pf_result res;
    int rc = CLI_USAGE;

    if (pf_alloc(&p, (size_t)(argc > 0 ? argc : 1)) == 0 &&
        (rc = pf_options(&p, argc, argv, first)) == -1) {
        rc = CLI_USAGE;
        if (pf_decode(&p) == 0 && pf_unsafe_names(&p) == 0) {
            pf_fill(&p);
            aceh_preflight_decide(&p.pf, &res);
            rc = pf_report(&p, &res);
        }
    }
    pf_free(&p);
    return rc;
}
