/* SPDX-License-Identifier: MIT */
/* The preflight workloads of `make bench` (bench/preflight_bench.c). */
#ifndef ACEH_BENCH_PREFLIGHT_H
#define ACEH_BENCH_PREFLIGHT_H

/* Time the request side and the decision on realistic preflights and
 * print ns per call. samples: odd, 1 to 31; batch_ns: minimum time of one
 * sample. */
void preflight_bench_run(int samples, double batch_ns);

#endif
