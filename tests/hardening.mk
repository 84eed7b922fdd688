# SPDX-License-Identifier: MIT
# Hardening gate: the hardening-* steps and coverage of `make check`
# (what each proves: mk/check-steps.txt; where each variant runs: README.md
# and mk/variants.mk); `make hardening` runs just these.

HB          := $(BUILD)/hardening
HARD_TABLE  := conformance/cases.tsv
# Packages these steps need beyond DEPS_CHECK.
# gcc-12-multilib, not gcc-multilib: the latter conflicts with the
# gcc-aarch64-linux-gnu cross compiler (used for the NEON path) and apt
# would remove one for the other.
DEPS_HARDENING := gcc-12-multilib cppcheck clang-tidy-14 afl++ \
                  gcc-aarch64-linux-gnu libc6-dev-arm64-cross

STRICT_WARN := -std=c99 -Wall -Wextra -Wpedantic -Wconversion \
               -Wsign-conversion -Wshadow -Wcast-qual -Werror
HARD_INC    := -Iparser -Icommon -Itests
HARD_TOOL   := $(STRICT_WARN) $(HARD_INC) -D_DEFAULT_SOURCE

# Library variants: simd = the default (SSE2 on x86-64), nosimd = the scalar
# fallback; ssse3/avx2/avx512 = the wider paths (x86-64 hosts). All are
# built; HARD_VARIANTS are those that run here (natively or emulated),
# HARD_NATIVE those the CPU runs itself (for the sanitizer builds).
hard_vflags = $(call variant_flags,$(1))
HARD_X86    := $(HOST_X86_64)
HARD_ALL    := simd nosimd $(X86_VARIANTS)
HARD_VARIANTS := $(call variants_runnable,$(HARD_ALL))
HARD_NATIVE := $(call variants_native,$(HARD_ALL))
STRICT_VARIANTS := simd nosimd $(X86_VARIANTS)
# `$(call hard_run,BIN)`: BIN (a variant's folder ends its path) with the
# emulator in front where that variant needs it.
hard_run = $(call variant_run,$(lastword $(subst -, ,$(notdir $(patsubst %/,%,$(dir $(1))))))) $(1)

RUN_LOGGED := tests/run-logged.sh
TR_SRC  := tests/table_runner.c tests/guard.c common/cases.c common/escape.c
TR_DEPS := $(TR_SRC) tests/guard.h tests/unit_cases.h common/cases.h \
           common/escape.h tests/malloc_count.h $(LIB_SRC) $(LIB_HDR)
# $(call tr_rule,DIR,COMMAND[,SOURCE]): DIR/%/table_runner, the table
# runner and the library (and SOURCE) built by COMMAND, % a variant or
# CC-variant: $$(tr_cc) is that CC, $$(tr_v) the variant's flags.
tr_cc = $(firstword $(subst -, ,$*))
tr_v  = $(call hard_vflags,$(lastword $(subst -, ,$*)))
define tr_rule
$(HB)/$(1)/%/table_runner: $(TR_DEPS) $(3)
	@mkdir -p $$(@D)
	$(2) $(TR_SRC) $(3) $(LIB_SRC) -o $$@
endef
# tests.mk sorts after this file: its UNIT_SRC is not set yet here.
HARD_UNIT_SRC := tests/unit_test.c tests/guard.c
UNIT_DEPS := $(HARD_UNIT_SRC) tests/guard.h tests/unit_cases.h parser/src/fold.h $(LIB_SRC) $(LIB_HDR)
# $(call unit_rule,DIR,COMMAND): DIR/%/unit_test, the Check suite with the
# library of variant % built by COMMAND.
define unit_rule
$(HB)/$(1)/%/unit_test: $(UNIT_DEPS)
	@mkdir -p $$(@D)
	$(2) $$(call hard_vflags,$$*) $$(CHECK_CFLAGS) $(HARD_UNIT_SRC) $(LIB_SRC) $$(CHECK_LIBS) -o $$@
