import { describe, it, expect } from 'vitest';
import { jsonRoundTrip } from './clone';
const cases: unknown[] = [1, 'a', null, true, [1, undefined, () => 1, NaN, Infinity, -0, { a: undefined, b: Symbol('x'), c: [null] }], { t: new Date(0), n: { toJSON: () => 'x' }, z: -0, arr: [[], {}] }, { __proto__x: 1, 'weird key': { d: 2 } }];
describe('jsonRoundTrip', () => it('matches JSON', () => { for (const c of cases) expect(JSON.stringify(jsonRoundTrip(c))).toBe(JSON.stringify(JSON.parse(JSON.stringify(c)))); for (const c of cases) expect(jsonRoundTrip(c)).toStrictEqual(JSON.parse(JSON.stringify(c))); }));
