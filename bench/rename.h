/* SPDX-License-Identifier: MIT */
/* Force-included when parser/aceh.c is compiled a second (portable -O2) or
 * third (inlined into the benchmark loops) time: every public symbol gets
 * the prefix BENCH_PREFIX, so all builds link into one benchmark binary and
 * are timed interleaved, in the same run. bench.mk checks with nm that no
 * unprefixed global symbol is left. */
#ifndef ACEH_BENCH_RENAME_H
#define ACEH_BENCH_RENAME_H

#define BENCH_CAT(a, b) a##b
#define BENCH_XCAT(a, b) BENCH_CAT(a, b)
#define BENCH_P(name) BENCH_XCAT(BENCH_PREFIX, name)

#define aceh_version BENCH_P(aceh_version)
#define aceh_status_str BENCH_P(aceh_status_str)
#define aceh_verdict_str BENCH_P(aceh_verdict_str)
#define aceh_iter_init BENCH_P(aceh_iter_init)
#define aceh_iter_next BENCH_P(aceh_iter_next)
#define aceh_iter_status BENCH_P(aceh_iter_status)
#define aceh_iter_error_offset BENCH_P(aceh_iter_error_offset)
#define aceh_validate BENCH_P(aceh_validate)
#define aceh_list_parse BENCH_P(aceh_list_parse)
#define aceh_list_name_ptr BENCH_P(aceh_list_name_ptr)
#define aceh_decide BENCH_P(aceh_decide)
#define aceh_exposed BENCH_P(aceh_exposed)
#define aceh_list_decide BENCH_P(aceh_list_decide)
#define aceh_filter BENCH_P(aceh_filter)
#define aceh_filter_scratch BENCH_P(aceh_filter_scratch)
#define aceh_filter_scratch_size BENCH_P(aceh_filter_scratch_size)
#define aceh_set_size BENCH_P(aceh_set_size)
#define aceh_set_init BENCH_P(aceh_set_init)
#define aceh_set_decide BENCH_P(aceh_set_decide)
#define aceh_format BENCH_P(aceh_format)
#define aceh_is_name BENCH_P(aceh_is_name)
#define aceh_is_safelisted BENCH_P(aceh_is_safelisted)
#define aceh_is_forbidden BENCH_P(aceh_is_forbidden)
#define aceh_name_eq BENCH_P(aceh_name_eq)
#define aceh_vary_add BENCH_P(aceh_vary_add)
#define aceh_echo_names BENCH_P(aceh_echo_names)
#define aceh_request_headers BENCH_P(aceh_request_headers)
#define aceh_is_safelisted_request_header BENCH_P(aceh_is_safelisted_request_header)
#define aceh_preflight_decide BENCH_P(aceh_preflight_decide)
#define aceh_pf_verdict_str BENCH_P(aceh_pf_verdict_str)
#define aceh_max_age BENCH_P(aceh_max_age)
#define aceh_cors_check BENCH_P(aceh_cors_check)
#define aceh_cors_str BENCH_P(aceh_cors_str)
#define aceh_simd_select BENCH_P(aceh_simd_select)
#define aceh_simd_path BENCH_P(aceh_simd_path)
#define aceh_split BENCH_P(aceh_split)

#endif
