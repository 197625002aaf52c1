// Cells of the non-pod printers, case by case against upstream printers.go behaviour.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types';
import { lookupResource } from '../../../../api/registry';
import { printerFor } from './index';

const NOW = Date.parse('2026-11-23T00:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');
const CREATED = ago(5 * 60_000 + 3_000); // 5m3s

function obj(apiVersion: string, kind: string, rest: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'default', creationTimestamp: CREATED, ...meta }, ...rest } as KubeObject;
}

function cells(group: string, version: string, resource: string, o: KubeObject) {
  const r = lookupResource(group, version, resource)!;
  const p = printerFor(r);
  const row = p.print(o, { now: NOW });
  expect(row.cells).toHaveLength(p.columns.length);
  return row.cells;
}

function columnNames(group: string, version: string, resource: string): string[] {
  return printerFor(lookupResource(group, version, resource)!).columns.map((c) => (c.priority ? `[${c.name}]` : c.name));
}

describe('services', () => {
  const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
    cells('', 'v1', 'services', obj('v1', 'Service', { spec, status }));

  it('prints ClusterIP, NodePort and headless services', () => {
    expect(svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], selector: { k8s: 'dns', app: 'x' } }))
      .toEqual(['x', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP', '5m3s', 'app=x,k8s=dns']);
    expect(svc({ type: 'NodePort', clusterIPs: ['10.1.2.3'], ports: [{ port: 8080, nodePort: 30080, protocol: 'TCP' }] }))
      .toEqual(['x', 'NodePort', '10.1.2.3', '<none>', '8080:30080/TCP', '5m3s', '<none>']);
    expect(svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }).slice(1, 5)).toEqual(['ClusterIP', 'None', '<none>', '<none>']);
  });

  it('applies the External-IP rules', () => {
    expect(svc({ type: 'ClusterIP', clusterIPs: ['10.0.0.1'], externalIPs: ['1.2.3.4', '5.6.7.8'] })[3]).toBe('1.2.3.4,5.6.7.8');
    expect(svc({ type: 'LoadBalancer', clusterIPs: ['10.0.0.1'] })[3]).toBe('<pending>');
    expect(svc({ type: 'LoadBalancer', clusterIPs: ['10.0.0.1'] }, { loadBalancer: { ingress: [{ ip: '9.9.9.9' }, { hostname: 'lb.example.com' }, { ip: '1.1.1.1' }] } })[3])
      .toBe('1.1.1.1,9.9.9.9,lb.example.com');
    expect(svc({ type: 'LoadBalancer', clusterIPs: ['10.0.0.1'], externalIPs: ['8.8.8.8'] }, { loadBalancer: { ingress: [{ ip: '9.9.9.9' }] } })[3])
      .toBe('9.9.9.9,8.8.8.8');
    expect(svc({ type: 'ExternalName', externalName: 'db.example.com' }).slice(1, 5)).toEqual(['ExternalName', '<none>', 'db.example.com', '<none>']);
  });
});

describe('endpoints and endpointslices', () => {
  const ep = (subsets?: unknown[]) => cells('', 'v1', 'endpoints', obj('v1', 'Endpoints', subsets ? { subsets } : {}))[1];
  it('lists ip:port, first three then + N more', () => {
    expect(ep()).toBe('<none>');
    expect(ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }])).toBe('10.0.0.1:80');
    const addrs = [1, 2, 3, 4, 5].map((i) => ({ ip: `10.0.0.${i}` }));
    expect(ep([{ addresses: addrs, ports: [{ port: 80 }, { port: 443 }] }])).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 7 more...');
    expect(ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: 'fd00::2' }] }])).toBe('10.0.0.1,fd00::2');
    expect(ep([{ addresses: [{ ip: 'fd00::2' }], ports: [{ port: 80 }] }])).toBe('[fd00::2]:80');
    expect(ep([{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }])).toBe('');
  });

  it('prints slices', () => {
    const es = (rest: Record<string, unknown>) => cells('discovery.k8s.io', 'v1', 'endpointslices', obj('discovery.k8s.io/v1', 'EndpointSlice', rest));
    expect(es({ addressType: 'IPv4', ports: [{ name: 'http', port: 80, protocol: 'TCP' }], endpoints: [{ addresses: ['10.244.0.5'] }] }))
      .toEqual(['x', 'IPv4', '80', '10.244.0.5', '5m3s']);
    expect(es({ addressType: 'IPv4' }).slice(2, 4)).toEqual(['<unset>', '<unset>']);
    expect(es({ addressType: 'IPv4', ports: [{ name: 'a' }, {}, { port: 1 }, { port: 2 }], endpoints: [{ addresses: ['a', 'b', 'c', 'd', 'e'] }] }).slice(2, 4))
      .toEqual(['a,*,1 + 1 more...', 'a,b,c + 2 more...']);
  });
});

