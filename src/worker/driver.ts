// Running one shell line while virtual time moves: as fast as possible (scripts, tests) or at
// real time times a speed (the browser). A line that would wait forever is interrupted after a
// bound of virtual time, as a learner would press Ctrl-C.
import { Controller, type OutputStream, type InputStream } from '../shell';
import type { Playground } from './playground';
import { writesBudget } from '../cluster/cluster';

export interface RunLineOptions {
  stdout: OutputStream;
  stderr?: OutputStream;
  stdin?: InputStream;
  /** Interrupt after this much virtual time (default one hour). */
  maxVirtualMs?: number;
  /** Lets the host's event loop run between steps. */
  tick?: () => Promise<void>;
  controller?: Controller;
}

/**
 * Store writes per step before the line gets a turn again: zero-delay work that never ends (a
 * Deployment scaled to millions, until the store's quota stops it) must not starve the line.
 */
const STEP_WRITES = 2_000;

const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

/** Runs a line, jumping virtual time to the next timer whenever the line is waiting. */
export async function runFast(pg: Playground, line: string, o: RunLineOptions): Promise<number> {
  const controller = o.controller ?? new Controller();
  const clock = pg.cluster.clock;
  const limit = clock.now() + (o.maxVirtualMs ?? 3600_000);
  let done = false;
  const p = pg.shell.run(line, { stdout: o.stdout, stderr: o.stderr, stdin: o.stdin, signal: controller.signal }).finally(() => (done = true));
  const tick = o.tick ?? macrotask;
  let idle = 0;
  while (!done) {
    await tick();
    if (done) break;
    // Give promise chains a few turns before deciding the line waits on time.
    if (++idle < 3) continue;
    idle = 0;
    if (clock.now() >= limit || !clock.step(writesBudget(pg.cluster.store, STEP_WRITES))) {
      controller.abort();
      await tick();
      if (!done && !clock.step(writesBudget(pg.cluster.store, STEP_WRITES))) break;
    }
  }
  return p;
}
