# SPDX-License-Identifier: MIT
# The `aceh` command-line program and its tests (tests/cli/).

CLI_SRC := $(sort $(wildcard cli/*.c))
CLI_OBJ := $(CLI_SRC:cli/%.c=$(BUILD)/obj/cli/%.o)

all: $(BUILD)/aceh

$(BUILD)/obj/cli/%.o: cli/%.c cli/cli.h $(LIB_HDR) common/escape.h
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -c $< -o $@

$(BUILD)/aceh: $(CLI_OBJ) $(BUILD)/libaceh.a $(BUILD)/obj/escape.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/obj/escape.o $(BUILD)/libaceh.a

cli-test: $(BUILD)/aceh
	tests/cli/run.sh $(BUILD)/aceh

CHECK_STEPS += cli-test

.PHONY: cli-test
