/* SPDX-License-Identifier: MIT */
/* The input layout shared by the decision, builder and differential
 * harnesses (and by the seed generator, which writes it):
 *   byte 0  control: bits 0-1 credentials mode (3 = a value outside the
 *           enum, which must behave as include), bit 2 the
 *           ACEH_F_WILDCARD_EXCLUDES_AUTHORIZATION flag, bit 3 "NULL
 *           pointers": an empty piece becomes (NULL, 0) and a piece
 *           starting with a NUL byte (NULL, its length), which aceh.h
 *           refuses; bits 4-7 a capacity selector;
 *   byte 1  separator byte S;
 *   rest    split on S: the first piece is the queried name, every
 *           further piece one ACEH field line (no S at all: header absent;
 *           a trailing S: one more, empty line).
 * The fuzzer picks S, so any byte can still appear inside a line. Every
 * piece is copied into its own exact-size block (fuzz_xmalloc) so that
 * ASan sees a read one byte before or past any line. */
#ifndef ACEH_FUZZ_INPUT_H
#define ACEH_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "aceh.h"

#define FUZZ_CTL_MODE_MASK 0x03u
#define FUZZ_CTL_FLAG_AUTH 0x04u
#define FUZZ_CTL_NULL_EMPTY 0x08u
#define FUZZ_CTL_CAP_SHIFT 4

typedef struct fuzz_case {
    unsigned ctl;
    aceh_mode mode;
    unsigned flags;
    unsigned cap_sel;  /* 0-15 from the control byte */
    unsigned char sep;
    aceh_str name;     /* first piece */
    aceh_str *lines;   /* further pieces; NULL when nlines is 0 */
    size_t nlines;
    aceh_str *pieces;  /* all pieces in order: name, then lines */
    size_t npieces;
    char *empty;       /* the one zero-size allocation empty pieces share */
} fuzz_case;

/* Split data as above. Starts a new execution: first releases every block
 * of the previous one (fuzz_release). Returns 0 (and an empty case) when
 * size < 2. */
int fuzz_case_load(fuzz_case *fc, const uint8_t *data, size_t size);
/* The end of an execution: fuzz_release, and an empty case. */
void fuzz_case_free(fuzz_case *fc);

/* Print "what" and the failed condition, then abort(): every harness
 * check funnels through here so a finding always ends as a crash. */
#define FUZZ_CHECK(cond)                                                   \
    do {                                                                   \
        if (!(cond))                                                       \
            fuzz_fail(__FILE__, __LINE__, #cond);                          \
    } while (0)
void fuzz_fail(const char *file, int line, const char *what);

/* Between these two, SanitizerCoverage leaves the code alone: the
 * harnesses' own checks and loops are not the code under test, and their
 * comparison hooks (one per byte of a loop) cost more CPU than the
 * library itself; the library's own branches guide the fuzzer.
 * clang 13+ only; elsewhere they expand to nothing. */
#if defined(__clang__) && __clang_major__ >= 13
#define FUZZ_COVERAGE_OFF                                                  \
    _Pragma("clang attribute push(__attribute__((no_sanitize(\"coverage\"))), apply_to = function)")
#define FUZZ_COVERAGE_ON _Pragma("clang attribute pop")
#else
#define FUZZ_COVERAGE_OFF
#define FUZZ_COVERAGE_ON
#endif

/* Harness memory for the current execution (never the library's): a
 * block of exactly n bytes (n may be 0), 16-byte aligned, valid until
 * fuzz_release. Under ASan the bytes around it (at least 16 either side)
 * are poisoned, as malloc's redzones are, so an out-of-bounds read of the
 * library is reported. Aborts when out of memory. Not to be passed to
 * free(). O(1) apart from a rare malloc of a bigger chunk. */
void *fuzz_xmalloc(size_t n);
/* Take back every block fuzz_xmalloc handed out (poisoned again under
 * ASan). Keeps the memory for the next execution. */
void fuzz_release(void);

#endif
