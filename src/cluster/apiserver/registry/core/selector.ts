// metav1 LabelSelector validation (apimachinery meta/v1/validation ValidateLabelSelector).
import type { FieldError } from '../../../../api/status';
import { isQualifiedName, isValidLabelValue } from '../../../../api/names';
import { validateLabels } from '../../meta';
import { arr, forbidden, invalidErr, isObj, required, str, strs } from './generic';

export function validateLabelSelector(sel: unknown, path: string): FieldError[] {
  if (!isObj(sel)) return [];
  const errs: FieldError[] = [];
  arr(sel.matchExpressions).forEach((r, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const op = str(r.operator);
    const values = strs(r.values);
    switch (op) {
      case 'In':
      case 'NotIn':
        if (!values.length) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalidErr(`${p}.operator`, op, 'not a valid selector operator'));
    }
    const key = str(r.key);
    errs.push(...isQualifiedName(key).map((m) => invalidErr(`${p}.key`, key, m)));
    values.forEach((v, j) => errs.push(...isValidLabelValue(v).map((m) => invalidErr(`${p}.values[${j}]`, v, m))));
  });
  errs.push(...validateLabels(sel.matchLabels, `${path}.matchLabels`));
  return errs;
}
