import { describe, it, expect } from 'vitest';
import { cloneJson, cloneSharing, jsonRoundTrip } from './clone';

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
