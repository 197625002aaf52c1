// The strategies behind the real request path (createCluster's apiserver).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';
import type { ApiRequest } from '../../../../api/client';

function setup() {
  const c = createCluster({ seed: 11 });
  const call = (req: ApiRequest) => c.api.handle(req) as { status: number; body: any };
  return { c, call };
}

const service = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });

describe('core strategies through the apiserver', () => {
  it('allocates a ClusterIP and NodePort and answers conflicts as Invalid', () => {
    const { call } = setup();
    const a = call({ verb: 'POST', path: '/api/v1/namespaces/default/services', body: service('a', { type: 'NodePort', selector: { app: 'a' }, ports: [{ port: 80, nodePort: 30080 }] }) });
    expect(a.status).toBe(201);
    expect(a.body.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    const b = call({ verb: 'POST', path: '/api/v1/namespaces/default/services', body: service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }) });
    expect(b.status).toBe(422);
    expect(b.body.message).toBe('Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    expect(call({ verb: 'DELETE', path: '/api/v1/namespaces/default/services/a' }).status).toBe(200);
    expect(call({ verb: 'POST', path: '/api/v1/namespaces/default/services', body: service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }) }).status).toBe(201);
  });

  it('keeps an allocated nodePort through a merge patch that rewrites the ports', () => {
    const { call } = setup();
    call({ verb: 'POST', path: '/api/v1/namespaces/default/services', body: service('a', { type: 'NodePort', ports: [{ name: 'http', port: 80 }] }) });
    const np = call({ verb: 'GET', path: '/api/v1/namespaces/default/services/a' }).body.spec.ports[0].nodePort;
    const res = call({
      verb: 'PATCH',
      path: '/api/v1/namespaces/default/services/a',
      contentType: 'application/merge-patch+json',
      body: { spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
    });
    expect(res.status).toBe(200);
    expect(res.body.spec.ports[0]).toMatchObject({ nodePort: np, targetPort: 8080 });
  });

  it('namespaces: created Active, deleted to Terminating', () => {
    const { call } = setup();
    const created = call({ verb: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ metadata: { labels: { 'kubernetes.io/metadata.name': 'team' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    const del = call({ verb: 'DELETE', path: '/api/v1/namespaces/team' });
    expect(del.status).toBe(200);
    const got = call({ verb: 'GET', path: '/api/v1/namespaces/team' });
    expect(got.status).toBe(200);
    expect(got.body.status.phase).toBe('Terminating');
    expect(got.body.metadata.deletionTimestamp).toBeTruthy();
  });

  it('secrets: stringData folded, bad base64 is a BadRequest', () => {
    const { call } = setup();
    const ok = call({ verb: 'POST', path: '/api/v1/namespaces/default/secrets', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ type: 'Opaque', data: { password: 'aHVudGVyMg==' } });
    expect(ok.body.stringData).toBeUndefined();
    const bad = call({ verb: 'POST', path: '/api/v1/namespaces/default/secrets', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 't' }, data: { a: 'x' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0');
  });
});
