/* SPDX-License-Identifier: MIT */
/* Seed generator: writes per-harness seed inputs into OUTDIR/<harness>/
 * from the conformance table (conformance/cases.tsv, format in its README;
 * escapes decoded by common/escape.h) plus hand-picked edge cases.
 *   fuzz_seeds OUTDIR [cases.tsv]
 * The decision, builder and differential seeds use the layout of
 * fuzz/input.h. `make corpus-min` folds these into corpus/. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "escape.h"
#include "harnesses.h"
#include "input.h"

#define MAX_FIELDS 4096

typedef struct piece {
    char *p;
    size_t len;
} piece;

static const char *outdir;
static unsigned long written;

static void die(const char *what)
{
    fprintf(stderr, "fuzz_seeds: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void mkdir_p(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        die(path);
}

static void write_seed(const char *harness, const char *tag,
                       const unsigned char *p, size_t len)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s/%s", outdir, harness, tag);
    f = fopen(path, "wb");
    if (f == NULL)
        die(path);
    if ((len && fwrite(p, 1, len, f) != len) || fclose(f) != 0)
        die(path);
    written++;
}

/* A separator byte that occurs in no piece: LF when possible (readable),
 * else the first free byte value. Returns -1 if every byte is used. */
static int pick_sep(const piece *v, size_t n)
{
    static const int prefer[] = {'\n', 0x1E, 0xFF, '|'};
    unsigned char used[256];
    size_t i, j;
    int c;

    memset(used, 0, sizeof used);
    for (i = 0; i < n; i++)
        for (j = 0; j < v[i].len; j++)
            used[(unsigned char)v[i].p[j]] = 1;
    for (i = 0; i < sizeof prefer / sizeof prefer[0]; i++)
        if (!used[prefer[i]])
            return prefer[i];
    for (c = 0; c < 256; c++)
        if (!used[c])
            return c;
    return -1;
}

/* The differential harness reads a selector byte before the input.h
 * layout (build variant and check group, see differential_fuzzer.c):
 * successive seeds cycle through its values so that together they start
 * every build on every group. */
static unsigned next_selector;

/* ctl byte + separator + pieces joined by it (input.h layout); for the
 * differential harness a selector byte first. */
static void write_case(const char *harness, const char *tag, unsigned ctl,
                       const piece *v, size_t n)
{
    size_t i, total = 3;
    unsigned char *buf, *q;
    int sep = pick_sep(v, n);

    if (sep < 0)
        return;
    for (i = 0; i < n; i++)
        total += v[i].len + 1;
    buf = malloc(total);
    if (buf == NULL)
        die("malloc");
    q = buf;
    if (strcmp(harness, "differential") == 0) {
        /* Steps of 7 visit all 256 selector values. */
        *q++ = (unsigned char)next_selector;
        next_selector = (next_selector + 7u) & 0xFFu;
    }
    *q++ = (unsigned char)ctl;
    *q++ = (unsigned char)sep;
    for (i = 0; i < n; i++) {
        if (i)
            *q++ = (unsigned char)sep;
        memcpy(q, v[i].p, v[i].len);
        q += v[i].len;
    }
    write_seed(harness, tag, buf, (size_t)(q - buf));
    free(buf);
}

static unsigned mode_bits(const char *mode)
{
    if (strcmp(mode, "same-origin") == 0)
        return ACEH_SAME_ORIGIN;
    if (strcmp(mode, "include") == 0)
        return ACEH_INCLUDE;
    return ACEH_OMIT;
}

