/* SPDX-License-Identifier: MIT */
/* aceh-browser-serve: the two origins of the browser check.
 *
 *   aceh-browser-serve [--xhr] [--preflight] TABLE RESULTS READY [TIMEOUT_SECONDS]
 *
 * --xhr: the page asks through XMLHttpRequest instead of fetch() (the
 * witness still uses fetch(): it is about the HTTP layer, not the API).
 *
 * Origin A (http://127.0.0.1:P1) serves the test page and takes the
 * results back by POST; origin B (http://127.0.0.2:P2) answers
 * GET /c/<row index> with that row's ACEH field lines written byte for byte
 * (a raw socket writer: HTTP libraries refuse or normalise odd bytes).
 * When listening, the page URL is written to READY (atomically, by
 * rename). Exits 0 once the page has posted its results (written to
 * RESULTS, one "index<TAB>outcome" line per row), 3 on timeout, 2 on
 * other errors. One thread, poll(): a browser opens speculative
 * connections that never send a request, which would stall a server that
 * serves one connection at a time. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "pftable.h"
#include "table.h"

#define MAX_CONN 64
#define MAX_REQUEST (1u << 24) /* results of a big table fit easily */

typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

static void die_oom(void)
{
    fputs("aceh-browser-serve: out of memory\n", stderr);
    exit(2);
}

static void sb_put(sbuf *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *np;
        while (b->len + n + 1 > cap) cap *= 2;
        np = realloc(b->p, cap);
        if (!np) die_oom();
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_fmt_size(sbuf *b, size_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%zu", v);
    sb_put(b, tmp, (size_t)n);
}

/* A JavaScript string literal; every byte outside printable ASCII, the
 * quote and the backslash become \u00XX (names are tokens, so this only
 * guards against a table the classifier let through by mistake). */
static void sb_js_str(sbuf *b, const char *p, size_t n)
{
    size_t i;
    sb_str(b, "\"");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<') {
            char tmp[8];
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
            sb_str(b, tmp);
        } else {
            sb_put(b, (const char *)&c, 1);
        }
    }
    sb_str(b, "\"");
}

typedef struct conn {
    int fd;
    int side; /* 0: page origin, 1: CORS origin */
    sbuf in, out;
    size_t outoff;
    int writing;
} conn;

static const bt_table *table;
static int use_xhr; /* --xhr: the page uses XMLHttpRequest, not fetch() */
static char origin_a[64], origin_b[64];
static const char *results_path;
static int done;
static unsigned long bad_origin, preflights;
/* Preflight mode (--preflight): the preflight table, and per row how
 * many preflights (OPTIONS with Access-Control-Request-Method) and actual
 * requests arrived, with the first preflight's Access-Control-Request-Headers
 * (NULL: none arrived or it had none). */
static const pf_table *ptable;
static unsigned long *n_pre, *n_act;
static char **acrh_seen;

static int listen_on(const char *host, unsigned short *port)
{
    struct sockaddr_in sa;
    socklen_t sl = sizeof sa;
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(*port);
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1 ||
        bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
        listen(fd, 64) < 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &sl) < 0 ||
        fcntl(fd, F_SETFL, O_NONBLOCK) < 0) {
        fprintf(stderr, "aceh-browser-serve: listen on %s: %s\n", host,
                strerror(errno));
        close(fd);
        return -1;
    }
    *port = ntohs(sa.sin_port);
    return fd;
}

/* Value of header `name` in the request head [p, p+n), or NULL. */
static const char *req_header(const char *p, size_t n, const char *name,
                              size_t *vlen)
{
    const char *end = p + n, *l = memchr(p, '\n', n);
    size_t nl = strlen(name);
    while (l && l + 1 < end) {
        const char *s = l + 1, *e = memchr(s, '\n', (size_t)(end - s));
        if (!e) e = end;
        if ((size_t)(e - s) > nl && s[nl] == ':' && bt_eq_ci(s, nl, name)) {
            const char *v = s + nl + 1;
            while (v < e && (*v == ' ' || *v == '\t')) v++;
            *vlen = (size_t)(e - v);
            while (*vlen && (v[*vlen - 1] == '\r' || v[*vlen - 1] == ' '))
                (*vlen)--;
            return v;
        }
        l = e;
    }
    return NULL;
}

