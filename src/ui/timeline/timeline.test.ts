import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../i18n/translate';
import { clockText, lineText, matchesFilter, objectTimeHint, TimelineBuilder } from './timeline';
import type { AnyObject, FeedEvent } from '../cluster/model';

const T0 = Date.parse('2026-01-01T10:00:00Z');
let rv = 10;

function ev(reason: string, message: string, involved: { kind: string; name: string }, source: { component: string; host?: string }, at = '2026-01-01T10:00:03Z', count = 1): AnyObject {
  return {
    kind: 'Event',
    metadata: { name: `${involved.name}.${++rv}`, namespace: 'default', resourceVersion: String(rv) },
    involvedObject: { ...involved, namespace: 'default' },
    reason,
    message,
    source,
    lastTimestamp: at,
    count,
  };
}

function pod(name: string, extra: { node?: string; status?: object; deleting?: boolean; owner?: boolean } = {}): AnyObject {
  return {
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `u-${name}`,
      resourceVersion: String(++rv),
      creationTimestamp: '2026-01-01T10:00:00Z',
      ownerReferences: extra.owner === false ? undefined : [{ kind: 'ReplicaSet', name: 'web-74d644cc78', uid: 'rs', controller: true }],
      deletionTimestamp: extra.deleting ? '2026-01-01T10:06:40Z' : undefined,
      deletionGracePeriodSeconds: extra.deleting ? 30 : undefined,
    },
    spec: { nodeName: extra.node, containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    status: extra.status ?? { phase: 'Pending' },
  };
}

const sync = (resource: FeedEvent['resource'], items: AnyObject[] = []): FeedEvent => ({ resource, type: 'SYNC', items });
const en = (b: TimelineBuilder) => b.lines.map((l) => `${l.component}: ${lineText('en', l)}`);

function builder() {
  const b = new TimelineBuilder({ now: () => T0 });
  b.ingest(['deployments', 'replicasets', 'pods', 'services', 'endpointslices', 'nodes'].map((r) => sync(r as FeedEvent['resource'])));
  b.ingest([sync('events')]);
  return b;
}


