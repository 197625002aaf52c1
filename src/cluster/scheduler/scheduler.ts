// kube-scheduler (schedule_one.go): pops a pod from the queue, filters the nodes, scores the
// feasible ones, picks the best (ties by reservoir sampling) and binds through pods/binding. A pod
// that fits nowhere gets FailedScheduling with the FitError text and PodScheduled=False, and waits
// in the queue until the cluster changes. Every decision is kept so the UI can explain it.
import type { KubeObject } from '../../api/types';
import type { ControllerContext } from '../controllers/context';
import type { EventRecorder } from '../machinery/events';
import { keyOf } from '../machinery/informer';
import { SchedulerCache, type NodeInfo } from './cache';
import { podFilterState, type FilterCode, type FilterPlugin, type FilterStatus, type NodeSnapshot, type PodFilterState } from './filters';
import { fitErrorMessage, NO_NODES_AVAILABLE, preempt, type FitDiagnosis } from './preemption';
import { defaultSelector, type ScoreInput, type ScorePlugin } from './scores';
import { DEFAULT_FILTERS, DEFAULT_SCORES } from './profile';
import { SchedulingQueue, type QueueOptions, type QueuedPod } from './queue';
import { controllerRef, isTerminal, podRequests, podSpec } from './podutil';
import type { LabelSelector } from '../../api/selector-types';

export const SCHEDULER_NAME = 'default-scheduler';

export interface NodeFilterResult {
  node: string;
  passed: boolean;
  /** the first plugin that rejected the node */
  plugin?: string;
  code?: FilterCode;
  reasons: string[];
}

export interface PluginScore {
  plugin: string;
  /** the plugin's score before normalisation */
  raw: number;
  /** normalised to 0..100 */
  score: number;
  weight: number;
}

export interface NodeScoreResult {
  node: string;
  total: number;
  plugins: PluginScore[];
}

export interface SchedulingDecision {
  namespace: string;
  name: string;
  uid?: string;
  attempt: number;
  /** virtual time of the decision, ms and RFC 3339 */
  timeMs: number;
  time: string;
  result: 'Scheduled' | 'Unschedulable' | 'Error';
  numAllNodes: number;
  filters: NodeFilterResult[];
  /** empty when only one node was feasible (the scheduler then skips scoring) */
  scores: NodeScoreResult[];
  selectedNode?: string;
  /** the FailedScheduling message (FitError) or the binding error */
  message?: string;
  /** a node nominated by preemption and the pods evicted for it */
  nominatedNode?: string;
  victims?: string[];
}

export interface SchedulerOptions extends QueueOptions {
  /** decisions kept (the most recent pods); 0 keeps none */
  maxDecisions?: number;
  filters?: FilterPlugin[];
  scores?: ScorePlugin[];
  /** percentageOfNodesToScore; 0 means adaptive as upstream */
  percentageOfNodesToScore?: number;
}

export interface Scheduler {
  decisionFor(namespace: string, name: string): SchedulingDecision | undefined;
  decisions(): SchedulingDecision[];
  onDecision(listener: (d: SchedulingDecision) => void): () => void;
  /** pods waiting, by sub-queue */
  queueCounts(): Record<string, number>;
  /** pods scheduled since start */
  readonly scheduledCount: number;
}

/** numFeasibleNodesToFind: every node below 100, else an adaptive percentage (at least 100). */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < 100) return numAllNodes;
  let pct = percentage;
  if (pct === 0) pct = Math.max(5, 50 - Math.trunc(numAllNodes / 125));
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < 100 ? 100 : n;
}

class SchedulerImpl implements Scheduler {
  private cache = new SchedulerCache();
  private queue: SchedulingQueue;
  private recorder: EventRecorder;
  private client;
  private kicked = false;
  private nextStartNodeIndex = 0;
  private decisionMap = new Map<string, SchedulingDecision>();
  private listeners: ((d: SchedulingDecision) => void)[] = [];
  private readonly maxDecisions: number;
  private readonly filters: FilterPlugin[];
  private readonly scorePlugins: ScorePlugin[];
  private readonly percentage: number;
  private readonly feasibleBuffer: NodeInfo[] = [];
  /** The score plugins' input, pointed at each cycle's pod and nodes (its functions made once). */
  private readonly scoreInput: ScoreInput = {
    state: undefined as unknown as PodFilterState,
    nonZeroRequests: { milliCPU: 0, memory: 0 },
    feasible: [],
    all: [],
    defaultSelector: () => this.defaultSelector(this.scoreInput.state.pod),
    groupsMatching: (selector) => this.cache.registry.matching(selector, this.scoreInput.state.namespace),
    havePodsWithAffinity: () => this.cache.havePodsWithAffinity(),
  };
  /** PreFilter's view of the nodes, pointed at the cycle's list. */
  private readonly snapshot: NodeSnapshot = { list: [], havePodsWithAffinity: (anti) => this.cache.havePodsWithAffinity(anti) };
  private readonly totalsBuffer: number[] = [];
  scheduledCount = 0;

