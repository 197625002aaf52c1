// The persistence API the worker uses: playgrounds, their latest consistent state, settings and
// lesson progress. Every call resolves to a typed Result; nothing throws out (quota exceeded, a
// blocked upgrade, a closed database and damaged records all come back as errors the UI can show).
// A save is one transaction (state + the playground's updatedAt), so what is stored is always one
// whole state; the two newest states are kept and a load falls back to the older when the newer
// fails validation.
import { classify, MemoryBackend, openIdb, storeError, TxAbort, type Backend, type Key } from './backend';
import { DB_NAME, KEEP_SNAPSHOTS, STORES, type SnapshotRecord } from './schema';
import { checkJsonSafety, validateProgress, validateState } from './validate';
import {
  DEFAULT_SETTINGS,
  fail,
  ok,
  type PlaygroundMeta,
  type PlaygroundState,
  type Progress,
  type Result,
  type Settings,
  type StoreError,
} from './types';

export interface OpenOptions {
  /** Database name (tests use one each). Default 'kubeplay'. */
  name?: string;
  /** The IndexedDB factory; default globalThis.indexedDB. null forces the memory store. */
  indexedDB?: IDBFactory | null;
  keyRange?: typeof IDBKeyRange;
  /** Wall clock for createdAt/updatedAt/savedAt. */
  now?: () => number;
  newId?: () => string;
  /** Give up on an upgrade blocked by another tab after this long (ms). Default 3000. */
  blockedTimeoutMs?: number;
}

export interface CreateOptions {
  topology?: string;
  seed?: number;
  /** A first state, saved in the same transaction (import, share links, duplicating). */
  state?: PlaygroundState;
  id?: string;
}

export interface LoadedSnapshot {
  state: PlaygroundState;
  seq: number;
  savedAt: number;
  /** Set when the newest stored state was damaged and an older one was loaded instead. */
  recovered?: { discardedSeq: number; error: StoreError };
}

export interface SaveInfo {
  seq: number;
  /** Characters of JSON written. */
  length: number;
  validateMs: number;
  serializeMs: number;
  /** The transaction, from opening it to its completion. */
  writeMs: number;
}

export interface SaveOptions {
  /** Validate the state before writing (default true; costs a pass over the objects). */
  validate?: boolean;
}

export interface PersistenceStore {
  /** false: an in-memory store (IndexedDB missing or refused); nothing survives a reload. */
  readonly persistent: boolean;
  /** Why the store is in memory, for the banner that says so. */
  readonly fallbackReason?: StoreError;
  listPlaygrounds(): Promise<Result<PlaygroundMeta[]>>;
  getPlayground(id: string): Promise<Result<PlaygroundMeta>>;
  createPlayground(name: string, opts?: CreateOptions): Promise<Result<PlaygroundMeta>>;
  renamePlayground(id: string, name: string): Promise<Result<PlaygroundMeta>>;
  /** Deletes the playground, its states and its progress; clears currentPlayground if it was this one. */
  deletePlayground(id: string): Promise<Result<void>>;
  /** The newest valid state; ok(null) when none was ever saved. */
  loadSnapshot(id: string): Promise<Result<LoadedSnapshot | null>>;
  saveSnapshot(id: string, state: PlaygroundState, opts?: SaveOptions): Promise<Result<SaveInfo>>;
  getSettings(): Promise<Result<Settings>>;
  setSettings(patch: Partial<Settings>): Promise<Result<Settings>>;
  getProgress(playgroundId: string, learner?: string): Promise<Result<Progress | null>>;
  setProgress(progress: Progress): Promise<Result<Progress>>;
  /** Progress records (of one learner when given). */
  listProgress(learner?: string): Promise<Result<Progress[]>>;
  /** Replaces several progress records in one transaction (import). */
  putProgress(records: Progress[]): Promise<Result<number>>;
  close(): void;
}

export const DEFAULT_LEARNER = 'me';
const MAX_NAME = 100;
const MAX_TERMINAL_HISTORY = 1000;

function defaultId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `pg-${Date.now().toString(36)}-${(++idCounter).toString(36)}`;
}
let idCounter = 0;

const perfNow = () => (globalThis.performance ? performance.now() : Date.now());

/**
 * Opens the kubeplay database (creating or upgrading it). When IndexedDB is missing or refuses,
 * resolves to an in-memory store with the same API and `persistent: false`. Never rejects.
 */
