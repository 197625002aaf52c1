// Cases transcribed from apimachinery's strategicpatch/patch_test.go (MergeItem schema): for each,
// the two-way patch, the three-way patch, and the results of applying them.
import { describe, expect, it } from 'vitest';
import { PatchError } from './errors';
import type { PatchMeta } from './mergekeys';
import { applyStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch } from './strategic';

const mergeItem: PatchMeta = { fields: {} };
const retainKeysItem: PatchMeta = {
  fields: { mergingIntList: { strategy: 'merge' }, mergingList: { strategy: 'merge', mergeKey: 'name', items: mergeItem } },
};
Object.assign(mergeItem.fields!, {
  mergingList: { strategy: 'merge', mergeKey: 'name', items: mergeItem },
  nonMergingList: { items: mergeItem },
  mergingIntList: { strategy: 'merge' },
  mergeItemPtr: { strategy: 'merge', mergeKey: 'name', fields: mergeItem.fields },
  replacingItem: { strategy: 'replace' },
  retainKeysMap: { strategy: 'retainKeys', fields: retainKeysItem.fields },
  retainKeysMergingList: { strategy: 'merge,retainKeys', mergeKey: 'name', items: mergeItem },
});

interface Case {
  description: string;
  original: object;
  modified: object;
  current?: object;
  twoWay: object;
  threeWay?: object;
  result?: object;
  twoWayResult?: object;
}

const cases: Case[] = [
  {
    description: 'add field and delete field from map',
    original: { name: 1 },
    modified: { value: 1 },
    current: { name: 1, other: 'a' },
    twoWay: { name: null, value: 1 },
    threeWay: { name: null, value: 1 },
    result: { value: 1, other: 'a' },
  },
  {
    description: 'add field to map with conflict',
    original: { name: 1 },
    modified: { name: 1, value: 1 },
    current: { name: 'a', other: 'a' },
    twoWay: { value: 1 },
    threeWay: { name: 1, value: 1 },
    result: { name: 1, value: 1, other: 'a' },
  },
  {
    description: 'delete field from nested map with conflict',
    original: { simpleMap: { key1: 1, key2: 1 } },
    modified: { simpleMap: { key1: 1 } },
    current: { simpleMap: { key1: 'a', key2: 1, other: 'a' } },
    twoWay: { simpleMap: { key2: null } },
    threeWay: { simpleMap: { key1: 1, key2: null } },
    result: { simpleMap: { key1: 1, other: 'a' } },
  },
  {
    description: 'replace list of scalars with conflict',
    original: { nonMergingIntList: [1, 2] },
    modified: { nonMergingIntList: [2, 3] },
    current: { nonMergingIntList: [1, 4] },
    twoWay: { nonMergingIntList: [2, 3] },
    threeWay: { nonMergingIntList: [2, 3] },
    result: { nonMergingIntList: [2, 3] },
  },
  {
    description: 'delete all maps from merging list with conflict',
    original: { mergingList: [{ name: 1 }, { name: 2 }] },
    modified: { mergingList: [] },
    current: { mergingList: [{ name: 1, other: 'a' }, { name: 2, other: 'b' }] },
    twoWay: { mergingList: [{ name: 1, $patch: 'delete' }, { name: 2, $patch: 'delete' }] },
    threeWay: { mergingList: [{ name: 1, $patch: 'delete' }, { name: 2, $patch: 'delete' }] },
    result: { mergingList: [] },
  },
  {
    description: 'defined null values should propagate removing original fields',
    original: { name: 'original-name', value: 'original-value' },
    current: { name: 'original-name', value: 'original-value', other: 'current-other' },
    modified: { name: 'modified-name', value: null },
    twoWay: { name: 'modified-name', value: null },
    twoWayResult: { name: 'modified-name' },
    threeWay: { name: 'modified-name', value: null },
    result: { name: 'modified-name', other: 'current-other' },
  },
  {
    description: 'retainKeys map with no change should not be present',
    original: { name: 'a', retainKeysMap: { name: 'foo' } },
    current: { name: 'a', other: 'c', retainKeysMap: { name: 'foo' } },
    modified: { name: 'a', value: 'b', retainKeysMap: { name: 'foo' } },
    twoWay: { value: 'b' },
    threeWay: { value: 'b' },
    result: { name: 'a', value: 'b', other: 'c', retainKeysMap: { name: 'foo' } },
  },
  {
    description: 'delete items in lists of scalars',
    original: { mergingIntList: [1, 2, 3] },
    modified: { mergingIntList: [1, 2] },
    current: { mergingIntList: [1, 2, 3, 4] },
    twoWay: { '$setElementOrder/mergingIntList': [1, 2], '$deleteFromPrimitiveList/mergingIntList': [3] },
    threeWay: { '$setElementOrder/mergingIntList': [1, 2], '$deleteFromPrimitiveList/mergingIntList': [3] },
    result: { mergingIntList: [1, 2, 4] },
  },
  {
    description: 'add and delete items in lists of scalars',
    original: { mergingIntList: [1, 2, 3] },
    modified: { mergingIntList: [1, 2, 4] },
    current: { mergingIntList: [1, 2, 3, 4] },
    twoWay: {
      '$setElementOrder/mergingIntList': [1, 2, 4],
      '$deleteFromPrimitiveList/mergingIntList': [3],
      mergingIntList: [4],
    },
    threeWay: { '$setElementOrder/mergingIntList': [1, 2, 4], '$deleteFromPrimitiveList/mergingIntList': [3] },
    result: { mergingIntList: [1, 2, 4] },
  },
  {
    description: 'merge lists of maps',
    original: { mergingList: [{ name: 1 }, { name: 2, value: 2 }] },
    modified: { mergingList: [{ name: 4, value: 4 }, { name: 1 }, { name: 2, value: 2 }, { name: 3, value: 3 }] },
    current: { mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }] },
    twoWay: {
      '$setElementOrder/mergingList': [{ name: 4 }, { name: 1 }, { name: 2 }, { name: 3 }],
      mergingList: [{ name: 4, value: 4 }, { name: 3, value: 3 }],
    },
    threeWay: {
      '$setElementOrder/mergingList': [{ name: 4 }, { name: 1 }, { name: 2 }, { name: 3 }],
      mergingList: [{ name: 4, value: 4 }, { name: 3, value: 3 }],
    },
    result: {
      mergingList: [{ name: 4, value: 4 }, { name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }, { name: 3, value: 3 }],
    },
  },
  {
    description: 'merge lists of maps with conflict',
    original: { mergingList: [{ name: 1 }, { name: 2, value: 2 }] },
    modified: { mergingList: [{ name: 1 }, { name: 2, value: 2 }, { name: 3, value: 3 }] },
    current: { mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 3, other: 'b' }] },
    twoWay: {
      '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }, { name: 3 }],
      mergingList: [{ name: 3, value: 3 }],
    },
    threeWay: {
      '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }, { name: 3 }],
      mergingList: [{ name: 2, value: 2 }, { name: 3, value: 3 }],
    },
    result: { mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }, { name: 3, value: 3 }] },
  },
];