  constructor(
    private readonly ctx: ControllerContext,
    opts: SchedulerOptions,
  ) {
    this.queue = new SchedulingQueue(ctx.clock, () => this.kick(), opts);
    this.recorder = ctx.recorder(SCHEDULER_NAME);
    this.client = ctx.client(SCHEDULER_NAME);
    this.maxDecisions = opts.maxDecisions ?? 2000;
    this.filters = opts.filters ?? DEFAULT_FILTERS;
    this.scorePlugins = opts.scores ?? DEFAULT_SCORES;
    this.percentage = opts.percentageOfNodesToScore ?? 0;
  }

  start(): void {
    const inf = this.ctx.informers;
    for (const r of ['services', 'replicasets.apps', 'replicationcontrollers', 'statefulsets.apps']) inf.for(r);
    inf.for('nodes').addEventHandler({
      onAdd: (n) => {
        this.cache.setNode(n);
        this.queue.moveAllToActiveOrBackoff();
      },
      onUpdate: (o, n) => {
        this.cache.setNode(n);
        if (nodeSchedulingChanged(o, n)) this.queue.moveAllToActiveOrBackoff();
      },
      onDelete: (n) => this.cache.removeNode(n.metadata.name!),
    });
    inf.for('pods').addEventHandler({
      onAdd: (p) => this.onPod(undefined, p),
      onUpdate: (o, p) => this.onPod(o, p),
      onDelete: (p) => {
        const assigned = !!podSpec(p).nodeName;
        const key = keyOf(p);
        this.cache.removePod(p, key);
        this.queue.delete(key);
        if (assigned && !isTerminal(p)) this.queue.moveAllToActiveOrBackoff();
      },
    });
  }

  private onPod(old: KubeObject | undefined, p: KubeObject): void {
    const key = keyOf(p);
    if (podSpec(p).nodeName) {
      this.cache.updatePod(p, key);
      this.queue.delete(key);
      // A pod that finished frees its node's resources (AssignedPodUpdate to a terminal phase).
      if (old && podSpec(old).nodeName && !isTerminal(old) && isTerminal(p)) this.queue.moveAllToActiveOrBackoff();
      // A newly placed pod can satisfy pod affinity or change a spread (AssignedPodAdd's hints).
      else if (!old || !podSpec(old).nodeName) this.queue.moveAllToActiveOrBackoff(waitsOnOtherPods);
      return;
    }
    if (podSpec(p).schedulerName !== undefined && podSpec(p).schedulerName !== SCHEDULER_NAME) return;
    if (p.metadata.deletionTimestamp || isTerminal(p)) {
      this.queue.delete(key);
      return;
    }
    // Stored objects share unchanged parts between versions: the same spec and labels need no comparing.
    const changed = !old || ((old.spec !== p.spec || old.metadata.labels !== p.metadata.labels) && JSON.stringify([old.spec, old.metadata.labels]) !== JSON.stringify([p.spec, p.metadata.labels]));
    this.queue.addOrUpdate(key, p, changed);
  }

