/* SPDX-License-Identifier: MIT */
/* aceh parse: the names of each field line, or where the header fails. */
#include <stdlib.h>

#include "cli.h"

static const char help[] =
    "Usage: aceh parse [--json] [--escaped] [--] VALUE...\n"
    "Parse the field lines of one Access-Control-Expose-Headers header (one\n"
    "VALUE per line, in order) and print the names of each line, or the\n"
    "failing line, byte offset and reason with a caret under the offending\n"
    "byte. One invalid line voids the whole header (Fetch).\n"
    "\n"
    "  --json      print one JSON object instead of text\n"
    "  --escaped   VALUEs use escapes: \\xHH is any byte, \\\\ a backslash\n"
    "  -h, --help  this help\n"
    "\n"
    "Lines and offsets count from 0. Text output shows bytes outside printable\n"
    "ASCII, and the backslash, as \\xHH and \\\\; JSON strings map each byte\n"
    "to the code point of the same value.\n"
    "Exit status: 0 valid, 1 invalid, 2 usage error.\n";

enum { OPT_JSON = 1, OPT_ESCAPED };

static void text_line(size_t ln, const aceh_str *v)
{
    aceh_iter it;
    aceh_slice s;
    size_t n = 0;
    aceh_status st;
    aceh_iter_init(&it, v->ptr, v->len);
    while (aceh_iter_next(&it, &s)) {
        printf(n++ ? ", " : "line %zu: ", ln);
        cli_esc(stdout, v->ptr + s.off, s.len);
    }
    st = aceh_iter_status(&it);
    if (n)
        putchar('\n');
    else if (st == ACEH_OK)
        printf("line %zu: (no names)\n", ln);
    if (st != ACEH_OK) {
        size_t off = aceh_iter_error_offset(&it);
        printf("line %zu: %s at offset %zu: %s\n", ln, aceh_status_str(st),
               off, cli_status_why(st));
        cli_caret(stdout, "  ", v->ptr, v->len, off);
    }
}

static void json_line(const aceh_str *v)
{
    aceh_iter it;
    aceh_slice s;
    size_t n = 0;
    aceh_status st;
    fputs("{\"value\":", stdout);
    cli_json_str(stdout, v->ptr, v->len);
    fputs(",\"names\":[", stdout);
    aceh_iter_init(&it, v->ptr, v->len);
    while (aceh_iter_next(&it, &s)) {
        if (n++) putchar(',');
        cli_json_str(stdout, v->ptr + s.off, s.len);
    }
    st = aceh_iter_status(&it);
    printf("],\"status\":\"%s\",\"offset\":", aceh_status_str(st));
    if (st == ACEH_OK)
        fputs("null}", stdout);
    else
        printf("%zu}", aceh_iter_error_offset(&it));
}

int cmd_parse(int argc, char **argv, int first)
{
    static const cli_opt opts[] = {
        {"json", 0, OPT_JSON}, {"escaped", 0, OPT_ESCAPED}, {NULL, 0, 0}};
    cli_args a;
    char *arg;
    int r, json = 0, escaped = 0, rc;
    size_t n = 0, i;
    aceh_str *lines;
    char **raw; /* writable argv strings: --escaped decodes in place */
    aceh_list list;
    aceh_status st;

    lines = malloc(sizeof *lines * (size_t)(argc > 0 ? argc : 1));
    raw = malloc(sizeof *raw * (size_t)(argc > 0 ? argc : 1));
    if (!lines || !raw) {
        free(lines);
        free(raw);
        cli_err("parse", "out of memory");
        return CLI_USAGE;
    }
    cli_args_init(&a, argc, argv, first, "parse");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2:
            free(lines);
            free(raw);
            return CLI_USAGE;
        case CLI_OPT_HELP:
            free(lines);
            free(raw);
            fputs(help, stdout);
            return cli_flush("parse") ? CLI_USAGE : CLI_OK;
        case OPT_JSON: json = 1; break;
        case OPT_ESCAPED: escaped = 1; break;
        default: raw[n++] = arg; break;
        }
    }
    if (n == 0) {
        free(lines);
        free(raw);
        return cli_usage("parse", "missing VALUE");
    }
    /* Decode only once every option is known: --escaped may come last. */
    for (i = 0; i < n; i++) {
        if (cli_arg_bytes("parse", raw[i], escaped, &lines[i])) {
            free(lines);
            free(raw);
            return CLI_USAGE;
        }
    }

    st = aceh_list_parse(&list, lines, n, NULL, 0);
    rc = st < 0 ? CLI_NO : CLI_OK;
    if (json) {
        printf("{\"valid\":%s,\"status\":\"%s\",\"count\":%zu,"
               "\"wildcard\":%s,\"error\":",
               st < 0 ? "false" : "true", aceh_status_str(st), list.count,
               list.wildcard ? "true" : "false");
        cli_json_list_error(stdout, &list);
        fputs(",\"lines\":[", stdout);
        for (i = 0; i < n; i++) {
            if (i) putchar(',');
            json_line(&lines[i]);
        }
        fputs("]}\n", stdout);
    } else {
        for (i = 0; i < n; i++)
            text_line(i, &lines[i]);
        if (st < 0)
            printf("invalid: line %zu offset %zu: %s: the whole header is "
                   "void, only safelisted headers are readable\n",
                   list.err_line, list.err_off, aceh_status_str(st));
        else
            printf("valid: %zu name%s in %zu line%s%s\n", list.count,
                   list.count == 1 ? "" : "s", n, n == 1 ? "" : "s",
                   list.wildcard ? ", with the wildcard \"*\"" : "");
    }
    free(lines);
    free(raw);
    return cli_flush("parse") ? CLI_USAGE : rc;
}
