/* SPDX-License-Identifier: MIT */
/* The fast path of aceh_validate (parser/aceh.c): 16-byte blocks, 32-byte
 * AVX2 halves and 64-byte chunks with bits carried between them, the tail
 * read as the input's last 16 bytes, inputs under 16 bytes. Built once per
 * compile-time path (bench/bench.mk: default, -DACEH_NO_SIMD, -mssse3,
 * -mavx2, ASan+UBSan), so every path must give these same answers.
 *
 * Expectations come from ref_validate() below: a byte-by-byte state machine
 * written from RFC 9110 5.6.1/5.6.2, sharing no code or table with the
 * library. Every input is also placed against a PROT_NONE page on either
 * side, so a load outside [p, p+len) faults. */
#include "aceh.h"
#include "guard.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXLEN 512

/* ------------------------------------------------------------ reference */

static int ref_tchar(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') ||
           (c != 0 && strchr("!#$%&'*+-.^_`|~", (int)c) != NULL);
}

typedef struct ref_result {
    aceh_status st;
    size_t count, off;
    aceh_slice names[MAXLEN / 2 + 1]; /* the count whole names */
} ref_result;

/* #field-name, recipient form: [ name ] *( OWS "," OWS [ name ] ). The
 * count is of names whose element ended cleanly before the error. */
static void ref_validate_into(const unsigned char *p, size_t len,
                              ref_result *r)
{
    enum { START, NAME, AFTER } state = START;
    size_t i, start = 0, end = 0;

    r->st = ACEH_OK;
    r->count = 0;
    r->off = 0;
    for (i = 0; i < len; i++) {
        unsigned c = p[i];
        int ows = c == ' ' || c == '\t';

        if (state == NAME && !ref_tchar(c))
            end = i;
        if (c == ',') {
            if (state != START) {
                r->names[r->count].off = start;
                r->names[r->count].len = end - start;
                r->count++;
            }
            state = START;
        } else if (ows) {
            state = state == START ? START : AFTER;
        } else if (ref_tchar(c) && state != AFTER) {
            if (state == START)
                start = i;
            state = NAME;
        } else {
            r->off = i;
            r->st = ref_tchar(c) ? ACEH_E_MISSING_COMMA
                    : (c == 0 || c == '\r' || c == '\n') ? ACEH_E_VALUE_BYTE
                                                          : ACEH_E_NAME_BYTE;
            return;
        }
    }
    if (state != START) {
        r->names[r->count].off = start;
        r->names[r->count].len = (state == NAME ? len : end) - start;
        r->count++;
    }
}

static ref_result ref_validate(const unsigned char *p, size_t len)
{
    static ref_result r; /* large: not on the stack */

    ref_validate_into(p, len, &r);
    return r;
}

/* --------------------------------------------------------------- driver */

static guard_buf guard;

static void describe(char *out, size_t cap, const unsigned char *p,
                     size_t len)
{
    size_t i, at = 0;

    for (i = 0; i < len && at + 5 < cap; i++)
        at += (size_t)snprintf(out + at, cap - at,
                               p[i] >= 0x20 && p[i] < 0x7f ? "%c" : "\\x%02x",
                               p[i]);
    out[at] = '\0';
}

/* aceh_split with room for all names, for all but one, for none, and
 * without an array: the names written, the count, the status, and that
 * nothing is written past cap, nor past min(count, cap) without an
 * error. */
static void check_split(const char *p, size_t len, const ref_result *want,
                        const char *where)
{
    static aceh_slice out[MAXLEN / 2 + 8];
    const size_t caps[4] = {want->count + 3,
                            want->count ? want->count - 1 : 0, want->count,
                            0};
    size_t c, j;

    for (c = 0; c < 5; c++) {
        const size_t cap = c < 4 ? caps[c] : 0;
        size_t count = 99, off = 99;
        aceh_status st, exp;
        int ok = 1;

        for (j = 0; j < want->count + 5; j++)
            out[j].off = out[j].len = 7777;
        st = aceh_split(p, len, c < 4 ? out : NULL, cap, &count, &off);
        exp = want->st == ACEH_OK && c < 4 && want->count > cap
                  ? ACEH_TRUNCATED
                  : want->st;
        for (j = 0; j < want->count + 5; j++) {
            if (c < 4 && j < cap && j < want->count)
                ok &= out[j].off == want->names[j].off &&
                      out[j].len == want->names[j].len;
            else if (j >= cap || want->st == ACEH_OK)
                ok &= out[j].off == 7777 && out[j].len == 7777;
        }
        if (st != exp || count != want->count || off != want->off || !ok)
            ck_abort_msg("%s, len %zu: aceh_split (cap %zu%s) gave %s count "
                         "%zu off %zu names %s; want %s count %zu off %zu",
                         where, len, cap, c < 4 ? "" : ", no array",
                         aceh_status_str(st), count, off,
                         ok ? "right" : "WRONG", aceh_status_str(exp),
                         want->count, want->off);
    }
}

