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
    "                      [--escaped]\n"
    "Decide whether a browser sends the actual request after its CORS\n"
    "preflight (Fetch's CORS-preflight fetch): the request (origin, method,\n"
    "credentials mode, headers) against the preflight response (status and\n"
    "the Access-Control-Allow-* and -Max-Age field lines). Prints the\n"
    "decision with its reason, the Access-Control-Request-Headers value the\n"
    "browser sends, and how long the result may be cached.\n"
    "\n"
    "  --origin ORIGIN        the request's serialized origin (`null` when\n"
    "                         opaque or after a cross-origin redirect)\n"
    "  --method METHOD        the request's method (case-sensitive)\n"
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
    OPT_AH, OPT_MAXAGE, OPT_STATUS, OPT_UCP, OPT_ESCAPED
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

int cmd_preflight(int argc, char **argv, int first)
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
        {"escaped", 0, OPT_ESCAPED},
        {NULL, 0, 0}};
    const size_t cap = (size_t)(argc > 0 ? argc : 1);
    cli_args a;
    char *arg, *origin = NULL, *method = NULL, *acrh = NULL, *end;
    char **raw = malloc(sizeof *raw * cap);
    int *kind = malloc(sizeof *kind * cap);
    aceh_str *lines[L_COUNT], *unsafe = NULL, o, m;
    aceh_header *req = malloc(sizeof *req * cap);
    size_t nl[L_COUNT] = {0}, nraw = 0, nreq = 0, i, need = 0, bad = 0, nu = 0;
    int r, escaped = 0, valid_age = 0, rc = CLI_USAGE, oom = 0;
    long status = 200;
    aceh_preflight pf;
    aceh_pf_result res;
    aceh_status st;

    memset(&pf, 0, sizeof pf);
    pf.mode = ACEH_SAME_ORIGIN;
    for (i = 0; i < L_COUNT; i++) {
        lines[i] = malloc(sizeof **lines * cap);
        oom |= lines[i] == NULL;
    }
    if (oom || !raw || !kind || !req) {
        cli_err("preflight", "out of memory");
        goto out;
    }
    cli_args_init(&a, argc, argv, first, "preflight");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2: goto out;
        case CLI_OPT_HELP:
            fputs(help, stdout);
            rc = cli_flush("preflight") ? CLI_USAGE : CLI_OK;
            goto out;
        case 0: cli_usage("preflight", "unexpected argument '%s'", arg); goto out;
        case OPT_ORIGIN: origin = arg; break;
        case OPT_METHOD: method = arg; break;
        case OPT_CRED:
            if (cli_mode(arg, &pf.mode)) {
                cli_usage("preflight", "unknown credentials mode '%s'", arg);
                goto out;
            }
            break;
        case OPT_STATUS:
            status = strtol(arg, &end, 10);
            if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || status > 999) {
                cli_usage("preflight", "--status: not a status code '%s'", arg);
                goto out;
            }
            break;
        case OPT_UCP: pf.flags |= ACEH_PF_USE_CORS_PREFLIGHT; break;
        case OPT_ESCAPED: escaped = 1; break;
        default: /* a field line or a request header, decoded below */
            kind[nraw] = r;
            raw[nraw++] = arg;
            break;
        }
    }
    if (!origin || !method) {
        cli_usage("preflight", "missing --%s", origin ? "method" : "origin");
        goto out;
    }
    if (cli_arg_bytes("preflight", origin, escaped, &o) ||
        cli_arg_bytes("preflight", method, escaped, &m))
        goto out;
    for (i = 0; i < nraw; i++) {
        aceh_str v;
        const char *colon;

        if (cli_arg_bytes("preflight", raw[i], escaped, &v))
            goto out;
        if (kind[i] != OPT_REQ) {
            const int l = kind[i] == OPT_AO   ? L_AO
                          : kind[i] == OPT_AC ? L_AC
                          : kind[i] == OPT_AM ? L_AM
                          : kind[i] == OPT_AH ? L_AH
                                              : L_MA;
            lines[l][nl[l]++] = v;
            continue;
        }
        colon = v.len ? memchr(v.ptr, ':', v.len) : NULL;
        if (!colon || !aceh_is_name(v.ptr, (size_t)(colon - v.ptr))) {
            cli_usage("preflight", "--request-header wants 'NAME: VALUE' with "
                                   "NAME a header name, got '%s'", raw[i]);
            goto out;
        }
        req[nreq].name = v.ptr;
        req[nreq].name_len = (size_t)(colon - v.ptr);
        req[nreq].value = colon + 1;
        req[nreq].value_len = v.len - req[nreq].name_len - 1;
        /* A header value has no leading or trailing SP/HTAB (Fetch). */
        while (req[nreq].value_len &&
               (req[nreq].value[0] == ' ' || req[nreq].value[0] == '\t')) {
            req[nreq].value++;
            req[nreq].value_len--;
        }
        while (req[nreq].value_len &&
               (req[nreq].value[req[nreq].value_len - 1] == ' ' ||
                req[nreq].value[req[nreq].value_len - 1] == '\t'))
            req[nreq].value_len--;
        nreq++;
    }
    /* The unsafe names, as the browser puts them in
     * Access-Control-Request-Headers: sorted, lower-case, unique. */
    st = aceh_request_headers(req, nreq, NULL, 0, &need, &bad);
    acrh = malloc(need + 1);
    unsafe = malloc(sizeof *unsafe * (nreq ? nreq : 1));
    if (!acrh || !unsafe) {
        cli_err("preflight", "out of memory");
        goto out;
    }
    st = aceh_request_headers(req, nreq, acrh, need + 1, &need, &bad);
    if (st != ACEH_OK) {
        cli_err("preflight", "request headers: %s", aceh_status_str(st));
        goto out;
    }
    /* At most nreq names: the status is ACEH_OK. */
    (void)aceh_request_header_names(acrh, need, unsafe, nreq, &nu, NULL);
    pf.origin = o.ptr;
    pf.origin_len = o.len;
    pf.method = m.ptr;
    pf.method_len = m.len;
    pf.unsafe = unsafe;
    pf.n_unsafe = nu;
    pf.status = (int)status;
    pf.allow_origin = lines[L_AO];
    pf.n_allow_origin = nl[L_AO];
    pf.allow_credentials = lines[L_AC];
    pf.n_allow_credentials = nl[L_AC];
    pf.allow_methods = lines[L_AM];
    pf.n_allow_methods = nl[L_AM];
    pf.allow_headers = lines[L_AH];
    pf.n_allow_headers = nl[L_AH];
    pf.max_age = lines[L_MA];
    pf.n_max_age = nl[L_MA];
    aceh_preflight_decide(&pf, &res);

    printf("preflight: %s (%s)\n", res.verdict > 0 ? "pass" : "fail",
           aceh_pf_verdict_str(res.verdict));
    print_reason(&pf, &res);
    printf("  cors check: %s\n", aceh_cors_str(res.cors));
    fputs("  Access-Control-Request-Method: ", stdout);
    cli_esc(stdout, m.ptr, m.len);
    fputs("\n  Access-Control-Request-Headers: ", stdout);
    if (need)
        fwrite(acrh, 1, need, stdout);
    else
        fputs("(none sent)", stdout);
    putchar('\n');
    if (res.verdict > 0) {
        (void)aceh_max_age(pf.max_age, pf.n_max_age, &valid_age);
        printf("  cache: %lu s%s\n", res.max_age,
               valid_age ? "" : " (Fetch's default: Access-Control-Max-Age "
                                "absent or invalid)");
    }
    rc = cli_flush("preflight") ? CLI_USAGE : res.verdict > 0 ? CLI_OK : CLI_NO;
out:
    for (i = 0; i < L_COUNT; i++)
        free(lines[i]);
    free(raw);
    free(kind);
    free(req);
    free(acrh);
    free(unsafe);
    return rc;
}
