#!/bin/sh
# SPDX-License-Identifier: MIT
# Debian's Apache httpd in the loop: for each <Location> of the
# configuration below, the Access-Control-Expose-Headers values
# `aceh lint --config` finds are the ones httpd sends (`curl -sI`), on a
# success status and, with `Header always`, on an error status.
#   apache-test.sh ACEH_PROGRAM BUILD
# apache2 and curl are installed when missing (scripts/deps.sh keeps the
# system service from starting). This httpd runs in the foreground as a
# child of this script, with its own ServerRoot, config, logs and pid file
# under BUILD/apache-test, on a free loopback port, and is stopped by its
# process id, on failure too. Prints one line per check and
# "apache: N passed, M failed".
set -u
aceh=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2/apache-test"
work=$(cd "$2/apache-test" && pwd)
pass=0 fail=0 pid="" port=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }
summary() { echo "apache: $pass passed, $fail failed"; [ "$fail" = 0 ]; }

[ -x /usr/sbin/apache2 ] && command -v curl >/dev/null 2>&1 ||
    scripts/deps.sh apache2 curl || { bad install "scripts/deps.sh apache2 curl failed"; summary; exit 1; }
mods=/usr/lib/apache2/modules
rm -rf "$work/root" "$work/docs"
mkdir -p "$work/root" "$work/docs"
for n in set add-twice escaped-quotes continued merge lint-status-200; do : >"$work/docs/$n"; done
chmod -R a+rX "$work/docs"

write_conf() {
    cat >"$work/apache.conf" <<CONF
ServerRoot "$work/root"
DefaultRuntimeDir "$work/root"
PidFile "$work/apache.pid"
ErrorLog "$work/error.log"
Listen 127.0.0.1:$port
ServerName 127.0.0.1
LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule headers_module $mods/mod_headers.so
User nobody
Group nogroup
DocumentRoot "$work/docs"
<Directory "$work/docs">
    Require all granted
</Directory>
<Location /health>
    Header always set X-Token "$token"
</Location>
<Location /set>
    Header set Access-Control-Expose-Headers "X-Request-Id, X-Trace"
</Location>
<Location /add-twice>
    Header add Access-Control-Expose-Headers X-A
    header onsuccess add access-control-expose-headers 'X-B, X-C'
</Location>
<Location /escaped-quotes>
    Header set Access-Control-Expose-Headers "\\"X-A\\", X-B"
</Location>
<Location /continued>
    Header always set Access-Control-Expose-Headers "X-A, \\
X-B"
</Location>
<Location /merge>
    Header merge Access-Control-Expose-Headers X-A
</Location>
<Location /lint-status-404>
    Header always set Access-Control-Expose-Headers "X-Any-Status"
    Header add Access-Control-Expose-Headers "X-Success-Only"
</Location>
<Location /lint-status-200>
    Header always set Access-Control-Expose-Headers "X-Any-Status"
    Header add Access-Control-Expose-Headers "X-Success-Only"
</Location>
CONF
}

stop_signal=TERM
. integration/server.sh

token="aceh-apache-test-$$-$(date +%s)"
up() { curl -sI --max-time 1 "http://127.0.0.1:$port/health" | grep -q "X-Token: $token"; }
if ! start_server /usr/sbin/apache2 -d "$work/root" -f "$work/apache.conf" -DFOREGROUND; then
    bad start "httpd did not start (port $port)" "$(tail -n 5 "$work/error.log" "$work/server.out" 2>/dev/null)"
    summary
    exit 1
fi
ok "httpd started (pid $pid, 127.0.0.1:$port, $(/usr/sbin/apache2 -v | sed -n 's/^Server version: //p'))"

lint_sent "$work/apache.conf" '^<Location \/' "http://127.0.0.1:$port"

ours=$pid
stop
if kill -0 "$ours" 2>/dev/null; then bad stop "httpd $ours still running"; else ok "httpd stopped (pid $ours)"; fi
summary
