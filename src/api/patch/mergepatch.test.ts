import { describe, expect, it } from 'vitest';
import { PatchError } from './errors';
import { marshalGo } from './gojson';
import { applyMergePatch, createMergePatch, createThreeWayJsonMergePatch } from './mergepatch';

describe('applyMergePatch (RFC 7386)', () => {
  const doc = { metadata: { name: 'x', labels: { a: '1', b: '2' } }, spec: { replicas: 1, ports: [80, 443] } };

  it('merges objects, deletes keys set to null, replaces lists', () => {
    const out = applyMergePatch(doc, { metadata: { labels: { a: null, c: '3' } }, spec: { ports: [8080] } });
    expect(out).toEqual({ metadata: { name: 'x', labels: { b: '2', c: '3' } }, spec: { replicas: 1, ports: [8080] } });
    expect(doc.metadata.labels).toEqual({ a: '1', b: '2' });
  });

  it('prunes nulls inside values that are added, not merged', () => {
    expect(applyMergePatch({ a: 'scalar' }, { a: { b: null, c: 1 }, d: { e: null } })).toEqual({ a: { c: 1 }, d: {} });
  });

  it('deleting an absent key is a no-op; scale-style patches set one field', () => {
    expect(applyMergePatch(doc, { spec: { replicas: 3, paused: null } })).toMatchObject({ spec: { replicas: 3, ports: [80, 443] } });
  });

  it('rejects a null or scalar patch with BadRequest "Invalid JSON Patch"', () => {
    for (const p of [null, 'x', 3]) {
      try {
        applyMergePatch(doc, p);
        throw new Error('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(PatchError);
        expect((e as PatchError).kind).toBe('BadRequest');
        expect((e as PatchError).message).toBe('Invalid JSON Patch');
      }
    }
  });
});

describe('createMergePatch', () => {
  it('produces what kubectl label/annotate send', () => {
    const before = { metadata: { name: 'x', labels: { app: 'web' } } };
    expect(marshalGo(createMergePatch(before, { metadata: { name: 'x', labels: { app: 'web', tier: 'fe' } } }))).toBe(
      '{"metadata":{"labels":{"tier":"fe"}}}',
    );
    expect(marshalGo(createMergePatch(before, { metadata: { name: 'x', labels: {} } }))).toBe('{"metadata":{"labels":{"app":null}}}');
    expect(createMergePatch(before, before)).toEqual({});
  });

  it('replaces changed lists and sorts keys', () => {
    const p = createMergePatch({ z: 1, spec: { l: [1] } }, { spec: { l: [1, 2] }, a: true });
    expect(marshalGo(p)).toBe('{"a":true,"spec":{"l":[1,2]},"z":null}');
  });
});

describe('createThreeWayJsonMergePatch (kubectl apply for kinds without SMP metadata)', () => {
  it('deletes what left the config, changes what differs from live, keeps foreign fields', () => {
    const lastApplied = { spec: { a: 1, b: 2, list: [1] } };
    const modified = { spec: { a: 5, list: [1] } };
    const live = { spec: { a: 1, b: 2, list: [1], other: 'x' }, status: { ok: true } };
    expect(marshalGo(createThreeWayJsonMergePatch(lastApplied, modified, live))).toBe('{"spec":{"a":5,"b":null}}');
    expect(createThreeWayJsonMergePatch(modified, modified, { ...live, spec: { a: 5, list: [1] } })).toEqual({});
  });
});
