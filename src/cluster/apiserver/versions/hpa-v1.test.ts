// autoscaling/v1 HorizontalPodAutoscalers served from the autoscaling/v2 storage: the v1 <-> v2
// conversion (targetCPUUtilizationPercentage, the round-trip annotations) and every verb on the
// v1 endpoints, as a client sees them.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import type { ApiRequest } from '../../../api/client';
import type { KubeObject, WatchEvent } from '../../../api/types';
import { hpaFromV1, hpaToV1, METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, BEHAVIOR_ANNOTATION } from './hpa-v1';

const V1 = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
const V2 = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';

function setup() {
  const c = createCluster({ seed: 7, controllers: false });
  const call = (req: ApiRequest) => c.api.handle(req);
  const body = (req: ApiRequest) => call(req).body as KubeObject & Record<string, any>;
  return { c, call, body };
}

const v1hpa = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'autoscaling/v1',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, ...extra },
});

describe('autoscaling/v1 <-> v2 conversion', () => {
  it('targetCPUUtilizationPercentage is a Resource cpu Utilization metric; none means the default 80', () => {
    const v2 = hpaFromV1(v1hpa('a', { targetCPUUtilizationPercentage: 60 }));
    expect((v2 as any).spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    expect((hpaFromV1(v1hpa('b')) as any).spec.metrics[0].resource.target.averageUtilization).toBe(80);
  });

  it('other metrics, behavior and current metrics ride in annotations and come back', () => {
    const v2 = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'a', annotations: { keep: 'me' } },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        maxReplicas: 4,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
        ],
        behavior: { scaleDown: { stabilizationWindowSeconds: 30 } },
      },
      status: { currentReplicas: 2, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40 } } }] },
    } as unknown as KubeObject;
    const v1 = hpaToV1(v2) as any;
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toEqual({ scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, maxReplicas: 4, targetCPUUtilizationPercentage: 50 });
    expect(v1.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 40 });
    // v1's own metric shapes, in Go's field order; the behavior as Go's untagged internal type.
    expect(v1.metadata.annotations[METRIC_SPECS_ANNOTATION]).toBe('[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]');
    expect(v1.metadata.annotations[METRIC_STATUSES_ANNOTATION]).toBe('[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":40,"currentAverageValue":"0"}}]');
    expect(v1.metadata.annotations[BEHAVIOR_ANNOTATION]).toBe('{"ScaleUp":null,"ScaleDown":{"StabilizationWindowSeconds":30,"SelectPolicy":null,"Policies":null}}');
    const back = hpaFromV1(v1) as any;
    // The annotation's metrics first, then the CPU target.
    expect(back.spec.metrics).toEqual([(v2 as any).spec.metrics[1], (v2 as any).spec.metrics[0]]);
    expect(back.spec.behavior).toEqual((v2 as any).spec.behavior);
    expect(back.status.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '0', averageUtilization: 40 } } }]);
    expect(back.metadata.annotations).toEqual({ keep: 'me' });
  });

  it('pods, object and external metrics keep their identifiers and targets through v1', () => {
    const metrics = [
      { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
      { type: 'Object', object: { describedObject: { kind: 'Ingress', name: 'main', apiVersion: 'networking.k8s.io/v1' }, target: { type: 'Value', value: '2k' }, metric: { name: 'hits' } } },
      { type: 'External', external: { metric: { name: 'queue', selector: { matchLabels: { q: 'a' } } }, target: { type: 'AverageValue', averageValue: '30' } } },
    ];
    const v2 = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'a' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, metrics } } as unknown as KubeObject;
    const v1 = hpaToV1(v2) as any;
    expect(v1.spec.targetCPUUtilizationPercentage).toBeUndefined();
    expect(JSON.parse(v1.metadata.annotations[METRIC_SPECS_ANNOTATION])[1]).toEqual({ type: 'Object', object: { target: { kind: 'Ingress', name: 'main', apiVersion: 'networking.k8s.io/v1' }, metricName: 'hits', targetValue: '2k' } });
    expect((hpaFromV1(v1) as any).spec.metrics).toEqual(metrics);
  });
});

