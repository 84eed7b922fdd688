/* SPDX-License-Identifier: MIT */
/* aceh-browser-report: compare a browser's answers with the table.
 *
 *   aceh-browser-report TABLE RESULTS DEVIATIONS BROWSER VERSION
 *
 * RESULTS holds "index<TAB>outcome" lines from aceh-browser-serve (index:
 * the row's position in TABLE; outcome 1, 0 or "E message"). DEVIATIONS
 * lists known browser deviations, "browser<TAB>row id<TAB>observed<TAB>
 * reference" ('#' comments). Prints agreement per area, every
 * disagreement by row id, then the rows kept out of the comparison by
 * class. Exit 0 when every compared row agrees or is a listed deviation,
 * 1 otherwise, 2 on a usage or input error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "table.h"

typedef struct dev {
    char *browser, *id, *observed, *ref;
    int used;
} dev;

static const char *const areas[] = {"wildcard", "empty", "credentials",
                                    "grammar", "decision"};
#define NAREAS 5

static char **outcome; /* per row; NULL = no result */
static char **witness; /* per row; NULL = ACEH lines arrived intact */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* What the browser read back for line k of row r ("v<hex>", "null" or
 * "E ..."), against the line as the HTTP layer should deliver it: the
 * bytes without leading and trailing SP/HTAB (RFC 9110 5.5). Returns NULL
 * when intact, else a malloc'd description. */
