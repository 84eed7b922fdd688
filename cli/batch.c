/* SPDX-License-Identifier: MIT */
/* aceh batch: the conformance line protocol (conformance/README.md). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "escape.h"

static const char help[] =
    "Usage: aceh batch [--authorization-needs-listing]\n"
    "Answer exposure queries read from standard input, one request a line:\n"
    "\n"
    "  MODE<TAB>NAME[<TAB>LINE]...\n"
    "\n"
    "MODE is omit, same-origin or include; NAME is the response header asked\n"
    "about; each LINE is one Access-Control-Expose-Headers field line (no LINE\n"
    "field: the header is absent; an empty field, trailing ones included: a\n"
    "line with an empty value). Every field uses escapes: \\xHH is any byte,\n"
    "\\\\ a backslash, any other byte stands for itself. Lines end with LF\n"
    "and may be of any length; a CR before the LF (a CRLF line end) is\n"
    "refused, not taken as part of the last field: write a CR as \\x0D.\n"
    "\n"
    "Each request gets one answer line, flushed at once: 1 (exposed) or 0 (not\n"
    "exposed; also for a NAME that is not a valid header name), or\n"
    "\"error: REASON\" for a request that cannot be read; reading goes on\n"
    "with the next line. The reasons:\n"
    "  empty request line\n"
    "  CR at the end of the request line (a CRLF line end)\n"
    "  field N: bad escape (only \\xHH and \\\\) at byte B\n"
    "  field N: bad \\x escape (needs two hex digits) at byte B\n"
    "  unknown MODE \"...\" (omit, same-origin or include)\n"
    "  no NAME field (MODE<TAB>NAME[<TAB>LINE]...)\n"
    "  out of memory\n"
    "\n"
    "  --authorization-needs-listing\n"
    "              the older reading in which \"*\" does not cover\n"
    "              Authorization\n"
    "  -h, --help  this help\n"
    "\n"
    "Exit status: 0 every request was answered 1 or 0, 2 some request got\n"
    "\"error:\", standard input could not be read or output could not be\n"
    "written, or a usage error.\n";

enum { OPT_AUTH = 1 };

/* Answer one request line [p, p+len) (no LF). Returns 1 if it was
 * readable, 0 if it was answered with "error:". */
static int answer(char *p, size_t len, aceh_str **fields, size_t *cap,
                  unsigned flags)
{
    size_t nf = 1, i, at = 0;
    const char *why = "";
    char *s = p, *end = p + len, *tab;
    aceh_str *f;
    aceh_mode mode;

    for (tab = memchr(s, '\t', len); tab;
         tab = memchr(tab + 1, '\t', (size_t)(end - tab - 1)))
        nf++;
    if (nf > *cap) {
        aceh_str *nfields = realloc(*fields, sizeof *nfields * nf);
        if (!nfields) {
            printf("error: out of memory\n");
            return 0;
        }
        *fields = nfields;
        *cap = nf;
    }
    f = *fields;
    for (i = 0; i < nf; i++) {
        char *e = i + 1 < nf ? memchr(s, '\t', (size_t)(end - s)) : end;
        f[i].ptr = s;
        f[i].len = (size_t)(e - s);
        s = e + 1;
    }
    if (len == 0) {
        printf("error: empty request line\n");
        return 0;
    }
    if (p[len - 1] == '\r') {
        /* A CRLF line end: answering with the CR in the last field would
         * silently answer another question. */
        printf("error: CR at the end of the request line (a CRLF line "
               "end): end lines with LF only, write a CR byte as \\x0D\n");
        return 0;
    }
    for (i = 0; i < nf; i++) {
        /* Decode in place: the field lies in the caller's writable line. */
        char *dst = p + (f[i].ptr - p);
        size_t n = esc_decode(f[i].ptr, f[i].len, dst, &why, &at);
        if (n == (size_t)-1) {
            printf("error: field %zu: %s at byte %zu\n", i + 1, why, at);
            return 0;
        }
        f[i].len = n;
    }
    {
        /* Compare the decoded MODE as bytes: it may hold a NUL. */
        static const char *const modes[] = {"omit", "same-origin", "include"};
        static const aceh_mode values[] = {ACEH_OMIT, ACEH_SAME_ORIGIN,
                                           ACEH_INCLUDE};
        size_t m;
        for (m = 0; m < 3; m++)
            if (f[0].len == strlen(modes[m]) &&
                memcmp(f[0].ptr, modes[m], f[0].len) == 0)
                break;
        if (m == 3) {
            fputs("error: unknown MODE \"", stdout);
            cli_esc(stdout, f[0].ptr, f[0].len);
            fputs("\" (omit, same-origin or include)\n", stdout);
            return 0;
        }
        mode = values[m];
    }
    if (nf < 2) {
        printf("error: no NAME field (MODE<TAB>NAME[<TAB>LINE]...)\n");
        return 0;
    }
    printf("%d\n", aceh_exposed(f + 2, nf - 2, f[1].ptr, f[1].len, mode,
                                flags)
                       ? 1
                       : 0);
    return 1;
}

int cmd_batch(int argc, char **argv, int first)
{
    static const cli_opt opts[] = {
        {"authorization-needs-listing", 0, OPT_AUTH}, {NULL, 0, 0}};
    cli_args a;
    char *arg, *line = NULL;
    size_t linecap = 0, cap = 0;
    aceh_str *fields = NULL;
    ssize_t got;
    int r, rc = CLI_OK;
    unsigned flags = 0;

    cli_args_init(&a, argc, argv, first, "batch");
    while ((r = cli_next(&a, opts, &arg)) != -1) {
        switch (r) {
        case -2: return CLI_USAGE;
        case CLI_OPT_HELP:
            fputs(help, stdout);
            return cli_flush("batch") ? CLI_USAGE : CLI_OK;
        case OPT_AUTH: flags |= ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION; break;
        default: return cli_usage("batch", "unexpected argument '%s'", arg);
        }
    }
    errno = 0;
    while ((got = getline(&line, &linecap, stdin)) >= 0) {
        size_t len = (size_t)got;
        if (len > 0 && line[len - 1] == '\n') len--;
        if (!answer(line, len, &fields, &cap, flags)) rc = CLI_USAGE;
        if (cli_flush("batch")) {
            free(line);
            free(fields);
            return CLI_USAGE;
        }
    }
    /* getline() also stops on ENOMEM without setting the error flag. */
    if (ferror(stdin) || !feof(stdin)) {
        cli_err("batch", "cannot read standard input: %s", strerror(errno));
        rc = CLI_USAGE;
    }
    free(line);
    free(fields);
    return rc;
}
