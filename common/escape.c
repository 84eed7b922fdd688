/* SPDX-License-Identifier: MIT */
#include "escape.h"

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

size_t esc_decode(const char *in, size_t len, char *out, const char **why,
                  size_t *at)
{
    size_t i = 0, o = 0;
    while (i < len) {
        unsigned char c = (unsigned char)in[i];
        if (c != '\\') {
            out[o++] = (char)c;
            i++;
            continue;
        }
        if (i + 1 < len && in[i + 1] == '\\') {
            out[o++] = '\\';
            i += 2;
            continue;
        }
        if (i + 3 < len && in[i + 1] == 'x') {
            int hi = hexval((unsigned char)in[i + 2]);
            int lo = hexval((unsigned char)in[i + 3]);
            if (hi >= 0 && lo >= 0) {
                out[o++] = (char)(hi * 16 + lo);
                i += 4;
                continue;
            }
        }
        if (why) *why = (i + 1 < len && in[i + 1] == 'x')
                            ? "bad \\x escape (needs two hex digits)"
                            : "bad escape (only \\xHH and \\\\)";
        if (at) *at = i;
        return (size_t)-1;
    }
    return o;
}

void esc_write(FILE *f, const char *p, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\\')
            fputs("\\\\", f);
        else if (c == ' ' || (c > 0x20 && c < 0x7f))
            fputc(c, f);
        else
            fprintf(f, "\\x%02X", c);
    }
}
