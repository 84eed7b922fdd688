/* SPDX-License-Identifier: MIT */
/* aceh.h promises to compile as C++: this translation unit includes it,
 * calls the C library through it (extern "C" linkage) and checks a few
 * answers, so a broken header or a missing extern "C" fails the build or
 * the run. */
#include "aceh.h"

#include <cstdio>
#include <cstring>

int main()
{
    aceh_str line = {"X-A, *", 6};
    aceh_name names[4];
    aceh_list list;
    aceh_header h[2] = {{"Access-Control-Expose-Headers", 29, "x-b", 3},
                        {"X-B", 3, "1", 1}};
    unsigned char readable[2] = {0, 0};
    char buf[16];
    int bad = 0;

    bad |= std::strcmp(aceh_version(), ACEH_VERSION_STRING) != 0;
    bad |= aceh_decide(&line, 1, "X-C", 3, ACEH_OMIT, 0) !=
           ACEH_EXPOSED_WILDCARD;
    bad |= aceh_exposed(&line, 1, "X-C", 3, ACEH_INCLUDE, 0) != 0;
    bad |= aceh_list_parse(&list, &line, 1, names, 4) != ACEH_OK;
    bad |= list.count != 2 || !list.wildcard;
    bad |= aceh_list_decide(&list, "x-a", 3, ACEH_INCLUDE, 0) !=
           ACEH_EXPOSED_LISTED;
    bad |= aceh_filter(h, 2, ACEH_INCLUDE, 0, readable, NULL, NULL) != ACEH_OK;
    bad |= readable[1] != 1;
    bad |= aceh_format(&line, 1, buf, sizeof buf, NULL, NULL) !=
           ACEH_E_BAD_NAME;
    bad |= aceh_validate("no no", 5, NULL, NULL) != ACEH_E_MISSING_COMMA;
    bad |= std::strcmp(aceh_status_str(ACEH_E_NULL), "null") != 0;
    std::printf("header_cxx: %s\n", bad ? "FAILED" : "ok");
    return bad;
}
