// flowcontrol's token bucket on the virtual clock: `qps` tokens a second, a burst of one, full at
// the start; qps 0 never admits (the limiter swapped in during full disruption).
import type { VirtualClock } from '../../machinery/clock';

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: VirtualClock,
    readonly qps: number,
    private readonly burst = 1,
  ) {
    this.tokens = qps > 0 ? burst : 0;
    this.last = clock.now();
  }

  tryAccept(): boolean {
    if (this.qps <= 0) return false;
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
