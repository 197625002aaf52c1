// The etcd-like versioned store: one global revision, compare-and-swap writes, key-ordered
// lists, watch with replay from a revision, snapshot/restore.
//
// Contract for callers:
// - Objects returned (get, list, write results, watch events, snapshots) ARE the stored objects.
//   Treat them as immutable; with `freeze` (the default) mutation throws in strict mode. Copy
//   before editing (guaranteedUpdate hands its callback a private copy).
// - Revisions: the empty store is at `startRevision` (default 1); every effective write takes
//   the next number and stamps it as metadata.resourceVersion (decimal string).
// - An update whose content equals the stored object (resourceVersion aside) is a no-op: no new
//   revision, no event, the current object is returned. etcd3 storage's GuaranteedUpdate does
//   the same, and it is what keeps always-write-status controllers from looping on themselves.
// - The store only sets resourceVersion; uid, timestamps, generateName belong to the apiserver.
// - Watch callbacks run synchronously inside the write. A write made from inside a callback is
//   applied at once but its events are queued until the current fan-out ends, so every
//   watcher sees revisions in increasing order. A callback that throws is dropped (reported to
//   options.onWatcherError and its onClose('callback-error')); the write and others go on.
import type { KubeObject } from '../../api/types';
import { StoreError } from './errors';
import { cloneJson, cloneSharingDiff, jsonEqual } from './clone';
import { History, type Change } from './history';
import { restamp, stampCopy, stampOwned, withResourceVersion } from './stamp';
import { ResourceTable } from './table';
import { BackendQuota, estimateSize } from './quota';
import { Watcher, WatcherRegistry } from './watchers';
import type {
  DeleteOptions,
  ListOptions,
  ListResult,
  StoreEvent,
  StoreOptions,
  StoreSnapshot,
  StoreStats,
  UpdateOptions,
  WatchHandle,
  WatchOptions,
} from './types';

export const DEFAULT_HISTORY_LIMIT = 10000;

export class Store {
  /** Counters for tests and benchmarks; reset freely. */
  readonly stats: StoreStats = { listExamined: 0, watchersVisited: 0 };

  private rev: number;
  private readonly tables = new Map<string, ResourceTable>();
  private readonly history: History;
  private readonly watchers = new WatcherRegistry();
  private readonly freeze: boolean;
  private readonly onWatcherError: StoreOptions['onWatcherError'];
  private queue: Change[] = [];
  private dispatching = false;
  private readonly quota: BackendQuota;

  constructor(opts: StoreOptions = {}) {
    this.rev = opts.startRevision ?? 1;
    this.history = new History(opts.historyLimit ?? DEFAULT_HISTORY_LIMIT, this.rev);
    this.freeze = opts.freeze ?? true;
    this.onWatcherError = opts.onWatcherError;
    this.quota = new BackendQuota(opts.quotaBackendBytes);
  }

  static restore(snapshot: StoreSnapshot, opts: StoreOptions = {}): Store {
    const s = new Store({ ...opts, startRevision: snapshot.revision });
    s.load(snapshot);
    return s;
  }

  revision(): number {
    return this.rev;
  }

  /** Oldest revision a watch can resume from (older ones get Expired). */
  oldestRevision(): number {
    return this.history.floor;
  }

  /** Estimated stored bytes and the backend quota they are held to (see quota.ts). */
  spaceUsed(): { bytes: number; quota: number } {
    return { bytes: this.quota.bytes, quota: this.quota.limit };
  }

  watcherCount(): number {
    return this.watchers.size;
  }

  resources(): string[] {
    return [...this.tables.keys()].sort();
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.tables.get(resource)?.get(namespace, name);
  }

  count(resource: string, namespace?: string): number {
    return this.tables.get(resource)?.count(namespace) ?? 0;
  }

  list(resource: string, opts: ListOptions = {}): ListResult {
    const t = this.tables.get(resource);
    const counters = { examined: 0 };
    const items = t ? t.list(opts, counters) : [];
    this.stats.listExamined += counters.examined;
    return { items, revision: this.rev };
  }

  create(resource: string, obj: KubeObject): KubeObject {
    return this.insert(resource, obj, false);
  }

  /**
   * create() for a caller that hands the object over (the apiserver's private decoded copy): a
   * frozen store freezes it in place instead of copying it. The caller must not keep it.
   */
  createOwned(resource: string, obj: KubeObject): KubeObject {
    return this.insert(resource, obj, this.freeze);
  }

