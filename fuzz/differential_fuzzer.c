/* SPDX-License-Identifier: MIT */
/* Differential harness: the library against the plain reference in ref.c,
 * on inputs laid out as in input.h. Compared, for the library and for its
 * second build with -DACEH_NO_SIMD (scalar_ symbols, see scalar_rename.h):
 *  - per line: status, error offset and every slice of the iterator, and
 *    aceh_validate's status, count and offset;
 *  - aceh_list_parse with a small, a full and no names[] array: status,
 *    err_line/err_off, count, wildcard, stored and every stored name;
 *  - aceh_decide, aceh_exposed and aceh_list_decide for every mode and
 *    flag and several queried names; aceh_filter's readable[], status,
 *    failing index and offset; aceh_format's status, length, bad index and
 *    buffer bytes; the predicates.
 * Any disagreement prints what differed and aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aceh.h"
#include "input.h"
#include "ref.h"
#include "variants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define IMPL_FN(f) __typeof__(aceh_##f) *f
typedef struct impl {
    const char *label;
    IMPL_FN(status_str);
    IMPL_FN(verdict_str);
    IMPL_FN(iter_init);
    IMPL_FN(iter_next);
    IMPL_FN(iter_status);
    IMPL_FN(iter_error_offset);
    IMPL_FN(validate);
    IMPL_FN(list_parse);
    IMPL_FN(list_name_ptr);
    IMPL_FN(decide);
    IMPL_FN(exposed);
    IMPL_FN(list_decide);
    IMPL_FN(filter);
    IMPL_FN(format);
    IMPL_FN(is_name);
    IMPL_FN(is_safelisted);
    IMPL_FN(is_forbidden);
    IMPL_FN(name_eq);
} impl;
#undef IMPL_FN

#define IMPL(prefix, label)                                                \
    {                                                                      \
        label, prefix##aceh_status_str, prefix##aceh_verdict_str,          \
            prefix##aceh_iter_init, prefix##aceh_iter_next,                \
            prefix##aceh_iter_status, prefix##aceh_iter_error_offset,      \
            prefix##aceh_validate, prefix##aceh_list_parse,                \
            prefix##aceh_list_name_ptr, prefix##aceh_decide,               \
            prefix##aceh_exposed, prefix##aceh_list_decide,                \
            prefix##aceh_filter, prefix##aceh_format,                      \
            prefix##aceh_is_name, prefix##aceh_is_safelisted,              \
            prefix##aceh_is_forbidden, prefix##aceh_name_eq                \
    }
static const impl impls[] = {
    IMPL(, "library"),
    IMPL(scalar_, "library -DACEH_NO_SIMD"),
#ifdef FUZZ_X86_VARIANTS
    IMPL(ssse3_, "library -mssse3"),
    IMPL(avx2_, "library -mavx2"),
#endif
};

/* Can this CPU run impls[i]? */
static int impl_usable(size_t i)
{
#ifdef FUZZ_X86_VARIANTS
    if (i == 2)
        return __builtin_cpu_supports("ssse3");
    if (i == 3)
        return __builtin_cpu_supports("avx2");
#endif
    (void)i;
    return 1;
}

static const uint8_t *cur_data;
static size_t cur_size;

static void mismatch(const impl *im, int line, const char *what, long long got,
                     long long want)
{
    size_t i;

    fprintf(stderr,
            "differential mismatch (%s vs reference) at %s:%d: %s: got %lld, "
            "reference %lld\ninput (%zu bytes):",
            im->label, __FILE__, line, what, got, want, cur_size);
    for (i = 0; i < cur_size; i++)
        fprintf(stderr, " %02X", cur_data[i]);
    fputc('\n', stderr);
    abort();
}

#define SAME(im, what, got, want)                                          \
    do {                                                                   \
        long long g_ = (long long)(got), w_ = (long long)(want);           \
        if (g_ != w_)                                                      \
            mismatch((im), __LINE__, (what), g_, w_);                      \
    } while (0)

/* The reference's verdicts for the current input, computed once and then
 * compared with every build of the library. */
typedef struct memo_entry {
    const char *name;
    size_t len;
    unsigned mode, flags;
    aceh_verdict v;
} memo_entry;
static memo_entry memo[128];
static size_t nmemo;

