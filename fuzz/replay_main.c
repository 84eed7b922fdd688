/* SPDX-License-Identifier: MIT */
/* Plain replay driver: any harness, any C compiler, no fuzzing engine.
 *   <harness>_replay [-v] FILE|DIR...
 * Exits 0 when every input ran (a failing check aborts), 1 when a path
 * could not be read, 2 on usage errors. */
#include <stdio.h>
#include <string.h>

#include "replay.h"

int main(int argc, char **argv)
{
    int verbose = 0, first = 1, bad;
    size_t n;

    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        verbose = 1;
        first = 2;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: %s [-v] FILE|DIR...\n", argv[0]);
        return 2;
    }
    bad = replay_paths(argv + first, argc - first, verbose, &n);
    printf("%s: replayed %zu input(s)%s, slowest %.1f ms (%s)\n", argv[0], n,
           bad ? ", some paths unreadable" : "", replay_slowest_ms,
           replay_slowest_path);
    return bad ? 1 : 0;
}
