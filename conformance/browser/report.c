/* SPDX-License-Identifier: MIT */
/* aceh-browser-report: compare a browser's answers with a table, the ACEH
 * table (conformance/cases.tsv) or, with --preflight, the preflight table
 * (conformance/preflight.tsv).
 *
 *   aceh-browser-report [--preflight] TABLE RESULTS DEVIATIONS BROWSER VERSION
 *   aceh-browser-report [--preflight] --side-by-side TABLE NAME RESULTS [NAME RESULTS]...
 *   aceh-browser-report [--preflight] --answers TABLE RESULTS
 *
 * RESULTS comes from aceh-browser-serve. ACEH table: "index<TAB>outcome"
 * lines (index: the row's position in TABLE; outcome 1, 0 or "E message")
 * and witness lines "w<index>.<line><TAB>..." (what the page read back of
 * each ACEH line). Preflight table: the page's lines "index<TAB>outcome"
 * ("ok STATUS", "E fetch: ...", or "X ..." when the Request could not even
 * be built) and the server's lines "s<index><TAB>preflights<TAB>actual
 * requests<TAB>ACRH"; the browser's answer for a row is "pass" when the
 * actual request reached the server and "fail" when it did not.
 * DEVIATIONS lists known browser deviations, "browser<TAB>row id<TAB>
 * observed<TAB>reference" ('#' comments; observed pass or fail for the
 * preflight table). Prints agreement per area, every disagreement by row
 * id, then the rows kept out of the comparison by class. --side-by-side
 * puts several browsers' results in columns; --answers prints them in the
 * protocol of the table (conformance/adapters/browser/). Exit 0 when every
 * compared row agrees or is a listed deviation, 1 otherwise (also for a
 * preflight row whose page and server records contradict each other), 2 on
 * a usage or input error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "pftable.h"
#include "table.h"

/* ---- what both tables share: deviations, areas, the summaries -------- */

typedef struct dev {
    char *browser, *id, *observed, *ref;
    int used;
} dev;

static dev *devs;
static size_t ndevs;