  private kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    this.ctx.clock.after(0, () => {
      this.kicked = false;
      for (let q = this.queue.pop(); q; q = this.queue.pop()) this.scheduleOne(q);
    });
  }

  private nsLabels = (ns: string): Record<string, string> | undefined => this.ctx.informers.for('namespaces').get('', ns)?.metadata.labels ?? undefined;

  /**
   * RunPreFilterPlugins: the filters that take part in this cycle, and the node names they narrow
   * the search to; a rejection is reported as a PreFilter message.
   */
  private preFilter(state: PodFilterState, nodes: NodeInfo[]): { filters: FilterPlugin[]; nodeNames?: Set<string>; narrowedBy: string[]; status?: FilterStatus } {
    const filters: FilterPlugin[] = [];
    let nodeNames: Set<string> | undefined;
    const narrowedBy: string[] = [];
    const snapshot = this.snapshot;
    snapshot.list = nodes;
    for (const f of this.filters) {
      const r = f.preFilter?.(state, snapshot);
      if (r?.skip) continue;
      if (r?.status) return { filters, narrowedBy, status: r.status };
      if (r?.nodeNames) {
        narrowedBy.push(f.name);
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames!.has(n))) : r.nodeNames;
        if (!nodeNames.size) {
          const msg = narrowedBy.length === 1 ? `node(s) didn't satisfy plugin ${narrowedBy[0]}` : `node(s) didn't satisfy plugin(s) [${narrowedBy.join(' ')}] simultaneously`;
          return { filters, narrowedBy, status: { code: 'UnschedulableAndUnresolvable', reasons: [msg] } };
        }
      }
      filters.push(f);
    }
    return { filters, nodeNames, narrowedBy };
  }

  private scheduleOne(q: QueuedPod): void {
    const current = this.ctx.informers.for('pods').getByKey(q.key);
    if (!current || podSpec(current).nodeName || current.metadata.deletionTimestamp) {
      this.queue.done(q.key);
      return;
    }
    q.pod = current;
    const pod = current;
    const allNodes = this.cache.nodeInfos();
    const d: SchedulingDecision = {
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name!,
      uid: pod.metadata.uid,
      attempt: q.attempts,
      timeMs: this.ctx.clock.now(),
      time: this.ctx.clock.rfc3339(),
      result: 'Unschedulable',
      numAllNodes: allNodes.length,
    } as SchedulingDecision;
    Object.defineProperties(d, LAZY_FIELDS);
    (d as LazyDecision)[LAZY] = {};
    if (!allNodes.length) {
      d.message = NO_NODES_AVAILABLE;
      this.fail(q, d, true);
      return;
    }
    const requests = podRequests(pod);
    const state = podFilterState(pod, requests, this.nsLabels);
    const pre = this.preFilter(state, allNodes);
    if (pre.status) {
      const pf = preempt(state, allNodes, new Map(), pre.filters);
      d.message = fitErrorMessage(allNodes.length, [], pf.message, { preFilterMsg: pre.status.reasons.join(', ') });
      q.unschedulablePlugins = new Set(pre.filters.map((f) => f.name));
      this.fail(q, d, true);
      return;
    }
    const filters = pre.filters;
    // PreFilter narrowed the search (a DaemonSet pod's node): only those nodes are evaluated.
    const nodes = pre.nodeNames ? allNodes.filter((n) => pre.nodeNames!.has(n.name)) : allNodes;
    const diag: FitDiagnosis = pre.nodeNames ? { absentReason: `node(s) didn't satisfy plugin(s) [${[...pre.narrowedBy].sort().join(' ')}]` } : {};
    const rec = this.maxDecisions > 0 || this.listeners.length > 0;
    const want = numFeasibleNodesToFind(nodes.length, this.percentage);
    // The feasible nodes are gathered in a reused buffer: a decision does not keep them (it can
    // tell them from the run and its rejections).
    const found = this.feasibleBuffer;
    let nFound = 0;
    // The nodes evaluated are a run of `nodes` from `start` (the list is replaced, never changed,
    // when nodes come and go), so a decision keeps only where the run began, its length and the
    // rejections, and spells out its NodeFilterResults when read. The maps of rejections are
    // made at the first one (most pods fit the first nodes they are checked against).
    const start = this.nextStartNodeIndex;
    let statuses: Map<string, FilterStatus> | undefined;
    let rejected: Map<number, { status: FilterStatus; plugin: string }> | undefined;
    let failedPlugins: Set<string> | undefined;
    let processed = 0;
    for (let i = 0; i < nodes.length && nFound < want; i++) {
      const n = nodes[(start + i) % nodes.length];
      processed++;
      let st: FilterStatus | undefined;
      let k = 0;
      for (; k < filters.length; k++) {
        st = filters[k].filter(state, n);
        if (st) break;
      }
      if (st) {
        (statuses ??= new Map()).set(n.name, st);
        (failedPlugins ??= new Set()).add(filters[k].name);
        if (rec) (rejected ??= new Map()).set(i, { status: st, plugin: filters[k].name });
      } else found[nFound++] = n;
    }
    if (rec) {
      lazyField(d, 'filters', () =>
        Array.from({ length: processed }, (_, i): NodeFilterResult => {
          const node = nodes[(start + i) % nodes.length].name;
          const r = rejected?.get(i);
          return r ? { node, passed: false, plugin: r.plugin, code: r.status.code, reasons: r.status.reasons } : { node, passed: true, reasons: [] };
        }),
      );
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % allNodes.length;

    found.length = nFound;
    const feasible = found;
    if (!feasible.length) {
      // Preemption looks at every node: those PreFilter left out count as not helped by it.
      statuses ??= new Map();
      const pf = preempt(state, allNodes, statuses, filters);
      d.message = fitErrorMessage(allNodes.length, statuses.values(), pf.message, diag);
      if (pf.candidate) this.preemptVictims(pod, pf.candidate.node, pf.candidate.victims, d);
      q.unschedulablePlugins = failedPlugins ?? new Set();
      this.fail(q, d, true);
      return;
    }

    let selected = feasible[0];
    if (feasible.length > 1) {
      const log: PluginLog[] | undefined = rec ? [] : undefined;
      const totals = this.score(state, feasible, allNodes, log);
      if (log) {
        const count = feasible.length;
        lazyField(d, 'scores', () => {
          // The feasible nodes, in order: the run's nodes that were not rejected.
          const names: string[] = [];
          for (let i = 0; i < processed && names.length < count; i++) if (!rejected?.has(i)) names.push(nodes[(start + i) % nodes.length].name);
          return scoreResults(names, log);
        });
      }
      // selectHost: the highest total; ties broken by reservoir sampling.
      let best = 0;
      let count = 1;
      for (let i = 1; i < totals.length; i++) {
        if (totals[i] > totals[best]) {
          best = i;
          count = 1;
        } else if (totals[i] === totals[best]) {
          count++;
          if (this.ctx.rand.int(count) === 0) best = i;
        }
      }
      selected = feasible[best];
    }
    d.selectedNode = selected.name;
    try {
      this.client.post('pods', d.namespace, d.name, 'binding', {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: d.name, namespace: d.namespace },
        target: { apiVersion: 'v1', kind: 'Node', name: selected.name },
      });
    } catch (e) {
      d.result = 'Error';
      d.message = `running Bind plugin "DefaultBinder": ${(e as Error).message}`;
      this.fail(q, d, false);
      return;
    }
    d.result = 'Scheduled';
    this.scheduledCount++;
    this.queue.done(q.key);
    this.record(d);
    this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${d.namespace}/${d.name} to ${selected.name}`);
  }

  /** Runs the score plugins; returns the weighted totals and fills `log` when recording. */
  private score(state: PodFilterState, feasible: NodeInfo[], all: NodeInfo[], log?: PluginLog[]): number[] {
    // Only the best total is needed once the plugins have run: the buffer is reused.
    const totals = this.totalsBuffer;
    totals.length = feasible.length;
    totals.fill(0);
    const input = this.scoreInput;
    input.state = state;
    input.nonZeroRequests = podRequests(state.pod, true);
    input.feasible = feasible;
    input.all = all;
    for (const p of this.scorePlugins) {
      const r = p.score(input);
      if (!r) continue;
      for (let i = 0; i < totals.length; i++) totals[i] += r.scores[i] * p.weight;
      if (log) {
        const scores = packValues(r.scores);
        log.push({ plugin: p.name, weight: p.weight, raw: r.raw === r.scores ? scores : packValues(r.raw), scores });
      }
    }
    return totals;
  }

  /**
   * helper.DefaultSelector, remembered for the last pod: it depends only on which Services select
   * the pod and on its controller's selector, so the pods of one ReplicaSet share one selector
   * (and the registry then recognises it by identity).
   */
  private defaultSelector(pod: KubeObject): LabelSelector | undefined {
    const inf = this.ctx.informers;
    const ns = pod.metadata.namespace ?? '';
    const services = inf.for('services').list(ns);
    let ctl: KubeObject | undefined;
    const owner = controllerRef(pod);
    if (owner) {
      const slash = owner.apiVersion.indexOf('/');
      const resource = DEFAULT_SELECTOR_OWNERS[`${slash < 0 ? '' : owner.apiVersion.slice(0, slash)}/${owner.kind}`];
      ctl = resource ? inf.for(resource).get(ns, owner.name) : undefined;
    }
    const matched = servicesSelecting(services, pod.metadata.labels ?? {});
    // Only the controller's selector is read from it: its status updates share that object.
    const ctlSelector = (ctl?.spec as { selector?: unknown } | undefined)?.selector;
    const m = this.selectorMemo;
    if (m && m.ctlSelector === ctlSelector && sameItems(m.services, matched)) return m.selector;
    const selector = defaultSelector(pod, matched, () => ctl);
    this.selectorMemo = { ctlSelector, services: matched, selector };
    return selector;
  }

  private selectorMemo?: { ctlSelector: unknown; services: KubeObject[]; selector: LabelSelector | undefined };

  /** DefaultPreemption's PrepareCandidate: mark the victims, delete them, nominate the node. */
  private preemptVictims(pod: KubeObject, node: string, victims: KubeObject[], d: SchedulingDecision): void {
    d.nominatedNode = node;
    d.victims = victims.map((v) => `${v.metadata.namespace}/${v.metadata.name}`);
    for (const v of victims) {
      try {
        const cur = this.client.get('pods', v.metadata.namespace!, v.metadata.name!);
        if (cur && !cur.metadata.deletionTimestamp) {
          const status = (cur.status ?? {}) as { conditions?: Record<string, unknown>[] };
          const conds = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
          conds.push({
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'PreemptionByScheduler',
            message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
            lastProbeTime: null,
            lastTransitionTime: this.ctx.clock.rfc3339(),
          });
          this.client.updateStatus('pods', { ...cur, status: { ...status, conditions: conds } });
        }
        this.client.delete('pods', v.metadata.namespace!, v.metadata.name!);
        this.recorder.event(v, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${node}`);
      } catch {
        // The victim is already gone or changed; the next attempt sees the new state.
      }
    }
    try {
      const cur = this.client.get('pods', pod.metadata.namespace!, pod.metadata.name!);
      if (cur) this.client.updateStatus('pods', { ...cur, status: { ...((cur.status as object) ?? {}), nominatedNodeName: node } });
    } catch {
      // best effort, as upstream retries on the next cycle
    }
  }

  private fail(q: QueuedPod, d: SchedulingDecision, unschedulable: boolean): void {
    this.record(d);
    const msg = d.message ?? '';
    const pod = this.ctx.informers.for('pods').getByKey(q.key) ?? q.pod;
    this.recorder.event(pod, 'Warning', 'FailedScheduling', msg);
    this.setUnschedulableCondition(pod, unschedulable ? 'Unschedulable' : 'SchedulerError', msg);
    this.queue.addUnschedulable(q, unschedulable);
  }

  /** updatePod: PodScheduled=False with the reason and message, written only when it changes. */
  private setUnschedulableCondition(pod: KubeObject, reason: string, message: string): void {
    const status = (pod.status ?? {}) as { conditions?: Record<string, unknown>[] };
    const conds = [...(status.conditions ?? [])];
    const i = conds.findIndex((c) => c.type === 'PodScheduled');
    const old = i >= 0 ? conds[i] : undefined;
    if (old && old.status === 'False' && old.reason === reason && old.message === message) return;
    const cond = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: old && old.status === 'False' ? old.lastTransitionTime : this.ctx.clock.rfc3339(),
      reason,
      message,
    };
    if (i >= 0) conds[i] = cond;
    else conds.push(cond);
    try {
      this.client.updateStatus('pods', { ...pod, status: { ...status, conditions: conds } });
    } catch {
      // A conflict or a deleted pod: the next attempt writes it again.
    }
  }

  private record(d: SchedulingDecision): void {
    for (const l of this.listeners) l(d);
    if (this.maxDecisions <= 0) return;
    const key = `${d.namespace}/${d.name}`;
    this.decisionMap.delete(key);
    this.decisionMap.set(key, d);
    if (this.decisionMap.size > this.maxDecisions) this.decisionMap.delete(this.decisionMap.keys().next().value!);
  }

  decisionFor(namespace: string, name: string): SchedulingDecision | undefined {
    return this.decisionMap.get(`${namespace}/${name}`);
  }

  decisions(): SchedulingDecision[] {
    return [...this.decisionMap.values()];
  }

  onDecision(listener: (d: SchedulingDecision) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  queueCounts(): Record<string, number> {
    return this.queue.counts();
  }
}

