#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: note.sh TEXT...
# Print TEXT and, inside `make check` (scripts/run-steps.sh sets
# ACEH_NOTES to a file per step), keep it for the step's line of the
# closing summary: how a host-dependent part ran, or that it did not.
set -eu
echo "$*"
if [ -n "${ACEH_NOTES:-}" ]; then
    echo "$*" >> "$ACEH_NOTES"
fi
