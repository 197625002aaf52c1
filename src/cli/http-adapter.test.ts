// The Node HTTP adapter, driven over real sockets both raw (headers, chunking, disconnects)
// and through src/transport/http.ts (which it also tests).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestListener, toApiRequest } from './http-adapter';
import { httpClient, parseWarnings } from '../transport/http';
import { fakeHandler, type FakeHandler } from '../../tests/lib/fake-handler';
import type { WatchHandle } from '../api/client';

const COLL = '/api/v1/namespaces/default/configmaps';
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

let h: FakeHandler;
let server: Server;
let base: string;
let logs: string[];

beforeEach(async () => {
  h = fakeHandler();
  logs = [];
  server = createServer(createRequestListener(h, { afterRequest: () => h.runDue(), log: (l) => logs.push(l), onError: () => {} }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** Waits until `cond` holds, polling; sockets and timers need real turns of the event loop. */
async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const t = Date.now();
  while (!cond()) {
    if (Date.now() - t > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('toApiRequest', () => {
  it('parses path, first query values, + as space, headers and bodies', () => {
    const r = toApiRequest('GET', '/api/v1/pods?labelSelector=a+in+(x,y)&limit=500&limit=1', { accept: 'application/json' }, Buffer.alloc(0));
    expect(r).toEqual({ verb: 'GET', path: '/api/v1/pods', query: { labelSelector: 'a in (x,y)', limit: '500' }, accept: 'application/json' });
    const p = toApiRequest('POST', '/x', { 'content-type': 'application/vnd.kubernetes.protobuf' }, Buffer.from([0x6b, 0x38, 0x73, 0]));
    expect(p.body).toBe('k8s\u0000');
    const j = toApiRequest('POST', '/x', { 'content-type': 'application/json' }, Buffer.from('{"a":1}'));
    expect(j.body).toBe('{"a":1}');
  });
});

describe('http adapter + httpClient', () => {
  it('serves requests with status, content type, JSON body and runs due work after each', async () => {
    const c = httpClient(base);
    const created = await c.request({ verb: 'POST', path: COLL, body: cm('a') });
    expect(created.status).toBe(201);
    expect(created.contentType).toBe('application/json');
    expect(h.seen[0].contentType).toBe('application/json');
    expect(h.seen[0].body).toBe(JSON.stringify(cm('a')));
    const dup = await c.request({ verb: 'POST', path: COLL, body: cm('a') });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ kind: 'Status', reason: 'AlreadyExists' });
    const list = await c.request({ verb: 'GET', path: COLL, query: { limit: '500' }, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    expect((list.body as { items: unknown[] }).items).toHaveLength(1);
    expect(h.seen[2].accept).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(h.dueRuns).toBe(3);
    await until(() => logs.length === 3);
    expect(logs[0]).toMatch(/^POST \/api\/v1\/namespaces\/default\/configmaps 201 \d+ms$/);
  });

  it('passes text/plain, warnings, and answers 500 / 415 / 405 without dying', async () => {
    const c = httpClient(base);
    const text = await c.request({ verb: 'GET', path: '/text' });
    expect(text).toMatchObject({ status: 200, body: 'hello\n', contentType: 'text/plain' });
    const warn = await c.request({ verb: 'GET', path: '/warn' });
    expect(warn.warnings).toEqual(['unknown field "spec.x"', 'say "hi"']);
    const boom = await c.request({ verb: 'GET', path: '/boom' });
    expect(boom.status).toBe(500);
    expect(boom.body).toMatchObject({ reason: 'InternalError' });
    // Protobuf of a kind without a schema reaches the handler byte for byte (it answers 415)...
    const widget = new Uint8Array([0x6b, 0x38, 0x73, 0, 0x0a, 0x08, 0x12, 0x06, ...Buffer.from('Widget')]);
    const pb = await c.request({ verb: 'POST', path: COLL, body: widget, contentType: 'application/vnd.kubernetes.protobuf' });
    expect(pb.status).toBe(415);
    expect(h.seen.at(-1)?.body).toBe('k8s\u0000\n\b\u0012\u0006Widget');
    // ...and a malformed one is the adapter's BadRequest, naming the route's kind.
    const seen = h.seen.length;
    const bad = await c.request({ verb: 'POST', path: COLL, body: new Uint8Array([0x6b, 0x38, 0x73, 0, 1]), contentType: 'application/vnd.kubernetes.protobuf' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ reason: 'BadRequest', message: 'the object provided is unrecognized (must be of type ConfigMap): proto: illegal tag 0 (wire type 1) (6b38730001)' });
    expect(h.seen.length).toBe(seen);
    const opt = await fetch(base + '/api', { method: 'OPTIONS' });
    expect(opt.status).toBe(405);
    expect((await c.request({ verb: 'GET', path: '/text' })).status).toBe(200);
  });

  it('flushes watch headers before any event and streams one JSON line per event', async () => {
    const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      httpRequest(`${base}${COLL}?watch=1`, resolve).on('error', reject).end();
    });
    // We got headers although no event was written yet: the flushHeaders trap.
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    let data = '';
    res.on('data', (c) => (data += c));
    await httpClient(base).request({ verb: 'POST', path: COLL, body: cm('x') });
    await until(() => data.includes('\n'));
    expect(JSON.parse(data.trim())).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'x' } } });
    // A client going away stops the subscription (res 'close', not req 'close').
    res.destroy();
    await until(() => h.openWatches() === 0);
  });

  it('watch via httpClient: replay, live events, close', async () => {
    const c = httpClient(base);
    await c.request({ verb: 'POST', path: COLL, body: cm('a') });
    const w = (await c.watch({ path: COLL, query: { resourceVersion: '0' } })) as WatchHandle;
    expect(h.seen.at(-1)?.query).toEqual({ resourceVersion: '0', watch: 'true' });
    await c.request({ verb: 'DELETE', path: `${COLL}/a` });
    const seen: string[] = [];
    for await (const ev of w) {
      seen.push(`${ev.type} ${ev.object.metadata.name}`);
      if (seen.length === 2) w.close();
    }
    expect(seen).toEqual(['ADDED a', 'DELETED a']);
    await until(() => h.openWatches() === 0);
  });

  it('ends a watch after timeoutSeconds and answers refused watches with their Status', async () => {
    const c = httpClient(base);
    const t = Date.now();
    const w = (await c.watch({ path: COLL, query: { timeoutSeconds: '1' } })) as WatchHandle;
    for await (const _ of w) void _;
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
    expect(h.openWatches()).toBe(0);
    const refused = await c.watch({ path: '/api/v1/nope' });
    expect('status' in refused && refused.status).toBe(404);
  });

  it('streams a followed log and stops it on disconnect', async () => {
    const plain = await httpClient(base).request({ verb: 'GET', path: '/api/v1/namespaces/default/pods/p/log' });
    expect(plain.body).toBe('line 1\nline 2\n');
    const ac = new AbortController();
    const res = await fetch(`${base}/api/v1/namespaces/default/pods/p/log?follow=true`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toBe('text/plain');
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let text = dec.decode((await reader.read()).value);
    h.log('line 2');
    text += dec.decode((await reader.read()).value);
    expect(text).toBe('line 1\nline 2\n');
    ac.abort();
    await until(() => h.openWatches() === 0);
    // And a stream the server ends closes the response.
    const res2 = await fetch(`${base}/api/v1/namespaces/default/pods/p/log?follow=1`);
    await until(() => h.openWatches() === 1);
    h.log('bye', true);
    expect(await res2.text()).toBe('line 1\nbye\n');
  });

  it('parses warning headers', () => {
    expect(parseWarnings('299 - "a, b", 299 - "c \\"q\\""')).toEqual(['a, b', 'c "q"']);
    expect(parseWarnings(null)).toEqual([]);
  });
});
