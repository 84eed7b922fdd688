/* SPDX-License-Identifier: MIT */
/* The preflight table (conformance/preflight.tsv, format in
 * conformance/README.md) run through the library: every row's request
 * headers give the Access-Control-Request-Headers names
 * (aceh_request_headers), its response field lines and the rest of the
 * row give an aceh_preflight, and aceh_preflight_decide must return the
 * row's reason and, on a pass, its max_age. A Check suite, one test per
 * row; a malformed table fails with file:line. */
#include "aceh.h"
#include "escape.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The origin the table's {origin} stands for in this runner. */
#define PF_ORIGIN "https://origin.example"
#define PF_MAX_FIELDS 64

typedef struct pf_row {
    char *id, *area, *mode, *flags, *method, *status, *result, *reason,
        *max_age, *source;
    size_t nfields;
    char *field[PF_MAX_FIELDS];
    int lineno;
} pf_row;

static const char *table_path;
static pf_row *rows;
static size_t nrows;

static void die(int lineno, const char *why)
{
    fprintf(stderr, "%s:%d: %s\n", table_path, lineno, why);
    exit(2);
}

/* Split a line at tabs in place. */
static size_t split(char *line, char **col, size_t max)
{
    size_t n = 0;

    col[n++] = line;
    for (; *line; line++)
        if (*line == '\t') {
            *line = '\0';
            if (n == max)
                return max + 1;
            col[n++] = line + 1;
        }
    return n;
}

static void load(const char *path)
{
    FILE *f = fopen(path, "r");
    static char buf[1 << 16];
    int lineno = 0;
    size_t cap = 0, i, j;

    table_path = path;
    if (!f) {
        perror(path);
        exit(2);
    }
    while (fgets(buf, sizeof buf, f)) {
        char *col[10 + PF_MAX_FIELDS + 1];
        size_t n, len = strlen(buf);
        pf_row *r;

        lineno++;
        if (len == 0 || buf[len - 1] != '\n')
            die(lineno, "line too long or without a final newline");
        buf[--len] = '\0';
        if (len == 0 || buf[0] == '#')
            continue;
        n = split(buf, col, 10 + PF_MAX_FIELDS);
        if (n < 10 || n > 10 + PF_MAX_FIELDS)
            die(lineno, "wrong number of columns");
        if (nrows == cap) {
            cap = cap ? cap * 2 : 256;
            rows = realloc(rows, cap * sizeof *rows);
            if (!rows)
                die(lineno, "out of memory");
        }
        r = &rows[nrows++];
        for (i = 0; i < n; i++) {
            col[i] = strdup(col[i]);
            if (!col[i])
                die(lineno, "out of memory");
        }
        r->id = col[0];
        r->area = col[1];
        r->mode = col[2];
        r->flags = col[3];
        r->method = col[4];
        r->status = col[5];
        r->result = col[6];
        r->reason = col[7];
        r->max_age = col[8];
        r->source = col[9];
        r->nfields = n - 10;
        for (i = 10; i < n; i++)
            r->field[i - 10] = col[i];
        r->lineno = lineno;
        if (strcmp(r->result, strcmp(r->reason, "pass") == 0 ? "pass" : "fail"))
            die(lineno, "result and reason disagree");
        if ((strcmp(r->reason, "pass") == 0) != (strcmp(r->max_age, "-") != 0))
            die(lineno, "max_age is set exactly on pass rows");
        if (strcmp(r->flags, "-") && strcmp(r->flags, "use-cors-preflight"))
            die(lineno, "unknown flags");
        if (strncmp(r->source, "Fetch#", 6) && strncmp(r->source, "WPT:", 4))
            die(lineno, "source must cite Fetch# or WPT:");
        for (j = 0; j + 1 < nrows; j++)
            if (strcmp(rows[j].id, r->id) == 0)
                die(lineno, "duplicate id");
    }
    fclose(f);
    if (nrows == 0)
        die(lineno, "no rows");
}

/* A field's bytes with escapes decoded and {origin} replaced, in a new
 * buffer. */
static aceh_str decode(const pf_row *r, const char *s)
{
    const char *why = "";
    size_t len = strlen(s), at = 0, n, k = 0, i;
    char *tmp = malloc(len + 1), *out = malloc(len * 4 + 32);
    aceh_str v;

    if (!tmp || !out)
        die(r->lineno, "out of memory");
    n = esc_decode(s, len, tmp, &why, &at);
    if (n == (size_t)-1)
        die(r->lineno, why);
    for (i = 0; i < n;) {
        if (n - i >= 8 && memcmp(tmp + i, "{origin}", 8) == 0) {
            memcpy(out + k, PF_ORIGIN, sizeof PF_ORIGIN - 1);
            k += sizeof PF_ORIGIN - 1;
            i += 8;
        } else {
            out[k++] = tmp[i++];
        }
    }
    free(tmp);
    v.ptr = out;
    v.len = k;
    return v;
}

static int name_is(aceh_str n, const char *lit)
{
    return aceh_name_eq(n.ptr, n.len, lit, strlen(lit));
}

