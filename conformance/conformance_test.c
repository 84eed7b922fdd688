/* SPDX-License-Identifier: MIT */
/*
 * Conformance runner: reads conformance/cases.tsv (format in
 * conformance/README.md) at run time and checks every row against the
 * library, once per API path (one-shot aceh_decide, parse-once with a
 * count-only parse, a full names array and a names array one too small).
 *
 *   conformance_test [TABLE] [--flip ID]
 *
 * TABLE defaults to conformance/cases.tsv. --flip ID inverts the expected
 * answer of row ID, to show that one wrong expectation fails the run.
 * Exit status 0 only when every row of every area passed, the mutation
 * self-check passed and the table had no malformed row.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aceh.h"
#include "cases.h"

/* Areas in the table's order (common/cases.h), one TCase each. */
enum {
    A_WILDCARD = CASES_WILDCARD,
    A_EMPTY = CASES_EMPTY,
    A_CREDENTIALS = CASES_CREDENTIALS,
    A_GRAMMAR = CASES_GRAMMAR,
    A_DECISION = CASES_DECISION,
    A_COUNT = CASES_AREAS
};
static const char selfcheck_name[] = "selfcheck";

enum parse_kind { P_OK, P_ABSENT, P_ERROR };
typedef struct parse_exp {
    enum parse_kind kind;
    aceh_status status; /* P_ERROR only */
    size_t line, off;
} parse_exp;

typedef struct row {
    unsigned long lineno;
    const char *id;
    int area;
    aceh_mode mode;
    unsigned flags;
    const char *name;
    size_t name_len;
    int exposed;
    parse_exp parse;
    aceh_str *lines;
    size_t nlines;
} row;

static const char *table_path = "conformance/cases.tsv";
static cases_table table;
static row *rows;
static size_t nrows;
static size_t *area_rows[A_COUNT];
static size_t area_n[A_COUNT];
static unsigned long table_errors;
static const char *flip_id;

/* The parse column spells statuses as aceh_status_str() does; only the
 * three parse errors can come out of aceh_list_parse for a readable row. */
static const struct {
    const char *name;
    aceh_status status;
} parse_statuses[] = {
    {"value-byte", ACEH_E_VALUE_BYTE},
    {"name-byte", ACEH_E_NAME_BYTE},
    {"missing-comma", ACEH_E_MISSING_COMMA},
};

static const char *status_name(aceh_status s)
{
    size_t i;
    for (i = 0; i < sizeof parse_statuses / sizeof parse_statuses[0]; i++)
        if (parse_statuses[i].status == s) return parse_statuses[i].name;
    return aceh_status_str(s);
}

/* ------------------------------------------------------------------ table */

/* The library's view of a row checked by the shared reader. 0 (reported)
 * for a status name this runner cannot map. */
static int convert_row(const cases_row *c, row *r)
{
    static const aceh_mode modes[] = {ACEH_OMIT, ACEH_SAME_ORIGIN,
                                      ACEH_INCLUDE};
    size_t i;

    r->lineno = c->lineno;
    r->id = c->id.p;
    r->area = (int)c->area;
    r->mode = modes[c->mode];
    r->flags =
        c->authorization_needs_listing ? ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION : 0;
    r->name = c->name.p;
    r->name_len = c->name.len;
    r->exposed = c->exposed;
    memset(&r->parse, 0, sizeof r->parse);
    r->parse.kind = c->parse == CASES_PARSE_OK       ? P_OK
                    : c->parse == CASES_PARSE_ABSENT ? P_ABSENT
                                                     : P_ERROR;
    if (r->parse.kind == P_ERROR) {
        for (i = 0; i < sizeof parse_statuses / sizeof parse_statuses[0]; i++)
            if (strcmp(c->parse_status, parse_statuses[i].name) == 0) break;
        if (i == sizeof parse_statuses / sizeof parse_statuses[0]) {
            fprintf(stderr, "%s:%lu: malformed row: unknown status \"%s\"\n",
                    table_path, c->lineno, c->parse_status);
            table_errors++;
            return 0;
        }
        r->parse.status = parse_statuses[i].status;
        r->parse.line = c->parse_line;
        r->parse.off = c->parse_off;
    }
    r->nlines = c->nlines;
    r->lines = c->nlines ? calloc(c->nlines, sizeof *r->lines) : NULL;
    if (c->nlines && !r->lines) {
        fprintf(stderr, "%s:%lu: out of memory\n", table_path, c->lineno);
        table_errors++;
        return 0;
    }
    for (i = 0; i < c->nlines; i++) {
        r->lines[i].ptr = c->lines[i].p;
        r->lines[i].len = c->lines[i].len;
    }
    return 1;
}