/** One score plugin's results over the feasible nodes, as recorded for a decision. */
interface PluginLog {
  plugin: string;
  weight: number;
  raw: PackedValues;
  scores: PackedValues;
}

/**
 * A plugin's per-node values as a decision keeps them. The decisions kept outlive many
 * scheduling cycles, so the usual small integers (0..100 scores, counts) are kept one character
 * each in a string (a compact object the garbage collector need not look into); any other value
 * (negative, negative zero, fractions, large numbers) keeps a copy of the array.
 */
type PackedValues = string | number[];

const PACK_CHUNK = 4096;

function packValues(values: number[]): PackedValues {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // A copy: the plugins reuse their buffers.
    if ((v & 0xffff) !== v || (v === 0 && 1 / v < 0)) return values.slice();
  }
  if (values.length <= PACK_CHUNK) return String.fromCharCode.apply(null, values);
  let s = '';
  for (let i = 0; i < values.length; i += PACK_CHUNK) s += String.fromCharCode.apply(null, values.slice(i, i + PACK_CHUNK));
  return s;
}

function valueAt(p: PackedValues, i: number): number {
  return typeof p === 'string' ? p.charCodeAt(i) : p[i];
}

/** The per-node score breakdown of a decision, built from the plugins' result arrays. */
function scoreResults(feasible: string[], log: PluginLog[]): NodeScoreResult[] {
  return feasible.map((node, i) => {
    let total = 0;
    const plugins = log.map((l): PluginScore => {
      const score = valueAt(l.scores, i);
      total += score * l.weight;
      return { plugin: l.plugin, raw: valueAt(l.raw, i), score, weight: l.weight };
    });
    return { node, total, plugins };
  });
}

