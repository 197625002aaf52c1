// Score plugins of the default profile with their weights: NodeResourcesFit (LeastAllocated,
// cpu and memory weight 1), NodeResourcesBalancedAllocation, TaintToleration (PreferNoSchedule)
// and NodeAffinity (preferred terms); PodTopologySpread and InterPodAffinity have their own
// files. Each scores the feasible nodes in one pass; scores are 0..100.
import type { KubeObject } from '../../api/types';
import type { LabelRequirement, LabelSelector } from '../../api/selector-types';
import { labelSelectorAsSelector } from '../../api/labels';
import type { NodeInfo } from './cache';
import type { PodFilterState } from './filters';
import { podSpec, preferredAffinityScore, taintTolerated, type Resources } from './podutil';

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

export interface PluginScores {
  raw: number[];
  scores: number[];
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** Scores aligned with input.feasible, or undefined when PreScore says Skip. */
  score(input: ScoreInput): PluginScores | undefined;
}

/** helper.DefaultNormalizeScore */
function defaultNormalize(raw: number[], reverse: boolean): number[] {
  const maxCount = Math.max(0, ...raw);
  if (maxCount === 0) return raw.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return raw.map((s) => {
    const v = Math.trunc((MAX_NODE_SCORE * s) / maxCount);
    return reverse ? MAX_NODE_SCORE - v : v;
  });
}

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score({ feasible, nonZeroRequests: r }) {
    const scores = feasible.map((n) => {
      const cpu = leastRequested(n.nonZeroRequested.milliCPU + r.milliCPU, n.allocatable.milliCPU);
      const mem = leastRequested(n.nonZeroRequested.memory + r.memory, n.allocatable.memory);
      return Math.trunc((cpu * 1 + mem * 1) / 2);
    });
    return { raw: scores, scores };
  },
};

export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score({ feasible, state: { requests: r } }) {
    // A best-effort pod changes no node's balance: PreScore skips it.
    if (!r.milliCPU && !r.memory) return undefined;
    const scores = feasible.map((n) => {
      const fractions: number[] = [];
      const a = n.allocatable;
      if (a.milliCPU) fractions.push(Math.min(1, (n.requested.milliCPU + r.milliCPU) / a.milliCPU));
      if (a.memory) fractions.push(Math.min(1, (n.requested.memory + r.memory) / a.memory));
      const std = fractions.length === 2 ? Math.abs((fractions[0] - fractions[1]) / 2) : 0;
      return Math.trunc((1 - std) * MAX_NODE_SCORE);
    });
    return { raw: scores, scores };
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score({ state, feasible }) {
    const tolerations = state.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    const raw = feasible.map((n) => {
      let c = 0;
      for (const t of n.taints) if (t.effect === 'PreferNoSchedule' && !taintTolerated(t, tolerations)) c++;
      return c;
    });
    return { raw, scores: defaultNormalize(raw, true) };
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