/* Read DEVIATIONS; with pf, observed must be pass or fail. */
static int load_deviations(const char *path, int pf)
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
            (pf && strcmp(fld[2], "pass") && strcmp(fld[2], "fail"))) {
            fprintf(stderr, "%s:%zu: want browser<TAB>id<TAB>%s<TAB>reference\n",
                    path, lineno, pf ? "pass|fail" : "observed");
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

/* The listed deviation of BROWSER for row ID (idlen bytes) answering GOT. */
static dev *find_dev(const char *browser, const char *id, size_t idlen,
                     const char *got)
{
    size_t i;
    for (i = 0; i < ndevs; i++)
        if (!strcmp(devs[i].browser, browser) &&
            strlen(devs[i].id) == idlen && !memcmp(devs[i].id, id, idlen) &&
            !strcmp(devs[i].observed, got))
            return &devs[i];
    return NULL;
}

static void stale_deviations(const char *browser)
{
    size_t i;
    for (i = 0; i < ndevs; i++)
        if (!devs[i].used && !strcmp(devs[i].browser, browser))
            printf("  note: listed deviation %s (%s) not observed: stale?\n",
                   devs[i].id, devs[i].observed);
}

static void free_deviations(void)
{
    size_t i;
    for (i = 0; i < ndevs; i++) {
        free(devs[i].browser);
        free(devs[i].id);
        free(devs[i].observed);
        free(devs[i].ref);
    }
    free(devs);
}

/* One report's counts: per area (the last slot: "other") and in all. */
#define MAX_AREAS 8
typedef struct tally {
    size_t agree[MAX_AREAS + 1], total[MAX_AREAS + 1], known[MAX_AREAS + 1];
    size_t nagree, ncompared, nknown, bad;
} tally;

/* Count a compared row of area a: 1 when GOT is WANT, 0 when it is a
 * listed deviation of BROWSER for row ID (idlen bytes), -1 when it is an
 * unexpected disagreement (the caller says which). */
static int tally_row(tally *t, int a, const char *browser, const char *id,
                     size_t idlen, const char *want, const char *got)
{
    dev *d;
    t->ncompared++;
    t->total[a]++;
    if (got && !strcmp(got, want)) {
        t->agree[a]++;
        t->nagree++;
        return 1;
    }
    d = got ? find_dev(browser, id, idlen, got) : NULL;
    if (d) {
        d->used = 1;
        t->known[a]++;
        t->nknown++;
        return 0;
    }
    t->bad++;
    return -1;
}

/* A table's areas, and the widths its reports print them with. */
typedef struct areas {
    const char *const *name;
    int n;
    int width;     /* area column of the report and side by side */
    int cellwidth; /* a browser's column side by side */
    int percent;   /* the report shows percentages */
} areas;

static const char *const aceh_area_names[] = {"wildcard", "empty",
                                              "credentials", "grammar",
                                              "decision"};
static const areas aceh_areas = {aceh_area_names, 5, 12, 14, 1};
static const char *const pf_area_names[] = {
    "method",        "lists",      "headers", "safelisting",
    "authorization", "cors-check", "status",  "max-age"};
static const areas pf_areas = {pf_area_names, MAX_AREAS, 14, 12, 0};

/* The index of AREA (len bytes) in A; A->n for an unknown area, reported
 * as "other". */
static int area_of(const areas *a, const char *area, size_t len)
{
    int k;
    for (k = 0; k < a->n; k++)
        if (strlen(a->name[k]) == len && !memcmp(a->name[k], area, len))
            return k;
    return a->n;
}

/* "Agreement per area (rows compared):" and its lines. */
static void print_agreement(const areas *a, const tally *t)
{
    int k;
    puts("Agreement per area (rows compared):");
    for (k = 0; k <= a->n; k++) {
        if (!t->total[k]) continue;
        printf("  %-*s %4zu/%-4zu", a->width, k < a->n ? a->name[k] : "other",
               t->agree[k], t->total[k]);
        if (a->percent)
            printf(" %5.1f%%", 100.0 * (double)t->agree[k] / (double)t->total[k]);
        if (t->known[k]) printf("  (+%zu known deviations)", t->known[k]);
        putchar('\n');
    }
    printf("  %-*s %4zu/%-4zu", a->width, "all", t->nagree, t->ncompared);
    if (a->percent)
        printf(" %5.1f%%", t->ncompared ? 100.0 * (double)t->nagree /
                                               (double)t->ncompared
                                         : 0.0);
    putchar('\n');
}

/* Several browsers over one table, as the two tables tell it: per row its
 * area, whether it shows its area's line, each browser's verdict (-1 not
 * compared, 0 disagrees, 1 agrees), and the rows on which they differ. */
typedef struct side {
    const areas *a;
    size_t n;
    int (*area)(size_t i);
    int (*shown)(size_t i);
    int (*verdict)(int b, size_t i);
    /* Prints row i when the browsers differ on it; returns 1 if it did. */
    int (*differ)(int nb, char **names, size_t i);
} side;

/* The per-area table and the differing rows (title: "table" or
 * "preflight table"). Purely informative: each browser's own report
 * decides pass or fail. */
static void side_by_side(const side *s, const char *title, const char *table,
                         int nb, char **names)
{
    int a, b;
    size_t i, ndiff = 0;
    printf("== side by side: %s %s ==\n%-*s", title, table, s->a->width, "area");
    for (b = 0; b < nb; b++) printf(" %*s", s->a->cellwidth, names[b]);
    putchar('\n');
    for (a = 0; a <= s->a->n; a++) {
        int any = 0;
        for (i = 0; i < s->n; i++) any |= s->area(i) == a && s->shown(i);
        if (!any) continue;
        printf("%-*s", s->a->width, a < s->a->n ? s->a->name[a] : "other");
        for (b = 0; b < nb; b++) {
            size_t ok = 0, n = 0;
            char cell[32];
            for (i = 0; i < s->n; i++) {
                int v;
                if (s->area(i) != a || (v = s->verdict(b, i)) < 0) continue;
                n++;
                ok += (size_t)v;
            }
            snprintf(cell, sizeof cell, "%zu/%zu", ok, n);
            printf(" %*s", s->a->cellwidth, cell);
        }
        putchar('\n');
    }
    puts("Rows on which the browsers differ (table, then each browser):");
    for (i = 0; i < s->n; i++) ndiff += (size_t)s->differ(nb, names, i);
    if (!ndiff) puts("  none");
}

/* ---- the ACEH table --------------------------------------------------- */

static bt_table at;
static char **outcome; /* per row; NULL = no result */
static char **witness; /* per row; NULL = ACEH lines arrived intact */
static char ***sres, ***swit; /* side by side: per browser */

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
    if (!res || (wit && (!*wit || !seen))) {
        fclose(f);
        return -1;
    }
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
    return area_of(&aceh_areas, r->area.p, r->area.len);
}

static int agrees(const bt_row *r, const char *got)
{
    return got && got[0] == '0' + r->exposed && !got[1];
}

static int aceh_area(size_t i) { return area_index(&at.rows[i]); }
static int aceh_shown(size_t i) { return !at.rows[i].cls; }

