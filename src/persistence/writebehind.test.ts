import { describe, expect, it } from 'vitest';
import { WriteBehind, type Timers } from './writebehind';
import { memoryStore } from './store';
import { syntheticState } from './bench';
import type { PlaygroundState, Result } from './types';
import type { SaveInfo } from './store';

/** Manual timers: time moves only when the test says so. */
function manualTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => (pending.set(++seq, { at: now + ms, fn }), seq),
    clear: (h) => void pending.delete(h as number),
    now: () => now,
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      now = due[1].at;
      pending.delete(due[0]);
      due[1].fn();
      for (let i = 0; i < 20; i++) await Promise.resolve();
    }
    now = end;
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return { timers, advance, pending };
}

function saver() {
  const saved: PlaygroundState[] = [];
  let fail = 0;
  const save = async (s: PlaygroundState): Promise<Result<SaveInfo>> => {
    if (fail > 0) {
      fail--;
      return { ok: false, error: { code: 'quota', message: { en: 'quota', zh: '配额' } } };
    }
    saved.push(s);
    return { ok: true, value: { seq: saved.length, delta: 0, objects: 0, length: 1, validateMs: 0, serializeMs: 0, writeMs: 0 } };
  };
  return { saved, save, failNext: (n: number) => (fail = n) };
}

describe('WriteBehind', () => {
  it('coalesces changes and flushes at most every interval', async () => {
    const { timers, advance } = manualTimers();
    const sv = saver();
    let v = 0;
    const wb = new WriteBehind({ collect: () => syntheticState(0, ++v), save: sv.save, intervalMs: 1000, timers });
    for (let i = 0; i < 50; i++) wb.markDirty();
    await advance(0);
    expect(sv.saved).toHaveLength(1); // the first change after idle is written at once (next tick)
    for (let i = 0; i < 50; i++) wb.markDirty();
    await advance(999);
    expect(sv.saved).toHaveLength(1);
    await advance(1);
    expect(sv.saved).toHaveLength(2);
    await advance(10_000);
    expect(sv.saved).toHaveLength(2); // nothing changed
    expect(wb.stats()).toMatchObject({ flushes: 2, failures: 0, dirty: false });
  });

  it('flush() writes at once, and only when dirty', async () => {
    const { timers } = manualTimers();
    const sv = saver();
    const wb = new WriteBehind({ collect: () => syntheticState(0), save: sv.save, timers });
    expect(await wb.flush()).toEqual({ status: 'clean' });
    wb.markDirty();
    const r = await wb.flush();
    expect(r.status).toBe('saved');
    expect(sv.saved).toHaveLength(1);
    expect(await wb.flush()).toEqual({ status: 'clean' });
  });

  it('a change during a flush is written by the next one', async () => {
    const { timers, advance } = manualTimers();
    let release!: () => void;
    const saved: number[] = [];
    let n = 0;
    const wb = new WriteBehind({
      collect: () => syntheticState(0, ++n),
      save: async (s) => {
        await new Promise<void>((r) => (release = r));
        saved.push(s.virtualTime);
        return { ok: true, value: { seq: saved.length, delta: 0, objects: 0, length: 0, validateMs: 0, serializeMs: 0, writeMs: 0 } };
      },
      intervalMs: 100,
      timers,
    });
    wb.markDirty();
    const first = wb.flush();
    await Promise.resolve();
    wb.markDirty(); // while writing
    const second = wb.flush(); // waits for the first, then writes again
    release();
    await first;
    await Promise.resolve();
    await Promise.resolve();
    release();
    await second;
    await advance(1000);
    expect(saved).toEqual([1, 2]);
  });

  it('keeps the state dirty after a failed flush and retries with back-off', async () => {
    const { timers, advance } = manualTimers();
    const sv = saver();
    const errors: string[] = [];
    const wb = new WriteBehind({ collect: () => syntheticState(0), save: sv.save, intervalMs: 1000, timers, onError: (e) => errors.push(e.code) });
    sv.failNext(2);
    wb.markDirty();
    await advance(0);
    expect(errors).toEqual(['quota']);
    expect(wb.isDirty).toBe(true);
    await advance(1999);
    expect(errors).toEqual(['quota']); // back-off: 2 s after one failure
    await advance(1);
    expect(errors).toEqual(['quota', 'quota']);
    await advance(4000);
    expect(sv.saved).toHaveLength(1);
    expect(wb.stats()).toMatchObject({ flushes: 1, failures: 2, dirty: false });
    expect(wb.stats().lastError?.code).toBe('quota');
  });

  it('stop() ends all writing (the playground was taken over)', async () => {
    const { timers, advance } = manualTimers();
    const sv = saver();
    const wb = new WriteBehind({ collect: () => syntheticState(0), save: sv.save, timers });
    wb.stop();
    wb.markDirty();
    await advance(5000);
    expect(await wb.flush()).toEqual({ status: 'stopped' });
    expect(sv.saved).toHaveLength(0);
  });

  it('saves through a real store with real timers and reports latency', async () => {
    const s = memoryStore();
    const m = await s.createPlayground('x');
    if (!m.ok) throw new Error();
    const wb = new WriteBehind({ collect: () => syntheticState(100), save: (st) => s.saveSnapshot(m.value.id, st), intervalMs: 10 });
    wb.markDirty();
    await new Promise((r) => setTimeout(r, 50));
    const st = wb.stats();
    expect(st.flushes).toBe(1);
    expect(st.last?.length).toBeGreaterThan(1000);
    expect(st.medianMs).toBeGreaterThan(0);
    wb.stop();
  });
});
