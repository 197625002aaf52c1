// The DaemonSet controller on the real scheduler and kubelets (a fixed clock and seed): one pod
// per eligible node placed through node affinity, status as kubectl reads it, history, rolling
// updates within maxUnavailable, and kube-proxy coming back when its pod is deleted.
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import type { KubeObject } from '../../../api/types';

const DS = '/apis/apps/v1/namespaces/default/daemonsets';

function call(c: Cluster, verb: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', target: string, body?: unknown, contentType?: string): KubeObject {
  const [path, qs] = target.split('?');
  const query = qs ? Object.fromEntries(new URLSearchParams(qs)) : undefined;
  const res = c.api.handle({ verb, path, query, body, contentType });
  if (res.status >= 300) throw new Error(`${verb} ${target}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as KubeObject;
}

const list = (c: Cluster, path: string) => (call(c, 'GET', path) as unknown as { items: KubeObject[] }).items;
const spec = (o: KubeObject) => o.spec as Record<string, any>;

function daemonSet(name: string, extra: Record<string, unknown> = {}, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image }] } },
      ...extra,
    },
  } as KubeObject;
}

function podsOf(c: Cluster, app: string): KubeObject[] {
  return list(c, `/api/v1/namespaces/default/pods?labelSelector=app%3D${app}`).filter((p) => !p.metadata.deletionTimestamp);
}

describe('DaemonSet controller', () => {
  it('runs one pod per schedulable worker, placed by the scheduler through matchFields', () => {
    const c = createCluster({ seed: 7 });
    call(c, 'POST', DS, daemonSet('agent'));
    c.advance(30_000);
    const pods = podsOf(c, 'agent');
    // The control plane's NoSchedule taint is not tolerated: the two workers only.
    expect(pods.map((p) => spec(p).nodeName).sort()).toEqual(['node01', 'node02']);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([
        expect.objectContaining({ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', controller: true, blockOwnerDeletion: true }),
      ]);
      const terms = spec(p).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
      expect(terms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [spec(p).nodeName] }] }]);
      expect(spec(p).tolerations.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual([
        'node.kubernetes.io/not-ready:NoExecute',
        'node.kubernetes.io/unreachable:NoExecute',
        'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/memory-pressure:NoSchedule',
        'node.kubernetes.io/pid-pressure:NoSchedule',
        'node.kubernetes.io/unschedulable:NoSchedule',
      ]);
      expect(p.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1', 'controller-revision-hash': expect.stringMatching(/^[a-z0-9]+$/) });
    }
    const ds = call(c, 'GET', `${DS}/agent`);
    expect(ds.status).toEqual({
      currentNumberScheduled: 2,
      desiredNumberScheduled: 2,
      numberAvailable: 2,
      numberMisscheduled: 0,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
    });
    const events = list(c, '/api/v1/namespaces/default/events').filter((e) => (e.involvedObject as { name: string }).name === 'agent');
    expect(events.map((e) => [e.reason, e.message, (e.source as { component: string }).component]).sort()).toEqual(
      pods.map((p) => ['SuccessfulCreate', `Created pod: ${p.metadata.name}`, 'daemonset-controller']).sort(),
    );
    const revs = list(c, '/apis/apps/v1/namespaces/default/controllerrevisions');
    expect(revs.map((r) => [r.metadata.name, (r as Record<string, unknown>).revision])).toEqual([[`agent-${pods[0].metadata.labels!['controller-revision-hash']}`, 1]]);
  });

  it('follows nodes: a new label selects a node, a NoExecute taint removes the pod, a cordon keeps it', () => {
    const c = createCluster({ seed: 3 });
    call(c, 'POST', DS, daemonSet('ssd', { template: { metadata: { labels: { app: 'ssd' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'a', image: 'nginx:1.27' }] } } }));
    c.advance(10_000);
    expect(podsOf(c, 'ssd')).toEqual([]);
    expect((call(c, 'GET', `${DS}/ssd`).status as Record<string, number>).desiredNumberScheduled).toBe(0);
    call(c, 'PATCH', '/api/v1/nodes/node02', { metadata: { labels: { disk: 'ssd' } } }, 'application/merge-patch+json');
    c.advance(10_000);
    expect(podsOf(c, 'ssd').map((p) => spec(p).nodeName)).toEqual(['node02']);
    // Cordoned: the pod tolerates node.kubernetes.io/unschedulable and stays.
    call(c, 'PATCH', '/api/v1/nodes/node02', { spec: { unschedulable: true } }, 'application/merge-patch+json');
    c.advance(10_000);
    expect(podsOf(c, 'ssd')).toHaveLength(1);
    call(c, 'PATCH', '/api/v1/nodes/node02', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] } }, 'application/merge-patch+json');
    c.advance(60_000);
    expect(podsOf(c, 'ssd')).toEqual([]);
    expect((call(c, 'GET', `${DS}/ssd`).status as Record<string, number>).desiredNumberScheduled).toBe(0);
  });

  it('rolls out a new template one node at a time (maxUnavailable 1) and keeps the history', () => {
    const c = createCluster({ seed: 5, nodes: 4 });
    call(c, 'POST', DS, daemonSet('agent', { minReadySeconds: 5 }));
    c.advance(30_000);
    const before = podsOf(c, 'agent');
    expect(before).toHaveLength(4);
    const oldHash = before[0].metadata.labels!['controller-revision-hash'];
    call(c, 'PATCH', `${DS}/agent`, { spec: { template: { spec: { containers: [{ name: 'agent', image: 'nginx:1.27.3' }] } } } }, 'application/strategic-merge-patch+json');
    // At every step at most one node lacks an available pod.
    let worst = 0;
    for (let t = 0; t < 120; t++) {
      c.advance(1000);
      const live = podsOf(c, 'agent');
      const ready = live.filter((p) => (p.status as { conditions?: { type: string; status: string }[] }).conditions?.some((x) => x.type === 'Ready' && x.status === 'True'));
      worst = Math.max(worst, 4 - ready.length);
    }
    expect(worst).toBe(1);
    const after = podsOf(c, 'agent');
    expect(after).toHaveLength(4);
    const newHash = after[0].metadata.labels!['controller-revision-hash'];
    expect(newHash).not.toBe(oldHash);
    expect(after.every((p) => p.metadata.labels!['controller-revision-hash'] === newHash && p.metadata.labels!['pod-template-generation'] === '2')).toBe(true);
    const ds = call(c, 'GET', `${DS}/agent`);
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 4, observedGeneration: 2 });
    const revs = list(c, '/apis/apps/v1/namespaces/default/controllerrevisions').map((r) => [r.metadata.name, (r as Record<string, unknown>).revision]);
    expect(revs.sort()).toEqual([[`agent-${newHash}`, 2], [`agent-${oldHash}`, 1]].sort());
  });

  it('brings back a deleted kube-proxy pod on its node', () => {
    const c = createCluster({ seed: 1 });
    c.advance(1000);
    const proxies = () => list(c, '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-proxy').filter((p) => !p.metadata.deletionTimestamp);
    const first = proxies();
    expect(first.map((p) => spec(p).nodeName).sort()).toEqual(['controlplane', 'node01', 'node02']);
    const victim = first.find((p) => spec(p).nodeName === 'node01')!;
    call(c, 'DELETE', `/api/v1/namespaces/kube-system/pods/${victim.metadata.name}`);
    c.advance(60_000);
    const now = proxies();
    expect(now.map((p) => spec(p).nodeName).sort()).toEqual(['controlplane', 'node01', 'node02']);
    const replacement = now.find((p) => spec(p).nodeName === 'node01')!;
    expect(replacement.metadata.name).not.toBe(victim.metadata.name);
    expect(replacement.metadata.labels).toEqual(victim.metadata.labels);
    const ds = call(c, 'GET', '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy');
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 });
  });
});
