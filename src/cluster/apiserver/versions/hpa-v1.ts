// autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscaler, as kube-apiserver converts through
// its internal version (pkg/apis/autoscaling/v1/conversion.go): v1 carries only a CPU
// utilization target; every other metric, the behavior, the current metrics and the conditions
// ride in the autoscaling.alpha.kubernetes.io/* annotations (in v1's own metric shapes,
// hpa-v1-metrics.ts) so that a v1 client that writes the object back loses nothing.
import type { KubeObject } from '../../../api/types';
import { behaviorFromInternalJson, behaviorToInternalJson, conditionToV1, metricSpecFromV1, metricSpecToV1, metricStatusFromV1, metricStatusToV1 } from './hpa-v1-metrics';

type Obj = Record<string, any>;

export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [METRIC_SPECS_ANNOTATION, BEHAVIOR_ANNOTATION, METRIC_STATUSES_ANNOTATION, CONDITIONS_ANNOTATION];
/** autoscaling.DefaultCPUUtilization: the target a v1 autoscaler without one gets. */
const DEFAULT_CPU_UTILIZATION = 80;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

function isCpu(m: Obj): boolean {
  return m.type === 'Resource' && isObj(m.resource) && m.resource.name === 'cpu';
}

function parseAnnotation(annotations: Obj, key: string): unknown {
  const text = annotations[key];
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Drops the round-trip annotations (DropRoundTripHorizontalPodAutoscalerAnnotations). */
function withoutRoundTrip(annotations: unknown): Obj | undefined {
  if (!isObj(annotations)) return undefined;
  const out: Obj = {};
  for (const [k, v] of Object.entries(annotations)) if (!ROUND_TRIP.includes(k)) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

function copyRef(ref: unknown): Obj {
  if (!isObj(ref)) return {};
  const out: Obj = {};
  for (const k of ['kind', 'name', 'apiVersion']) if (ref[k] !== undefined) out[k] = ref[k];
  return out;
}

/** The stored (v2) autoscaler as an autoscaling/v1 object. */
export function hpaToV1(obj: KubeObject): KubeObject {
  const o = obj as unknown as Obj;
  const s: Obj = isObj(o.spec) ? o.spec : {};
  const st: Obj = isObj(o.status) ? o.status : {};
  const metrics = list(s.metrics);
  const cpu = metrics.find((m) => isCpu(m));
  const cpuTarget = cpu?.resource.target?.averageUtilization;
  const others = metrics.filter((m) => !(isCpu(m) && m.resource.target?.averageUtilization !== undefined));

  const annotations: Obj = { ...(withoutRoundTrip(o.metadata?.annotations) ?? {}) };
  if (others.length) annotations[METRIC_SPECS_ANNOTATION] = JSON.stringify(others.map(metricSpecToV1));
  if (list(st.currentMetrics).length) annotations[METRIC_STATUSES_ANNOTATION] = JSON.stringify(list(st.currentMetrics).map(metricStatusToV1));
  if (list(st.conditions).length) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(list(st.conditions).map(conditionToV1));
  if (isObj(s.behavior)) annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(behaviorToInternalJson(s.behavior));
  const metadata: Obj = { ...o.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;

  const spec: Obj = { scaleTargetRef: copyRef(s.scaleTargetRef) };
  if (s.minReplicas !== undefined) spec.minReplicas = s.minReplicas;
  spec.maxReplicas = s.maxReplicas ?? 0;
  if (typeof cpuTarget === 'number') spec.targetCPUUtilizationPercentage = cpuTarget;

  const status: Obj = {};
  if (st.observedGeneration !== undefined) status.observedGeneration = st.observedGeneration;
  if (st.lastScaleTime !== undefined) status.lastScaleTime = st.lastScaleTime;
  status.currentReplicas = st.currentReplicas ?? 0;
  status.desiredReplicas = st.desiredReplicas ?? 0;
  const cpuNow = list(st.currentMetrics).find((m) => isCpu(m))?.resource.current?.averageUtilization;
  if (typeof cpuNow === 'number') status.currentCPUUtilizationPercentage = cpuNow;

  return { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1', metadata, spec, status } as unknown as KubeObject;
}

/** An autoscaling/v1 object (as a client sent it) in the stored v2 form. */
export function hpaFromV1(obj: Obj): KubeObject {
  const s: Obj = isObj(obj.spec) ? obj.spec : {};
  const st: Obj = isObj(obj.status) ? obj.status : {};
  const meta: Obj = isObj(obj.metadata) ? obj.metadata : {};
  const annotations: Obj = isObj(meta.annotations) ? meta.annotations : {};

  const spec: Obj = { scaleTargetRef: copyRef(s.scaleTargetRef) };
  if (s.minReplicas !== undefined && s.minReplicas !== null) spec.minReplicas = s.minReplicas;
  if (s.maxReplicas !== undefined) spec.maxReplicas = s.maxReplicas;
  // The annotation's metrics come first, then the one targetCPUUtilizationPercentage stands for.
  const metrics: unknown[] = [];
  const others = parseAnnotation(annotations, METRIC_SPECS_ANNOTATION);
  if (Array.isArray(others)) metrics.push(...others.filter(isObj).map(metricSpecFromV1));
  if (typeof s.targetCPUUtilizationPercentage === 'number') {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: s.targetCPUUtilizationPercentage } } });
  }
  // v1 once had an implicit default in the controller; the conversion makes it explicit.
  if (!metrics.length) metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } });
  spec.metrics = metrics;
  const behavior = parseAnnotation(annotations, BEHAVIOR_ANNOTATION);
  if (isObj(behavior)) spec.behavior = behaviorFromInternalJson(behavior);

  const status: Obj = {};
  if (st.observedGeneration !== undefined) status.observedGeneration = st.observedGeneration;
  if (st.lastScaleTime !== undefined) status.lastScaleTime = st.lastScaleTime;
  if (st.currentReplicas !== undefined) status.currentReplicas = st.currentReplicas;
  status.desiredReplicas = st.desiredReplicas ?? 0;
  const current = parseAnnotation(annotations, METRIC_STATUSES_ANNOTATION);
  if (Array.isArray(current)) status.currentMetrics = current.filter(isObj).map(metricStatusFromV1);
  else if (typeof st.currentCPUUtilizationPercentage === 'number') {
    status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: st.currentCPUUtilizationPercentage } } }];
  }
  const conditions = parseAnnotation(annotations, CONDITIONS_ANNOTATION);
  if (Array.isArray(conditions)) status.conditions = conditions;

  const metadata: Obj = { ...meta };
  const kept = withoutRoundTrip(meta.annotations);
  if (kept) metadata.annotations = kept;
  else delete metadata.annotations;
  return { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', metadata, spec, status } as unknown as KubeObject;
}
