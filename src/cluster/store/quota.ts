// etcd's backend quota (--quota-backend-bytes): when the database would outgrow it, etcd refuses
// the write with `etcdserver: mvcc: database space exceeded`. It is what stops a runaway (a
// Deployment scaled to 2147483647 replicas) before the browser tab runs out of memory.
//
// Modelled loosely, on purpose:
// - The size is an estimate: each live object counts about the length of its JSON when it was
//   created (one walk per create; updates keep the creation estimate, deletes give it
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

  constructor(readonly limit: number = DEFAULT_QUOTA_BACKEND_BYTES) {}

  /** Estimated bytes held by live objects. */
  get bytes(): number {
    return this.used;
  }

  /** Throws NoSpace when creating obj would take the estimate past the quota; answers its size. */
  checkCreate(obj: KubeObject): number {
    const size = estimateSize(obj);
    if (this.used + size > this.limit) throw new StoreError('NoSpace', NO_SPACE_MESSAGE);
    return size;
  }

  /** Counts a stored object's estimate (kept by the store's table with the object). */
  add(size: number): void {
    this.used += size;
  }

  release(size: number): void {
    this.used -= size;
  }

  reset(): void {
    this.used = 0;
  }
}

/**
 * About the length of the object's JSON (string escapes and number digits approximated), walked
 * without building the JSON: a create is the hottest write, and a stringify per object was the
 * largest single allocation of a 10,000-pod rollout.
 */
export function estimateSize(obj: KubeObject): number {
  return sizeOf(obj);
}

function sizeOf(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return v.length + 2;
    case 'number':
      return numberWidth(v);
    case 'boolean':
      return v ? 4 : 5;
    case 'object': {
      if (v === null) return 4;
      let n = 2;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) n += sizeOf(v[i]) + 1;
        return n;
      }
      for (const k in v as Record<string, unknown>) {
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined) continue;
        n += k.length + 4 + sizeOf(x);
      }
      return n;
    }
    default:
      return 0;
  }
}

function numberWidth(x: number): number {
  if (!Number.isInteger(x) || Math.abs(x) >= 1e15) return 20;
  let n = x < 0 ? 2 : 1;
  for (let a = Math.abs(x); a >= 10; a = Math.floor(a / 10)) n++;
  return n;
}
