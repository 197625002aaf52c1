// ReplicaSets (apps/v1) and the selector/template checks the apps controllers share.
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import type { LabelSelector } from '../../../../api/selector-types';
import { matchesLabels } from '../../../../api/labels';
import type { Strategy } from '../types';
import { defaultPodTemplate } from './podspec-defaults';
import { selectorOrError, validateLabelSelector, validatePodTemplateSpec } from './podspec-validation';
import { keepSpecAndLabels, keepStatusBumpGeneration, resetStatus, selectorImmutable, statusCounters } from './common';
import { asObj, forbiddenErr, goLabelSelector, invalidErr, isObj, labelsOf, labelsValue, nonNegative, notSupported, required, str, type Obj } from './util';

/**
 * The selector part of ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateStatefulSetSpec:
 * nil is Required (and then selects nothing, so the template check fails too), `{}` is invalid.
 */
export function validateSelectorRequired(sel: unknown, path: string, kindWord: string): { selector?: LabelSelector; errs: FieldError[] } {
  const errs: FieldError[] = [];
  if (sel === undefined || sel === null) {
    errs.push(required(path));
  } else {
    errs.push(...validateLabelSelector(sel, path));
    const s = asObj(sel);
    const n = Object.keys(asObj(s.matchLabels)).length + (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0);
    if (n === 0) errs.push(invalidErr(path, sel, `empty selector is invalid for ${kindWord}`, goLabelSelector(sel)));
  }
  const r = selectorOrError(sel, path);
  errs.push(...r.errs);
  return { selector: r.selector, errs };
}

function selectorIsEmpty(sel: LabelSelector): boolean {
  return !sel.nothing && sel.requirements.length === 0;
}

/** ValidatePodTemplateSpecForReplicaSet (and its RC/DaemonSet twins: restartPolicy Always, no activeDeadlineSeconds). */
export function validateControllerTemplate(tmpl: unknown, selector: LabelSelector, path: string, kindName: string, checkSelector = true): FieldError[] {
  if (!isObj(tmpl)) return [required(path)];
  const errs: FieldError[] = [];
  const labels = asObj(tmpl.metadata).labels;
  if (checkSelector && !selectorIsEmpty(selector) && !matchesLabels(selector, labelsOf(labels))) {
    const v = labelsValue(labels);
    errs.push(invalidErr(`${path}.metadata.labels`, v.badValue, '`selector` does not match template `labels`', v.badValueText));
  }
  errs.push(...validatePodTemplateSpec(tmpl, path));
  const spec = asObj(tmpl.spec);
  if (spec.restartPolicy !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, str(spec.restartPolicy), ['Always']));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errs.push(forbiddenErr(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kindName} is not Supported`));
  }
  return errs;
}

export function defaultReplicaSet(obj: KubeObject): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec as Obj;
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (!isObj(spec.template)) spec.template = {};
  defaultPodTemplate(spec.template);
}

export function validateReplicaSetSpec(spec0: unknown, path = 'spec'): FieldError[] {
  const spec = asObj(spec0);
  const errs = [...nonNegative(spec.replicas, `${path}.replicas`), ...nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`)];
  const sel = validateSelectorRequired(spec.selector, `${path}.selector`, 'deployment');
  errs.push(...sel.errs);
  if (sel.selector) errs.push(...validateControllerTemplate(spec.template, sel.selector, `${path}.template`, 'ReplicaSet'));
  return errs;
}

export function validateReplicaSetStatus(status0: unknown): FieldError[] {
  const s = asObj(status0);
  const errs = statusCounters(s, ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']);
  const n = (k: string) => Number(s[k] ?? 0);
  const msg = 'cannot be greater than status.replicas';
  if (n('fullyLabeledReplicas') > n('replicas')) errs.push(invalidErr('status.fullyLabeledReplicas', n('fullyLabeledReplicas'), msg));
  if (n('readyReplicas') > n('replicas')) errs.push(invalidErr('status.readyReplicas', n('readyReplicas'), msg));
  if (n('availableReplicas') > n('replicas')) errs.push(invalidErr('status.availableReplicas', n('availableReplicas'), msg));
  if (n('availableReplicas') > n('readyReplicas')) errs.push(invalidErr('status.availableReplicas', n('availableReplicas'), 'cannot be greater than readyReplicas'));
  return errs;
}

export const replicaSetStrategy: Strategy = {
  defaults: defaultReplicaSet,
  prepareForCreate(obj) {
    resetStatus(obj);
    obj.metadata.generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatusBumpGeneration(obj, old);
  },
  validate(obj) {
    return validateReplicaSetSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    return [...validateReplicaSetSpec(obj.spec), ...selectorImmutable(obj, old)];
  },
  prepareForStatusUpdate: keepSpecAndLabels,
  validateStatusUpdate(obj) {
    return validateReplicaSetStatus(obj.status);
  },
  hasGeneration: true,
  statusSubresource: true,
};
