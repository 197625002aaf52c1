// The node lifecycle controller (pkg/controller/nodelifecycle, `node-controller`): every 5 s it
// checks each node's last heartbeat (NodeReady's lastHeartbeatTime or the Lease's renewTime in
// kube-node-lease); a node silent past the grace period has all its conditions set to Unknown,
// gets `node.kubernetes.io/unreachable` (NoSchedule at once, NoExecute through a rate-limited
// per-zone queue) and its pods are marked not ready. A node that reports again loses the taints.
// Conditions and spec.unschedulable also map to NoSchedule taints (TaintNodesByCondition). When
// every node is down the controller stops tainting ("master disruption mode"), as upstream.
import type { KubeObject } from '../../../api/types';
import type { ControllerContext } from '../context';
import type { Timer } from '../../machinery/clock';
import { WorkQueue } from '../../machinery/workqueue';
import { isConflict, isNotFound } from '../../machinery/client';
import type { Taint } from '../../scheduler/podutil';
import { startTaintEvictionController, type TaintEvictionController } from './tainteviction';
import { TokenBucket } from './ratelimit';

export const NODE_CONTROLLER = 'node-controller';

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export interface NodeLifecycleOptions {
  nodeMonitorPeriodMs?: number;
  /** --node-monitor-grace-period: 50 s since v1.32 (40 s before) */
  nodeMonitorGracePeriodMs?: number;
  nodeStartupGracePeriodMs?: number;
  /** --node-eviction-rate (nodes tainted per second per zone) */
  evictionLimiterQPS?: number;
  secondaryEvictionLimiterQPS?: number;
  largeClusterSizeThreshold?: number;
  unhealthyZoneThreshold?: number;
  /** also start the taint eviction controller (default true) */
  taintEviction?: boolean;
}

interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

interface Health {
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  readyHeartbeat?: string;
  readyTransition?: string;
  leaseRenew?: number;
}

type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const CONTROLLED_NOSCHEDULE = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), TAINT_UNSCHEDULABLE]);

