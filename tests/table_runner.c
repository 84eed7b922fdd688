/* SPDX-License-Identifier: MIT */
/* Check-free runner for the conformance table (conformance/cases.tsv) and
 * the unit case tables (unit_cases.h). Debian's libcheck is not built with
 * MSan, and a counting allocator must not see Check's own allocations, so
 * the builds that need a clean process (MSan, malloc counting, -m32, guard
 * pages) use this runner.
 *
 *   table_runner [--guard] [--pairs] [TABLE]
 *
 * Default: every table row is checked through every API path (one-shot
 * decision, parse once with no/full/short names array, filter, validate)
 * against the row's `exposed` and `parse` columns (conformance/README.md),
 * then the unit cases. --guard also runs every field line and
 * queried name, and every prefix of each line (up to 4 KiB; longer lines:
 * 64 cut points), ending right before and starting right after a PROT_NONE
 * page; each guarded result must equal the result on a heap copy. --pairs
 * only checks that every decision of the exposure logic is shown by a pair
 * of rows that differ in that one input and in the expected answer.
 * Exit status 0 only when every check passed; the last line is
 * "table_runner: N passed, N failed". */
#include "aceh.h"
#include "cases.h"
#include "guard.h"
#include "unit_cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef TABLE_COUNT_MALLOC
#include "malloc_count.h"
#else
static void mc_arm(void) {}
static unsigned long mc_disarm(void) { return 0; }
#endif

/* Under MSan, inputs get uninitialized slack after their last byte: a read
 * past the length that decides anything is reported. ASan needs the exact
 * size instead, to see the same read as an overflow. */
#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#define SLACK 64
#endif
#endif
#ifndef SLACK
#define SLACK 0
#endif

#define GUARD_FULL 4096 /* every prefix up to this length ... */
#define GUARD_CUTS 64   /* ... else this many cut points */

/* Checks (rows, unit cases, decisions) passed and failed; any FAIL line
 * at all also fails the run. */
static unsigned long passed, failed;
static int any_fail;
/* Allocator calls seen while library calls ran (counting build only). */
static unsigned long lib_allocs;

#define ARM() mc_arm()
#define DISARM() (lib_allocs += mc_disarm())

static void fail(const char *where, const char *fmt, const char *a,
                 const char *b)
{
    any_fail = 1;
    printf("FAIL %s: ", where);
    printf(fmt, a, b);
    putchar('\n');
}

/* An exact-size heap copy (plus SLACK uninitialized bytes under MSan). */
static char *dup_bytes(const char *p, size_t len)
{
    char *d = malloc(len + SLACK ? len + SLACK : 1);
    if (d == NULL) {
        perror("table_runner: malloc");
        exit(2);
    }
    if (len)
        memcpy(d, p, len);
    return d;
}

/* ------------------------------------------------------------ the table */

enum { P_OK, P_ABSENT, P_ERROR };

typedef struct row {
    const char *id;
    aceh_mode mode;
    unsigned flags;
    char *name;
    size_t name_len;
    int exposed;
    int pkind;
    aceh_status pst;
    size_t pline, poff;
    aceh_str *lines;
    size_t nlines;
    unsigned long lineno;
} row;

static const char *const status_names[] = {"value-byte", "name-byte",
                                           "missing-comma"};
static const aceh_status status_vals[] = {
    ACEH_E_VALUE_BYTE, ACEH_E_NAME_BYTE, ACEH_E_MISSING_COMMA};

static cases_table table;
static row *rows;
static size_t nrows;

static void table_error(const char *path, unsigned long lineno,
                        const char *msg)
{
    char where[512];
    if (lineno)
        snprintf(where, sizeof where, "%s:%lu", path, lineno);
    else
        snprintf(where, sizeof where, "%s", path);
    fail(where, "%s%s", msg, "");
    failed++;
}

/* A row checked by the shared reader, with the name and every line moved
 * to exact-size heap copies (see SLACK). 0 after reporting a status name
 * this runner cannot map. */
