import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { ClusterModel, endpointsOf, podState, podStatusText, type AnyObject } from './model';
import { drainSkips } from './actions';

let rv = 100;
const cs = (state: object, extra: object = {}) => ({ name: 'app', ready: false, restartCount: 0, image: 'nginx', imageID: '', state, ...extra });

function pod(name: string, opts: { ns?: string; node?: string; status?: object; owner?: { kind: string; name: string; uid: string }; deleting?: boolean; init?: object[] } = {}): AnyObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      uid: `uid-${name}`,
      resourceVersion: String(++rv),
      ownerReferences: opts.owner ? [{ ...opts.owner, controller: true }] : undefined,
      deletionTimestamp: opts.deleting ? '2026-01-01T10:00:00Z' : undefined,
    },
    spec: { nodeName: opts.node, containers: [{ name: 'app', image: 'nginx' }], initContainers: opts.init },
    status: opts.status ?? { phase: 'Pending' },
  };
}

const node = (name: string, extra: { unschedulable?: boolean; stopped?: boolean; ready?: boolean } = {}): AnyObject => ({
  kind: 'Node',
  metadata: { name, uid: `uid-${name}`, resourceVersion: String(++rv), annotations: extra.stopped ? { 'kubeplay.io/state': 'stopped' } : {} },
  spec: { unschedulable: extra.unschedulable },
  status: { conditions: [{ type: 'Ready', status: extra.ready === false ? 'Unknown' : 'True' }] },
});

const status = (o: AnyObject) => podStatusText(o as Pod);

describe('pod STATUS like kubectl', () => {
  it('is the phase without container statuses', () => {
    expect(status(pod('p'))).toBe('Pending');
  });
  it('shows waiting reasons: ContainerCreating, ImagePullBackOff, ErrImagePull, CrashLoopBackOff', () => {
    for (const reason of ['ContainerCreating', 'ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff']) {
      expect(status(pod('p', { node: 'n', status: { phase: 'Pending', containerStatuses: [cs({ waiting: { reason } })] } }))).toBe(reason);
    }
  });
  it('shows Running, Completed and Error from container states', () => {
    expect(status(pod('p', { status: { phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] } }))).toBe('Running');
    expect(status(pod('p', { status: { phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] } }))).toBe('Completed');
    expect(status(pod('p', { status: { phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } })] } }))).toBe('Error');
    expect(status(pod('p', { status: { phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 3 } })] } }))).toBe('ExitCode:3');
    expect(status(pod('p', { status: { phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 137, signal: 9 } })] } }))).toBe('Signal:9');
  });
  it('turns Completed back to Running while another container runs', () => {
    const s = {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [cs({ running: {} }, { ready: true }), cs({ terminated: { exitCode: 0, reason: 'Completed' } }, { name: 'b' })],
    };
    expect(status(pod('p', { status: s }))).toBe('Running');
    expect(status(pod('p', { status: { ...s, conditions: [] } }))).toBe('NotReady');
  });
  it('prints Terminating once deleted, except for finished pods; Unknown for NodeLost', () => {
    const running = { phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] };
    expect(status(pod('p', { deleting: true, status: running }))).toBe('Terminating');
    expect(status(pod('p', { deleting: true, status: { ...running, reason: 'NodeLost' } }))).toBe('Unknown');
    expect(status(pod('p', { deleting: true, status: { phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] } }))).toBe('Completed');
  });
  it('shows the pod reason (Evicted) and init container progress', () => {
    expect(status(pod('p', { status: { phase: 'Failed', reason: 'Evicted' } }))).toBe('Evicted');
    const init = [{ name: 'i1', image: 'busybox' }, { name: 'i2', image: 'busybox' }];
    const base = { ready: false, restartCount: 0, image: '', imageID: '' };
    const s = (states: object[]) => ({ phase: 'Pending', initContainerStatuses: states.map((state, i) => ({ name: `i${i + 1}`, ...base, state })) });
    expect(status(pod('p', { init, status: s([{ terminated: { exitCode: 0 } }, { running: {} }]) }))).toBe('Init:1/2');
    expect(status(pod('p', { init, status: s([{ waiting: { reason: 'ErrImagePull' } }]) }))).toBe('Init:ErrImagePull');
    expect(status(pod('p', { init, status: s([{ terminated: { exitCode: 2 } }]) }))).toBe('Init:ExitCode:2');
    expect(status(pod('p', { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } }))).toBe('SchedulingGated');
  });
  it('maps status texts to colour families', () => {
    expect(podState('Running')).toBe('running');
    expect(podState('Pending')).toBe('pending');
    expect(podState('ContainerCreating')).toBe('creating');
    expect(podState('Init:0/1')).toBe('creating');
    expect(podState('Terminating')).toBe('terminating');
    expect(podState('CrashLoopBackOff')).toBe('failed');
    expect(podState('ImagePullBackOff')).toBe('failed');
    expect(podState('ErrImagePull')).toBe('failed');
    expect(podState('Error')).toBe('failed');
    expect(podState('Init:Error')).toBe('failed');
    expect(podState('Completed')).toBe('succeeded');
    expect(podState('Unknown')).toBe('unknown');
  });
});

