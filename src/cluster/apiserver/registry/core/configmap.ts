// ConfigMaps: key rules, the 1 MiB total size, binaryData decoding and `immutable`
// (ValidateConfigMap / ValidateConfigMapUpdate, v1.32).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { badRequest } from '../../../../api/status';
import { isConfigMapKey } from '../../../../api/names';
import type { Strategy } from '../types';
import { base64Decode, deepEqual, forbidden, invalidErr, isObj, str, tooLong, utf8Length } from './generic';

/** core.MaxSecretSize, shared by ConfigMaps and Secrets. */
export const MAX_DATA_SIZE = 1024 * 1024;
export const IMMUTABLE_SET = 'field is immutable when `immutable` is set';

/** The JSON decoder's error for a []byte value that is not base64 (BadRequest, as transformDecodeError words it). */
export function checkBase64Map(obj: KubeObject, field: string, kind: string): void {
  const m = obj[field];
  if (!isObj(m)) return;
  for (const v of Object.values(m)) {
    if (typeof v !== 'string') continue;
    const r = base64Decode(v);
    if (r.error) throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${r.error}`);
  }
}

/** Decoded byte length of a base64 map value (0 when absent or invalid). */
export function decodedLength(v: unknown): number {
  return typeof v === 'string' ? base64Decode(v).bytes.length : 0;
}

export function validateConfigMap(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = isObj(obj.data) ? obj.data : {};
  const binary = isObj(obj.binaryData) ? obj.binaryData : {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalidErr(`data[${k}]`, k, m));
    if (k in binary) errs.push(invalidErr(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    total += utf8Length(str(v));
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(invalidErr(`binaryData[${k}]`, k, m));
    total += decodedLength(v);
  }
  // The path is field.NewPath(""), which renders as `[]`.
  if (total > MAX_DATA_SIZE) errs.push(tooLong('[]', MAX_DATA_SIZE));
  return errs;
}

export function validateConfigMapUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable === true) {
    if (obj.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE_SET));
    if (!deepEqual(obj.data, old.data)) errs.push(forbidden('data', IMMUTABLE_SET));
    if (!deepEqual(obj.binaryData, old.binaryData)) errs.push(forbidden('binaryData', IMMUTABLE_SET));
  }
  return [...errs, ...validateConfigMap(obj)];
}

export const configMapStrategy: Strategy = {
  allowCreateOnUpdate: false,
  defaults(obj) {
    checkBase64Map(obj, 'binaryData', 'ConfigMap');
  },
  validate(obj) {
    return validateConfigMap(obj);
  },
  validateUpdate(obj, old) {
    return validateConfigMapUpdate(obj, old);
  },
};
