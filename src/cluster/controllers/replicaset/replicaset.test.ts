import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types';
import type { ApiHandler, ApiRequest } from '../../../api/client';
import { createControllerContext } from '../context';
import { startReplicaSetController, startReplicationManager } from './index';
import { eventsFor, markRunningReady, podTemplate, replicaSet, testCluster, type TestCluster } from './testutil';

const RS_PATH = '/apis/apps/v1/namespaces/default/replicasets';
const PODS = '/api/v1/namespaces/default/pods';
const HASH = '7c5ddbdf54';
const LABELS = { app: 'web', 'pod-template-hash': HASH };

function setup(seed = 1) {
  const t = testCluster(seed);
  const rsc = startReplicaSetController(t.ctx);
  t.ctx.informers.start();
  return { t, rsc };
}

function pods(t: TestCluster, ns = 'default'): KubeObject[] {
  return t.list(`/api/v1/namespaces/${ns}/pods`);
}

function rsStatus(t: TestCluster, name: string): Record<string, unknown> {
  return t.get(`${RS_PATH}/${name}`)!.status as Record<string, unknown>;
}

function scale(t: TestCluster, name: string, replicas: number): void {
  const r = t.call({ verb: 'PATCH', path: `${RS_PATH}/${name}/scale`, contentType: 'application/merge-patch+json', body: JSON.stringify({ spec: { replicas } }) });
  expect(r.status).toBe(200);
}

