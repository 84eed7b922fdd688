/* SPDX-License-Identifier: MIT */
#include "replay.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

double replay_slowest_ms;
char replay_slowest_path[1024];

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Name the failing file whichever way the run dies: abort() from a
 * harness check (SIGABRT), or a sanitizer report (its death callback,
 * present only when a sanitizer runtime is linked). */
static const char *current;

static void say_current(void)
{
    static const char pre[] = "replay: failing input: ";
    if (current == NULL)
        return;
    if (write(2, pre, sizeof pre - 1) < 0 ||
        write(2, current, strlen(current)) < 0 || write(2, "\n", 1) < 0)
        return;
}

static void on_abort(int sig)
{
    say_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

extern void __sanitizer_set_death_callback(void (*cb)(void))
    __attribute__((weak));

static void install_reporters(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    signal(SIGABRT, on_abort);
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(say_current);
}

static int run_file(const char *path, int verbose)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, got;

    if (f == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return 1;
    }
    for (;;) {
        if (len == cap) {
            uint8_t *nb;
            cap = cap ? cap * 2 : 4096;
            nb = realloc(buf, cap);
            if (nb == NULL) {
                fclose(f);
                free(buf);
                fprintf(stderr, "replay: %s: out of memory\n", path);
                return 1;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "replay: %s: read error\n", path);
        fclose(f);
        free(buf);
        return 1;
    }
    fclose(f);
    {
        /* Exact size, so ASan sees a read one byte past the input. */
        uint8_t *exact = malloc(len ? len : 1);
        if (exact == NULL) {
            free(buf);
            return 1;
        }
        if (len)
            memcpy(exact, buf, len);
        free(buf);
        if (verbose)
            fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
        double t0, ms;
        current = path;
        t0 = now_ms();
        LLVMFuzzerTestOneInput(exact, len);
        ms = now_ms() - t0;
        current = NULL;
        if (ms > replay_slowest_ms) {
            replay_slowest_ms = ms;
            snprintf(replay_slowest_path, sizeof replay_slowest_path, "%s",
                     path);
        }
        free(exact);
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, int verbose, size_t *replayed)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int bad = 0;

    if (d == NULL) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t need = strlen(dir) + strlen(e->d_name) + 2;
        char *p;
        struct stat st;
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden files such as .gitkeep */
        p = malloc(need);
        if (p == NULL)
            abort();
        snprintf(p, need, "%s/%s", dir, e->d_name);
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            if (names == NULL)
                abort();
        }
        names[n++] = p;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (i = 0; i < n; i++) {
        if (run_file(names[i], verbose) != 0)
            bad++;
        else
            (*replayed)++;
        free(names[i]);
    }
    free(names);
    return bad;
}

int replay_paths(char **paths, int n, int verbose, size_t *replayed)
{
    int i, bad = 0;
    struct stat st;

    *replayed = 0;
    install_reporters();
    for (i = 0; i < n; i++) {
        if (stat(paths[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", paths[i], strerror(errno));
            bad++;
        } else if (S_ISDIR(st.st_mode)) {
            bad += run_dir(paths[i], verbose, replayed);
        } else if (run_file(paths[i], verbose) != 0) {
            bad++;
        } else {
            (*replayed)++;
        }
    }
    return bad;
}
