// Score plugins of the default profile with their weights: NodeResourcesFit (LeastAllocated,
// cpu and memory weight 1), NodeResourcesBalancedAllocation, TaintToleration (PreferNoSchedule)
// and NodeAffinity (preferred terms); PodTopologySpread and InterPodAffinity have their own
// files. Each scores the feasible nodes in one pass; scores are 0..100.
import type { KubeObject } from '../../api/types';
import type { LabelRequirement, LabelSelector } from '../../api/selector-types';
import { labelSelectorAsSelector } from '../../api/labels';
import type { NodeInfo } from './cache';
import type { PodFilterState } from './filters';
import { podSpec, preferredAffinityScore, taintTolerated, type Resources, type Toleration } from './podutil';

export const MAX_NODE_SCORE = 100;

export interface ScoreInput {
  /** the cycle's state: the pod and what PreFilter read from it */
  state: PodFilterState;
  nonZeroRequests: Resources;
  /** nodes that passed the filters */
  feasible: NodeInfo[];
  /** every node (topology counts for keys other than the hostname look at all of them) */
  all: NodeInfo[];
  /** helper.DefaultSelector for the pod (Services, RC, RS, StatefulSet); undefined when empty */
  defaultSelector?: () => LabelSelector | undefined;
  /** the cache's label groups of the pod's namespace a selector matches (NodeInfo.countGroups) */
  groupsMatching(selector: LabelSelector): string[];
  /** HavePodsWithAffinityList */
  havePodsWithAffinity(): NodeInfo[];
}

/**
 * A plugin's values for the feasible nodes. The default plugins write them into buffers they
 * reuse on every call (a cycle scores hundreds of nodes): read them before the next call.
 */
export interface PluginScores {
  raw: number[];
  scores: number[];
}

/** A plugin's reusable result buffer, sized for this call. */
export function scoreBuffer(buf: number[], n: number): number[] {
  buf.length = n;
  return buf;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** Scores aligned with input.feasible, or undefined when PreScore says Skip. */
  score(input: ScoreInput): PluginScores | undefined;
}

/** helper.DefaultNormalizeScore */
function defaultNormalize(raw: number[], reverse: boolean, out: number[] = []): number[] {
  let maxCount = 0;
  for (let i = 0; i < raw.length; i++) if (raw[i] > maxCount) maxCount = raw[i];
  out.length = raw.length;
  for (let i = 0; i < raw.length; i++) {
    const v = maxCount === 0 ? 0 : Math.trunc((MAX_NODE_SCORE * raw[i]) / maxCount);
    out[i] = reverse ? MAX_NODE_SCORE - v : v;
  }
  return out;
}

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

const LEAST_ALLOCATED: number[] = [];
const BALANCED: number[] = [];
const TAINT_RAW: number[] = [];
const TAINT_SCORES: number[] = [];

export const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score({ feasible, nonZeroRequests: r }) {
    const scores = scoreBuffer(LEAST_ALLOCATED, feasible.length);
    for (let i = 0; i < feasible.length; i++) {
      const n = feasible[i];
      const cpu = leastRequested(n.nonZeroRequested.milliCPU + r.milliCPU, n.allocatable.milliCPU);
      const mem = leastRequested(n.nonZeroRequested.memory + r.memory, n.allocatable.memory);
      scores[i] = Math.trunc((cpu * 1 + mem * 1) / 2);
    }
    return { raw: scores, scores };
  },
};

export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score({ feasible, state: { requests: r } }) {
    // A best-effort pod changes no node's balance: PreScore skips it.
    if (!r.milliCPU && !r.memory) return undefined;
    const scores = scoreBuffer(BALANCED, feasible.length);
    for (let i = 0; i < feasible.length; i++) {
      const n = feasible[i];
      const a = n.allocatable;
      // The standard deviation of the two fractions; with only one resource it is 0.
      const std = a.milliCPU && a.memory ? Math.abs((Math.min(1, (n.requested.milliCPU + r.milliCPU) / a.milliCPU) - Math.min(1, (n.requested.memory + r.memory) / a.memory)) / 2) : 0;
      scores[i] = Math.trunc((1 - std) * MAX_NODE_SCORE);
    }
    return { raw: scores, scores };
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score({ state, feasible }) {
    let tolerations: Toleration[] | undefined;
    const raw = scoreBuffer(TAINT_RAW, feasible.length);
    for (let i = 0; i < feasible.length; i++) {
      let c = 0;
      for (const t of feasible[i].taints) {
        if (t.effect !== 'PreferNoSchedule') continue;
        tolerations ??= state.tolerations.filter((x) => !x.effect || x.effect === 'PreferNoSchedule');
        if (!taintTolerated(t, tolerations)) c++;
      }
      raw[i] = c;
    }
    return { raw, scores: defaultNormalize(raw, true, TAINT_SCORES) };
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  score({ state: { pod }, feasible }) {
    const prefs = (podSpec(pod).affinity as { nodeAffinity?: { preferredDuringSchedulingIgnoredDuringExecution?: unknown[] } } | undefined)
      ?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!prefs) return undefined;
    const raw = feasible.map((n) => preferredAffinityScore(pod, n.node!));
    return { raw, scores: defaultNormalize(raw, false) };
  },
};

/** helper.DefaultSelector: the Services selecting the pod, then its controller's selector, ANDed. */
export function defaultSelector(
  pod: KubeObject,
  services: KubeObject[],
  controller: (kind: string, name: string) => KubeObject | undefined,
): LabelSelector | undefined {
  const labels = pod.metadata.labels ?? {};
  const set: Record<string, string> = {};
  for (const s of services) {
    const sel = (s.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!sel || !Object.keys(sel).length) continue;
    if (Object.entries(sel).every(([k, v]) => labels[k] === v)) Object.assign(set, sel);
  }
  const reqs: LabelRequirement[] = Object.keys(set)
    .sort()
    .map((k) => ({ key: k, operator: '=', values: [set[k]] }));
  const owner = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (owner) {
    const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
    const kind = `${group}/${owner.kind}`;
    const ctl = controller(kind, owner.name);
    if (ctl && kind === '/ReplicationController') {
      const sel = (ctl.spec as { selector?: Record<string, string> }).selector ?? {};
      for (const [k, v] of Object.entries(sel)) if (!reqs.some((r) => r.key === k)) reqs.push({ key: k, operator: '=', values: [v] });
    } else if (ctl && (kind === 'apps/ReplicaSet' || kind === 'apps/StatefulSet')) {
      try {
        reqs.push(...labelSelectorAsSelector((ctl.spec as { selector?: never }).selector).requirements);
      } catch {
        // An invalid selector adds nothing, as upstream ignores the error.
      }
    }
  }
  if (!reqs.length) return undefined;
  return { requirements: reqs };
}
