/* SPDX-License-Identifier: MIT */
/* Preflight harness: the library's CORS check, preflight decision,
 * Access-Control-Max-Age, request side (safelisted request-headers and the
 * Access-Control-Request-Headers value), echo and Vary helpers against a
 * plain reference written here from Fetch's text: byte by byte, lists
 * split at commas, sorting by qsort, nothing shared with parser/ but the
 * tchar test of ref.c.
 *
 * Input: the layout of input.h. Byte 0 bits 0-1 the credentials mode,
 * bit 2 the use-CORS-preflight flag, bits 4-7 the status selector. Each
 * piece after the first (the method) starts with a tag byte saying what
 * the rest is: 'O' the origin, 'o' an Access-Control-Allow-Origin line,
 * 'c' -Allow-Credentials, 'm' -Allow-Methods, 'h' -Allow-Headers, 'a'
 * -Max-Age, 'r' a request header "name:value"; other tags are ignored. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aceh.h"
#include "input.h"
#include "ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

FUZZ_COVERAGE_OFF

enum { L_AO, L_AC, L_AM, L_AH, L_MA, L_N };

static int lc(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static aceh_str trim(aceh_str v)
{
    while (v.len && (v.ptr[0] == ' ' || v.ptr[0] == '\t')) {
        v.ptr++;
        v.len--;
    }
    while (v.len && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\t'))
        v.len--;
    return v;
}

/* Fetch "get": the trimmed lines joined by ", " equal s. */
static int get_is(const aceh_str *l, size_t n, const char *s, size_t slen)
{
    size_t i, at = 0;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        aceh_str v = trim(l[i]);
        size_t k;

        if (i) {
            if (at + 2 > slen || s[at] != ',' || s[at + 1] != ' ')
                return 0;
            at += 2;
        }
        for (k = 0; k < v.len; k++, at++)
            if (at >= slen || s[at] != v.ptr[k])
                return 0;
    }
    return at == slen;
}

static aceh_cors ref_cors(const aceh_str *ao, size_t nao, const aceh_str *ac,
                          size_t nac, aceh_str origin, int incl)
{
    if (nao == 0)
        return ACEH_CORS_NO_ALLOW_ORIGIN;
    if (!incl && get_is(ao, nao, "*", 1))
        return ACEH_CORS_PASS_WILDCARD;
    if (!get_is(ao, nao, origin.ptr, origin.len))
        return get_is(ao, nao, "*", 1) ? ACEH_CORS_WILDCARD_CREDENTIALS
                                       : ACEH_CORS_ORIGIN_MISMATCH;
    if (!incl)
        return ACEH_CORS_PASS;
    return get_is(ac, nac, "true", 4) ? ACEH_CORS_PASS
                                      : ACEH_CORS_NO_CREDENTIALS;
}

/* Each element of each line, trimmed: -1 if one is neither empty nor a
 * token; else the number of elements equal to q (exact or folded). */
static long list_find(const aceh_str *l, size_t n, const char *q, size_t qlen,
                      int fold, int *star)
{
    size_t i, a, b;
    long hits = 0;

    *star = 0;
    for (i = 0; i < n; i++) {
        for (a = 0; a <= l[i].len; a = b + 1) {
            aceh_str e;
            size_t k;

            for (b = a; b < l[i].len && l[i].ptr[b] != ','; b++)
                ;
            e.ptr = l[i].ptr + a;
            e.len = b - a;
            e = trim(e);
            for (k = 0; k < e.len; k++)
                if (!ref_is_tchar((unsigned char)e.ptr[k]))
                    return -1;
            *star |= e.len == 1 && e.ptr[0] == '*';
            if (e.len == qlen && e.len != 0) {
                for (k = 0; k < qlen; k++)
                    if (fold ? lc((unsigned char)e.ptr[k]) !=
                                   lc((unsigned char)q[k])
                             : e.ptr[k] != q[k])
                        break;
                hits += k == qlen;
            }
        }
    }
    return hits;
}

