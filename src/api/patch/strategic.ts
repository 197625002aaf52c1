// Strategic merge patch: the public entry points.
// - applyStrategicMergePatch: what kube-apiserver does with application/strategic-merge-patch+json;
// - createTwoWayMergePatch: what kubectl edit / set / patch-from-diff send;
// - createThreeWayMergePatch: what kubectl apply sends (last-applied, new config, live object).
// Patches come back with sorted keys, so JSON.stringify (or marshalGo) gives kubectl's bytes.
import { badRequest, internal, PatchError } from './errors';
import { deepClone, deepEqual, isObject, marshalGo, sortKeysDeep, type Json, type JsonObject } from './gojson';
import type { PatchMeta } from './mergekeys';
import { mergeMap, SERVER_MERGE } from './smp-apply';
import { diffMaps } from './smp-diff';
import { DIRECTIVE, lookupField, MERGE, REPLACE, RETAIN_KEYS } from './smp-common';

function asObject(v: unknown): JsonObject {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) {
    // json.Unmarshal of a non-object into map[string]interface{}: the apiserver's BadRequest.
    const word = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
    throw badRequest(`json: cannot unmarshal ${word} into Go value of type map[string]interface {}`);
  }
  return deepClone(v);
}

/** StrategicMergeMapPatch on copies of `original` and `patch`; throws PatchError. */
export function applyStrategicMergePatch(original: unknown, patch: unknown, schema: PatchMeta): unknown {
  return mergeMap(asObject(original), asObject(patch), schema, SERVER_MERGE);
}

/** CreateTwoWayMergePatch (with $setElementOrder, as kubectl edit sends). `{}` when equal. */
export function createTwoWayMergePatch(original: unknown, modified: unknown, schema: PatchMeta): JsonObject {
  const o = asObject(original);
  const m = asObject(modified);
  return sortKeysDeep(diffMaps(o, m, schema, { setElementOrder: true }));
}

/**
 * CreateThreeWayMergePatch: deletions from original (last-applied) to modified, plus additions and
 * changes from current (live) to modified. With overwrite=false, changes that conflict with what
 * someone else changed from original to current throw a Conflict PatchError (kubectl's text).
 */
export function createThreeWayMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
  schema: PatchMeta,
  overwrite = true,
): JsonObject {
  const o = asObject(original);
  const m = asObject(modified);
  const c = asObject(current);
  const delta = diffMaps(c, m, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(o, m, schema, { setElementOrder: true, ignoreChangesAndAdditions: true });
  const patch = mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
  if (!overwrite) {
    const changed = diffMaps(o, c, schema, {});
    if (mapsHaveConflicts(patch, changed, schema)) {
      throw new PatchError(
        'Conflict',
        `patch:\n${marshalGo(patch)}\nconflicts with changes made from original to current:\n${marshalGo(changed)}\n`,
      );
    }
  }
  return sortKeysDeep(patch);
}

/** strategicpatch.MergingMapsHaveConflicts */
export function mergingMapsHaveConflicts(left: unknown, right: unknown, schema: PatchMeta): boolean {
  return fieldsHaveConflicts(left as Json, right as Json, schema, '', '');
}

function fieldsHaveConflicts(left: Json, right: Json, meta: PatchMeta, strategy: string, mergeKey: string): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    const lm = left[DIRECTIVE];
    const rm = right[DIRECTIVE];
    if (lm !== undefined || rm !== undefined) {
      if ((lm === undefined) !== (rm === undefined) || lm !== rm) return true;
    }
    if (strategy === REPLACE) return false;
    return mapsHaveConflicts(left, right, meta);
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    return slicesHaveConflicts(left, right, meta, strategy, mergeKey);
  }
  return !deepEqual(left, right);
}

function mapsHaveConflicts(left: JsonObject, right: JsonObject, meta: PatchMeta): boolean {
  for (const k of Object.keys(left)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS || !Object.prototype.hasOwnProperty.call(right, k)) continue;
    const f = lookupField(meta, k);
    if (fieldsHaveConflicts(left[k], right[k], f.meta, f.strategy, f.mergeKey)) return true;
  }
  return false;
}

function slicesHaveConflicts(left: Json[], right: Json[], meta: PatchMeta, strategy: string, mergeKey: string): boolean {
  const elem = meta.items ?? {};
  const isMaps = [...left, ...right].some((v) => isObject(v));
  if (strategy === MERGE) {
    if (!isMaps) return false;
    const byKey = (l: Json[]): Map<string, Json> => {
      const out = new Map<string, Json>();
      for (const v of l) {
        if (!isObject(v)) throw internal(`invalid element type in merging list:${JSON.stringify(l)}`);
        out.set(String(v[mergeKey]), v);
      }
      return out;
    };
    const lm = byKey(left);
    const rm = byKey(right);
    for (const [k, lv] of lm) if (rm.has(k) && fieldsHaveConflicts(lv, rm.get(k)!, elem, '', '')) return true;
    return false;
  }
  if (left.length !== right.length) return true;
  const l = isMaps ? left : [...new Set(left)].sort();
  const r = isMaps ? right : [...new Set(right)].sort();
  if (l.length !== r.length) return true;
  return l.some((v, i) => fieldsHaveConflicts(v, r[i], elem, '', ''));
}
