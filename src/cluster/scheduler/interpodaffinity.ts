// InterPodAffinity (framework/plugins/interpodaffinity): required pod affinity and
// anti-affinity of the incoming pod, and the required anti-affinity of pods already placed,
// filter nodes by topology domain; preferred terms (both ways) and the existing pods' required
// affinity (hardPodAffinityWeight 1) score them.
import type { KubeObject } from '../../api/types';
import type { NodeInfo } from './cache';
import { unresolvable, unschedulable, type FilterPlugin, type PodFilterState } from './filters';
import { podAffinityInfo, termMatches, type AffinityTerm, type PodAffinityInfo } from './podaffinity';
import { MAX_NODE_SCORE, type ScorePlugin } from './scores';

export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES = "node(s) didn't match pod anti-affinity rules";

const HARD_POD_AFFINITY_WEIGHT = 1;

/** topologyPair → count, keyed `key\0value` */
type PairCounts = Map<string, number>;
const pair = (key: string, value: string) => `${key}\u0000${value}`;

function add(m: PairCounts, labels: Record<string, string>, key: string, delta: number): void {
  const v = labels[key];
  if (v === undefined) return;
  const p = pair(key, v);
  m.set(p, (m.get(p) ?? 0) + delta);
}

/** The incoming pod's terms, read once per cycle and shared by Filter and Score. */
function incomingInfo(s: PodFilterState): PodAffinityInfo | undefined {
  if (!('podAffinity' in s.data)) s.data.podAffinity = podAffinityInfo(s.pod);
  return s.data.podAffinity as PodAffinityInfo | undefined;
}

interface AffinityFilterState {
  info?: PodAffinityInfo;
  affinityCounts: PairCounts;
  antiAffinityCounts: PairCounts;
  existingAntiAffinityCounts: PairCounts;
}

const matchesAll = (terms: AffinityTerm[], pod: KubeObject, nsLabels: Record<string, string> | undefined) =>
  terms.length > 0 && terms.every((t) => termMatches(t, pod, nsLabels));