static void respond_simple(conn *c, const char *status, const char *type,
                           const char *body, size_t n)
{
    sb_str(&c->out, "HTTP/1.1 ");
    sb_str(&c->out, status);
    sb_str(&c->out, "\r\nContent-Type: ");
    sb_str(&c->out, type);
    sb_str(&c->out, "\r\nCache-Control: no-store\r\nContent-Length: ");
    sb_fmt_size(&c->out, n);
    sb_str(&c->out, "\r\nConnection: close\r\n\r\n");
    sb_put(&c->out, body, n);
}

static void page(conn *c)
{
    sbuf b = {NULL, 0, 0};
    size_t i, first = 1;
    sb_str(&b, "<!doctype html><meta charset=utf-8>"
               "<title>aceh browser check</title><script>\n"
               "const B=\"");
    sb_str(&b, origin_b);
    sb_str(&b, "\";\nconst C=[");
    for (i = 0; i < table->n; i++) {
        const bt_row *r = &table->rows[i];
        if (r->cls & BT_BAD_NAME) continue;
        if (!first) sb_str(&b, ",");
        first = 0;
        sb_str(&b, "\n[");
        sb_fmt_size(&b, i);
        sb_str(&b, ",");
        sb_js_str(&b, r->mode.p, r->mode.len);
        sb_str(&b, ",");
        sb_js_str(&b, r->name.p, r->name.len);
        sb_str(&b, ",");
        sb_fmt_size(&b, r->nlines);
        sb_str(&b, "]");
    }
    /* One page load for the whole table; six fetches in flight, the
     * browser's per-host connection limit anyway. The header is read
     * before the body: a body error must not hide the answer. After each
     * row, one witness fetch per ACEH line reads the line's bytes back as
     * an exposed X-Witness header (hex of the Latin-1 code units, "U" for
     * anything above U+00FF): it shows whether the browser's HTTP layer
     * kept the value intact, so that a 0 cannot come from a dropped line. */
    sb_str(&b, use_xhr ? "];\nconst X=1;\n" : "];\nconst X=0;\n");
    /* XMLHttpRequest has no omit mode: without withCredentials it uses
     * same-origin, which for this cross-origin request means the same. */
    sb_str(&b,
           "function clean(e){return String(e&&e.message||e)"
           ".replace(/[\\t\\r\\n]/g,' ');}\n"
           "function xget(c){return new Promise(res=>{let x;\n"
           " try{x=new XMLHttpRequest();x.open('GET',B+'/c/'+c[0]);\n"
           "  x.withCredentials=c[1]==='include';}\n"
           " catch(e){res('E xhr: '+clean(e));return;}\n"
           " x.onload=()=>{let v;try{v=x.getResponseHeader(c[2]);}\n"
           "  catch(e){res('E get: '+clean(e));return;}\n"
           "  res(v===null?'0':'1');};\n"
           " x.onerror=()=>res('E xhr: error');\n"
           " x.send();});}\n"
           "function hex(v){let h='';for(let i=0;i<v.length;i++){"
           "const c=v.charCodeAt(i);h+=c<256?(c<16?'0':'')+c.toString(16):'U';}"
           "return 'v'+h;}\n"
           "async function one(c){let r;\n"
           " if(X)return xget(c);\n"
           " try{r=await fetch(B+'/c/'+c[0],{credentials:c[1]});}\n"
           " catch(e){return 'E fetch: '+clean(e);}\n"
           " let v;try{v=r.headers.get(c[2]);}\n"
           " catch(e){return 'E get: '+clean(e);}\n"
           " try{await r.arrayBuffer();}catch(e){}\n"
           " return v===null?'0':'1';}\n"
           "async function witness(c,k){let r;\n"
           " try{r=await fetch(B+'/w/'+c[0]+'/'+k,{credentials:'omit'});}\n"
           " catch(e){return 'E fetch: '+clean(e);}\n"
           " const v=r.headers.get('X-Witness');\n"
           " try{await r.arrayBuffer();}catch(e){}\n"
           " return v===null?'null':hex(v);}\n"
           "async function main(){const out=[];let next=0;\n"
           " async function worker(){while(next<C.length){const c=C[next++];\n"
           "  out.push(c[0]+'\\t'+await one(c));\n"
           "  for(let k=0;k<c[3];k++)\n"
           "   out.push('w'+c[0]+'.'+k+'\\t'+await witness(c,k));}}\n"
           " await Promise.all(Array.from({length:6},worker));\n"
           " await fetch('/results',{method:'POST',body:out.join('\\n')+'\\n'});\n"
           " document.title='done';}\n"
           "main().catch(e=>fetch('/log',{method:'POST',body:clean(e)}));\n"
           "</script>\n");
    respond_simple(c, "200 OK", "text/html; charset=utf-8", b.p, b.len);
    free(b.p);
}

