// A rate-limited work queue on the virtual clock, as client-go's workqueue: a key is queued at
// most once, a key being processed is not processed twice at the same time, failures are
// retried with per-key exponential back-off (5 ms doubling to 1000 s), and processing runs as a
// clock task so a write never re-enters a controller's sync.
import type { VirtualClock, Timer } from './clock';

export type SyncResult = void | { requeueAfterMs: number };

export class WorkQueue {
  private queue: string[] = [];
  /** Index of the next key in `queue` (a moving head keeps dequeueing O(1)). */
  private head = 0;
  private queued = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, { timer: Timer; at: number }>();
  private scheduled = false;
  private processing = false;
  /** Errors thrown by sync, for hosts that log them (kept short). */
  readonly errors: { key: string; error: unknown }[] = [];

  constructor(
    private readonly clock: VirtualClock,
    readonly name: string,
    private readonly sync: (key: string) => SyncResult,
    private readonly baseDelayMs = 5,
    private readonly maxDelayMs = 1000_000,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.schedule();
  }

  /** Queues the key after a delay; the earliest pending deadline for a key wins (client-go's waitingForQueue). */
  addAfter(key: string, ms: number): void {
    if (ms <= 0) return this.add(key);
    const at = this.clock.now() + ms;
    const pending = this.delayed.get(key);
    if (pending) {
      if (pending.at <= at) return;
      pending.timer.cancel();
    }
    const timer = this.clock.after(ms, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { timer, at });
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.baseDelayMs * 2 ** n, this.maxDelayMs));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  len(): number {
    return this.queue.length - this.head;
  }

  private schedule(): void {
    if (this.scheduled || this.processing) return;
    this.scheduled = true;
    this.clock.after(0, this.scheduledDrain);
  }

  /** The clock task of schedule(), made once per queue rather than once per pass. */
  private readonly scheduledDrain = (): void => {
    this.scheduled = false;
    this.drain();
  };

  /**
   * Processes the keys queued when the pass starts; keys added meanwhile get a pass of their
   * own (a new clock task at the same instant). A controller that re-queues itself at once (a
   * ReplicaSet creating 500 pods a sync towards 2147483647 replicas) so yields to the clock
   * between syncs instead of looping inside one task.
   */
  drain(): void {
    if (this.processing) return;
    this.processing = true;
    let budget = this.len();
    try {
      while (budget-- > 0 && this.head < this.queue.length) {
        const key = this.queue[this.head++]!;
        if (this.head === this.queue.length) {
          this.queue.length = 0;
          this.head = 0;
        } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        this.queued.delete(key);
        try {
          const r = this.sync(key);
          if (r && r.requeueAfterMs !== undefined) this.addAfter(key, r.requeueAfterMs);
          else this.forget(key);
        } catch (error) {
          this.errors.push({ key, error });
          if (this.errors.length > 100) this.errors.shift();
          this.addRateLimited(key);
        }
      }
    } finally {
      this.processing = false;
      if (this.len() > 0) this.schedule();
    }
  }
}