export async function openStore(opts: OpenOptions = {}): Promise<PersistenceStore> {
  const factory = opts.indexedDB === undefined ? (globalThis as { indexedDB?: IDBFactory }).indexedDB : opts.indexedDB;
  const keyRange = opts.keyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange;
  if (!factory || !keyRange) return new Store(new MemoryBackend(), opts, storeError('unknown', 'IndexedDB is not available', NO_IDB));
  const r = await openIdb({ factory, keyRange, name: opts.name ?? DB_NAME, blockedTimeoutMs: opts.blockedTimeoutMs ?? 3000 });
  if (!r.ok) return new Store(new MemoryBackend(), opts, r.error);
  return new Store(r.backend, opts);
}

const NO_IDB = {
  en: 'This browser does not offer storage here (private mode?): the playground runs in memory and is lost on reload.',
  zh: '此浏览器在此处不提供存储（无痕模式？）：练习场在内存中运行，重新加载后将丢失。',
};

/** An in-memory store, for hosts without IndexedDB and for tests. */
export function memoryStore(opts: Omit<OpenOptions, 'indexedDB'> = {}): PersistenceStore {
  return new Store(new MemoryBackend(), opts, storeError('unknown', 'memory store', NO_IDB));
}

function checkName(name: unknown): string | StoreError {
  const n = typeof name === 'string' ? name.trim() : '';
  if (!n || n.length > MAX_NAME || /[\u0000-\u001f]/.test(n))
    return storeError('invalid', `name ${JSON.stringify(name)}`, { en: `A playground name is 1 to ${MAX_NAME} characters.`, zh: `练习场名称为 1 到 ${MAX_NAME} 个字符。` });
  return n;
}

function notFound(id: string): TxAbort {
  return new TxAbort(storeError('not-found', `playground ${id}`, { en: `No playground with id "${id}".`, zh: `没有 id 为 "${id}" 的练习场。` }));
}

/** Parses and validates one stored snapshot record. */
export function decodeRecord(rec: SnapshotRecord): Result<PlaygroundState> {
  const corrupt = (detail: string) =>
    fail<PlaygroundState>('corrupt', { en: `The saved state #${rec?.seq} is damaged (${detail}).`, zh: `已保存的状态 #${rec?.seq} 已损坏（${detail}）。` }, detail);
  if (!rec || typeof rec.json !== 'string') return corrupt('no state text');
  if (rec.json.length !== rec.length) return corrupt(`length ${rec.json.length}, expected ${rec.length}`);
  let v: unknown;
  try {
    v = JSON.parse(rec.json);
  } catch (e) {
    return corrupt(`JSON: ${(e as Error).message}`);
  }
  const safe = checkJsonSafety(v);
  if (!safe.ok) return corrupt(safe.message.en);
  const c = validateState(v);
  if (!c.ok) return corrupt(c.message.en);
  return ok(v as PlaygroundState);
}

