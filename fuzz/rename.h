/* SPDX-License-Identifier: MIT */
/* Force-included (-include) when parser/aceh.c is compiled again for the
 * differential harness with another code path (-DACEH_NO_SIMD, -mssse3,
 * -mavx2): every public symbol gets the prefix ACEH_FUZZ_PREFIX (scalar_,
 * ssse3_, avx2_), so all builds link into one binary and can be compared.
 * fuzz.mk checks with nm that no unprefixed global symbol is left, so a
 * new API function cannot be forgotten here. */
#ifndef ACEH_FUZZ_PREFIX
#error "define ACEH_FUZZ_PREFIX"
#endif
#define ACEH_FUZZ_CAT2(a, b) a##b
#define ACEH_FUZZ_CAT(a, b) ACEH_FUZZ_CAT2(a, b)
#define ACEH_FUZZ_RENAME(f) ACEH_FUZZ_CAT(ACEH_FUZZ_PREFIX, f)
#define aceh_version ACEH_FUZZ_RENAME(aceh_version)
#define aceh_status_str ACEH_FUZZ_RENAME(aceh_status_str)
#define aceh_verdict_str ACEH_FUZZ_RENAME(aceh_verdict_str)
#define aceh_iter_init ACEH_FUZZ_RENAME(aceh_iter_init)
#define aceh_iter_next ACEH_FUZZ_RENAME(aceh_iter_next)
#define aceh_iter_status ACEH_FUZZ_RENAME(aceh_iter_status)
#define aceh_iter_error_offset ACEH_FUZZ_RENAME(aceh_iter_error_offset)
#define aceh_validate ACEH_FUZZ_RENAME(aceh_validate)
#define aceh_list_parse ACEH_FUZZ_RENAME(aceh_list_parse)
#define aceh_list_name_ptr ACEH_FUZZ_RENAME(aceh_list_name_ptr)
#define aceh_decide ACEH_FUZZ_RENAME(aceh_decide)
#define aceh_exposed ACEH_FUZZ_RENAME(aceh_exposed)
#define aceh_list_decide ACEH_FUZZ_RENAME(aceh_list_decide)
#define aceh_filter ACEH_FUZZ_RENAME(aceh_filter)
#define aceh_filter_scratch ACEH_FUZZ_RENAME(aceh_filter_scratch)
#define aceh_filter_scratch_size ACEH_FUZZ_RENAME(aceh_filter_scratch_size)
#define aceh_set_size ACEH_FUZZ_RENAME(aceh_set_size)
#define aceh_set_init ACEH_FUZZ_RENAME(aceh_set_init)
#define aceh_set_decide ACEH_FUZZ_RENAME(aceh_set_decide)
#define aceh_format ACEH_FUZZ_RENAME(aceh_format)
#define aceh_is_name ACEH_FUZZ_RENAME(aceh_is_name)
#define aceh_is_safelisted ACEH_FUZZ_RENAME(aceh_is_safelisted)
#define aceh_is_forbidden ACEH_FUZZ_RENAME(aceh_is_forbidden)
#define aceh_name_eq ACEH_FUZZ_RENAME(aceh_name_eq)
#define aceh_cors_str ACEH_FUZZ_RENAME(aceh_cors_str)
#define aceh_cors_check ACEH_FUZZ_RENAME(aceh_cors_check)
#define aceh_max_age ACEH_FUZZ_RENAME(aceh_max_age)
#define aceh_pf_verdict_str ACEH_FUZZ_RENAME(aceh_pf_verdict_str)
#define aceh_preflight_decide ACEH_FUZZ_RENAME(aceh_preflight_decide)
#define aceh_is_safelisted_request_header ACEH_FUZZ_RENAME(aceh_is_safelisted_request_header)
#define aceh_request_headers ACEH_FUZZ_RENAME(aceh_request_headers)
#define aceh_echo_names ACEH_FUZZ_RENAME(aceh_echo_names)
#define aceh_vary_add ACEH_FUZZ_RENAME(aceh_vary_add)
