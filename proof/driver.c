/* SPDX-License-Identifier: MIT */
/*
 * The driver of `make prove`: Frama-C's Eva runs this main() over
 * parser/aceh.c and reports every run-time error (out-of-bounds access,
 * read of uninitialized memory, signed overflow, shift too far, division
 * by zero, invalid libc argument) that any input within these bounds could
 * cause. Every input is abstract: buffers hold every byte value at once
 * (Frama_C_make_unknown), lengths and capacities are whole intervals
 * [0, bound], and a pointer the contract lets be NULL is tried both ways.
 * Each assumption the driver makes is a sentence of aceh.h's contract,
 * quoted beside the code that makes it; nothing else is assumed.
 *
 * PROOF_MAX is the bound on every byte string (field line, name, value,
 * origin, method), PROOF_LINES the number of field lines of a header and
 * of response/request headers, PROOF_NAMES and PROOF_OUT the largest
 * names[] array and output buffer. proof/proof.mk sets them per run.
 *
 * Built only by Frama-C (proof/proof.mk); it also compiles, never links,
 * as plain C, so the strict-warnings step checks it like every source.
 */
#include "aceh.h"

#include <stddef.h>

#ifdef __FRAMAC__
#include "__fc_builtin.h"
#else
/* The Eva built-ins' prototypes, as Frama-C's __fc_builtin.h gives them. */
extern void Frama_C_make_unknown(char *p, size_t l);
extern int Frama_C_interval(int min, int max);
extern size_t Frama_C_size_t_interval(size_t min, size_t max);
extern unsigned int Frama_C_unsigned_int_interval(unsigned int min,
                                                  unsigned int max);
#endif

#ifndef PROOF_MAX
#define PROOF_MAX 300
#endif
#ifndef PROOF_LINES
#define PROOF_LINES 3
#endif
#ifndef PROOF_NAMES
#define PROOF_NAMES 8
#endif
#ifndef PROOF_OUT
#define PROOF_OUT 64
#endif

/* Every text the driver hands out: one buffer per field line or header
 * part, so that no two inputs share bytes unless a call says so. */
static char text[4 * PROOF_LINES + 4][PROOF_MAX];
enum { T_NAME = 4 * PROOF_LINES, T_VALUE, T_ORIGIN, T_METHOD };

/* Any byte values in text[k], and a length in [0, PROOF_MAX]. */
static size_t any_text(int k)
{
    Frama_C_make_unknown(text[k], PROOF_MAX);
    return Frama_C_size_t_interval(0, PROOF_MAX);
}

/*@ assigns \result \from max, Frama_C_entropy_source;
    assigns Frama_C_entropy_source \from Frama_C_entropy_source;
    ensures \result <= max;
 */
static size_t any_size(size_t max)
{
    return Frama_C_size_t_interval(0, max);
}

static aceh_mode any_mode(void)
{
    /* "any other value is treated as include" (aceh_mode): every int. */
    return (aceh_mode)Frama_C_interval(-2147483647 - 1, 2147483647);
}

static unsigned any_flags(void)
{
    return Frama_C_unsigned_int_interval(0u, 4294967295u);
}

/* n field lines in lines[0..n) from text[first + l]. null_at < n: that
 * line is (NULL, any length) instead. "(NULL, 0) is the empty string.
 * (NULL, n > 0) is refused with ACEH_E_NULL (or a "no" answer where a
 * function returns a verdict)." (common contract) */
static void any_lines(aceh_str *lines, size_t n, int first, size_t null_at)
{
    size_t l;

    for (l = 0; l < n; l++) {
        lines[l].len = any_text(first + (int)l);
        lines[l].ptr = l == null_at ? NULL : text[first + (int)l];
    }
}

