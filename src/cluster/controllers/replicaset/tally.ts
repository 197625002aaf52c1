// Incremental pod counts per controller, so that a sync of a ReplicaSet with thousands of pods
// costs what changed since the last sync, not a walk of every pod in the namespace.
//
// It is only a faster way to get the numbers syncReplicaSet would compute: the pods a controller
// controls (controllerRef uid), active, matching its selector, fully labelled, ready. The sync
// uses it only when the full walk would have no side effect (nothing to adopt or release,
// nothing to delete, no minReadySeconds timing); otherwise it takes the full path as before.
import type { KubeObject } from '../../../api/types';
import type { LabelSelector } from '../../../api/selector-types';
import { matchesLabels } from '../../../api/labels';
import type { Informer } from '../../machinery/informer';
import { controllerOf } from './claim';
import { isPodActive, isPodReady } from './pods';

const ACTIVE = 1;
const MATCH = 2;
const FULLY_LABELED = 4;
const READY = 8;

export interface PodCounts {
  /** active pods controlled by the owner and matching its selector (claimPods' result) */
  claimed: number;
  /** active pods controlled by the owner whose labels no longer match (would be released) */
  mismatched: number;
  fullyLabeled: number;
  ready: number;
}

class OwnerTally {
  readonly pods = new Map<string, KubeObject>();
  readonly dirty = new Set<string>();
  readonly contrib = new Map<string, number>();
  signature = '';
  private selector: LabelSelector | undefined;
  private templateLabels: LabelSelector | undefined;
  readonly counts: PodCounts = { claimed: 0, mismatched: 0, fullyLabeled: 0, ready: 0 };

  private apply(bits: number, sign: number): void {
    if (!(bits & ACTIVE)) return;
    if (!(bits & MATCH)) {
      this.counts.mismatched += sign;
      return;
    }
    this.counts.claimed += sign;
    if (bits & FULLY_LABELED) this.counts.fullyLabeled += sign;
    if (bits & READY) this.counts.ready += sign;
  }

  refresh(selector: LabelSelector, templateLabels: LabelSelector): PodCounts {
    // Cached (frozen) selectors keep their identity while the owner's spec does: compare the
    // parsed content only when either object is a different or a mutable one.
    const same = selector === this.selector && templateLabels === this.templateLabels && Object.isFrozen(selector) && Object.isFrozen(templateLabels);
    if (!same) {
      this.selector = selector;
      this.templateLabels = templateLabels;
      const signature = JSON.stringify([selector, templateLabels]);
      if (signature !== this.signature) {
        this.signature = signature;
        this.contrib.clear();
        this.counts.claimed = this.counts.mismatched = this.counts.fullyLabeled = this.counts.ready = 0;
        for (const k of this.pods.keys()) this.dirty.add(k);
      }
    }
    for (const k of this.dirty) {
      const before = this.contrib.get(k);
      if (before !== undefined) this.apply(before, -1);
      const pod = this.pods.get(k);
      if (!pod) {
        this.contrib.delete(k);
        continue;
      }
      let bits = 0;
      if (isPodActive(pod)) {
        const labels = pod.metadata.labels ?? {};
        bits = ACTIVE;
        if (matchesLabels(selector, labels)) bits |= MATCH;
        if (matchesLabels(templateLabels, labels)) bits |= FULLY_LABELED;
        if (isPodReady(pod)) bits |= READY;
      }
      this.contrib.set(k, bits);
      this.apply(bits, 1);
    }
    this.dirty.clear();
    return this.counts;
  }
}

/** Pods grouped by controller uid (and orphans by namespace), kept current by an informer handler. */
export class PodTally {
  /** namespace → controller uid → tally; pods are keyed by name inside (refs are namespace-local). */
  private readonly owners = new Map<string, Map<string, OwnerTally>>();
  /** pods without a controllerRef, by namespace */
  private readonly orphans = new Map<string, Map<string, KubeObject>>();