/* A row whose ACEH lines did not reach a browser intact (the witness) is
 * left out of that browser's column, as in its own report. */
static int aceh_verdict(int b, size_t i)
{
    if (at.rows[i].cls || swit[b][i]) return -1;
    return agrees(&at.rows[i], sres[b][i]);
}

static int aceh_differ(int nb, char **names, size_t i)
{
    const bt_row *r = &at.rows[i];
    int same = 1, b;
    if (r->cls & BT_BAD_NAME) return 0;
    for (b = 1; b < nb; b++) {
        const char *x = sres[0][i], *y = sres[b][i];
        /* Error texts differ between browsers: an error is an error. */
        if (!x || !y ? x != y
                     : strcmp(x, y) != 0 && !(x[0] == 'E' && y[0] == 'E'))
            same = 0;
    }
    if (same) return 0;
    describe(r);
    printf(" [%s]: table %d", bt_class_str(r->cls), r->exposed);
    for (b = 0; b < nb; b++)
        printf(", %s %s%s", names[b], sres[b][i] ? sres[b][i] : "no result",
               swit[b][i] && !(r->cls & BT_FRAMING) ? " (HTTP layer)" : "");
    putchar('\n');
    return 1;
}

static int aceh_side_by_side(int nb, char **names, char **files,
                             const char *table)
{
    static const side s = {&aceh_areas, 0, aceh_area, aceh_shown,
                           aceh_verdict, aceh_differ};
    side t = s;
    int b;
    if (bt_load(&at, table) < 0) return 2;
    sres = calloc((size_t)nb, sizeof *sres);
    swit = calloc((size_t)nb, sizeof *swit);
    if (!sres || !swit) return 2;
    for (b = 0; b < nb; b++)
        if (load_results(files[b], &at, &sres[b], &swit[b]) < 0) return 2;
    t.n = at.n;
    side_by_side(&t, "table", table, nb, names);
    for (b = 0; b < nb; b++) {
        free_results(sres[b], at.n);
        free_results(swit[b], at.n);
    }
    free(sres);
    free(swit);
    bt_free(&at);
    return 0;
}

/* The browser's answers in the conformance line protocol, one line per row
 * in table order (the browser adapter, conformance/adapters/browser/):
 * "1" or "0" when every ACEH line of the row reached the page intact (the
 * witness), else "skip" with what the HTTP layer did; "skip" too for a
 * fetch error and for rows the page did not run. */
static int aceh_answers(const char *table, const char *results)
{
    bt_table t;
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

static int aceh_report(char **argv)
{
    const char *browser, *version;
    tally c = {{0}, {0}, {0}, 0, 0, 0, 0};
    size_t i, nframing = 0, noptin = 0, nname = 0, nhttp = 0;
    int a, cls;
    static const unsigned classes[] = {BT_FRAMING, BT_OPTIN_READING,
                                       BT_BAD_NAME};
    bt_table t;

    browser = argv[4];
    version = argv[5];
    if (bt_load(&t, argv[1]) < 0 ||
        load_results(argv[2], &t, &outcome, &witness) < 0 ||
        load_deviations(argv[3], 0) < 0)
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
            d = find_dev(browser, r->id.p, r->id.len, "http");
            if (d) {
                d->used = 1;
                nhttp++;
                continue;
            }
            c.bad++;
            describe(r);
            printf(": the HTTP layer changed the header (%s)\n", witness[i]);
            continue;
        }
        if (tally_row(&c, a, browser, r->id.p, r->id.len, want, got) >= 0)
            continue;
        describe(r);
        printf(": %s -> %s\n", want, got ? got : "no result");
    }
    if (!c.bad) puts("  none");

    print_agreement(&aceh_areas, &c);

    printf("Known deviations (%zu, from %s):\n", c.nknown, argv[3]);
    for (i = 0; i < t.n; i++) {
        const bt_row *r = &t.rows[i];
        dev *d;
        if (r->cls || witness[i] || !outcome[i]) continue;
        d = find_dev(browser, r->id.p, r->id.len, outcome[i]);
        if (!d || (outcome[i][0] == '0' + r->exposed && !outcome[i][1]))
            continue;
        describe(r);
        printf(": %d -> %s; %s\n", r->exposed, outcome[i], d->ref);
    }
    stale_deviations(browser);

    printf("Rows whose ACEH line the browser's HTTP layer dropped or "
           "changed (witness; listed deviations, not compared): %zu\n",
           nhttp);
    for (i = 0; i < t.n; i++) {
        const bt_row *r = &t.rows[i];
        if (r->cls || !witness[i] || !find_dev(browser, r->id.p, r->id.len, "http")) continue;
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
           c.ncompared, c.nagree, c.nknown, c.bad, nframing, noptin, nhttp,
           nname);
    free_results(outcome, t.n);
    free_results(witness, t.n);
    free_deviations();
    bt_free(&t);
    return c.bad ? 1 : 0;
}