// Chinese is loaded on demand in the page (i18n/translate.ts); these check both languages.
beforeAll(() => loadCatalogue('zh'));
describe('flow timeline lines', () => {
  it('tells the story of a deployment: client, apiserver, controllers, scheduler, kubelet, container', () => {
    const b = builder();
    const dep: AnyObject = { kind: 'Deployment', metadata: { name: 'web', namespace: 'default', resourceVersion: '47', creationTimestamp: '2026-01-01T10:00:00Z' }, spec: { replicas: 1 } };
    const p0 = pod('web-74d644cc78-b5mmt');
    const p1 = { ...p0, metadata: { ...p0.metadata, resourceVersion: '60' }, spec: { ...(p0.spec as object), nodeName: 'node01' } };
    const p2 = { ...p1, metadata: { ...p1.metadata, resourceVersion: '62' }, status: { phase: 'Pending', containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } };
    const p3 = { ...p1, metadata: { ...p1.metadata, resourceVersion: '71' }, status: { phase: 'Running', containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T10:00:04Z' } } }] } };
    b.ingest([
      { resource: 'deployments', type: 'ADDED', object: dep },
      { resource: 'events', type: 'ADDED', object: ev('ScalingReplicaSet', 'Scaled up replica set web-74d644cc78 from 0 to 1', { kind: 'Deployment', name: 'web' }, { component: 'deployment-controller' }) },
      { resource: 'pods', type: 'ADDED', object: p0 },
      { resource: 'events', type: 'ADDED', object: ev('SuccessfulCreate', 'Created pod: web-74d644cc78-b5mmt', { kind: 'ReplicaSet', name: 'web-74d644cc78' }, { component: 'replicaset-controller' }) },
      { resource: 'pods', type: 'MODIFIED', object: p1 },
      { resource: 'events', type: 'ADDED', object: ev('Scheduled', 'Successfully assigned default/web-74d644cc78-b5mmt to node01', { kind: 'Pod', name: 'web-74d644cc78-b5mmt' }, { component: 'default-scheduler' }) },
      { resource: 'pods', type: 'MODIFIED', object: p2 },
      { resource: 'events', type: 'ADDED', object: ev('Pulling', 'Pulling image "nginx:1.27"', { kind: 'Pod', name: 'web-74d644cc78-b5mmt' }, { component: 'kubelet', host: 'node01' }) },
      { resource: 'events', type: 'ADDED', object: ev('Pulled', 'Successfully pulled image "nginx:1.27" in 2.952s (2.952s including waiting). Image size: 72099410 bytes.', { kind: 'Pod', name: 'web-74d644cc78-b5mmt' }, { component: 'kubelet', host: 'node01' }) },
      { resource: 'events', type: 'ADDED', object: ev('Created', 'Created container: nginx', { kind: 'Pod', name: 'web-74d644cc78-b5mmt' }, { component: 'kubelet', host: 'node01' }) },
      { resource: 'events', type: 'ADDED', object: ev('Started', 'Started container nginx', { kind: 'Pod', name: 'web-74d644cc78-b5mmt' }, { component: 'kubelet', host: 'node01' }) },
      { resource: 'pods', type: 'MODIFIED', object: p3 },
    ]);
    expect(en(b)).toEqual([
      'kubectl: a client (kubectl) created Deployment web',
      'apiserver: apiserver stored Deployment web in etcd (revision 47)',
      'controller: deployment controller scaled web-74d644cc78 from 0 to 1',
      'apiserver: apiserver stored Pod web-74d644cc78-b5mmt in etcd (revision ' + p0.metadata!.resourceVersion + ')',
      'controller: replicaset controller created pod web-74d644cc78-b5mmt',
      'scheduler: scheduler bound web-74d644cc78-b5mmt to node01',
      'kubelet: kubelet node01 reports web-74d644cc78-b5mmt ContainerCreating',
      'kubelet: kubelet node01 pulling nginx:1.27',
      'kubelet: kubelet node01 pulled nginx:1.27',
      'kubelet: kubelet node01 created container nginx',
      'container: kubelet node01 started container nginx',
      'kubelet: kubelet node01 reports web-74d644cc78-b5mmt Running',
    ]);
    // times: events carry their own, objects their latest timestamp
    expect(clockText(b.lines[10].time)).toBe('10:00:03');
    expect(clockText(b.lines[11].time)).toBe('10:00:04');
    expect(b.lines[1].rev).toBe('47');
  });

  it('reads scaling, endpoints, cordon, stop and eviction', () => {
    const b = builder();
    const dep = (replicas: number, r: string): AnyObject => ({ kind: 'Deployment', metadata: { name: 'web', namespace: 'default', resourceVersion: r }, spec: { replicas } });
    const slice = (eps: [string, boolean][], r: string): AnyObject => ({
      kind: 'EndpointSlice',
      metadata: { name: 'web-prcgg', namespace: 'default', resourceVersion: r, labels: { 'kubernetes.io/service-name': 'web' } },
      endpoints: eps.map(([ip, ready]) => ({ addresses: [ip], conditions: { ready }, targetRef: { kind: 'Pod', name: `pod-${ip}` } })),
    });
    const node = (r: string, extra: { unschedulable?: boolean; stopped?: boolean } = {}): AnyObject => ({
      kind: 'Node',
      metadata: { name: 'node01', resourceVersion: r, annotations: extra.stopped ? { 'kubeplay.io/state': 'stopped' } : {} },
      spec: { unschedulable: extra.unschedulable },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    b.ingest([sync('deployments', [dep(1, '1')]), sync('endpointslices', [slice([['10.244.1.2', true]], '2')]), sync('nodes', [node('3')])]);
    b.ingest([
      { resource: 'deployments', type: 'MODIFIED', object: dep(4, '5') },
      { resource: 'endpointslices', type: 'MODIFIED', object: slice([['10.244.1.2', true], ['10.244.2.2', false]], '6') },
      { resource: 'endpointslices', type: 'MODIFIED', object: slice([['10.244.1.2', false], ['10.244.2.2', true]], '7') },
      { resource: 'nodes', type: 'MODIFIED', object: node('8', { unschedulable: true }) },
      { resource: 'nodes', type: 'MODIFIED', object: node('9', { unschedulable: true, stopped: true }) },
      { resource: 'events', type: 'ADDED', object: ev('NodeNotReady', 'Node node01 status is now: NodeNotReady', { kind: 'Node', name: 'node01' }, { component: 'node-controller' }) },
      { resource: 'events', type: 'ADDED', object: ev('TaintManagerEviction', 'Marking for deletion Pod default/web-1', { kind: 'Pod', name: 'web-1' }, { component: 'taint-eviction-controller' }) },
      { resource: 'pods', type: 'ADDED', object: pod('web-1', { node: 'node01', status: { phase: 'Running' } }) },
      { resource: 'pods', type: 'MODIFIED', object: pod('web-1', { node: 'node01', status: { phase: 'Running' }, deleting: true }) },
      { resource: 'events', type: 'ADDED', object: ev('FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.', { kind: 'Pod', name: 'big' }, { component: 'default-scheduler' }) },
      { resource: 'events', type: 'ADDED', object: ev('Unhealthy', 'Readiness probe failed', { kind: 'Pod', name: 'web-1' }, { component: 'kubelet', host: 'node01' }) },
    ]);
    const lines = en(b);
    expect(lines).toEqual([
      'kubectl: a client set Deployment web replicas from 1 to 4',
      'controller: endpoints controller added 10.244.2.2 to service web',
      'controller: endpoints controller removed 10.244.1.2 from service web',
      'kubectl: node node01 cordoned (unschedulable)',
      'node: node node01 stopped (its kubelet is silent)',
      'controller: node controller marked node01 NotReady',
      'controller: taint eviction controller evicted web-1',
      expect.stringMatching(/^apiserver: apiserver stored Pod web-1 in etcd/),
      'apiserver: apiserver marked Pod web-1 for deletion (grace 30s)',
      'scheduler: scheduler could not place big: 0/3 nodes are available: 3 Insufficient cpu.',
      'kubelet: kubelet: Unhealthy Pod web-1: Readiness probe failed',
    ]);
    // the eviction's time is the deletion time minus the grace period
    expect(clockText(b.lines[8].time)).toBe('10:06:10');
  });

  it('adds a line for a repeated event only when its count grows, and seeds history from listed events', () => {
    const b = new TimelineBuilder({ now: () => T0 });
    const e1 = ev('BackOff', 'Back-off restarting failed container app', { kind: 'Pod', name: 'crash' }, { component: 'kubelet', host: 'node02' }, '2026-01-01T10:00:10Z', 1);
    b.ingest([sync('events', [e1])]);
    expect(en(b)).toEqual(['kubelet: kubelet node02 backing off before restarting crash']);
    b.ingest([{ resource: 'events', type: 'MODIFIED', object: { ...e1, count: 1 } }]);
    b.ingest([{ resource: 'events', type: 'MODIFIED', object: { ...e1, count: 2 } }]);
    expect(b.lines).toHaveLength(2);
  });

  it('reports a container exit, translates lines to Chinese and filters by object', () => {
    const b = builder();
    const run = pod('crash', { node: 'node02', owner: false, status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }] } });
    const dead = pod('crash', { node: 'node02', owner: false, status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }] } });
    b.ingest([
      { resource: 'pods', type: 'ADDED', object: run },
      { resource: 'pods', type: 'MODIFIED', object: dead },
      { resource: 'pods', type: 'DELETED', object: dead },
    ]);
    expect(en(b)).toEqual([
      'kubectl: a client (kubectl) created Pod crash',
      expect.stringMatching(/^apiserver: apiserver stored Pod crash/),
      'container: container app in crash exited with code 1',
      'kubelet: kubelet node02 reports crash Error',
      'apiserver: apiserver removed Pod crash from etcd',
    ]);
    expect(lineText('zh', b.lines[2])).toBe('crash 中的容器 app 退出，退出码 1');
    expect(b.lines.filter((l) => matchesFilter(l, 'NODE02'))).toHaveLength(5);
    expect(b.lines.filter((l) => matchesFilter(l, 'web'))).toHaveLength(0);
    expect(b.lines.filter((l) => matchesFilter(l, ''))).toHaveLength(5);
  });

  it('never stamps an estimated line before the last one; Events keep their own time', () => {
    const b = builder();
    b.ingest([{ resource: 'events', type: 'ADDED', object: ev('Started', 'Started container nginx', { kind: 'Pod', name: 'p' }, { component: 'kubelet', host: 'node01' }, '2026-01-01T10:00:09Z') }]);
    b.ingest([{ resource: 'endpointslices', type: 'ADDED', object: { kind: 'EndpointSlice', metadata: { name: 's', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } }, endpoints: [{ addresses: ['10.0.0.1'] }] } }]);
    b.ingest([{ resource: 'events', type: 'ADDED', object: ev('Pulled', 'Container image "x" already present on machine', { kind: 'Pod', name: 'q' }, { component: 'kubelet', host: 'node01' }, '2026-01-01T10:00:05Z') }]);
    expect(b.lines.map((l) => clockText(l.time))).toEqual(['10:00:09', '10:00:09', '10:00:05']);
    // the worker's own time for a watch event, when the protocol carries it, wins
    b.ingest([{ resource: 'services', type: 'ADDED', object: { kind: 'Service', metadata: { name: 'svc', namespace: 'default' } }, at: T0 + 42_000 }]);
    expect(b.lines.slice(-2).map((l) => clockText(l.time))).toEqual(['10:00:42', '10:00:42']);
    expect(lineText('en', b.lines[2])).toBe('kubelet node01 found x already on the node');
  });

  it('keeps at most max lines and estimates times from objects', () => {
    const b = new TimelineBuilder({ now: () => T0, max: 3 });
    for (let i = 0; i < 5; i++) b.ingest([{ resource: 'services', type: 'ADDED', object: { kind: 'Service', metadata: { name: `s${i}`, resourceVersion: String(i), ownerReferences: [{ kind: 'X', name: 'x', uid: 'x', controller: true }] } } }]);
    expect(b.lines.map((l) => l.params.name)).toEqual(['s2', 's3', 's4']);
    expect(objectTimeHint({ metadata: { creationTimestamp: '2026-01-01T10:00:00Z' }, status: { conditions: [{ lastTransitionTime: '2026-01-01T10:00:07Z' }] } })).toBe(T0 + 7000);
  });
});
