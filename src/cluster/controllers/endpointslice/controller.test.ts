import { describe, expect, it } from 'vitest';
import { startEndpointSliceController } from './controller';
import { harness, makePod, makeService, setPodStatus } from '../endpoints/test-helpers';

function setup() {
  const h = harness();
  startEndpointSliceController(h.ctx);
  h.ctx.informers.start();
  const slices = (svc: string) =>
    h.client.list('endpointslices.discovery.k8s.io', 'default', { labelSelector: `kubernetes.io/service-name=${svc}` });
  return { h, slices };
}

describe('endpointslice controller', () => {
  it('creates a slice with labels, ownerReference, conditions, nodeName and targetRef', () => {
    const { h, slices } = setup();
    const svc = makeService(h, 'web', { ports: [{ name: 'http', port: 8080, targetPort: 80 }] }, 'default', { app: 'web' });
    const p = makePod(h, 'web-1', { ip: '10.244.1.5', node: 'node01' });
    makePod(h, 'web-2', { ip: '10.244.2.5', node: 'node02', ready: false });
    h.settle();
    const list = slices('web');
    expect(list).toHaveLength(1);
    const s = list[0];
    expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata.generateName).toBe('web-');
    expect(s.metadata.labels).toEqual({
      app: 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'web',
    });
    expect(s.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(s.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBeDefined();
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(s.endpoints).toEqual([
      {
        addresses: ['10.244.1.5'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: p.metadata.uid },
        nodeName: 'node01',
      },
      expect.objectContaining({ addresses: ['10.244.2.5'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'node02' }),
    ]);
  });

  it('keeps terminating pods as serving but not ready, and updates only on change', () => {
    const { h, slices } = setup();
    makeService(h, 'web', {});
    const p = makePod(h, 'web-1', { ip: '10.244.1.5' });
    h.settle();
    const rv = slices('web')[0].metadata.resourceVersion;
    h.client.patch('pods', 'default', 'web-1', 'merge', { metadata: { annotations: { x: 'y' } } });
    h.settle();
    expect(slices('web')[0].metadata.resourceVersion).toBe(rv);
    setPodStatus(h, p, '10.244.1.5', true);
    h.client.delete('pods', 'default', 'web-1');
    h.settle();
    const eps = slices('web')[0].endpoints as { conditions: unknown }[] | null;
    if (h.client.get('pods', 'default', 'web-1')) {
      expect(eps?.[0].conditions).toEqual({ ready: false, serving: true, terminating: true });
    } else {
      expect(eps ?? []).toEqual([]);
    }
  });

  it('keeps one placeholder slice for a service without pods', () => {
    const { h, slices } = setup();
    makeService(h, 'web', {});
    h.settle();
    const list = slices('web');
    expect(list).toHaveLength(1);
    expect(list[0].endpoints ?? []).toEqual([]);
    expect(list[0].ports ?? []).toEqual([]);
    makePod(h, 'web-1', { ip: '10.244.1.5' });
    h.settle();
    const after = slices('web');
    expect(after).toHaveLength(1);
    expect((after[0].endpoints as unknown[]).length).toBe(1);
  });

  it('splits pods with different named ports into slices, at most 100 endpoints each', () => {
    const { h, slices } = setup();
    makeService(h, 'web', { ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    makePod(h, 'a', { ip: '10.244.1.5', ports: [{ name: 'web', containerPort: 8080 }] });
    makePod(h, 'b', { ip: '10.244.2.5', ports: [{ name: 'web', containerPort: 9090 }] });
    h.settle();
    const ports = slices('web').map((s) => (s.ports as { port: number }[])[0].port).sort();
    expect(ports).toEqual([8080, 9090]);
    for (let i = 0; i < 130; i++) makePod(h, `many-${i}`, { ip: `10.244.3.${i + 2}`, ports: [{ name: 'web', containerPort: 8080 }] });
    h.settle();
    const sizes = slices('web').map((s) => (s.endpoints as unknown[]).length).sort((a, b) => a - b);
    expect(sizes).toEqual([1, 31, 100]);
  });

  it('ignores services without selectors', () => {
    const { h, slices } = setup();
    // The apiserver's own slice for `kubernetes` (written at bootstrap) is not the controller's.
    const before = slices('kubernetes');
    h.client.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
    h.settle();
    expect(slices('manual')).toEqual([]);
    expect(slices('kubernetes')).toEqual(before);
  });
});
