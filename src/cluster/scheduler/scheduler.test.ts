import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { createControllerContext } from '../controllers/context';
import type { KubeObject } from '../../api/types';
import { startScheduler, numFeasibleNodesToFind } from './index';
import { fitErrorMessage, preempt } from './preemption';
import { SchedulerCache } from './cache';
import { podFilterState } from './filters';
import { DEFAULT_FILTERS } from './profile';
import { podRequests } from './podutil';
import { nodeObject } from '../bootstrap';

function setup(opts: { nodes?: number } = {}) {
  const c = createCluster({ seed: 1, controllers: false, ...opts });
  const ctx = createControllerContext(c.api, c.clock, c.rand);
  const sched = startScheduler(ctx);
  ctx.informers.start();
  const client = ctx.client('test');
  return { c, ctx, sched, client };
}

function pod(name: string, extra: Record<string, unknown> = {}, cpu?: string, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...meta },
    spec: {
      containers: [{ name: 'app', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) }],
      ...extra,
    },
  };
}

function nodeOf(client: ReturnType<typeof setup>['client'], name: string): string | undefined {
  return (client.get('pods', 'default', name)?.spec as { nodeName?: string }).nodeName;
}

function events(client: ReturnType<typeof setup>['client'], name: string) {
  return client
    .list('events', 'default')
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => ({ reason: e.reason, message: e.message, source: (e.source as { component: string }).component, count: e.count }));
}

