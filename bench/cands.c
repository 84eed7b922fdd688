/* SPDX-License-Identifier: MIT */
/* See cands.h. Build with -DBENCH_PREFIX=native_|portable_|inline_; the
 * portable_ and inline_ builds force-include rename.h, and inline_ also
 * defines BENCH_INLINE to compile the library into this file. */
#include "cands.h"

#include <stdlib.h>

#if defined(BENCH_INLINE)
#include "../parser/aceh.c"
#endif

#define CAND_CAT(a, b) a##b
#define CAND_XCAT(a, b) CAND_CAT(a, b)
#define CAND(name) CAND_XCAT(BENCH_PREFIX, name)

size_t CAND(validate_all)(const bench_val *v, size_t n)
{
    size_t i, sum = 0, count, off;

    for (i = 0; i < n; i++) {
        aceh_status st = aceh_validate(v[i].p, v[i].len, &count, &off);
        sum += count + off + (size_t)(st < 0);
    }
    return sum;
}

/* The iterator loop as aceh.h recommends it, with aceh_iter_next_inline. */
size_t CAND(iterate_all)(const bench_val *v, size_t n)
{
    size_t i, sum = 0;

    for (i = 0; i < n; i++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, v[i].p, v[i].len);
        while (aceh_iter_next_inline(&it, &s))
            sum += s.off + s.len;
        sum += aceh_iter_error_offset(&it);
    }
    return sum;
}

/* The same with a call of aceh_iter_next per name. */
size_t CAND(iterate_call_all)(const bench_val *v, size_t n)
{
    size_t i, sum = 0;

    for (i = 0; i < n; i++) {
        aceh_iter it;
        aceh_slice s;

        aceh_iter_init(&it, v[i].p, v[i].len);
        while (aceh_iter_next(&it, &s))
            sum += s.off + s.len;
        sum += aceh_iter_error_offset(&it);
    }
    return sum;
}

/* aceh_split of each value into one array with room for all its names
 * (grown as needed, outside the timed batches after calibration). */
size_t CAND(split_all)(const bench_val *v, size_t n)
{
    static aceh_slice *buf;
    static size_t cap;
    size_t i, sum = 0, count, off;

    for (i = 0; i < n; i++) {
        const size_t need = v[i].len / 2 + 1;

        if (need > cap) {
            free(buf);
            buf = malloc(need * sizeof *buf);
            if (buf == NULL)
                abort();
            cap = need;
        }
        (void)aceh_split(v[i].p, v[i].len, buf, cap, &count, &off);
        sum += count + off + (count ? buf[count - 1].off : 0);
    }
    return sum;
}

size_t CAND(parse_all)(const bench_val *v, size_t n)
{
    size_t i, sum = 0;

    for (i = 0; i < n; i++) {
        aceh_str line;
        aceh_name names[64];
        aceh_list list;

        line.ptr = v[i].p;
        line.len = v[i].len;
        aceh_list_parse(&list, &line, 1, names, 64);
        sum += list.count + (size_t)list.wildcard;
    }
    return sum;
}

size_t CAND(decide_oneshot)(const bench_val *v, size_t n, const bench_val *q)
{
    size_t i, k, sum = 0;

    for (i = 0; i < n; i++) {
        aceh_str line;

        line.ptr = v[i].p;
        line.len = v[i].len;
        for (k = 0; k < BENCH_QUERIES; k++)
            sum += (size_t)(aceh_decide(&line, 1, q[k].p, q[k].len, ACEH_OMIT,
                                        0) + 8);
    }
    return sum;
}

size_t CAND(decide_parsed)(const bench_val *v, size_t n, const bench_val *q)
{
    size_t i, k, sum = 0;

    for (i = 0; i < n; i++) {
        aceh_str line;
        aceh_name names[64];
        aceh_list list;

        line.ptr = v[i].p;
        line.len = v[i].len;
        aceh_list_parse(&list, &line, 1, names, 64);
        for (k = 0; k < BENCH_QUERIES; k++)
            sum += (size_t)(aceh_list_decide(&list, q[k].p, q[k].len,
                                             ACEH_OMIT, 0) + 8);
    }
    return sum;
}

size_t CAND(format_all)(const bench_names *l, size_t n, char *buf, size_t cap)
{
    size_t i, sum = 0, needed;

    for (i = 0; i < n; i++) {
        aceh_format(l[i].names, l[i].n, buf, cap, &needed, NULL);
        sum += needed + (unsigned char)buf[0];
    }
    return sum;
}
