// The DaemonSet controller (pkg/controller/daemon/daemon_controller.go): one daemon pod on every
// node that should run it. Informer handlers record expectations and enqueue keys; syncDaemonSet
// builds the history, creates pods pinned to their node through node affinity (the scheduler
// binds them), deletes the ones that should not run, rolls out a new template, and always
// writes status.
import type { KubeObject } from '../../../api/types';
import type { LabelSelector } from '../../../api/selector-types';
import { matchesLabels } from '../../../api/labels';
import { labelSelectorAsSelectorCached } from '../selectors';
import { StatusError } from '../../../api/status';
import type { ControllerContext } from '../context';
import type { ClusterClient } from '../../machinery/client';
import type { EventRecorder } from '../../machinery/events';
import { keyOf, type Informer } from '../../machinery/informer';
import { Expectations } from '../../machinery/expectations';
import { WorkQueue, type SyncResult } from '../../machinery/workqueue';
import { claimPods, controllerOf, newControllerRef } from '../replicaset/claim';
import { PodControl, isNamespaceTerminating } from '../replicaset/podcontrol';
import { creationTime, isPodAvailable, isPodReady, podPhase } from '../replicaset/pods';
import { cleanupHistory, constructHistory } from './history';
import { rollingUpdate, surgeOf } from './update';
import { REVISION_HASH_LABEL, createPodTemplate, daemonPredicate, isPodUpdated, replaceNodeNameAffinity, targetNodeName, templateGeneration, type ShouldRun } from './util';

type Obj = Record<string, any>;

export const COMPONENT = 'daemonset-controller';
/** BurstReplicas of the DaemonSet controller. */
const BURST_REPLICAS = 250;
const FAILED_POD_BACKOFF_MS = 1000;
const FAILED_POD_MAX_BACKOFF_MS = 15 * 60 * 1000;

/** podByCreationTimestampAndPhase: bound pods first, then the oldest, then by name. */
export function byCreationAndPhase(a: KubeObject, b: KubeObject): number {
  const an = !!(a.spec as Obj | undefined)?.nodeName;
  const bn = !!(b.spec as Obj | undefined)?.nodeName;
  if (an !== bn) return an ? -1 : 1;
  const d = creationTime(a) - creationTime(b);
  if (d) return d;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** Node changes that can change where daemon pods run (shouldIgnoreNodeUpdate, inverted). */
function nodeChanged(o: KubeObject, n: KubeObject): boolean {
  const pick = (x: KubeObject) =>
    JSON.stringify([x.metadata.labels, (x.spec as Obj | undefined)?.taints, (x.spec as Obj | undefined)?.unschedulable, ((x.status as Obj | undefined)?.conditions ?? []).map((c: Obj) => [c.type, c.status])]);
  return pick(o) !== pick(n);
}

/**
 * With surge a node may hold the oldest new pod and the oldest old one while the new one is not
 * yet available; everything else goes (and the old one once the new one is available, or at
 * once if it is not ready).
 */
function surgeExtras(running: KubeObject[], hash: string, minReady: number, now: number): KubeObject[] {
  let oldestNew: KubeObject | undefined;
  let oldestOld: KubeObject | undefined;
  const out: KubeObject[] = [];
  for (const pod of running) {
    if (pod.metadata.labels?.[REVISION_HASH_LABEL] === hash) {
      if (!oldestNew) oldestNew = pod;
      else out.push(pod);
    } else if (!oldestOld) oldestOld = pod;
    else out.push(pod);
  }
  if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, now))) out.push(oldestOld);
  return out;
}

