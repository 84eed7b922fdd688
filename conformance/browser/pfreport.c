/* SPDX-License-Identifier: MIT */
/* aceh-browser-pfreport: compare a browser's preflight outcomes with the
 * preflight table.
 *
 *   aceh-browser-pfreport TABLE RESULTS DEVIATIONS BROWSER VERSION
 *   aceh-browser-pfreport --side-by-side TABLE NAME RESULTS [NAME RESULTS]...
 *   aceh-browser-pfreport --answers TABLE RESULTS   (the preflight protocol)
 *
 * RESULTS (from aceh-browser-serve --preflight) holds the page's lines
 * "index<TAB>outcome" ("ok STATUS", "E fetch: ...", or "X ..." when the
 * Request could not even be built) and the server's lines
 * "s<index><TAB>preflights<TAB>actual requests<TAB>ACRH". The browser's
 * answer for a row is "pass" when the actual request reached the server
 * and "fail" when it did not; it is compared with the table's result
 * column. DEVIATIONS: "browser<TAB>row id<TAB>observed<TAB>reference".
 * Exit 0 when every compared row agrees or is a listed deviation, 1
 * otherwise (also for a row whose page and server records contradict each
 * other), 2 on a usage or input error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "pftable.h"

typedef struct res {
    char *page;         /* the page's outcome; NULL: none */
    int have_server;    /* an "s" line was read */
    unsigned long npre, nact;
    char *acrh;
} res;

typedef struct dev {
    char *browser, *id, *observed, *ref;
    int used;
} dev;

static dev *devs;
static size_t ndevs;

static const char *const areas[] = {"method", "lists", "headers",
                                    "safelisting", "authorization",
                                    "cors-check", "status", "max-age"};
#define NAREAS 8

static int area_index(const pf_row *r)
{
    int a;
    for (a = 0; a < NAREAS; a++)
        if (strlen(areas[a]) == r->area.len &&
            !memcmp(areas[a], r->area.p, r->area.len))
            return a;
    return NAREAS;
}

static int load_results(const char *path, const pf_table *t, res **out)
{
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    res *r;
    if (!f) {
        perror(path);
        return -1;
    }
    r = *out = calloc(t->n ? t->n : 1, sizeof *r);
    if (!r) return -1;
    while ((got = getline(&line, &cap, f)) > 0) {
        char *tab = strchr(line, '\t'), *e;
        unsigned long i;
        if (line[got - 1] == '\n') line[--got] = '\0';
        if (got == 0) continue;
        if (line[0] == 's') {
            char *f2, *f3;
            i = strtoul(line + 1, &e, 10);
            f2 = tab ? strchr(tab + 1, '\t') : NULL;
            f3 = f2 ? strchr(f2 + 1, '\t') : NULL;
            if (!tab || e != tab || i >= t->n || !f3 || r[i].have_server) {
                fprintf(stderr, "%s: bad server line: %s\n", path, line);
                goto bad;
            }
            r[i].have_server = 1;
            r[i].npre = strtoul(tab + 1, NULL, 10);
            r[i].nact = strtoul(f2 + 1, NULL, 10);
            r[i].acrh = strdup(f3 + 1);
            continue;
        }
        i = strtoul(line, &e, 10);
        if (!tab || e != tab || i >= t->n || r[i].page) {
            fprintf(stderr, "%s: bad or duplicate result line: %s\n", path,
                    line);
            goto bad;
        }
        r[i].page = strdup(tab + 1);
    }
    free(line);
    fclose(f);
    return 0;
bad:
    free(line);
    fclose(f);
    return -1;
}

static void free_results(res *r, size_t n)
{
    size_t i;
    if (!r) return;
    for (i = 0; i < n; i++) free(r[i].page), free(r[i].acrh);
    free(r);
}