/* ---- the preflight table ---------------------------------------------- */

typedef struct res {
    char *page;         /* the page's outcome; NULL: none */
    int have_server;    /* an "s" line was read */
    unsigned long npre, nact;
    char *acrh;
} res;

static pf_table pt;
static res **pres; /* side by side: per browser */

static int pf_area_index(const pf_row *r)
{
    return area_of(&pf_areas, r->area.p, r->area.len);
}

static int pf_load_results(const char *path, const pf_table *t, res **out)
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
    if (!r) {
        fclose(f);
        return -1;
    }
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

static void pf_free_results(res *r, size_t n)
{
    size_t i;
    if (!r) return;
    for (i = 0; i < n; i++) free(r[i].page), free(r[i].acrh);
    free(r);
}

/* "id (mode, METHOD, > req..., < resp..., status N)", escaped. */
static void pf_describe(const pf_row *r)
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
static const char *pf_outcome(const res *x, const char **why)
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

static int pf_area(size_t i) { return pf_area_index(&pt.rows[i]); }
static int pf_shown(size_t i) { (void)i; return 1; }

static int pf_verdict(int b, size_t i)
{
    const char *why, *got;
    if (pt.rows[i].cls) return -1;
    got = pf_outcome(&pres[b][i], &why);
    if (!got) return -1;
    return !strcmp(got, pt.rows[i].pass ? "pass" : "fail");
}

static int pf_differ(int nb, char **names, size_t i)
{
    const char *why, *first, *got;
    int same = 1, b;
    if (pt.rows[i].cls) return 0;
    first = pf_outcome(&pres[0][i], &why);
    for (b = 1; b < nb; b++) {
        got = pf_outcome(&pres[b][i], &why);
        if (!first || !got ? first != got : strcmp(first, got) != 0)
            same = 0;
    }
    if (same) return 0;
    pf_describe(&pt.rows[i]);
    printf(": table %s", pt.rows[i].pass ? "pass" : "fail");
    for (b = 0; b < nb; b++) {
        got = pf_outcome(&pres[b][i], &why);
        printf(", %s %s", names[b], got ? got : "-");
    }
    putchar('\n');
    return 1;
}

static int pf_side_by_side(int nb, char **names, char **files,
                           const char *table)
{
    static const side s = {&pf_areas, 0, pf_area, pf_shown, pf_verdict,
                           pf_differ};
    side t = s;
    int b;
    if (pf_load(&pt, table) < 0) return 2;
    pres = calloc((size_t)nb, sizeof *pres);
    if (!pres) return 2;
    for (b = 0; b < nb; b++)
        if (pf_load_results(files[b], &pt, &pres[b]) < 0) return 2;
    t.n = pt.n;
    side_by_side(&t, "preflight table", table, nb, names);
    for (b = 0; b < nb; b++) pf_free_results(pres[b], pt.n);
    free(pres);
    pf_free(&pt);
    return 0;
}

/* The answers in the preflight protocol, one line per row in table order
 * (conformance/adapters/browser/adapter.sh ENGINE preflight): "pass" or
 * "fail", or "skip" with why the row was not put to the browser or has no
 * answer. */
