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

  describe('numbers outside the Go type of an integer field', () => {
    const setup = () => {
      const c = createCluster({ seed: 1, controllers: false });
      const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } };
      const res = c.api.handle({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: JSON.stringify(dep), contentType: 'application/json' });
      expect(res.status).toBe(201);
      return { c, rv: (res.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion };
    };
    const scalePath = '/apis/apps/v1/namespaces/default/deployments/web/scale';
    const unchanged = (c: ReturnType<typeof createCluster>, rv: string) => {
      const d = c.store.get('deployments.apps', 'default', 'web')!;
      expect(d.metadata.resourceVersion).toBe(rv);
      expect((d.spec as { replicas: number }).replicas).toBe(1);
    };

    it('a merge or JSON patch of the scale to 2147483648 is a 422 on `patch`, and changes nothing', () => {
      const { c, rv } = setup();
      for (const [contentType, body] of [
        ['application/merge-patch+json', '{"spec":{"replicas":2147483648}}'],
        ['application/json-patch+json', '[{"op":"replace","path":"/spec/replicas","value":2147483648}]'],
      ]) {
        const res = c.api.handle({ verb: 'PATCH', path: scalePath, body, contentType });
        expect(res.status, contentType).toBe(422);
        const st = res.body as { message: string; reason: string; details: Record<string, unknown> };
        expect(st.reason).toBe('Invalid');
        const { uid, creationTimestamp } = c.store.get('deployments.apps', 'default', 'web')!.metadata;
        // Keys sorted where json-patch opened the object (top level, spec), as stored elsewhere.
        const patched = `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"default","uid":"${uid}","resourceVersion":"${rv}","creationTimestamp":"${creationTimestamp}"},"spec":{"replicas":2147483648},"status":{"replicas":0,"selector":"app=web"}}`;
        const detail = 'json: cannot unmarshal number 2147483648 into Go struct field ScaleSpec.spec.replicas of type int32';
        expect(st.message).toBe(` "" is invalid: patch: Invalid value: ${JSON.stringify(patched)}: ${detail}`);
        expect(st.details).toEqual({ causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(patched)}: ${detail}`, field: 'patch' }] });
      }
      unchanged(c, rv);
    });

    it('a PUT of the scale with 2147483648 or 2.5 replicas is a 400 decoding error', () => {
      const { c, rv } = setup();
      for (const n of ['2147483648', '2.5', '-2147483649']) {
        const body = `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":${n}}}`;
        const res = c.api.handle({ verb: 'PUT', path: scalePath, body, contentType: 'application/json' });
        expect(res.status, n).toBe(400);
        expect((res.body as { message: string }).message).toBe(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal number ${n} into Go struct field ScaleSpec.spec.replicas of type int32`);
      }
      unchanged(c, rv);
    });

    it('a merge patch of the Deployment itself gets the same 422; int64 fields take larger numbers', () => {
      const { c, rv } = setup();
      const path = '/apis/apps/v1/namespaces/default/deployments/web';
      const bad = c.api.handle({ verb: 'PATCH', path, body: '{"spec":{"replicas":2.5}}', contentType: 'application/merge-patch+json' });
      expect(bad.status).toBe(422);
      expect((bad.body as { message: string }).message).toMatch(/^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"apps\/v1\\",\\"kind\\":\\"Deployment\\",\\"metadata\\":\{.*: json: cannot unmarshal number 2\.5 into Go struct field DeploymentSpec\.spec\.replicas of type int32$/);
      unchanged(c, rv);
      const grace = '{"spec":{"template":{"spec":{"terminationGracePeriodSeconds":2147483648}}}}';
      expect(c.api.handle({ verb: 'PATCH', path, body: grace, contentType: 'application/merge-patch+json' }).status).toBe(200);
    });

    it('a create past the store quota is the 500 etcd error, passed through', () => {
      const cm = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v'.repeat(150) } });
      const probe = createCluster({ seed: 1, controllers: false });
      const base = probe.store.spaceUsed().bytes;
      probe.api.handle({ verb: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a'), contentType: 'application/json' });
      const one = probe.store.spaceUsed().bytes - base;
      const c = createCluster({ seed: 1, controllers: false, quotaBackendBytes: base + one * 1.5 });
      const res = c.api.handle({ verb: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a'), contentType: 'application/json' });
      expect(res.status).toBe(201);
      const full = c.api.handle({ verb: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('b'), contentType: 'application/json' });
      expect(full.status).toBe(500);
      expect(full.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'etcdserver: mvcc: database space exceeded', code: 500 });
      expect(c.store.get('configmaps', 'default', 'b')).toBeUndefined();
    });
  });

  it('a generated name already taken is drawn again, 8 attempts in all (RetryGenerateName)', () => {
    const c = createCluster({ seed: 1, controllers: false });
    const draws = ['aaaaa', 'aaaaa', 'bbbbb', ...Array(8).fill('aaaaa')];
    c.rand.nameSuffix = () => draws.shift()!;
    const post = () => c.api.handle({ verb: 'POST', path: '/api/v1/namespaces/default/configmaps', body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'c-' } }), contentType: 'application/json' });
    expect((post().body as { metadata: { name: string } }).metadata.name).toBe('c-aaaaa');
    expect((post().body as { metadata: { name: string } }).metadata.name).toBe('c-bbbbb');
    const third = post();
    expect(third.status).toBe(409);
    expect((third.body as { message: string }).message).toBe('configmaps "c-aaaaa" already exists');
    expect(draws).toEqual([]);
  });
});
