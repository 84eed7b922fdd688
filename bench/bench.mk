# SPDX-License-Identifier: MIT
# `make bench`: the performance benchmark (bench/README.md), and the
# `simd-test` check step (tests/simd_test.c, every fast-path branch, run
# against each compile-time path this machine can execute).

BENCH_DIR            := $(BUILD)/bench
BENCH_NATIVE_FLAGS   ?= -O2 -march=native
BENCH_PORTABLE_FLAGS ?= -O2
BENCH_CC_FLAGS        = $(WARN) -Iparser -Ibench -D_DEFAULT_SOURCE
BENCH_RENAME          = -include bench/rename.h -DBENCH_PREFIX=
# gcc only; with another compiler the bench says the stack figures are missing.
BENCH_STACK_FLAGS    := $(shell $(CC) -fstack-usage -fcallgraph-info=su -x c -c /dev/null \
                          -o /tmp/aceh-bench-probe.$$$$.o 2>/dev/null && echo -fstack-usage -fcallgraph-info=su; \
                          rm -f /tmp/aceh-bench-probe.$$$$.*)

# The library as a user links it (own object, calls out of line), in the
# two builds the targets compare; -fcallgraph-info=su writes the .ci (frames
# and calls) beside each object, -fstack-usage the plain .su.
$(BENCH_DIR)/aceh_native.o: parser/aceh.c parser/aceh.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_CC_FLAGS) $(BENCH_NATIVE_FLAGS) $(BENCH_STACK_FLAGS) -c $< -o $@

$(BENCH_DIR)/aceh_portable.o: parser/aceh.c parser/aceh.h bench/rename.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_CC_FLAGS) $(BENCH_PORTABLE_FLAGS) $(BENCH_STACK_FLAGS) $(BENCH_RENAME)portable_ -c $< -o $@
	@# every public symbol must be renamed, or the two builds would clash
	@if nm -g --defined-only $@ | awk '{print $$3}' | grep -v '^portable_'; then \
	    echo "bench/rename.h misses the symbols above"; rm -f $@; exit 1; fi

# The candidate loops: with the native and the portable build of the
# library, and with the library compiled into them (both builds), to
# measure what the out-of-line call costs.
define cands_rule
$(BENCH_DIR)/cands_$(1).o: bench/cands.c bench/cands.h parser/aceh.c parser/aceh.h bench/rename.h
	@mkdir -p $$(@D)
	$$(CC) $$(BENCH_CC_FLAGS) $(2) -c $$< -o $$@
endef
$(eval $(call cands_rule,native,$$(BENCH_NATIVE_FLAGS) -DBENCH_PREFIX=native_))
$(eval $(call cands_rule,portable,$$(BENCH_PORTABLE_FLAGS) $$(BENCH_RENAME)portable_))
$(eval $(call cands_rule,inline,$$(BENCH_NATIVE_FLAGS) $$(BENCH_RENAME)inline_ -DBENCH_INLINE))
$(eval $(call cands_rule,inline_portable,$$(BENCH_PORTABLE_FLAGS) \
  $$(BENCH_RENAME)inline_portable_ -DBENCH_INLINE))

BENCH_OBJS := $(addprefix $(BENCH_DIR)/,aceh_native.o aceh_portable.o cands_native.o \
                cands_portable.o cands_inline.o cands_inline_portable.o)

$(BENCH_DIR)/bench: bench/bench.c bench/cands.h bench/cpuinfo.h parser/aceh.h $(BENCH_OBJS) \
                    bench/filter_bench.c bench/filter_bench.h parser/src/fold.h \
                    bench/preflight_bench.c bench/preflight_bench.h
	$(CC) $(BENCH_CC_FLAGS) $(BENCH_NATIVE_FLAGS) \
	    -DBENCH_NATIVE_FLAGS='"$(BENCH_NATIVE_FLAGS)"' \
	    -DBENCH_PORTABLE_FLAGS='"$(BENCH_PORTABLE_FLAGS)"' \
	    bench/bench.c bench/filter_bench.c bench/preflight_bench.c $(BENCH_OBJS) -o $@

# The filter workloads alone (bench/filter_bench.c), for quick runs.
$(BENCH_DIR)/filter_bench: bench/filter_bench.c bench/filter_bench.h parser/src/fold.h \
                           $(BENCH_DIR)/aceh_native.o $(BENCH_DIR)/aceh_portable.o
	$(CC) $(BENCH_CC_FLAGS) $(BENCH_NATIVE_FLAGS) -DFILTER_BENCH_MAIN \
	    bench/filter_bench.c $(BENCH_DIR)/aceh_native.o $(BENCH_DIR)/aceh_portable.o -o $@

bench-filter: $(BENCH_DIR)/filter_bench
	$(BENCH_DIR)/filter_bench

# BENCH_RUNS (default 3): every figure is the median of three runs (each a median
# of BENCH_SAMPLES samples), as the speed targets are stated.
BENCH_RUNS ?= 3
bench: $(BENCH_DIR)/bench bench-lint-config
	BENCH_RUNS=$(BENCH_RUNS) $(BENCH_DIR)/bench $(BENCH_DIR)/aceh_native.ci $(BENCH_DIR)/aceh_portable.ci

# `aceh lint --config` on a 10 MB configuration, against reading it.
bench-lint-config: $(BUILD)/aceh
	sh bench/lint-config.sh $(BUILD)/aceh $(BENCH_DIR)

