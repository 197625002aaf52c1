// semanticEqual answers from a walk instead of serializing normalize()d copies: on random
// JSON-like values and on near-copies of them (keys reordered, "nothing" values added or
// dropped, a leaf changed) both ways must agree, including the values the walk hands back
// to the serializer (NaN, Infinity, functions).
import { afterEach, describe, expect, it } from 'vitest';
import { Rand } from '../../machinery/rand';
import { normalize, semanticEqual, semanticEqualCheck } from './util';

const slow = (a: unknown, b: unknown) => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));

function randomValue(r: Rand, depth: number): unknown {
  const pick = r.int(depth > 2 ? 9 : 12);
  const scalars: unknown[] = [null, undefined, 0, 1, -0, 'a', '', 'b', true, false, NaN, Infinity];
  if (pick < 8) return scalars[r.int(r.int(20) === 0 ? scalars.length : scalars.length - 2)];
  if (pick < 10) {
    const out: Record<string, unknown> = {};
    for (let i = r.int(4); i > 0; i--) out['k' + r.int(4)] = randomValue(r, depth + 1);
    return out;
  }
  return Array.from({ length: r.int(3) }, () => randomValue(r, depth + 1));
}

/** A near-copy: keys reversed, a nothing-valued key added, sometimes one leaf changed. */
function variant(r: Rand, v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => variant(r, x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).reverse()) out[k] = variant(r, (v as Record<string, unknown>)[k]);
    if (r.int(4) === 0) out['extra' + r.int(2)] = [null, undefined, [], {}, { z: null }][r.int(5)];
    return out;
  }
  if (r.int(25) === 0) return randomValue(r, 3);
  return v;
}

afterEach(() => {
  semanticEqualCheck.verify = false;
});

describe('semanticEqual', () => {
  it('agrees with comparing the normalized JSON on random values and near-copies', () => {
    const r = new Rand(42);
    let equal = 0;
    for (let i = 0; i < 20_000; i++) {
      const a = randomValue(r, 0);
      const b = r.int(3) === 0 ? randomValue(r, 0) : variant(r, a);
      const want = slow(a, b);
      if (want) equal++;
      expect(semanticEqual(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(want);
    }
    // Both answers were well represented.
    expect(equal).toBeGreaterThan(5_000);
    expect(equal).toBeLessThan(19_000);
  });

  it('treats absent, null, empty maps and empty lists alike, and ignores key order', () => {
    expect(semanticEqual({ a: 1, b: null, c: [], d: {} }, { a: 1 })).toBe(true);
    expect(semanticEqual({ a: { x: null } }, {})).toBe(true);
    expect(semanticEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(semanticEqual([null, {}], [undefined, []])).toBe(true);
    expect(semanticEqual([1, 2], [2, 1])).toBe(false);
    expect(semanticEqual({ a: 1 }, { a: '1' })).toBe(false);
    // NaN serializes as null: the serializer decides.
    expect(semanticEqual({ a: [NaN] }, { a: [null] })).toBe(true);
  });

  it('verify mode records a disagreement (none here)', () => {
    semanticEqualCheck.verify = true;
    semanticEqualCheck.mismatches.length = 0;
    expect(semanticEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2, c: null }] })).toBe(true);
    expect(semanticEqual({ a: [1] }, { a: [2] })).toBe(false);
    expect(semanticEqualCheck.mismatches).toEqual([]);
  });
});
