import { describe, expect, it } from 'vitest';
import {
  addQuantity,
  canonicalQuantity,
  cmpQuantity,
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
  newMilliQuantity,
  newQuantity,
  parseQuantity,
  quantityFromJSON,
  quantityString,
  quantityValue,
  subQuantity,
  sumQuantities,
  toMilli,
  tryParseQuantity,
} from './quantity';

describe('parseQuantity and canonical String()', () => {
  it.each([
    ['0', '0'],
    ['0.5', '500m'],
    ['0.1', '100m'],
    ['100m', '100m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1.5', '1500m'],
    ['1', '1'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['15000', '15k'],
    ['2M', '2M'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['512Mi', '512Mi'],
    ['1000Ki', '1000Ki'],
    ['1024', '1024'],
    ['0.0001Ki', '102400u'],
    ['1.1Gi', '1181116006400m'],
    ['12e6', '12e6'],
    ['1000e0', '1e3'],
    ['1e-10', '1e-9'],
    ['0.1m', '100u'],
    ['1n', '1n'],
    ['-1', '-1'],
    ['-1.5', '-1500m'],
    ['8Ei', '9223372036854775807'],
    ['100Gi', '100Gi'],
    ['0Gi', '0'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });

  it('keeps Go quirks of the cached original text', () => {
    expect(canonicalQuantity('+1')).toBe('+1');
    expect(canonicalQuantity('1.')).toBe('1.');
    expect(canonicalQuantity('1E3')).toBe('1E3');
    // digit-less numbers on the fast path are zero
    expect(canonicalQuantity('.')).toBe('0');
    expect(canonicalQuantity('-')).toBe('0');
    expect(canonicalQuantity('Ki')).toBe('0');
  });

  it('rejects bad input with the exact errors', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    for (const bad of ['', 'abc', '1x', '1 ', '1.2.3', '1Gi ', '1KB']) expect(() => parseQuantity(bad), bad).toThrow(ERR_FORMAT_WRONG);
    for (const bad of ['1ki', '1e', '1Mi2', '--1']) expect(() => parseQuantity(bad), bad).toThrow(ERR_SUFFIX);
    expect(() => parseQuantity('.e-10')).toThrow(ERR_NUMERIC);
    expect(tryParseQuantity('nope')).toBeUndefined();
  });

  it('reads JSON numbers and trims strings', () => {
    expect(quantityString(quantityFromJSON(0.5))).toBe('500m');
    expect(quantityString(quantityFromJSON(2))).toBe('2');
    expect(quantityString(quantityFromJSON(' 1Gi '))).toBe('1Gi');
  });
});

describe('arithmetic', () => {
  it('compares exactly', () => {
    expect(cmpQuantity(parseQuantity('1Gi'), parseQuantity('1073741824'))).toBe(0);
    expect(cmpQuantity(parseQuantity('1G'), parseQuantity('1Gi'))).toBe(-1);
    expect(cmpQuantity(parseQuantity('501m'), parseQuantity('0.5'))).toBe(1);
  });

  it('adds and subtracts, taking the format of y when the receiver is zero', () => {
    expect(quantityString(addQuantity(parseQuantity('100m'), parseQuantity('400m')))).toBe('500m');
    expect(quantityString(addQuantity(parseQuantity('1Gi'), parseQuantity('512Mi')))).toBe('1536Mi');
    expect(quantityString(addQuantity(newQuantity(0, 'DecimalSI'), parseQuantity('1Gi')))).toBe('1Gi');
    expect(quantityString(subQuantity(parseQuantity('1'), parseQuantity('250m')))).toBe('750m');
    expect(quantityString(sumQuantities(['100m', '200m', '1'].map(parseQuantity)))).toBe('1300m');
  });

  it('Value and MilliValue round away from zero', () => {
    expect(toMilli(parseQuantity('0.5'))).toBe(500);
    expect(toMilli(parseQuantity('2'))).toBe(2000);
    expect(toMilli(parseQuantity('1.0001m'))).toBe(2);
    expect(quantityValue(parseQuantity('1.5'))).toBe(2);
    expect(quantityValue(parseQuantity('-1.5'))).toBe(-2);
    expect(quantityValue(parseQuantity('1Ki'))).toBe(1024);
  });

  it('constructors format like NewQuantity and NewMilliQuantity', () => {
    expect(quantityString(newMilliQuantity(250, 'DecimalSI'))).toBe('250m');
    expect(quantityString(newMilliQuantity(3000, 'DecimalSI'))).toBe('3');
    expect(quantityString(newQuantity(2048, 'BinarySI'))).toBe('2Ki');
    // BinarySI below 1024 prints as DecimalSI
    expect(quantityString(newQuantity(1000, 'BinarySI'))).toBe('1k');
    expect(quantityString(newQuantity(5, 'DecimalExponent'))).toBe('5');
  });
});
