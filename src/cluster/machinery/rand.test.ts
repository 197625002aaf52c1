import { describe, expect, it } from 'vitest';
import { Rand } from './rand';

describe('Rand', () => {
  it('keeps its stream: the same seed gives the same UIDs, ids and names as before', () => {
    // Values drawn by the original implementation (float-based int(16), string concatenation).
    const r = new Rand(42);
    expect([r.uuid(), r.hex(64), r.hex(7), r.nameSuffix(), r.uuid()]).toEqual([
      '39137dde-7f3b-4f6f-b48c-0c434960fe54',
      'fc2a053da3367d6a455b1bb3539e310eb786ec1cb00ff3c8940a25b1e4887ba9',
      'f599808',
      'dzm49',
      '7b0b0bea-f536-46ce-9760-116b70c1a742',
    ]);
  });

  it('makes version-4 UUIDs with the RFC 4122 variant', () => {
    const r = new Rand(7);
    for (let i = 0; i < 1000; i++) expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