START_TEST(row)
{
    static const char *const names[] = {
        "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
        "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
        "Access-Control-Max-Age"};
    const pf_row *r = &rows[_i];
    aceh_header req[PF_MAX_FIELDS];
    aceh_str res[5][PF_MAX_FIELDS], unsafe[PF_MAX_FIELDS], method;
    size_t nres[5] = {0}, nreq = 0, nu = 0, need = 0, i, k;
    char acrh[8192];
    aceh_preflight pf;
    aceh_pf_result out;
    aceh_status st;

    for (i = 0; i < r->nfields; i++) {
        const char *f = r->field[i];
        aceh_str v;
        const char *colon;

        if ((f[0] != '>' && f[0] != '<') || f[1] != ' ')
            die(r->lineno, "a field starts with '> ' or '< '");
        v = decode(r, f + 2);
        colon = memchr(v.ptr, ':', v.len);
        if (!colon || !aceh_is_name(v.ptr, (size_t)(colon - v.ptr)))
            die(r->lineno, "a field is NAME: VALUE");
        {
            aceh_str name = {v.ptr, (size_t)(colon - v.ptr)};
            aceh_str val = {colon + 1, v.len - name.len - 1};

            while (val.len && (val.ptr[0] == ' ' || val.ptr[0] == '\t')) {
                val.ptr++;
                val.len--;
            }
            /* A header value has no trailing SP/HTAB either (Fetch
             * normalizes it), as `aceh preflight` and browsers send it. */
            while (val.len && (val.ptr[val.len - 1] == ' ' ||
                               val.ptr[val.len - 1] == '\t'))
                val.len--;
            if (f[0] == '>') {
                req[nreq].name = name.ptr;
                req[nreq].name_len = name.len;
                req[nreq].value = val.ptr;
                req[nreq].value_len = val.len;
                nreq++;
                continue;
            }
            for (k = 0; k < 5; k++)
                if (name_is(name, names[k]))
                    res[k][nres[k]++] = val;
        }
    }
    st = aceh_request_headers(req, nreq, acrh, sizeof acrh, &need, NULL);
    ck_assert_msg(st == ACEH_OK, "%s: request headers: %s", r->id,
                  aceh_status_str(st));
    st = aceh_request_header_names(acrh, need, unsafe, PF_MAX_FIELDS, &nu,
                                   NULL);
    ck_assert_msg(st == ACEH_OK, "%s: request header names: %s", r->id,
                  aceh_status_str(st));
    method = decode(r, r->method);
    memset(&pf, 0, sizeof pf);
    pf.origin = PF_ORIGIN;
    pf.origin_len = sizeof PF_ORIGIN - 1;
    /* The column is the method as the script gives it; the library
     * decides the method Fetch sends, normalized. */
    pf.method = aceh_method_normalize(method.ptr, method.len);
    pf.method_len = method.len;
    pf.unsafe = unsafe;
    pf.n_unsafe = nu;
    pf.mode = strcmp(r->mode, "omit") == 0          ? ACEH_OMIT
              : strcmp(r->mode, "same-origin") == 0 ? ACEH_SAME_ORIGIN
                                                    : ACEH_INCLUDE;
    if (strcmp(r->mode, "include") && pf.mode == ACEH_INCLUDE)
        die(r->lineno, "unknown mode");
    pf.flags = strcmp(r->flags, "use-cors-preflight") == 0
                   ? ACEH_PF_USE_CORS_PREFLIGHT
                   : 0;
    pf.status = atoi(r->status);
    pf.allow_origin = res[0];
    pf.n_allow_origin = nres[0];
    pf.allow_credentials = res[1];
    pf.n_allow_credentials = nres[1];
    pf.allow_methods = res[2];
    pf.n_allow_methods = nres[2];
    pf.allow_headers = res[3];
    pf.n_allow_headers = nres[3];
    pf.max_age = res[4];
    pf.n_max_age = nres[4];
    aceh_preflight_decide(&pf, &out);
    ck_assert_msg(strcmp(aceh_pf_verdict_str(out.verdict), r->reason) == 0,
                  "%s (%s:%d): library says %s (cors %s), table says %s",
                  r->id, table_path, r->lineno,
                  aceh_pf_verdict_str(out.verdict), aceh_cors_str(out.cors),
                  r->reason);
    if (out.verdict == ACEH_PF_PASS)
        ck_assert_msg(out.max_age == strtoul(r->max_age, NULL, 10),
                      "%s: max-age %lu, table says %s", r->id, out.max_age,
                      r->max_age);
}
END_TEST

int main(int argc, char **argv)
{
    Suite *s = suite_create("preflight");
    TCase *tc = tcase_create("rows");
    SRunner *sr;
    int failed;

    load(argc > 1 ? argv[1] : "conformance/preflight.tsv");
    tcase_add_loop_test(tc, row, 0, (int)nrows);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    printf("preflight table: %zu rows, %d failed\n", nrows, failed);
    srunner_free(sr);
    return failed ? 1 : 0;
}