static int load_table(const char *path)
{
    size_t i;

    if (cases_load(&table, path) < 0) {
        fprintf(stderr, "%s: cannot read the table\n", path);
        return 0;
    }
    /* Reported, then the well-formed rows still run: the run fails on
     * the count of malformed rows, never skips them silently. */
    for (i = 0; i < table.nerrors; i++) {
        if (table.errors[i].lineno)
            fprintf(stderr, "%s:%lu: malformed row: %s\n", path,
                    table.errors[i].lineno, table.errors[i].msg);
        else
            fprintf(stderr, "%s: %s\n", path, table.errors[i].msg);
        table_errors++;
    }
    rows = calloc(table.n ? table.n : 1, sizeof *rows);
    if (!rows) {
        fprintf(stderr, "out of memory\n");
        return 0;
    }
    for (i = 0; i < table.n; i++)
        if (convert_row(&table.rows[i], &rows[nrows])) nrows++;
    for (i = 0; i < A_COUNT; i++) {
        area_rows[i] = malloc(sizeof(size_t) * (nrows ? nrows : 1));
        if (!area_rows[i]) {
            fprintf(stderr, "out of memory\n");
            return 0;
        }
    }
    for (i = 0; i < nrows; i++)
        area_rows[rows[i].area][area_n[rows[i].area]++] = i;
    return 1;
}

static void free_table(void)
{
    size_t i;
    for (i = 0; i < nrows; i++) free(rows[i].lines);
    for (i = 0; i < A_COUNT; i++) free(area_rows[i]);
    free(rows);
    cases_free(&table);
}

/* ------------------------------------------------------------- evaluation */

static void show_parse(char *buf, size_t cap, const parse_exp *pe)
{
    if (pe->kind == P_OK) snprintf(buf, cap, "ok");
    else if (pe->kind == P_ABSENT) snprintf(buf, cap, "absent");
    else
        snprintf(buf, cap, "%s@%zu:%zu", status_name(pe->status), pe->line,
                 pe->off);
}

static void show_list(char *buf, size_t cap, const aceh_list *l)
{
    if (l->status >= 0)
        snprintf(buf, cap, "%s", aceh_status_str(l->status));
    else
        snprintf(buf, cap, "%s@%zu:%zu", status_name(l->status), l->err_line,
                 l->err_off);
}

/* Does a parse result match the expectation? `truncated_ok` accepts
 * ACEH_TRUNCATED in place of ACEH_OK (names array too small). */
static int list_matches(const aceh_list *l, const parse_exp *pe,
                        int want_truncated)
{
    if (pe->kind != P_ERROR)
        return l->status == (want_truncated ? ACEH_TRUNCATED : ACEH_OK);
    return l->status == pe->status && l->err_line == pe->line &&
           l->err_off == pe->off;
}

#define FAIL(...)                                                            \
    do {                                                                     \
        snprintf(msg, cap, __VA_ARGS__);                                     \
        goto out;                                                            \
    } while (0)

/* Evaluate row r against expectations (exposed, *pe), which are the row's
 * own except in the mutation self-check. Returns 1 when every API path
 * agrees with them, else 0 with the first disagreement in msg. */
