/* SPDX-License-Identifier: MIT */
/* The fuzz harnesses, one X(name) line each for fuzz/<name>_fuzzer.c: the
 * one list. fuzz/fuzz.mk, the fuzz/ scripts and .clusterfuzzlite/build.sh
 * read the names of the X(...) lines (sed), fuzz/seeds.c includes it. A
 * new harness is one line here (see fuzz/README.md). */
#define FUZZ_HARNESSES(X) \
    X(tokenizer) \
    X(decision) \
    X(builder) \
    X(differential) \
    X(preflight)
