import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types';
import { startNamespaceController } from './index';
import { podTemplate, testCluster, type TestCluster } from '../replicaset/testutil';

const NS = '/api/v1/namespaces';

function setup() {
  const t = testCluster();
  const nc = startNamespaceController(t.ctx);
  t.ctx.informers.start();
  t.post(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
  return { t, nc };
}

function pod(name: string, nodeName?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { ...(podTemplate({}).spec as object), ...(nodeName ? { nodeName } : {}) } };
}

function conditions(t: TestCluster): Record<string, string>[] {
  return ((t.get(`${NS}/demo`)!.status as { conditions?: Record<string, string>[] }).conditions ?? []).map(({ type, status, reason, message }) => ({ type, status, reason, message }));
}

describe('namespace controller', () => {
  it('deletes every namespaced object, waits for terminating pods, then finalizes', () => {
    const { t } = setup();
    t.post(`${NS}/demo/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: 'b' } });
    t.post(`${NS}/demo/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }], selector: { app: 'web' } } });
    t.post('/apis/apps/v1/namespaces/demo/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) },
    });
    t.post(`${NS}/demo/pods`, pod('pending'));
    t.post(`${NS}/demo/pods`, pod('running', 'node01'));
    t.c.clock.advance(1);

    const del = t.call({ verb: 'DELETE', path: `${NS}/demo` });
    expect(del.status).toBe(200);
    expect((t.get(`${NS}/demo`)!.status as { phase: string }).phase).toBe('Terminating');
    t.c.clock.advance(1);

    expect(t.list(`${NS}/demo/configmaps`)).toEqual([]);
    expect(t.list(`${NS}/demo/services`)).toEqual([]);
    expect(t.list('/apis/apps/v1/namespaces/demo/deployments')).toEqual([]);
    const left = t.list(`${NS}/demo/pods`);
    expect(left.map((p) => p.metadata.name)).toEqual(['running']);
    expect(left[0].metadata.deletionTimestamp).toBeDefined();
    expect(conditions(t)).toEqual([
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
      { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
      { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 1 resource instances' },
      { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    ]);
    expect((t.get(`${NS}/demo`)!.spec as { finalizers: string[] }).finalizers).toEqual(['kubernetes']);

    // Creating new content is refused meanwhile.
    expect(t.call({ verb: 'POST', path: `${NS}/demo/configmaps`, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } } }).status).toBe(403);

    // The kubelet finishes the pod; the controller notices on its next pass (estimate 30 s / 2 + 1).
    t.call({ verb: 'DELETE', path: `${NS}/demo/pods/running`, body: { gracePeriodSeconds: 0 } });
    t.c.clock.advance(15_000);
    expect(t.get(`${NS}/demo`)).toBeDefined();
    t.c.clock.advance(1_000);
    // Finalized through PUT …/finalize; the apiserver then removes the namespace.
    expect(t.get(`${NS}/demo`)).toBeUndefined();
  });

  it('reports pods that outlive their grace period as a content failure and keeps retrying', () => {
    const { t } = setup();
    t.post(`${NS}/demo/pods`, pod('stuck', 'node01'));
    t.call({ verb: 'DELETE', path: `${NS}/demo` });
    // Passes at 0 s, 16 s (estimate still 30 s) and 32 s (grace over: the pod should be gone by now).
    t.c.clock.advance(32_000);
    expect(conditions(t).find((c) => c.type === 'NamespaceDeletionContentFailure')).toEqual({
      type: 'NamespaceDeletionContentFailure',
      status: 'True',
      reason: 'ContentDeletionFailed',
      message: 'Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: demo for gvr: /v1, Resource=pods',
    });
    t.call({ verb: 'DELETE', path: `${NS}/demo/pods/stuck`, body: { gracePeriodSeconds: 0 } });
    t.c.clock.advance(60_000);
    expect(t.get(`${NS}/demo`)).toBeUndefined();
  });

  it('reports content held by finalizers', () => {
    const { t } = setup();
    t.post(`${NS}/demo/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    t.call({ verb: 'DELETE', path: `${NS}/demo` });
    t.c.clock.advance(1);
    expect(conditions(t).slice(3)).toEqual([
      { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps. has 1 resource instances' },
      { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances' },
    ]);
  });

  it('ignores active namespaces', () => {
    const { t } = setup();
    t.post(`${NS}/demo/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    t.c.clock.advance(60_000);
    expect(t.list(`${NS}/demo/configmaps`)).toHaveLength(1);
    expect(conditions(t)).toEqual([]);
  });
});
