/* SPDX-License-Identifier: MIT */
/* Preflight harness: the library's CORS check, preflight decision,
 * Access-Control-Max-Age, request side (safelisted request-headers and the
 * Access-Control-Request-Headers value), echo and Vary helpers against a
 * plain reference written here from Fetch's text: byte by byte, lists
 * split at commas, sorting by qsort, nothing shared with parser/. From
 * ref.c it takes the tchar test, name comparison, the tokenizer (for a
 * list's error line and offset) and the names aceh.h gives the CORS
 * outcomes and verdicts. Method normalization is checked too.
 *
 * Input: the layout of input.h. Byte 0 bits 0-1 the credentials mode,
 * bit 2 the use-CORS-preflight flag, bits 4-7 the status selector. Each
 * piece after the first (the method) starts with a tag byte saying what
 * the rest is: 'O' the origin, 'o' an Access-Control-Allow-Origin line,
 * 'c' -Allow-Credentials, 'm' -Allow-Methods, 'h' -Allow-Headers, 'a'
 * -Max-Age, 'r' a request header "name:value"; other tags are ignored.
 * Tag '0' puts an entry (NULL, n > 0), which aceh.h refuses, into the
 * array the next byte names ('o', 'c', 'm', 'h', 'a' as above, 'u' the
 * unsafe names, 'r' a request header's name, 'R' its value) at the
 * position the byte after it picks (bits 0-6, modulo the entries + 1);
 * n is the rest's length + 1, or SIZE_MAX minus it when bit 7 is set.
 * With bit 3 of byte 0 (input.h) the method may be NULL too. */
/* The public functions this harness compares with a reference, one
 * "compares" line each; `make api-check` reads these lines and fails
 * when a public function has none, or when the code below does not
 * call the function or use the reference.
 * compares aceh_cors_str with ref_cors_str
 * compares aceh_cors_check with ref_cors
 * compares aceh_max_age with ref_max_age
 * compares aceh_pf_verdict_str with ref_pf_verdict_str
 * compares aceh_preflight_decide with ref_preflight
 * compares aceh_is_safelisted_request_header with ref_safelisted
 * compares aceh_request_headers with ref_request_names
 * compares aceh_echo_names with ref_join
 * compares aceh_vary_add with ref_join
 * compares aceh_method_normalize with ref_method_normalize */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aceh.h"
#include "input.h"
#include "ref.h"
#include "variants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

FUZZ_COVERAGE_OFF