describe('nodes, namespaces, leases', () => {
  const node = (labels: Record<string, string>, conditions: unknown[], unschedulable = false) =>
    cells('', 'v1', 'nodes', obj('v1', 'Node', { spec: { unschedulable }, status: { conditions, nodeInfo: { kubeletVersion: 'v1.32.0' } } }, { namespace: undefined, labels }));
  it('prints status and roles', () => {
    expect(node({}, [{ type: 'Ready', status: 'True' }])).toEqual(['x', 'Ready', '<none>', '5m3s', 'v1.32.0', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
    expect(node({ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/': 'x' }, [{ type: 'Ready', status: 'False' }], true).slice(1, 3))
      .toEqual(['NotReady,SchedulingDisabled', 'control-plane,worker']);
    expect(node({ 'kubernetes.io/role': 'master' }, [{ type: 'Ready', status: 'Unknown' }]).slice(1, 3)).toEqual(['NotReady', 'master']);
    expect(node({}, [{ type: 'MemoryPressure', status: 'False' }]).slice(1, 2)).toEqual(['Unknown']);
  });

  it('prints namespaces and leases', () => {
    expect(cells('', 'v1', 'namespaces', obj('v1', 'Namespace', { status: { phase: 'Terminating' } }))).toEqual(['x', 'Terminating', '5m3s']);
    expect(cells('coordination.k8s.io', 'v1', 'leases', obj('coordination.k8s.io/v1', 'Lease', { spec: { holderIdentity: 'node-1' } }))).toEqual(['x', 'node-1', '5m3s']);
    expect(cells('coordination.k8s.io', 'v1', 'leases', obj('coordination.k8s.io/v1', 'Lease', { spec: {} }))).toEqual(['x', '', '5m3s']);
  });
});

describe('config', () => {
  it('counts data', () => {
    expect(cells('', 'v1', 'configmaps', obj('v1', 'ConfigMap', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }))).toEqual(['x', 3, '5m3s']);
    expect(cells('', 'v1', 'configmaps', obj('v1', 'ConfigMap', {}))).toEqual(['x', 0, '5m3s']);
    expect(cells('', 'v1', 'secrets', obj('v1', 'Secret', { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }))).toEqual(['x', 'kubernetes.io/tls', 2, '5m3s']);
    expect(cells('', 'v1', 'secrets', obj('v1', 'Secret', {}))).toEqual(['x', 'Opaque', 0, '5m3s']);
    expect(cells('', 'v1', 'serviceaccounts', obj('v1', 'ServiceAccount', { secrets: [{ name: 's' }] }))).toEqual(['x', 1, '5m3s']);
  });
});

describe('events', () => {
  const ev = (rest: Record<string, unknown>, apiVersion = 'v1', group = '') =>
    cells(group, 'v1', 'events', obj(apiVersion, 'Event', rest, { name: 'web.1' }));

  it('has the interleaved column priorities', () => {
    expect(columnNames('', 'v1', 'events')).toEqual(['Last Seen', 'Type', 'Reason', 'Object', '[Subobject]', '[Source]', 'Message', '[First Seen]', '[Count]', '[Name]']);
    expect(columnNames('events.k8s.io', 'v1', 'events')).toEqual(columnNames('', 'v1', 'events'));
  });

  it('uses lastTimestamp, falls back to first, and prefers series', () => {
    const base = { involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{c}' }, reason: 'BackOff', type: 'Warning', message: ' back off \n', source: { component: 'kubelet', host: 'node-1' } };
    expect(ev({ ...base, firstTimestamp: ago(3 * 3600_000), lastTimestamp: ago(45_000), count: 7 }))
      .toEqual(['45s', 'Warning', 'BackOff', 'pod/p', 'spec.containers{c}', 'kubelet, node-1', 'back off', '3h', 7, 'web.1']);
    expect(ev({ ...base, firstTimestamp: ago(120_000) }).slice(0, 1).concat(ev({ ...base, firstTimestamp: ago(120_000) }).slice(7, 9))).toEqual(['2m', '2m', 1]);
    const micro = new Date(NOW - 90_000).toISOString().replace('Z', '000Z');
    const series = ev({ ...base, eventTime: micro, series: { count: 4, lastObservedTime: new Date(NOW - 10_000).toISOString() }, reportingComponent: 'kubelet' });
    expect([series[0], series[7], series[8]]).toEqual(['10s', '90s', 4]);
    expect(ev({ ...base, source: {}, reportingComponent: 'ctrl', reportingInstance: 'ctrl-1' })[5]).toBe('ctrl, ctrl-1');
    expect(ev({ involvedObject: { kind: 'Node' } })[0]).toBe('<unknown>');
    expect(ev({ involvedObject: { kind: 'Node' } })[3]).toBe('node');
  });

  it('prints events.k8s.io/v1 events through the same printer', () => {
    const row = ev(
      {
        regarding: { kind: 'Deployment', name: 'web' },
        note: 'Scaled up',
        reason: 'ScalingReplicaSet',
        type: 'Normal',
        eventTime: new Date(NOW - 30_000).toISOString(),
        reportingController: 'deployment-controller',
        reportingInstance: '',
        deprecatedCount: 0,
      },
      'events.k8s.io/v1',
      'events.k8s.io',
    );
    expect(row).toEqual(['30s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller', 'Scaled up', '30s', 1, 'web.1']);
  });
});

describe('workloads', () => {
  const template = { spec: { containers: [{ name: 'a', image: 'nginx:1' }, { name: 'b', image: 'busybox' }], nodeSelector: { disk: 'ssd' } } };
  it('prints deployments with selector.String()', () => {
    const d = (spec: Record<string, unknown>) => cells('apps', 'v1', 'deployments', obj('apps/v1', 'Deployment', { spec: { template, ...spec }, status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 } }));
    expect(d({ replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] } }))
      .toEqual(['x', '1/3', 2, 1, '5m3s', 'a,b', 'nginx:1,busybox', 'app=web,tier in (a,b)']);
    expect(d({ selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } })[7]).toBe('<invalid>');
    expect(d({ selector: {} })[7]).toBe('');
    expect(d({})[1]).toBe('1/1');
  });

  it('prints daemonsets, statefulsets and controllerrevisions', () => {
    expect(cells('apps', 'v1', 'daemonsets', obj('apps/v1', 'DaemonSet', { spec: { template, selector: { matchLabels: { app: 'd' } } }, status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 } })))
      .toEqual(['x', 3, 3, 2, 3, 2, 'disk=ssd', '5m3s', 'a,b', 'nginx:1,busybox', 'app=d']);
    expect(cells('apps', 'v1', 'statefulsets', obj('apps/v1', 'StatefulSet', { spec: { replicas: 3, template }, status: { readyReplicas: 2 } })))
      .toEqual(['x', '2/3', '5m3s', 'a,b', 'nginx:1,busybox']);
    expect(cells('apps', 'v1', 'controllerrevisions', obj('apps/v1', 'ControllerRevision', { revision: 2 }, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] })))
      .toEqual(['x', 'statefulset.apps/web', 2, '5m3s']);
    expect(cells('apps', 'v1', 'controllerrevisions', obj('apps/v1', 'ControllerRevision', { revision: 1 }))[1]).toBe('<none>');
  });

  it('prints replicasets and replication controllers with <none> selectors', () => {
    expect(cells('apps', 'v1', 'replicasets', obj('apps/v1', 'ReplicaSet', { spec: { replicas: 0, template: { spec: { containers: [] } } } }))).toEqual(['x', 0, 0, 0, '5m3s', '', '', '<none>']);
    expect(cells('', 'v1', 'replicationcontrollers', obj('v1', 'ReplicationController', { spec: { replicas: 2 } }))).toEqual(['x', 2, 0, 0, '5m3s', '', '', '<none>']);
  });
});