export const interPodAffinityFilter: FilterPlugin = {
  name: 'InterPodAffinity',
  preFilter(s, snapshot) {
    const info = incomingInfo(s);
    const withAnti = snapshot.havePodsWithAffinity(true);
    if (!info?.requiredAffinity.length && !info?.requiredAnti.length && !withAnti.length) return { skip: true };
    const st: AffinityFilterState = { info, affinityCounts: new Map(), antiAffinityCounts: new Map(), existingAntiAffinityCounts: new Map() };
    const nsLabels = s.nsLabels(s.namespace);
    // Existing pods whose required anti-affinity the incoming pod would break, by their node's domain.
    for (const n of withAnti) {
      for (const { info: ex } of n.podsWithAffinity.values()) {
        for (const t of ex.requiredAnti) if (termMatches(t, s.pod, nsLabels)) add(st.existingAntiAffinityCounts, n.labels, t.topologyKey, 1);
      }
    }
    // Pods matching the incoming pod's own required terms.
    if (info && (info.requiredAffinity.length || info.requiredAnti.length)) {
      for (const n of snapshot.list) {
        for (const p of n.pods.values()) {
          const pns = s.nsLabels(p.metadata.namespace ?? '');
          if (matchesAll(info.requiredAffinity, p, pns)) for (const t of info.requiredAffinity) add(st.affinityCounts, n.labels, t.topologyKey, 1);
          for (const t of info.requiredAnti) if (termMatches(t, p, pns)) add(st.antiAffinityCounts, n.labels, t.topologyKey, 1);
        }
      }
    }
    s.data.InterPodAffinity = st;
    return undefined;
  },
  filter(s, n) {
    const st = s.data.InterPodAffinity as AffinityFilterState | undefined;
    if (!st) return undefined;
    const terms = st.info?.requiredAffinity ?? [];
    if (terms.length) {
      let podsExist = true;
      for (const t of terms) {
        const v = n.labels[t.topologyKey];
        // Every topology label must be on the node.
        if (v === undefined) return unresolvable(ERR_REASON_AFFINITY_RULES);
        if (!((st.affinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0)) podsExist = false;
      }
      // The first pod of a group with affinity to itself may go anywhere no other pod matches.
      if (!podsExist && !(st.affinityCounts.size === 0 && matchesAll(terms, s.pod, s.nsLabels(s.namespace)))) {
        return unresolvable(ERR_REASON_AFFINITY_RULES);
      }
    }
    if (st.antiAffinityCounts.size) {
      for (const t of st.info!.requiredAnti) {
        const v = n.labels[t.topologyKey];
        if (v !== undefined && (st.antiAffinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0) return unschedulable(ERR_REASON_ANTI_AFFINITY_RULES);
      }
    }
    if (st.existingAntiAffinityCounts.size) {
      for (const k in n.labels) if ((st.existingAntiAffinityCounts.get(pair(k, n.labels[k])) ?? 0) > 0) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
    }
    return undefined;
  },
};

export const interPodAffinityScore: ScorePlugin = {
  name: 'InterPodAffinity',
  weight: 2,
  score({ state: s, feasible, all, havePodsWithAffinity }) {
    const info = incomingInfo(s);
    const hasConstraints = !!(info && (info.preferredAffinity.length || info.preferredAnti.length));
    // Without preferred terms of its own, only nodes hosting pods with affinity can matter.
    const nodes = hasConstraints ? all : havePodsWithAffinity();
    if (!nodes.length) return undefined;
    const nsLabels = s.nsLabels(s.namespace);
    // Usually nothing is added (no term matches): the sums are kept in one map, emptied only
    // after a call that used it.
    const topo = TOPOLOGY_SCORES;
    if (topo.size) topo.clear();
    for (const n of nodes) {
      if (!n.node || !hasAnyKey(n.labels)) continue;
      if (hasConstraints) for (const [key, p] of n.pods) addPodScores(topo, s, info, nsLabels, n, p, n.podsWithAffinity.get(key)?.info);
      else for (const { pod, info: ex } of n.podsWithAffinity.values()) addPodScores(topo, s, info, nsLabels, n, pod, ex);
    }
    if (!topo.size) return undefined;
    const raw = feasible.map((n: NodeInfo) => {
      let sum = 0;
      for (const k in n.labels) sum += topo.get(pair(k, n.labels[k])) ?? 0;
      return sum;
    });
    const min = Math.min(...raw);
    const diff = Math.max(...raw) - min;
    const scores = raw.map((r) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((r - min) / diff)) : 0));
    return { raw, scores };
  },
};

const TOPOLOGY_SCORES: PairCounts = new Map();

function hasAnyKey(o: Record<string, string>): boolean {
  for (const _ in o) return true;
  return false;
}

/** One existing pod's contribution on node `n`: the incoming pod's preferred terms, then the existing pod's terms. */
function addPodScores(topo: PairCounts, s: PodFilterState, info: PodAffinityInfo | undefined, nsLabels: Record<string, string> | undefined, n: NodeInfo, p: KubeObject, ex: PodAffinityInfo | undefined): void {
  if (info) {
    const pns = s.nsLabels(p.metadata.namespace ?? '');
    for (const t of info.preferredAffinity) if (termMatches(t, p, pns)) add(topo, n.labels, t.topologyKey, t.weight);
    for (const t of info.preferredAnti) if (termMatches(t, p, pns)) add(topo, n.labels, t.topologyKey, -t.weight);
  }
  if (!ex) return;
  for (const t of ex.requiredAffinity) if (termMatches(t, s.pod, nsLabels)) add(topo, n.labels, t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
  for (const t of ex.preferredAffinity) if (termMatches(t, s.pod, nsLabels)) add(topo, n.labels, t.topologyKey, t.weight);
  for (const t of ex.preferredAnti) if (termMatches(t, s.pod, nsLabels)) add(topo, n.labels, t.topologyKey, -t.weight);
}
