/* SPDX-License-Identifier: MIT */
/* Differential harness: the library against the plain reference in ref.c.
 *
 * Input: byte 0 is a selector, the rest is laid out as in input.h (control
 * byte, separator, queried name, lines). The selector picks the work, so
 * that one execution costs about one pass of one build over the input and
 * the fuzzer spends its time on new inputs rather than on re-checking an
 * old one against every build and every option:
 *   bits 0-3  the build of the library: impls[(sel & 15) % NIMPLS] (the
 *             default build, -DACEH_NO_SIMD, -mssse3, -mavx2, ...; a build
 *             this CPU cannot run falls back to the default one);
 *   sel / NIMPLS % 8  for the default build, which dispatches at run time,
 *             its SIMD path (aceh_simd_select: best, sse2, avx2, avx512bw,
 *             avx512vbmi2, ssse3, neon, scalar; one this build or CPU
 *             lacks keeps the best). With four builds these are bits 2-4,
 *             so bit 4 is shared with the group, and still every build,
 *             path and group meet in some selector value;
 *   bits 4-7  g = (sel >> 4) % 7: one group of checks on top of the core
 *             (0: none; 1: sweep, 2: filter, 3: format, 4: names, 5: split,
 *             6: set):
 *     sweep   aceh_list_parse with room for every name, then
 *             aceh_decide, aceh_exposed and aceh_list_decide for every mode
 *             (3: a value outside the enum) and flag, "*", "authorization"
 *             and up to four listed names;
 *     filter  aceh_filter and aceh_filter_scratch: readable[], status,
 *             failing index and offset; aceh_filter_scratch_size;
 *     format  aceh_format: status, length, bad index, buffer bytes;
 *     names   the predicates on every piece; the status and verdict
 *             names of every value, the version and (default build)
 *             aceh_simd_select/aceh_simd_path, against ref.c;
 *     split   per line aceh_split and aceh_request_header_names with an
 *             array of the size the line's length picks (up to one past
 *             the count) and without one;
 *     set     aceh_set_init and aceh_set_decide over the core's list
 *             (room for all or half of the index the sep byte picks), on
 *             the queried name and up to four listed names; aceh_set_size.
 * Always compared (the core): per line the status, error offset and every
 * slice of the iterator and aceh_validate's status, count and offset;
 * aceh_list_parse with the names[] capacity the control byte picks
 * (status, err_line/err_off, count, wildcard, stored names,
 * aceh_list_name_ptr); aceh_decide, aceh_exposed and aceh_list_decide for
 * the control byte's mode and flag, on the queried name and on one listed
 * name. Inputs over DIFF_LONG_INPUT bytes skip the two cross-products
 * (sweep: modes x flags x names; filter: headers x names): long inputs
 * find length bugs, which the core and the other groups still see.
 *
 * With ACEH_FUZZ_ALL=1 in the environment every input runs every build the
 * CPU has (the default one on every SIMD path it has) and every group at
 * any length (make check replays the committed corpus that way). Any
 * disagreement prints what differed and aborts.
 *
 * Adding a build: one IMPL() row below (and its object in fuzz.mk).
 * Adding a public function: a member of struct impl, its IMPL() entry, and
 * its comparison in the core or in a group (or a new group bit). */
/* The public functions this harness compares with a reference, one
 * "compares" line each; `make api-check` reads these lines and fails
 * when a public function has none, or when the code below does not
 * call the function or use the reference.
 * compares aceh_version with ref_version_is
 * compares aceh_status_str with ref_status_str
 * compares aceh_iter_init with ref_tokenize
 * compares aceh_iter_next with ref_tokenize
 * compares aceh_iter_next_inline with ref_tokenize
 * compares aceh_iter_status with ref_tokenize
 * compares aceh_iter_error_offset with ref_tokenize
 * compares aceh_validate with ref_tokenize
 * compares aceh_split with ref_tokenize
 * compares aceh_request_header_names with ref_tokenize
 * compares aceh_simd_path with ref_simd_path_known
 * compares aceh_simd_select with ref_simd_path_known
 * compares aceh_list_parse with ref_list_parse
 * compares aceh_list_name_ptr with ref_list_parse
 * compares aceh_verdict_str with ref_verdict_str
 * compares aceh_decide with ref_header_decide
 * compares aceh_exposed with ref_header_decide
 * compares aceh_list_decide with ref_header_decide
 * compares aceh_set_size with ref_set_size
 * compares aceh_set_init with ref_list_parse
 * compares aceh_set_decide with ref_header_decide
 * compares aceh_filter with ref_filter
 * compares aceh_filter_scratch_size with ref_filter_scratch_size
 * compares aceh_filter_scratch with ref_filter
 * compares aceh_format with ref_format
 * compares aceh_is_name with ref_is_name
 * compares aceh_is_safelisted with ref_is_safelisted
 * compares aceh_is_forbidden with ref_is_forbidden
 * compares aceh_name_eq with ref_name_eq */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aceh.h"
