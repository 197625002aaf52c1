// NodeShouldRunDaemonPod and the pod template helpers, as upstream's TestNodeShouldRunDaemonPod
// and daemonset_util_test.go tabulate them.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types';
import { addDaemonTolerations, createPodTemplate, isPodUpdated, nodeShouldRunDaemonPod, replaceNodeNameAffinity, targetNodeName } from './util';

const node = (name: string, extra: { labels?: Record<string, string>; taints?: unknown[] } = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
  spec: extra.taints ? { taints: extra.taints } : {},
});

const ds = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'ds', namespace: 'default' },
  spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } } },
});

describe('nodeShouldRunDaemonPod', () => {
  const cases: [string, KubeObject, KubeObject, boolean, boolean][] = [
    ['a plain node', node('n1'), ds(), true, true],
    ['the template names another node', node('n1'), ds({ nodeName: 'n2' }), false, false],
    ['nodeSelector does not match', node('n1'), ds({ nodeSelector: { disk: 'ssd' } }), false, false],
    ['nodeSelector matches', node('n1', { labels: { disk: 'ssd' } }), ds({ nodeSelector: { disk: 'ssd' } }), true, true],
    [
      'required node affinity does not match',
      node('n1'),
      ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }] } } } }),
      false,
      false,
    ],
    ['an untolerated NoSchedule taint: no new pod, an old one stays', node('n1', { taints: [{ key: 'k', effect: 'NoSchedule' }] }), ds(), false, true],
    ['an untolerated NoExecute taint: the pod goes', node('n1', { taints: [{ key: 'k', effect: 'NoExecute' }] }), ds(), false, false],
    ['a tolerated taint', node('n1', { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }), ds({ tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }] }), true, true],
    ['cordoned: the daemon toleration of unschedulable', node('n1', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), ds(), true, true],
    ['not ready: the daemon toleration of not-ready', node('n1', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), ds(), true, true],
    ['PreferNoSchedule is no obstacle', node('n1', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }), ds(), true, true],
  ];
  for (const [name, n, d, shouldRun, shouldContinueRunning] of cases) {
    it(name, () => expect(nodeShouldRunDaemonPod(n, d)).toEqual({ shouldRun, shouldContinueRunning }));
  }
});

describe('daemon pod template', () => {
  it('adds the daemon tolerations once, network-unavailable only with hostNetwork, replacing a matching one', () => {
    const spec: Record<string, unknown> = { hostNetwork: true, tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }] };
    addDaemonTolerations(spec);
    addDaemonTolerations(spec);
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  it('labels the generation and hash, and pins the pod with a matchFields term replacing the required terms', () => {
    const t = createPodTemplate({ metadata: { labels: { a: 'b' } }, spec: { containers: [] } }, 3, 'abc123');
    expect(t.metadata.labels).toEqual({ a: 'b', 'pod-template-generation': '3', 'controller-revision-hash': 'abc123' });
    const affinity = replaceNodeNameAffinity(
      { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }] } }, podAntiAffinity: {} },
      'node7',
    );
    expect(affinity).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node7'] }] }] } },
      podAntiAffinity: {},
    });
    const pending: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: t.metadata.labels }, spec: { affinity } };
    expect(targetNodeName(pending)).toBe('node7');
    expect(isPodUpdated(pending, 'abc123', undefined)).toBe(true);
    expect(isPodUpdated(pending, 'other', 3)).toBe(true);
    expect(isPodUpdated(pending, 'other', 4)).toBe(false);
  });
});
