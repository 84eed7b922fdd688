# SPDX-License-Identifier: MIT
# An ACEH exposure decision in awk, speaking the conformance line protocol,
# with one deliberate shortcut switched on by -v shortcut=NAME (list in
# conformance/README.md, "Shortcut implementations"; shortcut=none is the
# correct decision). Run through shortcut.sh, which sets LC_ALL=C so that
# tolower() and the bracket expressions work on ASCII bytes only.
BEGIN {
    FS = "\t"
    for (i = 1; i < 256; i++) chr[i] = sprintf("%c", i)
    # NUL cannot live in an awk string; \x01 behaves the same everywhere
    # below (never tchar, never whitespace).
    chr[0] = chr[1]
    hex = "0123456789abcdef"
    split("cache-control content-language content-length content-type " \
          "expires last-modified pragma", s, " ")
    for (i in s) safe[s[i]] = 1
    known = " none no-validate trim-leading-only case-sensitive " \
            "star-prefix first-match wildcard-with-credentials no-safelist " \
            "forbidden-exposed trim-query first-line-only isspace-ows no-wildcard "
    if (index(known, " " shortcut " ") == 0) {
        print "impl.awk: unknown shortcut " shortcut > "/dev/stderr"
        exit 2
    }
    OWS = (shortcut == "isspace-ows") ? "[ \t\v\f\r\n]" : "[ \t]"
}
function dec(s,    out, i, c, h) {
    out = ""
    while ((i = index(s, "\\")) > 0) {
        out = out substr(s, 1, i - 1)
        c = substr(s, i + 1, 1)
        if (c == "\\") { out = out "\\"; s = substr(s, i + 2); continue }
        h = tolower(substr(s, i + 2, 2))
        if (c != "x" || h !~ /^[0-9a-f][0-9a-f]$/) { bad = 1; return "" }
        out = out chr[(index(hex, substr(h, 1, 1)) - 1) * 16 + index(hex, substr(h, 2, 1)) - 1]
        s = substr(s, i + 4)
    }
    return out s
}
function token(s) { return s ~ /^[-!#$%&'*+.^_`|~0-9A-Za-z]+$/ }
function ltrim(s) { sub("^" OWS "+", "", s); return s }
function trim(s) { sub("^" OWS "+", "", s); sub(OWS "+$", "", s); return s }
function same(a, b) {
    return shortcut == "case-sensitive" ? a == b : tolower(a) == tolower(b)
}
function decide(mode, name, nl, L,    ln, k, n, el, j, e, m, star, found, wild) {
    if (shortcut == "trim-query") name = trim(name)
    if (!token(name)) return 0
    ln = tolower(name)
    if (shortcut != "no-safelist" && (ln in safe)) return 1
    if (shortcut != "forbidden-exposed" && (ln == "set-cookie" || ln == "set-cookie2"))
        return 0
    if (shortcut == "first-line-only" && nl > 1) nl = 1
    wild = (mode != "include" || shortcut == "wildcard-with-credentials") &&
           shortcut != "no-wildcard" &&
           !(optin && ln == "authorization")
    star = found = 0
    for (k = 1; k <= nl; k++) {
        n = split(L[k], el, ",")
        for (j = 1; j <= n; j++) {
            e = trim(el[j])
            if (e != "" && !token(e) && shortcut != "no-validate") return 0
            m = (shortcut == "trim-leading-only") ? ltrim(el[j]) : e
            if (e == "*") {
                star = 1
                if (wild && shortcut == "first-match") return 1
            }
            # Under include "*" is also the literal name "*".
            if (same(m, name) || (shortcut == "star-prefix" &&
                       m ~ /.\*$/ && same(substr(m, 1, length(m) - 1),
                                          substr(name, 1, length(m) - 1)))) {
                found = 1
                if (shortcut == "first-match") return 1
            }
        }
    }
    return found || (star && wild)
}
{
    bad = 0
    if ($1 != "omit" && $1 != "same-origin" && $1 != "include" || NF < 2) {
        print "error: cannot read the request"; fflush(); next
    }
    name = dec($2)
    nl = 0
    for (i = 3; i <= NF; i++) L[++nl] = dec($i)
    if (bad) { print "error: bad escape"; fflush(); next }
    print decide($1, name, nl, L) ? 1 : 0
    fflush()
}