/* aceh_list_parse of the value as the second line, after "p, q": room
 * for every name, for all but one, for the first line's two only. The
 * names stored are the reference's whole names (on error, those before
 * the failing element), as many as fit, numbered from the first line's. */
static void check_list(const char *p, size_t len, const ref_result *want,
                       const char *where)
{
    static aceh_name names[MAXLEN / 2 + 8];
    const size_t all = want->count + 2;
    const size_t caps[3] = {all + 3, all - 1, 2};
    aceh_str lines[2] = {{"p, q", 4}, {NULL, 0}};
    aceh_list list;
    size_t c, j;

    lines[1].ptr = p;
    lines[1].len = len;
    for (c = 0; c < 3; c++) {
        const aceh_status st = aceh_list_parse(&list, lines, 2, names,
                                               caps[c]);
        const aceh_status exp = want->st == ACEH_OK && all > caps[c]
                                    ? ACEH_TRUNCATED
                                    : want->st;
        const size_t fit = all < caps[c] ? all : caps[c];
        int ok = list.stored == fit;

        for (j = 0; ok && j < fit && j < 2; j++) /* "p" at 0, "q" at 3 */
            ok = names[j].line == 0 && names[j].off == 3 * j &&
                 names[j].len == 1;
        for (j = 2; ok && j < fit; j++)
            ok = names[j].line == 1 && names[j].off == want->names[j - 2].off &&
                 names[j].len == want->names[j - 2].len;
        if (st != exp || list.count != all || !ok ||
            list.err_line != (want->st == ACEH_OK ? 0u : 1u) ||
            list.err_off != want->off)
            ck_abort_msg("%s, len %zu: aceh_list_parse (cap %zu) gave %s "
                         "count %zu stored %zu names %s line %zu off %zu; "
                         "want %s count %zu stored %zu off %zu",
                         where, len, caps[c], aceh_status_str(st), list.count,
                         list.stored, ok ? "right" : "WRONG", list.err_line,
                         list.err_off, aceh_status_str(exp), all, fit,
                         want->off);
    }
}

/* aceh_validate and the iterator agree with the reference, wherever the
 * input sits relative to a guard page. Plain comparisons: a passing Check
 * assertion costs a write to the runner, and there are ~10^6 here. */
static void check_at(const char *p, size_t len, const ref_result *want,
                     const char *where)
{
    size_t count = 99, off = 99, n = 0, ni = 0;
    aceh_status st = aceh_validate(p, len, &count, &off);
    aceh_iter it, iti;
    aceh_slice s;
    char text[4 * MAXLEN];
    int names_ok = 1;

    aceh_iter_init(&it, p, len);
    while (aceh_iter_next(&it, &s)) {
        names_ok &= n < want->count && s.off == want->names[n].off &&
                    s.len == want->names[n].len;
        n++;
    }
    /* The inline form, the whole value through it. */
    aceh_iter_init(&iti, p, len);
    while (aceh_iter_next_inline(&iti, &s)) {
        names_ok &= ni < want->count && s.off == want->names[ni].off &&
                    s.len == want->names[ni].len;
        ni++;
    }
    names_ok &= s.off == 0 && s.len == 0 && ni == n &&
                aceh_iter_status(&iti) == aceh_iter_status(&it) &&
                aceh_iter_error_offset(&iti) == aceh_iter_error_offset(&it);
    check_split(p, len, want, where);
    if (st != want->st || count != want->count || off != want->off ||
        aceh_iter_status(&it) != want->st || !names_ok ||
        aceh_iter_error_offset(&it) != want->off || n != want->count) {
        describe(text, sizeof text, (const unsigned char *)p, len);
        ck_abort_msg("%s, len %zu \"%s\": validate gave %s count %zu off "
                     "%zu, iterator %s count %zu off %zu; want %s count %zu "
                     "off %zu",
                     where, len, text, aceh_status_str(st), count, off,
                     aceh_status_str(aceh_iter_status(&it)), n,
                     aceh_iter_error_offset(&it), aceh_status_str(want->st),
                     want->count, want->off);
    }
}

static void check_value(const unsigned char *v, size_t len)
{
    static ref_result want;

    ref_validate_into(v, len, &want);
    if (len > MAXLEN)
        ck_abort_msg("test input of %zu bytes > MAXLEN", len);
    check_at(guard_tail(&guard, v, len), len, &want, "end at guard");
    check_at(guard_head(&guard, v, len), len, &want, "start at guard");
    /* The list takes its names from the walk check_at has just held to
     * both guards: one position is enough. */
    check_list(guard_tail(&guard, v, len), len, &want, "end at guard");
}

