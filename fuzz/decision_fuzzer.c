/* SPDX-License-Identifier: MIT */
/* Header-decision harness. The input (layout in input.h) gives several ACEH
 * field lines, a credentials mode, flags and a queried name. Checks the
 * decision's invariants, not its exact answer (the differential harness
 * does that):
 *  - a safelisted name is always exposed, a forbidden one never, a name
 *    that is not a token never;
 *  - an absent or invalid header exposes nothing beyond the safelist, and
 *    says so (absent / invalid verdicts);
 *  - include (and any mode value outside the enum) never uses the
 *    wildcard; same-origin behaves as omit;
 *  - the flag only ever matters for Authorization under the wildcard;
 *  - letter case of the name and of the lines does not change the answer;
 *  - a listed name is exposed, an exposed non-safelisted name is listed
 *    or covered by "*";
 *  - aceh_exposed, aceh_list_decide (names stored or not) and aceh_filter
 *    give the same answer as aceh_decide;
 *  - a line (NULL, n > 0) (input.h, bit 3) is refused with ACEH_E_NULL,
 *    and the first failing line is the error aceh_list_parse and
 *    aceh_filter report (status, line or header index, offset).
 * Every input gets the first decision and its invariants. The further
 * checks (modes, flag, letter case, parse-once, filter) each cost a pass
 * or more over the input: inputs up to DECISION_LONG_INPUT bytes run them
 * all, longer ones only the one that size % 5 picks, so that a campaign
 * does not spend its time re-reading a few long inputs. */
/* The public functions this harness compares with a reference, one
 * "compares" line each; `make api-check` reads these lines and fails
 * when a public function has none, or when the code below does not
 * call the function or use the reference.
 * compares aceh_decide with ref_name_eq */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aceh.h"
#include "input.h"
#include "ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

FUZZ_COVERAGE_OFF

#ifndef DECISION_LONG_INPUT
#define DECISION_LONG_INPUT 512
#endif

static const char *const safelisted[] = {
    "cache-control", "content-language", "content-length", "content-type",
    "expires",       "last-modified",    "pragma",
};

static int is_exposed(aceh_verdict v)
{
    return v > 0;
}