static int write_results(const char *body, size_t n)
{
    char tmp[4096];
    FILE *f;
    snprintf(tmp, sizeof tmp, "%s.tmp", results_path);
    f = fopen(tmp, "wb");
    if (!f || fwrite(body, 1, n, f) != n || fclose(f) != 0 ||
        rename(tmp, results_path) != 0) {
        fprintf(stderr, "aceh-browser-serve: %s: %s\n", results_path,
                strerror(errno));
        return -1;
    }
    return 0;
}

/* The page of preflight mode: every expressible row of the preflight
 * table as [index, mode, method, [[name, value]...], xhr], each value as
 * one code unit per byte (Headers takes a ByteString). Headers.append keeps
 * repeated headers apart. A row with the use-CORS-preflight flag (xhr 1)
 * goes through XMLHttpRequest with an upload listener and a one-byte
 * untyped Blob body, the one way a page sets that flag (XHR "send";
 * pftable.c keeps out the rows XHR cannot carry). The Request is built first, so that a method or
 * header the API refuses is told apart ("X ...") from a network error.
 * With --xhr every row goes through XMLHttpRequest (setRequestHeader,
 * which combines repeated headers as that standard says); the upload
 * listener and the body only for the flag rows. */
static void page_preflight(conn *c)
{
    sbuf b = {NULL, 0, 0};
    size_t i, k, first = 1;
    sb_str(&b, "<!doctype html><meta charset=utf-8>"
               "<title>aceh browser preflight check</title><script>\n"
               "const B=\"");
    sb_str(&b, origin_b);
    sb_str(&b, "\";\nconst C=[");
    for (i = 0; i < ptable->n; i++) {
        const pf_row *r = &ptable->rows[i];
        int fk = 1;
        if (r->cls) continue;
        if (!first) sb_str(&b, ",");
        first = 0;
        sb_str(&b, "\n[");
        sb_fmt_size(&b, i);
        sb_str(&b, ",");
        sb_js_str(&b, r->mode.p, r->mode.len);
        sb_str(&b, ",");
        sb_js_str(&b, r->method.p, r->method.len);
        sb_str(&b, ",[");
        for (k = 0; k < r->nfields; k++) {
            const pf_field *f = &r->fields[k];
            if (f->dir != '>') continue;
            if (!fk) sb_str(&b, ",");
            fk = 0;
            sb_str(&b, "[");
            sb_js_str(&b, f->name.p, f->name.len);
            sb_str(&b, ",");
            sb_js_str(&b, f->value.p, f->value.len);
            sb_str(&b, "]");
        }
        sb_str(&b, r->xhr ? "],1]" : "],0]");
    }
    sb_str(&b, use_xhr ? "];\nconst X=1;\n" : "];\nconst X=0;\n");
    sb_str(&b,
           "function clean(e){return String(e&&e.message||e)"
           ".replace(/[\\t\\r\\n]/g,' ');}\n"
           "function xhr(c){return new Promise(res=>{let x;\n"
           " try{x=new XMLHttpRequest();x.open(c[2],B+'/p/'+c[0]);\n"
           "  x.withCredentials=c[1]==='include';\n"
           "  for(const h of c[3])x.setRequestHeader(h[0],h[1]);\n"
           "  if(c[4])x.upload.onprogress=()=>{};}\n"
           " catch(e){res('X '+clean(e));return;}\n"
           " x.onload=()=>res('ok '+x.status);\n"
           " x.onerror=()=>res('E xhr: error');\n"
           " x.send(c[4]?new Blob(['x']):null);});}\n"
           "async function one(c){let q;\n"
           " if(c[4]||X)return xhr(c);\n"
           " try{const h=new Headers();for(const x of c[3])h.append(x[0],x[1]);\n"
           "  q=new Request(B+'/p/'+c[0],{method:c[2],headers:h,credentials:c[1]});}\n"
           " catch(e){return 'X '+clean(e);}\n"
           " let r;try{r=await fetch(q);}catch(e){return 'E fetch: '+clean(e);}\n"
           " try{await r.arrayBuffer();}catch(e){}\n"
           " return 'ok '+r.status;}\n"
           "async function main(){const out=[];let next=0;\n"
           " async function worker(){while(next<C.length){const c=C[next++];\n"
           "  out.push(c[0]+'\\t'+await one(c));}}\n"
           " await Promise.all(Array.from({length:6},worker));\n"
           " await fetch('/results',{method:'POST',body:out.join('\\n')+'\\n'});\n"
           " document.title='done';}\n"
           "main().catch(e=>fetch('/log',{method:'POST',body:clean(e)}));\n"
           "</script>\n");
    respond_simple(c, "200 OK", "text/html; charset=utf-8", b.p, b.len);
    free(b.p);
}

