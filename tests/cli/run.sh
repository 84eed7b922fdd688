#!/bin/bash
# SPDX-License-Identifier: MIT
# Tests of the `aceh` program: the exact standard output, standard error and
# exit status of every subcommand, on good and bad input, JSON validity (jq),
# megabyte batch lines, per-answer flushing and the man page.
# Usage: tests/cli/run.sh PATH/TO/aceh
# A missing helper tool (jq, groff) fails its checks, unless
# ACEH_TOOLS_OPTIONAL=1 (`make test`): then those checks are counted and
# reported as not run, by tool, and the rest still runs.
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/aceh" >&2
    exit 2
fi
case $1 in /*) ACEH=$1 ;; *) ACEH=$PWD/$1 ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MAN=$ROOT/cli/aceh.1
T=$(mktemp -d "${TMPDIR:-/tmp}/aceh-cli.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
notrun=0
notrun_why=""

# not_run TOOL PACKAGE: one check that needs TOOL; fails it unless tools
# are optional.
not_run() {
    if [ "${ACEH_TOOLS_OPTIONAL:-}" = 1 ]; then
        notrun=$((notrun + 1))
        case " $notrun_why " in *" $1 "*) ;; *) notrun_why="$notrun_why $1" ;; esac
        return 0
    fi
    return 1
}

failed() {
    fail=$((fail + 1))
    echo "FAIL: $1"
}

# t NAME CODE ARG...: run `aceh ARG...` with standard input from $IN
# (default /dev/null). The test's own standard input (a here-document, or
# /dev/null for none) is the exact expected standard output; $ERR is the
# exact expected standard error without its last newline (default: none).
t() {
    local name=$1 code=$2 rc why=""
    shift 2
    cat > "$T/want"
    if [ -n "${ERR-}" ]; then printf '%s\n' "$ERR" > "$T/want_err"; else : > "$T/want_err"; fi
    "$ACEH" "$@" < "${IN:-/dev/null}" > "$T/out" 2> "$T/err"
    rc=$?
    [ "$rc" = "$code" ] || why="exit status $rc, expected $code"
    cmp -s "$T/want" "$T/out" || why="$why; standard output differs"
    cmp -s "$T/want_err" "$T/err" || why="$why; standard error differs"
    if [ -z "$why" ]; then
        pass=$((pass + 1))
        return
    fi
    failed "$name: ${why#; }"
    diff -u "$T/want" "$T/out" | sed -n '3,40s/^/    /p'
    diff -u "$T/want_err" "$T/err" | sed -n '3,20s/^/    /p'
}

# j NAME CODE FILTER ARG...: exit status CODE, no standard error, and
# standard output one line holding valid JSON for which `jq FILTER` is true.
j() {
    local name=$1 code=$2 filter=$3 rc why="" skipped=""
    shift 3
    "$ACEH" "$@" < "${IN:-/dev/null}" > "$T/out" 2> "$T/err"
    rc=$?
    [ "$rc" = "$code" ] || why="exit status $rc, expected $code"
    [ -s "$T/err" ] && why="$why; unexpected standard error"
    [ "$(wc -l < "$T/out")" = 1 ] || why="$why; not exactly one line"
    if ! command -v jq > /dev/null; then
        if [ -z "$why" ] && not_run jq; then skipped=1
        else why="$why; jq is not installed"; fi
    elif ! jq -e . < "$T/out" > /dev/null 2>&1; then
        why="$why; not valid JSON"
    elif ! jq -e "$filter" < "$T/out" > /dev/null 2>&1; then
        why="$why; jq '$filter' is not true"
    fi
    if [ -z "$why" ]; then
        [ -n "$skipped" ] || pass=$((pass + 1))
        return
    fi
    failed "$name: ${why#; }"
    head -c 2000 "$T/out" | sed 's/^/    /'
    sed 's/^/    /' "$T/err"
}

# check NAME CONDITION...: a plain shell condition.
check() {
    local name=$1
    shift
    if "$@"; then pass=$((pass + 1)); else failed "$name"; fi
}

crlf() { sed 's/$/\r/'; }

VERSION=$(sed -n 's/^#define ACEH_VERSION_STRING "\(.*\)"/\1/p' "$ROOT/parser/aceh.h")

# ---------------------------------------------------------------- global
ERR="aceh: missing command
Try 'aceh --help'." t no-command 2 < /dev/null
ERR="aceh: unknown command 'bogus'
Try 'aceh --help'." t unknown-command 2 bogus < /dev/null
ERR="aceh: unknown option '--bogus'
Try 'aceh --help'." t unknown-global-option 2 --bogus < /dev/null
ERR="aceh: --version takes no argument
Try 'aceh --help'." t version-extra 2 --version x < /dev/null
t version 0 --version <<EOF
aceh $VERSION (library $VERSION)
EOF

# --help of the program and of every subcommand: exit 0, usage first, no
# standard error, and every option it names is documented in the man page.
for sub in "" parse exposed check-response lint format batch preflight; do
    # shellcheck disable=SC2086
    "$ACEH" $sub --help > "$T/help" 2> "$T/err"
    rc=$?
    first=$(head -n 1 "$T/help")
    want="Usage: aceh ${sub:-COMMAND}"
    check "help ${sub:-global}: exit 0" [ "$rc" = 0 ]
    check "help ${sub:-global}: starts with '$want'" [ "${first#"$want"}" != "$first" ]
    check "help ${sub:-global}: no standard error" [ ! -s "$T/err" ]
    for opt in $(grep -o -- '--[a-z][a-z-]*' "$T/help" | sort -u); do
        check "help ${sub:-global}: $opt in aceh.1" \
            grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$MAN"
    done
done
"$ACEH" parse -h > "$T/h1" 2>&1
"$ACEH" parse --help > "$T/h2" 2>&1
check "help: -h is --help" cmp -s "$T/h1" "$T/h2"
ERR="aceh: parse: option '--help' takes no value
Try 'aceh parse --help'." t help-with-value 2 parse --help=x < /dev/null

# ---------------------------------------------------------------- parse
t parse-valid 0 parse '' 'bb-8, X-A' <<'EOF'
line 0: (no names)
line 1: bb-8, X-A
valid: 2 names in 2 lines
EOF
t parse-wildcard 0 parse 'X-A, *' <<'EOF'
line 0: X-A, *
valid: 2 names in 1 line, with the wildcard "*"
EOF
t parse-empty-elements 0 parse ',bb-8,, ,' <<'EOF'
line 0: bb-8
valid: 1 name in 1 line
EOF
t parse-single-quotes 0 parse "'bb-8',bb-8" <<'EOF'
line 0: 'bb-8', bb-8
valid: 2 names in 1 line
EOF
t parse-stars 0 parse '**, *a' <<'EOF'
line 0: **, *a
valid: 2 names in 1 line
EOF
t parse-missing-comma 1 parse 'bb-8' 'no no' <<'EOF'
line 0: bb-8
line 1: missing-comma at offset 3: two names are separated by whitespace without a comma
  no no
     ^
invalid: line 1 offset 3: missing-comma: the whole header is void, only safelisted headers are readable
EOF
t parse-every-line-shown 1 parse 'a b' 'c' <<'EOF'
line 0: missing-comma at offset 2: two names are separated by whitespace without a comma
  a b
    ^
line 1: c
invalid: line 0 offset 2: missing-comma: the whole header is void, only safelisted headers are readable
EOF
t parse-double-quotes 1 parse '"bb-8",bb-8' <<'EOF'
line 0: name-byte at offset 0: this byte is neither a token character, SP, HTAB nor ','
  "bb-8",bb-8
  ^
invalid: line 0 offset 0: name-byte: the whole header is void, only safelisted headers are readable
EOF
t parse-form-feed 1 parse $'bb-8\x0c' <<'EOF'
line 0: name-byte at offset 4: this byte is neither a token character, SP, HTAB nor ','
  bb-8\x0C
      ^
invalid: line 0 offset 4: name-byte: the whole header is void, only safelisted headers are readable
EOF
t parse-utf8 1 parse $'X-A, caf\xc3\xa9' <<'EOF'
line 0: X-A
line 0: name-byte at offset 8: this byte is neither a token character, SP, HTAB nor ','
  X-A, caf\xC3\xA9
          ^
invalid: line 0 offset 8: name-byte: the whole header is void, only safelisted headers are readable
EOF
# The caret counts the escaped width of the bytes before it.
t parse-caret-after-tabs 1 parse $'\t\ta,\t"b"' <<'EOF'
line 0: a
line 0: name-byte at offset 5: this byte is neither a token character, SP, HTAB nor ','
  \x09\x09a,\x09"b"
                ^
invalid: line 0 offset 5: name-byte: the whole header is void, only safelisted headers are readable
EOF
t parse-caret-after-backslash-line 1 parse 'a\b' <<'EOF'
line 0: name-byte at offset 1: this byte is neither a token character, SP, HTAB nor ','
  a\\b
   ^
invalid: line 0 offset 1: name-byte: the whole header is void, only safelisted headers are readable
EOF
t parse-cr 1 parse $'a\rb' <<'EOF'
line 0: value-byte at offset 1: CR, LF or NUL can never appear in a field value
  a\x0Db
   ^
invalid: line 0 offset 1: value-byte: the whole header is void, only safelisted headers are readable
EOF
t parse-escaped-nul 1 parse --escaped 'x-a,\x20b\x00' <<'EOF'
line 0: x-a
line 0: value-byte at offset 6: CR, LF or NUL can never appear in a field value
  x-a, b\x00
        ^
invalid: line 0 offset 6: value-byte: the whole header is void, only safelisted headers are readable
EOF
t parse-dashdash 0 parse -- --x <<'EOF'
line 0: --x
valid: 1 name in 1 line
EOF
ERR="aceh: parse: missing VALUE
Try 'aceh parse --help'." t parse-no-value 2 parse < /dev/null
ERR="aceh: parse: unknown option '--bogus'
Try 'aceh parse --help'." t parse-unknown-option 2 parse --bogus x < /dev/null
ERR="aceh: parse: unknown option '-x'
Try 'aceh parse --help'." t parse-unknown-short 2 parse -x < /dev/null
ERR="aceh: parse: option '--json' takes no value
Try 'aceh parse --help'." t parse-json-value 2 parse --json=1 x < /dev/null
ERR="aceh: parse: argument 'a\\x4': bad \\x escape (needs two hex digits) at byte 1
Try 'aceh parse --help'." t parse-bad-escape 2 parse --escaped 'a\x4' < /dev/null
j parse-json-valid 0 '.valid == true and .status == "ok" and .count == 2
    and .wildcard == true and .error == null
    and .lines == [{"value":"","names":[],"status":"ok","offset":null},
                   {"value":"*, b","names":["*","b"],"status":"ok","offset":null}]' \
    parse --json '' '*, b'
j parse-json-invalid 1 '.valid == false and .status == "missing-comma"
    and .count == 1 and .wildcard == false
    and .error == {"line":1,"offset":3,"status":"missing-comma"}
    and .lines[1].value == "no no\u00ff" and .lines[1].status == "missing-comma"
    and .lines[1].offset == 3' \
    parse --json bb-8 $'no no\xff'
j parse-json-escapes 1 '.lines[0].value == "a\"b\\c\u0000\t\u0001\u007f"
    and .error.status == "name-byte" and .error.offset == 1' \
    parse --json --escaped 'a"b\\c\x00\x09\x01\x7f'

# ---------------------------------------------------------------- exposed
t exposed-reasons 1 exposed --aceh 'X-A, *' X-A x-b Content-Type Set-Cookie \
    'a b' Authorization '*' <<'EOF'
X-A: exposed (listed)
x-b: exposed (wildcard: "*" covers every name without credentials)
Content-Type: exposed (safelisted: always readable)
Set-Cookie: not exposed (forbidden: Set-Cookie and Set-Cookie2 are never readable)
a b: not exposed (bad-name: not a valid header name)
Authorization: exposed (wildcard: "*" covers every name without credentials)
*: exposed (listed)
EOF
t exposed-all 0 exposed --aceh 'x-custom' --aceh= --aceh 'X-B' X-CUSTOM x-b \
    pragma <<'EOF'
X-CUSTOM: exposed (listed)
x-b: exposed (listed)
pragma: exposed (safelisted: always readable)
EOF
t exposed-include 1 exposed --credentials include --aceh 'X-A, *' X-A x-b '*' \
    Authorization <<'EOF'
X-A: exposed (listed)
x-b: not exposed (not-listed: "*" is only a literal name with credentials include)
*: exposed (listed)
Authorization: not exposed (not-listed: "*" is only a literal name with credentials include)
EOF
t exposed-omit-mode 0 exposed --credentials=omit --aceh '*' Set-Cookie2x <<'EOF'
Set-Cookie2x: exposed (wildcard: "*" covers every name without credentials)
EOF
t exposed-authorization-flag 1 exposed --authorization-needs-listing \
    --credentials same-origin --aceh '*' Authorization X-A <<'EOF'
Authorization: not exposed (authorization: "*" does not cover Authorization with --authorization-needs-listing)
X-A: exposed (wildcard: "*" covers every name without credentials)
EOF
t exposed-authorization-listed 0 exposed --authorization-needs-listing \
    --aceh '*, Authorization' authorization <<'EOF'
authorization: exposed (listed)
EOF
t exposed-absent 1 exposed X-A Expires <<'EOF'
X-A: not exposed (absent: no Access-Control-Expose-Headers header)
Expires: exposed (safelisted: always readable)
EOF
t exposed-invalid 1 exposed --aceh bb-8 --aceh 'no no' bb-8 content-type <<'EOF'
list invalid at line 1 offset 3: missing-comma: two names are separated by whitespace without a comma
  no no
     ^
bb-8: not exposed (invalid: list invalid at line 1 offset 3: missing-comma)
content-type: exposed (safelisted: always readable)
EOF
t exposed-wildcard-then-invalid 1 exposed --aceh '*, bad header' X-Any <<'EOF'
list invalid at line 0 offset 7: missing-comma: two names are separated by whitespace without a comma
  *, bad header
         ^
X-Any: not exposed (invalid: list invalid at line 0 offset 7: missing-comma)
EOF
t exposed-not-trimmed 1 exposed --aceh 'x-custom' ' x-custom' '' <<'EOF'
 x-custom: not exposed (bad-name: not a valid header name)
: not exposed (bad-name: not a valid header name)
EOF
t exposed-escaped 1 exposed --escaped --aceh 'a\x0B' --aceh 'b' 'a' <<'EOF'
list invalid at line 0 offset 1: name-byte: this byte is neither a token character, SP, HTAB nor ','
  a\x0B
   ^
a: not exposed (invalid: list invalid at line 0 offset 1: name-byte)
EOF
ERR="aceh: exposed: unknown credentials mode 'bogus' (omit, same-origin or include)
Try 'aceh exposed --help'." t exposed-bad-mode 2 exposed --credentials bogus \
    --aceh a a < /dev/null
ERR="aceh: exposed: option '--aceh' needs a value
Try 'aceh exposed --help'." t exposed-aceh-no-value 2 exposed X --aceh < /dev/null
ERR="aceh: exposed: missing NAME
Try 'aceh exposed --help'." t exposed-no-name 2 exposed --aceh a < /dev/null
ERR="aceh: exposed: unknown option '--origin'
Try 'aceh exposed --help'." t exposed-unknown-option 2 exposed --origin x a \
    < /dev/null
j exposed-json 1 '.credentials == "include" and .authorization_needs_listing == false
    and .aceh == {"present":true,"valid":true,"status":"ok","lines":2,"count":3,
                  "wildcard":true,"error":null}
    and .names == [{"name":"x-a","exposed":true,"verdict":"listed"},
                   {"name":"X-B","exposed":false,"verdict":"not-listed"},
                   {"name":"a\"b\u00e9","exposed":false,"verdict":"bad-name"}]
    and .all_exposed == false' \
    exposed --json --credentials include --aceh 'X-A, *' --aceh 'Y' x-a X-B \
    $'a"b\xe9'
j exposed-json-invalid 1 '.aceh.valid == false and .aceh.status == "name-byte"
    and .aceh.error == {"line":0,"offset":1,"status":"name-byte"}
    and .names[0].verdict == "invalid"' \
    exposed --json --aceh 'a@' a
j exposed-json-absent 0 '.aceh.present == false and .aceh.status == "ok"
    and .names == [{"name":"Content-Length","exposed":true,"verdict":"safelisted"}]
    and .all_exposed == true' \
    exposed --json Content-Length

# ---------------------------------------------------------------- check-response
crlf > "$T/wild" <<'EOF'
HTTP/1.1 200 OK
Content-Type: text/plain
Access-Control-Allow-Origin: *
access-control-expose-headers: X-A, *
X-A: 1
Authorization: x
Set-Cookie: a=b

EOF
t check-wildcard 0 check-response "$T/wild" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: valid
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
CORS check, credentials same-origin: pass: Access-Control-Allow-Origin "*" allows every origin
CORS check, credentials include: fail: Access-Control-Allow-Origin "*" is refused for credentials include
header                         omit  same-origin  include
Content-Type                   yes   yes          no
Access-Control-Allow-Origin    yes   yes          no
access-control-expose-headers  yes   yes          no
X-A                            yes   yes          no
Authorization                  yes   yes          no
Set-Cookie                     no    no           no
EOF
IN=$T/wild t check-stdin-authorization 0 check-response --credentials omit \
    --authorization-needs-listing <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: valid
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
header                         omit
Content-Type                   yes
Access-Control-Allow-Origin    yes
access-control-expose-headers  yes
X-A                            yes
Authorization                  no
Set-Cookie                     no
EOF
IN=$T/wild t check-dash-include 1 check-response --credentials include - <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: valid
CORS check, credentials include: fail: Access-Control-Allow-Origin "*" is refused for credentials include
header                         include
Content-Type                   no
Access-Control-Allow-Origin    no
access-control-expose-headers  no
X-A                            no
Authorization                  no
Set-Cookie                     no
EOF
# LF line ends, credentials, several ACEH lines, names in any case.
cat > "$T/cred" <<'EOF'
HTTP/1.1 204 No Content
ACCESS-CONTROL-ALLOW-ORIGIN: https://app.example
access-control-allow-credentials: true
Access-Control-Expose-Headers: X-A, *
Access-Control-Expose-Headers: x-b
X-A: 1
X-B: 2
X-C: 3
EOF
t check-origin-include 0 check-response --origin https://app.example "$T/cred" <<'EOF'
response: HTTP/1.1 204 No Content
Access-Control-Expose-Headers: valid
warning: credentialed-wildcard: Access-Control-Expose-Headers holds "*" and Access-Control-Allow-Credentials is "true": the credentialed requests this response allows read "*" as a literal name, so they see no header beyond the safelist; list the names instead
CORS check, credentials omit: pass: Access-Control-Allow-Origin "https://app.example" matches the origin
CORS check, credentials same-origin: pass: Access-Control-Allow-Origin "https://app.example" matches the origin
CORS check, credentials include: pass: Access-Control-Allow-Origin "https://app.example" matches the origin and Access-Control-Allow-Credentials is "true"
header                            omit  same-origin  include
ACCESS-CONTROL-ALLOW-ORIGIN       yes   yes          no
access-control-allow-credentials  yes   yes          no
Access-Control-Expose-Headers     yes   yes          no
Access-Control-Expose-Headers     yes   yes          no
X-A                               yes   yes          yes
X-B                               yes   yes          yes
X-C                               yes   yes          no
EOF
t check-origin-mismatch 1 check-response --origin https://APP.example \
    --credentials omit "$T/cred" <<'EOF'
response: HTTP/1.1 204 No Content
Access-Control-Expose-Headers: valid
warning: credentialed-wildcard: Access-Control-Expose-Headers holds "*" and Access-Control-Allow-Credentials is "true": the credentialed requests this response allows read "*" as a literal name, so they see no header beyond the safelist; list the names instead
CORS check, credentials omit: fail: Access-Control-Allow-Origin "https://app.example" does not match the origin "https://APP.example"
header                            omit
ACCESS-CONTROL-ALLOW-ORIGIN       no
access-control-allow-credentials  no
Access-Control-Expose-Headers     no
Access-Control-Expose-Headers     no
X-A                               no
X-B                               no
X-C                               no
EOF
# Without --origin the value is taken as the script's origin (documented).
t check-origin-assumed 0 check-response --credentials include "$T/cred" <<'EOF'
response: HTTP/1.1 204 No Content
Access-Control-Expose-Headers: valid
warning: credentialed-wildcard: Access-Control-Expose-Headers holds "*" and Access-Control-Allow-Credentials is "true": the credentialed requests this response allows read "*" as a literal name, so they see no header beyond the safelist; list the names instead
CORS check, credentials include: pass: Access-Control-Allow-Origin "https://app.example" (assumed to be the script's origin: no --origin) and Access-Control-Allow-Credentials is "true"
header                            include
ACCESS-CONTROL-ALLOW-ORIGIN       no
access-control-allow-credentials  no
Access-Control-Expose-Headers     no
Access-Control-Expose-Headers     no
X-A                               yes
X-B                               yes
X-C                               no
EOF
printf 'HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://a\nAccess-Control-Allow-Credentials: True\nX-A: 1\n' > "$T/credcase"
t check-credentials-case 1 check-response --credentials include "$T/credcase" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials include: fail: Access-Control-Allow-Origin "https://a" (assumed to be the script's origin: no --origin), but Access-Control-Allow-Credentials is "True", not exactly "true"
header                            include
Access-Control-Allow-Origin       no
Access-Control-Allow-Credentials  no
X-A                               no
EOF
printf 'HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://a\nContent-Language: en\n' > "$T/nocred"
t check-credentials-absent 0 check-response "$T/nocred" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials omit: pass: Access-Control-Allow-Origin "https://a" (assumed to be the script's origin: no --origin)
CORS check, credentials same-origin: pass: Access-Control-Allow-Origin "https://a" (assumed to be the script's origin: no --origin)
CORS check, credentials include: fail: Access-Control-Allow-Origin "https://a" (assumed to be the script's origin: no --origin), but credentials include also needs Access-Control-Allow-Credentials: true, which is absent
header                       omit  same-origin  include
Access-Control-Allow-Origin  no    no           no
Content-Language             yes   yes          no
EOF
printf 'HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://a\nAccess-Control-Allow-Origin: https://a\nContent-Type: x\n' > "$T/twoacao"
t check-two-acao 1 check-response --credentials omit "$T/twoacao" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials omit: fail: Access-Control-Allow-Origin "https://a, https://a" is not a single origin
header                       omit
Access-Control-Allow-Origin  no
Access-Control-Allow-Origin  no
Content-Type                 no
EOF
t check-two-acao-origin 1 check-response --credentials omit --origin https://a \
    "$T/twoacao" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials omit: fail: Access-Control-Allow-Origin "https://a, https://a" does not match the origin "https://a"
header                       omit
Access-Control-Allow-Origin  no
Access-Control-Allow-Origin  no
Content-Type                 no
EOF
printf 'HTTP/1.1 200 OK\nX-A: 1\n' > "$T/noacao"
t check-no-acao 1 check-response --credentials same-origin "$T/noacao" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials same-origin: fail: no Access-Control-Allow-Origin header
header  same-origin
X-A     no
EOF
# An invalid ACEH value: offset in the trimmed value, caret, exit 1.
printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: X-A\r\nAccess-Control-Expose-Headers:   X-B, no no  \r\nX-A: 1\r\nCache-Control: no\r\n\r\n' > "$T/invalid"
t check-invalid-aceh 1 check-response --credentials omit "$T/invalid" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: invalid at input line 4 offset 8: missing-comma: two names are separated by whitespace without a comma; the whole header is void, only safelisted headers are readable
  X-B, no no
          ^
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
header                         omit
Access-Control-Allow-Origin    no
Access-Control-Expose-Headers  no
Access-Control-Expose-Headers  no
X-A                            no
Cache-Control                  yes
EOF
# A bare CR (CR-only line ends, or a CR inside a line) is an input error
# (RFC 9112 section 2.2 lets a recipient reject it): no silent repair.
printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: X-A\rX-B\r\n' > "$T/crbyte"
ERR="aceh: check-response: line 3: a CR not followed by LF at byte 34: lines must end with CRLF or LF (CR-only line ends?)" \
t check-bare-cr 2 check-response --credentials omit "$T/crbyte" < /dev/null
printf 'HTTP/1.1 200 OK\rAccess-Control-Allow-Origin: *\rX-A: 1\r\r' > "$T/cronly"
ERR="aceh: check-response: line 1: a CR not followed by LF at byte 15: lines must end with CRLF or LF (CR-only line ends?)" \
t check-cr-only-line-ends 2 check-response "$T/cronly" < /dev/null
# obs-fold: joined with one space, with a warning.
printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: X-A,\r\n \t X-B \r\nX-B: 1\r\nX-C: 2\r\n\r\n' > "$T/fold"
ERR="aceh: check-response: warning: line 4: obs-fold continuation joined to the previous line with a space (RFC 9112 section 5.2)" \
t check-obs-fold 0 check-response --credentials omit "$T/fold" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: valid
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
header                         omit
Access-Control-Allow-Origin    no
Access-Control-Expose-Headers  no
X-B                            yes
X-C                            no
EOF
# A fold that makes the list invalid points into the joined value.
printf 'HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\nAccess-Control-Expose-Headers: X-A\n X-B\n' > "$T/foldbad"
ERR="aceh: check-response: warning: line 4: obs-fold continuation joined to the previous line with a space (RFC 9112 section 5.2)" \
t check-obs-fold-invalid 1 check-response --credentials omit "$T/foldbad" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: invalid at input line 3 offset 4: missing-comma: two names are separated by whitespace without a comma; the whole header is void, only safelisted headers are readable
  X-A X-B
      ^
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
header                         omit
Access-Control-Allow-Origin    no
Access-Control-Expose-Headers  no
EOF
# Several heads (curl -L, 1xx): every response of the chain is checked (1xx
# are skipped); a redirect without Access-Control-Allow-Origin fails the
# request even when the final response passes, as in Chromium's fetch().
printf 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\nHTTP/2 200\r\naccess-control-allow-origin: *\r\nx-y: 1\r\n\r\nbody: not a header\r\n' > "$T/heads"
t check-chain-redirect-fails 1 check-response --credentials omit "$T/heads" <<'EOF'
response 1 of 2 (input line 3): HTTP/1.1 301 Moved
  redirect to /x: same origin
  CORS check, credentials omit: fail: no Access-Control-Allow-Origin header
final response (input line 6): HTTP/2 200
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
request, credentials omit: fail: response 1 fails the CORS check, so fetch() fails the whole request and nothing is readable
header                       omit
access-control-allow-origin  no
x-y                          no
EOF
j check-chain-json 1 '.status_line == "HTTP/2 200" and .responses_total == 2
    and [.responses[] | .status_line] == ["HTTP/1.1 301 Moved","HTTP/2 200"]
    and .responses[0].redirect == {"location":"/x","cross_origin":false,"tainted":false}
    and .responses[0].checks[0].cors == false
    and .checks == [{"credentials":"omit","cors":false,
        "reason":"response 1: no Access-Control-Allow-Origin header","readable":[]}]' \
    check-response --json --credentials omit "$T/heads"
# Cross-origin redirect: the request's origin becomes "null" (Fetch's
# tainted origin), so a final response that allows only the page's origin
# fails; "null" passes.
crlf > "$T/taint" <<'EOF'
HTTP/1.1 302 Found
Location: https://cdn.example/file
Access-Control-Allow-Origin: https://app.example

HTTP/1.1 200 OK
Access-Control-Allow-Origin: https://app.example
X-A: 1

EOF
t check-chain-tainted 1 check-response --origin https://app.example \
    --url https://api.example/old --credentials omit "$T/taint" <<'EOF'
response 1 of 2 (input line 1): HTTP/1.1 302 Found
  redirect to https://cdn.example/file: cross-origin, the request's origin is "null" from here on (Fetch's tainted origin)
  CORS check, credentials omit: pass: Access-Control-Allow-Origin "https://app.example" matches the origin
final response (input line 5): HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials omit: fail: Access-Control-Allow-Origin "https://app.example" does not match the origin "null"
request, credentials omit: fail: response 2 fails the CORS check, so fetch() fails the whole request and nothing is readable
header                       omit
Access-Control-Allow-Origin  no
X-A                          no
EOF
sed '5,$s|^Access-Control-Allow-Origin: https://app.example|Access-Control-Allow-Origin: null|' "$T/taint" > "$T/taint-null"
j check-chain-null-origin 0 '.checks[0].cors == true
    and .responses[1].request_origin == "null"
    and .responses[1].checks[0].reason == "Access-Control-Allow-Origin \"null\" matches the origin (\"null\" after a cross-origin redirect)"
    and .responses[0].request_origin == "https://app.example"
    and .responses[0].redirect.tainted == true' \
    check-response --json --origin https://app.example \
    --url https://api.example/old --credentials omit "$T/taint-null"
# A redirect from the page's own origin to another does not taint (the
# request's origin is the redirecting URL's), and the same-origin first
# response needs no CORS check.
j check-chain-same-origin-start 0 '.responses[0].cors_checked == false
    and .responses[1].cors_checked == true
    and .responses[1].request_origin == "https://app.example"
    and .checks[0].cors == true' \
    check-response --json --origin https://app.example \
    --url https://APP.example:443/old --credentials omit "$T/taint"
# A same-origin request (--url and --origin agree) gets no CORS check and
# a basic response: every header but Set-Cookie is readable.
printf 'HTTP/1.1 200 OK\r\nX-A: 1\r\nSet-Cookie: a=b\r\n\r\n' > "$T/same"
j check-same-origin-request 0 '.checks[0].cors == true
    and .checks[0].readable == ["X-A"]
    and .responses[0].cors_checked == false' \
    check-response --json --credentials include --origin https://app.example \
    --url https://app.example/api "$T/same"
# Without --url a cross-origin redirect cannot be told: a note says so.
t check-chain-unknown-origin 0 check-response --origin https://app.example \
    --credentials omit "$T/taint" <<'EOF'
response 1 of 2 (input line 1): HTTP/1.1 302 Found
  redirect to https://cdn.example/file: from an unknown origin (no --url)
  CORS check, credentials omit: pass: Access-Control-Allow-Origin "https://app.example" matches the origin
final response (input line 5): HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials omit: pass: Access-Control-Allow-Origin "https://app.example" matches the origin
request, credentials omit: pass: every response of the chain passes
note: a redirect went to or from an unknown origin: give --url (and --origin) to know whether the request's origin became "null"
header                       omit
Access-Control-Allow-Origin  no
X-A                          no
EOF
printf 'HTTP/1.1 302 Found\r\nLocation: ftp://x/\r\nAccess-Control-Allow-Origin: *\r\n\r\nHTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\n\r\n' > "$T/ftp"
j check-chain-not-http 1 '.checks[0].cors == false
    and .checks[0].reason == "response 1: a redirect Fetch refuses"' \
    check-response --json --credentials omit "$T/ftp"
# 21 redirects: over Fetch's limit of 20.
{
    i=0
    while [ $i -lt 21 ]; do
        printf 'HTTP/1.1 302 Found\r\nLocation: /r%d\r\nAccess-Control-Allow-Origin: *\r\n\r\n' $i
        i=$((i + 1))
    done
    printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\n\r\n'
} > "$T/many"
j check-chain-too-many 1 '.responses_total == 22 and (.responses | length) == 22
    and .checks[0].cors == false
    and .checks[0].reason == "more than 20 redirects (Fetch'"'"'s limit)"' \
    check-response --json --credentials omit "$T/many"
# 20 redirects are within the limit.
sed '1,4d' "$T/many" > "$T/twenty"
j check-chain-twenty 0 '.responses_total == 21 and .checks[0].cors == true' \
    check-response --json --credentials omit "$T/twenty"
# Far over the limit: the heads are read one at a time, the final one kept.
{
    i=0
    while [ $i -lt 3000 ]; do
        printf 'HTTP/1.1 302 Found\r\nLocation: /r%d\r\nAccess-Control-Allow-Origin: *\r\n\r\n' $i
        i=$((i + 1))
    done
    printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nX-Last: 1\r\n\r\n'
} > "$T/loop"
"$ACEH" check-response --credentials omit "$T/loop" > "$T/loop-out" 2>&1
rc=$?
check "check-response 3001 responses: exit 1" [ "$rc" = 1 ]
check "check-response 3001 responses: 21 listed" \
    [ "$(grep -c '^response ' "$T/loop-out")" = 21 ]
check "check-response 3001 responses: the rest counted" \
    grep -qx "... 2979 more responses: over Fetch's limit of 20 redirects, which fails the request" "$T/loop-out"
check "check-response 3001 responses: the final one is shown" \
    grep -qx 'final response (input line 12001): HTTP/1.1 200 OK' "$T/loop-out"
check "check-response 3001 responses: over the limit" \
    grep -qx 'request, credentials omit: fail: more than 20 redirects' "$T/loop-out"
ERR="aceh: check-response: --url 'api.example' is not an absolute http or https URL
Try 'aceh check-response --help'." t check-bad-url 2 check-response \
    --url api.example "$T/taint" < /dev/null
# The credentialed-wildcard trap, named in JSON too.
j check-trap-json 0 '.warnings == [{"code":"credentialed-wildcard","message":
    "Access-Control-Expose-Headers holds \"*\" and Access-Control-Allow-Credentials is \"true\": the credentialed requests this response allows read \"*\" as a literal name, so they see no header beyond the safelist; list the names instead"}]' \
    check-response --json "$T/cred"
j check-no-trap-json 0 '.warnings == []' check-response --json "$T/wild"
# A proxy's "200 Connection established" head is skipped like a 1xx one.
printf 'HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\n\r\n' > "$T/proxy"
j check-proxy-head 0 '.responses_total == 1 and .status_line == "HTTP/1.1 200 OK"' \
    check-response --json --credentials omit "$T/proxy"
# A 300 MB body, generated on the fly through a pipe, is read and dropped:
# memory stays far under the body's size (GNU time's maximum RSS).
if [ -x /usr/bin/time ]; then
    { printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: X-A\r\n\r\n'
      head -c 300000000 /dev/zero; } |
        /usr/bin/time -v "$ACEH" check-response --credentials omit > "$T/body-out" 2> "$T/body-time"
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$T/body-time")
    echo "cli: check-response on a 300 MB body: max RSS ${rss:-?} KB"
    check "check-response 300 MB body: answered" grep -qx 'Access-Control-Expose-Headers: valid' "$T/body-out"
    check "check-response 300 MB body: max RSS under 50 MB" [ "${rss:-999999}" -lt 51200 ]
else
    echo "cli: /usr/bin/time is not installed (Debian package time): the 300 MB body memory check did not run"
fi
# Hostile head: 40,000 header lines and an ACEH of 40,000 names. The
# program's own work is linear; the time is printed (the exposure filter
# is the library's).
{
    printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: '
    seq -f 'x-h%.0f' 1 40000 | paste -sd, - | tr -d '\n'
    printf '\r\n'
    seq -f 'X-N%.0f: 1' 1 40000 | sed 's/$/\r/'
    printf '\r\n'
} > "$T/hostile"
start=$(date +%s%N)
"$ACEH" check-response --credentials omit "$T/hostile" > "$T/hostile-out" 2>&1
rc=$?
end=$(date +%s%N)
echo "cli: check-response on 40,000 headers x 40,000 ACEH names: $(( (end - start) / 1000000 )) ms"
check "check-response hostile head: exit 0" [ "$rc" = 0 ]
check "check-response hostile head: every header listed" \
    [ "$(grep -c '^X-N[0-9]* *no$' "$T/hostile-out")" = 40000 ]
printf 'HTTP/1.1 200 OK\n' > "$T/statusonly"
t check-status-only 1 check-response "$T/statusonly" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials omit: fail: no Access-Control-Allow-Origin header
CORS check, credentials same-origin: fail: no Access-Control-Allow-Origin header
CORS check, credentials include: fail: no Access-Control-Allow-Origin header
header  omit  same-origin  include
EOF
ERR="aceh: check-response: empty input: expected an HTTP response head (status line and header lines)" \
t check-empty-stdin 2 check-response < /dev/null
: > "$T/empty"
ERR="aceh: check-response: empty input: expected an HTTP response head (status line and header lines)" \
t check-empty-file 2 check-response "$T/empty" < /dev/null
ERR="aceh: check-response: cannot open '$T/missing': No such file or directory" \
t check-missing-file 2 check-response "$T/missing" < /dev/null
mkdir "$T/dir"
ERR="aceh: check-response: cannot read $T/dir: Is a directory" \
t check-directory 2 check-response "$T/dir" < /dev/null
printf 'X-A: 1\n' > "$T/nostatus"
ERR="aceh: check-response: line 1: expected a status line (HTTP/VERSION CODE REASON)" \
t check-no-status-line 2 check-response "$T/nostatus" < /dev/null
printf 'HTTP/1.1 2OO OK\n' > "$T/badcode"
ERR="aceh: check-response: line 1: expected a status line (HTTP/VERSION CODE REASON)" \
t check-bad-status-code 2 check-response "$T/badcode" < /dev/null
printf 'HTTP/1.1 200 OK\r\nX-A: 1\r\nno colon here\r\n' > "$T/nocolon"
ERR="aceh: check-response: line 3: not a header line (no ':')" \
t check-no-colon 2 check-response "$T/nocolon" < /dev/null
printf 'HTTP/1.1 200 OK\r\nX-A : 1\r\n' > "$T/spacecolon"
ERR="aceh: check-response: line 2: invalid header name \"X-A \" (empty, whitespace before ':' or a byte that is not a token character)" \
t check-space-before-colon 2 check-response "$T/spacecolon" < /dev/null
printf 'HTTP/1.1 200 OK\r\n\xc3\xa9: 1\r\n' > "$T/utf8name"
ERR="aceh: check-response: line 2: invalid header name \"\\xC3\\xA9\" (empty, whitespace before ':' or a byte that is not a token character)" \
t check-utf8-name 2 check-response "$T/utf8name" < /dev/null
printf 'HTTP/1.1 200 OK\r\n folded: 1\r\n' > "$T/foldfirst"
ERR="aceh: check-response: line 2: continuation line (obs-fold) with no header line before it" \
t check-fold-first 2 check-response "$T/foldfirst" < /dev/null
printf 'HTTP/1.1 200 OK\r\n\r\n\r\n' > "$T/trail"
ERR="" t check-blank-after-head 1 check-response --credentials omit "$T/trail" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials omit: fail: no Access-Control-Allow-Origin header
header  omit
EOF
ERR="aceh: check-response: more than one FILE ('a' and 'b')
Try 'aceh check-response --help'." t check-two-files 2 check-response a b < /dev/null
ERR="aceh: check-response: unknown credentials mode 'INCLUDE' (omit, same-origin or include)
Try 'aceh check-response --help'." t check-bad-mode 2 check-response \
    --credentials INCLUDE "$T/wild" < /dev/null
ERR="aceh: check-response: unknown option '--strict'
Try 'aceh check-response --help'." t check-unknown-option 2 check-response \
    --strict "$T/wild" < /dev/null
ERR="aceh: check-response: option '--origin' needs a value
Try 'aceh check-response --help'." t check-origin-no-value 2 check-response \
    "$T/wild" --origin < /dev/null
j check-json 0 '.status_line == "HTTP/1.1 204 No Content" and .origin == "https://app.example"
    and .aceh == {"present":true,"valid":true,"status":"ok","error":null}
    and [.checks[] | .credentials] == ["omit","same-origin","include"]
    and [.checks[] | .cors] == [true,true,true]
    and .checks[2].readable == ["X-A","X-B"]
    and (.checks[0].readable | length) == 7
    and .headers[7] == null
    and .headers[6] == {"name":"X-C","readable":{"omit":true,"same-origin":true,"include":false}}' \
    check-response --json --origin https://app.example "$T/cred"
j check-json-invalid 1 '.aceh.valid == false
    and .aceh.error == {"input_line":4,"header":2,"offset":8,"status":"missing-comma"}
    and .checks == [{"credentials":"omit","cors":true,
        "reason":"Access-Control-Allow-Origin \"*\" allows every origin",
        "readable":["Cache-Control"]}]' \
    check-response --json --credentials omit "$T/invalid"
printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: "\\\t\x01\xfe\r\n' > "$T/oddacao"
j check-json-escapes 1 '.checks[0].cors == false
    and .checks[0].reason == "Access-Control-Allow-Origin \"\"\\\\\\x09\\x01\\xFE\" does not match the origin \"o\""
    and .origin == "o"' \
    check-response --json --credentials omit --origin o "$T/oddacao"

# ---------------------------------------------------------------- lint
t lint-typical-config-args 0 lint 'X-Request-Id, ETag' 'Link, X-Total-Count' < /dev/null
t lint-quoted-list 1 lint '"X-Request-Id, X-Trace"' <<'EOF'
line 0 offset 0: error: quoted: the value holds quotes (names are never quoted); this voids the whole header
  fix: drop the quotes: X-Request-Id, X-Trace
  "X-Request-Id, X-Trace"
  ^
lint: 1 error, 0 warnings
EOF
t lint-quoted-element 1 lint 'X-A, "X-B", X-C' <<'EOF'
line 0 offset 5: error: quoted: the value holds quotes (names are never quoted); this voids the whole header
  fix: drop the quotes: X-A, X-B, X-C
  X-A, "X-B", X-C
       ^
lint: 1 error, 0 warnings
EOF
t lint-typographic-quotes 1 lint $'\xe2\x80\x9cX-A\xe2\x80\x9d' <<'EOF'
line 0 offset 0: error: quoted: the value holds quotes (names are never quoted); this voids the whole header
  fix: drop the quotes: X-A
  \xE2\x80\x9CX-A\xE2\x80\x9D
  ^
lint: 1 error, 0 warnings
EOF
t lint-nginx-semicolon-always 1 lint 'X-A, X-B" always;' <<'EOF'
line 0 offset 8: error: quoted: the value holds quotes (names are never quoted), the ';' that ends a server directive, nginx's always flag (it goes after the value); this voids the whole header
  fix: remove them: X-A, X-B
  X-A, X-B" always;
          ^
lint: 1 error, 0 warnings
EOF
t lint-nginx-always-element 0 lint 'X-A, always' <<'EOF'
line 0 offset 5: warning: server-syntax: always is a server configuration word, not a header name
  fix: remove it: nginx's always goes after the quoted value (add_header Access-Control-Expose-Headers "X-A" always;)
  X-A, always
       ^
lint: 0 errors, 1 warning
EOF
t lint-missing-comma-always 1 lint 'X-A X-B always' <<'EOF'
line 0 offset 4: error: server-syntax: names separated by whitespace without a comma, and nginx's always flag (it goes after the value); this voids the whole header
  fix: remove them and separate the names with commas: X-A, X-B
  X-A X-B always
      ^
lint: 1 error, 0 warnings
EOF
t lint-json-array 1 lint '["X-A", "X-B"]' <<'EOF'
line 0 offset 0: error: quoted: the value holds quotes (names are never quoted), the brackets of an array literal; this voids the whole header
  fix: remove them: X-A, X-B
  ["X-A", "X-B"]
  ^
lint: 1 error, 0 warnings
EOF
t lint-own-name 1 lint 'Access-Control-Expose-Headers: X-A' <<'EOF'
line 0 offset 29: error: server-syntax: the value holds the header's own name and ':'; this voids the whole header
  fix: remove them: X-A
  Access-Control-Expose-Headers: X-A
                               ^
lint: 1 error, 0 warnings
EOF
t lint-assignment 1 lint exposedHeaders=X-A <<'EOF'
line 0 offset 14: error: server-syntax: '=': a configuration assignment (key=value) pasted into the value; this voids the whole header
  fix: keep only the names after the '='
  exposedHeaders=X-A
                ^
lint: 1 error, 0 warnings
EOF
t lint-directive 1 lint 'add_header X-A' <<'EOF'
line 0 offset 0: error: server-syntax: 'add_header' is server configuration, not part of the value; this voids the whole header
  fix: keep only the header names in the value
  add_header X-A
  ^
lint: 1 error, 0 warnings
EOF
t lint-origin-url 1 lint 'https://app.example, localhost:3000' <<'EOF'
line 0 offset 5: error: origin-value: an origin or URL is not a header name (an Access-Control-Allow-Origin value?); this voids the whole header
  fix: remove it; the origin belongs in Access-Control-Allow-Origin
  https://app.example, localhost:3000
       ^
line 0 offset 30: error: origin-value: an origin or URL is not a header name (an Access-Control-Allow-Origin value?)
  fix: remove it; the origin belongs in Access-Control-Allow-Origin
  https://app.example, localhost:3000
                                ^
lint: 2 errors, 0 warnings
EOF
t lint-origin-token 0 lint 'null, api.example.com' <<'EOF'
line 0 offset 0: warning: origin-value: null looks like an origin or host, not a header name: an Access-Control-Allow-Origin value pasted in?
  fix: remove it; the origin belongs in Access-Control-Allow-Origin
  null, api.example.com
  ^
line 0 offset 6: warning: origin-value: api.example.com looks like an origin or host, not a header name: an Access-Control-Allow-Origin value pasted in?
  fix: remove it; the origin belongs in Access-Control-Allow-Origin
  null, api.example.com
        ^
lint: 0 errors, 2 warnings
EOF
t lint-missing-comma 1 lint 'X-A X-B  X-C' <<'EOF'
line 0 offset 4: error: missing-comma: names separated by whitespace without a comma; this voids the whole header
  fix: separate the names with commas: X-A, X-B, X-C
  X-A X-B  X-C
      ^
lint: 1 error, 0 warnings
EOF
t lint-name-byte 1 lint $'X-A/B, caf\xc3\xa9' <<'EOF'
line 0 offset 3: error: name-byte: '/' cannot be in a header name (only letters, digits and !#$%&'*+-.^_`|~); a media type or a path?; this voids the whole header
  fix: remove the '/' or the element
  X-A/B, caf\xC3\xA9
     ^
line 0 offset 10: error: name-byte: non-ASCII byte \xC3: header names are ASCII tokens
  fix: retype the name in ASCII letters, digits and '-'
  X-A/B, caf\xC3\xA9
            ^
lint: 2 errors, 0 warnings
EOF
t lint-value-byte 1 lint --escaped 'X-A\x00, X-B' <<'EOF'
line 0 offset 3: error: value-byte: byte \x00 (CR, LF or NUL) can never be in a field value; this voids the whole header
  fix: remove it (a line break pasted into the value?)
  X-A\x00, X-B
     ^
lint: 1 error, 0 warnings
EOF
t lint-single-quoted 0 lint ''"'"'X-A'"'"', X-B' ''"'"'X-C, X-D'"'"'' <<'EOF'
line 0 offset 0: warning: single-quoted: 'X-A' is a name with the quote in it: it matches no header
  fix: drop the quotes: X-A
  'X-A', X-B
  ^
line 1 offset 0: warning: single-quoted: single quotes around the list are part of the first and last names
  fix: drop the quotes: X-C, X-D
  'X-C, X-D'
  ^
lint: 0 errors, 2 warnings
EOF
t lint-other-header-values 0 lint 'true, 600, GET, post' <<'EOF'
line 0 offset 0: warning: boolean-value: true is not a header name: an Access-Control-Allow-Credentials value pasted in?
  fix: remove it; send Access-Control-Allow-Credentials: true as its own header
  true, 600, GET, post
  ^
line 0 offset 6: warning: number-value: 600 is not a header name: an Access-Control-Max-Age value pasted in?
  fix: remove it; send Access-Control-Max-Age as its own header
  true, 600, GET, post
        ^
line 0 offset 11: warning: method-name: GET is a request method, not a header name: an Access-Control-Allow-Methods value pasted in?
  fix: remove it; list methods in Access-Control-Allow-Methods
  true, 600, GET, post
             ^
line 0 offset 16: warning: method-name: post is a request method, not a header name: an Access-Control-Allow-Methods value pasted in?
  fix: remove it; list methods in Access-Control-Allow-Methods
  true, 600, GET, post
                  ^
lint: 0 errors, 4 warnings
EOF
t lint-wildcard-pattern 0 lint 'X-Foo-*, *-Id' <<'EOF'
line 0 offset 0: warning: wildcard-pattern: X-Foo-* is the literal name with a '*' in it: Fetch has no patterns, only "*" alone
  fix: list each header by name, or use "*" (not for credentialed requests)
  X-Foo-*, *-Id
  ^
line 0 offset 9: warning: wildcard-pattern: *-Id is the literal name with a '*' in it: Fetch has no patterns, only "*" alone
  fix: list each header by name, or use "*" (not for credentialed requests)
  X-Foo-*, *-Id
           ^
lint: 0 errors, 2 warnings
EOF
t lint-access-control 0 lint 'Access-Control-Allow-Origin, Access-Control-Request-Headers, Access-Control-Allow-Header' <<'EOF'
line 0 offset 0: warning: access-control-name: Access-Control-Allow-Origin is read by the browser for the CORS check; scripts do not need it
  fix: remove it; request headers a script may send belong in Access-Control-Allow-Headers
  Access-Control-Allow-Origin, Access-Cont...
  ^
line 0 offset 29: warning: access-control-name: Access-Control-Request-Headers is sent in preflight requests, never in responses
  fix: remove it; request headers a script may send belong in Access-Control-Allow-Headers
  Access-Control-Allow-Origin, Access-Control-Request-Headers, Access-C...
                               ^
line 0 offset 61: warning: access-control-name: Access-Control-Allow-Header is not a CORS header (did you mean Access-Control-Allow-Headers?)
  fix: remove it; request headers a script may send belong in Access-Control-Allow-Headers
  ...Origin, Access-Control-Request-Headers, Access-Control-Allow-Header
                                             ^
lint: 0 errors, 3 warnings
EOF
t lint-request-header 0 lint 'Cookie, X-Requested-With, origin' <<'EOF'
line 0 offset 0: warning: request-header: Cookie is a request header: responses do not carry it, so exposing it does nothing
  fix: remove it; to let scripts send it, list it in Access-Control-Allow-Headers
  Cookie, X-Requested-With, origin
  ^
line 0 offset 8: warning: request-header: X-Requested-With is a request header: responses do not carry it, so exposing it does nothing
  fix: remove it; to let scripts send it, list it in Access-Control-Allow-Headers
  Cookie, X-Requested-With, origin
          ^
line 0 offset 26: warning: request-header: origin is a request header: responses do not carry it, so exposing it does nothing
  fix: remove it; to let scripts send it, list it in Access-Control-Allow-Headers
  Cookie, X-Requested-With, origin
                            ^
lint: 0 errors, 3 warnings
EOF
t lint-typo 0 lint 'X-Reqest-Id, Etags, X-RateLimit-Remainig, Content-Dispositon, X-Requested-Wiht' <<'EOF'
line 0 offset 0: warning: typo: X-Reqest-Id is 1 edit from the well-known X-Request-Id: names must match exactly
  fix: did you mean X-Request-Id?
  X-Reqest-Id, Etags, X-RateLimit-Remainig...
  ^
line 0 offset 13: warning: typo: Etags is 1 edit from the well-known ETag: names must match exactly
  fix: did you mean ETag?
  X-Reqest-Id, Etags, X-RateLimit-Remainig, Content-Dis...
               ^
line 0 offset 20: warning: typo: X-RateLimit-Remainig is 1 edit from the well-known X-RateLimit-Remaining: names must match exactly
  fix: did you mean X-RateLimit-Remaining?
  X-Reqest-Id, Etags, X-RateLimit-Remainig, Content-Dispositon...
                      ^
lint: typo: 2 more like these (warning), the last at line 0 offset 62; --all prints each
lint: 0 errors, 5 warnings
EOF
t lint-not-typo 0 lint 'X-Build, X-Rate, Data, X-Trace, Links2x' < /dev/null
# A well-known name with an X- prefix, other separators or case, and the
# names products send on purpose, are no typos.
t lint-not-typo-style 0 lint 'X-CSRFToken, requestId, x_request_id, X-Content-Range, access-token, xsrf-token, X-Trans-Id, Auth-Token, CONTENT_RANGE, XRequestID' < /dev/null
t lint-typo-one-edit 0 lint 'accept-range' <<'EOF'
line 0 offset 0: warning: typo: accept-range is 1 edit from the well-known Accept-Ranges: names must match exactly
  fix: did you mean Accept-Ranges?
  accept-range
  ^
lint: 0 errors, 1 warning
EOF
t lint-forbidden 0 lint 'Set-Cookie, set-cookie2' <<'EOF'
line 0 offset 0: warning: forbidden: Set-Cookie is a forbidden response-header name: scripts never see it, listed or not
  fix: remove it
  Set-Cookie, set-cookie2
  ^
line 0 offset 12: warning: forbidden: set-cookie2 is a forbidden response-header name: scripts never see it, listed or not
  fix: remove it
  Set-Cookie, set-cookie2
              ^
lint: 0 errors, 2 warnings
EOF
t lint-duplicate 0 lint 'X-A, b' x-a X-A <<'EOF'
line 1 offset 0: warning: duplicate: x-a is listed again (first at line 0 offset 0)
  fix: remove the repeat
  x-a
  ^
line 2 offset 0: warning: duplicate: X-A is listed again (first at line 0 offset 0)
  fix: remove the repeat
  X-A
  ^
lint: 0 errors, 2 warnings
EOF
t lint-empty-once 0 lint a,, <<'EOF'
line 0 offset 2: warning: empty-element: 2 empty list elements in a row: legal, but they add nothing
  fix: remove the extra commas
  a,,
    ^
lint: 0 errors, 1 warning
EOF
t lint-empty-kinds 0 lint '' , ,x 'a , , b' <<'EOF'
line 0 offset 0: warning: empty-element: empty value: legal, but it adds nothing
  fix: remove the header line
line 1 offset 0: warning: empty-element: the value holds no name, only separators: legal, but it adds nothing
  fix: remove the header line
  ,
  ^
line 2 offset 0: warning: empty-element: empty list element: legal, but it adds nothing
  fix: remove the extra comma
  ,x
  ^
lint: empty-element: 1 more like this (warning), the last at line 3 offset 4; --all prints each
lint: 0 errors, 4 warnings
EOF
t lint-every-error 1 lint '"a" b, c@d, e f, g' <<'EOF'
line 0 offset 0: error: quoted: names are never quoted; this voids the whole header
  fix: drop the quotes
  "a" b, c@d, e f, g
  ^
line 0 offset 8: error: name-byte: '@' cannot be in a header name (only letters, digits and !#$%&'*+-.^_`|~)
  fix: remove the '@' or the element
  "a" b, c@d, e f, g
          ^
line 0 offset 14: error: missing-comma: names separated by whitespace without a comma
  fix: separate the names with commas: e, f
  "a" b, c@d, e f, g
                ^
lint: 3 errors, 0 warnings
EOF
t lint-firefox-note 1 lint '*' 'bad header, @' <<'EOF'
line 1 offset 4: error: missing-comma: names separated by whitespace without a comma; this voids the whole header (Firefox's fetch() exposes every header instead, because "*" comes first)
  fix: separate the names with commas: bad, header
  bad header, @
      ^
line 1 offset 12: error: name-byte: '@' cannot be in a header name (only letters, digits and !#$%&'*+-.^_`|~)
  fix: remove the '@' or the element
  bad header, @
              ^
lint: 2 errors, 0 warnings
EOF
t lint-credentials-include 0 lint --credentials include 'X-A, *' <<'EOF'
line 0 offset 5: warning: wildcard-credentials: with credentials include "*" is the literal name "*" and exposes nothing
  fix: list by name the headers credentialed requests must read
  X-A, *
       ^
lint: 0 errors, 1 warning
EOF
t lint-credentials-omit 0 lint --credentials omit 'X-A, *' < /dev/null
t lint-wildcard-info 0 lint --info 'X-A, *, Content-Type' <<'EOF'
line 0 offset 5: info: wildcard-credentials: "*" exposes every header only to requests without credentials; with credentials include it is the literal name "*"
  fix: list by name the headers credentialed requests must read
  X-A, *, Content-Type
       ^
line 0 offset 8: info: safelisted: Content-Type is CORS-safelisted: always exposed, listing it is redundant
  fix: remove it (harmless)
  X-A, *, Content-Type
          ^
lint: 0 errors, 0 warnings, 2 notes
EOF
t lint-authorization-opt-in 0 lint --authorization-needs-listing '*' <<'EOF'
line 0 offset 0: warning: authorization-wildcard: in the reading of an older MDN page "*" does not cover Authorization (Fetch and browsers expose it)
  fix: add it by name: *, Authorization
  *
  ^
lint: 0 errors, 1 warning
EOF
t lint-authorization-listed 0 lint --authorization-needs-listing '*, Authorization' < /dev/null
t lint-ignore 0 lint --ignore typo,duplicate --ignore=request-header 'Etags, a, a, Cookie' < /dev/null
t lint-strict 1 lint --strict 'a, A' <<'EOF'
line 0 offset 3: warning: duplicate: A is listed again (first at line 0 offset 0)
  fix: remove the repeat
  a, A
     ^
lint: 0 errors, 1 warning
EOF
t lint-summary 0 lint 'a, a, a, a, a, a, Cookie' <<'EOF'
line 0 offset 3: warning: duplicate: a is listed again (first at line 0 offset 0)
  fix: remove the repeat
  a, a, a, a, a, a, Cookie
     ^
line 0 offset 6: warning: duplicate: a is listed again (first at line 0 offset 0)
  fix: remove the repeat
  a, a, a, a, a, a, Cookie
        ^
line 0 offset 9: warning: duplicate: a is listed again (first at line 0 offset 0)
  fix: remove the repeat
  a, a, a, a, a, a, Cookie
           ^
line 0 offset 18: warning: request-header: Cookie is a request header: responses do not carry it, so exposing it does nothing
  fix: remove it; to let scripts send it, list it in Access-Control-Allow-Headers
  a, a, a, a, a, a, Cookie
                    ^
lint: duplicate: 2 more like these (warning), the last at line 0 offset 15; --all prints each
lint: 0 errors, 6 warnings
EOF
t lint-summary-all 0 lint --all 'a, a, a, a, a' <<'EOF'
line 0 offset 3: warning: duplicate: a is listed again (first at line 0 offset 0)
  fix: remove the repeat
  a, a, a, a, a
     ^
line 0 offset 6: warning: duplicate: a is listed again (first at line 0 offset 0)
  fix: remove the repeat
  a, a, a, a, a
        ^
line 0 offset 9: warning: duplicate: a is listed again (first at line 0 offset 0)
  fix: remove the repeat
  a, a, a, a, a
           ^
line 0 offset 12: warning: duplicate: a is listed again (first at line 0 offset 0)
  fix: remove the repeat
  a, a, a, a, a
              ^
lint: 0 errors, 4 warnings
EOF
# A typical, correct configuration lints clean and silent, from a file and
# from standard input; its notes show only with --info.
t lint-typical-config-file 0 lint --file "$HERE/lint-typical.txt" < /dev/null
IN=$HERE/lint-typical.txt t lint-typical-config-stdin 0 lint - < /dev/null
IN=$HERE/lint-typical.txt j lint-typical-config-json 0 '.valid == true
    and .errors == 0 and .warnings == 0 and .infos == 4
    and ([.problems[] | .severity] | unique) == ["info"]' lint --json -
# Each line of a file is a value of its own: no duplicate across lines;
# comments, blank lines and CRLF line ends are skipped.
printf '# comment\r\nX-A, X-Reqest-Id\r\n\r\n   \nX-A\nX-B X-C\n' > "$T/values"
t lint-file-lines 1 lint --file "$T/values" <<'EOF'
line 1 offset 5: warning: typo: X-Reqest-Id is 1 edit from the well-known X-Request-Id: names must match exactly
  fix: did you mean X-Request-Id?
  X-A, X-Reqest-Id
       ^
line 5 offset 4: error: missing-comma: names separated by whitespace without a comma; this voids the whole header
  fix: separate the names with commas: X-B, X-C
  X-B X-C
      ^
lint: 1 error, 1 warning
EOF
printf 'X-A\\x00\n' > "$T/escaped"
IN=$T/escaped j lint-file-escaped 1 '.valid == false and .problems[0].code == "value-byte"
    and .problems[0].line == 0 and .problems[0].offset == 3' \
    lint --json --escaped -
printf 'a\\q\n' > "$T/badescape"
ERR="aceh: lint: $T/badescape: line 0: bad escape (only \\xHH and \\\\) at byte 1" \
t lint-file-bad-escape 2 lint --escaped --file "$T/badescape" < /dev/null
ERR="aceh: lint: cannot open '$T/missing': No such file or directory" \
t lint-file-missing 2 lint --file "$T/missing" < /dev/null
ERR="aceh: lint: VALUE arguments and --file (or -) together
Try 'aceh lint --help'." t lint-file-and-values 2 lint --file "$T/values" X-A < /dev/null
ERR="aceh: lint: missing VALUE (or --file FILE, or - for standard input)
Try 'aceh lint --help'." t lint-no-value 2 lint --strict < /dev/null
ERR="aceh: lint: --ignore: unknown code 'typos'
Try 'aceh lint --help'." t lint-ignore-unknown 2 lint --ignore duplicate,typos a < /dev/null
ERR="aceh: lint: unknown credentials mode 'yes' (omit, same-origin or include)
Try 'aceh lint --help'." t lint-bad-credentials 2 lint --credentials yes a < /dev/null
ERR="aceh: lint: unknown option '--origin'
Try 'aceh lint --help'." t lint-unknown-option 2 lint --origin x a < /dev/null
# Every code named in --help can be ignored, and --help names them all.
"$ACEH" lint --help > "$T/lint-help"
for code in quoted server-syntax origin-value missing-comma name-byte \
    value-byte single-quoted boolean-value number-value method-name \
    wildcard-pattern access-control-name request-header typo forbidden \
    duplicate empty-element wildcard-credentials authorization-wildcard \
    safelisted invalid not-checkable; do
    check "lint --help names $code" grep -q -- "^  $code " "$T/lint-help"
    check "lint --ignore $code is accepted" "$ACEH" lint --ignore "$code" a
done
j lint-json 0 '.valid == true and .errors == 0 and .warnings == 2 and .infos == 2
    and [.problems[] | .code] == ["wildcard-credentials","typo","safelisted","duplicate"]
    and [.problems[] | .severity] == ["info","warning","info","warning"]
    and .problems[2].line == 1 and .problems[2].offset == 1
    and (.problems[2].message | startswith("pragma is CORS-safelisted"))
    and .problems[1].fix == "did you mean ETag?"
    and .more == []' \
    lint --json '*, Etags' ' pragma, etags'
j lint-json-invalid 1 '.valid == false and .errors == 2 and .warnings == 0
    and [.problems[] | .code] == ["value-byte","quoted"]
    and .problems[0].offset == 1
    and (.problems[0].message | contains("Firefox") | not)' \
    lint --json --escaped 'a\x00, "b"'
j lint-json-strict 1 '.warnings == 1 and .problems[0].message
    == "with credentials include \"*\" is the literal name \"*\" and exposes nothing"' \
    lint --json --strict --credentials include '*, Authorization'
j lint-json-summary 0 '.warnings == 7 and (.problems | length) == 3
    and .more == [{"code":"duplicate","severity":"warning","count":4,
                   "last_line":0,"last_offset":21}]' \
    lint --json 'a, a, a, a, a, a, a, a'

# lint agrees with the library on validity for every row of the
# conformance table: valid exactly when the row parses, and an invalid
# value always gets at least one error.
: > "$T/consist-want"
: > "$T/consist-json"
grep -v '^#' "$ROOT/conformance/cases.tsv" | grep -v '^$' > "$T/rows"
while IFS= read -r row; do
    rest=$row
    set --
    while :; do
        case $rest in
        *"	"*) set -- "$@" "${rest%%	*}"; rest=${rest#*	} ;;
        *) set -- "$@" "$rest"; break ;;
        esac
    done
    parse=$7
    [ $# -gt 8 ] || continue
    shift 8
    [ "$parse" = ok ] && echo "true 0" >> "$T/consist-want" || echo "false 1" >> "$T/consist-want"
    "$ACEH" lint --json --escaped --all -- "$@" >> "$T/consist-json" 2>&1
done < "$T/rows"
if command -v jq > /dev/null; then
    jq -r '"\(.valid) \(if .errors > 0 then 1 else 0 end)"' "$T/consist-json" > "$T/consist-got" 2>&1
    check "lint agrees with the library on every conformance row ($(wc -l < "$T/consist-want") rows)" \
        cmp -s "$T/consist-want" "$T/consist-got"
else
    failed "lint consistency: jq is not installed"
fi
# The built-in names come from cli/known-names.txt through a generator
# that refuses bad data.
EMBED=$ROOT/cli/embed-names.sh
printf 'X-A\nx-a request\n' > "$T/names-dup"
printf 'X-A\nX B\n' > "$T/names-space"
printf 'X-A response\n' > "$T/names-kind"
printf '%070d\n' 0 > "$T/names-long"
for f in names-dup names-space names-kind names-long; do
    check "embed-names.sh refuses $f" sh -c '! "$1" "$2" > /dev/null 2>&1' sh "$EMBED" "$T/$f"
done
"$EMBED" "$ROOT/cli/known-names.txt" > "$T/names.c" 2> "$T/names-err"
check "embed-names.sh accepts cli/known-names.txt" [ ! -s "$T/names-err" ]
check "embed-names.sh: one string per name" [ "$(grep -c '^    "' "$T/names.c")" = \
    "$(grep -c -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$ROOT/cli/known-names.txt")" ]
# A 1 MB value full of mistakes: every problem is counted, the output stays
# a few KB (a bounded excerpt per printed problem, then one line per code).
{
    printf 'X-Trace'
    i=0
    while [ $i -lt 2000 ]; do
        printf ', X-Reqest-Id%d, Cookie, true, a,, "q%d" b, X-Trace' $i $i
        i=$((i + 1))
    done
    printf ', '
    head -c 900000 /dev/zero | tr '\0' x
    printf ' @\n'
} > "$T/big-value"
check "lint: the big value is over 1 MB" [ "$(wc -c < "$T/big-value")" -gt 1000000 ]
start=$(date +%s%N)
"$ACEH" lint --file "$T/big-value" > "$T/big-out" 2> "$T/big-err"
rc=$?
end=$(date +%s%N)
echo "cli: lint of a $(wc -c < "$T/big-value")-byte value: $(( (end - start) / 1000000 )) ms, $(wc -c < "$T/big-out") bytes of output"
check "lint big value: exit 1" [ "$rc" = 1 ]
check "lint big value: no standard error" [ ! -s "$T/big-err" ]
check "lint big value: output under 8 KB" [ "$(wc -c < "$T/big-out")" -lt 8192 ]
check "lint big value: no output line over 400 bytes" \
    [ "$(awk 'length > 400' "$T/big-out" | wc -l)" = 0 ]
check "lint big value: every problem counted" \
    grep -qx 'lint: 2001 errors, 10009 warnings' "$T/big-out"
check "lint big value: duplicates summarised" \
    grep -q '^lint: duplicate: 7994 more like these (warning)' "$T/big-out"

# ---- lint --config: the sample configurations of tests/cli/lint-config/
# Each mistake at its FILE:LINE:COLUMN (the byte it is about), the clean
# configurations silent.
cd "$HERE/lint-config" || exit 2
# places NAME ARG...: the FILE:LINE:COLUMN, severity and code of each
# problem of `aceh lint --all ARG...` are the lines of standard input.
places() {
    local name=$1
    shift
    cat > "$T/want-places"
    "$ACEH" lint --all "$@" |
        sed -n 's/^\([^ ]*:[0-9]*:[0-9]*: [a-z]*: [a-z-]*\): .*/\1/p' > "$T/places"
    if cmp -s "$T/want-places" "$T/places"; then pass=$((pass + 1)); else
        failed "$name"
        diff -u "$T/want-places" "$T/places" | sed -n '3,40s/^/    /p'
    fi
}
places lint-config-nginx-places --config nginx-mistakes.conf <<'EOF'
nginx-mistakes.conf:6:51: error: quoted
nginx-mistakes.conf:9:60: error: server-syntax
nginx-mistakes.conf:12:59: error: server-syntax
nginx-mistakes.conf:15:63: error: origin-value
nginx-mistakes.conf:18:55: error: missing-comma
nginx-mistakes.conf:21:57: error: name-byte
nginx-mistakes.conf:24:55: error: value-byte
nginx-mistakes.conf:27:51: warning: boolean-value
nginx-mistakes.conf:27:57: warning: number-value
nginx-mistakes.conf:27:62: warning: method-name
nginx-mistakes.conf:27:67: warning: origin-value
nginx-mistakes.conf:30:50: warning: wildcard-pattern
nginx-mistakes.conf:30:58: warning: access-control-name
nginx-mistakes.conf:33:51: warning: request-header
nginx-mistakes.conf:33:59: warning: forbidden
nginx-mistakes.conf:33:71: warning: typo
nginx-mistakes.conf:36:61: warning: empty-element
nginx-mistakes.conf:36:63: warning: duplicate
nginx-mistakes.conf:39:56: warning: not-checkable
nginx-mistakes.conf:42:70: warning: duplicate
nginx-mistakes.conf:45:56: warning: server-syntax
EOF
places lint-config-apache-places --config apache-mistakes.conf <<'EOF'
apache-mistakes.conf:5:48: error: quoted
apache-mistakes.conf:8:83: error: server-syntax
apache-mistakes.conf:11:47: warning: single-quoted
apache-mistakes.conf:14:48: error: quoted
apache-mistakes.conf:17:64: error: missing-comma
apache-mistakes.conf:20:56: error: origin-value
apache-mistakes.conf:20:63: warning: origin-value
apache-mistakes.conf:24:10: warning: typo
apache-mistakes.conf:24:30: warning: typo
apache-mistakes.conf:24:52: warning: access-control-name
apache-mistakes.conf:27:59: warning: not-checkable
apache-mistakes.conf:28:46: warning: not-checkable
apache-mistakes.conf:31:47: warning: empty-element
EOF
t lint-config-clean 0 lint --strict --config nginx-clean.conf --config apache-clean.conf < /dev/null
IN=nginx-clean.conf t lint-config-values 0 lint --values --config apache-clean.conf --config - <<'EOF'
apache-clean.conf:6:52	apache	always	Content-Length, Content-Range, ETag
apache-clean.conf:7:44	apache	success	X-Request-Id
apache-clean.conf:8:47	apache	success	X-Total-Count, Link
apache-clean.conf:9:45	apache	success	X-RateLimit-Limit, X-RateLimit-Remaining
<stdin>:8:53	nginx	always	Content-Length,Content-Range
<stdin>:9:51	nginx	success	X-Request-Id, X-Total-Count, Link
<stdin>:12:50	nginx	success	ETag
<stdin>:13:53	nginx	always	Upload-Offset, Location
<stdin>:14:58	nginx	always	X-RateLimit-Remaining
EOF
cd "$ROOT" || exit 2
# The whole report of one directive, with the repeat summary.
printf 'server {\n  add_header Access-Control-Expose-Headers "a, a, a, a, a" always;\n}\n' > "$T/dup.conf"
IN=$T/dup.conf t lint-config-text 0 lint --config - <<'EOF'
<stdin>:2:48: warning: duplicate: a is listed again (first at <stdin>:2:45)
  fix: remove the repeat
  a, a, a, a, a
     ^
