// createCluster wires the store, the apiserver, the controllers, the scheduler and the nodes
// onto one virtual clock and one seeded random source.
import { Store } from './store/store';
import { VirtualClock } from './machinery/clock';
import { Rand } from './machinery/rand';
import { ApiServer } from './apiserver/server';
import { strategies, fallbackStrategy } from './apiserver/registry';
import { bootstrap } from './bootstrap';
import { topologyNodes } from './topology';
import { createControllerContext, type ControllerContext } from './controllers/context';
import type { EventListener } from './machinery/events';
import { startReplicaSetController, startReplicationManager } from './controllers/replicaset';
import { startDeploymentController } from './controllers/deployment';
import { startDaemonSetController } from './controllers/daemonset';
import { startGarbageCollector } from './controllers/garbagecollector';
import { startNamespaceController } from './controllers/namespace';
import { startServiceAccountController } from './controllers/serviceaccount';
import { startEndpointsController } from './controllers/endpoints/controller';
import { startEndpointSliceController } from './controllers/endpointslice/controller';
import { startHorizontalController } from './controllers/podautoscaler';
import { startScheduler, type Scheduler } from './scheduler';
import { startNodeLifecycleController, type NodeLifecycleController } from './controllers/nodelifecycle';
import { createNetwork, type Network } from './network';
import { startNodes, type NodeFleet } from './node';
import type { NodeSpec } from './topology';

export interface ClusterOptions {
  seed?: number;
  /** Virtual start time, ms since the epoch. */
  start?: number;
  topology?: string;
  /** Number of worker nodes in the default topology. */
  nodes?: number;
  /** Start empty: no namespaces, nodes or services (tests that load fixtures). */
  empty?: boolean;
  /** false: the apiserver alone, with nothing acting on objects (API machinery tests). */
  controllers?: boolean;
  /** Told about every Event a component records (the flow timeline). */
  onEvent?: EventListener;
  /** etcd's --quota-backend-bytes for the store (estimated bytes; store/quota.ts has the default). */
  quotaBackendBytes?: number;
  /**
   * Leave the components unstarted until start() (the browser's worker shows the first prompt
   * first). The caller must call start() before anything else reads, writes or advances the
   * cluster: nothing happens in between, so the cluster is then the same as an undeferred one.
   */
  deferStart?: boolean;
}

export interface Cluster {
  api: ApiServer;
  store: Store;
  clock: VirtualClock;
  rand: Rand;
  /** Present when controllers run. */
  components?: {
    ctx: ControllerContext;
    network: Network;
    scheduler: Scheduler;
    nodeLifecycle: NodeLifecycleController;
    nodes: NodeFleet;
  };
  snapshot(): ClusterSnapshot;
  /** Starts the components (controllers, scheduler, kubelets) and settles; done once. */
  start(): void;
  /** Runs timers due now (work queued by the last request). */
  settle(): void;
  /** Advances virtual time by ms, running every timer on the way. */
  advance(ms: number): void;
  /** Advances time until pred() holds (checked after each timer) or maxMs passes; returns pred(). */
  runUntil(pred: () => boolean, maxMs: number): boolean;
}

export interface ClusterSnapshot {
  version: 1;
  now: number;
  seed: number;
  options: Pick<ClusterOptions, 'topology' | 'nodes'>;
  store: unknown;
}

export const DEFAULT_START = Date.UTC(2026, 10, 23, 9, 0, 0);

function wire(api: ApiServer, clock: VirtualClock, rand: Rand, opts: ClusterOptions, nodeSpecs: NodeSpec[]): Cluster['components'] {
  const ctx = createControllerContext(api, clock, rand, opts.onEvent);
  startReplicaSetController(ctx);
  startReplicationManager(ctx);
  startDeploymentController(ctx);
  startDaemonSetController(ctx);
  startGarbageCollector(ctx);
  startNamespaceController(ctx);
  startServiceAccountController(ctx);
  startEndpointsController(ctx);
  startEndpointSliceController(ctx);
  startHorizontalController(ctx);
  const scheduler = startScheduler(ctx);
  const nodeLifecycle = startNodeLifecycleController(ctx);
  const nodes = startNodes(ctx, nodeSpecs);
  const network = createNetwork(ctx, nodes.runtime);
  nodes.setNetwork(network);
  api.setHooks({ log: nodes.hooks.log, exec: nodes.hooks.exec, attach: nodes.hooks.attach, proxy: network.proxyHook });
  ctx.informers.start();
  return { ctx, network, scheduler, nodeLifecycle, nodes };
}

function build(store: Store, clock: VirtualClock, rand: Rand, opts: ClusterOptions, fresh: boolean, seed: number): Cluster {
  const api = new ApiServer({ store, clock, rand, strategies, fallbackStrategy });
  const nodeSpecs = opts.empty ? [] : topologyNodes(opts.topology, opts.nodes);
  if (fresh && !opts.empty) bootstrap(api, nodeSpecs, clock.rfc3339(), (n) => rand.hex(n), () => rand.nameSuffix(5));
  let started = false;
  const cluster: Cluster = {
    api,
    store,
    clock,
    rand,
    start() {
      if (started) return;
      started = true;
      if (opts.controllers !== false) cluster.components = wire(api, clock, rand, opts, nodeSpecs);
      cluster.settle();
    },
    snapshot: () => ({ version: 1, now: clock.now(), seed, options: { topology: opts.topology, nodes: opts.nodes }, store: store.snapshot() }),
    // Bounded, so a runaway (zero-delay work that never ends) cannot hold a request forever.
    settle: () => void clock.runDue(writesBudget(store, SETTLE_WRITES)),
    advance: (ms) => void clock.advance(ms),
    runUntil(pred, maxMs) {
      const end = clock.now() + maxMs;
      clock.runDue();
      while (!pred()) {
        const next = clock.nextAt();
        if (next === undefined || next > end) {
          clock.advanceTo(end);
          return pred();
        }
        clock.advanceTo(next);
      }
      return true;
    },
  };
  if (!opts.deferStart) cluster.start();
  return cluster;
}

/** Store writes after which settle() stops; what is left runs at the next step (VirtualClock.advanceTo). */
export const SETTLE_WRITES = 2_000;

/** A stop condition for VirtualClock.advanceTo: `writes` store revisions have passed. */
export function writesBudget(store: Store, writes: number): () => boolean {
  const from = store.revision();
  return () => store.revision() - from >= writes;
}

export function createCluster(opts: ClusterOptions = {}): Cluster {
  const seed = opts.seed ?? 1;
  return build(new Store({ quotaBackendBytes: opts.quotaBackendBytes }), new VirtualClock(opts.start ?? DEFAULT_START), new Rand(seed), opts, true, seed);
}

/** Rebuilds a cluster from a snapshot: same objects, revisions and virtual time. */
export function restoreCluster(snap: ClusterSnapshot, opts: ClusterOptions = {}): Cluster {
  const seed = snap.seed ?? opts.seed ?? 1;
  // A restored cluster draws new randomness: the seed plus the revision keeps it deterministic.
  const store = Store.restore(snap.store as Parameters<typeof Store.restore>[0], { quotaBackendBytes: opts.quotaBackendBytes });
  return build(store, new VirtualClock(snap.now), new Rand(seed + store.revision()), { ...snap.options, ...opts }, false, seed);
}
