// The pod predicates the ReplicaSet controller counts with (pkg/api/v1/pod and
// controller_utils.go): active, ready, available after minReadySeconds, and when it became ready.
import type { KubeObject } from '../../../api/types';

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

interface PodShape {
  spec?: { nodeName?: string; terminationGracePeriodSeconds?: number };
  status?: { phase?: string; conditions?: PodCondition[]; containerStatuses?: { restartCount?: number }[] };
}

function shape(pod: KubeObject): PodShape {
  return pod as unknown as PodShape;
}

export function podPhase(pod: KubeObject): string {
  return shape(pod).status?.phase ?? '';
}

export function podNodeName(pod: KubeObject): string {
  return shape(pod).spec?.nodeName ?? '';
}

/** IsPodActive: not finished and not being deleted, so it still counts towards replicas. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

function readyCondition(pod: KubeObject): PodCondition | undefined {
  // A plain loop: this runs for every pod of every status count (Array.find's callback does not inline here).
  const conditions = shape(pod).status?.conditions;
  if (!conditions) return undefined;
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === 'Ready') return conditions[i];
  return undefined;
}

export function isPodReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod last became ready (ms), or 0 when not ready or unknown. */
export function podReadyTime(pod: KubeObject): number {
  const c = readyCondition(pod);
  if (c?.status !== 'True' || !c.lastTransitionTime) return 0;
  return Date.parse(c.lastTransitionTime);
}

/**
 * IsPodAvailable: ready, and ready for longer than minReadySeconds. Upstream compares with a
 * strict Before, so a pod becomes available the instant after the window closes.
 */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = podReadyTime(pod);
  return since > 0 && since + minReadySeconds * 1000 < now;
}

/** Milliseconds until a ready-but-not-yet-available pod becomes available (undefined otherwise). */
export function msUntilAvailable(pod: KubeObject, minReadySeconds: number, now: number): number | undefined {
  if (!minReadySeconds || !isPodReady(pod) || isPodAvailable(pod, minReadySeconds, now)) return undefined;
  const since = podReadyTime(pod);
  if (!since) return undefined;
  return since + minReadySeconds * 1000 - now + 1;
}

export function maxContainerRestarts(pod: KubeObject): number {
  let max = 0;
  for (const c of shape(pod).status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

export function creationTime(obj: KubeObject): number {
  const t = obj.metadata.creationTimestamp;
  return t ? Date.parse(String(t)) : 0;
}