endef
# $(call run_tables,BINS,N[,ENV]): each table runner of BINS against guard
# pages (under the emulator its variant needs), logged, its last N lines shown.
run_tables = $(foreach b,$(1),$(3) $(RUN_LOGGED) $(b).log $(2) $(call hard_run,$(b)) --guard $(HARD_TABLE);)

deps-hardening:
	@scripts/deps.sh $(sort $(DEPS_CHECK) $(DEPS_HARDENING))

# ---------------------------------------------------------------- strict
STRICT_CCS   := gcc clang
STRICT_SIGNS := signed unsigned
# Every test/tool C source in the tree (not parser/, built per variant).
# The AFL++ driver only builds with afl-clang-fast (its own objects below).
STRICT_AFL_SRC  := fuzz/afl_driver.c
STRICT_TOOL_SRC = $(sort $(filter-out $(BUILD)/% build/% parser/% $(STRICT_AFL_SRC),\
                  $(wildcard */*.c */*/*.c)))
# Defines a directory's sources get from their own build rules; a fragment
# may set STRICT_FLAGS_<dir> for its own sources.
STRICT_FLAGS_bench ?= -DBENCH_NATIVE_FLAGS='"-O2"' -DBENCH_PORTABLE_FLAGS='"-O2"'
strict_dir_flags = $(STRICT_FLAGS_$(firstword $(subst /, ,$(1))))
# dist/test/ sources use the single header (ACEH_STATIC,
# ACEH_IMPLEMENTATION): their "aceh.h" is the generated one.
STRICT_FLAGS_dist := -iquote $(SINGLE_HDR:/aceh.h=)
STRICT_HDRS     = $(filter-out $(BUILD)/% build/%,$(wildcard */*.h */*/*.h))
STRICT_OBJS = $(foreach c,$(STRICT_CCS),$(foreach s,$(STRICT_SIGNS),\
              $(patsubst %.c,$(HB)/strict/$(c)-$(s)/%.o,$(STRICT_TOOL_SRC)) \
              $(foreach v,$(STRICT_VARIANTS),\
                $(HB)/strict/$(c)-$(s)/parser/aceh-$(v).o))) \
              $(foreach s,$(STRICT_SIGNS),$(patsubst %.c,\
                $(HB)/strict/afl-clang-fast-$(s)/%.o,$(STRICT_AFL_SRC)))
# max2, max3: the run-time choice capped below AVX-512 VBMI2
# (ACEH_DISPATCH_MAX), compiled with each compiler (it changes which code is
# compiled in, not how chars are read).
variant_flags_max2 := -DACEH_DISPATCH_MAX=2
variant_flags_max3 := -DACEH_DISPATCH_MAX=3
STRICT_OBJS += $(if $(HOST_X86_64),$(foreach c,$(STRICT_CCS),$(foreach v,max2 max3,\
               $(HB)/strict/$(c)-signed/parser/aceh-$(v).o)))
CXX_STDS    := c++98 c++11 c++17 c++20
CXX_OBJS    := $(foreach x,g++ clang++,$(foreach s,$(CXX_STDS),\
               $(HB)/cxx/$(x)-$(s).o)) $(HB)/cxx/g++-link $(HB)/cxx/clang++-link

define strict_tpl
$(HB)/strict/$(1)-$(2)/%.o: %.c $$(STRICT_HDRS)
	@mkdir -p $$(@D)
	@echo "  strict $(1) -f$(2)-char $$<"
	@$(1) $(HARD_TOOL) -f$(2)-char -O2 $$(call strict_dir_flags,$$<) \
	  $$(CHECK_CFLAGS) -c $$< -o $$@
$(HB)/strict/$(1)-$(2)/parser/aceh-%.o: $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $$(@D)
	@echo "  strict $(1) -f$(2)-char $$(call hard_vflags,$$*) $(LIB_SRC)"
	@$(1) $(STRICT_WARN) -f$(2)-char -O2 $$(call hard_vflags,$$*) -c $$< -o $$@
endef
$(foreach c,$(STRICT_CCS) afl-clang-fast,$(foreach s,$(STRICT_SIGNS),\
  $(eval $(call strict_tpl,$(c),$(s)))))
$(foreach o,$(STRICT_OBJS),$(if $(findstring /dist/test/,$(o)),$(o))): $(SINGLE_HDR)

# The public header as C++, alone and linked against the C library.
$(HB)/cxx/%.o: $(LIB_HDR)
	@mkdir -p $(@D)
	$(firstword $(subst -c++, ,$*)) -x c++ -std=$(lastword $(subst -, ,$*)) \
	  -Wall -Wextra -Wpedantic -Werror -c $< -o $@
$(HB)/cxx/%-link: tests/header_cxx.cc $(LIB_HDR) $(BUILD)/libaceh.a
	@mkdir -p $(@D)
	$* -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iparser $< \
	  $(BUILD)/libaceh.a -o $@
	$@

# The library with no flags at all, as a vendoring user would build it.
$(HB)/plain/cc-aceh.o: $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	cc -std=c99 -c $< -o $@

hardening-strict-objs: $(STRICT_OBJS) $(CXX_OBJS) $(HB)/plain/cc-aceh.o

hardening-strict: deps-hardening
	@$(MAKE) --no-print-directory -k -j2 hardening-strict-objs
	@echo "hardening-strict: $(words $(STRICT_OBJS)) strict objects, \
	$(words $(CXX_OBJS)) C++ checks, plain cc: ok"

# ------------------------------------------------------------------- m32
# Debian has no 32-bit libcheck without multiarch, so the 32-bit run uses
# the Check-free table runner (table + unit case tables). Plain -m32 has no
# SSE2, hence the sse2 variant for the vector path.
M32_BINS := $(foreach c,gcc clang,$(foreach v,simd nosimd sse2,\
            $(HB)/m32/$(c)-$(v)/table_runner))

$(eval $(call tr_rule,m32,$$(tr_cc) -m32 $$(HARD_TOOL) -O2 -g $$(tr_v)))

# The Check suite still has to compile for 32 bits.
M32_UNIT := $(HB)/m32/gcc-unit_test.o $(HB)/m32/clang-unit_test.o
$(HB)/m32/%-unit_test.o: $(UNIT_DEPS)
	@mkdir -p $(@D)
	$* -m32 $(HARD_TOOL) -O2 $(CHECK_CFLAGS) -c tests/unit_test.c -o $@

# Can this kernel execute i386 programs? Many x86-64 kernels cannot
# (CONFIG_IA32_EMULATION off): then qemu-i386 runs them, and EMULATE=1
# takes that path on any machine.
$(HB)/m32/probe:
	@mkdir -p $(@D)
	@printf 'int main(void) { return 0; }\n' > $@.c
	gcc -m32 $@.c -o $@

hardening-m32: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(M32_BINS) $(M32_UNIT) $(HB)/m32/probe
	@set -e; \
	if [ -z "$(EMULATE)" ] && $(HB)/m32/probe 2>/dev/null; then \
	  run=; how="natively"; \
	else \
	  run="$(QEMU_I386)"; \
	  how="under $(QEMU_I386) ($(if $(EMULATE),EMULATE=1,this kernel cannot execute i386 programs))"; \
	  command -v $(QEMU_I386) >/dev/null || { echo "hardening-m32: cannot run \
	  32-bit programs: the kernel refuses them and $(QEMU_I386) (Debian qemu-user) \
	  is missing"; exit 1; }; \
	fi; \
	for b in $(M32_BINS); do \
	  test "$$(od -An -tx1 -j4 -N1 $$b)" = " 01" || { echo "$$b: not ELF32"; exit 1; }; \
	  $(RUN_LOGGED) $$b.log 1 $$run $$b --guard $(HARD_TABLE); done; \
	$(NOTE) "32-bit table runners ran $$how"

# ----------------------------------------------------------------- arm64
# The NEON path and the scalar code built for AArch64 with the cross
# compiler (static: no AArch64 libraries needed at run time), strict
# warnings, run natively on an AArch64 host, else under qemu-aarch64.
ARM64_CC   ?= $(if $(filter aarch64,$(HOST_ARCH)),gcc,aarch64-linux-gnu-gcc)
ARM64_RUN  := $(if $(and $(filter aarch64,$(HOST_ARCH)),$(if $(EMULATE),,y)),,$(QEMU_ARM64))
ARM64_BINS := $(foreach v,simd nosimd,$(HB)/arm64/$(v)/table_runner)

$(eval $(call tr_rule,arm64,$$(ARM64_CC) -static $$(HARD_TOOL) -O2 -g $$(tr_v)))

hardening-arm64: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(ARM64_BINS)
	@set -e; for b in $(ARM64_BINS); do \
	  $(RUN_LOGGED) $$b.log 1 $(ARM64_RUN) $$b --guard $(HARD_TABLE); done; \
	$(NOTE) "AArch64 (NEON, scalar) table runners ran \
	$(if $(ARM64_RUN),under $(QEMU_ARM64),natively)"

# ------------------------------------------------------------------- C++
# parser/aceh.c itself as C++ (the single header's implementation may live
# in a .cpp file): every variant, g++ and clang++, warnings as errors.
CXX_SRC_OBJS := $(foreach x,g++ clang++,$(foreach s,c++11 c++17,$(foreach \
                v,$(STRICT_VARIANTS),$(HB)/cxxsrc/$(x)-$(s)-$(v).o)))

$(HB)/cxxsrc/%.o: $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	@echo "  $(word 1,$(subst -, ,$*)) -std=$(word 2,$(subst -, ,$*)) -x c++ $(call \
	  hard_vflags,$(word 3,$(subst -, ,$*))) $(LIB_SRC)"
	@$(word 1,$(subst -, ,$*)) -std=$(word 2,$(subst -, ,$*)) -Wall -Wextra -Werror \
	  $(call hard_vflags,$(word 3,$(subst -, ,$*))) -x c++ -c $< -o $@

hardening-cxx: deps-hardening
	@$(MAKE) --no-print-directory -k -j2 $(CXX_SRC_OBJS)
	@echo "hardening-cxx: $(LIB_SRC) is clean C++ in $(words $(CXX_SRC_OBJS)) builds"

# --------------------------------------------------------- ASan + UBSan
SAN_TR_BINS := $(foreach v,$(HARD_NATIVE),$(HB)/asan/$(v)/table_runner)

$(eval $(call tr_rule,asan,$$(SAN_CC) $$(HARD_TOOL) -O1 -g $$(SAN_FLAGS) $$(tr_v)))

$(eval $(call unit_rule,asan,$$(SAN_CC) $$(SAN_CFLAGS)))

hardening-sanitize: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(SAN_TR_BINS) $(HB)/asan/nosimd/unit_test
	@set -e; $(call run_tables,$(SAN_TR_BINS),1,$(SAN_ENV))
	@$(SAN_ENV) $(RUN_LOGGED) $(HB)/asan/nosimd/unit.log 1 \
	  $(HB)/asan/nosimd/unit_test
	@$(call variant_notes_native,hardening-sanitize,$(HARD_ALL))

# ------------------------------------------------------------------ MSan
MSAN_FLAGS := -fsanitize=memory -fsanitize-memory-track-origins=2 \
              -fno-omit-frame-pointer -fno-sanitize-recover=all
MSAN_BINS  := $(foreach v,$(HARD_NATIVE),$(HB)/msan/$(v)/table_runner)

$(eval $(call tr_rule,msan,clang $$(HARD_TOOL) -O1 -g $$(MSAN_FLAGS) $$(tr_v)))

hardening-msan: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(MSAN_BINS)
	@set -e; $(call run_tables,$(MSAN_BINS),1,MSAN_OPTIONS=halt_on_error=1)
	@$(call variant_notes_native,hardening-msan,$(HARD_ALL))

# ----------------------------------------------------------- guard pages
GUARD_BINS := $(foreach c,gcc clang,$(foreach v,$(HARD_VARIANTS),\
              $(HB)/plain/$(c)-$(v)/table_runner))

$(eval $(call tr_rule,plain,$$(tr_cc) $$(HARD_TOOL) -O2 -g $$(tr_v)))

hardening-guard: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(GUARD_BINS)
	@set -e; $(call run_tables,$(GUARD_BINS),2) $(call variant_notes,hardening-guard,$(HARD_ALL))

# ---------------------------------------------------------- no allocation
MALLOC_BINS := $(foreach v,$(HARD_VARIANTS),$(HB)/malloc/$(v)/table_runner)

$(eval $(call tr_rule,malloc,$$(CC) $$(HARD_TOOL) -O2 -g -DTABLE_COUNT_MALLOC \
  $$(tr_v),tests/malloc_count.c))

hardening-malloc: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(MALLOC_BINS)
	@set -e; $(call run_tables,$(MALLOC_BINS),3) $(call variant_notes,hardening-malloc,$(HARD_ALL))

# --------------------------------------------------------------- valgrind
$(eval $(call unit_rule,valgrind,$$(CC) $$(TOOL_CFLAGS)))

VALGRIND_BINS := $(foreach v,simd nosimd,$(HB)/valgrind/$(v)/unit_test)

hardening-valgrind: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(VALGRIND_BINS)
	@set -e; for b in $(VALGRIND_BINS); do CK_FORK=no $(RUN_LOGGED) $$b.log 1 \
	  valgrind -q --error-exitcode=99 --leak-check=full \
	    --show-leak-kinds=all --errors-for-leak-kinds=all $$b; done

# ---------------------------------------------------------------- symbols
NM_OBJS := $(foreach c,gcc clang,$(foreach v,$(STRICT_VARIANTS),\
           $(HB)/nm/$(c)-$(v).o))

$(HB)/nm/%.o: $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	$(firstword $(subst -, ,$*)) -std=c99 -O2 \
	  $(call hard_vflags,$(lastword $(subst -, ,$*))) -c $< -o $@

hardening-symbols: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(NM_OBJS)
	@tests/symbols.sh $(NM_OBJS)

# --------------------------------------------------------------- coverage
# clang-14 source-based coverage of parser/ in every variant (default SIMD,
# ACEH_NO_SIMD, and SSSE3/AVX2/AVX-512 where they run), driven by the unit
# suite and the table runner; the headline per file is the lowest variant.
COV_CC    := clang-14
COV_FLAGS := -O0 -g -fprofile-instr-generate -fcoverage-mapping
COV_BINS  := $(foreach v,$(HARD_VARIANTS),$(HB)/cov/$(v)/unit_test \
             $(HB)/cov/$(v)/table_runner)

$(eval $(call unit_rule,cov,$$(COV_CC) $$(HARD_TOOL) $$(COV_FLAGS)))

$(eval $(call tr_rule,cov,$$(COV_CC) $$(HARD_TOOL) $$(COV_FLAGS) $$(tr_v)))

# On a CPU without AVX-512 (no emulator here runs it), the coverage builds
# leave the AVX-512 paths out of their run-time choice (ACEH_DISPATCH_MAX):
# they then count the code this CPU runs, the same on every such machine,
# and the step names what it left out.
COV_DISPATCH_MAX := $(if $(HOST_X86_64),$(if $(call variant_native,avx512),,$(if \
                    $(call variant_native,avx2),2,1)))
$(COV_BINS): COV_FLAGS += $(if $(COV_DISPATCH_MAX),-DACEH_DISPATCH_MAX=$(COV_DISPATCH_MAX))
# That choice depends on the machine, so the programs depend on a stamp of
# it (flags_stamp, as for the user's flags): a build directory carried to a
# CPU with other instruction sets rebuilds them.
COV_STAMP := $(HB)/cov/.flags
COV_NOW    = $(COV_CC) $(COV_FLAGS) max=$(COV_DISPATCH_MAX)
$(eval $(call flags_stamp,COV_STAMP,COV_NOW))
$(COV_BINS): $(COV_STAMP)

coverage: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(COV_BINS)
	@QEMU_X86='$(QEMU_X86)' tests/coverage.sh $(HB)/cov $(HARD_TABLE) $(LIB_SRC) \
	  $(foreach v,$(HARD_VARIANTS),$(v)$(if $(call variant_run,$(v)),@qemu))
	@$(call variant_notes,coverage,$(HARD_ALL))
	@$(if $(COV_DISPATCH_MAX),$(NOTE) "not run: the run-time paths \
	  above level $(COV_DISPATCH_MAX) (coverage: the CPU lacks them; built with \
	  -DACEH_DISPATCH_MAX=$(COV_DISPATCH_MAX), counted on a CPU that has them)",true)

# ------------------------------------------------------------------- lint
# cppcheck: options here, suppressions in tests/cppcheck-suppressions.txt;
# clang-tidy: .clang-tidy. Each for the SIMD paths and the scalar build.
CPPCHECK_OPTS := --std=c99 --enable=warning,style,performance,portability \
                 --inline-suppr --error-exitcode=1 --quiet \
                 --suppressions-list=tests/cppcheck-suppressions.txt -Iparser
LINT_SIMD   := $(if $(HARD_X86),-D__GNUC__ -D__x86_64__ -D__SSE2__)
LINT_AVX2   := $(if $(HARD_X86),$(LINT_SIMD) -D__SSSE3__ -D__AVX2__)
LINT_VARIANTS := simd nosimd $(if $(HARD_X86),avx2)
LINT_STAMPS := $(foreach v,$(LINT_VARIANTS),$(HB)/lint/cppcheck-$(v).ok \
               $(HB)/lint/clang-tidy-$(v).ok)
lint_cppcheck_flags = $(if $(filter nosimd,$(1)),-DACEH_NO_SIMD,$(if \
                      $(filter avx2,$(1)),$(LINT_AVX2),$(LINT_SIMD)))

$(HB)/lint/cppcheck-%.ok: $(LIB_SRC) $(LIB_HDR) tests/cppcheck-suppressions.txt
	@mkdir -p $(@D)
	cppcheck $(CPPCHECK_OPTS) $(call lint_cppcheck_flags,$*) $(LIB_SRC)
	@touch $@

# clang-tidy 14 pairs the file of a #line directive with the line in the
# real file, so its NOLINT comments would not match: it reads parser/aceh.c
# without them (the banner before each part still names its source).
$(HB)/lint/aceh.c: $(LIB_SRC)
	@mkdir -p $(@D)
	sed '/^#line /d' $(LIB_SRC) > $@

$(HB)/lint/clang-tidy-%.ok: $(HB)/lint/aceh.c $(LIB_HDR) .clang-tidy
	@mkdir -p $(@D)
	@echo "clang-tidy-14 $< -- -std=c99 $(call hard_vflags,$*)"
	@clang-tidy-14 --quiet --config-file=.clang-tidy $< -- -std=c99 -Iparser \
	  $(call hard_vflags,$*) > $(@:.ok=.log) 2>&1 || \
	  { grep -v '^[0-9]* warnings generated' $(@:.ok=.log); exit 1; }
	@touch $@

hardening-lint: deps-hardening
	@$(MAKE) --no-print-directory -j2 $(LINT_STAMPS)
	@echo "hardening-lint: cppcheck and clang-tidy clean ($(LINT_VARIANTS))"

# ------------------------------------------------------------------ pairs
hardening-pairs: $(HB)/plain/gcc-simd/table_runner
	$< --pairs $(HARD_TABLE)

# The hardening steps of mk/check-steps.txt, in its order.
HARDENING_STEPS := $(filter hardening-% coverage,$(CHECK_STEPS))

hardening: deps-hardening
	@scripts/run-steps.sh "$(MAKE)" $(HARDENING_STEPS)

.PHONY: deps-hardening hardening hardening-strict-objs $(HARDENING_STEPS)
