#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Extract the web-platform-tests cases for the headers this library decides.

usage: conformance/wpt/extract.py WPT_DIR [--commits FILE] > conformance/wpt/cases.tsv

WPT_DIR is a web-platform-tests checkout (or a copy of the files listed in
FILES, at their paths). The commit of each file is `git -C WPT_DIR
rev-parse HEAD` for a checkout, or read from FILE (lines `path<TAB>commit`)
for a partial copy. Run by hand when the pin moves; `make conformance-wpt`
then checks that every case written here is mapped (conformance/wpt/map.tsv).

Each case is written as facts only: the WPT file, the subtest name, the
request (credentials mode, method as the script writes it, `> Name: value`
headers), the response (`< Name: value` field lines, in order), the
expected outcome and the server script. Strings are unescaped from the JS
source; every field uses the escapes of cases.tsv (\\xHH, \\\\).
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse

ACAO, ACAC = "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials"
ACAM, ACAH = "Access-Control-Allow-Methods", "Access-Control-Allow-Headers"
ACMA, ACEH = "Access-Control-Max-Age", "Access-Control-Expose-Headers"


class Opaque:
    """A JS expression this script does not evaluate (kept as source)."""

    def __init__(self, src):
        self.src = src.strip()

    def __repr__(self):
        return "Opaque(%r)" % self.src


# ---------------------------------------------------------------- JS values
class JS:
    """Just enough of JavaScript literals: strings (', ", ` with
    ${'c'.repeat(n)}), numbers, true/false/null, arrays, objects, names
    looked up in `env`; anything else up to the next top-level comma is
    Opaque."""

    def __init__(self, src, env=None):
        self.s, self.i, self.env = src, 0, env or {}

    def ws(self):
        while True:
            while self.i < len(self.s) and self.s[self.i] in " \t\r\n":
                self.i += 1
            if self.s.startswith("//", self.i):
                self.i = self.s.index("\n", self.i)
            elif self.s.startswith("/*", self.i):
                self.i = self.s.index("*/", self.i) + 2
            else:
                return

    def string(self):
        q = self.s[self.i]
        self.i += 1
        out = []
        while self.s[self.i] != q:
            c = self.s[self.i]
            if c == "\\":
                n = self.s[self.i + 1]
                if n == "u":
                    out.append(chr(int(self.s[self.i + 2:self.i + 6], 16)))
                    self.i += 6
                    continue
                if n == "x":
                    out.append(chr(int(self.s[self.i + 2:self.i + 4], 16)))
                    self.i += 4
                    continue
                out.append({"t": "\t", "n": "\n", "r": "\r", "0": "\0"}.get(n, n))
                self.i += 2
                continue
            if q == "`" and self.s.startswith("${", self.i):
                end = self.s.index("}", self.i)
                m = re.fullmatch(r"'(.)'\.repeat\((\d+)\)", self.s[self.i + 2:end])
                if not m:
                    raise ValueError("template expression " + self.s[self.i:end])
                out.append(m.group(1) * int(m.group(2)))
                self.i = end + 1
                continue
            out.append(c)
            self.i += 1
        self.i += 1
        return "".join(out)

    def value(self):
        self.ws()
        start = self.i
        c = self.s[self.i]
        if c in "'\"`":
            v = self.string()
        elif c == "[":
            self.i += 1
            v = []
            while True:
                self.ws()
                if self.s[self.i] == "]":
                    self.i += 1
                    break
                v.append(self.value())
                self.ws()
                if self.s[self.i] == ",":
                    self.i += 1
        elif c == "{":
            self.i += 1
            v = {}
            while True:
                self.ws()
                if self.s[self.i] == "}":
                    self.i += 1
                    break
                k = self.value()
                self.ws()
                assert self.s[self.i] == ":", self.s[self.i:self.i + 20]
                self.i += 1
                v[k if isinstance(k, str) else k.src] = self.value()
                self.ws()
                if self.s[self.i] == ",":
                    self.i += 1
        else:
            m = re.compile(r"[A-Za-z_$][\w$.]*|-?\d+").match(self.s, self.i)
            word = m.group(0) if m else ""
            self.i += len(word)
            self.ws()
            if word and (self.i >= len(self.s) or self.s[self.i] in ",)]};"):
                if word in ("true", "false"):
                    return word == "true"
                if word == "null":
                    return None
                if word.lstrip("-").isdigit():
                    return int(word)
                if word in self.env:
                    return self.env[word]
            return self.opaque(start)
        self.ws()
        if self.i < len(self.s) and self.s[self.i] not in ",)]};:":
            return self.opaque(start)
        return v

    def opaque(self, start):
        depth, self.i = 0, start
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in "'\"`":
                self.string()
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif c == "," and depth == 0:
                break
            self.i += 1
        return Opaque(self.s[start:self.i])

    def args(self):
        """Arguments of a call whose "(" is at self.i."""
        assert self.s[self.i] == "("
        self.i += 1
        out = []
        while True:
            self.ws()
            if self.s[self.i] == ")":
                self.i += 1
                return out
            out.append(self.value())
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1


