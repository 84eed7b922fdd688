/* SPDX-License-Identifier: MIT */
/*
 * aceh: Access-Control-Expose-Headers (ACEH) parsing and CORS response-header
 * exposure, as the WHATWG Fetch standard defines it.
 *
 * Vendoring: copy aceh.h and aceh.c into your tree. They need only the C
 * standard library (stddef.h, string.h, stdint.h). C99; this header also
 * compiles as C++.
 *
 * Common contract of every function below:
 *  - Input bytes are pointer + length; no NUL terminator is needed or read.
 *    (NULL, 0) is the empty string. (NULL, n > 0) is refused with ACEH_E_NULL
 *    (or a "no" answer where a function returns a verdict).
 *  - No function allocates, recurses, blocks, or touches global mutable
 *    state; stack use is constant. All are reentrant and thread-safe on
 *    distinct objects. No byte outside [p, p+len) is ever read.
 *  - Offsets are byte offsets into the field-line value as given (before
 *    any trimming). Lines are numbered from 0.
 *  - Sizes and counts are size_t; there is no other limit on the number of
 *    names, lines or bytes.
 *  - Validation runs on a SIMD fast path chosen at compile time (SSE2 on
 *    x86-64, SSSE3/AVX2 when the compiler targets them, NEON on AArch64);
 *    define ACEH_NO_SIMD for the portable scalar code. Results are the
 *    same byte for byte.
 */
#ifndef ACEH_H
#define ACEH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ACEH_VERSION_MAJOR 0
#define ACEH_VERSION_MINOR 1
#define ACEH_VERSION_PATCH 0
#define ACEH_VERSION_STRING "0.1.0"
#define ACEH_ABI_VERSION 1 /* the soname's number: bump it on an ABI change */

/* ACEH_API marks every public function below. By default it is extern,
 * with default visibility where the compiler has it (so a build with
 * -fvisibility=hidden still exports the API). Define ACEH_STATIC before
 * including this header into the file that also includes aceh.c to get a
 * private copy: every function static, nothing exported. A project may
 * define ACEH_API itself (for example as __declspec(dllexport)). */
#ifndef ACEH_API
#if defined(ACEH_STATIC) && (defined(__GNUC__) || defined(__clang__))
#define ACEH_API static __attribute__((unused))
#elif defined(ACEH_STATIC)
#define ACEH_API static
#elif defined(__GNUC__) && __GNUC__ >= 4 && !defined(_WIN32) && \
    !defined(__CYGWIN__)
#define ACEH_API extern __attribute__((visibility("default")))
#else
#define ACEH_API extern
#endif
#endif

/* Version string of the linked library (compare with ACEH_VERSION_STRING). */
ACEH_API const char *aceh_version(void);

/* Status codes. Values are stable and part of the ABI. Negative = error. */
typedef enum aceh_status {
    ACEH_OK = 0,
    /* Valid input, but the caller's array or buffer was too small; the full
     * count or size is reported so the caller can retry. */
    ACEH_TRUNCATED = 1,
    /* CR, LF or NUL: bytes that can never appear in a field value. */
    ACEH_E_VALUE_BYTE = -1,
    /* Any other byte that is neither tchar, SP, HTAB nor ',' where a name or
     * separator is expected: delimiters "(),/:;<=>?@[\]{} (except ','), VT,
     * FF, other controls, 0x7F, 0x80-0xFF. */
    ACEH_E_NAME_BYTE = -2,
    /* Two names separated by whitespace without a comma ("no no"); the
     * offset is that of the second name's first byte. */
    ACEH_E_MISSING_COMMA = -3,
    /* Builder: a name that is not a token (empty or a non-tchar byte). */
    ACEH_E_BAD_NAME = -4,
    /* A NULL pointer with a non-zero length. */
    ACEH_E_NULL = -5
} aceh_status;

/* Short stable name of a status: "ok", "truncated", "value-byte",
 * "name-byte", "missing-comma", "bad-name", "null"; "unknown" otherwise.
 * Never NULL. */
ACEH_API const char *aceh_status_str(aceh_status s);

/* A borrowed byte string: a field-line value, a header name, a name to
 * format. */
typedef struct aceh_str {
    const char *ptr;
    size_t len;
} aceh_str;

/* A name found by the tokenizer: bytes [off, off+len) of the input. */
typedef struct aceh_slice {
    size_t off;
    size_t len;
} aceh_slice;

/* A name found in a multi-line header: bytes [off, off+len) of line `line`. */
typedef struct aceh_name {
    size_t line;
    size_t off;
    size_t len;
} aceh_name;

/* ------------------------------------------------------------------------
 * Tokenizer: one field-line value, RFC 9110 #field-name in recipient form
 *   [ token ] *( OWS "," OWS [ token ] ),  OWS = *( SP / HTAB )
 * Empty elements (",a", "a,", "a,,b", "a , , b", "", "  ") are skipped.
 * The iterator is caller-owned; its fields are private (read them through
 * the functions below).
 * ------------------------------------------------------------------------ */
