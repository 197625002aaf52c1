import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';

describe('VirtualClock', () => {
  it('runs timers in (time, order set) order and skips cancelled ones', () => {
    const c = new VirtualClock(0);
    const ran: string[] = [];
    // A seeded spread of delays with many ties exercises both heap directions.
    let x = 1;
    const timers = [];
    for (let i = 0; i < 300; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const at = x % 50;
      timers.push({ i, at, t: c.after(at, () => ran.push(`${at}:${i}`)) });
    }
    for (const t of timers) if (t.i % 7 === 0) t.t.cancel();
    timers[1]!.t.cancel(); // twice is harmless
    timers[1]!.t.cancel();
    expect(c.pending()).toBe(300 - timers.filter((t) => t.i % 7 === 0 || t.i === 1).length);
    c.advance(100);
    const want = timers
      .filter((t) => t.i % 7 !== 0 && t.i !== 1)
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((t) => `${t.at}:${t.i}`);
    expect(ran).toEqual(want);
    expect(c.now()).toBe(100);
    expect(c.nextAt()).toBeUndefined();
  });

  it('a timer cancelled from inside another timer at the same instant does not run', () => {
    const c = new VirtualClock(0);
    const ran: number[] = [];
    const later = c.after(5, () => ran.push(2));
    c.after(5, () => ran.push(0));
    c.after(0, () => {
      ran.push(1);
      later.cancel();
    });
    c.advance(10);
    expect(ran).toEqual([1, 0]);
  });
});
