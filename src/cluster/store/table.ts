// The objects of one resource, bucketed by namespace ("" for cluster-scoped) so that a
// namespaced list or selector only touches that namespace, with a label index per bucket.
import type { KubeObject } from '../../api/types';
import type { LabelSelector } from '../../api/selector-types';
import { LabelIndex } from './label-index';
import { matchesSelector, selectsEverything } from './match';

export interface ListCounters {
  /** Stored objects a list visited (read or evaluated); lets tests prove indexes are used. */
  examined: number;
}

class Bucket {
  readonly objects = new Map<string, KubeObject>();
  readonly labels = new LabelIndex();
  /** Each object's quota estimate, taken at create (see quota.ts); updates keep it. */
  readonly sizes = new Map<string, number>();
  /** Names in key order; rebuilt lazily after a create or delete, untouched by updates. */
  private sorted: string[] | null = null;

  sortedNames(): string[] {
    if (this.sorted === null) this.sorted = [...this.objects.keys()].sort(compareStrings);
    return this.sorted;
  }

  invalidateOrder(): void {
    this.sorted = null;
  }
}

export interface TableQuery {
  namespace?: string;
  labelSelector?: LabelSelector;
  filter?: (o: KubeObject) => boolean;
}

export class ResourceTable {
  private readonly buckets = new Map<string, Bucket>();
  private sortedNs: string[] | null = null;
  private total = 0;

  get size(): number {
    return this.total;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.buckets.get(namespace)?.objects.get(name);
  }

  count(namespace?: string): number {
    if (namespace === undefined) return this.total;
    return this.buckets.get(namespace)?.objects.size ?? 0;
  }

  /**
   * Insert or replace; `prev` is the object currently stored under the key, if any. `size` (the
   * quota estimate) is recorded when given and otherwise kept from the object replaced.
   */
  put(namespace: string, name: string, obj: KubeObject, prev: KubeObject | undefined, size?: number): void {
    let b = this.buckets.get(namespace);
    if (!b) {
      this.buckets.set(namespace, (b = new Bucket()));
      this.sortedNs = null;
    }
    b.objects.set(name, obj);
    if (size !== undefined) b.sizes.set(name, size);
    if (prev) {
      b.labels.replace(name, prev.metadata.labels, obj.metadata.labels);
    } else {
      b.labels.add(name, obj.metadata.labels);
      b.invalidateOrder();
      this.total++;
    }
  }

  /** Removes the object; answers its quota estimate (0 if none was recorded). */
  remove(namespace: string, name: string): number {
    const b = this.buckets.get(namespace);
    const prev = b?.objects.get(name);
    if (!b || !prev) return 0;
    const size = b.sizes.get(name) ?? 0;
    b.objects.delete(name);
    b.sizes.delete(name);
    b.labels.remove(name, prev.metadata.labels);
    b.invalidateOrder();
    this.total--;
    if (b.objects.size === 0) {
      this.buckets.delete(namespace);
      this.sortedNs = null;
    }
    return size;
  }

  /** Matching objects in etcd key order (namespace, then name). */
  list(q: TableQuery, counters: ListCounters): KubeObject[] {
    const out: KubeObject[] = [];
    if (q.labelSelector?.nothing) return out;
    const namespaces = q.namespace !== undefined ? [q.namespace] : this.namespaceOrder();
    for (const ns of namespaces) {
      const b = this.buckets.get(ns);
      if (b) this.listBucket(b, q, counters, out);
    }
    return out;
  }

  /** Every object, in key order, for snapshots. */
  all(): KubeObject[] {
    return this.list({}, { examined: 0 });
  }

  private listBucket(b: Bucket, q: TableQuery, counters: ListCounters, out: KubeObject[]): void {
    const sel = selectsEverything(q.labelSelector) ? undefined : q.labelSelector;
    const candidates = sel ? b.labels.candidates(sel) : undefined;
    if (candidates !== undefined) {
      // Index hit: few names, so sorting them here is cheaper than walking the ordered bucket.
      const names = [...candidates].sort(compareStrings);
      for (const name of names) {
        const o = b.objects.get(name)!;
        counters.examined++;
        if (matchesSelector(o.metadata.labels, sel) && (!q.filter || q.filter(o))) out.push(o);
      }
      return;
    }
    for (const name of b.sortedNames()) {
      const o = b.objects.get(name)!;
      counters.examined++;
      if (sel && !matchesSelector(o.metadata.labels, sel)) continue;
      if (q.filter && !q.filter(o)) continue;
      out.push(o);
    }
  }

  /**
   * etcd orders by the full key ".../<ns>/<name>", so comparing "ns/" strings (not bare
   * namespaces) is what reproduces it: "kube-system/" sorts before "kube/" because '-' < '/'.
   */
  private namespaceOrder(): string[] {
    if (this.sortedNs === null) {
      this.sortedNs = [...this.buckets.keys()].sort((a, b) => compareStrings(a + '/', b + '/'));
    }
    return this.sortedNs;
  }
}

/** Code-unit order, which equals etcd's byte order for the ASCII names Kubernetes allows. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