static int convert_row(const char *path, const cases_row *c, row *r)
{
    static const aceh_mode modes[] = {ACEH_OMIT, ACEH_SAME_ORIGIN,
                                      ACEH_INCLUDE};
    size_t i;

    memset(r, 0, sizeof *r);
    r->lineno = c->lineno;
    r->id = c->id.p;
    r->mode = modes[c->mode];
    r->flags = c->authorization_needs_listing
                   ? ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION
                   : 0;
    r->name = dup_bytes(c->name.p, c->name.len);
    r->name_len = c->name.len;
    r->exposed = c->exposed;
    r->pkind = c->parse == CASES_PARSE_OK       ? P_OK
               : c->parse == CASES_PARSE_ABSENT ? P_ABSENT
                                                : P_ERROR;
    r->pst = ACEH_OK;
    if (r->pkind == P_ERROR) {
        for (i = 0; i < sizeof status_vals / sizeof status_vals[0]; i++)
            if (strcmp(c->parse_status, status_names[i]) == 0)
                break;
        if (i == sizeof status_vals / sizeof status_vals[0]) {
            table_error(path, c->lineno, "unknown parse status");
            return 0;
        }
        r->pst = status_vals[i];
        r->pline = c->parse_line;
        r->poff = c->parse_off;
    }
    r->nlines = c->nlines;
    r->lines = calloc(c->nlines ? c->nlines : 1, sizeof *r->lines);
    if (r->lines == NULL) {
        perror("table_runner: calloc");
        exit(2);
    }
    for (i = 0; i < c->nlines; i++) {
        r->lines[i].ptr = dup_bytes(c->lines[i].p, c->lines[i].len);
        r->lines[i].len = c->lines[i].len;
    }
    return 1;
}

static int load_table(const char *path)
{
    size_t i;
    int ok = 1;

    if (cases_load(&table, path) < 0) {
        perror(path);
        fail(path, "%s%s", "the conformance table is missing or unreadable",
             "");
        failed++;
        return 0;
    }
    for (i = 0; i < table.nerrors; i++) {
        table_error(path, table.errors[i].lineno, table.errors[i].msg);
        ok = 0;
    }
    rows = calloc(table.n ? table.n : 1, sizeof *rows);
    if (rows == NULL) {
        perror("table_runner: calloc");
        exit(2);
    }
    for (i = 0; i < table.n; i++) {
        if (convert_row(path, &table.rows[i], &rows[nrows]))
            nrows++;
        else
            ok = 0;
    }
    return ok;
}

/* ----------------------------------------------------- checking a row */

static const char ACEH_NAME[] = "Access-Control-Expose-Headers";
static const char ACEH_LOWER[] = "access-control-expose-headers";

static const char *parse_str(char *buf, size_t cap, aceh_status st,
                             size_t line, size_t off, size_t nlines)
{
    if (st == ACEH_OK || st == ACEH_TRUNCATED)
        snprintf(buf, cap, "%s", nlines ? aceh_status_str(st) : "absent");
    else
        snprintf(buf, cap, "%s@%zu:%zu", aceh_status_str(st), line, off);
    return buf;
}

/* Check one case (lines, name possibly placed at guard pages) against the
 * row's expectations through every API path. 1 when all agree. */
