// The apiserver's semantics through its request interface, as a client sees them.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { ApiRequest } from '../../api/client';
import type { KubeObject, WatchEvent } from '../../api/types';

function setup() {
  const c = createCluster({ seed: 7, controllers: false });
  const call = (req: ApiRequest) => c.api.handle(req);
  const body = (req: ApiRequest) => call(req).body as KubeObject & Record<string, any>;
  return { c, call, body };
}

const pod = (name: string, labels: Record<string, string> = { app: 'web' }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
});

const deployment = (name: string, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  },
});

describe('apiserver: create and get', () => {
  it('stores with uid, creationTimestamp and a resourceVersion from the global revision', () => {
    const { call, c } = setup();
    const before = c.store.revision();
    const res = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: JSON.stringify(pod('a')) });
    expect(res.status).toBe(201);
    const o = res.body as KubeObject;
    expect(o.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(o.metadata.creationTimestamp).toBe(c.clock.rfc3339());
    expect(Number(o.metadata.resourceVersion)).toBe(before + 1);
    const got = call({ verb: 'GET', path: '/api/v1/namespaces/default/pods/a' });
    expect(got.status).toBe(200);
    expect((got.body as KubeObject).metadata.uid).toBe(o.metadata.uid);
  });

  it('refuses a create that carries a resourceVersion as etcd3 storage does (500, no reason), but not a dry run', () => {
    const { call, c } = setup();
    const withRV = { ...pod('rv'), metadata: { name: 'rv', resourceVersion: '3' } };
    const before = c.store.revision();
    const res = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: withRV });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'resourceVersion should not be set on objects to be created', code: 500 });
    expect(c.store.revision()).toBe(before);
    const dry = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', query: { dryRun: 'All' }, body: withRV });
    expect(dry.status).toBe(201);
  });

  it('answers AlreadyExists and NotFound with the real Status', () => {
    const { call } = setup();
    call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a') });
    const dup = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a') });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', message: 'pods "a" already exists', details: { name: 'a', kind: 'pods' } });
    const missing = call({ verb: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/x' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ reason: 'NotFound', message: 'deployments.apps "x" not found', details: { name: 'x', group: 'apps', kind: 'deployments' } });
  });

  it('fills generateName with five characters from the name alphabet', () => {
    const { body } = setup();
    const o = body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: { ...pod(''), metadata: { generateName: 'web-' } } });
    expect(o.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses a missing or terminating namespace', () => {
    const { call } = setup();
    const res = call({ verb: 'POST', path: '/api/v1/namespaces/nope/pods', body: pod('a') });
    expect(res.status).toBe(404);
    expect((res.body as any).message).toBe('namespaces "nope" not found');
    call({ verb: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } } });
    const del = call({ verb: 'DELETE', path: '/api/v1/namespaces/gone' });
    expect(del.status).toBe(200);
    expect((del.body as any).status.phase).toBe('Terminating');
    const res2 = call({ verb: 'POST', path: '/api/v1/namespaces/gone/pods', body: pod('a') });
    expect(res2.status).toBe(403);
    expect((res2.body as any).message).toBe('pods "a" is forbidden: unable to create new content in namespace gone because it is being terminated');
  });

  it('keeps namespaces isolated', () => {
    const { call } = setup();
    call({ verb: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } } });
    call({ verb: 'POST', path: '/api/v1/namespaces/team/pods', body: pod('a') });
    call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a') });
    const team = call({ verb: 'GET', path: '/api/v1/namespaces/team/pods' }).body as any;
    expect(team.items.map((p: KubeObject) => p.metadata.namespace)).toEqual(['team']);
    const all = call({ verb: 'GET', path: '/api/v1/pods' }).body as any;
    // kube-system's own pods (control plane, kube-proxy, CoreDNS) are listed too.
    const names = all.items.map((p: KubeObject) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(names.filter((n: string) => !n.startsWith('kube-system/'))).toEqual(['default/a', 'team/a']);
    expect(names).toContain('kube-system/etcd-controlplane');
  });

  it('dryRun=All validates and defaults but stores nothing', () => {
    const { call, c } = setup();
    const rev = c.store.revision();
    const res = call({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', query: { dryRun: 'All' }, body: deployment('web') });
    expect(res.status).toBe(201);
    expect((res.body as any).spec.strategy.type).toBe('RollingUpdate');
    expect(c.store.revision()).toBe(rev);
    expect(call({ verb: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }).status).toBe(404);
  });
});

