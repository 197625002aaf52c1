// The IndexedDB schema, versioned. MIGRATIONS[n] takes a database at version n-1 to version n
// inside the upgrade (versionchange) transaction; opening runs every step from the stored version
// up to DB_VERSION in order, so a database left by any earlier release upgrades in one open. A
// step that throws aborts the upgrade and leaves the old database untouched.
//
// Version history:
//   1  playgrounds (id) · snapshots (playgroundId → one state, stored as objects) · settings (key)
//   2  + progress ([playgroundId, learner], index byLearner) · playgrounds index byUpdated
//   3  snapshots keyed [playgroundId, seq], the last two kept per playground, the state stored as
//      one JSON string with its length (fast to write, cheap to check); v1/v2 records converted
//   4  + deltas ([playgroundId, gen, seq]): incremental saves (incremental.ts). A snapshot record
//      is now the base of a generation (gen = its seq) and the deltas after it hold the objects
//      changed since; the two newest generations are kept. v3 snapshots are valid bases with no
//      deltas, so they stay as they are.
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { PlaygroundState } from './types';

export const DB_NAME = 'kubeplay';

export const STORES = {
  playgrounds: 'playgrounds',
  snapshots: 'snapshots',
  deltas: 'deltas',
  settings: 'settings',
  progress: 'progress',
} as const;
export type StoreName = (typeof STORES)[keyof typeof STORES];

/** A stored snapshot (version 3 on). `json` is a PlaygroundState; `length` is json.length. */
export interface SnapshotRecord {
  playgroundId: string;
  /** Increases with every save of this playground; the two highest are kept. */
  seq: number;
  /** Wall-clock ms. */
  savedAt: number;
  virtualTime: number;
  length: number;
  json: string;
}

/** How many generations are kept per playground (the newest, and the one before to fall back to). */
export const KEEP_SNAPSHOTS = 2;

/** A saved change (version 4 on): `json` is a DeltaBody (incremental.ts); `length` is json.length. */
export interface DeltaRecord {
  playgroundId: string;
  /** The generation: the seq of the snapshot record this delta applies to. */
  gen: number;
  /** 1, 2, ... within the generation, applied in order. */
  seq: number;
  savedAt: number;
  virtualTime: number;
  length: number;
  json: string;
}

/** The shape of a version 1 (and 2) snapshot record, for the migration and its test. */
export interface SnapshotRecordV1 {
  playgroundId: string;
  savedAt: number;
  cluster: PlaygroundState['cluster'];
  files: PlaygroundState['files'];
  history: string[];
  namespace: string;
}

type Db = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
export type Migration = (db: Db, tx: UpgradeTx) => Promise<void> | void;

export const MIGRATIONS: Record<number, Migration> = {
  1(db) {
    db.createObjectStore('playgrounds', { keyPath: 'id' });
    db.createObjectStore('snapshots', { keyPath: 'playgroundId' });
    db.createObjectStore('settings', { keyPath: 'key' });
  },
  2(db, tx) {
    const progress = db.createObjectStore('progress', { keyPath: ['playgroundId', 'learner'] });
    progress.createIndex('byLearner', 'learner');
    tx.objectStore('playgrounds').createIndex('byUpdated', 'updatedAt');
  },
  async 3(db, tx) {
    const old = (await tx.objectStore('snapshots').getAll()) as Partial<SnapshotRecordV1>[];
    db.deleteObjectStore('snapshots');
    const store = db.createObjectStore('snapshots', { keyPath: ['playgroundId', 'seq'] });
    for (const r of old) {
      if (typeof r?.playgroundId !== 'string') continue;
      const now = r.cluster?.now;
      const state = { cluster: r.cluster, files: r.files ?? { version: 1, entries: [] }, history: r.history ?? [], namespace: r.namespace ?? 'default', virtualTime: now };
      const json = JSON.stringify(state);
      const rec: SnapshotRecord = { playgroundId: r.playgroundId, seq: 1, savedAt: r.savedAt ?? 0, virtualTime: typeof now === 'number' ? now : 0, length: json.length, json };
      await store.put(rec);
    }
  },
  4(db) {
    db.createObjectStore('deltas', { keyPath: ['playgroundId', 'gen', 'seq'] });
  },
};

export const DB_VERSION = Math.max(...Object.keys(MIGRATIONS).map(Number));

/** Runs the migrations from oldVersion (exclusive) to newVersion (inclusive), in order. */
export async function upgrade(db: Db, tx: UpgradeTx, oldVersion: number, newVersion: number): Promise<void> {
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const m = MIGRATIONS[v];
    if (!m) throw new Error(`no migration to database version ${v}`);
    await m(db, tx);
  }
}
