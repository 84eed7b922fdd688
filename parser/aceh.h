/* SPDX-License-Identifier: MIT */
/*
 * aceh: Access-Control-Expose-Headers (ACEH) parsing and CORS response-header
 * exposure, as the WHATWG Fetch standard defines it.
 *
 * Vendoring: copy aceh.h and aceh.c into your tree. They need only the C
 * standard library (stddef.h, stdint.h, stdlib.h, string.h). C99; this header also
 * compiles as C++.
 *
 * Common contract of every function below:
 *  - Input bytes are pointer + length; no NUL terminator is needed or read.
 *    (NULL, 0) is the empty string. (NULL, n > 0) is refused with ACEH_E_NULL
 *    (or a "no" answer where a function returns a verdict). The same holds
 *    for every entry of an array argument (field lines, names, headers):
 *    such an entry is never read, and each function says below what it
 *    answers for one.
 *  - No function allocates, recurses, blocks, or touches global mutable
 *    state, except the run-time choice of the SIMD path (below); stack use
 *    is constant (aceh_filter and aceh_filter_scratch: a 12 KiB array and
 *    a few hundred bytes, the others much less). All are reentrant and
 *    thread-safe on distinct objects. No byte outside [p, p+len) is ever
 *    read.
 *  - Offsets are byte offsets into the field-line value as given (before
 *    any trimming). Lines are numbered from 0.
 *  - Sizes and counts are size_t; there is no other limit on the number of
 *    names, lines or bytes.
 *  - Validation, aceh_split and the iterator run on a SIMD fast path:
 *    16-byte blocks (SSE2 on x86-64, SSSE3 when the compiler targets it,
 *    NEON on AArch64), AVX2, AVX-512 BW, or AVX-512 BW with VBMI2. Results
 *    are the same byte for byte on every path.
 *    On x86-64 with gcc or clang 8 or later, the AVX2 and AVX-512 paths are
 *    compiled in any build (function target attributes) and the best one
 *    the CPU and OS support is chosen at the first call that needs it
 *    (cpuid through __builtin_cpu_supports, which checks that the OS saves
 *    the AVX/AVX-512 registers). That choice is the library's only
 *    writable state: one int, read and written with relaxed atomics;
 *    threads that race on the first call store the same value.
 *    Paths the compiler already targets (-mavx2, -march=native) are never
 *    undercut. Macros, when compiling aceh.c:
 *      ACEH_NO_SIMD            portable scalar code only (the iterator
 *                              then keeps no window; defined for the
 *                              caller too, aceh_iter_next_inline skips
 *                              its window test: either way is correct)
 *      ACEH_NO_DISPATCH        only what the compiler targets (no cpuid)
 *      ACEH_DISPATCH_MAX=n     no run-time path above level n (1 SSE2,
 *                              2 AVX2, 3 AVX-512 BW, 4 AVX-512 VBMI2):
 *                              2 leaves the AVX-512 code out; a path the
 *                              compiler already targets stays in
 *      ACEH_FORCE_SSE2, ACEH_FORCE_AVX2, ACEH_FORCE_AVX512 (BW),
 *      ACEH_FORCE_AVX512VBMI2  that path only, without a CPU check: the
 *                              caller guarantees the CPU has it.
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
/* Bumped on every change of a public struct's layout, size or the meaning
 * of its fields (aceh_iter grew in 2: it keeps the names of the current
 * 64-byte window as masks; in 3 its fields became ABI, read by
 * aceh_iter_next_inline, and aceh_iter_init loads the first window). */
#define ACEH_ABI_VERSION 3

/* ACEH_API marks every public function below. By default it is extern,
 * with default visibility where the compiler has it (so a build with
 * -fvisibility=hidden still exports the API). Define ACEH_STATIC before
 * including this header into the file that also includes aceh.c to get a
 * private copy: every function static, nothing exported. A project may
 * define ACEH_API itself (for example as __declspec(dllexport)). */
