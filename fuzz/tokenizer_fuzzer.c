/* SPDX-License-Identifier: MIT */
/* Tokenizer harness: the input is one ACEH field-line value. Every result
 * of aceh_iter_next / aceh_validate is checked against the grammar
 * (RFC 9110 #field-name, recipient form), byte by byte:
 *  - slices lie inside the input, in order, do not overlap, are non-empty,
 *    are made only of tchar and are whole tokens (no tchar touches them);
 *  - between two slices there is exactly one comma plus OWS/commas, and
 *    before the first, after the last, only OWS and commas (on success);
 *  - on error the offset is inside the input, every byte before it is
 *    tchar, OWS or ',', and the byte there is invalid in that position for
 *    the reported reason;
 *  - the iterator stays finished, and aceh_validate agrees with it. */
#include <stdint.h>
#include <stdlib.h>

#include "aceh.h"
#include "input.h"
#include "ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

FUZZ_COVERAGE_OFF

static int is_sep(unsigned char c)
{
    return ref_is_ows(c) || c == ',';
}

/* Bytes [from, to) hold only OWS and commas, and at least `commas`
 * commas. */
static void check_gap(const unsigned char *p, size_t from, size_t to,
                      size_t commas)
{
    size_t i, seen = 0;

    for (i = from; i < to; i++) {
        FUZZ_CHECK(is_sep(p[i]));
        seen += p[i] == ',';
    }
    FUZZ_CHECK(seen >= commas);
}

/* aceh_iter_next_inline, mixed with aceh_iter_next in a pattern the input
 * chooses, yields what aceh_iter_next alone does, step by step, and ends
 * the same way. */
static void check_inline(const char *p, size_t size)
{
    const unsigned char *u = (const unsigned char *)p;
    aceh_iter a, b;
    aceh_slice x, y;
    size_t k;
    int ra, rb;

    aceh_iter_init(&a, p, size);
    aceh_iter_init(&b, p, size);
    for (k = 0;; k++) {
        const int out_of_line = size > 0 && (u[k % size] & 4) != 0;

        ra = aceh_iter_next(&a, &x);
        rb = out_of_line ? aceh_iter_next(&b, &y)
                         : aceh_iter_next_inline(&b, &y);
        FUZZ_CHECK(ra == rb && x.off == y.off && x.len == y.len);
        if (!ra)
            break;
    }
    FUZZ_CHECK(!aceh_iter_next_inline(&b, &y) && y.off == 0 && y.len == 0);
    FUZZ_CHECK(aceh_iter_status(&a) == aceh_iter_status(&b));
    FUZZ_CHECK(aceh_iter_error_offset(&a) == aceh_iter_error_offset(&b));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    const unsigned char *u = data;
    aceh_iter it;
    aceh_slice s;
    aceh_status st, vst;
    size_t n = 0, prev_end = 0, i, vcount = 99, verr = 99, e;

    /* (NULL, 0) is the empty string. */
    if (size == 0)
        p = NULL;
    aceh_iter_init(&it, p, size);
    FUZZ_CHECK(aceh_iter_status(&it) == ACEH_OK);
    while (aceh_iter_next(&it, &s)) {
        FUZZ_CHECK(s.len > 0);
        FUZZ_CHECK(s.off <= size && s.len <= size - s.off);
        FUZZ_CHECK(s.off >= prev_end);
        for (i = s.off; i < s.off + s.len; i++)
            FUZZ_CHECK(ref_is_tchar(u[i]));
        /* A whole token: the bytes around it are not tchar. */
        FUZZ_CHECK(s.off == 0 || !ref_is_tchar(u[s.off - 1]));
        FUZZ_CHECK(s.off + s.len == size || !ref_is_tchar(u[s.off + s.len]));
        check_gap(u, prev_end, s.off, n > 0 ? 1 : 0);
        FUZZ_CHECK(aceh_iter_status(&it) == ACEH_OK);
        prev_end = s.off + s.len;
        n++;
    }
    st = aceh_iter_status(&it);
    e = aceh_iter_error_offset(&it);
    /* Finished means finished. */
    FUZZ_CHECK(!aceh_iter_next(&it, &s));
    FUZZ_CHECK(s.off == 0 && s.len == 0);
    FUZZ_CHECK(aceh_iter_status(&it) == st);
    FUZZ_CHECK(aceh_iter_error_offset(&it) == e);
    check_inline(p, size);

    if (st == ACEH_OK) {
        FUZZ_CHECK(e == 0);
        check_gap(u, prev_end, size, 0);
    } else {
        unsigned char c;
        size_t j = e, ows, tok;

        FUZZ_CHECK(st == ACEH_E_VALUE_BYTE || st == ACEH_E_NAME_BYTE ||
                   st == ACEH_E_MISSING_COMMA);
        FUZZ_CHECK(e < size && e >= prev_end);
        /* What lies between the last name and the error can only be the
         * start of the failing element: separators (with the comma that
         * ended the last name), then at most one token and OWS. */
        while (j > prev_end && ref_is_ows(u[j - 1]))
            j--;
        ows = e - j;
        tok = j;
        while (j > prev_end && ref_is_tchar(u[j - 1]))
            j--;
        tok -= j;
        check_gap(u, prev_end, j, n > 0 ? 1 : 0);
        c = u[e];
        if (st == ACEH_E_VALUE_BYTE) {
            FUZZ_CHECK(ref_is_value_forbidden(c));
        } else if (st == ACEH_E_NAME_BYTE) {
            FUZZ_CHECK(!ref_is_tchar(c) && !is_sep(c) &&
                       !ref_is_value_forbidden(c));
        } else {
            /* "no no": a token, OWS, then this second token's first byte. */
            FUZZ_CHECK(ref_is_tchar(c) && ows > 0 && tok > 0);
        }
    }
    vst = aceh_validate(p, size, &vcount, &verr);
    FUZZ_CHECK(vst == st);
    FUZZ_CHECK(vcount == n);
    FUZZ_CHECK(verr == e);
    /* NULL out-parameters are allowed. */
    FUZZ_CHECK(aceh_validate(p, size, NULL, NULL) == st);
    return 0;
}

FUZZ_COVERAGE_ON