  private insert(resource: string, obj: KubeObject, owned: boolean): KubeObject {
    const [ns, name] = keyOf(obj);
    const t = this.table(resource);
    const existing = t.get(ns, name);
    if (existing) {
      throw new StoreError('KeyExists', `key ${describeKey(resource, ns, name)} already exists`, existing);
    }
    const size = this.quota.checkCreate(obj);
    const stored = owned ? stampOwned(obj, ++this.rev) : stampCopy(obj, ++this.rev, this.freeze);
    this.quota.add(size);
    t.put(ns, name, stored, undefined, size);
    this.emit({ type: 'ADDED', resource, namespace: ns, name, object: stored, prev: undefined, revision: this.rev });
    return stored;
  }

  update(resource: string, obj: KubeObject, opts: UpdateOptions = {}): KubeObject {
    const [ns, name] = keyOf(obj);
    const t = this.tables.get(resource);
    const current = t?.get(ns, name);
    if (!t || !current) throw notFound(resource, ns, name);
    checkResourceVersion(resource, current, opts.expectedResourceVersion);
    return this.write(resource, t, ns, name, obj, current);
  }

  /**
   * Read-modify-write without a retry loop (writes are synchronous, so nothing can interleave).
   * `fn` gets a private mutable copy; returning null means no change.
   */
  guaranteedUpdate(
    resource: string,
    namespace: string,
    name: string,
    fn: (current: KubeObject) => KubeObject | null,
  ): KubeObject {
    const t = this.tables.get(resource);
    const current = t?.get(namespace, name);
    if (!t || !current) throw notFound(resource, namespace, name);
    const next = fn(cloneJson(current, false));
    if (next === null) return current;
    const [ns2, name2] = keyOf(next);
    if (ns2 !== namespace || name2 !== name) {
      throw new TypeError(`guaranteedUpdate may not move ${describeKey(resource, namespace, name)} to ${ns2}/${name2}`);
    }
    return this.write(resource, t, namespace, name, next, current);
  }

  /** Returns the deleted object stamped with the deletion revision (the DELETED event object). */
  delete(resource: string, namespace: string, name: string, opts: DeleteOptions = {}): KubeObject {
    const t = this.tables.get(resource);
    const current = t?.get(namespace, name);
    if (!t || !current) throw notFound(resource, namespace, name);
    checkResourceVersion(resource, current, opts.expectedResourceVersion);
    if (opts.expectedUID !== undefined && opts.expectedUID !== current.metadata.uid) {
      throw new StoreError(
        'Conflict',
        `Precondition failed: UID in precondition: ${opts.expectedUID}, UID in object meta: ${current.metadata.uid ?? ''}`,
        current,
      );
    }
    this.quota.release(t.remove(namespace, name));
    const gone = withResourceVersion(current, ++this.rev, this.freeze);
    this.emit({ type: 'DELETED', resource, namespace, name, object: gone, prev: current, revision: this.rev });
    return gone;
  }

  /** Forget history up to and including `revision`; watches from below it then get Expired. */
  compact(revision: number): void {
    this.history.compact(Math.min(revision, this.rev));
  }

  watch(resource: string, opts: WatchOptions, cb: (ev: StoreEvent) => void): WatchHandle {
    const from = opts.fromRevision ?? 0;
    const initial = opts.sendInitialEvents ?? from === 0;
    // Validate before registering so an Expired watch leaves nothing behind.
    const replay = initial || from === 0 ? [] : this.history.since(from);
    const w = new Watcher(
      {
        resource,
        namespace: opts.namespace,
        name: opts.name,
        labelSelector: opts.labelSelector,
        filter: opts.filter,
        cb,
        onClose: opts.onClose,
      },
      this.freeze,
    );
    // A future fromRevision (etcd allows it) just means: nothing until that revision is passed.
    w.startRevision = initial ? this.rev : Math.max(this.rev, from);
    this.watchers.add(w);
    const handle: WatchHandle = { stop: () => this.stopWatcher(w) };
    if (initial) {
      for (const object of this.initialState(resource, opts, w)) {
        if (w.stopped) break;
        this.deliver(w, { type: 'ADDED', object, revision: this.rev });
      }
    } else {
      for (const c of replay) {
        if (w.stopped) break;
        if (c.resource !== resource || (opts.namespace !== undefined && c.namespace !== opts.namespace)) continue;
        const ev = w.convert(c);
        if (ev) this.deliver(w, ev);
      }
    }
    return handle;
  }

  /** Current objects a new watcher starts with; a named watch in a namespace is a point read. */
  private initialState(resource: string, opts: WatchOptions, w: Watcher): KubeObject[] {
    if (opts.name !== undefined && opts.namespace !== undefined) {
      const o = this.get(resource, opts.namespace, opts.name);
      return o && w.matches(o) ? [o] : [];
    }
    const { items } = this.list(resource, { namespace: opts.namespace, labelSelector: opts.labelSelector, filter: opts.filter });
    return opts.name === undefined ? items : items.filter((o) => o.metadata.name === opts.name);
  }