static int check_row(const row *r, const aceh_str *lines, const char *name,
                     const char *where)
{
    aceh_list l0, l1, l2;
    aceh_verdict v, v0, v1, v2;
    int ex;
    size_t i, small_cap;
    aceh_name *full, *small;
    const char **ptrs;
    aceh_header *hdr;
    unsigned char *readable;
    aceh_status fst, *vst;
    size_t fidx = 99, foff = 99, *voff, *vcount;
    char got[128], want[128];
    int ok = 0;
    int filter_ok = !aceh_name_eq(name, r->name_len, ACEH_NAME,
                                  sizeof ACEH_NAME - 1);

    /* Everything allocated before the library runs. */
    hdr = calloc(r->nlines + 1, sizeof *hdr);
    readable = calloc(r->nlines + 1, 1);
    vst = calloc(r->nlines + 1, sizeof *vst);
    voff = calloc(r->nlines + 1, sizeof *voff);
    vcount = calloc(r->nlines + 1, sizeof *vcount);
    if (!hdr || !readable || !vst || !voff || !vcount) {
        perror("table_runner: calloc");
        exit(2);
    }
    for (i = 0; i < r->nlines; i++) {
        /* Both spellings: the filter matches the name case-insensitively. */
        hdr[i].name = i % 2 ? ACEH_LOWER : ACEH_NAME;
        hdr[i].name_len = sizeof ACEH_NAME - 1;
        hdr[i].value = lines[i].ptr;
        hdr[i].value_len = lines[i].len;
    }
    hdr[r->nlines].name = name;
    hdr[r->nlines].name_len = r->name_len;
    hdr[r->nlines].value = "v";
    hdr[r->nlines].value_len = 1;

    ARM();
    v = aceh_decide(lines, r->nlines, name, r->name_len, r->mode, r->flags);
    ex = aceh_exposed(lines, r->nlines, name, r->name_len, r->mode,
                      r->flags);
    aceh_list_parse(&l0, lines, r->nlines, NULL, 0);
    v0 = aceh_list_decide(&l0, name, r->name_len, r->mode, r->flags);
    for (i = 0; i < r->nlines; i++)
        vst[i] = aceh_validate(lines[i].ptr, lines[i].len, &vcount[i],
                               &voff[i]);
    fst = aceh_filter(hdr, r->nlines + 1, r->mode, r->flags, readable, &fidx,
                      &foff);
    DISARM();

    full = malloc((l0.count + 1) * sizeof *full);
    small_cap = l0.count ? l0.count - 1 : 0;
    small = malloc((small_cap + 1) * sizeof *small);
    ptrs = calloc(l0.count + 1, sizeof *ptrs);
    if (!full || !small || !ptrs) {
        perror("table_runner: malloc");
        exit(2);
    }
    ARM();
    aceh_list_parse(&l1, lines, r->nlines, full, l0.count + 1);
    v1 = aceh_list_decide(&l1, name, r->name_len, r->mode, r->flags);
    aceh_list_parse(&l2, lines, r->nlines, small, small_cap);
    v2 = aceh_list_decide(&l2, name, r->name_len, r->mode, r->flags);
    for (i = 0; i <= l1.stored; i++)
        ptrs[i] = aceh_list_name_ptr(&l1, i);
    DISARM();

    parse_str(want, sizeof want, r->pst, r->pline, r->poff, r->nlines);
    if ((v > 0) != r->exposed) {
        fail(where, "aceh_decide says %s, the table says %s",
             aceh_verdict_str(v), r->exposed ? "exposed" : "not exposed");
        goto out;
    }
    if (ex != (v > 0) || v0 != v || v1 != v || v2 != v) {
        fail(where, "aceh_exposed/aceh_list_decide disagree with %s%s",
             aceh_verdict_str(v), "");
        goto out;
    }
    parse_str(got, sizeof got, l0.status, l0.err_line, l0.err_off,
              r->nlines);
    if (strcmp(got, want) != 0) {
        fail(where, "aceh_list_parse: %s, the table says %s", got, want);
        goto out;
    }
    if (l1.status != l0.status || l1.count != l0.count ||
        l1.err_line != l0.err_line || l1.err_off != l0.err_off ||
        (l1.status == ACEH_OK && l1.stored != l1.count) ||
        l2.count != l0.count ||
        l2.status != (l0.status == ACEH_OK && small_cap < l0.count
                          ? ACEH_TRUNCATED
                          : l0.status) ||
        l1.wildcard != l0.wildcard || l2.wildcard != l0.wildcard) {
        fail(where, "aceh_list_parse with a names array: %s (full), %s "
                    "(short) differ from the count-only parse",
             aceh_status_str(l1.status), aceh_status_str(l2.status));
        goto out;
    }
    for (i = 0; i < l1.stored; i++) {
        const aceh_name *nm = &full[i];
        if (nm->line >= r->nlines || nm->off + nm->len > lines[nm->line].len ||
            ptrs[i] != lines[nm->line].ptr + nm->off ||
            !aceh_is_name(ptrs[i], nm->len) ||
            (i < l2.stored && memcmp(&small[i], nm, sizeof *nm) != 0)) {
            fail(where, "stored name %s is not a token inside its line%s",
                 "", "");
            goto out;
        }
    }
    if (ptrs[l1.stored] != NULL) {
        fail(where, "aceh_list_name_ptr past the stored names is not NULL%s%s",
             "", "");
        goto out;
    }
    for (i = 0; i < r->nlines; i++) {
        aceh_status ws = ACEH_OK;
        if (r->pkind == P_ERROR && i == r->pline)
            ws = r->pst;
        if (r->pkind == P_ERROR && i > r->pline)
            break; /* lines after the failing one are not judged */
        if (vst[i] != ws || (ws != ACEH_OK && voff[i] != r->poff)) {
            fail(where, "aceh_validate of a line: %s, the table says %s",
                 aceh_status_str(vst[i]), want);
            goto out;
        }
    }
    if (filter_ok) {
        if (fst != l0.status || (fst < 0 && (fidx != r->pline ||
                                             foff != r->poff)) ||
            (fst >= 0 && (fidx != 0 || foff != 0))) {
            fail(where, "aceh_filter status %s, the table says %s",
                 aceh_status_str(fst), want);
            goto out;
        }
        if (readable[r->nlines] != r->exposed) {
            fail(where, "aceh_filter: readable %s, the table says %s",
                 readable[r->nlines] ? "1" : "0", r->exposed ? "1" : "0");
            goto out;
        }
    }
    ok = 1;
out:
    free(hdr);
    free(readable);
    free(vst);
    free(voff);
    free(vcount);
    free(full);
    free(small);
    free(ptrs);
    return ok;
}

