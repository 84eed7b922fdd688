// SPDX-License-Identifier: MIT
// Adapter: jsdom's XMLHttpRequest under the conformance line protocol or,
// with "preflight", the preflight protocol (conformance/README.md, "The
// line protocol", "Mapping rows onto HTTP", "The preflight protocol").
//
//   node --max-http-header-size=1048576 adapter.js [preflight] [--capabilities|--version]
//
// Each request becomes a real cross-origin exchange on loopback (the raw
// server of ../node/exchange.js) from a jsdom window whose URL is another
// loopback origin. Line protocol: the answer is whether both
// getResponseHeader(NAME) and getAllResponseHeaders() show NAME; when they
// disagree the answer is an "error:" line (a bug either way); a response
// the HTTP stack refuses is answered "skip". Preflight protocol: "pass"
// when the actual request reached the server. jsdom is found through
// NODE_PATH; a jsdom that cannot load is reported on stderr with its error
// and exit status 1.
'use strict';

const path = require('path');
const exchange = require(path.join(__dirname, '..', 'node', 'exchange.js'));

const preflight = exchange.commandLine('jsdom', () => {
    const pkg = require('jsdom/package.json');
    const engines = pkg.engines && pkg.engines.node ? `, engines: node ${pkg.engines.node}` : '';
    return `jsdom ${pkg.version} XMLHttpRequest (Node.js ${process.version}${engines})`;
});

let JSDOM;
try {
    ({ JSDOM } = require('jsdom'));
} catch (e) {
    // The first lines of the error say why (an API this Node.js lacks, a
    // missing module); the rest is the loader's stack.
    process.stderr.write(`jsdom adapter: jsdom does not load on Node.js ${process.version}: ` +
        String(e && e.stack || e).split('\n').slice(0, 2).join(' | ') + '\n');
    process.exit(1);
}

const api = {
    open: (origin) => new JSDOM('<!doctype html><title>aceh</title>', { url: origin + '/' }).window,
    close: (window) => window.close(),
    get: (window, url, mode, name) => new Promise((resolve) => {
        const lname = name.toLowerCase();
        const xhr = new window.XMLHttpRequest();
        xhr.open('GET', url);
        // XHR has no "omit": omit and same-origin (cross-origin request)
        // both mean no credentials.
        xhr.withCredentials = (mode === 'include');
        xhr.onload = () => {
            const one = xhr.getResponseHeader(name) !== null;
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
    }),
    send: exchange.xhrSend,
};

(preflight ? exchange.runPreflight : exchange.runAceh)(api).catch((e) => {
    process.stderr.write(`jsdom adapter: ${e && e.stack || e}\n`);
    process.exit(1);
});
