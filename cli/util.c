/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

void cli_args_init(cli_args *a, int argc, char **argv, int first,
                   const char *cmd)
{
    a->argc = argc;
    a->argv = argv;
    a->i = first;
    a->after_dashdash = 0;
    a->cmd = cmd;
}

int cli_next(cli_args *a, const cli_opt *opts, char **arg)
{
    while (a->i < a->argc) {
        char *s = a->argv[a->i++];
        char *eq;
        size_t nlen;
        const cli_opt *o;
        if (a->after_dashdash || s[0] != '-' || s[1] == '\0') {
            *arg = s;
            return 0;
        }
        if (strcmp(s, "--") == 0) {
            a->after_dashdash = 1;
            continue;
        }
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0)
            return CLI_OPT_HELP;
        if (strncmp(s, "--help=", 7) == 0) {
            cli_usage(a->cmd, "option '--help' takes no value");
            return -2;
        }
        if (s[1] != '-') {
            cli_usage(a->cmd, "unknown option '%s'", s);
            return -2;
        }
        eq = strchr(s + 2, '=');
        nlen = eq ? (size_t)(eq - (s + 2)) : strlen(s + 2);
        for (o = opts; o && o->name; o++)
            if (strlen(o->name) == nlen && memcmp(o->name, s + 2, nlen) == 0)
                break;
        if (!o || !o->name) {
            cli_usage(a->cmd, "unknown option '%.*s'", (int)(nlen + 2), s);
            return -2;
        }
        if (!o->has_arg) {
            if (eq) {
                cli_usage(a->cmd, "option '--%s' takes no value", o->name);
                return -2;
            }
            *arg = NULL;
            return o->id;
        }
        if (eq) {
            *arg = eq + 1;
            return o->id;
        }
        if (a->i >= a->argc) {
            cli_usage(a->cmd, "option '--%s' needs a value", o->name);
            return -2;
        }
        *arg = a->argv[a->i++];
        return o->id;
    }
    return -1;
}

static void vmsg(const char *cmd, const char *fmt, va_list ap)
{
    fputs("aceh: ", stderr);
    if (cmd) fprintf(stderr, "%s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_err(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(cmd, fmt, ap);
    va_end(ap);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(cmd, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "Try 'aceh %s --help'.\n", cmd);
    else
        fputs("Try 'aceh --help'.\n", stderr);
    return CLI_USAGE;
}

int cli_mode(const char *s, aceh_mode *m)
{
    if (strcmp(s, "omit") == 0)
        *m = ACEH_OMIT;
    else if (strcmp(s, "same-origin") == 0)
        *m = ACEH_SAME_ORIGIN;
    else if (strcmp(s, "include") == 0)
        *m = ACEH_INCLUDE;
    else
        return -1;
    return 0;
}

const char *cli_mode_str(aceh_mode m)
{
    switch (m) {
    case ACEH_OMIT: return "omit";
    case ACEH_SAME_ORIGIN: return "same-origin";
    default: return "include";
    }
}

int cli_arg_bytes(const char *cmd, char *arg, int escaped, aceh_str *out)
{
    size_t len = strlen(arg), n, at = 0;
    const char *why = "";
    out->ptr = arg;
    out->len = len;
    if (!escaped) return 0;
    n = esc_decode(arg, len, arg, &why, &at);
    if (n == (size_t)-1) {
        cli_usage(cmd, "argument '%s': %s at byte %zu", arg, why, at);
        return -1;
    }
    out->len = n;
    return 0;
}

void cli_esc(FILE *f, const char *p, size_t len)
{
    esc_write(f, p, len);
}

/* Width of esc_write()'s output for [p, p+len): the escaper defines it, so
 * caret and text can never disagree. */
static size_t esc_width(const char *p, size_t len)
{
    size_t i, w = 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        w += c == '\\' ? 2 : (c >= 0x21 && c <= 0x7e) || c == ' ' ? 1 : 4;
    }
    return w;
}

void cli_caret(FILE *f, const char *indent, const char *p, size_t len,
               size_t off)
{
    size_t from, to, col, i;
    int head, tail;
    if (len == 0) return; /* nothing to point at */
    if (off > len) off = len;
    from = off > CLI_EXCERPT_BEFORE ? off - CLI_EXCERPT_BEFORE : 0;
    to = len - off > CLI_EXCERPT_AFTER ? off + CLI_EXCERPT_AFTER : len;
    head = from > 0;
    tail = to < len;
    col = (head ? 3 : 0) + esc_width(p + from, off - from);
    fputs(indent, f);
    if (head) fputs("...", f);
    esc_write(f, p + from, to - from);
    if (tail) fputs("...", f);
    fprintf(f, "\n%s", indent);
    for (i = 0; i < col; i++) fputc(' ', f);
    fputs("^\n", f);
}

void cli_json_str(FILE *f, const char *p, size_t len)
{
    size_t i;
    fputc('"', f);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (c < 0x20 || c >= 0x7f)
                fprintf(f, "\\u%04x", (unsigned)c);
            else
                fputc(c, f);
        }
    }
    fputc('"', f);
}

void cli_json_cstr(FILE *f, const char *s)
{
    cli_json_str(f, s, strlen(s));
}

void cli_json_list_error(FILE *f, const aceh_list *list)
{
    if (list->status < 0)
        fprintf(f, "{\"line\":%zu,\"offset\":%zu,\"status\":\"%s\"}",
                list->err_line, list->err_off, aceh_status_str(list->status));
    else
        fputs("null", f);
}

const char *cli_status_why(aceh_status s)
{
    switch (s) {
    case ACEH_E_VALUE_BYTE:
        return "CR, LF or NUL can never appear in a field value";
    case ACEH_E_NAME_BYTE:
        return "this byte is neither a token character, SP, HTAB nor ','";
    case ACEH_E_MISSING_COMMA:
        return "two names are separated by whitespace without a comma";
    case ACEH_E_BAD_NAME:
        return "not a valid header name";
    case ACEH_E_NULL:
        return "NULL pointer";
    default:
        return aceh_status_str(s);
    }
}

int cli_flush(const char *cmd)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_err(cmd, "cannot write standard output: %s", strerror(errno));
        return -1;
    }
    return 0;
}
