// The Deployment controller (pkg/controller/deployment/deployment_controller.go): informer
// handlers that only enqueue `namespace/name` keys, and syncDeployment, which re-reads the
// deployment, claims its ReplicaSets and hands over to sync / rollback / rolloutRecreate /
// rolloutRolling. Every read comes from the shared informers; every write goes through the API.
import type { KubeObject, OwnerReference } from '../../../api/types';
import { matchesLabels } from '../../../api/labels';
import { labelSelectorAsSelectorCached } from '../selectors';
import type { ClusterClient } from '../../machinery/client';
import { isNotFound } from '../../machinery/client';
import type { VirtualClock, Timer } from '../../machinery/clock';
import type { EventRecorder } from '../../machinery/events';
import { keyOf, splitKey, type Informer } from '../../machinery/informer';
import { WorkQueue, type SyncResult } from '../../machinery/workqueue';
import type { Component, ControllerContext } from '../context';
import { cloneSharingTemplate, getControllerOf, semanticEqual, type Deployment, type ReplicaSet } from './util';
import { isScalingEvent, sync, syncStatusOnly, checkPausedConditions } from './sync';
import { getRollbackTo, rollback } from './rollback';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';

export const CONTROLLER_NAME = 'deployment-controller';
/** The field manager kube-controller-manager writes with. */
export const FIELD_MANAGER = 'kube-controller-manager';

/** Pods grouped by the UID of the ReplicaSet that controls them. */
export type PodMap = Map<string, KubeObject[]>;

export class DeploymentController implements Component {
  readonly clock: VirtualClock;
  readonly client: ClusterClient;
  readonly recorder: EventRecorder;
  readonly queue: WorkQueue;
  readonly dInformer: Informer;
  readonly rsInformer: Informer;
  readonly podInformer: Informer;
  private delayed = new Map<string, { at: number; timer: Timer }>();
  private deferred = new Set<string>();
  private syncing = false;

  constructor(ctx: ControllerContext) {
    this.clock = ctx.clock;
    this.client = ctx.client(FIELD_MANAGER);
    this.recorder = ctx.recorder(CONTROLLER_NAME);
    this.dInformer = ctx.informers.for('deployments.apps');
    this.rsInformer = ctx.informers.for('replicasets.apps');
    this.podInformer = ctx.informers.for('pods');
    this.queue = new WorkQueue(ctx.clock, 'deployment', (key) => this.syncDeployment(key));
  }

