// The cluster view's update time at scale: mounts ClusterView in the current page against a fake
// client holding N pods on M nodes (owned by a few Deployments), then feeds watch batches that
// change some pods' status (and add/delete a few) and times each update from the feed's flush to
// the DOM patched and laid out (apply + snapshot + Svelte's keyed each + forced layout).
// `await benchClusterView()` in the browser console of any page that imports it, or through the
// production-build bench, tests/e2e/clusterview-bench.test.ts, which prints the figures.
import { flushSync, mount, unmount } from 'svelte';
import type { ApiRequest, ApiResponse } from '../../api/client';
import ClusterView from './ClusterView.svelte';
import { RESOURCES, type AnyObject } from './model';
import type { ClusterClient } from './feed';

export interface BenchOptions {
  pods?: number;
  nodes?: number;
  deployments?: number;
  rounds?: number;
  /** pods whose status changes in each batch */
  changesPerRound?: number;
}

export interface BenchResult {
  pods: number;
  nodes: number;
  rounds: number;
  changesPerRound: number;
  firstRenderMs: number;
  /** medians of the parts: the model (apply + snapshot), and all script (model + Svelte's DOM patch) before layout */
  jsMedianMs: number;
  /** p95 of the script part alone (what is left of p95Ms is style and layout) */
  jsP95Ms: number;
  modelMedianMs: number;
  modelP95Ms: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  method: string;
}

let rv = 1000;
const ALPHA = 'bcdfghjklmnpqrstvwxz2456789';
const suffix = (i: number) => Array.from({ length: 5 }, (_, k) => ALPHA[Math.floor(i / ALPHA.length ** k) % ALPHA.length]).join('');