static void count(int ok)
{
    if (ok)
        passed++;
    else
        failed++;
}

/* --------------------------------------------------------- guard pages */

/* Everything the library answers about one case; compared field by field
 * between a heap copy and a guarded copy. */
typedef struct answers {
    aceh_verdict v, vl_none, vl_some, v_self;
    aceh_status lst, vst, fst;
    size_t lcount, lline, loff, vcount, voff, fidx, foff;
    int wildcard, is_name, safe, forbidden;
    unsigned char readable;
} answers;

static void eval_all(const row *r, const aceh_str *lines, size_t li,
                     answers *a)
{
    aceh_name names[16];
    aceh_list l;
    aceh_header hdr[9];
    unsigned char readable[9];
    size_t n = r->nlines < 8 ? r->nlines : 8, i;
    const aceh_str *ln = &lines[li];

    memset(a, 0, sizeof *a);
    for (i = 0; i < n; i++) {
        hdr[i].name = ACEH_NAME;
        hdr[i].name_len = sizeof ACEH_NAME - 1;
        hdr[i].value = lines[i].ptr;
        hdr[i].value_len = lines[i].len;
    }
    hdr[n].name = r->name;
    hdr[n].name_len = r->name_len;
    hdr[n].value = "v";
    hdr[n].value_len = 1;

    ARM();
    a->v = aceh_decide(lines, r->nlines, r->name, r->name_len, r->mode,
                       r->flags);
    aceh_list_parse(&l, lines, r->nlines, NULL, 0);
    a->vl_none = aceh_list_decide(&l, r->name, r->name_len, r->mode,
                                  r->flags);
    a->lst = aceh_list_parse(&l, lines, r->nlines, names, 16);
    a->lcount = l.count;
    a->lline = l.err_line;
    a->loff = l.err_off;
    a->wildcard = l.wildcard;
    a->vl_some = aceh_list_decide(&l, r->name, r->name_len, r->mode,
                                  r->flags);
    a->vst = aceh_validate(ln->ptr, ln->len, &a->vcount, &a->voff);
    a->fst = aceh_filter(hdr, n + 1, r->mode, r->flags, readable, &a->fidx,
                         &a->foff);
    a->readable = readable[n];
    /* The line's bytes as a queried name, and through the predicates. */
    a->v_self = aceh_decide(lines, r->nlines, ln->ptr, ln->len, r->mode,
                            r->flags);
    a->is_name = aceh_is_name(ln->ptr, ln->len);
    a->safe = aceh_is_safelisted(ln->ptr, ln->len);
    a->forbidden = aceh_is_forbidden(ln->ptr, ln->len);
    DISARM();
}