#include "input.h"
#include "ref.h"
#include "variants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

FUZZ_COVERAGE_OFF

#define IMPL_FN(f) __typeof__(aceh_##f) *f
typedef struct impl {
    const char *label;
    int (*usable)(void); /* can this CPU run it? */
    IMPL_FN(version);
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
    IMPL_FN(split);
    IMPL_FN(filter_scratch);
    IMPL_FN(filter_scratch_size);
    IMPL_FN(set_size);
    IMPL_FN(set_init);
    IMPL_FN(set_decide);
    IMPL_FN(request_header_names);
} impl;
#undef IMPL_FN

static int cpu_any(void)
{
    return 1;
}
#ifdef FUZZ_X86_VARIANTS
static int cpu_ssse3(void)
{
    return __builtin_cpu_supports("ssse3");
}
static int cpu_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#endif

#define IMPL(prefix, label, usable)                                        \
    {                                                                      \
        label, usable, prefix##aceh_version, prefix##aceh_status_str,      \
            prefix##aceh_verdict_str,                                      \
            prefix##aceh_iter_init, prefix##aceh_iter_next,                \
            prefix##aceh_iter_status, prefix##aceh_iter_error_offset,      \
            prefix##aceh_validate, prefix##aceh_list_parse,                \
            prefix##aceh_list_name_ptr, prefix##aceh_decide,               \
            prefix##aceh_exposed, prefix##aceh_list_decide,                \
            prefix##aceh_filter, prefix##aceh_format,                      \
            prefix##aceh_is_name, prefix##aceh_is_safelisted,              \
            prefix##aceh_is_forbidden, prefix##aceh_name_eq,               \
            prefix##aceh_split, prefix##aceh_filter_scratch,               \
            prefix##aceh_filter_scratch_size, prefix##aceh_set_size,       \
            prefix##aceh_set_init, prefix##aceh_set_decide,                \
            prefix##aceh_request_header_names                              \
    }
/* Index 0, the default build, is where an unusable choice falls back. */
static const impl impls[] = {
    IMPL(, "library", cpu_any),
    IMPL(scalar_, "library -DACEH_NO_SIMD", cpu_any),
#ifdef FUZZ_X86_VARIANTS
    IMPL(ssse3_, "library -mssse3", cpu_ssse3),
    IMPL(avx2_, "library -mavx2", cpu_avx2),
#endif
};
#define NIMPLS (sizeof impls / sizeof impls[0])

#define SEL_BUILD_MASK 0x0Fu
#define SEL_GROUP_SHIFT 4

/* The default build's SIMD paths (aceh_simd_path's names; NULL: the
 * best this CPU has). */
static const char *const paths[] = {NULL,          "sse2",  "avx2",
                                    "avx512bw",    "avx512vbmi2",
                                    "ssse3",       "neon",  "scalar"};
#define NPATHS (sizeof paths / sizeof paths[0])

/* Longer inputs run the core and one group (see above). */
#ifndef DIFF_LONG_INPUT
#define DIFF_LONG_INPUT 512
#endif

static const uint8_t *cur_data;
static size_t cur_size;

