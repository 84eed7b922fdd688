# SPDX-License-Identifier: MIT
# Adapters that run the conformance table against other implementations
# (conformance/adapters/, conformance/README.md), and the results matrix.
#   make adapter-jsdom          install the pinned jsdom into $(BUILD)/adapters/jsdom
#   make conformance-jsdom      run-external through jsdom's XMLHttpRequest
#   make conformance-matrix     every implementation in MATRIX_IMPLS ->
#                               $(BUILD)/conformance/RESULTS.md
#   make conformance-results    copy it to conformance/RESULTS.md (deliberate,
#                               like corpus-min: the committed file is a
#                               measurement, not a build product)
# None of these is a check step: they need npm and browsers.

# Pinned: the newest jsdom whose engines field accepts the Node.js 20 of
# the machine the results were measured on (jsdom 27 and later need 22).
JSDOM_VERSION ?= 26.1.0
JSDOM_DIR     := $(BUILD)/adapters/jsdom
MATRIX_IMPLS  ?= aceh jsdom chromium firefox webkit
DEPS_JSDOM    := nodejs npm

$(JSDOM_DIR)/node_modules/jsdom/package.json:
	@mkdir -p $(JSDOM_DIR)
	@[ -f $(JSDOM_DIR)/package.json ] || echo '{"private": true}' > $(JSDOM_DIR)/package.json
	cd $(JSDOM_DIR) && npm install --no-audit --no-fund --ignore-scripts \
		--save-exact jsdom@$(JSDOM_VERSION)

adapter-jsdom:
	@command -v node > /dev/null && command -v npm > /dev/null || \
		scripts/deps.sh $(DEPS_JSDOM)
	@$(MAKE) --no-print-directory $(JSDOM_DIR)/node_modules/jsdom/package.json
	@JSDOM_MODULES=$(JSDOM_DIR)/node_modules conformance/adapters/jsdom/run --version

conformance-jsdom: adapter-jsdom
	JSDOM_MODULES=$(JSDOM_DIR)/node_modules conformance/run-external \
		--query-capabilities --timeout 600 conformance/adapters/jsdom/run

# Each implementation is installed first when it can be; one that cannot
# is listed in RESULTS.md as not measured.
conformance-matrix: $(BUILD)/aceh
	@for i in $(MATRIX_IMPLS); do case $$i in \
	  jsdom) $(MAKE) --no-print-directory adapter-jsdom || true ;; \
	  chromium|firefox|webkit) $(MAKE) --no-print-directory conformance-browser-bins \
	        BROWSER_ENGINE=$$i || true ;; \
	esac; done
	JSDOM_MODULES=$(JSDOM_DIR)/node_modules sh conformance/matrix.sh $(BUILD) $(MATRIX_IMPLS)

conformance-results:
	@[ -f $(BUILD)/conformance/RESULTS.md ] || \
		{ echo "conformance-results: run make conformance-matrix first"; exit 1; }
	cp $(BUILD)/conformance/RESULTS.md conformance/RESULTS.md

.PHONY: adapter-jsdom conformance-jsdom conformance-matrix conformance-results
