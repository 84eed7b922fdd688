// SPDX-License-Identifier: MIT
// Adapter: jsdom's XMLHttpRequest under the conformance line protocol
// (conformance/README.md, "The line protocol" and "Mapping rows onto HTTP").
//
//   node --max-http-header-size=1048576 adapter.js [--capabilities|--version]
//
// Each request becomes a real cross-origin exchange on loopback: a raw TCP
// server on 127.0.0.1 (ephemeral port) writes the row's ACEH field lines
// byte for byte, and a jsdom window whose URL is another loopback origin
// runs XMLHttpRequest against it. The answer is whether both
// getResponseHeader(NAME) and getAllResponseHeaders() show NAME; when they
// disagree the answer is an "error:" line (a bug either way). A response
// the HTTP stack refuses is answered "skip". Requests are run one at a
// time, answers written in order. jsdom is found through NODE_PATH.
'use strict';

const net = require('net');
const readline = require('readline');

const CAPS = 'capabilities: large-values';

function version() {
    const v = require('jsdom/package.json').version;
    return `jsdom ${v} XMLHttpRequest (Node.js ${process.version})`;
}

if (process.argv[2] === '--capabilities') {
    process.stdout.write(CAPS + '\n');
    process.exit(0);
}
if (process.argv[2] === '--version') {
    process.stdout.write(version() + '\n');
    process.exit(0);
}
if (process.argv.length > 2) {
    // Only the Authorization opt-in would come here, and XHR has no such
    // reading: run-external is told so by --capabilities.
    process.stderr.write(`jsdom adapter: unsupported argument ${process.argv[2]}\n`);
    process.exit(2);
}

const { JSDOM } = require('jsdom');

// The table's escapes: \xHH any byte, \\ one backslash.
function unescape(s) {
    const out = [];
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 0x5c) {
            if (s[i + 1] === '\\') { out.push(0x5c); i++; continue; }
            if (s[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(s.substr(i + 2, 2))) {
                out.push(parseInt(s.substr(i + 2, 2), 16)); i += 3; continue;
            }
            return null;
        }
        out.push(c & 0xff);
    }
    return Buffer.from(out);
}

function isToken(buf) {
    if (buf.length === 0) return false;
    for (const c of buf) {
        const ch = String.fromCharCode(c);
        if (!/[A-Za-z0-9!#$%&'*+\-.^_`|~]/.test(ch)) return false;
    }
    return true;
}

// Headers every response carries: a probe line for these would be a
// duplicate; ACEH itself would change the list under test.
const ALWAYS = new Set(['access-control-allow-origin',
    'access-control-allow-credentials', 'content-length', 'connection']);
const ACEH = 'access-control-expose-headers';

let current = null; // the response for the request in flight

const server = net.createServer((sock) => {
    let head = '';
    let answered = false;
    sock.on('data', (d) => {
        head += d.toString('latin1');
        if (answered || !head.includes('\r\n\r\n') || !current) return;
        answered = true;
        const origin = /\r\norigin: *([^\r]*)/i.exec(head);
        if (!origin || head.startsWith('OPTIONS')) {
            // Simple GETs only: a preflight or a request without Origin
            // would mean the exchange is not what the row describes.
            current.protocolError = 'request without Origin or a preflight';
        }
        sock.end(current.response);
    });
    sock.on('error', () => {});
});

function buildResponse(pageOrigin, name, lines) {
    const parts = [Buffer.from('HTTP/1.1 200 OK\r\n' +
        `Access-Control-Allow-Origin: ${pageOrigin}\r\n` +
        'Access-Control-Allow-Credentials: true\r\n', 'latin1')];
    for (const l of lines)
        parts.push(Buffer.from('Access-Control-Expose-Headers: ', 'latin1'), l,
                   Buffer.from('\r\n', 'latin1'));
    const lname = name.toString('latin1').toLowerCase();
    if (!ALWAYS.has(lname) && lname !== ACEH)
        parts.push(name, Buffer.from(': 1\r\n', 'latin1'));
    parts.push(Buffer.from('Content-Length: 1\r\nConnection: close\r\n\r\nx', 'latin1'));
    return Buffer.concat(parts);
}

function answerFor(req, port, window, pageOrigin) {
    const f = req.split('\t');
    const mode = f[0];
    if (f.length < 2 || !['omit', 'same-origin', 'include'].includes(mode))
        return Promise.resolve('error: cannot read the request');
    const fields = f.slice(1).map(unescape);
    if (fields.includes(null)) return Promise.resolve('error: bad escape');
    const [name, ...lines] = fields;
    if (!isToken(name)) return Promise.resolve('skip NAME is not a header name: no response can carry it');
    const lname = name.toString('latin1').toLowerCase();
    if (lname === ACEH && lines.length === 0)
        return Promise.resolve('skip the ACEH header itself cannot be asked about when the row has none');
    current = { response: buildResponse(pageOrigin, name, lines) };
    const nameStr = name.toString('latin1');
    return new Promise((resolve) => {
        const xhr = new window.XMLHttpRequest();
        xhr.open('GET', `http://127.0.0.1:${port}/r`);
        // XHR has no "omit": omit and same-origin (cross-origin request)
        // both mean no credentials.
        xhr.withCredentials = (mode === 'include');
        xhr.onload = () => {
            if (current.protocolError) {
                resolve('error: adapter: ' + current.protocolError);
                return;
            }
            const one = xhr.getResponseHeader(nameStr) !== null;
            const all = xhr.getAllResponseHeaders().split('\r\n').some((l) => {
                const i = l.indexOf(':');
                return i > 0 && l.slice(0, i).toLowerCase() === lname;
            });
            if (one !== all)
                resolve(`error: getResponseHeader says ${one ? 1 : 0}, getAllResponseHeaders says ${all ? 1 : 0}`);
            else
                resolve(one ? '1' : '0');
        };
        xhr.onerror = () => resolve('skip the HTTP stack refused the response (XHR network error)');
        xhr.ontimeout = () => resolve('skip no response within 10 s');
        xhr.timeout = 10000;
        xhr.send();
    });
}

server.listen(0, '127.0.0.1', async () => {
    const port = server.address().port;
    // The page's origin: another loopback port (nothing listens there; the
    // document is never fetched), so every XHR is cross-origin.
    const pageOrigin = `http://127.0.0.1:${port === 65535 ? port - 1 : port + 1}`;
    const dom = new JSDOM('<!doctype html><title>aceh</title>', { url: pageOrigin + '/' });
    const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const req of rl) {
        const ans = await answerFor(req, port, dom.window, pageOrigin);
        if (!process.stdout.write(ans + '\n'))
            await new Promise((r) => process.stdout.once('drain', r));
    }
    dom.window.close();
    server.close();
});
