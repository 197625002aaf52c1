// createCluster wires the store, the apiserver and (from the next issue on) the controllers,
// scheduler and nodes onto one virtual clock and one seeded random source.
import { Store } from './store/store';
import { VirtualClock } from './machinery/clock';
import { Rand } from './machinery/rand';
import { ApiServer } from './apiserver/server';
import { strategies, fallbackStrategy } from './apiserver/registry';
import { bootstrap } from './bootstrap';
import { topologyNodes } from './topology';

export interface ClusterOptions {
  seed?: number;
  /** Virtual start time, ms since the epoch. */
  start?: number;
  topology?: string;
  /** Number of worker nodes in the default topology. */
  nodes?: number;
  /** Start empty: no namespaces, nodes or services (tests that load fixtures). */
  empty?: boolean;
}

export interface Cluster {
  api: ApiServer;
  store: Store;
  clock: VirtualClock;
  rand: Rand;
  snapshot(): ClusterSnapshot;
}

export interface ClusterSnapshot {
  version: 1;
  now: number;
  store: unknown;
}

export const DEFAULT_START = Date.UTC(2026, 10, 23, 9, 0, 0);

export function createCluster(opts: ClusterOptions = {}): Cluster {
  const clock = new VirtualClock(opts.start ?? DEFAULT_START);
  const rand = new Rand(opts.seed ?? 1);
  const store = new Store();
  const api = new ApiServer({ store, clock, rand, strategies, fallbackStrategy });
  if (!opts.empty) bootstrap(api, topologyNodes(opts.topology, opts.nodes), clock.rfc3339(), (n) => rand.hex(n));
  return {
    api,
    store,
    clock,
    rand,
    snapshot: () => ({ version: 1, now: clock.now(), store: store.snapshot() }),
  };
}

/** Rebuilds a cluster from a snapshot: same objects, revisions and virtual time. */
export function restoreCluster(snap: ClusterSnapshot, opts: ClusterOptions = {}): Cluster {
  const c = createCluster({ ...opts, empty: true, start: snap.now });
  c.store.restore(snap.store as Parameters<Store['restore']>[0]);
  return c;
}
