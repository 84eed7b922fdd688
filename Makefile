# SPDX-License-Identifier: MIT
# aceh: build, test, fuzz. Everything is built into $(BUILD)/.
#   make            library (static + shared), aceh.pc, the `aceh` program
#   make check      the whole test suite (installs its Debian packages first)
#   make fuzz       the fuzz campaign (installs clang/libFuzzer first)
# Parts of the build live beside their sources in */*.mk and add their
# test steps to CHECK_STEPS.

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
CFLAGS  ?= -O2 -g
LDFLAGS ?=
WERROR  ?= -Werror
WARN    := -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow $(WERROR)
ACEH_CFLAGS = $(WARN) $(CFLAGS) -Iparser -Icommon
# POSIX functions (mmap, clock_gettime, ...) for tests and tools, not parser/.
TOOL_CFLAGS = $(ACEH_CFLAGS) -D_DEFAULT_SOURCE

VERSION := $(shell sed -n 's/^\#define ACEH_VERSION_STRING "\(.*\)"/\1/p' parser/aceh.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME  := libaceh.so.$(SOMAJOR)

# Debian packages each job needs; `scripts/deps.sh` installs the missing ones.
# check: jq reads the JSON outputs, groff-base renders the man page, zip and
# unzip make and read the ClusterFuzzLite seed archives.
DEPS_BUILD := build-essential pkg-config
DEPS_CHECK := $(DEPS_BUILD) check clang-14 llvm-14 libclang-rt-14-dev valgrind jq groff-base zip unzip
DEPS_FUZZ  := $(DEPS_BUILD) clang-14 llvm-14 libclang-rt-14-dev afl++ zip

CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)

LIB_SRC := parser/aceh.c
LIB_HDR := parser/aceh.h

CHECK_STEPS :=

all: lib

lib: $(BUILD)/libaceh.a $(BUILD)/libaceh.so.$(VERSION) $(BUILD)/aceh.pc

$(BUILD)/obj/aceh.o: $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ACEH_CFLAGS) -fPIC -c $< -o $@

$(BUILD)/obj/escape.o: common/escape.c common/escape.h
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -c $< -o $@

$(BUILD)/libaceh.a: $(BUILD)/obj/aceh.o
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libaceh.so.$(VERSION): $(BUILD)/obj/aceh.o
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) -o $@ $^
	ln -sf libaceh.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf libaceh.so.$(VERSION) $(BUILD)/libaceh.so

# Rebuilt whenever PREFIX differs from the one it was made with.
PC_STAMP := $(BUILD)/.prefix-$(subst /,_,$(PREFIX))
$(PC_STAMP):
	@mkdir -p $(@D)
	@rm -f $(BUILD)/.prefix-*
	@touch $@

$(BUILD)/aceh.pc: aceh.pc.in parser/aceh.h $(PC_STAMP)
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' $< > $@

deps:
	@scripts/deps.sh $(sort $(DEPS_CHECK) $(DEPS_FUZZ))

deps-check:
	@scripts/deps.sh $(DEPS_CHECK)

deps-fuzz:
	@scripts/deps.sh $(DEPS_FUZZ)

# The whole suite: every step runs even when an earlier one fails; the last
# line sums them up and the exit status is non-zero on any failure.
check: deps-check
	@scripts/run-steps.sh "$(MAKE)" $(CHECK_STEPS)

clean:
	rm -rf $(BUILD)

include $(sort $(wildcard */*.mk))

# The unit suite first: when the library is broken, it says so most plainly.
CHECK_STEPS := unit $(filter-out unit,$(CHECK_STEPS))

.PHONY: all lib deps deps-check deps-fuzz check clean