  /** JSON-serialisable copy of the state. Objects are shared (they are immutable), not cloned. */
  snapshot(): StoreSnapshot {
    const resources: Record<string, KubeObject[]> = {};
    for (const r of this.resources()) {
      const items = this.tables.get(r)!.all();
      if (items.length) resources[r] = items;
    }
    return { revision: this.rev, resources };
  }

  /**
   * Replace the whole state. History restarts at the snapshot's revision and every watcher is
   * closed with 'restored' (their view no longer connects to the new state; they must relist).
   */
  restore(snapshot: StoreSnapshot): void {
    this.queue = [];
    for (const w of this.watchers.clear()) this.close(w, 'restored');
    this.tables.clear();
    this.quota.reset();
    this.rev = snapshot.revision;
    this.history.reset(snapshot.revision);
    this.load(snapshot);
  }

  private load(snapshot: StoreSnapshot): void {
    for (const [resource, items] of Object.entries(snapshot.resources)) {
      const t = this.table(resource);
      for (const item of items) {
        const [ns, name] = keyOf(item);
        const prev = t.get(ns, name);
        if (prev) this.quota.release(t.remove(ns, name));
        const stored = cloneJson(item, this.freeze);
        // A restored state is let in whole even past the quota: refusing it would lose it.
        const size = estimateSize(stored);
        this.quota.add(size);
        t.put(ns, name, stored, undefined, size);
      }
    }
  }

  private write(
    resource: string,
    t: ResourceTable,
    ns: string,
    name: string,
    obj: KubeObject,
    current: KubeObject,
  ): KubeObject {
    // Compared with the stored version under its resourceVersion; the apiserver's updates carry
    // it already (in place), so they need no re-keyed copy.
    const rv = current.metadata.resourceVersion;
    const candidate = obj.metadata.resourceVersion === rv ? obj : { ...obj, metadata: { ...obj.metadata, resourceVersion: rv } };
    let stored: KubeObject;
    if (this.freeze) {
      // Frozen stores share the unchanged parts with the version replaced (both are immutable);
      // the same walk tells whether anything changed.
      const { value, changed } = cloneSharingDiff(candidate, current);
      if (!changed) return current;
      stored = restamp(value, ++this.rev);
    } else {
      if (jsonEqual(candidate, current)) return current;
      stored = stampCopy(obj, ++this.rev, false);
    }
    t.put(ns, name, stored, current);
    this.emit({ type: 'MODIFIED', resource, namespace: ns, name, object: stored, prev: current, revision: this.rev });
    return stored;
  }

  private table(resource: string): ResourceTable {
    let t = this.tables.get(resource);
    if (!t) this.tables.set(resource, (t = new ResourceTable()));
    return t;
  }

  private emit(c: Change): void {
    this.history.push(c);
    this.queue.push(c);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let i = 0; i < this.queue.length; i++) this.fanOut(this.queue[i]!);
    } finally {
      this.queue = [];
      this.dispatching = false;
    }
  }

  private fanOut(c: Change): void {
    for (const set of this.watchers.targets(c.resource, c.namespace)) {
      for (const w of set) {
        this.stats.watchersVisited++;
        if (w.stopped || c.revision <= w.startRevision) continue;
        const ev = w.convert(c);
        if (ev) this.deliver(w, ev);
      }
    }
  }

  private deliver(w: Watcher, ev: StoreEvent): void {
    try {
      w.spec.cb(ev);
    } catch (err) {
      this.stopWatcher(w);
      this.onWatcherError?.(err, w.spec.resource);
      this.close(w, 'callback-error');
    }
  }

  private stopWatcher(w: Watcher): void {
    if (w.stopped) return;
    w.stopped = true;
    this.watchers.remove(w);
  }

  private close(w: Watcher, reason: 'restored' | 'callback-error'): void {
    w.stopped = true;
    try {
      w.spec.onClose?.(reason);
    } catch (err) {
      this.onWatcherError?.(err, w.spec.resource);
    }
  }
}

function keyOf(obj: KubeObject): [string, string] {
  const name = obj.metadata?.name;
  if (!name) throw new TypeError('store: object has no metadata.name');
  return [obj.metadata.namespace ?? '', name];
}

function describeKey(resource: string, ns: string, name: string): string {
  return ns ? `${resource}/${ns}/${name}` : `${resource}/${name}`;
}

function notFound(resource: string, ns: string, name: string): StoreError {
  return new StoreError('KeyNotFound', `key ${describeKey(resource, ns, name)} not found`);
}

function checkResourceVersion(resource: string, current: KubeObject, expected: string | undefined): void {
  if (expected === undefined || expected === current.metadata.resourceVersion) return;
  throw new StoreError(
    'Conflict',
    `resourceVersion mismatch on ${describeKey(resource, current.metadata.namespace ?? '', current.metadata.name!)}: expected ${expected}, have ${current.metadata.resourceVersion}`,
    current,
  );
}