static void mismatch(const impl *im, int line, const char *what, long long got,
                     long long want)
{
    size_t i;

    fprintf(stderr,
            "differential mismatch (%s vs reference) at %s:%d: %s: got %lld, "
            "reference %lld\n",
            im->label, __FILE__, line, what, got, want);
    if (im == &impls[0])
        fprintf(stderr, "SIMD path of the default build: %s\n",
                aceh_simd_path());
    fprintf(stderr, "input (%zu bytes):", cur_size);
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

/* The reference's view of the current input's header, scanned once and
 * then queried for every name, mode and flag. */
static ref_header cur_hdr;

static aceh_verdict ref_verdict(const char *name, size_t len, unsigned mode,
                                unsigned flags)
{
    return ref_header_decide(&cur_hdr, name, len, (aceh_mode)mode, flags);
}

/* The reference's result for one line (sl points into diff_case.slices). */
typedef struct ref_line {
    aceh_status st;
    size_t count, err_off;
    aceh_slice *sl;
} ref_line;

/* aceh_request_header_names: aceh_split's names as strings, the same
 * array sizes. */
static void check_request_header_names(const impl *im, const aceh_str *s,
                                       const ref_line *r, size_t cap)
{
    aceh_str *got = fuzz_xmalloc((cap ? cap : 1) * sizeof *got);
    size_t n, cnt = 77, off = 77;
    aceh_status st =
        im->request_header_names(s->ptr, s->len, got, cap, &cnt, &off);

    SAME(im, "aceh_request_header_names status",
         st == ACEH_TRUNCATED ? ACEH_OK : st, r->st);
    SAME(im, "aceh_request_header_names truncated", st == ACEH_TRUNCATED,
         r->st == ACEH_OK && r->count > cap);
    SAME(im, "aceh_request_header_names count", cnt, r->count);
    SAME(im, "aceh_request_header_names error offset", off, r->err_off);
    for (n = 0; n < r->count && n < cap; n++) {
        SAME(im, "aceh_request_header_names pointer", got[n].ptr,
             s->ptr + r->sl[n].off);
        SAME(im, "aceh_request_header_names length", got[n].len,
             r->sl[n].len);
    }
    SAME(im, "aceh_request_header_names without an array",
         im->request_header_names(s->ptr, s->len, NULL, 0, &cnt, NULL),
         r->st);
}

/* batch: also aceh_split and aceh_request_header_names (the split
 * group). */
static void check_tokenizer(const impl *im, const aceh_str *s,
                            const ref_line *r, int batch)
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
    if (im == &impls[0]) {
        /* The header's inline form, whose refills call this build's
         * aceh_iter_next. */
        n = 0;
        aceh_iter_init(&it, s->ptr, s->len);
        while (aceh_iter_next_inline(&it, &sl)) {
            SAME(im, "inline iterator yields a name the reference does not",
                 n < r->count, 1);
            SAME(im, "inline slice offset", sl.off, r->sl[n].off);
            SAME(im, "inline slice length", sl.len, r->sl[n].len);
            n++;
        }
        SAME(im, "inline iterator name count", n, r->count);
        SAME(im, "inline iterator status", aceh_iter_status(&it), r->st);
        SAME(im, "inline iterator error offset", aceh_iter_error_offset(&it),
             r->err_off);
    }
    SAME(im, "aceh_validate status", im->validate(s->ptr, s->len, &cnt, &off),
         r->st);
    SAME(im, "aceh_validate count", cnt, r->count);
    SAME(im, "aceh_validate error offset", off, r->err_off);
    /* The batch tokenizer: the same names, with an array of every size up
     * to one past the count (and none). */
    if (batch) {
        const size_t cap = (size_t)(s->len % (r->count + 2));
        aceh_slice *got = fuzz_xmalloc((cap ? cap : 1) * sizeof *got);
        aceh_status st = im->split(s->ptr, s->len, got, cap, &cnt, &off);

        SAME(im, "aceh_split status",
             st == ACEH_TRUNCATED ? ACEH_OK : st, r->st);
        SAME(im, "aceh_split truncated",
             st == ACEH_TRUNCATED, r->st == ACEH_OK && r->count > cap);
        SAME(im, "aceh_split count", cnt, r->count);
        if (r->st < 0)
            SAME(im, "aceh_split error offset", off, r->err_off);
        for (n = 0; n < r->count && n < cap; n++) {
            SAME(im, "aceh_split offset", got[n].off, r->sl[n].off);
            SAME(im, "aceh_split length", got[n].len, r->sl[n].len);
        }
        SAME(im, "aceh_split without an array",
             im->split(s->ptr, s->len, NULL, 0, &cnt, NULL), r->st);
        check_request_header_names(im, s, r, cap);
    }
}

/* all: query every mode and flag, else only the case's own; set: also
 * the name set over the list (the set group, and the sweep). */
