// ControllerRevisions (apps/v1): data is mandatory and immutable, revision non-negative.
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import type { Strategy } from '../types';
import { deepEqual, invalidErr, nonNegative, required, FIELD_IMMUTABLE } from './generic';

export function validateControllerRevision(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (obj.data === undefined || obj.data === null) errs.push(required('data', 'data is mandatory'));
  errs.push(...nonNegative(obj.revision, 'revision'));
  return errs;
}

export const controllerRevisionStrategy: Strategy = {
  allowCreateOnUpdate: false,
  validate(obj) {
    return validateControllerRevision(obj);
  },
  validateUpdate(obj, old) {
    const errs = validateControllerRevision(obj);
    if (!deepEqual(obj.data, old.data)) {
      const raw = JSON.stringify(obj.data ?? null);
      errs.push(invalidErr('data', raw, FIELD_IMMUTABLE, `runtime.RawExtension{Raw:[]uint8(${JSON.stringify(raw)}), Object:runtime.Object(nil)}`));
    }
    return errs;
  },
};
