# SPDX-License-Identifier: MIT
# parser/aceh.c is generated from the sources by concern under parser/src/
# by scripts/amalgamate.sh and committed, so that users vendor two files.
#   make amalgamation         write parser/aceh.c from parser/src/ (the one
#                             target besides corpus-min that writes into a
#                             source folder)
#   make amalgamation-check   the check step: fails when the committed
#                             parser/aceh.c differs from a fresh generation
# Every build that uses parser/aceh.c first checks that it is up to date
# with parser/src/ (the rule below) and stops with a message when it is
# not, so that no test runs code other than what the sources say (a copy
# of the tree without parser/src/ builds parser/aceh.c as it is).

LIB_PARTS := $(wildcard parser/src/*.c parser/src/*.h)
AMALG_OUT := $(BUILD)/gen/parser/aceh.c

# Always regenerated (cheap): the comparison decides.
$(AMALG_OUT): FORCE
	@mkdir -p $(@D)
	@scripts/amalgamate.sh parser/src > $@.tmp && mv $@.tmp $@

amalgamation: $(AMALG_OUT)
	@if cmp -s $(AMALG_OUT) parser/aceh.c; then \
	  echo "amalgamation: parser/aceh.c is up to date"; \
	else cp $(AMALG_OUT) parser/aceh.c; \
	  echo "amalgamation: wrote parser/aceh.c from parser/src/"; fi

amalgamation-check: $(AMALG_OUT)
	@if cmp -s $(AMALG_OUT) parser/aceh.c; then \
	  echo "amalgamation-check: parser/aceh.c is the generation of parser/src/ ($(words $(LIB_PARTS)) files)"; \
	else diff -u parser/aceh.c $(AMALG_OUT) | head -n 40; \
	  echo "amalgamation-check: parser/aceh.c differs from scripts/amalgamate.sh's output:"; \
	  echo "  edit parser/src/, not parser/aceh.c, then run make amalgamation"; exit 1; fi

# A source newer than parser/aceh.c: the library may not be built from a
# stale amalgamation (this rule writes nothing).
parser/aceh.c: $(LIB_PARTS) $(wildcard scripts/amalgamate.sh)
	@$(MAKE) --no-print-directory amalgamation-check >/dev/null || { \
	  echo "parser/aceh.c is not the generation of parser/src/: run make amalgamation" >&2; \
	  exit 1; }

FORCE:

.PHONY: amalgamation amalgamation-check FORCE
