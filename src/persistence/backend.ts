// Two backends behind one small transactional interface, so the store's logic (retention,
// fallback, validation) is written once: IndexedDB through idb, and an in-memory map for when
// IndexedDB is missing or refuses to open (private mode, quota, a blocked upgrade). Both commit a
// transaction's writes all together or not at all.
import { wrap, type IDBPDatabase } from 'idb';
import { DB_VERSION, STORES, upgrade, type StoreName } from './schema';
import type { Msg, StoreError } from './types';

export type Key = string | number | (string | number)[];
/** The leading parts of an array key: a string stands for [string]. */
export type Prefix = string | (string | number)[];
const prefixOf = (p: Prefix): (string | number)[] => (typeof p === 'string' ? [p] : p);

export interface TxView {
  get<T>(store: StoreName, key: Key): Promise<T | undefined>;
  getAll<T>(store: StoreName): Promise<T[]>;
  /** Records of a store keyed [...prefix, ...] (a string: [first, ...]), in key order. */
  getAllFor<T>(store: StoreName, prefix: Prefix): Promise<T[]>;
  /** Keys of a store keyed [...prefix, ...], in key order (reads no values). */
  keysFor(store: StoreName, prefix: Prefix): Promise<Key[]>;
  put(store: StoreName, value: unknown): Promise<void>;
  delete(store: StoreName, key: Key): Promise<void>;
}

export interface Backend {
  readonly persistent: boolean;
  /** Runs fn in one transaction over `stores`; its writes commit together, or none if it throws. */
  run<T>(stores: StoreName[], mode: 'readonly' | 'readwrite', fn: (tx: TxView) => Promise<T>): Promise<T>;
  close(): void;
  /** Set when the database was closed under us (a newer version opened in another tab, storage cleared). */
  readonly closedReason?: string;
}

// ---------- errors ----------

const MESSAGES: Record<StoreError['code'], Msg> = {
  quota: { en: 'The browser refused to store more data (storage quota exceeded). Your last saved state is kept.', zh: '浏览器拒绝保存更多数据（存储配额已满）。上次保存的状态仍然保留。' },
  blocked: { en: 'Another tab with an older version of kubeplay is keeping the database open. Close it and reload.', zh: '另一个运行旧版 kubeplay 的标签页占用着数据库。请关闭它并重新加载。' },
  closed: { en: 'The database was closed (kubeplay was updated in another tab, or site data was cleared). Reload the page.', zh: '数据库已关闭（kubeplay 在另一个标签页中已更新，或网站数据被清除）。请重新加载页面。' },
  corrupt: { en: 'A stored record is damaged.', zh: '一条已保存的记录已损坏。' },
  'not-found': { en: 'No such playground.', zh: '没有这个练习场。' },
  invalid: { en: 'Invalid value.', zh: '无效的值。' },
  unknown: { en: 'Storage failed.', zh: '存储失败。' },
};

export function storeError(code: StoreError['code'], detail?: string, message: Msg = MESSAGES[code]): StoreError {
  return { code, message, detail };
}

/** Thrown inside a transaction to abort it with a typed error. */
export class TxAbort extends Error {
  constructor(readonly error: StoreError) {
    super(error.detail ?? error.message.en);
  }
}

/** Maps whatever a backend threw (DOMException, TxAbort, anything) to a StoreError. */
export function classify(e: unknown): StoreError {
  if (e instanceof TxAbort) return e.error;
  const name = (e as { name?: string })?.name ?? '';
  const text = `${name}: ${String((e as Error)?.message ?? e)}`;
  if (name === 'QuotaExceededError' || /quota/i.test(text)) return storeError('quota', text);
  if (name === 'InvalidStateError') return storeError('closed', text);
  if (name === 'DataCloneError' || name === 'DataError') return storeError('invalid', text);
  return storeError('unknown', text);
}

// ---------- IndexedDB ----------

export interface IdbOpenOptions {
  factory: IDBFactory;
  keyRange: typeof IDBKeyRange;
  name: string;
  /** How long to wait on a blocked upgrade before giving up (ms). */
  blockedTimeoutMs: number;
}

/** Opens (and upgrades) the database; never throws, never leaves an open that hangs. */
export function openIdb(o: IdbOpenOptions): Promise<{ ok: true; backend: Backend } | { ok: false; error: StoreError }> {
  return new Promise((resolve) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let upgradeError: unknown;
    const done = (r: { ok: true; backend: Backend } | { ok: false; error: StoreError }) => {
      if (timer) clearTimeout(timer);
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    let req: IDBOpenDBRequest;
    try {
      req = o.factory.open(o.name, DB_VERSION);
    } catch (e) {
      return done({ ok: false, error: classify(e) });
    }
    req.onupgradeneeded = (ev) => {
      const raw = req.transaction!;
      const wtx = wrap(raw);
      wtx.done.catch(() => undefined); // an aborted upgrade is reported through req.onerror
      upgrade(wrap(req.result) as IDBPDatabase<unknown>, wtx as never, ev.oldVersion, ev.newVersion ?? DB_VERSION).catch((e) => {
        upgradeError = e;
        try {
          raw.abort();
        } catch {
          // already finished
        }
      });
    };
    req.onblocked = () => {
      timer ??= setTimeout(() => done({ ok: false, error: storeError('blocked', 'open blocked by another connection') }), o.blockedTimeoutMs);
    };
    req.onsuccess = () => {
      const db = req.result;
      if (settled) return db.close(); // gave up waiting (blocked): do not keep a late connection
      done({ ok: true, backend: new IdbBackend(db, o.keyRange) });
    };
    req.onerror = (ev) => {
      ev.preventDefault?.();
      const e = upgradeError ?? req.error;
      const err = classify(e);
      if (upgradeError) err.detail = `upgrade failed: ${err.detail}`;
      done({ ok: false, error: err });
    };
  });
}

