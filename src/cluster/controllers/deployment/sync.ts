// pkg/controller/deployment/sync.go: scaling and paused syncs, finding or creating the new
// ReplicaSet with its revision, proportional scaling, history cleanup and the status.
import { isAlreadyExists } from '../../machinery/client';
import { StatusError } from '../../../api/status';
import type { DeploymentController } from './controller';
import { computeHash } from './hash';
import { getRollbackTo } from './rollback';
import {
  DefaultDeploymentUniqueLabelKey,
  DeploymentAvailable,
  DeploymentProgressing,
  FailedRSCreateReason,
  FoundNewRSReason,
  MinimumReplicasAvailable,
  MinimumReplicasUnavailable,
  NewRSReason,
  PausedDeployReason,
  ResumedDeployReason,
  RevisionAnnotation,
  TimedOutReason,
  bySizeNewer,
  bySizeOlder,
  byRevision,
  clone,
  cloneAndAddLabel,
  cloneSelectorAndAddLabel,
  equalIgnoreHash,
  filterActiveReplicaSets,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getControllerOf,
  getDeploymentCondition,
  getDesiredReplicasAnnotation,
  getProportion,
  getReadyReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newDeploymentCondition,
  newRSNewReplicas,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  semanticEqual,
  setDeploymentCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  type Deployment,
  type DeploymentStatus,
  type ReplicaSet,
} from './util';

/** syncStatusOnly: a deployment being deleted only gets its status refreshed. */
export function syncStatusOnly(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** sync: scaling events and paused deployments (no rollout). */
export function sync(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  // Clean up the history of a paused deployment when no rollback is in flight.
  if (d.spec.paused && !getRollbackTo(d)) cleanupDeployment(dc, oldRSs, d);
  const [newRS2, oldRSs2] = refresh(dc, newRS, oldRSs);
  syncDeploymentStatus(dc, [...oldRSs2, newRS2], newRS2, d);
}

/** The cached copies after this sync's own writes (upstream re-reads them on the next sync). */
export function refresh(dc: DeploymentController, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): [ReplicaSet | undefined, ReplicaSet[]] {
  const fresh = dc.fresh(newRS ? [newRS, ...oldRSs] : oldRSs);
  if (!newRS) return [undefined, fresh];
  const n = fresh.find((rs) => rs.metadata.uid === newRS.metadata.uid);
  return [n, fresh.filter((rs) => rs.metadata.uid !== newRS.metadata.uid)];
}

/**
 * checkPausedConditions: Progressing becomes Unknown DeploymentPaused / DeploymentResumed, so a
 * deployment paused for longer than its deadline does not time out when resumed.
 */
export function checkPausedConditions(dc: DeploymentController, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, DeploymentProgressing);
  if (cond && cond.reason === TimedOutReason) return;
  const pausedCondExists = !!cond && cond.reason === PausedDeployReason;
  let needsUpdate = false;
  const status = (d.status ??= {});
  if (d.spec.paused && !pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition(DeploymentProgressing, 'Unknown', PausedDeployReason, 'Deployment is paused', dc.now()));
    needsUpdate = true;
  } else if (!d.spec.paused && pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition(DeploymentProgressing, 'Unknown', ResumedDeployReason, 'Deployment is resumed', dc.now()));
    needsUpdate = true;
  }
  if (needsUpdate) dc.updateStatus(d);
}

/**
 * getAllReplicaSetsAndSyncRevision: the new RS (created when asked) with its revision moved to
 * max(old)+1, and every old RS.
 */
