import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types';
import { coreStrategies, genericStrategy } from './index';
import { failure, fakeContext, runCreate, runUpdate } from './test-context';

type O = KubeObject & Record<string, any>;
const obj = (kind: string, name: string, extra: Record<string, unknown>, namespace?: string): O => ({
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  ...extra,
});
const create = (resource: string, kind: string, o: O, group = '') => runCreate(coreStrategies[resource], o, fakeContext(), resource, kind, group) as O;
const createErr = (resource: string, kind: string, o: O, group = '') => failure(() => create(resource, kind, o, group)).message;

describe('strategy table', () => {
  it('has every resource the apiserver asks for', () => {
    expect(Object.keys(coreStrategies).sort()).toEqual(
      [
        'configmaps',
        'controllerrevisions.apps',
        'endpoints',
        'endpointslices.discovery.k8s.io',
        'events',
        'events.events.k8s.io',
        'horizontalpodautoscalers.autoscaling',
        'leases.coordination.k8s.io',
        'namespaces',
        'nodes',
        'poddisruptionbudgets.policy',
        'secrets',
        'serviceaccounts',
        'services',
      ].sort(),
    );
    expect(genericStrategy).toEqual({});
    expect(coreStrategies.nodes.allowCreateOnUpdate).toBe(false);
    expect(coreStrategies.endpoints.allowCreateOnUpdate).toBe(true);
    expect(coreStrategies['leases.coordination.k8s.io'].allowCreateOnUpdate).toBe(true);
  });
});

describe('nodes', () => {
  const node = (spec: Record<string, unknown>) => obj('Node', 'node-1', { spec });
  it('keeps podCIDR and podCIDRs in step', () => {
    expect(create('nodes', 'Node', node({ podCIDR: '10.244.1.0/24' })).spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
  });
  it('lists the supported taint effects', () => {
    expect(createErr('nodes', 'Node', node({ taints: [{ key: 'gpu', value: 'true', effect: 'Sometimes' }] }))).toBe(
      'Node "node-1" is invalid: metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    expect(createErr('nodes', 'Node', node({ taints: [{ key: 'gpu' }] }))).toBe('Node "node-1" is invalid: metadata.taints[0].effect: Required value');
  });
  it('rejects duplicate taints by key and effect', () => {
    expect(createErr('nodes', 'Node', node({ taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'x', effect: 'NoSchedule' }] }))).toBe(
      'Node "node-1" is invalid: metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"x", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair',
    );
  });
  it('keeps podCIDRs once set, lets unschedulable change', () => {
    const ctx = fakeContext();
    const old = runCreate(coreStrategies.nodes, node({ podCIDR: '10.244.1.0/24' }), ctx, 'nodes', 'Node');
    const moved = node({ podCIDR: '10.244.2.0/24' });
    expect(failure(() => runUpdate(coreStrategies.nodes, moved, old, ctx, 'nodes', 'Node')).message).toBe(
      'Node "node-1" is invalid: spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    );
    const cordoned = node({ podCIDR: '10.244.1.0/24', unschedulable: true });
    expect(runUpdate(coreStrategies.nodes, cordoned, old, ctx, 'nodes', 'Node').spec).toMatchObject({ unschedulable: true, podCIDRs: ['10.244.1.0/24'] });
  });
  it('validates podCIDRs', () => {
    expect(createErr('nodes', 'Node', node({ podCIDRs: ['10.244.1.0/24', '10.244.2.0/24'] }))).toBe(
      'Node "node-1" is invalid: spec.podCIDRs: Invalid value: []string{"10.244.1.0/24", "10.244.2.0/24"}: may specify no more than one CIDR for each IP family',
    );
  });
});

describe('endpoints', () => {
  it('defaults port protocol and accepts the fixture shape', () => {
    const out = create('endpoints', 'Endpoints', obj('Endpoints', 'web', { subsets: [{ addresses: [{ ip: '10.244.0.5', nodeName: 'node-1' }], ports: [{ port: 80 }] }] }, 'default'));
    expect(out.subsets[0].ports[0]).toEqual({ port: 80, protocol: 'TCP' });
  });
  it('rejects bad and special addresses', () => {
    expect(createErr('endpoints', 'Endpoints', obj('Endpoints', 'web', { subsets: [{ addresses: [{ ip: '127.0.0.1' }] }] }, 'default'))).toBe(
      'Endpoints "web" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    );
    expect(createErr('endpoints', 'Endpoints', obj('Endpoints', 'web', { subsets: [{ ports: [{ port: 80 }] }] }, 'default'))).toBe(
      'Endpoints "web" is invalid: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
    );
    expect(createErr('endpoints', 'Endpoints', obj('Endpoints', 'web', { subsets: [{ addresses: [{ ip: 'x' }] }] }, 'default'))).toBe(
      'Endpoints "web" is invalid: [subsets[0].addresses[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), subsets[0].addresses[0].ip: Invalid value: "x": must be a valid IP address]',
    );
  });
});

describe('endpointslices', () => {
  const es = (extra: Record<string, unknown>) => obj('EndpointSlice', 'web-x9t4q', extra, 'default');
  const key = 'endpointslices.discovery.k8s.io';
  it('defaults ports to name "" and TCP (fixture shape)', () => {
    const out = create(key, 'EndpointSlice', es({ addressType: 'IPv4', endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true } }], ports: [{ port: 80 }] }), 'discovery.k8s.io');
    expect(out.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
  });
  it('requires addressType and addresses', () => {
    expect(createErr(key, 'EndpointSlice', es({ endpoints: [{ addresses: [] }] }), 'discovery.k8s.io')).toBe(
      'EndpointSlice.discovery.k8s.io "web-x9t4q" is invalid: [addressType: Required value, endpoints[0].addresses: Required value: must contain at least 1 address]',
    );
    expect(createErr(key, 'EndpointSlice', es({ addressType: 'IPv5' }), 'discovery.k8s.io')).toBe(
      'EndpointSlice.discovery.k8s.io "web-x9t4q" is invalid: addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"',
    );
    expect(createErr(key, 'EndpointSlice', es({ addressType: 'IPv4', endpoints: [{ addresses: ['fd00::1'] }] }), 'discovery.k8s.io')).toBe(
      'EndpointSlice.discovery.k8s.io "web-x9t4q" is invalid: endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
    );
  });
  it('keeps addressType immutable', () => {
    const ctx = fakeContext();
    const s = coreStrategies[key];
    const old = runCreate(s, es({ addressType: 'IPv4' }), ctx, key, 'EndpointSlice', 'discovery.k8s.io');
    expect(failure(() => runUpdate(s, es({ addressType: 'IPv6' }), old, ctx, key, 'EndpointSlice', 'discovery.k8s.io')).message).toBe(
      'EndpointSlice.discovery.k8s.io "web-x9t4q" is invalid: addressType: Invalid value: "IPv6": field is immutable',
    );
  });
});

