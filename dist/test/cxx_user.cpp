/* SPDX-License-Identifier: MIT */
/* The single header's declarations used from C++, linked with the C
 * implementation (single_impl.c): extern "C" must hold. */
#include "aceh.h"

#include <cstdio>
#include <cstring>

int main()
{
    const aceh_str lines[] = {{"X-A, *", 6}};
    const char *name = "X-B";
    int fails = 0;

    if (aceh_decide(lines, 1, name, std::strlen(name), ACEH_OMIT, 0) !=
        ACEH_EXPOSED_WILDCARD)
        fails++;
    if (aceh_decide(lines, 1, name, std::strlen(name), ACEH_INCLUDE, 0) !=
        ACEH_HIDDEN_NOT_LISTED)
        fails++;
    if (std::strcmp(aceh_verdict_str(ACEH_HIDDEN_INVALID), "invalid") != 0)
        fails++;
    std::printf("c++: %s\n", fails ? "FAILED" : "ok");
    return fails != 0;
}
