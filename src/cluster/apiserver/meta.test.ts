import { describe, expect, it } from 'vitest';
import { validateAnnotations, validateLabels } from './meta';

describe('validateLabels / validateAnnotations (valid strings are remembered, invalid ones are not)', () => {
  it('reports an invalid key or value every time it is seen, a valid one never', () => {
    const bad = { 'a/b/c': 'ok', app: 'bad value!' };
    const first = validateLabels(bad, 'metadata.labels');
    expect(first.map((e) => e.badValue)).toEqual(['a/b/c', 'bad value!']);
    expect(validateLabels(bad, 'metadata.labels')).toEqual(first);
    expect(validateLabels({ app: 'web', 'pod-template-hash': '6d4cf56db6' }, 'metadata.labels')).toEqual([]);
    expect(validateLabels({ app: 'web' }, 'metadata.labels')).toEqual([]);
    // A key valid as a label key says nothing about a value with the same text, and vice versa.
    expect(validateLabels({ 'example.com/x': 'example.com/x' }, 'metadata.labels').map((e) => e.badValue)).toEqual(['example.com/x']);
  });

  it('checks annotation keys lower-cased, and repeats their errors', () => {
    expect(validateAnnotations({ 'Example.COM/Key': 'v' }, 'metadata.annotations')).toEqual([]);
    const errs = validateAnnotations({ '-bad': 'v' }, 'metadata.annotations');
    expect(errs).toHaveLength(1);
    expect(validateAnnotations({ '-bad': 'v' }, 'metadata.annotations')).toEqual(errs);
  });
});
