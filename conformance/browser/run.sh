#!/bin/sh
# SPDX-License-Identifier: MIT
# The conformance table (BROWSER_MODE=preflight: the preflight table)
# through a headless browser, in namespaces with only loopback, and the
# report (conformance/browser/README.md; BROWSER_API, BROWSER_NS there):
#
#   run.sh BINDIR TABLE DEVIATIONS [BROWSER [TIMEOUT]]
set -eu

WEBKIT_BROWSER=${WEBKIT_BROWSER:-/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser}

# ---- run.sh --version BROWSER (WebKit: the WebKitGTK the MiniBrowser uses)
if [ "${1:-}" = --version ]; then
    case ${2:-} in
    chromium) exec chromium --version ;;
    firefox) exec firefox-esr --version ;;
    webkit)
        v=$(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null) || exit 1
        echo "WebKitGTK $v MiniBrowser (WebKitWebDriver)"
        exit 0 ;;
    esac
    echo "conformance-browser: unknown browser ${2:-}" >&2
    exit 2
fi

# ---- WebKit: a private X server, WebKitWebDriver and one session ---------
# Run through setsid by the inner part below, so that the whole group
# (Xvfb, the driver, the MiniBrowser it starts) ends with it. WebKitGTK has
# no headless switch here, hence Xvfb; WebDriver only opens the page, which
# then runs by itself like in the other browsers.
if [ "${1:-}" = --webkit-driver ]; then
    work=$2 url=$3
    Xvfb -displayfd 3 -nolisten tcp -screen 0 1280x800x24 \
        3>"$work/display" >"$work/xvfb.log" 2>&1 &
    n=0
    while [ ! -s "$work/display" ]; do
        [ $n -ge 100 ] && { echo "webkit: Xvfb did not start" >&2; exit 2; }
        sleep 0.1
        n=$((n + 1))
    done
    DISPLAY=:$(cat "$work/display")
    export DISPLAY
    port=$((20000 + $$ % 20000))
    WebKitWebDriver --port="$port" >"$work/webdriver.log" 2>&1 &
    n=0
    until curl -sf "http://127.0.0.1:$port/status" >/dev/null 2>&1; do
        [ $n -ge 100 ] && { echo "webkit: WebKitWebDriver did not start" >&2; exit 2; }
        sleep 0.1
        n=$((n + 1))
    done
    caps='{"capabilities":{"alwaysMatch":{"webkitgtk:browserOptions":{"binary":"'$WEBKIT_BROWSER'","args":["--automation"]}}}}'
    sid=$(curl -sf -X POST -H 'Content-Type: application/json' -d "$caps" \
        "http://127.0.0.1:$port/session" | sed -n 's/.*"sessionId" *: *"\([^"]*\)".*/\1/p')
    [ -n "$sid" ] || { echo "webkit: no WebDriver session" >&2; exit 2; }
    curl -sf -X POST -H 'Content-Type: application/json' \
        -d '{"url":"'"$url"'"}' "http://127.0.0.1:$port/session/$sid/url" >/dev/null ||
        echo "webkit: navigation request failed (the page may still run)" >&2
    # Keep the browser open until the run ends (the caller ends the group).
    wait
    exit 0
fi

if [ "${1:-}" = --inner ]; then
    shift
    inner=1
else
    inner=0
fi
bindir=$1 table=$2 deviations=$3 browser=${4:-chromium} timeout=${5:-150}
case ${BROWSER_API:-fetch} in
fetch) serve_api='' api_tag=$browser ;;
xhr) serve_api=--xhr api_tag=$browser-xhr ;;
*) echo "conformance-browser: unknown BROWSER_API $BROWSER_API" >&2; exit 2 ;;
esac
case ${BROWSER_MODE:-aceh} in
aceh) serve_mode='' tag=$api_tag ;;
preflight) serve_mode=--preflight tag=$api_tag-preflight ;;
*) echo "conformance-browser: unknown BROWSER_MODE $BROWSER_MODE" >&2; exit 2 ;;
esac

