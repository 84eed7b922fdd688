# SPDX-License-Identifier: MIT
# Fuzzing: harnesses in fuzz/, seeds in corpus/<harness>/, findings kept in
# corpus/regressions/<harness>/. Targets (fuzz, fuzz-afl, fuzz-record,
# fuzz-repro, fuzz-seeds, corpus-min, fuzz-coverage) and the check steps
# (fuzz-smoke, fuzz-replay, fuzz-cflite, fuzz-ossfuzz, fuzz-workflows):
# fuzz/README.md, which says what each does and why.

# The harnesses: fuzz/harnesses.h, the one list (a command-line
# FUZZ_HARNESSES=... picks some of them).
FUZZ_HARNESSES := $(shell sed -n 's/^ *X(\([a-z0-9_]*\)).*/\1/p' fuzz/harnesses.h)
FUZZ_SECONDS ?= 60
FUZZ_FRESH   ?= 0
JOBS         ?= $(shell nproc 2>/dev/null || echo 1)
FUZZ_MAX_LEN ?= 4096
FUZZ_CC      ?= clang-14
AFL_CC       ?= afl-clang-fast

FUZZ_OUT  := $(BUILD)/fuzz
FUZZ_SRC  := fuzz/input.c fuzz/ref.c
FUZZ_HDR  := fuzz/input.h fuzz/ref.h fuzz/variants.h fuzz/rename.h \
             fuzz/replay.h $(LIB_HDR)
FUZZ_WARN := $(WARN) -D_DEFAULT_SOURCE -Iparser -Icommon -Ifuzz
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all -DACEH_DEBUG
REPLAY_DRIVER := fuzz/replay.c fuzz/replay_main.c

# Other builds of parser/aceh.c linked into every harness for the
# differential one (fuzz/rename.h): scalar, and SSSE3 and AVX2 on x86-64.
FUZZ_ARCH := $(shell uname -m)
FUZZ_VARIANTS := scalar
ifeq ($(FUZZ_ARCH),x86_64)
FUZZ_VARIANTS += ssse3 avx2
FUZZ_WARN += -DFUZZ_X86_VARIANTS
endif
# The flags: mk/variants.mk (scalar is its nosimd).
fuzz_variant_flags_scalar := $(variant_flags_nosimd)
fuzz_variant_flags_ssse3 := $(variant_flags_ssse3)
fuzz_variant_flags_avx2 := $(variant_flags_avx2)

# One build flavour of every harness.
#   $(1) flavour (folder under $(FUZZ_OUT)), $(2) compiler command,
#   $(3) flags, $(4) driver sources, $(5) binary suffix, $(6) (optional)
#   another flavour whose library objects these harnesses link, when the
#   two differ only outside parser/.
# The library is compiled once per flavour (aceh.o, and one variant_*.o
# per build of the differential harness), not once per harness: under
# sanitizers and coverage hooks it is most of the build's time.
# The nm check fails the build if a global symbol of a variant escaped the
# renaming (a new API function missing from fuzz/rename.h).
fuzz_libdir = $(FUZZ_OUT)/$(or $(2),$(1))
fuzz_libobjs = $(call fuzz_libdir,$(1),$(2))/aceh.o \
  $(foreach v,$(FUZZ_VARIANTS),$(call fuzz_libdir,$(1),$(2))/variant_$(v).o)
define fuzz_flavour
ifeq ($(6),)
$(FUZZ_OUT)/$(1)/aceh.o: $(LIB_SRC) $(LIB_HDR) fuzz/fuzz.mk
	@mkdir -p $$(@D)
	$(2) $(FUZZ_WARN) $(3) -c $(LIB_SRC) -o $$@

$(FUZZ_OUT)/$(1)/variant_%.o: $(LIB_SRC) $(LIB_HDR) fuzz/rename.h fuzz/fuzz.mk
	@mkdir -p $$(@D)
	$(2) $(FUZZ_WARN) $(3) $$(fuzz_variant_extra_$(1)) \
	  $$(fuzz_variant_flags_$$*) -DACEH_FUZZ_PREFIX=$$*_ \
	  -include fuzz/rename.h -c $(LIB_SRC) -o $$@
	@left=$$$$(nm -g --defined-only $$@ | awk '$$$$3 !~ /^($$*_|_)/ {print $$$$3}'); \
	  if [ -n "$$$$left" ]; then echo "not renamed in $$@: $$$$left" >&2; \
	  echo "add them to ACEH_FUNCTIONS in parser/aceh.h" >&2; \
	  rm -f $$@; exit 1; fi
.SECONDARY: $(call fuzz_libobjs,$(1))
endif