typedef struct aceh_iter {
    const unsigned char *p;
    size_t len;
    size_t pos;
    size_t err_off;
    aceh_status status;
} aceh_iter;

/* Start iterating over value [p, p+len). The bytes must stay alive and
 * unchanged while the iterator is used. O(1). */
ACEH_API void aceh_iter_init(aceh_iter *it, const char *p, size_t len);

/* Yield the next name. Returns 1 and fills *name (non-empty, only tchar,
 * in input order). Returns 0 at the end of the value (aceh_iter_status()
 * == ACEH_OK) or on the first error (status < 0, offset from
 * aceh_iter_error_offset()); it keeps returning 0 after that. Amortized
 * O(bytes consumed). */
ACEH_API int aceh_iter_next(aceh_iter *it, aceh_slice *name);

/* ACEH_OK while iterating and after a clean end; the error otherwise. */
ACEH_API aceh_status aceh_iter_status(const aceh_iter *it);

/* Byte offset of the first offending byte; 0 when there is no error. */
ACEH_API size_t aceh_iter_error_offset(const aceh_iter *it);

/* Validate one value to its end. Returns ACEH_OK or the first error, with
 * its offset in *err_off (may be NULL) and the number of names before it
 * (or in all, on success) in *count (may be NULL). O(len). */
ACEH_API aceh_status aceh_validate(const char *p, size_t len, size_t *count,
                                   size_t *err_off);

/* ------------------------------------------------------------------------
 * Whole header: several field lines, combined in order. One invalid element
 * in any line voids the whole header (Fetch "extract header list values").
 * ------------------------------------------------------------------------ */
typedef struct aceh_list {
    const aceh_str *lines; /* borrowed; must outlive the list */
    size_t nlines;         /* 0 = header absent */
    aceh_name *names;      /* caller's array (may be NULL) */
    size_t stored;         /* entries written to names[] */
    size_t count;          /* names in the header (up to the error if any) */
    size_t err_line;       /* on error: failing line ... */
    size_t err_off;        /* ... and byte offset in it */
    aceh_status status;    /* ACEH_OK, ACEH_TRUNCATED or an error */
    int wildcard;          /* an element is exactly "*" (valid headers only) */
} aceh_list;

/* Parse nlines field lines (lines may be NULL when nlines is 0: header
 * absent). Every line is validated to its end, even when names[] is full.
 * names (may be NULL, then cap is ignored) receives up to cap names in
 * order. Returns and stores in list->status: ACEH_OK; ACEH_TRUNCATED when
 * names != NULL and the header is valid but has more than cap names
 * (list->count tells how many; queries still work, by rescanning); or the
 * first error (NULL lines with nlines > 0, or a line's error) with
 * err_line/err_off; count then holds the names before the error and
 * wildcard is 0. O(total bytes). */
ACEH_API aceh_status aceh_list_parse(aceh_list *list, const aceh_str *lines,
                                     size_t nlines, aceh_name *names, size_t cap);

/* Bytes of name i (i < list->stored) as a pointer into its line. */
ACEH_API const char *aceh_list_name_ptr(const aceh_list *list, size_t i);

/* ------------------------------------------------------------------------
 * Exposure decision (Fetch: main fetch ACEH step + CORS filtered response)
 * ------------------------------------------------------------------------ */
typedef enum aceh_mode { /* request credentials mode */
    ACEH_OMIT = 0,
    ACEH_SAME_ORIGIN = 1, /* on a cross-origin request: behaves like omit */
    ACEH_INCLUDE = 2      /* any other value is treated as include */
} aceh_mode;

/* Opt-in: the seed (an older MDN page) says "*" does not cover
 * Authorization, which must be listed by name ("*, Authorization"). Fetch,
 * WPT and browsers have no such rule; use it as the conservative choice
 * for gateways that strip headers. */
#define ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION 0x1u

/* Why a header is or is not readable. Positive = exposed. Stable values. */
typedef enum aceh_verdict {
    ACEH_EXPOSED_SAFELISTED = 1,  /* one of the seven safelisted names */
    ACEH_EXPOSED_LISTED = 2,      /* named in a valid list */
    ACEH_EXPOSED_WILDCARD = 3,    /* "*" in a valid list, mode not include */
    ACEH_HIDDEN_FORBIDDEN = -1,   /* Set-Cookie, Set-Cookie2: never */
    ACEH_HIDDEN_BAD_NAME = -2,    /* the queried name is not a token */
    ACEH_HIDDEN_ABSENT = -3,      /* no ACEH header */
    ACEH_HIDDEN_INVALID = -4,     /* the header is invalid: safelist only */
    ACEH_HIDDEN_NOT_LISTED = -5,  /* valid list without that name */
    ACEH_HIDDEN_AUTHORIZATION = -6 /* wildcard, flag set, not listed */
} aceh_verdict;