/* The preflight response of row i: its status and its response field
 * lines byte for byte, {origin} replaced by the page's origin. */
static void pf_preflight(conn *c, size_t i)
{
    const pf_row *r = &ptable->rows[i];
    size_t k, j;
    sb_str(&c->out, "HTTP/1.1 ");
    sb_put(&c->out, r->status.p, r->status.len);
    sb_str(&c->out, " Preflight\r\n");
    for (k = 0; k < r->nfields; k++) {
        const pf_bytes *l = &r->fields[k].line;
        if (r->fields[k].dir != '<') continue;
        for (j = 0; j < l->len;) {
            if (l->len - j >= 8 && !memcmp(l->p + j, "{origin}", 8)) {
                sb_str(&c->out, origin_a);
                j += 8;
            } else {
                sb_put(&c->out, l->p + j, 1);
                j++;
            }
        }
        sb_str(&c->out, "\r\n");
    }
    sb_str(&c->out, "Content-Length: 0\r\nConnection: close\r\n\r\n");
}

/* The actual request's response: passes the CORS check in every mode, so
 * that the page's fetch() outcome mirrors the preflight's. */
static void pf_actual(conn *c, int head)
{
    sb_str(&c->out, "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ");
    sb_str(&c->out, origin_a);
    sb_str(&c->out, "\r\nAccess-Control-Allow-Credentials: true\r\n"
                    "Content-Length: 1\r\nConnection: close\r\n\r\n");
    if (!head) sb_str(&c->out, "1");
}

/* The page's answers, then the server's own record per row:
 * "s<index><TAB>preflights<TAB>actual requests<TAB>ACRH" (ACRH "-" when
 * no preflight arrived, "(none)" when it had none). */
static int write_pf_results(const char *body, size_t n)
{
    sbuf b = {NULL, 0, 0};
    size_t i;
    int rc;
    sb_put(&b, body, n);
    if (n && body[n - 1] != '\n') sb_str(&b, "\n");
    for (i = 0; i < ptable->n; i++) {
        char tmp[96];
        snprintf(tmp, sizeof tmp, "s%zu\t%lu\t%lu\t", i, n_pre[i], n_act[i]);
        sb_str(&b, tmp);
        sb_str(&b, !n_pre[i] ? "-" : acrh_seen[i] ? acrh_seen[i] : "(none)");
        sb_str(&b, "\n");
    }
    rc = write_results(b.p, b.len);
    free(b.p);
    return rc;
}

/* The CORS response for row i: the row's ACEH lines byte for byte, the
 * probed header (unless a header of that name is already part of every
 * response, or it is ACEH itself), and framing that needs no header a
 * row could ask about beyond those. */