export function getAllReplicaSetsAndSyncRevision(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[], createIfNotExisted: boolean): [ReplicaSet | undefined, ReplicaSet[]] {
  const fresh = dc.fresh(rsList);
  const [, allOldRSs] = findOldReplicaSets(d, fresh);
  const newRS = getNewReplicaSet(dc, d, fresh, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

/**
 * A copy of a cached ReplicaSet that getNewReplicaSet may re-annotate: metadata, its annotations
 * and spec are copied one level (the only places written to); the template and the rest stay
 * shared with the cached (frozen) object, so a sync does not copy the whole pod template.
 */
function copyForAnnotations(rs: ReplicaSet): ReplicaSet {
  const metadata = { ...rs.metadata };
  if (rs.metadata.annotations) metadata.annotations = { ...rs.metadata.annotations };
  return { ...rs, metadata, spec: { ...rs.spec } };
}

/** getNewReplicaSet: find (and re-annotate) or create the RS whose template is the deployment's. */
export function getNewReplicaSet(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], createIfNotExisted: boolean): ReplicaSet | undefined {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  const status = (d.status ??= {});

  if (existing) {
    const rsCopy = copyForAnnotations(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReadySecondsNeedsUpdate = (rsCopy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      // int32 with omitempty in Go: a zero is absent from the stored object, not 0.
      if (d.spec.minReadySeconds) rsCopy.spec.minReadySeconds = d.spec.minReadySeconds;
      else delete rsCopy.spec.minReadySeconds;
      return dc.updateReplicaSetObject(rsCopy);
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[RevisionAnnotation] ?? '');
    const cond = getDeploymentCondition(status, DeploymentProgressing);
    if (hasProgressDeadline(d) && !cond) {
      const msg = `Found new replica set ${JSON.stringify(rsCopy.metadata.name)}`;
      setDeploymentCondition(status, newDeploymentCondition(DeploymentProgressing, 'True', FoundNewRSReason, msg, dc.now()));
      needsUpdate = true;
    }
    if (needsUpdate) dc.updateStatus(d);
    return rsCopy;
  }

  if (!createIfNotExisted) return undefined;

  const newRSTemplate = clone(d.spec.template);
  const hash = computeHash(newRSTemplate, status.collisionCount);
  newRSTemplate.metadata = { ...(newRSTemplate.metadata ?? {}), labels: cloneAndAddLabel(d.spec.template.metadata?.labels, DefaultDeploymentUniqueLabelKey, hash) };
  const newRSSelector = cloneSelectorAndAddLabel(d.spec.selector, DefaultDeploymentUniqueLabelKey, hash);
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(newRSTemplate.metadata.labels as Record<string, string>) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 0, selector: newRSSelector, template: newRSTemplate },
  };
  if (d.spec.minReadySeconds) newRS.spec.minReadySeconds = d.spec.minReadySeconds;
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);

  let created: ReplicaSet | undefined;
  let alreadyExists = false;
  try {
    created = dc.createReplicaSet(newRS);
  } catch (e) {
    if (isAlreadyExists(e)) {
      alreadyExists = true;
      const rs = dc.rsInformer.get(newRS.metadata.namespace ?? '', newRS.metadata.name!) as ReplicaSet | undefined;
      const ref = rs ? getControllerOf(rs) : undefined;
      if (rs && ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, rs.spec.template)) {
        created = rs;
      } else {
        // A hash collision: bump collisionCount so the next sync computes another name.
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        try {
          dc.updateStatus(d);
        } catch {
          // The retry will bump it again.
        }
        throw e;
      }
    } else if (e instanceof StatusError && e.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) {
      throw e;
    } else {
      const msg = `Failed to create new replica set ${JSON.stringify(newRS.metadata.name)}: ${(e as Error).message}`;
      if (hasProgressDeadline(d)) {
        setDeploymentCondition(status, newDeploymentCondition(DeploymentProgressing, 'False', FailedRSCreateReason, msg, dc.now()));
        try {
          dc.updateStatus(d);
        } catch {
          // Best effort, as upstream.
        }
      }
      dc.recorder.event(d, 'Warning', FailedRSCreateReason, msg);
      throw e;
    }
  }

  if (!alreadyExists && newReplicasCount > 0) {
    dc.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created!.metadata.name} from 0 to ${newReplicasCount}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    const msg = `Created new replica set ${JSON.stringify(created!.metadata.name)}`;
    setDeploymentCondition(status, newDeploymentCondition(DeploymentProgressing, 'True', NewRSReason, msg, dc.now()));
    needsUpdate = true;
  }
  if (needsUpdate) dc.updateStatus(d);
  return created;
}

/**
 * scale: one active RS (or none) takes the whole count; a saturated new RS empties the old
 * ones; otherwise a rolling deployment spreads the change proportionally.
 */
