// Table tests of PodTopologySpread and InterPodAffinity in the style of upstream's
// filtering_test.go and scoring_test.go: nodes with zone labels, pods already placed, the
// incoming pod, and each node's expected status or score.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types';
import { nodeObject } from '../bootstrap';
import { SchedulerCache, type NodeInfo } from './cache';
import { podFilterState, type FilterPlugin, type NodeSnapshot } from './filters';
import { podRequests } from './podutil';
import { podTopologySpreadFilter, podTopologySpreadScore } from './topologyspread';
import { interPodAffinityFilter, interPodAffinityScore } from './interpodaffinity';
import type { ScorePlugin } from './scores';

function node(name: string, labels: Record<string, string>): KubeObject {
  const n = nodeObject({ name, controlPlane: false, internalIP: '10.0.0.1', podCIDR: '10.244.1.0/24', cpu: '4', memory: '8Gi' }, '2026-01-01T00:00:00Z');
  return { ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, ...labels } } };
}

function pod(name: string, labels: Record<string, string>, spec: Record<string, unknown> = {}, nodeName?: string, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec, ...(nodeName ? { nodeName } : {}) } };
}

/** node-a, node-b in zone1; node-x, node-y in zone2 (upstream's favourite layout). */
function cluster(existing: KubeObject[], extraNodes: KubeObject[] = []): SchedulerCache {
  const cache = new SchedulerCache();
  for (const n of [
    node('node-a', { zone: 'zone1' }),
    node('node-b', { zone: 'zone1' }),
    node('node-x', { zone: 'zone2' }),
    node('node-y', { zone: 'zone2' }),
    ...extraNodes,
  ])
    cache.setNode(n);
  for (const p of existing) cache.updatePod(p);
  return cache;
}

function snapshot(cache: SchedulerCache): NodeSnapshot {
  return { list: cache.nodeInfos(), havePodsWithAffinity: (anti) => cache.havePodsWithAffinity(anti) };
}

/** Runs PreFilter then Filter on every node: node → '' (fits) or `code: reason`. */
function filter(plugin: FilterPlugin, incoming: KubeObject, cache: SchedulerCache): Record<string, string> | 'skip' {
  const s = podFilterState(incoming, podRequests(incoming));
  const pre = plugin.preFilter?.(s, snapshot(cache));
  if (pre?.skip) return 'skip';
  const out: Record<string, string> = {};
  for (const n of cache.nodeInfos()) {
    const st = plugin.filter(s, n);
    out[n.name] = st ? `${st.code}: ${st.reasons.join(', ')}` : '';
  }
  return out;
}

function score(plugin: ScorePlugin, incoming: KubeObject, cache: SchedulerCache): Record<string, number> | 'skip' {
  const s = podFilterState(incoming, podRequests(incoming));
  const nodes: NodeInfo[] = cache.nodeInfos();
  const r = plugin.score({
    state: s,
    nonZeroRequests: podRequests(incoming, true),
    feasible: nodes,
    all: nodes,
    groupsMatching: (sel) => cache.registry.matching(sel, s.namespace),
    havePodsWithAffinity: () => cache.havePodsWithAffinity(),
  });
  if (!r) return 'skip';
  return Object.fromEntries(nodes.map((n, i) => [n.name, r.scores[i]]));
}

const spread = (topologyKey: string, maxSkew: number, extra: Record<string, unknown> = {}, when = 'DoNotSchedule') => ({
  topologySpreadConstraints: [{ maxSkew, topologyKey, whenUnsatisfiable: when, labelSelector: { matchLabels: { foo: '' } }, ...extra }],
});

const NOT_MATCH = "Unschedulable: node(s) didn't match pod topology spread constraints";
const MISSING = "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)";

