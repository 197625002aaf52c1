// The controllers' caches must not change behaviour: a scenario touching every cached path
// (ReplicaSets and Deployments through rollouts, a DaemonSet across node updates and pod
// deletions, Services with selectors) leaves the same store and the same write sequence with
// the caches off and on, and with them on every cached answer is checked against a fresh one.
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { selectorCache } from './selectors';
import { semanticEqualCheck } from './deployment/util';
import { DaemonSetsController } from './daemonset/controller';

type Verb = 'POST' | 'PATCH' | 'DELETE' | 'GET';
const MERGE = 'application/merge-patch+json';

function run(): string {
  const c = createCluster({ nodes: 5, seed: 11 });
  const log: string[] = [];
  const store = c.store as unknown as Record<string, (...a: unknown[]) => { metadata: { namespace?: string; name?: string; resourceVersion?: string } }>;
  // Every write method the store has (createOwned takes in-cluster creates).
  for (const verb of ['create', 'createOwned', 'update', 'delete'].filter((v) => typeof store[v] === 'function')) {
    const inner = store[verb].bind(c.store);
    store[verb] = (...a: unknown[]) => {
      const out = inner(...a);
      log.push(`${c.clock.now()} ${verb} ${String(a[0])} ${out.metadata.namespace}/${out.metadata.name}@${out.metadata.resourceVersion}`);
      return out;
    };
  }
  const api = (verb: Verb, path: string, body?: unknown, contentType?: string) => c.api.handle({ verb, path, body, contentType });
  const items = (path: string) => (api('GET', path).body as { items: { metadata: { name: string; labels?: Record<string, string> } }[] }).items;
  const template = (app: string, image: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image, ports: [{ name: 'http', containerPort: 80 }] }] } });
  api('POST', '/apis/apps/v1/namespaces/default/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 12, selector: { matchLabels: { app: 'web' } }, template: template('web', 'nginx:1.27') },
  });
  api('POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } });
  api('POST', '/apis/apps/v1/namespaces/default/daemonsets', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent', 'busybox:1.36') },
  });
  c.advance(15_000);
  // Node updates enqueue every DaemonSet: a cordon, a label, and back.
  api('PATCH', '/api/v1/nodes/node02', JSON.stringify({ spec: { unschedulable: true } }), MERGE);
  c.advance(2_000);
  api('PATCH', '/api/v1/nodes/node03', JSON.stringify({ metadata: { labels: { tier: 'x' } } }), MERGE);
  c.advance(2_000);
  api('PATCH', '/api/v1/nodes/node02', JSON.stringify({ spec: { unschedulable: null } }), MERGE);
  c.advance(2_000);
  // A daemon pod deleted is replaced; a web pod relabelled is released and replaced.
  const agent = items('/api/v1/namespaces/default/pods').find((p) => p.metadata.labels?.app === 'agent')!;
  api('DELETE', `/api/v1/namespaces/default/pods/${agent.metadata.name}`);
  const web = items('/api/v1/namespaces/default/pods').find((p) => p.metadata.labels?.app === 'web')!;
  api('PATCH', `/api/v1/namespaces/default/pods/${web.metadata.name}`, JSON.stringify({ metadata: { labels: { app: 'stray' } } }), MERGE);
  c.advance(10_000);
  // A rolling update, a DaemonSet template change, then scaling down mid-way.
  api('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', JSON.stringify({ spec: { template: template('web', 'nginx:1.26') } }), MERGE);
  api('PATCH', '/apis/apps/v1/namespaces/default/daemonsets/agent', JSON.stringify({ spec: { template: template('agent', 'busybox:1.37') } }), MERGE);
  c.advance(4_000);
  api('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', JSON.stringify({ spec: { replicas: 5 } }), MERGE);
  c.advance(60_000);
  return JSON.stringify({ snap: c.snapshot(), log });
}

afterEach(() => {
  selectorCache.enabled = true;
  selectorCache.verify = false;
  semanticEqualCheck.verify = false;
  DaemonSetsController.memoEnabled = true;
  DaemonSetsController.verifyMemo = false;
});

describe('controller caches keep behaviour', () => {
  it('the same writes and state with the caches off, and on with every hit verified', () => {
    selectorCache.enabled = false;
    DaemonSetsController.memoEnabled = false;
    const plain = run();
    selectorCache.enabled = true;
    DaemonSetsController.memoEnabled = true;
    selectorCache.verify = true;
    semanticEqualCheck.verify = true;
    DaemonSetsController.verifyMemo = true;
    const hits = DaemonSetsController.memoHits;
    const cached = run();
    expect(selectorCache.mismatches).toEqual([]);
    expect(semanticEqualCheck.mismatches).toEqual([]);
    expect(DaemonSetsController.memoMismatches).toEqual([]);
    expect(DaemonSetsController.memoHits).toBeGreaterThan(hits);
    expect(cached).toBe(plain);
    // The scenario did what it says: pods of both workloads, and the release of the stray one.
    const snap = JSON.parse(cached) as { log: string[] };
    expect(snap.log.some((l) => / create(Owned)? pods default\/agent-/.test(l))).toBe(true);
    expect(snap.log.some((l) => / create(Owned)? pods default\/web-/.test(l))).toBe(true);
  });
});
