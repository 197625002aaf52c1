// The worker's unasked answers (early-worker.ts, UNASKED): kept from the worker's start, they go
// to the page's client the first time it asks; later asks go to the worker.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../worker/protocol';

/** A Worker that records what it is sent; the test answers as the worker would. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: ToWorker[] = [];
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  private listeners = new Set<(e: MessageEvent<FromWorker>) => void>();
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: ToWorker) {
    this.sent.push(m);
  }
  addEventListener(_: 'message', l: (e: MessageEvent<FromWorker>) => void) {
    this.listeners.add(l);
  }
  removeEventListener(_: 'message', l: (e: MessageEvent<FromWorker>) => void) {
    this.listeners.delete(l);
  }
  answer(m: FromWorker) {
    const e = { data: m } as MessageEvent<FromWorker>;
    for (const l of [...this.listeners]) l(e);
    this.onmessage?.(e);
  }
}

async function load() {
  vi.resetModules();
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  return { early: await import('./early-worker'), client: await import('./worker-client') };
}

describe('early worker', () => {
  afterEach(() => void vi.unstubAllGlobals());

  it('keeps the first prompt and the status the worker sends unasked; the client takes them once', async () => {
    const { early, client } = await load();
    early.startClusterWorker();
    early.startClusterWorker(); // once
    expect(FakeWorker.made).toHaveLength(1);
    const w = FakeWorker.made[0];
    // The worker sends them before the UI exists.
    w.answer({ id: -1, type: 'persistStatus', status: { persistent: true, playgroundId: 'p1' } });
    w.answer({ id: -2, type: 'prompt', prompt: 'controlplane:~$ ' });
    const c = new client.WorkerClient();
    expect(await c.persistStatus()).toEqual({ persistent: true, playgroundId: 'p1' });
    expect(await c.prompt(1)).toBe('controlplane:~$ ');
    expect(w.sent).toEqual([]); // nothing asked
    // Later questions go to the worker.
    const again = c.prompt(1);
    expect(w.sent[0]).toEqual({ id: 1, type: 'prompt', session: 1 });
    w.answer({ id: 1, type: 'prompt', prompt: 'controlplane:/tmp$ ' });
    expect(await again).toBe('controlplane:/tmp$ ');
    const other = c.prompt(2);
    expect(w.sent[1]).toEqual({ id: 2, type: 'prompt', session: 2 });
    w.answer({ id: 2, type: 'prompt', prompt: 'controlplane:~$ ' });
    expect(await other).toBe('controlplane:~$ ');
  });

  it('an answer that comes after the client took the worker still reaches it', async () => {
    const { early, client } = await load();
    early.startClusterWorker();
    const c = new client.WorkerClient();
    const prompt = c.prompt(1);
    const status = c.persistStatus();
    FakeWorker.made[0].answer({ id: -2, type: 'prompt', prompt: 'minikube:~$ ' });
    FakeWorker.made[0].answer({ id: -1, type: 'persistStatus', status: { persistent: true, busy: true } });
    expect(await prompt).toBe('minikube:~$ ');
    expect(await status).toEqual({ persistent: true, busy: true });
    expect(FakeWorker.made[0].sent).toEqual([]);
  });

  it('a page without the boot script gets a worker of its own and asks it', async () => {
    const { client } = await load();
    const c = new client.WorkerClient();
    expect(FakeWorker.made).toHaveLength(1);
    const w = FakeWorker.made[0];
    w.answer({ id: -1, type: 'persistStatus', status: { persistent: true } }); // unasked: nobody keeps it
    const status = c.persistStatus();
    expect(w.sent).toEqual([{ id: 1, type: 'persistStatus' }]);
    w.answer({ id: 1, type: 'persistStatus', status: { persistent: false } });
    expect(await status).toEqual({ persistent: false });
  });
});
