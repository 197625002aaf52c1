// Server-side field validation (fieldValidation=Strict|Warn|Ignore; Warn when unset, as since
// v1.27): unknown fields are dropped, and reported as a strict decoding error or as warnings.
import type { KubeObject } from '../../api/types';
import type { ResourceInfo } from '../../api/registry';
import { badRequest } from '../../api/status';
import { checkFields, duplicateFields, strictDecodingError } from './openapi/decode';

export function decodeErrorPrefix(r: ResourceInfo): string {
  return `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: `;
}

/** Returns warnings; throws BadRequest for type errors and for unknown fields under Strict. */
export function validateFields(r: ResourceInfo, obj: KubeObject, rawText: string | undefined, mode: string | undefined): string[] {
  const { unknown, typeErrors } = checkFields(r.definition, obj);
  if (typeErrors.length) throw badRequest(decodeErrorPrefix(r) + typeErrors[0]);
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