describe('apiserver: autoscaling/v1 horizontalpodautoscalers', () => {
  it('create through v1 is stored once and read through both versions', () => {
    const { call, body } = setup();
    const res = call({ verb: 'POST', path: V1, body: JSON.stringify(v1hpa('web', { targetCPUUtilizationPercentage: 70 })) });
    expect(res.status).toBe(201);
    const created = res.body as any;
    expect(created.apiVersion).toBe('autoscaling/v1');
    expect(created.spec).toEqual({ scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70 });
    expect(created.status).toEqual({ currentReplicas: 0, desiredReplicas: 0 });
    expect(created.metadata.annotations).toBeUndefined();
    const v2 = body({ verb: 'GET', path: `${V2}/web` });
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.metrics[0].resource.target.averageUtilization).toBe(70);
    const list = body({ verb: 'GET', path: V1 });
    expect(list.kind).toBe('HorizontalPodAutoscalerList');
    expect(list.apiVersion).toBe('autoscaling/v1');
    expect(list.items.map((o: any) => [o.apiVersion, o.spec.targetCPUUtilizationPercentage])).toEqual([['autoscaling/v1', 70]]);
  });

  it('a body of the other version is refused as upstream does', () => {
    const { call } = setup();
    const res = call({ verb: 'POST', path: V1, body: JSON.stringify({ ...v1hpa('web'), apiVersion: 'autoscaling/v2' }) });
    expect(res.status).toBe(400);
    expect((res.body as any).message).toBe('the API version in the data (autoscaling/v2) does not match the expected API version (autoscaling/v1)');
  });

  it('validation runs on the stored form; patch and update go through v1', () => {
    const { call, body } = setup();
    const bad = call({ verb: 'POST', path: V1, body: JSON.stringify(v1hpa('web', { maxReplicas: 1 })) });
    expect(bad.status).toBe(422);
    expect((bad.body as any).message).toContain('spec.maxReplicas: Invalid value: 1: must be greater than or equal to `minReplicas`');
    call({ verb: 'POST', path: V1, body: JSON.stringify(v1hpa('web')) });
    const patched = call({ verb: 'PATCH', path: `${V1}/web`, contentType: 'application/merge-patch+json', body: JSON.stringify({ spec: { targetCPUUtilizationPercentage: 55 } }) });
    expect(patched.status).toBe(200);
    expect((patched.body as any).spec.targetCPUUtilizationPercentage).toBe(55);
    expect(body({ verb: 'GET', path: `${V2}/web` }).spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 55 } } }]);
    const cur = body({ verb: 'GET', path: `${V1}/web` });
    const put = call({ verb: 'PUT', path: `${V1}/web`, body: JSON.stringify({ ...cur, spec: { ...cur.spec, maxReplicas: 9 } }) });
    expect(put.status).toBe(200);
    expect((put.body as any).spec.maxReplicas).toBe(9);
    expect(call({ verb: 'DELETE', path: `${V1}/web` }).status).toBe(200);
    expect(call({ verb: 'GET', path: `${V2}/web` }).status).toBe(404);
  });

  it('watch through v1 sees v1 objects', () => {
    const { c, call } = setup();
    const events: WatchEvent<any>[] = [];
    c.api.watch({ verb: 'GET', path: V1, query: { watch: 'true' } }, { event: (e) => events.push(e as WatchEvent<any>), end: () => {} });
    call({ verb: 'POST', path: V2, body: JSON.stringify({ ...hpaFromV1(v1hpa('web', { targetCPUUtilizationPercentage: 65 })), status: undefined }) });
    expect(events.map((e) => [e.type, e.object.apiVersion, e.object.spec.targetCPUUtilizationPercentage])).toEqual([['ADDED', 'autoscaling/v1', 65]]);
  });

  it('discovery serves both versions, v2 preferred', () => {
    const { body } = setup();
    const group = body({ verb: 'GET', path: '/apis/autoscaling' });
    expect(group.versions.map((v: any) => v.groupVersion)).toEqual(['autoscaling/v2', 'autoscaling/v1']);
    expect(group.preferredVersion.version).toBe('v2');
    const v1 = body({ verb: 'GET', path: '/apis/autoscaling/v1' });
    expect(v1.resources.map((r: any) => r.name)).toEqual(['horizontalpodautoscalers', 'horizontalpodautoscalers/status']);
    const agg = body({ verb: 'GET', path: '/apis', accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' });
    const autoscaling = agg.items.find((i: any) => i.metadata.name === 'autoscaling');
    expect(autoscaling.versions.map((v: any) => v.version)).toEqual(['v2', 'v1']);
  });
});
