// Write-behind for the worker: every change only marks the playground dirty; a flush writes the
// whole current state in one transaction, at most every intervalMs, and at once on flush() (the
// page is hiding or unloading, a reset, a switch of playground). Failed flushes stay dirty and
// retry with back-off. Flush latency is measured for the bench and the UI.
import type { PlaygroundState, Result, StoreError } from './types';
import type { SaveInfo } from './store';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => (globalThis.performance ? performance.now() : Date.now()),
};

export interface WriteBehindOptions {
  /** Builds the state to save (called at flush time, so it is the newest). */
  collect(): PlaygroundState;
  /** Writes it in one transaction, e.g. (s) => store.saveSnapshot(id, s). */
  save(state: PlaygroundState): Promise<Result<SaveInfo>>;
  /** Minimum time between the starts of two flushes (ms). Default 1000. */
  intervalMs?: number;
  /** Longest wait before retrying after a failed flush (ms). Default 30000. */
  maxBackoffMs?: number;
  onError?(error: StoreError): void;
  onSaved?(info: FlushStats): void;
  timers?: Timers;
}

export interface FlushStats {
  /** collect + validate + serialise + transaction (ms). */
  totalMs: number;
  collectMs: number;
  validateMs: number;
  serializeMs: number;
  writeMs: number;
  length: number;
  seq: number;
  /** The delta's number in its generation; 0 for a whole state. */
  delta: number;
  /** Objects written or deleted. */
  objects: number;
}

export type FlushResult =
  | { status: 'saved'; stats: FlushStats }
  | { status: 'clean' }
  | { status: 'stopped' }
  | { status: 'failed'; error: StoreError };

export interface WriteBehindStats {
  flushes: number;
  failures: number;
  dirty: boolean;
  last?: FlushStats;
  lastError?: StoreError;
  /** Over the last 100 flushes (ms). */
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export class WriteBehind {
  private dirty = false;
  private stopped = false;
  private timer: unknown = undefined;
  private inFlight: Promise<FlushResult> | null = null;
  private lastStart = -Infinity;
  private failuresInRow = 0;
  private readonly samples: number[] = [];
  private readonly s = { flushes: 0, failures: 0, maxMs: 0, last: undefined as FlushStats | undefined, lastError: undefined as StoreError | undefined };
  private readonly interval: number;
  private readonly timers: Timers;

  constructor(private readonly o: WriteBehindOptions) {
    this.interval = o.intervalMs ?? 1000;
    this.timers = o.timers ?? realTimers;
  }

  /** Something changed (a store write, a file, the history, the namespace). Cheap; call freely. */
  markDirty(): void {
    this.dirty = true;
    this.schedule();
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  /** Writes now if anything changed (waiting for a flush under way first). */
  async flush(): Promise<FlushResult> {
    if (this.stopped) return { status: 'stopped' };
    while (this.inFlight) await this.inFlight;
    if (this.stopped) return { status: 'stopped' };
    if (!this.dirty) return { status: 'clean' };
    return this.run();
  }

  /** No more writes (another tab took the playground over, or it is being deleted). */
  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  stats(): WriteBehindStats {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
    return { flushes: this.s.flushes, failures: this.s.failures, dirty: this.dirty, last: this.s.last, lastError: this.s.lastError, medianMs: q(0.5), p95Ms: q(0.95), maxMs: this.s.maxMs };
  }

  private cancel(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.stopped || !this.dirty || this.timer !== undefined || this.inFlight) return;
    const backoff = this.failuresInRow ? Math.min(this.o.maxBackoffMs ?? 30_000, this.interval * 2 ** this.failuresInRow) : this.interval;
    const delay = Math.max(0, this.lastStart + backoff - this.timers.now());
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      void this.flush();
    }, delay);
  }

  private run(): Promise<FlushResult> {
    this.cancel();
    const p = this.write().finally(() => {
      this.inFlight = null;
      this.schedule(); // changes made while writing
    });
    this.inFlight = p;
    return p;
  }

  private async write(): Promise<FlushResult> {
    this.dirty = false;
    const t0 = this.timers.now();
    this.lastStart = t0;
    let result: Result<SaveInfo>;
    let collectMs = 0;
    try {
      const state = this.o.collect();
      collectMs = this.timers.now() - t0;
      result = await this.o.save(state);
    } catch (e) {
      result = { ok: false, error: { code: 'unknown', message: { en: `Saving failed: ${String((e as Error)?.message ?? e)}`, zh: `保存失败：${String((e as Error)?.message ?? e)}` } } };
    }
    if (!result.ok) {
      this.dirty = true;
      this.failuresInRow++;
      this.s.failures++;
      this.s.lastError = result.error;
      try {
        this.o.onError?.(result.error);
      } catch {
        // the host's handler must not break the write-behind
      }
      return { status: 'failed', error: result.error };
    }
    this.failuresInRow = 0;
    const info = result.value;
    const stats: FlushStats = { totalMs: this.timers.now() - t0, collectMs, validateMs: info.validateMs, serializeMs: info.serializeMs, writeMs: info.writeMs, length: info.length, seq: info.seq, delta: info.delta, objects: info.objects };
    this.s.flushes++;
    this.s.last = stats;
    this.s.maxMs = Math.max(this.s.maxMs, stats.totalMs);
    this.samples.push(stats.totalMs);
    if (this.samples.length > 100) this.samples.shift();
    try {
      this.o.onSaved?.(stats);
    } catch {
      // as above
    }
    return { status: 'saved', stats };
  }
}
