// SPDX-License-Identifier: MIT
// What the Node.js adapters (jsdom, happy-dom) share: the table's escapes,
// a raw loopback server that writes each request's response byte for byte,
// and the two protocols (conformance/README.md, "The line protocol" and
// "The preflight protocol") driven line by line. An adapter supplies only
// how its implementation makes a request and reads the answer.
'use strict';

const net = require('net');
const readline = require('readline');

// The table's escapes: \xHH any byte, \\ one backslash. null: a bad escape.
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
    return buf.length > 0 && /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(buf.toString('latin1'));
}

const latin1 = (s) => Buffer.from(s, 'latin1');

// Headers every ACEH response carries: a probe line for these would be a
// duplicate; ACEH itself would change the list under test.
const ALWAYS = new Set(['access-control-allow-origin',
    'access-control-allow-credentials', 'content-length', 'connection']);
const ACEH = 'access-control-expose-headers';

function acehResponse(pageOrigin, name, lines) {
    const parts = [latin1('HTTP/1.1 200 OK\r\n' +
        `Access-Control-Allow-Origin: ${pageOrigin}\r\n` +
        'Access-Control-Allow-Credentials: true\r\n')];
    for (const l of lines)
        parts.push(latin1('Access-Control-Expose-Headers: '), l, latin1('\r\n'));
    const lname = name.toString('latin1').toLowerCase();
    if (!ALWAYS.has(lname) && lname !== ACEH) parts.push(name, latin1(': 1\r\n'));
    parts.push(latin1('Content-Length: 1\r\nConnection: close\r\n\r\nx'));
    return Buffer.concat(parts);
}

// The loopback server. respond(head) gives the bytes to answer a request
// head with; the body, if any, is not waited for.
function serve(respond) {
    return new Promise((resolve) => {
        const server = net.createServer((sock) => {
            let head = '';
            let answered = false;
            sock.on('data', (d) => {
                head += d.toString('latin1');
                if (answered || !head.includes('\r\n\r\n')) return;
                answered = true;
                sock.end(respond(head.slice(0, head.indexOf('\r\n\r\n'))));
            });
            sock.on('error', () => {});
        });
        server.listen(0, '127.0.0.1', () => resolve(server));
    });
}

// Answer stdin's requests one at a time, in order, with answer(line).
async function eachLine(answer) {
    const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const req of rl) {
        const ans = await answer(req);
        if (!process.stdout.write(ans + '\n'))
            await new Promise((r) => process.stdout.once('drain', r));
    }
}

// The page's origin: another loopback port (nothing listens there; the
// document is never fetched), so every request is cross-origin.
const pageOriginFor = (port) => `http://127.0.0.1:${port === 65535 ? port - 1 : port + 1}`;

// The line protocol. api.get(url, mode, name) resolves to "1", "0", or a
// "skip ..."/"error: ..." answer; api.preflightsSimple: the implementation
// preflights even a GET without request headers (answered with a preflight
// that admits it, so that the row's response is what decides).
async function runAceh(api) {
    let current = null;
    let n = 0;
    const server = await serve((head) => {
        const origin = /\r\norigin: *([^\r]*)/i.exec(head);
        if (head.startsWith('OPTIONS')) {
            if (!api.preflightsSimple) current.protocolError = 'a preflight for a simple GET';
            return latin1('HTTP/1.1 204 No Content\r\n' +
                `Access-Control-Allow-Origin: ${current.pageOrigin}\r\n` +
                'Access-Control-Allow-Credentials: true\r\n' +
                'Access-Control-Allow-Methods: GET\r\nContent-Length: 0\r\n' +
                'Connection: close\r\n\r\n');
        }
        if (!origin) current.protocolError = 'a request without Origin';
        return current.response;
    });
    const port = server.address().port;
    const pageOrigin = pageOriginFor(port);
    const window = await api.open(pageOrigin);
    await eachLine(async (req) => {
        const f = req.split('\t');
        const mode = f[0];
        if (f.length < 2 || !['omit', 'same-origin', 'include'].includes(mode))
            return 'error: cannot read the request';
        const fields = f.slice(1).map(unescape);
        if (fields.includes(null)) return 'error: bad escape';
        const [name, ...lines] = fields;
        if (!isToken(name)) return 'skip NAME is not a header name: no response can carry it';
        if (name.toString('latin1').toLowerCase() === ACEH && lines.length === 0)
            return 'skip the ACEH header itself cannot be asked about when the row has none';
        current = { pageOrigin, response: acehResponse(pageOrigin, name, lines) };
        const ans = await api.get(window, `http://127.0.0.1:${port}/r${++n}`, mode,
            name.toString('latin1'));
        return current.protocolError ? 'error: adapter: ' + current.protocolError : ans;
    });
    await api.close(window);
    server.close();
}

