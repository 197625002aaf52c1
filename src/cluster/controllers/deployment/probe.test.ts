import { test } from 'vitest';
import { createCluster } from '/work/main/src/cluster/cluster';
test('probe', () => {
  const c = createCluster({ seed: 1 });
  const r = c.api.handle({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' }, creationTimestamp: null }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } });
  console.log(JSON.stringify(r.body, null, 1));
  const l = c.api.handle({ verb: 'GET', path: '/apis/apps/v1/deployments' });
  console.log(JSON.stringify((l.body as any).items[0].kind));
});
