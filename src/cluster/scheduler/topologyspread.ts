// PodTopologySpread (framework/plugins/podtopologyspread): DoNotSchedule constraints filter
// nodes whose skew would exceed maxSkew; ScheduleAnyway constraints, or the system defaults
// (maxSkew 3 per hostname, 5 per zone over the pod's Services and controller) when the pod
// has none, score nodes by how many matching pods their topology domains already hold.
import type { KubeObject } from '../../api/types';
import type { LabelRequirement, LabelSelector } from '../../api/selector-types';
import { labelSelectorAsSelector, matchesLabels } from '../../api/labels';
import type { NodeInfo } from './cache';
import { unresolvable, unschedulable, type FilterPlugin, type PodFilterState } from './filters';
import { findUntoleratedTaint, matchesRequiredNodeAffinity, podSpec } from './podutil';
import { MAX_NODE_SCORE, scoreBuffer, type ScorePlugin } from './scores';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  /** nodeAffinityPolicy Honor (default) / nodeTaintsPolicy Honor (default Ignore) */
  honorAffinity: boolean;
  honorTaints: boolean;
}

type Obj = Record<string, unknown>;

/** filterTopologySpreadConstraints: the pod's constraints of one action, matchLabelKeys merged in. */
export function podSpreadConstraints(pod: KubeObject, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const own = (podSpec(pod).topologySpreadConstraints as Obj[] | undefined) ?? [];
  const labels = pod.metadata.labels ?? {};
  const out: SpreadConstraint[] = [];
  for (const c of own) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector: LabelSelector;
    try {
      selector = labelSelectorAsSelector(c.labelSelector as never);
    } catch {
      continue;
    }
    const extra: LabelRequirement[] = [];
    for (const k of (c.matchLabelKeys as string[] | undefined) ?? []) if (k in labels) extra.push({ key: k, operator: 'in', values: [labels[k]] });
    if (extra.length) selector = { ...selector, requirements: [...selector.requirements, ...extra] };
    out.push({
      maxSkew: Number(c.maxSkew ?? 1),
      topologyKey: String(c.topologyKey ?? ''),
      selector,
      minDomains: typeof c.minDomains === 'number' ? c.minDomains : 1,
      honorAffinity: c.nodeAffinityPolicy !== 'Ignore',
      honorTaints: c.nodeTaintsPolicy === 'Honor',
    });
  }
  return out;
}

function hasAllKeys(labels: Record<string, string>, cs: SpreadConstraint[]): boolean {
  for (const c of cs) if (!(c.topologyKey in labels)) return false;
  return true;
}

/** matchNodeInclusionPolicies: whether the node's pods count towards the constraint. */
function included(c: SpreadConstraint, s: PodFilterState, n: NodeInfo): boolean {
  if (c.honorAffinity && !matchesRequiredNodeAffinity(s.nodeAffinity, n.node!)) return false;
  if (c.honorTaints && findUntoleratedTaint(n.taints, s.tolerations, ['NoSchedule', 'NoExecute'])) return false;
  return true;
}

interface SpreadFilterState {
  constraints: SpreadConstraint[];
  /** per constraint: topology value → matching pods */
  counts: Map<string, number>[];
  /** per constraint: the smallest count over its domains */
  minCounts: number[];
  selfMatch: boolean[];
}

export const podTopologySpreadFilter: FilterPlugin = {
  name: 'PodTopologySpread',
  preFilter(s, snapshot) {
    const constraints = podSpreadConstraints(s.pod, 'DoNotSchedule');
    if (!constraints.length) return { skip: true };
    const counts = spreadCounts(constraints.length);
    for (const n of snapshot.list) {
      if (!n.node || !hasAllKeys(n.labels, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!included(c, s, n)) return;
        const v = n.labels[c.topologyKey];
        counts[i].set(v, (counts[i].get(v) ?? 0) + n.countMatching(c.selector, s.namespace));
      });
    }
    const minCounts = counts.map((m, i) => (m.size < constraints[i].minDomains ? 0 : Math.min(...m.values())));
    const labels = s.pod.metadata.labels ?? {};
    const st: SpreadFilterState = { constraints, counts, minCounts, selfMatch: constraints.map((c) => matchesLabels(c.selector, labels)) };
    s.data.PodTopologySpread = st;
    return undefined;
  },
  filter(s, n) {
    const st = s.data.PodTopologySpread as SpreadFilterState | undefined;
    // No state: PreFilter skipped the plugin (or was not run, as in a preemption dry run of a test).
    if (!st) return undefined;
    for (let i = 0; i < st.constraints.length; i++) {
      const c = st.constraints[i];
      if (!(c.topologyKey in n.labels)) return unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
      const min = st.minCounts[i] === Infinity ? 0 : st.minCounts[i];
      const skew = (st.counts[i].get(n.labels[c.topologyKey]) ?? 0) + (st.selfMatch[i] ? 1 : 0) - min;
      if (skew > c.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
    }
    return undefined;
  },
};