/**
 * A decision's per-node breakdown is built on first read (the UI reads few of the thousands
 * kept): `filters` and `scores` are enumerable getters, shared by every decision (so decisions
 * keep one shape), that build the value from the decision's builder, if any, and put it in the
 * property's place.
 */
const LAZY = Symbol('decision builders');
type LazyDecision = SchedulingDecision & { [LAZY]?: { filters?: () => NodeFilterResult[]; scores?: () => NodeScoreResult[] } };

function lazyDescriptor(key: 'filters' | 'scores'): PropertyDescriptor {
  return {
    configurable: true,
    enumerable: true,
    get(this: LazyDecision) {
      const build = this[LAZY]?.[key];
      return settle(this, key, build ? build() : []);
    },
    set(this: LazyDecision, value: unknown) {
      settle(this, key, value);
    },
  };
}

const LAZY_FIELDS: PropertyDescriptorMap = { filters: lazyDescriptor('filters'), scores: lazyDescriptor('scores') };

function settle<T>(d: SchedulingDecision, key: 'filters' | 'scores', value: T): T {
  Object.defineProperty(d, key, { configurable: true, enumerable: true, writable: true, value });
  return value;
}

function lazyField<K extends 'filters' | 'scores'>(d: SchedulingDecision, key: K, build: () => SchedulingDecision[K]): void {
  const builders = (d as LazyDecision)[LAZY];
  if (builders) builders[key] = build as never;
  else settle(d, key, build());
}