static int same(const answers *x, const answers *y)
{
    return x->v == y->v && x->vl_none == y->vl_none &&
           x->vl_some == y->vl_some && x->v_self == y->v_self &&
           x->lst == y->lst && x->vst == y->vst && x->fst == y->fst &&
           x->lcount == y->lcount && x->lline == y->lline &&
           x->loff == y->loff && x->vcount == y->vcount &&
           x->voff == y->voff && x->fidx == y->fidx && x->foff == y->foff &&
           x->wildcard == y->wildcard && x->is_name == y->is_name &&
           x->safe == y->safe && x->forbidden == y->forbidden &&
           x->readable == y->readable;
}

static guard_buf gline, gname;
static unsigned long guard_evals;

/* Line li of r cut to k bytes: the heap copy's answers must equal those of
 * the copies that end at and start after a guard page. */
static int guard_prefix(const row *r, aceh_str *work, size_t li, size_t k,
                        const char *where)
{
    const char *src = r->lines[li].ptr;
    char *heap = dup_bytes(src, k);
    answers ref, g;
    int ok = 1, side;

    work[li].ptr = heap;
    work[li].len = k;
    eval_all(r, work, li, &ref);
    for (side = 0; side < 2; side++) {
        work[li].ptr = side ? guard_head(&gline, src, k)
                            : guard_tail(&gline, src, k);
        eval_all(r, work, li, &g);
        guard_evals++;
        if (!same(&ref, &g)) {
            char what[64];
            snprintf(what, sizeof what, "line %zu cut at %zu", li, k);
            fail(where, "%s %s differs from the heap copy", what,
                 side ? "after a guard page" : "before a guard page");
            ok = 0;
        }
    }
    work[li] = r->lines[li];
    free(heap);
    return ok;
}

static int guard_row(const row *r, const char *where)
{
    aceh_str *work = calloc(r->nlines + 1, sizeof *work);
    size_t li, k, j;
    int ok = 1, side;

    if (work == NULL) {
        perror("table_runner: calloc");
        exit(2);
    }
    if (r->nlines)
        memcpy(work, r->lines, r->nlines * sizeof *work);
    for (li = 0; li < r->nlines; li++) {
        size_t len = r->lines[li].len;
        if (len <= GUARD_FULL) {
            for (k = 0; k <= len; k++)
                ok &= guard_prefix(r, work, li, k, where);
        } else {
            for (j = 0; j < GUARD_CUTS; j++)
                ok &= guard_prefix(r, work, li, len / GUARD_CUTS * j, where);
            ok &= guard_prefix(r, work, li, len, where);
        }
        /* The whole line at a guard page still gives the row's answers. */
        for (side = 0; side < 2; side++) {
            work[li].ptr = side ? guard_head(&gline, r->lines[li].ptr, len)
                                : guard_tail(&gline, r->lines[li].ptr, len);
            ok &= check_row(r, work, r->name, where);
        }
        work[li] = r->lines[li];
    }
    for (side = 0; side < 2; side++) {
        const char *nm = side ? guard_head(&gname, r->name, r->name_len)
                              : guard_tail(&gname, r->name, r->name_len);
        ok &= check_row(r, work, nm, where);
    }
    free(work);
    return ok;
}

/* --------------------------------------------------------- unit cases */

static int check_status_case(const status_case *c, const char *v,
                             const char *where)
{
    aceh_iter it;
    aceh_slice s;
    size_t n = 0, n_inline = 0, cnt = 99, off = 99, last_end = 0;
    aceh_status st, ist;
    int bad_slice = 0, again;

    ARM();
    st = aceh_validate(v, c->len, &cnt, &off);
    aceh_iter_init(&it, v, c->len);
    while (aceh_iter_next(&it, &s)) {
        if (s.len == 0 || s.off < last_end || s.off + s.len > c->len ||
            !aceh_is_name(v + s.off, s.len))
            bad_slice = 1;
        last_end = s.off + s.len;
        n++;
    }
    again = aceh_iter_next(&it, &s);
    ist = aceh_iter_status(&it);
    /* The inline form yields the same names. */
    aceh_iter_init(&it, v, c->len);
    while (aceh_iter_next_inline(&it, &s))
        n_inline++;
    DISARM();
    if (st != c->st || off != c->off || cnt != c->count || ist != c->st ||
        aceh_iter_error_offset(&it) != c->off || n != c->count || again ||
        bad_slice || n_inline != n || aceh_iter_status(&it) != ist) {
        fail(where, "got %s, want %s", aceh_status_str(st),
             aceh_status_str(c->st));
        return 0;
    }
    return 1;
}