static aceh_verdict ref_decide_memo(const fuzz_case *fc, const char *name,
                                    size_t len, unsigned mode, unsigned flags)
{
    size_t i;
    aceh_verdict v;

    for (i = 0; i < nmemo; i++)
        if (memo[i].name == name && memo[i].len == len &&
            memo[i].mode == mode && memo[i].flags == flags)
            return memo[i].v;
    v = ref_decide(fc->lines, fc->nlines, name, len, (aceh_mode)mode, flags);
    if (nmemo < sizeof memo / sizeof memo[0]) {
        memo[nmemo].name = name;
        memo[nmemo].len = len;
        memo[nmemo].mode = mode;
        memo[nmemo].flags = flags;
        memo[nmemo].v = v;
        nmemo++;
    }
    return v;
}

/* The reference's slices of one value, in an exact-size array. */
typedef struct ref_line {
    aceh_status st;
    size_t count, err_off;
    aceh_slice *sl;
} ref_line;

static ref_line ref_line_get(const aceh_str *s)
{
    ref_line r;

    r.st = ref_tokenize(s->ptr, s->len, NULL, 0, &r.count, &r.err_off);
    r.sl = fuzz_xmalloc((r.count ? r.count : 1) * sizeof *r.sl);
    ref_tokenize(s->ptr, s->len, r.sl, r.count, &r.count, &r.err_off);
    return r;
}

static void check_tokenizer(const impl *im, const aceh_str *s,
                            const ref_line *r)
{
    aceh_iter it;
    aceh_slice sl;
    size_t n = 0, cnt = 77, off = 77;

    im->iter_init(&it, s->ptr, s->len);
    while (im->iter_next(&it, &sl)) {
        SAME(im, "iterator yields a name the reference does not", n < r->count,
             1);
        SAME(im, "slice offset", sl.off, r->sl[n].off);
        SAME(im, "slice length", sl.len, r->sl[n].len);
        n++;
    }
    SAME(im, "iterator name count", n, r->count);
    SAME(im, "iterator status", im->iter_status(&it), r->st);
    SAME(im, "iterator error offset", im->iter_error_offset(&it), r->err_off);
    SAME(im, "iterator after the end", im->iter_next(&it, &sl), 0);
    SAME(im, "aceh_validate status", im->validate(s->ptr, s->len, &cnt, &off),
         r->st);
    SAME(im, "aceh_validate count", cnt, r->count);
    SAME(im, "aceh_validate error offset", off, r->err_off);
}

/* all: query every mode and flag, else only the case's own. */
static void check_list(const impl *im, const fuzz_case *fc, aceh_name *names,
                       size_t cap, int all)
{
    aceh_list a, b;
    aceh_name *rn = NULL;
    size_t i;

    if (names != NULL)
        rn = fuzz_xmalloc((cap ? cap : 1) * sizeof *rn);
    SAME(im, "aceh_list_parse return",
         im->list_parse(&a, fc->lines, fc->nlines, names, cap), a.status);
    ref_list_parse(&b, fc->lines, fc->nlines, rn, cap);
    SAME(im, "list status", a.status, b.status);
    SAME(im, "list count", a.count, b.count);
    SAME(im, "list stored", a.stored, b.stored);
    SAME(im, "list wildcard", a.wildcard, b.wildcard);
    SAME(im, "list nlines", a.nlines, b.nlines);
    if (b.status < 0) {
        SAME(im, "list err_line", a.err_line, b.err_line);
        SAME(im, "list err_off", a.err_off, b.err_off);
    }
    for (i = 0; i < b.stored; i++) {
        SAME(im, "stored name line", names[i].line, rn[i].line);
        SAME(im, "stored name offset", names[i].off, rn[i].off);
        SAME(im, "stored name length", names[i].len, rn[i].len);
        SAME(im, "aceh_list_name_ptr",
             im->list_name_ptr(&a, i) == fc->lines[rn[i].line].ptr + rn[i].off,
             1);
    }
    /* Queries against the parsed list, for the names the case asks. */
    {
        unsigned m, f;
        for (m = 0; m < 4; m++)
            for (f = 0; f < 2; f++) {
                aceh_verdict want;
                if (!all && (m != (unsigned)fc->mode || f != fc->flags))
                    continue;
                want = ref_decide_memo(fc, fc->name.ptr, fc->name.len, m, f);
                SAME(im, "aceh_list_decide verdict",
                     im->list_decide(&a, fc->name.ptr, fc->name.len,
                                     (aceh_mode)m, f),
                     want);
            }
    }
    free(rn);
}

