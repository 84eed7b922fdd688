# SPDX-License-Identifier: MIT
# `make prove`: Frama-C's Eva (abstract interpretation) over parser/aceh.c
# with the driver proof/driver.c, for each build of PROVE_BUILDS:
#   nosimd  -DACEH_NO_SIMD: the portable scalar code
#   sse2    the x86-64 default path (ACEH_NO_DISPATCH: SSE2 only), its
#           intrinsics and builtins replaced by the plain-C model in
#           proof/model/ (Frama-C cannot parse GCC's intrinsics headers)
# Eva runs first, then WP (CVC4) on the functions that carry ACSL
# annotations (proof/run.sh). One line per build: public functions
# reached, functions and statements reached, alarms (the properties no
# analysis proved: Eva's alarms, libc preconditions, our annotations), WP's
# goals, seconds. It fails when a function of ACEH_FUNCTIONS is not
# reached, or when a build's alarms exceed its line in proof/baseline.txt
# (at 0: on any alarm).
#   make prove                     the full bound (PROVE_BOUND bytes)
#   make prove-check               the `make check` step: the model test,
#                                  then both builds at PROVE_CHECK_BOUND
#   make prove-model               the model against the real intrinsics
# Frama-C runs single-threaded, under nice. The logs and every alarm site
# go to $(BUILD)/proof/<build>-<bound>-p<precision>/ (eva.log, alarms.txt).

# WP's prover: CVC4, which Frama-C 25's WP runs through why3 1.5 here.
DEPS_PROVE := frama-c-base why3 cvc4

PROVE_BUILDS      := nosimd sse2
PROVE_BOUND       ?= 300
PROVE_CHECK_BOUND ?= 72
PROVE_BASELINE    := proof/baseline.txt
FRAMA_C           ?= frama-c

# Eva's settings: x86-64 types (Frama-C's default machdep is 32-bit),
# -eva-split-return auto (keeps a function's return states apart by
# result, so that a caller's test of the result reduces the rest), and a
# precision level: 3 for `make prove` (the two builds at once: 20 minutes
# on a 2-core AMD EPYC Zen 3, the SSE2 build's Eva most of it), 1 for the
# `make check` step at 72 bytes, just past one 64-byte window (6 minutes
# there for both when run alone, WP most of it; `make check` runs it
# beside its other steps). Each
# (build, bound, precision) has its own baseline line: lower precision
# keeps fewer states apart and raises more alarms.
# PROVE_FLAGS: more Frama-C options for a look at an alarm, for example
# -eva-print-callstacks (the call chain under each alarm).
PROVE_FLAGS           ?=
PROVE_PRECISION       ?= 3
PROVE_CHECK_PRECISION ?= 1
PROVE_EVA := -machdep gcc_x86_64 -eva -eva-split-return auto -eva-no-show-progress
prove_flags_nosimd := -DACEH_NO_SIMD
# Eva options per build: the equality domain (equalities between
# expressions, kept across statements) cuts the scalar build's full run
# from 17 minutes to under two and lowers its counts; on the
# SSE2 build it raises more alarms in the kernel, so that one goes without.
prove_eva_nosimd := -eva-domains equality
prove_eva_sse2   :=
# __SSE2__ as x86-64 compilers define it, so that the sse2 build is the
# same on any host (Frama-C preprocesses with the host's gcc).
prove_flags_sse2   := -Iproof/model -DACEH_NO_DISPATCH -D__SSE2__=1
PROVE_SRC := parser/aceh.c proof/driver.c
PROVE_DEPS := $(PROVE_SRC) $(LIB_HDR) proof/model/immintrin.h \
              proof/model/sse2_model.h proof/run.sh $(PROVE_BASELINE)

