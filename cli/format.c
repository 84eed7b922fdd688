/* SPDX-License-Identifier: MIT */
/* aceh format: a canonical Access-Control-Expose-Headers value. */
#include <stdlib.h>

#include "cli.h"

static const char help[] =
    "Usage: aceh format [--escaped] [--] NAME...\n"
    "Print the canonical Access-Control-Expose-Headers value for the NAMEs:\n"
    "the names in the order given, joined by \", \" (duplicates are kept;\n"
    "`aceh lint` reports them). Every NAME must be a header name (a token).\n"
    "\n"
    "  --escaped   NAMEs use escapes: \\xHH is any byte, \\\\ a backslash\n"
    "  -h, --help  this help\n"
    "\n"
    "Exit status: 0 success, 1 a NAME is not a valid header name (named on\n"
    "standard error), 2 usage error.\n";

enum { OPT_ESCAPED = 1 };

int cmd_format(int argc, char **argv, int first)
{
    static const cli_opt opts[] = {{"escaped", 0, OPT_ESCAPED}, {NULL, 0, 0}};
    cli_args a;
    char *arg, *buf = NULL;
    int r, escaped = 0, rc = CLI_USAGE;
    size_t n = 0, i, needed = 0, bad = 0;
    aceh_str *names = malloc(sizeof *names * (size_t)(argc > 0 ? argc : 1));
    /* Writable argv strings: --escaped decodes them in place. */
    char **raw = malloc(sizeof *raw * (size_t)(argc > 0 ? argc : 1));
    aceh_status st;

    if (!names || !raw) {
        cli_err("format", "out of memory");
        return CLI_USAGE;
    }
    cli_args_init(&a, argc, argv, first, "format");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2: goto out;
        case CLI_OPT_HELP:
            fputs(help, stdout);
            rc = cli_flush("format") ? CLI_USAGE : CLI_OK;
            goto out;
        case OPT_ESCAPED: escaped = 1; break;
        default: raw[n++] = arg; break;
        }
    }
    if (n == 0) {
        cli_usage("format", "missing NAME");
        goto out;
    }
    for (i = 0; i < n; i++)
        if (cli_arg_bytes("format", raw[i], escaped, &names[i]))
            goto out;

    st = aceh_format(names, n, NULL, 0, &needed, &bad);
    if (st == ACEH_OK || st == ACEH_TRUNCATED) {
        buf = malloc(needed + 1);
        if (!buf) {
            cli_err("format", "out of memory");
            goto out;
        }
        st = aceh_format(names, n, buf, needed + 1, &needed, &bad);
    }
    if (st != ACEH_OK) {
        if (st < 0 && bad < n) {
            fprintf(stderr, "aceh: format: NAME %zu of %zu is not a valid "
                            "header name (1*tchar): \"", bad + 1, n);
            cli_esc(stderr, names[bad].ptr, names[bad].len);
            fputs("\"\n", stderr);
        } else {
            cli_err("format", "cannot format: %s", aceh_status_str(st));
        }
        rc = CLI_NO;
        goto out;
    }
    fwrite(buf, 1, needed, stdout);
    putchar('\n');
    rc = cli_flush("format") ? CLI_USAGE : CLI_OK;
out:
    free(buf);
    free(names);
    free(raw);
    return rc;
}
