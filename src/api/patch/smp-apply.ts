// Applying a strategic merge patch (apimachinery strategicpatch.mergeMap and friends). The same
// merge also combines two patches when kubectl builds a three-way patch (mergeParallelList false).
// Inputs are mutated: callers pass copies.
import {
  ERR_BAD_PATCH_FORMAT_PRIMITIVE_LIST,
  ERR_BAD_PATCH_FORMAT_RETAIN_KEYS,
  ERR_BAD_PATCH_FORMAT_SET_ELEMENT_ORDER,
  internal,
  smpError,
} from './errors';
import { deepEqual, goKind, goV, hasOwn, isObject, setOwn, type Json, type JsonObject } from './gojson';
import type { PatchMeta } from './mergekeys';
import {
  DELETE,
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  deduplicateScalars,
  errBadArgType,
  errBadPatchType,
  errNoMergeKey,
  extractKey,
  extractToDeleteItems,
  findMapByKey,
  itemsOf,
  lookupField,
  MERGE,
  mergeKeyValueEqual,
  normalizeElementOrder,
  partitionMaps,
  partitionPrimitives,
  REPLACE,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  sliceElementKind,
} from './smp-common';

export interface MergeOptions {
  /** true on the server: parallel lists ($deleteFromPrimitiveList, $setElementOrder) are executed. */
  mergeParallelList: boolean;
  /** true on the server: a null for an absent key is dropped rather than kept. */
  ignoreUnmatchedNulls: boolean;
}

export const SERVER_MERGE: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

function handleDirectiveInMergeMap(directive: Json, patch: JsonObject): JsonObject {
  if (directive === REPLACE) {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === DELETE) return {};
  throw errBadPatchType(directive, patch);
}

