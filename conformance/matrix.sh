#!/bin/sh
# SPDX-License-Identifier: MIT
# The results matrix (`make conformance-matrix`): run the conformance table
# through each implementation with run-external and write RESULTS.md with
# agreed / disagreed / skipped / not applicable per area, the version of
# each implementation, and every disagreement class with one example row.
#
#   conformance/matrix.sh BUILD_DIR IMPL...
#
# IMPL: aceh (this library's `aceh batch`), jsdom, chromium, firefox,
# webkit (the adapters in conformance/adapters/). An implementation whose
# run cannot start (not installed) is listed as not measured. Output in
# BUILD_DIR/conformance/matrix/ (each run's full output) and
# BUILD_DIR/conformance/RESULTS.md. The preflight table
# (conformance/preflight.tsv) goes the same way through run-external
# --preflight for aceh (`aceh preflight`) and the three browsers; jsdom has
# no preflight adapter. Exit status 0 when RESULTS.md was
# written (disagreements are results, not failures), 2 on a usage error.
set -u
[ $# -ge 2 ] || { echo "usage: conformance/matrix.sh BUILD_DIR IMPL..." >&2; exit 2; }
build=$1
shift
here=$(dirname "$0")
table=$here/cases.tsv
out=$build/conformance/matrix
[ "${MATRIX_REPORT_ONLY:-0}" = 1 ] || rm -rf "$out"
mkdir -p "$out" || exit 2
timeout_s=${MATRIX_TIMEOUT:-600}
impls=$*

for impl in $impls; do
    # MATRIX_REPORT_ONLY=1: rewrite RESULTS.md from the last runs' files.
    [ "${MATRIX_REPORT_ONLY:-0}" = 1 ] && continue
    case $impl in
    aceh) set -- "$build/aceh" batch; label="aceh batch (this library)"; caps="" ;;
    jsdom) set -- "$here/adapters/jsdom/run"; label="jsdom XMLHttpRequest"; caps=--query-capabilities ;;
    chromium|firefox|webkit)
        set -- sh "$here/adapters/browser/adapter.sh" "$impl"
        label="$impl fetch()"; caps=--query-capabilities ;;
    *) echo "conformance/matrix.sh: unknown implementation $impl" >&2; exit 2 ;;
    esac
    if [ "$impl" = aceh ]; then v=$("$1" --version 2>/dev/null | head -n 1)
    else v=$("$@" --version 2>/dev/null | head -n 1); fi
    printf '%s\t%s\n' "$label" "${v:-unknown}" > "$out/$impl.label"
    start=$(date +%s)
    rc=0
    # shellcheck disable=SC2086 # $caps is one option or none
    "$here/run-external" --timeout "$timeout_s" $caps "$@" \
        > "$out/$impl.out" 2> "$out/$impl.err" || rc=$?
    echo "$rc $(($(date +%s) - start))" > "$out/$impl.status"
    echo "conformance-matrix: $impl: exit $rc in $(($(date +%s) - start)) s; $(grep '^run-external: total' "$out/$impl.out")"
    # The preflight table, for the implementations with a preflight adapter.
    case $impl in
    aceh) set -- "$here/adapters/aceh/preflight" "$build/aceh" ;;
    chromium|firefox|webkit) set -- sh "$here/adapters/browser/preflight.sh" "$impl" ;;
    *) continue ;;
    esac
    start=$(date +%s)
    rc=0
    "$here/run-external" --preflight --timeout "$timeout_s" \
        --query-capabilities "$@" > "$out/pf-$impl.out" 2> "$out/pf-$impl.err" || rc=$?
    echo "$rc $(($(date +%s) - start))" > "$out/pf-$impl.status"
    echo "conformance-matrix: $impl preflight: exit $rc in $(($(date +%s) - start)) s; $(grep '^run-external: total' "$out/pf-$impl.out")"
done

# ---- RESULTS.md ---------------------------------------------------------
{
    echo "# Conformance results"
    echo
    echo "The conformance table (\`conformance/cases.tsv\`, $(grep -vc '^#\|^$' "$table") rows) run through"
    echo "each implementation with \`conformance/run-external\` by \`make conformance-matrix\`"
    echo "on $(date -u +%Y-%m-%d), $(uname -m), $(nproc) cores, Debian $(cat /etc/debian_version 2>/dev/null || echo '?')."
    echo "Each cell: agreed / disagreed / skipped, then not applicable (rows the"
    echo "implementation declared it cannot express: no Authorization opt-in,"
    echo "control bytes or names an HTTP stack cannot carry; conformance/README.md)."
    echo "A skipped row was sent but not evaluated (the HTTP layer refused or"
    echo "changed it); it never counts as agreement. Run: run-external's exit"
    echo "status (0 every row agreed, 1 a disagreement, 3 skipped rows only) and"
    echo "the time it took on a shared, loaded machine."
    echo
    printf '| implementation | version | wildcard | empty | credentials | grammar | decision | total | run |\n'
    printf '|---|---|---|---|---|---|---|---|---|\n'
} > "$build/conformance/RESULTS.md"