static void check_list(const impl *im, const fuzz_case *fc, aceh_name *names,
                       size_t cap, int all, int with_set)
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
                want = ref_verdict(fc->name.ptr, fc->name.len, m, f);
                SAME(im, "aceh_list_decide verdict",
                     im->list_decide(&a, fc->name.ptr, fc->name.len,
                                     (aceh_mode)m, f),
                     want);
            }
    }
    /* The name set over the same list: full size, or short (then it
     * answers through aceh_list_decide). */
    if (with_set) {
        aceh_set set;
        const size_t need = im->set_size(a.count);
        /* The size of this list, and of counts at and past the limits. */
        const size_t big[3] = {4294967293u + fc->sep % 4u,
                               SIZE_MAX / 8 + fc->sep % 2u, SIZE_MAX};
        const size_t size = fc->sep & 1 ? need : need / 2;
        void *mem = fuzz_xmalloc(size ? size : 1);
        aceh_status st = im->set_init(&set, &a, mem, size);

        SAME(im, "aceh_set_size", need, ref_set_size(a.count));
        for (i = 0; i < 3; i++)
            SAME(im, "aceh_set_size at the limits", im->set_size(big[i]),
                 ref_set_size(big[i]));
        /* An absent or invalid list needs no index. */
        SAME(im, "aceh_set_init status", st,
             (b.status >= 0 && b.nlines != 0 &&
              (size < need || b.stored < b.count))
                 ? ACEH_TRUNCATED
                 : ACEH_OK);
        SAME(im, "aceh_set_decide verdict",
             im->set_decide(&set, fc->name.ptr, fc->name.len, fc->mode,
                            fc->flags),
             ref_verdict(fc->name.ptr, fc->name.len, (unsigned)fc->mode,
                         fc->flags));
        for (i = 0; i < b.stored && i < 4; i++)
            SAME(im, "aceh_set_decide on a listed name",
                 im->set_decide(&set, im->list_name_ptr(&a, i), names[i].len,
                                fc->mode, fc->flags),
                 ref_verdict(im->list_name_ptr(&a, i), names[i].len,
                             (unsigned)fc->mode, fc->flags));
    }
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
            want = ref_verdict(name, len, m, f);
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
        /* A NULL piece (input.h, bit 3) after the first is, by the control
         * byte, the value of an ACEH line or the name of another header:
         * NULL entries in both fields, at any position. */
        const int null_name = i > 0 && fc->pieces[i].ptr == NULL &&
                              ((i + fc->ctl) & 2) != 0;

        c->h[i].name = i == 0 || null_name
                           ? fc->pieces[i].ptr
                           : ((i + fc->ctl) & 1
                                  ? "ACCESS-control-expose-headers"
                                  : "Access-Control-Expose-Headers");
        c->h[i].name_len = i == 0 || null_name ? fc->pieces[i].len : 29;
        c->h[i].value = i == 0 || null_name ? "x" : fc->pieces[i].ptr;
        c->h[i].value_len = i == 0 || null_name ? 1 : fc->pieces[i].len;
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
    /* With caller scratch of the size asked for, or none. */
    {
        const size_t ns[3] = {c->n, 4095u + fc->sep % 3u,
                              SIZE_MAX - fc->sep};
        const size_t size = fc->sep & 2 ? im->filter_scratch_size(c->n) : 0;
        void *mem = fuzz_xmalloc(size ? size : 1);

        for (i = 0; i < 3; i++)
            SAME(im, "aceh_filter_scratch_size", im->filter_scratch_size(ns[i]),
                 ref_filter_scratch_size(ns[i]));
        memset(got, 0xAA, c->n);
        SAME(im, "aceh_filter_scratch status",
             im->filter_scratch(c->h, c->n, fc->mode, fc->flags, got, &ei,
                                &eo, size ? mem : NULL, size),
             c->st);
        for (i = 0; i < c->n; i++)
            SAME(im, "aceh_filter_scratch readable[i]", got[i], c->want[i]);
    }
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
}


/* One input, prepared once: the case, the reference's view of each line
 * and the names they list. */
typedef struct diff_case {
    fuzz_case fc;
    ref_line *rl;
    aceh_slice *slices; /* every rl[].sl points into this */
    size_t total;   /* names in all lines */
    aceh_str *listed; /* every name of every line, in order */
    size_t nlisted;
} diff_case;

