// computeReplicasForMetrics (horizontal.go): the selector check, then each metric in turn; a
// metric that cannot be read leaves the zero MetricStatus (`{type: ""}`) in its slot, records its
// Warning and proposes the ScalingActive=False condition the first failure sets.
import { parseLabelSelector } from '../../../api/labels';
import type { LabelSelector } from '../../../api/selector-types';
import type { KubeObject } from '../../../api/types';
import { keyOf } from '../../machinery/informer';
import type { HPASelectors } from './selectors';
import { setCondition } from './conditions';
import type { MetricsClient } from './metrics-client';
import type { HPA, HPACondition, MetricSpec, MetricStatus, MetricTarget, Scale } from './types';

export interface MetricsDeps {
  metrics: MetricsClient;
  selectors: HPASelectors;
  /** The pods of a namespace that a selector picks (the pod lister). */
  pods(namespace: string, selector: LabelSelector): KubeObject[];
  warn(hpa: HPA, reason: string, message: string): void;
  now(): string;
}

/**
 * What computeReplicasForMetrics returns when it cannot propose a replica count (upstream's -1):
 * the only outcome while no metrics API answers.
 */
export interface MetricsFailure {
  statuses?: MetricStatus[];
  error: string;
}

class MetricError extends Error {
  constructor(
    message: string,
    readonly condition: HPACondition,
  ) {
    super(message);
  }
}

export function computeReplicasForMetrics(d: MetricsDeps, hpa: HPA, scale: Scale, specs: MetricSpec[]): MetricsFailure {
  const selector = validateAndParseSelector(d, hpa, scale.status?.selector ?? '');
  if (selector instanceof Error) return { error: selector.message };
  const statuses: MetricStatus[] = specs.map(() => ({ type: '' }));
  let invalid = 0;
  let first: MetricError | undefined;
  for (const spec of specs) {
    try {
      computeReplicasForMetric(d, hpa, spec, selector);
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      if (invalid === 0) first = e;
      invalid++;
    }
  }
  // Every metric fails here (no metrics API answers): always the all-invalid case. The API
  // defaults an HPA without metrics to CPU at 80%, so there is always a first failure.
  if (!first) throw new Error(`HorizontalPodAutoscaler ${hpa.metadata.namespace}/${hpa.metadata.name} has no metrics`);
  const c = first.condition;
  setCondition(hpa, c.type, c.status, c.reason ?? '', c.message ?? '', d.now());
  return { statuses, error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${first.message}` };
}

/** The scale's selector: present, parseable and no other HPA's, or ScalingActive=False. */
function validateAndParseSelector(d: MetricsDeps, hpa: HPA, selector: string): string | Error {
  if (selector === '') {
    d.warn(hpa, 'SelectorRequired', 'selector is required');
    setCondition(hpa, 'ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector", d.now());
    return new Error('selector is required');
  }
  let parsed: LabelSelector;
  try {
    parsed = parseLabelSelector(selector);
  } catch (e) {
    const msg = `couldn't convert selector into a corresponding internal selector object: ${(e as Error).message}`;
    d.warn(hpa, 'InvalidSelector', msg);
    setCondition(hpa, 'ScalingActive', 'False', 'InvalidSelector', msg, d.now());
    return new Error(msg);
  }
  d.selectors.put(keyOf(hpa), parsed);
  const selecting = d.selectors.controlling(d.pods(hpa.metadata.namespace ?? '', parsed));
  if (selecting.length > 1) {
    const msg = `pods by selector ${selector} are controlled by multiple HPAs: [${selecting.join(' ')}]`;
    d.warn(hpa, 'AmbiguousSelector', msg);
    setCondition(hpa, 'ScalingActive', 'False', 'AmbiguousSelector', msg, d.now());
    return new Error(msg);
  }
  return selector;
}

/** getUnableComputeReplicaCountCondition: the Warning now, the condition for later. */
function unableToCompute(d: MetricsDeps, hpa: HPA, reason: string, err: string): HPACondition {
  d.warn(hpa, reason, err);
  return { type: 'ScalingActive', status: 'False', reason, message: `the HPA was unable to compute the replica count: ${err}` };
}

