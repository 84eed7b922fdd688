# SPDX-License-Identifier: MIT
# make conformance-browser[-both|-all|-preflight|-preflight-all]: the
# tables through headless browsers; targets and BROWSER_* settings:
# conformance/browser/README.md. Not check steps: they need a browser.

BROWSER_DIR     := conformance/browser
BROWSER_BUILD   := $(BUILD)/conformance-browser
BROWSER_TABLE   ?= conformance/cases.tsv
BROWSER_ENGINE  ?= chromium
BROWSER_TIMEOUT ?= 150
BROWSER_DEVIATIONS ?= $(BROWSER_DIR)/known-deviations.txt
# iproute2 for `ip link set lo up` in the namespace (not in minimal images).
DEPS_BROWSER_chromium := chromium iproute2
DEPS_BROWSER_firefox  := firefox-esr iproute2
# WebKitGTK: WebKitWebDriver starts its MiniBrowser under Xvfb; curl speaks
# WebDriver to it.
DEPS_BROWSER_webkit   := webkit2gtk-driver xvfb curl iproute2
BROWSER_BINS := $(BROWSER_BUILD)/aceh-browser-serve \
                $(BROWSER_BUILD)/aceh-browser-report

# table.c reads cases.tsv, pftable.c preflight.tsv; every program gets both.
$(BROWSER_BUILD)/aceh-browser-%: $(BROWSER_DIR)/%.c $(BROWSER_DIR)/table.c \
		$(BROWSER_DIR)/table.h $(BROWSER_DIR)/pftable.c \
		$(BROWSER_DIR)/pftable.h common/cases.h common/escape.h \
		$(BUILD)/obj/cases.o $(BUILD)/obj/escape.o
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -o $@ $< $(BROWSER_DIR)/table.c \
		$(BROWSER_DIR)/pftable.c $(BUILD)/obj/cases.o $(BUILD)/obj/escape.o

# The browser and the check's two programs (also for the browser adapter).
conformance-browser-bins:
	@scripts/deps.sh $(DEPS_BUILD) $(DEPS_BROWSER_$(BROWSER_ENGINE))
	@$(MAKE) --no-print-directory $(BROWSER_BINS)

conformance-browser: conformance-browser-bins
	@sh $(BROWSER_DIR)/run.sh $(BROWSER_BUILD) $(BROWSER_TABLE) \
		$(BROWSER_DEVIATIONS) $(BROWSER_ENGINE) $(BROWSER_TIMEOUT)

# $(call browser_each,TARGET,ENGINES,RESULTS,REPORT-OPTION,TABLE): TARGET
# for each engine even when one disagrees, then every engine's RESULTS side
# by side; fails if any run did.
browser_each = rc=0; \
	for e in $(2); do $(MAKE) --no-print-directory $(1) BROWSER_ENGINE=$$e || rc=1; done; \
	set --; for e in $(2); do [ -e $(BROWSER_BUILD)/$$e-$(3) ] && \
		set -- "$$@" $$e $(BROWSER_BUILD)/$$e-$(3); done; \
	[ -n "$$*" ] && $(BROWSER_BUILD)/aceh-browser-report $(4) --side-by-side $(5) "$$@"; \
	exit $$rc

conformance-browser-both:
	@$(call browser_each,conformance-browser,chromium firefox,results.txt,,$(BROWSER_TABLE))

conformance-browser-all:
	@$(call browser_each,conformance-browser,chromium firefox webkit,results.txt,,$(BROWSER_TABLE))

BROWSER_PF_TABLE ?= conformance/preflight.tsv
BROWSER_PF_DEVIATIONS ?= $(BROWSER_DIR)/preflight-deviations.txt

conformance-browser-preflight: conformance-browser-bins
	@BROWSER_MODE=preflight sh $(BROWSER_DIR)/run.sh $(BROWSER_BUILD) \
		$(BROWSER_PF_TABLE) $(BROWSER_PF_DEVIATIONS) $(BROWSER_ENGINE) \
		$(BROWSER_TIMEOUT)

conformance-browser-preflight-all:
	@$(call browser_each,conformance-browser-preflight,chromium firefox webkit,preflight-results.txt,--preflight,$(BROWSER_PF_TABLE))

.PHONY: conformance-browser conformance-browser-bins conformance-browser-both \
	conformance-browser-all conformance-browser-preflight \
	conformance-browser-preflight-all