/* Every mode (3: a value outside the enum) and flag when `all`, else the
 * case's own: long seeds stay fast. */
static void check_decide(const impl *im, const fuzz_case *fc, const char *name,
                         size_t len, int all)
{
    unsigned m, f;

    for (m = 0; m < 4; m++)
        for (f = 0; f < 2; f++) {
            aceh_verdict want;
            if (!all && (m != (unsigned)fc->mode || f != fc->flags))
                continue;
            want = ref_decide_memo(fc, name, len, m, f);
            SAME(im, "aceh_decide verdict",
                 im->decide(fc->lines, fc->nlines, name, len, (aceh_mode)m, f),
                 want);
            if (m == (unsigned)fc->mode)
                SAME(im, "aceh_exposed",
                     im->exposed(fc->lines, fc->nlines, name, len,
                                 (aceh_mode)m, f),
                     want > 0);
        }
}

/* Response headers for aceh_filter: every piece after the first is an
 * ACEH line (its name in two spellings, chosen by the control byte); the
 * first piece and a few fixed names are other headers. */
static const char *const extra[] = {"Set-Cookie", "content-TYPE",
                                    "Authorization", "*", "X-A", "**"};
#define NEXTRA (sizeof extra / sizeof extra[0])

typedef struct filter_case {
    aceh_header *h;
    size_t n, ei, eo;
    unsigned char *want;
    aceh_status st;
} filter_case;

static void filter_case_make(filter_case *c, const fuzz_case *fc)
{
    size_t i;

    c->n = fc->npieces + NEXTRA;
    c->h = fuzz_xmalloc(c->n * sizeof *c->h);
    c->want = fuzz_xmalloc(c->n);
    for (i = 0; i < fc->npieces; i++) {
        c->h[i].name = i == 0 ? fc->name.ptr
                              : ((i + fc->ctl) & 1
                                     ? "ACCESS-control-expose-headers"
                                     : "Access-Control-Expose-Headers");
        c->h[i].name_len = i == 0 ? fc->name.len : 29;
        c->h[i].value = i == 0 ? "x" : fc->pieces[i].ptr;
        c->h[i].value_len = i == 0 ? 1 : fc->pieces[i].len;
    }
    for (i = 0; i < NEXTRA; i++) {
        c->h[fc->npieces + i].name = extra[i];
        c->h[fc->npieces + i].name_len = strlen(extra[i]);
        c->h[fc->npieces + i].value = "";
        c->h[fc->npieces + i].value_len = 0;
    }
    c->ei = 6;
    c->eo = 6;
    c->st = ref_filter(c->h, c->n, fc->mode, fc->flags, c->want, &c->ei,
                       &c->eo);
}

static void check_filter(const impl *im, const fuzz_case *fc,
                         const filter_case *c)
{
    unsigned char *got = fuzz_xmalloc(c->n);
    size_t i, ei = 5, eo = 5;

    SAME(im, "aceh_filter status",
         im->filter(c->h, c->n, fc->mode, fc->flags, got, &ei, &eo), c->st);
    SAME(im, "aceh_filter error index", ei, c->ei);
    SAME(im, "aceh_filter error offset", eo, c->eo);
    for (i = 0; i < c->n; i++)
        SAME(im, "aceh_filter readable[i]", got[i], c->want[i]);
    free(got);
}

static void check_format(const impl *im, const aceh_str *names, size_t n,
                         size_t cap)
{
    char *a = fuzz_xmalloc(cap), *b = fuzz_xmalloc(cap);
    size_t an = 3, bn = 3, ab = 4, bb = 4;
    aceh_status as, bs;

    memset(a, 'Z', cap);
    memset(b, 'Z', cap);
    as = im->format(names, n, cap ? a : NULL, cap, &an, &ab);
    bs = ref_format(names, n, cap ? b : NULL, cap, &bn, &bb);
    SAME(im, "aceh_format status", as, bs);
    if (bs >= 0)
        SAME(im, "aceh_format needed", an, bn);
    else
        SAME(im, "aceh_format bad index", ab, bb);
    SAME(im, "aceh_format buffer bytes", cap == 0 || memcmp(a, b, cap) == 0,
         1);
    free(a);
    free(b);
}

