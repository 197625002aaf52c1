import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { openStore, type PersistenceStore } from './store';
import { syntheticState, typicalChange } from './bench';
import { MAX_DELTAS, Tracker, stateJson } from './incremental';
import { dbName, playgroundWithDeployment, restorePlayground, stateOf } from './testing';
import type { PlaygroundState } from './types';
import type { KubeObject } from '../api/types';

const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v));

async function withPlayground(name: string, first: PlaygroundState): Promise<{ s: PersistenceStore; id: string }> {
  const s = await openStore({ name });
  const m = await s.createPlayground('x');
  if (!m.ok) throw new Error();
  const r = await s.saveSnapshot(m.value.id, first);
  if (!r.ok) throw new Error(r.error.message.en);
  return { s, id: m.value.id };
}

async function load(name: string, id: string) {
  const s = await openStore({ name });
  const l = await s.loadSnapshot(id);
  s.close();
  if (!l.ok || !l.value) throw new Error(JSON.stringify(l));
  return l.value;
}

/** Rewrites one stored record in place (damage on disk, a bad extension, ...). */
async function damage(name: string, store: string, key: IDBValidKey, f: (rec: { json: string; length: number }) => object) {
  const db = await openDB(name);
  await db.put(store, f(await db.get(store, key)));
  db.close();
}

const pod = (ns: string, name: string, rv: number): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, uid: `${ns}-${name}`, resourceVersion: String(rv) }, spec: {} }) as unknown as KubeObject;

function withPods(base: PlaygroundState, pods: KubeObject[], revision: number): PlaygroundState {
  return { ...base, cluster: { ...base.cluster, store: { revision, resources: { ...base.cluster.store.resources, pods } } } };
}

