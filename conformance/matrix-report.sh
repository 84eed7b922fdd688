#!/bin/sh
# SPDX-License-Identifier: MIT
# RESULTS.md from the results matrix's run files (conformance/matrix.sh):
#
#   conformance/matrix-report.sh CONFORMANCE_DIR RUN_DIR "IMPL..."
#
# Everything in it is computed from the two tables and the runs: the row
# counts, the cells, the disagreement classes (each disagreement sorted by
# what its row holds and what was answered), and each implementation's
# observed class, read off the rows that separate one class from its
# neighbours. A run with a KEY.error file is reported as an error with that
# file's text, never with its counts.
set -u
[ $# -eq 3 ] || { echo "usage: conformance/matrix-report.sh CONFORMANCE_DIR RUN_DIR \"IMPL...\"" >&2; exit 2; }
exec awk -F '\t' -v here="$1" -v out="$2" -v impls="$3" -v \
    when="on $(date -u +%Y-%m-%d), $(uname -m), $(nproc) cores, Debian $(cat /etc/debian_version 2>/dev/null || echo '?'), Node.js $(node --version 2>/dev/null || echo 'absent')" '
function esc(s) { gsub(/\|/, "\\|", s); return s }
function short(s) { return length(s) > 48 ? substr(s, 1, 40) "...[" length(s) " chars]" : s }
function nrows(file,    l, n) {
    n = 0
    while ((getline l < file) > 0) if (l !~ /^#/ && l != "") n++
    close(file)
    return n
}
# Both tables: the columns the classes and probes need.
function load(file, pf,    l, f, n, i, s) {
    while ((getline l < file) > 0) {
        if (l ~ /^#/ || l == "") continue
        n = split(l, f, "\t")
        id = f[1]; area[id] = f[2]; rmode[id] = f[3]
        if (pf) {
            pflags[id] = f[4]; pmethod[id] = f[5]; presult[id] = f[7]
            preason[id] = f[8]; first = 11
        } else {
            rname[id] = f[5]; rwant[id] = f[6]; rparse[id] = f[7]; first = 9
        }
        s = ""
        for (i = first; i <= n; i++) s = s (i > first ? "\t" : "") f[i]
        rlines[id] = s
    }
    close(file)
}
# Read KEY'"'"'s run: label, status, error, the answers that differ from the
# table, the skipped rows.
function read_run(key,    l, w, st, sv, id, g) {
    lab[key] = key; ver[key] = "?"; secs[key] = "?"; rc[key] = "?"
    if ((getline l < (out "/" key ".label")) > 0) { split(l, w, "\t"); lab[key] = w[1]; ver[key] = w[2] }
    close(out "/" key ".label")
    if ((getline st < (out "/" key ".status")) > 0) { split(st, sv, " "); rc[key] = sv[1]; secs[key] = sv[2] }
    close(out "/" key ".status")
    err[key] = ""
    while ((getline l < (out "/" key ".error")) > 0) err[key] = err[key] l "\n"
    close(out "/" key ".error")
    while ((getline l < (out "/" key ".out")) > 0) {
        if (l ~ /^disagreement: /) {
            split(l, w, " "); id = w[2]
            g = "none"
            if (match(l, /, got [^ ]+/)) g = substr(l, RSTART + 6, RLENGTH - 6)
            else if (l ~ /program said/) g = "error"
            else if (l ~ /malformed answer/) g = "malformed"
            got[key, id] = g; dis_ids[key] = dis_ids[key] " " id
        } else if (l ~ /^skipped: /) {
            split(l, w, " "); got[key, w[2]] = "skip"
            l2 = l; sub(/^skipped: [^ ]+ \([^)]*\): /, "", l2); sub(/:.*/, "", l2)
            sk = lab[key] " (" (key ~ /^pf-/ ? "preflight" : "ACEH") "): " l2
            if (!(sk in nskip)) skorder[++nsk] = sk
            nskip[sk]++
        }
    }
    close(out "/" key ".out")
}
function row(key, areas_s,    a, na, k) {
    na = split(areas_s, a, " ")
    printf "| %s | %s |", esc(lab[key]), esc(ver[key])
    for (k = 1; k <= na; k++) printf " %s |", err[key] != "" ? "-" : ((a[k] in cells) ? cells[a[k]] : "-")
    printf " %s |\n", err[key] != "" ? "**error** (below)" : "exit " rc[key] ", " secs[key] " s"
}
# The answer of KEY to row ID: the table'"'"'s unless listed otherwise.
function ans(key, id) {
    if (err[key] != "") return "error"
    if ((key, id) in got) return got[key, id]
    return (key ~ /^pf-/) ? presult[id] : rwant[id]
}
function want(key, id) { return (key ~ /^pf-/) ? presult[id] : rwant[id] }
function has_star(lines,    s) {
    s = lines; gsub(/\\x09/, " ", s)
    return s ~ /(^|[,\t])[ ]*\*[ ]*(,|\t|$)/
}
# Line and byte offset of the first `*` element ("L:O"), escapes counted
# as one byte.
function star_at(lines,    n, ln, k, s, i, e, off) {
    n = split(lines, ln, "\t")
    for (k = 1; k <= n; k++) {
        s = ln[k]; gsub(/\\\\/, "B", s); gsub(/\\x[0-9a-fA-F][0-9a-fA-F]/, "E", s)
        off = 0
        ne = split(s, e, ",")
        for (i = 1; i <= ne; i++) {
            t = e[i]; lead = match(t, /[^ E]/) ? RSTART - 1 : 0
            gsub(/^[ E]+|[ E]+$/, "", t)
            if (t == "*") return (k - 1) ":" (off + lead)
            off += length(e[i]) + 1
        }
    }
    return ""
}
function classify(key, id, w, g,    m, bad, star, ws, sa, ea, sl, so, el, eo, before) {
    m = rmode[id]; bad = (rparse[id] ~ /@/); star = has_star(rlines[id])
    if (g !~ /^[01]$/) return "no usable answer (an error, a malformed answer or none)"
    if (w == 1 && star && !bad && m != "include") return "`*` not honoured as a wildcard"
    if (w == 0 && bad && star && m != "include") {
        split(star_at(rlines[id]), sa, ":"); split(substr(rparse[id], index(rparse[id], "@") + 1), ea, ":")
        sl = sa[1] + 0; so = sa[2] + 0; el = ea[1] + 0; eo = ea[2] + 0
        before = (sl < el || (sl == el && so < eo))
        return "`*` honoured " (before ? "before" : "after") " the first invalid element, " \
            (sl == el ? "on the same field line" : (before ? "on an earlier field line" : "on a later field line")) \
            " (the list is not voided)"
    }
    if (w == 0 && bad) return "invalid list not voided (names taken from an invalid header)"
    if (w == 0 && star && m == "include") return "`*` honoured with credentials"
    if (w == 1 && rparse[id] == "absent") return "safelisted name hidden"
    ws = rlines[id]; gsub(/\\x09/, " ", ws)
    if (w == 1 && ws ~ /[^ ,] +,/) return "name followed by whitespace before its comma not matched (only leading whitespace trimmed)"
    if (w == 1) return "listed name not exposed"
    if (rparse[id] == "absent") return "header exposed with no Access-Control-Expose-Headers at all (no filtering)"
    return "name exposed that the list does not cover"
}
function field(id, name,    n, f, k, v, p) {
    # The value of the first "< NAME:" field, "" when present and empty,
    # and a lone NUL byte (never a value here) when absent.
    n = split(rlines[id], f, "\t")
    for (k = 1; k <= n; k++) {
        p = "< " name ":"
        if (tolower(substr(f[k], 1, length(p))) == tolower(p)) {
            v = substr(f[k], length(p) + 1); gsub(/^ +| +$/, "", v); return v
        }
    }
    return "\001"
}
function repeated_safelisted(id,    n, f, k, nm, seen) {
    n = split(rlines[id], f, "\t")
    for (k = 1; k <= n; k++) {
        if (f[k] !~ /^> /) continue
        nm = tolower(substr(f[k], 3, index(f[k], ":") - 3))
        if (nm !~ /^(accept|accept-language|content-language|content-type|range)$/) continue
        if (nm in seen) return 1
        seen[nm] = 1
    }
    return 0
}
function pfclass(key, id, w, g,    ucp, acam, gw) {
    gw = g; sub(/ .*/, "", gw)
    ucp = (pflags[id] == "use-cors-preflight"); acam = field(id, "Access-Control-Allow-Methods")
    if (gw !~ /^(pass|fail)$/) return "no usable answer (an error, a malformed answer or none)"
    if (gw == w) return "cache lifetime (Access-Control-Max-Age) differs"
    if (w == "fail" && rlines[id] ~ /(^|\t)> [Aa]uthorization:/ && \
        field(id, "Access-Control-Allow-Headers") ~ /(^|,) *\* *(,|$)/)
        return "`*` in Access-Control-Allow-Headers taken to cover Authorization (Fetch: a CORS non-wildcard request-header name, never covered by `*`)"
    if (w == "pass" && repeated_safelisted(id))
        return "repeated safelisted request headers judged by their combined value" \
            (lab[key] ~ /XMLHttpRequest/ ? " (setRequestHeader combines them, as the XMLHttpRequest standard says)" \
                                         : " (Headers.append keeps them apart and Fetch judges each)")
    if (w == "pass" && ucp && acam == "\001")
        return "absent Access-Control-Allow-Methods under the use-CORS-preflight flag does not admit the request method (Fetch: methods null, then « request method »)"
    if (w == "fail" && ucp && acam == "")
        return "empty Access-Control-Allow-Methods under the use-CORS-preflight flag taken as absent (Fetch: only null, an absent header, admits the request method)"
    if (w == "fail" && acam == "\001" && preason[id] == "method")
        return "absent Access-Control-Allow-Methods admits any method"
    if (w == "fail") return "actual request sent where Fetch fails the preflight (" preason[id] ")"
    return "actual request not sent where Fetch passes the preflight"
}
function example(id, w, g,    s, n, f, k) {
    n = split(rlines[id], f, "\t")
    s = ""
    for (k = 1; k <= n; k++) s = s (k > 1 ? (area[id] ~ /^(method|lists|headers|safelisting|authorization|cors-check|status|max-age)$/ ? ", " : " + ") : "") "`" short(f[k]) "`"
    if (id in pmethod) return id " (" rmode[id] (pflags[id] != "-" ? ", " pflags[id] : "") ", " pmethod[id] ", " s ": expected " w ", got " g ")"
    return id " (" rmode[id] ", name `" rname[id] "`, ACEH " (n ? s : "absent") ": expected " w ", got " g ")"
}
# The disagreement classes of every KEY with prefix pre ("" or "pf-").
function classes(pre,    k, key, nid, ids, x, id, c, ck, ncls, order, cnt, ex, seen) {
    ncls = 0
    for (k = 1; k <= ni; k++) {
        key = pre im[k]
        if (err[key] != "" || !(key in dis_ids)) continue
        nid = split(dis_ids[key], ids, " ")
        for (x = 1; x <= nid; x++) {
            id = ids[x]
            if (!(id in area)) c = "unknown row"
            else c = pre == "" ? classify(key, id, rwant[id], got[key, id]) : pfclass(key, id, presult[id], got[key, id])
            ck = c SUBSEP k
            if (!(c in seen)) { seen[c] = 1; order[++ncls] = c }
            if (!(ck in cnt)) ex[ck] = example(id, want(key, id), got[key, id])
            cnt[ck]++
        }
    }
    if (!ncls) { print "None."; return }
    print "| class | implementation | rows | example |"
    print "|---|---|---:|---|"
    for (x = 1; x <= ncls; x++)
        for (k = 1; k <= ni; k++)
            if ((order[x] SUBSEP k) in cnt)
                printf "| %s | %s | %d | %s |\n", esc(order[x]), esc(lab[pre im[k]]), cnt[order[x] SUBSEP k], esc(ex[order[x] SUBSEP k])
}
# The probe table: per implementation its answer to each separating row
# (bold where it differs from the table) and the class those answers show.
function probes(pre, ids_s, heads_s,    n, ids, heads, k, x, key, a) {
    n = split(ids_s, ids, " "); split(heads_s, heads, "|")
    printf "| implementation |"
    for (x = 1; x <= n; x++) printf " %s `%s` (%s) |", heads[x], ids[x], want(pre, ids[x])
    print " observed |"
    printf "|---|"
    for (x = 1; x <= n; x++) printf "---|"
    print "---|"
    for (k = 1; k <= ni; k++) {
        key = pre im[k]
        if (!(key in lab)) continue
        printf "| %s |", esc(lab[key])
        for (x = 1; x <= n; x++) {
            a = ans(key, ids[x])
            printf " %s |", (a == want(key, ids[x]) || a == "error") ? a : "**" a "**"
        }
        printf " %s |\n", esc(pre == "" ? observed_aceh(key) : observed_pf(key))
    }
}
function both(key, i1, i2,    a, b) {
    a = ans(key, i1); b = ans(key, i2)
    return (a == 1 && b == 1) ? 2 : (a == 1 || b == 1) ? 1 : 0
}
function observed_aceh(key,    p, names, k, kept, voided, s, voids) {
    if (err[key] != "") return "error (below)"
    if (ans(key, "em-absent-omit") == 1) return "exposes a header no list names (no filtering): these rows show nothing about `*`"
    voids = (ans(key, "sc-first-then-bad-omit") == 0)
    p[1] = both(key, "wc-then-bad-omit", "wc-then-badbyte-omit")
    p[2] = both(key, "wc-line2-bad-omit", "wc-line2-badbyte-omit")
    p[3] = both(key, "wc-after-bad-omit", "wc-after-badbyte-omit")
    p[4] = both(key, "wc-line1-bad-omit", "wc-line1-badbyte-omit")
    if (ans(key, "wc-alone-omit") != 1)
        return "`*` not honoured as a wildcard" (voids ? "; an invalid list is voided" \
            : "; an invalid list is not voided (`X-Custom, @` exposes X-Custom)")
    if (!voids && p[1] + p[2] + p[3] + p[4] == 8)
        return "an invalid list is never voided, with `*` before or after the invalid element or without `*`"
    split("after it on the same line|on a later line|before it on the same line|on an earlier line", names, "|")
    kept = ""; voided = ""
    for (k = 1; k <= 4; k++) {
        s = names[k] (p[k] == 1 ? " (one of its two rows)" : "")
        if (p[k]) kept = kept (kept == "" ? "" : ", ") s
        if (p[k] < 2) voided = voided (voided == "" ? "" : ", ") names[k]
    }
    if (kept == "") return "an invalid element voids the list wherever it stands against `*`" (voids ? " (as Fetch says)" : ", yet `X-Custom, @` exposes X-Custom")
    return "`*` survives an invalid element " kept (voided == "" ? "" : "; an invalid element " voided " voids the list") \
        (voids ? "" : "; `X-Custom, @` exposes X-Custom")
}
function observed_pf(key,    a0, a, e, t64, t60, s, st) {
    if (err[key] != "") return "error (below)"
    a0 = ans(key, "m-absent-so"); a = ans(key, "m-absent-ucp-so"); e = ans(key, "m-empty-value-ucp-so")
    if (a0 == "pass") s = "absent Allow-Methods admits any method, flag or not"
    else if (a == "pass" && e == "fail") s = "under the flag, absent (null) Allow-Methods admits the method and empty does not, as Fetch says"
    else if (a == "fail" && e == "fail") s = "under the flag, neither absent nor empty Allow-Methods admits the method"
    else if (a == "pass" && e == "pass") s = "under the flag, an empty Allow-Methods is taken as absent"
    else s = "Allow-Methods under the flag: absent " a ", empty " e
    t64 = ans(key, "s-two-accept-64-so"); t60 = ans(key, "s-two-accept-60-so")
    if (t64 == "pass" && t60 == "pass") s = s "; repeated Accept judged one by one, as Fetch says"
    else if (t64 == "fail" && t60 == "pass") s = s "; repeated Accept judged by the combined value (2 x 64 bytes over 128, 2 x 60 not)"
    else s = s "; repeated Accept: 2 x 64 bytes " t64 ", 2 x 60 " t60
    st = ans(key, "a-star-so")
    s = s (st == "pass" ? "; `*` covers Authorization" : st == "fail" ? "; `*` does not cover Authorization, as Fetch says" : "; `*` and Authorization: " st)
    return s
}
BEGIN {
    load(here "/cases.tsv", 0); load(here "/preflight.tsv", 1)
    ni = split(impls, im, " ")
    for (k = 1; k <= ni; k++) { read_run(im[k]); read_run("pf-" im[k]) }
    print "# Conformance results"
    print ""
    print "Generated by `make conformance-matrix` (conformance/matrix.sh) " when ":"
    print "the conformance table (`conformance/cases.tsv`, " nrows(here "/cases.tsv") " rows) and the preflight"
    print "table (`conformance/preflight.tsv`, " nrows(here "/preflight.tsv") " rows) run through each"
    print "implementation with `conformance/run-external`. Each cell: agreed / disagreed /"
    print "skipped, then not applicable (rows the implementation declared it cannot"
    print "express: no Authorization opt-in, control bytes or names an HTTP stack"
    print "cannot carry, the use-CORS-preflight flag; conformance/README.md). A skipped"
    print "row was sent but not evaluated (the HTTP layer refused or changed it, or"
    print "the API cannot put it); it never counts as agreement. Run: run-external'"'"'s"
    print "exit status (0 every row agreed, 1 a disagreement, 3 skipped rows only)"
    print "and the time it took on a shared, loaded machine. An adapter that"
    print "crashed, answered nothing or did not install is an **error**, with the"
    print "last lines of its standard error under \"Adapter errors\"."
    print ""
    print "## The ACEH table"
    print ""
    print "| implementation | version | wildcard | empty | credentials | grammar | decision | total | run |"
    print "|---|---|---|---|---|---|---|---|---|"
    for (k = 1; k <= ni; k++) { delete cells; read_cells(im[k]); row(im[k], "wildcard empty credentials grammar decision total") }
    print ""
    print "### Disagreement classes"
    print ""
    print "Each disagreement sorted into one class by what the row holds (a `*`"
    print "element and where it stands against the first invalid element, an"
    print "invalid list, the credentials mode) and the answer; one example row per"
    print "class and implementation."
    print ""
    classes("")
    print ""
    print "### Rows that separate the wildcard classes"
    print ""
    print "Each implementation'"'"'s answer (the table'"'"'s in parentheses, a differing"
    print "answer in bold) to `*` alone, no ACEH at all, a listed name before an"
    print "invalid element, and an invalid element after and before `*`, on the"
    print "same and on separate field lines (a missing comma"
    print "and an invalid byte each; `/` separates field lines). \"observed\" is read"
    print "off these answers."
    print ""
    probes("", "wc-alone-omit em-absent-omit sc-first-then-bad-omit wc-then-bad-omit wc-then-badbyte-omit wc-line2-bad-omit wc-line2-badbyte-omit wc-after-bad-omit wc-after-badbyte-omit wc-line1-bad-omit wc-line1-badbyte-omit",
        "`*`|none|`X-Custom, @`|`*, bad header`|`*, @`|`*` / `no no`|`*` / `@`|`bad header, *`|`@, *`|`no no` / `*`|`@` / `*`")
    print ""
    print "## The preflight table"
    print ""
    print "Through `run-external --preflight` (conformance/README.md, \"The preflight"
    print "protocol\"): `aceh preflight` answers with reasons and cache lifetimes and"
    print "is held to them; the others answer pass (the actual request reached the"
    print "server) or fail only. The browser page and the Node.js adapters send the"
    print "use-CORS-preflight flag through XMLHttpRequest with an upload listener and"
    print "a body, so its rows with GET, HEAD or omit are skipped there; fetch()"
    print "rows with a safelisted method and no request header get no preflight and"
    print "are skipped too. The browsers'"'"' disagreements are listed with their evidence"
    print "in `conformance/browser/preflight-deviations.txt`; the library follows Fetch."
    print ""
    print "| implementation | version | method | lists | headers | safelisting | authorization | cors-check | status | max-age | total | run |"
    print "|---|---|---|---|---|---|---|---|---|---|---|---|"
    for (k = 1; k <= ni; k++) { delete cells; read_cells("pf-" im[k]); row("pf-" im[k], "method lists headers safelisting authorization cors-check status max-age total") }
    print ""
    print "### Disagreement classes"
    print ""
    print "Sorted by what the row holds (request headers, the use-CORS-preflight"
    print "flag, Access-Control-Allow-Methods absent or empty, `*`) and the answer."
    print ""
    classes("pf-")
    print ""
    print "### Rows that separate the preflight classes"
    print ""
    print "Same-origin rows (the flag cannot be put with omit): DELETE with"
    print "Access-Control-Allow-Methods absent or empty, without and with the flag;"
    print "two `Accept` of 60 and of 64 bytes (combined 122 and 130, the limit is"
    print "128) and eight of 128; Authorization against `*` in Allow-Headers."
    print ""
    probes("pf-", "m-absent-so m-absent-ucp-so m-empty-value-so m-empty-value-ucp-so s-two-accept-60-so s-two-accept-64-so s-total-1024-so a-star-so",
        "absent|absent + flag|empty|empty + flag|2 x 60|2 x 64|8 x 128|`*` + Authorization")
    print ""
    print "## Skipped rows"
    print ""
    if (!nsk) print "None."
    else {
        print "| implementation (table): reason | rows |"
        print "|---|---:|"
        for (x = 1; x <= nsk; x++) printf "| %s | %d |\n", esc(skorder[x]), nskip[skorder[x]]
    }
    print ""
    print "## Adapter errors"
    print ""
    nerr = 0
    for (k = 1; k <= ni; k++)
        for (t = 0; t < 2; t++) {
            key = (t ? "pf-" : "") im[k]
            if (err[key] == "") continue
            nerr++
            print "- " lab[key] " (" ver[key] "), " (t ? "preflight" : "ACEH") " table:"
            print ""
            print "  ```"
            n = split(err[key], el, "\n")
            for (x = 1; x < n; x++) print "  " el[x]
            print "  ```"
        }
    if (!nerr) print "None."
}
function read_cells(key,    l, w) {
    while ((getline l < (out "/" key ".out")) > 0)
        if (l ~ /^run-external: [a-z-]+ [0-9]+ agreed/) {
            split(l, w, " ")
            cells[w[2]] = w[3] " / " w[5] " / " w[7] (l ~ /not applicable/ ? " (" w[9] " n/a)" : "")
        }
    close(out "/" key ".out")
}' /dev/null
