// The persistence API the worker uses: playgrounds, their latest consistent state, settings and
// lesson progress. Every call resolves to a typed Result; nothing throws out (quota exceeded, a
// blocked upgrade, a closed database and damaged records all come back as errors the UI can show).
// A save is one transaction (what changed since the last save, as a delta, or a whole state, plus
// the playground's updatedAt; incremental.ts), so what is stored is always a state that was
// really saved. The two newest generations are kept, and a load falls back past a damaged delta
// or a damaged base to the newest good state before it.
import { classify, MemoryBackend, openIdb, storeError, TxAbort, type Backend, type Key } from './backend';
import { DB_NAME, KEEP_SNAPSHOTS, STORES, type DeltaRecord, type SnapshotRecord } from './schema';
import { applyDeltas, changedPart, deltaJson, isDeltaBody, stateJson, Tracker, type DeltaBody, type Diff } from './incremental';
import type { KubeObject } from '../api/types';
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
  /** The generation: the seq of the whole state the deltas were applied to. */
  seq: number;
  /** How many of its deltas were applied. */
  deltas: number;
  savedAt: number;
  /** Set when the newest stored state was damaged and an older one was loaded instead. */
  recovered?: { discardedSeq: number; error: StoreError };
}

export interface SaveInfo {
  /** The generation written to. */
  seq: number;
  /** The delta's number in it; 0 when a whole state (a new generation) was written. */
  delta: number;
  /** Objects written or deleted (all of them for a whole state without a previous save). */
  objects: number;
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
  /** Renames; `lesson` records the lesson it belongs to (see PlaygroundMeta.lesson). */
  renamePlayground(id: string, name: string, opts?: { lesson?: string }): Promise<Result<PlaygroundMeta>>;
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

/** A stored record's JSON, parsed and checked: its length, the parse, no prototype keys. */
function parseRecord(rec: { json?: unknown; length?: unknown } | undefined, what: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  if (!rec || typeof rec.json !== 'string') return { ok: false, detail: `no ${what} text` };
  if (rec.json.length !== rec.length) return { ok: false, detail: `length ${rec.json.length}, expected ${rec.length}` };
  let v: unknown;
  try {
    v = JSON.parse(rec.json);
  } catch (e) {
    return { ok: false, detail: `JSON: ${(e as Error).message}` };
  }
  const safe = checkJsonSafety(v);
  return safe.ok ? { ok: true, value: v } : { ok: false, detail: safe.message.en };
}

/** Parses and validates one stored snapshot record (the state alone: `validate` false leaves that
 * to the caller, which validates after applying the deltas). */
export function decodeRecord(rec: SnapshotRecord, validate = true): Result<PlaygroundState> {
  const corrupt = (detail: string) =>
    fail<PlaygroundState>('corrupt', { en: `The saved state #${rec?.seq} is damaged (${detail}).`, zh: `已保存的状态 #${rec?.seq} 已损坏（${detail}）。` }, detail);
  const v = parseRecord(rec, 'state');
  if (!v.ok) return corrupt(v.detail);
  if (validate) {
    const c = validateState(v.value);
    if (!c.ok) return corrupt(c.message.en);
  }
  return ok(v.value as PlaygroundState);
}

/** Parses and checks one delta record (the state it leads to is validated after replay). */
export function decodeDelta(rec: DeltaRecord): Result<DeltaBody> {
  const corrupt = (detail: string) =>
    fail<DeltaBody>('corrupt', { en: `The saved change #${rec?.gen}.${rec?.seq} is damaged (${detail}).`, zh: `已保存的更改 #${rec?.gen}.${rec?.seq} 已损坏（${detail}）。` }, detail);
  const v = parseRecord(rec, 'change');
  if (!v.ok) return corrupt(v.detail);
  return isDeltaBody(v.value) ? ok(v.value) : corrupt('not a change record');
}

/**
 * A generation's newest good state: the base, then its deltas in order up to the first damaged
 * one (a missing seq counts as damage), validated whole; a state that fails validation is replayed
 * again with one delta fewer. An error only when the base itself is damaged.
 */
function replay(base: SnapshotRecord, deltas: DeltaRecord[]): Result<{ state: PlaygroundState; applied: number; error?: StoreError }> {
  const bodies: DeltaBody[] = [];
  let error: StoreError | undefined;
  for (const d of deltas) {
    const b = d.seq === bodies.length + 1 ? decodeDelta(d) : fail<DeltaBody>('corrupt', { en: `The saved change #${d.gen}.${bodies.length + 1} is missing.`, zh: `已保存的更改 #${d.gen}.${bodies.length + 1} 缺失。` });
    if (!b.ok) {
      error = b.error;
      break;
    }
    bodies.push(b.value);
  }
  for (let n = bodies.length; ; n--) {
    const d = decodeRecord(base, n === 0);
    if (!d.ok || n === 0) return d.ok ? ok({ state: d.value, applied: 0, error }) : d;
    const state = applyDeltas(d.value, bodies.slice(0, n));
    const c = validateState(state);
    if (c.ok) return ok({ state, applied: n, error });
    error = storeError('corrupt', c.message.en, { en: `The saved change #${base.seq}.${n} is damaged (${c.message.en}).`, zh: `已保存的更改 #${base.seq}.${n} 已损坏（${c.message.zh}）。` });
  }
}

function unserialisable<T>(e: unknown): Result<T> {
  return fail('invalid', { en: `The state cannot be serialised: ${(e as Error).message}`, zh: `状态无法序列化：${(e as Error).message}` });
}

/** Thrown inside a delta's transaction when the stored generation moved on without us. */
const STALE = storeError('unknown', 'stale: the playground was saved elsewhere');

class Store implements PersistenceStore {
  readonly persistent: boolean;
  /** What was last saved or loaded per playground, so a save writes only what changed. */
  private readonly trackers = new Map<string, Tracker>();
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

