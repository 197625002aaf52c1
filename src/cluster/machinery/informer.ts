// A shared informer: list, then watch from the list's resourceVersion, keeping a local cache and
// telling handlers about adds, updates and deletes. Handlers only enqueue keys (level-triggered
// controllers re-read the cache in their sync). Relists when the watch expires.
import type { ApiHandler, WatchSubscription } from '../../api/client';
import type { KubeList, KubeObject, WatchEvent } from '../../api/types';
import { collectionPath } from '../../api/registry';
import { resourceInfo } from './client';

export interface EventHandler {
  onAdd?(obj: KubeObject): void;
  onUpdate?(oldObj: KubeObject, newObj: KubeObject): void;
  onDelete?(obj: KubeObject): void;
}

export function keyOf(obj: { metadata: { namespace?: string; name?: string } }): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** One cached object; updates replace `obj` in place, so neither map is written on an update. */
interface Entry {
  key: string;
  obj: KubeObject;
}

export class Informer {
  private cache = new Map<string, Entry>();
  /** namespace → name → entry: finds an object from its own (already hashed) name strings. */
  private byNamespace = new Map<string, Map<string, Entry>>();
  private handlers: EventHandler[] = [];
  private sub?: WatchSubscription;
  private started = false;

  constructor(
    private readonly api: ApiHandler,
    readonly resource: string,
  ) {}

  addEventHandler(h: EventHandler): void {
    this.handlers.push(h);
    if (this.started) for (const e of this.cache.values()) h.onAdd?.(e.obj);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.relist();
  }

  stop(): void {
    this.sub?.stop();
    this.sub = undefined;
    this.started = false;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace)?.get(name)?.obj;
  }

  getByKey(key: string): KubeObject | undefined {
    return this.cache.get(key)?.obj;
  }

  /** Cached objects, in one namespace or all. */
  list(namespace?: string): KubeObject[] {
    const out: KubeObject[] = [];
    const entries = namespace === undefined ? this.cache.values() : this.byNamespace.get(namespace)?.values();
    if (entries) for (const e of entries) out.push(e.obj);
    return out;
  }

  hasSynced(): boolean {
    return this.started;
  }

  private path(): string {
    return collectionPath(resourceInfo(this.resource));
  }

  private relist(): void {
    this.sub?.stop();
    const res = this.api.handle({ verb: 'GET', path: this.path() });
    if (res.status !== 200) throw new Error(`informer ${this.resource}: list failed with ${res.status}`);
    const list = res.body as KubeList;
    const seen = new Set<string>();
    for (const o of list.items) {
      const k = keyOf(o);
      seen.add(k);
      const old = this.cache.get(k)?.obj;
      this.put(o);
      if (!old) for (const h of this.handlers) h.onAdd?.(o);
      else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) for (const h of this.handlers) h.onUpdate?.(old, o);
    }
    for (const [k, e] of [...this.cache]) {
      if (!seen.has(k)) {
        this.remove(e.obj);
        for (const h of this.handlers) h.onDelete?.(e.obj);
      }
    }
    const sub = this.api.watch(
      { verb: 'GET', path: this.path(), query: { watch: 'true', resourceVersion: list.metadata.resourceVersion ?? '0' } },
      { event: (ev) => this.onEvent(ev as WatchEvent), end: () => {} },
    );
    if ('status' in sub) throw new Error(`informer ${this.resource}: watch failed with ${sub.status}`);
    this.sub = sub;
  }

  private onEvent(ev: WatchEvent): void {
    if (ev.type === 'ERROR') {
      // 410 Expired: the history moved on; start again from a fresh list.
      this.relist();
      return;
    }
    if (ev.type === 'BOOKMARK') return;
    const o = ev.object;
    // Plain loops, no key strings built: this runs for every watch event of every informer.
    if (ev.type === 'DELETED') {
      this.remove(o);
      for (const h of this.handlers) h.onDelete?.(o);
      return;
    }
    const old = this.put(o);
    if (old) for (const h of this.handlers) h.onUpdate?.(old, o);
    else for (const h of this.handlers) h.onAdd?.(o);
  }

  /** Caches `o`; returns the object it replaces, if any. */
  private put(o: KubeObject): KubeObject | undefined {
    const ns = o.metadata.namespace ?? '';
    const name = o.metadata.name!;
    let m = this.byNamespace.get(ns);
    if (!m) {
      m = new Map();
      this.byNamespace.set(ns, m);
    }
    const e = m.get(name);
    if (e) {
      const old = e.obj;
      e.obj = o;
      return old;
    }
    const entry: Entry = { key: keyOf(o), obj: o };
    m.set(name, entry);
    this.cache.set(entry.key, entry);
    return undefined;
  }

  private remove(o: KubeObject): void {
    const ns = o.metadata.namespace ?? '';
    const m = this.byNamespace.get(ns);
    const e = m?.get(o.metadata.name!);
    if (!e) return;
    m!.delete(o.metadata.name!);
    this.cache.delete(e.key);
  }
}

/** One informer per resource, shared by every controller (SharedInformerFactory). */
export class InformerFactory {
  private informers = new Map<string, Informer>();
  constructor(private readonly api: ApiHandler) {}

  for(resource: string): Informer {
    let i = this.informers.get(resource);
    if (!i) this.informers.set(resource, (i = new Informer(this.api, resource)));
    return i;
  }

  start(): void {
    for (const i of this.informers.values()) i.start();
  }
}
