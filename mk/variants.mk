# SPDX-License-Identifier: MIT
# The compile-time code paths of parser/aceh.c ("variants") and where each
# one runs on this host. The one list of SIMD variant flags: fuzz/fuzz.mk,
# tests/hardening.mk, bench/bench.mk and .clusterfuzzlite/build.sh read it
# (the latter through `make -s -f mk/variants.mk variants-sh`).
#
#   nosimd  the portable scalar code         sse2    the x86-64 default path
#   ssse3   SSSE3 path                       avx2    AVX2 path
#   avx512  AVX-512 (F BW VL VBMI VBMI2)     neon    AArch64 (cross build)
#
# Where a variant runs (variant_how): natively when the CPU has every flag
# the variant needs, else under qemu-x86_64 where that emulator executes
# it, else nowhere ("none": the step says "not run: <variant>" by name).
# qemu-x86_64 7.2 (Debian bookworm, -cpu max) was checked by running code
# of each variant: it executes SSE2, SSSE3 and AVX2; AVX-512 code stops
# with SIGILL. Sanitizer builds never run under qemu-user (ASan's shadow
# reservation made the emulator exhaust the memory of a 24 GiB machine).
# EMULATE=1 and CPU_LACKS="...", to try both ways on one machine: README.md.

ACEH_VARIANTS := nosimd sse2 ssse3 avx2 avx512

variant_flags_nosimd := -DACEH_NO_SIMD
variant_flags_sse2   := -msse2
variant_flags_ssse3  := -mssse3
variant_flags_avx2   := -mavx2
variant_flags_avx512 := -mavx512f -mavx512bw -mavx512vl -mavx512vbmi -mavx512vbmi2
# simd/default: the compiler's own target, no flag.
variant_flags = $(variant_flags_$(1))

# The /proc/cpuinfo flags a variant needs at run time.
variant_cpu_sse2   := sse2
variant_cpu_ssse3  := ssse3
variant_cpu_avx2   := avx2
variant_cpu_avx512 := avx512f avx512bw avx512vl avx512vbmi avx512_vbmi2

EMULATE   ?=
CPU_LACKS ?=
QEMU_X86      := qemu-x86_64 -cpu max
QEMU_X86_RUNS := simd default nosimd sse2 ssse3 avx2
QEMU_I386     := qemu-i386
QEMU_ARM64    := qemu-aarch64

HOST_ARCH      := $(shell uname -m)
HOST_X86_64    := $(filter x86_64,$(HOST_ARCH))
HOST_CPU_FLAGS := $(if $(HOST_X86_64),$(shell sed -n 's/^flags[^:]*://p' \
                  /proc/cpuinfo 2>/dev/null | head -n 1))
# The x86 variants (beyond the default) this host can build.
X86_VARIANTS   := $(if $(HOST_X86_64),ssse3 avx2 avx512)

# yes when the CPU runs variant $(1) natively (not pretended away).
variant_native = $(if $(filter $(1),$(CPU_LACKS)),,$(if $(filter-out \
                 $(HOST_CPU_FLAGS),$(variant_cpu_$(1))),,yes))
# native, qemu or none.
variant_how = $(if $(and $(call variant_native,$(1)),$(if $(EMULATE),,yes)),native,$(if \
              $(and $(HOST_X86_64),$(filter $(1),$(QEMU_X86_RUNS))),qemu,$(if \
              $(call variant_native,$(1)),native,none)))
# The command prefix that runs a program of variant $(1) ("" natively).
variant_run = $(if $(filter qemu,$(call variant_how,$(1))),$(QEMU_X86))
# Of the variants $(1): those that run (natively or emulated), those that
# run natively (for sanitizer builds), the rest.
variants_runnable = $(foreach v,$(1),$(if $(filter none,$(call variant_how,$(v))),,$(v)))
variants_native   = $(foreach v,$(1),$(if $(call variant_native,$(v)),$(v)))
variants_emulated = $(foreach v,$(1),$(if $(filter qemu,$(call variant_how,$(v))),$(v)))
variants_none     = $(filter-out $(call variants_runnable,$(1)),$(1))

# Shell commands (for a recipe) that leave the check summary a line on the
# variants of $(2) that step $(1) ran under the emulator and one naming
# those it could not run anywhere. variant_notes_native: the same for
# sanitizer builds, which run natively or not at all.
NOTE := scripts/note.sh
CPU_LACKS_SAID = $(if $(strip $(CPU_LACKS)), (CPU_LACKS=$(strip $(CPU_LACKS))))
variant_notes = $(if $(strip $(call variants_emulated,$(2))),$(NOTE) "emulated: \
  $(strip $(call variants_emulated,$(2))) under $(QEMU_X86) ($(1))";) $(if \
  $(strip $(call variants_none,$(2))),$(NOTE) "not run: $(strip $(call \
  variants_none,$(2))) ($(1): the CPU lacks it$(CPU_LACKS_SAID) and no \
  emulator here runs it)";) true
variant_notes_native = $(if $(strip $(filter-out $(call variants_native,$(2)),$(2))),$(NOTE) \
  "not run: $(strip $(filter-out $(call variants_native,$(2)),$(2))) ($(1): the \
  CPU lacks it$(CPU_LACKS_SAID); sanitizer programs do not run under qemu-user)";) true

# For shell scripts (.clusterfuzzlite/build.sh): one NAME='FLAGS' per line.
variants-sh:
	@$(foreach v,$(ACEH_VARIANTS),echo "variant_flags_$(v)='$(variant_flags_$(v))'";)

.PHONY: variants-sh
