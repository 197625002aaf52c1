// RFC 7386 JSON merge patch, as gopkg.in/evanphx/json-patch.v4 (MergePatch, CreateMergePatch) and
// apimachinery's jsonmergepatch.CreateThreeWayJSONMergePatch (what kubectl apply sends for kinds
// without strategic-merge metadata, e.g. custom resources).
import { badRequest, PatchError } from './errors';
import { deepClone, deepEqual, goKind, hasOwn, isObject, marshalGo, setOwn, sortKeysDeep, type Json, type JsonObject } from './gojson';

export const ERR_BAD_JSON_PATCH = 'Invalid JSON Patch';

function pruneNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map((x) => (x === null ? x : pruneNulls(x)));
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) if (v[k] !== null) setOwn(out, k, pruneNulls(v[k]));
    return out;
  }
  return v;
}

function mergeDocs(doc: JsonObject, patch: JsonObject): void {
  for (const k of Object.keys(patch)) {
    const pv = patch[k];
    if (pv === null) {
      delete doc[k];
      continue;
    }
    const cur = hasOwn(doc, k) ? doc[k] : null;
    if (!isObject(cur)) setOwn(doc, k, pruneNulls(pv)); // absent, null or not an object: replaced
    else if (!isObject(pv)) setOwn(doc, k, pv); // evanphx returns such a patch value unpruned
    else mergeDocs(cur, pv);
  }
}

/**
 * Applies a merge patch to a copy of `doc`. A patch that is null or a scalar is a BadRequest
 * `Invalid JSON Patch` (the apiserver's answer); an array patch replaces the document.
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) return pruneNulls(deepClone(patch as Json[]));
  if (!isObject(patch)) throw badRequest(ERR_BAD_JSON_PATCH);
  const out = isObject(doc) ? deepClone(doc) : {};
  mergeDocs(out, deepClone(patch));
  return out;
}

function getDiff(a: JsonObject, b: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const k of Object.keys(b)) {
    const bv = b[k];
    if (!hasOwn(a, k) || goKind(a[k]) !== goKind(bv)) {
      setOwn(into, k, deepClone(bv));
      continue;
    }
    const av = a[k];
    if (isObject(av) && isObject(bv)) {
      const d = getDiff(av, bv);
      if (Object.keys(d).length > 0) setOwn(into, k, d);
    } else if (!deepEqual(av, bv)) {
      setOwn(into, k, deepClone(bv));
    }
  }
  for (const k of Object.keys(a)) if (!hasOwn(b, k)) setOwn(into, k, null);
  return into;
}

/** jsonpatch.CreateMergePatch for two objects; keys sorted as Go marshals them. */
export function createMergePatch(original: unknown, modified: unknown): JsonObject {
  const o = isObject(original) ? original : {};
  const m = isObject(modified) ? modified : {};
  return sortKeysDeep(getDiff(o, m));
}

function keepOrDeleteNull(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(m)) {
    const v = m[k];
    if (v === null) {
      if (keepNull) setOwn(out, k, null);
    } else if (isObject(v)) {
      if (Object.keys(v).length === 0) {
        if (!keepNull) setOwn(out, k, v);
        continue;
      }
      const sub = keepOrDeleteNull(v, keepNull);
      if (Object.keys(sub).length > 0) setOwn(out, k, sub);
    } else if (!keepNull) {
      setOwn(out, k, v);
    }
  }
  return out;
}

/** mergepatch.HasConflicts */
function hasConflicts(left: Json, right: Json): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    return Object.keys(left).some((k) => hasOwn(right, k) && hasConflicts(left[k], right[k]));
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return true;
    return left.some((x, i) => hasConflicts(x, right[i]));
  }
  return !deepEqual(left, right);
}

/**
 * jsonmergepatch.CreateThreeWayJSONMergePatch: additions and changes from current→modified plus
 * deletions from original(last-applied)→modified. Throws a Conflict PatchError when they clash.
 */
export function createThreeWayJsonMergePatch(original: unknown, modified: unknown, current: unknown): JsonObject {
  const addAndChange = keepOrDeleteNull(createMergePatch(current, modified), false);
  const deletions = keepOrDeleteNull(createMergePatch(original, modified), true);
  if (hasConflicts(addAndChange, deletions)) {
    throw new PatchError(
      'Conflict',
      `patch:\n${marshalGo(addAndChange)}\nconflicts with changes made from original to current:\n${marshalGo(deletions)}\n`,
    );
  }
  return sortKeysDeep(applyMergePatch(deletions, addAndChange) as JsonObject);
}
