# SPDX-License-Identifier: MIT
# make conformance-browser: every row of the conformance table through
# fetch() in headless Chromium, compared with the table's expectation
# (conformance/browser/README.md). Not a check step: it needs a browser.
#   BROWSER_TABLE=file       another table (same format)
#   BROWSER_ENGINE=firefox   Debian's firefox-esr instead of Chromium
#   BROWSER_ENGINE=webkit    WebKitGTK (webkit2gtk-driver) under Xvfb
#   BROWSER_DEVIATIONS=file  another list of known deviations
#   BROWSER_API=xhr          (environment) the page asks through
#                            XMLHttpRequest instead of fetch(); the
#                            deviation lists then name ENGINE-xhr
#   make conformance-browser-both   Chromium, then Firefox, side by side
#   make conformance-browser-all    Chromium, Firefox and WebKit, side by side
# Every run is bounded: the server gives the page BROWSER_TIMEOUT seconds.

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

# Both browsers even when the first one disagrees; fails if either does.
conformance-browser-both:
	@rc=0; \
	$(MAKE) --no-print-directory conformance-browser BROWSER_ENGINE=chromium || rc=1; \
	$(MAKE) --no-print-directory conformance-browser BROWSER_ENGINE=firefox || rc=1; \
	if [ -e $(BROWSER_BUILD)/chromium-results.txt ] && \
	   [ -e $(BROWSER_BUILD)/firefox-results.txt ]; then \
		$(BROWSER_BUILD)/aceh-browser-report --side-by-side $(BROWSER_TABLE) \
			chromium $(BROWSER_BUILD)/chromium-results.txt \
			firefox $(BROWSER_BUILD)/firefox-results.txt; \
	fi; \
	exit $$rc

# All three engines (every exposure row against Chromium, Firefox and
# WebKit), then side by side; fails if any of them does.
conformance-browser-all:
	@rc=0; \
	for e in chromium firefox webkit; do \
		$(MAKE) --no-print-directory conformance-browser BROWSER_ENGINE=$$e || rc=1; \
	done; \
	set --; for e in chromium firefox webkit; do \
		[ -e $(BROWSER_BUILD)/$$e-results.txt ] && \
			set -- "$$@" $$e $(BROWSER_BUILD)/$$e-results.txt; \
	done; \
	[ $$# -gt 0 ] && $(BROWSER_BUILD)/aceh-browser-report --side-by-side \
		$(BROWSER_TABLE) "$$@"; \
	exit $$rc

# The preflight table (conformance/preflight.tsv) through fetch(): each
# row's OPTIONS answered with its response fields, pass when the actual
# request reaches the server (conformance/browser/README.md).
#   BROWSER_PF_TABLE=file       another preflight table
#   BROWSER_PF_DEVIATIONS=file  another list of known preflight deviations
#   make conformance-browser-preflight-all   all three engines, side by side
BROWSER_PF_TABLE ?= conformance/preflight.tsv
BROWSER_PF_DEVIATIONS ?= $(BROWSER_DIR)/preflight-deviations.txt

conformance-browser-preflight: conformance-browser-bins
	@BROWSER_MODE=preflight sh $(BROWSER_DIR)/run.sh $(BROWSER_BUILD) \
		$(BROWSER_PF_TABLE) $(BROWSER_PF_DEVIATIONS) $(BROWSER_ENGINE) \
		$(BROWSER_TIMEOUT)

conformance-browser-preflight-all:
	@rc=0; \
	for e in chromium firefox webkit; do \
		$(MAKE) --no-print-directory conformance-browser-preflight \
			BROWSER_ENGINE=$$e || rc=1; \
	done; \
	set --; for e in chromium firefox webkit; do \
		[ -e $(BROWSER_BUILD)/$$e-preflight-results.txt ] && \
			set -- "$$@" $$e $(BROWSER_BUILD)/$$e-preflight-results.txt; \
	done; \
	[ $$# -gt 0 ] && $(BROWSER_BUILD)/aceh-browser-report --preflight --side-by-side \
		$(BROWSER_PF_TABLE) "$$@"; \
	exit $$rc

.PHONY: conformance-browser conformance-browser-bins conformance-browser-both \
	conformance-browser-all conformance-browser-preflight \
	conformance-browser-preflight-all
