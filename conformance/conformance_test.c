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
#include "escape.h"

enum area { A_WILDCARD, A_EMPTY, A_CREDENTIALS, A_GRAMMAR, A_DECISION, A_COUNT };
static const char *const area_names[A_COUNT] = {
    "wildcard", "empty", "credentials", "grammar", "decision"};
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
    enum area area;
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
static char *table_buf;
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

static void table_error(unsigned long lineno, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s:%lu: malformed row: ", table_path, lineno);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    table_errors++;
}

/* ------------------------------------------------------------------ table */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f) return NULL;
    for (;;) {
        size_t got;
        if (cap - n < 65536) {
            char *nb = realloc(buf, cap + 65536 + 1);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap += 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int parse_size(const char *s, const char **end, size_t *out)
{
    size_t v = 0;
    if (*s < '0' || *s > '9') return 0;
    while (*s >= '0' && *s <= '9') {
        size_t d = (size_t)(*s - '0');
        if (v > ((size_t)-1 - d) / 10) return 0;
        v = v * 10 + d;
        s++;
    }
    *end = s;
    *out = v;
    return 1;
}

/* "ok", "absent" or STATUS@LINE:OFFSET. */
static int parse_parse_col(const char *s, parse_exp *pe)
{
    size_t i;
    const char *at = strchr(s, '@'), *p;
    memset(pe, 0, sizeof *pe);
    if (strcmp(s, "ok") == 0) {
        pe->kind = P_OK;
        return 1;
    }
    if (strcmp(s, "absent") == 0) {
        pe->kind = P_ABSENT;
        return 1;
    }
    if (!at) return 0;
    for (i = 0; i < sizeof parse_statuses / sizeof parse_statuses[0]; i++) {
        size_t n = strlen(parse_statuses[i].name);
        if ((size_t)(at - s) == n && memcmp(s, parse_statuses[i].name, n) == 0)
            break;
    }
    if (i == sizeof parse_statuses / sizeof parse_statuses[0]) return 0;
    pe->kind = P_ERROR;
    pe->status = parse_statuses[i].status;
    if (!parse_size(at + 1, &p, &pe->line) || *p != ':') return 0;
    if (!parse_size(p + 1, &p, &pe->off) || *p != '\0') return 0;
    return 1;
}

static int decode_field(char *f, size_t *len, unsigned long lineno,
                        const char *what)
{
    const char *why = "";
    size_t at = 0;
    size_t n = esc_decode(f, strlen(f), f, &why, &at);
    if (n == (size_t)-1) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s column: %s at byte %lu", what, why,
                 (unsigned long)at);
        table_error(lineno, "%s", msg);
        return 0;
    }
    *len = n;
    return 1;
}

static int has_framing_byte(const char *p, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (p[i] == '\r' || p[i] == '\n' || p[i] == '\0') return 1;
    return 0;
}

/* Turns one table line (NUL-terminated, in place) into *r. Returns 0 and
 * reports every problem when the line is not a well-formed row. */
