// The cached pod printer (podPrinter) against printPod computed from scratch: same rows, for
// every state of testing.ts's pods, as the clock moves on under the cached parts.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types';
import { perObject } from '../printer';
import { podPrinter, printPod } from './pods';
import { variedPods } from './testing';

const START = Date.parse('2026-11-23T00:00:00Z');

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

function stored(now: number): KubeObject[] {
  return variedPods(now).map(({ pod, status, terminate }, i) =>
    deepFreeze({
      ...pod,
      metadata: {
        ...pod.metadata,
        namespace: 'default',
        creationTimestamp: new Date(now - (i + 1) * 7_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        ...(terminate ? { deletionTimestamp: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'), deletionGracePeriodSeconds: 30 } : {}),
      },
      status,
    }) as unknown as KubeObject,
  );
}

describe('podPrinter (parts cached per stored object)', () => {
  it('prints what printPod prints, while the clock moves on', () => {
    const pods = stored(START);
    const statuses = new Set<unknown>();
    for (const later of [0, 1_000, 59_000, 121_000, 11 * 60_000, 5 * 3600_000, 3 * 86400_000, 400 * 86400_000]) {
      const ctx = { now: START + later };
      for (const p of pods) {
        const fresh = printPod(p, ctx);
        expect(podPrinter.print(p, ctx), `${p.metadata.name} at +${later}ms`).toEqual(fresh);
        statuses.add(fresh.cells[2]);
      }
    }
    // The fixture does reach the printer's branches.
    expect([...statuses].sort()).toEqual(
      [
        'Completed', 'ContainerCreating', 'CrashLoopBackOff', 'Evicted', 'ExitCode:2', 'ImagePullBackOff', 'Init:1/2',
        'Init:CrashLoopBackOff', 'NotReady', 'OOMKilled', 'Pending', 'Running', 'SchedulingGated', 'Signal:9', 'Terminating', 'Unknown',
      ].sort(),
    );
  });

  it('shows restarts "ago" and AGE from the clock, not from when the parts were cached', () => {
    const crash = stored(START).find((p) => p.metadata.name === 'crashloop')!;
    expect(podPrinter.print(crash, { now: START }).cells.slice(3, 5)).toEqual(['13 (95s ago)', '56s']);
    expect(podPrinter.print(crash, { now: START + 3600_000 }).cells.slice(3, 5)).toEqual(['13 (61m ago)', '60m']);
  });
});

describe('perObject', () => {
  it('remembers frozen objects only, per identity', () => {
    let calls = 0;
    const f = perObject((o) => `${o.metadata.name}#${++calls}`);
    const frozen = Object.freeze({ metadata: Object.freeze({ name: 'a' }) }) as unknown as KubeObject;
    expect(f(frozen)).toBe('a#1');
    expect(f(frozen)).toBe('a#1');
    // An equal but different object (the store's next version) is computed again.
    expect(f(Object.freeze({ metadata: { name: 'a' } }) as unknown as KubeObject)).toBe('a#2');
    const mutable = { metadata: { name: 'b' } } as KubeObject;
    expect(f(mutable)).toBe('b#3');
    mutable.metadata.name = 'c';
    expect(f(mutable)).toBe('c#4');
  });
});
