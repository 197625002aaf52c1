import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration, translateTimestampSince } from './duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1999, '0s'],
    [-1 * s, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [45 * s, '45s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 3 * s, '5m3s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 10 * m, '3h10m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 4 * h, '2d4h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d + 5 * h, '8d'],
    [729 * d, '729d'],
    [2 * y, '2y'],
    [2 * y + 30 * d, '2y30d'],
    [7 * y + 364 * d, '7y364d'],
    [8 * y, '8y'],
    [11 * y + 100 * d, '11y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [5 * m + 3 * s, '5m'],
    [59 * m + 59 * s, '59m'],
    [3 * h + 10 * m, '3h'],
    [23 * h, '23h'],
    [2 * d + 4 * h, '2d'],
    [364 * d, '364d'],
    [2 * y + 30 * d, '2y'],
    [11 * y, '11y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(shortHumanDuration(ms)).toBe(text);
  });
});

describe('translateTimestampSince', () => {
  it('formats the age of a timestamp', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    expect(translateTimestampSince('2024-05-01T11:55:00Z', now)).toBe('5m');
    expect(translateTimestampSince('2024-05-01T11:59:15Z', now)).toBe('45s');
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
  });
});
