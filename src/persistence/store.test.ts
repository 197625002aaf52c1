import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openStore, memoryStore, decodeRecord } from './store';
import { WriteBehind } from './writebehind';
import { syntheticState, benchPersistence } from './bench';
import { dbName, playgroundWithDeployment, restorePlayground, stateOf } from './testing';
import type { PlaygroundState } from './types';
import { restoreCluster } from '../cluster/cluster';

describe('playgrounds', () => {
  it('creates, lists, renames and deletes', async () => {
    let t = 1000;
    const s = await openStore({ name: dbName(), now: () => t++ });
    expect(s.persistent).toBe(true);
    const a = await s.createPlayground('first');
    const b = await s.createPlayground('  second  ', { topology: 'minikube', seed: 7 });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.value).toMatchObject({ name: 'second', topology: 'minikube', seed: 7 });
    let list = await s.listPlaygrounds();
    expect(list.ok && list.value.map((p) => p.name)).toEqual(['second', 'first']); // newest first
    const r = await s.renamePlayground(a.value.id, 'renamed');
    expect(r.ok && r.value.name).toBe('renamed');
    list = await s.listPlaygrounds();
    expect(list.ok && list.value.map((p) => p.name)).toEqual(['renamed', 'second']);
    await s.setSettings({ currentPlayground: a.value.id });
    await s.saveSnapshot(a.value.id, syntheticState(3));
    await s.setProgress({ playgroundId: a.value.id, learner: 'me', lessons: { '01-intro': { completed: ['a'], step: 1, done: false, updatedAt: 1 } } });
    expect((await s.deletePlayground(a.value.id)).ok).toBe(true);
    list = await s.listPlaygrounds();
    expect(list.ok && list.value.map((p) => p.name)).toEqual(['second']);
    expect(await s.loadSnapshot(a.value.id)).toEqual({ ok: true, value: null });
    expect(await s.getProgress(a.value.id)).toEqual({ ok: true, value: null });
    const st = await s.getSettings();
    expect(st.ok && st.value.currentPlayground).toBe(null);
    s.close();
  });

  it('returns typed errors instead of throwing', async () => {
    const s = await openStore({ name: dbName() });
    const bad = await s.createPlayground('   ');
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!bad.ok && bad.error.message.zh).toMatch(/练习场/);
    expect(await s.renamePlayground('nope', 'x')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await s.deletePlayground('nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await s.saveSnapshot('nope', syntheticState(1))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const pg = await s.createPlayground('x');
    if (!pg.ok) throw new Error();
    const broken = { ...syntheticState(1), namespace: 'Not A Namespace' } as PlaygroundState;
    expect(await s.saveSnapshot(pg.value.id, broken)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await s.setSettings({ language: 'fr' as never })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await s.setProgress({ playgroundId: 'x', learner: 'me', lessons: { a: { step: -1 } } } as never)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    s.close();
    // After close every call is a 'closed' error, not an exception.
    expect(await s.listPlaygrounds()).toMatchObject({ ok: false, error: { code: 'closed' } });
  });

  it('keeps settings and progress', async () => {
    const name = dbName();
    const s = await openStore({ name });
    expect(await s.getSettings()).toEqual({ ok: true, value: { language: 'en', theme: 'dark', speed: 1, currentPlayground: null, terminalHistory: [] } });
    await s.setSettings({ language: 'zh', theme: 'light', speed: 60, terminalHistory: ['kubectl get pods', 'ls'] });
    await s.setProgress({ playgroundId: 'p1', learner: 'me', lessons: { 'bootcamp/01': { completed: ['s1', 's2'], step: 2, done: false, updatedAt: 5 } } });
    s.close();
    const s2 = await openStore({ name });
    expect(await s2.getSettings()).toEqual({ ok: true, value: { language: 'zh', theme: 'light', speed: 60, currentPlayground: null, terminalHistory: ['kubectl get pods', 'ls'] } });
    const p = await s2.getProgress('p1');
    expect(p.ok && p.value?.lessons['bootcamp/01'].completed).toEqual(['s1', 's2']);
    s2.close();
  });
});

describe('snapshots', () => {
  it('restores a saved playground into a new Playground', async () => {
    const name = dbName();
    const pg = await playgroundWithDeployment();
    const before = stateOf(pg);
    const s = await openStore({ name });
    const meta = await s.createPlayground('web');
    if (!meta.ok) throw new Error();
    expect((await s.saveSnapshot(meta.value.id, before)).ok).toBe(true);
    s.close();

    const s2 = await openStore({ name });
    const loaded = await s2.loadSnapshot(meta.value.id);
    if (!loaded.ok || !loaded.value) throw new Error(JSON.stringify(loaded));
    expect(loaded.value.state).toEqual(JSON.parse(JSON.stringify(before)));
    // The store comes back exactly: same objects, same revision, same virtual time.
    const bare = restoreCluster(loaded.value.state.cluster as never, { controllers: false });
    expect(bare.store.revision()).toBe(before.cluster.store.revision);
    expect(bare.clock.now()).toBe(before.virtualTime);
    expect(JSON.parse(JSON.stringify(bare.snapshot().store))).toEqual(JSON.parse(JSON.stringify(before.cluster.store)));
    // A whole Playground restored from it: same virtual time, the Deployment's pods, files, history, namespace.
    const { pg: again, fs } = restorePlayground(loaded.value.state);
    expect(again.cluster.clock.now()).toBe(before.virtualTime);
    const pods = again.cluster.store.list('pods', { namespace: 'default' }).items.filter((p) => p.metadata.name!.startsWith('web-'));
    expect(pods.map((p) => p.metadata.name).sort()).toEqual(before.cluster.store.resources.pods.filter((p) => p.metadata.name!.startsWith('web-')).map((p) => p.metadata.name).sort());
    expect(fs.readFile('/root/web.yaml')).toContain('kind: Deployment');
    expect(again.shell.history.entries).toEqual(['kubectl get pods']);
    expect(again.namespace).toBe('kube-system');
    // The restored cluster keeps working: a scale reaches the pods.
    const res = again.cluster.api.handle({ verb: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web/scale', body: { spec: { replicas: 5 } }, contentType: 'application/merge-patch+json' });
    expect(res.status).toBe(200);
    again.cluster.advance(30_000);
    expect(again.cluster.store.list('pods', { namespace: 'default' }).items.filter((p) => p.metadata.name!.startsWith('web-'))).toHaveLength(5);
    s2.close();
  });

  it('keeps the last two generations and falls back when the newest base is damaged', async () => {
    const name = dbName();
    // No tracker between saves (a new Store each time): every save writes a whole state.
    const meta = await (async () => {
      const s = await openStore({ name });
      const m = await s.createPlayground('x');
      s.close();
      return m;
    })();
    if (!meta.ok) throw new Error();
    const id = meta.value.id;
    for (let i = 1; i <= 4; i++) {
      const s = await openStore({ name });
      expect(await s.saveSnapshot(id, syntheticState(i, 1000 * i))).toMatchObject({ ok: true, value: { seq: i, delta: 0 } });
      s.close();
    }
    const raw = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const keys = await new Promise<IDBValidKey[]>((res) => {
      const r = raw.transaction('snapshots').objectStore('snapshots').getAllKeys();
      r.onsuccess = () => res(r.result);
    });
    expect(keys).toEqual([[id, 3], [id, 4]]);
    // Damage the newest record directly in IndexedDB (a truncated write, a bad extension, ...).
    await new Promise<void>((res) => {
      const tx = raw.transaction('snapshots', 'readwrite');
      const os = tx.objectStore('snapshots');
      const g = os.get([id, 4]);
      g.onsuccess = () => {
        const rec = g.result;
        const json = rec.json.replace('"revision":4', '"revision":"four"');
        os.put({ ...rec, json, length: json.length });
      };
      tx.oncomplete = () => res();
    });
    raw.close();

    const s2 = await openStore({ name });
    const l = await s2.loadSnapshot(id);
    if (!l.ok || !l.value) throw new Error(JSON.stringify(l));
    expect(l.value.seq).toBe(3);
    expect(l.value.state.virtualTime).toBe(3000);
    expect(l.value.recovered?.discardedSeq).toBe(4);
    expect(l.value.recovered?.error.code).toBe('corrupt');
    expect(l.value.recovered?.error.message.en).toMatch(/revision/);
    // The next save continues from the good state.
    expect((await s2.saveSnapshot(id, syntheticState(5, 5000))).ok).toBe(true);
    const again = await s2.loadSnapshot(id);
    expect(again.ok && again.value?.state.virtualTime).toBe(5000);
    s2.close();
  });

  it('reports when every state is damaged', async () => {
    const good = JSON.stringify(syntheticState(1));
    expect(decodeRecord({ playgroundId: 'x', seq: 1, savedAt: 0, virtualTime: 0, length: good.length - 1, json: good })).toMatchObject({ ok: false, error: { code: 'corrupt' } });
    expect(decodeRecord({ playgroundId: 'x', seq: 1, savedAt: 0, virtualTime: 0, length: 3, json: '{"a' })).toMatchObject({ ok: false, error: { code: 'corrupt' } });
    const hostile = good.replace('"metadata":{', '"metadata":{"__proto__":{"x":1},');
    expect(decodeRecord({ playgroundId: 'x', seq: 1, savedAt: 0, virtualTime: 0, length: hostile.length, json: hostile })).toMatchObject({ ok: false, error: { code: 'corrupt' } });
  });

  it('reports quota exceeded as a typed error and keeps the previous state', async () => {
    const s = await openStore({ name: dbName() });
    const meta = await s.createPlayground('x');
    if (!meta.ok) throw new Error();
    await s.saveSnapshot(meta.value.id, syntheticState(2, 2000));
    const proto = Object.getPrototypeOf(indexedDB.open('probe-never-used')) && (globalThis as { IDBObjectStore: { prototype: IDBObjectStore } }).IDBObjectStore.prototype;
    const put = proto.put;
    proto.put = function (this: IDBObjectStore, v: unknown, k?: IDBValidKey) {
      if (this.name === 'snapshots' || this.name === 'deltas') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, v, k);
    };
    try {
      const r = await s.saveSnapshot(meta.value.id, syntheticState(3, 3000));
      expect(r).toMatchObject({ ok: false, error: { code: 'quota' } });
      expect(!r.ok && r.error.message.zh).toMatch(/配额/);
    } finally {
      proto.put = put;
    }
    const l = await s.loadSnapshot(meta.value.id);
    expect(l.ok && l.value?.state.virtualTime).toBe(2000);
    s.close();
  });

  it('flushes 10,000 objects in one transaction and reads them back', async () => {
    const s = await openStore({ name: dbName('10k') });
    const meta = await s.createPlayground('big');
    if (!meta.ok) throw new Error();
    const state = syntheticState(10_000);
    const wb = new WriteBehind({ collect: () => state, save: (st) => s.saveSnapshot(meta.value.id, st) });
    wb.markDirty();
    const r = await wb.flush();
    expect(r.status).toBe('saved');
    const t0 = performance.now();
    const l = await s.loadSnapshot(meta.value.id);
    const loadMs = performance.now() - t0;
    if (!l.ok || !l.value) throw new Error();
    expect(l.value.state.cluster.store.resources.pods).toHaveLength(10_000);
    expect(l.value.state.cluster.store.resources.pods[9999]).toEqual(state.cluster.store.resources.pods[9999]);
    if (r.status === 'saved')
      console.log(
        `[persistence] 10,000 objects (${(r.stats.length / 1024 / 1024).toFixed(1)} MiB JSON) on fake-indexeddb: flush ${r.stats.totalMs.toFixed(1)} ms ` +
          `(validate ${r.stats.validateMs.toFixed(1)}, stringify ${r.stats.serializeMs.toFixed(1)}, transaction ${r.stats.writeMs.toFixed(1)}); load ${loadMs.toFixed(1)} ms`,
      );
    wb.stop();
    s.close();
  });

  it('benchPersistence reports flush and load figures', async () => {
    const b = await benchPersistence({ objects: 2000, runs: 3 });
    expect(b.persistent).toBe(true);
    expect(b.flush.medianMs).toBeGreaterThan(0);
    expect(b.load.medianMs).toBeGreaterThan(0);
    expect(b.method).toMatch(/median of 3/);
  });
});

describe('memory fallback', () => {
  it('runs in memory with the same API when IndexedDB is missing', async () => {
    const s = await openStore({ indexedDB: null });
    expect(s.persistent).toBe(false);
    expect(s.fallbackReason?.message.zh).toMatch(/内存/);
    const m = await s.createPlayground('mem');
    if (!m.ok) throw new Error();
    for (let i = 1; i <= 3; i++) expect((await s.saveSnapshot(m.value.id, syntheticState(i, i))).ok).toBe(true);
    const l = await s.loadSnapshot(m.value.id);
    expect(l.ok && l.value).toMatchObject({ seq: 1, deltas: 2, state: syntheticState(3, 3) });
    await s.setSettings({ theme: 'light' });
    expect((await s.getSettings()).ok).toBe(true);
    expect((await s.deletePlayground(m.value.id)).ok).toBe(true);
    expect(await s.listPlaygrounds()).toEqual({ ok: true, value: [] });
    expect(memoryStore().persistent).toBe(false);
  });

  it('falls back to memory when opening fails', async () => {
    const failing = { open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory;
    const s = await openStore({ indexedDB: failing });
    expect(s.persistent).toBe(false);
    expect(s.fallbackReason?.detail).toMatch(/SecurityError/);
    expect((await s.createPlayground('still works')).ok).toBe(true);
  });

  it('a memory transaction that fails writes nothing', async () => {
    const s = memoryStore();
    const m = await s.createPlayground('a');
    if (!m.ok) throw new Error();
    // 'not-found' aborts the delete transaction; the playground stays.
    expect((await s.deletePlayground('zzz')).ok).toBe(false);
    expect((await s.listPlaygrounds()).ok && ((await s.listPlaygrounds()) as { value: unknown[] }).value).toHaveLength(1);
  });

  it('gives up on an upgrade blocked by another connection and runs in memory', async () => {
    const name = dbName('blocked');
    // An old connection at version 1 that ignores versionchange (an old tab).
    const old = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => {
        for (const s of ['playgrounds', 'snapshots']) r.result.createObjectStore(s, { keyPath: s === 'playgrounds' ? 'id' : 'playgroundId' });
        r.result.createObjectStore('settings', { keyPath: 'key' });
      };
      r.onsuccess = () => res(r.result);
    });
    old.onversionchange = null;
    const s = await openStore({ name, blockedTimeoutMs: 50 });
    expect(s.persistent).toBe(false);
    expect(s.fallbackReason?.code).toBe('blocked');
    old.close();
  });
});
