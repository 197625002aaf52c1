// Score plugins of the default profile with their weights: NodeResourcesFit (LeastAllocated,
// cpu and memory weight 1), NodeResourcesBalancedAllocation, PodTopologySpread (the system
// default constraints spread the pods of one Service/ReplicaSet/... over hostnames and zones),
// TaintToleration (PreferNoSchedule) and NodeAffinity (preferred terms). Scores are 0..100.
import type { KubeObject } from '../../api/types';
import type { LabelRequirement, LabelSelector } from '../../api/selector-types';
import { labelSelectorAsSelector } from '../../api/labels';
import type { NodeInfo } from './cache';
import {
  nodeTaints,
  podMatchesNodeSelectorAndAffinity,
  podSpec,
  podTolerations,
  preferredAffinityScore,
  taintTolerated,
  type Resources,
} from './podutil';

export const MAX_NODE_SCORE = 100;

export interface ScoreInput {
  pod: KubeObject;
  requests: Resources;
  nonZeroRequests: Resources;
  /** nodes that passed the filters */
  feasible: NodeInfo[];
  /** every node (topology counts for keys other than the hostname look at all of them) */
  all: NodeInfo[];
  /** helper.DefaultSelector for the pod (Services, RC, RS, StatefulSet); undefined when empty */
  defaultSelector?: LabelSelector;
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
  score({ feasible, requests: r }) {
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

interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
}

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

export const podTopologySpread: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score({ pod, feasible, all, defaultSelector }) {
    const own = (podSpec(pod).topologySpreadConstraints as Record<string, unknown>[] | undefined) ?? [];
    let constraints: SpreadConstraint[];
    let requireAll: boolean;
    if (own.length) {
      constraints = own
        .filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway')
        .map((c) => ({
          maxSkew: Number(c.maxSkew ?? 1),
          topologyKey: String(c.topologyKey),
          selector: labelSelectorAsSelector(c.labelSelector as never),
        }));
      requireAll = true;
    } else {
      // The system defaults: maxSkew 3 per hostname, 5 per zone, both ScheduleAnyway.
      constraints = defaultSelector
        ? [
            { maxSkew: 3, topologyKey: HOSTNAME, selector: defaultSelector },
            { maxSkew: 5, topologyKey: ZONE, selector: defaultSelector },
          ]
        : [];
      requireAll = false;
    }
    if (!constraints.length) return undefined;
    const ns = pod.metadata.namespace ?? '';
    const hasAll = (n: NodeInfo) => constraints.every((c) => c.topologyKey in (n.node!.metadata.labels ?? {}));
    const ignored = new Set<string>();
    const pairCounts = new Map<string, number>();
    const topoSize = constraints.map(() => 0);
    for (const n of feasible) {
      if (requireAll && !hasAll(n)) {
        ignored.add(n.name);
        continue;
      }
      constraints.forEach((c, i) => {
        if (c.topologyKey === HOSTNAME) return;
        const pair = `${c.topologyKey}\u0000${n.node!.metadata.labels?.[c.topologyKey] ?? ''}`;
        if (!pairCounts.has(pair)) {
          pairCounts.set(pair, 0);
          topoSize[i]++;
        }
      });
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : topoSize[i]) + 2));
    // Pods counted per topology value over every node that matches the pod's node affinity.
    if (constraints.some((c) => c.topologyKey !== HOSTNAME)) {
      for (const n of all) {
        if (!n.node || !hasAll(n) || !podMatchesNodeSelectorAndAffinity(pod, n.node)) continue;
        for (const c of constraints) {
          if (c.topologyKey === HOSTNAME) continue;
          const pair = `${c.topologyKey}\u0000${n.node.metadata.labels?.[c.topologyKey] ?? ''}`;
          const cur = pairCounts.get(pair);
          if (cur !== undefined) pairCounts.set(pair, cur + n.countMatching(c.selector, ns));
        }
      }
    }
    const raw = feasible.map((n) => {
      if (ignored.has(n.name)) return 0;
      let s = 0;
      const labels = n.node!.metadata.labels ?? {};
      constraints.forEach((c, i) => {
        if (!(c.topologyKey in labels)) return;
        const cnt =
          c.topologyKey === HOSTNAME ? n.countMatching(c.selector, ns) : (pairCounts.get(`${c.topologyKey}\u0000${labels[c.topologyKey]}`) ?? 0);
        s += cnt * weights[i] + (c.maxSkew - 1);
      });
      return Math.round(s);
    });
    let min = Infinity;
    let max = 0;
    feasible.forEach((n, i) => {
      if (ignored.has(n.name)) return;
      min = Math.min(min, raw[i]);
      max = Math.max(max, raw[i]);
    });
    const scores = feasible.map((n, i) => {
      if (ignored.has(n.name)) return 0;
      if (max === 0) return MAX_NODE_SCORE;
      return Math.trunc((MAX_NODE_SCORE * (max + min - raw[i])) / max);
    });
    return { raw, scores };
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score({ pod, feasible }) {
    const tolerations = podTolerations(pod).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    const raw = feasible.map((n) => nodeTaints(n.node!).filter((t) => t.effect === 'PreferNoSchedule' && !taintTolerated(t, tolerations)).length);
    return { raw, scores: defaultNormalize(raw, true) };
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  score({ pod, feasible }) {
    const prefs = (podSpec(pod).affinity as { nodeAffinity?: { preferredDuringSchedulingIgnoredDuringExecution?: unknown[] } } | undefined)
      ?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!prefs) return undefined;
    const raw = feasible.map((n) => preferredAffinityScore(pod, n.node!));
    return { raw, scores: defaultNormalize(raw, false) };
  },
};

export const DEFAULT_SCORES: ScorePlugin[] = [taintTolerationScore, nodeAffinityScore, leastAllocated, balancedAllocation, podTopologySpread];

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