describe('events', () => {
  it('accepts controller events (fixture shape) and checks the involved namespace', () => {
    const ev = { involvedObject: { kind: 'Pod', namespace: 'default', name: 'p' }, reason: 'Scheduled', message: 'm', source: { component: 'default-scheduler' }, count: 1, type: 'Normal', eventTime: null };
    expect(() => create('events', 'Event', obj('Event', 'p.1', ev, 'default'))).not.toThrow();
    expect(createErr('events', 'Event', obj('Event', 'p.1', { ...ev, involvedObject: { kind: 'Pod', namespace: 'other', name: 'p' } }, 'default'))).toBe(
      'Event "p.1" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    );
  });
  it('applies the strict rules to events.k8s.io/v1', () => {
    expect(createErr('events.events.k8s.io', 'Event', obj('Event', 'e', { regarding: { namespace: 'default' }, type: 'Normal', eventTime: '2015-06-01T10:00:00.000000Z', reason: 'R' }, 'default'), 'events.k8s.io')).toBe(
      'Event.events.k8s.io "e" is invalid: [reportingController: Required value, reportingController: Invalid value: "": name part must be non-empty, reportingController: Invalid value: "": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\'), reportingInstance: Required value, action: Required value]',
    );
  });
});

describe('leases', () => {
  it('requires a positive duration', () => {
    const key = 'leases.coordination.k8s.io';
    expect(createErr(key, 'Lease', obj('Lease', 'node-1', { spec: { holderIdentity: 'node-1', leaseDurationSeconds: 0 } }, 'kube-node-lease'), 'coordination.k8s.io')).toBe(
      'Lease.coordination.k8s.io "node-1" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    );
    const ok = create(key, 'Lease', obj('Lease', 'node-1', { spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, strategy: 'OldestEmulationVersion' } }, 'kube-node-lease'), 'coordination.k8s.io');
    expect(ok.spec).toEqual({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
  });
});

describe('horizontalpodautoscalers', () => {
  const key = 'horizontalpodautoscalers.autoscaling';
  it('defaults minReplicas and the 80% CPU metric', () => {
    const out = create(key, 'HorizontalPodAutoscaler', obj('HorizontalPodAutoscaler', 'web', { spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 } }, 'default'), 'autoscaling');
    expect(out.spec.minReplicas).toBe(1);
    expect(out.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(out.status).toEqual({ currentMetrics: null, desiredReplicas: 0 });
  });
  it('checks replica bounds', () => {
    expect(createErr(key, 'HorizontalPodAutoscaler', obj('HorizontalPodAutoscaler', 'web', { spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 5, maxReplicas: 2 } }, 'default'), 'autoscaling')).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    );
  });
});

describe('poddisruptionbudgets', () => {
  const key = 'poddisruptionbudgets.policy';
  it('starts with a zero status and generation support', () => {
    const out = create(key, 'PodDisruptionBudget', obj('PodDisruptionBudget', 'p', { spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } }, 'default'), 'policy');
    expect(out.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    expect(coreStrategies[key].hasGeneration).toBe(true);
  });
  it('checks percentages', () => {
    expect(createErr(key, 'PodDisruptionBudget', obj('PodDisruptionBudget', 'p', { spec: { maxUnavailable: '150%' } }, 'default'), 'policy')).toBe(
      'PodDisruptionBudget.policy "p" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    );
  });
});

describe('controllerrevisions', () => {
  it('requires data', () => {
    expect(createErr('controllerrevisions.apps', 'ControllerRevision', obj('ControllerRevision', 'r', { revision: 1 }, 'default'), 'apps')).toBe(
      'ControllerRevision.apps "r" is invalid: data: Required value: data is mandatory',
    );
  });
});

describe('serviceaccounts', () => {
  it('have no rules beyond metadata', () => {
    expect(create('serviceaccounts', 'ServiceAccount', obj('ServiceAccount', 'default', {}, 'default')).metadata.name).toBe('default');
  });
});