/* One case: name and lines (nlines may be 0: header absent). */
static void emit_case(const char *tag, unsigned ctl, const piece *name,
                      const piece *lines, size_t nlines)
{
    piece *v = malloc((nlines + 1) * sizeof *v);
    piece *names;
    size_t i, nn = 1;
    char t[512];

    if (v == NULL)
        die("malloc");
    v[0] = *name;
    for (i = 0; i < nlines; i++)
        v[i + 1] = lines[i];
    write_case("decision", tag, ctl, v, nlines + 1);
    write_case("differential", tag, ctl, v, nlines + 1);
    for (i = 0; i < nlines; i++) {
        snprintf(t, sizeof t, "%s-line%zu", tag, i);
        write_seed("tokenizer", t, (const unsigned char *)lines[i].p,
                   lines[i].len);
    }
    /* Builder: the queried name, then every comma-separated element of
     * every line with its OWS trimmed (some are not tokens, on purpose). */
    {
        size_t cap = 1, j, s, e;
        for (i = 0; i < nlines; i++)
            for (j = 0; j < lines[i].len; j++)
                cap += lines[i].p[j] == ',';
        cap += nlines;
        names = malloc(cap * sizeof *names);
        if (names == NULL)
            die("malloc");
        names[0] = *name;
        for (i = 0; i < nlines; i++) {
            s = 0;
            for (j = 0; j <= lines[i].len; j++) {
                if (j < lines[i].len && lines[i].p[j] != ',')
                    continue;
                e = j;
                while (s < e && (lines[i].p[s] == ' ' || lines[i].p[s] == '\t'))
                    s++;
                while (e > s &&
                       (lines[i].p[e - 1] == ' ' || lines[i].p[e - 1] == '\t'))
                    e--;
                if (e > s) {
                    names[nn].p = lines[i].p + s;
                    names[nn].len = e - s;
                    nn++;
                }
                s = j + 1;
            }
        }
        write_case("builder", tag, ctl, names, nn);
        free(names);
    }
    free(v);
}

/* Hand-picked edge cases, in the table's escapes: mode, flags, name,
 * then the lines (NULL ends the row; no line = header absent). */
static const char *const edges[][8] = {
    {"omit", "-", "X-A", NULL},
    {"omit", "-", "X-A", "", NULL},
    {"omit", "-", "X-A", "*", NULL},
    {"include", "-", "X-A", "*", NULL},
    {"include", "-", "*", "*", NULL},
    {"omit", "auth", "Authorization", "*", NULL},
    {"omit", "auth", "authorization", "*, Authorization", NULL},
    {"omit", "-", "Set-Cookie", "*, Set-Cookie", NULL},
    {"omit", "-", "set-cookie2", "set-cookie2", NULL},
    {"omit", "-", "X-A", "*, bad header", NULL},
    {"omit", "-", "X-A", "x-a", "no no", NULL},
    {"omit", "-", "X-A", "\\x09 x-a \\x09,\\x09", NULL},
    {"omit", "-", "X-A", "x-a\\x0B", NULL},
    {"omit", "-", "X-A", "x-a\\x0C", NULL},
    {"omit", "-", "X-A", "x-a\\x0D\\x0A", NULL},
    {"omit", "-", "X-A", "x-a\\x00", NULL},
    {"omit", "-", "X-A", "x-a,\\xC2\\xA0", NULL},
    {"omit", "-", "X-A", "x-a\\x7F", NULL},
    {"omit", "-", "'x-a'", "'x-a'", NULL},
    {"omit", "-", "X-A", "\"x-a\"", NULL},
    {"omit", "-", "X-A", ",,, ,\\x09,", "x-a", NULL},
    {"omit", "-", " x-a", "x-a", NULL},
    {"omit", "-", "", "x-a", NULL},
    {"same-origin", "-", "**", "**, *a", NULL},
    {"omit", "-", "Content-Type", "@#$", NULL},
    {"include", "-", "CACHE-CONTROL", NULL},
    {"omit", "-", "x-b", "x-a, x-b", "x-c", "", "x-d,", NULL},
    {"omit", "-", "!#$%&'*+-.^_`|~09azAZ", "!#$%&'*+-.^_`|~09azAZ", NULL},
    {"omit", "-", "a", "a(),/:;<=>?@[\\\\]{}", NULL},
    {"omit", "-", "Access-Control-Expose-Headers", "*", NULL},
};

static piece decode(const char *s)
{
    piece r;
    size_t len = strlen(s);
    const char *why = "";

    r.p = malloc(len ? len : 1);
    if (r.p == NULL)
        die("malloc");
    r.len = esc_decode(s, len, r.p, &why, NULL);
    if (r.len == (size_t)-1) {
        fprintf(stderr, "fuzz_seeds: bad escape in edge case: %s\n", why);
        exit(1);
    }
    return r;
}