describe('PodTopologySpread Filter', () => {
  const cases: { name: string; pod: KubeObject; existing: KubeObject[]; extraNodes?: KubeObject[]; want: Record<string, string> | 'skip' }[] = [
    {
      name: 'no DoNotSchedule constraint: skipped',
      pod: pod('p', { foo: '' }, spread('zone', 1, {}, 'ScheduleAnyway')),
      existing: [],
      want: 'skip',
    },
    {
      name: 'zones 2/1: only zone2 keeps the skew within 1',
      pod: pod('p', { foo: '' }, spread('zone', 1)),
      existing: [pod('p-a1', { foo: '' }, {}, 'node-a'), pod('p-b1', { foo: '' }, {}, 'node-b'), pod('p-y1', { foo: '' }, {}, 'node-y')],
      want: { 'node-a': NOT_MATCH, 'node-b': NOT_MATCH, 'node-x': '', 'node-y': '' },
    },
    {
      name: 'pods of another namespace or without the label do not count',
      pod: pod('p', { foo: '' }, spread('zone', 1)),
      existing: [pod('p-x1', { foo: '' }, {}, 'node-x', 'other'), pod('p-y1', { bar: '' }, {}, 'node-y'), pod('p-b1', { foo: '' }, {}, 'node-b')],
      // zone1 holds 1 matching pod, zone2 none (counting the others would make zone2 the fuller one).
      want: { 'node-a': NOT_MATCH, 'node-b': NOT_MATCH, 'node-x': '', 'node-y': '' },
    },
    {
      name: 'hostname spreading, an incoming pod that does not match its own selector',
      pod: pod('p', { bar: '' }, spread('kubernetes.io/hostname', 1)),
      existing: [pod('p-a1', { foo: '' }, {}, 'node-a'), pod('p-a2', { foo: '' }, {}, 'node-a'), pod('p-b1', { foo: '' }, {}, 'node-b')],
      // node-a: 2 + 0 - 0 = 2 > 1; node-b: 1 - 0 = 1.
      want: { 'node-a': NOT_MATCH, 'node-b': '', 'node-x': '', 'node-y': '' },
    },
    {
      name: 'a node without the topology label is unresolvable',
      pod: pod('p', { foo: '' }, spread('zone', 1)),
      existing: [],
      extraNodes: [node('node-z', {})],
      want: { 'node-a': '', 'node-b': '', 'node-x': '', 'node-y': '', 'node-z': MISSING },
    },
    {
      name: 'minDomains above the domains present makes the global minimum 0',
      pod: pod('p', { foo: '' }, spread('zone', 1, { minDomains: 3 })),
      existing: [pod('p-a1', { foo: '' }, {}, 'node-a'), pod('p-x1', { foo: '' }, {}, 'node-x')],
      want: { 'node-a': NOT_MATCH, 'node-b': NOT_MATCH, 'node-x': NOT_MATCH, 'node-y': NOT_MATCH },
    },
    {
      name: 'matchLabelKeys narrows the selector to the pod revision',
      pod: pod('p', { foo: '', rev: '2' }, spread('zone', 1, { matchLabelKeys: ['rev'] })),
      existing: [pod('p-a1', { foo: '', rev: '1' }, {}, 'node-a'), pod('p-a2', { foo: '', rev: '1' }, {}, 'node-a'), pod('p-x1', { foo: '', rev: '2' }, {}, 'node-x')],
      want: { 'node-a': '', 'node-b': '', 'node-x': NOT_MATCH, 'node-y': NOT_MATCH },
    },
    {
      name: 'nodes outside the pod node affinity are not counted (nodeAffinityPolicy Honor)',
      pod: pod('p', { foo: '' }, { ...spread('zone', 1), nodeSelector: { zone: 'zone1' } }),
      existing: [pod('p-x1', { foo: '' }, {}, 'node-x'), pod('p-x2', { foo: '' }, {}, 'node-x')],
      // Only zone1 counts: 0 pods there, so zone1 nodes fit; zone2 is not a domain the pod can use.
      want: { 'node-a': '', 'node-b': '', 'node-x': '', 'node-y': '' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(filter(podTopologySpreadFilter, c.pod, cluster(c.existing, c.extraNodes))).toEqual(c.want);
    });
  }
});

const term = (labels: Record<string, string>, topologyKey: string, extra: Record<string, unknown> = {}) => ({ labelSelector: { matchLabels: labels }, topologyKey, ...extra });
const AFF = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";
const ANTI = "Unschedulable: node(s) didn't match pod anti-affinity rules";
const EXISTING = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";