$(FUZZ_OUT)/$(1)/%_$(5): fuzz/%_fuzzer.c $(FUZZ_SRC) $(FUZZ_HDR) \
                        $(4) $(call fuzz_libobjs,$(1),$(6))
	@mkdir -p $$(@D)
	$(2) $(FUZZ_WARN) $(3) $$< $(FUZZ_SRC) $(4) \
	  $(call fuzz_libobjs,$(1),$(6)) -o $$@
endef

LIBFUZZER_FLAGS := -g -O1 -fsanitize=fuzzer $(FUZZ_SAN)
# The other builds keep their edge counters but not the comparison hooks
# (why: fuzz/README.md).
fuzz_variant_extra_libfuzzer := -fno-sanitize-coverage=trace-cmp
$(eval $(call fuzz_flavour,libfuzzer,$(FUZZ_CC),$(LIBFUZZER_FLAGS),,fuzzer))
# The differential harness against a deliberately broken reference: used
# only to prove that a disagreement aborts (fuzz-smoke).
$(eval $(call fuzz_flavour,refbreak1,$(FUZZ_CC),$(LIBFUZZER_FLAGS) -DREF_BREAK=1,,fuzzer,libfuzzer))
$(eval $(call fuzz_flavour,refbreak2,$(FUZZ_CC),$(LIBFUZZER_FLAGS) -DREF_BREAK=2,,fuzzer,libfuzzer))
# Engine-free replay, under both compilers.
$(eval $(call fuzz_flavour,replay-gcc,gcc,-g -O1 $(FUZZ_SAN),$(REPLAY_DRIVER),replay))
$(eval $(call fuzz_flavour,replay-clang,$(FUZZ_CC),-g -O1 $(FUZZ_SAN),$(REPLAY_DRIVER),replay))
# AFL++: a fast plain build and an ASan+UBSan build, persistent shm mode.
$(eval $(call fuzz_flavour,afl,AFL_QUIET=1 $(AFL_CC),-g -O2,fuzz/afl_driver.c fuzz/replay.c,afl))
$(eval $(call fuzz_flavour,afl-asan,AFL_QUIET=1 AFL_USE_ASAN=1 AFL_USE_UBSAN=1 $(AFL_CC),-g -O1,fuzz/afl_driver.c fuzz/replay.c,afl))
# Source-based coverage of the replay driver (make fuzz-coverage).
$(eval $(call fuzz_flavour,coverage,$(FUZZ_CC),-g -O0 -fprofile-instr-generate -fcoverage-mapping,$(REPLAY_DRIVER),cov))

fuzz_bins = $(foreach h,$(FUZZ_HARNESSES),$(FUZZ_OUT)/$(1)/$(h)_$(2))
# $(call fuzz_replay,FLAVOUR,STEP[,ENV[,SUFFIX]]): FLAVOUR's engine-free
# replay (binaries NAME_SUFFIX, default NAME_replay) of every harness over
# its committed seeds and regressions; fail=1 if any fails.
fuzz_replay = for h in $(FUZZ_HARNESSES); do \
	  $(3) $(FUZZ_OUT)/$(1)/$${h}_$(or $(4),replay) corpus/$$h $$(ls -d corpus/regressions/$$h 2>/dev/null) || \
	  { echo "$(2): $$h ($(1)) FAILED, see above" >&2; fail=1; }; done

fuzz-build: $(call fuzz_bins,libfuzzer,fuzzer)
fuzz-build-afl: $(call fuzz_bins,afl,afl) $(call fuzz_bins,afl-asan,afl)
fuzz-build-replay: $(call fuzz_bins,replay-gcc,replay) \
                   $(call fuzz_bins,replay-clang,replay)

FUZZ_ENV = FUZZ_OUT=$(FUZZ_OUT) FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) \
           FUZZ_MAX_LEN=$(FUZZ_MAX_LEN) FUZZ_HARNESSES="$(FUZZ_HARNESSES)"

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory -j$(JOBS) fuzz-build
	@$(FUZZ_ENV) fuzz/run-libfuzzer.sh

fuzz-afl: deps-fuzz
	@$(MAKE) --no-print-directory -j$(JOBS) fuzz-build-afl
	@$(FUZZ_ENV) FUZZ_FRESH=$(FUZZ_FRESH) fuzz/run-afl.sh

RECORDS ?= $(FUZZ_OUT)/record.tsv
FUZZ_RECORD_ALL ?= $(FUZZ_OUT)/record-all.tsv
fuzz-record:
	@FUZZ_RECORD=$(FUZZ_RECORD_ALL) sh -c '. fuzz/record.sh && \
	  record_merge "$$@" && record_summary all' fuzz-record $(RECORDS)

FUZZ_COVERAGE_ALL ?= 0
FUZZ_COV := $(FUZZ_OUT)/coverage
FUZZ_COV_OBJS = $(firstword $(call fuzz_bins,coverage,cov)) \
  $(addprefix -object ,$(wordlist 2,$(words $(FUZZ_HARNESSES)),$(call fuzz_bins,coverage,cov)))