/** The controllers whose selector DefaultSelector adds, by group/kind, and their informers. */
const DEFAULT_SELECTOR_OWNERS: Record<string, string | undefined> = {
  '/ReplicationController': 'replicationcontrollers',
  'apps/ReplicaSet': 'replicasets.apps',
  'apps/StatefulSet': 'statefulsets.apps',
};

/** The Services whose (non-empty) selector matches the labels. */
function servicesSelecting(services: KubeObject[], labels: Record<string, string>): KubeObject[] {
  const out: KubeObject[] = [];
  for (const svc of services) {
    const sel = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!sel) continue;
    let any = false;
    let all = true;
    for (const k in sel) {
      any = true;
      if (labels[k] !== sel[k]) {
        all = false;
        break;
      }
    }
    if (any && all) out.push(svc);
  }
  return out;
}

function sameItems<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Pods rejected by plugins that look at other pods: an assigned pod's arrival may help them. */
function waitsOnOtherPods(q: QueuedPod): boolean {
  const p = q.unschedulablePlugins;
  return !!p && (p.has('InterPodAffinity') || p.has('PodTopologySpread'));
}

/** Node changes that can make an unschedulable pod fit (the queueing hints, coarsely). */
function nodeSchedulingChanged(o: KubeObject, n: KubeObject): boolean {
  const pick = (x: KubeObject) =>
    JSON.stringify([
      x.metadata.labels,
      (x.spec as Record<string, unknown> | undefined)?.unschedulable,
      (x.spec as Record<string, unknown> | undefined)?.taints,
      (x.status as Record<string, unknown> | undefined)?.allocatable,
    ]);
  return pick(o) !== pick(n);
}

/** Starts the default scheduler: registers its informer handlers (start the factory afterwards). */
export function startScheduler(ctx: ControllerContext, opts: SchedulerOptions = {}): Scheduler {
  const s = new SchedulerImpl(ctx, opts);
  s.start();
  return s;
}
