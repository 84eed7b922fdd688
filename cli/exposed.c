/* SPDX-License-Identifier: MIT */
/* aceh exposed: is each response header readable, and why. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "Usage: aceh exposed [--credentials MODE] [--authorization-needs-listing]\n"
    "                    [--json] [--escaped] [--aceh VALUE]... [--] NAME...\n"
    "For each response header NAME, tell whether a cross-origin script can\n"
    "read it given the Access-Control-Expose-Headers field lines, and why:\n"
    "safelisted, listed, wildcard, forbidden, bad-name, absent, invalid (with\n"
    "the failing line and offset), not-listed or authorization.\n"
    "\n"
    "  --aceh VALUE        one field line of the header; repeat it for several\n"
    "                      lines, in order; none means the header is absent\n"
    "  --credentials MODE  the request's credentials mode: omit, same-origin\n"
    "                      (the default, as for fetch(); on a cross-origin\n"
    "                      request it behaves like omit) or include\n"
    "  --authorization-needs-listing\n"
    "                      the older reading (an old MDN page) in which \"*\"\n"
    "                      does not cover Authorization; Fetch and browsers\n"
    "                      have no such rule\n"
    "  --json              print one JSON object instead of text\n"
    "  --escaped           VALUEs and NAMEs use escapes: \\xHH is any byte,\n"
    "                      \\\\ a backslash\n"
    "  -h, --help          this help\n"
    "\n"
    "Names match ASCII case-insensitively and are not trimmed.\n"
    "Exit status: 0 every NAME is exposed, 1 some NAME is not, 2 usage error.\n";

enum { OPT_ACEH = 1, OPT_CRED, OPT_AUTH, OPT_JSON, OPT_ESCAPED };

static void text_reason(aceh_verdict v, const aceh_list *l, aceh_mode mode)
{
    printf("%s (%s", v > 0 ? "exposed" : "not exposed", aceh_verdict_str(v));
    switch (v) {
    case ACEH_EXPOSED_SAFELISTED: fputs(": always readable", stdout); break;
    case ACEH_EXPOSED_WILDCARD:
        fputs(": \"*\" covers every name without credentials", stdout);
        break;
    case ACEH_HIDDEN_FORBIDDEN:
        fputs(": Set-Cookie and Set-Cookie2 are never readable", stdout);
        break;
    case ACEH_HIDDEN_BAD_NAME:
        fputs(": not a valid header name", stdout);
        break;
    case ACEH_HIDDEN_ABSENT:
        fputs(": no Access-Control-Expose-Headers header", stdout);
        break;
    case ACEH_HIDDEN_INVALID:
        printf(": list invalid at line %zu offset %zu: %s", l->err_line,
               l->err_off, aceh_status_str(l->status));
        break;
    case ACEH_HIDDEN_NOT_LISTED:
        if (l->wildcard && mode == ACEH_INCLUDE)
            fputs(": \"*\" is only a literal name with credentials include",
                  stdout);
        break;
    case ACEH_HIDDEN_AUTHORIZATION:
        fputs(": \"*\" does not cover Authorization with "
              "--authorization-needs-listing",
              stdout);
        break;
    default: break;
    }
    fputs(")\n", stdout);
}

int cmd_exposed(int argc, char **argv, int first)
{
    static const cli_opt opts[] = {
        {"aceh", 1, OPT_ACEH},
        {"credentials", 1, OPT_CRED},
        {"authorization-needs-listing", 0, OPT_AUTH},
        {"json", 0, OPT_JSON},
        {"escaped", 0, OPT_ESCAPED},
        {NULL, 0, 0}};
    cli_args a;
    char *arg;
    int r, json = 0, escaped = 0, all = 1, rc = CLI_USAGE;
    unsigned flags = 0;
    aceh_mode mode = ACEH_SAME_ORIGIN;
    size_t nl = 0, nn = 0, i;
    size_t slots = (size_t)(argc > 0 ? argc : 1);
    aceh_str *lines = malloc(sizeof *lines * slots);
    aceh_str *names = malloc(sizeof *names * slots);
    /* The arguments as writable argv strings: --escaped decodes them in
     * place, and may come after them. */
    char **lraw = malloc(sizeof *lraw * slots);
    char **nraw = malloc(sizeof *nraw * slots);
    aceh_name *stored = NULL;
    aceh_list list;
    aceh_status st;

    if (!lines || !names || !lraw || !nraw) {
        cli_err("exposed", "out of memory");
        goto out;
    }
    cli_args_init(&a, argc, argv, first, "exposed");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2: goto out;
        case CLI_OPT_HELP:
            fputs(help, stdout);
            rc = cli_flush("exposed") ? CLI_USAGE : CLI_OK;
            goto out;
        case OPT_ACEH: lraw[nl++] = arg; break;
        case OPT_CRED:
            if (cli_mode(arg, &mode)) {
                cli_usage("exposed",
                          "unknown credentials mode '%s' (omit, same-origin "
                          "or include)",
                          arg);
                goto out;
            }
            break;
        case OPT_AUTH: flags |= ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION; break;
        case OPT_JSON: json = 1; break;
        case OPT_ESCAPED: escaped = 1; break;
        default: nraw[nn++] = arg; break;
        }
    }
    if (nn == 0) {
        cli_usage("exposed", "missing NAME");
        goto out;
    }
    for (i = 0; i < nl; i++)
        if (cli_arg_bytes("exposed", lraw[i], escaped, &lines[i]))
            goto out;
    for (i = 0; i < nn; i++)
        if (cli_arg_bytes("exposed", nraw[i], escaped, &names[i]))
            goto out;

    /* Parse once with room for every name so each query is a plain scan. */
    st = aceh_list_parse(&list, lines, nl, NULL, 0);
    if (st == ACEH_OK && list.count > 0) {
        stored = malloc(sizeof *stored * list.count);
        if (!stored) {
            cli_err("exposed", "out of memory");
            goto out;
        }
        st = aceh_list_parse(&list, lines, nl, stored, list.count);
    }

    if (json) {
        printf("{\"credentials\":\"%s\",\"authorization_needs_listing\":%s,"
               "\"aceh\":{\"present\":%s,\"valid\":%s,\"status\":\"%s\","
               "\"lines\":%zu,\"count\":%zu,\"wildcard\":%s,\"error\":",
               cli_mode_str(mode), flags ? "true" : "false",
               nl ? "true" : "false", st < 0 ? "false" : "true",
               aceh_status_str(st), nl, list.count,
               list.wildcard ? "true" : "false");
        cli_json_list_error(stdout, &list);
        fputs("},\"names\":[", stdout);
    } else if (st < 0 && list.err_line < nl) {
        printf("list invalid at line %zu offset %zu: %s: %s\n",
               list.err_line, list.err_off, aceh_status_str(st),
               cli_status_why(st));
        cli_caret(stdout, "  ", lines[list.err_line].ptr,
                  lines[list.err_line].len, list.err_off);
    }
    for (i = 0; i < nn; i++) {
        aceh_verdict v = aceh_list_decide(&list, names[i].ptr, names[i].len,
                                          mode, flags);
        if (v <= 0) all = 0;
        if (json) {
            if (i) putchar(',');
            fputs("{\"name\":", stdout);
            cli_json_str(stdout, names[i].ptr, names[i].len);
            printf(",\"exposed\":%s,\"verdict\":\"%s\"}",
                   v > 0 ? "true" : "false", aceh_verdict_str(v));
        } else {
            cli_esc(stdout, names[i].ptr, names[i].len);
            fputs(": ", stdout);
            text_reason(v, &list, mode);
        }
    }
    if (json) printf("],\"all_exposed\":%s}\n", all ? "true" : "false");
    rc = cli_flush("exposed") ? CLI_USAGE : all ? CLI_OK : CLI_NO;
out:
    free(stored);
    free(lines);
    free(names);
    free(lraw);
    free(nraw);
    return rc;
}
