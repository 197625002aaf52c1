// The HPA status as the controller writes it (setStatus, updateStatusIfNeeded): a fresh
// HorizontalPodAutoscalerStatus each time, serialised with autoscaling/v2's omitempty rules, and
// written only when it differs from what was read.
import { deepEqual } from '../../../api/patch/gojson';
import type { HPAStatus, MetricStatus } from './types';

/** The JSON form of a status: currentReplicas, currentMetrics, conditions and lastScaleTime are omitempty. */
export function canonicalStatus(st: Partial<HPAStatus> | undefined): HPAStatus {
  const out: HPAStatus = { desiredReplicas: st?.desiredReplicas ?? 0 };
  if (st?.observedGeneration) out.observedGeneration = st.observedGeneration;
  if (st?.lastScaleTime) out.lastScaleTime = st.lastScaleTime;
  if (st?.currentReplicas) out.currentReplicas = st.currentReplicas;
  if (st?.currentMetrics?.length) out.currentMetrics = st.currentMetrics;
  if (st?.conditions?.length) out.conditions = st.conditions;
  return out;
}

/** setStatus: replicas and metrics replaced, conditions and lastScaleTime kept (now, on a rescale). */
export function newStatus(prev: HPAStatus, currentReplicas: number, desiredReplicas: number, metrics: MetricStatus[] | undefined, rescaledAt?: string): HPAStatus {
  return canonicalStatus({
    currentReplicas,
    desiredReplicas,
    lastScaleTime: rescaledAt ?? prev.lastScaleTime,
    currentMetrics: metrics,
    conditions: prev.conditions,
  });
}

export function statusChanged(original: HPAStatus, next: HPAStatus): boolean {
  return !deepEqual(canonicalStatus(original), canonicalStatus(next));
}