static void check_core(const impl *im, const diff_case *d, int batch,
                       int with_set)
{
    const fuzz_case *fc = &d->fc;
    aceh_name *names;
    size_t l;

    for (l = 0; l < fc->nlines; l++)
        check_tokenizer(im, &fc->lines[l], &d->rl[l], batch);
    /* names[] of the size the control byte picks (14: none but a non-zero
     * cap, 15: none). */
    if (fc->cap_sel == 14) {
        check_list(im, fc, NULL, 3, 0, with_set);
    } else if (fc->cap_sel == 15) {
        check_list(im, fc, NULL, 0, 0, with_set);
    } else {
        size_t cap = fc->cap_sel < d->total + 1 ? fc->cap_sel : d->total + 1;
        names = fuzz_xmalloc((cap ? cap : 1) * sizeof *names);
        check_list(im, fc, names, cap, 0, with_set);
    }
    check_decide(im, fc, fc->name.ptr, fc->name.len, 0);
    /* One listed name, to reach the "listed" answers. */
    if (d->nlisted > 0) {
        const aceh_str *q = &d->listed[fc->cap_sel % d->nlisted];
        check_decide(im, fc, q->ptr, q->len, 0);
    }
}

static void group_sweep(const impl *im, const diff_case *d)
{
    const fuzz_case *fc = &d->fc;
    aceh_name *names = fuzz_xmalloc((d->total + 1) * sizeof *names);
    size_t k;

    check_list(im, fc, names, d->total + 1, 1, 1);
    check_decide(im, fc, fc->name.ptr, fc->name.len, 1);
    check_decide(im, fc, "*", 1, 0);
    check_decide(im, fc, "authorization", 13, 0);
    for (k = 0; k < d->nlisted && k < 4; k++)
        check_decide(im, fc, d->listed[k].ptr, d->listed[k].len, 0);
}

static void group_filter(const impl *im, const diff_case *d)
{
    const fuzz_case *fc = &d->fc;
    filter_case flt;

    /* The filter costs headers x names: skipped where that explodes (many
     * tiny lines), kept for everything else. */
    if ((fc->npieces + NEXTRA) * (d->total + 1) > 4096)
        return;
    filter_case_make(&flt, fc);
    check_filter(im, fc, &flt);
}

static void group_format(const impl *im, const diff_case *d)
{
    const fuzz_case *fc = &d->fc;
    size_t cap = (size_t)fc->cap_sel * 5u + fc->sep % 5u;

    check_format(im, fc->pieces, fc->npieces, cap);
    check_format(im, d->listed, d->nlisted, cap);
    check_format(im, d->listed, d->nlisted, 0);
}

/* aceh_simd_select with the queried name as a path name: 1 and that path
 * in use, or 0 and nothing changed (always for a name aceh.h does not
 * list); aceh_simd_path is always a name aceh.h lists. The path in use
 * before is selected again at the end. */
static void check_simd(const impl *im, const fuzz_case *fc)
{
    const size_t len = fc->name.ptr != NULL ? fc->name.len : 0;
    char *name = fuzz_xmalloc(len + 1);
    const char *before = aceh_simd_path();
    int ok;

    if (len != 0)
        memcpy(name, fc->name.ptr, len);
    name[len] = '\0';
    SAME(im, "aceh_simd_path is a documented name",
         ref_simd_path_known(before), 1);
    ok = aceh_simd_select(name);
    SAME(im, "aceh_simd_select of a name aceh.h does not list",
         ok && !ref_simd_path_known(name), 0);
    SAME(im, "aceh_simd_path after aceh_simd_select",
         strcmp(aceh_simd_path(), ok ? name : before), 0);
    SAME(im, "aceh_simd_select of the path in use before",
         aceh_simd_select(before), 1);
}

static void group_names(const impl *im, const diff_case *d)
{
    const fuzz_case *fc = &d->fc;
    size_t k;

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
    /* The names of every documented value and of one the separator
     * picks, the version, and (default build) the SIMD path names. */
    for (k = 0; k < 14; k++) {
        const int v = k < 13 ? (int)k - 8 : (int)fc->sep - 128;
        SAME(im, "aceh_status_str",
             strcmp(im->status_str((aceh_status)v),
                    ref_status_str((aceh_status)v)),
             0);
        SAME(im, "aceh_verdict_str",
             strcmp(im->verdict_str((aceh_verdict)v),
                    ref_verdict_str((aceh_verdict)v)),
             0);
    }
    SAME(im, "aceh_version", ref_version_is(im->version()), 1);
    if (im == &impls[0])
        check_simd(im, fc);
}

typedef struct group {
    void (*run)(const impl *, const diff_case *); /* NULL: inside the core */
    int long_too; /* also for inputs over DIFF_LONG_INPUT bytes */
} group;
/* Selector value g (1..NGROUPS) runs groups[g - 1]. The split and set
 * groups are parts of the core's per-line and per-list checks that run
 * only when selected: each is one more pass of the library over the
 * input, and the core on its own is what most executions need. */