def calls(src, name, env=None):
    """Every top-level call `name(...)` at a line start, with its arguments."""
    out = []
    for m in re.finditer(r"(?m)^[ \t]*" + re.escape(name) + r"(?=\()", src):
        p = JS(src, env)
        p.i = m.end()
        out.append(p.args())
    return out


def js_var(src, name):
    m = re.search(r"(?m)^(?:var|const|let) " + re.escape(name) + r"\s*=", src)
    p = JS(src)
    p.i = m.end()
    return p.value()


def strings_of(expr):
    """The string literals of an Opaque concatenation, decoded and joined."""
    out, p = [], JS(expr)
    while p.i < len(p.s):
        if p.s[p.i] in "'\"":
            out.append(p.string())
        else:
            p.i += 1
    return "".join(out)


def pipe_headers(text):
    """header(Name,Value) items of a wptserve pipe, in order."""
    return [(m.group(1), urllib.parse.unquote(m.group(2)))
            for m in re.finditer(r"header\(([^,()]+),([^()]*)\)", text)]


# ---------------------------------------------------------------- output
def esc(s):
    out = []
    for ch in s:
        b = ch.encode("utf-8")
        for byte in b:
            if byte == 0x5C:
                out.append("\\\\")
            elif 0x20 <= byte <= 0x7E:
                out.append(chr(byte))
            else:
                out.append("\\x%02X" % byte)
    return "".join(out)


class Case:
    def __init__(self, subtest, kind, expect, method="GET", mode="same-origin",
                 req=(), res=(), server="-"):
        self.subtest, self.kind, self.expect = subtest, kind, expect
        self.method, self.mode, self.server = method, mode, server
        self.req, self.res = list(req), list(res)

    def row(self, cid, path):
        f = ["> %s: %s" % (n, v) for n, v in self.req]
        f += ["< %s: %s" % (n, v) for n, v in self.res]
        cols = [cid, path, self.subtest, self.kind, self.mode, self.method,
                self.expect, self.server] + f
        return "\t".join(esc(c) for c in cols)


# ---------------------------------------------------------------- the files
def cors_preflight(desc, method, allowed, headers, safe, query=""):
    """fetch/api/cors/resources/corspreflight.js corsPreflight() against
    fetch/api/resources/preflight.py: Max-Age 0, and when allowed the
    method and the header names (lower-cased, joined by " ,") listed."""
    req = list(headers or []) + list(safe or [])
    res = [(ACAO, "*"), (ACMA, "0")]
    if allowed:
        res.append((ACAM, method))
        if headers:
            res.append((ACAH, " ,".join(h[0].lower() for h in headers)))
    return Case(desc, "preflight", "pass" if allowed else "fail", method,
                req=[tuple(h) for h in req], res=res,
                server="fetch/api/resources/preflight.py" + query)


def f_cors_preflight(src, read):
    env = {"headers": js_var(src, "headers"), "safeHeaders": js_var(src, "safeHeaders")}
    out = []
    for a in calls(src, "corsPreflight", env):
        a += [None] * (6 - len(a))
        q = strings_of(a[1].src) if isinstance(a[1], Opaque) else ""
        out.append(cors_preflight(a[0], a[2], a[3], a[4], a[5], q))
    return out


