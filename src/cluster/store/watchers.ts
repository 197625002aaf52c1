// Watch fan-out. Watchers are indexed resource → (cluster-wide | namespace) so a write only
// visits the watchers that could care. Event conversion follows the watch cache's
// cacheWatcher.convertToWatchEvent: with a selector/filter, an object that starts matching is
// ADDED, one that stops matching is DELETED (previous content, the write's revision).
import type { KubeObject } from '../../api/types';
import type { LabelSelector } from '../../api/selector-types';
import type { Change } from './history';
import type { StoreEvent, WatchCloseReason } from './types';
import { matchesSelector, selectsEverything } from './match';
import { withResourceVersion } from './stamp';

export interface WatcherSpec {
  resource: string;
  namespace: string | undefined;
  name: string | undefined;
  labelSelector: LabelSelector | undefined;
  filter: ((o: KubeObject) => boolean) | undefined;
  cb: (ev: StoreEvent) => void;
  onClose: ((reason: WatchCloseReason) => void) | undefined;
}

export class Watcher {
  stopped = false;
  /** Events at or below this revision are already reflected in what the watcher got. */
  startRevision = 0;
  private readonly selective: boolean;

  constructor(
    readonly spec: WatcherSpec,
    private readonly freeze: boolean,
  ) {
    this.selective = !selectsEverything(spec.labelSelector) || spec.filter !== undefined;
  }

  matches(o: KubeObject): boolean {
    const s = this.spec;
    if (s.name !== undefined && o.metadata.name !== s.name) return false;
    if (!matchesSelector(o.metadata.labels, s.labelSelector)) return false;
    return s.filter === undefined || s.filter(o);
  }

  /** The event this watcher should see for `c`, or undefined when it is not interested. */
  convert(c: Change): StoreEvent | undefined {
    if (this.spec.name !== undefined && c.name !== this.spec.name) return undefined;
    if (!this.selective) return { type: c.type, object: c.object, revision: c.revision };
    const curPasses = c.type !== 'DELETED' && this.matches(c.object);
    const prevPasses = c.prev !== undefined && this.matches(c.prev);
    if (curPasses && prevPasses) return { type: 'MODIFIED', object: c.object, revision: c.revision };
    if (curPasses) return { type: 'ADDED', object: c.object, revision: c.revision };
    if (!prevPasses) return undefined;
    const gone = c.type === 'DELETED' ? c.object : withResourceVersion(c.prev!, c.revision, this.freeze);
    return { type: 'DELETED', object: gone, revision: c.revision };
  }
}

interface ResourceWatchers {
  all: Set<Watcher>;
  byNamespace: Map<string, Set<Watcher>>;
}

export class WatcherRegistry {
  private readonly byResource = new Map<string, ResourceWatchers>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  add(w: Watcher): void {
    const { resource, namespace } = w.spec;
    let rw = this.byResource.get(resource);
    if (!rw) this.byResource.set(resource, (rw = { all: new Set(), byNamespace: new Map() }));
    let set = rw.all;
    if (namespace !== undefined) {
      set = rw.byNamespace.get(namespace) ?? new Set();
      rw.byNamespace.set(namespace, set);
    }
    set.add(w);
    this.total++;
  }

  remove(w: Watcher): void {
    const { resource, namespace } = w.spec;
    const rw = this.byResource.get(resource);
    if (!rw) return;
    const set = namespace === undefined ? rw.all : rw.byNamespace.get(namespace);
    if (!set?.delete(w)) return;
    this.total--;
    if (namespace !== undefined && set.size === 0) rw.byNamespace.delete(namespace);
    if (rw.all.size === 0 && rw.byNamespace.size === 0) this.byResource.delete(resource);
  }

  /**
   * Watchers for a write, cluster-wide ones first, then that namespace's, each in registration
   * order. Live Sets: a watcher removed during delivery is skipped, one added is visited but
   * ignores the event through its startRevision.
   */
  targets(resource: string, namespace: string): Set<Watcher>[] {
    const rw = this.byResource.get(resource);
    if (!rw) return [];
    const ns = rw.byNamespace.get(namespace);
    return ns ? [rw.all, ns] : [rw.all];
  }

  /** Remove everything, returning the watchers so the caller can notify them. */
  clear(): Watcher[] {
    const out: Watcher[] = [];
    for (const rw of this.byResource.values()) {
      out.push(...rw.all);
      for (const set of rw.byNamespace.values()) out.push(...set);
    }
    this.byResource.clear();
    this.total = 0;
    return out;
  }
}