describe('strategic merge patch: upstream two-way and three-way cases', () => {
  for (const c of cases) {
    it(c.description, () => {
      const twoWay = createTwoWayMergePatch(c.original, c.modified, mergeItem);
      expect(twoWay).toEqual(c.twoWay);
      expect(applyStrategicMergePatch(c.original, twoWay, mergeItem)).toEqual(c.twoWayResult ?? c.modified);
      if (c.current) {
        const threeWay = createThreeWayMergePatch(c.original, c.modified, c.current, mergeItem);
        expect(threeWay).toEqual(c.threeWay);
        expect(applyStrategicMergePatch(c.current, threeWay, mergeItem)).toEqual(c.result);
      }
    });
  }
});

describe('strategic merge patch: upstream apply-only cases', () => {
  const apply = (o: object, p: object): unknown => applyStrategicMergePatch(o, p, mergeItem);

  it('unique scalars when merging lists', () => {
    expect(apply({ mergingIntList: [1, 2] }, { mergingIntList: [2, 3] })).toEqual({ mergingIntList: [1, 2, 3] });
  });
  it('delete map from nested map; delete all keys with $patch: replace', () => {
    expect(apply({ simpleMap: { key1: 1 } }, { simpleMap: { $patch: 'delete' } })).toEqual({ simpleMap: {} });
    expect(apply({ name: 1, value: 1 }, { other: 'a', $patch: 'replace' })).toEqual({ other: 'a' });
  });
  it('delete all items from merging list with $patch: replace', () => {
    expect(apply({ mergingList: [{ name: 1 }, { name: 2 }] }, { mergingList: [{ $patch: 'replace' }] })).toEqual({ mergingList: [] });
  });
  it('de-duplicates entries in a merging list on delete', () => {
    const original = { mergingList: [{ name: 1 }, { name: 1 }, { name: 2, value: 'a' }, { name: 3 }, { name: 3 }] };
    const patch = { mergingList: [{ name: 1, $patch: 'delete' }, { name: 3, $patch: 'delete' }] };
    expect(apply(original, patch)).toEqual({ mergingList: [{ name: 2, value: 'a' }] });
  });
  it('preserves the order from the patch in a merging list', () => {
    const original = { mergingList: [{ name: 1 }, { name: 2, value: 'b' }, { name: 3 }] };
    expect(apply(original, { mergingList: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }] })).toEqual({
      mergingList: [{ name: 2, value: 'b' }, { name: 3, value: 'c' }, { name: 1, value: 'a' }],
    });
    expect(apply({ mergingIntList: [1, 2, 3] }, { mergingIntList: [3, 1] })).toEqual({ mergingIntList: [2, 3, 1] });
  });
  it('$setElementOrder may name items absent from the list', () => {
    const patch = { '$setElementOrder/mergingList': [{ name: 3 }, { name: 2 }, { name: 1 }], mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] };
    expect(apply({ mergingList: [{ name: 1 }, { name: 3 }] }, patch)).toEqual({ mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] });
  });
  it('retainKeys list entries keep their merge behaviour without the directive', () => {
    const original = { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'a' }] };
    expect(apply(original, { retainKeysMergingList: [{ name: 'foo', value: null }] })).toEqual({
      retainKeysMergingList: [{ name: 'bar' }, { name: 'foo' }],
    });
  });

  function err(o: object, p: object): PatchError {
    try {
      apply(o, p);
    } catch (e) {
      if (e instanceof PatchError) return e;
      throw e;
    }
    throw new Error('expected a PatchError');
  }
  it('errors: order mismatch, missing merge key', () => {
    const e1 = err(
      { mergingList: [{ name: 1 }, { name: 3 }, { name: 2 }] },
      { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }, { name: 3 }], mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] },
    );
    expect(e1.kind).toBe('InternalError');
    expect(e1.message).toContain("doesn't match");
    const e2 = err({ mergingList: [{ name: 1, value: 'a' }] }, { mergingList: [{ value: 'b' }] });
    expect(e2.kind).toBe('InternalError');
    expect(e2.message).toBe('map: map[value:b] does not contain declared merge key: name');
  });
});