// The preflight protocol. api.send(window, url, req) resolves to
// { skip: why } for a row the API cannot express, { refused: message }
// when the API throws before sending, else
// { ok: true|false, detail }. The server decides: "pass" when the actual
// request arrived, "fail" when it did not; a settled request that
// contradicts the server's record is an error.
async function runPreflight(api) {
    let current = null;
    let n = 0;
    const server = await serve((head) => {
        // A preflight always carries Access-Control-Request-Method (Fetch);
        // an actual request may be OPTIONS too, when the row's method
        // normalizes to it.
        if (head.startsWith('OPTIONS') &&
            /\r\naccess-control-request-method:/i.test(head)) {
            current.preflights++;
            const parts = [latin1(`HTTP/1.1 ${current.status} Preflight\r\n`)];
            for (const l of current.responseLines) parts.push(l, latin1('\r\n'));
            parts.push(latin1('Content-Length: 0\r\nConnection: close\r\n\r\n'));
            return Buffer.concat(parts);
        }
        current.actual++;
        // A response to HEAD has no body: a byte after it would be a
        // framing error that the client reports instead of the outcome.
        return latin1('HTTP/1.1 200 OK\r\n' +
            `Access-Control-Allow-Origin: ${current.pageOrigin}\r\n` +
            'Access-Control-Allow-Credentials: true\r\nContent-Length: 1\r\n' +
            'Connection: close\r\n\r\n' + (head.startsWith('HEAD ') ? '' : '1'));
    });
    const port = server.address().port;
    const pageOrigin = pageOriginFor(port);
    const window = await api.open(pageOrigin);
    await eachLine(async (line) => {
        const f = line.split('\t');
        if (f.length < 4) return 'error: fewer than 4 fields';
        const [mode, flags, method, status] = f;
        const req = { mode, ucp: flags === 'use-cors-preflight', method, headers: [] };
        current = { pageOrigin, status, responseLines: [], preflights: 0, actual: 0 };
        for (const raw of f.slice(4)) {
            const b = unescape(raw.replace(/\{origin\}/g, pageOrigin));
            if (b === null) return 'error: bad escape';
            const s = b.toString('latin1');
            if (s.startsWith('< ')) { current.responseLines.push(b.subarray(2)); continue; }
            const m = /^> ([^:]*):[ \t]*(.*)$/s.exec(s);
            if (!m) return 'error: a field is not "> NAME: VALUE" or "< LINE"';
            req.headers.push([m[1], m[2]]);
        }
        const r = await api.send(window, `http://127.0.0.1:${port}/p${++n}`, req);
        if (r.skip !== undefined) return 'skip ' + r.skip;
        if (r.refused !== undefined) return 'skip the API refused the request: ' + r.refused;
        if (current.actual && !r.ok)
            return `error: the actual request arrived but the API reported ${r.detail}`;
        if (!current.actual && r.ok)
            return `error: the API reported ${r.detail} without an actual request`;
        return current.actual ? 'pass' : 'fail';
    });
    await api.close(window);
    server.close();
}

// The XMLHttpRequest path both adapters share for a preflight row: the
// upload listener and a one-byte body set the use-CORS-preflight flag, the
// one way a page can; XHR has no omit mode (false withCredentials means
// same-origin, for a cross-origin request the same as omit).
function xhrSend(window, url, req) {
    if (req.ucp && (req.mode === 'omit' || req.method === 'GET' || req.method === 'HEAD'))
        return Promise.resolve({ skip: 'not expressible through XMLHttpRequest: the ' +
            'use-CORS-preflight flag needs a body (not with GET or HEAD) and has no omit mode' });
    return new Promise((resolve) => {
        let x;
        try {
            x = new window.XMLHttpRequest();
            x.open(req.method, url);
            x.withCredentials = req.mode === 'include';
            for (const [k, v] of req.headers) x.setRequestHeader(k, v);
            if (req.ucp) x.upload.onprogress = () => {};
        } catch (e) {
            resolve({ refused: String(e && e.message || e).replace(/[\t\r\n]/g, ' ') });
            return;
        }
        x.onload = () => resolve({ ok: true, detail: 'status ' + x.status });
        x.onerror = () => resolve({ ok: false, detail: 'a network error' });
        x.timeout = 10000;
        x.ontimeout = () => resolve({ ok: false, detail: 'a timeout' });
        x.send(req.ucp ? new window.Blob(['x']) : null);
    });
}

// The command line both adapters take, `[preflight]
// [--capabilities|--version]`: answers the two queries and exits, refuses
// any other argument (only the Authorization opt-in would come, and
// run-external is told by --capabilities that there is none), else
// returns whether the preflight protocol was asked for. Both declare
// large-values for the ACEH table (no control bytes or non-token names
// reach a page) and use-cors-preflight for the preflight table.
function commandLine(name, version) {
    const preflight = process.argv[2] === 'preflight';
    const arg = process.argv[preflight ? 3 : 2];
    if (arg === '--capabilities') {
        process.stdout.write(preflight ? 'capabilities: use-cors-preflight\n'
            : 'capabilities: large-values\n');
        process.exit(0);
    }
    if (arg === '--version') {
        process.stdout.write(version() + '\n');
        process.exit(0);
    }
    if (arg !== undefined) {
        process.stderr.write(`${name} adapter: unsupported argument ${arg}\n`);
        process.exit(2);
    }
    return preflight;
}

module.exports = { commandLine, runAceh, runPreflight, xhrSend };