static void emit_edges(void)
{
    size_t i, k;
    char tag[64];

    for (i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        piece name = decode(edges[i][2]), lines[5];
        size_t nl = 0;
        unsigned ctl = mode_bits(edges[i][0]);
        if (strcmp(edges[i][1], "auth") == 0)
            ctl |= FUZZ_CTL_FLAG_AUTH;
        for (k = 3; k < 8 && edges[i][k] != NULL; k++)
            lines[nl++] = decode(edges[i][k]);
        snprintf(tag, sizeof tag, "edge-%02zu", i);
        emit_case(tag, ctl, &name, lines, nl);
        free(name.p);
        for (k = 0; k < nl; k++)
            free(lines[k].p);
    }
    /* A long list, the asked name last (the table has one too). */
    {
        size_t n = 2000, at = 0;
        piece name, line;
        line.p = malloc(n * 8 + 16);
        if (line.p == NULL)
            die("malloc");
        for (k = 0; k < n; k++)
            at += (size_t)sprintf(line.p + at, "%sx-%zu", k ? ", " : "", k);
        line.len = at;
        name.p = line.p + at - 6;
        name.len = 6;
        emit_case("edge-long", ACEH_OMIT, &name, &line, 1);
        free(line.p);
    }
}

/* Split a table row on tabs into fields (decoded in place). */
static int load_table(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, rows = 0;
    ssize_t got;
    piece *fields = malloc(MAX_FIELDS * sizeof *fields);

    if (fields == NULL)
        die("malloc");
    if (f == NULL) {
        fprintf(stderr, "fuzz_seeds: %s: %s (only hand-picked seeds)\n", path,
                strerror(errno));
        free(fields);
        return 0;
    }
    while ((got = getline(&line, &cap, f)) > 0) {
        size_t len = (size_t)got, nf = 0, i, start = 0;
        char tag[256];
        unsigned ctl;
        if (line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len == 0 || line[0] == '#')
            continue;
        for (i = 0; i <= len && nf < MAX_FIELDS; i++) {
            if (i < len && line[i] != '\t')
                continue;
            fields[nf].p = line + start;
            fields[nf].len = esc_decode(line + start, i - start, line + start,
                                        NULL, NULL);
            if (fields[nf].len == (size_t)-1) {
                fprintf(stderr, "fuzz_seeds: %s: bad escape, row skipped\n",
                        path);
                nf = 0;
                break;
            }
            nf++;
            start = i + 1;
        }
        if (nf < 8)
            continue;
        /* Columns: id area mode flags name exposed parse source lines... */
        fields[0].p[fields[0].len] = '\0';
        fields[2].p[fields[2].len] = '\0';
        ctl = mode_bits(fields[2].p);
        if (fields[3].len > 1)
            ctl |= FUZZ_CTL_FLAG_AUTH;
        snprintf(tag, sizeof tag, "row-");
        for (i = 0; i < fields[0].len && i < 200; i++) {
            unsigned char c = (unsigned char)fields[0].p[i];
            int ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                     (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
            tag[4 + i] = ok ? (char)c : '_';
            tag[5 + i] = '\0';
        }
        emit_case(tag, ctl, &fields[4], fields + 8, nf - 8);
        rows++;
    }
    free(line);
    free(fields);
    fclose(f);
    fprintf(stderr, "fuzz_seeds: %zu table rows from %s\n", rows, path);
    return 0;
}

int main(int argc, char **argv)
{
#define HARNESS_NAME(h) #h,
    static const char *const harnesses[] = {FUZZ_HARNESSES(HARNESS_NAME)};
#undef HARNESS_NAME
    char path[4096];
    size_t i;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s OUTDIR [cases.tsv]\n", argv[0]);
        return 2;
    }
    outdir = argv[1];
    mkdir_p(outdir);
    for (i = 0; i < sizeof harnesses / sizeof harnesses[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", outdir, harnesses[i]);
        mkdir_p(path);
    }
    emit_edges();
    if (argc == 3)
        load_table(argv[2]);
    fprintf(stderr, "fuzz_seeds: %lu seed files in %s\n", written, outdir);
    return 0;
}