#if defined(ACEH_API)
/* the project's own */
#elif defined(ACEH_STATIC) && (defined(__GNUC__) || defined(__clang__))
#define ACEH_API static __attribute__((unused))
#elif defined(ACEH_STATIC)
#define ACEH_API static
#elif defined(__GNUC__) && __GNUC__ >= 4 && !defined(_WIN32) && \
    !defined(__CYGWIN__)
#define ACEH_API extern __attribute__((visibility("default")))
#else
#define ACEH_API extern
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
 * The iterator is caller-owned. Only the library writes its fields; they
 * are ABI (ACEH_ABI_VERSION) because aceh_iter_next_inline, compiled into
 * the caller, reads them.
 * ------------------------------------------------------------------------ */
/* A 64-bit mask type without <stdint.h>. C++98 has long long only as an
 * extension: GNU compilers are told not to warn about it here. */
#if defined(__cplusplus) && __cplusplus < 201103L && defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wlong-long"
typedef unsigned long long aceh__u64;
#pragma GCC diagnostic pop
#else
typedef unsigned long long aceh__u64;
#endif

typedef struct aceh_iter {
    const unsigned char *p; /* the value, len bytes (0 when refused) */
    size_t len;
    size_t pos;       /* where the next window or element begins */
    size_t err_off;   /* aceh_iter_error_offset() */
    aceh_status status; /* aceh_iter_status() */
    size_t win;       /* offset of the current window (up to 64 bytes) */
    aceh__u64 wt, ws; /* bit k: a name still to yield starts (wt) or has
                         its last byte (ws) at win + k; always 0 in a
                         build without SIMD */
    aceh__u64 wc;     /* an error after those names: its offset + 1; 0 none */
} aceh_iter;
/* In ACSL (for Frama-C, `make prove`): the bytes an iterator may read;
 * a string the contract accepts (NULL only with length 0, never read). */
/*@ predicate aceh_iter_readable(aceh_iter *it) =
        \valid_read(it->p + (0 .. it->len - 1));
    predicate aceh_readable(char *p, size_t len) =
        p == \null || \valid_read(p + (0 .. len - 1));
    // The arguments of aceh_iter_next and aceh_iter_next_inline.
    predicate aceh_iter_args(aceh_iter *it, aceh_slice *name) =
        \valid(it) && \valid(name) && \separated(it, name) &&
        aceh_iter_readable(it);
 */

/* Start iterating over value [p, p+len). The bytes must stay alive and
 * unchanged while the iterator is used. O(1): it reads at most the first
 * 64 bytes (the first window). */
ACEH_API void aceh_iter_init(aceh_iter *it, const char *p, size_t len);

/* Yield the next name. Returns 1 and fills *name (non-empty, only tchar,
 * in input order). Returns 0 at the end of the value (aceh_iter_status()
 * == ACEH_OK) or on the first error (status < 0, offset from
 * aceh_iter_error_offset()), with *name set to {0, 0}; it keeps returning
 * 0 after that. Amortized O(bytes consumed). */
ACEH_API int aceh_iter_next(aceh_iter *it, aceh_slice *name);

/* aceh_iter_next_inline: at the end of this header. */

/* ACEH_OK while iterating and after a clean end; the error otherwise. */
ACEH_API aceh_status aceh_iter_status(const aceh_iter *it);

/* Byte offset of the first offending byte; 0 when there is no error. */
ACEH_API size_t aceh_iter_error_offset(const aceh_iter *it);

/* Validate one value to its end. Returns ACEH_OK or the first error, with
 * its offset in *err_off (may be NULL) and the number of names before it
 * (or in all, on success) in *count (may be NULL). O(len). */
ACEH_API aceh_status aceh_validate(const char *p, size_t len, size_t *count,
                                   size_t *err_off);