# ---- inside the namespace (or the fallback): server + browser ----------
if [ "$inner" = 1 ]; then
    work=$6 netns=$7
    if [ "$netns" = 1 ]; then
        ip link set lo up
    fi
    spid='' bpid=''
    # shellcheck disable=SC2317 # called by the trap
    cleanup() {
        # The browser was started as the leader of its own process group
        # (setsid), so the group id is its pid and holds only its children.
        if [ -n "$bpid" ]; then
            # (dash's kill takes no "--": "-TERM -PGID" is the portable form.)
            # The plain pid is the fallback should the group not exist.
            kill -TERM "-$bpid" 2>/dev/null || kill -TERM "$bpid" 2>/dev/null ||
                true
            n=0
            while kill -0 "-$bpid" 2>/dev/null && [ "$n" -lt 50 ]; do
                sleep 0.1
                n=$((n + 1))
            done
            kill -KILL "-$bpid" 2>/dev/null || true
        fi
        if [ -n "$spid" ]; then kill "$spid" 2>/dev/null || true; fi
        rm -rf "${work:?}/profile" "${work:?}/home"
    }
    trap cleanup EXIT
    trap 'exit 130' INT TERM

    # shellcheck disable=SC2086 # serve_api, serve_mode: one word or none
    "$bindir/aceh-browser-serve" $serve_api $serve_mode "$table" "$work/results" \
        "$work/ready" "$timeout" 2>"$work/server.log" &
    spid=$!
    n=0
    while [ ! -e "$work/ready" ]; do
        if ! kill -0 "$spid" 2>/dev/null || [ $n -ge 100 ]; then
            echo "conformance-browser: the server did not start:" >&2
            cat "$work/server.log" >&2
            exit 2
        fi
        sleep 0.1
        n=$((n + 1))
    done
    url=$(cat "$work/ready")
    mkdir -p "$work/profile" "$work/home"
    # Browsers write beside the profile too (Chromium's crash database goes
    # to ~/.config): keep all of it in the run's folder.
    HOME=$work/home XDG_CONFIG_HOME=$work/home/.config
    XDG_CACHE_HOME=$work/home/.cache
    export HOME XDG_CONFIG_HOME XDG_CACHE_HOME
    case $browser in
    chromium)
        set -- --headless --no-sandbox --disable-gpu --disable-quic \
            --no-first-run --disable-background-networking \
            --disable-component-update --disable-sync \
            --user-data-dir="$work/profile"
        if [ "$netns" != 1 ]; then
            # No namespace: a dead proxy for everything but the two test
            # origins, and no name resolution at all.
            set -- "$@" --proxy-server=http://127.0.0.1:9 \
                --proxy-bypass-list='127.0.0.1;127.0.0.2' \
                --host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2'
        fi
        setsid chromium "$@" "$url" >"$work/browser.log" 2>&1 &
        ;;
    firefox)
        # Firefox reads its network settings from the profile: no proxy
        # auto-detection, no captive portal or telemetry pings, no
        # DNS-over-HTTPS, nothing prefetched.
        cat >"$work/profile/user.js" <<'EOF'