  start(): void {
    this.dInformer.addEventHandler({
      onAdd: (d) => this.enqueue(d),
      onUpdate: (_old, cur) => this.enqueue(cur),
      onDelete: (d) => this.enqueue(d),
    });
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.addReplicaSet(rs as ReplicaSet),
      onUpdate: (old, cur) => this.updateReplicaSet(old as ReplicaSet, cur as ReplicaSet),
      onDelete: (rs) => this.deleteReplicaSet(rs as ReplicaSet),
    });
    this.podInformer.addEventHandler({ onDelete: (pod) => this.deletePod(pod) });
  }

  /** RFC 3339 now, as metav1.Now() serialises. */
  now(): string {
    return this.clock.rfc3339();
  }

  // -------------------------------------------------------------------------------------------
  // Queueing

  /**
   * Events caused by this controller's own writes arrive while it syncs. The shared queue would
   * process them in the same pass, before the ReplicaSet controller has seen the change (a
   * second step on stale RS status can put maxSurge+1 pods on the ground). Like a real watch
   * they come back a moment later instead: after the clock tasks already due now.
   */
  enqueue(d: KubeObject): void {
    const key = keyOf(d);
    if (!this.syncing) {
      this.queue.add(key);
      return;
    }
    if (this.deferred.has(key)) return;
    this.deferred.add(key);
    this.clock.after(0, () => {
      this.deferred.delete(key);
      this.queue.add(key);
    });
  }

  enqueueRateLimited(d: KubeObject): void {
    this.queue.addRateLimited(keyOf(d));
  }

  /** AddAfter that keeps the earliest pending time for a key. */
  enqueueAfter(d: KubeObject, ms: number): void {
    const key = keyOf(d);
    const at = this.clock.now() + ms;
    const cur = this.delayed.get(key);
    if (cur && cur.at <= at) return;
    cur?.timer.cancel();
    const timer = this.clock.after(ms, () => {
      this.delayed.delete(key);
      this.queue.add(key);
    });
    this.delayed.set(key, { at, timer });
  }

  /** Drops a pending deadline check (the rollout finished; nothing is left to time out). */
  cancelAfter(d: KubeObject): void {
    const key = keyOf(d);
    this.delayed.get(key)?.timer.cancel();
    this.delayed.delete(key);
  }

  // -------------------------------------------------------------------------------------------
  // Handlers (enqueue only)

  private resolveControllerRef(namespace: string, ref: OwnerReference): Deployment | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.dInformer.get(namespace, ref.name) as Deployment | undefined;
    if (!d || d.metadata.uid !== ref.uid) return undefined;
    return d;
  }

  /** getDeploymentsForReplicaSet: deployments whose selector matches an orphan RS. */
  private getDeploymentsForReplicaSet(rs: ReplicaSet): Deployment[] {
    const labels = rs.metadata.labels;
    if (!labels || Object.keys(labels).length === 0) return [];
    const out: Deployment[] = [];
    for (const d of this.dInformer.list(rs.metadata.namespace ?? '') as Deployment[]) {
      let sel;
      try {
        sel = labelSelectorAsSelectorCached(d.spec.selector);
      } catch {
        continue;
      }
      if (sel.requirements.length === 0) continue;
      if (matchesLabels(sel, labels)) out.push(d);
    }
    return out;
  }

  private addReplicaSet(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp) {
      this.deleteReplicaSet(rs);
      return;
    }
    const ref = getControllerOf(rs);
    if (ref) {
      const d = this.resolveControllerRef(rs.metadata.namespace ?? '', ref);
      if (d) this.enqueue(d);
      return;
    }
    for (const d of this.getDeploymentsForReplicaSet(rs)) this.enqueue(d);
  }

  private updateReplicaSet(old: ReplicaSet, cur: ReplicaSet): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = !semanticEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const d = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (d) this.enqueue(d);
    }
    if (curRef) {
      const d = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (d) this.enqueue(d);
      return;
    }
    const labelChanged = !semanticEqual(cur.metadata.labels, old.metadata.labels);
    if (labelChanged || refChanged) for (const d of this.getDeploymentsForReplicaSet(cur)) this.enqueue(d);
  }

  private deleteReplicaSet(rs: ReplicaSet): void {
    const ref = getControllerOf(rs);
    if (!ref) return;
    const d = this.resolveControllerRef(rs.metadata.namespace ?? '', ref);
    if (d) this.enqueue(d);
  }

  /** A Recreate deployment waits for its old pods to be gone: their deletion wakes it up. */
  private deletePod(pod: KubeObject): void {
    const d = this.getDeploymentForPod(pod);
    if (d && d.spec.strategy?.type === 'Recreate') this.enqueue(d);
  }

  private getDeploymentForPod(pod: KubeObject): Deployment | undefined {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.rsInformer.get(pod.metadata.namespace ?? '', ref.name) as ReplicaSet | undefined;
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const dref = getControllerOf(rs);
    return dref ? this.resolveControllerRef(rs.metadata.namespace ?? '', dref) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Sync

  syncDeployment(key: string): SyncResult {
    this.syncing = true;
    try {
      return this.syncDeploymentKey(key);
    } finally {
      this.syncing = false;
    }
  }

  private syncDeploymentKey(key: string): SyncResult {
    const [namespace, name] = splitKey(key);
    const cached = this.dInformer.get(namespace, name) as Deployment | undefined;
    if (!cached) {
      const t = this.delayed.get(key);
      t?.timer.cancel();
      this.delayed.delete(key);
      return;
    }
    const d = cloneSharingTemplate(cached);
    d.apiVersion ??= 'apps/v1';
    d.kind ??= 'Deployment';
    d.status ??= {};

    const sel = d.spec.selector;
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status.observedGeneration = d.metadata.generation;
        this.updateStatus(d);
      }
      return;
    }

    const rsList = this.getReplicaSetsForDeployment(d);

    if (d.metadata.deletionTimestamp) return syncStatusOnly(this, d, rsList);

    checkPausedConditions(this, d);
    if (d.spec.paused) return sync(this, d, rsList);

    // Rollback is not re-entrant: finish it (clearing the annotation) before rolling out.
    if (getRollbackTo(d)) return rollback(this, d, rsList);

    if (isScalingEvent(this, d, rsList)) return sync(this, d, rsList);

    switch (d.spec.strategy?.type) {
      case 'Recreate':
        return rolloutRecreate(this, d, rsList);
      case 'RollingUpdate':
        return rolloutRolling(this, d, rsList);
    }
    throw new Error(`unexpected deployment strategy type: ${d.spec.strategy?.type}`);
  }

  /**
   * getReplicaSetsForDeployment: the RSs in the namespace this deployment controls, adopting
   * matching orphans and releasing owned RSs that stopped matching (ClaimReplicaSets).
   */
  getReplicaSetsForDeployment(d: Deployment): ReplicaSet[] {
    const ns = d.metadata.namespace ?? '';
    const all = this.rsInformer.list(ns) as ReplicaSet[];
    let selector;
    try {
      selector = labelSelectorAsSelectorCached(d.spec.selector);
    } catch (e) {
      throw new Error(`deployment ${ns}/${d.metadata.name} has invalid label selector: ${(e as Error).message}`);
    }
    const uid = d.metadata.uid;
    const claimed: ReplicaSet[] = [];
    let freshChecked: boolean | undefined;
    const canAdopt = (): boolean => {
      if (freshChecked === undefined) {
        const fresh = this.client.get('deployments.apps', ns, d.metadata.name!);
        freshChecked = !!fresh && fresh.metadata.uid === uid && !fresh.metadata.deletionTimestamp;
      }
      return freshChecked;
    };
    for (const rs of all) {
      const ref = getControllerOf(rs);
      // Another controller's RS is skipped before its labels are matched.
      if (ref && ref.uid !== uid) continue;
      const matches = matchesLabels(selector, rs.metadata.labels);
      if (ref) {
        if (matches) {
          claimed.push(rs);
          continue;
        }
        if (d.metadata.deletionTimestamp) continue;
        this.release(rs, uid!);
        continue;
      }
      if (d.metadata.deletionTimestamp || !matches || rs.metadata.deletionTimestamp) continue;
      if (!canAdopt()) continue;
      const adopted = this.adopt(d, rs);
      if (adopted) claimed.push(adopted);
    }
    return claimed;
  }

  private adopt(d: Deployment, rs: ReplicaSet): ReplicaSet | undefined {
    const patch = {
      metadata: {
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
        uid: rs.metadata.uid,
      },
    };
    try {
      return this.client.patch('replicasets.apps', rs.metadata.namespace!, rs.metadata.name!, 'strategic', patch) as ReplicaSet;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  private release(rs: ReplicaSet, ownerUid: string): void {
    const patch = { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: rs.metadata.uid } };
    try {
      this.client.patch('replicasets.apps', rs.metadata.namespace!, rs.metadata.name!, 'strategic', patch);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  /** getPodMapForDeployment: the deployment's pods keyed by their ReplicaSet's UID. */
  getPodMapForDeployment(d: Deployment, rsList: ReplicaSet[]): PodMap {
    const map: PodMap = new Map();
    for (const rs of rsList) map.set(rs.metadata.uid!, []);
    const selector = labelSelectorAsSelectorCached(d.spec.selector);
    for (const pod of this.podInformer.list(d.metadata.namespace ?? '')) {
      if (!matchesLabels(selector, pod.metadata.labels)) continue;
      const ref = getControllerOf(pod);
      if (!ref) continue;
      map.get(ref.uid)?.push(pod);
    }
    return map;
  }

  /** The latest cached copies of ReplicaSets this sync already holds (after its own writes). */
  fresh(rsList: ReplicaSet[]): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of rsList) {
      const cur = this.rsInformer.get(rs.metadata.namespace ?? '', rs.metadata.name!) as ReplicaSet | undefined;
      if (cur && cur.metadata.uid === rs.metadata.uid) out.push(cur);
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Writes

  updateReplicaSetObject(rs: ReplicaSet): ReplicaSet {
    return this.client.update('replicasets.apps', rs) as ReplicaSet;
  }

  createReplicaSet(rs: ReplicaSet): ReplicaSet {
    return this.client.create('replicasets.apps', rs.metadata.namespace!, rs) as ReplicaSet;
  }

  deleteReplicaSetObject(rs: ReplicaSet): void {
    try {
      this.client.delete('replicasets.apps', rs.metadata.namespace!, rs.metadata.name!, {});
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  /** UpdateStatus; `d` takes the new resourceVersion so later writes in this sync do not conflict. */
  updateStatus(d: Deployment): void {
    const out = this.client.updateStatus('deployments.apps', d) as Deployment;
    d.metadata = out.metadata;
  }

  /** Update (spec and metadata), as rollback does. */
  update(d: Deployment): void {
    const out = this.client.update('deployments.apps', d) as Deployment;
    d.metadata = out.metadata;
    d.spec = out.spec;
  }
}
