import { describe, expect, it } from 'vitest';
import { startEndpointsController } from './controller';
import { harness, makePod, makeService, setPodStatus } from './test-helpers';

function setup() {
  const h = harness();
  const ctrl = startEndpointsController(h.ctx);
  h.ctx.informers.start();
  return { h, ctrl, ep: (name: string) => h.client.get('endpoints', 'default', name) };
}

describe('endpoints controller', () => {
  it('lists ready pods in addresses and not-ready pods in notReadyAddresses, sorted by IP', () => {
    const { h, ep } = setup();
    makeService(h, 'web', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] }, 'default', { app: 'web' });
    makePod(h, 'web-b', { ip: '10.244.1.7', node: 'node01' });
    makePod(h, 'web-a', { ip: '10.244.2.3', node: 'node02' });
    makePod(h, 'web-c', { ip: '10.244.1.9', ready: false });
    makePod(h, 'pending'); // no IP yet: not listed
    makePod(h, 'other', { ip: '10.244.1.10', labels: { app: 'db' } });
    h.settle();
    const e = ep('web')!;
    expect(e.metadata.labels).toEqual({ app: 'web' });
    expect(e.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe(h.c.clock.rfc3339());
    expect(e.subsets).toEqual([
      {
        addresses: [
          { ip: '10.244.1.7', nodeName: 'node01', targetRef: expect.objectContaining({ kind: 'Pod', namespace: 'default', name: 'web-b' }) },
          { ip: '10.244.2.3', nodeName: 'node02', targetRef: expect.objectContaining({ name: 'web-a' }) },
        ],
        notReadyAddresses: [{ ip: '10.244.1.9', nodeName: 'node01', targetRef: expect.objectContaining({ name: 'web-c' }) }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('follows readiness and drops terminating pods', () => {
    const { h, ep } = setup();
    makeService(h, 'web', {});
    const p = makePod(h, 'web-1', { ip: '10.244.1.5', ready: false });
    h.settle();
    expect(ep('web')!.subsets).toEqual([{ notReadyAddresses: [expect.objectContaining({ ip: '10.244.1.5' })], ports: [{ port: 80, protocol: 'TCP' }] }]);
    h.c.clock.advance(5000);
    setPodStatus(h, p, '10.244.1.5', true);
    h.settle();
    const e = ep('web')!;
    expect(e.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.5' })], ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(e.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe(h.c.clock.rfc3339());
    // Graceful deletion sets deletionTimestamp: the pod leaves the Endpoints at once.
    h.client.delete('pods', 'default', 'web-1');
    h.settle();
    expect(ep('web')!.subsets).toBeUndefined();
  });

  it('resolves named target ports per pod and skips pods without the port', () => {
    const { h, ep } = setup();
    makeService(h, 'web', { ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    makePod(h, 'a', { ip: '10.244.1.5', ports: [{ name: 'web', containerPort: 8080 }] });
    makePod(h, 'b', { ip: '10.244.2.5', ports: [{ name: 'web', containerPort: 9090 }] });
    makePod(h, 'c', { ip: '10.244.2.6', ports: [{ name: 'other', containerPort: 80 }] });
    h.settle();
    expect(ep('web')!.subsets).toEqual([
      { addresses: [expect.objectContaining({ ip: '10.244.1.5' })], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [expect.objectContaining({ ip: '10.244.2.5' })], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
    ]);
  });

  it('groups two ports of the same pods in one subset', () => {
    const { h, ep } = setup();
    makeService(h, 'web', { ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] });
    makePod(h, 'a', { ip: '10.244.1.5' });
    h.settle();
    expect(ep('web')!.subsets).toEqual([
      { addresses: [expect.objectContaining({ ip: '10.244.1.5' })], ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'https', port: 443, protocol: 'TCP' }] },
    ]);
  });

  it('creates empty endpoints, writes only on change, deletes with the service', () => {
    const { h, ep } = setup();
    makeService(h, 'web', {});
    h.settle();
    const e = ep('web')!;
    expect(e.subsets).toBeUndefined();
    const rv = e.metadata.resourceVersion;
    // A pod annotation change does not touch the Endpoints.
    const p = makePod(h, 'other', { ip: '10.244.1.5', labels: { app: 'x' } });
    h.client.patch('pods', 'default', p.metadata.name!, 'merge', { metadata: { annotations: { a: 'b' } } });
    h.settle();
    expect(ep('web')!.metadata.resourceVersion).toBe(rv);
    h.client.delete('services', 'default', 'web');
    h.settle();
    expect(ep('web')).toBeUndefined();
  });

  it('leaves services without selectors and the kubernetes endpoints alone', () => {
    const { h, ep } = setup();
    const before = ep('kubernetes')!;
    h.client.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
    h.client.create('endpoints', 'default', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'manual' },
      subsets: [{ addresses: [{ ip: '192.168.1.1' }], ports: [{ port: 80, protocol: 'TCP' }] }],
    });
    h.settle();
    expect(ep('manual')!.subsets).toEqual([{ addresses: [{ ip: '192.168.1.1' }], ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(ep('kubernetes')!.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('marks headless services and recreates deleted endpoints', () => {
    const { h, ep } = setup();
    makeService(h, 'db', { clusterIP: 'None', ports: [] });
    makePod(h, 'a', { ip: '10.244.1.5' });
    h.settle();
    expect(ep('db')!.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep('db')!.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.5' })] }]);
    h.client.delete('endpoints', 'default', 'db');
    h.settle();
    expect(ep('db')).toBeDefined();
  });
});