<stdin>:2:51: warning: duplicate: a is listed again (first at <stdin>:2:45)
  fix: remove the repeat
  a, a, a, a, a
        ^
<stdin>:2:54: warning: duplicate: a is listed again (first at <stdin>:2:45)
  fix: remove the repeat
  a, a, a, a, a
           ^
lint: duplicate: 1 more like this (warning), the last at <stdin>:2:57; --all prints each
lint: 0 errors, 4 warnings
EOF
IN=$T/dup.conf t lint-config-ignore-strict 0 lint --strict --ignore duplicate --config - < /dev/null
check "lint --config --strict: exit 1 on warnings" \
    sh -c '"$1" lint --strict --config "$2" > /dev/null; [ $? = 1 ]' sh "$ACEH" "$T/dup.conf"
IN=$T/dup.conf j lint-config-json 0 '.warnings == 4 and (.problems | length) == 3
    and .problems[0].file == "<stdin>" and .problems[0].line == 2
    and .problems[0].column == 48 and .problems[0].offset == 3
    and .more[0].last_file == "<stdin>" and .more[0].last_line == 2
    and .more[0].last_column == 57' lint --json --config -
ERR="aceh: lint: cannot open '$T/missing': No such file or directory" \
t lint-config-missing 2 lint --config "$T/missing" < /dev/null
ERR="aceh: lint: --config and VALUE arguments or --file together
Try 'aceh lint --help'." t lint-config-and-values 2 lint --config "$T/dup.conf" X-A < /dev/null
ERR="aceh: lint: --values lists what --config finds
Try 'aceh lint --help'." t lint-values-alone 2 lint --values X-A < /dev/null

