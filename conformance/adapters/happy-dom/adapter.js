// SPDX-License-Identifier: MIT
// Adapter: happy-dom's fetch() under the conformance line protocol or,
// with "preflight", the preflight protocol (conformance/README.md).
//
//   node --max-http-header-size=1048576 adapter.js [preflight] [--capabilities|--version]
//
// Each request is a real cross-origin exchange on loopback (the raw server
// of ../node/exchange.js) from a happy-dom Window whose URL is another
// loopback origin; the answer is whatever happy-dom does. Line protocol:
// 1 when Response.headers.get(NAME) is not null. happy-dom makes a
// preflight even for a GET without request headers; the server admits it,
// so that the row's response decides. Preflight protocol: fetch() with
// Headers.append (repeated headers stay apart as Fetch says), the flag rows
// through XMLHttpRequest with an upload listener; "pass" when the actual
// request reached the server. happy-dom (an ES module) is found in
// HAPPY_DOM_MODULES (a node_modules folder).
'use strict';

const path = require('path');
const { pathToFileURL } = require('url');
const exchange = require(path.join(__dirname, '..', 'node', 'exchange.js'));

const modules = process.env.HAPPY_DOM_MODULES || 'build/adapters/happy-dom/node_modules';
const preflight = exchange.commandLine('happy-dom', () => {
    const pkg = require(path.resolve(modules, 'happy-dom', 'package.json'));
    return `happy-dom ${pkg.version} fetch() (Node.js ${process.version})`;
});

const clean = (e) => String(e && e.message || e).replace(/[\t\r\n]/g, ' ');

function api(Window) {
    return {
        preflightsSimple: true,
        open: (origin) => new Window({ url: origin + '/' }),
        close: (window) => window.happyDOM.close(),
        get: async (window, url, mode, name) => {
            let r;
            try {
                r = await window.fetch(url, { credentials: mode });
            } catch (e) {
                return 'skip the request failed: ' + clean(e);
            }
            let v;
            try { v = r.headers.get(name); } catch (e) { return 'error: Headers.get: ' + clean(e); }
            try { await r.arrayBuffer(); } catch (e) { /* the answer is in the header */ }
            return v === null ? '0' : '1';
        },
        send: async (window, url, req) => {
            if (req.ucp) return exchange.xhrSend(window, url, req);
            let q;
            try {
                const h = new window.Headers();
                for (const [k, v] of req.headers) h.append(k, v);
                q = new window.Request(url, { method: req.method, headers: h, credentials: req.mode });
            } catch (e) {
                return { refused: clean(e) };
            }
            try {
                const r = await window.fetch(q);
                try { await r.arrayBuffer(); } catch (e) { /* the status is enough */ }
                return { ok: true, detail: 'status ' + r.status };
            } catch (e) {
                return { ok: false, detail: 'an error: ' + clean(e) };
            }
        },
    };
}

(async () => {
    let hd;
    try {
        hd = await import(pathToFileURL(require.resolve('happy-dom', { paths: [path.resolve(modules)] })).href);
    } catch (e) {
        process.stderr.write(`happy-dom adapter: happy-dom does not load from ${modules}: ` +
            String(e && e.stack || e).split('\n').slice(0, 2).join(' | ') + '\n');
        process.exit(1);
    }
    await (preflight ? exchange.runPreflight : exchange.runAceh)(api(hd.Window));
})().catch((e) => {
    process.stderr.write(`happy-dom adapter: ${e && e.stack || e}\n`);
    process.exit(1);
});