function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    if (hasOwn(original, RETAIN_KEYS)) {
      if (!deepEqual(original[RETAIN_KEYS], retain)) {
        throw internal(`${goV(original[RETAIN_KEYS])} and ${goV(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else setOwn(original, RETAIN_KEYS, retain);
    return;
  }
  if (!Array.isArray(retain)) throw smpError(ERR_BAD_PATCH_FORMAT_RETAIN_KEYS);
  const keep = new Set<Json>(retain);
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw smpError(ERR_BAD_PATCH_FORMAT_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function validatePatchWithSetOrderList(patchList: Json[], setOrder: Json[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey !== '' ? extractToDeleteItems(patchList)[0] : patchList;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < setOrder.length) {
    const item = nonDelete[pi];
    if (isObject(item) && hasOwn(item, DIRECTIVE)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(item, setOrder[si], mergeKey)) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= setOrder.length) {
    throw internal(`The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goV(setOrder)}\n`);
  }
}

/** Handles `$setElementOrder/<list>` directives together with the lists they order. */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, meta: PatchMeta, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER) || !hasOwn(patch, key)) continue;
    const setOrder = patch[key];
    if (!opts.mergeParallelList) {
      if (hasOwn(original, key)) {
        if (!deepEqual(original[key], setOrder)) throw smpError(ERR_BAD_PATCH_FORMAT_SET_ELEMENT_ORDER);
      } else setOwn(original, key, setOrder);
    }
    delete patch[key];
    if (!Array.isArray(setOrder)) throw errBadArgType('slice', setOrder);
    const listKey = extractKey(key, SET_ELEMENT_ORDER, ERR_BAD_PATCH_FORMAT_SET_ELEMENT_ORDER);
    const foundOriginal = hasOwn(original, listKey);
    const foundPatch = hasOwn(patch, listKey);
    const originalList = foundOriginal ? original[listKey] : [];
    const patchList = foundPatch ? patch[listKey] : [];
    if (!Array.isArray(originalList)) throw errBadArgType('slice', originalList);
    if (!Array.isArray(patchList)) throw errBadArgType('slice', patchList);
    const f = lookupField(meta, listKey);
    validatePatchWithSetOrderList(patchList, setOrder, f.mergeKey);
    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = patchList;
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, f.meta, f.strategy, f.mergeKey, false, opts);
    else continue;
    const [inOrder, serverOnly] = f.mergeKey === '' ? partitionPrimitives(merged, setOrder) : partitionMaps(merged, setOrder, f.mergeKey);
    const kind = sliceElementKind(originalList, patchList);
    setOwn(original, listKey, normalizeElementOrder(inOrder, serverOnly, setOrder, originalList, f.mergeKey, kind));
    delete patch[listKey];
  }
}

/** strategicpatch.mergeMap */
export function mergeMap(original: JsonObject | null, patch: JsonObject, meta: PatchMeta, opts: MergeOptions): JsonObject {
  if (hasOwn(patch, DIRECTIVE)) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  const orig: JsonObject = original ?? {};
  applyRetainKeysDirective(orig, patch, opts);
  mergePatchIntoOriginal(orig, patch, meta, opts);
  for (const pk of Object.keys(patch)) {
    const patchV = patch[pk];
    let k = pk;
    let isDeleteList = false;
    if (pk.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        setOwn(orig, pk, patchV);
        continue;
      }
      k = extractKey(pk, DELETE_FROM_PRIMITIVE_LIST, ERR_BAD_PATCH_FORMAT_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    // Upstream quirk kept: a deletion list for an absent list becomes the list's value.
    if (!hasOwn(orig, k)) {
      setOwn(orig, k, patchV);
      continue;
    }
    const ov = orig[k];
    if (goKind(ov) !== goKind(patchV)) {
      setOwn(orig, k, patchV);
      continue;
    }
    const f = lookupField(meta, k);
    if (isObject(ov) && isObject(patchV)) {
      setOwn(orig, k, f.strategy !== REPLACE ? mergeMap(ov, patchV, f.meta, opts) : patchV);
    } else if (Array.isArray(ov) && Array.isArray(patchV)) {
      setOwn(orig, k, mergeSliceHandler(ov, patchV, f.meta, f.strategy, f.mergeKey, isDeleteList, opts));
    } else {
      setOwn(orig, k, patchV);
    }
  }
  return orig;
}

function mergeSliceHandler(
  original: Json[],
  patch: Json[],
  meta: PatchMeta,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): Json[] {
  if (strategy !== MERGE) return patch;
  return mergeSlice(original, patch, itemsOf(meta), mergeKey, opts, isDeleteList);
}

function mergeSlice(original: Json[], patch: Json[], elem: PatchMeta, mergeKey: string, opts: MergeOptions, isDeleteList: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: Json[];
  let orig = original;
  let p = patch;
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) {
      const del = new Set(patch);
      return original.filter((v) => !del.has(v));
    }
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw internal('cannot merge lists without merge key for type struct');
    [orig, p] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(orig, p, mergeKey, elem, opts);
  }
  const [inPatch, serverOnly] = mergeKey === '' ? partitionPrimitives(merged, p) : partitionMaps(merged, p, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, p, orig, mergeKey, kind);
}

function mergeSliceWithSpecialElements(original: Json[], patch: Json[], mergeKey: string): [Json[], Json[]] {
  const plain: Json[] = [];
  let replace = false;
  let orig = original;
  for (const v of patch) {
    const m = v as JsonObject;
    if (!hasOwn(m, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === DELETE) {
      if (!hasOwn(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      const value = m[mergeKey];
      orig = orig.filter((x) => {
        if (!isObject(x)) throw internal(`value for key ${orig.indexOf(x)} is not a map.`);
        return !(hasOwn(x, mergeKey) && x[mergeKey] === value);
      });
    } else if (directive === REPLACE) {
      replace = true;
    } else if (directive === MERGE) {
      throw internal('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, m);
    }
  }
  return replace ? [plain, []] : [orig, plain];
}

function mergeSliceWithoutSpecialElements(original: Json[], patch: Json[], mergeKey: string, elem: PatchMeta, opts: MergeOptions): Json[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as JsonObject;
    if (!hasOwn(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const found = findMapByKey(out, mergeKey, m[mergeKey]);
    if (found) out[found.index] = mergeMap(found.map, m, elem, opts);
    else out.push(v);
  }
  return out;
}
