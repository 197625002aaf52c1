// etcd's backend quota (--quota-backend-bytes): when the database would outgrow it, etcd refuses
// the write with `etcdserver: mvcc: database space exceeded`. It is what stops a runaway (a
// Deployment scaled to 2147483647 replicas) before the browser tab runs out of memory.
//
// Modelled loosely, on purpose:
// - The size is an estimate: each live object counts the length of its JSON when it was
//   created (one JSON.stringify per create; updates keep the creation estimate, deletes give it
//   back). History and watch caches are not counted.
// - Only creates are refused. Real etcd refuses every put and raises a NOSPACE alarm that stays
//   until `etcdctl alarm disarm`; a playground has no etcdctl, so updates and deletes stay
//   allowed and the learner can scale down or delete their way out (and the controllers can
//   still record ReplicaFailure conditions, which are updates).
import type { KubeObject } from '../../api/types';
import { NO_SPACE_MESSAGE, StoreError } from './errors';

/**
 * Default quota of estimated bytes. Measured: a converged 10,000-replica Deployment (10,000 pods,
 * 51,000 Events) is 54 MB by this estimate, so the bench's 30,000 pods take some 160 MB; 256 MiB
 * holds them with room to spare. A runaway scale stops at about 100,000 pods and as many Events,
 * some 0.9 GB of JS heap in Node: well inside a browser tab's or Node's default heap limit.
 */
export const DEFAULT_QUOTA_BACKEND_BYTES = 256 * 1024 * 1024;

export class BackendQuota {
  private used = 0;
  private readonly sizes = new WeakMap<KubeObject, number>();

  constructor(readonly limit: number = DEFAULT_QUOTA_BACKEND_BYTES) {}

  /** Estimated bytes held by live objects. */
  get bytes(): number {
    return this.used;
  }

  /** Throws NoSpace when creating obj would take the estimate past the quota. */
  checkCreate(obj: KubeObject): number {
    const size = estimateSize(obj);
    if (this.used + size > this.limit) throw new StoreError('NoSpace', NO_SPACE_MESSAGE);
    return size;
  }

  /** Counts a stored object whose size checkCreate (or load) measured. */
  add(stored: KubeObject, size: number): void {
    this.sizes.set(stored, size);
    this.used += size;
  }

  /** A new version of an object keeps the estimate of the one it replaces. */
  carry(from: KubeObject, to: KubeObject): void {
    const size = this.sizes.get(from);
    if (size !== undefined) this.sizes.set(to, size);
  }

  remove(stored: KubeObject): void {
    const size = this.sizes.get(stored);
    if (size === undefined) return;
    this.sizes.delete(stored);
    this.used -= size;
  }

  reset(): void {
    this.used = 0;
  }
}

export function estimateSize(obj: KubeObject): number {
  return JSON.stringify(obj).length;
}
