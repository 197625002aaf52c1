// The one virtual clock. Nothing in src/cluster reads real time: hosts advance this clock
// (real time times a speed factor, stepped, or as fast as possible while something waits).

export interface Timer {
  cancel(): void;
}

/** A queued timer; it is its own Timer handle (no handle object or closure per timer). */
class Pending implements Timer {
  cancelled = false;
  constructor(
    readonly at: number,
    readonly seq: number,
    readonly fn: () => void,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

// Thousands of objects are stamped within one virtual second: format each second once.
let cachedSecond = NaN;
let cachedText = '';

/** RFC 3339 with second precision (metav1.Time) for virtual ms. */
export function formatRfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (sec !== cachedSecond) {
    cachedText = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
    cachedSecond = sec;
  }
  return cachedText;
}

export class VirtualClock {
  private nowMs: number;
  private seq = 0;
  private queue: Pending[] = [];

  constructor(start: Date | number = Date.UTC(2026, 0, 1)) {
    this.nowMs = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.nowMs;
  }

  date(): Date {
    return new Date(this.nowMs);
  }

  /** RFC 3339 with second precision, as metav1.Time serialises. */
  rfc3339(): string {
    return formatRfc3339(this.nowMs);
  }

  /** Runs fn once `ms` of virtual time from now. Timers at the same instant run in the order set. */
  after(ms: number, fn: () => void): Timer {
    const p = new Pending(this.nowMs + Math.max(0, ms), this.seq++, fn);
    this.push(p);
    return p;
  }

  /** Time of the next pending timer, or undefined when idle. */
  nextAt(): number | undefined {
    while (this.queue.length && this.queue[0].cancelled) this.pop();
    return this.queue.length ? this.queue[0].at : undefined;
  }

  /**
   * Runs every timer due at or before `t` in order, then sets the clock to `t`. When `enough()`
   * holds (asked before each timer but the first) it stops there, leaving the clock at the last
   * timer run: a runaway that keeps queueing zero-delay work (a Deployment scaled to millions)
   * then cannot hold the host forever.
   */
  advanceTo(t: number, enough?: () => boolean): number {
    let ran = 0;
    for (;;) {
      const next = this.nextAt();
      if (next === undefined || next > t) break;
      if (ran > 0 && enough?.()) return ran;
      const p = this.pop()!;
      if (next > this.nowMs) this.nowMs = next;
      ran++;
      p.fn();
    }
    if (t > this.nowMs) this.nowMs = t;
    return ran;
  }

  advance(ms: number): number {
    return this.advanceTo(this.nowMs + ms);
  }

  /** Runs the timers due now (zero-delay work) without moving time, until `enough()`. */
  runDue(enough?: () => boolean): number {
    return this.advanceTo(this.nowMs, enough);
  }

  /** Jumps to the next timer and runs what is due then, until `enough()`. False when idle. */
  step(enough?: () => boolean): boolean {
    const next = this.nextAt();
    if (next === undefined) return false;
    this.advanceTo(next, enough);
    return true;
  }

  pending(): number {
    return this.queue.filter((p) => !p.cancelled).length;
  }

  // A binary heap keyed by (at, seq): thousands of kubelet timers stay cheap.
  private push(p: Pending): void {
    const q = this.queue;
    q.push(p);
    let i = q.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (less(q[parent]!, p)) break;
      // Plain moves, not a destructuring swap: that allocated an array per step.
      q[i] = q[parent]!;
      q[parent] = p;
      i = parent;
    }
  }

  private pop(): Pending | undefined {
    const q = this.queue;
    if (!q.length) return undefined;
    const top = q[0];
    const last = q.pop()!;
    if (q.length) {
      q[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < q.length && less(q[l], q[m])) m = l;
        if (r < q.length && less(q[r], q[m])) m = r;
        if (m === i) break;
        const t = q[m]!;
        q[m] = q[i]!;
        q[i] = t;
        i = m;
      }
    }
    return top;
  }
}

function less(a: Pending, b: Pending): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
