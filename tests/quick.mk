# SPDX-License-Identifier: MIT
# `make test`: the quick portable tier (README.md, "Testing"): $(CC) and
# the user's flags only, installs nothing; test-unit uses Check's suite
# when pkg-config finds Check, else tests/table_runner.c on the same tables.

HAVE_CHECK := $(shell $(PKG_CONFIG) --exists check 2>/dev/null && echo yes)
QUICK      := $(BUILD)/quick
QUICK_JOBS ?= $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
QUICK_TR_SRC := tests/table_runner.c tests/guard.c
QUICK_STEPS  := test-unit test-conformance test-cli test-replay

$(QUICK)/table_runner: $(QUICK_TR_SRC) tests/guard.h tests/unit_cases.h \
                       common/cases.h $(BUILD)/libaceh.a $(BUILD)/obj/cases.o \
                       $(BUILD)/obj/escape.o $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -Itests $(LDFLAGS) $(QUICK_TR_SRC) $(BUILD)/obj/cases.o \
	  $(BUILD)/obj/escape.o $(BUILD)/libaceh.a -o $@

# The replay drivers with $(CC), no sanitizer (fuzz/fuzz.mk's recipe).
$(eval $(call fuzz_flavour,quick,$(CC),-O1 -g,$(REPLAY_DRIVER),replay))

QUICK_BUILD := $(BUILD)/aceh $(QUICK)/table_runner \
               $(call fuzz_bins,quick,replay) \
               $(if $(HAVE_CHECK),$(BUILD)/tests/unit_test $(BUILD)/conformance_test)

test:
	@$(MAKE) --no-print-directory -j$(QUICK_JOBS) $(QUICK_BUILD) || \
	  echo "test: the build failed; the steps below show where"
	@RUN_STEPS_LABEL=test scripts/run-steps.sh "$(MAKE)" $(QUICK_STEPS)

test-unit: $(if $(HAVE_CHECK),$(BUILD)/tests/unit_test,$(QUICK)/table_runner)
ifeq ($(HAVE_CHECK),yes)
	$(BUILD)/tests/unit_test
else
	@$(NOTE) "Check not found by $(PKG_CONFIG): the unit case tables ran through tests/table_runner.c"
	$(QUICK)/table_runner $(CONFORMANCE_TABLE)
endif

test-conformance: $(BUILD)/aceh $(if $(HAVE_CHECK),$(BUILD)/conformance_test,$(QUICK)/table_runner)
ifeq ($(HAVE_CHECK),yes)
	$(BUILD)/conformance_test $(CONFORMANCE_TABLE)
else
	$(QUICK)/table_runner $(CONFORMANCE_TABLE)
endif
	conformance/run-external $(BUILD)/aceh batch

test-cli: $(BUILD)/aceh
	@ACEH_TOOLS_OPTIONAL=1 tests/cli/run.sh $(BUILD)/aceh > $(QUICK)/cli.log 2>&1; \
	  rc=$$?; grep -v '^not run:' $(QUICK)/cli.log; \
	  grep '^not run:' $(QUICK)/cli.log | while read -r l; do $(NOTE) "$$l"; done; \
	  exit $$rc

test-replay: $(call fuzz_bins,quick,replay)
	@fail=0; $(call fuzz_replay,quick,test-replay); exit $$fail

.PHONY: test $(QUICK_STEPS)