const SPREAD_RAW: number[] = [];

/**
 * Per-constraint buffers of one score call, reused by the next (scoring never nests): the
 * domain counts (a map emptied only when the last call put something in it), the weights and
 * the matching group keys.
 */
const SPREAD_COUNTS: Map<string, number>[] = [];
const SPREAD_WEIGHTS: number[] = [];
const SPREAD_KEYS: string[][] = [];

function spreadCounts(n: number): Map<string, number>[] {
  const out = SPREAD_COUNTS;
  for (let i = 0; i < n; i++) {
    const m = out[i];
    if (!m) out[i] = new Map();
    else if (m.size) m.clear();
  }
  return out;
}
const SPREAD_SCORES: number[] = [];

export const podTopologySpreadScore: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score({ state: s, feasible, all, defaultSelector, groupsMatching }) {
    const own = ((podSpec(s.pod).topologySpreadConstraints as unknown[] | undefined) ?? []).length > 0;
    let constraints: SpreadConstraint[];
    if (own) constraints = podSpreadConstraints(s.pod, 'ScheduleAnyway');
    else {
      const sel = defaultSelector?.();
      constraints = sel ? systemDefaultConstraints(sel) : [];
    }
    if (!constraints.length) return undefined;
    // Only the pod's own constraints need every topology key on a node: without a zone label a
    // node still takes part in the default hostname spreading.
    const requireAll = own;
    const ignored = requireAll ? new Uint8Array(feasible.length) : undefined;
    let ignoredCount = 0;
    const counts = spreadCounts(constraints.length);
    for (let j = 0; j < feasible.length; j++) {
      const labels = feasible[j].labels;
      if (ignored && !hasAllKeys(labels, constraints)) {
        ignored[j] = 1;
        ignoredCount++;
        continue;
      }
      for (let i = 0; i < constraints.length; i++) {
        const key = constraints[i].topologyKey;
        if (key !== HOSTNAME && key in labels && !counts[i].has(labels[key])) counts[i].set(labels[key], 0);
      }
    }
    const weights = SPREAD_WEIGHTS;
    const keys = SPREAD_KEYS;
    let anyDomain = false;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      weights[i] = Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignoredCount : counts[i].size) + 2);
      if (counts[i].size) anyDomain = true;
    }
    // Pods per topology value over every node that counts (hostname counts are read per node below).
    for (let i = 0; i < constraints.length; i++) keys[i] = groupsMatching(constraints[i].selector);
    if (anyDomain) {
      for (const n of all) {
        if (!n.node || (requireAll && !hasAllKeys(n.labels, constraints))) continue;
        for (let i = 0; i < constraints.length; i++) {
          const c = constraints[i];
          if (!counts[i].size || !(c.topologyKey in n.labels) || !included(c, s, n)) continue;
          const v = n.labels[c.topologyKey];
          const cur = counts[i].get(v);
          if (cur !== undefined) counts[i].set(v, cur + n.countGroups(keys[i]));
        }
      }
    }
    const raw = scoreBuffer(SPREAD_RAW, feasible.length);
    let min = Infinity;
    let max = 0;
    for (let j = 0; j < feasible.length; j++) {
      if (ignored?.[j]) {
        raw[j] = 0;
        continue;
      }
      const n = feasible[j];
      let score = 0;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i];
        const hostname = c.topologyKey === HOSTNAME;
        // A key no feasible node has (no domain found above, as the zone on unlabelled nodes)
        // adds nothing: skip looking it up node by node.
        if (!hostname && !counts[i].size) continue;
        const v = n.labels[c.topologyKey];
        if (v === undefined) continue;
        const cnt = hostname ? n.countGroups(keys[i]) : (counts[i].get(v) ?? 0);
        score += cnt * weights[i] + (c.maxSkew - 1);
      }
      raw[j] = Math.round(score);
      if (raw[j] < min) min = raw[j];
      if (raw[j] > max) max = raw[j];
    }
    const scores = scoreBuffer(SPREAD_SCORES, feasible.length);
    for (let j = 0; j < feasible.length; j++) scores[j] = ignored?.[j] ? 0 : max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - raw[j])) / max);
    return { raw, scores };
  },
};

/** The system default constraints for a DefaultSelector (one per selector object: pods of a controller share it). */
const systemDefaults = new WeakMap<LabelSelector, SpreadConstraint[]>();

function systemDefaultConstraints(selector: LabelSelector): SpreadConstraint[] {
  let cs = systemDefaults.get(selector);
  if (!cs) {
    const d = (topologyKey: string, maxSkew: number): SpreadConstraint => ({ maxSkew, topologyKey, selector, minDomains: 1, honorAffinity: true, honorTaints: false });
    systemDefaults.set(selector, (cs = [d(HOSTNAME, 3), d(ZONE, 5)]));
  }
  return cs;
}
