/* SPDX-License-Identifier: MIT */
/* The machine a benchmark ran on, read from /proc/cpuinfo: shared by
 * `make bench` (bench/bench.c) and `make bench-ab` (bench/ab.c), which
 * both print it above their figures. */
#ifndef ACEH_BENCH_CPUINFO_H
#define ACEH_BENCH_CPUINFO_H

#include <stdio.h>
#include <string.h>

/* The value of the first "key<SP or TAB...>: value" line of /proc/cpuinfo
 * (the first CPU's) into out (cap bytes, NUL-terminated), or "unknown".
 * Lines longer than 4 KiB (a long "flags" line) are cut there. */
static void bench_cpuinfo(const char *key, char *out, size_t cap)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[4096];
    const size_t klen = strlen(key);

    snprintf(out, cap, "unknown");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        char *c = strchr(line, ':');

        if (c != NULL && strncmp(line, key, klen) == 0 &&
            strspn(line + klen, " \t") == (size_t)(c - line) - klen) {
            snprintf(out, cap, "%s", c + 1 + (c[1] == ' '));
            out[strcspn(out, "\n")] = '\0';
            break;
        }
    }
    fclose(f);
}

#endif
