# SPDX-License-Identifier: MIT
# Adapters that run the conformance tables against other implementations
# and the results matrix: adapter-happy-dom, adapter-jsdom-MAJOR,
# conformance-jsdom, conformance-matrix, conformance-results
# (conformance/README.md). None is a check step: they need npm and browsers.

# The newest release of every jsdom major from 26 on. Each is tried: one
# that does not install or start on this Node.js is an error in
# RESULTS.md with its message (27 and later ask for Node.js 20.19, 30 and
# later for 22.22).
JSDOM_VERSIONS    ?= 26.1.0 27.4.0 28.1.0 29.1.1 30.1.3 31.0.1
JSDOM_MAJORS      := $(foreach v,$(JSDOM_VERSIONS),$(firstword $(subst ., ,$(v))))
# conformance-jsdom's major: the newest that runs on Debian's Node.js 20.
JSDOM_MAJOR       ?= 29
HAPPY_DOM_VERSION ?= 21.0.4
ADAPTERS_BUILD    := $(BUILD)/adapters
MATRIX_IMPLS      ?= aceh happy-dom $(addprefix jsdom-,$(JSDOM_MAJORS)) \
                     chromium chromium-xhr firefox firefox-xhr webkit webkit-xhr
DEPS_NODE         := nodejs npm

# Install PACKAGE@VERSION into DIR ($1, $2): npm's output stays in
# DIR/install.log, which RESULTS.md quotes when the install fails; a stamp
# per version makes a second run a no-op.
npm_install = command -v node > /dev/null && command -v npm > /dev/null || \
	scripts/deps.sh $(DEPS_NODE); \
	mkdir -p $(1) && cd $(1) && { [ -f installed-$(2) ] || { \
	  { [ -f package.json ] || echo '{"private": true}' > package.json; } && \
	  if npm install --no-audit --no-fund --ignore-scripts --save-exact $(2) \
	      > install.log 2>&1; then touch installed-$(2); \
	  else rm -rf node_modules; tail -n 5 install.log; exit 1; fi; }; }

adapter-happy-dom:
	@$(call npm_install,$(ADAPTERS_BUILD)/happy-dom,happy-dom@$(HAPPY_DOM_VERSION))

adapter-jsdom-%:
	@v='$(filter $*.%,$(JSDOM_VERSIONS))'; \
	[ -n "$$v" ] || { echo "adapter-jsdom-$*: no jsdom $* in JSDOM_VERSIONS"; exit 2; }; \
	$(call npm_install,$(ADAPTERS_BUILD)/jsdom-$*,jsdom@$$v)

conformance-jsdom: adapter-jsdom-$(JSDOM_MAJOR)
	JSDOM_MODULES=$(ADAPTERS_BUILD)/jsdom-$(JSDOM_MAJOR)/node_modules conformance/run-external \
		--query-capabilities --timeout 600 conformance/adapters/jsdom/run

# Each implementation is installed first when it can be; one that cannot
# is an error in RESULTS.md, with what the install said.
conformance-matrix: $(BUILD)/aceh
	@for i in $(MATRIX_IMPLS); do case $$i in \
	  happy-dom|jsdom-*) $(MAKE) --no-print-directory adapter-$$i || true ;; \
	  chromium*|firefox*|webkit*) $(MAKE) --no-print-directory conformance-browser-bins \
	        BROWSER_ENGINE=$${i%-xhr} || true ;; \
	esac; done
	sh conformance/matrix.sh $(BUILD) $(MATRIX_IMPLS)

conformance-results:
	@[ -f $(BUILD)/conformance/RESULTS.md ] || \
		{ echo "conformance-results: run make conformance-matrix first"; exit 1; }
	cp $(BUILD)/conformance/RESULTS.md conformance/RESULTS.md

.PHONY: adapter-happy-dom conformance-jsdom conformance-matrix conformance-results
