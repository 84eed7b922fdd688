/* SPDX-License-Identifier: MIT */
/* Static vendoring, file 2 of 2: another private copy (see vendor_a.c). */
#define ACEH_STATIC
#include "aceh.h"

#include <stdio.h>
#include <string.h>

#include "vendor.h"

int vendor_b_check(void)
{
    static const aceh_str names[] = {{"X-A", 3}, {"bb-8", 4}};
    static const aceh_str bad[] = {{"X-A", 3}, {"a b", 3}};
    char buf[32];
    size_t needed = 0, bad_index = 9, err_off = 0;
    int fails = 0;

    if (aceh_format(names, 2, buf, sizeof buf, &needed, NULL) != ACEH_OK ||
        strcmp(buf, "X-A, bb-8") != 0 || needed != 9) {
        printf("vendor_b: format: \"%s\" (%zu)\n", buf, needed);
        fails++;
    }
    if (aceh_format(bad, 2, buf, sizeof buf, NULL, &bad_index) !=
            ACEH_E_BAD_NAME || bad_index != 1) {
        printf("vendor_b: format of an invalid name: index %zu\n", bad_index);
        fails++;
    }
    if (aceh_validate("a, \"b\"", 6, NULL, &err_off) != ACEH_E_NAME_BYTE ||
        err_off != 3) {
        printf("vendor_b: validate: offset %zu\n", err_off);
        fails++;
    }
    if (strcmp(aceh_version(), ACEH_VERSION_STRING) != 0) {
        printf("vendor_b: version %s\n", aceh_version());
        fails++;
    }
    return fails;
}