describe('batch', () => {
  const job = (spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
    cells('batch', 'v1', 'jobs', obj('batch/v1', 'Job', { spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } }, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } }, ...spec }, status }, meta));
  it('prints status, completions and duration', () => {
    expect(job({ completions: 3 }, { succeeded: 3, startTime: ago(300_000), completionTime: ago(255_000), conditions: [{ type: 'Complete', status: 'True' }] }))
      .toEqual(['x', 'Complete', '3/3', '45s', '5m3s', 'pi', 'perl', 'batch.kubernetes.io/controller-uid=u']);
    expect(job({ parallelism: 2 }, { startTime: ago(190_000) }).slice(1, 4)).toEqual(['Running', '0/1 of 2', '3m10s']);
    expect(job({}, {}).slice(1, 4)).toEqual(['Running', '0/1', '']);
    expect(job({}, { conditions: [{ type: 'Failed', status: 'True' }] })[1]).toBe('Failed');
    expect(job({}, { conditions: [{ type: 'Suspended', status: 'True' }] })[1]).toBe('Suspended');
    expect(job({}, {}, { deletionTimestamp: ago(0) })[1]).toBe('Terminating');
    expect(job({}, { conditions: [{ type: 'FailureTarget', status: 'True' }] })[1]).toBe('FailureTarget');
  });

  it('prints cronjobs', () => {
    const cj = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
      cells('batch', 'v1', 'cronjobs', obj('batch/v1', 'CronJob', { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } }, ...spec }, status }));
    expect(cj({ suspend: false })).toEqual(['x', '*/5 * * * *', '<none>', 'False', 0, '<none>', '5m3s', 'c', 'busybox', '<none>']);
    expect(cj({ suspend: true, timeZone: 'Etc/UTC' }, { active: [{ name: 'j' }], lastScheduleTime: ago(60_000) }).slice(2, 6)).toEqual(['Etc/UTC', 'True', 1, '60s']);
  });
});

