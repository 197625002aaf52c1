import { describe, expect, it } from 'vitest';
import {
  getScaledValueFromIntOrPercent,
  intOrStringToString,
  intValue,
  isPercent,
  percentValue,
  valueOrDefault,
} from './intstr';

describe('getScaledValueFromIntOrPercent', () => {
  it('returns ints unchanged and scales percentages', () => {
    expect(getScaledValueFromIntOrPercent(3, 10, true)).toBe(3);
    expect(getScaledValueFromIntOrPercent('25%', 10, true)).toBe(3);
    expect(getScaledValueFromIntOrPercent('25%', 10, false)).toBe(2);
    expect(getScaledValueFromIntOrPercent('25%', 4, false)).toBe(1);
    expect(getScaledValueFromIntOrPercent('0%', 10, true)).toBe(0);
    expect(getScaledValueFromIntOrPercent('100%', 7, false)).toBe(7);
    expect(getScaledValueFromIntOrPercent('150%', 2, true)).toBe(3);
  });

  it('fails with apimachinery texts', () => {
    expect(() => getScaledValueFromIntOrPercent('5', 10, true)).toThrow(
      'invalid value for IntOrString: invalid type: string is not a percentage',
    );
    expect(() => getScaledValueFromIntOrPercent('abc%', 10, true)).toThrow(
      'invalid value for IntOrString: invalid value "abc%": strconv.Atoi: parsing "abc": invalid syntax',
    );
    expect(() => getScaledValueFromIntOrPercent('%', 10, true)).toThrow(
      'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax',
    );
    expect(() => getScaledValueFromIntOrPercent(undefined, 10, true)).toThrow('nil value for IntOrString');
  });
});

describe('helpers', () => {
  it('isPercent and percentValue', () => {
    expect(isPercent('25%')).toBe(true);
    expect(isPercent('2.5%')).toBe(false);
    expect(isPercent('-5%')).toBe(false);
    expect(isPercent(25)).toBe(false);
    expect(percentValue('40%')).toBe(40);
    expect(percentValue('x')).toBeUndefined();
  });

  it('intValue, String and ValueOrDefault', () => {
    expect(intValue('12')).toBe(12);
    expect(intValue('12%')).toBe(0);
    expect(intValue(7)).toBe(7);
    expect(intOrStringToString(7)).toBe('7');
    expect(intOrStringToString('25%')).toBe('25%');
    expect(valueOrDefault(undefined, '25%')).toBe('25%');
    expect(valueOrDefault(0, '25%')).toBe(0);
  });
});
