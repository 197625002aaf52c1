import { it } from 'vitest';
import { createCluster } from '../cluster';
import { createControllerContext } from '../controllers/context';
import { startScheduler } from './index';
it('perf', () => {
  const c = createCluster({ seed: 1, nodes: 100 });
  const ctx = createControllerContext(c.api, c.clock, c.rand);
  const s = startScheduler(ctx, { maxDecisions: 100 });
  ctx.informers.start();
  const client = ctx.client('t');
  const rs = client.create('replicasets.apps', 'default', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'w' }, spec: { replicas: 1, selector: { matchLabels: { app: 'w' } }, template: { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } } } });
  const N = 5000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) client.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `w-${i}`, labels: { app: 'w' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'w', uid: rs.metadata.uid!, controller: true }] }, spec: { containers: [{ name: 'a', image: 'nginx', resources: { requests: { cpu: '10m', memory: '10Mi' } } }] } });
  const t1 = performance.now();
  c.clock.advance(0);
  const t2 = performance.now();
  console.log('create', (t1 - t0).toFixed(0), 'ms; schedule', (t2 - t1).toFixed(0), 'ms', (N / ((t2 - t1) / 1000)).toFixed(0), 'pods/s', s.scheduledCount);
});