describe('InterPodAffinity Filter', () => {
  const cases: { name: string; pod: KubeObject; existing: KubeObject[]; extraNodes?: KubeObject[]; want: Record<string, string> | 'skip' }[] = [
    {
      name: 'no terms and no existing anti-affinity: skipped',
      pod: pod('p', { app: 'web' }),
      existing: [pod('e', { service: 'db' }, {}, 'node-a')],
      want: 'skip',
    },
    {
      name: 'required affinity: only the zone of a matching pod',
      pod: pod('p', { app: 'web' }, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ service: 'securityscan' }, 'zone')] } } }),
      existing: [pod('e', { service: 'securityscan' }, {}, 'node-a')],
      want: { 'node-a': '', 'node-b': '', 'node-x': AFF, 'node-y': AFF },
    },
    {
      name: 'required affinity to pods of another namespace needs the namespace listed',
      pod: pod('p', { app: 'web' }, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ service: 'securityscan' }, 'zone')] } } }),
      existing: [pod('e', { service: 'securityscan' }, {}, 'node-a', 'other'), pod('f', { service: 'securityscan' }, {}, 'node-x')],
      want: { 'node-a': AFF, 'node-b': AFF, 'node-x': '', 'node-y': '' },
    },
    {
      name: 'the first pod of a self-affine group may go anywhere with the topology label',
      pod: pod('p', { app: 'web' }, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'zone')] } } }),
      existing: [],
      extraNodes: [node('node-z', {})],
      want: { 'node-a': '', 'node-b': '', 'node-x': '', 'node-y': '', 'node-z': AFF },
    },
    {
      name: 'required anti-affinity per hostname',
      pod: pod('p', { app: 'web' }, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'kubernetes.io/hostname')] } } }),
      existing: [pod('w1', { app: 'web' }, {}, 'node-a'), pod('w2', { app: 'web' }, {}, 'node-x')],
      want: { 'node-a': ANTI, 'node-b': '', 'node-x': ANTI, 'node-y': '' },
    },
    {
      name: "an existing pod's anti-affinity keeps the incoming pod out of its zone",
      pod: pod('p', { app: 'web' }),
      existing: [pod('e', { app: 'db' }, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'zone')] } } }, 'node-x')],
      want: { 'node-a': '', 'node-b': '', 'node-x': EXISTING, 'node-y': EXISTING },
    },
    {
      name: 'namespaceSelector {} matches pods of every namespace',
      pod: pod('p', { app: 'web' }, {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'zone', { namespaceSelector: {} })] } },
      }),
      existing: [pod('w1', { app: 'web' }, {}, 'node-b', 'other')],
      want: { 'node-a': ANTI, 'node-b': ANTI, 'node-x': '', 'node-y': '' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(filter(interPodAffinityFilter, c.pod, cluster(c.existing, c.extraNodes))).toEqual(c.want);
    });
  }
});

describe('InterPodAffinity and PodTopologySpread Score', () => {
  const weighted = (weight: number, labels: Record<string, string>, key: string) => ({ weight, podAffinityTerm: term(labels, key) });

  it('prefers the zone of pods the incoming pod likes, and avoids the one it dislikes', () => {
    const existing = [pod('s', { security: 's1' }, {}, 'node-a'), pod('d', { disk: 'slow' }, {}, 'node-x')];
    const incoming = pod('p', {}, {
      affinity: {
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, { security: 's1' }, 'zone')] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, { disk: 'slow' }, 'kubernetes.io/hostname')] },
      },
    });
    // zone1 nodes get +5, node-x -5, node-y 0: normalised over [-5, 5].
    expect(score(interPodAffinityScore, incoming, cluster(existing))).toEqual({ 'node-a': 100, 'node-b': 100, 'node-x': 0, 'node-y': 50 });
  });

  it("counts an existing pod's required affinity for the incoming pod (hardPodAffinityWeight 1) and skips when nothing matches", () => {
    const existing = [pod('e', { app: 'cache' }, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'zone')] } } }, 'node-y')];
    expect(score(interPodAffinityScore, pod('p', { app: 'web' }), cluster(existing))).toEqual({ 'node-a': 0, 'node-b': 0, 'node-x': 100, 'node-y': 100 });
    // No term matches: no topology score at all, so PreScore skips the plugin.
    expect(score(interPodAffinityScore, pod('p', { app: 'db' }), cluster(existing))).toBe('skip');
  });

  it('ScheduleAnyway spreads by zone: the emptier zone scores higher', () => {
    const existing = [pod('p-a1', { foo: '' }, {}, 'node-a'), pod('p-b1', { foo: '' }, {}, 'node-b'), pod('p-x1', { foo: '' }, {}, 'node-x')];
    // Two zones: weight ln(2+2); zone1 raw round(2*1.386) = 3, zone2 round(1.386) = 1; normalised (3+1-raw)*100/3.
    expect(score(podTopologySpreadScore, pod('p', { foo: '' }, spread('zone', 1, {}, 'ScheduleAnyway')), cluster(existing))).toEqual({
      'node-a': 33,
      'node-b': 33,
      'node-x': 100,
      'node-y': 100,
    });
  });
});
