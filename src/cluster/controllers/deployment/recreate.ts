// pkg/controller/deployment/recreate.go: the Recreate strategy. Old RSs go to 0 and their pods
// must be gone before the new RS is created and scaled up.
import type { KubeObject } from '../../../api/types';
import type { DeploymentController, PodMap } from './controller';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { deploymentComplete, filterActiveReplicaSets, getActualReplicaCountForReplicaSets, replicasOf, type Deployment, type ReplicaSet } from './util';

export function rolloutRecreate(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[], podMap?: PodMap): void {
  // Do not create the new RS yet: scale down before scaling up.
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  const activeOldRSs = filterActiveReplicaSets(oldRSs);

  if (scaleDownOldReplicaSetsForRecreate(dc, activeOldRSs, d)) {
    return syncRolloutStatus(dc, dc.fresh(allRSs.filter((rs): rs is ReplicaSet => !!rs)), newRS, d);
  }

  // Wait while pods of old revisions still run.
  const pods = podMap ?? dc.getPodMapForDeployment(d, dc.fresh(rsList));
  if (oldPodsRunning(newRS, oldRSs, pods)) {
    return syncRolloutStatus(dc, allRSs, newRS, d);
  }

  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }

  scaleUpNewReplicaSetForRecreate(dc, newRS!, d);

  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);

  const fresh = dc.fresh(allRSs.filter((rs): rs is ReplicaSet => !!rs));
  return syncRolloutStatus(dc, fresh, newRS && (dc.fresh([newRS])[0] ?? newRS), d);
}

/** scaleDownOldReplicaSetsForRecreate: every old RS to 0. */
export function scaleDownOldReplicaSetsForRecreate(dc: DeploymentController, oldRSs: ReplicaSet[], d: Deployment): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (replicasOf(rs) === 0) continue;
    const [did] = scaleReplicaSetAndRecordEvent(dc, rs, 0, d);
    if (did) scaled = true;
  }
  return scaled;
}

/** oldPodsRunning: old RSs still report replicas, or a pod of theirs is not finished. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: PodMap): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = (pod as KubeObject & { status?: { phase?: string } }).status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}

export function scaleUpNewReplicaSetForRecreate(dc: DeploymentController, newRS: ReplicaSet, d: Deployment): boolean {
  return scaleReplicaSetAndRecordEvent(dc, newRS, replicasOf(d), d)[0];
}
