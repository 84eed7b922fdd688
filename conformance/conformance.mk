# SPDX-License-Identifier: MIT
# Conformance suite: the table conformance/cases.tsv run through the library
# (Check runner) and through the `aceh batch` line protocol.
#   make conformance            both; fails on any disagreement
#   make conformance-runner     the Check runner only
#   make conformance-external   conformance/run-external $(BUILD)/aceh batch

CONFORMANCE_TABLE := conformance/cases.tsv

# The table reader shared by every program that runs the table (the Check
# runner here, tests/table_runner.c, the browser check).
$(BUILD)/obj/cases.o: common/cases.c common/cases.h common/escape.h
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -c common/cases.c -o $@

$(BUILD)/conformance_test: conformance/conformance_test.c parser/aceh.h \
		common/cases.h $(BUILD)/libaceh.a $(BUILD)/obj/cases.o \
		$(BUILD)/obj/escape.o
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) $(CHECK_CFLAGS) $(LDFLAGS) -o $@ conformance/conformance_test.c \
		$(BUILD)/libaceh.a $(BUILD)/obj/cases.o $(BUILD)/obj/escape.o \
		$(CHECK_LIBS)

conformance-runner: $(BUILD)/conformance_test
	$(BUILD)/conformance_test $(CONFORMANCE_TABLE)

conformance-external: $(BUILD)/aceh
	conformance/run-external $(BUILD)/aceh batch

# Runner first: its per-row messages are the precise ones.
conformance: conformance-runner
	@$(MAKE) --no-print-directory conformance-external

CHECK_STEPS += conformance

.PHONY: conformance conformance-runner conformance-external