/* ----------------------------------------------------------- tokenizer */
static void tokenizer(const char *p, size_t len)
{
    aceh_iter it;
    aceh_slice s, names[PROOF_NAMES];
    size_t count, err_off, cap;

    /* "The bytes must stay alive and unchanged while the iterator is
     * used." (aceh_iter_init) */
    aceh_iter_init(&it, p, len);
    while (aceh_iter_next(&it, &s)) {
    }
    /* "it keeps returning 0 after that" (aceh_iter_next) */
    (void)aceh_iter_next(&it, &s);
    (void)aceh_iter_status(&it);
    (void)aceh_iter_error_offset(&it);
    /* "Calls of both may be mixed on one iterator." (aceh_iter_next_inline) */
    aceh_iter_init(&it, p, len);
    while (aceh_iter_next_inline(&it, &s) && aceh_iter_next(&it, &s)) {
    }

    /* "err_off (may be NULL) ... *count (may be NULL)" (aceh_validate) */
    (void)aceh_validate(p, len, &count, &err_off);
    (void)aceh_validate(p, len, NULL, NULL);

    /* "names[0 .. min(*count, cap))" and "Nothing is written at or past
     * names[cap]": every capacity up to the array's size. */
    cap = any_size(PROOF_NAMES);
    (void)aceh_split(p, len, names, cap, &count, &err_off);
    /* "names may be NULL (then cap is ignored and only *count is given).
     * count and err_off may be NULL." (aceh_split) */
    (void)aceh_split(p, len, NULL, any_size((size_t)-1), NULL, NULL);
    (void)aceh_split(p, len, names, cap, NULL, NULL);
    {
        aceh_str strs[PROOF_NAMES];

        /* "nothing written past names[min(*count, cap))" ... "names may be
         * NULL (cap is then ignored); count and err_off may be NULL."
         * (aceh_request_header_names) */
        (void)aceh_request_header_names(p, len, strs, cap, &count, &err_off);
        (void)aceh_request_header_names(p, len, NULL, any_size((size_t)-1),
                                        NULL, NULL);
    }
}

/* -------------------------------------------------- predicates, builder */
static void predicates(const char *p, size_t len, const char *q, size_t qlen)
{
    (void)aceh_is_name(p, len);
    (void)aceh_is_safelisted(p, len);
    (void)aceh_is_forbidden(p, len);
    (void)aceh_name_eq(p, len, q, qlen);
    /* "1 if (name, value) is a CORS-safelisted request-header" */
    (void)aceh_is_safelisted_request_header(p, len, q, qlen);
    {
        const char *m;

        /* "the length never changes, so the result has `len` bytes ...
         * NULL stays NULL" (aceh_method_normalize): its last byte is
         * readable. Each length analysed apart (a hint, as in filter();
         * this is the function's last statement), so that the length read
         * is the length the function saw. */
        /*@ split len; */
        m = aceh_method_normalize(p, len);
        if (m != NULL && len != 0)
            (void)*(const volatile char *)(m + len - 1);
    }
}

static void formatter(const aceh_str *names, size_t n)
{
    char buf[PROOF_OUT];
    size_t needed, bad;
    size_t cap = any_size(PROOF_OUT);

    /* "at most cap-1 bytes plus a NUL when cap > 0" into buf, which holds
     * PROOF_OUT bytes: every capacity up to that size. */
    (void)aceh_format(names, n, buf, cap, &needed, &bad);
    /* "buf may be NULL when cap is 0 ... *needed (may be NULL) ...
     * *bad_index (may be NULL)" and "ACEH_E_NULL when buf is NULL and
     * cap > 0" (aceh_format) */
    (void)aceh_format(names, n, NULL, any_size((size_t)-1), NULL, NULL);
}