static int check_dcase(const dcase *c, const char *where)
{
    aceh_str lines[3];
    aceh_name names[4];
    aceh_list list;
    size_t n = 0, nl = strlen(c->name);
    aceh_verdict v, v1, v2, v3;

    while (n < 3 && c->l[n] != NULL) {
        lines[n].ptr = c->l[n];
        lines[n].len = strlen(c->l[n]);
        n++;
    }
    ARM();
    v = aceh_decide(n ? lines : NULL, n, c->name, nl, c->mode, c->flags);
    aceh_list_parse(&list, n ? lines : NULL, n, names, 4);
    v1 = aceh_list_decide(&list, c->name, nl, c->mode, c->flags);
    aceh_list_parse(&list, n ? lines : NULL, n, NULL, 0);
    v2 = aceh_list_decide(&list, c->name, nl, c->mode, c->flags);
    aceh_list_parse(&list, n ? lines : NULL, n, names, 0);
    v3 = aceh_list_decide(&list, c->name, nl, c->mode, c->flags);
    DISARM();
    if (v != c->want || v1 != c->want || v2 != c->want || v3 != c->want) {
        fail(where, "got %s, want %s", aceh_verdict_str(v),
             aceh_verdict_str(c->want));
        return 0;
    }
    return 1;
}

/* Unit status cases; with guard pages, every prefix must also agree with
 * its heap copy and the whole input must give the expected answer. */
static void run_unit_cases(int guard)
{
    size_t i, k;
    char where[64];

    for (i = 0; i < sizeof status_cases / sizeof status_cases[0]; i++) {
        const status_case *c = &status_cases[i];
        char *heap = dup_bytes(c->v, c->len);
        int ok;

        snprintf(where, sizeof where, "unit status case %zu", i);
        ok = check_status_case(c, heap, where);
        if (guard) {
            ok &= check_status_case(c, guard_tail(&gline, c->v, c->len),
                                    where);
            ok &= check_status_case(c, guard_head(&gline, c->v, c->len),
                                    where);
            for (k = 0; k <= c->len; k++) {
                size_t n1 = 9, o1 = 9, n2 = 9, o2 = 9, n3 = 9, o3 = 9;
                aceh_status s1, s2, s3;
                char *pre = dup_bytes(c->v, k);
                ARM();
                s1 = aceh_validate(pre, k, &n1, &o1);
                s2 = aceh_validate(guard_tail(&gline, c->v, k), k, &n2, &o2);
                s3 = aceh_validate(guard_head(&gline, c->v, k), k, &n3, &o3);
                DISARM();
                free(pre);
                if (s1 != s2 || s1 != s3 || n1 != n2 || n1 != n3 ||
                    o1 != o2 || o1 != o3) {
                    fail(where, "prefix %s%s differs at a guard page", "",
                         "");
                    ok = 0;
                }
            }
        }
        free(heap);
        count(ok);
    }
    for (i = 0; i < sizeof dcases / sizeof dcases[0]; i++) {
        snprintf(where, sizeof where, "unit decision case %zu", i);
        count(check_dcase(&dcases[i], where));
    }
}

/* ------------------------------------------------------- decision pairs */

/* Which single input two rows differ in. */
enum { D_MODE, D_FLAGS, D_NAME, D_LINES, D_NONE, D_MORE };

static int same_lines(const row *a, const row *b)
{
    size_t i;
    if (a->nlines != b->nlines)
        return 0;
    for (i = 0; i < a->nlines; i++)
        if (a->lines[i].len != b->lines[i].len ||
            (a->lines[i].len &&
             memcmp(a->lines[i].ptr, b->lines[i].ptr, a->lines[i].len) != 0))
            return 0;
    return 1;
}

