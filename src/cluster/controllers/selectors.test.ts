// The parsed-selector cache: frozen (stored) selectors parse once and the answer is shared and
// frozen; anything mutable, absent or invalid behaves exactly as the plain parse.
import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector, selectorFromSet } from '../../api/labels';
import { labelSelectorAsSelectorCached, selectorFromSetCached } from './selectors';
import { sameFlat, sameLabelMap } from './equal';

const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === 'object') {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
};

describe('selector cache', () => {
  it('parses a frozen selector once, equal to a fresh parse, and frozen', () => {
    const ls = deepFreeze({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['x', 'y'] }] });
    const first = labelSelectorAsSelectorCached(ls);
    expect(labelSelectorAsSelectorCached(ls)).toBe(first);
    expect(first).toEqual(labelSelectorAsSelector(ls));
    expect(Object.isFrozen(first.requirements[0].values)).toBe(true);
  });

  it('parses mutable, absent and invalid selectors every time, as before', () => {
    const ls = { matchLabels: { a: '1' } };
    expect(labelSelectorAsSelectorCached(ls)).not.toBe(labelSelectorAsSelectorCached(ls));
    expect(labelSelectorAsSelectorCached(undefined)).toEqual(labelSelectorAsSelector(undefined));
    const bad = deepFreeze({ matchExpressions: [{ key: 'a', operator: 'Nope' }] });
    expect(() => labelSelectorAsSelectorCached(bad as never)).toThrow('"Nope" is not a valid pod selector operator');
    expect(() => labelSelectorAsSelectorCached(bad as never)).toThrow('"Nope" is not a valid pod selector operator');
  });

  it('label maps: frozen ones once, absent ones as the empty map', () => {
    const set = deepFreeze({ z: '1', a: '2' });
    expect(selectorFromSetCached(set)).toBe(selectorFromSetCached(set));
    expect(selectorFromSetCached(set)).toEqual(selectorFromSet(set));
    expect(selectorFromSetCached(null)).toEqual(selectorFromSet(null));
    expect(selectorFromSetCached({ a: '1' })).toEqual(selectorFromSet({ a: '1' }));
  });
});

describe('sameFlat / sameLabelMap', () => {
  it('compares keys and values in any order', () => {
    expect(sameFlat({ a: 1, b: 'x' }, { b: 'x', a: 1 })).toBe(true);
    expect(sameFlat({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameFlat({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameFlat({ a: undefined }, {})).toBe(false);
    expect(sameFlat(undefined, undefined)).toBe(true);
    expect(sameFlat({}, undefined)).toBe(false);
  });

  it('label maps: nil and empty are equal', () => {
    expect(sameLabelMap(undefined, {})).toBe(true);
    expect(sameLabelMap(null, { a: '1' })).toBe(false);
    expect(sameLabelMap({ a: '1' }, { a: '2' })).toBe(false);
  });
});