/* Flip the case of letters selected by bits of `seed` (cycled). */
static char *flip_case(const char *p, size_t len, unsigned seed)
{
    char *q;
    size_t i;

    if (p == NULL) /* (NULL, n) stays NULL: the refusal is checked too */
        return NULL;
    q = fuzz_xmalloc(len);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        int bit = (int)((seed >> (i % 8)) & 1u);
        if (bit && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            c = (unsigned char)(c ^ 0x20);
        q[i] = (char)c;
    }
    return q;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_case fc;
    aceh_verdict v, w;
    aceh_list list;
    aceh_name *names;
    aceh_str *flipped = NULL;
    aceh_header *hdrs;
    unsigned char *readable;
    const char *name;
    size_t nlen, l, k, cap, count = 0, bad_line = 0, bad_off = 0;
    aceh_status bad_st = ACEH_OK;
    int valid = 1, listed = 0, wildcard = 0, auth;
    unsigned m;
    size_t pick;
    static const uint8_t zeros[2];

    /* Shorter than the layout: the all-zero input (empty name, no header),
     * so that a run from an empty corpus reaches the library at once. */
    if (size < sizeof zeros) {
        data = zeros;
        size = sizeof zeros;
    }
    if (!fuzz_case_load(&fc, data, size))
        return 0;
    /* 5: every further check; else only that one (see above). */
    pick = size <= DECISION_LONG_INPUT ? 5 : size % 5;
    name = fc.name.ptr;
    nlen = fc.name.len;

    /* Validity, names and "*" through the tokenizer, which the tokenizer
     * harness checks on its own. */
    for (l = 0; l < fc.nlines; l++) {
        aceh_iter it;
        aceh_slice s;
        aceh_iter_init(&it, fc.lines[l].ptr, fc.lines[l].len);
        while (aceh_iter_next(&it, &s)) {
            const char *t = fc.lines[l].ptr + s.off;
            count++;
            listed |= ref_name_eq(t, s.len, name, nlen);
            wildcard |= s.len == 1 && t[0] == '*';
        }
        /* aceh.h: a line (NULL, n > 0) is refused with ACEH_E_NULL. */
        FUZZ_CHECK((aceh_iter_status(&it) == ACEH_E_NULL) ==
                   (fc.lines[l].ptr == NULL && fc.lines[l].len != 0));
        if (aceh_iter_status(&it) != ACEH_OK && valid) {
            valid = 0;
            bad_line = l;
            bad_st = aceh_iter_status(&it);
            bad_off = aceh_iter_error_offset(&it);
        }
    }

    v = aceh_decide(fc.lines, fc.nlines, name, nlen, fc.mode, fc.flags);
    FUZZ_CHECK(aceh_exposed(fc.lines, fc.nlines, name, nlen, fc.mode,
                            fc.flags) == is_exposed(v));
    FUZZ_CHECK(strcmp(aceh_verdict_str(v), "unknown") != 0);

    if (!ref_is_name(name, nlen)) {
        FUZZ_CHECK(v == ACEH_HIDDEN_BAD_NAME);
    } else {
        FUZZ_CHECK(v != ACEH_HIDDEN_BAD_NAME);
    }
    for (k = 0; k < sizeof safelisted / sizeof safelisted[0]; k++)
        if (ref_name_eq(name, nlen, safelisted[k], strlen(safelisted[k])))
            FUZZ_CHECK(v == ACEH_EXPOSED_SAFELISTED);
    if (v == ACEH_EXPOSED_SAFELISTED)
        FUZZ_CHECK(ref_is_safelisted(name, nlen));
    if (ref_name_eq(name, nlen, "set-cookie", 10) ||
        ref_name_eq(name, nlen, "SET-COOKIE2", 11))
        FUZZ_CHECK(v == ACEH_HIDDEN_FORBIDDEN);
    if (v == ACEH_HIDDEN_FORBIDDEN)
        FUZZ_CHECK(ref_is_forbidden(name, nlen));
    if (fc.nlines == 0 || !valid)
        FUZZ_CHECK(!is_exposed(v) || v == ACEH_EXPOSED_SAFELISTED);
    if (ref_is_name(name, nlen) && !ref_is_safelisted(name, nlen) &&
        !ref_is_forbidden(name, nlen)) {
        if (fc.nlines == 0)
            FUZZ_CHECK(v == ACEH_HIDDEN_ABSENT);
        else if (!valid)
            FUZZ_CHECK(v == ACEH_HIDDEN_INVALID);
        else if (listed)
            FUZZ_CHECK(v == ACEH_EXPOSED_LISTED);
        else if (!wildcard)
            FUZZ_CHECK(v == ACEH_HIDDEN_NOT_LISTED);
    }
    if (v == ACEH_EXPOSED_LISTED)
        FUZZ_CHECK(listed && valid);
    if (v == ACEH_EXPOSED_WILDCARD || v == ACEH_HIDDEN_AUTHORIZATION)
        FUZZ_CHECK(wildcard && valid && !listed &&
                   (fc.mode == ACEH_OMIT || fc.mode == ACEH_SAME_ORIGIN));
    auth = ref_name_eq(name, nlen, "authorization", 13);
    if (v == ACEH_HIDDEN_AUTHORIZATION)
        FUZZ_CHECK(auth && (fc.flags & ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION));

    /* Modes: include never uses "*", same-origin is omit, and a mode value
     * outside the enum is include. */
    if (pick == 5 || pick == 0) {
        aceh_verdict vo = aceh_decide(fc.lines, fc.nlines, name, nlen,
                                      ACEH_OMIT, fc.flags);
        aceh_verdict vs = aceh_decide(fc.lines, fc.nlines, name, nlen,
                                      ACEH_SAME_ORIGIN, fc.flags);
        aceh_verdict vi = aceh_decide(fc.lines, fc.nlines, name, nlen,
                                      ACEH_INCLUDE, fc.flags);
        aceh_verdict vx = aceh_decide(fc.lines, fc.nlines, name, nlen,
                                      (aceh_mode)(3 + fc.ctl), fc.flags);
        FUZZ_CHECK(vo == vs);
        FUZZ_CHECK(vi == vx);
        FUZZ_CHECK(vi != ACEH_EXPOSED_WILDCARD &&
                   vi != ACEH_HIDDEN_AUTHORIZATION);
        /* Without "*" the mode cannot matter. */
        if (!wildcard)
            FUZZ_CHECK(vo == vi);
        /* The wildcard only adds: include exposes a subset of omit. */
        if (is_exposed(vi))
            FUZZ_CHECK(is_exposed(vo));
    }
    /* The flag only ever hides Authorization. */
    if (pick == 5 || pick == 1) {
        w = aceh_decide(fc.lines, fc.nlines, name, nlen, fc.mode,
                        fc.flags ^ ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION);
        if (!auth)
            FUZZ_CHECK(w == v);
    }

    /* Letter case: flip some letters of the name and of every line. */
    if ((pick == 5 || pick == 2) && fc.nlines > 0)
        flipped = fuzz_xmalloc(fc.nlines * sizeof *flipped);
    for (l = 0; flipped != NULL && l < fc.nlines; l++) {
        flipped[l].ptr = flip_case(fc.lines[l].ptr, fc.lines[l].len,
                                   (unsigned)(data[1] + l));
        flipped[l].len = fc.lines[l].len;
    }
    for (m = 0; (pick == 5 || pick == 2) && m < 2; m++) {
        char *fname = flip_case(name, nlen, m ? 0xFFu : (unsigned)data[1]);
        if (flipped != NULL || fc.nlines == 0)
            FUZZ_CHECK(aceh_decide(flipped, fc.nlines, fname, nlen, fc.mode,
                                   fc.flags) == v);
        FUZZ_CHECK(aceh_decide(fc.lines, fc.nlines, fname, nlen, fc.mode,
                               fc.flags) == v);
    }

    /* Parse once, query many: same verdict whether or not all names fit. */
    names = fuzz_xmalloc((count + 1) * sizeof *names);
    for (k = 0; k < 3; k++) {
        /* Long inputs: only the parse the capacity selector picks. */
        if (pick != 5 && pick != 3 && k != fc.cap_sel % 3)
            continue;
        cap = k == 0 ? count + 1 : (k == 1 ? fc.cap_sel : 0);
        aceh_list_parse(&list, fc.lines, fc.nlines, k == 2 ? NULL : names,
                        cap < count + 1 ? cap : count + 1);
        FUZZ_CHECK(aceh_list_decide(&list, name, nlen, fc.mode, fc.flags) ==
                   v);
        FUZZ_CHECK((list.status < 0) == !valid);
        /* The first failing line, NULL entries included, is the error. */
        if (!valid)
            FUZZ_CHECK(list.status == bad_st && list.err_line == bad_line &&
                       list.err_off == bad_off);
        if (valid)
            FUZZ_CHECK(list.wildcard == wildcard && list.count == count);
    }

    /* The response filter: ACEH lines as headers (their own name in mixed
     * case), plus the queried name and a few fixed ones. It costs headers x
     * names: skipped where that explodes (many tiny lines). */
    if ((pick == 5 || pick == 4) && (fc.nlines + 6) * (count + 1) <= 4096) {
        static const char *const extra[] = {"Set-Cookie", "Content-Type",
                                            "Authorization", "*", "X-A"};
        size_t nx = sizeof extra / sizeof extra[0];
        size_t n = fc.nlines + 1 + nx, i = 0, ei = 99, eo = 99;
        aceh_status fs;
        hdrs = fuzz_xmalloc(n * sizeof *hdrs);
        readable = fuzz_xmalloc(n);
        hdrs[i].name = name;
        hdrs[i].name_len = nlen;
        /* Empty, so that a query for the ACEH name itself only adds an
         * empty line, which changes no answer. */
        hdrs[i].value = "";
        hdrs[i].value_len = 0;
        i++;
        for (l = 0; l < fc.nlines; l++, i++) {
            hdrs[i].name = (l & 1) ? "access-control-expose-headers"
                                   : "Access-Control-Expose-Headers";
            hdrs[i].name_len = 29;
            hdrs[i].value = fc.lines[l].ptr;
            hdrs[i].value_len = fc.lines[l].len;
        }
        for (k = 0; k < nx; k++, i++) {
            hdrs[i].name = extra[k];
            hdrs[i].name_len = strlen(extra[k]);
            hdrs[i].value = "";
            hdrs[i].value_len = 0;
        }
        fs = aceh_filter(hdrs, n, fc.mode, fc.flags, readable, &ei, &eo);
        FUZZ_CHECK((fs < 0) == !valid);
        if (!valid)
            FUZZ_CHECK(fs == bad_st && ei == 1 + bad_line && eo == bad_off);
        FUZZ_CHECK(readable[0] == is_exposed(v));
        for (k = 0; k < nx; k++)
            FUZZ_CHECK(readable[1 + fc.nlines + k] ==
                       is_exposed(aceh_decide(fc.lines, fc.nlines, extra[k],
                                              strlen(extra[k]), fc.mode,
                                              fc.flags)));
    }
    fuzz_case_free(&fc);
    return 0;
}

FUZZ_COVERAGE_ON
