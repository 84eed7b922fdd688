# SPDX-License-Identifier: MIT
# Conformance suite: the table conformance/cases.tsv through the library
# (Check runner) and through `aceh batch`; `make conformance` runs every
# target below (each one: conformance/README.md).

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

$(BUILD)/conformance/rows_meta: conformance/rows_meta.c common/cases.h \
		$(BUILD)/obj/cases.o $(BUILD)/obj/escape.o
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -o $@ conformance/rows_meta.c $(BUILD)/obj/cases.o \
		$(BUILD)/obj/escape.o

# Two derivations of the tags (C through the table reader, awk in
# run-external) must agree with each other and with the committed file.
$(BUILD)/conformance/rows-meta.tsv: $(BUILD)/conformance/rows_meta $(CONFORMANCE_TABLE)
	$< $(CONFORMANCE_TABLE) > $@

conformance-meta: $(BUILD)/conformance/rows-meta.tsv
	@cmp $(BUILD)/conformance/rows-meta.tsv conformance/rows-meta.tsv || \
		{ echo "conformance-meta: conformance/rows-meta.tsv is stale (make conformance-meta-update)"; exit 1; }
	@conformance/run-external --table $(CONFORMANCE_TABLE) --list-meta > $(BUILD)/conformance/rows-meta.awk.tsv
	@grep -v '^#' conformance/rows-meta.tsv | cmp - $(BUILD)/conformance/rows-meta.awk.tsv || \
		{ echo "conformance-meta: run-external --list-meta disagrees with rows_meta"; exit 1; }
	@echo "conformance-meta: $$(grep -vc '^#' conformance/rows-meta.tsv) rows, tags agree"

conformance-meta-update: $(BUILD)/conformance/rows-meta.tsv
	cp $(BUILD)/conformance/rows-meta.tsv conformance/rows-meta.tsv

conformance-protocol: $(BUILD)/aceh
	sh conformance/selftest/run-external-test.sh $(BUILD)
	@sh conformance/selftest/matrix-test.sh $(BUILD)

conformance-shortcuts:
	sh conformance/shortcuts/check.sh $(BUILD)

conformance-counts:
	@sh conformance/selftest/counts.sh

# Runner first: its per-row messages are the precise ones.
conformance: conformance-runner
	@for t in external meta protocol shortcuts counts; do \
	  $(MAKE) --no-print-directory conformance-$$t || exit 1; done

.PHONY: conformance conformance-runner conformance-external conformance-meta \
	conformance-meta-update conformance-protocol conformance-shortcuts \
	conformance-counts