static int load_deviations(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    if (!f) {
        perror(path);
        return -1;
    }
    while ((got = getline(&line, &cap, f)) > 0) {
        char *fld[4], *s = line;
        int k;
        dev *nd;
        lineno++;
        if (line[got - 1] == '\n') line[--got] = '\0';
        if (got == 0 || line[0] == '#') continue;
        for (k = 0; k < 4; k++) {
            char *tab = k < 3 ? strchr(s, '\t') : NULL;
            fld[k] = s;
            if (k < 3) {
                if (!tab) break;
                *tab = '\0';
                s = tab + 1;
            }
        }
        if (k < 4 || !*fld[3] ||
            (strcmp(fld[2], "pass") && strcmp(fld[2], "fail"))) {
            fprintf(stderr,
                    "%s:%zu: want browser<TAB>id<TAB>pass|fail<TAB>reference\n",
                    path, lineno);
            fclose(f);
            return -1;
        }
        nd = realloc(devs, (ndevs + 1) * sizeof *devs);
        if (!nd) return -1;
        devs = nd;
        devs[ndevs].browser = strdup(fld[0]);
        devs[ndevs].id = strdup(fld[1]);
        devs[ndevs].observed = strdup(fld[2]);
        devs[ndevs].ref = strdup(fld[3]);
        devs[ndevs].used = 0;
        ndevs++;
    }
    free(line);
    fclose(f);
    return 0;
}

static dev *find_dev(const char *browser, const pf_row *r, const char *got)
{
    size_t i;
    for (i = 0; i < ndevs; i++)
        if (!strcmp(devs[i].browser, browser) && !strcmp(devs[i].id, r->id.p) &&
            !strcmp(devs[i].observed, got))
            return &devs[i];
    return NULL;
}

/* "id (mode, METHOD, > req..., < resp..., status N)", escaped. */
static void describe(const pf_row *r)
{
    size_t k;
    printf("  %s (%s, %s", r->id.p, r->mode.p, r->method.p);
    for (k = 0; k < r->nfields; k++) {
        printf(", %c ", r->fields[k].dir);
        esc_write(stdout, r->fields[k].line.p, r->fields[k].line.len);
    }
    printf(", status %s)", r->status.p);
}

/* What the browser did with row i: "pass", "fail", or NULL when the row
 * was not run or its records contradict each other (*why says how). */
static const char *outcome(const res *x, const char **why)
{
    *why = NULL;
    if (!x->page) {
        *why = "no answer from the page";
        return NULL;
    }
    if (x->page[0] == 'X') return NULL;
    if (!x->have_server) {
        *why = "no server record";
        return NULL;
    }
    /* The server's record decides; the page's must not contradict it: a
     * resolved fetch() without an actual request would be a cached or
     * invented answer. */
    if (x->nact && strncmp(x->page, "ok ", 3)) {
        *why = "the actual request arrived but fetch() failed";
        return NULL;
    }
    if (!x->nact && !strncmp(x->page, "ok ", 3)) {
        *why = "fetch() resolved without an actual request";
        return NULL;
    }
    return x->nact ? "pass" : "fail";
}