describe('ClusterModel', () => {
  function model() {
    const m = new ClusterModel();
    m.apply([
      { resource: 'nodes', type: 'SYNC', items: [node('node01'), node('node02', { unschedulable: true }), node('controlplane')] },
      {
        resource: 'deployments',
        type: 'SYNC',
        items: [{ kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'uid-d', resourceVersion: '5' }, spec: { replicas: 3 }, status: { readyReplicas: 1 } }],
      },
      {
        resource: 'replicasets',
        type: 'SYNC',
        items: [
          { kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default', uid: 'uid-rs', resourceVersion: '6', ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'uid-d', controller: true }] }, spec: { replicas: 3 } },
          { kind: 'ReplicaSet', metadata: { name: 'web-old', namespace: 'default', uid: 'uid-rs0', resourceVersion: '4', ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'uid-d', controller: true }] }, spec: { replicas: 0 } },
        ],
      },
      {
        resource: 'pods',
        type: 'SYNC',
        items: [
          pod('web-abc-1', { node: 'node01', owner: { kind: 'ReplicaSet', name: 'web-abc', uid: 'uid-rs' }, status: { phase: 'Running', podIP: '10.244.1.2', containerStatuses: [cs({ running: {} }, { ready: true })] } }),
          pod('web-abc-2', { node: 'node01', owner: { kind: 'ReplicaSet', name: 'web-abc', uid: 'uid-rs' } }),
          pod('web-abc-3', { owner: { kind: 'ReplicaSet', name: 'web-abc', uid: 'uid-rs' } }),
          pod('dns', { ns: 'kube-system', node: 'controlplane' }),
          pod('bare', { node: 'node02' }),
        ],
      },
      { resource: 'services', type: 'SYNC', items: [{ kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'uid-s', resourceVersion: '9' }, spec: { clusterIP: '10.96.0.10', ports: [{ port: 80 }] } }] },
      {
        resource: 'endpointslices',
        type: 'SYNC',
        items: [
          {
            kind: 'EndpointSlice',
            metadata: { name: 'web-x', namespace: 'default', resourceVersion: '10', labels: { 'kubernetes.io/service-name': 'web' } },
            endpoints: [
              { addresses: ['10.244.1.2'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'web-abc-1' }, nodeName: 'node01' },
              { addresses: ['10.244.1.10'], conditions: { ready: false }, targetRef: { kind: 'Pod', name: 'web-abc-2' } },
            ],
          },
        ],
      },
    ]);
    return m;
  }

  it('puts pods in their nodes and unscheduled pods in the Pending lane', () => {
    const s = model().snapshot();
    expect(s.nodes.map((n) => n.name)).toEqual(['controlplane', 'node01', 'node02']);
    expect(s.nodes[1].pods.map((p) => p.name)).toEqual(['web-abc-1', 'web-abc-2']);
    expect(s.nodes[1].pods[0]).toMatchObject({ status: 'Running', state: 'running', ip: '10.244.1.2', ready: '1/1' });
    expect(s.nodes[2].unschedulable).toBe(true);
    expect(s.pending.map((p) => p.name)).toEqual(['web-abc-3']);
    expect(s.podCount).toBe(5);
    expect(s.namespaces).toEqual(['default', 'kube-system']);
  });

  it('groups Deployment → ReplicaSet → Pod by ownerReferences, bare pods apart', () => {
    const s = model().snapshot('default');
    expect(s.deployments).toHaveLength(1);
    const d = s.deployments[0];
    expect(d).toMatchObject({ name: 'web', desired: 3, ready: 1 });
    expect(d.replicaSets.map((r) => r.name)).toEqual(['web-abc', 'web-old']);
    expect(d.replicaSets[0].pods.map((p) => p.name)).toEqual(['web-abc-1', 'web-abc-2', 'web-abc-3']);
    expect(s.otherPods.map((p) => p.name)).toEqual(['bare']);
    expect(s.nodes.find((n) => n.name === 'controlplane')!.pods).toEqual([]);
  });

  it('links services to endpoints from their EndpointSlices', () => {
    const s = model().snapshot('default');
    expect(s.services[0].endpoints).toEqual([
      { ip: '10.244.1.2', ready: true, serving: true, terminating: false, pod: 'web-abc-1', node: 'node01' },
      { ip: '10.244.1.10', ready: false, serving: false, terminating: false, pod: 'web-abc-2', node: undefined },
    ]);
    expect(s.services[0]).toMatchObject({ clusterIP: '10.96.0.10', ports: '80/TCP' });
  });

  it('follows watch events and reuses unchanged views', () => {
    const m = model();
    const a = m.snapshot();
    const p3 = m.get('pods', 'default/web-abc-3')!;
    m.apply([{ resource: 'pods', type: 'MODIFIED', object: { ...p3, metadata: { ...p3.metadata, resourceVersion: String(++rv) }, spec: { ...(p3.spec as object), nodeName: 'node02' } } }]);
    const b = m.snapshot();
    expect(b.pending).toEqual([]);
    expect(b.nodes[2].pods.map((p) => p.name)).toEqual(['bare', 'web-abc-3']);
    // untouched node and pod views are the same objects
    expect(b.nodes[1]).toBe(a.nodes[1]);
    expect(b.nodes[0]).toBe(a.nodes[0]);
    expect(b.nodes[2]).not.toBe(a.nodes[2]);
    expect(b.nodes[2].pods[0]).toBe(a.nodes[2].pods[0]);
    m.apply([{ resource: 'pods', type: 'DELETED', object: m.get('pods', 'default/web-abc-1')! }]);
    expect(m.snapshot().nodes[1].pods.map((p) => p.name)).toEqual(['web-abc-2']);
  });

  it('keeps the pods sorted by name through status changes, adds, deletes and the namespace filter', () => {
    const m = new ClusterModel();
    const names = (snap: ReturnType<ClusterModel['snapshot']>) => snap.otherPods.map((p) => `${p.namespace}/${p.name}:${p.status}`);
    m.apply([{ resource: 'pods', type: 'SYNC', items: [pod('c'), pod('a', { ns: 'kube-system' }), pod('b')] }]);
    expect(names(m.snapshot())).toEqual(['default/b:Pending', 'default/c:Pending', 'kube-system/a:Pending']);
    const b = m.get('pods', 'default/b')!;
    m.apply([{ resource: 'pods', type: 'MODIFIED', object: { ...b, metadata: { ...b.metadata, resourceVersion: String(++rv) }, status: { phase: 'Running' } } }]);
    expect(names(m.snapshot())).toEqual(['default/b:Running', 'default/c:Pending', 'kube-system/a:Pending']);
    expect(names(m.snapshot('default'))).toEqual(['default/b:Running', 'default/c:Pending']);
    expect(m.snapshot('default').namespaces).toEqual(['default', 'kube-system']);
    m.apply([{ resource: 'pods', type: 'ADDED', object: pod('a') }]);
    expect(names(m.snapshot('default'))).toEqual(['default/a:Pending', 'default/b:Running', 'default/c:Pending']);
    m.apply([{ resource: 'pods', type: 'DELETED', object: m.get('pods', 'default/b')! }]);
    expect(names(m.snapshot())).toEqual(['default/a:Pending', 'default/c:Pending', 'kube-system/a:Pending']);
  });

  it('keeps that order right under random churn (compared with a full sort)', () => {
    const m = new ClusterModel();
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const nss = ['default', 'default-x', 'b', 'kube-system'];
    m.apply([{ resource: 'pods', type: 'SYNC', items: [] }]);
    for (let i = 0; i < 400; i++) {
      const ns = nss[rnd(4)];
      const name = `p${rnd(60)}`;
      const have = m.get('pods', `${ns}/${name}`);
      if (have && rnd(2)) m.apply([{ resource: 'pods', type: 'DELETED', object: have }]);
      else m.apply([{ resource: 'pods', type: have ? 'MODIFIED' : 'ADDED', object: pod(name, { ns }) }]);
      if (i % 7 === 0) {
        const got = m.snapshot().otherPods.map((p) => [p.namespace, p.name]);
        const want = [...m.objects.pods.values()].map((p) => [p.metadata!.namespace!, p.metadata!.name!]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
        expect(got).toEqual(want);
      }
    }
  });

  it('ignores stale events and shows stopped nodes', () => {
    const m = model();
    const cur = m.get('pods', 'default/web-abc-1')!;
    m.apply([{ resource: 'pods', type: 'MODIFIED', object: { ...cur, metadata: { ...cur.metadata, resourceVersion: '1' }, spec: {} } }]);
    expect(m.snapshot().nodes[1].pods).toHaveLength(2);
    m.apply([{ resource: 'nodes', type: 'MODIFIED', object: node('node01', { stopped: true, ready: false }) }]);
    expect(m.snapshot().nodes[1]).toMatchObject({ stopped: true, ready: false });
  });

  it('de-duplicates endpoints across slices; drain skips DaemonSet and mirror pods', () => {
    const ep = (ip: string, ready?: boolean) => ({ addresses: [ip], conditions: ready === undefined ? {} : { ready } });
    expect(endpointsOf([{ addressType: 'IPv4', endpoints: [ep('10.0.0.2')] }, { addressType: 'IPv4', endpoints: [ep('10.0.0.2', false), ep('10.0.0.1', false)] }] as never).map((e) => [e.ip, e.ready])).toEqual([
      ['10.0.0.1', false],
      ['10.0.0.2', true],
    ]);
    expect(drainSkips({ metadata: { ownerReferences: [{ kind: 'DaemonSet', name: 'x', uid: 'u', controller: true }] } })).toBe(true);
    expect(drainSkips({ metadata: { annotations: { 'kubernetes.io/config.mirror': 'x' } } })).toBe(true);
    expect(drainSkips(pod('p'))).toBe(false);
  });

  it('folds 1,000 pods and re-derives the view quickly', () => {
    const m = new ClusterModel();
    const nodes = Array.from({ length: 10 }, (_, i) => node(`node${String(i).padStart(2, '0')}`));
    const pods = Array.from({ length: 1000 }, (_, i) => pod(`p-${i}`, { node: nodes[i % 10].metadata!.name, status: { phase: 'Running' } }));
    m.apply([{ resource: 'nodes', type: 'SYNC', items: nodes }, { resource: 'pods', type: 'SYNC', items: pods }]);
    m.snapshot();
    const t0 = performance.now();
    for (let round = 0; round < 20; round++) {
      const changed = pods.slice(round * 10, round * 10 + 10).map((p) => ({ resource: 'pods' as const, type: 'MODIFIED' as const, object: { ...p, metadata: { ...p.metadata, resourceVersion: String(++rv) } } }));
      m.apply(changed);
      m.snapshot();
    }
    const per = (performance.now() - t0) / 20;
    // about 1 ms on an idle machine; the bound only catches a quadratic slip on a busy one
    expect(per).toBeLessThan(50);
  });
});