# WP after Eva (proof/run.sh adds it for the functions that carry ACSL
# annotations, and the driver's): CVC4 with a budget of steps per goal
# (its resource limit, which counts the prover's own work: the same goal
# gets the same answer on any machine, fast or slow, busy or idle; the
# costliest goal proven here takes about 466,000), a timeout of an hour
# only as a guard (a goal near the budget took over 5 minutes of wall
# time while `make check`'s other steps held the CPU: a tighter timeout
# would make the result depend on the load; and CVC4 counts no steps in
# some of its phases, where only the guard ends a goal: a structure
# assignment tried in aceh_list_parse kept two goals busy past 11 minutes),
# two prover processes. CVC4
# proves what z3 (the prover here before) proved and what z3 cannot about
# \initialized across stores into an array of structures, most goals in a
# fraction of a second; given the goals CVC4 leaves, z3 proved none.
# -wp-no-filter-init: WP otherwise drops a callee's ensures that speak of
# \initialized from the caller's goals. -wp-model Typed+cast: WP's typed
# memory model, with pointer casts followed as the same address; the
# library reads the caller's `char` strings through `unsigned char`
# pointers, and a name's readability crosses such a cast (a list's name
# as aceh_list_name_ptr returns it, read by the index as bytes). Sound
# here: both types are one byte wide, so addresses and bounds are the
# same through the cast, and the strings cast are the caller's `const`
# input, never written (the model keeps each type's memory apart, so a
# write through one type would go unseen through the other).
# proof/run.sh fails when WP reports a cast between any other types. PROVE_WP_BITS, a second WP pass
# over what the first left in the functions it names: WP's tactic that
# turns a shift by a constant into a product, tried where the prover
# alone fails (the index's slot read adds its bytes in shifted, which gcc
# loads as one word; CVC4 does not follow shifts); only there, where it
# is needed. WP tries only what Eva left unproven. why3's prover list is
# detected into the build directory (again when this file changes).
# WP's cache, one a build (PROVE_CACHE/<build>): each goal's result kept
# under a digest of the goal's text, its prover and its limits. A run after
# a change sends only the goals that changed to the prover; a clean build
# proves every goal. (The two builds' goals differ in their internal names
# even where the code is the same, so one cache for both would not help.)
PROVE_CACHE := $(BUILD)/proof/wp-cache
PROVE_WHY3 := $(BUILD)/proof/why3.conf
PROVE_WP   := -wp-prover cvc4 -wp-steps 1000000 -wp-timeout 3600 -wp-par 2 \
              -wp-no-filter-init -wp-cache update -wp-model Typed+cast
PROVE_WP_BITS := -wp-fct aceh__slot -wp-auto wp:bitshift

$(PROVE_WHY3): proof/proof.mk | deps-prove
	@mkdir -p $(@D)
	@out=$$(WHY3CONFIG=$@.tmp why3 config detect 2>&1) || { echo "$$out" >&2; exit 1; }; \
	  mv $@.tmp $@

# $(call prove_run,BUILD,BOUND,PRECISION): the shell command of one run.
# -eva-split-limit: the driver's `split` on a length enumerates every
# length up to the bound (Eva stops at 100 cases by default).
prove_run = mkdir -p $(PROVE_CACHE)/$(1) && WHY3CONFIG=$(PROVE_WHY3) PROVE_WP="$(PROVE_WP) -wp-cache-dir $(PROVE_CACHE)/$(1)" PROVE_WP_BITS="$(PROVE_WP_BITS)" PROVE_FRAMA_C=$(FRAMA_C) proof/run.sh $(1) $(2) $(3) $(BUILD)/proof/$(1)-$(2)-p$(3) \
  $(PROVE_BASELINE) -- nice $(FRAMA_C) $(PROVE_EVA) $(prove_eva_$(1)) -eva-precision $(3) \
  -eva-split-limit $$(($(2) + 1)) $(PROVE_FLAGS) \
  -cpp-extra-args="$(prove_flags_$(1)) -Iparser -DPROOF_MAX=$(2)" $(PROVE_SRC)

deps-prove:
	@scripts/deps.sh $(sort $(DEPS_BUILD) $(DEPS_PROVE))

# $(call prove_all,BOUND,PRECISION): every build of PROVE_BUILDS at once
# (Eva is single-threaded, so one build's Eva runs beside the other's
# provers), each one's output kept apart and printed in order.
prove_all = status=0; \
  $(foreach b,$(PROVE_BUILDS),{ $(call prove_run,$(b),$(1),$(2)) \
    >$(BUILD)/proof/$(b)-$(1)-p$(2).out 2>&1; \
    echo $$? >$(BUILD)/proof/$(b)-$(1)-p$(2).rc; } & ) wait; \
  $(foreach b,$(PROVE_BUILDS),cat $(BUILD)/proof/$(b)-$(1)-p$(2).out; \
    [ "$$(cat $(BUILD)/proof/$(b)-$(1)-p$(2).rc)" = 0 ] || status=1;) \
  exit $$status

prove: deps-prove $(PROVE_DEPS) $(PROVE_WHY3)
	@$(call prove_all,$(PROVE_BOUND),$(PROVE_PRECISION))

# The model test: x86-64 only (it runs the real SSE2 instructions).
$(BUILD)/proof/model_test: proof/model_test.c proof/model/sse2_model.h
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) $(LDFLAGS) proof/model_test.c -o $@

ifneq ($(HOST_X86_64),)
prove-model: $(BUILD)/proof/model_test
	$(BUILD)/proof/model_test
else
prove-model:
	@$(NOTE) "not run: the SSE2 model test (this host is not x86-64)"
endif

prove-check: deps-prove prove-model $(PROVE_DEPS) $(PROVE_WHY3)
	@$(call prove_all,$(PROVE_CHECK_BOUND),$(PROVE_CHECK_PRECISION))

.PHONY: deps-prove prove prove-check prove-model
