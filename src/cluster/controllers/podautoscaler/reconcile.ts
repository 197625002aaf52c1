// reconcileAutoscaler (pkg/controller/podautoscaler/horizontal.go): read the target's scale,
// keep it within [minReplicas, maxReplicas], otherwise ask the metrics (which no metrics API
// answers here), and record what happened in conditions, events and the status.
import { cloneJson } from '../../store/clone';
import { setCondition } from './conditions';
import { computeReplicasForMetrics, type MetricsDeps } from './metrics';
import { parseGroup, restMapping, targetReference, type ScaleClient } from './scale';
import { canonicalStatus, newStatus, statusChanged } from './status';
import type { HPA, HPAStatus, MetricStatus, Scale } from './types';

export interface ReconcileDeps extends MetricsDeps {
  scales: ScaleClient;
  event(hpa: HPA, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** UpdateStatus; throws the apiserver's error. */
  writeStatus(hpa: HPA): void;
}

/** Returns the error upstream hands to HandleError, if any (the HPA is synced again either way). */
export function reconcileAutoscaler(d: ReconcileDeps, shared: HPA): string | undefined {
  // A copy: the informer's object is shared (and frozen).
  const hpa = cloneJson(shared, false) as HPA;
  hpa.apiVersion ??= 'autoscaling/v2';
  hpa.kind ??= 'HorizontalPodAutoscaler';
  const original = canonicalStatus(hpa.status);
  hpa.status = cloneJson(original, false);
  const reference = targetReference(hpa);
  const ref = hpa.spec.scaleTargetRef;

  const group = parseGroup(ref.apiVersion);
  if (group instanceof Error) return failedGetScale(d, hpa, original, group.message, `invalid API version in scale target reference: ${group.message}`);
  const mapping = restMapping(group, ref.kind);
  if (mapping instanceof Error) return failedGetScale(d, hpa, original, mapping.message, `unable to determine resource for scale target reference: ${mapping.message}`);
  let scale: Scale;
  try {
    scale = d.scales.get(mapping, hpa.metadata.namespace ?? '', ref.name);
  } catch (e) {
    const msg = (e as Error).message;
    return failedGetScale(d, hpa, original, msg, `failed to query scale subresource for ${reference}: ${msg}`);
  }
  setCondition(hpa, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", d.now());
  const currentReplicas = scale.spec?.replicas ?? 0;
  const minReplicas = hpa.spec.minReplicas ?? 1;

  let desiredReplicas: number;
  let rescaleReason: string;
  if (currentReplicas === 0 && minReplicas !== 0) {
    // Autoscaling is off for a target scaled to zero by hand.
    setCondition(hpa, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', d.now());
    return finish(d, hpa, original, newStatus(hpa.status!, currentReplicas, currentReplicas, undefined));
  } else if (currentReplicas > hpa.spec.maxReplicas) {
    rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    desiredReplicas = hpa.spec.maxReplicas;
  } else if (currentReplicas < minReplicas) {
    rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    desiredReplicas = minReplicas;
  } else {
    const failure = computeReplicasForMetrics(d, hpa, scale, hpa.spec.metrics ?? []);
    setCurrentReplicasAndMetricsInStatus(hpa, currentReplicas, failure.statuses);
    updateStatusIfNeeded(d, hpa, original);
    d.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', failure.error);
    return `failed to compute desired number of replicas based on listed metrics for ${reference}: ${failure.error}`;
  }

  scale.spec = { ...scale.spec, replicas: desiredReplicas };
  try {
    d.scales.update(mapping, scale);
  } catch (e) {
    const msg = (e as Error).message;
    d.event(hpa, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${msg}`);
    setCondition(hpa, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${msg}`, d.now());
    setCurrentReplicasAndMetricsInStatus(hpa, currentReplicas, undefined);
    updateStatusIfNeeded(d, hpa, original);
    return `failed to rescale ${reference}: ${msg}`;
  }
  setCondition(hpa, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`, d.now());
  d.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
  return finish(d, hpa, original, newStatus(hpa.status!, currentReplicas, desiredReplicas, undefined, d.now()));
}

function failedGetScale(d: ReconcileDeps, hpa: HPA, original: HPAStatus, err: string, returned: string): string {
  d.event(hpa, 'Warning', 'FailedGetScale', err);
  setCondition(hpa, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${err}`, d.now());
  updateStatusIfNeeded(d, hpa, original);
  return returned;
}

/** The status keeps the desired replicas it had; the current count and metrics are refreshed. */
function setCurrentReplicasAndMetricsInStatus(hpa: HPA, currentReplicas: number, metrics: MetricStatus[] | undefined): void {
  hpa.status = newStatus(hpa.status!, currentReplicas, hpa.status!.desiredReplicas, metrics);
}

function finish(d: ReconcileDeps, hpa: HPA, original: HPAStatus, status: HPAStatus): string | undefined {
  hpa.status = status;
  return updateStatusIfNeeded(d, hpa, original);
}

/** Writes the status when it changed; a failed write is a FailedUpdateStatus warning. */
function updateStatusIfNeeded(d: ReconcileDeps, hpa: HPA, original: HPAStatus): string | undefined {
  if (!statusChanged(original, hpa.status!)) return undefined;
  try {
    d.writeStatus(hpa);
  } catch (e) {
    const msg = (e as Error).message;
    d.event(hpa, 'Warning', 'FailedUpdateStatus', msg);
    return `failed to update status for ${hpa.metadata.name}: ${msg}`;
  }
  return undefined;
}
