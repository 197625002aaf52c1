// calculateStatus and updateReplicaSetStatus (replica_set_utils.go): counts of the claimed pods,
// the ReplicaFailure condition while creates or deletes fail, and observedGeneration. The status
// is only written when something changed, with one GET-and-retry on conflict.
import type { KubeObject } from '../../../api/types';
import { matchesLabels } from '../../../api/labels';
import { selectorFromSetCached } from '../selectors';
import type { ClusterClient } from '../../machinery/client';
import { specOf } from './adapter';
import { isPodAvailable, isPodReady } from './pods';

export interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export function statusOf(obj: KubeObject): ReplicaSetStatus {
  return { replicas: 0, ...((obj.status ?? {}) as Partial<ReplicaSetStatus>) };
}

/** Int32 fields with omitempty disappear at zero, as a real apiserver's JSON shows them. */
function compact(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function calculateStatus(rs: KubeObject, filteredPods: KubeObject[], manageReplicasErr: unknown, now: number, nowRfc3339: string): ReplicaSetStatus {
  const spec = specOf(rs);
  const templateLabels = selectorFromSetCached(spec.template?.metadata?.labels);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of filteredPods) {
    if (matchesLabels(templateLabels, pod.metadata.labels ?? {})) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, spec.minReadySeconds ?? 0, now)) available++;
    }
  }
  return statusFromCounts(rs, { replicas: filteredPods.length, fullyLabeled, ready, available }, manageReplicasErr, nowRfc3339);
}

/** calculateStatus from counts already taken (the incremental PodTally path). */
export function statusFromCounts(
  rs: KubeObject,
  counts: { replicas: number; fullyLabeled: number; ready: number; available: number },
  manageReplicasErr: unknown,
  nowRfc3339: string,
): ReplicaSetStatus {
  const spec = specOf(rs);
  const current = statusOf(rs);
  const { fullyLabeled, ready, available } = counts;
  let conditions = [...(current.conditions ?? [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageReplicasErr !== undefined && !failure) {
    const diff = counts.replicas - (spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: nowRfc3339, reason, message: errorMessage(manageReplicasErr) });
  } else if (manageReplicasErr === undefined && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  return compact({
    replicas: counts.replicas,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: current.observedGeneration,
    conditions,
  });
}

function sameStatus(rs: KubeObject, next: ReplicaSetStatus): boolean {
  const cur = statusOf(rs);
  return (
    cur.replicas === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (rs.metadata.generation ?? 0) === (cur.observedGeneration ?? 0) &&
    JSON.stringify(cur.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}

/** updateReplicaSetStatus: PUT status/ with the generation acted on; one retry after a fresh GET. */
export function updateStatus(client: ClusterClient, resource: string, rs: KubeObject, next: ReplicaSetStatus): KubeObject {
  if (sameStatus(rs, next)) return rs;
  let target = rs;
  for (let attempt = 0; ; attempt++) {
    const status = compact({ ...next, observedGeneration: target.metadata.generation ?? 0 });
    try {
      return client.updateStatus(resource, { ...target, status });
    } catch (e) {
      if (attempt >= 1) throw e;
      const fresh = client.get(resource, rs.metadata.namespace!, rs.metadata.name!);
      if (!fresh) throw e;
      target = fresh;
    }
  }
}