  /** false: syncs always take the full walk (tests compare the two). */
  static enabled = true;
  /** Tests: check every answer against a full walk of the informer cache (throws on a difference). */
  static verify = false;
  /** Differences found while verifying. */
  static readonly mismatches: string[] = [];

  constructor(private readonly informer: Informer) {
    informer.addEventHandler({
      onAdd: (p) => this.put(undefined, p),
      onUpdate: (o, p) => this.put(o, p),
      onDelete: (p) => this.drop(p),
    });
  }

  private owner(ns: string, uid: string): OwnerTally {
    let m = this.owners.get(ns);
    if (!m) this.owners.set(ns, (m = new Map()));
    let t = m.get(uid);
    if (!t) m.set(uid, (t = new OwnerTally()));
    return t;
  }

  private put(old: KubeObject | undefined, pod: KubeObject): void {
    const uid = controllerOf(pod)?.uid;
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name!;
    // The common update (status, same owner): only the pod and its dirty mark change.
    if (old && !(uid !== undefined && controllerOf(old)?.uid === uid && old.metadata.name === name && (old.metadata.namespace ?? '') === ns)) this.drop(old);
    if (uid === undefined) {
      let m = this.orphans.get(ns);
      if (!m) this.orphans.set(ns, (m = new Map()));
      m.set(name, pod);
      return;
    }
    const t = this.owner(ns, uid);
    t.pods.set(name, pod);
    t.dirty.add(name);
  }

  /** Forgets `pod` (its old state). */
  private drop(pod: KubeObject): void {
    const uid = controllerOf(pod)?.uid;
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name!;
    if (uid === undefined) {
      const m = this.orphans.get(ns);
      if (!m) return;
      m.delete(name);
      if (!m.size) this.orphans.delete(ns);
      return;
    }
    const t = this.owners.get(ns)?.get(uid);
    if (!t) return;
    t.pods.delete(name);
    t.dirty.add(name);
  }

  /**
   * Counts for the owner `uid` in `namespace`, or undefined when an orphan there could be
   * adopted (the full walk must run). `selector` and `templateLabels` must be the owner's.
   */
  counts(uid: string, namespace: string, selector: LabelSelector, templateLabels: LabelSelector): PodCounts | undefined {
    const orphans = this.orphans.get(namespace);
    if (orphans) {
      for (const p of orphans.values()) if (isPodActive(p) && matchesLabels(selector, p.metadata.labels ?? {})) return undefined;
    }
    // Owner references are namespace-local: a pod elsewhere naming this uid is not ours.
    const byUid = this.owners.get(namespace);
    const t = byUid?.get(uid);
    if (!t) return { claimed: 0, mismatched: 0, fullyLabeled: 0, ready: 0 };
    const c = { ...t.refresh(selector, templateLabels) };
    if (!t.pods.size) {
      byUid!.delete(uid);
      if (!byUid!.size) this.owners.delete(namespace);
    }
    if (PodTally.verify) this.check(c, uid, namespace, selector, templateLabels);
    return c;
  }

  private check(c: PodCounts, uid: string, namespace: string, selector: LabelSelector, templateLabels: LabelSelector): void {
    const want: PodCounts = { claimed: 0, mismatched: 0, fullyLabeled: 0, ready: 0 };
    for (const p of this.informer.list(namespace)) {
      if (!isPodActive(p) || controllerOf(p)?.uid !== uid) continue;
      const labels = p.metadata.labels ?? {};
      if (!matchesLabels(selector, labels)) {
        want.mismatched++;
        continue;
      }
      want.claimed++;
      if (matchesLabels(templateLabels, labels)) want.fullyLabeled++;
      if (isPodReady(p)) want.ready++;
    }
    if (JSON.stringify(want) === JSON.stringify(c)) return;
    const msg = `PodTally ${namespace}/${uid}: have ${JSON.stringify(c)}, a full walk gives ${JSON.stringify(want)}`;
    PodTally.mismatches.push(msg);
    throw new Error(msg);
  }
}