static void cors_case(conn *c, size_t i)
{
    static const char *const fixed[] = {
        "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
        "Content-Length", "Connection", NULL};
    const bt_row *r = &table->rows[i];
    size_t k;
    int probe = 1;
    sb_str(&c->out, "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ");
    sb_str(&c->out, origin_a);
    sb_str(&c->out, "\r\nAccess-Control-Allow-Credentials: true\r\n");
    for (k = 0; k < r->nlines; k++) {
        sb_str(&c->out, "Access-Control-Expose-Headers: ");
        sb_put(&c->out, r->lines[k].p, r->lines[k].len);
        sb_str(&c->out, "\r\n");
    }
    for (k = 0; fixed[k]; k++)
        if (bt_eq_ci(r->name.p, r->name.len, fixed[k])) probe = 0;
    /* Another ACEH line would change the list under test; without lines
     * the row has no ACEH header to find, and the browser must say so. */
    if (bt_eq_ci(r->name.p, r->name.len, "Access-Control-Expose-Headers"))
        probe = 0;
    if (probe) {
        sb_put(&c->out, r->name.p, r->name.len);
        sb_str(&c->out, ": 1\r\n");
    }
    sb_str(&c->out, "Content-Length: 1\r\nConnection: close\r\n\r\n1");
}

/* The witness for line k of row i: that line's bytes as the value of an
 * exposed header, to read back what the browser's HTTP layer made of
 * them. */
static void cors_witness(conn *c, size_t i, size_t k)
{
    const bt_row *r = &table->rows[i];
    sb_str(&c->out, "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ");
    sb_str(&c->out, origin_a);
    sb_str(&c->out, "\r\nAccess-Control-Allow-Credentials: true\r\n"
                    "Access-Control-Expose-Headers: X-Witness\r\n"
                    "X-Witness: ");
    sb_put(&c->out, r->lines[k].p, r->lines[k].len);
    sb_str(&c->out, "\r\nContent-Length: 1\r\nConnection: close\r\n\r\n1");
}

static void route(conn *c, const char *head, size_t hlen, const char *body,
                  size_t blen)
{
    const char *sp1 = memchr(head, ' ', hlen), *sp2;
    char target[256];
    size_t mlen, tlen;
    if (!sp1) goto bad;
    mlen = (size_t)(sp1 - head);
    sp2 = memchr(sp1 + 1, ' ', hlen - mlen - 1);
    if (!sp2) goto bad;
    tlen = (size_t)(sp2 - sp1 - 1);
    if (tlen >= sizeof target) goto bad;
    memcpy(target, sp1 + 1, tlen);
    target[tlen] = '\0';
    /* Every request in the log: when a browser stalls, this shows where. */
    fprintf(stderr, "%s %.*s %s\n", c->side ? "B" : "A", (int)mlen, head,
            target);
    if (c->side == 0) {
        if (mlen == 3 && !memcmp(head, "GET", 3) && !strcmp(target, "/")) {
            if (ptable)
                page_preflight(c);
            else
                page(c);
            return;
        }
        if (mlen == 4 && !memcmp(head, "POST", 4) &&
            !strcmp(target, "/results")) {
            if ((ptable ? write_pf_results(body, blen)
                        : write_results(body, blen)) < 0)
                exit(2);
            done = 1;
            respond_simple(c, "200 OK", "text/plain", "ok\n", 3);
            return;
        }
        if (mlen == 4 && !memcmp(head, "POST", 4) && !strcmp(target, "/log")) {
            fprintf(stderr, "aceh-browser-serve: page error: %.*s\n",
                    (int)(blen > 2000 ? 2000 : blen), body);
            respond_simple(c, "200 OK", "text/plain", "ok\n", 3);
            return;
        }
    } else {
        size_t vlen = 0;
        const char *v = req_header(head, hlen, "Origin", &vlen);
        if (!v || strlen(origin_a) != vlen || memcmp(v, origin_a, vlen) != 0) {
            bad_origin++;
            fprintf(stderr, "aceh-browser-serve: %s without Origin %s\n",
                    target, origin_a);
        }
        if (ptable && !strncmp(target, "/p/", 3)) {
            char *e;
            unsigned long idx = strtoul(target + 3, &e, 10);
            if (e != target + 3 && *e == '\0' && idx < ptable->n) {
                /* A preflight always carries Access-Control-Request-Method
                 * (Fetch); an actual request may be OPTIONS too, when the
                 * row's method normalizes to it. */
                if (mlen == 7 && !memcmp(head, "OPTIONS", 7) &&
                    req_header(head, hlen, "Access-Control-Request-Method",
                               &vlen)) {
                    if (!n_pre[idx]++) {
                        const char *h = req_header(head, hlen,
                            "Access-Control-Request-Headers", &vlen);
                        size_t j;
                        acrh_seen[idx] = h ? malloc(vlen + 1) : NULL;
                        if (h && !acrh_seen[idx]) die_oom();
                        /* Logged as seen; anything odd made visible. */
                        for (j = 0; h && j < vlen; j++)
                            acrh_seen[idx][j] =
                                h[j] > 0x20 && h[j] < 0x7f ? h[j] : '?';
                        if (h) acrh_seen[idx][vlen] = '\0';
                    }
                    pf_preflight(c, (size_t)idx);
                } else {
                    n_act[idx]++;
                    pf_actual(c, mlen == 4 && !memcmp(head, "HEAD", 4));
                }
                return;
            }
        } else if (ptable) {
            /* Nothing else lives on origin B in preflight mode. */
        } else if (mlen == 7 && !memcmp(head, "OPTIONS", 7)) {
            /* A preflight means the page sent a non-simple request. */
            preflights++;
            fprintf(stderr, "aceh-browser-serve: unexpected preflight %s\n",
                    target);
        } else if (mlen == 3 && !memcmp(head, "GET", 3) &&
                   !strncmp(target, "/c/", 3)) {
            char *e;
            unsigned long idx = strtoul(target + 3, &e, 10);
            if (e != target + 3 && *e == '\0' && idx < table->n) {
                cors_case(c, (size_t)idx);
                return;
            }
        } else if (mlen == 3 && !memcmp(head, "GET", 3) &&
                   !strncmp(target, "/w/", 3)) {
            char *e, *e2;
            unsigned long idx = strtoul(target + 3, &e, 10), k;
            if (e != target + 3 && *e == '/') {
                k = strtoul(e + 1, &e2, 10);
                if (e2 != e + 1 && *e2 == '\0' && idx < table->n &&
                    k < table->rows[idx].nlines) {
                    cors_witness(c, (size_t)idx, (size_t)k);
                    return;
                }
            }
        }
    }
    respond_simple(c, "404 Not Found", "text/plain", "no\n", 3);
    return;
bad:
    respond_simple(c, "400 Bad Request", "text/plain", "bad\n", 4);
}