class Store implements PersistenceStore {
  readonly persistent: boolean;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly backend: Backend,
    opts: OpenOptions,
    readonly fallbackReason?: StoreError,
  ) {
    this.persistent = backend.persistent;
    this.now = opts.now ?? (() => Date.now());
    this.newId = opts.newId ?? defaultId;
  }

  /** Runs a transaction and turns every failure into a typed error. */
  private async tx<T>(stores: string[], mode: 'readonly' | 'readwrite', fn: Parameters<Backend['run']>[2]): Promise<Result<T>> {
    try {
      return ok((await this.backend.run(stores as never, mode, fn)) as T);
    } catch (e) {
      return { ok: false, error: classify(e) };
    }
  }

  listPlaygrounds(): Promise<Result<PlaygroundMeta[]>> {
    return this.tx([STORES.playgrounds], 'readonly', async (t) => {
      const all = await t.getAll<PlaygroundMeta>(STORES.playgrounds);
      return all.sort((a, b) => b.updatedAt - a.updatedAt || (a.name < b.name ? -1 : 1));
    });
  }

  getPlayground(id: string): Promise<Result<PlaygroundMeta>> {
    return this.tx([STORES.playgrounds], 'readonly', async (t) => {
      const m = await t.get<PlaygroundMeta>(STORES.playgrounds, id);
      if (!m) throw notFound(id);
      return m;
    });
  }

  async createPlayground(name: string, opts: CreateOptions = {}): Promise<Result<PlaygroundMeta>> {
    const n = checkName(name);
    if (typeof n !== 'string') return { ok: false, error: n };
    let json: string | undefined;
    if (opts.state) {
      const c = validateState(opts.state);
      if (!c.ok) return fail('invalid', c.message, c.path);
      json = JSON.stringify(opts.state);
    }
    const t0 = this.now();
    const meta: PlaygroundMeta = {
      id: opts.id ?? this.newId(),
      name: n,
      createdAt: t0,
      updatedAt: t0,
      seed: opts.seed ?? opts.state?.cluster.seed ?? 1,
      ...((opts.topology ?? opts.state?.cluster.options.topology) !== undefined ? { topology: opts.topology ?? opts.state?.cluster.options.topology } : {}),
    };
    return this.tx([STORES.playgrounds, STORES.snapshots], 'readwrite', async (t) => {
      if (await t.get(STORES.playgrounds, meta.id))
        throw new TxAbort(storeError('invalid', `id ${meta.id} exists`, { en: `A playground with id "${meta.id}" already exists.`, zh: `id 为 "${meta.id}" 的练习场已存在。` }));
      await t.put(STORES.playgrounds, meta);
      if (json !== undefined && opts.state) {
        const rec: SnapshotRecord = { playgroundId: meta.id, seq: 1, savedAt: t0, virtualTime: opts.state.virtualTime, length: json.length, json };
        await t.put(STORES.snapshots, rec);
      }
      return meta;
    });
  }

  async renamePlayground(id: string, name: string): Promise<Result<PlaygroundMeta>> {
    const n = checkName(name);
    if (typeof n !== 'string') return { ok: false, error: n };
    return this.tx([STORES.playgrounds], 'readwrite', async (t) => {
      const m = await t.get<PlaygroundMeta>(STORES.playgrounds, id);
      if (!m) throw notFound(id);
      const next = { ...m, name: n, updatedAt: this.now() };
      await t.put(STORES.playgrounds, next);
      return next;
    });
  }

  deletePlayground(id: string): Promise<Result<void>> {
    return this.tx([STORES.playgrounds, STORES.snapshots, STORES.progress, STORES.settings], 'readwrite', async (t) => {
      if (!(await t.get(STORES.playgrounds, id))) throw notFound(id);
      await t.delete(STORES.playgrounds, id);
      for (const k of await t.keysFor(STORES.snapshots, id)) await t.delete(STORES.snapshots, k);
      for (const k of await t.keysFor(STORES.progress, id)) await t.delete(STORES.progress, k);
      const cur = await t.get<{ key: string; value: unknown }>(STORES.settings, 'currentPlayground');
      if (cur?.value === id) await t.put(STORES.settings, { key: 'currentPlayground', value: null });
    });
  }

  async loadSnapshot(id: string): Promise<Result<LoadedSnapshot | null>> {
    const read = await this.tx<SnapshotRecord[]>([STORES.snapshots], 'readonly', (t) => t.getAllFor(STORES.snapshots, id));
    if (!read.ok) return read;
    const recs = read.value.sort((a, b) => b.seq - a.seq);
    if (!recs.length) return ok(null);
    const bad: { seq: number; error: StoreError }[] = [];
    for (const rec of recs) {
      const d = decodeRecord(rec);
      if (!d.ok) {
        bad.push({ seq: rec.seq, error: d.error });
        continue;
      }
      const loaded: LoadedSnapshot = { state: d.value, seq: rec.seq, savedAt: rec.savedAt };
      if (bad.length) {
        loaded.recovered = { discardedSeq: bad[0].seq, error: bad[0].error };
        // Drop the damaged newer states, so the next save keeps this good one as the fallback.
        await this.tx([STORES.snapshots], 'readwrite', async (t) => {
          for (const b of bad) await t.delete(STORES.snapshots, [id, b.seq]);
        });
      }
      return ok(loaded);
    }
    const e = bad[0].error;
    return fail('corrupt', { en: `Every saved state of this playground is damaged: ${e.message.en}`, zh: `此练习场所有已保存的状态都已损坏：${e.message.zh}` }, e.detail);
  }

  async saveSnapshot(id: string, state: PlaygroundState, opts: SaveOptions = {}): Promise<Result<SaveInfo>> {
    const t0 = perfNow();
    if (opts.validate !== false) {
      const c = validateState(state);
      if (!c.ok) return fail('invalid', c.message, c.path);
    }
    const t1 = perfNow();
    let json: string;
    try {
      json = JSON.stringify(state);
    } catch (e) {
      return fail('invalid', { en: `The state cannot be serialised: ${(e as Error).message}`, zh: `状态无法序列化：${(e as Error).message}` });
    }
    const t2 = perfNow();
    const savedAt = this.now();
    const r = await this.tx<number>([STORES.playgrounds, STORES.snapshots], 'readwrite', async (t) => {
      const meta = await t.get<PlaygroundMeta>(STORES.playgrounds, id);
      if (!meta) throw notFound(id);
      const keys = (await t.keysFor(STORES.snapshots, id)) as [string, number][];
      const seqs = keys.map((k) => k[1]).sort((a, b) => b - a);
      const seq = (seqs[0] ?? 0) + 1;
      const rec: SnapshotRecord = { playgroundId: id, seq, savedAt, virtualTime: state.virtualTime, length: json.length, json };
      await t.put(STORES.snapshots, rec);
      for (const old of seqs.slice(KEEP_SNAPSHOTS - 1)) await t.delete(STORES.snapshots, [id, old] as Key);
      await t.put(STORES.playgrounds, { ...meta, updatedAt: savedAt });
      return seq;
    });
    if (!r.ok) return r;
    return ok({ seq: r.value, length: json.length, validateMs: t1 - t0, serializeMs: t2 - t1, writeMs: perfNow() - t2 });
  }

  getSettings(): Promise<Result<Settings>> {
    return this.tx([STORES.settings], 'readonly', async (t) => {
      const out: Settings = { ...DEFAULT_SETTINGS, terminalHistory: [] };
      for (const { key, value } of await t.getAll<{ key: string; value: unknown }>(STORES.settings)) {
        if (key in DEFAULT_SETTINGS && settingProblem(key as keyof Settings, value) === null) (out as unknown as Record<string, unknown>)[key] = value;
      }
      return out;
    });
  }

  async setSettings(patch: Partial<Settings>): Promise<Result<Settings>> {
    const entries = Object.entries(patch ?? {}).filter(([, v]) => v !== undefined);
    for (const [k, v] of entries) {
      const p = settingProblem(k as keyof Settings, v);
      if (p) return fail('invalid', { en: `Setting ${k}: ${p.en}`, zh: `设置 ${k}：${p.zh}` }, k);
    }
    const w = await this.tx([STORES.settings], 'readwrite', async (t) => {
      for (const [key, value] of entries) await t.put(STORES.settings, { key, value: key === 'terminalHistory' ? (value as string[]).slice(-MAX_TERMINAL_HISTORY) : value });
    });
    if (!w.ok) return w;
    return this.getSettings();
  }

  getProgress(playgroundId: string, learner = DEFAULT_LEARNER): Promise<Result<Progress | null>> {
    return this.tx([STORES.progress], 'readonly', async (t) => (await t.get<Progress>(STORES.progress, [playgroundId, learner])) ?? null);
  }

  async setProgress(progress: Progress): Promise<Result<Progress>> {
    const r = await this.putProgress([progress]);
    return r.ok ? ok(progress) : r;
  }

  async putProgress(records: Progress[]): Promise<Result<number>> {
    for (const p of records) {
      const c = validateProgress(p);
      if (!c.ok) return fail('invalid', c.message, c.path);
    }
    return this.tx([STORES.progress], 'readwrite', async (t) => {
      for (const p of records) await t.put(STORES.progress, p);
      return records.length;
    });
  }

  listProgress(learner?: string): Promise<Result<Progress[]>> {
    return this.tx([STORES.progress], 'readonly', async (t) => (await t.getAll<Progress>(STORES.progress)).filter((p) => learner === undefined || p.learner === learner));
  }

  close(): void {
    this.backend.close();
  }
}

/** null when the value is acceptable for the setting. */
function settingProblem(key: keyof Settings, v: unknown): { en: string; zh: string } | null {
  switch (key) {
    case 'language':
      return v === 'en' || v === 'zh' ? null : { en: 'must be "en" or "zh"', zh: '必须是 "en" 或 "zh"' };
    case 'theme':
      return v === 'dark' || v === 'light' ? null : { en: 'must be "dark" or "light"', zh: '必须是 "dark" 或 "light"' };
    case 'speed':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10_000 ? null : { en: 'must be a number from 0 to 10000', zh: '必须是 0 到 10000 之间的数' };
    case 'currentPlayground':
      return v === null || typeof v === 'string' ? null : { en: 'must be a playground id or null', zh: '必须是练习场 id 或 null' };
    case 'terminalHistory':
      return Array.isArray(v) && v.every((s) => typeof s === 'string') ? null : { en: 'must be a list of strings', zh: '必须是字符串列表' };
    default:
      return { en: 'unknown setting', zh: '未知的设置' };
  }
}
