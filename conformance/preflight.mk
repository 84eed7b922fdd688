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

CHECK_STEPS += conformance-preflight

.PHONY: conformance-preflight
