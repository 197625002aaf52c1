import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../../api/types';
import { startGarbageCollector } from './index';
import { podTemplate, testCluster, type TestCluster } from '../replicaset/testutil';

const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const RS = '/apis/apps/v1/namespaces/default/replicasets';
const PODS = '/api/v1/namespaces/default/pods';
const CM = '/api/v1/namespaces/default/configmaps';

function ref(o: KubeObject, apiVersion: string, kind: string, extra: Partial<OwnerReference> = { controller: true, blockOwnerDeletion: true }): OwnerReference {
  return { apiVersion, kind, name: o.metadata.name!, uid: o.metadata.uid!, ...extra };
}

/** Deployment web → ReplicaSet web-7c5ddbdf54 → two pods, written by hand. */
function chain(t: TestCluster, bind = false) {
  const labels = { app: 'web', 'pod-template-hash': '7c5ddbdf54' };
  const d = t.post(DEPLOY, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) } });
  const rs = t.post(RS, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-7c5ddbdf54', labels, ownerReferences: [ref(d, 'apps/v1', 'Deployment')] },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: podTemplate(labels) },
  });
  const pods = [0, 1].map((i) =>
    t.post(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-7c5ddbdf54-p${i}`, labels, ownerReferences: [ref(rs, 'apps/v1', 'ReplicaSet')] },
      spec: { ...(podTemplate(labels).spec as object), ...(bind ? { nodeName: 'node01' } : {}) },
    }),
  );
  return { d, rs, pods };
}

function setup() {
  const t = testCluster();
  const gc = startGarbageCollector(t.ctx);
  t.ctx.informers.start();
  t.c.clock.advance(1);
  return { t, gc };
}

const names = (t: TestCluster, path: string) => t.list(path).map((o) => o.metadata.name);

describe('garbage collector', () => {
  it('Background: deleting the Deployment removes its ReplicaSet, then the pods', () => {
    const { t } = setup();
    chain(t);
    t.c.clock.advance(1);
    expect(t.call({ verb: 'DELETE', path: `${DEPLOY}/web`, body: { propagationPolicy: 'Background' } }).status).toBe(200);
    expect(names(t, RS)).toEqual(['web-7c5ddbdf54']);
    t.c.clock.advance(1);
    expect(names(t, DEPLOY)).toEqual([]);
    expect(names(t, RS)).toEqual([]);
    expect(names(t, PODS)).toEqual([]);
  });

  it('Foreground: the owner stays with foregroundDeletion until blocking dependents are gone', () => {
    const { t } = setup();
    chain(t, true);
    t.c.clock.advance(1);
    const r = t.call({ verb: 'DELETE', path: `${DEPLOY}/web`, body: { propagationPolicy: 'Foreground' } });
    expect(r.status).toBe(202);
    t.c.clock.advance(1);
    // Bound pods terminate gracefully; until a kubelet removes them every owner waits.
    const d = t.get(`${DEPLOY}/web`)!;
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    const rs = t.get(`${RS}/web-7c5ddbdf54`)!;
    expect(rs.metadata.deletionTimestamp).toBeDefined();
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    const pods = t.list(PODS);
    expect(pods.map((p) => !!p.metadata.deletionTimestamp)).toEqual([true, true]);
    // The kubelet's final delete.
    for (const p of pods) t.call({ verb: 'DELETE', path: `${PODS}/${p.metadata.name}`, body: { gracePeriodSeconds: 0 } });
    t.c.clock.advance(1);
    expect(names(t, RS)).toEqual([]);
    expect(names(t, DEPLOY)).toEqual([]);
  });

  it('Foreground with non-blocking dependents lifts the finalizer at once, then collects them', () => {
    const { t } = setup();
    const owner = t.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    t.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [ref(owner, 'v1', 'ConfigMap', {})] } });
    t.c.clock.advance(1);
    t.call({ verb: 'DELETE', path: `${CM}/owner`, body: { propagationPolicy: 'Foreground' } });
    t.c.clock.advance(1);
    expect(names(t, CM).filter((n) => n !== 'kube-root-ca.crt')).toEqual([]);
  });

  it('Orphan: dependents lose the reference and survive; the owner goes', () => {
    const { t } = setup();
    const { rs } = chain(t);
    t.c.clock.advance(1);
    t.call({ verb: 'DELETE', path: `${DEPLOY}/web`, body: { propagationPolicy: 'Orphan' } });
    t.c.clock.advance(1);
    expect(names(t, DEPLOY)).toEqual([]);
    const after = t.get(`${RS}/web-7c5ddbdf54`)!;
    expect(after.metadata.uid).toBe(rs.metadata.uid);
    expect(after.metadata.ownerReferences).toBeUndefined();
    expect(names(t, PODS)).toHaveLength(2);
  });

  it('collects an object created with an owner that never existed', () => {
    const { t } = setup();
    t.post(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000', controller: true }] },
      spec: podTemplate({}).spec,
    });
    t.c.clock.advance(1);
    expect(names(t, PODS)).toEqual([]);
  });

  it('treats an owner re-created under the same name (new uid) as gone', () => {
    const { t } = setup();
    const first = t.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    t.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [ref(first, 'v1', 'ConfigMap', {})] } });
    t.call({ verb: 'DELETE', path: `${CM}/owner` });
    t.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    t.c.clock.advance(1);
    expect(names(t, CM)).toEqual(['owner']);
  });

  it('keeps a dependent with another live owner, dropping only the dangling reference', () => {
    const { t } = setup();
    const a = t.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    const b = t.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    t.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [ref(a, 'v1', 'ConfigMap', {}), ref(b, 'v1', 'ConfigMap', {})] } });
    t.c.clock.advance(1);
    t.call({ verb: 'DELETE', path: `${CM}/a` });
    t.c.clock.advance(1);
    expect(t.get(`${CM}/dep`)!.metadata.ownerReferences).toEqual([ref(b, 'v1', 'ConfigMap', {})]);
  });

  it('leaves the bootstrap node leases alone (cluster-scoped owners resolve)', () => {
    const { t } = setup();
    t.c.clock.advance(1000);
    expect(names(t, '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases')).toEqual(['controlplane', 'node01', 'node02']);
  });
});

describe('graph changes', () => {
  it('a status-only update queues no graph change; a new owner reference does', () => {
    const { t, gc } = setup();
    const { pods } = chain(t);
    t.c.clock.advance(1);
    const p = pods[0];
    const path = `${PODS}/${p.metadata.name}`;
    const fresh = t.get(path)!;
    t.call({ verb: 'PUT', path: `${path}/status`, body: { ...fresh, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] } } });
    expect(gc.graphQueue.len()).toBe(0);
    const cm = t.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    t.c.clock.advance(1);
    const cur = t.get(path)!;
    const refs = [...(cur.metadata.ownerReferences ?? []), ref(cm, 'v1', 'ConfigMap', {})];
    t.call({ verb: 'PUT', path, body: { ...cur, metadata: { ...cur.metadata, ownerReferences: refs } } });
    expect(gc.graphQueue.len()).toBe(1);
    t.c.clock.advance(1);
    expect(gc.graph.dependents(cm.metadata.uid!)).toEqual([p.metadata.uid]);
  });

  it('does not track Events (gcIgnoredResources)', () => {
    const { t, gc } = setup();
    const ev = t.post('/api/v1/namespaces/default/events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' },
      reason: 'Test',
      message: 'm',
      type: 'Normal',
    });
    t.c.clock.advance(1);
    expect(gc.graph.has(ev.metadata.uid!)).toBe(false);
  });
});
