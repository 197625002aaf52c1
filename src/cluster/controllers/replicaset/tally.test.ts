// The performance paths must not change behaviour: the same scenario, run with PodTally's
// incremental counts and without them (and with the apiserver's field walk for in-cluster
// requests on and off), leaves the same store, byte for byte, and the same write sequence.
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { PodTally } from './tally';
import { internalFieldChecks } from '../../machinery/internal';

function scenario(): string {
  const c = createCluster({ nodes: 6, seed: 3 });
  const writes: string[] = [];
  const store = c.store as unknown as Record<string, (...a: unknown[]) => { metadata: { namespace?: string; name?: string; resourceVersion?: string } }>;
  for (const m of ['create', 'update', 'delete']) {
    const f = store[m].bind(c.store);
    store[m] = (...a: unknown[]) => {
      const r = f(...a);
      writes.push(`${m} ${String(a[0])} ${r.metadata.namespace}/${r.metadata.name} ${r.metadata.resourceVersion} @${c.clock.now()}`);
      return r;
    };
  }
  const call = (verb: 'POST' | 'PATCH' | 'DELETE' | 'GET', path: string, body?: unknown, contentType?: string) => c.api.handle({ verb, path, body, contentType });
  const dep = (name: string, replicas: number, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }, ...extra },
  });
  const merge = 'application/merge-patch+json';
  call('POST', '/apis/apps/v1/namespaces/default/deployments', dep('a', 40));
  call('POST', '/apis/apps/v1/namespaces/default/deployments', dep('b', 10, { minReadySeconds: 3 }));
  // an orphan that ReplicaSet c adopts, then a pod of c relabelled so that c releases it
  call('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', labels: { app: 'c' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  c.advance(5000);
  call('POST', '/apis/apps/v1/namespaces/default/replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'c' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'c' } }, template: { metadata: { labels: { app: 'c' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
  });
  c.advance(8000);
  call('PATCH', '/apis/apps/v1/namespaces/default/deployments/a', JSON.stringify({ spec: { replicas: 15 } }), merge);
  c.advance(3000);
  call('PATCH', '/apis/apps/v1/namespaces/default/deployments/a', JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.26' }] } } } }), 'application/strategic-merge-patch+json');
  c.advance(20000);
  const podsOfC = (call('GET', '/api/v1/namespaces/default/pods').body as { items: { metadata: { name: string; labels?: Record<string, string> } }[] }).items.filter((p) => p.metadata.labels?.app === 'c');
  call('PATCH', `/api/v1/namespaces/default/pods/${podsOfC[0].metadata.name}`, JSON.stringify({ metadata: { labels: { app: 'x' } } }), merge);
  c.advance(5000);
  call('PATCH', '/apis/apps/v1/namespaces/default/deployments/b', JSON.stringify({ spec: { replicas: 25, template: { spec: { containers: [{ name: 'c', image: 'nope:1' }] } } } }), merge);
  c.advance(30000);
  call('DELETE', '/apis/apps/v1/namespaces/default/deployments/a');
  c.advance(40000);
  return JSON.stringify({ snap: c.snapshot(), writes, decisions: c.components!.scheduler.decisions() });
}

afterEach(() => {
  PodTally.enabled = true;
  PodTally.verify = false;
  internalFieldChecks.enabled = false;
});

describe('performance paths keep behaviour', () => {
  it('PodTally: the same writes and state as the full walk, and every count checked against it', () => {
    PodTally.enabled = false;
    const walk = scenario();
    PodTally.enabled = true;
    PodTally.verify = true;
    const fast = scenario();
    expect(PodTally.mismatches).toEqual([]);
    expect(fast).toBe(walk);
  });

  it('in-cluster requests skip the field walk: running it finds nothing to drop or report', () => {
    const skipped = scenario();
    internalFieldChecks.enabled = true;
    internalFieldChecks.findings.length = 0;
    const walked = scenario();
    expect(internalFieldChecks.findings).toEqual([]);
    expect(walked).toBe(skipped);
  });
});
