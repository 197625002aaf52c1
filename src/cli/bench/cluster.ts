// Whole-cluster benchmarks (issue 3): Deployments scaled to thousands of pods on a simulated
// cluster running virtual time as fast as possible. Everything is in-process and single-threaded:
// the wall time is the CPU cost of the control plane, the apiserver and the kubelets together.
import { performance } from 'node:perf_hooks';
import { createCluster, type Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../api/types';

export interface ClusterRunOptions {
  nodes: number;
  deployments: number;
  replicas: number;
  /** give up after this much virtual time */
  maxVirtualMs?: number;
  seed?: number;
}

export interface ClusterRunResult {
  nodes: number;
  pods: number;
  converged: boolean;
  /** wall ms: building the cluster (bootstrap, nodes registering) */
  setupMs: number;
  /** wall ms: from the first Deployment create until every Deployment is fully available */
  wallMs: number;
  /** CPU ms (user + system) this process used in that span: wall time minus waiting for a core */
  cpuMs: number;
  /** virtual ms the same span took on the cluster's clock */
  virtualMs: number;
  /** pods bound by the scheduler during the run */
  scheduled: number;
  /** wall ms from the first to the last bind */
  bindSpanMs: number;
  /** wall ms spent inside the scheduler's own work (scheduling cycles, binds included) */
  schedulerBusyMs: number;
  /** apiserver requests served by the in-cluster clients during the run */
  requests: number;
  storeObjects: Record<string, number>;
  heapUsedBytes: number;
  gcAvailable: boolean;
}

function deployment(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    },
  } as KubeObject;
}

function fullyAvailable(c: Cluster, names: string[], replicas: number): boolean {
  for (const n of names) {
    const d = c.store.get('deployments.apps', 'default', n);
    const s = d?.status as { readyReplicas?: number; availableReplicas?: number; updatedReplicas?: number } | undefined;
    if (!s || s.readyReplicas !== replicas || s.availableReplicas !== replicas) return false;
  }
  return true;
}

/** Every DaemonSet with a ready pod of its current template on each node it wants, and every node Ready. */
function bootstrapped(c: Cluster): boolean {
  // Checked after every timer: the few DaemonSets first, the nodes only once those are done.
  const daemons = c.store.list('daemonsets.apps').items.every((ds) => {
    const s = (ds.status ?? {}) as { desiredNumberScheduled?: number; numberReady?: number; updatedNumberScheduled?: number; observedGeneration?: number };
    const want = s.desiredNumberScheduled ?? 0;
    return s.observedGeneration === ds.metadata.generation && want > 0 && s.numberReady === want && s.updatedNumberScheduled === want;
  });
  if (!daemons) return false;
  const nodes = c.store.list('nodes').items;
  return nodes.every((n) => (n.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'));
}

export function heapUsed(): { bytes: number; gc: boolean } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return { bytes: process.memoryUsage().heapUsed, gc: !!gc };
}

/** Creates the Deployments on a fresh cluster and runs virtual time until all are available. */
export function runClusterBench(o: ClusterRunOptions): ClusterRunResult {
  let t0 = performance.now();
  const c = createCluster({ nodes: o.nodes, seed: o.seed ?? 1 });
  // Let the nodes register and become Ready, and the node agents' DaemonSet pods (kube-proxy)
  // start on every node, before the clock starts: the run measures the Deployments' pods, not
  // the cluster's own start-up (which otherwise overlaps the run on large clusters).
  c.runUntil(() => false, 1000);
  c.runUntil(() => bootstrapped(c), 120_000);
  const setupMs = performance.now() - t0;

  const comps = c.components!;
  let scheduled = 0;
  let firstBind = 0;
  let lastBind = 0;
  const off = comps.scheduler.onDecision((d) => {
    if (d.result !== 'Scheduled') return;
    const now = performance.now();
    if (scheduled++ === 0) firstBind = now;
    lastBind = now;
  });
  // Scheduler busy time: the scheduler runs its queue in a zero-delay clock task; time every
  // clock task that the scheduler itself set (see schedulerTask below).
  const busy = instrumentScheduler(c);

  let requests = 0;
  const api = c.api;
  const origHandle = api.handle.bind(api);
  api.handle = (req) => {
    requests++;
    return origHandle(req);
  };

  const names = Array.from({ length: o.deployments }, (_, i) => (o.deployments === 1 ? 'web' : `web-${i}`));
  const v0 = c.clock.now();
  const cpu0 = process.cpuUsage();
  t0 = performance.now();
  for (const n of names) {
    const res = c.api.handle({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment(n, o.replicas) });
    if (res.status !== 201) throw new Error(`creating deployment ${n}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  }
  const converged = c.runUntil(() => fullyAvailable(c, names, o.replicas), o.maxVirtualMs ?? 600_000);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const virtualMs = c.clock.now() - v0;
  off();
  api.handle = origHandle;
  busy.stop();

  // Heap with the converged cluster alive (it is used again below, so it cannot be collected).
  const heap = heapUsed();
  const storeObjects: Record<string, number> = {};
  for (const r of c.store.resources()) storeObjects[r] = c.store.count(r);
  return {
    nodes: o.nodes,
    pods: o.deployments * o.replicas,
    converged,
    setupMs,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    virtualMs,
    scheduled,
    bindSpanMs: lastBind - firstBind,
    schedulerBusyMs: busy.ms(),
    requests,
    storeObjects,
    heapUsedBytes: heap.bytes,
    gcAvailable: heap.gc,
  };
}

/**
 * Measures the wall time of the scheduler's scheduling cycles by timing the span of every
 * Scheduled/failed decision: from the previous decision (or the start of the clock task that
 * ran it) to the decision itself. The scheduler's queue drains in one clock task, so the busy
 * time is the sum, over those tasks, of (last decision - task start).
 */
function instrumentScheduler(c: Cluster): { ms(): number; stop(): void } {
  const clock = c.clock as unknown as { after(ms: number, fn: () => void): unknown };
  const orig = clock.after;
  let total = 0;
  let taskStart = 0;
  let lastDecision = 0;
  let inTask = false;
  const off = c.components!.scheduler.onDecision(() => {
    if (inTask) lastDecision = performance.now();
  });
  // Clock tasks are set by everyone; the scheduler's are the ones created from inside its kick
  // (a zero-delay task whose run produces decisions). Timing every zero-delay task and keeping
  // only the spans that produced decisions attributes exactly the scheduler's cycles.
  clock.after = function (this: unknown, ms: number, fn: () => void) {
    // Only zero-delay tasks can be the scheduler's: the others (the kubelets' stage timers, the
    // bulk of all timers) run unwrapped, so the instrument does not weigh on what it measures.
    if (ms !== 0) return orig.call(this, ms, fn);
    return orig.call(this, ms, () => {
      const outer = inTask;
      const saveStart = taskStart;
      const saveLast = lastDecision;
      inTask = true;
      taskStart = performance.now();
      lastDecision = 0;
      try {
        fn();
      } finally {
        if (lastDecision) total += lastDecision - taskStart;
        inTask = outer;
        taskStart = saveStart;
        lastDecision = saveLast;
      }
    });
  };
  return {
    ms: () => total,
    stop: () => {
      clock.after = orig;
      off();
    },
  };
}