describe('apiserver: validation and field validation', () => {
  it('answers Invalid with causes', () => {
    const { call } = setup();
    const bad = deployment('neg');
    bad.spec.replicas = -1;
    const res = call({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: bad });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      reason: 'Invalid',
      message: 'Deployment.apps "neg" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      details: { name: 'neg', group: 'apps', kind: 'Deployment', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }] },
    });
  });

  it('rejects a bad name with the RFC 1123 message', () => {
    const { call } = setup();
    const res = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('Bad_Name') });
    expect(res.status).toBe(422);
    expect((res.body as any).message).toBe(
      `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });

  it('fieldValidation Strict refuses unknown fields; Warn drops them with a warning; Ignore drops them silently', () => {
    const { call } = setup();
    const p = pod('strict') as any;
    p.spec.containers[0].imagePullPolice = 'Always';
    const strict = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', query: { fieldValidation: 'Strict' }, body: JSON.stringify(p) });
    expect(strict.status).toBe(400);
    expect((strict.body as any).message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"');
    const warn = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', query: { fieldValidation: 'Warn' }, body: JSON.stringify(p) });
    expect(warn.status).toBe(201);
    expect(warn.warnings).toEqual(['unknown field "spec.containers[0].imagePullPolice"']);
    expect((warn.body as any).spec.containers[0].imagePullPolice).toBeUndefined();
    p.metadata.name = 'ignored';
    const ign = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', query: { fieldValidation: 'Ignore' }, body: JSON.stringify(p) });
    expect(ign.status).toBe(201);
    expect(ign.warnings).toBeUndefined();
  });

  it('answers malformed bodies with BadRequest and changes nothing', () => {
    const { call, c } = setup();
    const rev = c.store.revision();
    const res = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: '{"apiVersion": "v1", kind: Pod}' });
    expect(res.status).toBe(400);
    expect((res.body as any).reason).toBe('BadRequest');
    const wrong = call({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: deployment('x') });
    expect(wrong.status).toBe(400);
    expect((wrong.body as any).message).toBe('the API version in the data (apps/v1) does not match the expected API version (v1)');
    const proto = call({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: 'k8s\u0000...', contentType: 'application/vnd.kubernetes.protobuf' });
    expect(proto.status).toBe(415);
    expect(c.store.revision()).toBe(rev);
  });
});

describe('apiserver: update, patch, generation', () => {
  it('compare-and-swap on resourceVersion answers the real Conflict', () => {
    const { call, body } = setup();
    const d = structuredClone(body({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web') }));
    const stale = structuredClone(d);
    d.spec.replicas = 3;
    expect(call({ verb: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web', body: d }).status).toBe(200);
    stale.spec.replicas = 5;
    const res = call({ verb: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web', body: stale });
    expect(res.status).toBe(409);
    expect((res.body as any).message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('bumps generation only on spec changes', () => {
    const { call, body } = setup();
    const d = body({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web') });
    expect(d.metadata.generation).toBe(1);
    const labelled = body({
      verb: 'PATCH',
      path: '/apis/apps/v1/namespaces/default/deployments/web',
      contentType: 'application/merge-patch+json',
      body: JSON.stringify({ metadata: { labels: { tier: 'fe' } } }),
    });
    expect(labelled.metadata.generation).toBe(1);
    const scaled = body({
      verb: 'PATCH',
      path: '/apis/apps/v1/namespaces/default/deployments/web',
      contentType: 'application/strategic-merge-patch+json',
      body: JSON.stringify({ spec: { replicas: 4 } }),
    });
    expect(scaled.metadata.generation).toBe(2);
    void call;
  });

  it('a patch that changes nothing keeps the resourceVersion', () => {
    const { body } = setup();
    const d = body({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web') });
    const same = body({
      verb: 'PATCH',
      path: '/apis/apps/v1/namespaces/default/deployments/web',
      contentType: 'application/merge-patch+json',
      body: JSON.stringify({ spec: { replicas: 1 } }),
    });
    expect(same.metadata.resourceVersion).toBe(d.metadata.resourceVersion);
  });

  it('applies JSON patch, merge patch and strategic merge patch by merge key', () => {
    const { body } = setup();
    body({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web') });
    const path = '/apis/apps/v1/namespaces/default/deployments/web';
    const smp = body({
      verb: 'PATCH',
      path,
      contentType: 'application/strategic-merge-patch+json',
      body: JSON.stringify({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }], containers: [{ name: 'c', image: 'nginx:1.26' }] } } } }),
    });
    expect(smp.spec.template.spec.containers).toHaveLength(1);
    expect(smp.spec.template.spec.containers[0]).toMatchObject({ name: 'c', image: 'nginx:1.26', imagePullPolicy: 'IfNotPresent' });
    const jp = body({ verb: 'PATCH', path, contentType: 'application/json-patch+json', body: JSON.stringify([{ op: 'replace', path: '/spec/replicas', value: 2 }]) });
    expect(jp.spec.replicas).toBe(2);
    const mp = body({ verb: 'PATCH', path, contentType: 'application/merge-patch+json', body: JSON.stringify({ metadata: { annotations: { a: 'b' } } }) });
    expect(mp.metadata.annotations).toEqual({ a: 'b' });
  });

  it('answers server-side apply with 415 until it is built', () => {
    const { call } = setup();
    call({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web') });
    const res = call({ verb: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web', contentType: 'application/apply-patch+yaml', body: 'spec: {}' });
    expect(res.status).toBe(415);
    expect((res.body as any).reason).toBe('UnsupportedMediaType');
  });

  it('serves the scale subresource as autoscaling/v1 Scale', () => {
    const { body } = setup();
    body({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web') });
    const s = body({ verb: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web/scale', contentType: 'application/merge-patch+json', body: '{"spec":{"replicas":4}}' });
    expect(s).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 4 }, status: { replicas: 0, selector: 'app=web' } });
    expect(body({ verb: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }).spec.replicas).toBe(4);
  });

  it('status writes ignore spec, and main writes ignore status', () => {
    const { body } = setup();
    const d = structuredClone(body({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web') }));
    const st = body({ verb: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web/status', body: { ...d, spec: { ...d.spec, replicas: 9 }, status: { replicas: 1 } } });
    expect(st.spec.replicas).toBe(1);
    expect(st.status.replicas).toBe(1);
    const main = body({ verb: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web', body: { ...st, status: { replicas: 7 } } });
    expect(main.status.replicas).toBe(1);
  });
});

describe('apiserver: delete', () => {
  it('deletes with a Status, records Foreground and Orphan as finalizers', () => {
    const { call, body } = setup();
    body({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('a') });
    body({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('b') });
    body({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('c') });
    const bg = call({ verb: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/a', body: '{"propagationPolicy":"Background"}' });
    expect(bg.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'a', group: 'apps', kind: 'deployments' } });
    const fg = body({ verb: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/b', body: '{"propagationPolicy":"Foreground"}' });
    expect(fg.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(fg.metadata.deletionTimestamp).toBeDefined();
    const or = body({ verb: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/c', body: '{"propagationPolicy":"Orphan"}' });
    expect(or.metadata.finalizers).toEqual(['orphan']);
    // Removing the last finalizer completes the deletion.
    call({ verb: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/c', contentType: 'application/merge-patch+json', body: '{"metadata":{"finalizers":null}}' });
    expect(call({ verb: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/c' }).status).toBe(404);
  });

  it('deletes a scheduled pod gracefully and an unscheduled one at once', () => {
    const { call, body } = setup();
    body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('loose') });
    const p = pod('bound') as any;
    p.spec.nodeName = 'node01';
    body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: p });
    const loose = call({ verb: 'DELETE', path: '/api/v1/namespaces/default/pods/loose' });
    expect((loose.body as any).kind).toBe('Pod');
    expect(call({ verb: 'GET', path: '/api/v1/namespaces/default/pods/loose' }).status).toBe(404);
    const bound = body({ verb: 'DELETE', path: '/api/v1/namespaces/default/pods/bound' });
    expect(bound.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(call({ verb: 'GET', path: '/api/v1/namespaces/default/pods/bound' }).status).toBe(200);
  });

  it('deletecollection by label selector', () => {
    const { call, body } = setup();
    body({ verb: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { x: '1' } } } });
    body({ verb: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', labels: { x: '2' } } } });
    call({ verb: 'DELETE', path: '/api/v1/namespaces/default/configmaps', query: { labelSelector: 'x=1' } });
    const left = body({ verb: 'GET', path: '/api/v1/namespaces/default/configmaps' });
    expect(left.items.map((o: KubeObject) => o.metadata.name)).toEqual(['b']);
  });

  it('refuses to delete the default namespace', () => {
    const { call } = setup();
    const res = call({ verb: 'DELETE', path: '/api/v1/namespaces/default' });
    expect(res.status).toBe(403);
    expect((res.body as any).message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });
});

describe('apiserver: list, selectors, watch', () => {
  it('lists with label selectors (all operators) and field selectors', () => {
    const { call, body } = setup();
    body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a', { app: 'web', tier: 'fe' }) });
    body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('b', { app: 'db' }) });
    body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('c', { app: 'web' }) });
    const names = (q: Record<string, string>) => body({ verb: 'GET', path: '/api/v1/namespaces/default/pods', query: q }).items.map((o: KubeObject) => o.metadata.name);
    expect(names({ labelSelector: 'app=web' })).toEqual(['a', 'c']);
    expect(names({ labelSelector: 'app!=web' })).toEqual(['b']);
    expect(names({ labelSelector: 'app in (db,web),!tier' })).toEqual(['b', 'c']);
    expect(names({ labelSelector: 'tier' })).toEqual(['a']);
    expect(names({ fieldSelector: 'metadata.name=b' })).toEqual(['b']);
    expect(names({ fieldSelector: 'status.phase!=Running,metadata.name!=a' })).toEqual(['b', 'c']);
    const bad = call({ verb: 'GET', path: '/api/v1/namespaces/default/pods', query: { fieldSelector: 'spec.foo=x' } });
    expect(bad.status).toBe(400);
    expect((bad.body as any).message).toBe('field label not supported: spec.foo');
  });

  it('watch replays from a resourceVersion, streams, and filters by selector', () => {
    const { c, call, body } = setup();
    const list = body({ verb: 'GET', path: '/api/v1/namespaces/default/pods' });
    body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a') });
    const events: WatchEvent[] = [];
    const sub = c.api.watch(
      { verb: 'GET', path: '/api/v1/namespaces/default/pods', query: { watch: 'true', resourceVersion: String(list.metadata.resourceVersion), labelSelector: 'app=web' } },
      { event: (e) => events.push(e as WatchEvent), end: () => {} },
    );
    body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('b', { app: 'db' }) });
    call({ verb: 'DELETE', path: '/api/v1/namespaces/default/pods/a' });
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'DELETED a']);
    expect('stop' in sub).toBe(true);
  });

  it('a watch from a compacted revision gets a 410 Expired ERROR event', () => {
    const { c, body } = setup();
    for (let i = 0; i < 5; i++) body({ verb: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } } });
    c.store.compact(c.store.revision() - 1);
    const events: WatchEvent<any>[] = [];
    c.api.watch({ verb: 'GET', path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true', resourceVersion: '3' } }, { event: (e) => events.push(e as WatchEvent<any>), end: () => {} });
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(events[0].object.message).toMatch(/^too old resource version: 3 \(\d+\)$/);
  });
});

describe('apiserver: discovery and Tables', () => {
  it('serves aggregated discovery with its Content-Type, and legacy discovery otherwise', () => {
    const { call } = setup();
    const agg = call({ verb: 'GET', path: '/apis', accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
    expect(agg.contentType).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const apps = (agg.body as any).items.find((g: any) => g.metadata.name === 'apps');
    expect(apps.versions[0].resources.find((r: any) => r.resource === 'deployments')).toMatchObject({ shortNames: ['deploy'], categories: ['all'], scope: 'Namespaced' });
    const legacy = call({ verb: 'GET', path: '/api/v1' });
    expect((legacy.body as any).resources.find((r: any) => r.name === 'pods/log')).toBeDefined();
  });

  it('answers Tables when asked, with PartialObjectMetadata rows', () => {
    const { call, body } = setup();
    body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a') });
    const t = call({ verb: 'GET', path: '/api/v1/namespaces/default/pods', accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(t.contentType).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    const table = t.body as any;
    expect(table.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(table.rows[0].cells.slice(0, 5)).toEqual(['a', '0/1', 'Pending', '0', '0s']);
    expect(table.rows[0].object.kind).toBe('PartialObjectMetadata');
  });

  it('serves /version, health and OpenAPI v3', () => {
    const { call } = setup();
    expect((call({ verb: 'GET', path: '/version' }).body as any).gitVersion).toBe('v1.32.0');
    expect(call({ verb: 'GET', path: '/healthz' }).body).toBe('ok');
    const root = call({ verb: 'GET', path: '/openapi/v3' }).body as any;
    expect(root.paths['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=/);
    expect(call({ verb: 'GET', path: '/openapi/v2' }).status).toBe(404);
  });

  it('answers SelfSubjectAccessReview as allowed', () => {
    const { call } = setup();
    const res = call({ verb: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } } });
    expect(res.status).toBe(201);
    expect((res.body as any).status.allowed).toBe(true);
  });
});

describe('cluster snapshot', () => {
  it('restores the same objects, revision and virtual time', async () => {
    const { c, body } = setup();
    body({ verb: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a') });
    c.clock.advance(5000);
    const snap = JSON.parse(JSON.stringify(c.snapshot()));
    const { restoreCluster } = await import('../cluster');
    const r = restoreCluster(snap, { controllers: false });
    expect(r.clock.now()).toBe(c.clock.now());
    expect(r.store.revision()).toBe(c.store.revision());
    expect((r.api.handle({ verb: 'GET', path: '/api/v1/namespaces/default/pods/a' }).body as KubeObject).metadata.uid).toBe(
      (c.api.handle({ verb: 'GET', path: '/api/v1/namespaces/default/pods/a' }).body as KubeObject).metadata.uid,
    );
  });
});
