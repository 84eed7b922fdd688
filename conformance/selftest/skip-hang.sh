#!/bin/sh
# SPDX-License-Identifier: MIT
# A test implementation for run-external's own test (run-external-test.sh),
# speaking protocol v2. Real answers come from `$ACEH batch` (one request
# at a time); the environment bends them:
#   SKIP=1        answer "skip pattern matched" for requests (as sent,
#                 still escaped) holding VT or FF (\x0B, \x0C, either case)
#                 or whose last field is "*"
#   HANG_AT=N     at the Nth request stop answering and wait on a long
#                 sleep, whose pid goes to the file $HANG_PID
#   GARBAGE_AT=N  answer "yes" to the Nth request
#   EXTRA=1       one answer line too many at the end
#   EXIT=N        exit with status N at the end
#   CAPS=LINE     what `--capabilities` prints (default: every capability)
set -u
case ${1-} in
--capabilities)
    printf '%s\n' "${CAPS-capabilities: authorization-optin control-bytes large-values non-token-names}"
    exit 0 ;;
esac
# One `aceh batch` for the whole run, fed through two FIFOs: it answers
# each request at once, so request and answer stay paired.
dir=$(mktemp -d "${TMPDIR:-/tmp}/skip-hang.XXXXXX") || exit 1
trap 'rm -rf "$dir"' 0
mkfifo "$dir/in" "$dir/out" || exit 1
"$ACEH" batch "$@" < "$dir/in" > "$dir/out" &
exec 3> "$dir/in" 4< "$dir/out"
n=0
while IFS= read -r req; do
    n=$((n + 1))
    if [ "$n" = "${HANG_AT-0}" ]; then
        sleep 300 &
        echo $! > "$HANG_PID"
        wait
        exit 0
    fi
    if [ "$n" = "${GARBAGE_AT-0}" ]; then
        echo yes
        continue
    fi
    if [ "${SKIP-0}" = 1 ]; then
        case $req in
        *'\x0'[bBcC]*|*'	*') echo "skip pattern matched"; continue ;;
        esac
    fi
    printf '%s\n' "$req" >&3
    IFS= read -r ans <&4 || exit 1
    printf '%s\n' "$ans"
done
exec 3>&-
wait
[ "${EXTRA-0}" = 1 ] && echo 0
exit "${EXIT-0}"
