// Deployments (apps/v1): SetDefaults_Deployment, ValidateDeployment(Update), the strategy.
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { isValidPercent } from '../../../../api/names';
import type { Strategy } from '../types';
import { defaultPodTemplate } from './podspec-defaults';
import { collisionCountNotDecremented, keepSpecAndLabels, keepStatusBumpGeneration, resetStatus, selectorImmutable, statusCounters } from './common';
import { validateControllerTemplate, validateSelectorRequired } from './replicaset';
import { asObj, forbiddenErr, goIntOrString, invalidErr, isObj, nonNegative, notSupported, required, type Obj } from './util';

export function defaultDeployment(obj: KubeObject): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec as Obj;
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (!isObj(spec.strategy)) spec.strategy = {};
  const st = spec.strategy as Obj;
  if (!st.type) st.type = 'RollingUpdate';
  if (st.type === 'RollingUpdate') {
    if (!isObj(st.rollingUpdate)) st.rollingUpdate = {};
    const ru = st.rollingUpdate as Obj;
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
  if (!isObj(spec.template)) spec.template = {};
  defaultPodTemplate(spec.template);
}

function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return parseInt(v.slice(0, -1), 10);
}

/** getIntOrPercentValue: the percent number, or IntValue() (a string that is not a percent reads as its integer, else 0). */
function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  const n = parseInt(String(v ?? ''), 10);
  return Number.isNaN(n) ? 0 : n;
}

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalidErr(path, v, m, goIntOrString(v)));
  if (typeof v === 'number') return nonNegative(v, path);
  return [];
}

export function isNotMoreThan100Percent(v: unknown, path: string): FieldError[] {
  const p = percentValue(v);
  if (p === undefined || p <= 100) return [];
  return [invalidErr(path, v, 'must not be greater than 100%', goIntOrString(v))];
}

function validateStrategy(st0: unknown, path: string): FieldError[] {
  const st = asObj(st0);
  const errs: FieldError[] = [];
  switch (st.type) {
    case 'Recreate':
      if (st.rollingUpdate !== undefined && st.rollingUpdate !== null) {
        errs.push(forbiddenErr(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"));
      }
      break;
    case 'RollingUpdate': {
      if (!isObj(st.rollingUpdate)) {
        errs.push(required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil'));
        break;
      }
      const ru = st.rollingUpdate;
      const p = `${path}.rollingUpdate`;
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalidErr(`${p}.maxUnavailable`, ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0', goIntOrString(ru.maxUnavailable)));
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
      break;
    }
    default:
      errs.push(
        notSupported(path, st, ['Recreate', 'RollingUpdate'], `apps.DeploymentStrategy{Type:${JSON.stringify(String(st.type ?? ''))}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`),
      );
  }
  return errs;
}

/** ValidateDeploymentSpec. */
export function validateDeploymentSpec(spec0: unknown, path = 'spec'): FieldError[] {
  const spec = asObj(spec0);
  const errs: FieldError[] = [...nonNegative(spec.replicas, `${path}.replicas`)];
  const sel = validateSelectorRequired(spec.selector, `${path}.selector`, 'deployment');
  errs.push(...sel.errs);
  if (sel.selector) errs.push(...validateControllerTemplate(spec.template, sel.selector, `${path}.template`, 'ReplicaSet'));
  errs.push(...validateStrategy(spec.strategy, `${path}.strategy`));
  errs.push(...nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`));
  if (typeof spec.revisionHistoryLimit === 'number') errs.push(...nonNegative(spec.revisionHistoryLimit, `${path}.revisionHistoryLimit`));
  if (isObj(spec.rollbackTo)) errs.push(...nonNegative(spec.rollbackTo.revision, `${path}.rollback.version`));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, `${path}.progressDeadlineSeconds`));
    if (spec.progressDeadlineSeconds <= Number(spec.minReadySeconds ?? 0)) {
      errs.push(invalidErr(`${path}.progressDeadlineSeconds`, spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateDeploymentStatus(status0: unknown): FieldError[] {
  const s = asObj(status0);
  const errs = statusCounters(s, ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount']);
  const n = (k: string) => Number(s[k] ?? 0);
  const msg = 'cannot be greater than status.replicas';
  if (n('updatedReplicas') > n('replicas')) errs.push(invalidErr('status.updatedReplicas', n('updatedReplicas'), msg));
  if (n('readyReplicas') > n('replicas')) errs.push(invalidErr('status.readyReplicas', n('readyReplicas'), msg));
  if (n('availableReplicas') > n('replicas')) errs.push(invalidErr('status.availableReplicas', n('availableReplicas'), msg));
  if (n('availableReplicas') > n('readyReplicas')) errs.push(invalidErr('status.availableReplicas', n('availableReplicas'), 'cannot be greater than readyReplicas'));
  return errs;
}

export const deploymentStrategy: Strategy = {
  defaults: defaultDeployment,
  prepareForCreate(obj) {
    resetStatus(obj);
    obj.metadata.generation = 1;
  },
  prepareForUpdate(obj, old) {
    // Annotations are copied to the ReplicaSets, so their changes bump the generation too.
    keepStatusBumpGeneration(obj, old, true);
  },
  validate(obj) {
    return validateDeploymentSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    return [...validateDeploymentSpec(obj.spec), ...selectorImmutable(obj, old)];
  },
  prepareForStatusUpdate: keepSpecAndLabels,
  validateStatusUpdate(obj, old) {
    return [...validateDeploymentStatus(obj.status), ...collisionCountNotDecremented(obj, old)];
  },
  hasGeneration: true,
  statusSubresource: true,
};