# ---------------------------------------------------------------- format
t format-ok 0 format X-Request-Id x-trace "'q'" '*' <<'EOF'
X-Request-Id, x-trace, 'q', *
EOF
t format-duplicates-kept 0 format a A a <<'EOF'
a, A, a
EOF
t format-dashdash 0 format -- -x <<'EOF'
-x
EOF
ERR='aceh: format: NAME 2 of 3 is not a valid header name (1*tchar): "b c"' \
t format-space 1 format a 'b c' d < /dev/null
ERR='aceh: format: NAME 1 of 1 is not a valid header name (1*tchar): ""' \
t format-empty-name 1 format '' < /dev/null
ERR='aceh: format: NAME 2 of 2 is not a valid header name (1*tchar): "caf\xC3\xA9"' \
t format-utf8 1 format a $'caf\xc3\xa9' < /dev/null
ERR='aceh: format: NAME 1 of 1 is not a valid header name (1*tchar): "a\x00"' \
t format-escaped-nul 1 format --escaped 'a\x00' < /dev/null
ERR='aceh: format: NAME 1 of 1 is not a valid header name (1*tchar): ""x""' \
t format-quoted 1 format '"x"' < /dev/null
ERR="aceh: format: missing NAME
Try 'aceh format --help'." t format-no-name 2 format < /dev/null
ERR="aceh: format: unknown option '--json'
Try 'aceh format --help'." t format-unknown-option 2 format --json a < /dev/null

