import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { createControllerContext } from '../context';
import type { KubeObject } from '../../../api/types';
import { startNodeLifecycleController } from './index';
import { matchingTolerations, minTolerationMs } from './tainteviction';

type Client = ReturnType<ReturnType<typeof createControllerContext>['client']>;

function setup(topology?: string) {
  const c = createCluster({ seed: 1, topology, controllers: false });
  const ctx = createControllerContext(c.api, c.clock, c.rand);
  const nlc = startNodeLifecycleController(ctx);
  ctx.informers.start();
  const client = ctx.client('test');
  const kubelet = ctx.client('kubelet');
  const alive = new Set(client.list('nodes').map((n) => n.metadata.name!));
  // Stand-in kubelets: renew the Lease every 10 s while alive.
  const beat = () => {
    const micro = c.clock.date().toISOString().replace('Z', '000Z');
    for (const n of alive) kubelet.patch('leases.coordination.k8s.io', 'kube-node-lease', n, 'merge', { spec: { renewTime: micro } });
    c.clock.after(10_000, beat);
  };
  c.clock.after(10_000, beat);
  return { c, ctx, nlc, client, kubelet, alive };
}

function bound(client: Client, name: string, node: string, spec: Record<string, unknown> = {}): KubeObject {
  const p = client.create('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { nodeName: node, containers: [{ name: 'app', image: 'nginx' }], ...spec },
  });
  // As a kubelet would: Running and Ready.
  return client.updateStatus('pods', {
    ...p,
    status: { ...(p.status as object), phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-23T09:00:00Z' }] },
  });
}

const taints = (client: Client, node: string) =>
  (((client.get('nodes', '', node)!.spec as { taints?: { key: string; effect: string; timeAdded?: string }[] }).taints ?? []) as {
    key: string;
    effect: string;
    timeAdded?: string;
  }[]);
const ready = (client: Client, node: string) =>
  ((client.get('nodes', '', node)!.status as { conditions: Record<string, string>[] }).conditions.find((x) => x.type === 'Ready')!);
const evs = (client: Client, reason: string) =>
  client
    .list('events', 'default')
    .filter((e) => e.reason === reason)
    .map((e) => `${(e.involvedObject as { name: string }).name}: ${e.message} (${(e.source as { component: string }).component})`);

