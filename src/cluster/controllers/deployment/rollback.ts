// pkg/controller/deployment/rollback.go: the deprecated spec.rollbackTo, which apps/v1 carries
// as the `deprecated.deployment.rollback.to` annotation. (`kubectl rollout undo` does not use
// it: it patches the old template into the deployment, and getNewReplicaSet then finds the old
// RS and moves its revision to the top.)
import type { DeploymentController } from './controller';
import { getAllReplicaSetsAndSyncRevision } from './sync';
import {
  DeprecatedRollbackTo,
  RollbackDone,
  RollbackRevisionNotFound,
  RollbackTemplateUnchanged,
  equalIgnoreHash,
  lastRevision,
  revision,
  setDeploymentAnnotationsTo,
  setFromReplicaSetTemplate,
  type Deployment,
  type ReplicaSet,
} from './util';

export interface RollbackConfig {
  revision: number;
}

/** getRollbackTo: the revision asked for, or undefined when absent or not a number. */
export function getRollbackTo(d: Deployment): RollbackConfig | undefined {
  const v = d.metadata.annotations?.[DeprecatedRollbackTo];
  if (!v) return undefined;
  if (!/^[+-]?\d+$/.test(v)) return undefined;
  return { revision: parseInt(v, 10) };
}

export function setRollbackTo(d: Deployment, to: RollbackConfig | undefined): void {
  if (!to) {
    if (d.metadata.annotations) delete d.metadata.annotations[DeprecatedRollbackTo];
    return;
  }
  d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [DeprecatedRollbackTo]: String(to.revision) };
}

/** rollback: copy the template of the RS with the wanted revision (0: the previous one). */
export function rollback(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, allOldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...allOldRSs, ...(newRS ? [newRS] : [])];
  const to = getRollbackTo(d)!;
  if (to.revision === 0) {
    to.revision = lastRevision(allRSs);
    if (to.revision === 0) {
      dc.recorder.event(d, 'Warning', RollbackRevisionNotFound, 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(dc, d);
    }
  }
  for (const rs of allRSs) {
    let v: number;
    try {
      v = revision(rs);
    } catch {
      continue;
    }
    if (v === to.revision) {
      const performed = rollbackToTemplate(dc, d, rs);
      if (performed) dc.recorder.event(d, 'Normal', RollbackDone, `Rolled back deployment ${JSON.stringify(d.metadata.name)} to revision ${to.revision}`);
      return;
    }
  }
  dc.recorder.event(d, 'Warning', RollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
  updateDeploymentAndClearRollbackTo(dc, d);
}

/** rollbackToTemplate: take the RS's template and annotations unless the template is current. */
export function rollbackToTemplate(dc: DeploymentController, d: Deployment, rs: ReplicaSet): boolean {
  let performed = false;
  if (!equalIgnoreHash(d.spec.template, rs.spec.template)) {
    setFromReplicaSetTemplate(d, rs.spec.template);
    // The deployment takes the old RS's annotations (change-cause and friends), or the current
    // ones would be copied onto the RS we roll back to.
    setDeploymentAnnotationsTo(d, rs);
    performed = true;
  } else {
    dc.recorder.event(d, 'Warning', RollbackTemplateUnchanged, `The rollback revision contains the same template as current deployment ${JSON.stringify(d.metadata.name)}`);
  }
  updateDeploymentAndClearRollbackTo(dc, d);
  return performed;
}

/** updateDeploymentAndClearRollbackTo: drop the annotation and Update the deployment. */
export function updateDeploymentAndClearRollbackTo(dc: DeploymentController, d: Deployment): void {
  setRollbackTo(d, undefined);
  dc.update(d);
}
