# SPDX-License-Identifier: MIT
# The `aceh` command-line program and its tests (tests/cli/).

CLI_SRC := $(sort $(wildcard cli/*.c))
CLI_OBJ := $(CLI_SRC:cli/%.c=$(BUILD)/obj/cli/%.o)
# The well-known field names for `aceh lint`, built in from the data file.
CLI_NAMES_C := $(BUILD)/gen/cli/known-names.c
CLI_NAMES_O := $(BUILD)/obj/gen/cli/known-names.o

all: $(BUILD)/aceh

$(BUILD)/obj/cli/%.o: cli/%.c cli/cli.h $(LIB_HDR) common/escape.h
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -c $< -o $@

$(CLI_NAMES_C): cli/known-names.txt cli/embed-names.sh
	@mkdir -p $(@D)
	cli/embed-names.sh cli/known-names.txt > $@.tmp
	mv $@.tmp $@

$(CLI_NAMES_O): $(CLI_NAMES_C) cli/cli.h $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -Icli -c $< -o $@

$(BUILD)/aceh: $(CLI_OBJ) $(CLI_NAMES_O) $(BUILD)/libaceh.a $(BUILD)/obj/escape.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(CLI_NAMES_O) $(BUILD)/obj/escape.o $(BUILD)/libaceh.a

cli-test: $(BUILD)/aceh
	tests/cli/run.sh $(BUILD)/aceh

# The reviewed corpus of real values (tests/lint-corpus/README.md).
lint-corpus: $(BUILD)/aceh
	tests/lint-corpus/check.sh $(BUILD)/aceh

.PHONY: cli-test lint-corpus