const conditions = (node: KubeObject): NodeCondition[] => ((node.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []) as NodeCondition[];
const readyCondition = (node: KubeObject) => conditions(node).find((c) => c.type === 'Ready');
const taintsOf = (node: KubeObject): Taint[] => ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[];
const parseTime = (s: unknown) => (typeof s === 'string' ? Date.parse(s) : NaN);

function zoneOf(node: KubeObject): string {
  const l = node.metadata.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region || zone ? `${region}:\u0000:${zone}` : '';
}

export class NodeLifecycleController {
  private health = new Map<string, Health>();
  private known = new Set<string>();
  private zoneStates = new Map<string, ZoneState>();
  private tainters = new Map<string, { queue: string[]; limiter: TokenBucket }>();
  private taintTimer?: Timer;
  private noScheduleQueue: WorkQueue;
  private client;
  private recorder;
  private readonly o: Required<Omit<NodeLifecycleOptions, 'taintEviction'>>;
  taintEviction?: TaintEvictionController;

  constructor(
    private readonly ctx: ControllerContext,
    opts: NodeLifecycleOptions = {},
  ) {
    this.o = {
      nodeMonitorPeriodMs: opts.nodeMonitorPeriodMs ?? 5000,
      nodeMonitorGracePeriodMs: opts.nodeMonitorGracePeriodMs ?? 50_000,
      nodeStartupGracePeriodMs: opts.nodeStartupGracePeriodMs ?? 60_000,
      evictionLimiterQPS: opts.evictionLimiterQPS ?? 0.1,
      secondaryEvictionLimiterQPS: opts.secondaryEvictionLimiterQPS ?? 0.01,
      largeClusterSizeThreshold: opts.largeClusterSizeThreshold ?? 50,
      unhealthyZoneThreshold: opts.unhealthyZoneThreshold ?? 0.55,
    };
    this.client = ctx.client(NODE_CONTROLLER);
    this.recorder = ctx.recorder(NODE_CONTROLLER);
    this.noScheduleQueue = new WorkQueue(ctx.clock, 'node-lifecycle-noschedule', (name) => this.doNoScheduleTaintingPass(name));
  }

  start(): void {
    const inf = this.ctx.informers;
    inf.for('leases.coordination.k8s.io');
    inf.for('pods');
    inf.for('nodes').addEventHandler({
      onAdd: (n) => this.noScheduleQueue.add(n.metadata.name!),
      onUpdate: (_o, n) => this.noScheduleQueue.add(n.metadata.name!),
    });
    const tick = () => {
      try {
        this.monitorNodeHealth();
      } finally {
        this.ctx.clock.after(this.o.nodeMonitorPeriodMs, tick);
      }
    };
    this.ctx.clock.after(0, tick);
  }

  private nodes(): KubeObject[] {
    return this.ctx.informers.for('nodes').list();
  }

  private podsOn(node: string): KubeObject[] {
    return this.ctx.informers
      .for('pods')
      .list()
      .filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === node);
  }

  private nodeRef(name: string, uid: string): KubeObject {
    return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid } };
  }

  // -------------------------------------------------------------------------------------------
  // Health

  monitorNodeHealth(): void {
    const nodes = this.nodes();
    const names = new Set(nodes.map((n) => n.metadata.name!));
    for (const n of nodes) {
      if (this.known.has(n.metadata.name!)) continue;
      this.known.add(n.metadata.name!);
      this.recorder.event(this.nodeRef(n.metadata.name!, n.metadata.uid!), 'Normal', 'RegisteredNode', `Node ${n.metadata.name} event: Registered Node ${n.metadata.name} in Controller`);
      if (!this.tainters.has(zoneOf(n))) {
        this.tainters.set(zoneOf(n), { queue: [], limiter: new TokenBucket(this.ctx.clock, this.o.evictionLimiterQPS) });
        this.zoneStates.set(zoneOf(n), 'Initial');
      }
    }
    for (const name of [...this.known]) {
      if (names.has(name)) continue;
      this.known.delete(name);
      this.health.delete(name);
      this.recorder.event(this.nodeRef(name, ''), 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
    }
    const zoneConditions = new Map<string, (NodeCondition | undefined)[]>();
    for (const node of nodes) {
      let observed: NodeCondition | undefined;
      let current: NodeCondition | undefined;
      try {
        [observed, current] = this.tryUpdateNodeHealth(node);
      } catch {
        continue; // a conflict: the next pass sees the new object
      }
      const name = node.metadata.name!;
      if (!(node.metadata.labels ?? {})['node.kubernetes.io/exclude-disruption']) {
        const z = zoneOf(node);
        if (!zoneConditions.has(z)) zoneConditions.set(z, []);
        zoneConditions.get(z)!.push(current);
      }
      if (!current) continue;
      const latest = this.ctx.informers.for('nodes').get('', name) ?? node;
      this.processTaintBaseEviction(latest, observed);
      if (current.status !== 'True' && observed?.status === 'True') {
        this.recorder.event(this.nodeRef(name, name), 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        this.markPodsNotReady(name);
      }
    }
    this.handleDisruption(zoneConditions, nodes);
  }

  /** Returns the Ready condition as observed and as it is after this pass. */
  private tryUpdateNodeHealth(node: KubeObject): [NodeCondition | undefined, NodeCondition | undefined] {
    const name = node.metadata.name!;
    const now = this.ctx.clock.now();
    const ready = readyCondition(node);
    const observed = ready ? { ...ready } : undefined;
    let grace: number;
    if (!ready) {
      grace = this.o.nodeStartupGracePeriodMs;
    } else {
      grace = this.o.nodeMonitorGracePeriodMs;
    }
    let h = this.health.get(name);
    const created = parseTime(node.metadata.creationTimestamp);
    if (!h) {
      h = { probeTimestamp: created, readyTransitionTimestamp: created, readyHeartbeat: ready?.lastHeartbeatTime, readyTransition: ready?.lastTransitionTime };
    } else if (!h.readyHeartbeat && ready) {
      h = { probeTimestamp: now, readyTransitionTimestamp: now, readyHeartbeat: ready.lastHeartbeatTime, readyTransition: ready.lastTransitionTime, leaseRenew: h.leaseRenew };
    } else if (ready && h.readyHeartbeat !== ready.lastHeartbeatTime) {
      const transition = h.readyTransition === ready.lastTransitionTime ? h.readyTransitionTimestamp : now;
      h = { probeTimestamp: now, readyTransitionTimestamp: transition, readyHeartbeat: ready.lastHeartbeatTime, readyTransition: ready.lastTransitionTime, leaseRenew: h.leaseRenew };
    }
    // A renewed Lease counts as a heartbeat.
    const lease = this.ctx.informers.for('leases.coordination.k8s.io').get('kube-node-lease', name);
    const renew = parseTime((lease?.spec as { renewTime?: string } | undefined)?.renewTime);
    if (!Number.isNaN(renew) && (h.leaseRenew === undefined || h.leaseRenew < renew)) {
      h.leaseRenew = renew;
      h.probeTimestamp = now;
    }
    this.health.set(name, h);
    if (now <= h.probeTimestamp + grace) return [observed, ready];

    // Silent for longer than the grace period: every condition becomes Unknown.
    const updated = JSON.parse(JSON.stringify(node)) as KubeObject;
    const status = (updated.status ??= {}) as { conditions?: NodeCondition[] };
    const conds = (status.conditions ??= []);
    const nowText = this.ctx.clock.rfc3339();
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = conds.find((x) => x.type === type);
      if (!c) {
        conds.push({
          type,
          status: 'Unknown',
          reason: 'NodeStatusNeverUpdated',
          message: 'Kubelet never posted node status.',
          lastHeartbeatTime: node.metadata.creationTimestamp,
          lastTransitionTime: nowText,
        });
      } else if (c.status !== 'Unknown') {
        c.status = 'Unknown';
        c.reason = 'NodeStatusUnknown';
        c.message = 'Kubelet stopped posting node status.';
        c.lastTransitionTime = nowText;
      }
    }
    const current = conds.find((x) => x.type === 'Ready');
    if (JSON.stringify(current) !== JSON.stringify(observed)) {
      this.client.updateStatus('nodes', updated);
      this.health.set(name, { ...h, readyTransitionTimestamp: now, readyHeartbeat: current?.lastHeartbeatTime, readyTransition: current?.lastTransitionTime });
    }
    return [observed, current];
  }

  /** MarkPodsNotReady: each pod's Ready condition goes False, with a NodeNotReady event. */
  private markPodsNotReady(node: string): void {
    for (const p of this.podsOn(node)) {
      const status = (p.status ?? {}) as { conditions?: Record<string, unknown>[] };
      const conds = status.conditions ?? [];
      const i = conds.findIndex((c) => c.type === 'Ready');
      if (i < 0 || conds[i].status === 'False') continue;
      const next = [...conds];
      next[i] = { ...conds[i], status: 'False', lastTransitionTime: this.ctx.clock.rfc3339() };
      try {
        this.client.updateStatus('pods', { ...p, status: { ...status, conditions: next } });
      } catch {
        continue; // gone or changed: the kubelet or the next pass settles it
      }
      this.recorder.event(p, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  // -------------------------------------------------------------------------------------------
  // NoExecute taints, rate limited per zone

  private processTaintBaseEviction(node: KubeObject, observed: NodeCondition | undefined): void {
    const status = observed?.status;
    const taints = taintsOf(node);
    const has = (key: string) => taints.some((t) => t.key === key && t.effect === 'NoExecute');
    if (status === 'False') {
      if (has(TAINT_UNREACHABLE)) this.swapTaint(node, TAINT_NOT_READY, TAINT_UNREACHABLE);
      else this.markForTainting(node);
    } else if (status === 'Unknown') {
      if (has(TAINT_NOT_READY)) this.swapTaint(node, TAINT_UNREACHABLE, TAINT_NOT_READY);
      else this.markForTainting(node);
    } else if (status === 'True') {
      this.markReachable(node);
    }
  }

  private markForTainting(node: KubeObject): void {
    const t = this.tainters.get(zoneOf(node));
    if (!t || t.queue.includes(node.metadata.name!)) return;
    t.queue.push(node.metadata.name!);
    this.armTaintPass(0);
  }

  /** Removes the NoExecute taints and forgets any queued tainting. */
  private markReachable(node: KubeObject): void {
    const t = this.tainters.get(zoneOf(node));
    if (t) t.queue = t.queue.filter((n) => n !== node.metadata.name);
    const taints = taintsOf(node);
    if (!taints.some((x) => x.effect === 'NoExecute' && (x.key === TAINT_UNREACHABLE || x.key === TAINT_NOT_READY))) return;
    this.patchTaints(node, taints.filter((x) => !(x.effect === 'NoExecute' && (x.key === TAINT_UNREACHABLE || x.key === TAINT_NOT_READY))));
  }

  /** SwapNodeControllerTaint: adds one NoExecute taint (timeAdded now) and removes the other. */
  private swapTaint(node: KubeObject, add: string, remove: string): boolean {
    const taints = taintsOf(node).filter((t) => !(t.effect === 'NoExecute' && t.key === remove));
    if (!taints.some((t) => t.effect === 'NoExecute' && t.key === add)) taints.push({ key: add, effect: 'NoExecute', timeAdded: this.ctx.clock.rfc3339() });
    return this.patchTaints(node, taints);
  }

  private patchTaints(node: KubeObject, taints: Taint[]): boolean {
    try {
      this.client.patch('nodes', '', node.metadata.name!, 'merge', {
        metadata: { resourceVersion: node.metadata.resourceVersion },
        spec: { taints: taints.length ? taints : null },
      });
      return true;
    } catch (e) {
      if (isConflict(e) || isNotFound(e)) return false;
      throw e;
    }
  }

  private armTaintPass(delay: number): void {
    if (this.taintTimer) return;
    this.taintTimer = this.ctx.clock.after(delay, () => {
      this.taintTimer = undefined;
      this.doNoExecuteTaintingPass();
    });
  }

  /** doNoExecuteTaintingPass (every 100 ms upstream): one node per available token per zone. */
  private doNoExecuteTaintingPass(): void {
    let pending = false;
    for (const t of this.tainters.values()) {
      while (t.queue.length && t.limiter.tryAccept()) {
        const name = t.queue[0];
        const node = this.ctx.informers.for('nodes').get('', name);
        const ready = node ? readyCondition(node) : undefined;
        let done = true;
        if (node && ready && (ready.status === 'False' || ready.status === 'Unknown')) {
          done = ready.status === 'False' ? this.swapTaint(node, TAINT_NOT_READY, TAINT_UNREACHABLE) : this.swapTaint(node, TAINT_UNREACHABLE, TAINT_NOT_READY);
        }
        if (done) t.queue.shift();
        else break;
      }
      if (t.queue.length) pending = true;
    }
    if (pending) this.armTaintPass(100);
  }

  // -------------------------------------------------------------------------------------------
  // Zone disruption

  private computeZoneState(conds: (NodeCondition | undefined)[]): ZoneState {
    let ready = 0;
    let notReady = 0;
    for (const c of conds) {
      if (c?.status === 'True') ready++;
      else notReady++;
    }
    if (ready === 0 && notReady > 0) return 'FullDisruption';
    if (notReady > 2 && notReady / (ready + notReady) >= this.o.unhealthyZoneThreshold) return 'PartialDisruption';
    return 'Normal';
  }

  private setLimiter(zone: string, size: number, state: ZoneState): void {
    const t = this.tainters.get(zone);
    if (!t) return;
    let qps = this.o.evictionLimiterQPS;
    if (state === 'PartialDisruption') qps = size > this.o.largeClusterSizeThreshold ? this.o.secondaryEvictionLimiterQPS : 0;
    t.limiter = new TokenBucket(this.ctx.clock, qps);
  }

  private handleDisruption(zoneConditions: Map<string, (NodeCondition | undefined)[]>, nodes: KubeObject[]): void {
    const newStates = new Map<string, ZoneState>();
    let allAreFull = true;
    for (const [zone, conds] of zoneConditions) {
      const s = this.computeZoneState(conds);
      if (s !== 'FullDisruption') allAreFull = false;
      newStates.set(zone, s);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
    }
    let allWasFull = true;
    for (const [zone, s] of [...this.zoneStates]) {
      if (!zoneConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (s !== 'FullDisruption') {
        allWasFull = false;
        break;
      }
    }
    if (allAreFull && allWasFull) return;
    if (allAreFull) {
      // Every node is down: more likely the control plane lost them than they all died. Stop.
      for (const n of nodes) this.markReachable(this.ctx.informers.for('nodes').get('', n.metadata.name!) ?? n);
      for (const zone of this.zoneStates.keys()) {
        const t = this.tainters.get(zone);
        if (t) t.limiter = new TokenBucket(this.ctx.clock, 0);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWasFull) {
      const now = this.ctx.clock.now();
      for (const n of nodes) {
        const h = this.health.get(n.metadata.name!);
        if (h) this.health.set(n.metadata.name!, { ...h, probeTimestamp: now, readyTransitionTimestamp: now });
      }
      for (const zone of this.zoneStates.keys()) {
        this.setLimiter(zone, zoneConditions.get(zone)?.length ?? 0, newStates.get(zone)!);
        this.zoneStates.set(zone, newStates.get(zone)!);
      }
      return;
    }
    for (const [zone, s] of this.zoneStates) {
      const next = newStates.get(zone)!;
      if (s === next) continue;
      this.setLimiter(zone, zoneConditions.get(zone)?.length ?? 0, next);
      this.zoneStates.set(zone, next);
    }
  }

  // -------------------------------------------------------------------------------------------
  // NoSchedule taints from conditions and spec.unschedulable (TaintNodesByCondition)

  private doNoScheduleTaintingPass(name: string): void {
    const node = this.ctx.informers.for('nodes').get('', name);
    if (!node) return;
    const want: Taint[] = [];
    for (const c of conditions(node)) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) want.push({ key, effect: 'NoSchedule' });
    }
    if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
    const taints = taintsOf(node);
    const isOurs = (t: Taint) => t.effect === 'NoSchedule' && CONTROLLED_NOSCHEDULE.has(t.key);
    const have = taints.filter(isOurs);
    const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
    const toAdd = want.filter((w) => !have.some((h) => same(h, w)));
    const toRemove = have.filter((h) => !want.some((w) => same(h, w)));
    if (!toAdd.length && !toRemove.length) return;
    const next = [...taints.filter((t) => !toRemove.some((r) => same(r, t))), ...toAdd];
    if (!this.patchTaints(node, next)) this.noScheduleQueue.addAfter(name, 100);
  }

  /** The node's health as the controller sees it (for the UI): last probe and ready transition, ms. */
  healthOf(name: string): { probeTimestamp: number; readyTransitionTimestamp: number } | undefined {
    const h = this.health.get(name);
    return h && { probeTimestamp: h.probeTimestamp, readyTransitionTimestamp: h.readyTransitionTimestamp };
  }
}

/**
 * Starts the node lifecycle controller and, unless `taintEviction: false`, the taint eviction
 * controller beside it. Call before `ctx.informers.start()`.
 */
export function startNodeLifecycleController(ctx: ControllerContext, opts: NodeLifecycleOptions = {}): NodeLifecycleController {
  const c = new NodeLifecycleController(ctx, opts);
  c.start();
  if (opts.taintEviction !== false) c.taintEviction = startTaintEvictionController(ctx);
  return c;
}

