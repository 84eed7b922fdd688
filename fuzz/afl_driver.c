/* SPDX-License-Identifier: MIT */
/* AFL++ driver for the libFuzzer-style harnesses: persistent mode with
 * shared-memory test cases (afl-clang-fast provides __AFL_FUZZ_INIT,
 * __AFL_LOOP and __AFL_FUZZ_TESTCASE_*). Each test case is copied into
 * its own exact-size allocation: the shared-memory buffer is larger than
 * the input, so ASan could not see an over-read there. With arguments it
 * replays files and folders instead, like the plain replay driver, and
 * prints the slowest one's time. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h> /* read(), used by __AFL_FUZZ_TESTCASE_LEN */

#include "replay.h"

#ifndef __AFL_FUZZ_TESTCASE_LEN
#error "build with afl-clang-fast (AFL++ persistent shared-memory mode)"
#endif

/* AFL++'s own macros use GNU statement expressions, a stray ';' and a
 * signed/unsigned, 64/32-bit mix; silence exactly those, for this file only. */
#pragma clang diagnostic ignored "-Wgnu-statement-expression"
#pragma clang diagnostic ignored "-Wextra-semi"
#pragma clang diagnostic ignored "-Wsign-conversion"
#pragma clang diagnostic ignored "-Wshorten-64-to-32"

__AFL_FUZZ_INIT();

int main(int argc, char **argv)
{
    unsigned char *shm;

    if (argc > 1) {
        size_t n;
        int bad = replay_paths(argv + 1, argc - 1, 0, &n);
        fprintf(stderr, "replayed %zu input(s), slowest %.1f ms: %s\n", n,
                replay_slowest_ms, replay_slowest_path);
        return bad ? 1 : 0;
    }
    __AFL_INIT();
    shm = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(100000)) {
        size_t len = (size_t)__AFL_FUZZ_TESTCASE_LEN;
        uint8_t *copy = malloc(len ? len : 1);
        if (copy == NULL)
            abort();
        if (len)
            memcpy(copy, shm, len);
        LLVMFuzzerTestOneInput(copy, len);
        free(copy);
    }
    return 0;
}
