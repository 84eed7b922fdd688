# SPDX-License-Identifier: MIT
# The preflight table (conformance/preflight.tsv) through the library.
#   make conformance-preflight

PREFLIGHT_TABLE := conformance/preflight.tsv

$(BUILD)/preflight_test: conformance/preflight_test.c parser/aceh.h \
		common/escape.h $(BUILD)/libaceh.a $(BUILD)/obj/escape.o
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) $(CHECK_CFLAGS) -o $@ conformance/preflight_test.c \
		$(BUILD)/libaceh.a $(BUILD)/obj/escape.o $(CHECK_LIBS)

conformance-preflight: $(BUILD)/preflight_test
	$(BUILD)/preflight_test $(PREFLIGHT_TABLE)

.PHONY: conformance-preflight

# The same table through run-external's preflight protocol, answered by
# `aceh preflight` one run per row (conformance/adapters/aceh/preflight),
# then run-external --preflight's own test.
conformance-preflight-external: $(BUILD)/aceh
	conformance/run-external --preflight conformance/adapters/aceh/preflight $(BUILD)/aceh
	sh conformance/selftest/preflight-test.sh $(BUILD)

.PHONY: conformance-preflight-external
