import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, MIGRATIONS, upgrade, type SnapshotRecordV1 } from './schema';
import { openStore } from './store';
import { syntheticState } from './bench';
import { dbName } from './testing';

/** A database as an older release left it: created by the migrations up to `version`. */
async function openAt(name: string, version: number) {
  return openDB(name, version, { upgrade: (db, old, _n, tx) => upgrade(db as never, tx as never, old, version) });
}

describe('schema migrations', () => {
  it('lists every version from 1 to DB_VERSION', () => {
    expect(DB_VERSION).toBe(4);
    for (let v = 1; v <= DB_VERSION; v++) expect(typeof MIGRATIONS[v]).toBe('function');
  });

  it('creates the current schema on a fresh database', async () => {
    const name = dbName('fresh');
    (await openStore({ name })).close();
    const db = await openDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['deltas', 'playgrounds', 'progress', 'settings', 'snapshots']);
    expect(db.transaction('deltas').store.keyPath).toEqual(['playgroundId', 'gen', 'seq']);
    expect(db.transaction('snapshots').store.keyPath).toEqual(['playgroundId', 'seq']);
    expect([...db.transaction('progress').store.indexNames]).toEqual(['byLearner']);
    db.close();
  });

  it('upgrades a version 1 database with data, keeping playgrounds, snapshots and settings', async () => {
    const name = dbName('v1');
    const st = syntheticState(5, 123_456);
    const db = await openAt(name, 1);
    await db.put('playgrounds', { id: 'p1', name: 'old one', createdAt: 1, updatedAt: 2, seed: 3 });
    const v1: SnapshotRecordV1 = { playgroundId: 'p1', savedAt: 9, cluster: st.cluster, files: st.files, history: ['kubectl get pods'], namespace: 'default' };
    await db.put('snapshots', v1);
    await db.put('snapshots', { playgroundId: 'p2', savedAt: 9 }); // damaged already in v1: converted, then refused on load
    await db.put('settings', { key: 'language', value: 'zh' });
    db.close();

    const s = await openStore({ name });
    expect(s.persistent).toBe(true);
    const list = await s.listPlaygrounds();
    expect(list.ok && list.value.map((p) => p.name)).toEqual(['old one']);
    const l = await s.loadSnapshot('p1');
    if (!l.ok || !l.value) throw new Error(JSON.stringify(l));
    expect(l.value.seq).toBe(1);
    expect(l.value.state.cluster).toEqual(st.cluster);
    expect(l.value.state.history).toEqual(['kubectl get pods']);
    expect(l.value.state.virtualTime).toBe(123_456);
    expect(await s.loadSnapshot('p2')).toMatchObject({ ok: false, error: { code: 'corrupt' } });
    const set = await s.getSettings();
    expect(set.ok && set.value.language).toBe('zh');
    // Version 2's store works after the upgrade.
    expect((await s.setProgress({ playgroundId: 'p1', learner: 'me', lessons: {} })).ok).toBe(true);
    // New saves follow version 4: changes on top of the loaded state.
    for (let i = 0; i < 3; i++) await s.saveSnapshot('p1', syntheticState(2, 200_000 + i));
    const again = await s.loadSnapshot('p1');
    expect(again.ok && again.value).toMatchObject({ seq: 1, deltas: 3, state: { virtualTime: 200_002 } });
    s.close();
    const raw = await openDB(name);
    expect(raw.version).toBe(DB_VERSION);
    expect(await raw.getAllKeys('snapshots')).toEqual([['p1', 1], ['p2', 1]]);
    expect(await raw.getAllKeys('deltas')).toEqual([['p1', 1, 1], ['p1', 1, 2], ['p1', 1, 3]]);
    raw.close();
  });

  it('upgrades a version 3 database: its two states become two generations, loaded and extended as before', async () => {
    const name = dbName('v3');
    const db = await openAt(name, 3);
    const older = syntheticState(3, 1_000);
    const newer = syntheticState(4, 2_000);
    await db.put('playgrounds', { id: 'p1', name: 'v3 one', createdAt: 1, updatedAt: 2, seed: 1 });
    for (const [seq, st] of [[7, older], [8, newer]] as const) {
      const json = JSON.stringify(st);
      await db.put('snapshots', { playgroundId: 'p1', seq, savedAt: seq, virtualTime: st.virtualTime, length: json.length, json });
    }
    db.close();
    const s = await openStore({ name });
    expect(s.persistent).toBe(true);
    const l = await s.loadSnapshot('p1');
    expect(l.ok && l.value).toMatchObject({ seq: 8, deltas: 0, state: newer });
    expect(l.ok && l.value?.recovered).toBeUndefined();
    // A change is saved as a delta on the newest v3 state; the older one stays as the fallback.
    const next = syntheticState(5, 3_000);
    expect(await s.saveSnapshot('p1', next)).toMatchObject({ ok: true, value: { seq: 8, delta: 1, objects: 1 } });
    s.close();
    const raw = await openDB(name);
    expect(raw.version).toBe(4);
    expect(await raw.getAllKeys('snapshots')).toEqual([['p1', 7], ['p1', 8]]);
    expect(await raw.getAllKeys('deltas')).toEqual([['p1', 8, 1]]);
    raw.close();
    const s2 = await openStore({ name });
    const l2 = await s2.loadSnapshot('p1');
    expect(l2.ok && l2.value?.state).toEqual(next);
    s2.close();
  });

  it('upgrades a version 2 database', async () => {
    const name = dbName('v2');
    const db = await openAt(name, 2);
    await db.put('progress', { playgroundId: 'p1', learner: 'me', lessons: { a: { completed: ['x'], step: 1, done: false, updatedAt: 1 } } });
    db.close();
    const s = await openStore({ name });
    const p = await s.getProgress('p1');
    expect(p.ok && p.value?.lessons.a.completed).toEqual(['x']);
    s.close();
  });

  it('a failing upgrade leaves the old database untouched and runs in memory', async () => {
    const name = dbName('broken');
    // A v1 database missing the snapshots store: migration 3 cannot read it and throws.
    const db = await openDB(name, 1, { upgrade: (d) => void d.createObjectStore('playgrounds', { keyPath: 'id' }) });
    await db.put('playgrounds', { id: 'keep', name: 'keep me', createdAt: 1, updatedAt: 1, seed: 1 });
    db.close();
    const s = await openStore({ name });
    expect(s.persistent).toBe(false);
    expect(s.fallbackReason?.detail).toMatch(/upgrade failed/);
    const raw = await openDB(name);
    expect(raw.version).toBe(1);
    expect(await raw.get('playgrounds', 'keep')).toMatchObject({ name: 'keep me' });
    raw.close();
  });
});
