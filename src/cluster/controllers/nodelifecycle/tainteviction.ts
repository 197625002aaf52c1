// The taint eviction controller (pkg/controller/tainteviction, `taint-eviction-controller`): pods
// on a node with NoExecute taints they do not tolerate are deleted at once; pods that tolerate
// them for tolerationSeconds are deleted when the shortest such time has passed (counted from
// when the controller saw the taint or the pod); removing the taints cancels the deletion.
import type { KubeObject } from '../../../api/types';
import type { ControllerContext } from '../context';
import type { Timer } from '../../machinery/clock';
import { WorkQueue } from '../../machinery/workqueue';
import { keyOf, splitKey } from '../../machinery/informer';
import { isNotFound } from '../../machinery/client';
import { toleratesTaint, type Taint, type Toleration } from '../../scheduler/podutil';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

interface Scheduled {
  createdAt: number;
  fireAt: number;
  /** undefined once the deletion ran (the key stays so the same work is not added twice) */
  timer?: Timer;
}

function noExecuteTaints(node: KubeObject | undefined): Taint[] {
  const taints = ((node?.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[];
  return taints.filter((t) => t.effect === 'NoExecute');
}

function tolerations(pod: KubeObject): Toleration[] {
  return ((pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? []) as Toleration[];
}

const podNode = (pod: KubeObject) => (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';

/** v1helper.GetMatchingTolerations: every taint needs a toleration; the first match is used. */
export function matchingTolerations(taints: Taint[], tols: Toleration[]): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tols.find((x) => toleratesTaint(x, taint));
    if (!t) return undefined;
    used.push(t);
  }
  return used;
}

/** getMinTolerationTime in ms: -1 means forever; none or a non-positive seconds value means now. */
export function minTolerationMs(used: Toleration[]): number {
  if (!used.length) return 0;
  let min = Infinity;
  for (const t of used) {
    if (typeof t.tolerationSeconds !== 'number') continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

export class TaintEvictionController {
  private tainted = new Map<string, Taint[]>();
  private work = new Map<string, Scheduled>();
  private nodeQueue: WorkQueue;
  private podQueue: WorkQueue;
  private client;
  private recorder;

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client(TAINT_EVICTION_CONTROLLER);
    this.recorder = ctx.recorder(TAINT_EVICTION_CONTROLLER);
    this.nodeQueue = new WorkQueue(ctx.clock, 'taint-eviction-nodes', (k) => this.handleNode(k));
    this.podQueue = new WorkQueue(ctx.clock, 'taint-eviction-pods', (k) => this.handlePod(k));
  }

  start(): void {
    this.ctx.informers.for('nodes').addEventHandler({
      onAdd: (n) => this.nodeQueue.add(n.metadata.name!),
      onUpdate: (o, n) => {
        // Stored versions share unchanged parts: a status-only update keeps the same spec object.
        if (o.spec !== n.spec && JSON.stringify(noExecuteTaints(o)) !== JSON.stringify(noExecuteTaints(n))) this.nodeQueue.add(n.metadata.name!);
      },
      onDelete: (n) => this.nodeQueue.add(n.metadata.name!),
    });
    this.ctx.informers.for('pods').addEventHandler({
      onAdd: (p) => this.podQueue.add(keyOf(p)),
      onUpdate: (o, p) => {
        if (podNode(o) === podNode(p) && (o.spec === p.spec || JSON.stringify(tolerations(o)) === JSON.stringify(tolerations(p)))) return;
        this.podQueue.add(keyOf(p));
      },
      onDelete: (p) => this.podQueue.add(keyOf(p)),
    });
  }

  /** Pending evictions: pod key → virtual time (ms) the pod will be deleted. */
  scheduledEvictions(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [k, w] of this.work) if (w.timer) out.set(k, w.fireAt);
    return out;
  }

  private podsOn(node: string): KubeObject[] {
    return this.ctx.informers
      .for('pods')
      .list()
      .filter((p) => podNode(p) === node);
  }

  private handleNode(name: string): void {
    const node = this.ctx.informers.for('nodes').get('', name);
    const taints = noExecuteTaints(node);
    if (taints.length) this.tainted.set(name, taints);
    else this.tainted.delete(name);
    const pods = this.podsOn(name);
    if (!taints.length) {
      for (const p of pods) this.cancel(keyOf(p));
      return;
    }
    const now = this.ctx.clock.now();
    for (const p of pods) this.processPodOnNode(p, taints, now);
  }

  private handlePod(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = this.ctx.informers.for('pods').get(ns, name);
    if (!pod) {
      this.cancel(key);
      this.work.delete(key);
      return;
    }
    const node = podNode(pod);
    if (!node) return;
    const taints = this.tainted.get(node);
    if (!taints) return;
    this.processPodOnNode(pod, taints, this.ctx.clock.now());
  }

  private processPodOnNode(pod: KubeObject, taints: Taint[], now: number): void {
    const key = keyOf(pod);
    const used = matchingTolerations(taints, tolerations(pod));
    if (!used) {
      // Not every taint is tolerated: delete right away.
      this.cancel(key);
      this.add(key, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancel(key);
      return;
    }
    let start = now;
    const existing = this.work.get(key);
    if (existing) {
      if (!existing.timer) return; // already done
      start = existing.createdAt;
      if (start + min < now + min) return;
      this.cancel(key);
    }
    this.add(key, start, start + min);
  }

  private add(key: string, createdAt: number, fireAt: number): void {
    if (this.work.has(key)) return;
    const w: Scheduled = { createdAt, fireAt };
    w.timer = this.ctx.clock.after(Math.max(0, fireAt - this.ctx.clock.now()), () => {
      w.timer = undefined;
      this.evict(key);
    });
    this.work.set(key, w);
  }

  /** cancelWorkWithEvent: only a deletion still pending is announced as cancelled. */
  private cancel(key: string): void {
    const w = this.work.get(key);
    if (!w) return;
    this.work.delete(key);
    if (!w.timer) return;
    w.timer.cancel();
    const [ns, name] = splitKey(key);
    const pod = this.ctx.informers.for('pods').get(ns, name) ?? { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ns, name } };
    this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  private evict(key: string): void {
    const [ns, name] = splitKey(key);
    const cached = this.ctx.informers.for('pods').get(ns, name);
    this.recorder.event(cached ?? { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ns, name } }, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    for (let i = 0; i < 5; i++) {
      try {
        const pod = this.client.get('pods', ns, name);
        if (!pod) return;
        const status = (pod.status ?? {}) as { conditions?: Record<string, unknown>[] };
        const conds = [...(status.conditions ?? [])];
        const j = conds.findIndex((c) => c.type === 'DisruptionTarget');
        const cur = j >= 0 ? conds[j] : undefined;
        const reason = 'DeletionByTaintManager';
        const message = 'Taint manager: deleting due to NoExecute taint';
        if (!cur || cur.status !== 'True' || cur.reason !== reason || cur.message !== message) {
          const cond = {
            type: 'DisruptionTarget',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: cur && cur.status === 'True' ? cur.lastTransitionTime : this.ctx.clock.rfc3339(),
            reason,
            message,
          };
          if (j >= 0) conds[j] = cond;
          else conds.push(cond);
          this.client.updateStatus('pods', { ...pod, status: { ...status, conditions: conds } });
        }
        this.client.delete('pods', ns, name);
        return;
      } catch (e) {
        if (isNotFound(e)) return;
      }
    }
  }
}

/** Starts the taint eviction controller (kube-controller-manager runs it beside node lifecycle). */
export function startTaintEvictionController(ctx: ControllerContext): TaintEvictionController {
  const c = new TaintEvictionController(ctx);
  c.start();
  return c;
}