/* Batch tokenizer: aceh_validate that also writes the names of the value,
 * in order, to names[0 .. min(*count, cap)), in one pass over the
 * validation masks. The names are those the iterator yields: on an error,
 * only the whole names before it (*count of them). Nothing is written at
 * or past names[cap], nor, without an error, past names[*count]; on an
 * error, names[*count .. cap) may have been written (a name whose element
 * turned out invalid) and mean nothing. names may be NULL (then cap is
 * ignored and only *count is given). count and err_off may be NULL.
 * Returns ACEH_OK; ACEH_TRUNCATED when names != NULL and the value is
 * valid but has more than cap names (*count tells how many, the first cap
 * are written); or the first error, as aceh_validate (ACEH_E_NULL for
 * NULL p with len > 0). O(len), no allocation. */
ACEH_API aceh_status aceh_split(const char *p, size_t len, aceh_slice *names,
                                size_t cap, size_t *count, size_t *err_off);

/* The SIMD path in use: "scalar", "sse2", "ssse3", "neon", "avx2",
 * "avx512bw" or "avx512vbmi2". Never NULL. */
ACEH_API const char *aceh_simd_path(void);

/* Use the path of that name (as aceh_simd_path spells it) from now on,
 * or the best one again with NULL. Returns 1, or 0 (nothing changed) when
 * this build or CPU has no such path. Meant for tests and benchmarks:
 * every path gives the same results, so a call racing with other threads'
 * work is harmless. */
ACEH_API int aceh_simd_select(const char *name);

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
 * wildcard is 0. O(total bytes). The functions that read a list
 * (aceh_list_name_ptr, aceh_list_decide, aceh_set_init) take it as
 * aceh_list_parse left it, with its names[] and lines unchanged. */
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

/* The Authorization opt-in: an older MDN page says "*" does not cover
 * Authorization, which must be listed by name ("*, Authorization"). Fetch,
 * WPT and browsers have no such rule for this header (it belongs to
 * Access-Control-Allow-Headers, see aceh_preflight_decide); use it as the
 * conservative choice for gateways that strip headers. */
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
 * when all names were stored, else a rescan of the lines. For many queries
 * against a long list, index it once with aceh_set_init(). */
ACEH_API aceh_verdict aceh_list_decide(const aceh_list *list, const char *name,
                                       size_t name_len, aceh_mode mode,
                                       unsigned flags);

/* Name set: an index of a parsed list's names in caller memory, so that
 * each decision costs O(1) expected instead of O(count). The index is a
 * hash table with a fixed hash; when names crafted to collide would make
 * one chain longer than 16 names, it becomes a sorted array instead, so
 * that no list, however crafted, costs more than O(log2(count)) name
 * comparisons per query (each at most the queried name's length).
 * The set borrows the list (and through it the lines and names[]): they
 * must stay alive and unchanged while the set is used. Fields are
 * private. */
typedef struct aceh_set {
    const aceh_list *list;
    unsigned char *a, *b, *order;
    size_t nb, cnt;
    int indexed;
} aceh_set;

/* Bytes of memory aceh_set_init() needs for a list of `count` names
 * (list->count): 8 per name; 0 for none. SIZE_MAX when no memory can hold
 * them (more than 4,294,967,294 names, or a size that overflows). O(1). */
ACEH_API size_t aceh_set_size(size_t count);

/* Build the set of `list` (parsed by aceh_list_parse) in mem, which must
 * hold size bytes (any alignment; mem may be NULL when size is 0). Returns
 * ACEH_OK: the set is ready, including for an absent or invalid list,
 * whose decisions need no index; ACEH_TRUNCATED: size is below
 * aceh_set_size(list->count), or names[] did not hold every name
 * (list->stored < list->count), or a stored name does not lie inside its
 * line (the list or its lines changed after aceh_list_parse): the set
 * still answers, through aceh_list_decide() (O(count) per query);
 * ACEH_E_NULL: list is NULL, or mem is NULL with size > 0
 * (aceh_set_decide then answers ACEH_HIDDEN_INVALID when list is NULL).
 * mem is written, never read before it is written; it must not overlap
 * *set, *list, the list's names[] or its lines[], nor *set the list, its
 * names[] or its lines[]. O(count + bytes of the names) expected, at most
 * O(bytes of the names x log2(count)). */