describe('scheduler', () => {
  it('binds a pod to a worker and records Scheduled', () => {
    const { c, client, sched } = setup();
    client.create('pods', 'default', pod('web'));
    c.clock.advance(0);
    const node = nodeOf(client, 'web');
    expect(['node01', 'node02']).toContain(node);
    const p = client.get('pods', 'default', 'web')!;
    const cond = (p.status as { conditions: { type: string; status: string }[] }).conditions.find((x) => x.type === 'PodScheduled');
    expect(cond?.status).toBe('True');
    expect(events(client, 'web')).toEqual([
      { reason: 'Scheduled', message: `Successfully assigned default/web to ${node}`, source: 'default-scheduler', count: 1 },
    ]);
    const d = sched.decisionFor('default', 'web')!;
    expect(d.result).toBe('Scheduled');
    expect(d.selectedNode).toBe(node);
    expect(d.filters).toEqual([
      { node: 'controlplane', passed: false, plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
      { node: 'node01', passed: true, reasons: [] },
      { node: 'node02', passed: true, reasons: [] },
    ]);
    expect(d.scores.map((s) => s.node)).toEqual(['node01', 'node02']);
    expect(d.scores[0].plugins.map((p) => p.plugin)).toEqual(['TaintToleration', 'NodeResourcesFit']);
    // 100m/200Mi counted for a pod without requests (and for the node's kube-proxy pod) against 4 cpu and ~7.7Gi.
    expect(d.scores[0].plugins[1]).toEqual({ plugin: 'NodeResourcesFit', raw: 94, score: 94, weight: 1 });
    expect(d.scores[0].total).toBe(300 + 94);
  });

  it('leaves a pod created with spec.nodeName alone: no decision, no Scheduled event, no PodScheduled write', () => {
    const { c, client, sched } = setup();
    client.create('pods', 'default', pod('pinned', { nodeName: 'node02' }));
    c.clock.advance(1000);
    expect(nodeOf(client, 'pinned')).toBe('node02');
    expect(sched.decisionFor('default', 'pinned')).toBeUndefined();
    expect(events(client, 'pinned')).toEqual([]);
    const conds = ((client.get('pods', 'default', 'pinned')!.status as { conditions?: { type: string }[] }).conditions ?? []).map((x) => x.type);
    expect(conds).not.toContain('PodScheduled');
    // kube-system's bootstrapped pods (mirror pods, kube-proxy, CoreDNS) were bound before the scheduler started.
    expect(sched.decisions().filter((d) => d.namespace === 'kube-system')).toEqual([]);
  });

  it('explains an oversized pod with the real FitError text', () => {
    const { c, client, sched } = setup();
    client.create('pods', 'default', pod('big', {}, '100'));
    c.clock.advance(0);
    const msg =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..';
    expect(nodeOf(client, 'big')).toBeUndefined();
    const p = client.get('pods', 'default', 'big')!;
    const cond = (p.status as { conditions: Record<string, unknown>[] }).conditions.find((x) => x.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg });
    expect(events(client, 'big')).toEqual([{ reason: 'FailedScheduling', message: msg, source: 'default-scheduler', count: 1 }]);
    const d = sched.decisionFor('default', 'big')!;
    expect(d.result).toBe('Unschedulable');
    expect(d.message).toBe(msg);
    expect(d.filters.map((f) => [f.node, f.plugin, f.reasons])).toEqual([
      ['controlplane', 'TaintToleration', ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']],
      ['node01', 'NodeResourcesFit', ['Insufficient cpu']],
      ['node02', 'NodeResourcesFit', ['Insufficient cpu']],
    ]);
    // Not retried without a cluster change; the 5 minute flush retries it (same message, count 2).
    c.clock.advance(60_000);
    expect(events(client, 'big')[0].count).toBe(1);
    c.clock.advance(5 * 60_000);
    expect(events(client, 'big')[0].count).toBe(2);
  });

  it('formats reasons as upstream: counted, sorted as strings', () => {
    expect(
      fitErrorMessage(4, [
        { code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'] },
        { code: 'Unschedulable', reasons: ['Too many pods'] },
        { code: 'Unschedulable', reasons: ['Insufficient cpu'] },
        { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] },
      ]),
    ).toBe("0/4 nodes are available: 1 Insufficient memory, 1 Too many pods, 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.");
  });

  it('spreads 4 replicas of one ReplicaSet 2/2 over the workers', () => {
    const { c, client, sched } = setup();
    const rs = client.create('replicasets.apps', 'default', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-abc' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } } },
    });
    // 4 pods owned by the ReplicaSet, created one per tick as a controller would.
    for (let i = 0; i < 4; i++) {
      client.create(
        'pods',
        'default',
        pod(`web-abc-${i}`, {}, undefined, {
          labels: { app: 'web' },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: rs.metadata.uid, controller: true }],
        }),
      );
    }
    c.clock.advance(0);
    const placed = [0, 1, 2, 3].map((i) => nodeOf(client, `web-abc-${i}`));
    expect(placed.filter((n) => n === 'node01')).toHaveLength(2);
    expect(placed.filter((n) => n === 'node02')).toHaveLength(2);
    // The last replica: one pod on each worker scores the same; PodTopologySpread took part.
    const last = sched.decisionFor('default', 'web-abc-3')!;
    expect(last.scores[0].plugins.map((p) => p.plugin)).toContain('PodTopologySpread');
    const second = sched.decisionFor('default', 'web-abc-1')!;
    const spread = second.scores.map((s) => s.plugins.find((p) => p.plugin === 'PodTopologySpread')!);
    // One replica on the first node: raw 3 (1*ln 4 + 2) against 2, normalised 66 against 100.
    expect(spread.map((p) => [p.raw, p.score]).sort()).toEqual([[2, 100], [3, 66]]);
  });

  it('honours nodeSelector, affinity, host ports, cordon and tolerations', () => {
    const { c, client, sched } = setup();
    client.create('pods', 'default', pod('sel', { nodeSelector: { 'kubernetes.io/hostname': 'node02' } }));
    client.create('pods', 'default', pod('cp', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }], nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } }));
    client.create('pods', 'default', pod('none', { nodeSelector: { disk: 'ssd' } }));
    c.clock.advance(0);
    expect(nodeOf(client, 'sel')).toBe('node02');
    expect(nodeOf(client, 'cp')).toBe('controlplane');
    expect(sched.decisionFor('default', 'none')!.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
    // Host port 80 on node02 is taken by the first pod: the second goes to node01, the third nowhere.
    const hp = (n: string) => pod(n, { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80, hostPort: 80 }] }] });
    client.patch('nodes', '', 'node01', 'merge', { spec: { unschedulable: true } });
    client.create('pods', 'default', hp('hp1'));
    c.clock.advance(0);
    expect(nodeOf(client, 'hp1')).toBe('node02');
    client.create('pods', 'default', hp('hp2'));
    c.clock.advance(0);
    expect(sched.decisionFor('default', 'hp2')!.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..',
    );
    // Uncordon: the node update moves the pod back; it waits out its 1 s backoff, then binds.
    client.patch('nodes', '', 'node01', 'merge', { spec: { unschedulable: null } });
    c.clock.advance(0);
    expect(nodeOf(client, 'hp2')).toBeUndefined();
    c.clock.advance(1000);
    expect(nodeOf(client, 'hp2')).toBe('node01');
  });

  it('retries when a node becomes schedulable and when a pod goes away', () => {
    const { c, client, sched } = setup();
    client.create('pods', 'default', pod('a', {}, '3'));
    client.create('pods', 'default', pod('b', {}, '3'));
    client.create('pods', 'default', pod('c', {}, '3'));
    c.clock.advance(0);
    const placed = ['a', 'b', 'c'].map((n) => nodeOf(client, n));
    expect(placed.filter(Boolean)).toHaveLength(2);
    expect(placed[2]).toBeUndefined();
    expect(sched.decisionFor('default', 'c')!.message).toMatch(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 2 Insufficient cpu\./);
    expect(sched.queueCounts().unschedulable).toBe(1);
    // Removing the control-plane taint makes room (the control plane has 2 cpu: not enough for 3).
    client.patch('nodes', '', 'controlplane', 'merge', { spec: { taints: null } });
    c.clock.advance(10_000);
    expect(nodeOf(client, 'c')).toBeUndefined();
    expect(sched.decisionFor('default', 'c')!.filters.find((f) => f.node === 'controlplane')!.reasons).toEqual(['Insufficient cpu']);
    // Deleting a bound pod frees a worker.
    client.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    c.clock.advance(10_000);
    expect(nodeOf(client, 'c')).toBe(placed[0]);
    expect(sched.decisionFor('default', 'c')!.result).toBe('Scheduled');
  });

  it('preemption picks victims of lower priority (PostFilter dry run)', () => {
    // The apiserver serves no PriorityClasses yet, so this drives preempt() on a cache directly.
    const cache = new SchedulerCache();
    const node = nodeObject({ name: 'n1', controlPlane: false, internalIP: '10.0.0.1', podCIDR: '10.244.1.0/24', cpu: '4', memory: '8Gi' }, '2026-01-01T00:00:00Z');
    cache.setNode(node);
    const bound = (name: string, priority: number, cpu: string) => ({ ...pod(name, { nodeName: 'n1', priority }, cpu), metadata: { name, namespace: 'default' } });
    cache.updatePod(bound('low', 0, '2'));
    cache.updatePod(bound('mid', 10, '1'));
    const nodes = [cache.nodes.get('n1')!];
    const high = { ...pod('high', { priority: 100 }, '3'), metadata: { name: 'high', namespace: 'default' } };
    const state = podFilterState(high, podRequests(high));
    const statuses = new Map([['n1', DEFAULT_FILTERS.map((f) => f.filter(state, nodes[0])).find(Boolean)!]]);
    expect(statuses.get('n1')).toEqual({ code: 'Unschedulable', reasons: ['Insufficient cpu'] });
    const r = preempt(state, nodes, statuses, DEFAULT_FILTERS);
    expect(r.message).toBe('');
    expect(r.candidate!.node).toBe('n1');
    // Removing "low" alone frees enough: "mid" is reprieved.
    expect(r.candidate!.victims.map((v) => v.metadata.name)).toEqual(['low']);
    const equal = { ...pod('eq', { priority: 0 }, '3'), metadata: { name: 'eq', namespace: 'default' } };
    const r2 = preempt(podFilterState(equal, podRequests(equal)), nodes, statuses, DEFAULT_FILTERS);
    expect(r2.message).toBe('preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    const never = { ...pod('nv', { priority: 100, preemptionPolicy: 'Never' }, '3'), metadata: { name: 'nv', namespace: 'default' } };
    expect(preempt(podFilterState(never, podRequests(never)), nodes, statuses, DEFAULT_FILTERS).message).toBe(
      'preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('finds a sample of nodes in large clusters as upstream', () => {
    expect(numFeasibleNodesToFind(3)).toBe(3);
    expect(numFeasibleNodesToFind(100)).toBe(100);
    expect(numFeasibleNodesToFind(1000)).toBe(420);
    expect(numFeasibleNodesToFind(5000)).toBe(500);
  });

  it('keeps replicas with required anti-affinity apart and says why the third waits', () => {
    const { c, client, sched } = setup();
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    for (const n of ['db-0', 'db-1', 'db-2']) client.create('pods', 'default', pod(n, { affinity: anti }, undefined, { labels: { app: 'db' } }));
    c.clock.advance(0);
    const placed = ['db-0', 'db-1'].map((n) => nodeOf(client, n)).sort();
    expect(placed).toEqual(['node01', 'node02']);
    expect(nodeOf(client, 'db-2')).toBeUndefined();
    expect(sched.decisionFor('default', 'db-2')!.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. " +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
    // Deleting db-0 frees its node for db-2.
    client.delete('pods', 'default', 'db-0', { gracePeriodSeconds: 0 });
    c.clock.advance(10_000);
    expect(nodeOf(client, 'db-2')).toBe(placed.find((n) => n !== nodeOf(client, 'db-1')));
  });

  it('retries a pod waiting on pod affinity when a matching pod is placed (AssignedPodAdd)', () => {
    const { c, client, sched } = setup();
    const aff = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    // A pod of another kind matching nothing keeps the "first of its group" rule from applying.
    client.create('pods', 'default', pod('cache-0', { nodeSelector: { disk: 'ssd' } }, undefined, { labels: { app: 'cache' } }));
    client.create('pods', 'default', pod('web', { affinity: aff }, undefined, { labels: { app: 'web' } }));
    c.clock.advance(0);
    expect(sched.decisionFor('default', 'web')!.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod affinity rules. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
    client.create('pods', 'default', pod('cache-1', { nodeName: 'node02' }, undefined, { labels: { app: 'cache' } }));
    c.clock.advance(10_000);
    expect(nodeOf(client, 'web')).toBe('node02');
  });

  it('evaluates only the node a pod is pinned to through matchFields (NodeAffinity PreFilter)', () => {
    const { c, client, sched } = setup();
    const pin = (node: string) => ({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } },
    });
    client.create('pods', 'default', pod('pinned', pin('node02')));
    client.create('pods', 'default', pod('big', pin('node01'), '100'));
    c.clock.advance(0);
    expect(nodeOf(client, 'pinned')).toBe('node02');
    expect(sched.decisionFor('default', 'pinned')!.filters.map((f) => f.node)).toEqual(['node02']);
    expect(sched.decisionFor('default', 'big')!.message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..',
    );
  });

  it('is deterministic for a seed', () => {
    const run = () => {
      const { c, client } = setup();
      for (let i = 0; i < 6; i++) client.create('pods', 'default', pod(`p${i}`));
      c.clock.advance(0);
      return [0, 1, 2, 3, 4, 5].map((i) => nodeOf(client, `p${i}`));
    };
    expect(run()).toEqual(run());
  });
});
