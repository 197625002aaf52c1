// A sandbox's pending stages: at most one per track (`pod`, `c:<name>`, `r:<name>`, `l:<name>`),
// each with the timer that fires it. A handful per sandbox, added and removed on nearly every
// sync: a small array searched by key (the keys are the containers' own strings) costs less
// than a Map, whose table is rebuilt when it shrinks to empty.
import type { Timer } from '../machinery/clock';
import type { ContainerRt } from './sandbox';
import type { Stage } from './stages';

/** One pending stage of a track and what its timer fires it with. */
export class PendingStage {
  timer!: Timer;
  constructor(
    readonly track: string,
    readonly stage: Stage,
    readonly c: ContainerRt | undefined,
    /** The stage continues the SyncPod in progress (Stage.inSync). */
    readonly inSync: boolean,
  ) {}
}

export class PendingStages {
  private items: PendingStage[] = [];

  get size(): number {
    return this.items.length;
  }

  get(track: string): PendingStage | undefined {
    const items = this.items;
    for (let i = 0; i < items.length; i++) if (items[i].track === track) return items[i];
    return undefined;
  }

  has(track: string): boolean {
    return this.get(track) !== undefined;
  }

  add(p: PendingStage): void {
    this.items.push(p);
  }

  /** Removes that entry (the order of the rest is of no consequence). */
  remove(p: PendingStage): void {
    const items = this.items;
    const i = items.indexOf(p);
    if (i < 0) return;
    const last = items.pop()!;
    if (i < items.length) items[i] = last;
  }

  /** Keeps the entries `keep` holds for (given `arg`); cancels and drops the others. */
  retain<A>(keep: (p: PendingStage, arg: A) => boolean, arg: A): void {
    const items = this.items;
    let n = 0;
    for (let i = 0; i < items.length; i++) {
      const p = items[i];
      if (keep(p, arg)) items[n++] = p;
      else p.timer.cancel();
    }
    items.length = n;
  }

  /** Cancels every timer and forgets them. */
  cancelAll(): void {
    for (const p of this.items) p.timer.cancel();
    this.items.length = 0;
  }

  /** A stage of the SyncPod in progress (a pull or start that follows without a report) is due. */
  anyInSync(): boolean {
    for (const p of this.items) if (p.inSync) return true;
    return false;
  }

  values(): readonly PendingStage[] {
    return this.items;
  }
}
