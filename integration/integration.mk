# SPDX-License-Identifier: MIT
# Integration with real servers: Debian's nginx sends the headers of
# integration/nginx-cases.txt, `aceh check-response` judges them; in nginx's
# and Debian's Apache httpd's configurations, `aceh lint --config` finds
# the values each sends.

nginx-test: $(BUILD)/aceh
	@sh integration/nginx-test.sh $(BUILD)/aceh $(BUILD)

apache-test: $(BUILD)/aceh
	@sh integration/apache-test.sh $(BUILD)/aceh $(BUILD)

.PHONY: nginx-test apache-test
