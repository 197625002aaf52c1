import { describe, expect, it } from 'vitest';
import { dateOf, timeOfDay } from './format';

describe('virtual time format', () => {
  it('shows HH:MM:SS and the date in UTC', () => {
    const t = Date.parse('2026-03-04T05:06:07.890Z');
    expect(timeOfDay(t)).toBe('05:06:07');
    expect(dateOf(t)).toBe('2026-03-04');
  });
});