function computeReplicasForMetric(d: MetricsDeps, hpa: HPA, spec: MetricSpec, selector: string): never {
  const ns = hpa.metadata.namespace ?? '';
  const fail = (reason: string, err: string, wrapped: string): never => {
    throw new MetricError(wrapped, unableToCompute(d, hpa, reason, err));
  };
  switch (spec.type) {
    case 'Resource': {
      const src = spec.resource!;
      const err = resourceMetricError(d, src.target, src.name, ns, '', selector);
      return fail('FailedGetResourceMetric', err, `failed to get ${src.name} resource metric value: ${err}`);
    }
    case 'ContainerResource': {
      const src = spec.containerResource!;
      const err = resourceMetricError(d, src.target, src.name, ns, src.container, selector);
      return fail('FailedGetContainerResourceMetric', err, `failed to get ${src.container} container metric value: ${err}`);
    }
    case 'Pods': {
      const name = spec.pods?.metric?.name ?? '';
      const err = `unable to get metric ${name}: ${failure(() => d.metrics.getRawMetric(name, ns, selector))}`;
      return fail('FailedGetPodsMetric', err, `failed to get pods metric value: ${err}`);
    }
    case 'Object': {
      const src = spec.object!;
      const name = src.metric?.name ?? '';
      const obj = src.describedObject ?? {};
      // replica_calculator.go's format wants the error second but is handed it last: the kind
      // lands after the colon and the error after the object's name and a slash.
      const err = `unable to get metric ${name}: ${obj.kind ?? ''} on ${ns} ${obj.name ?? ''}/${failure(() => d.metrics.getObjectMetric(name, ns))}`;
      if (src.target?.type === 'Value' && src.target.value !== undefined) return fail('FailedGetObjectMetric', err, `failed to get object metric value: ${err}`);
      if (src.target?.type === 'AverageValue' && src.target.averageValue !== undefined) {
        return fail('FailedGetObjectMetric', err, `failed to get object metric value: failed to get ${name} object metric: ${err}`);
      }
      const msg = 'invalid object metric source: neither a value target nor an average value target was set';
      return fail('FailedGetObjectMetric', msg, `failed to get object metric value: ${msg}`);
    }
    case 'External': {
      const src = spec.external!;
      const name = src.metric?.name ?? '';
      const err = `unable to get external metric ${ns}/${name}/${goLabelSelector(src.metric?.selector)}: ${failure(() => d.metrics.getExternalMetric(name, ns))}`;
      const outer = (inner: string) => `failed to get ${name} external metric value: ${inner}`;
      if (src.target?.averageValue !== undefined) return fail('FailedGetExternalMetric', err, outer(`failed to get ${name} external metric: ${err}`));
      if (src.target?.value !== undefined) return fail('FailedGetExternalMetric', err, outer(`failed to get external metric ${name}: ${err}`));
      const msg = 'invalid external metric source: neither a value target nor an average value target was set';
      return fail('FailedGetExternalMetric', msg, outer(msg));
    }
  }
  const err = `unknown metric source type "${spec.type}"`;
  return fail('InvalidMetricSourceType', err, err);
}

/** The message of the error a metrics read throws (every read throws: see metrics-client.ts). */
function failure(read: () => never): string {
  try {
    read();
  } catch (e) {
    return (e as Error).message;
  }
}

/** computeStatusForResourceMetricGeneric's error for a resource (or one container's) metric. */
function resourceMetricError(d: MetricsDeps, target: MetricTarget | undefined, resource: string, ns: string, container: string, selector: string): string {
  const fetch = () => `unable to get metrics for resource ${resource}: ${failure(() => d.metrics.getResourceMetric(resource, ns, selector, container))}`;
  if (target?.averageValue !== undefined) return `failed to get ${resource} usage: ${fetch()}`;
  if (target?.averageUtilization === undefined) {
    return 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set';
  }
  return `failed to get ${resource} utilization: ${fetch()}`;
}

/** `%+v` of a *metav1.LabelSelector: nil, or its generated String(). */
function goLabelSelector(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): string {
  if (!sel) return 'nil';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
