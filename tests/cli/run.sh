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
for sub in "" parse exposed check-response lint format batch; do
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
printf 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: X-A\rX-B\r\nAccess-Control-Expose-Headers: \xff\r\n' > "$T/crbyte"
t check-bare-cr 1 check-response --credentials omit "$T/crbyte" <<'EOF'
response: HTTP/1.1 200 OK
Access-Control-Expose-Headers: invalid at input line 3 offset 3: value-byte: CR, LF or NUL can never appear in a field value; the whole header is void, only safelisted headers are readable
  X-A\x0DX-B
     ^
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
header                         omit
Access-Control-Allow-Origin    no
Access-Control-Expose-Headers  no
Access-Control-Expose-Headers  no
EOF
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
# Several heads (curl -L, 1xx): the last one counts; a body is ignored.
printf 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\nHTTP/2 200\r\naccess-control-allow-origin: *\r\nx-y: 1\r\n\r\nbody: not a header\r\n' > "$T/heads"
t check-last-head 0 check-response --credentials omit "$T/heads" <<'EOF'
response: HTTP/2 200
Access-Control-Expose-Headers: absent (only safelisted headers are readable)
CORS check, credentials omit: pass: Access-Control-Allow-Origin "*" allows every origin
header                       omit
access-control-allow-origin  no
x-y                          no
EOF
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
t lint-clean 0 lint 'X-Request-Id, X-Trace' 'X-Other' <<'EOF'
lint: no problems
EOF
t lint-warnings 0 lint 'X-A, *, x-a, Content-Type,, Set-Cookie,' <<'EOF'
line 0 offset 5: warning: wildcard-credentials: "*" exposes every header only to requests without credentials; with credentials include it is the literal name "*": list by name what credentialed requests need
  X-A, *, x-a, Content-Type,, Set-Cookie,
       ^
line 0 offset 5: warning: authorization-wildcard: Authorization is exposed only through "*": Fetch and current browsers expose it, but older documentation said "*" does not cover it; list it by name ("*, Authorization") to satisfy both
  X-A, *, x-a, Content-Type,, Set-Cookie,
       ^
line 0 offset 8: warning: duplicate: x-a is listed again (first at line 0 offset 0)
  X-A, *, x-a, Content-Type,, Set-Cookie,
          ^
line 0 offset 13: warning: safelisted: Content-Type is CORS-safelisted and always exposed: listing it is redundant
  X-A, *, x-a, Content-Type,, Set-Cookie,
               ^
line 0 offset 26: warning: empty-element: empty list element (legal but sloppy): remove the extra comma
  X-A, *, x-a, Content-Type,, Set-Cookie,
                            ^
line 0 offset 28: warning: forbidden: Set-Cookie is never exposed to scripts (a forbidden response-header name): listing it has no effect
  X-A, *, x-a, Content-Type,, Set-Cookie,
                              ^
line 0 offset 38: warning: empty-element: empty list element (legal but sloppy): remove the extra comma
  X-A, *, x-a, Content-Type,, Set-Cookie,
                                        ^
lint: 0 errors, 7 warnings
EOF
t lint-strict 1 lint --strict 'a, A' <<'EOF'
line 0 offset 3: warning: duplicate: A is listed again (first at line 0 offset 0)
  a, A
     ^
lint: 0 errors, 1 warning
EOF
t lint-strict-clean 0 lint --strict 'a' <<'EOF'
lint: no problems
EOF
t lint-duplicates-across-lines 0 lint 'X-A, b' 'x-a' 'X-A' <<'EOF'
line 1 offset 0: warning: duplicate: x-a is listed again (first at line 0 offset 0)
  x-a
  ^
line 2 offset 0: warning: duplicate: X-A is listed again (first at line 0 offset 0)
  X-A
  ^
lint: 0 errors, 2 warnings
EOF
t lint-wildcard-with-authorization 0 lint '*, Authorization, Set-Cookie2' <<'EOF'
line 0 offset 0: warning: wildcard-credentials: "*" exposes every header only to requests without credentials; with credentials include it is the literal name "*": list by name what credentialed requests need
  *, Authorization, Set-Cookie2
  ^
line 0 offset 18: warning: forbidden: Set-Cookie2 is never exposed to scripts (a forbidden response-header name): listing it has no effect
  *, Authorization, Set-Cookie2
                    ^
lint: 0 errors, 2 warnings
EOF
t lint-empty-lines 0 lint '' ',' ',x' 'a , , b' <<'EOF'
line 0 offset 0: warning: empty-element: empty line: legal, but it adds nothing
line 1 offset 0: warning: empty-element: line holds no name, only separators: legal, but it adds nothing
  ,
  ^
line 2 offset 0: warning: empty-element: empty list element (legal but sloppy): remove the extra comma
  ,x
  ^
line 3 offset 4: warning: empty-element: empty list element (legal but sloppy): remove the extra comma
  a , , b
      ^
lint: 0 errors, 4 warnings
EOF
t lint-invalid 1 lint 'X-A' 'X-B, "X-C"' <<'EOF'
line 1 offset 5: error: invalid: invalid list (name-byte: this byte is neither a token character, SP, HTAB nor ','): the whole header is void per the Fetch standard and in Chromium and WebKit, so only safelisted headers are readable
  X-B, "X-C"
       ^
lint: 1 error, 0 warnings
EOF
t lint-invalid-after-wildcard 1 lint '*' 'bad header' <<'EOF'
line 1 offset 4: error: invalid: invalid list (missing-comma: two names are separated by whitespace without a comma): the whole header is void per the Fetch standard and in Chromium and WebKit, so only safelisted headers are readable; Firefox's fetch() differs here: it exposes every header because "*" comes before the invalid element
  bad header
      ^
lint: 1 error, 0 warnings
EOF
t lint-invalid-byte 1 lint $'X-A,\x7f' <<'EOF'
line 0 offset 4: error: invalid: invalid list (name-byte: this byte is neither a token character, SP, HTAB nor ','): the whole header is void per the Fetch standard and in Chromium and WebKit, so only safelisted headers are readable
  X-A,\x7F
      ^
lint: 1 error, 0 warnings
EOF
ERR="aceh: lint: missing VALUE
Try 'aceh lint --help'." t lint-no-value 2 lint --strict < /dev/null
ERR="aceh: lint: unknown option '--credentials'
Try 'aceh lint --help'." t lint-unknown-option 2 lint --credentials omit a < /dev/null
j lint-json 0 '.valid == true and .errors == 0 and .warnings == 3
    and [.problems[] | .code] == ["wildcard-credentials","authorization-wildcard","safelisted"]
    and [.problems[] | .severity] == ["warning","warning","warning"]
    and .problems[2].line == 1 and .problems[2].offset == 1
    and (.problems[2].message | startswith("pragma is CORS-safelisted"))' \
    lint --json '*' ' pragma'
j lint-json-invalid 1 '.valid == false and .errors == 1 and .warnings == 0
    and .problems[0].code == "invalid" and .problems[0].offset == 1
    and (.problems[0].message | contains("Firefox") | not)' \
    lint --json --escaped 'a\x00'
j lint-json-strict 1 '.warnings == 1 and .problems[0].message
    == "\"*\" exposes every header only to requests without credentials; with credentials include it is the literal name \"*\": list by name what credentialed requests need"' \
    lint --json --strict '*, Authorization'

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
# Each request with the answer the Fetch rules (shared/SPEC.md) give.
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
    printf 'omit\tx-a\tx-a\r\n'                 # raw CR belongs to the line
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
1
EOF
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
    empty-element value-byte name-byte missing-comma; do
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