# ---------------------------------------------------------------- batch
# Each request with the answer the Fetch rules (docs/SPEC.md) give.
{
    printf 'omit\tbb-8\tbb-8\n'                 # listed
    printf 'omit\tBB-8\tbb-8\n'                 # case-insensitive
    printf 'omit\tbb-8\n'                       # absent
    printf 'omit\tContent-Type\n'               # safelisted, absent
    printf 'omit\tbb-8\t\n'                     # one empty line
    printf 'omit\tbb-8\t\tbb-8\n'               # empty line, then a valid one
    printf 'omit\tbb-8\tbb-8\t\n'               # trailing empty field
    printf 'omit\tbb-8\tno\tbb-8\n'             # two valid lines
    printf 'omit\tbb-8\tbb-8\tno no\n'          # second line invalid
    printf 'omit\tbb-8\t,bb-8\n'                # leading comma
    printf 'omit\tbb-8\tbb-8, no no\n'          # invalid element later
    printf 'omit\tbb-8\t\\x22bb-8\\x22,bb-8\n'  # "bb-8": invalid
    printf "omit\tbb-8\t'bb-8',bb-8\n"          # 'bb-8' is a token
    printf 'omit\tbb-8\tbb-8\\x0C\n'            # FF
    printf 'omit\tbb-8\tbb-8\\x0b,bb-8\n'       # VT, lower-case hex
    printf 'omit\tbb-8\t\\x09bb-8\\x09,\\x20\n' # HTAB and SP are OWS
    printf 'omit\tbb-8\tbb-8\\x00\n'            # NUL
    printf 'omit\tx\\\\y\tx\\\\y\n'             # backslash: not a token
    printf 'omit\tx-a\tx-a\\x2C x-b\n'          # escaped comma
    printf 'omit\tx-b\tx-a\\x2c x-b\n'
    printf 'omit\t x-a\tx-a\n'                  # the name is not trimmed
    printf 'omit\t\tx-a\n'                      # empty name
    printf 'omit\tx-a\t*\n'
    printf 'same-origin\tx-a\tX-B, *\n'
    printf 'include\tx-a\t*\n'
    printf 'include\t*\t*\n'
    printf 'include\tx-a\t*, x-a\n'
    printf 'omit\tSet-Cookie\t*, Set-Cookie\n'
    printf 'omit\tAuthorization\t*\n'
    printf 'omit\tx\t*, bad header\n'
    printf 'include\tx-a\tx-a'                  # no final LF
} > "$T/batch.in"
IN=$T/batch.in t batch-answers 0 batch <<'EOF'
1
1
0
1
0
1
1
1
0
1
0
0
1
0
0
1
0
0
1
1
0
0
1
1
0
1
1
0
1
0
1
EOF
printf 'omit\tAuthorization\t*\nomit\tAuthorization\t*, authorization\nomit\tX-A\t*\n' > "$T/auth.in"
IN=$T/auth.in t batch-authorization-needs-listing 0 batch \
    --authorization-needs-listing <<'EOF'
