// The strategy pieces the workload kinds share: status handling on create/update and the
// generation bump (k/k pkg/registry/<group>/<kind>/strategy.go).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { clone, FIELD_IMMUTABLE_ERROR_MSG, goLabelSelector, invalidErr, nonNegative, semanticEqual, asObj } from './util';

/** PrepareForCreate of a controller kind: the status starts empty (a Go struct, so `{}`). */
export function resetStatus(obj: KubeObject): void {
  obj.status = {};
}

/** PrepareForUpdate: the main resource never writes status; spec changes bump the generation. */
export function keepStatusBumpGeneration(obj: KubeObject, old: KubeObject, alsoAnnotations = false): void {
  obj.status = old.status === undefined ? {} : clone(old.status);
  const specChanged = !semanticEqual(obj.spec, old.spec);
  const annChanged = alsoAnnotations && !semanticEqual(obj.metadata.annotations, old.metadata.annotations);
  if (specChanged || annChanged) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
  else if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
}

/** PrepareForUpdate of the status subresource: spec and labels stay as stored. */
export function keepSpecAndLabels(obj: KubeObject, old: KubeObject): void {
  // The stored (immutable) values themselves, as the pod strategy does: the status path never
  // writes to them, and the store shares them with the new version.
  if (old.spec === undefined) delete obj.spec;
  else obj.spec = old.spec;
  if (old.metadata.labels === undefined) delete obj.metadata.labels;
  else obj.metadata.labels = old.metadata.labels;
  if (obj.status === undefined) obj.status = {};
}

/** ValidateImmutableField for spec.selector of apps/v1 kinds. */
export function selectorImmutable(obj: KubeObject, old: KubeObject, path = 'spec.selector'): FieldError[] {
  const sel = asObj(obj.spec).selector;
  const oldSel = asObj(old.spec).selector;
  if (semanticEqual(sel, oldSel)) return [];
  return [invalidErr(path, sel ?? null, FIELD_IMMUTABLE_ERROR_MSG, goLabelSelector(sel))];
}

/** Non-negative counters of a workload status. */
export function statusCounters(status: unknown, fields: string[]): FieldError[] {
  const s = asObj(status);
  return fields.flatMap((f) => nonNegative(s[f], `status.${f}`));
}

export function collisionCountNotDecremented(obj: KubeObject, old: KubeObject): FieldError[] {
  const a = asObj(obj.status).collisionCount;
  const b = asObj(old.status).collisionCount;
  if (typeof b === 'number' && (typeof a !== 'number' || a < b)) {
    return [invalidErr('status.collisionCount', typeof a === 'number' ? a : 0, 'cannot be decremented')];
  }
  return [];
}

