// Pieces of strategic merge patch shared by apply and diff: directives, metadata lookup, the
// element-order rules (apimachinery strategicpatch: normalizeElementOrder, mergeSortedSlice) and
// the mergepatch error texts.
import { ERR_NO_LIST_OF_LISTS, internal, PatchError, smpError } from './errors';
import { compareGoStrings, goKind, goTypeName, goV, hasOwn, isObject, type GoKind, type Json, type JsonObject } from './gojson';
import { EMPTY_META, type PatchMeta } from './mergekeys';

export const DIRECTIVE = '$patch';
export const DELETE = 'delete';
export const REPLACE = 'replace';
export const MERGE = 'merge';
export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

export interface FieldMeta {
  meta: PatchMeta;
  strategy: string;
  retainKeys: boolean;
  mergeKey: string;
}

/** LookupPatchMetadata + extractRetainKeysPatchStrategy for field `key` of `meta`. */
export function lookupField(meta: PatchMeta, key: string): FieldMeta {
  const child = (meta.fields && hasOwn(meta.fields, key) ? meta.fields[key] : undefined) ?? EMPTY_META;
  const parts = child.strategy ? child.strategy.split(',') : [];
  const retainKeys = parts.includes('retainKeys');
  const strategy = parts.find((p) => p !== 'retainKeys') ?? '';
  return { meta: child, strategy, retainKeys, mergeKey: child.mergeKey ?? '' };
}

export const itemsOf = (meta: PatchMeta): PatchMeta => meta.items ?? EMPTY_META;

export function errNoMergeKey(m: unknown, key: string): PatchError {
  return internal(`map: ${goV(m)} does not contain declared merge key: ${key}`);
}

export function errBadArgType(expected: 'map' | 'slice', actual: unknown): PatchError {
  const e = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return internal(`expected a ${e}, but received a ${goTypeName(actual)}`);
}

export function errBadPatchType(t: unknown, m: JsonObject): PatchError {
  const ts = typeof t === 'string' ? t : `%!s(${goTypeName(t)}=${goV(t)})`;
  return internal(`unknown patch type: ${ts} in map: ${goV(m)}`);
}

/** sliceElementType: the common kind of the elements of all the lists. */
export function sliceElementKind(...slices: Json[][]): GoKind {
  let prev: GoKind | undefined;
  for (const s of slices) {
    for (const v of s) {
      const k = goKind(v);
      if (prev === undefined) {
        prev = k;
        if (k === 'slice') throw smpError(ERR_NO_LIST_OF_LISTS);
      } else if (prev !== k) {
        throw internal(`list element types are not identical: ${goV(slices)}`);
      }
    }
  }
  if (prev === undefined) throw internal('no elements in any of the given slices');
  return prev;
}

/** Position of `val` in `l`, by merge key for maps and by value otherwise. */
export function indexIn(l: Json[], val: Json, mergeKey: string, kind: GoKind): number {
  const get = (x: Json): unknown => (kind === 'map' ? (isObject(x) ? x[mergeKey] : undefined) : x);
  const want = get(val);
  return l.findIndex((x) => get(x) === want);
}

export function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (mergeKey === '') return left === right;
  if (!isObject(left)) throw errBadArgType('map', left);
  if (!isObject(right)) throw errBadArgType('map', right);
  if (!hasOwn(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasOwn(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

export function validateMergeKeyInLists(mergeKey: string, ...lists: Json[][]): void {
  for (const l of lists) {
    for (const item of l) {
      if (!isObject(item)) throw errBadArgType('map', item);
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** Splits a list of maps into items to keep and `$patch: delete` items. */
export function extractToDeleteItems(l: Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const del: Json[] = [];
  for (const v of l) {
    if (!isObject(v)) throw errBadArgType('map', v);
    if (hasOwn(v, DIRECTIVE) && v[DIRECTIVE] === DELETE) del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

/** Sorts `toSort` by the positions in `order`; delete directives go last. */
export function normalizeSliceOrder(toSort: Json[], order: Json[], mergeKey: string, kind: GoKind): Json[] {
  let items = toSort;
  let toDelete: Json[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [items, toDelete] = extractToDeleteItems(toSort);
  }
  // Items missing from `order` never occur in upstream's callers; keep them first, as Go's
  // insertion sort with its `return true` comparator would.
  const pos = items.map((x) => indexIn(order, x, mergeKey, kind));
  const idx = items.map((_, i) => i).sort((a, b) => (pos[a] < 0 || pos[b] < 0 ? (pos[a] < 0 ? -1 : 1) : pos[a] - pos[b]) || a - b);
  return [...idx.map((i) => items[i]), ...toDelete];
}

/** Interleaves server-only items (left) with patch items (right), keeping both relative orders. */
export function mergeSortedSlice(left: Json[], right: Json[], serverOrder: Json[], mergeKey: string, kind: GoKind): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(
  patch: Json[],
  serverOnly: Json[],
  patchOrder: Json[],
  serverOrder: Json[],
  mergeKey: string,
  kind: GoKind,
): Json[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

export function findMapByKey(l: Json[], key: string, value: Json): { map: JsonObject; index: number } | null {
  for (let i = 0; i < l.length; i++) {
    const v = l[i];
    if (!isObject(v)) throw internal(`value for key ${i} is not a map.`);
    if (hasOwn(v, key) && v[key] === value) return { map: v, index: i };
  }
  return null;
}

export function partitionPrimitives(list: Json[], by: Json[]): [Json[], Json[]] {
  const set = new Set(by);
  return [list.filter((v) => set.has(v)), list.filter((v) => !set.has(v))];
}

export function partitionMaps(list: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of list) {
    if (!isObject(v)) throw errBadArgType('map', v);
    if (!hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (findMapByKey(by, mergeKey, v[mergeKey]) ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

/** Go's in-place "clever" deduplication (keeps first occurrences, may reorder the tail). */
export function deduplicateScalars(input: Json[]): Json[] {
  const s = [...input];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** sortScalars: by the %v text of each value. */
export function sortScalars(s: Json[]): Json[] {
  return [...s].sort((a, b) => compareGoStrings(goV(a), goV(b)));
}

/** Strips a directive prefix: `$setElementOrder/containers` → `containers`. */
export function extractKey(s: string, prefix: string, formatError: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) throw smpError(formatError);
  return s.slice(slash + 1);
}
