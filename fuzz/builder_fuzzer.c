/* SPDX-License-Identifier: MIT */
/* Builder round-trip harness. The input (layout in input.h; the pieces
 * after the control and separator bytes are all names, the first one
 * included) gives names to format:
 *  - if any name is not a token, aceh_format refuses with ACEH_E_BAD_NAME
 *    (or ACEH_E_NULL) and the index of the first bad one, and writes only
 *    an empty string;
 *  - otherwise formatting then parsing gives back the same names, byte
 *    for byte and in order, as one valid field line;
 *  - a small buffer (size from the control byte) gets the snprintf-style
 *    prefix of the full output, ACEH_TRUNCATED and the full length. */
/* The public functions this harness compares with a reference, one
 * "compares" line each; `make api-check` reads these lines and fails
 * when a public function has none, or when the code below does not
 * call the function or use the reference.
 * compares aceh_format with ref_is_name */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aceh.h"
#include "input.h"
#include "ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

FUZZ_COVERAGE_OFF

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_case fc;
    aceh_str *names;
    size_t n, i, needed = 7, bad = 7, first_bad, full_len = 0, cap;
    aceh_status st;
    char *buf, *small;

    if (!fuzz_case_load(&fc, data, size)) {
        /* No names at all: "" and OK. */
        char one[1] = {'x'};
        FUZZ_CHECK(aceh_format(NULL, 0, one, 1, &needed, &bad) == ACEH_OK);
        FUZZ_CHECK(needed == 0 && one[0] == '\0');
        return 0;
    }
    names = fc.pieces;
    /* Bit 3 drops the first piece, so the list may also be empty. */
    n = fc.npieces;
    if ((fc.ctl & FUZZ_CTL_NULL_EMPTY) && n == 1 && fc.pieces[0].len == 0)
        n = 0;

    first_bad = n;
    for (i = 0; i < n && first_bad == n; i++) {
        FUZZ_CHECK(aceh_is_name(names[i].ptr, names[i].len) ==
                   ref_is_name(names[i].ptr, names[i].len));
        if (!ref_is_name(names[i].ptr, names[i].len))
            first_bad = i;
        else
            full_len += names[i].len + (i ? 2 : 0);
    }

    /* Size query. */
    st = aceh_format(names, n, NULL, 0, &needed, &bad);
    if (first_bad < n) {
        /* aceh.h: (NULL, n > 0) is refused with ACEH_E_NULL. */
        FUZZ_CHECK(st == (names[first_bad].ptr == NULL &&
                                  names[first_bad].len != 0
                              ? ACEH_E_NULL
                              : ACEH_E_BAD_NAME));
        FUZZ_CHECK(bad == first_bad);
        /* A refused list writes nothing but the terminating NUL. */
        buf = fuzz_xmalloc(size + 8);
        memset(buf, 'Z', size + 8);
        st = aceh_format(names, n, buf, size + 8, &needed, &bad);
        FUZZ_CHECK(st == ACEH_E_BAD_NAME || st == ACEH_E_NULL);
        FUZZ_CHECK(bad == first_bad && buf[0] == '\0');
        for (i = 1; i < size + 8; i++)
            FUZZ_CHECK(buf[i] == 'Z');
        fuzz_case_free(&fc);
        return 0;
    }
    FUZZ_CHECK(st == ACEH_TRUNCATED); /* cap 0: not even the NUL fits */
    FUZZ_CHECK(needed == full_len);

    /* Full format, then parse it back. */
    buf = fuzz_xmalloc(needed + 1);
    st = aceh_format(names, n, buf, needed + 1, &needed, &bad);
    FUZZ_CHECK(st == ACEH_OK && needed == full_len);
    FUZZ_CHECK(buf[needed] == '\0' && strlen(buf) == needed);
    {
        aceh_iter it;
        aceh_slice s;
        size_t k = 0, cnt = 99, eo = 99;
        aceh_iter_init(&it, buf, needed);
        while (aceh_iter_next(&it, &s)) {
            FUZZ_CHECK(k < n);
            FUZZ_CHECK(s.len == names[k].len &&
                       memcmp(buf + s.off, names[k].ptr, s.len) == 0);
            k++;
        }
        FUZZ_CHECK(aceh_iter_status(&it) == ACEH_OK && k == n);
        FUZZ_CHECK(aceh_validate(buf, needed, &cnt, &eo) == ACEH_OK);
        FUZZ_CHECK(cnt == n && eo == 0);
    }

    /* A buffer of some other size: the snprintf-style prefix. */
    cap = fc.cap_sel * 3u + (size_t)fc.sep % 7u;
    small = fuzz_xmalloc(cap);
    st = aceh_format(names, n, cap ? small : NULL, cap, &needed, NULL);
    FUZZ_CHECK(needed == full_len);
    FUZZ_CHECK(st == (cap > full_len ? ACEH_OK : ACEH_TRUNCATED));
    if (cap > 0) {
        size_t kept = full_len < cap - 1 ? full_len : cap - 1;
        FUZZ_CHECK(memcmp(small, buf, kept) == 0 && small[kept] == '\0');
    }
    fuzz_case_free(&fc);
    return 0;
}

FUZZ_COVERAGE_ON
