/* SPDX-License-Identifier: MIT */
/* Static vendoring, file 1 of 2: a private copy of the library. Linking it
 * with vendor_b.c (another private copy) fails with duplicate symbols
 * unless ACEH_STATIC really makes every definition static. */
#define ACEH_STATIC
#include "aceh.h"

#include <stdio.h>

#include "vendor.h"

static int expect(const char *what, int got, int want)
{
    if (got == want)
        return 0;
    printf("vendor_a: %s: got %d, want %d\n", what, got, want);
    return 1;
}

int main(void)
{
    static const aceh_str lines[] = {{"X-A, *", 6}, {"bb-8", 4}};
    static const aceh_str bad[] = {{"bb-8", 4}, {"no no", 5}};
    int fails = 0;

    fails += expect("listed", aceh_decide(lines, 2, "x-a", 3, ACEH_INCLUDE, 0),
                    ACEH_EXPOSED_LISTED);
    fails += expect("literal *", aceh_decide(lines, 2, "X-B", 3, ACEH_INCLUDE, 0),
                    ACEH_HIDDEN_NOT_LISTED);
    fails += expect("wildcard", aceh_decide(lines, 2, "X-B", 3, ACEH_OMIT, 0),
                    ACEH_EXPOSED_WILDCARD);
    fails += expect("second line", aceh_exposed(lines, 2, "BB-8", 4, ACEH_INCLUDE, 0), 1);
    fails += expect("invalid", aceh_decide(bad, 2, "bb-8", 4, ACEH_OMIT, 0),
                    ACEH_HIDDEN_INVALID);
    fails += vendor_b_check();
    printf("vendor: %s\n", fails ? "FAILED" : "ok");
    return fails != 0;
}
