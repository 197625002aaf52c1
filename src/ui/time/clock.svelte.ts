// The UI's view of the worker's virtual clock: the last state the worker reported, extrapolated
// in real time times the speed between polls, so the shown time moves smoothly and the timeline
// can stamp lines. One per client (TimeControls and the timeline share it).
export interface ClockState {
  virtualNow: number;
  speed: number;
  paused: boolean;
}

export interface ClockClient {
  clock(action: 'pause' | 'play' | 'advance', opts?: { speed?: number; ms?: number }): Promise<ClockState | undefined>;
}

export class VirtualClock {
  state = $state<ClockState & { known: boolean }>({ virtualNow: 0, speed: 1, paused: false, known: false });
  /** real time (performance.now) when `state` was reported */
  private at = 0;
  /** bumped by the ticker so `display` re-derives */
  tick = $state(0);
  private timer: ReturnType<typeof setInterval> | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;
  private users = 0;

  constructor(private client: ClockClient) {}

  /** Virtual now, extrapolated. */
  now(): number {
    const s = this.state;
    if (!s.known) return 0;
    return s.paused ? s.virtualNow : s.virtualNow + Math.round((performance.now() - this.at) * s.speed);
  }

  /** `sent`: when the request left; the worker's reading is taken as of the round trip's midpoint */
  private accept(s: ClockState | undefined, sent = performance.now()) {
    if (!s) return;
    this.at = (sent + performance.now()) / 2;
    this.state = { virtualNow: s.virtualNow, speed: s.speed, paused: s.paused, known: true };
  }

  /** Reads the worker's clock (an advance by nothing). */
  async refresh(): Promise<void> {
    const sent = performance.now();
    this.accept(await this.client.clock('advance', {}), sent);
  }

  async pause() {
    const sent = performance.now();
    this.accept(await this.client.clock('pause'), sent);
  }
  async play(speed: number) {
    const sent = performance.now();
    this.accept(await this.client.clock('play', { speed }), sent);
  }
  async advance(ms: number) {
    const sent = performance.now();
    this.accept(await this.client.clock('advance', { ms }), sent);
  }

  /** Starts polling and ticking while someone shows the clock; returns the release function. */
  use(pollMs = 1000, tickMs = 250): () => void {
    if (this.users++ === 0) {
      void this.refresh();
      this.poller = setInterval(() => void this.refresh(), pollMs);
      this.timer = setInterval(() => (this.tick = (this.tick + 1) % 1_000_000), tickMs);
    }
    return () => {
      if (--this.users === 0) {
        clearInterval(this.poller);
        clearInterval(this.timer);
      }
    };
  }
}

const clocks = new WeakMap<object, VirtualClock>();

export function clockFor(client: ClockClient): VirtualClock {
  let c = clocks.get(client);
  if (!c) clocks.set(client, (c = new VirtualClock(client)));
  return c;
}
