// The HPA controller on its own (as horizontal_test.go drives it): a fixed clock and seed, the
// targets written through the API, and no metrics API, like a cluster without metrics-server.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { createControllerContext } from '../context';
import type { KubeObject } from '../../../api/types';
import { startHorizontalController, SYNC_PERIOD_MS } from './index';
import type { HPA } from './types';

const START = Date.UTC(2026, 0, 1, 12, 0, 0);
const DEP = '/apis/apps/v1/namespaces/default/deployments';
const HPAS = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
const NO_METRICS =
  'unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

function setup() {
  const c = createCluster({ seed: 7, start: START, controllers: false });
  const ctx = createControllerContext(c.api, c.clock, c.rand);
  const hc = startHorizontalController(ctx);
  ctx.informers.start();
  const call = (verb: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    const res = c.api.handle({ verb, path, body });
    c.settle();
    if (res.status >= 300) throw new Error(`${verb} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as KubeObject & { spec?: any; status?: any };
  };
  const deployment = (name: string, replicas: number) =>
    call('POST', DEP, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
  const hpa = (name: string, target: { kind?: string; apiVersion?: string; name: string }, min: number | undefined, max: number, metrics?: unknown[]) =>
    call('POST', HPAS, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', ...target }, minReplicas: min, maxReplicas: max, metrics },
    });
  const getHPA = (name: string) => call('GET', `${HPAS}/${name}`) as HPA;
  const replicas = (name: string) => call('GET', `${DEP}/${name}`).spec.replicas as number;
  const events = (name: string) =>
    (call('GET', '/api/v1/namespaces/default/events') as unknown as { items: any[] }).items
      .filter((e) => e.involvedObject.name === name && e.involvedObject.kind === 'HorizontalPodAutoscaler')
      .map((e) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count, source: e.source.component }));
  const conds = (name: string) => (getHPA(name).status?.conditions ?? []).map((x) => [x.type, x.status, x.reason, x.message]);
  return { c, hc, call, deployment, hpa, getHPA, replicas, events, conds };
}

const at = (ms: number) => new Date(START + ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('HorizontalController without a metrics API', () => {
  it('first syncs a new HPA one sync period after it is created, then every period', () => {
    const t = setup();
    t.deployment('web', 1);
    t.hpa('web', { name: 'web' }, 2, 5);
    t.c.advance(SYNC_PERIOD_MS - 1);
    expect(t.getHPA('web').status?.conditions).toBeUndefined();
    expect(t.replicas('web')).toBe(1);
    t.c.advance(1);
    expect(t.replicas('web')).toBe(2);
  });

  it('scales a target below minReplicas up to it, then reports the metrics it cannot read', () => {
    const t = setup();
    t.deployment('web', 1);
    t.hpa('web', { name: 'web' }, 2, 5);
    t.c.advance(SYNC_PERIOD_MS);
    expect(t.replicas('web')).toBe(2);
    expect(t.getHPA('web').status).toEqual({
      currentReplicas: 1,
      desiredReplicas: 2,
      lastScaleTime: at(SYNC_PERIOD_MS),
      conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: at(SYNC_PERIOD_MS), reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 2' }],
    });
    expect(t.events('web')).toEqual([
      { type: 'Normal', reason: 'SuccessfulRescale', message: 'New size: 2; reason: Current number of replicas below Spec.MinReplicas', count: 1, source: 'horizontal-pod-autoscaler' },
    ]);

    // The next period: 2 is within bounds, so the CPU metric is needed, and it cannot be read.
    t.c.advance(SYNC_PERIOD_MS);
    const st = t.getHPA('web').status!;
    expect(st).toEqual({
      currentReplicas: 2,
      desiredReplicas: 2,
      lastScaleTime: at(SYNC_PERIOD_MS),
      currentMetrics: [{ type: '' }],
      conditions: [
        // Still True: its transition time stays that of the first sync.
        { type: 'AbleToScale', status: 'True', lastTransitionTime: at(SYNC_PERIOD_MS), reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" },
        {
          type: 'ScalingActive',
          status: 'False',
          lastTransitionTime: at(2 * SYNC_PERIOD_MS),
          reason: 'FailedGetResourceMetric',
          message: `the HPA was unable to compute the replica count: failed to get cpu utilization: ${NO_METRICS}`,
        },
      ],
    });
    expect(t.events('web').slice(1)).toEqual([
      { type: 'Warning', reason: 'FailedGetResourceMetric', message: `failed to get cpu utilization: ${NO_METRICS}`, count: 1, source: 'horizontal-pod-autoscaler' },
      {
        type: 'Warning',
        reason: 'FailedComputeMetricsReplicas',
        message: `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: ${NO_METRICS}`,
        count: 1,
        source: 'horizontal-pod-autoscaler',
      },
    ]);
    expect(t.hc.errors.at(-1)).toBe(
      `failed to compute desired number of replicas based on listed metrics for Deployment/default/web: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: ${NO_METRICS}`,
    );

    // Unchanged status: no write; the same warnings are counted up.
    const rv = t.getHPA('web').metadata.resourceVersion;
    t.c.advance(SYNC_PERIOD_MS);
    expect(t.getHPA('web').metadata.resourceVersion).toBe(rv);
    expect(t.events('web').map((e) => `${e.reason} x${e.count}`)).toEqual(['SuccessfulRescale x1', 'FailedGetResourceMetric x2', 'FailedComputeMetricsReplicas x2']);
  });

  it('scales a target above maxReplicas down to it', () => {
    const t = setup();
    t.deployment('big', 4);
    t.hpa('big', { name: 'big' }, undefined, 2);
    t.c.advance(SYNC_PERIOD_MS);
    expect(t.replicas('big')).toBe(2);
    expect(t.events('big')[0]).toMatchObject({ reason: 'SuccessfulRescale', message: 'New size: 2; reason: Current number of replicas above Spec.MaxReplicas' });
    expect(t.getHPA('big').status).toMatchObject({ currentReplicas: 4, desiredReplicas: 2, lastScaleTime: at(SYNC_PERIOD_MS) });
  });

  it('reports a missing target as FailedGetScale, the scale subresource NotFound', () => {
    const t = setup();
    t.hpa('nope', { name: 'nope' }, 1, 3);
    t.c.advance(SYNC_PERIOD_MS);
    expect(t.conds('nope')).toEqual([['AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: deployments/scale.apps "nope" not found`]]);
    expect(t.getHPA('nope').status).toMatchObject({ desiredReplicas: 0 });
    expect(t.getHPA('nope').status?.currentReplicas).toBeUndefined();
    expect(t.events('nope')).toEqual([{ type: 'Warning', reason: 'FailedGetScale', message: 'deployments/scale.apps "nope" not found', count: 1, source: 'horizontal-pod-autoscaler' }]);
    expect(t.hc.errors.at(-1)).toBe('failed to query scale subresource for Deployment/default/nope: deployments/scale.apps "nope" not found');
    // Created later, the target is found at the next period.
    t.deployment('nope', 1);
    t.c.advance(SYNC_PERIOD_MS);
    expect(t.conds('nope')[0]).toEqual(['AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"]);
  });

  it('reports an unknown kind and a malformed apiVersion as FailedGetScale', () => {
    const t = setup();
    t.hpa('foo', { kind: 'Foo', name: 'x' }, 1, 3);
    t.hpa('bad', { apiVersion: 'a/b/c', name: 'x' }, 1, 3);
    t.c.advance(SYNC_PERIOD_MS);
    expect(t.events('foo').map((e) => e.message)).toEqual(['no matches for kind "Foo" in group "apps"']);
    expect(t.events('bad').map((e) => e.message)).toEqual(['unexpected GroupVersion string: a/b/c']);
  });

  it('leaves a target scaled to zero alone: ScalingDisabled', () => {
    const t = setup();
    t.deployment('zero', 0);
    t.hpa('zero', { name: 'zero' }, 1, 3);
    t.c.advance(SYNC_PERIOD_MS);
    expect(t.replicas('zero')).toBe(0);
    expect(t.conds('zero')).toEqual([
      ['AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"],
      ['ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero'],
    ]);
    expect(t.events('zero')).toEqual([]);
  });

  it('words the failure of each metric source as upstream does', () => {
    const t = setup();
    t.deployment('web', 2);
    const mem = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
    const ctr = { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 50 } } };
    const pods = { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } };
    t.hpa('multi', { name: 'web' }, 1, 5, [mem, ctr, pods]);
    t.c.advance(SYNC_PERIOD_MS);
    const memErr = 'failed to get memory usage: unable to get metrics for resource memory: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(t.events('multi').map((e) => [e.reason, e.message])).toEqual([
      ['FailedGetResourceMetric', memErr],
      ['FailedGetContainerResourceMetric', `failed to get cpu utilization: ${NO_METRICS}`],
      ['FailedGetPodsMetric', 'unable to get metric qps: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered'],
      ['FailedComputeMetricsReplicas', `invalid metrics (3 invalid out of 3), first error is: failed to get memory resource metric value: ${memErr}`],
    ]);
    // The first failure sets the condition; every metric has its (empty) status slot.
    expect(t.conds('multi')[1]).toEqual(['ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${memErr}`]);
    expect(t.getHPA('multi').status?.currentMetrics).toEqual([{ type: '' }, { type: '' }, { type: '' }]);
  });

  it('words Object and External metric failures as upstream does, selectors as %+v of *LabelSelector', () => {
    const t = setup();
    t.deployment('web', 2);
    const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main-route' };
    const objValue = { type: 'Object', object: { describedObject: ingress, metric: { name: 'rps' }, target: { type: 'Value', value: '10k' } } };
    const objAvg = { type: 'Object', object: { describedObject: ingress, metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1k' } } };
    const extValue = { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '30' } } };
    const extAvg = {
      type: 'External',
      external: {
        metric: { name: 'queue', selector: { matchLabels: { q: 'tasks', a: 'x' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }, { key: 'tier', operator: 'Exists' }] } },
        target: { type: 'AverageValue', averageValue: '5' },
      },
    };
    t.hpa('obj', { name: 'web' }, 1, 5, [objValue, objAvg]);
    t.hpa('ext', { name: 'web' }, 1, 5, [extValue, extAvg]);
    // Both HPAs scale `web`, but it has no pods yet, so neither is ambiguous.
    t.c.advance(SYNC_PERIOD_MS);
    const noCustom = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
    const objErr = `unable to get metric rps: Ingress on default main-route/${noCustom}`;
    expect(t.events('obj').map((e) => [e.reason, e.message, e.count])).toEqual([
      ['FailedGetObjectMetric', objErr, 2],
      ['FailedComputeMetricsReplicas', `invalid metrics (2 invalid out of 2), first error is: failed to get object metric value: ${objErr}`, 1],
    ]);
    expect(t.conds('obj')[1]).toEqual(['ScalingActive', 'False', 'FailedGetObjectMetric', `the HPA was unable to compute the replica count: ${objErr}`]);

    const notFound = 'unable to fetch metrics from external metrics API: the server could not find the requested resource (get queue.external.metrics.k8s.io)';
    const extNil = `unable to get external metric default/queue/nil: ${notFound}`;
    const sel =
      '&LabelSelector{MatchLabels:map[string]string{a: x,q: tasks,},MatchExpressions:[]LabelSelectorRequirement{' +
      'LabelSelectorRequirement{Key:env,Operator:In,Values:[dev prod],},LabelSelectorRequirement{Key:tier,Operator:Exists,Values:[],},},}';
    const extSel = `unable to get external metric default/queue/${sel}: ${notFound}`;
    expect(t.events('ext').map((e) => [e.reason, e.message])).toEqual([
      ['FailedGetExternalMetric', extNil],
      ['FailedGetExternalMetric', extSel],
      ['FailedComputeMetricsReplicas', `invalid metrics (2 invalid out of 2), first error is: failed to get queue external metric value: failed to get external metric queue: ${extNil}`],
    ]);
    expect(t.conds('ext')[1]).toEqual(['ScalingActive', 'False', 'FailedGetExternalMetric', `the HPA was unable to compute the replica count: ${extNil}`]);
  });

  it('wraps the AverageValue Object and External failures once more', () => {
    const t = setup();
    t.deployment('web', 2);
    const objAvg = { type: 'Object', object: { describedObject: { apiVersion: 'v1', kind: 'Service', name: 'svc' }, metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1k' } } };
    const extAvg = { type: 'External', external: { metric: { name: 'queue', selector: { matchLabels: { q: 'tasks' } } }, target: { type: 'AverageValue', averageValue: '5' } } };
    t.hpa('obj', { name: 'web' }, 1, 5, [objAvg]);
    t.hpa('ext', { name: 'web' }, 1, 5, [extAvg]);
    t.c.advance(SYNC_PERIOD_MS);
    const objErr = 'unable to get metric rps: Service on default svc/unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
    expect(t.events('obj').map((e) => e.message)).toEqual([
      objErr,
      `invalid metrics (1 invalid out of 1), first error is: failed to get object metric value: failed to get rps object metric: ${objErr}`,
    ]);
    // The shape kube-metrics-adapter#670 and prometheus-adapter#642 quote from real clusters.
    const extErr =
      'unable to get external metric default/queue/&LabelSelector{MatchLabels:map[string]string{q: tasks,},MatchExpressions:[]LabelSelectorRequirement{},}: ' +
      'unable to fetch metrics from external metrics API: the server could not find the requested resource (get queue.external.metrics.k8s.io)';
    expect(t.events('ext').map((e) => e.message)).toEqual([
      extErr,
      `invalid metrics (1 invalid out of 1), first error is: failed to get queue external metric value: failed to get queue external metric: ${extErr}`,
    ]);
  });

  it('marks HPAs whose target pods another HPA also scales as AmbiguousSelector', () => {
    const t = setup();
    t.deployment('web', 2);
    t.call('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    t.hpa('a', { name: 'web' }, 1, 5);
    t.hpa('b', { name: 'web' }, 1, 5);
    t.c.advance(SYNC_PERIOD_MS);
    // %v of []selectors.Key: each Key's String(), namespace/name.
    const msg = 'pods by selector app=web are controlled by multiple HPAs: [default/a default/b]';
    // `a` synced first, when `b` had no selector yet; `b` finds the pod taken.
    expect(t.conds('a')[1]?.[2]).toBe('FailedGetResourceMetric');
    expect(t.conds('b')[1]).toEqual(['ScalingActive', 'False', 'AmbiguousSelector', msg]);
    expect(t.events('b').map((e) => [e.reason, e.message])).toEqual([
      ['AmbiguousSelector', msg],
      ['FailedComputeMetricsReplicas', msg],
    ]);
    t.c.advance(SYNC_PERIOD_MS);
    expect(t.conds('a')[1]).toEqual(['ScalingActive', 'False', 'AmbiguousSelector', msg]);
    // With `b` gone, `a` is alone again.
    t.call('DELETE', `${HPAS}/b`);
    t.c.advance(SYNC_PERIOD_MS);
    expect(t.conds('a')[1]?.[2]).toBe('FailedGetResourceMetric');
  });

  it('stops syncing a deleted HPA', () => {
    const t = setup();
    t.deployment('web', 3);
    t.hpa('web', { name: 'web' }, 1, 5);
    t.c.advance(SYNC_PERIOD_MS);
    const n = t.events('web').length;
    expect(n).toBe(2);
    t.call('DELETE', `${HPAS}/web`);
    t.c.advance(3 * SYNC_PERIOD_MS);
    expect(t.events('web')).toHaveLength(n);
    expect(t.hc.queue.len()).toBe(0);
  });
});