static unsigned long ref_max_age(const aceh_str *l, size_t n)
{
    aceh_str v;
    unsigned long long x = 0;
    size_t k;

    if (n != 1)
        return 5;
    v = trim(l[0]);
    if (v.len == 0)
        return 5;
    for (k = 0; k < v.len; k++) {
        if (v.ptr[k] < '0' || v.ptr[k] > '9')
            return 5;
        x = x * 10 + (unsigned)(v.ptr[k] - '0');
        if (x > 2147483648ull)
            x = 2147483648ull;
    }
    return (unsigned long)x;
}

static int has(const char *set, int c)
{
    return c != 0 && strchr(set, c) != NULL;
}

static int lit_eq(aceh_str s, const char *lit)
{
    return ref_name_eq(s.ptr, s.len, lit, strlen(lit));
}

/* Fetch "CORS-safelisted request-header", spelled out again. */
static int ref_safelisted(aceh_str n, aceh_str v)
{
    size_t k;

    if (v.len > 128)
        return 0;
    if (lit_eq(n, "accept") || lit_eq(n, "content-type")) {
        for (k = 0; k < v.len; k++) {
            const unsigned char c = (unsigned char)v.ptr[k];
            if ((c < 0x20 && c != 9) || c == 0x7f || has("\"():<>?@[\\]{}", c))
                return 0;
        }
        if (lit_eq(n, "accept"))
            return 1;
        {
            /* MIME type: trim HTTP whitespace, type "/" subtype [";" ...] */
            size_t a = 0, e = v.len, sl, se;
            aceh_str t, st;

            while (a < e && has(" \t\r\n", (unsigned char)v.ptr[a]))
                a++;
            while (e > a && has(" \t\r\n", (unsigned char)v.ptr[e - 1]))
                e--;
            for (sl = a; sl < e && v.ptr[sl] != '/'; sl++)
                ;
            if (sl == e)
                return 0;
            for (se = sl + 1; se < e && v.ptr[se] != ';'; se++)
                ;
            t.ptr = v.ptr + a;
            t.len = sl - a;
            st.ptr = v.ptr + sl + 1;
            st.len = se - sl - 1;
            while (st.len && has(" \t\r\n", (unsigned char)st.ptr[st.len - 1]))
                st.len--;
            if (!ref_is_name(t.ptr, t.len) || !ref_is_name(st.ptr, st.len))
                return 0;
            return (lit_eq(t, "application") &&
                    lit_eq(st, "x-www-form-urlencoded")) ||
                   (lit_eq(t, "multipart") && lit_eq(st, "form-data")) ||
                   (lit_eq(t, "text") && lit_eq(st, "plain"));
        }
    }
    if (lit_eq(n, "accept-language") || lit_eq(n, "content-language")) {
        for (k = 0; k < v.len; k++) {
            const unsigned char c = (unsigned char)v.ptr[k];
            if (!((c >= '0' && c <= '9') || (lc(c) >= 'a' && lc(c) <= 'z') ||
                  has(" *,-.;=", c)))
                return 0;
        }
        return 1;
    }
    if (lit_eq(n, "range")) {
        size_t i = 6, s0, e0;
        unsigned long long x = 0, y = 0;
        int big = 0;

        if (v.len < 6 || memcmp(v.ptr, "bytes=", 6) != 0)
            return 0;
        for (s0 = i; i < v.len && v.ptr[i] >= '0' && v.ptr[i] <= '9'; i++) {
            big |= x > 100000000000000000ull;
            x = x * 10 + (unsigned)(v.ptr[i] - '0');
        }
        if (i == s0 || i == v.len || v.ptr[i] != '-')
            return 0;
        for (e0 = ++i; i < v.len && v.ptr[i] >= '0' && v.ptr[i] <= '9'; i++) {
            big |= y > 100000000000000000ull;
            y = y * 10 + (unsigned)(v.ptr[i] - '0');
        }
        if (i != v.len)
            return 0;
        /* Numbers too long for a 64-bit compare are left unchecked. */
        return e0 == i || big || x <= y;
    }
    return 0;
}

