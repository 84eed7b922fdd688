# SPDX-License-Identifier: MIT
# aceh: build, test, fuzz, everything into $(BUILD)/ (targets: README.md).
# Parts of the build live beside their sources in */*.mk; the steps of
# `make check` are listed, in order, in mk/check-steps.txt.

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
CFLAGS  ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
# Warnings are errors in `make check` (and so in CI) only: a newer compiler
# with a new warning must not break a user's `make` or `make install`.
WERROR  ?=
WARN    := -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow $(WERROR)
# The user's CPPFLAGS and CFLAGS come after the project's own flags, so they
# can add to or override them (-O3, -Wno-...).
ACEH_CFLAGS = -Iparser -Icommon $(CPPFLAGS) $(WARN) $(CFLAGS)
# POSIX functions (mmap, clock_gettime, ...) for tests and tools, not parser/.
TOOL_CFLAGS = $(ACEH_CFLAGS) -D_DEFAULT_SOURCE

VERSION := $(shell sed -n 's/^\#define ACEH_VERSION_STRING "\(.*\)"/\1/p' parser/aceh.h)
# The soname follows the ABI version, not the release: 0.x releases may
# change struct sizes, and each such change bumps ACEH_ABI_VERSION.
ABI     := $(shell sed -n 's/^\#define ACEH_ABI_VERSION \([0-9]*\).*/\1/p' parser/aceh.h)
SONAME  := libaceh.so.$(ABI)

# Debian packages each job needs; `scripts/deps.sh` installs the missing ones.
# check: jq reads the JSON outputs, groff-base renders the man page, zip and
# unzip make and read the ClusterFuzzLite seed archives, afl++ builds the
# OSS-Fuzz AFL++ fuzzers, yamllint checks the ClusterFuzzLite workflows.
DEPS_BUILD := build-essential pkg-config
# qemu-user runs what this machine cannot (32-bit programs on a kernel
# without i386 support, SIMD variants the CPU lacks, the AArch64 build);
# cmake and meson build the consumer projects.
DEPS_CHECK := $(DEPS_BUILD) check clang-14 llvm-14 libclang-rt-14-dev valgrind jq groff-base zip unzip \
              qemu-user cmake meson ninja-build afl++ yamllint
DEPS_FUZZ  := $(DEPS_BUILD) clang-14 llvm-14 libclang-rt-14-dev afl++ zip

PKG_CONFIG  ?= pkg-config
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

LIB_SRC := parser/aceh.c
LIB_HDR := parser/aceh.h

# The one list of check steps (see the file's head).
STEPS_LIST  := mk/check-steps.txt
CHECK_STEPS := $(shell sed -n 's/^\([a-z0-9-]*\) |.*/\1/p' $(STEPS_LIST))
CHECK_LISTED := $(CHECK_STEPS)
STEPS_ROWS   = sed -n 's/^\([a-z0-9-]*\) | \([^ ]*\) | \(.*\)/| `\1` | `\2` | \3 |/p' $(STEPS_LIST)

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
	$(CC) $(CFLAGS) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) \
	    -o $@ $(BUILD)/obj/aceh.o
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
# line sums them up and the exit status is non-zero on any failure. Steps
# run one after another, each building on every core (CHECK_JOBS), except
# those of CHECK_BACKGROUND: they start with the first step, at a lower CPU
# priority, and are waited for in their place (the prove step's provers
# then use the cores the other steps leave idle). Their packages are
# installed first, so that no two package installs run at once.
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CHECK_BACKGROUND := prove-check
check: deps-check deps-prove
	@RUN_STEPS_BACKGROUND="$(CHECK_BACKGROUND)" \
	  scripts/run-steps.sh "$(MAKE) -j$(CHECK_JOBS) WERROR=-Werror" $(CHECK_STEPS)

# README's step table, made from the list.
steps-table:
	@$(STEPS_ROWS)

steps-check:
	@test -z "$(filter-out $(CHECK_LISTED),$(CHECK_STEPS))" || { echo "steps-check:\
	  $(filter-out $(CHECK_LISTED),$(CHECK_STEPS)): added to CHECK_STEPS outside $(STEPS_LIST)" >&2; exit 1; }
	@sed -n 's/^\([a-z0-9-]*\) | \([^ ]*\) |.*/\1 \2/p' $(STEPS_LIST) | while read -r s f; do \
	  grep -q "^$$s:" "$$f" || { echo "steps-check: $$s is not a target of $$f" >&2; exit 1; }; done
	@mkdir -p $(BUILD); sed -n '/^| step | defined in | what it proves |$$/,/^$$/{/^| `/p}' README.md > $(BUILD)/readme-steps
	@$(STEPS_ROWS) | diff -u --label '$(STEPS_LIST)' --label README.md - $(BUILD)/readme-steps || \
	  { echo "steps-check: README's step table differs from $(STEPS_LIST) (make steps-table prints it)" >&2; exit 1; }

clean:
	rm -rf $(BUILD)

# $(eval $(call flags_stamp,STAMP,NOW)): the file named by the variable
# STAMP holds the value of the variable NOW, rewritten (so newer) when that
# changes: programs that depend on the file are rebuilt when flags they
# were built with change. Names, not values: flags may hold commas.
define flags_stamp
ifneq ($$(file <$$($(1))),$$($(2)))
$$(shell mkdir -p $$(dir $$($(1))))
$$(file >$$($(1)),$$($(2)))
endif
$$($(1)):
	@mkdir -p $$(@D)
	@touch $$@
endef

# The variant flags and host facts first: the fragments below use them.
include mk/variants.mk
include $(sort $(filter-out mk/%,$(wildcard */*.mk)))

# Objects and programs built with the user's flags are rebuilt when those
# flags change (`make` then `make check`, which adds -Werror).
FLAGS_STAMP := $(BUILD)/.flags
FLAGS_NOW    = $(CC) $(ACEH_CFLAGS) $(LDFLAGS)
$(eval $(call flags_stamp,FLAGS_STAMP,FLAGS_NOW))
$(BUILD)/obj/aceh.o $(BUILD)/obj/escape.o $(BUILD)/obj/cases.o $(CLI_OBJ) \
$(BUILD)/aceh $(BUILD)/tests/unit_test $(BUILD)/conformance_test \
$(BUILD)/libaceh.so.$(VERSION): $(FLAGS_STAMP)

.PHONY: all lib deps deps-check deps-fuzz check steps-table steps-check test clean