0
1
1
EOF
# Unreadable requests get "error: ...", and the next lines are answered.
{
    printf 'omit\tx\tx\n'
    printf 'bogus\tx\tx\n'
    printf 'OMIT\tx\tx\n'
    printf 'omit\n'
    printf '\n'
    printf 'omit\tx\tx\\q\n'
    printf 'omit\tx\tx\\x4\n'
    printf 'omit\tx\\xZZ\n'
    printf 'omit\tx\tx\\\n'
    printf 'om\\x00it\tx\tx\n'
    printf 'o\\x6dit\tx\tx\n'                   # an escaped MODE is fine
    printf 'omit\tx-a\tx-a\r\n'                 # CRLF: reported, not answered
    printf 'omit\tx-a\\x0D\tx-a\\x0d\n'          # an escaped CR is a byte
    printf 'include\tx\tx\n'
} > "$T/bad.in"
IN=$T/bad.in t batch-malformed 2 batch <<'EOF'
1
error: unknown MODE "bogus" (omit, same-origin or include)
error: unknown MODE "OMIT" (omit, same-origin or include)
error: no NAME field (MODE<TAB>NAME[<TAB>LINE]...)
error: empty request line
error: field 3: bad escape (only \xHH and \\) at byte 1
error: field 3: bad \x escape (needs two hex digits) at byte 1
error: field 2: bad \x escape (needs two hex digits) at byte 1
error: field 3: bad escape (only \xHH and \\) at byte 1
error: unknown MODE "om\x00it" (omit, same-origin or include)
1
error: CR at the end of the request line (a CRLF line end): end lines with LF only, write a CR byte as \x0D
0
1
EOF
# batch --help lists every cause of an "error:" answer: each error line
# above, with its variable parts made generic, is a line of the help.
"$ACEH" batch --help > "$T/batch-help"
IN=$T/bad.in "$ACEH" batch < "$T/bad.in" 2> /dev/null | sed -n 's/^error: //p' |
    sed -e 's/^field [0-9]*: /field N: /' -e 's/ at byte [0-9]*$/ at byte B/' \
        -e 's/^unknown MODE ".*" (/unknown MODE "..." (/' \
        -e 's/ (a CRLF line end):.*/ (a CRLF line end)/' | sort -u > "$T/causes"