/* Short stable name: "safelisted", "listed", "wildcard", "forbidden",
 * "bad-name", "absent", "invalid", "not-listed", "authorization";
 * "unknown" otherwise. Never NULL. */
ACEH_API const char *aceh_verdict_str(aceh_verdict v);

/* One-shot: is response header `name` readable by the script, given the
 * ACEH field lines (nlines 0 = absent), mode and flags? The name is matched
 * ASCII case-insensitively and not trimmed. Validates every line to its
 * end. O(total bytes + name length). */
ACEH_API aceh_verdict aceh_decide(const aceh_str *lines, size_t nlines,
                                  const char *name, size_t name_len, aceh_mode mode,
                                  unsigned flags);

/* aceh_decide() > 0. */
ACEH_API int aceh_exposed(const aceh_str *lines, size_t nlines, const char *name,
                          size_t name_len, aceh_mode mode, unsigned flags);

/* Same decision against a parsed list (parse once, query many): O(count)
 * when all names were stored, else a rescan of the lines. */
ACEH_API aceh_verdict aceh_list_decide(const aceh_list *list, const char *name,
                                       size_t name_len, aceh_mode mode,
                                       unsigned flags);

/* ------------------------------------------------------------------------
 * Response filter: the CORS filtered response in one pass.
 * ------------------------------------------------------------------------ */
typedef struct aceh_header { /* same shape as picohttpparser's phr_header */
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} aceh_header;

/* For each of the n response headers, readable[i] = 1 if a script may read
 * it in this mode, else 0. The ACEH lines are the headers whose name is
 * Access-Control-Expose-Headers (ASCII case-insensitive), in order. Returns
 * the status of the combined ACEH header (ACEH_OK when absent; an error
 * means only safelisted headers are readable), with the failing header's
 * index and offset in *err_index / *err_off (either may be NULL).
 * O(n * ACEH names) name comparisons; the ACEH lines are validated, then
 * split at commas. */
ACEH_API aceh_status aceh_filter(const aceh_header *headers, size_t n, aceh_mode mode,
                                 unsigned flags, unsigned char *readable,
                                 size_t *err_index, size_t *err_off);

/* ------------------------------------------------------------------------
 * Builder and predicates
 * ------------------------------------------------------------------------ */

/* Format n names as "a, b, c" into buf (snprintf style: at most cap-1
 * bytes plus a NUL when cap > 0; buf may be NULL when cap is 0). Names are
 * kept in order, duplicates included. *needed (may be NULL) gets the full
 * length without the NUL. Returns ACEH_OK, ACEH_TRUNCATED when cap <=
 * length, ACEH_E_NULL when buf is NULL and cap > 0, or ACEH_E_BAD_NAME /
 * ACEH_E_NULL with the offending name's index in *bad_index (may be NULL);
 * on error no name is written (buf gets "" when cap > 0). O(total bytes). */
ACEH_API aceh_status aceh_format(const aceh_str *names, size_t n, char *buf,
                                 size_t cap, size_t *needed, size_t *bad_index);

/* 1 if [p, p+len) is a valid header name (1*tchar), else 0. */
ACEH_API int aceh_is_name(const char *p, size_t len);
/* 1 if it is a CORS-safelisted response-header name (case-insensitive). */
ACEH_API int aceh_is_safelisted(const char *p, size_t len);
/* 1 if it is a forbidden response-header name (Set-Cookie, Set-Cookie2). */
ACEH_API int aceh_is_forbidden(const char *p, size_t len);
/* 1 if the two byte strings are equal ASCII case-insensitively. */
ACEH_API int aceh_name_eq(const char *a, size_t alen, const char *b, size_t blen);

/* Every public function, once, in the order declared above: X(name).
 * For code that has to name each function (builds with renamed symbols,
 * wrappers, loaders). Adding a function: declare it above with ACEH_API
 * and add its line here; `make api-check` fails when the two differ. */
#define ACEH_FUNCTIONS(X) \
    X(aceh_version) \
    X(aceh_status_str) \
    X(aceh_iter_init) \
    X(aceh_iter_next) \
    X(aceh_iter_status) \
    X(aceh_iter_error_offset) \
    X(aceh_validate) \
    X(aceh_list_parse) \
    X(aceh_list_name_ptr) \
    X(aceh_verdict_str) \
    X(aceh_decide) \
    X(aceh_exposed) \
    X(aceh_list_decide) \
    X(aceh_filter) \
    X(aceh_format) \
    X(aceh_is_name) \
    X(aceh_is_safelisted) \
    X(aceh_is_forbidden) \
    X(aceh_name_eq) \
    /* one line per function, each ending in a backslash */

#ifdef __cplusplus
}
#endif

#endif /* ACEH_H */