describe('ReplicaSet controller: scaling', () => {
  it('creates the missing pods from the template with generated names, owner references and events', () => {
    const { t } = setup();
    const rs = t.post(RS_PATH, replicaSet(`web-${HASH}`, 3, LABELS));
    t.c.clock.advance(1);
    const ps = pods(t);
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${HASH}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.generateName).toBe(`web-${HASH}-`);
      expect(p.metadata.labels).toEqual(LABELS);
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${HASH}`, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(eventsFor(t, `web-${HASH}`).sort()).toEqual(ps.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
    const ev = t.list('/api/v1/namespaces/default/events')[0];
    expect(ev.source).toEqual({ component: 'replicaset-controller' });
    expect(ev.involvedObject).toMatchObject({ kind: 'ReplicaSet', apiVersion: 'apps/v1', name: `web-${HASH}` });
    expect(rsStatus(t, `web-${HASH}`)).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('is deterministic: the same seed gives the same pod names', () => {
    const names = () => {
      const { t } = setup(7);
      t.post(RS_PATH, replicaSet('web', 2, { app: 'web' }));
      t.c.clock.advance(1);
      return pods(t).map((p) => p.metadata.name);
    };
    expect(names()).toEqual(names());
  });

  it('scales down, deleting the least valuable pods first, and reports SuccessfulDelete', () => {
    const { t } = setup();
    t.post(RS_PATH, replicaSet('web', 4, { app: 'web' }));
    t.c.clock.advance(1);
    const [a, b, c] = pods(t);
    // a and b run and are ready; c is bound but pending; the fourth stays unscheduled.
    markRunningReady(t, a, 'node01');
    t.c.clock.advance(1000);
    markRunningReady(t, b, 'node02');
    t.call({ verb: 'POST', path: `${PODS}/${c.metadata.name}/binding`, body: { target: { kind: 'Node', name: 'node01' } } });
    t.c.clock.advance(1);
    const unscheduled = pods(t).find((p) => ![a, b, c].some((x) => x.metadata.name === p.metadata.name))!;
    scale(t, 'web', 1);
    t.c.clock.advance(1);
    // The three doomed pods are gone at once (an unscheduled pod has no grace) or terminating.
    const left = pods(t).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name);
    expect(left).toEqual([a.metadata.name]);
    const deletes = eventsFor(t, 'web').filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual([
      `SuccessfulDelete: Deleted pod: ${unscheduled.metadata.name}`,
      `SuccessfulDelete: Deleted pod: ${c.metadata.name}`,
      `SuccessfulDelete: Deleted pod: ${b.metadata.name}`,
    ]);
    expect(rsStatus(t, 'web')).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 2 });
  });

  it('replaces a deleted pod', () => {
    const { t } = setup();
    t.post(RS_PATH, replicaSet('web', 2, { app: 'web' }));
    t.c.clock.advance(1);
    const [victim] = pods(t);
    t.call({ verb: 'DELETE', path: `${PODS}/${victim.metadata.name}` });
    t.c.clock.advance(1);
    const now = pods(t);
    expect(now).toHaveLength(2);
    expect(now.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
    expect(eventsFor(t, 'web').filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(3);
  });

  it('replaces a gracefully terminating pod at once, without counting it', () => {
    const { t } = setup();
    t.post(RS_PATH, replicaSet('web', 1, { app: 'web' }));
    t.c.clock.advance(1);
    const [p] = pods(t);
    markRunningReady(t, p);
    t.c.clock.advance(1);
    t.call({ verb: 'DELETE', path: `${PODS}/${p.metadata.name}` });
    t.c.clock.advance(1);
    const all = pods(t);
    expect(all).toHaveLength(2);
    expect(all.filter((x) => x.metadata.deletionTimestamp).map((x) => x.metadata.name)).toEqual([p.metadata.name]);
    expect(rsStatus(t, 'web')).toMatchObject({ replicas: 1 });
  });

  it('creates in slow-start batches capped at burstReplicas per sync', () => {
    const t = testCluster();
    startReplicaSetController(t.ctx, { burstReplicas: 5 });
    t.ctx.informers.start();
    t.post(RS_PATH, replicaSet('web', 12, { app: 'web' }));
    t.c.clock.advance(1);
    expect(pods(t)).toHaveLength(12);
  });
});

describe('ReplicaSet controller: ownership', () => {
  it('adopts orphan pods that match the selector and creates only the rest', () => {
    const { t } = setup();
    const orphan = t.post(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: podTemplate({}).spec });
    const rs = t.post(RS_PATH, replicaSet('web', 2, { app: 'web' }));
    t.c.clock.advance(1);
    const adopted = t.get(`${PODS}/stray`)!;
    expect(adopted.metadata.uid).toBe(orphan.metadata.uid);
    expect(adopted.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pods(t)).toHaveLength(2);
    expect(eventsFor(t, 'web').filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(1);
  });

  it('leaves pods controlled by someone else alone', () => {
    const { t } = setup();
    t.post(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'theirs', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: 'u-other', controller: true }] },
      spec: podTemplate({}).spec,
    });
    t.post(RS_PATH, replicaSet('web', 1, { app: 'web' }));
    t.c.clock.advance(1);
    expect(pods(t)).toHaveLength(2);
    expect(t.get(`${PODS}/theirs`)!.metadata.ownerReferences![0].uid).toBe('u-other');
  });

  it('releases a pod whose labels stop matching and replaces it', () => {
    const { t } = setup();
    t.post(RS_PATH, replicaSet('web', 2, { app: 'web' }));
    t.c.clock.advance(1);
    const [p] = pods(t);
    t.call({ verb: 'PATCH', path: `${PODS}/${p.metadata.name}`, contentType: 'application/merge-patch+json', body: JSON.stringify({ metadata: { labels: { app: 'debug' } } }) });
    t.c.clock.advance(1);
    const released = t.get(`${PODS}/${p.metadata.name}`)!;
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
    const owned = pods(t).filter((x) => x.metadata.ownerReferences?.length);
    expect(owned).toHaveLength(2);
    expect(rsStatus(t, 'web')).toMatchObject({ replicas: 2, fullyLabeledReplicas: 2 });
  });

  it('counts fullyLabeledReplicas against the template labels, not the selector', () => {
    const { t } = setup();
    t.post(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'partial', labels: { app: 'web' } }, spec: podTemplate({}).spec });
    const rs = replicaSet('web', 2, { app: 'web' });
    (rs.spec as { template: { metadata: { labels: object } } }).template.metadata.labels = { app: 'web', tier: 'fe' };
    t.post(RS_PATH, rs);
    t.c.clock.advance(1);
    expect(rsStatus(t, 'web')).toEqual({ replicas: 2, fullyLabeledReplicas: 1, observedGeneration: 1 });
  });
});

describe('ReplicaSet controller: expectations and status', () => {
  it('does not create again while creations are still expected (upstream TestSyncReplicaSetDormancy)', () => {
    const { t, rsc } = setup();
    t.post(RS_PATH, replicaSet('web', 2, { app: 'web' }));
    t.c.clock.advance(1);
    expect(pods(t)).toHaveLength(2);
    // Pretend two more creations are in flight: a sync must not act on the stale count.
    rsc.expectations.expectCreations('default/web', 1);
    t.call({ verb: 'DELETE', path: `${PODS}/${pods(t)[0].metadata.name}` });
    t.c.clock.advance(1);
    expect(pods(t)).toHaveLength(1);
    rsc.expectations.creationObserved('default/web');
    rsc.syncReplicaSet('default/web');
    expect(pods(t)).toHaveLength(2);
  });

  it('a sync right after another creates nothing more', () => {
    const { t, rsc } = setup();
    t.post(RS_PATH, replicaSet('web', 3, { app: 'web' }));
    rsc.syncReplicaSet('default/web');
    rsc.syncReplicaSet('default/web');
    t.c.clock.advance(1);
    expect(pods(t)).toHaveLength(3);
  });

  it('counts availableReplicas only after minReadySeconds, requeueing at the exact moment', () => {
    const { t } = setup();
    t.post(RS_PATH, replicaSet('web', 2, { app: 'web' }, { spec: { minReadySeconds: 10 } }));
    t.c.clock.advance(1);
    for (const p of pods(t)) markRunningReady(t, p);
    t.c.clock.advance(1);
    expect(rsStatus(t, 'web')).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(rsStatus(t, 'web').availableReplicas).toBeUndefined();
    t.c.clock.advance(9_998);
    expect(rsStatus(t, 'web').availableReplicas).toBeUndefined();
    t.c.clock.advance(2);
    expect(rsStatus(t, 'web')).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });

  it('records FailedCreate and the ReplicaFailure condition when the apiserver refuses pods, and clears it', () => {
    const t = testCluster();
    let refuse = true;
    const api: ApiHandler = {
      handle: (req: ApiRequest) => {
        if (refuse && req.verb === 'POST' && req.path === PODS) {
          return {
            status: 403,
            contentType: 'application/json',
            body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403, message: 'pods "web-abcde" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0' },
          };
        }
        return t.c.api.handle(req);
      },
      watch: (req, sink) => t.c.api.watch(req, sink),
    };
    const ctx = createControllerContext(api, t.c.clock, t.c.rand);
    startReplicaSetController(ctx);
    ctx.informers.start();
    t.post(RS_PATH, replicaSet('web', 3, { app: 'web' }));
    t.c.clock.advance(1);
    expect(pods(t)).toHaveLength(0);
    // Slow start: one attempt, one event, not three.
    expect(eventsFor(t, 'web')).toEqual(['FailedCreate: Error creating: pods "web-abcde" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0']);
    const st = rsStatus(t, 'web') as { conditions: Record<string, string>[] };
    expect(st.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: t.c.clock.rfc3339(), reason: 'FailedCreate', message: 'pods "web-abcde" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0' },
    ]);
    refuse = false;
    t.c.clock.advance(1000);
    expect(pods(t)).toHaveLength(3);
    expect(rsStatus(t, 'web').conditions).toBeUndefined();
  });
});

describe('ReplicationController manager', () => {
  it('runs the same controller for RCs with map selectors and its own event source', () => {
    const t = testCluster();
    startReplicationManager(t.ctx);
    t.ctx.informers.start();
    const rc = t.post('/api/v1/namespaces/default/replicationcontrollers', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'nginx' },
      spec: { replicas: 2, selector: { app: 'nginx' }, template: podTemplate({ app: 'nginx' }) },
    });
    t.c.clock.advance(1);
    const ps = pods(t);
    expect(ps).toHaveLength(2);
    expect(ps[0].metadata.name).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(ps[0].metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', uid: rc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const ev = t.list('/api/v1/namespaces/default/events')[0];
    expect(ev.source).toEqual({ component: 'replication-controller' });
    expect(t.get('/api/v1/namespaces/default/replicationcontrollers/nginx')!.status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });
  });
});