check "batch: the malformed requests show 6 causes" [ "$(wc -l < "$T/causes")" = 6 ]
while IFS= read -r cause; do
    check "batch --help lists '$cause'" grep -qxF "  $cause" "$T/batch-help"
done < "$T/causes"
IN=/dev/null t batch-empty-input 0 batch < /dev/null
ERR="aceh: batch: unexpected argument 'cases.tsv'
Try 'aceh batch --help'." t batch-argument 2 batch cases.tsv < /dev/null
ERR="aceh: batch: unknown option '--json'
Try 'aceh batch --help'." t batch-unknown-option 2 batch --json < /dev/null

# Request lines of megabytes: a 4 MB name listed after a 4 MB one, and a
# list of 400,000 names with the asked one last (or missing, or followed by
# an invalid element: validation must reach the end).
big=$(head -c 4000000 /dev/zero | tr '\0' a)
seq -f 'n%.0f' 1 400000 | paste -sd, - > "$T/list"
{
    printf 'omit\t%sb\t%s, %sb\n' "$big" "$big" "$big"
    printf 'omit\t%sc\t%s, %sb\n' "$big" "$big" "$big"
    printf 'include\tN400000\t%s\n' "$(cat "$T/list")"
    printf 'include\tn400001\t%s\n' "$(cat "$T/list")"
    printf 'include\tn400000\t%s, bad name\n' "$(cat "$T/list")"
    printf 'omit\tx\tx\n'
} > "$T/big.in"
unset big
check "batch: megabyte request lines are that long" \
    [ "$(wc -c < "$T/big.in")" -gt 30000000 ]
