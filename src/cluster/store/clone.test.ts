import { describe, it, expect } from 'vitest';
import { cloneJson, cloneSharing, cloneSharingDiff, freezeOwned, jsonEqual, jsonRoundTrip } from './clone';

const cases: unknown[] = [
  1,
  'a',
  null,
  true,
  [1, undefined, () => 1, NaN, Infinity, -0, { a: undefined, b: Symbol('x'), c: [null] }],
  { t: new Date(0), n: { toJSON: () => 'x' }, z: -0, arr: [[], {}] },
  { 'weird key': { d: 2 }, 10: 'x', 2: 'y' },
];

describe('jsonRoundTrip', () => {
  it('is JSON.parse(JSON.stringify(v))', () => {
    for (const c of cases) expect(jsonRoundTrip(c)).toStrictEqual(JSON.parse(JSON.stringify(c)));
    expect(jsonRoundTrip(undefined)).toBeUndefined();
  });
});

function deepFrozen(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  return Object.isFrozen(v) && Object.values(v).every(deepFrozen);
}

describe('cloneSharing', () => {
  const prev = cloneJson({ metadata: { name: 'p', labels: { a: '1' } }, spec: { containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Pending' } }, true);

  it('gives what cloneJson gives, deep-frozen, key order included', () => {
    const next = { metadata: { name: 'p', labels: { a: '1' }, gone: undefined }, spec: { containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Running', podIP: '10.0.0.1' } };
    const out = cloneSharing(next, prev);
    expect(JSON.stringify(out)).toBe(JSON.stringify(cloneJson(next, true)));
    expect(Object.keys(out.metadata)).toEqual(['name', 'labels']);
    expect(deepFrozen(out)).toBe(true);
  });

  it('shares unchanged subtrees with the previous version and copies changed ones', () => {
    const next = JSON.parse(JSON.stringify(prev));
    next.status.phase = 'Running';
    const out = cloneSharing(next, prev);
    expect(out.spec).toBe(prev.spec);
    expect(out.metadata).toBe(prev.metadata);
    expect(out.status).not.toBe(prev.status);
    expect(out).not.toBe(prev);
    expect(cloneSharing(JSON.parse(JSON.stringify(prev)), prev)).toBe(prev);
  });

  it('does not share a subtree whose keys come in another order', () => {
    const next = { metadata: { labels: { a: '1' }, name: 'p' }, spec: prev.spec, status: prev.status };
    const out = cloneSharing(next, prev);
    expect(out.metadata).not.toBe(prev.metadata);
    expect(Object.keys(out.metadata)).toEqual(['labels', 'name']);
    expect(out.metadata.labels).toBe(prev.metadata.labels);
    expect(cloneSharing([1, 2], cloneJson([1, 2, 3], true))).toEqual([1, 2]);
  });
});

describe('cloneSharingDiff', () => {
  const prev = cloneJson({ metadata: { name: 'p', labels: { a: '1', b: '2' } }, spec: { c: [1, { x: null }] }, status: { phase: 'Pending' } }, true);
  const variants: unknown[] = [
    { metadata: { name: 'p', labels: { a: '1', b: '2' } }, spec: { c: [1, { x: null }] }, status: { phase: 'Pending' } },
    // key order alone is no change (jsonEqual), though the copy keeps the new order
    { status: { phase: 'Pending' }, metadata: { labels: { b: '2', a: '1' }, name: 'p' }, spec: { c: [1, { x: null }] } },
    // undefined counts as absent
    { metadata: { name: 'p', labels: { a: '1', b: '2' }, x: undefined }, spec: { c: [1, { x: null }] }, status: { phase: 'Pending' } },
    { metadata: { name: 'p', labels: { a: '1' } }, spec: { c: [1, { x: null }] }, status: { phase: 'Pending' } },
    { metadata: { name: 'p', labels: { a: '1', b: '2', c: '3' } }, spec: { c: [1, { x: null }] }, status: { phase: 'Pending' } },
    { metadata: { name: 'p', labels: { a: '1', b: '2' } }, spec: { c: [1, { x: null }, 2] }, status: { phase: 'Pending' } },
    { metadata: { name: 'p', labels: { a: '1', b: '2' } }, spec: { c: [1] }, status: { phase: 'Pending' } },
    { metadata: { name: 'p', labels: { a: '1', b: '2' } }, spec: { c: [1, { x: 0 }] }, status: { phase: 'Pending' } },
    { metadata: { name: 'p', labels: { a: '1', b: '2' } }, spec: { c: { 0: 1 } }, status: { phase: 'Pending' } },
    { metadata: { name: 'p', labels: { a: '1', b: '2' } }, spec: { c: [1, { x: null }] }, status: null },
  ];

  it('says changed exactly when jsonEqual says different, and copies as cloneJson does', () => {
    for (const v of variants) {
      const { value, changed } = cloneSharingDiff(v, prev);
      expect(changed).toBe(!jsonEqual(v, prev));
      expect(JSON.stringify(value)).toBe(JSON.stringify(v));
      expect(deepFrozen(value)).toBe(true);
    }
  });

  it('shares the unchanged parts with the previous version', () => {
    const next = { metadata: { name: 'p', labels: { a: '1', b: '2' } }, spec: { c: [1, { x: null }] }, status: { phase: 'Running' } };
    const { value, changed } = cloneSharingDiff(next, prev);
    expect(changed).toBe(true);
    expect(value.metadata).toBe(prev.metadata);
    expect(value.spec).toBe(prev.spec);
    expect(value.status).not.toBe(prev.status);
    expect(cloneSharingDiff(variants[0], prev).value).toBe(prev);
  });

  it('checks key order per object, whatever was compared before at the same depth', () => {
    const wide = cloneJson({ m: { a: 1, b: 2, c: 3 }, n: { z: { y: 1, x: 2, w: 3 } } }, true);
    expect(cloneSharingDiff({ m: { a: 1, b: 2, c: 3 }, n: { z: { y: 1, x: 2, w: 3 } } }, wide).value).toBe(wide);
    const narrow = cloneJson({ m: { a: 1 }, n: { z: { y: 1 } } }, true);
    const grown = cloneSharingDiff({ m: { a: 1, b: 2 }, n: { z: { y: 1, x: 2 } } }, narrow);
    expect(grown.changed).toBe(true);
    expect(grown.value.m).not.toBe(narrow.m);
    expect(grown.value.n.z).toEqual({ y: 1, x: 2 });
    const siblings = cloneJson({ x: { p: 1, q: { r: 1, s: 2 } }, y: { q: 2, p: 1 } }, true);
    const reordered = cloneSharingDiff({ x: { p: 1, q: { r: 1, s: 2 } }, y: { p: 1, q: 2 } }, siblings);
    expect(reordered.changed).toBe(false);
    expect(reordered.value.x).toBe(siblings.x);
    expect(reordered.value.y).not.toBe(siblings.y);
    expect(Object.keys(reordered.value.y)).toEqual(['p', 'q']);
  });
});

describe('freezeOwned', () => {
  it('deep-freezes in place and drops undefined properties, leaving frozen parts alone', () => {
    const shared = cloneJson({ k: [1] }, true);
    const o = { a: { b: undefined, c: [{ d: 1 }] }, s: shared, u: undefined } as Record<string, unknown>;
    const out = freezeOwned(o);
    expect(out).toBe(o);
    expect(deepFrozen(out)).toBe(true);
    expect(JSON.stringify(out)).toBe('{"a":{"c":[{"d":1}]},"s":{"k":[1]}}');
    expect(Object.keys(o.a as object)).toEqual(['c']);
    expect(out.s).toBe(shared);
  });
});
