// Secrets: type Opaque by default, stringData folded into data (v1 -> internal conversion),
// base64 decoding, key and size rules, type-specific keys and `immutable` (ValidateSecret, v1.32).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { isConfigMapKey } from '../../../../api/names';
import type { Strategy } from '../types';
import { base64Decode, base64EncodeString, utf8Decode, forbidden, immutable, invalidErr, isObj, required, str, tooLong, deepEqual, type Obj } from './generic';
import { checkBase64Map, decodedLength, IMMUTABLE_SET, MAX_DATA_SIZE } from './configmap';

const DOCKER_CONFIG_KEY = '.dockercfg';
const DOCKER_CONFIG_JSON_KEY = '.dockerconfigjson';
const SA_NAME_KEY = 'kubernetes.io/service-account.name';

/** SetDefaults_Secret and the stringData conversion: stringData wins over data for the same key. */
export function defaultSecret(obj: KubeObject): void {
  checkBase64Map(obj, 'data', 'Secret');
  if (isObj(obj.stringData)) {
    const data: Obj = isObj(obj.data) ? obj.data : {};
    for (const [k, v] of Object.entries(obj.stringData)) data[k] = base64EncodeString(str(v));
    obj.data = data;
  }
  delete obj.stringData;
  if (!obj.type) obj.type = 'Opaque';
}

function decodedText(v: unknown): string {
  return typeof v === 'string' ? utf8Decode(base64Decode(v).bytes) : '';
}

function jsonError(text: string): string | undefined {
  try {
    const v = JSON.parse(text);
    if (!isObj(v)) return `json: cannot unmarshal ${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : typeof v} into Go value of type map[string]interface {}`;
    return undefined;
  } catch {
    return text.trim() === '' ? 'unexpected end of JSON input' : 'invalid character in JSON input';
  }
}

export function validateSecret(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = isObj(obj.data) ? obj.data : {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalidErr(`data[${k}]`, k, m));
    total += decodedLength(v);
  }
  if (total > MAX_DATA_SIZE) errs.push(tooLong('data', MAX_DATA_SIZE));
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  switch (str(obj.type)) {
    case 'kubernetes.io/service-account-token':
      if (!obj.metadata.annotations?.[SA_NAME_KEY]) errs.push(required(`metadata.annotations[${SA_NAME_KEY}]`));
      break;
    case 'Opaque':
    case '':
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = obj.type === 'kubernetes.io/dockercfg' ? DOCKER_CONFIG_KEY : DOCKER_CONFIG_JSON_KEY;
      if (!has(key)) {
        errs.push(required(`data[${key}]`));
        break;
      }
      const e = jsonError(decodedText(data[key]));
      if (e) errs.push(invalidErr(`data[${key}]`, '<secret contents redacted>', e));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(required('data[username]'), required('data[password]'));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!decodedLength(data['ssh-privatekey'])) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(required('data[tls.key]'));
      break;
  }
  return errs;
}

export function validateSecretUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [...immutable('type', str(obj.type), str(old.type))];
  if (old.immutable === true) {
    if (obj.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE_SET));
    if (!deepEqual(obj.data, old.data)) errs.push(forbidden('data', IMMUTABLE_SET));
  }
  return [...errs, ...validateSecret(obj)];
}

export const secretStrategy: Strategy = {
  allowCreateOnUpdate: false,
  defaults(obj) {
    defaultSecret(obj);
  },
  validate(obj) {
    return validateSecret(obj);
  },
  validateUpdate(obj, old) {
    return validateSecretUpdate(obj, old);
  },
};
