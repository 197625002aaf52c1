// The in-process ApiClient over a fake handler: copies on the wire, errors as Status, watches.
import { describe, expect, it } from 'vitest';
import { inProcessClient } from './inprocess';
import { fakeHandler } from '../../tests/lib/fake-handler';
import type { WatchHandle } from '../api/client';

const COLL = '/api/v1/namespaces/default/configmaps';
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });

describe('inProcessClient', () => {
  it('passes requests through and copies bodies both ways', async () => {
    const h = fakeHandler();
    const c = inProcessClient(h, { afterRequest: () => h.runDue() });
    const body = cm('one');
    const res = await c.request({ verb: 'POST', path: COLL, body, contentType: 'application/json' });
    expect(res.status).toBe(201);
    // The server must not have kept our object, and we must not hold the server's.
    expect(h.seen[0].body).not.toBe(body);
    (res.body as { data: Record<string, string> }).data.a = 'changed';
    const got = await c.request({ verb: 'GET', path: `${COLL}/one` });
    expect((got.body as { data: Record<string, string> }).data.a).toBe('1');
    expect(h.dueRuns).toBe(2);
  });

  it('turns thrown errors into Status responses', async () => {
    const c = inProcessClient(fakeHandler());
    const boom = await c.request({ verb: 'GET', path: '/boom' });
    expect(boom.status).toBe(500);
    expect(boom.body).toMatchObject({ kind: 'Status', reason: 'InternalError', message: 'Internal error occurred: kaboom' });
    const nf = await c.request({ verb: 'GET', path: '/status-error' });
    expect(nf.status).toBe(404);
    expect(nf.body).toMatchObject({ reason: 'NotFound', message: 'widgets "w" not found' });
  });

  it('watches: replayed and live events, close ends the iterator and stops the subscription', async () => {
    const h = fakeHandler();
    const c = inProcessClient(h);
    await c.request({ verb: 'POST', path: COLL, body: cm('a') });
    const w = (await c.watch({ path: COLL, query: { resourceVersion: '0' } })) as WatchHandle;
    expect(h.seen.at(-1)?.query).toEqual({ resourceVersion: '0', watch: 'true' });
    expect(h.openWatches()).toBe(1);
    await c.request({ verb: 'POST', path: COLL, body: cm('b') });
    await c.request({ verb: 'DELETE', path: `${COLL}/a` });
    const seen: string[] = [];
    for await (const ev of w) {
      seen.push(`${ev.type} ${ev.object.metadata.name}`);
      if (seen.length === 3) w.close();
    }
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'DELETED a']);
    expect(h.openWatches()).toBe(0);
  });

  it('returns the error response when a watch is refused', async () => {
    const c = inProcessClient(fakeHandler());
    const r = await c.watch({ path: '/api/v1/nope' });
    expect('status' in r && r.status).toBe(404);
  });
});

describe('the in-process copy', () => {
  it('gives what a JSON round trip gives', async () => {
    const odd = { a: 1, b: undefined, c: [1, undefined, { d: NaN }], e: { f: 'x', g: null }, h: Infinity };
    const handler = {
      handle: () => ({ status: 200, body: odd, contentType: 'application/json' }),
      watch: () => ({ stop() {} }),
    };
    const client = inProcessClient(handler as never);
    const res = await client.request({ verb: 'GET', path: '/x' });
    expect(res.body).toEqual(JSON.parse(JSON.stringify(odd)));
    expect(res.body).not.toBe(odd);
  });
});

describe('a transferable response', () => {
  const handlerOf = (res: object) => ({ handle: () => res, watch: () => ({ stop() {} }) }) as never;

  it('is handed over as it is, without the flag', async () => {
    const table = { kind: 'Table', rows: [{ cells: ['a'], object: { metadata: Object.freeze({ name: 'a' }) } }] };
    const res = await inProcessClient(handlerOf({ status: 200, body: table, contentType: 'application/json', transferable: true })).request({ verb: 'GET', path: '/x' });
    expect(res.body).toBe(table);
    expect(res).toEqual({ status: 200, body: table, contentType: 'application/json' });
  });

  it('is copied when the server did not mark it', async () => {
    const table = { kind: 'Table', rows: [] };
    const res = await inProcessClient(handlerOf({ status: 200, body: table, contentType: 'application/json', transferable: false })).request({ verb: 'GET', path: '/x' });
    expect(res.body).not.toBe(table);
    expect(res.body).toEqual(table);
    expect('transferable' in res).toBe(false);
  });
});