/* ------------------------------------------------ lists and decisions */
static void lists(const aceh_str *lines, size_t nlines)
{
    aceh_name names[PROOF_NAMES];
    aceh_list list, bare;
    aceh_set set;
    unsigned char mem[8 * PROOF_NAMES];
    char buf[PROOF_OUT];
    size_t name_len = any_text(T_NAME), needed, size;
    const char *name = text[T_NAME];
    aceh_mode mode = any_mode();
    unsigned flags = any_flags();
    int added;

    /* Each count of lines analysed apart (a hint to Eva, as in filter()). */
    /*@ split nlines; */
    /* "names (may be NULL, then cap is ignored) receives up to cap names
     * in order." (aceh_list_parse) */
    /* A parsed list goes to its readers with nothing in between that
     * could change it: "The functions that read a list ... take it as
     * aceh_list_parse left it" (aceh_list_parse). What they rely on, the
     * predicate aceh_list_ok, is aceh_list_parse's ensures, which WP
     * carries to each call (make prove runs WP on the driver's functions
     * too). */
    (void)aceh_list_parse(&list, lines, nlines, names, any_size(PROOF_NAMES));
    /* "Bytes of name i (i < list->stored)" (aceh_list_name_ptr) */
    if (list.stored > 0)
        (void)aceh_list_name_ptr(&list, any_size(list.stored - 1));
    /* "in mem, which must hold size bytes (any alignment; mem may be NULL
     * when size is 0)"; "ACEH_E_NULL: list is NULL, or mem is NULL with
     * size > 0"; "it must not overlap *set, *list or the list's names[],
     * nor *set the list or its names[]" (aceh_set_init): mem, set, list
     * and names are four locals */
    size = aceh_set_size(list.count);
    (void)size;
    (void)aceh_set_init(&set, &list, NULL, any_size((size_t)-1));
    (void)aceh_set_init(&set, &list, mem, any_size(sizeof mem));
    (void)aceh_set_decide(&set, name, name_len, mode, flags);
    (void)aceh_list_decide(&list, name, name_len, mode, flags);
    (void)aceh_set_init(&set, NULL, mem, any_size(sizeof mem));
    /* "aceh_set_decide then answers ACEH_HIDDEN_INVALID when list is
     * NULL" */
    (void)aceh_set_decide(&set, name, name_len, mode, flags);
    (void)aceh_list_parse(&bare, lines, nlines, NULL, any_size((size_t)-1));
    (void)aceh_set_init(&set, &bare, mem, any_size(sizeof mem));
    (void)aceh_set_decide(&set, name, name_len, mode, flags);
    (void)aceh_list_decide(&bare, name, name_len, mode, flags);

    (void)aceh_decide(lines, nlines, name, name_len, mode, flags);
    (void)aceh_exposed(lines, nlines, name, name_len, mode, flags);

    (void)aceh_set_size(any_size((size_t)-1));

    /* "Written snprintf style like aceh_format()" (aceh_echo_names,
     * aceh_vary_add); "*added (may be NULL)" (aceh_vary_add) */
    (void)aceh_echo_names(lines, nlines, buf, any_size(PROOF_OUT), &needed);
    (void)aceh_echo_names(lines, nlines, NULL, any_size((size_t)-1), NULL);
    (void)aceh_vary_add(lines, nlines, name, name_len, buf,
                        any_size(PROOF_OUT), &needed, &added);
    (void)aceh_vary_add(lines, nlines, NULL, name_len, NULL,
                        any_size((size_t)-1), NULL, NULL);

    /* "*valid (may be NULL)" (aceh_max_age) */
    (void)aceh_max_age(lines, nlines, &added);
    (void)aceh_max_age(lines, nlines, NULL);

    formatter(lines, nlines);
}

/* ------------------------------------------------------ response filter */
static void filter(const aceh_header *headers, size_t n)
{
    unsigned char readable[PROOF_LINES];
    unsigned char scratch[8 * PROOF_LINES];
    char buf[PROOF_OUT];
    size_t err_index, err_off, needed, bad;
    aceh_mode mode = any_mode();
    unsigned flags = any_flags();

    /* Each count of headers analysed apart (a hint to Eva, not an
     * assumption: every value of n is still covered), so that the loops
     * over readable[0 .. n) are seen to write what later ones read. */
    /*@ split n; */
    /* "For each of the n response headers, readable[i] = 1 ..." and
     * "(either may be NULL)" (aceh_filter) */
    (void)aceh_filter(headers, n, mode, flags, readable, &err_index, &err_off);
    (void)aceh_filter(headers, n, mode, flags, readable, NULL, NULL);
    /* "scratch may be NULL when size is 0"; "ACEH_E_NULL when scratch is
     * NULL with size > 0" (aceh_filter_scratch) */
    (void)aceh_filter_scratch_size(any_size((size_t)-1));
    (void)aceh_filter_scratch(headers, n, mode, flags, readable, &err_index,
                              &err_off, scratch, any_size(sizeof scratch));
    (void)aceh_filter_scratch(headers, n, mode, flags, readable, NULL, NULL,
                              NULL, any_size((size_t)-1));

    /* "ACEH_E_NULL (headers NULL with n > 0, a NULL name or value with a
     * length, buf NULL with cap > 0)" (aceh_request_headers) */
    (void)aceh_request_headers(headers, n, buf, any_size(PROOF_OUT), &needed,
                               &bad);
    (void)aceh_request_headers(headers, n, NULL, any_size((size_t)-1), NULL,
                               NULL);
}

