#!/bin/sh
# SPDX-License-Identifier: MIT
# A protocol implementation with one deliberate shortcut (impl.awk):
#   conformance/shortcuts/shortcut.sh NAME [--authorization-needs-listing]
# NAME none is the correct decision; every other NAME must fail
# conformance/run-external (`make conformance-shortcuts`).
[ $# -ge 1 ] || { echo "usage: shortcut.sh NAME [--authorization-needs-listing]" >&2; exit 2; }
name=$1
optin=0
[ "${2-}" = --authorization-needs-listing ] && optin=1
LC_ALL=C exec awk -v shortcut="$name" -v optin="$optin" -f "$(dirname "$0")/impl.awk"