IN=$T/big.in t batch-megabyte-lines 0 batch <<'EOF'
1
0
1
0
0
1
EOF

# Every answer is flushed before the next request is read: a reader that
# waits for each answer would otherwise hang (stdout is a pipe here).
flush_test() {
    local a1="" a2="" rc w
    coproc B { "$ACEH" batch 2>&1; }
    printf 'omit\tx\tx\n' >&"${B[1]}"
    read -r -t 10 a1 <&"${B[0]}"
    printf 'bogus\n' >&"${B[1]}"
    read -r -t 10 a2 <&"${B[0]}"
    w=${B[1]}
    exec {w}>&-
    wait "$B_PID"
    rc=$?
    [ "$a1" = 1 ] && [ "$a2" = 'error: unknown MODE "bogus" (omit, same-origin or include)' ] && [ "$rc" = 2 ]
}
check "batch: each answer is flushed at once" flush_test

# ---------------------------------------------------------------- preflight
# Expected answers from Fetch's CORS-preflight fetch (docs/SPEC.md).
O=https://a.example
t "preflight: listed method and header, max-age" 0 preflight --origin $O \
    --method PUT --request-header 'X-Token: 1' \
    --request-header 'Content-Type: text/plain' --allow-origin '*' \
    --allow-methods 'GET, PUT' --allow-headers 'x-token' --max-age 600 <<'END'
