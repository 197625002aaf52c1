// One owner per playground across tabs. The owner holds a Web Lock named after the playground for
// as long as it writes; a second tab finds it busy (ifAvailable) and may offer to take over:
// it asks the owner over a BroadcastChannel to hand over (the owner flushes, stops writing and
// releases), and after a grace period steals the lock (steal: true), which also tells the old
// owner through its rejected lock request. Without navigator.locks (old browsers, Node) an
// in-memory lock manager stands in: one tab only, same semantics.

export interface LockLike {
  name: string;
}
export interface LockRequestOptions {
  mode?: 'exclusive' | 'shared';
  ifAvailable?: boolean;
  steal?: boolean;
  signal?: AbortSignal;
}
export interface LockManagerLike {
  request(name: string, options: LockRequestOptions, callback: (lock: LockLike | null) => unknown): Promise<unknown>;
}
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(): void;
}

export type LostReason = 'handed-over' | 'taken-over';

export interface Lease {
  readonly playgroundId: string;
  /** true until released or lost. */
  readonly owned: boolean;
  /** Resolves when another tab took the playground over (never when released by us). */
  readonly lost: Promise<LostReason>;
  release(): Promise<void>;
}

export type Acquired =
  | { status: 'owner'; lease: Lease }
  | {
      status: 'busy';
      /** Asks the owner to hand over; steals after graceMs (default 2000) if it does not. */
      takeOver(opts?: { graceMs?: number }): Promise<Lease>;
    };

export interface OwnershipOptions {
  locks?: LockManagerLike;
  channel?: ((name: string) => ChannelLike) | null;
  tabId?: string;
  /** This tab is no longer the owner: stop the write-behind, show "taken over in another tab". */
  onLost?(reason: LostReason): void;
  /** A polite take-over request arrived: flush now; the lock is released when this resolves. */
  beforeHandOver?(): Promise<unknown> | unknown;
}

export const lockName = (playgroundId: string) => `kubeplay:playground:${playgroundId}`;
export const CHANNEL = 'kubeplay-ownership';

type Msg = { type: 'takeover-request' | 'taken-over'; playgroundId: string; from: string };

const abortError = (m: string) => Object.assign(new Error(m), { name: 'AbortError' });

/** Web Locks semantics in one realm: exclusive mode, ifAvailable, steal, signal. */
export class MemoryLockManager implements LockManagerLike {
  private held = new Map<string, { steal(): void }>();
  private waiting = new Map<string, (() => void)[]>();

  request(name: string, options: LockRequestOptions, callback: (lock: LockLike | null) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        let stolen = false;
        this.held.set(name, {
          steal: () => {
            stolen = true;
            reject(abortError('The lock was stolen by another request.'));
          },
        });
        Promise.resolve()
          .then(() => callback({ name }))
          .then(
            (v) => !stolen && resolve(v),
            (e) => !stolen && reject(e),
          )
          .finally(() => {
            if (stolen) return;
            this.held.delete(name);
            this.waiting.get(name)?.shift()?.();
          });
      };
      if (options.signal?.aborted) return reject(abortError('aborted'));
      if (options.steal) {
        const h = this.held.get(name);
        this.held.delete(name);
        h?.steal();
        return grant();
      }
      if (!this.held.has(name) && !this.waiting.get(name)?.length) return grant();
      if (options.ifAvailable) {
        return void Promise.resolve()
          .then(() => callback(null))
          .then(resolve, reject);
      }
      const q = this.waiting.get(name) ?? [];
      this.waiting.set(name, q);
      const entry = () => {
        options.signal?.removeEventListener('abort', onAbort);
        grant();
      };
      const onAbort = () => {
        const i = q.indexOf(entry);
        if (i >= 0) q.splice(i, 1);
        reject(abortError('aborted'));
      };
      options.signal?.addEventListener('abort', onAbort);
      q.push(entry);
    });
  }
}

/** Shared by every acquire in this realm when the browser has no navigator.locks. */
const fallbackLocks = new MemoryLockManager();

