/* SPDX-License-Identifier: MIT */
/* Which headers of a response may a cross-origin script read? The same
 * file builds against every way of using the library (see README.md). */
#include <stdio.h>

#include "aceh.h"

#define H(name, value) {name, sizeof(name) - 1, value, sizeof(value) - 1}

int main(void)
{
    /* A response head as a server sent it, ACEH in two field lines. */
    static const aceh_header resp[] = {
        H("Content-Type", "text/plain"),
        H("X-Request-Id", "42"),
        H("ETag", "\"v1\""),
        H("Set-Cookie", "id=1"),
        H("Access-Control-Expose-Headers", "X-Request-Id"),
        H("Access-Control-Expose-Headers", "*"),
    };
    enum { N = sizeof resp / sizeof resp[0] };
    unsigned char omit[N], include[N];
    size_t i;

    /* The same list read for a request without, then with credentials:
     * "*" is a wildcard only in the first case. */
    if (aceh_filter(resp, N, ACEH_OMIT, 0, omit, NULL, NULL) < 0 ||
        aceh_filter(resp, N, ACEH_INCLUDE, 0, include, NULL, NULL) < 0) {
        puts("invalid Access-Control-Expose-Headers: safelist only");
        return 1;
    }
    printf("aceh %s\n%-30s %-5s %s\n", aceh_version(), "header", "omit",
           "include");
    for (i = 0; i < N; i++)
        printf("%-30s %-5s %s\n", resp[i].name, omit[i] ? "yes" : "no",
               include[i] ? "yes" : "no");
    return 0;
}