export class DaemonSetsController {
  readonly queue: WorkQueue;
  readonly expectations: Expectations;
  private readonly dsInformer: Informer;
  private readonly podInformer: Informer;
  private readonly nodeInformer: Informer;
  private readonly revInformer: Informer;
  private readonly client: ClusterClient;
  private readonly recorder: EventRecorder;
  private readonly podControl: PodControl;
  /** node names sorted, dropped when a node is added or deleted */
  private nodeOrder?: string[];
  /** Pod events seen per namespace: a memoized claim is good while this has not moved. */
  private readonly podEvents = new Map<string, number>();
  /** The last claim per DaemonSet uid that wrote nothing (see nodesToDaemonPods). */
  private readonly claimMemo = new Map<string, { selector: unknown; deletionTimestamp: unknown; version: number; byNode: Map<string, KubeObject[]> }>();
  /** Tests: false claims on every call (the behaviour before the memo); verify re-claims on every hit and compares. */
  static memoEnabled = true;
  static verifyMemo = false;
  static readonly memoMismatches: string[] = [];
  /** Memo hits so far (tests check that a scenario exercised the memo). */
  static memoHits = 0;
  /** failedPodsBackoff: per ds/node, when a failed pod may next be killed, and the current delay */
  private readonly failedBackoff = new Map<string, { until: number; delay: number }>();

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client('kube-controller-manager');
    this.recorder = ctx.recorder(COMPONENT);
    this.podControl = new PodControl(this.client, this.recorder);
    this.expectations = new Expectations(ctx.clock);
    this.queue = new WorkQueue(ctx.clock, 'daemonset', (key) => this.syncDaemonSet(key));
    this.dsInformer = ctx.informers.for('daemonsets.apps');
    this.podInformer = ctx.informers.for('pods');
    this.nodeInformer = ctx.informers.for('nodes');
    this.revInformer = ctx.informers.for('controllerrevisions.apps');
    this.dsInformer.addEventHandler({
      onAdd: (ds) => this.queue.add(keyOf(ds)),
      onUpdate: (_o, ds) => this.queue.add(keyOf(ds)),
      onDelete: (ds) => {
        this.claimMemo.delete(ds.metadata.uid!);
        this.expectations.delete(keyOf(ds));
        this.queue.add(keyOf(ds));
      },
    });
    const podEvent = (pod: KubeObject) => {
      const ns = pod.metadata.namespace ?? '';
      this.podEvents.set(ns, (this.podEvents.get(ns) ?? 0) + 1);
    };
    this.podInformer.addEventHandler({ onAdd: podEvent, onUpdate: (_o, pod) => podEvent(pod), onDelete: podEvent });
    this.podInformer.addEventHandler({
      onAdd: (pod) => {
        const ds = this.ownerOf(pod);
        if (ds) {
          this.expectations.creationObserved(keyOf(ds));
          this.queue.add(keyOf(ds));
        } else if (!controllerOf(pod)) for (const d of this.matchingDaemonSets(pod)) this.queue.add(keyOf(d));
      },
      onUpdate: (old, pod) => {
        const oldDs = this.ownerOf(old);
        const ds = this.ownerOf(pod);
        if (oldDs && oldDs !== ds) this.queue.add(keyOf(oldDs));
        if (ds) {
          this.queue.add(keyOf(ds));
          // A pod that just became ready becomes available after minReadySeconds.
          const minReady = Number((ds.spec as Obj).minReadySeconds ?? 0);
          if (minReady && !isPodReady(old) && isPodReady(pod)) this.queue.addAfter(keyOf(ds), minReady * 1000 + 1);
        } else if (!controllerOf(pod)) for (const d of this.matchingDaemonSets(pod)) this.queue.add(keyOf(d));
      },
      onDelete: (pod) => {
        const ds = this.ownerOf(pod);
        if (!ds) return;
        this.expectations.deletionObserved(keyOf(ds), pod.metadata.uid);
        this.queue.add(keyOf(ds));
      },
    });
    const all = () => {
      for (const ds of this.dsInformer.list()) this.queue.add(keyOf(ds));
    };
    this.nodeInformer.addEventHandler({
      onAdd: () => {
        this.nodeOrder = undefined;
        all();
      },
      onUpdate: (o, n) => {
        if (nodeChanged(o, n)) all();
      },
      onDelete: () => {
        this.nodeOrder = undefined;
        all();
      },
    });
    this.revInformer.addEventHandler({
      onDelete: (cr) => {
        const ref = controllerOf(cr);
        if (ref?.kind === 'DaemonSet') this.queue.add(`${cr.metadata.namespace}/${ref.name}`);
      },
    });
  }

  /** resolveControllerRef: the DaemonSet in the cache that controls the pod. */
  private ownerOf(pod: KubeObject): KubeObject | undefined {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'DaemonSet') return undefined;
    const ds = this.dsInformer.get(pod.metadata.namespace ?? '', ref.name);
    return ds && ds.metadata.uid === ref.uid ? ds : undefined;
  }

  private selector(ds: KubeObject): LabelSelector | undefined {
    try {
      return labelSelectorAsSelectorCached((ds.spec as Obj).selector);
    } catch {
      return undefined;
    }
  }

  /** getDaemonSetsForPod: DaemonSets whose selector matches an orphan. */
  private matchingDaemonSets(pod: KubeObject): KubeObject[] {
    return this.dsInformer.list(pod.metadata.namespace ?? '').filter((ds) => {
      const sel = this.selector(ds);
      return sel && !sel.nothing && sel.requirements.length > 0 && matchesLabels(sel, pod.metadata.labels ?? {});
    });
  }

  /**
   * getNodesToDaemonPods, memoized: a claim that wrote nothing depends only on the DaemonSet's
   * uid, namespace, deletion state and selector (a frozen stored object: the same object, the
   * same selector) and on the pods of its namespace, so while no pod event arrived there it
   * gives the same answer again. Node updates enqueue every DaemonSet; their syncs (often right
   * after a status write, which makes a new DaemonSet object) then skip walking every pod of
   * kube-system. The lists are shared between syncs: nothing edits them.
   */
  private nodesToDaemonPods(ds: KubeObject): Map<string, KubeObject[]> {
    const ns = ds.metadata.namespace!;
    const version = this.podEvents.get(ns) ?? 0;
    const selector = (ds.spec as Obj | undefined)?.selector;
    const memo = DaemonSetsController.memoEnabled ? this.claimMemo.get(ds.metadata.uid!) : undefined;
    if (memo && memo.selector === selector && memo.deletionTimestamp === ds.metadata.deletionTimestamp && memo.version === version) {
      DaemonSetsController.memoHits++;
      if (DaemonSetsController.verifyMemo) this.checkMemo(ds, memo.byNode);
      return memo.byNode;
    }
    const r = this.claimDaemonPods(ds);
    if (r.wrote || !selector || !Object.isFrozen(selector)) this.claimMemo.delete(ds.metadata.uid!);
    else this.claimMemo.set(ds.metadata.uid!, { selector, deletionTimestamp: ds.metadata.deletionTimestamp, version, byNode: r.byNode });
    return r.byNode;
  }

  private checkMemo(ds: KubeObject, byNode: Map<string, KubeObject[]>): void {
    const fresh = this.claimDaemonPods(ds);
    const flat = (m: Map<string, KubeObject[]>) => [...m].map(([n, ps]) => [n, ps.map((p) => p.metadata.uid)]);
    // Same nodes in the same order, the very same pod objects in the same order, and no write.
    const same = !fresh.wrote && JSON.stringify(flat(fresh.byNode)) === JSON.stringify(flat(byNode)) && [...fresh.byNode].every(([n, ps]) => ps.every((p, i) => byNode.get(n)![i] === p));
    if (same) return;
    // Recorded too: the work queue catches a sync's exception and retries it.
    const msg = `daemonset ${keyOf(ds)}: memoized claim differs from a fresh one`;
    DaemonSetsController.memoMismatches.push(msg);
    throw new Error(msg);
  }

  /** The claim itself: the namespace's pods walked, adopted or released. */
  private claimDaemonPods(ds: KubeObject): { byNode: Map<string, KubeObject[]>; wrote: boolean } {
    const sel = this.selector(ds);
    const out = new Map<string, KubeObject[]>();
    let wrote = false;
    if (!sel) return { byNode: out, wrote };
    const claimed = claimPods(this.podInformer.list(ds.metadata.namespace!), {
      onWrite: () => {
        wrote = true;
      },
      client: this.client,
      owner: ds,
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      selector: sel,
      canAdopt: () => {
        const fresh = this.client.get('daemonsets.apps', ds.metadata.namespace!, ds.metadata.name!);
        if (!fresh || fresh.metadata.uid !== ds.metadata.uid || fresh.metadata.deletionTimestamp) throw new Error(`daemonset ${ds.metadata.name} is going away`);
      },
    });
    for (const pod of claimed) {
      const phase = podPhase(pod);
      // A finished pod already being deleted is the kubelet's or the pod GC's business now.
      if ((phase === 'Succeeded' || phase === 'Failed') && pod.metadata.deletionTimestamp) continue;
      const node = targetNodeName(pod);
      if (!node) continue;
      const list = out.get(node);
      if (list) list.push(pod);
      else out.set(node, [pod]);
    }
    return { byNode: out, wrote };
  }

  private nodes(): KubeObject[] {
    // Sorted by name so a sync acts on nodes in a stable order (Go walks a map). The order only
    // changes when nodes come or go (names are immutable): it is kept between syncs and the
    // current objects are read from the cache each time (heartbeats replace them).
    if (!this.nodeOrder) {
      this.nodeOrder = this.nodeInformer
        .list()
        .map((n) => n.metadata.name!)
        .sort((a, b) => (a < b ? -1 : 1));
    }
    const out: KubeObject[] = [];
    for (const name of this.nodeOrder) {
      const n = this.nodeInformer.getByKey(name);
      if (n) out.push(n);
    }
    return out;
  }

  syncDaemonSet(key: string): SyncResult {
    const ds = this.dsInformer.getByKey(key);
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    // A DaemonSet being deleted may have lost its history already: leave it to the garbage collector.
    if (ds.metadata.deletionTimestamp) return;
    const sel = this.selector(ds);
    if (sel && !sel.nothing && sel.requirements.length === 0) {
      this.recorder.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    const nodes = this.nodes();
    // Where the DaemonSet should run is worked out once per sync and shared by every step.
    const pred = daemonPredicate(ds);
    const runs = new Map(nodes.map((n) => [n.metadata.name!, pred(n)]));
    const { old, hash } = constructHistory(ds, this.revInformer, this.client);
    if (!this.expectations.satisfied(key)) return this.updateStatus(ds, runs, this.nodesToDaemonPods(ds), hash, false);
    let requeue: number | undefined;
    let error: unknown;
    let byNode = this.nodesToDaemonPods(ds);
    try {
      const m = this.manage(ds, runs, byNode, hash);
      requeue = m.requeue;
      // Pods created or deleted: read them again (the informer has them by now).
      if (m.changed) byNode = this.nodesToDaemonPods(ds);
      if (this.expectations.satisfied(key) && (ds.spec as Obj).updateStrategy?.type !== 'OnDelete') {
        const r = rollingUpdate(ds, runs, hash, byNode, this.ctx.clock.now());
        if (r.podsToDelete.length || r.nodesToCreate.length) {
          this.syncNodes(ds, r.podsToDelete, r.nodesToCreate, hash);
          byNode = this.nodesToDaemonPods(ds);
        }
      }
      cleanupHistory(ds, old, [...byNode.values()].flat(), this.client);
    } catch (e) {
      error = e;
    }
    const statusRequeue = this.updateStatus(ds, runs, byNode, hash, true);
    if (error) throw error;
    const after = Math.min(requeue ?? Infinity, statusRequeue ? statusRequeue.requeueAfterMs : Infinity);
    return after < Infinity ? { requeueAfterMs: after } : undefined;
  }

  /** manage: which nodes need a daemon pod and which daemon pods must go. */
  private manage(ds: KubeObject, runs: Map<string, ShouldRun>, byNode: Map<string, KubeObject[]>, hash: string): { requeue?: number; changed: boolean } {
    const needing: string[] = [];
    const toDelete: KubeObject[] = [];
    let requeue: number | undefined;
    const now = this.ctx.clock.now();
    for (const [name, { shouldRun, shouldContinueRunning }] of runs) {
      const pods = byNode.get(name);
      if (shouldRun && !pods) {
        needing.push(name);
      } else if (shouldContinueRunning && pods) {
        const running: KubeObject[] = [];
        for (const pod of pods) {
          if (pod.metadata.deletionTimestamp) continue;
          const phase = podPhase(pod);
          if (phase === 'Failed') {
            // Failed daemon pods are killed with a per-node back-off, so a crashing pod does not spin.
            const bk = `${ds.metadata.uid}/${name}`;
            const b = this.failedBackoff.get(bk);
            if (b && now < b.until) {
              requeue = Math.min(requeue ?? Infinity, b.until - now);
              continue;
            }
            const delay = b ? Math.min(b.delay * 2, FAILED_POD_MAX_BACKOFF_MS) : FAILED_POD_BACKOFF_MS;
            this.failedBackoff.set(bk, { until: now + delay, delay });
            this.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`);
            toDelete.push(pod);
          } else if (phase === 'Succeeded') toDelete.push(pod);
          else running.push(pod);
        }
        if (!surgeOf(ds)) {
          // Without surge, more than one running pod on a node: keep the oldest.
          if (running.length > 1) toDelete.push(...running.sort(byCreationAndPhase).slice(1));
        } else toDelete.push(...surgeExtras(running.sort(byCreationAndPhase), hash, Number((ds.spec as Obj).minReadySeconds ?? 0), now));
      } else if (!shouldContinueRunning && pods) {
        for (const pod of pods) if (!pod.metadata.deletionTimestamp) toDelete.push(pod);
      }
    }
    // getUnscheduledPodsWithoutNode: pods pinned to a node that no longer exists.
    for (const [node, pods] of byNode) {
      if (runs.has(node)) continue;
      for (const pod of pods) if (!(pod.spec as Obj).nodeName && !pod.metadata.deletionTimestamp) toDelete.push(pod);
    }
    if (toDelete.length || needing.length) this.syncNodes(ds, toDelete, needing, hash);
    return { requeue, changed: toDelete.length > 0 || needing.length > 0 };
  }

  /** syncNodes: set expectations, then create (in slow-start batches) and delete. */
  private syncNodes(ds: KubeObject, toDelete: KubeObject[], needing: string[], hash: string): void {
    const key = keyOf(ds);
    const createDiff = Math.min(needing.length, BURST_REPLICAS);
    const deletes = toDelete.slice(0, BURST_REPLICAS);
    this.expectations.expectDeletions(key, deletes.map((p) => p.metadata.uid!));
    this.expectations.lowerExpectations(key, -createDiff, 0);
    const template = createPodTemplate((ds.spec as Obj).template, templateGeneration(ds), hash);
    const ref = newControllerRef(ds, 'apps/v1', 'DaemonSet');
    let pos = 0;
    let stop = false;
    for (let batch = Math.min(createDiff, 1); batch > 0 && !stop; pos += batch, batch = Math.min(2 * batch, createDiff - pos)) {
      for (let i = pos; i < pos + batch; i++) {
        const t = { ...template, spec: { ...template.spec, affinity: replaceNodeNameAffinity(template.spec.affinity, needing[i]) } };
        try {
          this.podControl.createPod(ds.metadata.namespace!, t, ds, ref);
        } catch (e) {
          this.expectations.creationObserved(key);
          if (isNamespaceTerminating(e)) return;
          stop = true;
        }
      }
    }
    // Creations a failed batch never attempted are not expected either.
    if (stop) this.expectations.lowerExpectations(key, createDiff - pos, 0);
    for (const pod of deletes) {
      try {
        this.podControl.deletePod(ds.metadata.namespace!, pod.metadata.name!, ds);
      } catch (e) {
        this.expectations.deletionObserved(key, pod.metadata.uid);
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    }
  }

  /** updateDaemonSetStatus: the counts kubectl prints, written only when they change. */
  private updateStatus(ds: KubeObject, runs: Map<string, ShouldRun>, byNode: Map<string, KubeObject[]>, hash: string, observed: boolean): { requeueAfterMs: number } | undefined {
    const now = this.ctx.clock.now();
    const minReady = Number((ds.spec as Obj).minReadySeconds ?? 0);
    const generation = templateGeneration(ds);
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const [name, { shouldRun }] of runs) {
      const pods = byNode.get(name);
      if (shouldRun) {
        desired++;
        if (!pods?.length) continue;
        current++;
        const pod = firstBy(pods, byCreationAndPhase);
        if (isPodReady(pod)) {
          ready++;
          if (isPodAvailable(pod, minReady, now)) available++;
        }
        if (isPodUpdated(pod, hash, generation)) updated++;
      } else if (pods?.length) misscheduled++;
    }
    const old = (ds.status ?? {}) as Obj;
    const status: Obj = {
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      ...(available ? { numberAvailable: available } : {}),
      numberMisscheduled: misscheduled,
      numberReady: ready,
      ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
      ...(observed ? { observedGeneration: ds.metadata.generation } : old.observedGeneration !== undefined ? { observedGeneration: old.observedGeneration } : {}),
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(old.collisionCount !== undefined ? { collisionCount: old.collisionCount } : {}),
      ...(old.conditions ? { conditions: old.conditions } : {}),
    };
    const same = ['currentNumberScheduled', 'desiredNumberScheduled', 'numberAvailable', 'numberMisscheduled', 'numberReady', 'numberUnavailable', 'observedGeneration', 'updatedNumberScheduled'].every(
      (k) => (old[k] ?? 0) === (status[k] ?? 0),
    );
    if (!same) {
      try {
        this.client.updateStatus('daemonsets.apps', { ...ds, status });
      } catch (e) {
        // A conflict: the newer object is queued already and the next sync writes it.
        if (!(e instanceof StatusError && (e.code === 409 || e.code === 404))) throw e;
      }
    }
    return minReady > 0 && ready !== available ? { requeueAfterMs: minReady * 1000 } : undefined;
  }
}

/** The element a stable sort by `cmp` puts first, without copying or sorting. */
function firstBy<T>(xs: readonly T[], cmp: (a: T, b: T) => number): T {
  let best = xs[0];
  for (let i = 1; i < xs.length; i++) if (cmp(xs[i], best) < 0) best = xs[i];
  return best;
}

/** Starts the DaemonSet controller: registers its informer handlers (start the factory afterwards). */
export function startDaemonSetController(ctx: ControllerContext): DaemonSetsController {
  return new DaemonSetsController(ctx);
}
