// pkg/controller/deployment/progress.go: the Progressing condition (progressing, complete,
// timed out against progressDeadlineSeconds on the virtual clock), ReplicaFailure carried up
// from the ReplicaSets, and the requeue at the deadline.
import type { DeploymentController } from './controller';
import { calculateStatus, statusEqual } from './sync';
import {
  DeploymentProgressing,
  DeploymentReplicaFailure,
  NewRSAvailableReason,
  ReplicaSetUpdatedReason,
  TimedOutReason,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  newDeploymentCondition,
  parseTimeMs,
  removeDeploymentCondition,
  replicaSetToDeploymentCondition,
  setDeploymentCondition,
  type Condition,
  type Deployment,
  type DeploymentStatus,
  type ReplicaSet,
} from './util';

/** syncRolloutStatus: the status of a rolling-out deployment, with progress estimation. */
export function syncRolloutStatus(dc: DeploymentController, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = dc.now();
  const newStatus = calculateStatus(allRSs, newRS, d, now);

  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, DeploymentProgressing);

  // A resync of a finished rollout estimates nothing.
  const currentCond = getDeploymentCondition(d.status, DeploymentProgressing);
  const isCompleteDeployment = newStatus.replicas === newStatus.updatedReplicas && currentCond?.reason === NewRSAvailableReason;

  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const name = newRS?.metadata.name;
    if (deploymentComplete(d, newStatus)) {
      const msg = name ? `ReplicaSet ${JSON.stringify(name)} has successfully progressed.` : `Deployment ${JSON.stringify(d.metadata.name)} has successfully progressed.`;
      setDeploymentCondition(newStatus, newDeploymentCondition(DeploymentProgressing, 'True', NewRSAvailableReason, msg, now));
    } else if (deploymentProgressing(d, newStatus)) {
      // Progress moves lastUpdateTime even when the reason stays ReplicaSetUpdated.
      const msg = name ? `ReplicaSet ${JSON.stringify(name)} is progressing.` : `Deployment ${JSON.stringify(d.metadata.name)} is progressing.`;
      const condition = newDeploymentCondition(DeploymentProgressing, 'True', ReplicaSetUpdatedReason, msg, now);
      if (currentCond) {
        if (currentCond.status === 'True') condition.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(newStatus, DeploymentProgressing);
      }
      setDeploymentCondition(newStatus, condition);
    } else if (deploymentTimedOut(d, newStatus, dc.clock.now())) {
      const msg = name ? `ReplicaSet ${JSON.stringify(name)} has timed out progressing.` : `Deployment ${JSON.stringify(d.metadata.name)} has timed out progressing.`;
      setDeploymentCondition(newStatus, newDeploymentCondition(DeploymentProgressing, 'False', TimedOutReason, msg, now));
    }
  }

  // A finished rollout has no deadline left to check (hosts that run until idle stop here).
  if (deploymentComplete(d, newStatus)) dc.cancelAfter(d);

  const failure = getReplicaFailures(allRSs, newRS);
  if (failure.length > 0) setDeploymentCondition(newStatus, failure[0]);
  else removeDeploymentCondition(newStatus, DeploymentReplicaFailure);

  if (statusEqual(d.status, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  dc.updateStatus(d);
}

/** getReplicaFailures: ReplicaFailure conditions of the new RS, else of any RS. */
export function getReplicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Condition[] {
  const of = (rs: ReplicaSet | undefined) => (rs?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(replicaSetToDeploymentCondition);
  const fromNew = of(newRS);
  if (fromNew.length > 0) return fromNew;
  return allRSs.flatMap(of);
}

/**
 * requeueStuckDeployment: with no sign of progress, check again when the deadline passes
 * (lastUpdateTime + progressDeadlineSeconds, plus a second against skew). Returns the delay in
 * ms, -1 when no check is needed.
 */
export function requeueStuckDeployment(dc: DeploymentController, d: Deployment, newStatus: DeploymentStatus): number {
  const currentCond = getDeploymentCondition(d.status, DeploymentProgressing);
  if (!hasProgressDeadline(d) || !currentCond) return -1;
  if (deploymentComplete(d, newStatus) || currentCond.reason === TimedOutReason) return -1;
  const from = parseTimeMs(currentCond.lastUpdateTime);
  if (from === undefined) return -1;
  // Time alone never times out a NewReplicaSetAvailable condition (DeploymentTimedOut), so
  // unlike upstream we do not poll it; the RS events bring the deployment back.
  if (currentCond.reason === NewRSAvailableReason) return -1;
  const after = from + d.spec.progressDeadlineSeconds! * 1000 - dc.clock.now();
  // Upstream requeues rate-limited (5 ms doubling, reset on success) under a second; a timer
  // just past the deadline reaches the same check without spinning the virtual clock.
  dc.enqueueAfter(d, Math.max(after + 1000, 5));
  return Math.max(after, 0);
}
