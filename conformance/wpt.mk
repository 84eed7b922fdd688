# SPDX-License-Identifier: MIT
# The web-platform-tests cases (conformance/wpt/cases.tsv, written by
# conformance/wpt/extract.py from a WPT snapshot) each mapped to the rows that
# reproduce them or to a reason (conformance/wpt/map.tsv).
#   make conformance-wpt

conformance-wpt:
	sh conformance/wpt/check-map.sh conformance/wpt/cases.tsv \
		conformance/wpt/map.tsv conformance/cases.tsv conformance/preflight.tsv


.PHONY: conformance-wpt
