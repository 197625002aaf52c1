import { describe, expect, it } from 'vitest';
import { GENERIC_INVALID_MESSAGE, PatchError, patchErrorToStatus } from './errors';
import { applyJsonPatch, escapePointerToken, parsePointer } from './jsonpatch';

function failure(doc: unknown, ops: unknown): PatchError {
  try {
    applyJsonPatch(doc, ops);
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('expected a PatchError');
}

describe('applyJsonPatch', () => {
  const doc = { metadata: { name: 'x', labels: { app: 'web' } }, spec: { list: [1, 2, 3] } };

  it('adds, replaces and removes members', () => {
    const out = applyJsonPatch(doc, [
      { op: 'add', path: '/metadata/labels/tier', value: 'fe' },
      { op: 'replace', path: '/metadata/name', value: 'y' },
      { op: 'remove', path: '/metadata/labels/app' },
    ]);
    expect(out).toEqual({ metadata: { name: 'y', labels: { tier: 'fe' } }, spec: { list: [1, 2, 3] } });
    expect(doc.metadata.labels).toEqual({ app: 'web' }); // input untouched
  });

  it('inserts into arrays by index, appends with "-", and accepts negative indices like evanphx v4', () => {
    expect(applyJsonPatch(doc, [{ op: 'add', path: '/spec/list/1', value: 9 }])).toMatchObject({ spec: { list: [1, 9, 2, 3] } });
    expect(applyJsonPatch(doc, [{ op: 'add', path: '/spec/list/-', value: 4 }])).toMatchObject({ spec: { list: [1, 2, 3, 4] } });
    expect(applyJsonPatch(doc, [{ op: 'remove', path: '/spec/list/-1' }])).toMatchObject({ spec: { list: [1, 2] } });
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/spec/list/0', value: 0 }])).toMatchObject({ spec: { list: [0, 2, 3] } });
  });

  it('unescapes ~1 and ~0 in pointer tokens', () => {
    expect(parsePointer('/metadata/annotations/a~1b~0c')).toEqual(['metadata', 'annotations', 'a/b~c']);
    expect(escapePointerToken('kubernetes.io/x~y')).toBe('kubernetes.io~1x~0y');
    const out = applyJsonPatch({ metadata: { annotations: {} } }, [{ op: 'add', path: '/metadata/annotations/example.com~1k', value: 'v' }]);
    expect(out).toEqual({ metadata: { annotations: { 'example.com/k': 'v' } } });
  });

  it('moves and copies values', () => {
    const out = applyJsonPatch({ a: { b: 1 }, c: [] }, [
      { op: 'copy', from: '/a/b', path: '/c/-' },
      { op: 'move', from: '/a', path: '/d' },
    ]);
    expect(out).toEqual({ c: [1], d: { b: 1 } });
  });

  it('tests values (deep equality; a missing value equals null)', () => {
    expect(applyJsonPatch(doc, [{ op: 'test', path: '/metadata/labels', value: { app: 'web' } }])).toEqual(doc);
    expect(applyJsonPatch(doc, [{ op: 'test', path: '/metadata/missing', value: null }])).toEqual(doc);
    const e = failure(doc, [{ op: 'test', path: '/metadata/name', value: 'other' }]);
    expect(e.kind).toBe('Invalid');
    expect(e.detail).toBe('testing value /metadata/name failed: test failed');
  });

  it('rejects an operation that does not apply with the apiserver generic 422', () => {
    const e = failure(doc, [{ op: 'remove', path: '/spec/affinity' }]);
    expect(e.kind).toBe('Invalid');
    expect(e.message).toBe(GENERIC_INVALID_MESSAGE);
    expect(e.detail).toContain('Unable to remove nonexistent key: affinity');
    expect(patchErrorToStatus(e)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
    expect(failure(doc, [{ op: 'add', path: '/nope/deeper', value: 1 }]).detail).toBe(
      'add operation does not apply: doc is missing path: "/nope/deeper": missing value',
    );
    expect(failure(doc, [{ op: 'replace', path: '/metadata/nope', value: 1 }]).detail).toBe(
      'replace operation does not apply: doc is missing key: /metadata/nope: missing value',
    );
    expect(failure(doc, [{ op: 'add', path: '/spec/list/7', value: 1 }]).detail).toContain('invalid index referenced');
    expect(failure(doc, [{ op: 'frobnicate', path: '/x' }]).detail).toBe('Unexpected kind: frobnicate');
  });

  it('is atomic: a failing later op leaves nothing applied', () => {
    const input = { a: 1 };
    expect(() => applyJsonPatch(input, [{ op: 'add', path: '/b', value: 2 }, { op: 'remove', path: '/zzz' }])).toThrow(PatchError);
    expect(input).toEqual({ a: 1 });
  });

  it('answers bodies that are not a list of operations with BadRequest and encoding/json text', () => {
    const e = failure(doc, { op: 'add' });
    expect(e.kind).toBe('BadRequest');
    expect(e.message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    expect(patchErrorToStatus(e)).toMatchObject({ reason: 'BadRequest', code: 400 });
    expect(failure(doc, ['x']).message).toBe('json: cannot unmarshal string into Go value of type jsonpatch.Operation');
  });

  it('replaces the whole document for path ""', () => {
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '', value: { a: 1 } }])).toEqual({ a: 1 });
  });
});