export function scale(dc: DeploymentController, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) === replicasOf(d)) return;
    scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;

  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allRSsReplicas = getReplicaCountForReplicaSets(allRSs);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  // Replicas to add (or remove) across the active RSs, in proportion to their sizes.
  const toAdd = allowedSize - allRSsReplicas;
  let scalingOperation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    scalingOperation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    scalingOperation = 'down';
  }
  let added = 0;
  const nameToSize = new Map<string, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = getProportion(rs, d, toAdd, added);
      nameToSize.set(rs.metadata.name!, replicasOf(rs) + proportion);
      added += proportion;
    } else {
      nameToSize.set(rs.metadata.name!, replicasOf(rs));
    }
  }
  allRSs.forEach((rs, i) => {
    const name = rs.metadata.name!;
    // Leftovers go to the largest RS.
    if (i === 0 && toAdd !== 0) {
      const leftover = toAdd - added;
      nameToSize.set(name, Math.max(0, nameToSize.get(name)! + leftover));
    }
    scaleReplicaSet(dc, rs, nameToSize.get(name)!, d, scalingOperation);
  });
}

/** scaleReplicaSetAndRecordEvent: [scaled, the RS after the write]. */
export function scaleReplicaSetAndRecordEvent(dc: DeploymentController, rs: ReplicaSet, newScale: number, d: Deployment): [boolean, ReplicaSet] {
  if (replicasOf(rs) === newScale) return [false, rs];
  const op = replicasOf(rs) < newScale ? 'up' : 'down';
  return scaleReplicaSet(dc, rs, newScale, d, op);
}

/** scaleReplicaSet: writes replicas and the desired/max annotations; `ScalingReplicaSet` event. */
export function scaleReplicaSet(dc: DeploymentController, rs: ReplicaSet, newScale: number, d: Deployment, scalingOperation: string): [boolean, ReplicaSet] {
  const sizeNeedsUpdate = replicasOf(rs) !== newScale;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, desired, max);
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return [false, rs];
  const oldScale = replicasOf(rs);
  const rsCopy = clone(rs);
  rsCopy.spec.replicas = newScale;
  setReplicasAnnotations(rsCopy, desired, max);
  const updated = dc.updateReplicaSetObject(rsCopy);
  if (sizeNeedsUpdate) {
    dc.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${scalingOperation} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
  }
  return [sizeNeedsUpdate, updated];
}

/**
 * cleanupDeployment: deletes the oldest old RSs beyond revisionHistoryLimit, only those with
 * no replicas whose latest spec the RS controller has observed.
 */
export function cleanupDeployment(dc: DeploymentController, oldRSs: ReplicaSet[], d: Deployment): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = dc.fresh(oldRSs).filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    dc.deleteReplicaSetObject(rs);
  }
}

/** syncDeploymentStatus: write the calculated status when it changed. */
export function syncDeploymentStatus(dc: DeploymentController, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.now());
  if (statusEqual(d.status, newStatus)) return;
  d.status = newStatus;
  dc.updateStatus(d);
}

/** Go omits zero counters (omitempty): the status as it travels. */
const STATUS_COUNTERS = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const;

export function compactStatus(s: DeploymentStatus | undefined): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (!s) return out;
  for (const k of STATUS_COUNTERS) {
    if (s[k]) out[k] = s[k];
  }
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined && s.collisionCount !== null) out.collisionCount = s.collisionCount;
  return out;
}

export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  // Most syncs follow a ReplicaSet's counters moving: a counter that differs (as compactStatus
  // keeps it) settles the answer without normalizing and serializing both statuses.
  for (const k of STATUS_COUNTERS) if ((a?.[k] || undefined) !== (b?.[k] || undefined)) return false;
  return semanticEqual(compactStatus(a), compactStatus(b));
}

/** calculateStatus: counters from the RSs, the Available condition from maxUnavailable. */
export function calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: string): DeploymentStatus {
  const available = getAvailableReplicaCountForReplicaSets(allRSs);
  const total = getReplicaCountForReplicaSets(allRSs);
  const unavailable = Math.max(0, total - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    conditions: clone(d.status?.conditions ?? []),
    collisionCount: d.status?.collisionCount,
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition(DeploymentAvailable, 'True', MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition(DeploymentAvailable, 'False', MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return compactStatus(status);
}

/** isScalingEvent: an active RS was sized for a different deployment replica count. */
export function isScalingEvent(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = getDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== replicasOf(d)) return true;
  }
  return false;
}