static int cmp_lc(const void *a, const void *b)
{
    const aceh_str *x = a, *y = b;
    size_t k, n = x->len < y->len ? x->len : y->len;

    for (k = 0; k < n; k++)
        if (lc((unsigned char)x->ptr[k]) != lc((unsigned char)y->ptr[k]))
            return lc((unsigned char)x->ptr[k]) - lc((unsigned char)y->ptr[k]);
    return (x->len > y->len) - (x->len < y->len);
}

/* Whether the checks below may use a 64-bit range compare: only when no
 * range number is that long. */
static int range_is_big(aceh_str n, aceh_str v)
{
    return lit_eq(n, "range") && v.len > 24;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int statuses[16] = {200, 204, 299, 300, 199, 404, 500, 0,
                                     -1, 201, 250, 100, 301, 999, 298, 200};
    fuzz_case fc;
    aceh_str lines[L_N][64], origin = {"https://o.example", 17}, method;
    aceh_header req[64];
    aceh_str unsafe[64], uref[64];
    size_t nl[L_N] = {0}, nreq = 0, nu = 0, nref = 0, i, k, need = 0;
    char *acrh, out[8192];
    aceh_preflight pf;
    aceh_pf_result r;
    aceh_status st;
    int incl, star_m, star_h, big = 0;
    aceh_pf_verdict want;

    if (!fuzz_case_load(&fc, data, size))
        return 0;
    method = fc.name;
    for (i = 1; i < fc.npieces; i++) {
        aceh_str p = fc.pieces[i], v;
        int tag;

        if (p.len == 0)
            continue;
        tag = p.ptr[0];
        v.ptr = p.ptr + 1;
        v.len = p.len - 1;
        if (tag == 'O') {
            origin = v;
        } else if (tag == 'r' && nreq < 64) {
            const char *c = memchr(v.ptr, ':', v.len);
            aceh_str n, val;

            n.ptr = v.ptr;
            n.len = c ? (size_t)(c - v.ptr) : v.len;
            val.ptr = c ? c + 1 : "";
            val.len = c ? v.len - n.len - 1 : 0;
            if (!ref_is_name(n.ptr, n.len))
                continue; /* the request side's error paths: unit tests */
            req[nreq].name = n.ptr;
            req[nreq].name_len = n.len;
            req[nreq].value = val.ptr;
            req[nreq].value_len = val.len;
            big |= range_is_big(n, val);
            FUZZ_CHECK(aceh_is_safelisted_request_header(n.ptr, n.len, val.ptr,
                                                         val.len) ==
                           ref_safelisted(n, val) ||
                       range_is_big(n, val));
            nreq++;
        } else {
            const int l = tag == 'o' ? L_AO : tag == 'c' ? L_AC
                        : tag == 'm' ? L_AM : tag == 'h' ? L_AH
                        : tag == 'a' ? L_MA : -1;
            if (l >= 0 && nl[l] < 64)
                lines[l][nl[l]++] = v;
        }
    }
    incl = fc.mode != ACEH_OMIT && fc.mode != ACEH_SAME_ORIGIN;

    /* The CORS check and the cache lifetime. */
    FUZZ_CHECK(aceh_cors_check(lines[L_AO], nl[L_AO], lines[L_AC], nl[L_AC],
                               origin.ptr, origin.len, fc.mode) ==
               ref_cors(lines[L_AO], nl[L_AO], lines[L_AC], nl[L_AC], origin,
                        incl));
    FUZZ_CHECK(aceh_max_age(lines[L_MA], nl[L_MA], NULL) ==
               ref_max_age(lines[L_MA], nl[L_MA]));

    /* The request side: unsafe names sorted, lower-cased, unique. */
    {
        size_t total = 0;
        aceh_str tmp[64];
        char *low = fuzz_xmalloc(size + 64);
        size_t at = 0, j;

        for (i = 0; i < nreq; i++) {
            aceh_str n = {req[i].name, req[i].name_len};
            aceh_str v = {req[i].value, req[i].value_len};
            if (ref_safelisted(n, v))
                total += v.len;
        }
        for (i = 0; i < nreq; i++) {
            aceh_str n = {req[i].name, req[i].name_len};
            aceh_str v = {req[i].value, req[i].value_len};
            if (total > 1024 || !ref_safelisted(n, v))
                tmp[nref++] = n;
        }
        qsort(tmp, nref, sizeof *tmp, cmp_lc);
        for (i = 0, j = 0; i < nref; i++) {
            if (j && cmp_lc(&uref[j - 1], &tmp[i]) == 0)
                continue;
            uref[j].ptr = low + at;
            uref[j].len = tmp[i].len;
            for (k = 0; k < tmp[i].len; k++)
                low[at++] = (char)lc((unsigned char)tmp[i].ptr[k]);
            j++;
        }
        nref = j;
        acrh = fuzz_xmalloc(size + 64);
        st = aceh_request_headers(req, nreq, acrh, size + 64, &need, NULL);
        FUZZ_CHECK(st == ACEH_OK);
        st = aceh_request_header_names(acrh, need, unsafe,
                                       sizeof unsafe / sizeof *unsafe, &nu,
                                       NULL);
        FUZZ_CHECK(st == ACEH_OK);
        if (!big) {
            FUZZ_CHECK(nu == nref);
            for (i = 0; i < nu; i++)
                FUZZ_CHECK(unsafe[i].len == uref[i].len &&
                           memcmp(unsafe[i].ptr, uref[i].ptr, uref[i].len) ==
                               0);
        }
    }

    /* The decision: the library's own unsafe names (sorted) and, in
     * reverse, unsorted. */
    memset(&pf, 0, sizeof pf);
    pf.origin = origin.ptr;
    pf.origin_len = origin.len;
    pf.method = method.ptr;
    pf.method_len = method.len;
    pf.unsafe = unsafe;
    pf.n_unsafe = nu;
    pf.mode = fc.mode;
    pf.flags = (fc.ctl & 0x04u) ? ACEH_PF_USE_CORS_PREFLIGHT : 0;
    pf.status = statuses[fc.cap_sel];
    pf.allow_origin = lines[L_AO];
    pf.n_allow_origin = nl[L_AO];
    pf.allow_credentials = lines[L_AC];
    pf.n_allow_credentials = nl[L_AC];
    pf.allow_methods = lines[L_AM];
    pf.n_allow_methods = nl[L_AM];
    pf.allow_headers = lines[L_AH];
    pf.n_allow_headers = nl[L_AH];
    pf.max_age = lines[L_MA];
    pf.n_max_age = nl[L_MA];
    {
        const aceh_cors c = ref_cors(lines[L_AO], nl[L_AO], lines[L_AC],
                                     nl[L_AC], origin, incl);
        const long mh = list_find(lines[L_AM], nl[L_AM], method.ptr,
                                  method.len, 0, &star_m);
        const long hh = list_find(lines[L_AH], nl[L_AH], "", 0, 1, &star_h);
        size_t bad_auth = (size_t)-1, bad_hdr = (size_t)-1;

        if (c < 0)
            want = ACEH_PF_CORS;
        else if (pf.status < 200 || pf.status > 299)
            want = ACEH_PF_STATUS;
        else if (mh < 0)
            want = ACEH_PF_BAD_METHODS;
        else if (hh < 0)
            want = ACEH_PF_BAD_HEADERS;
        else if (!((nl[L_AM] == 0 ? (pf.flags != 0) : mh > 0) ||
                   (method.len == 3 && !memcmp(method.ptr, "GET", 3)) ||
                   (method.len == 4 && !memcmp(method.ptr, "HEAD", 4)) ||
                   (method.len == 4 && !memcmp(method.ptr, "POST", 4)) ||
                   (!incl && star_m)))
            want = ACEH_PF_METHOD;
        else {
            for (i = 0; i < nu; i++) {
                int s;
                const long hit = list_find(lines[L_AH], nl[L_AH],
                                           unsafe[i].ptr, unsafe[i].len, 1, &s);
                if (hit > 0)
                    continue;
                if (lit_eq(unsafe[i], "authorization")) {
                    if (bad_auth == (size_t)-1)
                        bad_auth = i;
                } else if ((incl || !star_h) && bad_hdr == (size_t)-1) {
                    bad_hdr = i;
                }
            }
            want = bad_auth != (size_t)-1  ? ACEH_PF_AUTHORIZATION
                   : bad_hdr != (size_t)-1 ? ACEH_PF_HEADER
                                           : ACEH_PF_PASS;
        }
        FUZZ_CHECK(aceh_preflight_decide(&pf, &r) == want);
        FUZZ_CHECK(r.verdict == want);
        FUZZ_CHECK(r.cors == c);
        if (want == ACEH_PF_AUTHORIZATION)
            FUZZ_CHECK(r.index == bad_auth);
        if (want == ACEH_PF_HEADER)
            FUZZ_CHECK(r.index == bad_hdr);
        if (want == ACEH_PF_PASS)
            FUZZ_CHECK(r.max_age == ref_max_age(lines[L_MA], nl[L_MA]));
        /* Unsorted names take the other matcher: same verdict. */
        for (i = 0; i < nu / 2; i++) {
            aceh_str t = unsafe[i];
            unsafe[i] = unsafe[nu - 1 - i];
            unsafe[nu - 1 - i] = t;
        }
        if (nu > 1)
            FUZZ_CHECK(aceh_preflight_decide(&pf, NULL) == want);
    }

    /* Method normalization: the six names, in any case, come back upper
     * case; any other method comes back as the very pointer given. */
    {
        static const char *const six[] = {"DELETE", "GET",  "HEAD",
                                          "OPTIONS", "POST", "PUT"};
        const char *nm = aceh_method_normalize(method.ptr, method.len);
        size_t hit = 6;

        for (i = 0; i < 6 && hit == 6; i++) {
            if (strlen(six[i]) != method.len)
                continue;
            for (k = 0; k < method.len; k++)
                if (method.ptr[k] != six[i][k] &&
                    method.ptr[k] != (char)(six[i][k] | 0x20))
                    break;
            if (k == method.len)
                hit = i;
        }
        if (hit < 6)
            FUZZ_CHECK(memcmp(nm, six[hit], method.len) == 0);
        else
            FUZZ_CHECK(nm == method.ptr);
    }

    /* Echo and Vary: the names joined by ", ". */
    {
        size_t n2 = 0, j;
        int star, added = -1;
        const long ok = list_find(lines[L_AH], nl[L_AH], "", 0, 1, &star);

        st = aceh_echo_names(lines[L_AH], nl[L_AH], out, sizeof out, &need);
        FUZZ_CHECK((ok < 0) == (st < 0));
        if (st == ACEH_OK) {
            /* Every element, trimmed and non-empty, in order. */
            char want_out[8192];
            size_t at = 0;

            for (i = 0; i < nl[L_AH]; i++) {
                size_t a, b;
                for (a = 0; a <= lines[L_AH][i].len; a = b + 1) {
                    aceh_str e;
                    for (b = a; b < lines[L_AH][i].len &&
                                lines[L_AH][i].ptr[b] != ',';
                         b++)
                        ;
                    e.ptr = lines[L_AH][i].ptr + a;
                    e.len = b - a;
                    e = trim(e);
                    if (e.len == 0)
                        continue;
                    if (n2++ && at + 2 <= sizeof want_out) {
                        want_out[at++] = ',';
                        want_out[at++] = ' ';
                    }
                    for (j = 0; j < e.len && at < sizeof want_out; j++)
                        want_out[at++] = e.ptr[j];
                }
            }
            FUZZ_CHECK(need == at && memcmp(out, want_out, at) == 0);
        }
        st = aceh_vary_add(lines[L_AH], nl[L_AH], "Origin", 6, out,
                           sizeof out, &need, &added);
        if (st == ACEH_OK) {
            int s2;
            const long o = list_find(lines[L_AH], nl[L_AH], "Origin", 6, 1,
                                     &s2);
            FUZZ_CHECK(added == (o == 0 && !s2));
        }
    }
    fuzz_case_free(&fc);
    return 0;
}

FUZZ_COVERAGE_ON
