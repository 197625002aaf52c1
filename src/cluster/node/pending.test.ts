import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../machinery/clock';
import { PendingStage, PendingStages } from './pending';
import { STAGES_BY_TRACK } from './stages';

const [sandboxStage, terminateStage] = STAGES_BY_TRACK.pod;

/** A pending stage whose timer records its track when it fires. */
function pending(clock: VirtualClock, fired: string[], track: string, inSync = false): PendingStage {
  const p = new PendingStage(track, sandboxStage, undefined, inSync);
  p.timer = clock.after(10, () => fired.push(track));
  return p;
}

describe('PendingStages', () => {
  it('finds, removes and keeps entries by track; dropped entries have their timers cancelled', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    const s = new PendingStages();
    const a = pending(clock, fired, 'pod');
    const b = pending(clock, fired, 'c:web', true);
    const c = pending(clock, fired, 'r:web');
    s.add(a);
    s.add(b);
    s.add(c);
    expect(s.size).toBe(3);
    expect(s.get('c:web')).toBe(b);
    expect(s.has('l:web')).toBe(false);
    expect(s.anyInSync()).toBe(true);

    s.remove(b);
    expect(s.get('c:web')).toBeUndefined();
    expect(s.get('r:web')).toBe(c);
    expect(s.anyInSync()).toBe(false);
    s.remove(b); // already gone: nothing happens
    expect(s.size).toBe(2);

    s.retain((p, keep: string) => p.track === keep, 'pod');
    expect(s.values()).toEqual([a]);
    clock.advance(10);
    // b was only removed (the kubelet removes an entry whose timer fired); c was cancelled by retain.
    expect(fired.sort()).toEqual(['c:web', 'pod']);
  });

  it('cancelAll cancels every timer and empties the set', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    const s = new PendingStages();
    s.add(pending(clock, fired, 'pod'));
    s.add(new PendingStage('c:x', terminateStage, undefined, false));
    s.values()[1].timer = clock.after(5, () => fired.push('c:x'));
    s.cancelAll();
    expect(s.size).toBe(0);
    clock.advance(100);
    expect(fired).toEqual([]);
  });
});
