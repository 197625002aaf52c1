// ControllerExpectations (controller_utils.go): a controller that just asked for N creations or
// deletions waits for its informer to observe them before acting on the same owner again, so a
// stale cache never makes it create twice. Expectations expire after 5 minutes as upstream's TTL.
import type { VirtualClock } from './clock';

const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  at: number;
  /** UIDs expected to disappear (UIDTrackingControllerExpectations). */
  deleting: Set<string>;
}

export class Expectations {
  private map = new Map<string, Expectation>();
  constructor(private readonly clock: VirtualClock) {}

  satisfied(key: string): boolean {
    const e = this.map.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.at > EXPECTATIONS_TTL_MS;
  }

  expectCreations(key: string, n: number): void {
    this.map.set(key, { add: n, del: 0, at: this.clock.now(), deleting: new Set() });
  }

  expectDeletions(key: string, uids: string[]): void {
    this.map.set(key, { add: 0, del: uids.length, at: this.clock.now(), deleting: new Set(uids) });
  }

  creationObserved(key: string): void {
    const e = this.map.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string, uid?: string): void {
    const e = this.map.get(key);
    if (!e) return;
    if (uid !== undefined) {
      if (!e.deleting.delete(uid)) return;
    }
    e.del--;
  }

  /** A create or delete that failed will never be observed. */
  lowerExpectations(key: string, add: number, del: number): void {
    const e = this.map.get(key);
    if (!e) return;
    e.add -= add;
    e.del -= del;
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}