ACEH_API aceh_status aceh_set_init(aceh_set *set, const aceh_list *list, void *mem,
                                   size_t size);

/* aceh_list_decide() on the set's list, with the same answers for every
 * name, mode and flags. O(name length) expected; at most
 * O(name length x log2(count)). */
ACEH_API aceh_verdict aceh_set_decide(const aceh_set *set, const char *name,
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
 * ACEH_E_NULL: headers or readable NULL with n > 0, or an ACEH line whose
 * value is (NULL, n > 0); a header whose name is (NULL, n > 0) is neither
 * readable nor an ACEH line.
 * The ACEH lines are validated, then split at commas; the header names go
 * into an index of up to 1,536 names in a 12 KiB array on the stack, and
 * every listed name is looked up in it. Cost: O(total bytes + n) expected
 * for n <= 1,536; beyond that the listed names are looked up once per
 * 1,536 headers: O(total bytes + (ACEH names + n) x ceil(n / 1,536)).
 * Worst case, on crafted names (one length, colliding in the fixed hash,
 * "a,a,a,...", one header name repeated): still linear, as each listed
 * name costs at most 16 name comparisons (each at most its length), and
 * a chain of more than 16 names turns the index into a sorted array
 * (merge sort: at most 11 passes, log2(1,536) rounded up, over the
 * header names' bytes; binary search: at most 11 comparisons). Measured:
 * 2x to 3x the time of names that do not collide (bench/README.md). */
ACEH_API aceh_status aceh_filter(const aceh_header *headers, size_t n, aceh_mode mode,
                                 unsigned flags, unsigned char *readable,
                                 size_t *err_index, size_t *err_off);

/* Bytes of scratch memory that let aceh_filter_scratch() index all n
 * headers at once: 0 when n <= 1,536 (the stack suffices), else 8 per
 * header (capped at 8 x 4,294,967,294, and at SIZE_MAX). O(1). */
ACEH_API size_t aceh_filter_scratch_size(size_t n);

/* aceh_filter() with caller scratch memory of size bytes (any alignment;
 * scratch may be NULL when size is 0; its contents on return are
 * unspecified). With size >= aceh_filter_scratch_size(n) the cost is
 * O(total bytes + n) expected for any n (at most O(total bytes x log2(n))
 * on crafted names); a smaller scratch indexes as many headers
 * at a time as it (or the stack) holds. Same results and errors as
 * aceh_filter(), plus ACEH_E_NULL when scratch is NULL with size > 0 (then
 * readable[] is not written). */
ACEH_API aceh_status aceh_filter_scratch(const aceh_header *headers, size_t n,
                                         aceh_mode mode, unsigned flags,
                                         unsigned char *readable, size_t *err_index,
                                         size_t *err_off, void *scratch, size_t size);

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

/* ------------------------------------------------------------------------
 * The preflight half of CORS (Fetch "CORS check", "CORS-preflight fetch",
 * "CORS-safelisted request-header", "CORS-unsafe request-header names").
 * Field lines are given as in the list functions above: one aceh_str per
 * line, nlines 0 = header absent. Values are compared after removing the
 * SP/HTAB an HTTP stack strips from both ends of a field line.
 * ------------------------------------------------------------------------ */

/* Outcome of the CORS check. Positive = pass. Stable values. */
typedef enum aceh_cors {
    ACEH_CORS_PASS = 1,            /* origin matched (and, with include,
                                    * Access-Control-Allow-Credentials is
                                    * exactly `true`) */
    ACEH_CORS_PASS_WILDCARD = 2,   /* `*`, credentials not included */
    ACEH_CORS_NO_ALLOW_ORIGIN = -1,   /* Access-Control-Allow-Origin absent */
    ACEH_CORS_WILDCARD_CREDENTIALS = -2, /* `*` with credentials included */
    ACEH_CORS_ORIGIN_MISMATCH = -3, /* the value (all lines joined by ", ")
                                     * is not the origin byte for byte */
    ACEH_CORS_NO_CREDENTIALS = -4   /* include, and Access-Control-Allow-
                                     * Credentials is not exactly `true` */
} aceh_cors;

/* Short stable name: "pass", "pass-wildcard", "no-allow-origin",
 * "wildcard-credentials", "origin-mismatch", "no-credentials"; "unknown"
 * otherwise. Never NULL. */
ACEH_API const char *aceh_cors_str(aceh_cors c);

/* Fetch's CORS check of a response against the request's serialized
 * origin (`null` for an opaque or tainted origin) and credentials mode.
 * Several lines of one header are joined with ", " first, as Fetch's
 * "get" does, so two Access-Control-Allow-Origin lines never match. A
 * NULL array with nlines > 0, a line (NULL, n > 0), or a NULL origin with
 * origin_len > 0, is a failure (mismatch, or no-credentials). O(total
 * bytes). */
ACEH_API aceh_cors aceh_cors_check(const aceh_str *allow_origin, size_t n_origin,
                                   const aceh_str *allow_credentials, size_t n_cred,
                                   const char *origin, size_t origin_len,
                                   aceh_mode mode);

/* Access-Control-Max-Age in seconds: one field line holding 1*DIGIT
 * (RFC 9110 delta-seconds), values past 2^31 reported as 2147483648
 * (RFC 9111 1.2.2). Absent, several lines or anything else: 5, Fetch's
 * default; *valid (may be NULL) tells which. The caller applies its own
 * cap; browsers cap at 7200 (Chromium), 86400 (Firefox) and 600 (WebKit)
 * seconds. O(bytes). */
ACEH_API unsigned long aceh_max_age(const aceh_str *lines, size_t nlines, int *valid);

/* The request's use-CORS-preflight flag (an upload with listeners, for
 * example): then a missing Access-Control-Allow-Methods lists the
 * request's own method. */
#define ACEH_PF_USE_CORS_PREFLIGHT 0x1u

/* One preflight: the actual request and the response to its OPTIONS. */
typedef struct aceh_preflight {
    const char *origin; /* serialized request origin */
    size_t origin_len;
    const char *method; /* the request's method, normalized (Fetch) */
    size_t method_len;
    /* The request's CORS-unsafe header names, any case and order (for
     * example the names aceh_request_headers() writes); an Authorization
     * header is always among them. Sorted ascending by lower-cased bytes,
     * unique, they are matched in O(log n) each; else in O(n). */
    const aceh_str *unsafe;
    size_t n_unsafe;
    aceh_mode mode;  /* the actual request's credentials mode */
    unsigned flags;  /* ACEH_PF_USE_CORS_PREFLIGHT */
    int status;      /* of the preflight response */
    const aceh_str *allow_origin;      size_t n_allow_origin;
    const aceh_str *allow_credentials; size_t n_allow_credentials;
    const aceh_str *allow_methods;     size_t n_allow_methods;
    const aceh_str *allow_headers;     size_t n_allow_headers;
    const aceh_str *max_age;           size_t n_max_age;
} aceh_preflight;

/* Why a preflight passes or fails, in the order Fetch checks. */
typedef enum aceh_pf_verdict {
    ACEH_PF_PASS = 1,
    ACEH_PF_CORS = -1,          /* the CORS check failed (see cors) */
    ACEH_PF_STATUS = -2,        /* status not 200-299 */
    ACEH_PF_BAD_METHODS = -3,   /* Access-Control-Allow-Methods invalid */
    ACEH_PF_BAD_HEADERS = -4,   /* Access-Control-Allow-Headers invalid */
    ACEH_PF_METHOD = -5,        /* the method is not allowed */
    ACEH_PF_AUTHORIZATION = -6, /* Authorization sent, not listed by name
                                 * (`*` never covers it) */
    ACEH_PF_HEADER = -7         /* an unsafe header name is not allowed */
} aceh_pf_verdict;

/* Short stable name: "pass", "cors", "status", "bad-methods",
 * "bad-headers", "method", "authorization", "header"; "unknown"
 * otherwise. Never NULL. */
ACEH_API const char *aceh_pf_verdict_str(aceh_pf_verdict v);

typedef struct aceh_pf_result {
    aceh_pf_verdict verdict;
    aceh_cors cors;          /* always set */
    aceh_status list_status; /* BAD_METHODS/BAD_HEADERS: the list error */
    size_t err_line, err_off; /* ... its line and offset */
    size_t index;            /* AUTHORIZATION/HEADER: index into unsafe[] */
    unsigned long max_age;   /* seconds (aceh_max_age), set on pass */
} aceh_pf_result;

/* Decide a preflight as Fetch's CORS-preflight fetch does: CORS check
 * (with the actual request's credentials mode) and an ok status; both
 * lists valid (all or nothing, like ACEH); the method listed byte for
 * byte, or GET/HEAD/POST, or `*` without credentials; Authorization listed
 * by name; every other unsafe name listed ASCII case-insensitively, or
 * `*` without credentials. Returns the verdict, also in *res (may be
 * NULL). A NULL unsafe array with n_unsafe > 0 counts as an unlisted
 * header; so does an entry (NULL, n > 0) of unsafe[], a name no response
 * can list: ACEH_PF_HEADER with its index, even under `*` (unless an
 * unlisted Authorization comes first: ACEH_PF_AUTHORIZATION). A (NULL,
 * n > 0) line of Allow-Methods or Allow-Headers makes that list invalid
 * (ACEH_PF_BAD_METHODS / ACEH_PF_BAD_HEADERS, list_status ACEH_E_NULL,
 * err_line the line); one of Allow-Origin or Allow-Credentials fails the
 * CORS check as aceh_cors_check() says; one of Max-Age gives the default.
 * O(total bytes + n_unsafe) when unsafe[] is sorted and unique,
 * O(bytes + names x n_unsafe) otherwise; constant stack. */
ACEH_API aceh_pf_verdict aceh_preflight_decide(const aceh_preflight *pf,
                                               aceh_pf_result *res);

/* 1 if (name, value) is a CORS-safelisted request-header (Fetch): value at
 * most 128 bytes, and Accept, Accept-Language, Content-Language,
 * Content-Type (MIME type essence application/x-www-form-urlencoded,
 * multipart/form-data or text/plain, parsed as the MIME Sniffing standard
 * says) or Range (`bytes=N-` or `bytes=N-M`, N <= M) with a value their
 * rule accepts. O(len). */
ACEH_API int aceh_is_safelisted_request_header(const char *name, size_t name_len,
                                               const char *value, size_t value_len);

/* The Access-Control-Request-Headers value of a request with these n
 * headers: its CORS-unsafe request-header names (every header that is not
 * safelisted, and all of them once the safelisted values pass 1,024 bytes
 * in total), lower-cased, sorted, without duplicates, joined by "," with
 * no space (Fetch). Written snprintf style like aceh_format(): at most
 * cap-1 bytes and a NUL, ACEH_TRUNCATED when cap <= length, *needed (may
 * be NULL) the full length without the NUL. An
 * empty result means no preflight is needed for headers. Errors, with
 * nothing written (buf gets "" when cap > 0): ACEH_E_NULL (headers NULL
 * with n > 0, a NULL name or value with a length, buf NULL with cap > 0)
 * and ACEH_E_BAD_NAME (a name that is not a token), the header's index in
 * *bad_index (may be NULL). O(n^2 + bytes): request header lists are
 * short and the caller's own. */
ACEH_API aceh_status aceh_request_headers(const aceh_header *headers, size_t n,
                                          char *buf, size_t cap, size_t *needed,
                                          size_t *bad_index);

/* The names of an Access-Control-Request-Headers value (one field line,
 * the grammar of aceh_split(): aceh_request_headers() writes one, a server
 * receives one) as strings pointing into value, in order, ready for
 * aceh_preflight.unsafe: names[i].ptr is value plus the offset
 * aceh_split() gives. The same names, count, status and offset as
 * aceh_split() on (value, len), and nothing written past
 * names[min(*count, cap)): ACEH_OK; ACEH_TRUNCATED when names != NULL and
 * the value has more than cap names (the first cap are written, *count
 * tells how many); or the first error, with the whole names before it
 * counted (ACEH_E_NULL for NULL value with len > 0). names may be NULL
 * (cap is then ignored); count and err_off may be NULL. O(len), no
 * allocation. */
ACEH_API aceh_status aceh_request_header_names(const char *value, size_t len,
                                               aceh_str *names, size_t cap,
                                               size_t *count, size_t *err_off);

/* The Access-Control-Allow-Headers value a server echoes for the
 * Access-Control-Request-Headers field lines it received (same grammar):
 * their names in order, joined by ", ". Written snprintf style like
 * aceh_format(). Errors, with nothing written (buf gets "" when cap > 0):
 * a line's error (aceh_list_parse() gives its line and offset), or
 * ACEH_E_NULL (lines NULL with nlines > 0, buf NULL with cap > 0). An
 * empty result means nothing was requested. O(total bytes). */
ACEH_API aceh_status aceh_echo_names(const aceh_str *lines, size_t nlines, char *buf,
                                     size_t cap, size_t *needed);

/* Fetch's method normalization, for the method aceh_preflight_decide()
 * wants: a method that is a byte-case-insensitive match for DELETE, GET,
 * HEAD, OPTIONS, POST or PUT becomes that name in upper case; any other
 * method (PATCH, patch, NEW, ...) stays as given, byte for byte. Returns
 * either a pointer to a constant upper-case name (static storage) or
 * `method` itself; the length never changes, so the result has `len`
 * bytes. Not NUL-terminated when `method` is returned. NULL stays NULL.
 * Allocates nothing; O(len). */
ACEH_API const char *aceh_method_normalize(const char *method, size_t len);

/* Vary (RFC 9110 12.5.5, `#( "*" / field-name )`: the same grammar, `*`
 * being a token) with `name` added, for a server that makes its answer
 * depend on Origin: the names of the field lines in order, joined by ", ",
 * then `name` unless a name already equals it ASCII case-insensitively or
 * is `*` (which already varies on everything). *added (may be NULL) is 1
 * when name was appended. Written and refused like aceh_echo_names(), and
 * ACEH_E_BAD_NAME when name is not a token. O(total bytes). */
ACEH_API aceh_status aceh_vary_add(const aceh_str *lines, size_t nlines,
                                   const char *name, size_t name_len, char *buf,
                                   size_t cap, size_t *needed, int *added);

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
    X(aceh_split) \
    X(aceh_simd_path) \
    X(aceh_simd_select) \
    X(aceh_list_parse) \
    X(aceh_list_name_ptr) \
    X(aceh_verdict_str) \
    X(aceh_decide) \
    X(aceh_exposed) \
    X(aceh_list_decide) \
    X(aceh_set_size) \
    X(aceh_set_init) \
    X(aceh_set_decide) \
    X(aceh_filter) \
    X(aceh_filter_scratch_size) \
    X(aceh_filter_scratch) \
    X(aceh_format) \
    X(aceh_is_name) \
    X(aceh_is_safelisted) \
    X(aceh_is_forbidden) \
    X(aceh_name_eq) \
    X(aceh_cors_str) \
    X(aceh_cors_check) \
    X(aceh_max_age) \
    X(aceh_pf_verdict_str) \
    X(aceh_preflight_decide) \
    X(aceh_is_safelisted_request_header) \
    X(aceh_request_headers) \
    X(aceh_request_header_names) \
    X(aceh_echo_names) \
    X(aceh_vary_add) \
    X(aceh_method_normalize) \
    /* one line per function, each ending in a backslash */

/* The functions aceh.h defines inline (ACEH__HDR_INLINE): the library
 * exports none of them. */
#define ACEH_INLINE_FUNCTIONS(X) \
    X(aceh_iter_next_inline) \
    /* one line per function, each ending in a backslash */

#ifdef __cplusplus
}
#endif

#endif /* ACEH_H */

/* ------------------------------------------------------------------------
 * The functions this header defines inline (ACEH_INLINE_FUNCTIONS), in a
 * part of their own: a file that gives the library's functions other
 * symbol names with asm labels (the fuzz harness's builds do) must declare
 * them before any use, so it defines ACEH_INLINE_LATER, includes this
 * header, renames, undefines ACEH_INLINE_LATER and includes it again.
 * ------------------------------------------------------------------------ */
#if !defined(ACEH_H_INLINE) && !defined(ACEH_INLINE_LATER)
#define ACEH_H_INLINE

/* The header's own inline functions: compiled into the caller, unused
 * in most files that include this header. */
#if defined(__GNUC__) || defined(__clang__)
#define ACEH__HDR_INLINE static inline __attribute__((unused))
#else
#define ACEH__HDR_INLINE static inline
#endif

/* A build without SIMD keeps no window (it->wt stays 0): its names all
 * come from aceh_iter_next. */
#if !defined(ACEH_NO_SIMD)
#if defined(__GNUC__) || defined(__clang__)
#define ACEH__CTZ64(x) ((size_t)__builtin_ctzll(x))
#else
/* x != 0. */
ACEH__HDR_INLINE size_t aceh__ctz64(aceh__u64 x)
{
    size_t n = 0;

    for (; (x & 1u) == 0; x >>= 1)
        n++;
    return n;
}
#define ACEH__CTZ64(x) aceh__ctz64(x)
#endif

/* Internal: the next name of the current window, which has one
 * (it->wt != 0): its start and last byte are the lowest bits left. */
ACEH__HDR_INLINE int aceh__iter_pop(aceh_iter *it, aceh_slice *name)
{
    aceh__u64 t = it->wt, s = it->ws;
    size_t j;

#if defined(__GNUC__) || defined(__clang__)
    /* Keeps the masks in general registers: gcc would pair them in a
     * vector register, which lengthens the loop-carried path. */
    __asm__("" : "+r"(s));
#endif
    j = ACEH__CTZ64(t);
    it->wt = t & (t - 1);
    it->ws = s & (s - 1);
    name->off = it->win + j;
    name->len = ACEH__CTZ64(s) + 1 - j;
    return 1;
}
#endif

/* aceh_iter_next, with the same contract, for loops where the call is
 * most of the cost: the next name of the current window and the end of
 * the value come without a call (a few instructions on the caller's
 * registers); the rest (the next window, an element longer than one, an
 * error) through aceh_iter_next. Calls of both may be mixed on one
 * iterator. */
/*@ requires aceh_iter_args(it, name);
    assigns it->pos, it->err_off, it->status, it->win, it->wt, it->ws,
            it->wc, name->off, name->len;
    ensures \result != 0 ==> 1 <= name->len && name->off + name->len <= it->len;
    ensures \result != 0 ==>
            \valid_read(it->p + (name->off .. name->off + name->len - 1));
    ensures \result == 0 ==> name->len == 0;
 */
ACEH__HDR_INLINE int aceh_iter_next_inline(aceh_iter *it, aceh_slice *name)
{
#if !defined(ACEH_NO_SIMD)
    if (it->wt != 0)
        return aceh__iter_pop(it, name);
#endif
    /* An error waiting in it->wc stops its window before its element, so
     * the window never reaches the end then. */
    if (it->pos >= it->len) {
        name->off = 0;
        name->len = 0;
        return 0;
    }
    return aceh_iter_next(it, name);
}

#endif /* ACEH_H_INLINE */
