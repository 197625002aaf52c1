import { describe, expect, it } from 'vitest';
import { nanosHex } from './events';

describe('nanosHex', () => {
  // The event name suffix client-go writes is the timestamp in nanoseconds, in hex.
  const big = (ms: number, ns: number) => (BigInt(ms) * 1_000_000n + BigInt(ns)).toString(16);

  it('equals the exact BigInt value where ms * 10^6 passes 2^53', () => {
    const ms = Date.UTC(2026, 0, 1, 12, 30, 5, 123);
    expect(nanosHex(ms, 0)).toBe(big(ms, 0));
    expect(nanosHex(ms, 999_999)).toBe(big(ms, 999_999));
    expect(nanosHex(ms, 7)).toBe('18869b40805896c7');
  });

  it('handles the carry and padding boundaries of its 2^24 split', () => {
    for (const ms of [0, 1, 16_777_215, 16_777_216, 16_777_217, 2 ** 40 + 3, 2 ** 53 - 1]) {
      for (const ns of [0, 1, 999_999]) expect(nanosHex(ms, ns)).toBe(big(ms, ns));
    }
  });

  it('matches over a seeded sweep', () => {
    let x = 12345;
    for (let i = 0; i < 5000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const ms = (x % 4_000_000) * 1_000_003 + i;
      const ns = x % 1_000_000;
      expect(nanosHex(ms, ns)).toBe(big(ms, ns));
    }
  });
});
