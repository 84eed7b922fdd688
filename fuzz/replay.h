/* SPDX-License-Identifier: MIT */
/* Replays files and folders through LLVMFuzzerTestOneInput without any
 * fuzzing engine (shared by the plain replay driver and the AFL++ driver). */
#ifndef ACEH_FUZZ_REPLAY_H
#define ACEH_FUZZ_REPLAY_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Run every regular file named in paths (folders: each regular file in
 * them, not recursive, sorted by name), each in its own exact-size
 * allocation. Prints one line per file when verbose. Returns the number
 * of paths that could not be read (0 = all replayed); a failing check
 * inside the harness aborts instead. */
int replay_paths(char **paths, int n, int verbose, size_t *replayed);

/* The slowest input replayed so far: its wall time in milliseconds and
 * its path (run-afl.sh sizes afl-fuzz's -t from it). */
extern double replay_slowest_ms;
extern char replay_slowest_path[1024];

#endif
