// pkg/controller/deployment/rolling.go: the RollingUpdate strategy. The new RS grows within
// maxSurge, old RSs shrink while at least replicas-maxUnavailable pods stay available, and
// unhealthy old replicas are cleaned up first.
import type { DeploymentController } from './controller';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import {
  byCreationTimestamp,
  deploymentComplete,
  filterActiveReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxUnavailable,
  newRSNewReplicas,
  replicasOf,
  type Deployment,
  type ReplicaSet,
} from './util';

/** rolloutRolling: one step of a rolling update, then the rollout status. */
export function rolloutRolling(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS!];

  // Scale up, if we can.
  if (reconcileNewReplicaSet(dc, allRSs, newRS!, d)) {
    return syncRolloutStatus(dc, dc.fresh(allRSs), newRS && dc.fresh([newRS])[0], d);
  }
  // Scale down, if we can.
  if (reconcileOldReplicaSets(dc, allRSs, filterActiveReplicaSets(oldRSs), newRS!, d)) {
    return syncRolloutStatus(dc, dc.fresh(allRSs), newRS && dc.fresh([newRS])[0], d);
  }
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  return syncRolloutStatus(dc, dc.fresh(allRSs), newRS && dc.fresh([newRS])[0], d);
}

/** reconcileNewReplicaSet: grow (within maxSurge) or shrink the new RS toward spec.replicas. */
export function reconcileNewReplicaSet(dc: DeploymentController, allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d)) {
    return scaleReplicaSetAndRecordEvent(dc, newRS, replicasOf(d), d)[0];
  }
  const newReplicasCount = newRSNewReplicas(d, allRSs, newRS);
  return scaleReplicaSetAndRecordEvent(dc, newRS, newReplicasCount, d)[0];
}

/** reconcileOldReplicaSets: shrink old RSs as far as maxUnavailable allows. */
export function reconcileOldReplicaSets(dc: DeploymentController, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  const oldPodsCount = getReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false;
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailablePodCount = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;

  // Clean up unhealthy replicas first, otherwise they would block the rollout.
  const [cleanedOld, cleanupCount] = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  const scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleanedOld, newRS], cleanedOld, d);
  return cleanupCount + scaledDownCount > 0;
}

/** cleanupUnhealthyReplicas: scale old RSs down by their unavailable replicas, oldest first. */
export function cleanupUnhealthyReplicas(dc: DeploymentController, oldRSs: ReplicaSet[], d: Deployment, maxCleanupCount: number): [ReplicaSet[], number] {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanupCount) break;
    const rs = sorted[i];
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0) continue;
    if (replicasOf(rs) === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - total, replicasOf(rs) - available);
    const newReplicasCount = replicasOf(rs) - scaledDownCount;
    if (newReplicasCount > replicasOf(rs)) {
      throw new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.namespace}/${rs.metadata.name} ${replicasOf(rs)} -> ${newReplicasCount}`);
    }
    const [, updated] = scaleReplicaSetAndRecordEvent(dc, rs, newReplicasCount, d);
    total += scaledDownCount;
    sorted[i] = updated;
  }
  return [sorted, total];
}

/** scaleDownOldReplicaSetsForRollingUpdate: take available old replicas down to minAvailable. */
export function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentController, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const rs of sorted) {
    if (total >= totalScaleDownCount) break;
    if (replicasOf(rs) === 0) continue;
    const scaleDownCount = Math.min(replicasOf(rs), totalScaleDownCount - total);
    const newReplicasCount = replicasOf(rs) - scaleDownCount;
    if (newReplicasCount > replicasOf(rs)) {
      throw new Error(`when scaling down old RS, got invalid request to scale down ${rs.metadata.namespace}/${rs.metadata.name} ${replicasOf(rs)} -> ${newReplicasCount}`);
    }
    scaleReplicaSetAndRecordEvent(dc, rs, newReplicasCount, d);
    total += scaleDownCount;
  }
  return total;
}