static int side_by_side(int argc, char **argv)
{
    static pf_table t;
    res **r;
    int nb = (argc - 1) / 2, b;
    size_t i, ndiff = 0;
    if (argc < 3 || (argc - 1) % 2) {
        fputs("usage: aceh-browser-pfreport --side-by-side TABLE NAME RESULTS "
              "[NAME RESULTS]...\n",
              stderr);
        return 2;
    }
    if (pf_load(&t, argv[0]) < 0) return 2;
    r = calloc((size_t)nb, sizeof *r);
    if (!r) return 2;
    for (b = 0; b < nb; b++)
        if (load_results(argv[2 + 2 * b], &t, &r[b]) < 0) return 2;
    printf("== side by side: preflight table %s ==\n%-14s", argv[0], "area");
    for (b = 0; b < nb; b++) printf(" %12s", argv[1 + 2 * b]);
    putchar('\n');
    for (int a = 0; a <= NAREAS; a++) {
        int any = 0;
        for (i = 0; i < t.n; i++) any |= area_index(&t.rows[i]) == a;
        if (!any) continue;
        printf("%-14s", a < NAREAS ? areas[a] : "other");
        for (b = 0; b < nb; b++) {
            size_t ok = 0, n = 0;
            char cell[32];
            for (i = 0; i < t.n; i++) {
                const char *why, *got;
                if (t.rows[i].cls || area_index(&t.rows[i]) != a) continue;
                got = outcome(&r[b][i], &why);
                if (!got) continue;
                n++;
                ok += !strcmp(got, t.rows[i].pass ? "pass" : "fail");
            }
            snprintf(cell, sizeof cell, "%zu/%zu", ok, n);
            printf(" %12s", cell);
        }
        putchar('\n');
    }
    puts("Rows on which the browsers differ (table, then each browser):");
    for (i = 0; i < t.n; i++) {
        const char *why, *first, *got;
        int same = 1;
        if (t.rows[i].cls) continue;
        first = outcome(&r[0][i], &why);
        for (b = 1; b < nb; b++) {
            got = outcome(&r[b][i], &why);
            if (!first || !got ? first != got : strcmp(first, got) != 0)
                same = 0;
        }
        if (same) continue;
        ndiff++;
        describe(&t.rows[i]);
        printf(": table %s", t.rows[i].pass ? "pass" : "fail");
        for (b = 0; b < nb; b++) {
            got = outcome(&r[b][i], &why);
            printf(", %s %s", argv[1 + 2 * b], got ? got : "-");
        }
        putchar('\n');
    }
    if (!ndiff) puts("  none");
    for (b = 0; b < nb; b++) free_results(r[b], t.n);
    free(r);
    pf_free(&t);
    return 0;
}

/* The answers in the preflight protocol, one line per row in table order
 * (conformance/adapters/browser/preflight.sh): "pass" or "fail", or
 * "skip" with why the row was not put to the browser or has no answer. */
