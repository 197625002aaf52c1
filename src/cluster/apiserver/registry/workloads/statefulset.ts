// StatefulSets (apps/v1): defaults (with the volumeClaimTemplates' PVC defaults),
// ValidateStatefulSetSpec and the update rule on which spec fields may change.
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { matchesLabels } from '../../../../api/labels';
import type { Strategy } from '../types';
import { defaultPodTemplate, defaultPVCSpec } from './podspec-defaults';
import { validateSelectorRequired } from './replicaset';
import { validatePositiveIntOrPercent, isNotMoreThan100Percent } from './deployment';
import { validateAnnotations, validateLabels } from '../../meta';
import { collisionCountNotDecremented, keepSpecAndLabels, keepStatusBumpGeneration, resetStatus, statusCounters } from './common';
import { arr, asObj, clone, forbiddenErr, goIntOrString, invalidErr, isObj, labelsOf, labelsValue, nonNegative, notSupported, required, semanticEqual, str, type Obj } from './util';

export function defaultStatefulSet(obj: KubeObject): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec as Obj;
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const us = spec.updateStrategy as Obj;
  if (!us.type) {
    us.type = 'RollingUpdate';
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
  }
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate)) {
    if (us.rollingUpdate.partition === undefined || us.rollingUpdate.partition === null) us.rollingUpdate.partition = 0;
  }
  if (!isObj(spec.persistentVolumeClaimRetentionPolicy)) spec.persistentVolumeClaimRetentionPolicy = {};
  const rp = spec.persistentVolumeClaimRetentionPolicy as Obj;
  if (!rp.whenDeleted) rp.whenDeleted = 'Retain';
  if (!rp.whenScaled) rp.whenScaled = 'Retain';
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (!isObj(spec.template)) spec.template = {};
  defaultPodTemplate(spec.template);
  for (const pvc of arr(spec.volumeClaimTemplates)) {
    if (!pvc.apiVersion) pvc.apiVersion = 'v1';
    if (!pvc.kind) pvc.kind = 'PersistentVolumeClaim';
    if (!isObj(pvc.metadata)) pvc.metadata = {};
    if ((pvc.metadata as Obj).creationTimestamp === undefined) (pvc.metadata as Obj).creationTimestamp = null;
    if (!isObj(pvc.spec)) pvc.spec = {};
    defaultPVCSpec(pvc.spec as Obj);
    if (!isObj(pvc.status)) pvc.status = {};
    if (!(pvc.status as Obj).phase) (pvc.status as Obj).phase = 'Pending';
  }
}

export function validateStatefulSetSpec(spec0: unknown, path = 'spec'): FieldError[] {
  const spec = asObj(spec0);
  const errs: FieldError[] = [];
  const pmp = str(spec.podManagementPolicy);
  if (!pmp) errs.push(required(`${path}.podManagementPolicy`));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalidErr(`${path}.podManagementPolicy`, pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = asObj(spec.updateStrategy);
  const t = str(us.type);
  if (!t) errs.push(required(`${path}.updateStrategy`));
  else if (t === 'OnDelete') {
    if (us.rollingUpdate !== undefined && us.rollingUpdate !== null) {
      errs.push(invalidErr(`${path}.updateStrategy.rollingUpdate`, us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'", 'apps.RollingUpdateStatefulSetStrategy{...}'));
    }
  } else if (t === 'RollingUpdate') {
    if (isObj(us.rollingUpdate)) {
      const p = `${path}.updateStrategy.rollingUpdate`;
      errs.push(...nonNegative(us.rollingUpdate.partition, `${p}.partition`));
      const mu = us.rollingUpdate.maxUnavailable;
      if (mu !== undefined && mu !== null) {
        errs.push(...validatePositiveIntOrPercent(mu, `${p}.maxUnavailable`));
        if ((typeof mu === 'number' ? mu : parseInt(str(mu), 10) || 0) === 0) errs.push(invalidErr(`${p}.maxUnavailable`, mu, 'cannot be 0', goIntOrString(mu)));
        errs.push(...isNotMoreThan100Percent(mu, `${p}.maxUnavailable`));
      }
    }
  } else {
    errs.push(invalidErr(`${path}.updateStrategy`, us, "must be 'RollingUpdate' or 'OnDelete'", `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(t)}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`));
  }
  const rp = asObj(spec.persistentVolumeClaimRetentionPolicy);
  for (const k of ['whenDeleted', 'whenScaled']) {
    if (isObj(spec.persistentVolumeClaimRetentionPolicy) && rp[k] !== 'Retain' && rp[k] !== 'Delete') {
      errs.push(notSupported(`${path}.persistentVolumeClaimRetentionPolicy.${k}`, str(rp[k]), ['Retain', 'Delete']));
    }
  }
  errs.push(...nonNegative(spec.replicas, `${path}.replicas`));
  errs.push(...nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`));
  if (isObj(spec.ordinals)) errs.push(...nonNegative(spec.ordinals.start, `${path}.ordinals.start`));
  const sel = validateSelectorRequired(spec.selector, `${path}.selector`, 'statefulset');
  errs.push(...sel.errs);
  const tmpl = asObj(spec.template);
  const meta = asObj(tmpl.metadata);
  if (sel.selector) {
    const empty = !sel.selector.nothing && sel.selector.requirements.length === 0;
    if (!empty && !matchesLabels(sel.selector, labelsOf(meta.labels))) {
      const v = labelsValue(meta.labels);
      errs.push(invalidErr(`${path}.template.metadata.labels`, v.badValue, '`selector` does not match template `labels`', v.badValueText));
    }
    // Upstream validates only the template's labels and annotations here, not its PodSpec.
    errs.push(...validateLabels(meta.labels, `${path}.template.labels`));
    errs.push(...validateAnnotations(meta.annotations, `${path}.template.annotations`));
  }
  const ps = asObj(tmpl.spec);
  if (ps.restartPolicy !== 'Always') errs.push(notSupported(`${path}.template.spec.restartPolicy`, str(ps.restartPolicy), ['Always']));
  if (ps.activeDeadlineSeconds !== undefined && ps.activeDeadlineSeconds !== null) {
    errs.push(forbiddenErr(`${path}.template.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

const STS_MUTABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

export function validateStatefulSetUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateStatefulSetSpec(obj.spec);
  const a = clone(asObj(obj.spec));
  const b = clone(asObj(old.spec));
  for (const k of STS_MUTABLE) {
    delete a[k];
    delete b[k];
  }
  if (!semanticEqual(a, b)) {
    errs.push(
      forbiddenErr(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

export const statefulSetStrategy: Strategy = {
  defaults: defaultStatefulSet,
  prepareForCreate(obj) {
    resetStatus(obj);
    obj.metadata.generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatusBumpGeneration(obj, old);
  },
  validate(obj) {
    return validateStatefulSetSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    return validateStatefulSetUpdate(obj, old);
  },
  prepareForStatusUpdate: keepSpecAndLabels,
  validateStatusUpdate(obj, old) {
    return [
      ...statusCounters(obj.status, ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'observedGeneration', 'collisionCount']),
      ...collisionCountNotDecremented(obj, old),
    ];
  },
  hasGeneration: true,
  statusSubresource: true,
};