awk -F '\t' -v out="$out" -v impls="$impls" -v table="$table" '
function cell(line,    m) {
    # "run-external: AREA A agreed, D disagreed, S skipped[, N not applicable]"
    split(line, w, " ")
    m = w[3] " / " w[5] " / " w[7]
    m = m (line ~ /not applicable/ ? " (" w[9] " n/a)" : "")
    return m
}
function has_star(lines,    s) {
    s = lines
    gsub(/\\x09/, " ", s)
    return s ~ /(^|[,\t])[ ]*\*[ ]*(,|\t|$)/
}
function classify(id, want, got,    mode, bad, star, ws) {
    if (!(id in rmode)) return "unknown row"
    mode = rmode[id]; bad = (rparse[id] ~ /@/); star = has_star(rlines[id])
    if (got !~ /^[01]$/) return "no usable answer (error, malformed, none)"
    if (want == 1 && star && !bad && mode != "include") return "`*` not honoured as a wildcard"
    if (want == 0 && bad && star && mode != "include") return "`*` wins over an invalid element (stops at the first `*`)"
    if (want == 0 && bad) return "invalid list not voided (names taken from an invalid header)"
    if (want == 0 && star && mode == "include") return "`*` honoured with credentials"
    if (want == 1 && rparse[id] == "absent") return "safelisted name hidden"
    ws = rlines[id]; gsub(/\\x09/, " ", ws)
    if (want == 1 && ws ~ /[^ ,] +,/) return "name followed by whitespace before its comma not matched (only leading whitespace trimmed)"
    if (want == 1) return "listed name not exposed"
    return "name exposed that the list does not cover"
}
BEGIN {
    while ((getline l < table) > 0) {
        if (l ~ /^#/ || l == "") continue
        n = split(l, f, "\t")
        id = f[1]; rmode[id] = f[3]; rname[id] = f[5]; rparse[id] = f[7]
        s = ""
        for (i = 9; i <= n; i++) s = s (i > 9 ? "\t" : "") f[i]
        rlines[id] = s; rn[id] = n - 8
    }
    ni = split(impls, im, " ")
    split("wildcard empty credentials grammar decision total", areas, " ")
    for (k = 1; k <= ni; k++) {
        impl = im[k]
        getline lab < (out "/" impl ".label"); split(lab, lv, "\t")
        getline st < (out "/" impl ".status"); split(st, sv, " ")
        delete c
        got_any = 0
        while ((getline l < (out "/" impl ".out")) > 0) {
            if (l ~ /^run-external: [a-z]+ [0-9]+ agreed/) {
                split(l, w, " "); c[w[2]] = cell(l); got_any = 1
            } else if (l ~ /^disagreement: /) {
                # disagreement: ID (area, file:line): expected W, got G
                split(l, w, " "); id = w[2]
                want = ""; gotv = "none"
                if (match(l, /expected [01]/)) want = substr(l, RSTART + 9, 1)
                if (match(l, /, got [01]$/)) gotv = substr(l, RSTART + 6, 1)
                cls = classify(id, want, gotv)
                key = cls SUBSEP lv[1]
                if (!(cls in seen_cls)) { seen_cls[cls] = 1; order[++ncls] = cls }
                count[key]++
                if (!(key in example)) example[key] = id " (" rmode[id] ", name `" rname[id] "`, ACEH `" rlines[id] "`: expected " want ", got " gotv ")"
            } else if (l ~ /^skipped: /) {
                r = l; sub(/^skipped: [^ ]+ \([^)]*\): /, "", r)
                sub(/:.*/, "", r)
                skey = lv[1] " | " r
                if (!(skey in sk)) sko[++nsk] = skey
                sk[skey]++
            }
        }
        printf "| %s | %s |", lv[1], lv[2]
        for (a = 1; a <= 6; a++) printf " %s |", (areas[a] in c) ? c[areas[a]] : "-"
        printf " %s |\n", got_any ? "exit " sv[1] ", " sv[2] " s" : "not measured (exit " sv[1] ")"
        labels[k] = lv[1]
    }
    print ""
    print "## Disagreement classes"
    print ""
    if (!ncls) print "None."
    else {
        print "Each disagreement sorted into one class by what the row holds (a `*`"
        print "element, an invalid list, the credentials mode) and the answer; one"
        print "example row per class and implementation."
        print ""
        print "| class | implementation | rows | example |"
        print "|---|---|---:|---|"
        for (x = 1; x <= ncls; x++)
            for (k = 1; k <= ni; k++) {
                key = order[x] SUBSEP labels[k]
                if (key in count) {
                    ex = example[key]; gsub(/\|/, "\\|", ex)
                    printf "| %s | %s | %d | %s |\n", order[x], labels[k], count[key], ex
                }
            }
    }
    print ""
    print "## Skipped rows"
    print ""
    if (!nsk) print "None."
    else {
        print "| implementation and reason | rows |"
        print "|---|---:|"
        for (x = 1; x <= nsk; x++) { r = sko[x]; gsub(/\|/, "\\|", r); sub(/ \\\| /, " | ", r)
            split(sko[x], pr, " \\| ")
            printf "| %s: %s | %d |\n", pr[1], pr[2], sk[sko[x]] }
    }
}' /dev/null >> "$build/conformance/RESULTS.md"
# ---- the preflight table --------------------------------------------------
pftable=$here/preflight.tsv
{
    echo
    echo "## The preflight table"
    echo
    echo "\`conformance/preflight.tsv\` ($(grep -vc '^#\|^$' "$pftable") rows) through \`run-external --preflight\`"
    echo "(conformance/README.md, \"The preflight protocol\"): \`aceh preflight\` answers with"
    echo "reasons and cache lifetimes and is held to them; a browser answers pass"
    echo "(the actual request reached the server) or fail only. Skipped: rows a"
    echo "page cannot put to the browser (a safelisted method without request"
    echo "headers gets no preflight; the use-CORS-preflight flag, set through"
    echo "XMLHttpRequest upload listeners, has no omit mode). The browsers'"
    echo "disagreements are listed with their evidence in"
    echo "\`conformance/browser/preflight-deviations.txt\`; the library follows Fetch."
    echo
    printf '| implementation | method | lists | headers | safelisting | authorization | cors-check | status | max-age | total | run |\n'
    printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
} >> "$build/conformance/RESULTS.md"
awk -v out="$out" -v impls="$impls" '
function cell(line,    w, m) {
    split(line, w, " ")
    m = w[3] " / " w[5] " / " w[7]
    return m (line ~ /not applicable/ ? " (" w[9] " n/a)" : "")
}
BEGIN {
    ni = split(impls, im, " ")
    na = split("method lists headers safelisting authorization cors-check status max-age total", areas, " ")
    for (k = 1; k <= ni; k++) {
        impl = im[k]
        if ((getline st < (out "/pf-" impl ".status")) <= 0) continue
        split(st, sv, " ")
        lab = ""
        getline lab < (out "/" impl ".label"); split(lab, lv, "\t")
        if (impl == "aceh") lv[1] = "aceh preflight (this library)"
        delete c
        any = 0; ids = ""; nd = 0
        while ((getline l < (out "/pf-" impl ".out")) > 0) {
            if (l ~ /^run-external: [a-z-]+ [0-9]+ agreed/) {
                split(l, w, " "); c[w[2]] = cell(l); any = 1
            } else if (l ~ /^disagreement: /) {
                split(l, w, " "); nd++
                ids = ids (ids == "" ? "" : ", ") "`" w[2] "`"
            }
        }
        printf "| %s |", lv[1]
        for (a = 1; a <= na; a++) printf " %s |", (areas[a] in c) ? c[areas[a]] : "-"
        printf " %s |\n", any ? "exit " sv[1] ", " sv[2] " s" : "not measured (exit " sv[1] ")"
        if (nd) dis[++ndis] = "| " lv[1] " | " nd " | " ids " |"
    }
    print ""
    if (!ndis) { print "Preflight disagreements: none."; exit }
    print "| implementation | disagreeing rows | ids |"
    print "|---|---:|---|"
    for (x = 1; x <= ndis; x++) print dis[x]
}' /dev/null >> "$build/conformance/RESULTS.md"
echo "conformance-matrix: wrote $build/conformance/RESULTS.md"
