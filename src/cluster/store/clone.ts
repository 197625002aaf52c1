// Objects are plain JSON, so a hand-written recursive copy is both sufficient and faster than a
// generic clone (structuredClone is not in the ES2023 lib this folder compiles against anyway).

/** Deep copy of a JSON value; when `freeze` is set every copied object/array is frozen too. */
export function cloneJson<T>(value: T, freeze: boolean): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i], freeze);
    return (freeze ? Object.freeze(out) : out) as T;
  }
  const out: Record<string, unknown> = {};
  // for-in rather than Object.keys: no key array per object (plain JSON objects inherit no
  // enumerable properties, so it visits the same keys in the same order).
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    // JSON has no undefined; dropping it keeps the stored form equal to its serialisation.
    if (v !== undefined) out[k] = cloneJson(v, freeze);
  }
  return (freeze ? Object.freeze(out) : out) as T;
}

/** Structural equality of two JSON values (undefined properties count as absent). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    na++;
    if (!jsonEqual(ao[k], bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined) nb++;
  return na === nb;
}

/**
 * Exactly `JSON.parse(JSON.stringify(value))` for the values objects hold, without the text in
 * between (a third of the cost): toJSON is honoured, non-finite numbers become null, undefined,
 * functions and symbols are dropped from objects and become null in arrays. Like the original,
 * a top-level undefined stays undefined.
 */
export function jsonRoundTrip<T>(value: T): T {
  if (value === undefined) return value;
  const out = roundTrip(value, '');
  if (out === undefined) throw new SyntaxError('"undefined" is not valid JSON');
  return out as T;
}

function roundTrip(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(k: string): unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null; // -0 prints as 0
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      break;
    default:
      return undefined; // undefined, function, symbol
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = roundTrip(value[i], String(i));
      out[i] = v === undefined ? null : v;
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value as object)) {
    const v = roundTrip((value as Record<string, unknown>)[k], k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * A deep-frozen copy of `value` that reuses the (deep-frozen) nodes of `prev` wherever the two
 * hold the same JSON with the same key order, so an update shares its unchanged parts with the
 * version it replaces instead of copying them (a pod's status write leaves its spec alone).
 * Undefined properties are dropped, as cloneJson does. `prev` must be a stored, frozen value.
 */
export function cloneSharing<T>(value: T, prev: unknown): T {
  return cloneSharingDiff(value, prev).value;
}

/**
 * cloneSharing that also tells whether `value` differs from `prev` as JSON (jsonEqual's answer,
 * so key order does not count): an update is compared and copied in one walk instead of two.
 */
export function cloneSharingDiff<T>(value: T, prev: unknown): { value: T; changed: boolean } {
  differs = false;
  depth = 0;
  const out = shareDiff(value, prev) as T;
  return { value: out, changed: differs };
}

let differs = false;
/** Nesting of the object being compared: each level reuses its own key buffer. */
let depth = 0;
const keyBuffers: string[][] = [];

function shareDiff(v: unknown, p: unknown): unknown {
  if (v === p) return p;
  if (v === null || typeof v !== 'object') {
    differs = true;
    return v;
  }
  if (p === null || typeof p !== 'object' || Array.isArray(v) !== Array.isArray(p)) {
    differs = true;
    return cloneJson(v, true);
  }
  // A copy is made only from the first difference on (its unchanged prefix taken from the
  // previous version): most nodes an update walks turn out equal and are shared as they are.
  if (Array.isArray(v)) {
    const pa = p as unknown[];
    if (pa.length !== v.length) differs = true;
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const c = i < pa.length ? shareDiff(v[i], pa[i]) : cloneUndefinedSafe(v[i]);
      if (out === null && (c !== pa[i] || i >= pa.length)) {
        out = new Array(v.length);
        for (let x = 0; x < i; x++) out[x] = pa[x];
      }
      if (out !== null) out[i] = c;
    }
    if (out === null) {
      if (pa.length === v.length) return pa;
      out = pa.slice(0, v.length);
    }
    return Object.freeze(out);
  }
  const po = p as Record<string, unknown>;
  // The previous version's keys in order (Object.keys without a new array per object): the
  // levels below use deeper buffers, so this one stays intact while they run.
  const pk = keyBuffers[depth] ?? (keyBuffers[depth] = []);
  let pn = 0;
  for (const k in po) pk[pn++] = k;
  depth++;
  let out: Record<string, unknown> | null = null;
  let j = 0;
  for (const k in v) {
    const val = (v as Record<string, unknown>)[k];
    if (val === undefined) continue;
    const pv = po[k];
    let c: unknown;
    if (pv === undefined) {
      differs = true;
      c = cloneJson(val, true);
    } else {
      c = shareDiff(val, pv);
    }
    // Same so far: the same keys in the same order, holding the very same values.
    if (out === null && (j >= pn || pk[j] !== k || c !== pv)) out = keyPrefix(po, pk, j);
    if (out !== null) out[k] = c;
    j++;
  }
  depth--;
  // Keys only the previous version had (undefined ones count as absent, as in jsonEqual).
  let defined = 0;
  for (let i = 0; i < pn; i++) if (po[pk[i]!] !== undefined) defined++;
  if (defined !== j) differs = true;
  if (out === null) {
    if (j === pn) return po;
    out = keyPrefix(po, pk, j);
  }
  return Object.freeze(out);
}

/** A new object holding the first n of `keys` with their values in `from`. */
function keyPrefix(from: Record<string, unknown>, keys: string[], n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) out[keys[i]!] = from[keys[i]!];
  return out;
}

function cloneUndefinedSafe(v: unknown): unknown {
  differs = true;
  return cloneJson(v, true);
}

/**
 * Takes ownership of a private JSON value: drops undefined properties (as cloneJson would) and
 * deep-freezes it in place. Frozen parts are stored values already (deep-frozen) and are left as
 * they are. Only for values nobody else holds a mutable reference to.
 */
export function freezeOwned<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) freezeOwned(value[i]);
    return Object.freeze(value);
  }
  const o = value as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (v === undefined) delete o[k];
    else if (v !== null && typeof v === 'object') freezeOwned(v);
  }
  return Object.freeze(value);
}