static int parse_row(char *s, unsigned long lineno, row *r)
{
    char *cols[8];
    size_t ncols = 0, i, nlines = 0, len = 0;
    char *p;
    int ok = 1, framing = 0;

    memset(r, 0, sizeof *r);
    r->lineno = lineno;
    for (p = s; *p; p++)
        if (*p == '\t') nlines++;
    if (nlines < 7) {
        table_error(lineno, "%s", "fewer than 8 tab-separated columns");
        return 0;
    }
    nlines -= 7;
    r->lines = nlines ? calloc(nlines, sizeof *r->lines) : NULL;
    if (nlines && !r->lines) {
        table_error(lineno, "%s", "out of memory");
        return 0;
    }
    r->nlines = nlines;
    for (p = s; ncols < 8; ncols++) {
        char *tab = strchr(p, '\t');
        cols[ncols] = p;
        if (tab) *tab = '\0';
        p = tab ? tab + 1 : p + strlen(p);
    }
    for (i = 0; i < nlines; i++) {
        char *tab = strchr(p, '\t');
        if (tab) *tab = '\0';
        r->lines[i].ptr = p;
        if (!decode_field(p, &r->lines[i].len, lineno, "line")) ok = 0;
        else if (has_framing_byte(p, r->lines[i].len)) framing = 1;
        p = tab ? tab + 1 : p + strlen(p);
    }

    r->id = cols[0];
    if (!*cols[0] || strspn(cols[0], "abcdefghijklmnopqrstuvwxyz"
                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789._+-") != strlen(cols[0])) {
        table_error(lineno, "id \"%s\" is empty or has a byte outside "
                            "[A-Za-z0-9._+-]", cols[0]);
        ok = 0;
    }
    for (i = 0; i < A_COUNT; i++)
        if (strcmp(cols[1], area_names[i]) == 0) break;
    if (i == A_COUNT) {
        table_error(lineno, "unknown area \"%s\"", cols[1]);
        ok = 0;
    } else {
        r->area = (enum area)i;
    }
    if (strcmp(cols[2], "omit") == 0) r->mode = ACEH_OMIT;
    else if (strcmp(cols[2], "same-origin") == 0) r->mode = ACEH_SAME_ORIGIN;
    else if (strcmp(cols[2], "include") == 0) r->mode = ACEH_INCLUDE;
    else {
        table_error(lineno, "unknown mode \"%s\"", cols[2]);
        ok = 0;
    }
    if (strcmp(cols[3], "-") == 0) r->flags = 0;
    else if (strcmp(cols[3], "authorization-needs-listing") == 0)
        r->flags = ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION;
    else {
        table_error(lineno, "unknown flags \"%s\"", cols[3]);
        ok = 0;
    }
    if (!decode_field(cols[4], &len, lineno, "name")) ok = 0;
    r->name = cols[4];
    r->name_len = len;
    if (ok && has_framing_byte(r->name, r->name_len)) framing = 1;
    if (strcmp(cols[5], "0") == 0) r->exposed = 0;
    else if (strcmp(cols[5], "1") == 0) r->exposed = 1;
    else {
        table_error(lineno, "exposed must be 0 or 1, not \"%s\"", cols[5]);
        ok = 0;
    }
    if (!parse_parse_col(cols[6], &r->parse)) {
        table_error(lineno, "parse \"%s\" is not ok, absent or "
                            "STATUS@LINE:OFFSET", cols[6]);
        ok = 0;
    } else if ((r->parse.kind == P_ABSENT) != (nlines == 0)) {
        table_error(lineno, "parse \"%s\": \"absent\" is right exactly when "
                            "the row has no line column", cols[6]);
        ok = 0;
    } else if (r->parse.kind == P_ERROR &&
               (r->parse.line >= nlines ||
                (ok && r->parse.off >= r->lines[r->parse.line].len))) {
        table_error(lineno, "parse \"%s\" points outside the lines", cols[6]);
        ok = 0;
    }
    if (!*cols[7]) {
        table_error(lineno, "%s", "empty source column");
        ok = 0;
    }
    /* Rows decided by HTTP framing must stay findable for browser runs. */
    if (ok && framing != (strncmp(r->id, "frame-", 6) == 0)) {
        table_error(lineno, framing ? "id \"%s\" must start with frame- (CR, "
                                      "LF or NUL in the row)"
                                    : "id \"%s\" starts with frame- but the "
                                      "row has no CR, LF or NUL",
                    r->id);
        ok = 0;
    }
    return ok;
}

static int load_table(const char *path)
{
    size_t len, cap = 0, i, j;
    char *p, *end;
    unsigned long lineno = 0;

    table_buf = read_file(path, &len);
    if (!table_buf) {
        fprintf(stderr, "%s: cannot read the table\n", path);
        return 0;
    }
    if (memchr(table_buf, '\0', len)) {
        fprintf(stderr, "%s: raw NUL byte (write it \\x00)\n", path);
        table_errors++;
    }
    for (p = table_buf, end = table_buf + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *next = nl ? nl + 1 : end;
        if (nl) *nl = '\0';
        lineno++;
        if (*p == '#' || *p == '\0') {
            p = next;
            continue;
        }
        if (strchr(p, '\r')) {
            table_error(lineno, "%s", "raw CR byte (write it \\x0D)");
            p = next;
            continue;
        }
        if (nrows == cap) {
            row *nr = realloc(rows, sizeof *rows * (cap ? cap * 2 : 256));
            if (!nr) {
                fprintf(stderr, "out of memory\n");
                return 0;
            }
            rows = nr;
            cap = cap ? cap * 2 : 256;
        }
        if (parse_row(p, lineno, &rows[nrows])) nrows++;
        else free(rows[nrows].lines);
        p = next;
    }
    for (i = 0; i < nrows; i++)
        for (j = i + 1; j < nrows; j++)
            if (strcmp(rows[i].id, rows[j].id) == 0)
                table_error(rows[j].lineno, "duplicate id \"%s\"", rows[j].id);
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
    free(table_buf);
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
                  "%s row %s (%s:%lu): %s", area_names[r->area], r->id,
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
        tc = tcase_create(area_names[a]);
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
            if (strcmp(tr_tcname(res[n]), area_names[a]) == 0) break;
        passed[a]++; /* a == A_COUNT: the self-check */
    }
    free(res);
    srunner_free(sr);

    /* Counted against the table, so a partial run (CK_RUN_CASE) or an
     * empty area cannot look like success. */
    for (a = 0; a < A_COUNT; a++) {
        print_count(area_names[a], passed[a], area_n[a]);
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
