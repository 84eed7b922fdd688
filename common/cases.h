/* SPDX-License-Identifier: MIT */
/* The one reader of the conformance table (conformance/cases.tsv, format in
 * conformance/README.md), shared by the Check runner, the Check-free table
 * runner and the browser check. Plain C99 and independent of parser/: the
 * browser check judges the table and must not borrow the judgement of the
 * code under test, so statuses come back as their names. Not part of the
 * vendorable library. */
#ifndef ACEH_COMMON_CASES_H
#define ACEH_COMMON_CASES_H

#include <stddef.h>

/* A decoded field: len bytes at p, followed by a NUL that is not part of
 * it (the bytes themselves may hold NULs). */
typedef struct cases_field {
    char *p;
    size_t len;
} cases_field;

enum cases_area {
    CASES_WILDCARD,
    CASES_EMPTY,
    CASES_CREDENTIALS,
    CASES_GRAMMAR,
    CASES_DECISION,
    CASES_AREAS
};
/* Spelling of each area in the table, indexed by enum cases_area. */
extern const char *const cases_area_names[CASES_AREAS];

enum cases_mode { CASES_OMIT, CASES_SAME_ORIGIN, CASES_INCLUDE };

enum cases_parse { CASES_PARSE_OK, CASES_PARSE_ABSENT, CASES_PARSE_ERROR };

/* One well-formed row. Every column is decoded; the first eight are also
 * kept as fields (col_*) for programs that show or match them as text. */
typedef struct cases_row {
    unsigned long lineno; /* 1-based line in the file */
    cases_field id, area_col, mode_col, flags_col, name, exposed_col,
        parse_col, source;
    enum cases_area area;
    enum cases_mode mode;
    int authorization_needs_listing; /* flags column: the Authorization opt-in */
    int exposed;                     /* 0 or 1 */
    enum cases_parse parse;
    /* CASES_PARSE_ERROR only: the STATUS name as the table spells it
     * ("value-byte", "name-byte" or "missing-comma", a static string),
     * the 0-based failing line (< nlines) and byte offset (< its len). */
    const char *parse_status;
    size_t parse_line, parse_off;
    cases_field *lines; /* the ACEH field lines; nlines 0: header absent */
    size_t nlines;
    int framing; /* CR, LF or NUL in the name or a line (id has frame-) */
} cases_row;

/* A malformed row (lineno > 0) or a problem of the whole file (lineno 0,
 * e.g. no rows at all); msg says what, without the file name. */
typedef struct cases_error {
    unsigned long lineno;
    char *msg;
} cases_error;

typedef struct cases_table {
    cases_row *rows; /* malformed rows are left out; a duplicate id stays */
    size_t n;
    cases_error *errors; /* in file order; duplicate ids last */
    size_t nerrors;
    char *buf; /* decoded fields; rows point into it */
} cases_table;

/* Read and check the whole table. Returns 0 when the file was read (the
 * table is usable only if t->nerrors is 0), -1 when it could not be read
 * or memory ran out (errno as the failing library call left it; *t
 * empty). Either way cases_free(t) may follow. */
int cases_load(cases_table *t, const char *path);
void cases_free(cases_table *t);

/* What an implementation must be able to express to run a row, as bits
 * (conformance/README.md, "Row metadata"; conformance/rows-meta.tsv lists
 * them per id). Derived from the row's fields only. */
enum cases_tag {
    CASES_TAG_AUTHORIZATION_OPTIN = 1, /* flag authorization-needs-listing */
    CASES_TAG_HTTP_CTL = 2,       /* a control byte other than HTAB (0x00-0x08,
                                     0x0A-0x1F, 0x7F) in an ACEH line */
    CASES_TAG_HTTP_BIG = 4,       /* the ACEH lines hold more than
                                     CASES_HTTP_BIG bytes together */
    CASES_TAG_NAME_NOT_TOKEN = 8  /* the queried name is not 1*tchar */
};
#define CASES_NTAGS 4
#define CASES_HTTP_BIG 16384
/* Spelling of tag bit i (1 << i) in rows-meta.tsv and run-external. */
extern const char *const cases_tag_names[CASES_NTAGS];

/* The tags of a well-formed row. O(bytes of the row). */
unsigned cases_row_tags(const cases_row *r);

/* 1 if the field is exactly the C string s. */
int cases_eq(const cases_field *f, const char *s);

#endif