preflight: pass (pass)
  cors check: pass-wildcard
  Access-Control-Request-Method: PUT
  Access-Control-Request-Headers: x-token
  cache: 600 s
END
t "preflight: safelisted method, nothing listed, default max-age" 0 \
    preflight --origin $O --method POST --allow-origin $O --max-age 1.5 <<'END'
preflight: pass (pass)
  cors check: pass
  Access-Control-Request-Method: POST
  Access-Control-Request-Headers: (none sent)
  cache: 5 s (Fetch's default: Access-Control-Max-Age absent or invalid)
END
t "preflight: * is a literal method with credentials" 1 preflight \
    --origin $O --method PUT --credentials include --allow-origin $O \
    --allow-credentials true --allow-methods '*' <<'END'
preflight: fail (method)
  the method "PUT" is not in Access-Control-Allow-Methods ("*" is a literal method with credentials include)
  cors check: pass
  Access-Control-Request-Method: PUT
  Access-Control-Request-Headers: (none sent)
END
t "preflight: a script's delete is sent as DELETE" 0 preflight --origin $O \
    --method delete --allow-origin '*' --allow-methods DELETE <<'END'
preflight: pass (pass)
  cors check: pass-wildcard
  method: "delete" normalized to "DELETE" as Fetch does (--method-as-given judges it as given)
  Access-Control-Request-Method: DELETE
  Access-Control-Request-Headers: (none sent)
  cache: 5 s (Fetch's default: Access-Control-Max-Age absent or invalid)
END
t "preflight: a normalized delete is not Allow-Methods delete" 1 preflight \
    --origin $O --method delete --allow-origin '*' --allow-methods delete <<'END'
preflight: fail (method)
  the method "DELETE" is not in Access-Control-Allow-Methods
  cors check: pass-wildcard
  method: "delete" normalized to "DELETE" as Fetch does (--method-as-given judges it as given)
  Access-Control-Request-Method: DELETE
  Access-Control-Request-Headers: (none sent)
END
t "preflight: --method-as-given judges delete byte for byte" 1 preflight \
    --origin $O --method delete --method-as-given --allow-origin '*' \
    --allow-methods DELETE <<'END'
preflight: fail (method)
  the method "delete" is not in Access-Control-Allow-Methods
  cors check: pass-wildcard
  Access-Control-Request-Method: delete
  Access-Control-Request-Headers: (none sent)
END
t "preflight: patcH is not normalized" 1 preflight --origin $O \
    --method patcH --allow-origin '*' --allow-methods PATCH <<'END'
preflight: fail (method)
  the method "patcH" is not in Access-Control-Allow-Methods
  cors check: pass-wildcard
  Access-Control-Request-Method: patcH
  Access-Control-Request-Headers: (none sent)
END
t "preflight: * never covers Authorization" 1 preflight --origin $O \
    --method GET --credentials omit --request-header 'Authorization: x' \
    --allow-origin '*' --allow-headers '*' <<'END'
preflight: fail (authorization)
  Authorization must be listed by name in Access-Control-Allow-Headers ("*" never covers it)
  cors check: pass-wildcard
  Access-Control-Request-Method: GET
  Access-Control-Request-Headers: authorization
END
t "preflight: Authorization listed by name" 0 preflight --origin $O \
    --method GET --credentials include --request-header 'Authorization: x' \
    --allow-origin $O --allow-credentials true \
    --allow-headers 'AUTHORIZATION' <<'END'
preflight: pass (pass)
  cors check: pass
  Access-Control-Request-Method: GET
  Access-Control-Request-Headers: authorization
  cache: 5 s (Fetch's default: Access-Control-Max-Age absent or invalid)
END
t "preflight: an unlisted header with credentials" 1 preflight --origin $O \
    --method GET --credentials include --request-header 'X-B: 1' \
    --request-header 'X-A: 1' --allow-origin $O --allow-credentials true \
    --allow-headers 'x-b, *' <<'END'
preflight: fail (header)
  the request header "x-a" is not in Access-Control-Allow-Headers ("*" is a literal name with credentials include)
  cors check: pass
  Access-Control-Request-Method: GET
  Access-Control-Request-Headers: x-a,x-b
END
t "preflight: an invalid Allow-Headers line fails it all" 1 preflight \
    --origin $O --method GET --allow-origin '*' --allow-headers x-a \
    --allow-headers 'a b' <<'END'
preflight: fail (bad-headers)
  Access-Control-Allow-Headers is invalid at line 1 offset 2: two names are separated by whitespace without a comma (one invalid element fails the preflight)
  cors check: pass-wildcard
  Access-Control-Request-Method: GET
  Access-Control-Request-Headers: (none sent)
END
t "preflight: status" 1 preflight --origin $O --method GET \
    --allow-origin '*' --status 404 <<'END'
preflight: fail (status)
  status 404 is not an ok status (200-299)
  cors check: pass-wildcard
  Access-Control-Request-Method: GET
  Access-Control-Request-Headers: (none sent)
END
t "preflight: CORS check, two Allow-Origin lines" 1 preflight --origin $O \
    --method GET --allow-origin $O --allow-origin $O <<'END'
preflight: fail (cors)
  the CORS check fails: origin-mismatch
  cors check: origin-mismatch
  Access-Control-Request-Method: GET
  Access-Control-Request-Headers: (none sent)
END
t "preflight: use-CORS-preflight flag" 0 preflight --origin $O \
    --method DELETE --allow-origin '*' --use-cors-preflight <<'END'
preflight: pass (pass)
  cors check: pass-wildcard
  Access-Control-Request-Method: DELETE
  Access-Control-Request-Headers: (none sent)
  cache: 5 s (Fetch's default: Access-Control-Max-Age absent or invalid)
END
ERR="aceh: preflight: missing --method
Try 'aceh preflight --help'." t "preflight: missing --method" 2 \
    preflight --origin $O < /dev/null
ERR="aceh: preflight: --request-header wants 'NAME: VALUE' with NAME a header name, got 'bad'
Try 'aceh preflight --help'." t "preflight: bad --request-header" 2 \
    preflight --origin $O --method GET --request-header bad < /dev/null
ERR="aceh: preflight: --status: not a status code 'x'
Try 'aceh preflight --help'." t "preflight: bad --status" 2 \
    preflight --origin $O --method GET --status x < /dev/null
# check-response recognises a preflight response: its lists and cache
printf 'HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: GET, PUT\r\nAccess-Control-Allow-Headers: x-a\r\nAccess-Control-Allow-Headers: x b\r\nAccess-Control-Max-Age: 600\r\n\r\n' > "$T/pfhead"
IN=$T/pfhead t check-preflight-response 0 check-response --origin $O \
    --credentials omit <<'END'
response: HTTP/1.1 204 No Content
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
preflight response: Access-Control-Allow-Methods valid, Access-Control-Allow-Headers invalid (input line 5 offset 2: missing-comma; a preflight with it fails), cache 600 s
note: `aceh preflight` decides a preflight for a given request
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
header                        omit
Access-Control-Allow-Origin   no
Access-Control-Allow-Methods  no
Access-Control-Allow-Headers  no
Access-Control-Allow-Headers  no
Access-Control-Max-Age        no
END
printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Max-Age: x\r\n\r\n' > "$T/pfhead2"
IN=$T/pfhead2 t check-preflight-default-age 0 check-response --origin $O \
    --credentials omit <<'END'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
preflight response: Access-Control-Allow-Methods absent, Access-Control-Allow-Headers absent, cache 5 s (Access-Control-Max-Age absent or invalid: Fetch's default)
note: `aceh preflight` decides a preflight for a given request
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
header                       omit
Access-Control-Allow-Origin  no
Access-Control-Max-Age       no
END
"$ACEH" preflight --help > "$T/out" 2>&1
check "preflight --help names every option" grep -q -- '--use-cors-preflight' "$T/out"

# ---------------------------------------------------------------- man page
if command -v groff > /dev/null; then
    groff -man -Tutf8 -ww -z "$MAN" > "$T/groff" 2>&1
    check "aceh.1: groff reports no problem" [ ! -s "$T/groff" ]
else
    not_run groff || failed "aceh.1: groff is not installed (Debian package groff-base)"
fi
for word in parse exposed check-response lint format batch \
    safelisted listed wildcard forbidden bad-name absent invalid not-listed \
    authorization wildcard-credentials authorization-wildcard duplicate \
    empty-element value-byte name-byte missing-comma quoted server-syntax \
    origin-value single-quoted boolean-value number-value method-name \
    wildcard-pattern access-control-name request-header typo \
    credentialed-wildcard known-names.txt; do
    check "aceh.1 documents $word" grep -q -- "$(printf '%s' "$word" | sed 's/-/\\\\-/g')" "$MAN"
done
for code in 0 1 2; do
    check "aceh.1 documents exit status $code" \
        sed -n '/^\.SH EXIT STATUS/,/^\.SH/p' "$MAN" | grep -q "^\.B $code\$"
done

if [ "$notrun" -gt 0 ]; then
    echo "not run: $notrun checks (not installed:$notrun_why)"
fi
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