  async renamePlayground(id: string, name: string, opts: { lesson?: string } = {}): Promise<Result<PlaygroundMeta>> {
    const n = checkName(name);
    if (typeof n !== 'string') return { ok: false, error: n };
    return this.tx([STORES.playgrounds], 'readwrite', async (t) => {
      const m = await t.get<PlaygroundMeta>(STORES.playgrounds, id);
      if (!m) throw notFound(id);
      const next = { ...m, name: n, updatedAt: this.now(), ...(opts.lesson ? { lesson: opts.lesson } : {}) };
      await t.put(STORES.playgrounds, next);
      return next;
    });
  }

  deletePlayground(id: string): Promise<Result<void>> {
    this.trackers.delete(id);
    return this.tx([STORES.playgrounds, STORES.snapshots, STORES.deltas, STORES.progress, STORES.settings], 'readwrite', async (t) => {
      if (!(await t.get(STORES.playgrounds, id))) throw notFound(id);
      await t.delete(STORES.playgrounds, id);
      for (const k of await t.keysFor(STORES.snapshots, id)) await t.delete(STORES.snapshots, k);
      for (const k of await t.keysFor(STORES.deltas, id)) await t.delete(STORES.deltas, k);
      for (const k of await t.keysFor(STORES.progress, id)) await t.delete(STORES.progress, k);
      const cur = await t.get<{ key: string; value: unknown }>(STORES.settings, 'currentPlayground');
      if (cur?.value === id) await t.put(STORES.settings, { key: 'currentPlayground', value: null });
    });
  }

  async loadSnapshot(id: string): Promise<Result<LoadedSnapshot | null>> {
    const read = await this.tx<[SnapshotRecord[], DeltaRecord[]]>([STORES.snapshots, STORES.deltas], 'readonly', async (t) => [
      await t.getAllFor<SnapshotRecord>(STORES.snapshots, id),
      await t.getAllFor<DeltaRecord>(STORES.deltas, id),
    ]);
    if (!read.ok) return read;
    this.trackers.delete(id);
    const bases = read.value[0].sort((a, b) => b.seq - a.seq);
    if (!bases.length) return ok(null);
    const deltasOf = new Map<number, DeltaRecord[]>();
    for (const d of read.value[1]) (deltasOf.get(d.gen) ?? deltasOf.set(d.gen, []).get(d.gen)!).push(d);
    const bad: { seq: number; error: StoreError }[] = [];
    const drop: { bases: number[]; deltas: [number, number][] } = { bases: [], deltas: [] };
    for (const base of bases) {
      const deltas = (deltasOf.get(base.seq) ?? []).sort((a, b) => a.seq - b.seq);
      const r = replay(base, deltas);
      if (!r.ok) {
        bad.push({ seq: base.seq, error: r.error });
        drop.bases.push(base.seq);
        for (const d of deltas) drop.deltas.push([base.seq, d.seq]);
        continue;
      }
      const { state, applied, error } = r.value;
      if (error) bad.push({ seq: base.seq, error });
      for (const d of deltas.slice(applied)) drop.deltas.push([base.seq, d.seq]);
      const last = applied ? deltas[applied - 1] : undefined;
      const loaded: LoadedSnapshot = { state, seq: base.seq, deltas: applied, savedAt: last?.savedAt ?? base.savedAt };
      if (bad.length) {
        loaded.recovered = { discardedSeq: bad[0].seq, error: bad[0].error };
        // Drop the damaged records, so the next save continues from (and keeps) this good state.
        await this.tx([STORES.snapshots, STORES.deltas], 'readwrite', async (t) => {
          for (const b of drop.bases) await t.delete(STORES.snapshots, [id, b]);
          for (const [g, q] of drop.deltas) await t.delete(STORES.deltas, [id, g, q]);
        });
      }
      const chars = deltas.slice(0, applied).reduce((n, d) => n + d.length, 0);
      this.trackers.set(id, new Tracker(base.seq, last?.seq ?? 0, base.length, chars, state));
      return ok(loaded);
    }
    const e = bad[0].error;
    return fail('corrupt', { en: `Every saved state of this playground is damaged: ${e.message.en}`, zh: `此练习场所有已保存的状态都已损坏：${e.message.zh}` }, e.detail);
  }

