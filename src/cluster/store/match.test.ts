import { describe, expect, it } from 'vitest';
import { matchesSelector } from './match';
import { sel } from './test-helpers';

describe('matchesSelector', () => {
  const labels = { app: 'web', tier: 'frontend', replicas: '5' };

  it('empty selector matches everything, nothing matches nothing', () => {
    expect(matchesSelector(labels, { requirements: [] })).toBe(true);
    expect(matchesSelector(undefined, { requirements: [] })).toBe(true);
    expect(matchesSelector(labels, { requirements: [], nothing: true })).toBe(false);
  });

  it('equality and in require the key', () => {
    expect(matchesSelector(labels, sel(['app', '=', 'web']))).toBe(true);
    expect(matchesSelector(labels, sel(['app', '==', 'db']))).toBe(false);
    expect(matchesSelector(labels, sel(['tier', 'in', 'backend', 'frontend']))).toBe(true);
    expect(matchesSelector({}, sel(['app', 'in', 'web']))).toBe(false);
    expect(matchesSelector(labels, sel(['app', 'in']))).toBe(false);
  });

  it('!= and notin match when the key is absent', () => {
    expect(matchesSelector(labels, sel(['app', '!=', 'web']))).toBe(false);
    expect(matchesSelector(labels, sel(['app', '!=', 'db']))).toBe(true);
    expect(matchesSelector({}, sel(['app', '!=', 'web']))).toBe(true);
    expect(matchesSelector(labels, sel(['tier', 'notin', 'frontend', 'x']))).toBe(false);
    expect(matchesSelector(undefined, sel(['tier', 'notin', 'frontend']))).toBe(true);
  });

  it('exists and !', () => {
    expect(matchesSelector(labels, sel(['app', 'exists']))).toBe(true);
    expect(matchesSelector(labels, sel(['nope', 'exists']))).toBe(false);
    expect(matchesSelector(labels, sel(['nope', '!']))).toBe(true);
    expect(matchesSelector(labels, sel(['app', '!']))).toBe(false);
  });

  it('gt and lt compare integers and need a parseable label value', () => {
    expect(matchesSelector(labels, sel(['replicas', 'gt', '4']))).toBe(true);
    expect(matchesSelector(labels, sel(['replicas', 'gt', '5']))).toBe(false);
    expect(matchesSelector(labels, sel(['replicas', 'lt', '10']))).toBe(true); // numeric, not string, order
    expect(matchesSelector(labels, sel(['app', 'gt', '1']))).toBe(false);
    expect(matchesSelector({}, sel(['replicas', 'lt', '10']))).toBe(false);
    expect(matchesSelector(labels, sel(['replicas', 'gt', '1', '2']))).toBe(false);
  });

  it('all requirements must hold', () => {
    expect(matchesSelector(labels, sel(['app', '=', 'web'], ['tier', '=', 'frontend']))).toBe(true);
    expect(matchesSelector(labels, sel(['app', '=', 'web'], ['tier', '=', 'backend']))).toBe(false);
  });
});
