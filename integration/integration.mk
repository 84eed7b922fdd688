# SPDX-License-Identifier: MIT
# Integration with a real server: Debian's nginx sends the headers of
# integration/nginx-cases.txt, `aceh check-response` judges them.

# The test reads check-response's --json output with jq.
DEPS_CHECK += jq

nginx-test: $(BUILD)/aceh
	@sh integration/nginx-test.sh $(BUILD)/aceh $(BUILD)

CHECK_STEPS += nginx-test

.PHONY: nginx-test
