// Regressions found by the kubectl fuzz (tests/fuzz): bad input gets a 4xx Status, never a 500
// from a thrown exception.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';

describe('apiserver on bad input', () => {
  it('null list items decode to zero values (validation reports them), not a crash', () => {
    const c = createCluster({ seed: 1 });
    const body = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { a: null } },
      spec: { containers: [{ name: 'a', image: 'nginx', ports: [null], command: [null] }], volumes: null },
    };
    const res = c.api.handle({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: JSON.stringify(body), contentType: 'application/json' });
    expect(res.status).toBe(422);
    expect((res.body as { message: string }).message).toContain('spec.containers[0].ports[0].containerPort: Required value');
    const ok = c.api.handle({ verb: 'POST', path: '/api/v1/namespaces/default/configmaps', body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: null } }, data: { k: null } }), contentType: 'application/json' });
    expect(ok.status).toBe(201);
    expect((ok.body as { data: unknown }).data).toEqual({ k: '' });
  });

  it('a malformed %-escape in the path is a 400, not an InternalError', () => {
    const c = createCluster({ seed: 1 });
    for (const path of ['/api/v1/namespaces/x%y/pods', '/api/v1/namespaces/default/pods/a%b', '/api/v1/namespaces/default/pods/%E0%A4%A']) {
      const res = c.api.handle({ verb: 'GET', path });
      expect(res.status, path).toBe(400);
      expect((res.body as { reason: string }).reason).toBe('BadRequest');
    }
  });
});
