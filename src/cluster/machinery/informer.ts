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

export class Informer {
  private cache = new Map<string, KubeObject>();
  private byNamespace = new Map<string, Map<string, KubeObject>>();
  private handlers: EventHandler[] = [];
  private sub?: WatchSubscription;
  private started = false;

  constructor(
    private readonly api: ApiHandler,
    readonly resource: string,
  ) {}

  addEventHandler(h: EventHandler): void {
    this.handlers.push(h);
    if (this.started) for (const o of this.cache.values()) h.onAdd?.(o);
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
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): KubeObject | undefined {
    return this.cache.get(key);
  }

  /** Cached objects, in one namespace or all. */
  list(namespace?: string): KubeObject[] {
    if (namespace === undefined) return [...this.cache.values()];
    return [...(this.byNamespace.get(namespace)?.values() ?? [])];
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
      const old = this.cache.get(k);
      this.put(k, o);
      if (!old) this.handlers.forEach((h) => h.onAdd?.(o));
      else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) this.handlers.forEach((h) => h.onUpdate?.(old, o));
    }
    for (const [k, o] of [...this.cache]) {
      if (!seen.has(k)) {
        this.remove(k);
        this.handlers.forEach((h) => h.onDelete?.(o));
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
    const k = keyOf(o);
    const old = this.cache.get(k);
    if (ev.type === 'DELETED') {
      this.remove(k);
      this.handlers.forEach((h) => h.onDelete?.(o));
    } else if (old) {
      this.put(k, o);
      this.handlers.forEach((h) => h.onUpdate?.(old, o));
    } else {
      this.put(k, o);
      this.handlers.forEach((h) => h.onAdd?.(o));
    }
  }

  private put(k: string, o: KubeObject): void {
    this.cache.set(k, o);
    const ns = o.metadata.namespace ?? '';
    let m = this.byNamespace.get(ns);
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(k, o);
  }

  private remove(k: string): void {
    const o = this.cache.get(k);
    if (!o) return;
    this.cache.delete(k);
    this.byNamespace.get(o.metadata.namespace ?? '')?.delete(k);
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