  async saveSnapshot(id: string, state: PlaygroundState, opts: SaveOptions = {}): Promise<Result<SaveInfo>> {
    const t0 = perfNow();
    let tracker = this.trackers.get(id);
    let diff: Diff | undefined;
    try {
      diff = tracker?.diff(state);
    } catch (e) {
      return unserialisable(e);
    }
    const tDiff = perfNow();
    // Objects unchanged since the last save were validated then: only the changed ones are now.
    const check = () => (opts.validate === false ? { ok: true as const } : validateState(diff ? changedPart(state, diff) : state));
    let c = check();
    if (!c.ok) return fail('invalid', c.message, c.path);
    const t1 = perfNow();
    const savedAt = this.now();
    if (tracker && diff) {
      let json: string;
      try {
        json = deltaJson(state, diff);
      } catch (e) {
        return unserialisable(e);
      }
      if (!tracker.wantsBase(json.length)) {
        const t2 = perfNow();
        const tr = tracker;
        const r = await this.tx<number>([STORES.playgrounds, STORES.snapshots, STORES.deltas], 'readwrite', async (t) => {
          const meta = await t.get<PlaygroundMeta>(STORES.playgrounds, id);
          if (!meta) throw notFound(id);
          // Someone else saved this playground since (another tab before a take-over): a delta
          // would not follow on from what is stored, so a whole state is written instead.
          const gens = ((await t.keysFor(STORES.snapshots, id)) as [string, number][]).map((k) => k[1]);
          const seqs = ((await t.keysFor(STORES.deltas, [id, tr.gen])) as [string, number, number][]).map((k) => k[2]);
          if (Math.max(0, ...gens) !== tr.gen || Math.max(0, ...seqs) !== tr.seq) throw new TxAbort(STALE);
          const rec: DeltaRecord = { playgroundId: id, gen: tr.gen, seq: tr.seq + 1, savedAt, virtualTime: state.virtualTime, length: json.length, json };
          await t.put(STORES.deltas, rec);
          await t.put(STORES.playgrounds, { ...meta, updatedAt: savedAt });
          return rec.seq;
        });
        if (r.ok) {
          tr.commit(diff, { gen: tr.gen, seq: r.value, chars: json.length, base: false });
          return ok({ seq: tr.gen, delta: r.value, objects: diff.put.length + diff.del.length, length: json.length, validateMs: t1 - tDiff, serializeMs: tDiff - t0 + (t2 - t1), writeMs: perfNow() - t2 });
        }
        if (r.error !== STALE) return r;
        this.trackers.delete(id);
        tracker = undefined;
        diff = undefined;
        c = check();
        if (!c.ok) return fail('invalid', c.message, c.path);
      }
    }
    // A whole state: the first save, a new generation, or after someone else's save.
    const tr = tracker ?? new Tracker(0, 0, 0, 0, state);
    const changed = new Map<KubeObject, string>(diff?.put.map((p) => [p.object, p.json]));
    let json: string;
    try {
      // Nothing saved before: one JSON.stringify is the fastest; the objects' own texts are made
      // (and kept) when the first new generation needs them.
      json = tracker ? stateJson(state, (r, o) => changed.get(o) ?? tr.jsonOf(r, o)) : JSON.stringify(state);
    } catch (e) {
      return unserialisable(e);
    }
    const t2 = perfNow();
    const r = await this.tx<number>([STORES.playgrounds, STORES.snapshots, STORES.deltas], 'readwrite', async (t) => {
      const meta = await t.get<PlaygroundMeta>(STORES.playgrounds, id);
      if (!meta) throw notFound(id);
      const seqs = ((await t.keysFor(STORES.snapshots, id)) as [string, number][]).map((k) => k[1]).sort((a, b) => b - a);
      const seq = (seqs[0] ?? 0) + 1;
      const rec: SnapshotRecord = { playgroundId: id, seq, savedAt, virtualTime: state.virtualTime, length: json.length, json };
      await t.put(STORES.snapshots, rec);
      // Keep the previous generation whole (base and deltas) as the fallback; drop older ones
      // (and any leftover deltas numbered for the new one).
      for (const gen of [...seqs.slice(KEEP_SNAPSHOTS - 1), seq]) {
        if (gen !== seq) await t.delete(STORES.snapshots, [id, gen] as Key);
        for (const k of await t.keysFor(STORES.deltas, [id, gen])) await t.delete(STORES.deltas, k);
      }
      await t.put(STORES.playgrounds, { ...meta, updatedAt: savedAt });
      return seq;
    });
    if (!r.ok) return r;
    tr.commit(diff ?? { put: [], del: [] }, { gen: r.value, seq: 0, chars: json.length, base: true });
    this.trackers.set(id, tr);
    const objects = diff ? diff.put.length + diff.del.length : Object.values(state.cluster.store.resources).reduce((n, l) => n + l.length, 0);
    return ok({ seq: r.value, delta: 0, objects, length: json.length, validateMs: t1 - tDiff, serializeMs: tDiff - t0 + (t2 - t1), writeMs: perfNow() - t2 });
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