/* ------------------------------------------------------------ preflight */
static void preflight(const aceh_str *unsafe, size_t n_unsafe,
                      const aceh_str *lines, size_t nlines)
{
    aceh_preflight pf;
    aceh_pf_result res;

    /* Each count analysed apart (a hint to Eva, as in filter()). */
    /*@ split n_unsafe; */
    /*@ split nlines; */

    pf.origin_len = any_text(T_ORIGIN);
    pf.origin = text[T_ORIGIN];
    pf.method_len = any_text(T_METHOD);
    pf.method = text[T_METHOD];
    /* "The request's CORS-unsafe header names, any case and order" */
    pf.unsafe = unsafe;
    pf.n_unsafe = n_unsafe;
    pf.mode = any_mode();
    pf.flags = any_flags();
    pf.status = Frama_C_interval(-2147483647 - 1, 2147483647);
    /* Every header of the response is one of the driver's line sets:
     * the analysis covers each with the same abstract lines. */
    pf.allow_origin = lines;
    pf.n_allow_origin = nlines;
    pf.allow_credentials = lines;
    pf.n_allow_credentials = nlines;
    pf.allow_methods = lines;
    pf.n_allow_methods = nlines;
    pf.allow_headers = lines;
    pf.n_allow_headers = nlines;
    pf.max_age = lines;
    pf.n_max_age = nlines;
    /* "Returns the verdict, also in *res (may be NULL)." */
    (void)aceh_preflight_decide(&pf, &res);
    (void)aceh_preflight_decide(&pf, NULL);

    (void)aceh_cors_check(lines, nlines, lines, nlines, pf.origin,
                          pf.origin_len, pf.mode);
    /* "a NULL origin with origin_len > 0, is a failure" (aceh_cors_check) */
    (void)aceh_cors_check(lines, nlines, lines, nlines, NULL, pf.origin_len,
                          pf.mode);
}

int main(void)
{
    aceh_str lines[PROOF_LINES];
    aceh_header headers[PROOF_LINES];
    size_t len, l, nlines;

    (void)aceh_version();
    (void)aceh_status_str((aceh_status)Frama_C_interval(-2147483647 - 1,
                                                        2147483647));
    (void)aceh_verdict_str((aceh_verdict)Frama_C_interval(-2147483647 - 1,
                                                          2147483647));
    (void)aceh_cors_str((aceh_cors)Frama_C_interval(-2147483647 - 1,
                                                    2147483647));
    (void)aceh_pf_verdict_str(
        (aceh_pf_verdict)Frama_C_interval(-2147483647 - 1, 2147483647));
    (void)aceh_simd_path();
    /* "Use the path of that name (as aceh_simd_path spells it) from now
     * on, or the best one again with NULL." */
    (void)aceh_simd_select("scalar");
    (void)aceh_simd_select("sse2");
    (void)aceh_simd_select("none");
    (void)aceh_simd_select(NULL);

    /* One value: every byte value at every length up to the bound, then
     * (NULL, 0) and the refused (NULL, n > 0). */
    len = any_text(0);
    tokenizer(text[0], len);
    tokenizer(NULL, any_size(PROOF_MAX));
    predicates(text[0], len, text[1], any_text(1));
    predicates(NULL, any_size(PROOF_MAX), text[1], any_text(1));
    predicates(text[0], len, NULL, any_size(PROOF_MAX));

    /* A header of 0 to PROOF_LINES field lines: "lines may be NULL when
     * nlines is 0: header absent" (aceh_list_parse), and the refused "NULL
     * lines with nlines > 0" and lines (NULL, n > 0). */
    nlines = any_size(PROOF_LINES);
    any_lines(lines, PROOF_LINES, 0, PROOF_LINES);
    lists(lines, nlines);
    lists(NULL, any_size(PROOF_LINES));
    for (l = 0; l < PROOF_LINES; l++) {
        any_lines(lines, PROOF_LINES, 0, l);
        lists(lines, nlines);
    }

    /* Response (and request) headers: names and values of every byte and
     * length, one of them NULL with a length (refused). */
    for (l = 0; l < PROOF_LINES; l++) {
        headers[l].name_len = any_text(2 * (int)l);
        headers[l].name = text[2 * l];
        headers[l].value_len = any_text(2 * (int)l + 1);
        headers[l].value = text[2 * l + 1];
    }
    filter(headers, any_size(PROOF_LINES));
    filter(NULL, any_size(PROOF_LINES));
    headers[0].name = NULL;
    headers[PROOF_LINES - 1].value = NULL;
    filter(headers, any_size(PROOF_LINES));

    /* The preflight: unsafe[] of any names, and the refused (NULL, n > 0)
     * entries ("A NULL unsafe array with n_unsafe > 0 counts as an
     * unlisted header."). */
    any_lines(lines, PROOF_LINES, 0, PROOF_LINES);
    {
        aceh_str unsafe[PROOF_LINES];
        size_t n_unsafe = any_size(PROOF_LINES);

        any_lines(unsafe, PROOF_LINES, PROOF_LINES, PROOF_LINES);
        preflight(unsafe, n_unsafe, lines, nlines);
        preflight(NULL, n_unsafe, lines, nlines);
        for (l = 0; l < PROOF_LINES; l++) {
            any_lines(unsafe, PROOF_LINES, PROOF_LINES, l);
            preflight(unsafe, n_unsafe, lines, nlines);
        }
    }
    return 0;
}