# `make bench-ab [BASE=rev] [AB_FLAGS=...] [AB_PAIRS=n]` (bench/README.md):
# the tree's library (b_) against BASE's (a_; HEAD: the uncommitted change),
# both in one program, each side built with its own aceh.h. Always rebuilt,
# since BASE may name another commit than last time.
BASE     ?= HEAD
AB_FLAGS ?= $(BENCH_NATIVE_FLAGS)
AB_PAIRS ?= 201
AB_DIR   := $(BUILD)/bench-ab
AB_CC     = $(CC) $(WARN) -D_DEFAULT_SOURCE $(AB_FLAGS)
AB_OBJS  := $(addprefix $(AB_DIR)/,a_aceh.o a_ab.o b_aceh.o b_ab.o)
bench-ab: $(LIB_SRC) $(LIB_HDR) bench/ab.c bench/rename.h bench/cpuinfo.h
	@mkdir -p $(AB_DIR)/base
	git show $(BASE):parser/aceh.c > $(AB_DIR)/base/aceh.c
	git show $(BASE):parser/aceh.h > $(AB_DIR)/base/aceh.h
	@grep -q 'define ACEH_FUNCTIONS' $(AB_DIR)/base/aceh.h || { echo "bench-ab: $(BASE)'s aceh.h" \
	  "has no ACEH_FUNCTIONS list, which bench/rename.h needs: take a later revision" >&2; exit 1; }
	$(AB_CC) -I$(AB_DIR)/base $(BENCH_RENAME)a_ -c $(AB_DIR)/base/aceh.c -o $(AB_DIR)/a_aceh.o
	$(AB_CC) -I$(AB_DIR)/base $(BENCH_RENAME)a_ -c bench/ab.c -o $(AB_DIR)/a_ab.o
	$(AB_CC) -Iparser $(BENCH_RENAME)b_ -c $(LIB_SRC) -o $(AB_DIR)/b_aceh.o
	$(AB_CC) -Iparser $(BENCH_RENAME)b_ -c bench/ab.c -o $(AB_DIR)/b_ab.o
	@# Every global symbol must carry its side's prefix. The same code at addresses
	@# unequal modulo 64 ran up to 8% apart: code and tables start a page.
	@for o in $(AB_OBJS); do p=$$(basename $$o | cut -c1-2); \
	  if nm -g --defined-only $$o | awk '{print $$3}' | grep -v "^$$p"; then \
	    echo "bench/rename.h misses the symbols above"; exit 1; fi; \
	  objcopy --set-section-alignment .text=4096 --set-section-alignment .rodata=4096 $$o; done
	same=0; cmp -s $(AB_DIR)/base/aceh.c $(LIB_SRC) && cmp -s $(AB_DIR)/base/aceh.h $(LIB_HDR) && same=1; \
	$(AB_CC) -DAB_FLAGS='"$(AB_FLAGS)"' -DAB_BASE="\"$(BASE) ($$(git rev-parse --short $(BASE)))\"" \
	    -DAB_SAME=$$same bench/ab.c $(AB_OBJS) -o $(AB_DIR)/ab
	AB_PAIRS=$(AB_PAIRS) $(AB_DIR)/ab

.PHONY: bench bench-filter bench-lint-config bench-ab

# ---------------------------------------------------------------- simd-test
# The compile-time paths of mk/variants.mk, the dispatching default build
# (its suite runs once per path the CPU has, through aceh_simd_select), a
# build without dispatch and each dispatch target forced.
SIMD_TEST_SRC  := tests/simd_test.c tests/guard.c
variant_flags_nodispatch        := -DACEH_NO_DISPATCH
variant_flags_force-sse2        := -DACEH_FORCE_SSE2
variant_flags_force-avx2        := -DACEH_FORCE_AVX2
variant_flags_force-avx512      := -DACEH_FORCE_AVX512
variant_flags_force-avx512vbmi2 := -DACEH_FORCE_AVX512VBMI2
variant_cpu_force-sse2          := sse2
variant_cpu_force-avx2          := avx2 bmi1 bmi2 popcnt
variant_cpu_force-avx512        := avx512f avx512bw
variant_cpu_force-avx512vbmi2   := avx512f avx512bw avx512vbmi avx512_vbmi2
QEMU_X86_RUNS  += nodispatch force-sse2 force-avx2
SIMD_ALL       := default nosimd san $(X86_VARIANTS) $(if $(HOST_X86_64),\
                  nodispatch force-sse2 force-avx2 force-avx512 \
                  force-avx512vbmi2)
SIMD_VARIANTS  := $(call variants_runnable,$(SIMD_ALL))

$(BUILD)/simd/%/simd_test: $(SIMD_TEST_SRC) tests/guard.h $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -Wsign-conversion -Wcast-qual $(call variant_flags,$*) $(CHECK_CFLAGS) \
	    $(SIMD_TEST_SRC) $(LIB_SRC) $(CHECK_LIBS) -o $@

# The default path under ASan+UBSan (SAN_* from tests/tests.mk).
$(BUILD)/simd/san/simd_test: $(SIMD_TEST_SRC) tests/guard.h $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	$(SAN_CC) $(SAN_CFLAGS) $(CHECK_CFLAGS) $(SIMD_TEST_SRC) $(LIB_SRC) $(CHECK_LIBS) -o $@

simd-test: $(foreach v,$(SIMD_VARIANTS),$(BUILD)/simd/$(v)/simd_test)
	@set -e; $(foreach v,$(SIMD_VARIANTS),echo "simd-test: $(v)"; \
	    $(SAN_ENV) $(call variant_run,$(v)) $(BUILD)/simd/$(v)/simd_test;) \
	    $(call variant_notes,simd-test,$(SIMD_ALL))

.PHONY: simd-test
