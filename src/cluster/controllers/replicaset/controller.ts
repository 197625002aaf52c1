// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go), serving ReplicaSets and,
// through an adapter, ReplicationControllers. Informer handlers only record expectations and
// enqueue keys; syncReplicaSet re-reads the caches, claims pods, creates or deletes the
// difference, and always writes status.
import type { KubeObject } from '../../../api/types';
import type { LabelSelector } from '../../../api/selector-types';
import { matchesLabels } from '../../../api/labels';
import { StatusError } from '../../../api/status';
import type { ControllerContext } from '../context';
import type { ClusterClient } from '../../machinery/client';
import type { Informer } from '../../machinery/informer';
import { keyOf, splitKey } from '../../machinery/informer';
import { Expectations } from '../../machinery/expectations';
import { WorkQueue, type SyncResult } from '../../machinery/workqueue';
import { specOf, type Adapter } from './adapter';
import { claimPods, controllerOf, newControllerRef } from './claim';
import { PodControl, isNamespaceTerminating } from './podcontrol';
import { isPodActive, msUntilAvailable } from './pods';
import { getPodsToDelete } from './rank';
import { calculateStatus, statusFromCounts, updateStatus } from './status';
import { PodTally } from './tally';
import { selectorFromSetCached } from '../selectors';
import { sameFlat, sameLabelMap } from '../equal';

/** Creates and deletes per sync are capped, as kube-controller-manager's --concurrent burst. */
export const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface ReplicaSetControllerOptions {
  burstReplicas?: number;
}

/**
 * slowStartBatch: calls fn `count` times in batches of 1, 2, 4, ...; a batch with a failure ends
 * the run, so a quota that refuses the first pod does not get hundreds of requests.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => void): { successes: number; error?: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: unknown;
    let failed = false;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        if (!failed) error = e;
        failed = true;
      }
    }
    if (failed) return { successes, error };
    remaining -= batch;
  }
  return { successes };
}

function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

function labelsEqual(a: KubeObject, b: KubeObject): boolean {
  return sameLabelMap(a.metadata.labels, b.metadata.labels);
}

/**
 * The controllerRef fields a pod update could change. Field by field, in any key order: a
 * reordered but equal ref names the same owner, whose key the queue would dedupe anyway.
 */
function sameRef(a: ReturnType<typeof controllerOf>, b: ReturnType<typeof controllerOf>): boolean {
  return sameFlat(a, b);
}

export class ReplicaSetController {
  readonly queue: WorkQueue;
  readonly expectations: Expectations;
  private readonly rsInformer: Informer;
  private readonly podInformer: Informer;
  private readonly client: ClusterClient;
  private readonly podControl: PodControl;
  private readonly burstReplicas: number;
  private readonly tally: PodTally;