/* Returns 1 when a whole request has arrived and a response is queued. */
static int try_request(conn *c)
{
    const char *p = c->in.p, *end;
    size_t hlen, blen = 0, vlen;
    const char *v;
    if (!p) return 0;
    end = strstr(p, "\r\n\r\n");
    if (!end) return 0;
    hlen = (size_t)(end - p) + 4;
    v = req_header(p, hlen, "Content-Length", &vlen);
    if (v) blen = (size_t)strtoul(v, NULL, 10);
    if (c->in.len < hlen + blen) return 0;
    route(c, p, hlen, p + hlen, blen);
    return 1;
}

int main(int argc, char **argv)
{
    static bt_table t;
    static pf_table pt;
    static conn conns[MAX_CONN];
    struct pollfd pfd[MAX_CONN + 2];
    unsigned short pa = 0, pb = 0;
    int la, lb, i, timeout = argc > 4 ? atoi(argv[4]) : 150;
    char tmp[4096];
    FILE *f;
    time_t deadline;

    if (argc > 1 && !strcmp(argv[1], "--xhr")) {
        use_xhr = 1;
        argc--;
        argv++;
        timeout = argc > 4 ? atoi(argv[4]) : 150;
    }
    if (argc > 1 && !strcmp(argv[1], "--preflight")) {
        if (argc < 5) goto usage;
        if (pf_load(&pt, argv[2]) < 0) return 2;
        ptable = &pt;
        n_pre = calloc(pt.n, sizeof *n_pre);
        n_act = calloc(pt.n, sizeof *n_act);
        acrh_seen = calloc(pt.n, sizeof *acrh_seen);
        if (!n_pre || !n_act || !acrh_seen) die_oom();
        argc--;
        argv++;
        timeout = argc > 4 ? atoi(argv[4]) : 150;
    } else {
        if (argc < 4) goto usage;
        if (bt_load(&t, argv[1]) < 0) return 2;
        table = &t;
    }
    signal(SIGPIPE, SIG_IGN);
    results_path = argv[2];
    la = listen_on("127.0.0.1", &pa);
    lb = listen_on("127.0.0.2", &pb);
    if (la < 0 || lb < 0) return 2;
    snprintf(origin_a, sizeof origin_a, "http://127.0.0.1:%u", pa);
    snprintf(origin_b, sizeof origin_b, "http://127.0.0.2:%u", pb);
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[3]);
    f = fopen(tmp, "w");
    if (!f || fprintf(f, "%s/\n", origin_a) < 0 || fclose(f) != 0 ||
        rename(tmp, argv[3]) != 0) {
        fprintf(stderr, "aceh-browser-serve: %s: %s\n", argv[3],
                strerror(errno));
        return 2;
    }
    for (i = 0; i < MAX_CONN; i++) conns[i].fd = -1;
    deadline = time(NULL) + timeout;

    for (;;) {
        int n = 0, live = 0, r;
        int map[MAX_CONN + 2];
        if (time(NULL) > deadline) {
            fprintf(stderr, "aceh-browser-serve: no results after %d s\n",
                    timeout);
            return 3;
        }
        for (i = 0; i < MAX_CONN; i++) {
            if (conns[i].fd < 0) continue;
            /* Once the results are in, only responses still being
             * written matter; idle speculative connections are dropped. */
            if (done && !conns[i].writing) {
                close(conns[i].fd);
                conns[i].fd = -1;
                free(conns[i].in.p);
                free(conns[i].out.p);
                continue;
            }
            live++;
            pfd[n].fd = conns[i].fd;
            pfd[n].events = conns[i].writing ? POLLOUT : POLLIN;
            map[n++] = i;
        }
        if (done && live == 0) break;
        if (live < MAX_CONN && !done) {
            pfd[n].fd = la;
            pfd[n].events = POLLIN;
            map[n++] = -1;
            pfd[n].fd = lb;
            pfd[n].events = POLLIN;
            map[n++] = -2;
        }
        r = poll(pfd, (nfds_t)n, 1000);
        if (r < 0) {
            if (errno == EINTR) continue;
            perror("aceh-browser-serve: poll");
            return 2;
        }
        for (i = 0; i < n; i++) {
            conn *c;
            if (!pfd[i].revents) continue;
            if (map[i] < 0) {
                int fd = accept(map[i] == -1 ? la : lb, NULL, NULL), k;
                if (fd < 0) continue;
                for (k = 0; k < MAX_CONN && conns[k].fd >= 0; k++)
                    ;
                if (k == MAX_CONN || fcntl(fd, F_SETFL, O_NONBLOCK) < 0) {
                    close(fd);
                    continue;
                }
                memset(&conns[k], 0, sizeof conns[k]);
                conns[k].fd = fd;
                conns[k].side = map[i] == -1 ? 0 : 1;
                continue;
            }
            c = &conns[map[i]];
            if (!c->writing) {
                char rb[16384];
                ssize_t got = read(c->fd, rb, sizeof rb);
                if (got > 0 && c->in.len + (size_t)got <= MAX_REQUEST) {
                    sb_put(&c->in, rb, (size_t)got);
                    if (try_request(c)) c->writing = 1;
                    continue;
                }
                if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            } else {
                ssize_t put = write(c->fd, c->out.p + c->outoff,
                                    c->out.len - c->outoff);
                if (put > 0) {
                    c->outoff += (size_t)put;
                    if (c->outoff < c->out.len) continue;
                    shutdown(c->fd, SHUT_WR);
                } else if (put < 0 && (errno == EAGAIN || errno == EINTR)) {
                    continue;
                }
            }
            close(c->fd);
            c->fd = -1;
            free(c->in.p);
            free(c->out.p);
        }
    }
    if (bad_origin || preflights)
        fprintf(stderr,
                "aceh-browser-serve: %lu requests without the page origin, "
                "%lu preflights\n",
                bad_origin, preflights);
    if (ptable) pf_free(&pt);
    else bt_free(&t);
    return bad_origin || preflights ? 2 : 0;
usage:
    fputs("usage: aceh-browser-serve [--xhr] [--preflight] TABLE RESULTS READY "
          "[TIMEOUT]\n",
          stderr);
    return 2;
}