fuzz-coverage: deps-fuzz
	@$(MAKE) --no-print-directory -j$(JOBS) $(call fuzz_bins,coverage,cov)
	@set -e; rm -rf $(FUZZ_COV)/prof; mkdir -p $(FUZZ_COV)/prof; fail=0; \
	$(call fuzz_replay,coverage,fuzz-coverage,LLVM_PROFILE_FILE=$(FUZZ_COV)/prof/$$h.profraw \
	  ACEH_FUZZ_ALL=$(FUZZ_COVERAGE_ALL),cov); [ $$fail = 0 ]; \
	llvm-profdata-14 merge -sparse $(FUZZ_COV)/prof/*.profraw -o $(FUZZ_COV)/corpus.profdata; \
	{ echo "fuzz corpus coverage of parser/ (corpus/<harness>/ and corpus/regressions/, no unit tests; ACEH_FUZZ_ALL=$(FUZZ_COVERAGE_ALL))"; \
	  llvm-cov-14 report $(FUZZ_COV_OBJS) -instr-profile=$(FUZZ_COV)/corpus.profdata $(LIB_SRC); \
	  echo; llvm-cov-14 report -show-functions $(FUZZ_COV_OBJS) \
	    -instr-profile=$(FUZZ_COV)/corpus.profdata $(LIB_SRC); } > $(FUZZ_COV)/report.txt; \
	llvm-cov-14 show $(FUZZ_COV_OBJS) -instr-profile=$(FUZZ_COV)/corpus.profdata \
	  -show-line-counts-or-regions $(LIB_SRC) > $(FUZZ_COV)/aceh.c.txt; \
	sed -n '1,/^$$/p' $(FUZZ_COV)/report.txt; \
	echo "per function: $(FUZZ_COV)/report.txt; every line with its count: $(FUZZ_COV)/aceh.c.txt"

# The harness: HARNESS= or a path component named after one.
fuzz-repro: fuzz-build
	@if [ -z "$(FILE)" ]; then echo "usage: make fuzz-repro FILE=path [HARNESS=name]" >&2; exit 2; fi
	@h="$(HARNESS)"; \
	if [ -z "$$h" ]; then for c in $(FUZZ_HARNESSES); do \
	  case "/$(FILE)" in */$$c/*) h=$$c;; esac; done; fi; \
	if [ -z "$$h" ]; then echo "fuzz-repro: cannot tell the harness from $(FILE); add HARNESS=one of: $(FUZZ_HARNESSES)" >&2; exit 2; fi; \
	echo "fuzz-repro: $(FUZZ_OUT)/libfuzzer/$${h}_fuzzer $(FILE)"; \
	$(FUZZ_OUT)/libfuzzer/$${h}_fuzzer -runs=1 "$(FILE)"

$(FUZZ_OUT)/fuzz_seeds: fuzz/seeds.c fuzz/input.h fuzz/harnesses.h $(LIB_HDR) \
                        common/escape.h $(BUILD)/obj/escape.o
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -Ifuzz $< $(BUILD)/obj/escape.o -o $@

fuzz-seeds: $(FUZZ_OUT)/fuzz_seeds
	rm -rf $(FUZZ_OUT)/seeds
	$(FUZZ_OUT)/fuzz_seeds $(FUZZ_OUT)/seeds $(wildcard conformance/cases.tsv)

# The one target that writes into source folders (corpus/<h>/).
corpus-min: deps-fuzz
	@$(MAKE) --no-print-directory fuzz-build fuzz-seeds
	@set -e; for h in $(FUZZ_HARNESSES); do \
	  m=$(FUZZ_OUT)/min/$$h; rm -rf $$m; mkdir -p $$m corpus/$$h; \
	  srcs="corpus/$$h $(FUZZ_OUT)/seeds/$$h"; \
	  for d in $(FUZZ_OUT)/corpus/$$h $(FUZZ_OUT)/afl-out/$$h/*/queue; do \
	    [ -d "$$d" ] && srcs="$$srcs $$d"; done; \
	  $(FUZZ_OUT)/libfuzzer/$${h}_fuzzer -merge=1 -max_len=$(FUZZ_MAX_LEN) \
	    $$m $$srcs > $(FUZZ_OUT)/min/$$h.log 2>&1 || { \
	    echo "corpus-min: merge failed for $$h, see $(FUZZ_OUT)/min/$$h.log" >&2; exit 1; }; \
	  before=$$(ls corpus/$$h | wc -l); \
	  find corpus/$$h -maxdepth 1 -type f ! -name '.*' -delete; \
	  cp $$m/* corpus/$$h/; \
	  echo "corpus-min: corpus/$$h: $$before -> $$(ls corpus/$$h | wc -l) files"; \
	done

# --- check steps ------------------------------------------------------------

FUZZ_SMOKE_SECONDS ?= 4

# Regressions are fuzz-replay's job, not this one's.
fuzz-smoke: fuzz-build $(FUZZ_OUT)/refbreak1/differential_fuzzer \
            $(FUZZ_OUT)/refbreak2/differential_fuzzer
	@set -e; for h in $(FUZZ_HARNESSES); do \
	  s=$(FUZZ_OUT)/smoke/$$h; rm -rf $$s; mkdir -p $$s; \
	  if $(FUZZ_OUT)/libfuzzer/$${h}_fuzzer -max_total_time=$(FUZZ_SMOKE_SECONDS) \
	      -max_len=$(FUZZ_MAX_LEN) -dict=fuzz/aceh.dict -artifact_prefix=$$s/ \
	      $$s corpus/$$h > $$s.log 2>&1; then \
	    echo "fuzz-smoke: $$h ok: $$(grep -E '^#[0-9]+' $$s.log | tail -1 | sed 's/^#\([0-9]*\).*/\1/') runs, $$(ls $$s | wc -l) new inputs"; \
	  else echo "fuzz-smoke: $$h FAILED, see $$s.log"; tail -30 $$s.log; exit 1; fi; \
	done
	@fuzz/bare-start.sh $(FUZZ_OUT)/smoke/bare $(call fuzz_bins,libfuzzer,fuzzer)
	@FUZZ_OUT=$(FUZZ_OUT) fuzz/diff-abort-test.sh