  constructor(
    private readonly ctx: ControllerContext,
    readonly adapter: Adapter,
    opts: ReplicaSetControllerOptions = {},
  ) {
    this.burstReplicas = opts.burstReplicas ?? BURST_REPLICAS;
    this.client = ctx.client('kube-controller-manager');
    this.podControl = new PodControl(this.client, ctx.recorder(adapter.component));
    this.expectations = new Expectations(ctx.clock);
    this.queue = new WorkQueue(ctx.clock, adapter.queueName, (key) => this.syncReplicaSet(key));
    this.rsInformer = ctx.informers.for(adapter.resource);
    this.podInformer = ctx.informers.for('pods');
    this.tally = new PodTally(this.podInformer);
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.queue.add(keyOf(rs)),
      onUpdate: (oldRS, curRS) => {
        // A delete and re-create under one name: the old one's expectations must not linger.
        if (oldRS.metadata.uid !== curRS.metadata.uid) this.deleteRS(oldRS);
        this.queue.add(keyOf(curRS));
      },
      onDelete: (rs) => this.deleteRS(rs),
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (oldPod, curPod) => this.updatePod(oldPod, curPod),
      onDelete: (pod) => this.deletePod(pod),
    });
  }

  // --- informer handlers: bookkeeping and enqueueing only ---

  private deleteRS(rs: KubeObject): void {
    const key = keyOf(rs);
    this.expectations.delete(key);
    this.queue.add(key);
  }

  /** resolveControllerRef: the owner in the cache, if it is of our kind and the same uid. */
  private resolveControllerRef(namespace: string, ref: { kind: string; name: string; uid: string }): KubeObject | undefined {
    if (ref.kind !== this.adapter.kind) return undefined;
    const rs = this.rsInformer.get(namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** getPodReplicaSets: controllers whose selector matches an orphan's labels. */
  private podOwnersBySelector(pod: KubeObject): KubeObject[] {
    const out: KubeObject[] = [];
    for (const rs of this.rsInformer.list(pod.metadata.namespace ?? '')) {
      const sel = this.selectorOrUndefined(rs);
      // A nil or empty selector matches nothing here, never everything.
      if (!sel || sel.nothing || sel.requirements.length === 0) continue;
      if (matchesLabels(sel, pod.metadata.labels ?? {})) out.push(rs);
    }
    return out;
  }

  private addPod(pod: KubeObject): void {
    if (pod.metadata.deletionTimestamp) {
      // Seen for the first time already terminating: count it as a deletion, not a creation.
      this.deletePod(pod);
      return;
    }
    const ref = controllerOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!rs) return;
      const key = keyOf(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    for (const rs of this.podOwnersBySelector(pod)) this.queue.add(keyOf(rs));
  }

  private updatePod(oldPod: KubeObject, curPod: KubeObject): void {
    if (oldPod.metadata.resourceVersion === curPod.metadata.resourceVersion) return;
    const labelChanged = !labelsEqual(oldPod, curPod);
    if (curPod.metadata.deletionTimestamp) {
      // Graceful deletion: replace the pod now rather than when the kubelet finally removes it.
      this.deletePod(curPod);
      if (labelChanged) this.deletePod(oldPod);
      return;
    }
    const curRef = controllerOf(curPod);
    const oldRef = controllerOf(oldPod);
    const refChanged = !sameRef(curRef, oldRef);
    if (refChanged && oldRef) {
      const rs = this.resolveControllerRef(oldPod.metadata.namespace ?? '', oldRef);
      if (rs) this.queue.add(keyOf(rs));
    }
    if (curRef) {
      // Readiness changes land here too; the sync works out when minReadySeconds runs out.
      const rs = this.resolveControllerRef(curPod.metadata.namespace ?? '', curRef);
      if (rs) this.queue.add(keyOf(rs));
      return;
    }
    if (labelChanged || refChanged) {
      for (const rs of this.podOwnersBySelector(curPod)) this.queue.add(keyOf(rs));
    }
  }

  private deletePod(pod: KubeObject): void {
    const ref = controllerOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!rs) return;
    const key = keyOf(rs);
    this.expectations.deletionObserved(key, podKey(pod));
    this.queue.add(key);
  }

  // --- sync ---

  private selectorOrUndefined(rs: KubeObject): LabelSelector | undefined {
    try {
      return this.adapter.selector(rs);
    } catch {
      return undefined;
    }
  }

  /** The cached object with its kind filled in, for events and owner references. */
  private typed(rs: KubeObject): KubeObject {
    return { ...rs, apiVersion: this.adapter.apiVersion, kind: this.adapter.kind };
  }

  syncReplicaSet(key: string): SyncResult {
    const [namespace, name] = splitKey(key);
    const cached = this.rsInformer.get(namespace, name);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const rs = this.typed(cached);
    const needsSync = this.expectations.satisfied(key);
    const selector = this.selectorOrUndefined(rs);
    if (!selector) return; // an invalid selector never matches; nothing to do until it is fixed
    const fast = this.syncFromTally(rs, cached, key, selector, needsSync);
    if (fast) return fast.result;
    // Every pod in the namespace, so pods that stopped matching but still carry our ref are released.
    const active = this.podInformer.list(namespace).filter(isPodActive);
    const filtered = claimPods(active, {
      client: this.client,
      owner: rs,
      apiVersion: this.adapter.apiVersion,
      kind: this.adapter.kind,
      selector,
      canAdopt: () => this.recheckDeletion(rs),
    });
    let manageErr: unknown = undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      try {
        this.manageReplicas(filtered, rs, key);
      } catch (e) {
        manageErr = e;
      }
    }
    const now = this.ctx.clock.now();
    const next = calculateStatus(rs, filtered, manageErr, now, this.ctx.clock.rfc3339());
    updateStatus(this.client, this.adapter.resource, cached, next);
    if (manageErr !== undefined) throw manageErr;
    // minReadySeconds: come back exactly when the next ready pod turns available.
    let wait: number | undefined;
    const mrs = specOf(rs).minReadySeconds ?? 0;
    for (const pod of filtered) {
      const ms = msUntilAvailable(pod, mrs, now);
      if (ms !== undefined && (wait === undefined || ms < wait)) wait = ms;
    }
    return wait !== undefined ? { requeueAfterMs: wait } : undefined;
  }

  /**
   * syncReplicaSet from PodTally's incremental counts, taken only when the full walk below would
   * have no side effect but the status write and creates: nothing to adopt, release or delete,
   * and no minReadySeconds timing. Same requests, same status; undefined means "walk".
   */
  private syncFromTally(rs: KubeObject, cached: KubeObject, key: string, selector: LabelSelector, needsSync: boolean): { result: SyncResult } | undefined {
    const spec = specOf(rs);
    const m = rs.metadata;
    if (!PodTally.enabled || spec.minReadySeconds || !m.uid) return undefined;
    const counts = this.tally.counts(m.uid, m.namespace ?? '', selector, selectorFromSetCached(spec.template?.metadata?.labels));
    if (!counts || counts.mismatched > 0) return undefined;
    const manage = needsSync && !m.deletionTimestamp;
    if (manage && counts.claimed > (spec.replicas ?? 1)) return undefined;
    let manageErr: unknown = undefined;
    if (manage) {
      try {
        this.manageReplicas([], rs, key, counts.claimed);
      } catch (e) {
        manageErr = e;
      }
    }
    const available = counts.ready; // minReadySeconds is 0: ready is available
    const next = statusFromCounts(rs, { replicas: counts.claimed, fullyLabeled: counts.fullyLabeled, ready: counts.ready, available }, manageErr, this.ctx.clock.rfc3339());
    updateStatus(this.client, this.adapter.resource, cached, next);
    if (manageErr !== undefined) throw manageErr;
    return { result: undefined };
  }

  /** RecheckDeletionTimestamp: adopt only if a fresh read shows the same, live controller. */
  private recheckDeletion(rs: KubeObject): void {
    const m = rs.metadata;
    const fresh = this.client.get(this.adapter.resource, m.namespace!, m.name!);
    if (!fresh) throw new Error(`original ${this.adapter.kind} ${m.namespace}/${m.name} is gone: got uid , wanted ${m.uid}`);
    if (fresh.metadata.uid !== m.uid) {
      throw new Error(`original ${this.adapter.kind} ${m.namespace}/${m.name} is gone: got uid ${fresh.metadata.uid}, wanted ${m.uid}`);
    }
    if (fresh.metadata.deletionTimestamp) throw new Error(`${m.namespace}/${m.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  }

  /** manageReplicas: create or delete the difference, at most burstReplicas per sync. */
  private manageReplicas(filtered: KubeObject[], rs: KubeObject, key: string, count = filtered.length): void {
    const spec = specOf(rs);
    const want = spec.replicas ?? 1;
    let diff = count - want;
    const namespace = rs.metadata.namespace!;
    if (diff < 0) {
      diff = Math.min(-diff, this.burstReplicas);
      this.expectations.expectCreations(key, diff);
      const ref = newControllerRef(rs, this.adapter.apiVersion, this.adapter.kind);
      const { successes, error } = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
        try {
          this.podControl.createPod(namespace, spec.template, rs, ref);
        } catch (e) {
          // Every create in a terminating namespace fails; that is not this controller's error.
          if (isNamespaceTerminating(e)) return;
          throw e;
        }
      });
      // Creates never attempted (or refused) will never be observed by the informer.
      for (let i = successes; i < diff; i++) this.expectations.creationObserved(key);
      if (error !== undefined) throw error;
      return;
    }
    if (diff > 0) {
      diff = Math.min(diff, this.burstReplicas);
      const related = this.indirectlyRelatedPods(rs);
      const doomed = getPodsToDelete(filtered, related, diff, this.ctx.clock.now());
      this.expectations.expectDeletions(key, doomed.map(podKey));
      let firstError: unknown;
      for (const pod of doomed) {
        try {
          this.podControl.deletePod(namespace, pod.metadata.name!, rs);
        } catch (e) {
          this.expectations.deletionObserved(key, podKey(pod));
          if (!(e instanceof StatusError && e.code === 404) && firstError === undefined) firstError = e;
        }
      }
      if (firstError !== undefined) throw firstError;
    }
  }

  /** getIndirectlyRelatedPods: pods of every controller sharing this one's owner (a Deployment's ReplicaSets). */
  private indirectlyRelatedPods(rs: KubeObject): KubeObject[] {
    const owner = controllerOf(rs);
    if (!owner) return [];
    const seen = new Set<string>();
    const out: KubeObject[] = [];
    const namespace = rs.metadata.namespace ?? '';
    for (const other of this.rsInformer.list(namespace)) {
      if (controllerOf(other)?.uid !== owner.uid) continue;
      const sel = this.selectorOrUndefined(other);
      if (!sel) continue;
      for (const pod of this.podInformer.list(namespace)) {
        if (seen.has(pod.metadata.uid!) || !matchesLabels(sel, pod.metadata.labels ?? {})) continue;
        seen.add(pod.metadata.uid!);
        out.push(pod);
      }
    }
    return out;
  }
}
