import { describe, expect, it } from 'vitest';
import { acquirePlayground, MemoryLockManager, type ChannelLike } from './lock';

/** A BroadcastChannel stand-in shared by the "tabs" of one test (messages are async, as in browsers). */
function channels() {
  const members = new Set<ChannelLike>();
  return (): ChannelLike => {
    const ch: ChannelLike = {
      onmessage: null,
      postMessage(m) {
        for (const o of members) if (o !== ch) setTimeout(() => o.onmessage?.({ data: structuredClone(m) }), 0);
      },
      close() {
        members.delete(ch);
      },
    };
    members.add(ch);
    return ch;
  };
}

describe('one owner per playground', () => {
  it('the first tab owns, the second is told it is busy, other playgrounds are free', async () => {
    const locks = new MemoryLockManager();
    const channel = channels();
    const a = await acquirePlayground('p1', { locks, channel, tabId: 'A' });
    expect(a.status).toBe('owner');
    const b = await acquirePlayground('p1', { locks, channel, tabId: 'B' });
    expect(b.status).toBe('busy');
    expect((await acquirePlayground('p2', { locks, channel, tabId: 'B' })).status).toBe('owner');
    if (a.status === 'owner') await a.lease.release();
    expect((await acquirePlayground('p1', { locks, channel, tabId: 'C' })).status).toBe('owner');
  });

  it('take-over asks the owner, which flushes and hands over', async () => {
    const locks = new MemoryLockManager();
    const channel = channels();
    const events: string[] = [];
    const a = await acquirePlayground('p1', {
      locks,
      channel,
      tabId: 'A',
      beforeHandOver: async () => void events.push('A flushed'),
      onLost: (r) => events.push(`A lost: ${r}`),
    });
    if (a.status !== 'owner') throw new Error();
    const b = await acquirePlayground('p1', { locks, channel, tabId: 'B' });
    if (b.status !== 'busy') throw new Error();
    const lease = await b.takeOver({ graceMs: 1000 });
    expect(lease.owned).toBe(true);
    expect(events).toEqual(['A flushed', 'A lost: handed-over']);
    expect(a.lease.owned).toBe(false);
    expect(await a.lease.lost).toBe('handed-over');
  });

  it('steals after the grace period when the owner does not answer, and the owner is told', async () => {
    const locks = new MemoryLockManager();
    const lost: string[] = [];
    // The old tab has no channel (it cannot hear the request); the steal still reaches it.
    const a = await acquirePlayground('p1', { locks, channel: null, tabId: 'A', onLost: (r) => lost.push(r) });
    if (a.status !== 'owner') throw new Error();
    const b = await acquirePlayground('p1', { locks, channel: null, tabId: 'B' });
    if (b.status !== 'busy') throw new Error();
    const t0 = Date.now();
    const lease = await b.takeOver({ graceMs: 30 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    expect(lease.owned).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(lost).toEqual(['taken-over']);
    expect(a.lease.owned).toBe(false);
    // The new owner keeps it; a third tab is busy.
    expect((await acquirePlayground('p1', { locks, channel: null, tabId: 'C' })).status).toBe('busy');
  });

  it('works without navigator.locks and BroadcastChannel (single-tab fallback)', async () => {
    expect((globalThis as { navigator?: { locks?: unknown } }).navigator?.locks).toBeUndefined();
    const a = await acquirePlayground('fallback-p', { channel: null });
    expect(a.status).toBe('owner');
    if (a.status === 'owner') await a.lease.release();
  });

  it('the real BroadcastChannel carries the take-over request', async () => {
    const locks = new MemoryLockManager();
    let flushed = false;
    const a = await acquirePlayground('p9', { locks, tabId: 'A', beforeHandOver: () => (flushed = true) });
    const b = await acquirePlayground('p9', { locks, tabId: 'B' });
    if (a.status !== 'owner' || b.status !== 'busy') throw new Error();
    const lease = await b.takeOver({ graceMs: 2000 });
    expect(flushed).toBe(true);
    expect(await a.lease.lost).toBe('handed-over');
    await lease.release();
  });
});