user_pref("network.proxy.type", 0);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("network.trr.mode", 5);
user_pref("network.dns.disablePrefetch", true);
user_pref("network.prefetch-next", false);
user_pref("network.http.speculative-parallel-limit", 0);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("app.update.enabled", false);
user_pref("app.normandy.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
EOF
        if [ "$netns" != 1 ]; then
            cat >>"$work/profile/user.js" <<'EOF'
user_pref("network.proxy.type", 1);
user_pref("network.proxy.http", "127.0.0.1");
user_pref("network.proxy.http_port", 9);
user_pref("network.proxy.ssl", "127.0.0.1");
user_pref("network.proxy.ssl_port", 9);
user_pref("network.proxy.no_proxies_on", "127.0.0.1, 127.0.0.2");
user_pref("network.proxy.allow_hijacking_localhost", false);
EOF
        fi
        setsid firefox-esr --headless --no-remote --profile "$work/profile" \
            "$url" >"$work/browser.log" 2>&1 &
        ;;
    webkit)
        if [ "$netns" != 1 ]; then
            # MiniBrowser has no proxy or resolver switches to fence it in.
            echo "conformance-browser: webkit runs only in a network namespace" >&2
            exit 2
        fi
        setsid sh "$0" --webkit-driver "$work" "$url" >"$work/browser.log" 2>&1 &
        ;;
    *)
        echo "conformance-browser: unknown browser $browser" >&2
        exit 2
        ;;
    esac
    bpid=$!
    rc=0
    wait "$spid" || rc=$?
    spid=''
    if [ "$rc" != 0 ]; then
        echo "conformance-browser: server exited with status $rc:" >&2
        cat "$work/server.log" >&2
        echo "--- last lines of the browser's log:" >&2
        tail -n 20 "$work/browser.log" >&2
    fi
    exit "$rc"
fi

# ---- outside: version, namespace, report --------------------------------
version=$(sh "$0" --version "$browser" 2>/dev/null) || {
    [ $? = 2 ] && echo "conformance-browser: unknown browser $browser" >&2
    exit 2
}
mkdir -p "$bindir"
# Only the last run's files are kept (report, results, logs).
rm -rf "$bindir/run-$tag".* "$bindir/$tag-report.txt" \
    "$bindir/$tag-results.txt"
# Absolute: Firefox silently ignores a relative --profile.
work=$(cd "$(mktemp -d "$bindir/run-$tag.XXXXXX")" && pwd)
self=$0
start=$(date +%s)
# Best: new network, PID and mount namespaces (the PID namespace ends
# whatever the browser leaves behind when the run's shell exits); then a
# network namespace alone; else loopback-only browser settings.
# BROWSER_NS=net or none forces a weaker level (to test the fallbacks).
ns=${BROWSER_NS:-auto}
# Without root, a user namespace (-r) makes the other namespaces possible.
uns=unshare
[ "$(id -u)" = 0 ] || uns="unshare -r"
rc=0
if [ "$ns" = auto ] &&
    $uns -n -p -f -m --mount-proc sh -c 'ip link set lo up' 2>/dev/null; then
    echo "conformance-browser: $version in network+PID namespaces with only loopback ($uns -n -p)"
    $uns -n -p -f -m --mount-proc sh "$self" --inner "$bindir" "$table" \
        "$deviations" "$browser" "$timeout" "$work" 1 || rc=$?
elif [ "$ns" != none ] && err=$($uns -n sh -c 'ip link set lo up' 2>&1); then
    echo "conformance-browser: $version in a network namespace with only loopback ($uns -n)"
    $uns -n sh "$self" --inner "$bindir" "$table" "$deviations" \
        "$browser" "$timeout" "$work" 1 || rc=$?
else
    [ "$ns" = none ] && err="BROWSER_NS=none"
    echo "conformance-browser: no network namespace ($err);" \
        "falling back to loopback-only browser settings and a dead proxy"
    sh "$self" --inner "$bindir" "$table" "$deviations" "$browser" \
        "$timeout" "$work" 0 || rc=$?
fi
if [ "$rc" != 0 ]; then
    echo "conformance-browser: $browser run failed (files in $work)" >&2
    exit 2
fi
rc=0
# shellcheck disable=SC2086 # serve_mode: the report's option too
"$bindir/aceh-browser-report" $serve_mode "$table" "$work/results" \
    "$deviations" "$api_tag" "$version" >"$work/report.txt" || rc=$?
cat "$work/report.txt"
cp "$work/report.txt" "$bindir/$tag-report.txt"
cp "$work/results" "$bindir/$tag-results.txt"
echo "conformance-browser: $browser run took $(($(date +%s) - start)) s; files in $work"
exit "$rc"
