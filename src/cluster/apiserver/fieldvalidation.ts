// Server-side field validation (fieldValidation=Strict|Warn|Ignore; Warn when unset, as since
// v1.27): unknown fields are dropped, and reported as a strict decoding error or as warnings.
import type { KubeObject } from '../../api/types';
import type { ResourceInfo } from '../../api/registry';
import { badRequest } from '../../api/status';
import { checkFields, duplicateFields, strictDecodingError } from './openapi/decode';
import { getSchema, refName, type Schema } from './openapi/schemas';

export function decodeErrorPrefix(r: ResourceInfo): string {
  return `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: `;
}

/** Returns warnings; throws BadRequest for type errors and for unknown fields under Strict. */
export function validateFields(r: ResourceInfo, obj: KubeObject, rawText: string | undefined, mode: string | undefined): string[] {
  const { unknown, typeErrors } = checkFields(r.definition, obj);
  if (typeErrors.length) throw badRequest(decodeErrorPrefix(r) + typeErrors[0]);
  goNulls(r.definition, obj);
  const dups = rawText ? duplicateFields(rawText) : [];
  for (const path of unknown) deletePath(obj, path);
  const m = mode ?? 'Warn';
  if (m === 'Ignore') return [];
  const problems = [...unknown.map((p) => `unknown field "${p}"`), ...dups.map((p) => `duplicate field "${p}"`)];
  if (!problems.length) return [];
  if (m === 'Strict') throw badRequest(decodeErrorPrefix(r) + strictDecodingError(unknown, dups));
  return problems;
}

/** Removes `spec.containers[0].foo` from obj. */
export function deletePath(obj: unknown, path: string): void {
  const parts: (string | number)[] = [];
  for (const seg of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(seg);
    if (!m) return;
    if (m[1]) parts.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  let cur: unknown = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!cur || typeof cur !== 'object') return;
    cur = (cur as Record<string | number, unknown>)[parts[i]];
  }
  if (cur && typeof cur === 'object') delete (cur as Record<string | number, unknown>)[parts[parts.length - 1]];
}

/**
 * What decoding into Go structs does with JSON null, so validation and storage never meet one:
 * a null field is left at its zero value (dropped here: the fields are omitempty), and a null
 * list item or map value becomes the item type's zero value (`ports: [null]` is a ContainerPort
 * with no containerPort, which validation then reports as Required).
 */
export function goNulls(definitionName: string, obj: unknown): void {
  walkNulls({ $ref: `#/components/schemas/${definitionName}` }, obj, 0);
}

function resolve(s: Schema): { target: Schema; def?: string } {
  const def = refName(s);
  return { target: def ? (getSchema(def) ?? {}) : s, def };
}

function zeroOf(s: Schema): unknown {
  const { target, def } = resolve(s);
  if (def?.endsWith('resource.Quantity')) return '0';
  if (def?.endsWith('intstr.IntOrString')) return 0;
  switch (target.type) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
  }
  return {};
}

/**
 * Fields that Go serialises back as `null` when zero, so a null sent stays a null stored: times
 * (metav1.Time and MicroTime marshal their zero value as null, e.g. an Event's `eventTime` or a
 * template's `creationTimestamp`) and required lists without omitempty (EndpointSlice `endpoints`).
 */
function keepsNull(prop: Schema, key: string, parent: Schema): boolean {
  const def = refName(prop) ?? '';
  if (def.endsWith('meta.v1.Time') || def.endsWith('meta.v1.MicroTime')) return true;
  const { target } = resolve(prop);
  return target.type === 'array' && !!parent.required?.includes(key);
}

function walkNulls(s: Schema, v: unknown, depth: number): void {
  if (v === null || typeof v !== 'object' || depth > 200) return;
  const { target } = resolve(s);
  if (Array.isArray(v)) {
    if (target.type !== 'array') return;
    const items = target.items ?? {};
    for (let i = 0; i < v.length; i++) {
      if (v[i] === null) v[i] = zeroOf(items);
      else walkNulls(items, v[i], depth + 1);
    }
    return;
  }
  const o = v as Record<string, unknown>;
  if (target.properties) {
    for (const [k, x] of Object.entries(o)) {
      const prop = Object.prototype.hasOwnProperty.call(target.properties, k) ? target.properties[k] : undefined;
      if (!prop) continue;
      if (x === null) {
        if (!keepsNull(prop, k, target)) delete o[k];
      } else walkNulls(prop, x, depth + 1);
    }
    return;
  }
  const ap = target.additionalProperties;
  if (ap && typeof ap === 'object') {
    for (const [k, x] of Object.entries(o)) {
      if (x === null) o[k] = zeroOf(ap);
      else walkNulls(ap, x, depth + 1);
    }
  }
}
