// RFC 6902 JSON patch, with the behaviour of gopkg.in/evanphx/json-patch.v4 that kube-apiserver
// uses: negative array indices allowed, `test` of a missing value against null passes, every
// operation applied in order and the whole patch rejected if one fails. A body that is not a list
// of objects is a BadRequest carrying encoding/json's text; an operation that does not apply is a
// 422 with the generic message (the library's text is kept in PatchError.detail).
import { badRequest, genericInvalid, PatchError } from './errors';
import { deepClone, deepEqual, hasOwn, isObject, setOwn, type Json, type JsonObject } from './gojson';

export interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/** The JSON word encoding/json uses in UnmarshalTypeError for a value. */
function jsonWord(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** Splits a JSON pointer into decoded tokens (`~1` → `/`, then `~0` → `~`). */
export function parsePointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapePointerToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

type Container = JsonObject | Json[];
const fail = (text: string): PatchError => genericInvalid(text);

/** evanphx's findObject: the parent container of the pointer's last token, or null. */
function findParent(doc: Json, path: string): { con: Container; key: string } | null {
  if (!path.startsWith('/')) return null;
  const parts = parsePointer(path);
  const key = parts.pop()!;
  let cur: Json = doc;
  for (const p of parts) {
    let next: Json | undefined;
    if (Array.isArray(cur)) {
      const i = arrayIndex(cur, p, false);
      next = i === null ? undefined : cur[i];
    } else if (isObject(cur)) {
      next = hasOwn(cur, p) ? cur[p] : undefined;
    }
    if (next === undefined || next === null || typeof next !== 'object') return null;
    cur = next;
  }
  if (typeof cur !== 'object' || cur === null) return null;
  return { con: cur, key };
}

/** An index into `ary` (negative counts from the end); null when invalid. */
function arrayIndex(ary: Json[], key: string, forInsert: boolean): number | null {
  if (!/^-?\d+$/.test(key)) return null;
  let i = Number(key);
  const max = forInsert ? ary.length : ary.length - 1;
  if (i < 0) {
    if (i < -ary.length) return null;
    i += ary.length;
  }
  return i > max ? null : i;
}

function invalidIndex(key: string): PatchError {
  return fail(`Unable to access invalid index: ${key}: invalid index referenced`);
}

function getAt(con: Container, key: string): Json | undefined {
  if (Array.isArray(con)) {
    const i = arrayIndex(con, key, false);
    if (i === null) throw invalidIndex(key);
    return con[i];
  }
  return hasOwn(con, key) ? con[key] : undefined;
}

function addAt(con: Container, key: string, val: Json): void {
  if (!Array.isArray(con)) return setOwn(con, key, val);
  if (key === '-') {
    con.push(val);
    return;
  }
  const i = arrayIndex(con, key, true);
  if (i === null) throw invalidIndex(key);
  con.splice(i, 0, val);
}

function removeAt(con: Container, key: string, path: string): Json {
  if (Array.isArray(con)) {
    const i = arrayIndex(con, key, false);
    if (i === null) throw invalidIndex(key);
    return con.splice(i, 1)[0];
  }
  if (!hasOwn(con, key)) throw fail(`error in remove for path: '${path}': Unable to remove nonexistent key: ${key}: missing value`);
  const v = con[key];
  delete con[key];
  return v;
}

function stringField(op: JsonObject, field: 'path' | 'from', kind: string): string {
  const v = op[field];
  if (typeof v !== 'string') throw fail(`operation missing ${field} field: missing value`);
  if (v !== '' && !v.startsWith('/')) throw fail(`${kind} operation does not apply: doc is missing path: "${v}": missing value`);
  return v;
}

function valueOf(op: JsonObject): Json {
  return hasOwn(op, 'value') ? deepClone(op.value) : null;
}

function applyOne(doc: Json, op: JsonObject): Json {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  switch (kind) {
    case 'add': {
      const path = stringField(op, 'path', 'add');
      if (path === '') return valueOf(op);
      const p = findParent(doc, path);
      if (!p) throw fail(`add operation does not apply: doc is missing path: "${path}": missing value`);
      addAt(p.con, p.key, valueOf(op));
      return doc;
    }
    case 'remove': {
      const path = stringField(op, 'path', 'remove');
      const p = path === '' ? null : findParent(doc, path);
      if (!p) throw fail(`remove operation does not apply: doc is missing path: "${path}": missing value`);
      removeAt(p.con, p.key, path);
      return doc;
    }
    case 'replace': {
      const path = stringField(op, 'path', 'replace');
      if (path === '') return valueOf(op);
      const p = findParent(doc, path);
      if (!p) throw fail(`replace operation does not apply: doc is missing path: ${path}: missing value`);
      if (getAt(p.con, p.key) === undefined) throw fail(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      if (Array.isArray(p.con)) p.con[arrayIndex(p.con, p.key, false)!] = valueOf(op);
      else setOwn(p.con, p.key, valueOf(op));
      return doc;
    }
    case 'move':
    case 'copy': {
      const from = stringField(op, 'from', kind);
      const path = stringField(op, 'path', kind);
      const src = from === '' ? null : findParent(doc, from);
      if (!src) throw fail(`${kind} operation does not apply: doc is missing from path: ${from}: missing value`);
      let val: Json | undefined;
      if (kind === 'move') val = removeAt(src.con, src.key, from);
      else {
        val = getAt(src.con, src.key);
        if (val === undefined) throw fail(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
        val = deepClone(val);
      }
      if (path === '') return val;
      const dst = findParent(doc, path);
      if (!dst) throw fail(`${kind} operation does not apply: doc is missing destination path: ${path}: missing value`);
      addAt(dst.con, dst.key, val);
      return doc;
    }
    case 'test': {
      const path = stringField(op, 'path', 'test');
      let actual: Json | undefined;
      if (path === '') actual = doc;
      else {
        const p = findParent(doc, path);
        if (!p) throw fail(`test operation does not apply: is missing path: ${path}: missing value`);
        actual = getAt(p.con, p.key);
      }
      const expected = hasOwn(op, 'value') ? op.value : null;
      if ((actual === undefined || actual === null) && expected === null) return doc;
      if (actual === undefined || !deepEqual(actual, expected)) throw fail(`testing value ${path} failed: test failed`);
      return doc;
    }
    default:
      throw fail(`Unexpected kind: ${kind}`);
  }
}

/** Validates the decoded body the way jsonpatch.DecodePatch does. */
export function decodeJsonPatch(ops: unknown): JsonObject[] {
  if (!Array.isArray(ops)) {
    throw badRequest(`json: cannot unmarshal ${jsonWord(ops)} into Go value of type jsonpatch.Patch`);
  }
  return ops.map((o) => {
    if (o === null) return {};
    if (!isObject(o)) throw badRequest(`json: cannot unmarshal ${jsonWord(o)} into Go value of type jsonpatch.Operation`);
    return o;
  });
}

/** Applies RFC 6902 operations to a copy of `doc`; throws PatchError. */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  const decoded = decodeJsonPatch(ops);
  let out = deepClone(doc as Json);
  for (const op of decoded) out = applyOne(out, op);
  return out;
}
