/* SPDX-License-Identifier: MIT */
/* The filter workloads of `make bench` (bench/filter_bench.c): aceh_filter
 * at (headers, listed names) = (10, 10) ... (1000, 30000) with names of
 * one length, hostile variants, and the quadratic filter it replaced. */
#ifndef ACEH_BENCH_FILTER_H
#define ACEH_BENCH_FILTER_H

/* bench.c's target table: value, limit, at_most, printf format, its %s. */
typedef void filter_bench_target(double value, double limit, int at_most,
                                 const char *fmt, const char *what);

/* Run the workloads, print their figures, add the target "time per
 * (headers + names) within 2x from (10, 10) to (1000, 30000)". samples:
 * odd, 1 to 31; batch_ns: minimum time of one sample of one candidate. */
void filter_bench_run(filter_bench_target *add, int samples, double batch_ns);

#endif