static void setup(void)
{
    ck_assert_int_eq(guard_open(&guard, MAXLEN), 0);
}

static void teardown(void)
{
    guard_close(&guard);
}

static void fill(unsigned char *b, size_t n, const char *unit)
{
    size_t i, u = strlen(unit);

    for (i = 0; i < n; i++)
        b[i] = (unsigned char)unit[i % u];
}

/* Lengths that put the end, or a boundary, on every side of 16, 32 and
 * 64: every length up to 200 covers them all several times. */
#define LENS 200

/* ---------------------------------------------------------------- tests */

/* The reference itself, on the examples of docs/SPEC.md: a wrong reference
 * would make every test below meaningless. */
START_TEST(reference_examples)
{
    static const struct {
        const char *v;
        aceh_status st;
        size_t count, off;
    } ex[] = {
        {"", ACEH_OK, 0, 0},          {",a", ACEH_OK, 1, 0},
        {"a,", ACEH_OK, 1, 0},        {"a,,b", ACEH_OK, 2, 0},
        {"a , , b", ACEH_OK, 2, 0},   {"  ", ACEH_OK, 0, 0},
        {"'x'", ACEH_OK, 1, 0},       {"no no", ACEH_E_MISSING_COMMA, 0, 3},
        {"bb-8, no no", ACEH_E_MISSING_COMMA, 1, 9},
        {"bb-8,,@#$", ACEH_E_NAME_BYTE, 1, 6},
        {"\"x\"", ACEH_E_NAME_BYTE, 0, 0},
        {"a\rb", ACEH_E_VALUE_BYTE, 0, 1},
        {"a,\x0b", ACEH_E_NAME_BYTE, 1, 2},
    };
    size_t i;

    for (i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        ref_result r = ref_validate((const unsigned char *)ex[i].v,
                                    strlen(ex[i].v));
        ck_assert_msg(r.st == ex[i].st && r.count == ex[i].count &&
                          r.off == ex[i].off,
                      "reference wrong on \"%s\"", ex[i].v);
    }
}
END_TEST

/* Every byte value at every position of a long name, so each lane of
 * every block width sees all 256 bytes (classification by lane). */
START_TEST(every_byte_every_lane)
{
    unsigned char v[80];
    size_t j;

    for (j = 0; j < sizeof v; j++) {
        fill(v, sizeof v, "aZ9!~-");
        v[j] = (unsigned char)_i;
        check_value(v, sizeof v);
        check_value(v, j + 1); /* the byte as the input's last */
    }
}
END_TEST

/* One name of every length after every amount of leading OWS/commas:
 * names starting, crossing and ending at every offset of every block. */
START_TEST(name_at_every_offset)
{
    unsigned char v[MAXLEN];
    size_t lead, nlen;
    static const char *const leads[] = {" ", ",", "\t", " ,\t,"};

    for (lead = 0; lead <= 70; lead++) {
        for (nlen = 1; nlen <= 70; nlen++) {
            fill(v, lead, leads[_i]);
            fill(v + lead, nlen, "Xy-1");
            check_value(v, lead + nlen);
            v[lead + nlen] = ' ';
            check_value(v, lead + nlen + 1);
            v[lead + nlen + 1] = ',';
            check_value(v, lead + nlen + 2);
        }
    }
}
END_TEST

/* A name, a run of OWS, then a second name without a comma: the run
 * starts and ends at every offset, including exactly at a chunk end (the
 * carried bits). */
START_TEST(missing_comma_everywhere)
{
    unsigned char v[MAXLEN];
    size_t a, gap;
    static const char *const gaps[] = {" ", "\t", " \t"};

    for (a = 1; a <= 70; a++) {
        for (gap = 1; gap <= 70; gap++) {
            fill(v, a, "n");
            fill(v + a, gap, gaps[_i]);
            fill(v + a + gap, 3, "m");
            check_value(v, a + gap + 3);
            check_value(v, a + gap); /* trailing OWS is fine */
            v[a + gap] = ',';        /* and so is a comma */
            check_value(v, a + gap + 3);
        }
    }
}
END_TEST

/* Invalid bytes at every position of valid lists of every length: the
 * first error and the count before it, also when the element holding the
 * error began in an earlier chunk. */