describe('incremental saves', () => {
  it('writes only what changed in a real playground, and loads back exactly that state', async () => {
    const name = dbName('inc');
    const pg = await playgroundWithDeployment();
    const { s, id } = await withPlayground(name, stateOf(pg));
    const res = pg.cluster.api.handle({ verb: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web/scale', body: { spec: { replicas: 4 } }, contentType: 'application/merge-patch+json' });
    expect(res.status).toBe(200);
    pg.cluster.advance(30_000);
    pg.fs.writeFile('/root/notes.txt', 'scaled to 4\n');
    const after = stateOf(pg);
    const r = await s.saveSnapshot(id, after);
    if (!r.ok) throw new Error(r.error.message.en);
    const total = Object.values(after.cluster.store.resources).reduce((n, l) => n + l.length, 0);
    expect(r.value.delta).toBe(1);
    expect(r.value.objects).toBeGreaterThan(0);
    expect(r.value.objects).toBeLessThan(total / 2);
    expect(r.value.length).toBeLessThan(JSON.stringify(after).length / 2);
    s.close();
    const l = await load(name, id);
    expect(l).toMatchObject({ deltas: 1 });
    expect(l.state).toEqual(plain(after));
    const { pg: again, fs } = restorePlayground(l.state);
    expect(again.cluster.store.list('pods', { namespace: 'default' }).items.filter((p) => p.metadata.name!.startsWith('web-'))).toHaveLength(4);
    expect(fs.readFile('/root/notes.txt')).toBe('scaled to 4\n');
  });

  it('replays adds and deletes across namespaces in the store\'s order', async () => {
    const name = dbName('order');
    const base = syntheticState(0, 1000);
    const first = withPods(base, [pod('a', 'x', 1), pod('a-b', 'y', 2), pod('b', 'z', 3)], 3);
    const { s, id } = await withPlayground(name, first);
    // Sorted as the store lists: namespace with a '/' after it ("a-b/" < "a/"), then name.
    const second = withPods(base, [pod('a-b', 'a', 5), pod('a-b', 'y', 4), pod('a', 'x', 1), pod('b', 'w', 6)], 6);
    second.cluster.store.resources.events = [pod('a', 'e1', 6)];
    expect(await s.saveSnapshot(id, second)).toMatchObject({ ok: true, value: { delta: 1, objects: 5 } }); // 3 put, y updated, z deleted, e1 added
    const third = { ...second, cluster: { ...second.cluster, store: { revision: 7, resources: { pods: second.cluster.store.resources.pods } } }, history: ['ls'], namespace: 'b' };
    expect(await s.saveSnapshot(id, third)).toMatchObject({ ok: true, value: { delta: 2, objects: 1 } }); // the events resource is gone
    s.close();
    const l = await load(name, id);
    expect(l.deltas).toBe(2);
    expect(l.state).toEqual(plain(third));
  });

  it('treats copies with the same uid and resourceVersion as unchanged (a restored playground)', () => {
    const st = syntheticState(50);
    const t = new Tracker(1, 0, 1, 0, st);
    const copy = plain(st);
    expect(t.diff(copy)).toEqual({ put: [], del: [] });
    const edited = plain(st);
    edited.cluster.store.resources.pods[7] = { ...edited.cluster.store.resources.pods[7], metadata: { ...edited.cluster.store.resources.pods[7].metadata, resourceVersion: '51' } };
    edited.cluster.store.resources.pods.splice(3, 1);
    const d = t.diff(edited);
    expect(d.put.map((p) => p.object.metadata.resourceVersion)).toEqual(['51']);
    expect(d.del.map((x) => x.key)).toEqual([`default/${st.cluster.store.resources.pods[3].metadata.name}`]);
  });

  it('builds a whole state with the same JSON as JSON.stringify', () => {
    const st = typicalChange(syntheticState(20), 1);
    expect(stateJson(st, (_r, o) => JSON.stringify(o))).toBe(JSON.stringify(st));
    const t = new Tracker(1, 0, 1, 0, st);
    expect(stateJson(st, (r, o) => t.jsonOf(r, o))).toBe(JSON.stringify(st));
  });

  it('starts a new generation when the deltas pile up, keeping the previous one whole', async () => {
    const name = dbName('gen');
    let st = syntheticState(20, 1000);
    const { s, id } = await withPlayground(name, st);
    // At most MAX_DELTAS deltas (fewer when their size reaches half the base's plus the slack).
    let switchAt = 0;
    for (let i = 1; i <= MAX_DELTAS + 3 && (!switchAt || i < switchAt + 3); i++) {
      st = typicalChange(st, i);
      const r = await s.saveSnapshot(id, st);
      if (!r.ok) throw new Error(r.error.message.en);
      if (!switchAt && r.value.delta === 0) switchAt = i;
      expect(r.value).toMatchObject(!switchAt ? { seq: 1, delta: i } : { seq: 2, delta: i - switchAt });
    }
    expect(switchAt).toBeGreaterThan(10);
    expect(switchAt).toBeLessThanOrEqual(MAX_DELTAS + 1);
    s.close();
    const db = await openDB(name);
    expect(await db.getAllKeys('snapshots')).toEqual([[id, 1], [id, 2]]);
    const deltaKeys = (await db.getAllKeys('deltas')) as [string, number, number][];
    expect(deltaKeys.filter((k) => k[1] === 1)).toHaveLength(switchAt - 1);
    expect(deltaKeys.filter((k) => k[1] === 2).map((k) => k[2])).toEqual([1, 2]);
    db.close();
    const l = await load(name, id);
    expect(l).toMatchObject({ seq: 2, deltas: 2 });
    expect(l.state).toEqual(plain(st));
  });

  it('a damaged delta loses only itself and what came after it; saving goes on from there', async () => {
    const name = dbName('dmg');
    const states = [syntheticState(10, 1000)];
    const { s, id } = await withPlayground(name, states[0]);
    for (let i = 1; i <= 3; i++) {
      states.push(typicalChange(states[i - 1], i));
      expect((await s.saveSnapshot(id, states[i])).ok).toBe(true);
    }
    s.close();
    await damage(name, 'deltas', [id, 1, 2], (rec) => ({ ...rec, json: rec.json.slice(0, -5) })); // truncated
    const s2 = await openStore({ name });
    const l = await s2.loadSnapshot(id);
    if (!l.ok || !l.value) throw new Error();
    expect(l.value.deltas).toBe(1);
    expect(l.value.state).toEqual(plain(states[1]));
    expect(l.value.recovered?.error.code).toBe('corrupt');
    expect(l.value.recovered?.error.message.en).toMatch(/change #1\.2 is damaged \(length/);
    const next = typicalChange(states[1], 9);
    expect(await s2.saveSnapshot(id, next)).toMatchObject({ ok: true, value: { seq: 1, delta: 2 } });
    s2.close();
    const again = await load(name, id);
    expect(again.recovered).toBeUndefined();
    expect(again.state).toEqual(plain(next));
  });

  it('a delta that parses but leads to an invalid state is dropped too', async () => {
    const name = dbName('bad');
    const first = syntheticState(5, 1000);
    const { s, id } = await withPlayground(name, first);
    const second = typicalChange(first, 1);
    expect((await s.saveSnapshot(id, second)).ok).toBe(true);
    expect((await s.saveSnapshot(id, typicalChange(second, 2))).ok).toBe(true);
    s.close();
    await damage(name, 'deltas', [id, 1, 2], (rec) => {
      const json = rec.json.replace('"namespace":"default"', '"namespace":"Not A Namespace"');
      return { ...rec, json, length: json.length };
    });
    const l = await load(name, id);
    expect(l.deltas).toBe(1);
    expect(l.state).toEqual(plain(second));
    expect(l.recovered?.error.message.en).toMatch(/change #1\.2 is damaged/);
  });

  it('a damaged base falls back to the previous generation with all its deltas', async () => {
    const name = dbName('base');
    let st = syntheticState(5, 1000);
    const { s, id } = await withPlayground(name, st);
    let lastOfFirst = st;
    for (let i = 1; ; i++) {
      const next = typicalChange(st, i);
      const r = await s.saveSnapshot(id, next);
      if (!r.ok) throw new Error(r.error.message.en);
      if (r.value.delta === 0) break; // a new generation began with this save
      lastOfFirst = st = next;
    }
    s.close();
    await damage(name, 'snapshots', [id, 2], (rec) => ({ ...rec, json: rec.json.replace('"version":1', '"version":2') }));
    const l = await load(name, id);
    expect(l).toMatchObject({ seq: 1, recovered: { discardedSeq: 2 } });
    expect(l.deltas).toBeGreaterThan(10);
    // The previous generation ends where the new one began: the state before the last save.
    expect(l.state).toEqual(plain(lastOfFirst));
  });

  it('a flush that fails mid-transaction leaves the previous state; the next one writes everything since', async () => {
    const name = dbName('crash');
    const first = syntheticState(5, 1000);
    const { s, id } = await withPlayground(name, first);
    const second = typicalChange(first, 1);
    const proto = (globalThis as { IDBObjectStore: { prototype: IDBObjectStore } }).IDBObjectStore.prototype;
    const put = proto.put;
    proto.put = function (this: IDBObjectStore, v: unknown, k?: IDBValidKey) {
      if (this.name === 'playgrounds') throw new DOMException('disk gone', 'UnknownError'); // after the delta's put
      return put.call(this, v, k);
    };
    try {
      expect(await s.saveSnapshot(id, second)).toMatchObject({ ok: false });
    } finally {
      proto.put = put;
    }
    expect((await load(name, id)).state).toEqual(plain(first));
    const third = typicalChange(second, 2);
    expect(await s.saveSnapshot(id, third)).toMatchObject({ ok: true, value: { delta: 1 } });
    s.close();
    expect((await load(name, id)).state).toEqual(plain(third));
  });

  it('never adds a delta on top of saves made elsewhere (a tab that took over)', async () => {
    const name = dbName('tabs');
    const first = syntheticState(5, 1000);
    const { s: a, id } = await withPlayground(name, first);
    const b = await openStore({ name });
    expect((await b.loadSnapshot(id)).ok).toBe(true);
    const byA = typicalChange(first, 1);
    expect(await a.saveSnapshot(id, byA)).toMatchObject({ ok: true, value: { delta: 1 } });
    const byB = typicalChange(first, 2);
    expect(await b.saveSnapshot(id, byB)).toMatchObject({ ok: true, value: { seq: 2, delta: 0 } });
    expect(await b.saveSnapshot(id, typicalChange(byB, 3))).toMatchObject({ ok: true, value: { seq: 2, delta: 1 } });
    a.close();
    b.close();
    expect((await load(name, id)).state).toEqual(plain(typicalChange(byB, 3)));
  });
});