def f_star(src, read):
    out = []
    for ok, cred, am, ah, um, uh in calls(src, "preflightTest"):
        name = "CORS that %s with credentials: %s; method: %s (allowed: %s); header: %s (allowed: %s)" % (
            "succeeds" if ok else "fails", "true" if cred else "false", um, am,
            ",".join(uh), ah)
        res = [(ACAO, "{origin}"), (ACAC, "true")] if cred else [(ACAO, "*")]
        res += [(ACAM, am), (ACAH, ah)]
        out.append(Case(name, "preflight", "pass" if ok else "fail", um,
                        "include" if cred else "same-origin",
                        req=[tuple(uh)] if uh else [], res=res,
                        server="fetch/api/resources/preflight.py"))
    return out


def f_validation(src, read):
    out = []
    for desc, _, ah, am in calls(src, "corsPreflightResponseValidation"):
        res = [(ACAO, "*"), (ACMA, "0"),
               (ACAH, "x-force-preflight" + ("," + ah if ah else ""))]
        if am:
            res.append((ACAM, am))
        out.append(Case(desc, "preflight", "fail", "GET",
                        req=[("x-force-preflight", "")], res=res,
                        server="fetch/api/resources/preflight.py"))
    return out


def f_not_safelisted(src, read):
    data = json.loads(read("fetch/api/cors/resources/not-cors-safelisted.json"))
    out = []
    for name, value in data:
        c = cors_preflight("Need CORS-preflight for %s/%s header" % (name, value),
                           "GET", True, [[name, value]], None)
        c.kind, c.expect = "preflight-made", "pass"
        out.append(c)
    return out


def f_cache(src, read):
    m = re.search(r'max_age=(\d+)&allow_methods=(\w+)" \+\s*"&allow_headers=([\w-]+)', src)
    first = re.search(r'headers: \[\["([\w-]+)", "(\w+)"\]\]', src)
    return [Case("(unnamed: a preflight, then the cached result)", "preflight",
                 "pass", m.group(2), req=[first.groups()],
                 res=[(ACAO, "*"), (ACMA, m.group(1)), (ACAM, m.group(2)),
                      (ACAH, m.group(3))],
                 server="fetch/api/resources/preflight.py")]


def f_no_preflight(src, read):
    out = []
    for a in calls(src, "corsNoPreflight"):
        a += [None] * (5 - len(a))
        out.append(Case(a[0], "no-preflight", "no-preflight", a[2],
                        req=[(a[3], a[4])] if a[3] else [],
                        res=[(ACAO, "*")],
                        server=a[1].src + " fetch/api/resources/preflight.py"))
    return out


def f_expose_star(src, read):
    shared = js_var(src, "url")  # forces the declaration to parse
    del shared
    sm = re.search(r'sharedHeaders = "([^"]*)"', src).group(1)
    out = []
    for block in re.split(r"(?m)^promise_test\(", src)[1:]:
        name = re.search(r'(?m)^}, "([^"]*)"\)', block).group(1)
        text = ""
        if "sharedHeaders" in block:
            text += sm
        for h in re.findall(r'headers = ("(?:[^"\\]|\\.)*"(?: \+ [^\n]*)?)', block):
            text += h.replace('" + origin + "', "{origin}")
        res = pipe_headers(text)
        inc = 'credentials:"include"' in block
        for name_q, val in re.findall(r'resp\.headers\.get\("([^"]*)"\), (null|"[^"]*")', block):
            exp = "hidden" if val == "null" else "exposed"
            out.append(Case("%s: %s" % (name, name_q), "expose", exp,
                            mode="include" if inc else "same-origin", res=res,
                            server="fetch/api/resources/top.txt"))
    return out


def f_filtering(src, read):
    out = []
    for fn, exposed_list in (("corsFilter", False), ("corsExposeFilter", True)):
        for _, name, value, hidden in calls(src, fn):
            res = [(name, value), (ACAO, "*")]
            if exposed_list:
                res.append((ACEH, name))
            out.append(Case("CORS filter on %s header%s" % (name, ", header is exposed" if exposed_list else ""),
                            "expose", "hidden" if hidden else "exposed", res=res,
                            server="fetch/api/resources/top.txt"))
    return out


