// kubectl describe hpa: the autoscaling/v2 describer's metric lines, behavior and target pods,
// as kubectl v1.32 prints them (compared with the real kubectl on the same server).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { inProcessClient } from '../../transport/inprocess';
import { deployment, makeKit } from '../cmd/logs/testkit';

const HPA = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'rich', labels: { a: 'b' } },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    maxReplicas: 7,
    metrics: [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
      { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 30 } },
  },
};

describe('kubectl describe hpa', () => {
  it('prints metrics as current / target, the behavior and the target pods', async () => {
    const k = makeKit(() => {
      const cluster = createCluster({ start: Date.UTC(2026, 0, 1), controllers: false });
      return { cluster, client: inProcessClient(cluster.api, { afterRequest: () => cluster.settle() }) };
    });
    await k.create(deployment('web', 1, 'nginx', 80));
    const res = await k.client.request({ verb: 'POST', path: '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', body: HPA, contentType: 'application/json' });
    expect(res.status).toBe(201);
    const out = (await k.run('describe', 'hpa', 'rich')).stdout;
    expect(out).toBe(
      [
        'Name:                                                                     rich',
        'Namespace:                                                                default',
        'Labels:                                                                   a=b',
        'Annotations:                                                              <none>',
        'CreationTimestamp:                                                        Thu, 01 Jan 2026 00:00:00 +0000',
        'Reference:                                                                Deployment/web',
        'Metrics:                                                                  ( current / target )',
        '  resource memory on pods:                                                <unknown> / 100Mi',
        '  "qps" on pods:                                                          <unknown> / 10',
        '  resource cpu of container "app" on pods  (as a percentage of request):  <unknown> / 60%',
        'Min replicas:                                                             1',
        'Max replicas:                                                             7',
        'Behavior:',
        '  Scale Up:',
        '    Stabilization Window: 0 seconds',
        '    Select Policy: Max',
        '    Policies:',
        '      - Type: Pods     Value: 4    Period: 15 seconds',
        '      - Type: Percent  Value: 100  Period: 15 seconds',
        '  Scale Down:',
        '    Stabilization Window: 30 seconds',
        '    Select Policy: Max',
        '    Policies:',
        '      - Type: Percent  Value: 100  Period: 15 seconds',
        'Deployment pods:       0 current / 0 desired',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
  });
});
