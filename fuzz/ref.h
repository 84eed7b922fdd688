/* SPDX-License-Identifier: MIT */
/* A deliberately plain reference for the differential harness, written
 * straight from RFC 9110 (tchar, OWS, the #list recipient form) and the
 * Fetch decision as docs/SPEC.md states it: byte by byte, no tables, no
 * shortcuts. It shares only the types and status/verdict values of
 * aceh.h, never its code. Results follow the aceh.h contracts. */
#ifndef ACEH_FUZZ_REF_H
#define ACEH_FUZZ_REF_H

#include <stddef.h>

#include "aceh.h"

int ref_is_tchar(unsigned char c);
int ref_is_ows(unsigned char c);
/* CR, LF, NUL: bytes no field value can contain. */
int ref_is_value_forbidden(unsigned char c);
int ref_is_name(const char *p, size_t len);
int ref_name_eq(const char *a, size_t alen, const char *b, size_t blen);
int ref_is_safelisted(const char *p, size_t len);
int ref_is_forbidden(const char *p, size_t len);

/* One field value. Stores up to cap slices in out (may be NULL when cap is
 * 0), the number of valid names before the first invalid element (or all)
 * in *count and the offending byte's offset (0 on success) in *err_off. */
aceh_status ref_tokenize(const char *p, size_t len, aceh_slice *out,
                         size_t cap, size_t *count, size_t *err_off);

/* Whole header, with the aceh_list_parse contract; fills the same fields
 * of *list (lines, nlines, names, stored, count, err_line, err_off, status,
 * wildcard). */
aceh_status ref_list_parse(aceh_list *list, const aceh_str *lines,
                           size_t nlines, aceh_name *names, size_t cap);

/* A header tokenized once, for many queries: valid, holds "*", and every
 * name in order (ptr into the lines). ref_decide = scan + decide + free.
 * The reference's own arrays come from the harness arena (fuzz_xmalloc,
 * fuzz/input.h): valid until the execution ends; ref_header_free only
 * forgets them. */
typedef struct ref_header {
    int valid, wildcard;
    size_t nlines;
    aceh_str *names;
    size_t nnames;
} ref_header;
void ref_header_scan(ref_header *h, const aceh_str *lines, size_t nlines);
aceh_verdict ref_header_decide(const ref_header *h, const char *name,
                               size_t name_len, aceh_mode mode,
                               unsigned flags);
void ref_header_free(ref_header *h);

aceh_verdict ref_decide(const aceh_str *lines, size_t nlines,
                        const char *name, size_t name_len, aceh_mode mode,
                        unsigned flags);

aceh_status ref_filter(const aceh_header *headers, size_t n, aceh_mode mode,
                       unsigned flags, unsigned char *readable,
                       size_t *err_index, size_t *err_off);

aceh_status ref_format(const aceh_str *names, size_t n, char *buf,
                       size_t cap, size_t *needed, size_t *bad_index);

/* The names aceh.h documents for each value ("unknown" otherwise). */
const char *ref_status_str(aceh_status s);
const char *ref_verdict_str(aceh_verdict v);
const char *ref_cors_str(aceh_cors c);
const char *ref_pf_verdict_str(aceh_pf_verdict v);
/* 1 if s is "MAJOR.MINOR.PATCH" of aceh.h's version macros, as is
 * ACEH_VERSION_STRING. */
int ref_version_is(const char *s);
/* 1 if name is one of the SIMD path names aceh.h lists. */
int ref_simd_path_known(const char *name);
/* aceh_set_size and aceh_filter_scratch_size as aceh.h states them. */
size_t ref_set_size(size_t count);
size_t ref_filter_scratch_size(size_t n);

#endif