static int differ_in(const row *a, const row *b)
{
    int d = D_NONE, n = 0;
    if (a->mode != b->mode) {
        d = D_MODE;
        n++;
    }
    if (a->flags != b->flags) {
        d = D_FLAGS;
        n++;
    }
    if (a->name_len != b->name_len ||
        (a->name_len && memcmp(a->name, b->name, a->name_len) != 0)) {
        d = D_NAME;
        n++;
    }
    if (!same_lines(a, b)) {
        d = D_LINES;
        n++;
    }
    return n > 1 ? D_MORE : d;
}

/* A decision of the exposure logic (docs/SPEC.md, D and O): flipping input
 * `in` alone turns verdict `a` into verdict `b` (either order); 0 in a or
 * b stands for "any exposed verdict", with `amode` restricting the row
 * with verdict a to a mode (-1: any). */
typedef struct decision {
    const char *what;
    int in;
    aceh_verdict a, b;
    int amode;
    unsigned long found;
    const char *ida, *idb;
} decision;

static decision decisions[] = {
    {"queried name is a valid header name", D_NAME, ACEH_HIDDEN_BAD_NAME,
     (aceh_verdict)0, -1, 0, NULL, NULL},
    {"queried name is safelisted", D_NAME, ACEH_EXPOSED_SAFELISTED,
     ACEH_HIDDEN_NOT_LISTED, -1, 0, NULL, NULL},
    {"queried name is safelisted (header absent)", D_NAME,
     ACEH_EXPOSED_SAFELISTED, ACEH_HIDDEN_ABSENT, -1, 0, NULL, NULL},
    {"queried name is safelisted (header invalid)", D_NAME,
     ACEH_EXPOSED_SAFELISTED, ACEH_HIDDEN_INVALID, -1, 0, NULL, NULL},
    {"queried name is forbidden (listed)", D_NAME, ACEH_HIDDEN_FORBIDDEN,
     ACEH_EXPOSED_LISTED, -1, 0, NULL, NULL},
    {"queried name is forbidden (wildcard)", D_NAME, ACEH_HIDDEN_FORBIDDEN,
     ACEH_EXPOSED_WILDCARD, -1, 0, NULL, NULL},
    {"header present", D_LINES, ACEH_HIDDEN_ABSENT, (aceh_verdict)0, -1, 0,
     NULL, NULL},
    {"header valid (name listed)", D_LINES, ACEH_HIDDEN_INVALID,
     ACEH_EXPOSED_LISTED, -1, 0, NULL, NULL},
    {"header valid (wildcard)", D_LINES, ACEH_HIDDEN_INVALID,
     ACEH_EXPOSED_WILDCARD, -1, 0, NULL, NULL},
    {"name listed (other list)", D_LINES, ACEH_HIDDEN_NOT_LISTED,
     ACEH_EXPOSED_LISTED, -1, 0, NULL, NULL},
    {"name listed (other name)", D_NAME, ACEH_HIDDEN_NOT_LISTED,
     ACEH_EXPOSED_LISTED, -1, 0, NULL, NULL},
    {"wildcard element", D_LINES, ACEH_HIDDEN_NOT_LISTED,
     ACEH_EXPOSED_WILDCARD, -1, 0, NULL, NULL},
    {"credentials mode omit vs include", D_MODE, ACEH_EXPOSED_WILDCARD,
     ACEH_HIDDEN_NOT_LISTED, ACEH_OMIT, 0, NULL, NULL},
    {"credentials mode same-origin vs include", D_MODE,
     ACEH_EXPOSED_WILDCARD, ACEH_HIDDEN_NOT_LISTED, ACEH_SAME_ORIGIN, 0,
     NULL, NULL},
    {"authorization-needs-listing flag", D_FLAGS, ACEH_HIDDEN_AUTHORIZATION,
     ACEH_EXPOSED_WILDCARD, -1, 0, NULL, NULL},
    {"queried name is Authorization (flag set)", D_NAME,
     ACEH_HIDDEN_AUTHORIZATION, ACEH_EXPOSED_WILDCARD, -1, 0, NULL, NULL},
    {"Authorization listed beside the wildcard (flag set)", D_LINES,
     ACEH_HIDDEN_AUTHORIZATION, ACEH_EXPOSED_LISTED, -1, 0, NULL, NULL},
};

static int verdict_fits(aceh_verdict want, aceh_verdict got)
{
    return want == 0 ? got > 0 : got == want;
}