enum { L_AO, L_AC, L_AM, L_AH, L_MA, L_N };
#define PF_MAX 64   /* entries of each array from the pieces */
#define PF_NULLS 16 /* '0' pieces used */

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
        aceh_str v;
        size_t k;

        if (l[i].ptr == NULL && l[i].len != 0)
            return 0; /* a line no response can have */
        v = trim(l[i]);
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
        if (l[i].ptr == NULL && l[i].len != 0)
            return -1;
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
            if (e.len == qlen && e.len != 0 && q != NULL) {
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

static int has(const char *set, int c)
{
    return c != 0 && strchr(set, c) != NULL;
}

static int lit_eq(aceh_str s, const char *lit)
{
    return ref_name_eq(s.ptr, s.len, lit, strlen(lit));
}

/* *valid: the value was 1*DIGIT (else 5, Fetch's default). */
static unsigned long ref_max_age(const aceh_str *l, size_t n, int *valid)
{
    aceh_str v;
    unsigned long long x = 0;
    size_t k;

    *valid = 0;
    if (n != 1 || (l[0].ptr == NULL && l[0].len != 0))
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
    *valid = 1;
    return (unsigned long)x;
}

/* Fetch "extract header list values" on a list header: 0 and the first
 * failing line's status, line and offset in *w (ref.c's tokenizer: a line
 * (NULL, n > 0) fails with ACEH_E_NULL), or 1. */
static int ref_pf_list(const aceh_str *l, size_t n, aceh_pf_result *w)
{
    size_t i, cnt, off;

    for (i = 0; i < n; i++) {
        const aceh_status st = ref_tokenize(l[i].ptr, l[i].len, NULL, 0,
                                            &cnt, &off);
        if (st != ACEH_OK) {
            w->list_status = st;
            w->err_line = i;
            w->err_off = off;
            return 0;
        }
    }
    return 1;
}

static int is_null(aceh_str s)
{
    return s.ptr == NULL && s.len != 0;
}

/* Fetch's method normalization: the upper-case name when m is DELETE,
 * GET, HEAD, OPTIONS, POST or PUT in any letter case, else NULL (m stays
 * as given). */
static const char *ref_method_normalize(aceh_str m)
{
    static const char *const six[] = {"DELETE", "GET",  "HEAD",
                                      "OPTIONS", "POST", "PUT"};
    size_t i;

    for (i = 0; i < sizeof six / sizeof six[0]; i++)
        if (!is_null(m) && ref_name_eq(m.ptr, m.len, six[i], strlen(six[i])))
            return six[i];
    return NULL;
}

/* Fetch's CORS-preflight fetch on *pf, step by step: the verdict and, in
 * *w, the CORS outcome, a list's error, the failing unsafe name's index
 * and, on a pass, the cache lifetime. An unsafe name (NULL, n > 0) is a
 * name no response lists: it fails, even under `*`. */
static aceh_pf_verdict ref_preflight(const aceh_preflight *pf,
                                     aceh_pf_result *w)
{
    const int incl = pf->mode != ACEH_OMIT && pf->mode != ACEH_SAME_ORIGIN;
    const aceh_str origin = {pf->origin, pf->origin_len};
    const aceh_str method = {pf->method, pf->method_len};
    size_t i, bad_auth = (size_t)-1, bad_hdr = (size_t)-1;
    int star_m, star_h, valid;
    long mh;

    memset(w, 0, sizeof *w);
    w->cors = ref_cors(pf->allow_origin, pf->n_allow_origin,
                       pf->allow_credentials, pf->n_allow_credentials, origin,
                       incl);
    w->verdict = ACEH_PF_CORS;
    if (w->cors < 0)
        return w->verdict;
    w->verdict = ACEH_PF_STATUS;
    if (pf->status < 200 || pf->status > 299)
        return w->verdict;
    w->verdict = ACEH_PF_BAD_METHODS;
    if (!ref_pf_list(pf->allow_methods, pf->n_allow_methods, w))
        return w->verdict;
    w->verdict = ACEH_PF_BAD_HEADERS;
    if (!ref_pf_list(pf->allow_headers, pf->n_allow_headers, w))
        return w->verdict;
    w->verdict = ACEH_PF_METHOD;
    mh = list_find(pf->allow_methods, pf->n_allow_methods, method.ptr,
                   method.len, 0, &star_m);
    (void)list_find(pf->allow_headers, pf->n_allow_headers, "", 0, 1,
                    &star_h);
    if (is_null(method) ||
        !((pf->n_allow_methods == 0 ? (pf->flags != 0) : mh > 0) ||
          (method.len == 3 && !memcmp(method.ptr, "GET", 3)) ||
          (method.len == 4 && !memcmp(method.ptr, "HEAD", 4)) ||
          (method.len == 4 && !memcmp(method.ptr, "POST", 4)) ||
          (!incl && star_m)))
        return w->verdict;
    for (i = 0; i < pf->n_unsafe; i++) {
        int s;
        const aceh_str u = pf->unsafe[i];

        if (list_find(pf->allow_headers, pf->n_allow_headers, u.ptr, u.len, 1,
                      &s) > 0)
            continue;
        if (lit_eq(u, "authorization")) {
            if (bad_auth == (size_t)-1)
                bad_auth = i;
        } else if ((incl || !star_h || is_null(u)) && bad_hdr == (size_t)-1) {
            bad_hdr = i;
        }
    }
    w->verdict = bad_auth != (size_t)-1  ? ACEH_PF_AUTHORIZATION
                 : bad_hdr != (size_t)-1 ? ACEH_PF_HEADER
                                         : ACEH_PF_PASS;
    w->index = bad_auth != (size_t)-1 ? bad_auth
               : bad_hdr != (size_t)-1 ? bad_hdr
                                       : 0;
    if (w->verdict == ACEH_PF_PASS)
        w->max_age = ref_max_age(pf->max_age, pf->n_max_age, &valid);
    return w->verdict;
}

/* Fetch "CORS-safelisted request-header", spelled out again. */
static int ref_safelisted(aceh_str n, aceh_str v)
{
    size_t k;

    if (v.len > 128 || is_null(n) || is_null(v))
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

/* Fetch's CORS-unsafe request-header names of req[0 .. n), n <= PF_MAX:
 * the names of the headers that are not safelisted (all of them once the
 * safelisted values pass 1,024 bytes), lower-cased into low (room for
 * their bytes), sorted, unique, into out; returns how many. */
static size_t ref_request_names(const aceh_header *req, size_t n,
                                aceh_str *out, char *low)
{
    aceh_str tmp[PF_MAX];
    size_t i, j, k, total = 0, nt = 0, at = 0;

    for (i = 0; i < n; i++) {
        aceh_str hn = {req[i].name, req[i].name_len};
        aceh_str hv = {req[i].value, req[i].value_len};
        if (ref_safelisted(hn, hv))
            total += hv.len;
    }
    for (i = 0; i < n; i++) {
        aceh_str hn = {req[i].name, req[i].name_len};
        aceh_str hv = {req[i].value, req[i].value_len};
        if (total > 1024 || !ref_safelisted(hn, hv))
            tmp[nt++] = hn;
    }
    qsort(tmp, nt, sizeof *tmp, cmp_lc);
    for (i = 0, j = 0; i < nt; i++) {
        if (j && cmp_lc(&out[j - 1], &tmp[i]) == 0)
            continue;
        out[j].ptr = low + at;
        out[j].len = tmp[i].len;
        for (k = 0; k < tmp[i].len; k++)
            low[at++] = (char)lc((unsigned char)tmp[i].ptr[k]);
        j++;
    }
    return j;
}

/* Every trimmed, non-empty element of the lines, joined by ", ", into
 * buf (up to cap bytes); returns the full length. */
static size_t ref_join(const aceh_str *l, size_t n, char *buf, size_t cap)
{
    size_t i, a, b, j, at = 0, names = 0;

    for (i = 0; i < n; i++)
        for (a = 0; a <= l[i].len; a = b + 1) {
            aceh_str e;

            for (b = a; b < l[i].len && l[i].ptr[b] != ','; b++)
                ;
            e.ptr = l[i].ptr + a;
            e.len = b - a;
            e = trim(e);
            if (e.len == 0)
                continue;
            for (j = 0; j < (names++ ? 2u : 0u); j++, at++)
                if (at < cap)
                    buf[at] = ", "[j];
            for (j = 0; j < e.len; j++, at++)
                if (at < cap)
                    buf[at] = e.ptr[j];
        }
    return at;
}

/* A '0' piece: (NULL, len) into the array `tag` names, at pos. */
typedef struct null_entry {
    int tag;
    size_t pos, len;
} null_entry;

/* Room for one more of *n entries of `size` bytes in a (cap of them) at
 * pos modulo *n + 1, the later ones moved up: the free slot, or NULL when
 * a is full. */
static void *put_at(void *a, size_t *n, size_t cap, size_t size, size_t pos)
{
    char *at;

    if (*n >= cap)
        return NULL;
    at = (char *)a + pos % (*n + 1) * size;
    memmove(at + size, at, (size_t)((char *)a + *n * size - at));
    (*n)++;
    return at;
}

static void put_null(aceh_str *a, size_t *n, size_t cap, const null_entry *e)
{
    aceh_str *s = put_at(a, n, cap, sizeof *a, e->pos);

    if (s != NULL) {
        s->ptr = NULL;
        s->len = e->len;
    }
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int statuses[16] = {200, 204, 299, 300, 199, 404, 500, 0,
                                     -1, 201, 250, 100, 301, 999, 298, 200};
    fuzz_case fc;
    aceh_str lines[L_N][PF_MAX + PF_NULLS],
        origin = {"https://o.example", 17}, method;
    aceh_header req[PF_MAX + PF_NULLS];
    aceh_str unsafe[PF_MAX + PF_NULLS], uref[PF_MAX];
    null_entry nulls[PF_NULLS];
    size_t nl[L_N] = {0}, nreq = 0, nu = 0, nref = 0, nnull = 0, i, k;
    size_t need = 0, bad = 0;
    char *acrh, out[8192], want_out[8192];
    aceh_preflight pf;
    aceh_pf_result r, w;
    aceh_status st;
    int big = 0, valid, want_valid;
    static const uint8_t zeros[2];

    /* Shorter than the layout: the all-zero input (empty method, no pieces),
     * so that a run from an empty corpus reaches the library at once. */
    if (size < sizeof zeros) {
        data = zeros;
        size = sizeof zeros;
    }
    if (!fuzz_case_load(&fc, data, size))
        return 0;
    method = fc.name;
    for (i = 1; i < fc.npieces; i++) {
        aceh_str p = fc.pieces[i], v;
        int tag;

        if (p.len == 0 || p.ptr == NULL)
            continue;
        tag = p.ptr[0];
        v.ptr = p.ptr + 1;
        v.len = p.len - 1;
        if (tag == 'O') {
            origin = v;
        } else if (tag == '0' && v.len >= 2 && nnull < PF_NULLS) {
            const unsigned at = (unsigned char)v.ptr[1];

            nulls[nnull].tag = v.ptr[0];
            nulls[nnull].pos = at & 0x7fu;
            nulls[nnull].len = at & 0x80u ? SIZE_MAX - (v.len - 2) : v.len - 1;
            nnull++;
        } else if (tag == 'r' && nreq < PF_MAX) {
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
            if (l >= 0 && nl[l] < PF_MAX)
                lines[l][nl[l]++] = v;
        }
    }
    /* NULL entries in the response's lines ("ocmha": L_AO .. L_MA). */
    for (k = 0; k < nnull; k++) {
        const char *t = memchr("ocmha", nulls[k].tag, L_N);

        if (t != NULL && nulls[k].tag != 0)
            put_null(lines[t - "ocmha"], &nl[t - "ocmha"],
                     PF_MAX + PF_NULLS, &nulls[k]);
    }

    /* The CORS check and the cache lifetime. */
    FUZZ_CHECK(aceh_cors_check(lines[L_AO], nl[L_AO], lines[L_AC], nl[L_AC],
                               origin.ptr, origin.len, fc.mode) ==
               ref_cors(lines[L_AO], nl[L_AO], lines[L_AC], nl[L_AC], origin,
                        fc.mode != ACEH_OMIT && fc.mode != ACEH_SAME_ORIGIN));
    FUZZ_CHECK(aceh_max_age(lines[L_MA], nl[L_MA], &valid) ==
               ref_max_age(lines[L_MA], nl[L_MA], &want_valid));
    FUZZ_CHECK(valid == want_valid);

    /* Request headers with NULL names or values: refused at the first. */
    if (nnull != 0) {
        aceh_header *withn = fuzz_xmalloc(sizeof req);
        size_t n = nreq, first = SIZE_MAX;

        memcpy(withn, req, nreq * sizeof *req);
        for (k = 0; k < nnull; k++) {
            aceh_header *h;
            const int nm = nulls[k].tag == 'r';

            if ((!nm && nulls[k].tag != 'R') ||
                (h = put_at(withn, &n, PF_MAX + PF_NULLS, sizeof *withn,
                            nulls[k].pos)) == NULL)
                continue;
            h->name = nm ? NULL : "X-N";
            h->name_len = nm ? nulls[k].len : 3;
            h->value = nm ? "" : NULL;
            h->value_len = nm ? 0 : nulls[k].len;
        }
        for (i = 0; i < n; i++) {
            const aceh_str hn = {withn[i].name, withn[i].name_len};
            const aceh_str hv = {withn[i].value, withn[i].value_len};

            if (!is_null(hn) && !is_null(hv))
                continue;
            if (first == SIZE_MAX)
                first = i;
            FUZZ_CHECK(aceh_is_safelisted_request_header(
                           hn.ptr, hn.len, hv.ptr, hv.len) ==
                       ref_safelisted(hn, hv));
        }
        if (first != SIZE_MAX) {
            out[0] = 'Z';
            FUZZ_CHECK(aceh_request_headers(withn, n, out, sizeof out, &need,
                                            &bad) == ACEH_E_NULL);
            FUZZ_CHECK(bad == first && out[0] == '\0');
        }
    }

    /* The request side: unsafe names sorted, lower-cased, unique. */
    {
        nref = ref_request_names(req, nreq, uref, fuzz_xmalloc(size + 64));
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
    for (k = 0; k < nnull; k++)
        if (nulls[k].tag == 'u')
            put_null(unsafe, &nu, PF_MAX + PF_NULLS, &nulls[k]);

    /* The decision: the library's own unsafe names (sorted, unless a NULL
     * entry went in) and, in reverse, unsorted. */
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
    /* The default build and, when the separator byte is odd, the
     * portable one (variants.h): the SIMD and the scalar tokenizer read
     * the lists. */
    (void)ref_preflight(&pf, &w);
    for (k = 0; k < 1u + (fc.sep & 1u); k++) {
        FUZZ_CHECK((k ? scalar_aceh_preflight_decide
                      : aceh_preflight_decide)(&pf, &r) == w.verdict);
        FUZZ_CHECK(r.verdict == w.verdict && r.cors == w.cors);
        if (w.verdict == ACEH_PF_BAD_METHODS ||
            w.verdict == ACEH_PF_BAD_HEADERS)
            FUZZ_CHECK(r.list_status == w.list_status &&
                       r.err_line == w.err_line && r.err_off == w.err_off);
        if (w.verdict == ACEH_PF_AUTHORIZATION || w.verdict == ACEH_PF_HEADER)
            FUZZ_CHECK(r.index == w.index);
        if (w.verdict == ACEH_PF_PASS)
            FUZZ_CHECK(r.max_age == w.max_age);
    }
    /* The names of the outcome, and of a value the input picks. */
    FUZZ_CHECK(strcmp(aceh_pf_verdict_str(r.verdict),
                      ref_pf_verdict_str(w.verdict)) == 0);
    FUZZ_CHECK(strcmp(aceh_cors_str(r.cors), ref_cors_str(w.cors)) == 0);
    FUZZ_CHECK(strcmp(aceh_pf_verdict_str((aceh_pf_verdict)(fc.sep - 9)),
                      ref_pf_verdict_str((aceh_pf_verdict)(fc.sep - 9))) == 0);
    FUZZ_CHECK(strcmp(aceh_cors_str((aceh_cors)(fc.sep - 6)),
                      ref_cors_str((aceh_cors)(fc.sep - 6))) == 0);
    /* Unsorted names take the other matcher. */
    for (i = 0; i < nu / 2; i++) {
        aceh_str t = unsafe[i];
        unsafe[i] = unsafe[nu - 1 - i];
        unsafe[nu - 1 - i] = t;
    }
    if (nu > 1)
        FUZZ_CHECK(aceh_preflight_decide(&pf, NULL) == ref_preflight(&pf, &w));

    /* Method normalization: one of the six names, in any case, comes
     * back upper case; any other method (a NULL one too) as the very
     * pointer given. */
    {
        const char *nm = aceh_method_normalize(method.ptr, method.len);
        const char *want_m = ref_method_normalize(method);

        if (want_m != NULL)
            FUZZ_CHECK(memcmp(nm, want_m, method.len) == 0);
        else
            FUZZ_CHECK(nm == method.ptr);
    }

    /* Echo and Vary: the names joined by ", ", refused at the first bad
     * line as aceh_list_parse would. */
    {
        const int ok = ref_pf_list(lines[L_AH], nl[L_AH], &w);
        const size_t want_len =
            ok ? ref_join(lines[L_AH], nl[L_AH], want_out, sizeof want_out)
               : 0;
        int star, added = -1;

        st = aceh_echo_names(lines[L_AH], nl[L_AH], out, sizeof out, &need);
        FUZZ_CHECK(ok ? st >= 0 : st == w.list_status);
        if (st == ACEH_OK)
            FUZZ_CHECK(need == want_len && memcmp(out, want_out, need) == 0);
        st = aceh_vary_add(lines[L_AH], nl[L_AH], "Origin", 6, out,
                           sizeof out, &need, &added);
        FUZZ_CHECK(ok ? st >= 0 : st == w.list_status);
        if (st == ACEH_OK) {
            const long o = list_find(lines[L_AH], nl[L_AH], "Origin", 6, 1,
                                     &star);
            const size_t tail = want_len ? 8 : 6;

            FUZZ_CHECK(added == (o == 0 && !star));
            FUZZ_CHECK(need == want_len + (added ? tail : 0) &&
                       memcmp(out, want_out, want_len) == 0);
            if (added)
                FUZZ_CHECK(memcmp(out + want_len, &", Origin"[8 - tail],
                                  tail) == 0);
        }
    }
    fuzz_case_free(&fc);
    return 0;
}

FUZZ_COVERAGE_ON
