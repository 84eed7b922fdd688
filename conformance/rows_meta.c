/* SPDX-License-Identifier: MIT */
/* Writes conformance/rows-meta.tsv: for every row of a conformance table,
 * its id and the tags that say what an implementation must be able to
 * express to run it (common/cases.h, conformance/README.md "Row metadata").
 *
 *   rows_meta [TABLE]      (default conformance/cases.tsv) to stdout
 *
 * Exit status 0, or 1 when the table cannot be read or has a malformed
 * row (each reported with file:line on stderr). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cases.h"

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "conformance/cases.tsv";
    cases_table t;
    size_t i;
    unsigned b;

    if (argc > 2) {
        fprintf(stderr, "usage: rows_meta [TABLE]\n");
        return 1;
    }
    if (cases_load(&t, path) < 0) {
        fprintf(stderr, "rows_meta: %s: %s\n", path, strerror(errno));
        return 1;
    }
    for (i = 0; i < t.nerrors; i++)
        fprintf(stderr, "%s:%lu: %s\n", path, t.errors[i].lineno,
                t.errors[i].msg);
    if (t.nerrors) {
        cases_free(&t);
        return 1;
    }
    printf("# SPDX-License-Identifier: MIT\n"
           "# Generated from conformance/cases.tsv by `make "
           "conformance-meta-update`;\n"
           "# `make conformance-meta` (in make check) fails when it is "
           "stale.\n"
           "# id<TAB>tags: what an implementation must be able to express "
           "to run the row\n"
           "# (conformance/README.md, \"Row metadata\"), comma-separated, "
           "or - for none.\n");
    for (i = 0; i < t.n; i++) {
        unsigned tags = cases_row_tags(&t.rows[i]);
        const char *sep = "";
        printf("%s\t", t.rows[i].id.p);
        if (!tags) fputs("-", stdout);
        for (b = 0; b < CASES_NTAGS; b++)
            if (tags & (1u << b)) {
                printf("%s%s", sep, cases_tag_names[b]);
                sep = ",";
            }
        putchar('\n');
    }
    cases_free(&t);
    return fflush(stdout) == 0 ? 0 : 1;
}