def f_safelisted_request(src, read):
    """cors/resources/preflight.py answers a preflight with the requested
    method, Allow-Headers x-print and Allow-Origin *."""
    out = []
    for m in re.finditer(r"(?ms)^\[\n(.*?)^\]\.forEach\(.*?\n\s*safelist\(\{\"([\w-]+)\":", src):
        arr = JS("[" + m.group(1) + "]").value()
        for item in arr:
            value, pre = item[0], (item[1] if len(item) > 1 else False)
            name = ("Preflight" if pre else "No preflight") + " for " + json.dumps({m.group(2): value}, separators=(",", ":"), ensure_ascii=False)
            out.append(Case(name, "preflight" if pre else "no-preflight",
                            "fail" if pre else "no-preflight", "POST",
                            req=[(m.group(2), value)],
                            res=[(ACAM, "POST"), (ACAO, "*"), (ACAH, "x-print")],
                            server="cors/resources/preflight.py"))
    return out


def cors_headers_response(read):
    src = read("cors/resources/cors-headers.py")
    return [(n, v) for n, v in re.findall(r'response\.headers\.(?:set|append)\("([^"]+)", "([^"]*)"\)', src)]


def f_response_headers(src, read):
    res = cors_headers_response(read)
    out = []
    srv = "cors/resources/cors-headers.py"

    def one(name, value, desc):
        if isinstance(value, Opaque):
            exp = "exposed"
        else:
            exp = "hidden" if value is None else "exposed"
        out.append(Case(desc + " [" + name + "]", "expose", exp, res=res, server=srv))

    for a in calls(src, "check_response_header"):
        if isinstance(a[0], str):
            one(a[0], a[1], a[2])
    for name, value in calls(src, "default_readable"):
        one(name, value, "getResponseHeader: " + name + ": readable by default")
    for (name,) in calls(src, "default_unreadable"):
        one(name, None, "getResponseHeader: " + name + ": unreadable by default")
    for block in re.split(r"(?m)^(?=test\(|async_test\()", src)[1:]:
        nm = re.match(r'async_test\("([^"]*)"\)', block) or re.search(r'(?m)^}, "([^"]*)"\)', block)
        if not nm:
            continue
        early = re.search(r'readyState == 1\)\s*\{\s*assert_equals\(client\.getResponseHeader\("([^"]+)"\)', block)
        if early:
            out.append(Case(nm.group(1) + " [readyState 1: " + early.group(1) + "]",
                            "other", "hidden", res=res, server=srv))
            block = block[early.end():]
        for name, val in re.findall(r'getResponseHeader\("([^"]+)"\), (null|"[^"]*")', block):
            out.append(Case(nm.group(1) + " [" + name + "]", "expose",
                            "hidden" if val == "null" else "exposed", res=res, server=srv))
        for name, cmp in re.findall(r"indexOf\('([^']+)'\) (>= 0|=== -1)", block):
            out.append(Case(nm.group(1) + " [getAllResponseHeaders: " + name + "]", "expose",
                            "exposed" if cmp == ">= 0" else "hidden", res=res, server=srv))
    return out


def f_request_headers(src, read):
    out = []
    for block in re.split(r"(?m)^(?=test\()", src)[1:]:
        name = re.search(r"(?m)^(?:\}, |)'([^']*)'\)", block).group(1)
        if "INVALID_STATE_ERR" in block:
            out.append(Case(name, "other", "n/a", server="-"))
            continue
        ah = urllib.parse.unquote(re.search(r"cors-makeheader\.py\?headers=([^']*)'", block).group(1))
        req = re.findall(r"setRequestHeader\('([^']*)', '([^']*)'\)", block)
        out.append(Case(name, "preflight", "fail" if "NetworkError" in block else "pass", "GET",
                        req=req, res=[(ACAO, "{origin}"), (ACAH, ah)],
                        server="cors/resources/cors-makeheader.py"))
    return out