describe('policy', () => {
  it('prints hpa targets', () => {
    const hpa = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
      cells('autoscaling', 'v2', 'horizontalpodautoscalers', obj('autoscaling/v2', 'HorizontalPodAutoscaler', { spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, maxReplicas: 5, ...spec }, status }));
    const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
    expect(hpa({ minReplicas: 2, metrics: [cpu] })).toEqual(['x', 'Deployment/web', 'cpu: <unknown>/80%', '2', 5, 0, '5m3s']);
    expect(hpa({ metrics: [cpu] }, { currentReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12 } } }] }).slice(2, 6))
      .toEqual(['cpu: 12%/80%', '1', 5, 3]);
    expect(hpa({})[2]).toBe('<none>');
    const mem = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
    const pods = { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } };
    expect(hpa({ metrics: [cpu, mem, pods] })[2]).toBe('cpu: <unknown>/80%, memory: <unknown>/100Mi + 1 more...');
  });

  it('prints pdbs', () => {
    const pdb = (spec: Record<string, unknown>) => cells('policy', 'v1', 'poddisruptionbudgets', obj('policy/v1', 'PodDisruptionBudget', { spec, status: { disruptionsAllowed: 1 } }));
    expect(pdb({ minAvailable: 2 })).toEqual(['x', '2', 'N/A', 1, '5m3s']);
    expect(pdb({ maxUnavailable: '25%' })).toEqual(['x', 'N/A', '25%', 1, '5m3s']);
  });
});

describe('default table', () => {
  it('prints Name and Created At for kinds without a printer', () => {
    const r = lookupResource('', 'v1', 'bindings')!;
    const p = printerFor(r);
    expect(p.columns.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Created At', 'date', '', 0],
    ]);
    expect(p.print(obj('v1', 'Binding', {}, { creationTimestamp: '2015-06-01T10:00:05Z' }), { now: NOW }).cells).toEqual(['x', '2015-06-01T10:00:05Z']);
    expect(p.print(obj('v1', 'Binding', {}, { creationTimestamp: undefined }), { now: NOW }).cells).toEqual(['x', '0001-01-01T00:00:00Z']);
  });
});
