// DaemonSets (apps/v1): defaults, ValidateDaemonSetSpec, the template-generation annotation.
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { matchesLabels } from '../../../../api/labels';
import type { Strategy } from '../types';
import { defaultPodTemplate } from './podspec-defaults';
import { selectorOrError, validateLabelSelector, validatePodTemplateSpec } from './podspec-validation';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from './deployment';
import { collisionCountNotDecremented, keepSpecAndLabels, resetStatus, selectorImmutable, statusCounters } from './common';
import { asObj, clone, forbiddenErr, goIntOrString, goLabelSelector, invalidErr, isObj, labelsOf, labelsValue, nonNegative, notSupported, required, semanticEqual, str, type Obj } from './util';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export function defaultDaemonSet(obj: KubeObject): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec as Obj;
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const us = spec.updateStrategy as Obj;
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
    const ru = us.rollingUpdate as Obj;
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = 1;
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (!isObj(spec.template)) spec.template = {};
  defaultPodTemplate(spec.template);
}

function intOrPercent(v: unknown): number {
  if (typeof v === 'number') return v;
  const m = /^([0-9]+)%$/.exec(str(v));
  return m ? Number(m[1]) : parseInt(str(v), 10) || 0;
}

export function validateDaemonSetSpec(spec0: unknown, path = 'spec'): FieldError[] {
  const spec = asObj(spec0);
  const errs: FieldError[] = [...validateLabelSelector(spec.selector, `${path}.selector`)];
  const tmpl = asObj(spec.template);
  const labels = asObj(tmpl.metadata).labels;
  const r = selectorOrError(spec.selector, `${path}.selector`);
  if (r.selector && !matchesLabels(r.selector, labelsOf(labels))) {
    const v = labelsValue(labels);
    errs.push(invalidErr(`${path}.template.metadata.labels`, v.badValue, '`selector` does not match template `labels`', v.badValueText));
  }
  const sel = spec.selector;
  if (isObj(sel) && Object.keys(asObj(sel.matchLabels)).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0) === 0) {
    errs.push(invalidErr(`${path}.selector`, sel, 'empty selector is invalid for daemonset', goLabelSelector(sel)));
  }
  errs.push(...validatePodTemplateSpec(tmpl, `${path}.template`));
  const ps = asObj(tmpl.spec);
  if (ps.restartPolicy !== 'Always') errs.push(notSupported(`${path}.template.spec.restartPolicy`, str(ps.restartPolicy), ['Always']));
  if (ps.activeDeadlineSeconds !== undefined && ps.activeDeadlineSeconds !== null) {
    errs.push(forbiddenErr(`${path}.template.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`));
  const us = asObj(spec.updateStrategy);
  const up = `${path}.updateStrategy`;
  if (us.type === 'RollingUpdate') {
    if (!isObj(us.rollingUpdate)) errs.push(required(`${up}.rollingUpdate`));
    else {
      const ru = us.rollingUpdate;
      const p = `${up}.rollingUpdate`;
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`));
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
      errs.push(...isNotMoreThan100Percent(ru.maxSurge, `${p}.maxSurge`));
      const hasU = intOrPercent(ru.maxUnavailable) !== 0;
      const hasS = intOrPercent(ru.maxSurge) !== 0;
      if (hasU && hasS) errs.push(invalidErr(`${p}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero', goIntOrString(ru.maxSurge)));
      else if (!hasU && !hasS) errs.push(required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
    }
  } else if (us.type !== 'OnDelete') {
    errs.push(notSupported(up, us, ['RollingUpdate', 'OnDelete'], `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(str(us.type))}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`));
  }
  if (typeof spec.revisionHistoryLimit === 'number') errs.push(...nonNegative(spec.revisionHistoryLimit, `${path}.revisionHistoryLimit`));
  return errs;
}

export const daemonSetStrategy: Strategy = {
  defaults: defaultDaemonSet,
  prepareForCreate(obj) {
    resetStatus(obj);
    obj.metadata.generation = 1;
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: '1' };
  },
  prepareForUpdate(obj, old) {
    obj.status = old.status === undefined ? {} : clone(old.status);
    const oldGen = Number(old.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? 0);
    const gen = old.metadata.generation ?? 0;
    const ann = { ...(obj.metadata.annotations ?? {}) };
    if (oldGen) ann[TEMPLATE_GENERATION_ANNOTATION] = String(oldGen);
    if (!semanticEqual(asObj(obj.spec).template, asObj(old.spec).template)) {
      ann[TEMPLATE_GENERATION_ANNOTATION] = String(oldGen + 1);
      obj.metadata.generation = gen + 1;
    } else if (!semanticEqual(obj.spec, old.spec)) {
      obj.metadata.generation = gen + 1;
    } else {
      obj.metadata.generation = gen;
    }
    if (Object.keys(ann).length) obj.metadata.annotations = ann;
  },
  validate(obj) {
    return validateDaemonSetSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    return [...validateDaemonSetSpec(obj.spec), ...selectorImmutable(obj, old)];
  },
  prepareForStatusUpdate: keepSpecAndLabels,
  validateStatusUpdate(obj, old) {
    return [
      ...statusCounters(obj.status, ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount']),
      ...collisionCountNotDecremented(obj, old),
    ];
  },
  hasGeneration: true,
  statusSubresource: true,
};