static int eval_row(const row *r, int exposed, const parse_exp *pe, char *msg,
                    size_t cap)
{
    aceh_list l0, l1, l2;
    aceh_name *full = NULL, *small = NULL;
    aceh_verdict v, v0, v1, v2;
    size_t small_cap, i;
    char want[96], got[96];
    int ok = 0;

    show_parse(want, sizeof want, pe);
    v = aceh_decide(r->lines, r->nlines, r->name, r->name_len, r->mode,
                    r->flags);
    if ((v > 0) != exposed)
        FAIL("aceh_decide says %s (%s), expected %s",
             v > 0 ? "exposed" : "not exposed", aceh_verdict_str(v),
             exposed ? "exposed" : "not exposed");
    if (aceh_exposed(r->lines, r->nlines, r->name, r->name_len, r->mode,
                     r->flags) != (v > 0))
        FAIL("aceh_exposed disagrees with aceh_decide (%s)",
             aceh_verdict_str(v));

    /* Count-only parse: no names stored, so decide must rescan. */
    aceh_list_parse(&l0, r->lines, r->nlines, NULL, 0);
    show_list(got, sizeof got, &l0);
    if (!list_matches(&l0, pe, 0))
        FAIL("aceh_list_parse(names=NULL): %s, expected parse %s", got, want);
    v0 = aceh_list_decide(&l0, r->name, r->name_len, r->mode, r->flags);
    if (v0 != v)
        FAIL("aceh_list_decide after a count-only parse: %s, aceh_decide: %s",
             aceh_verdict_str(v0), aceh_verdict_str(v));

    /* Room for every name: the O(count) path. */
    full = malloc(sizeof *full * (l0.count + 1));
    if (!full) FAIL("out of memory");
    aceh_list_parse(&l1, r->lines, r->nlines, full, l0.count + 1);
    show_list(got, sizeof got, &l1);
    if (!list_matches(&l1, pe, 0))
        FAIL("aceh_list_parse(full array): %s, expected parse %s", got, want);
    if (l1.count != l0.count || (l1.status == ACEH_OK && l1.stored != l1.count))
        FAIL("aceh_list_parse(full array): count %zu stored %zu, count-only "
             "parse counted %zu",
             l1.count, l1.stored, l0.count);
    v1 = aceh_list_decide(&l1, r->name, r->name_len, r->mode, r->flags);
    if (v1 != v)
        FAIL("aceh_list_decide with all names stored: %s, aceh_decide: %s",
             aceh_verdict_str(v1), aceh_verdict_str(v));

    /* One slot short: TRUNCATED on a valid header with names, and the
     * decision must still come out the same by rescanning. */
    small_cap = l0.count ? l0.count - 1 : 0;
    small = malloc(sizeof *small * (small_cap + 1));
    if (!small) FAIL("out of memory");
    aceh_list_parse(&l2, r->lines, r->nlines, small, small_cap);
    show_list(got, sizeof got, &l2);
    if (!list_matches(&l2, pe, l0.count > 0))
        FAIL("aceh_list_parse(array of %zu): %s, expected parse %s%s",
             small_cap, got, want,
             pe->kind != P_ERROR && l0.count > 0 ? " (as truncated)" : "");
    if (l2.count != l0.count)
        FAIL("aceh_list_parse(array of %zu): count %zu, count-only parse "
             "counted %zu",
             small_cap, l2.count, l0.count);
    if (l1.status == ACEH_OK) {
        if (l2.stored != small_cap)
            FAIL("aceh_list_parse(array of %zu): stored %zu", small_cap,
                 l2.stored);
        for (i = 0; i < small_cap; i++)
            if (small[i].line != full[i].line || small[i].off != full[i].off ||
                small[i].len != full[i].len)
                FAIL("name %zu differs between the full and the short array",
                     i);
    }
    v2 = aceh_list_decide(&l2, r->name, r->name_len, r->mode, r->flags);
    if (v2 != v)
        FAIL("aceh_list_decide after a truncated parse: %s, aceh_decide: %s",
             aceh_verdict_str(v2), aceh_verdict_str(v));
    ok = 1;
    msg[0] = '\0';
out:
    free(full);
    free(small);
    return ok;
}

/* ------------------------------------------------------------------ tests */

static void run_row(size_t idx)
{
    const row *r = &rows[idx];
    char msg[512];
    int exposed = r->exposed;
    if (flip_id && strcmp(flip_id, r->id) == 0) exposed = !exposed;
    ck_assert_msg(eval_row(r, exposed, &r->parse, msg, sizeof msg),
                  "%s row %s (%s:%lu): %s", cases_area_names[r->area], r->id,
                  table_path, r->lineno, msg);
}

