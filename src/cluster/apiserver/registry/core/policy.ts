// PodDisruptionBudgets (policy/v1): minAvailable xor maxUnavailable, int-or-percent rules,
// selector and unhealthyPodEvictionPolicy (ValidatePodDisruptionBudgetSpec, v1.32).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { isValidPercent } from '../../../../api/names';
import type { Strategy } from '../types';
import { invalidErr, isObj, nonNegative, notSupported, str, type Obj } from './generic';
import { goIntOrString, percentValue } from './intstr';
import { validateLabelSelector } from './selector';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function intOrPercent(v: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (typeof v === 'string') {
    errs.push(...isValidPercent(v).map((m) => invalidErr(path, v, m, goIntOrString(v))));
    const p = percentValue(v);
    if (p !== undefined && p > 100) errs.push(invalidErr(path, v, 'must not be greater than 100%', goIntOrString(v)));
  } else if (typeof v === 'number') {
    errs.push(...nonNegative(v, path));
  }
  return errs;
}

export function validatePDB(obj: KubeObject): FieldError[] {
  const s: Obj = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(s.minAvailable) && has(s.maxUnavailable)) {
    const text = `policy.PodDisruptionBudgetSpec{MinAvailable:${goIntOrString(s.minAvailable)}, Selector:..., MaxUnavailable:${goIntOrString(s.maxUnavailable)}}`;
    errs.push(invalidErr('spec', s, 'minAvailable and maxUnavailable cannot be both set', text));
  }
  if (has(s.minAvailable)) errs.push(...intOrPercent(s.minAvailable, 'spec.minAvailable'));
  if (has(s.maxUnavailable)) errs.push(...intOrPercent(s.maxUnavailable, 'spec.maxUnavailable'));
  errs.push(...validateLabelSelector(s.selector, 'spec.selector'));
  if (has(s.unhealthyPodEvictionPolicy) && !EVICTION_POLICIES.includes(str(s.unhealthyPodEvictionPolicy))) {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', str(s.unhealthyPodEvictionPolicy), EVICTION_POLICIES));
  }
  return errs;
}

export function validatePDBStatus(obj: KubeObject): FieldError[] {
  const st: Obj = isObj(obj.status) ? obj.status : {};
  return ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'].flatMap((f) => nonNegative(st[f], `status.${f}`));
}

export const pdbStrategy: Strategy = {
  hasGeneration: true,
  statusSubresource: true,
  allowCreateOnUpdate: false,
  prepareForCreate(obj) {
    obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate(obj) {
    return validatePDB(obj);
  },
  validateUpdate(obj) {
    return validatePDB(obj);
  },
  validateStatusUpdate(obj) {
    return validatePDBStatus(obj);
  },
};