static int answers(const char *table, const char *results)
{
    static pf_table t;
    res *r;
    size_t i;
    if (pf_load(&t, table) < 0 || load_results(results, &t, &r) < 0) return 2;
    for (i = 0; i < t.n; i++) {
        const char *why, *got = outcome(&r[i], &why);
        if (t.rows[i].cls)
            printf("skip not expressible through fetch(): %s\n",
                   pf_class_str(t.rows[i].cls));
        else if (got)
            puts(got);
        else if (!why)
            printf("skip the API refused the request: %s\n", r[i].page + 2);
        else
            printf("skip %s\n", why);
    }
    free_results(r, t.n);
    pf_free(&t);
    return fflush(stdout) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
    static pf_table t;
    res *r;
    const char *browser;
    size_t agree[NAREAS + 1] = {0}, total[NAREAS + 1] = {0},
           known[NAREAS + 1] = {0};
    size_t i, bad = 0, nknown = 0, ncompared = 0, nagree = 0, nnx = 0,
              nnxrun = 0, nnopre = 0;
    int a;

    if (argc > 1 && !strcmp(argv[1], "--side-by-side"))
        return side_by_side(argc - 2, argv + 2);
    if (argc == 4 && !strcmp(argv[1], "--answers"))
        return answers(argv[2], argv[3]);
    if (argc != 6) {
        fputs("usage: aceh-browser-pfreport TABLE RESULTS DEVIATIONS BROWSER "
              "VERSION\n"
              "       aceh-browser-pfreport --side-by-side TABLE NAME RESULTS "
              "[NAME RESULTS]...\n"
              "       aceh-browser-pfreport --answers TABLE RESULTS\n",
              stderr);
        return 2;
    }
    browser = argv[4];
    if (pf_load(&t, argv[1]) < 0 || load_results(argv[2], &t, &r) < 0 ||
        load_deviations(argv[3]) < 0)
        return 2;
    printf("== %s: %s, preflight table %s (%zu rows) ==\n", browser, argv[5],
           argv[1], t.n);
    puts("Unexpected disagreements (row: table -> browser):");
    for (i = 0; i < t.n; i++) {
        const pf_row *row = &t.rows[i];
        const char *why, *got, *want = row->pass ? "pass" : "fail";
        dev *d;
        if (row->cls) {
            nnx++;
            continue;
        }
        got = outcome(&r[i], &why);
        if (!got && !why) {
            nnxrun++;
            continue;
        }
        a = area_index(row);
        ncompared++;
        total[a]++;
        if (got && !strcmp(got, want)) {
            agree[a]++;
            nagree++;
            continue;
        }
        d = got ? find_dev(browser, row, got) : NULL;
        if (d) {
            d->used = 1;
            known[a]++;
            nknown++;
            continue;
        }
        bad++;
        describe(row);
        printf(": %s -> %s", want, got ? got : why);
        if (r[i].page) printf(" (fetch: %s", r[i].page);
        if (r[i].have_server)
            printf("; %lu preflight(s), ACRH %s, %lu actual)", r[i].npre,
                   r[i].acrh, r[i].nact);
        else if (r[i].page)
            putchar(')');
        putchar('\n');
    }
    if (!bad) puts("  none");
    puts("Agreement per area (rows compared):");
    for (a = 0; a <= NAREAS; a++) {
        if (!total[a]) continue;
        printf("  %-14s %4zu/%-4zu", a < NAREAS ? areas[a] : "other", agree[a],
               total[a]);
        if (known[a]) printf("  (+%zu known deviations)", known[a]);
        putchar('\n');
    }
    printf("  %-14s %4zu/%-4zu\n", "all", nagree, ncompared);
    printf("Known deviations (%zu, from %s):\n", nknown, argv[3]);
    for (i = 0; i < t.n; i++) {
        const char *why, *got;
        dev *d;
        if (t.rows[i].cls) continue;
        got = outcome(&r[i], &why);
        if (!got || !strcmp(got, t.rows[i].pass ? "pass" : "fail")) continue;
        d = find_dev(browser, &t.rows[i], got);
        if (!d) continue;
        describe(&t.rows[i]);
        printf(": %s -> %s (%lu preflight(s), ACRH %s); %s\n",
               t.rows[i].pass ? "pass" : "fail", got, r[i].npre, r[i].acrh,
               d->ref);
    }
    for (i = 0; i < ndevs; i++)
        if (!devs[i].used && !strcmp(devs[i].browser, browser))
            printf("  note: listed deviation %s (%s) not observed: stale?\n",
                   devs[i].id, devs[i].observed);
    /* Requests the browser sent without a preflight: simple requests in
     * its judgement. Compared like the others (the table says whether the
     * request goes out), listed so that a reader sees which ones. */
    for (i = 0; i < t.n; i++)
        if (!t.rows[i].cls && r[i].have_server && !r[i].npre) nnopre++;
    printf("Rows the browser sent without a preflight (compared): %zu\n",
           nnopre);
    for (i = 0; i < t.n; i++) {
        const char *why, *got;
        if (t.rows[i].cls || !r[i].have_server || r[i].npre) continue;
        got = outcome(&r[i], &why);
        describe(&t.rows[i]);
        printf(": table %s, browser %s\n", t.rows[i].pass ? "pass" : "fail",
               got ? got : why);
    }
    printf("Not expressible through fetch() (not compared): %zu by their "
           "fields, %zu refused at run time\n",
           nnx, nnxrun);
    for (i = 0; i < t.n; i++) {
        const char *why;
        if (t.rows[i].cls) {
            describe(&t.rows[i]);
            printf(": %s\n", pf_class_str(t.rows[i].cls));
        } else if (!outcome(&r[i], &why) && !why) {
            describe(&t.rows[i]);
            printf(": %s\n", r[i].page);
        }
    }
    printf("Result: %zu compared, %zu agree, %zu known deviations, %zu "
           "unexpected; %zu not expressible, %zu refused by the API, %zu "
           "sent without a preflight\n",
           ncompared, nagree, nknown, bad, nnx, nnxrun, nnopre);
    free_results(r, t.n);
    for (i = 0; i < ndevs; i++) {
        free(devs[i].browser);
        free(devs[i].id);
        free(devs[i].observed);
        free(devs[i].ref);
    }
    free(devs);
    pf_free(&t);
    return bad ? 1 : 0;
}