# ACEH_FUZZ_ALL=1: every input against every build and group of the
# differential harness, not only the ones its selector byte picks.
fuzz-replay: fuzz-build-replay
	@fail=0; for cc in gcc clang; do \
	  $(call fuzz_replay,replay-$$cc,fuzz-replay,ACEH_FUZZ_ALL=1); done; \
	$(call variant_notes_native,differential harness,$(filter ssse3 avx2,$(X86_VARIANTS))); \
	exit $$fail

# The builds of .github/workflows/cflite_pr.yml.
CFLITE_BUILDS := libfuzzer:address libfuzzer:undefined
fuzz-cflite:
	@scripts/deps.sh clang-14 libclang-rt-14-dev zip unzip
	@FUZZ_OUT=$(FUZZ_OUT) FUZZ_HARNESSES="$(FUZZ_HARNESSES)" \
	  fuzz/cflite-test.sh cflite .clusterfuzzlite/build.sh $(CFLITE_BUILDS)

# oss-fuzz/build.sh for every engine x sanitizer of oss-fuzz/project.yaml
# that OSS-Fuzz builds (afl: address only; google/oss-fuzz
# infra/build/functions/build_lib.py, ENGINE_INFO).
ossfuzz_list = $(shell sed -n '/^$(1):/,/^[^ ]/s/^ *- *\([a-z]*\).*/\1/p' oss-fuzz/project.yaml)
OSSFUZZ_BUILDS := $(foreach e,$(call ossfuzz_list,fuzzing_engines),$(foreach \
  s,$(call ossfuzz_list,sanitizers),$(if $(filter afl,$(e)),$(filter \
  afl:address,$(e):$(s)),$(e):$(s))))
fuzz-ossfuzz:
	@scripts/deps.sh clang-14 libclang-rt-14-dev afl++ zip unzip
	@echo "fuzz-ossfuzz: builds $(OSSFUZZ_BUILDS)"
	@FUZZ_OUT=$(FUZZ_OUT) FUZZ_HARNESSES="$(FUZZ_HARNESSES)" \
	  fuzz/cflite-test.sh ossfuzz oss-fuzz/build.sh $(OSSFUZZ_BUILDS)

# yamllint: GitHub's "on:" key is not a truthy value; the storage-repo
# lines are long.
CFLITE_WORKFLOWS := $(addprefix .github/workflows/cflite_,pr.yml batch.yml cron.yml)
YAMLLINT_RULES := {document-start: disable, truthy: {check-keys: false}, line-length: {max: 120}}
fuzz-workflows:
	@scripts/deps.sh yamllint
	yamllint -s -d '{extends: default, rules: $(YAMLLINT_RULES)}' \
	  $(CFLITE_WORKFLOWS) .clusterfuzzlite/project.yaml oss-fuzz/project.yaml
	@fuzz/cflite-names.sh $(CFLITE_WORKFLOWS)

.PHONY: fuzz fuzz-afl fuzz-record fuzz-build fuzz-build-afl fuzz-build-replay fuzz-repro \
        fuzz-seeds corpus-min fuzz-smoke fuzz-replay fuzz-cflite fuzz-coverage \
        fuzz-ossfuzz fuzz-workflows