static char *witness_verdict(const bt_row *r, size_t k, const char *got)
{
    const char *p = r->lines[k].p;
    size_t len = r->lines[k].len, i, n = 0;
    char *buf, *msg;
    int ok = 1;
    while (len && (*p == ' ' || *p == '\t')) p++, len--;
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
    if (got[0] != 'v') {
        msg = malloc(strlen(got) + 64); /* "line N: " + got */
        if (msg)
            sprintf(msg, "line %zu: %s", k,
                    strcmp(got, "null") ? got : "dropped by the browser");
        return msg;
    }
    buf = malloc(strlen(got) / 2 + 1);
    if (!buf) return strdup("out of memory");
    for (i = 1; got[i]; i += 2) {
        int hi = hexval(got[i]), lo = got[i + 1] ? hexval(got[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            ok = 0; /* 'U': a code unit above U+00FF */
            break;
        }
        buf[n++] = (char)(hi * 16 + lo);
    }
    if (ok && n == len && memcmp(buf, p, n) == 0) {
        free(buf);
        return NULL;
    }
    msg = malloc(512); /* 60 escaped bytes (240) plus fixed text */
    if (msg) {
        char *m = msg, *q;
        m += sprintf(m, "line %zu read back as '", k);
        for (i = 0; i < n && i < 60 && ok; i++) {
            unsigned char c = (unsigned char)buf[i];
            m += (c == '\\' || c < 0x20 || c > 0x7e) ? sprintf(m, "\\x%02X", c)
                                                    : sprintf(m, "%c", c);
        }
        if (n > 60 && ok) m += sprintf(m, "...[%zu bytes, sent %zu]", n, len);
        q = ok ? "'" : "...' (a code unit above U+00FF)";
        strcpy(m, q);
    }
    free(buf);
    return msg;
}

/* Read a results file into *out (one outcome string or NULL per row).
 * With wit != NULL, also judge the witness lines ("w<row>.<line>"):
 * (*wit)[row] is NULL when every ACEH line of the row came back intact,
 * else why not; rows whose witness lines are missing count as not intact. */
static int load_results(const char *path, const bt_table *t, char ***out,
                        char ***wit)
{
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, n = t->n, i;
    ssize_t got;
    char **res;
    size_t *seen = NULL;
    if (!f) {
        perror(path);
        return -1;
    }
    res = *out = calloc(n, sizeof *res);
    if (wit) {
        *wit = calloc(n, sizeof **wit);
        seen = calloc(n, sizeof *seen);
    }
    if (!res || (wit && (!*wit || !seen))) return -1;
    while ((got = getline(&line, &cap, f)) > 0) {
        char *tab = strchr(line, '\t'), *e;
        unsigned long k = 0;
        if (line[got - 1] == '\n') line[--got] = '\0';
        if (got == 0) continue;
        if (line[0] == 'w') {
            i = strtoul(line + 1, &e, 10);
            if (*e == '.') k = strtoul(e + 1, &e, 10);
            if (!tab || e != tab || i >= n || k >= t->rows[i].nlines) {
                fprintf(stderr, "%s: bad witness line: %s\n", path, line);
                free(line);
                fclose(f);
                return -1;
            }
            if (!wit) continue;
            seen[i]++;
            if (!(*wit)[i]) (*wit)[i] = witness_verdict(&t->rows[i], k, tab + 1);
            continue;
        }
        i = strtoul(line, &e, 10);
        if (!tab || e != tab || i >= n || res[i]) {
            fprintf(stderr, "%s: bad or duplicate result line: %s\n", path,
                    line);
            free(line);
            fclose(f);
            return -1;
        }
        res[i] = strdup(tab + 1);
        if (!res[i]) return -1;
    }
    if (wit)
        for (i = 0; i < n; i++)
            if (res[i] && !(*wit)[i] && seen[i] != t->rows[i].nlines)
                (*wit)[i] = strdup("witness lines missing");
    free(seen);
    free(line);
    fclose(f);
    return 0;
}

static void free_results(char **res, size_t n)
{
    size_t i;
    if (!res) return;
    for (i = 0; i < n; i++) free(res[i]);
    free(res);
}

static dev *devs;
static size_t ndevs;

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
        if (k < 4 || !*fld[3]) {
            fprintf(stderr,
                    "%s:%zu: want browser<TAB>id<TAB>observed<TAB>reference\n",
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

static dev *find_dev(const char *browser, const bt_row *r, const char *got)
{
    size_t i;
    for (i = 0; i < ndevs; i++)
        if (!strcmp(devs[i].browser, browser) && bt_eq(&r->id, devs[i].id) &&
            !strcmp(devs[i].observed, got))
            return &devs[i];
    return NULL;
}

/* "id (mode, name, lines...)" with every field escaped as in the table. */
static void describe(const bt_row *r)
{
    size_t k;
    fputs("  ", stdout);
    esc_write(stdout, r->id.p, r->id.len);
    fputs(" (", stdout);
    esc_write(stdout, r->mode.p, r->mode.len);
    fputs(", name '", stdout);
    esc_write(stdout, r->name.p, r->name.len);
    fputs("', ", stdout);
    if (r->nlines == 0) fputs("no ACEH", stdout);
    for (k = 0; k < r->nlines; k++) {
        fputs(k ? " + '" : "ACEH '", stdout);
        if (r->lines[k].len > 60) {
            esc_write(stdout, r->lines[k].p, 40);
            printf("...[%zu bytes]", r->lines[k].len);
        } else {
            esc_write(stdout, r->lines[k].p, r->lines[k].len);
        }
        fputs("'", stdout);
    }
    fputs(")", stdout);
}

static int area_index(const bt_row *r)
{
    int a;
    for (a = 0; a < NAREAS; a++)
        if (bt_eq(&r->area, areas[a])) return a;
    return NAREAS; /* an unknown area is reported as "other" */
}

static int agrees(const bt_row *r, const char *got)
{
    return got && got[0] == '0' + r->exposed && !got[1];
}

/* Several browsers' results over the same table: agreement per area in
 * one column each, then every row on which the browsers answer
 * differently (whatever its class), with the table's expectation. Purely
 * informative: each browser's own report decides pass or fail. */
static int side_by_side(int argc, char **argv)
{
    static bt_table t;
    char ***res, ***wit;
    int nb = (argc - 1) / 2, b, a;
    size_t i, ndiff = 0;
    if (argc < 3 || (argc - 1) % 2) {
        fputs("usage: aceh-browser-report --side-by-side TABLE NAME RESULTS "
              "[NAME RESULTS]...\n",
              stderr);
        return 2;
    }
    if (bt_load(&t, argv[0]) < 0) return 2;
    res = calloc((size_t)nb, sizeof *res);
    wit = calloc((size_t)nb, sizeof *wit);
    if (!res || !wit) return 2;
    /* A row whose ACEH lines did not reach a browser intact (the witness)
     * is left out of that browser's column, as in its own report. */
    for (b = 0; b < nb; b++)
        if (load_results(argv[2 + 2 * b], &t, &res[b], &wit[b]) < 0) return 2;
    printf("== side by side: table %s ==\n%-12s", argv[0], "area");
    for (b = 0; b < nb; b++) printf(" %14s", argv[1 + 2 * b]);
    putchar('\n');
    for (a = 0; a <= NAREAS; a++) {
        size_t total = 0;
        for (i = 0; i < t.n; i++)
            if (!t.rows[i].cls && area_index(&t.rows[i]) == a) total++;
        if (!total) continue;
        printf("%-12s", a < NAREAS ? areas[a] : "other");
        for (b = 0; b < nb; b++) {
            size_t ok = 0, n = 0;
            char cell[32];
            for (i = 0; i < t.n; i++) {
                if (t.rows[i].cls || area_index(&t.rows[i]) != a ||
                    wit[b][i])
                    continue;
                n++;
                if (agrees(&t.rows[i], res[b][i])) ok++;
            }
            snprintf(cell, sizeof cell, "%zu/%zu", ok, n);
            printf(" %14s", cell);
        }
        putchar('\n');
    }
    puts("Rows on which the browsers differ (table, then each browser):");
    for (i = 0; i < t.n; i++) {
        const bt_row *r = &t.rows[i];
        int same = 1;
        if (r->cls & BT_BAD_NAME) continue;
        for (b = 1; b < nb; b++) {
            const char *x = res[0][i], *y = res[b][i];
            /* Error texts differ between browsers: an error is an error. */
            if (!x || !y ? x != y
                         : strcmp(x, y) != 0 && !(x[0] == 'E' && y[0] == 'E'))
                same = 0;
        }
        if (same) continue;
        ndiff++;
        describe(r);
        printf(" [%s]: table %d", bt_class_str(r->cls), r->exposed);
        for (b = 0; b < nb; b++)
            printf(", %s %s%s", argv[1 + 2 * b],
                   res[b][i] ? res[b][i] : "no result",
                   wit[b][i] && !(r->cls & BT_FRAMING) ? " (HTTP layer)" : "");
        putchar('\n');
    }
    if (!ndiff) puts("  none");
    for (b = 0; b < nb; b++) {
        free_results(res[b], t.n);
        free_results(wit[b], t.n);
    }
    free(res);
    free(wit);
    bt_free(&t);
    return 0;
}

/* The browser's answers in the conformance line protocol, one line per row
 * in table order (the browser adapter, conformance/adapters/browser/):
 * "1" or "0" when every ACEH line of the row reached the page intact (the
 * witness), else "skip" with what the HTTP layer did; "skip" too for a
 * fetch error and for rows the page did not run. */
static int answers(const char *table, const char *results)
{
    static bt_table t;
    size_t i;
    if (bt_load(&t, table) < 0 ||
        load_results(results, &t, &outcome, &witness) < 0)
        return 2;
    for (i = 0; i < t.n; i++) {
        const char *got = outcome[i];
        if (!got)
            puts("skip not run by the page (the name is not a header name)");
        else if (witness[i])
            printf("skip the HTTP layer changed the header: %s\n", witness[i]);
        else if (!strcmp(got, "0") || !strcmp(got, "1"))
            puts(got);
        else
            printf("skip the request failed: %s\n", got);
    }
    free_results(outcome, t.n);
    free_results(witness, t.n);
    bt_free(&t);
    return fflush(stdout) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
    static bt_table t;
    const char *browser, *version;
    size_t agree[NAREAS + 1] = {0}, total[NAREAS + 1] = {0},
           known[NAREAS + 1] = {0};
    size_t i, bad = 0, nframing = 0, noptin = 0, nname = 0, nknown = 0, nhttp = 0,
              ncompared = 0, agree_all = 0;
    int a, cls;
    static const unsigned classes[] = {BT_FRAMING, BT_OPTIN_READING,
                                       BT_BAD_NAME};

    if (argc == 4 && !strcmp(argv[1], "--answers"))
        return answers(argv[2], argv[3]);
    if (argc != 6 && !(argc > 1 && !strcmp(argv[1], "--side-by-side"))) {
        fputs("usage: aceh-browser-report TABLE RESULTS DEVIATIONS BROWSER "
              "VERSION\n"
              "       aceh-browser-report --side-by-side TABLE NAME RESULTS "
              "[NAME RESULTS]...\n"
              "       aceh-browser-report --answers TABLE RESULTS\n",
              stderr);
        return 2;
    }
    if (argc > 1 && !strcmp(argv[1], "--side-by-side"))
        return side_by_side(argc - 2, argv + 2);
    browser = argv[4];
    version = argv[5];
    if (bt_load(&t, argv[1]) < 0 ||
        load_results(argv[2], &t, &outcome, &witness) < 0 ||
        load_deviations(argv[3]) < 0)
        return 2;

    printf("== %s: %s, table %s (%zu rows) ==\n", browser, version, argv[1],
           t.n);
    puts("Unexpected disagreements (row: expected -> browser):");
    for (i = 0; i < t.n; i++) {
        const bt_row *r = &t.rows[i];
        const char *got = outcome[i];
        char want[2] = {(char)('0' + r->exposed), '\0'};
        dev *d;
        a = area_index(r);
        if (r->cls & BT_BAD_NAME) {
            nname++;
            continue;
        }
        if (r->cls & BT_FRAMING) {
            nframing++;
            continue;
        }
        if (r->cls & BT_OPTIN_READING) {
            noptin++;
            continue;
        }
        /* A line the HTTP layer dropped or changed: the answer is about
         * other bytes than the row's, whatever it is, so the row is not
         * compared. Unless listed (observed "http"), that is a failure:
         * the run must not quietly cover fewer rows. */
        if (witness[i]) {
            d = find_dev(browser, r, "http");
            if (d) {
                d->used = 1;
                nhttp++;
                continue;
            }
            bad++;
            describe(r);
            printf(": the HTTP layer changed the header (%s)\n", witness[i]);
            continue;
        }
        ncompared++;
        total[a]++;
        if (got && !strcmp(got, want)) {
            agree[a]++;
            agree_all++;
            continue;
        }
        d = got ? find_dev(browser, r, got) : NULL;
        if (d) {
            d->used = 1;
            known[a]++;
            nknown++;
            continue;
        }
        bad++;
        describe(r);
        printf(": %s -> %s\n", want, got ? got : "no result");
    }
    if (!bad) puts("  none");

    puts("Agreement per area (rows compared):");
    for (a = 0; a <= NAREAS; a++) {
        if (!total[a]) continue;
        printf("  %-12s %4zu/%-4zu %5.1f%%", a < NAREAS ? areas[a] : "other",
               agree[a], total[a], 100.0 * (double)agree[a] / (double)total[a]);
        if (known[a]) printf("  (+%zu known deviations)", known[a]);
        putchar('\n');
    }
    printf("  %-12s %4zu/%-4zu %5.1f%%\n", "all", agree_all, ncompared,
           ncompared ? 100.0 * (double)agree_all / (double)ncompared : 0.0);

    printf("Known deviations (%zu, from %s):\n", nknown, argv[3]);
    for (i = 0; i < t.n; i++) {
        const bt_row *r = &t.rows[i];
        dev *d;
        if (r->cls || witness[i] || !outcome[i]) continue;
        d = find_dev(browser, r, outcome[i]);
        if (!d || (outcome[i][0] == '0' + r->exposed && !outcome[i][1]))
            continue;
        describe(r);
        printf(": %d -> %s; %s\n", r->exposed, outcome[i], d->ref);
    }
    for (i = 0; i < ndevs; i++)
        if (!devs[i].used && !strcmp(devs[i].browser, browser))
            printf("  note: listed deviation %s (%s) not observed: stale?\n",
                   devs[i].id, devs[i].observed);

    printf("Rows whose ACEH line the browser's HTTP layer dropped or "
           "changed (witness; listed deviations, not compared): %zu\n",
           nhttp);
    for (i = 0; i < t.n; i++) {
        const bt_row *r = &t.rows[i];
        if (r->cls || !witness[i] || !find_dev(browser, r, "http")) continue;
        describe(r);
        printf(": table %d, browser %s; %s\n", r->exposed,
               outcome[i] ? outcome[i] : "no result", witness[i]);
    }
    /* The rows kept out of the comparison, each with what the browser
     * did, so that a reader can see why they are out. */
    for (cls = 0; cls < 3; cls++) {
        static const char *const title[] = {
            "Framing rows (CR, LF or NUL in an ACEH line: the HTTP layer, "
            "not ACEH parsing, decides; not compared)",
            "Authorization opt-in rows (flag authorization-needs-listing; browsers "
            "implement Fetch only; not compared)",
            "Not expressible (queried name is not a header name: no response "
            "can carry it, Headers.get() throws; not run)"};
        size_t count = cls == 0 ? nframing : cls == 1 ? noptin : nname;
        printf("%s: %zu\n", title[cls], count);
        for (i = 0; i < t.n; i++) {
            const bt_row *r = &t.rows[i];
            if (!(r->cls & classes[cls])) continue;
            /* Each row is listed once, under its first class. */
            if (cls < 2 && (r->cls & BT_BAD_NAME)) continue;
            if (cls == 1 && (r->cls & BT_FRAMING)) continue;
            describe(r);
            if (cls == 2)
                printf(": table %d\n", r->exposed);
            else
                printf(": table %d, browser %s%s%s%s\n", r->exposed,
                       outcome[i] ? outcome[i] : "no result",
                       agrees(r, outcome[i]) ? "" : "  (differs)",
                       witness[i] ? "; witness: " : "",
                       witness[i] ? witness[i] : "");
        }
    }
    printf("Result: %zu compared, %zu agree, %zu known deviations, %zu "
           "unexpected; %zu framing, %zu optin-reading, %zu HTTP layer, %zu "
           "not expressible\n",
           ncompared, agree_all, nknown, bad, nframing, noptin, nhttp, nname);
    free_results(outcome, t.n);
    free_results(witness, t.n);
    for (i = 0; i < ndevs; i++) {
        free(devs[i].browser);
        free(devs[i].id);
        free(devs[i].observed);
        free(devs[i].ref);
    }
    free(devs);
    bt_free(&t);
    return bad ? 1 : 0;
}
