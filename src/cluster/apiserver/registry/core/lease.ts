// Leases (coordination.k8s.io/v1): leaseDurationSeconds > 0, leaseTransitions >= 0
// (pkg/apis/coordination/validation, v1.32). CoordinatedLeaderElection is off in v1.32, so
// spec.strategy and spec.preferredHolder are dropped as disabled fields.
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import type { Strategy } from '../types';
import { invalidErr, isObj } from './generic';

export function validateLease(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const s = isObj(obj.spec) ? obj.spec : {};
  if (typeof s.leaseDurationSeconds === 'number' && s.leaseDurationSeconds <= 0) {
    errs.push(invalidErr('spec.leaseDurationSeconds', s.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (typeof s.leaseTransitions === 'number' && s.leaseTransitions < 0) {
    errs.push(invalidErr('spec.leaseTransitions', s.leaseTransitions, 'must be greater than or equal to 0'));
  }
  return errs;
}

function dropDisabled(obj: KubeObject, old?: KubeObject): void {
  if (!isObj(obj.spec)) return;
  const o = old && isObj(old.spec) ? old.spec : {};
  if (o.strategy === undefined) delete obj.spec.strategy;
  if (o.preferredHolder === undefined) delete obj.spec.preferredHolder;
}

export const leaseStrategy: Strategy = {
  allowCreateOnUpdate: true,
  prepareForCreate(obj) {
    dropDisabled(obj);
  },
  prepareForUpdate(obj, old) {
    dropDisabled(obj, old);
  },
  validate(obj) {
    return validateLease(obj);
  },
  validateUpdate(obj) {
    return validateLease(obj);
  },
};
