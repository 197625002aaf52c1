// What every request handler shares: the store, the clock, the seeded random source, the
// per-kind strategies and the node hooks.
import type { ApiRequest, ApiResponse, StreamSink, StreamSubscription } from '../../api/client';
import type { KubeObject } from '../../api/types';
import type { ResourceInfo } from '../../api/registry';
import type { Store } from '../store/store';
import type { VirtualClock } from '../machinery/clock';
import type { Rand } from '../machinery/rand';
import type { Strategy, StrategyContext } from './registry/types';

/** Served by the simulated nodes (issue: the cluster comes alive); absent in a bare apiserver. */
export interface NodeHooks {
  log?(pod: KubeObject, query: Record<string, string>, sink?: StreamSink): ApiResponse | StreamSubscription;
  exec?(pod: KubeObject, query: Record<string, string>, sink?: StreamSink): ApiResponse | StreamSubscription;
  attach?(pod: KubeObject, query: Record<string, string>, sink?: StreamSink): ApiResponse | StreamSubscription;
  proxy?(target: { kind: 'pods' | 'services' | 'nodes'; object: KubeObject; port?: string; scheme?: string }, rest: string, req: ApiRequest): ApiResponse;
}

/** Observes every committed write (flow timeline, persistence, metrics). */
export type WriteObserver = (ev: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; resource: string; object: KubeObject; request?: ApiRequest }) => void;

export interface ServerContext {
  store: Store;
  clock: VirtualClock;
  rand: Rand;
  strategyFor(r: ResourceInfo): Strategy;
  hooks: NodeHooks;
  serverAddress: string;
}

// One StrategyContext per server and dry-run flag: every write needs one, and it holds nothing
// per request.
const strategyContexts = new WeakMap<ServerContext, [StrategyContext, StrategyContext]>();

export function strategyContext(ctx: ServerContext, dryRun: boolean): StrategyContext {
  let pair = strategyContexts.get(ctx);
  if (!pair) strategyContexts.set(ctx, (pair = [newStrategyContext(ctx, false), newStrategyContext(ctx, true)]));
  return pair[dryRun ? 1 : 0];
}

function newStrategyContext(ctx: ServerContext, dryRun: boolean): StrategyContext {
  return {
    now: () => ctx.clock.rfc3339(),
    rand: ctx.rand,
    get: (resource, namespace, name) => ctx.store.get(resource, namespace, name),
    list: (resource, namespace) => ctx.store.list(resource, { namespace }).items,
    dryRun,
  };
}