#define AREA_TEST(a)                                                         \
    START_TEST(test_##a) { run_row(area_rows[a][(size_t)_i]); }              \
    END_TEST
AREA_TEST(A_WILDCARD)
AREA_TEST(A_EMPTY)
AREA_TEST(A_CREDENTIALS)
AREA_TEST(A_GRAMMAR)
AREA_TEST(A_DECISION)

/* The runner must be able to fail on every row: a flipped answer, and a
 * changed parse expectation, must each be rejected. */
START_TEST(test_selfcheck)
{
    const row *r = &rows[(size_t)_i];
    parse_exp mutated = r->parse;
    char msg[512];
    ck_assert_msg(!eval_row(r, !r->exposed, &r->parse, msg, sizeof msg),
                  "row %s (%s:%lu): flipping exposed to %d still passes",
                  r->id, table_path, r->lineno, !r->exposed);
    if (mutated.kind == P_ERROR) {
        mutated.off++;
    } else {
        mutated.kind = P_ERROR;
        mutated.status = ACEH_E_NAME_BYTE;
    }
    ck_assert_msg(!eval_row(r, r->exposed, &mutated, msg, sizeof msg),
                  "row %s (%s:%lu): a wrong parse expectation still passes",
                  r->id, table_path, r->lineno);
}
END_TEST

static Suite *conformance_suite(void)
{
    const TTest *fns[A_COUNT];
    Suite *s = suite_create("conformance");
    TCase *tc;
    size_t a;
    fns[A_WILDCARD] = test_A_WILDCARD;
    fns[A_EMPTY] = test_A_EMPTY;
    fns[A_CREDENTIALS] = test_A_CREDENTIALS;
    fns[A_GRAMMAR] = test_A_GRAMMAR;
    fns[A_DECISION] = test_A_DECISION;
    for (a = 0; a < A_COUNT; a++) {
        tc = tcase_create(cases_area_names[a]);
        tcase_set_timeout(tc, 60);
        tcase_add_loop_test(tc, fns[a], 0, (int)area_n[a]);
        suite_add_tcase(s, tc);
    }
    tc = tcase_create(selfcheck_name);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_selfcheck, 0, (int)nrows);
    suite_add_tcase(s, tc);
    return s;
}

static void print_count(const char *what, size_t passed, size_t total)
{
    printf("conformance: %s %zu/%zu (%zu%%)\n", what, passed, total,
           total ? passed * 100 / total : 0);
}

int main(int argc, char **argv)
{
    SRunner *sr;
    TestResult **res;
    size_t passed[A_COUNT + 1] = {0}, all_passed = 0, all_total = 0, i, a;
    int n, bad = 0;

    for (n = 1; n < argc; n++) {
        if (strcmp(argv[n], "--flip") == 0 && n + 1 < argc) {
            flip_id = argv[++n];
        } else if (argv[n][0] == '-' && argv[n][1] == '-') {
            fprintf(stderr, "usage: %s [TABLE] [--flip ID]\n", argv[0]);
            return 2;
        } else {
            table_path = argv[n];
        }
    }
    if (!load_table(table_path)) return 2;
    if (flip_id) {
        for (i = 0; i < nrows; i++)
            if (strcmp(rows[i].id, flip_id) == 0) break;
        if (i == nrows) {
            fprintf(stderr, "--flip %s: no such row\n", flip_id);
            free_table();
            return 2;
        }
        printf("conformance: expected answer of row %s flipped\n", flip_id);
    }

    sr = srunner_create(conformance_suite());
    srunner_run_all(sr, CK_NORMAL);
    res = srunner_results(sr);
    for (n = 0; n < srunner_ntests_run(sr); n++) {
        if (tr_rtype(res[n]) != CK_PASS) continue;
        for (a = 0; a < A_COUNT; a++)
            if (strcmp(tr_tcname(res[n]), cases_area_names[a]) == 0) break;
        passed[a]++; /* a == A_COUNT: the self-check */
    }
    free(res);
    srunner_free(sr);

    /* Counted against the table, so a partial run (CK_RUN_CASE) or an
     * empty area cannot look like success. */
    for (a = 0; a < A_COUNT; a++) {
        print_count(cases_area_names[a], passed[a], area_n[a]);
        if (area_n[a] == 0 || passed[a] != area_n[a]) bad = 1;
        all_passed += passed[a];
        all_total += area_n[a];
    }
    print_count(selfcheck_name, passed[A_COUNT], nrows);
    if (nrows == 0 || passed[A_COUNT] != nrows) bad = 1;
    if (table_errors) {
        printf("conformance: %lu malformed table row(s), see above\n",
               table_errors);
        bad = 1;
    }
    printf("%zu passed, %zu failed\n", all_passed,
           all_total - all_passed + table_errors);
    free_table();
    return bad ? 1 : 0;
}
