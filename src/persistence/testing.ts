// Test helpers: a fresh database name per test, and a real playground's state.
import { Playground } from '../worker/playground';
import { VirtualFs } from '../shell/fs';
import type { PlaygroundState } from './types';

let n = 0;
export const dbName = (tag = 'db') => `kubeplay-test-${tag}-${process.pid}-${++n}`;

/** What the worker's collect() does: the playground's whole state. */
export function stateOf(pg: Playground): PlaygroundState {
  const cluster = pg.cluster.snapshot() as unknown as PlaygroundState['cluster'];
  return { cluster, files: pg.fs.toJSON(), history: [...pg.shell.history.entries], namespace: pg.namespace, virtualTime: cluster.now };
}

/** What the worker's restore does: a new Playground from the state, with files, history and namespace. */
export function restorePlayground(s: PlaygroundState): { pg: Playground; fs: VirtualFs } {
  const pg = new Playground({ snapshot: s.cluster as never });
  pg.namespace = s.namespace;
  for (const l of s.history) pg.shell.history.add(l);
  const fs = VirtualFs.fromJSON(s.files as never, { now: () => pg.cluster.clock.now() });
  return { pg, fs };
}

export async function playgroundWithDeployment(): Promise<Playground> {
  const pg = new Playground({ seed: 1 });
  const res = pg.cluster.api.handle({
    verb: 'POST',
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    },
  });
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  pg.cluster.advance(30_000);
  pg.fs.writeFile('/root/web.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
  await pg.shell.run('kubectl get pods', { stdout: { write() {} }, stderr: { write() {} } } as never);
  pg.namespace = 'kube-system';
  return pg;
}
