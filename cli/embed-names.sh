#!/bin/sh
# SPDX-License-Identifier: MIT
# Turn cli/known-names.txt into a C source for the `aceh` program (an array
# of "Name" or "Name kind" strings ending with NULL) on standard output.
# Refuses a line that is not a token with an optional known kind, a name
# over 64 bytes, and a name listed twice (ASCII case-insensitively), so
# the program can trust the data. Usage: cli/embed-names.sh cli/known-names.txt > out.c
set -eu
in=$1
bad=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$in" |
      grep -n -v -E "^[-!#$%&'*+.^_\`|~0-9A-Za-z]+( (request|cors))?$" || true)
if [ -n "$bad" ]; then
    echo "$in: not 'NAME' or 'NAME request|cors': $bad" >&2
    exit 1
fi
long=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$in" |
       awk 'length($1) > 64 {print $1}')
if [ -n "$long" ]; then
    echo "$in: names over 64 bytes (lint's typo check assumes less): $long" >&2
    exit 1
fi
dup=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$in" |
      awk '{print tolower($1)}' | sort | uniq -d)
if [ -n "$dup" ]; then
    echo "$in: listed twice: $dup" >&2
    exit 1
fi
echo "/* Generated from $in by cli/embed-names.sh: do not edit. */"
echo '#include "cli.h"'
echo
echo 'const char *const cli_known_names[] = {'
# Tokens hold no '"' or '\', so each line is a C string as it is.
grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$in" | sed 's/^.*$/    "&",/'
echo '    NULL};'
