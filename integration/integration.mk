# SPDX-License-Identifier: MIT
# Integration with a real server: Debian's nginx sends the headers of
# integration/nginx-cases.txt, `aceh check-response` judges them.

nginx-test: $(BUILD)/aceh
	@sh integration/nginx-test.sh $(BUILD)/aceh $(BUILD)

.PHONY: nginx-test
