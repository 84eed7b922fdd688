/* SPDX-License-Identifier: MIT */
/* Helpers shared by the subcommands of the `aceh` program. Every parsing
 * and exposure decision goes through the library (aceh.h); these helpers
 * only handle arguments, input and output. */
#ifndef ACEH_CLI_H
#define ACEH_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "aceh.h"

/* Exit statuses, as documented in aceh(1). */
#define CLI_OK 0    /* success */
#define CLI_NO 1    /* a negative verdict */
#define CLI_USAGE 2 /* usage or input error */

#if defined(__GNUC__) || defined(__clang__)
#define CLI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CLI_PRINTF(a, b)
#endif

/* One long option of a subcommand ("--name" or "--name=value"). */
typedef struct cli_opt {
    const char *name; /* without the leading "--" */
    int has_arg;
    int id; /* > 0, returned by cli_next() */
} cli_opt;

#define CLI_OPT_HELP 1000 /* --help and -h, accepted by every subcommand */

typedef struct cli_args {
    int argc;
    char **argv;
    int i;
    int after_dashdash;
    const char *cmd; /* subcommand name, for messages */
} cli_args;

/* Arguments argv[first..argc) of subcommand cmd. */
void cli_args_init(cli_args *a, int argc, char **argv, int first,
                   const char *cmd);

/* Next argument. Options may come anywhere before "--". Returns an option
 * id (with its value in *arg when it takes one), 0 for an operand (in
 * *arg), -1 at the end, -2 on a usage error (already reported). */
int cli_next(cli_args *a, const cli_opt *opts, char **arg);

/* "aceh: CMD: message" on standard error. */
void cli_err(const char *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);
/* Report a usage error with a pointer to --help; returns CLI_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);

/* Parse a --credentials value. Returns 0, or -1 for an unknown mode. */
int cli_mode(const char *s, aceh_mode *m);
const char *cli_mode_str(aceh_mode m);

/* An argument's bytes: the argument itself, or its decoded form when
 * escaped is set (decoded in place: argv strings are writable). Returns 0,
 * or -1 after reporting a bad escape. */
int cli_arg_bytes(const char *cmd, char *arg, int escaped, aceh_str *out);

/* Write bytes escaped (common/escape.h rules). */
void cli_esc(FILE *f, const char *p, size_t len);

/* Print "INDENT<escaped excerpt>\nINDENT<spaces>^\n", the caret under the
 * escaped form of byte off (after the end when off == len). The excerpt is
 * at most CLI_EXCERPT_BEFORE bytes before off and CLI_EXCERPT_AFTER bytes
 * from it, with "..." where the value is cut, so the output is bounded
 * (under 400 bytes) whatever the value's length. Prints nothing for an
 * empty value. O(excerpt). */
#define CLI_EXCERPT_BEFORE 40
#define CLI_EXCERPT_AFTER 40
void cli_caret(FILE *f, const char *indent, const char *p, size_t len,
               size_t off);

/* A JSON string literal for the bytes: every byte is the code point of the
 * same value (bytes 0x80-0xFF as U+0080-U+00FF), so the output is always
 * valid JSON and the bytes can be recovered. */
void cli_json_str(FILE *f, const char *p, size_t len);
void cli_json_cstr(FILE *f, const char *s);
/* The parse outcome's "error" value: an object with line, offset and
 * status for an invalid list, else null. */
void cli_json_list_error(FILE *f, const aceh_list *list);

/* Human explanation of a parse status (for messages). */
const char *cli_status_why(aceh_status s);

/* Flush standard output and report a write error. Returns 0 or -1. */
int cli_flush(const char *cmd);

/* Well-known field names, NULL-terminated: "Name" or "Name kind" (kind
 * "request" or "cors"), generated at build time from cli/known-names.txt,
 * whose syntax the generator checks. */
extern const char *const cli_known_names[];

/* The subcommands: argv[first] is the first argument after the name. */
int cmd_parse(int argc, char **argv, int first);
int cmd_exposed(int argc, char **argv, int first);
int cmd_check_response(int argc, char **argv, int first);
int cmd_lint(int argc, char **argv, int first);
int cmd_format(int argc, char **argv, int first);
int cmd_batch(int argc, char **argv, int first);
int cmd_preflight(int argc, char **argv, int first);

#endif