class IdbBackend implements Backend {
  readonly persistent = true;
  private readonly db: IDBPDatabase<unknown>;
  closedReason?: string;

  constructor(raw: IDBDatabase, private readonly keyRange: typeof IDBKeyRange) {
    this.db = wrap(raw) as IDBPDatabase<unknown>;
    // Never block another tab's upgrade: close and report 'closed' from then on.
    raw.onversionchange = () => {
      this.closedReason = 'a newer version of the database was opened in another tab';
      raw.close();
    };
    raw.onclose = () => (this.closedReason ??= 'the browser closed the database');
  }

  private range(prefix: Prefix): IDBKeyRange {
    // Array keys sort after numbers and strings, so [...p, []] bounds every [...p, x].
    const p = prefixOf(prefix);
    return this.keyRange.bound(p, [...p, []]);
  }

  async run<T>(stores: StoreName[], mode: 'readonly' | 'readwrite', fn: (tx: TxView) => Promise<T>): Promise<T> {
    if (this.closedReason) throw new TxAbort(storeError('closed', this.closedReason));
    const tx = this.db.transaction(stores, mode);
    // Observe completion at once so an abort never surfaces as an unhandled rejection.
    const done = tx.done.then(
      () => undefined,
      (e: unknown) => e ?? tx.error ?? new Error('transaction aborted'),
    );
    const view: TxView = {
      get: (s, k) => tx.objectStore(s).get(k as IDBValidKey) as Promise<never>,
      getAll: (s) => tx.objectStore(s).getAll() as Promise<never>,
      getAllFor: (s, first) => tx.objectStore(s).getAll(this.range(first)) as Promise<never>,
      keysFor: (s, first) => tx.objectStore(s).getAllKeys(this.range(first)) as Promise<Key[]>,
      put: async (s, v) => void (await tx.objectStore(s).put!(v)),
      delete: async (s, k) => void (await tx.objectStore(s).delete!(k as IDBValidKey)),
    };
    let result: T;
    try {
      result = await fn(view);
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already committed or aborted
      }
      await done;
      throw e;
    }
    const err = await done;
    if (err) throw err;
    return result;
  }

  close(): void {
    this.closedReason ??= 'closed';
    this.db.close();
  }
}

// ---------- memory ----------

const KEY_PATHS: Record<StoreName, string | string[]> = {
  [STORES.playgrounds]: 'id',
  [STORES.snapshots]: ['playgroundId', 'seq'],
  [STORES.deltas]: ['playgroundId', 'gen', 'seq'],
  [STORES.settings]: 'key',
  [STORES.progress]: ['playgroundId', 'learner'],
};

function keyOf(store: StoreName, v: unknown): Key {
  const kp = KEY_PATHS[store];
  const r = v as Record<string, string | number>;
  return Array.isArray(kp) ? kp.map((k) => r[k]) : r[kp];
}

const keyText = (k: Key) => JSON.stringify(k);

function compareKeys(a: Key, b: Key): number {
  const aa = Array.isArray(a) ? a : [a];
  const bb = Array.isArray(b) ? b : [b];
  for (let i = 0; i < Math.min(aa.length, bb.length); i++) {
    const x = aa[i];
    const y = bb[i];
    if (x === y) continue;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1; // numbers before strings, as IndexedDB
    return x < y ? -1 : 1;
  }
  return aa.length - bb.length;
}

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

/** The same API without persistence: the app keeps working and says it will not survive a reload. */
export class MemoryBackend implements Backend {
  readonly persistent = false;
  private data = new Map<StoreName, Map<string, { key: Key; value: unknown }>>(Object.values(STORES).map((s) => [s, new Map()]));
  /** Serialises transactions, like IndexedDB does for overlapping readwrite scopes. */
  private queue: Promise<unknown> = Promise.resolve();

  run<T>(stores: StoreName[], mode: 'readonly' | 'readwrite', fn: (tx: TxView) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.exec(stores, mode, fn));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async exec<T>(stores: StoreName[], mode: 'readonly' | 'readwrite', fn: (tx: TxView) => Promise<T>): Promise<T> {
    const staged = new Map(stores.map((s) => [s, new Map(this.data.get(s)!)]));
    const table = (s: StoreName) => {
      const t = staged.get(s);
      if (!t) throw Object.assign(new Error(`store ${s} is not in this transaction`), { name: 'NotFoundError' });
      return t;
    };
    const under = (k: Key, p: (string | number)[]) => Array.isArray(k) && k.length > p.length && p.every((x, i) => k[i] === x);
    const sorted = (s: StoreName, prefix?: Prefix) =>
      [...table(s).values()].filter((e) => prefix === undefined || under(e.key, prefixOf(prefix))).sort((a, b) => compareKeys(a.key, b.key));
    const writable = () => {
      if (mode !== 'readwrite') throw Object.assign(new Error('read-only transaction'), { name: 'ReadOnlyError' });
    };
    const view: TxView = {
      get: async (s, k) => clone(table(s).get(keyText(k))?.value) as never,
      getAll: async (s) => sorted(s).map((e) => clone(e.value)) as never,
      getAllFor: async (s, first) => sorted(s, first).map((e) => clone(e.value)) as never,
      keysFor: async (s, first) => sorted(s, first).map((e) => e.key),
      put: async (s, v) => {
        writable();
        const key = keyOf(s, v);
        table(s).set(keyText(key), { key, value: clone(v) });
      },
      delete: async (s, k) => {
        writable();
        table(s).delete(keyText(k));
      },
    };
    const result = await fn(view);
    if (mode === 'readwrite') for (const [s, t] of staged) this.data.set(s, t);
    return result;
  }

  close(): void {}
}
