# SPDX-License-Identifier: MIT
# Unit tests of parser/: a plain build and an ASan+UBSan build (clang).

SAN_CC     ?= clang
SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
              -DACEH_DEBUG
SAN_CFLAGS  = $(WARN) -O1 -g -Iparser -Icommon -D_DEFAULT_SOURCE $(SAN_FLAGS)
# Guard-page tests fault on purpose: ASan must let the signal through.
# CK_FORK=no: a fork of an ASan process copies the page tables of its
# shadow memory, which made the sanitized suites 40 times slower (about
# 450 s instead of 10 s for the unit suite); sanitizers abort on the first
# report anyway. The suites leave out their expected-signal tests then,
# which the plain forking runs keep.
SAN_ENV    := CK_FORK=no ASAN_OPTIONS=handle_segv=0:detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

UNIT_SRC := tests/unit_test.c tests/guard.c

$(BUILD)/tests/unit_test: $(UNIT_SRC) tests/guard.h tests/unit_cases.h parser/src/fold.h $(BUILD)/libaceh.a
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) $(CHECK_CFLAGS) $(LDFLAGS) $(UNIT_SRC) $(BUILD)/libaceh.a \
	  $(CHECK_LIBS) -o $@

$(BUILD)/san/unit_test: $(UNIT_SRC) tests/guard.h tests/unit_cases.h parser/src/fold.h $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	$(SAN_CC) $(SAN_CFLAGS) $(CHECK_CFLAGS) $(UNIT_SRC) $(LIB_SRC) $(CHECK_LIBS) -o $@

unit: $(BUILD)/tests/unit_test $(BUILD)/san/unit_test
	$(BUILD)/tests/unit_test
	$(SAN_ENV) $(BUILD)/san/unit_test

.PHONY: unit

# The one list of the public API (ACEH_FUNCTIONS in parser/aceh.h) against
# the header's declarations, the libraries' exports and the table of which
# fuzz harness compares each function with which reference.
api-check: $(BUILD)/libaceh.a $(BUILD)/libaceh.so.$(VERSION)
	@CC='$(CC)' API_HARNESSES=fuzz tests/api-check.sh $(LIB_HDR) $(BUILD)/libaceh.a $(BUILD)/libaceh.so.$(VERSION)

.PHONY: api-check