function podObject(i: number, node: string, dep: number, running: boolean): AnyObject {
  const rs = `app${dep}-7c5ddbdf54`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${rs}-${suffix(i)}`,
      namespace: 'default',
      uid: `pod-${i}`,
      resourceVersion: String(++rv),
      ownerReferences: [{ kind: 'ReplicaSet', name: rs, uid: `rs-${dep}`, controller: true }],
    },
    spec: { nodeName: node, containers: [{ name: 'app', image: 'nginx:1.27' }] },
    status: running
      ? { phase: 'Running', podIP: `10.244.${i % 250}.${(i >> 8) + 2}`, containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } }] }
      : { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: '', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } }] },
  };
}

function fixture(o: Required<BenchOptions>) {
  const nodes: AnyObject[] = Array.from({ length: o.nodes }, (_, i) => ({
    kind: 'Node',
    metadata: { name: `node${String(i + 1).padStart(2, '0')}`, uid: `node-${i}`, resourceVersion: String(++rv) },
    spec: {},
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  }));
  const deployments: AnyObject[] = [];
  const replicasets: AnyObject[] = [];
  const per = Math.ceil(o.pods / o.deployments);
  for (let d = 0; d < o.deployments; d++) {
    deployments.push({ kind: 'Deployment', metadata: { name: `app${d}`, namespace: 'default', uid: `dep-${d}`, resourceVersion: String(++rv) }, spec: { replicas: per }, status: { readyReplicas: per } });
    replicasets.push({
      kind: 'ReplicaSet',
      metadata: { name: `app${d}-7c5ddbdf54`, namespace: 'default', uid: `rs-${d}`, resourceVersion: String(++rv), ownerReferences: [{ kind: 'Deployment', name: `app${d}`, uid: `dep-${d}`, controller: true }] },
      spec: { replicas: per },
      status: { readyReplicas: per },
    });
  }
  const pods = Array.from({ length: o.pods }, (_, i) => podObject(i, nodes[i % o.nodes].metadata!.name!, i % o.deployments, true));
  return { nodes, deployments, replicasets, pods, services: [] as AnyObject[], endpointslices: [] as AnyObject[], events: [] as AnyObject[] };
}

export async function benchClusterView(options: BenchOptions = {}): Promise<BenchResult> {
  const o: Required<BenchOptions> = { pods: 1000, nodes: 10, deployments: 10, rounds: 40, changesPerRound: 20, ...options };
  const data = fixture(o);
  const watchers = new Map<string, (ev: { type: string; object: unknown }) => void>();
  const client: ClusterClient = {
    async api(req: ApiRequest): Promise<ApiResponse> {
      const name = (Object.keys(RESOURCES) as (keyof typeof RESOURCES)[]).find((k) => RESOURCES[k] === req.path);
      return { status: 200, contentType: 'application/json', body: { items: name ? data[name] : [], metadata: { resourceVersion: String(rv) } } };
    },
    watch(req, onEvent) {
      watchers.set(req.path, onEvent);
      return () => watchers.delete(req.path);
    },
  };
  let pending: (() => void) | undefined;
  const target = document.createElement('div');
  target.style.cssText = 'position:fixed;left:0;top:0;width:1280px;height:800px;overflow:hidden;opacity:0.01;pointer-events:none;z-index:-1';
  document.body.appendChild(target);
  const modelTimes: number[] = [];
  const view = mount(ClusterView, { target, props: { client, feedOptions: { schedule: (f: () => void) => (pending = f) }, onupdate: (ms: number) => modelTimes.push(ms) } });
  try {
    for (let i = 0; i < 50 && watchers.size < 6; i++) await new Promise((r) => setTimeout(r, 0));
    const jsTimes: number[] = [];
    const time = (f: () => void) => {
      const t0 = performance.now();
      f();
      pending?.();
      pending = undefined;
      flushSync();
      jsTimes.push(performance.now() - t0);
      void target.offsetHeight; // style and layout
      return performance.now() - t0;
    };
    const firstRenderMs = time(() => {});
    const podWatch = watchers.get(RESOURCES.pods)!;
    const samples: number[] = [];
    let next = o.pods;
    for (let r = 0; r < o.rounds; r++) {
      samples.push(
        time(() => {
          for (let k = 0; k < o.changesPerRound; k++) {
            const i = (r * o.changesPerRound + k * 37) % o.pods;
            const old = data.pods[i];
            const running = (old.status as { phase?: string }).phase !== 'Running';
            const p = podObject(i, (old.spec as { nodeName: string }).nodeName, i % o.deployments, running);
            data.pods[i] = p;
            podWatch({ type: 'MODIFIED', object: p });
          }
          // churn: one pod goes, one comes
          const gone = data.pods[(r * 7) % data.pods.length];
          podWatch({ type: 'DELETED', object: gone });
          const fresh = podObject(next++, data.nodes[r % o.nodes].metadata!.name!, r % o.deployments, false);
          data.pods[(r * 7) % data.pods.length] = fresh;
          podWatch({ type: 'ADDED', object: fresh });
        }),
      );
    }
    samples.sort((a, b) => a - b);
    modelTimes.shift();
    jsTimes.shift();
    jsTimes.sort((a, b) => a - b);
    modelTimes.sort((a, b) => a - b);
    const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      pods: o.pods,
      nodes: o.nodes,
      rounds: o.rounds,
      changesPerRound: o.changesPerRound,
      firstRenderMs: round(firstRenderMs),
      jsMedianMs: round(jsTimes[Math.floor(jsTimes.length / 2)] ?? 0),
      jsP95Ms: round(jsTimes[Math.min(jsTimes.length - 1, Math.floor(0.95 * jsTimes.length))] ?? 0),
      modelMedianMs: round(modelTimes[Math.floor(modelTimes.length / 2)] ?? 0),
      modelP95Ms: round(modelTimes[Math.min(modelTimes.length - 1, Math.floor(0.95 * modelTimes.length))] ?? 0),
      medianMs: round(q(0.5)),
      p95Ms: round(q(0.95)),
      maxMs: round(samples[samples.length - 1]),
      method: `ClusterView mounted with ${o.pods} pods on ${o.nodes} nodes in ${o.deployments} deployments (each pod drawn twice: in its node and under its ReplicaSet); each round feeds one watch batch (${o.changesPerRound} pod status changes, 1 delete, 1 add) and times flush → model apply → snapshot → Svelte flushSync → forced layout; ${o.rounds} rounds`,
    };
  } finally {
    unmount(view);
    target.remove();
  }
}
