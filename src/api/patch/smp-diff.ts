// Computing a strategic merge patch between two documents (apimachinery strategicpatch.diffMaps
// and friends), as kubectl does for edit (two-way) and apply (three-way).
import { internal } from './errors';
import { compareGoStrings, deepEqual, goKind, goV, hasOwn, isObject, setOwn, type Json, type JsonObject } from './gojson';
import type { PatchMeta } from './mergekeys';
import {
  DELETE,
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  deduplicateScalars,
  errBadArgType,
  errNoMergeKey,
  itemsOf,
  lookupField,
  MERGE,
  mergeKeyValueEqual,
  normalizeSliceOrder,
  REPLACE,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  sliceElementKind,
  sortScalars,
} from './smp-common';

export interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

/** strategicpatch.diffMaps: a patch turning `original` into `modified`. */
export function diffMaps(original: JsonObject, modified: JsonObject, meta: PatchMeta, opts: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: Json[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (opts.buildRetainKeysDirective && mv !== null) retainKeys.push(key);
    if (!hasOwn(original, key)) {
      if (!opts.ignoreChangesAndAdditions) setOwn(patch, key, mv);
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string') throw internal(`invalid value for special key: ${DIRECTIVE}`);
      if (ov !== mv) setOwn(patch, key, mv);
      continue;
    }
    if (goKind(ov) !== goKind(mv)) {
      if (!opts.ignoreChangesAndAdditions) setOwn(patch, key, mv);
      continue;
    }
    if (isObject(ov) && isObject(mv)) handleMapDiff(key, ov, mv, patch, meta, opts);
    else if (Array.isArray(ov) && Array.isArray(mv)) handleSliceDiff(key, ov, mv, patch, meta, opts);
    else if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) setOwn(patch, key, mv);
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!hasOwn(modified, key)) setOwn(patch, key, null);
  }
  const originalHasMore = Object.keys(original).some((k) => original[k] !== null && !hasOwn(modified, k));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || originalHasMore)) {
    setOwn(patch, RETAIN_KEYS, sortScalars(retainKeys));
  }
  return patch;
}

function handleMapDiff(key: string, ov: JsonObject, mv: JsonObject, patch: JsonObject, meta: PatchMeta, opts: DiffOptions): void {
  const f = lookupField(meta, key);
  if (f.strategy === REPLACE) {
    if (!opts.ignoreChangesAndAdditions) setOwn(patch, key, mv);
    return;
  }
  const sub = diffMaps(ov, mv, f.meta, { ...opts, buildRetainKeysDirective: f.retainKeys });
  if (Object.keys(sub).length > 0) setOwn(patch, key, sub);
}

function handleSliceDiff(key: string, ov: Json[], mv: Json[], patch: JsonObject, meta: PatchMeta, opts: DiffOptions): void {
  const f = lookupField(meta, key);
  if (f.strategy !== MERGE) {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) setOwn(patch, key, mv);
    return;
  }
  const [add, del, order] = diffLists(ov, mv, itemsOf(f.meta), f.mergeKey, { ...opts, buildRetainKeysDirective: f.retainKeys });
  if (add.length > 0) setOwn(patch, key, add);
  if (del.length > 0) setOwn(patch, `${DELETE_FROM_PRIMITIVE_LIST}/${key}`, del);
  if (order.length > 0) setOwn(patch, `${SET_ELEMENT_ORDER}/${key}`, order);
}

/** Returns [patch list, primitive deletion list, $setElementOrder list]. */
function diffLists(original: Json[], modified: Json[], elem: PatchMeta, mergeKey: string, opts: DiffOptions): [Json[], Json[], Json[]] {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementKind(original, modified); // throws for lists of lists
  if (kind === 'map') {
    const [changes, deletions] = diffListsOfMaps(original, modified, elem, mergeKey, opts);
    const sorted = normalizeSliceOrder(changes, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    const list = [...sorted, ...deletions];
    let order: Json[] = [];
    if (opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (list.length > 0 || !orderSame)) || (!opts.ignoreDeletions && list.length > 0))) {
      order = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] }) as JsonObject);
    }
    return [list, [], order];
  }
  const [adds, dels] = diffListsOfScalars(original, modified, opts);
  const sorted = normalizeSliceOrder(adds, modified, mergeKey, kind);
  let order: Json[] = [];
  if (opts.setElementOrder && ((!opts.ignoreDeletions && dels.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)))) {
    order = modified;
  }
  return [sorted, dels, order];
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyValueEqual(original[i], m, mergeKey));
}

/** Walks two sorted lists by their %v texts: [only in original, only in modified, in both]. */
function walkSorted(a: Json[], b: Json[], keyOf: (v: Json) => string, onBoth: (x: Json, y: Json) => void, onOnlyA: (x: Json) => void, onOnlyB: (y: Json) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i >= a.length) onOnlyB(b[j++]);
    else if (j >= b.length) onOnlyA(a[i++]);
    else {
      const c = compareGoStrings(keyOf(a[i]), keyOf(b[j]));
      if (c === 0) onBoth(a[i++], b[j++]);
      else if (c > 0) onOnlyB(b[j++]);
      else onOnlyA(a[i++]);
    }
  }
}

function diffListsOfScalars(original: Json[], modified: Json[], opts: DiffOptions): [Json[], Json[]] {
  const adds: Json[] = [];
  const dels: Json[] = [];
  walkSorted(
    sortScalars(original),
    sortScalars(modified),
    goV,
    () => undefined,
    (x) => !opts.ignoreDeletions && dels.push(x),
    (y) => !opts.ignoreChangesAndAdditions && adds.push(y),
  );
  return [adds, deduplicateScalars(dels)];
}

function sortMapsByMergeKey(list: Json[], mergeKey: string): Json[] {
  for (const v of list) if (!isObject(v)) throw errBadArgType('map', v);
  return [...list].sort((a, b) => compareGoStrings(goV((a as JsonObject)[mergeKey]), goV((b as JsonObject)[mergeKey])));
}

function diffListsOfMaps(original: Json[], modified: Json[], elem: PatchMeta, mergeKey: string, opts: DiffOptions): [Json[], Json[]] {
  const changes: Json[] = [];
  const deletions: Json[] = [];
  const keyOf = (v: Json): string => {
    const m = v as JsonObject;
    if (!hasOwn(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    return goV(m[mergeKey]);
  };
  walkSorted(
    sortMapsByMergeKey(original, mergeKey),
    sortMapsByMergeKey(modified, mergeKey),
    keyOf,
    (o, m) => {
      const sub = diffMaps(o as JsonObject, m as JsonObject, elem, opts);
      if (Object.keys(sub).length > 0) {
        setOwn(sub, mergeKey, (m as JsonObject)[mergeKey]);
        changes.push(sub);
      }
    },
    (o) => {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: (o as JsonObject)[mergeKey], [DIRECTIVE]: DELETE });
    },
    (m) => {
      if (!opts.ignoreChangesAndAdditions) changes.push(m);
    },
  );
  return [changes, deletions];
}
