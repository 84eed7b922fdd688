/* SPDX-License-Identifier: MIT */
/* aceh: command-line front end of the aceh library. See aceh(1). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "Usage: aceh COMMAND [OPTION]... [ARGUMENT]...\n"
    "Parse Access-Control-Expose-Headers and tell which response headers a\n"
    "cross-origin script can read (WHATWG Fetch).\n"
    "\n"
    "Commands:\n"
    "  parse [--json] VALUE...        names of each field line, or where it fails\n"
    "  exposed --aceh VALUE... NAME... is each NAME readable, and why\n"
    "  check-response [FILE]          CORS check of every response of a redirect\n"
    "                                 chain (as `curl -sL -D -` prints it) and the\n"
    "                                 headers a script can read\n"
    "  lint VALUE... | --file FILE    mistakes a server operator should fix, with\n"
    "                                 codes, reasons and fixes\n"
    "  format NAME...                 a canonical header value\n"
    "  batch                          the conformance line protocol on stdin\n"
    "  preflight --origin O --method M [OPTION]...\n"
    "                                 does a CORS preflight let the request\n"
    "                                 through, and for how long\n"
    "\n"
    "Options:\n"
    "  -h, --help     this help; 'aceh COMMAND --help' for a command's options\n"
    "  --version      the program's and the library's versions\n"
    "\n"
    "Exit status: 0 success, 1 a negative verdict (invalid list, a name not\n"
    "exposed, a CORS check failing, lint errors, a name format refuses), 2\n"
    "usage or input error.\n";

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **, int);
    } cmds[] = {
        {"parse", cmd_parse},   {"exposed", cmd_exposed},
        {"check-response", cmd_check_response},
        {"lint", cmd_lint},     {"format", cmd_format},
        {"batch", cmd_batch},   {"preflight", cmd_preflight},
    };
    size_t i;
    const char *c;
    if (argc < 2)
        return cli_usage(NULL, "missing command");
    c = argv[1];
    if (strcmp(c, "--help") == 0 || strcmp(c, "-h") == 0) {
        fputs(usage_text, stdout);
        return cli_flush(NULL) ? CLI_USAGE : CLI_OK;
    }
    if (strcmp(c, "--version") == 0) {
        if (argc > 2)
            return cli_usage(NULL, "--version takes no argument");
        printf("aceh %s (library %s)\n", ACEH_VERSION_STRING, aceh_version());
        return cli_flush(NULL) ? CLI_USAGE : CLI_OK;
    }
    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcmp(c, cmds[i].name) == 0)
            return cmds[i].fn(argc, argv, 2);
    if (c[0] == '-')
        return cli_usage(NULL, "unknown option '%s'", c);
    return cli_usage(NULL, "unknown command '%s'", c);
}