def f_simple(src, read):
    out = []
    srv = "cors/resources/preflight.php"

    def simple(method, headers):
        name = "No preflight " + method + " and " + json.dumps(headers, separators=(",", ":"), ensure_ascii=False)
        out.append(Case(name, "no-preflight", "no-preflight", method,
                        req=list(headers.items()), res=[(ACAO, "*")], server=srv))

    for m in re.finditer(r"(?m)^check_simple(_headers)?(?=\()", src):
        p = JS(src)
        p.i = m.end()
        a = p.args()
        if m.group(1):
            for meth in ("GET", "HEAD", "POST"):
                simple(meth, a[0])
        else:
            simple(a[0], a[1])
    m = re.search(r'async_test\("([^"]*)"\)(.*?)client\.send\(\)', src, re.S)
    meth = re.search(r"client\.open\('(\w+)'", m.group(2)).group(1)
    req = re.findall(r"setRequestHeader\('([^']*)', '([^']*)'\)", m.group(2))
    out.append(Case(m.group(1), "no-preflight", "no-preflight", meth, req=req,
                    res=[(ACAO, "*")], server=srv))
    return out


def f_allow_lists(src, read):
    """The server script (xhr/resources/access-control-allow-lists.py) is
    taken to send `headers` as Access-Control-Allow-Headers and `methods`
    as Access-Control-Allow-Methods, with the page's origin allowed."""
    name = re.search(r'\}, "([^"]*)"\);', src).group(1)
    out = []
    parts = re.split(r"(?=access-control-allow-lists\.py\?)", src)[1:]
    for part in parts:
        kind, val = re.match(r"access-control-allow-lists\.py\?(headers|methods)=([^&]*)&", part).groups()
        meth = re.search(r'client\.open\("(\w+)"', part).group(1)
        req = re.findall(r"setRequestHeader\('([^']*)', '([^']*)'\)", part)
        res = [(ACAO, "{origin}"), (ACAH if kind == "headers" else ACAM, urllib.parse.unquote(val))]
        out.append(Case(name + " [" + kind + "]", "preflight", "pass", meth, req=req, res=res,
                        server="xhr/resources/access-control-allow-lists.py"))
    return out


def f_exposed_headers(src, read):
    p = JS(src)
    p.i = src.index("xhr.open(") + len("xhr.open")
    url = p.args()[1]
    res = pipe_headers(strings_of(url.src))
    title = re.search(r"<title>(.*)</title>", src).group(1)
    return [Case(title + " [" + n + "]", "expose", "hidden" if v == "null" else "exposed",
                 res=res, server="xhr/resources/pass.txt")
            for n, v in re.findall(r'getResponseHeader\("([^"]+)"\), (null|"[^"]*")', src)]


def f_safelisted_response(src, read):
    name = re.search(r'\}, "([^"]*)"\);', src).group(1)
    srv = "xhr/resources/access-control-basic-whitelist-response-headers.py"
    out = []
    for neg, n in re.findall(r'assert_(not_)?equals\(xhr\.getResponseHeader\("([^"]+)"\), null\)', src):
        out.append(Case(name + " [" + n + "]", "expose", "exposed" if neg else "hidden", server=srv))
    for neg, n in re.findall(r'assert_(not_)?equals\(xhr\.getAllResponseHeaders\(\)\.match\("([^"]+)"\), null\)', src):
        out.append(Case(name + " [getAllResponseHeaders: " + n + "]", "other", "exposed" if neg else "hidden", server=srv))
    return out


def f_xhr_preflight(src, read):
    """One request per file; its server script is not read (the case keeps
    its name), so the response is not known here."""
    title = re.search(r"<title>(.*)</title>", src).group(1)
    m = re.search(r'(?m)^\s*\}, "([^"]*)"\);', src)
    name = m.group(1) if m else title
    target = None
    for o in re.finditer(r"\.open\((['\"])(\w+)\1,\s*([^;]*?)\);", src, re.S):
        url = o.group(3)
        if re.search(r"command=(reset|complete)|reset-token|access-control-cookie", url):
            continue
        target = o
    meth = target.group(2)
    script = [n for n in re.findall(r"/xhr/resources/([\w.-]+\.py(?:\?\w+=\w+)?)", src)
              if not re.match(r"reset-token|access-control-cookie", n)][0]
    cmd = re.search(r'command=(\w+)', target.group(3))
    server = "xhr/resources/" + script + ("?command=" + cmd.group(1) if cmd else "")
    req = re.findall(r'setRequestHeader\((["\'])([^"\']*)\1, (["\'])([^"\']*)\3\)', src[target.end():])
    req = [(a, b) for _, a, _, b in req]
    fails = "NetworkError" in src or re.search(r"onerror = test\.step_func_done", src)
    mode = "include" if "withCredentials = true" in src[target.start():] else "same-origin"
    return [Case(name + " [" + title + "]", "preflight", "fail" if fails else "pass", meth,
                 mode, req=req, server=server)]