#define GROUP_SPLIT 5
#define GROUP_SET 6
static const group groups[] = {
    {group_sweep, 0},
    {group_filter, 0},
    {group_format, 1},
    {group_names, 1},
    {NULL, 1}, /* GROUP_SPLIT: aceh_split in check_tokenizer */
    {NULL, 1}, /* GROUP_SET: aceh_set_* in check_list */
};
#define NGROUPS (sizeof groups / sizeof groups[0])

/* ACEH_FUZZ_ALL set (and not "0"): every build, every group. */
static int exhaustive(void)
{
    static int v = -1;
    if (v < 0) {
        const char *e = getenv("ACEH_FUZZ_ALL");
        v = e != NULL && e[0] != '\0' && strcmp(e, "0") != 0;
    }
    return v;
}

/* The core, then group g (1..NGROUPS; 0: none; NGROUPS + 1: all). */
static void run_impl(const impl *im, const diff_case *d, size_t g)
{
    const int all = g == NGROUPS + 1;
    size_t k;

    check_core(im, d, all || g == GROUP_SPLIT, all || g == GROUP_SET);
    for (k = 0; k < NGROUPS; k++)
        if (groups[k].run != NULL &&
            (all || (g == k + 1 &&
                     (groups[k].long_too || cur_size <= DIFF_LONG_INPUT))))
            groups[k].run(im, d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diff_case d;
    size_t l, k, i;
    unsigned sel;
    static const uint8_t zeros[3];

    /* Shorter than the layout: the all-zero input (default build, empty name,
     * no header), so that a run from an empty corpus reaches the library
     * at once. */
    if (size < sizeof zeros) {
        data = zeros;
        size = sizeof zeros;
    }
    if (!fuzz_case_load(&d.fc, data + 1, size - 1))
        return 0;
    sel = data[0];
    cur_data = data;
    cur_size = size;
    ref_header_scan(&cur_hdr, d.fc.lines, d.fc.nlines);
    /* The reference's slices of every line, in one array: count, then
     * fill. */
    d.total = 0;
    d.rl = fuzz_xmalloc((d.fc.nlines ? d.fc.nlines : 1) * sizeof *d.rl);
    for (l = 0; l < d.fc.nlines; l++) {
        d.rl[l].st = ref_tokenize(d.fc.lines[l].ptr, d.fc.lines[l].len, NULL,
                                  0, &d.rl[l].count, &d.rl[l].err_off);
        d.total += d.rl[l].count;
    }
    d.slices = fuzz_xmalloc((d.total + 1) * sizeof *d.slices);
    for (l = 0, k = 0; l < d.fc.nlines; l++) {
        d.rl[l].sl = d.slices + k;
        ref_tokenize(d.fc.lines[l].ptr, d.fc.lines[l].len, d.rl[l].sl,
                     d.rl[l].count, &d.rl[l].count, &d.rl[l].err_off);
        k += d.rl[l].count;
    }
    d.listed = fuzz_xmalloc((d.total + 1) * sizeof *d.listed);
    d.nlisted = 0;
    for (l = 0; l < d.fc.nlines; l++)
        for (k = 0; k < d.rl[l].count; k++) {
            d.listed[d.nlisted].ptr = d.fc.lines[l].ptr + d.rl[l].sl[k].off;
            d.listed[d.nlisted].len = d.rl[l].sl[k].len;
            d.nlisted++;
        }
    if (exhaustive()) {
        /* The default build on every path it has (NULL: the best), the
         * others as built. */
        for (k = 0; k < NPATHS; k++)
            if (aceh_simd_select(paths[k]) || paths[k] == NULL)
                run_impl(&impls[0], &d, NGROUPS + 1);
        (void)aceh_simd_select(NULL);
        for (i = 1; i < NIMPLS; i++)
            if (impls[i].usable())
                run_impl(&impls[i], &d, NGROUPS + 1);
    } else {
        i = (sel & SEL_BUILD_MASK) % NIMPLS;
        if (!impls[i].usable())
            i = 0;
        if (i == 0)
            (void)aceh_simd_select(paths[(sel / NIMPLS) % NPATHS]);
        run_impl(&impls[i], &d, (sel >> SEL_GROUP_SHIFT) % (NGROUPS + 1));
        (void)aceh_simd_select(NULL);
    }
    ref_header_free(&cur_hdr);
    fuzz_case_free(&d.fc);
    return 0;
}

FUZZ_COVERAGE_ON