static void check_impl(const impl *im, const fuzz_case *fc,
                       const ref_line *rl, const filter_case *flt)
{
    size_t l, k, total = 0, nq = 0;
    aceh_name *names;
    aceh_str *valid;

    for (l = 0; l < fc->nlines; l++) {
        check_tokenizer(im, &fc->lines[l], &rl[l]);
        total += rl[l].count;
    }
    /* names[] of the size the control byte picks (14: none but a
     * non-zero cap, 15: none), then one where everything fits. */
    names = fuzz_xmalloc((total + 1) * sizeof *names);
    if (fc->cap_sel == 14)
        check_list(im, fc, NULL, 3, 1);
    else if (fc->cap_sel == 15)
        check_list(im, fc, NULL, 0, 1);
    else
        check_list(im, fc, names, fc->cap_sel < total + 1 ? fc->cap_sel
                                                          : total + 1,
                   1);
    check_list(im, fc, names, total + 1, 0);
    free(names);

    check_decide(im, fc, fc->name.ptr, fc->name.len, 1);
    check_decide(im, fc, "*", 1, 0);
    check_decide(im, fc, "authorization", 13, 0);
    /* A few of the listed names, to reach the "listed" answers. */
    valid = fuzz_xmalloc((total + 1) * sizeof *valid);
    for (l = 0; l < fc->nlines; l++)
        for (k = 0; k < rl[l].count; k++) {
            valid[nq].ptr = fc->lines[l].ptr + rl[l].sl[k].off;
            valid[nq].len = rl[l].sl[k].len;
            if (nq < 4)
                check_decide(im, fc, valid[nq].ptr, valid[nq].len, 0);
            nq++;
        }
    if (flt->h != NULL)
        check_filter(im, fc, flt);
    check_format(im, fc->pieces, fc->npieces,
                 (size_t)fc->cap_sel * 5u + fc->sep % 5u);
    check_format(im, valid, nq, (size_t)fc->cap_sel * 5u + fc->sep % 5u);
    check_format(im, valid, nq, 0);
    free(valid);

    for (k = 0; k < fc->npieces; k++) {
        const aceh_str *p = &fc->pieces[k];
        SAME(im, "aceh_is_name", im->is_name(p->ptr, p->len),
             ref_is_name(p->ptr, p->len));
        SAME(im, "aceh_is_safelisted", im->is_safelisted(p->ptr, p->len),
             ref_is_safelisted(p->ptr, p->len));
        SAME(im, "aceh_is_forbidden", im->is_forbidden(p->ptr, p->len),
             ref_is_forbidden(p->ptr, p->len));
        SAME(im, "aceh_name_eq",
             im->name_eq(fc->name.ptr, fc->name.len, p->ptr, p->len),
             ref_name_eq(fc->name.ptr, fc->name.len, p->ptr, p->len));
    }
    SAME(im, "status names agree",
         strcmp(im->status_str((aceh_status)((int)fc->sep - 6)),
                aceh_status_str((aceh_status)((int)fc->sep - 6))),
         0);
    SAME(im, "verdict names agree",
         strcmp(im->verdict_str((aceh_verdict)((int)fc->sep - 7)),
                aceh_verdict_str((aceh_verdict)((int)fc->sep - 7))),
         0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_case fc;
    ref_line *rl;
    filter_case flt;
    size_t l, i, total = 0;

    if (!fuzz_case_load(&fc, data, size))
        return 0;
    cur_data = data;
    cur_size = size;
    nmemo = 0;
    rl = fuzz_xmalloc((fc.nlines ? fc.nlines : 1) * sizeof *rl);
    for (l = 0; l < fc.nlines; l++) {
        rl[l] = ref_line_get(&fc.lines[l]);
        total += rl[l].count;
    }
    /* The filter costs headers x names: skipped where that explodes (many
     * tiny lines), kept for everything else. */
    memset(&flt, 0, sizeof flt);
    if ((fc.npieces + NEXTRA) * (total + 1) <= 4096)
        filter_case_make(&flt, &fc);
    for (i = 0; i < sizeof impls / sizeof impls[0]; i++)
        if (impl_usable(i))
            check_impl(&impls[i], &fc, rl, &flt);
    for (l = 0; l < fc.nlines; l++)
        free(rl[l].sl);
    free(rl);
    free(flt.h);
    free(flt.want);
    fuzz_case_free(&fc);
    return 0;
}
