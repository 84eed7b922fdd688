/* SPDX-License-Identifier: MIT */
/* Declarations of the other builds of the library linked into every
 * harness (see rename.h): scalar_ (-DACEH_NO_SIMD) always; ssse3_
 * (-mssse3) and avx2_ (-mavx2) when FUZZ_X86_VARIANTS is defined, to be
 * called only on CPUs that have them. Typed from aceh.h itself, so they
 * cannot drift from it. */
#ifndef ACEH_FUZZ_VARIANTS_H
#define ACEH_FUZZ_VARIANTS_H

#include "aceh.h"

#define VARIANT_DECL(prefix, f) extern __typeof__(f) prefix##f
#define VARIANT_DECLS(prefix)                                              \
    VARIANT_DECL(prefix, aceh_version);                                    \
    VARIANT_DECL(prefix, aceh_status_str);                                 \
    VARIANT_DECL(prefix, aceh_verdict_str);                                \
    VARIANT_DECL(prefix, aceh_iter_init);                                  \
    VARIANT_DECL(prefix, aceh_iter_next);                                  \
    VARIANT_DECL(prefix, aceh_iter_status);                                \
    VARIANT_DECL(prefix, aceh_iter_error_offset);                          \
    VARIANT_DECL(prefix, aceh_validate);                                   \
    VARIANT_DECL(prefix, aceh_list_parse);                                 \
    VARIANT_DECL(prefix, aceh_list_name_ptr);                              \
    VARIANT_DECL(prefix, aceh_decide);                                     \
    VARIANT_DECL(prefix, aceh_exposed);                                    \
    VARIANT_DECL(prefix, aceh_list_decide);                                \
    VARIANT_DECL(prefix, aceh_filter);                                     \
    VARIANT_DECL(prefix, aceh_format);                                     \
    VARIANT_DECL(prefix, aceh_is_name);                                    \
    VARIANT_DECL(prefix, aceh_is_safelisted);                              \
    VARIANT_DECL(prefix, aceh_is_forbidden);                               \
    VARIANT_DECL(prefix, aceh_name_eq);                                    \
    VARIANT_DECL(prefix, aceh_cors_str);                                   \
    VARIANT_DECL(prefix, aceh_cors_check);                                 \
    VARIANT_DECL(prefix, aceh_max_age);                                    \
    VARIANT_DECL(prefix, aceh_pf_verdict_str);                             \
    VARIANT_DECL(prefix, aceh_preflight_decide);                           \
    VARIANT_DECL(prefix, aceh_is_safelisted_request_header);               \
    VARIANT_DECL(prefix, aceh_request_headers);                            \
    VARIANT_DECL(prefix, aceh_echo_names);                                 \
    VARIANT_DECL(prefix, aceh_vary_add)

VARIANT_DECLS(scalar_);
#ifdef FUZZ_X86_VARIANTS
VARIANT_DECLS(ssse3_);
VARIANT_DECLS(avx2_);
#endif

#endif