function defaultLocks(): LockManagerLike {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? fallbackLocks;
}

function defaultChannel(name: string): ChannelLike | null {
  const BC = (globalThis as { BroadcastChannel?: new (n: string) => ChannelLike }).BroadcastChannel;
  return BC ? new BC(name) : null;
}

let tabCounter = 0;

/**
 * Tries to become the owner of a playground: `owner` with a lease, or `busy` (another tab owns
 * it) with takeOver(). Never rejects.
 */
export async function acquirePlayground(playgroundId: string, opts: OwnershipOptions = {}): Promise<Acquired> {
  const locks = opts.locks ?? defaultLocks();
  const makeChannel = opts.channel === undefined ? defaultChannel : opts.channel ?? (() => null);
  const tabId = opts.tabId ?? `tab-${Date.now().toString(36)}-${++tabCounter}`;
  const name = lockName(playgroundId);

  /** Requests the lock; resolves with a lease, or null when not granted (busy, timed out). */
  const request = (options: LockRequestOptions): Promise<Lease | null> =>
    new Promise((resolve) => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let made: { lease: Lease; lose(r: LostReason): void } | undefined;
      let settled: Promise<unknown> = Promise.resolve();
      const p = locks.request(name, { mode: 'exclusive', ...options }, async (lock) => {
        if (!lock) return resolve(null);
        made = makeLease(release, () => settled);
        resolve(made.lease);
        await held;
      });
      settled = p.catch(() => undefined);
      p.then(
        () => undefined,
        () => {
          // Not granted (timed out waiting, aborted), or granted and then stolen by another tab.
          if (!made) resolve(null);
          else made.lose('taken-over');
        },
      );
    });

  function makeLease(releaseLock: () => void, released: () => Promise<unknown>): { lease: Lease; lose(r: LostReason): void } {
    let owned = true;
    let resolveLost!: (r: LostReason) => void;
    const lost = new Promise<LostReason>((r) => (resolveLost = r));
    const channel = makeChannel(CHANNEL);
    const end = () => {
      owned = false;
      releaseLock();
      channel?.close();
    };
    const lose = (reason: LostReason) => {
      if (!owned) return;
      end();
      resolveLost(reason);
      try {
        opts.onLost?.(reason);
      } catch {
        // the host's handler must not break the lock
      }
    };
    if (channel)
      channel.onmessage = (ev) => {
        const m = ev.data as Msg;
        if (!m || m.playgroundId !== playgroundId || m.from === tabId || !owned) return;
        if (m.type === 'taken-over') lose('taken-over');
        if (m.type === 'takeover-request')
          void Promise.resolve()
            .then(() => opts.beforeHandOver?.())
            .catch(() => undefined)
            .then(() => lose('handed-over'));
      };
    const lease: Lease = {
      playgroundId,
      get owned() {
        return owned;
      },
      lost,
      /** Resolves once the lock manager has let the lock go (another tab may take it then). */
      release: async () => {
        if (owned) end();
        await released();
      },
    };
    return { lease, lose };
  }

  const first = await request({ ifAvailable: true });
  if (first) return { status: 'owner', lease: first };
  return {
    status: 'busy',
    async takeOver({ graceMs = 2000 } = {}) {
      const channel = makeChannel(CHANNEL);
      const say = (type: Msg['type']) => {
        try {
          channel?.postMessage({ type, playgroundId, from: tabId } satisfies Msg);
        } catch {
          // a closed channel: the steal still tells the owner
        }
      };
      say('takeover-request');
      let lease: Lease | null = null;
      if (graceMs > 0) {
        const ctl = new AbortController();
        const timer = setTimeout(() => ctl.abort(), graceMs);
        lease = await request({ signal: ctl.signal });
        clearTimeout(timer);
      }
      if (!lease) {
        lease = (await request({ steal: true }))!;
        say('taken-over');
      }
      channel?.close();
      return lease;
    },
  };
}
