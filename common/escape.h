/* SPDX-License-Identifier: MIT */
/* Escapes shared by the conformance table and the `aceh batch` protocol:
 * "\xHH" (either case) is any byte, "\\" a backslash, any other byte itself.
 * Not part of the vendorable library (parser/). */
#ifndef ACEH_COMMON_ESCAPE_H
#define ACEH_COMMON_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Decode [in, in+len) into out (room for len bytes; may alias in). Returns
 * the decoded length, or (size_t)-1 on a bad escape with a reason in
 * *why (static string) and its offset in *at (either may be NULL). */
size_t esc_decode(const char *in, size_t len, char *out, const char **why,
                  size_t *at);

/* Write [p, p+len) escaped: bytes outside 0x21-0x7E except space, and the
 * backslash, become escapes. */
void esc_write(FILE *f, const char *p, size_t len);

#endif