static int run_pairs(void)
{
    aceh_verdict *v = calloc(nrows + 1, sizeof *v);
    size_t i, j, d, nd = sizeof decisions / sizeof decisions[0];
    int ok = 1;

    if (v == NULL) {
        perror("table_runner: calloc");
        exit(2);
    }
    for (i = 0; i < nrows; i++)
        v[i] = aceh_decide(rows[i].lines, rows[i].nlines, rows[i].name,
                           rows[i].name_len, rows[i].mode, rows[i].flags);
    for (i = 0; i < nrows; i++) {
        for (j = 0; j < nrows; j++) {
            const row *a = &rows[i], *b = &rows[j];
            int in;
            /* The pair must show the condition in the expected answers. */
            if (a->exposed == b->exposed)
                continue;
            in = differ_in(a, b);
            if (in >= D_NONE)
                continue;
            for (d = 0; d < nd; d++) {
                decision *x = &decisions[d];
                if (x->in != in || !verdict_fits(x->a, v[i]) ||
                    !verdict_fits(x->b, v[j]) ||
                    (x->amode >= 0 && a->mode != (aceh_mode)x->amode))
                    continue;
                if (x->found++ == 0) {
                    x->ida = a->id;
                    x->idb = b->id;
                }
            }
        }
    }
    for (d = 0; d < nd; d++) {
        decision *x = &decisions[d];
        count(x->found != 0);
        if (x->found) {
            printf("pairs: %-52s %4lu (e.g. %s / %s)\n", x->what, x->found,
                   x->ida, x->idb);
        } else {
            ok = 0;
            fail("pairs", "no pair of rows shows \"%s\" (%s)", x->what,
                 "rows differing in that one input and in exposed");
        }
    }
    free(v);
    return ok;
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    const char *path = "conformance/cases.tsv";
    int guard = 0, pairs = 0, i;
    size_t r, maxline = 1, maxname = 1;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--guard") == 0)
            guard = 1;
        else if (strcmp(argv[i], "--pairs") == 0)
            pairs = 1;
        else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: table_runner [--guard] [--pairs] "
                            "[TABLE]\n");
            return 2;
        } else
            path = argv[i];
    }
#ifdef TABLE_COUNT_MALLOC
    {
        /* The interposer must be live, or "zero calls" proves nothing. */
        void *(*volatile m)(size_t) = malloc;
        void *p;
        unsigned long seen;
        mc_arm();
        p = m(16);
        free(p);
        seen = mc_disarm();
        if (seen != 2) {
            printf("FAIL malloc counter: saw %lu calls for malloc+free\n",
                   seen);
            return 1;
        }
    }
#endif
    load_table(path);
    if (pairs) {
        run_pairs();
    } else {
        for (r = 0; r < nrows; r++) {
            size_t li;
            for (li = 0; li < rows[r].nlines; li++)
                if (rows[r].lines[li].len > maxline)
                    maxline = rows[r].lines[li].len;
            if (rows[r].name_len > maxname)
                maxname = rows[r].name_len;
        }
        if (guard && (guard_open(&gline, maxline) != 0 ||
                      guard_open(&gname, maxname) != 0)) {
            perror("table_runner: guard_open");
            return 2;
        }
        for (r = 0; r < nrows; r++) {
            char where[300];
            int ok;
            snprintf(where, sizeof where, "%s:%lu row %s", path,
                     rows[r].lineno, rows[r].id);
            ok = check_row(&rows[r], rows[r].lines, rows[r].name, where);
            if (guard)
                ok &= guard_row(&rows[r], where);
            count(ok);
        }
        run_unit_cases(guard);
        if (guard)
            printf("table_runner: %lu guarded evaluations\n", guard_evals);
    }
#ifdef TABLE_COUNT_MALLOC
    printf("table_runner: %lu allocator calls inside library calls\n",
           lib_allocs);
    if (lib_allocs != 0) {
        fail("malloc counter", "%s%s", "the library called the allocator", "");
    }
#endif
    printf("table_runner: %zu rows from %s\n", nrows, path);
    printf("table_runner: %lu passed, %lu failed\n", passed, failed);
    return failed == 0 && !any_fail ? 0 : 1;
}