static int pf_answers(const char *table, const char *results)
{
    pf_table t;
    res *r;
    size_t i;
    if (pf_load(&t, table) < 0 || pf_load_results(results, &t, &r) < 0) return 2;
    for (i = 0; i < t.n; i++) {
        const char *why, *got = pf_outcome(&r[i], &why);
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
    pf_free_results(r, t.n);
    pf_free(&t);
    return fflush(stdout) == 0 ? 0 : 2;
}

static int pf_report(char **argv)
{
    pf_table t;
    res *r;
    const char *browser;
    tally c = {{0}, {0}, {0}, 0, 0, 0, 0};
    size_t i, nnx = 0, nnxrun = 0, nnopre = 0;
    int a;

    browser = argv[4];
    if (pf_load(&t, argv[1]) < 0 || pf_load_results(argv[2], &t, &r) < 0 ||
        load_deviations(argv[3], 1) < 0)
        return 2;
    printf("== %s: %s, preflight table %s (%zu rows) ==\n", browser, argv[5],
           argv[1], t.n);
    puts("Unexpected disagreements (row: table -> browser):");
    for (i = 0; i < t.n; i++) {
        const pf_row *row = &t.rows[i];
        const char *why, *got, *want = row->pass ? "pass" : "fail";
        if (row->cls) {
            nnx++;
            continue;
        }
        got = pf_outcome(&r[i], &why);
        if (!got && !why) {
            nnxrun++;
            continue;
        }
        a = pf_area_index(row);
        if (tally_row(&c, a, browser, row->id.p, row->id.len, want, got) >= 0)
            continue;
        pf_describe(row);
        printf(": %s -> %s", want, got ? got : why);
        if (r[i].page) printf(" (fetch: %s", r[i].page);
        if (r[i].have_server)
            printf("; %lu preflight(s), ACRH %s, %lu actual)", r[i].npre,
                   r[i].acrh, r[i].nact);
        else if (r[i].page)
            putchar(')');
        putchar('\n');
    }
    if (!c.bad) puts("  none");
    print_agreement(&pf_areas, &c);
    printf("Known deviations (%zu, from %s):\n", c.nknown, argv[3]);
    for (i = 0; i < t.n; i++) {
        const char *why, *got;
        dev *d;
        if (t.rows[i].cls) continue;
        got = pf_outcome(&r[i], &why);
        if (!got || !strcmp(got, t.rows[i].pass ? "pass" : "fail")) continue;
        d = find_dev(browser, t.rows[i].id.p, t.rows[i].id.len, got);
        if (!d) continue;
        pf_describe(&t.rows[i]);
        printf(": %s -> %s (%lu preflight(s), ACRH %s); %s\n",
               t.rows[i].pass ? "pass" : "fail", got, r[i].npre, r[i].acrh,
               d->ref);
    }
    stale_deviations(browser);
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
        got = pf_outcome(&r[i], &why);
        pf_describe(&t.rows[i]);
        printf(": table %s, browser %s\n", t.rows[i].pass ? "pass" : "fail",
               got ? got : why);
    }
    printf("Not expressible through fetch() (not compared): %zu by their "
           "fields, %zu refused at run time\n",
           nnx, nnxrun);
    for (i = 0; i < t.n; i++) {
        const char *why;
        if (t.rows[i].cls) {
            pf_describe(&t.rows[i]);
            printf(": %s\n", pf_class_str(t.rows[i].cls));
        } else if (!pf_outcome(&r[i], &why) && !why) {
            pf_describe(&t.rows[i]);
            printf(": %s\n", r[i].page);
        }
    }
    printf("Result: %zu compared, %zu agree, %zu known deviations, %zu "
           "unexpected; %zu not expressible, %zu refused by the API, %zu "
           "sent without a preflight\n",
           c.ncompared, c.nagree, c.nknown, c.bad, nnx, nnxrun, nnopre);
    pf_free_results(r, t.n);
    free_deviations();
    pf_free(&t);
    return c.bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    int pf = argc > 1 && !strcmp(argv[1], "--preflight");
    if (pf) {
        argc--;
        argv++;
    }
    if (argc > 1 && !strcmp(argv[1], "--side-by-side")) {
        int nb = (argc - 3) / 2, b;
        char **names, **files;
        if (argc < 5 || (argc - 3) % 2) {
            fprintf(stderr,
                    "usage: aceh-browser-report %s--side-by-side TABLE NAME "
                    "RESULTS [NAME RESULTS]...\n",
                    pf ? "--preflight " : "");
            return 2;
        }
        names = calloc((size_t)nb, sizeof *names);
        files = calloc((size_t)nb, sizeof *files);
        if (!names || !files) return 2;
        for (b = 0; b < nb; b++) {
            names[b] = argv[3 + 2 * b];
            files[b] = argv[4 + 2 * b];
        }
        b = pf ? pf_side_by_side(nb, names, files, argv[2])
               : aceh_side_by_side(nb, names, files, argv[2]);
        free(names);
        free(files);
        return b;
    }
    if (argc == 4 && !strcmp(argv[1], "--answers"))
        return pf ? pf_answers(argv[2], argv[3]) : aceh_answers(argv[2], argv[3]);
    if (argc != 6) {
        fputs("usage: aceh-browser-report [--preflight] TABLE RESULTS "
              "DEVIATIONS BROWSER VERSION\n"
              "       aceh-browser-report [--preflight] --side-by-side TABLE "
              "NAME RESULTS [NAME RESULTS]...\n"
              "       aceh-browser-report [--preflight] --answers TABLE "
              "RESULTS\n",
              stderr);
        return 2;
    }
    return pf ? pf_report(argv) : aceh_report(argv);
}