describe('node lifecycle controller', () => {
  it('registers nodes', () => {
    const { c, client } = setup();
    c.clock.advance(0);
    expect(evs(client, 'RegisteredNode')).toEqual([
      'controlplane: Node controlplane event: Registered Node controlplane in Controller (node-controller)',
      'node01: Node node01 event: Registered Node node01 in Controller (node-controller)',
      'node02: Node node02 event: Registered Node node02 in Controller (node-controller)',
    ]);
  });

  it('marks a silent node Unknown after the grace period, taints it, evicts after 300 s, untaints when it returns', () => {
    const { c, client, kubelet, alive, nlc } = setup();
    const t0 = c.clock.now();
    bound(client, 'web-1', 'node01');
    bound(client, 'forever', 'node01', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }] });
    bound(client, 'web-2', 'node02');
    alive.delete('node01');
    c.clock.advance(50_000);
    expect(ready(client, 'node01').status).toBe('True');
    c.clock.advance(5_000); // the monitor pass at 55 s: 55 s > 50 s since the last probe
    const r = ready(client, 'node01');
    expect(r).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const conds = (client.get('nodes', '', 'node01')!.status as { conditions: Record<string, string>[] }).conditions;
    expect(conds.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown'],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown'],
      ['Ready', 'Unknown', 'NodeStatusUnknown'],
    ]);
    expect(ready(client, 'node02').status).toBe('True');
    // NoSchedule at once; NoExecute from the next pass (it acts on the condition it observed).
    expect(taints(client, 'node01')).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
    expect(evs(client, 'NodeNotReady').sort()).toEqual([
      'forever: Node is not ready (node-controller)',
      'node01: Node node01 status is now: NodeNotReady (node-controller)',
      'web-1: Node is not ready (node-controller)',
    ]);
    const podReady = (n: string) => (client.get('pods', 'default', n)!.status as { conditions: Record<string, string>[] }).conditions.find((x) => x.type === 'Ready')!.status;
    expect(podReady('web-1')).toBe('False');
    expect(podReady('web-2')).toBe('True');
    c.clock.advance(5_000);
    const tainted = c.clock.now();
    expect(taints(client, 'node01')).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: new Date(tainted).toISOString().replace('.000Z', 'Z') },
    ]);
    expect(tainted - t0).toBe(60_000);
    expect(nlc.taintEviction!.scheduledEvictions().get('default/web-1')).toBe(tainted + 300_000);
    expect(nlc.taintEviction!.scheduledEvictions().has('default/forever')).toBe(false);
    // Not before the 300 s of the default toleration...
    c.clock.advance(299_999);
    expect(client.get('pods', 'default', 'web-1')!.metadata.deletionTimestamp).toBeUndefined();
    c.clock.advance(1);
    const evicted = client.get('pods', 'default', 'web-1')!;
    // ...then deleted: a dead kubelet never confirms, so it stays Terminating (as upstream).
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect((evicted.status as { conditions: Record<string, string>[] }).conditions.find((x) => x.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    expect(evs(client, 'TaintManagerEviction')).toEqual(['web-1: Marking for deletion Pod default/web-1 (taint-eviction-controller)']);
    expect(client.get('pods', 'default', 'forever')!.metadata.deletionTimestamp).toBeUndefined();
    expect(client.get('pods', 'default', 'web-2')!.metadata.deletionTimestamp).toBeUndefined();
    c.clock.advance(600_000);
    expect(client.get('pods', 'default', 'web-1')).toBeDefined();

    // The kubelet comes back: it posts Ready and renews its Lease; the taints go.
    alive.add('node01');
    const node = client.get('nodes', '', 'node01')!;
    const now = c.clock.rfc3339();
    const status = node.status as { conditions: Record<string, string>[] };
    kubelet.updateStatus('nodes', {
      ...node,
      status: {
        ...status,
        conditions: status.conditions.map((x) =>
          x.type === 'Ready'
            ? { ...x, status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }
            : { ...x, status: 'False', lastHeartbeatTime: now, lastTransitionTime: now },
        ),
      },
    });
    c.clock.advance(0);
    expect(taints(client, 'node01')).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: expect.any(String) }]);
    c.clock.advance(5_000);
    expect(taints(client, 'node01')).toEqual([]);
  });

  it('evicts pods that do not tolerate a NoExecute taint at once, and cancels on removal', () => {
    const { c, client, nlc } = setup();
    bound(client, 'plain', 'node02');
    bound(client, 'patient', 'node02', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute', tolerationSeconds: 60 }] });
    c.clock.advance(0);
    client.patch('nodes', '', 'node02', 'merge', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] } });
    c.clock.advance(0);
    expect(client.get('pods', 'default', 'plain')!.metadata.deletionTimestamp).toBeDefined();
    expect(client.get('pods', 'default', 'patient')!.metadata.deletionTimestamp).toBeUndefined();
    expect(nlc.taintEviction!.scheduledEvictions().get('default/patient')).toBe(c.clock.now() + 60_000);
    c.clock.advance(30_000);
    client.patch('nodes', '', 'node02', 'merge', { spec: { taints: null } });
    c.clock.advance(60_000);
    expect(client.get('pods', 'default', 'patient')!.metadata.deletionTimestamp).toBeUndefined();
    expect(evs(client, 'TaintManagerEviction').sort()).toEqual([
      'patient: Cancelling deletion of Pod default/patient (taint-eviction-controller)',
      'plain: Marking for deletion Pod default/plain (taint-eviction-controller)',
    ]);
  });

  it('taints NotReady nodes not-ready and cordoned nodes unschedulable', () => {
    const { c, client, kubelet } = setup();
    c.clock.advance(0);
    client.patch('nodes', '', 'node01', 'merge', { spec: { unschedulable: true } });
    c.clock.advance(0);
    expect(taints(client, 'node01')).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    client.patch('nodes', '', 'node01', 'merge', { spec: { unschedulable: null } });
    c.clock.advance(0);
    expect(taints(client, 'node01')).toEqual([]);
    // The kubelet reports NotReady (its runtime is down) while still heartbeating.
    const node = client.get('nodes', '', 'node02')!;
    const status = node.status as { conditions: Record<string, string>[] };
    const now = c.clock.rfc3339();
    kubelet.updateStatus('nodes', {
      ...node,
      status: { ...status, conditions: status.conditions.map((x) => (x.type === 'Ready' ? { ...x, status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down', lastHeartbeatTime: now, lastTransitionTime: now } : x)) },
    });
    c.clock.advance(0);
    expect(taints(client, 'node02')).toEqual([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
    c.clock.advance(10_000);
    expect(taints(client, 'node02').map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    // The kubelet reported the transition itself: the controller records no NodeNotReady (upstream
    // only does when it observed Ready=True and set it Unknown).
    expect(evs(client, 'NodeNotReady')).toEqual([]);
  });

  it('rate limits NoExecute tainting to one node per 10 s in a zone', () => {
    const { c, client, alive } = setup();
    alive.delete('node01');
    alive.delete('node02');
    c.clock.advance(60_000);
    const noexec = () => ['node01', 'node02'].filter((n) => taints(client, n).some((t) => t.effect === 'NoExecute'));
    expect(noexec()).toHaveLength(1);
    c.clock.advance(9_000);
    expect(noexec()).toHaveLength(1);
    c.clock.advance(1_000);
    expect(noexec()).toHaveLength(2);
  });

  it('stops tainting when every node is down (minikube)', () => {
    const { c, client, alive } = setup('minikube');
    alive.clear();
    c.clock.advance(120_000);
    expect(ready(client, 'minikube').status).toBe('Unknown');
    expect(taints(client, 'minikube')).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
  });

  it('computes tolerations as upstream', () => {
    const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
    expect(matchingTolerations([taint], [])).toBeUndefined();
    expect(minTolerationMs(matchingTolerations([taint], [{ operator: 'Exists' }])!)).toBe(-1);
    expect(minTolerationMs(matchingTolerations([taint], [{ key: taint.key, operator: 'Exists', tolerationSeconds: 300 }])!)).toBe(300_000);
    expect(minTolerationMs(matchingTolerations([taint], [{ key: taint.key, operator: 'Exists', tolerationSeconds: -5 }])!)).toBe(0);
  });
});
