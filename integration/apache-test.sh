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
srv=apache stop_signal=TERM
. integration/server.sh

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

token="aceh-apache-test-$$-$(date +%s)"
up() { curl -sI --max-time 1 "http://127.0.0.1:$port/health" | grep -q "X-Token: $token"; }
start httpd /usr/sbin/apache2 -d "$work/root" -f "$work/apache.conf" -DFOREGROUND
ok "httpd started (pid $pid, 127.0.0.1:$port, $(/usr/sbin/apache2 -v | sed -n 's/^Server version: //p'))"

lint_sent "$work/apache.conf" '^<Location \/' "http://127.0.0.1:$port"

stopped httpd
summary