START_TEST(invalid_byte_everywhere)
{
    static const unsigned char bad[] = {0x00, '\r', '\n', '@', 0x7f,
                                        0x80, 0xff, '"',  0x0b, '/'};
    static const char *const lists[] = {"ab, cde,\tf ,gh", "x,", "name  ,",
                                        "a a", "longername"};
    unsigned char v[MAXLEN];
    size_t len, j, b;

    for (len = 1; len <= 140; len++) {
        for (j = 0; j < len; j++) {
            for (b = 0; b < sizeof bad; b++) {
                fill(v, len, lists[_i]);
                v[j] = bad[b];
                check_value(v, len);
            }
        }
    }
}
END_TEST

/* Long runs of one kind: commas, OWS, one name, "a,a,...", each of every
 * length, then with a name, an error or a missing comma at the end. */
START_TEST(long_runs)
{
    static const char *const units[] = {",", " ", "\t", " \t,", "a",
                                        "a,", "ab ,", "a, "};
    unsigned char v[MAXLEN];
    size_t len;

    for (len = 0; len <= LENS; len++) {
        fill(v, len, units[_i]);
        check_value(v, len);
        v[len] = 'z';
        check_value(v, len + 1);
        v[len] = '@';
        check_value(v, len + 1);
        v[len] = ' ';
        v[len + 1] = 'q';
        check_value(v, len + 2);
    }
}
END_TEST

/* 160 000 random lists over an alphabet rich in the bytes
 * that matter, with the reference as the judge. */
START_TEST(random_lists)
{
    static const char alpha[] = "aaaaZ9-'  \t,,,@\r\x7f";
    unsigned char v[MAXLEN];
    unsigned long seed = 12345u + (unsigned long)_i;
    int k;

    for (k = 0; k < 20000; k++) {
        size_t len, j;

        seed = seed * 6364136223846793005u + 1442695040888963407u;
        len = (size_t)(seed >> 33) % 300;
        for (j = 0; j < len; j++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            /* mostly valid: one byte in 40 from the whole alphabet */
            v[j] = (unsigned char)((seed >> 40) % 40 == 0
                                       ? alpha[(seed >> 20) % (sizeof alpha - 1)]
                                       : "ab, "[(seed >> 20) % 4]);
        }
        check_value(v, len);
    }
}
END_TEST

/* NULL pointer contract, and the optional out-parameters. */
START_TEST(null_and_optional_outputs)
{
    size_t count = 7, off = 7;

    ck_assert_int_eq(aceh_validate(NULL, 3, &count, &off), ACEH_E_NULL);
    ck_assert_uint_eq(count, 0);
    ck_assert_uint_eq(off, 0);
    ck_assert_int_eq(aceh_validate(NULL, 0, &count, &off), ACEH_OK);
    ck_assert_int_eq(aceh_validate("a b", 3, NULL, NULL),
                     ACEH_E_MISSING_COMMA);
}
END_TEST

/* Each path this build and CPU run, chosen with aceh_simd_select (a
 * forced or scalar build has one); the suite runs once per path. */
int main(void)
{
    static const char *const paths[] = {"scalar", "sse2", "ssse3", "neon",
                                        "avx2", "avx512bw", "avx512vbmi2"};
    size_t i;
    int failed = 0, run = 0, npaths = 0;

    for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        Suite *s;
        TCase *tc;
        SRunner *sr;

        if (!aceh_simd_select(paths[i]))
            continue;
        if (strcmp(aceh_simd_path(), paths[i]) != 0) {
            printf("simd: selected %s, running %s\n", paths[i],
                   aceh_simd_path());
            return 1;
        }
        npaths++;
        printf("simd: path %s\n", paths[i]);
        s = suite_create("simd");
        tc = tcase_create("fast-path");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_set_timeout(tc, 300);
        tcase_add_test(tc, reference_examples);
        tcase_add_loop_test(tc, every_byte_every_lane, 0, 256);
        tcase_add_loop_test(tc, name_at_every_offset, 0, 4);
        tcase_add_loop_test(tc, missing_comma_everywhere, 0, 3);
        tcase_add_loop_test(tc, invalid_byte_everywhere, 0, 5);
        tcase_add_loop_test(tc, long_runs, 0, 8);
        tcase_add_loop_test(tc, random_lists, 0, 8);
        tcase_add_test(tc, null_and_optional_outputs);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed += srunner_ntests_failed(sr);
        run += srunner_ntests_run(sr);
        srunner_free(sr);
    }
    /* The best path again: what a program that never selects gets. */
    if (!aceh_simd_select(NULL) || aceh_simd_select("no-such-path")) {
        printf("simd: aceh_simd_select(NULL) failed or took a bad name\n");
        return 1;
    }
    printf("simd: %d passed, %d failed, %d paths (best: %s)\n", run - failed,
           failed, npaths, aceh_simd_path());
    return failed == 0 && npaths > 0 ? 0 : 1;
}