# The files read, in the order they are written, each with the function
# that reads its cases (None: read for another file's cases). Files a test
# loads but this script does not need to read (server scripts whose
# behaviour is fixed above) are not listed.
FILES = [
    ("fetch/api/cors/cors-preflight.any.js", f_cors_preflight),
    ("fetch/api/cors/cors-preflight-star.any.js", f_star),
    ("fetch/api/cors/cors-preflight-response-validation.any.js", f_validation),
    ("fetch/api/cors/cors-preflight-not-cors-safelisted.any.js", f_not_safelisted),
    ("fetch/api/cors/resources/not-cors-safelisted.json", None),
    ("fetch/api/cors/cors-preflight-cache.any.js", f_cache),
    ("fetch/api/cors/cors-no-preflight.any.js", f_no_preflight),
    ("fetch/api/cors/cors-expose-star.js", f_expose_star),
    ("fetch/api/cors/cors-filtering.js", f_filtering),
    ("cors/cors-safelisted-request-header.any.js", f_safelisted_request),
    ("cors/response-headers.htm", f_response_headers),
    ("cors/resources/cors-headers.py", None),
    ("cors/request-headers.htm", f_request_headers),
    ("cors/simple-requests.htm", f_simple),
    ("xhr/allow-lists-starting-with-comma.htm", f_allow_lists),
    ("xhr/access-control-response-with-exposed-headers.htm", f_exposed_headers),
    ("xhr/access-control-basic-cors-safelisted-response-headers.htm", f_safelisted_response),
] + [("xhr/access-control-preflight-%s.htm" % n, f_xhr_preflight) for n in (
    "async-header-denied", "async-method-denied", "async-not-supported",
    "credential-async", "credential-sync", "headers-async", "headers-sync",
    "request-header-lowercase", "request-header-sorted", "request-headers-origin",
    "request-invalid-status-301", "request-invalid-status-400",
    "request-invalid-status-501", "request-must-not-contain-cookie",
    "sync-header-denied", "sync-method-denied", "sync-not-supported")]


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        sys.stderr.write(__doc__)
        return 2
    root = argv[1]
    commits = {}
    if len(argv) == 4 and argv[2] == "--commits":
        with open(argv[3], encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    p, c = line.split()
                    commits[p] = c
    else:
        head = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        commits = {p: head for p, _ in FILES}

    def read(path):
        with open(os.path.join(root, path), encoding="utf-8") as f:
            return f.read()

    rows, counts = [], []
    for path, handler in FILES:
        if handler is None:  # read by another file's handler
            counts.append((path, commits[path], "-"))
            read(path)
            continue
        cases = handler(read(path), read)
        counts.append((path, commits[path], str(len(cases))))
        for n, c in enumerate(cases, 1):
            rows.append(c.row("%s#%d" % (path, n), path))
    w = sys.stdout.write
    w("# SPDX-License-Identifier: MIT\n")
    w("# web-platform-tests cases for the headers this library decides, as facts.\n")
    w("# Written by conformance/wpt/extract.py; do not edit: re-run it when the pin\n")
    w("# moves (conformance/README.md, \"web-platform-tests cases\").\n")
    w("# repository: https://github.com/web-platform-tests/wpt\n")
    w("# file<TAB>commit<TAB>cases (- : read for another file's cases)\n")
    for p, c, n in counts:
        w("#   %s\t%s\t%s\n" % (p, c, n))
    w("# total %d cases\n" % len(rows))
    w("# case\tfile\tsubtest\tkind\tmode\tmethod\texpect\tserver\t[field]...\n")
    for r in rows:
        w(r + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
