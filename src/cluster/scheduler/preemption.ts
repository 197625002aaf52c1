// The FitError text (framework/types.go) and the DefaultPreemption PostFilter: which nodes could
// take the pod if lower-priority pods were removed, and which victims the best of them needs.
import type { KubeObject } from '../../api/types';
import type { NodeInfo } from './cache';
import type { FilterPlugin, FilterStatus, PodFilterState } from './filters';
import { podPriority, podRequests, podHostPorts, podSpec } from './podutil';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** "%d %s" per distinct reason, sorted as strings, joined by ", ". */
export function reasonsHistogram(statuses: Iterable<FilterStatus>): string {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const items = [...counts].map(([r, n]) => `${n} ${r}`);
  items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return items.join(', ');
}

/** What the scheduling cycle learnt beyond each evaluated node's status (framework.Diagnosis). */
export interface FitDiagnosis {
  /** a PreFilter rejection: it alone is reported */
  preFilterMsg?: string;
  /** the status of the nodes PreFilter left out (`node(s) didn't satisfy plugin(s) [NodeAffinity]`) */
  absentReason?: string;
}

/**
 * FitError.Error(): `0/N nodes are available: <histogram>.` then ` <PostFilter message>.`; nodes
 * without a status of their own count under the absent nodes' reason.
 */
export function fitErrorMessage(numAllNodes: number, statuses: Iterable<FilterStatus>, postFilterMsg?: string, diag: FitDiagnosis = {}): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (diag.preFilterMsg) msg += ` ${diag.preFilterMsg}.`;
  else {
    const list = [...statuses];
    const absent = numAllNodes - list.length;
    if (diag.absentReason && absent > 0) list.push(...Array.from({ length: absent }, () => ({ code: 'UnschedulableAndUnresolvable' as const, reasons: [diag.absentReason!] })));
    const hist = reasonsHistogram(list);
    if (hist) msg += ` ${hist}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}.`;
  return msg;
}

export interface Candidate {
  node: string;
  victims: KubeObject[];
}

export interface PreemptionResult {
  /** the PostFilter message (`preemption: ...`), empty when a candidate was found */
  message: string;
  candidate?: Candidate;
}

/** A NodeInfo as it would be without some pods (SelectVictimsOnNode's dry run). */
function without(n: NodeInfo, removed: KubeObject[]): NodeInfo {
  const pods = new Map(n.pods);
  let cpu = n.requested.milliCPU;
  let mem = n.requested.memory;
  let ports = [...n.usedPorts];
  for (const p of removed) {
    pods.delete(`${p.metadata.namespace}/${p.metadata.name}`);
    const r = podRequests(p);
    cpu -= r.milliCPU;
    mem -= r.memory;
    for (const hp of podHostPorts(p)) {
      const i = ports.findIndex((u) => u.ip === hp.ip && u.port === hp.port && u.protocol === hp.protocol);
      if (i >= 0) ports = [...ports.slice(0, i), ...ports.slice(i + 1)];
    }
  }
  return Object.assign(Object.create(Object.getPrototypeOf(n)) as NodeInfo, n, { pods, requested: { milliCPU: cpu, memory: mem }, usedPorts: ports });
}

function runFilters(filters: FilterPlugin[], s: PodFilterState, n: NodeInfo): FilterStatus | undefined {
  for (const f of filters) {
    const st = f.filter(s, n);
    if (st) return st;
  }
  return undefined;
}

function startMs(p: KubeObject): number {
  const t = (p.status as { startTime?: string } | undefined)?.startTime ?? p.metadata.creationTimestamp;
  return t ? Date.parse(String(t)) : 0;
}

/** MoreImportantPod: higher priority, then the one that started earlier. */
function moreImportant(a: KubeObject, b: KubeObject): number {
  const d = podPriority(b) - podPriority(a);
  return d !== 0 ? d : startMs(a) - startMs(b);
}

export function preempt(
  state: PodFilterState,
  nodes: NodeInfo[],
  statuses: Map<string, FilterStatus>,
  filters: FilterPlugin[],
): PreemptionResult {
  const pod = state.pod;
  if (podSpec(pod).preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const prio = podPriority(pod);
  const results: FilterStatus[] = [];
  const candidates: Candidate[] = [];
  for (const n of nodes) {
    const st = statuses.get(n.name);
    if (!st || st.code === 'UnschedulableAndUnresolvable') {
      results.push({ code: 'UnschedulableAndUnresolvable', reasons: ['Preemption is not helpful for scheduling'] });
      continue;
    }
    const lower = [...n.pods.values()].filter((p) => podPriority(p) < prio);
    if (!lower.length) {
      results.push({ code: 'UnschedulableAndUnresolvable', reasons: ['No preemption victims found for incoming pod'] });
      continue;
    }
    const fail = runFilters(filters, state, without(n, lower));
    if (fail) {
      results.push(fail);
      continue;
    }
    // Reprieve as many victims as possible, the most important first.
    lower.sort(moreImportant);
    let victims = [...lower];
    for (const p of lower) {
      const trial = victims.filter((v) => v !== p);
      if (!runFilters(filters, state, without(n, trial))) victims = trial;
    }
    candidates.push({ node: n.name, victims });
  }
  if (!candidates.length) return { message: `preemption: ${fitErrorMessage(nodes.length, results)}` };
  // pickOneNodeForPreemption: the lowest highest-priority victim, then the lowest priority sum,
  // then the fewest victims; the first such node otherwise.
  const key = (c: Candidate) => {
    const ps = c.victims.map(podPriority);
    return [ps.length ? Math.max(...ps) : -Infinity, ps.reduce((a, b) => a + b + 2147483648, 0), ps.length];
  };
  let best = candidates[0];
  for (const c of candidates.slice(1)) {
    const a = key(c);
    const b = key(best);
    for (let i = 0; i < a.length; i++) {
      if (a[i] < b[i]) {
        best = c;
        break;
      }
      if (a[i] > b[i]) break;
    }
  }
  return { message: '', candidate: best };
}
