// The replay window: the last N changes in revision order. `floor` is the oldest revision a
// watch may resume from; anything older has been dropped (compacted, in etcd terms).
import type { KubeObject } from '../../api/types';
import type { StoreEventType } from './types';
import { StoreError } from './errors';

export interface Change {
  type: StoreEventType;
  resource: string;
  namespace: string;
  name: string;
  /** The stored object after the write (for DELETED: the last state with the delete revision). */
  object: KubeObject;
  /** The object before the write; undefined for ADDED. Needed for selector transitions. */
  prev: KubeObject | undefined;
  revision: number;
}

export class History {
  private events: Change[] = [];
  private start = 0;
  private floorRev: number;

  constructor(
    private readonly limit: number,
    floor: number,
  ) {
    this.floorRev = floor;
  }

  /** Oldest revision a watch can resume from without missing events. */
  get floor(): number {
    return this.floorRev;
  }

  get length(): number {
    return this.events.length - this.start;
  }

  push(c: Change): void {
    this.events.push(c);
    if (this.length > this.limit) this.dropTo(this.start + 1);
  }

  /** Drop every change with revision <= `revision`. */
  compact(revision: number): void {
    let i = this.start;
    while (i < this.events.length && this.events[i]!.revision <= revision) i++;
    this.dropTo(i);
    if (revision > this.floorRev) this.floorRev = revision;
  }

  /** Changes with revision > `revision`; Expired when some of them are gone. */
  since(revision: number): Change[] {
    if (revision < this.floorRev) {
      // Same text as the watch cache (and client-go's reflector matches on it).
      throw new StoreError('Expired', `too old resource version: ${revision} (${this.floorRev})`);
    }
    let lo = this.start;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid]!.revision > revision) hi = mid;
      else lo = mid + 1;
    }
    return this.events.slice(lo);
  }

  reset(floor: number): void {
    this.events = [];
    this.start = 0;
    this.floorRev = floor;
  }

  private dropTo(index: number): void {
    if (index <= this.start) return;
    this.floorRev = Math.max(this.floorRev, this.events[index - 1]!.revision);
    this.start = index;
    // Reclaim the dead prefix in bulk so trimming stays O(1) amortised.
    if (this.start > 1024 && this.start * 2 > this.events.length) {
      this.events = this.events.slice(this.start);
      this.start = 0;
    }
  }
}
