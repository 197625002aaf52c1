// The scheduling queue (internal/queue/scheduling_queue.go): an active heap in priority-then-FIFO
// order (the PrioritySort plugin), a backoff queue (1 s doubling to 10 s per attempt) and the
// unschedulable pods, which go back when the cluster changes or after 5 minutes at the latest.
import type { KubeObject } from '../../api/types';
import type { Timer, VirtualClock } from '../machinery/clock';
import { podPriority } from './podutil';

export interface QueueOptions {
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** podMaxInUnschedulablePodsDuration */
  maxUnschedulableMs?: number;
  /** how often leftover unschedulable pods are checked (flushUnschedulablePodsLeftover) */
  flushIntervalMs?: number;
}

export interface QueuedPod {
  key: string;
  pod: KubeObject;
  priority: number;
  /** when the pod was last added to the queue (orders equal priorities) */
  timestamp: number;
  seq: number;
  /** scheduling attempts so far */
  attempts: number;
  /** when the pod entered unschedulablePods */
  unschedulableSince?: number;
  /** the plugins that rejected it last time (which cluster events may help it: the queueing hints) */
  unschedulablePlugins?: Set<string>;
}

export type QueueState = 'active' | 'backoff' | 'unschedulable' | 'in-flight';

export class SchedulingQueue {
  private heap: QueuedPod[] = [];
  private infos = new Map<string, QueuedPod>();
  private where = new Map<string, QueueState>();
  /** the keys in unschedulablePods, so moving them does not walk the whole queue */
  private unschedulable = new Set<string>();
  private backoffTimers = new Map<string, Timer>();
  private flushTimer?: Timer;
  private seq = 0;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxUnschedulableMs: number;
  private readonly flushIntervalMs: number;

  constructor(
    private readonly clock: VirtualClock,
    /** called when the active queue has work */
    private readonly onActive: () => void,
    opts: QueueOptions = {},
  ) {
    this.initialBackoffMs = opts.initialBackoffMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.maxUnschedulableMs = opts.maxUnschedulableMs ?? 5 * 60_000;
    this.flushIntervalMs = opts.flushIntervalMs ?? 30_000;
  }

  private setWhere(key: string, s: QueueState): void {
    this.where.set(key, s);
    if (s === 'unschedulable') this.unschedulable.add(key);
    else this.unschedulable.delete(key);
  }

  state(key: string): QueueState | undefined {
    return this.where.get(key);
  }

  info(key: string): QueuedPod | undefined {
    return this.infos.get(key);
  }

  counts(): Record<QueueState, number> {
    const c: Record<QueueState, number> = { active: 0, backoff: 0, unschedulable: 0, 'in-flight': 0 };
    for (const s of this.where.values()) c[s]++;
    return c;
  }

  /** A new unscheduled pod, or an update of one already queued. */
  addOrUpdate(key: string, pod: KubeObject, specChanged = true): void {
    const info = this.infos.get(key);
    if (!info) {
      const q: QueuedPod = { key, pod, priority: podPriority(pod), timestamp: this.clock.now(), seq: this.seq++, attempts: 0 };
      this.infos.set(key, q);
      this.pushActive(q);
      return;
    }
    info.pod = pod;
    // An update that may make the pod schedulable moves it out of unschedulablePods.
    if (specChanged && this.where.get(key) === 'unschedulable') this.requeue(info);
  }

  delete(key: string): void {
    this.infos.delete(key);
    this.where.delete(key);
    this.unschedulable.delete(key);
    this.backoffTimers.get(key)?.cancel();
    this.backoffTimers.delete(key);
  }

  /** Pops the next pod to schedule (it stays known, in flight, until done or requeued). */
  pop(): QueuedPod | undefined {
    while (this.heap.length) {
      const q = this.popHeap();
      if (this.infos.get(q.key) !== q || this.where.get(q.key) !== 'active') continue;
      q.attempts++;
      this.setWhere(q.key, 'in-flight');
      return q;
    }
    return undefined;
  }

  /** The pod was bound (or left the scheduler's hands). */
  done(key: string): void {
    this.delete(key);
  }

  /** After a failed attempt: unschedulable pods wait for a cluster change; errors back off. */
  addUnschedulable(q: QueuedPod, unschedulable: boolean): void {
    if (this.infos.get(q.key) !== q) return;
    q.timestamp = this.clock.now();
    q.seq = this.seq++;
    if (unschedulable) {
      q.unschedulableSince = this.clock.now();
      this.setWhere(q.key, 'unschedulable');
      this.armFlush();
    } else {
      this.toBackoff(q);
    }
  }

  /** MoveAllToActiveOrBackoffQueue: a node was added or changed, a pod went away. */
  moveAllToActiveOrBackoff(filter?: (q: QueuedPod) => boolean): number {
    let n = 0;
    for (const key of [...this.unschedulable]) {
      const q = this.infos.get(key)!;
      if (filter && !filter(q)) continue;
      this.requeue(q);
      n++;
    }
    return n;
  }

  backoffDuration(q: QueuedPod): number {
    let d = this.initialBackoffMs;
    for (let i = 1; i < q.attempts; i++) {
      d *= 2;
      if (d >= this.maxBackoffMs) return this.maxBackoffMs;
    }
    return Math.min(d, this.maxBackoffMs);
  }

  backoffExpiry(q: QueuedPod): number {
    return q.timestamp + this.backoffDuration(q);
  }

  private requeue(q: QueuedPod): void {
    q.unschedulableSince = undefined;
    if (this.backoffExpiry(q) > this.clock.now()) this.toBackoff(q);
    else this.pushActive(q);
  }

  private toBackoff(q: QueuedPod): void {
    this.setWhere(q.key, 'backoff');
    this.backoffTimers.get(q.key)?.cancel();
    const wait = Math.max(0, this.backoffExpiry(q) - this.clock.now());
    this.backoffTimers.set(
      q.key,
      this.clock.after(wait, () => {
        this.backoffTimers.delete(q.key);
        if (this.infos.get(q.key) === q && this.where.get(q.key) === 'backoff') this.pushActive(q);
      }),
    );
  }

  private armFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = this.clock.after(this.flushIntervalMs, () => {
      this.flushTimer = undefined;
      let left = 0;
      const now = this.clock.now();
      for (const key of [...this.unschedulable]) {
        const q = this.infos.get(key)!;
        if (now - (q.unschedulableSince ?? now) > this.maxUnschedulableMs) this.requeue(q);
        else left++;
      }
      if (left) this.armFlush();
    });
  }

  private pushActive(q: QueuedPod): void {
    this.backoffTimers.get(q.key)?.cancel();
    this.backoffTimers.delete(q.key);
    this.setWhere(q.key, 'active');
    const h = this.heap;
    h.push(q);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
    this.onActive();
  }

  private popHeap(): QueuedPod {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

/** PrioritySort.Less: higher priority first, then earlier timestamp. */
function before(a: QueuedPod, b: QueuedPod): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.seq < b.seq;
}
