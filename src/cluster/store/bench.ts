// Store micro-benchmark at realistic playground scale: 100,000 pods in 100 namespaces.
// Reported as strings so the CLI (`kubeplay bench`) can print them as they are.
import type { KubeObject } from '../../api/types';
import type { LabelSelector } from '../../api/selector-types';
import { Store } from './store';

// lib is ES2023 only: declare just the clock we use (present in Node and browsers).
const perf = (globalThis as unknown as { performance: { now(): number } }).performance;

export interface BenchOptions {
  objects?: number;
  namespaces?: number;
}

function pod(i: number, namespaces: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `pod-${i}`,
      namespace: `ns-${i % namespaces}`,
      uid: `uid-${i}`,
      labels: { app: `app${Math.floor(i / namespaces) % 100}`, tier: i % 3 === 0 ? 'frontend' : 'backend' },
    },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], nodeName: `node-${i % 10}` },
    status: { phase: 'Running' },
  };
}

function eq(key: string, value: string): LabelSelector {
  return { requirements: [{ key, operator: '=', values: [value] }] };
}

/** Average milliseconds of `fn` over `runs` runs. */
function timeMs(runs: number, fn: () => unknown): number {
  const t0 = perf.now();
  for (let i = 0; i < runs; i++) fn();
  return (perf.now() - t0) / runs;
}

const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
const ms = (v: number): string => `${v.toFixed(3)} ms`;

export function benchStore(opts: BenchOptions = {}): Record<string, string> {
  const n = opts.objects ?? 100_000;
  const nss = opts.namespaces ?? 100;
  const store = new Store({ historyLimit: 10_000 });
  const out: Record<string, string> = { objects: String(n), namespaces: String(nss) };

  const pods = Array.from({ length: n }, (_, i) => pod(i, nss));
  let t0 = perf.now();
  for (const p of pods) store.create('pods', p);
  out['create'] = rate(n, perf.now() - t0);

  const updates = Math.min(n, 20_000);
  t0 = perf.now();
  for (let i = 0; i < updates; i++) {
    const p = pods[i]!;
    store.update('pods', { ...p, status: { phase: 'Running', podIP: `10.244.0.${i % 250}` } });
  }
  out['update'] = rate(updates, perf.now() - t0);

  const examined = (fn: () => unknown): number => {
    const before = store.stats.listExamined;
    fn();
    return store.stats.listExamined - before;
  };
  const selNs = { namespace: 'ns-7', labelSelector: eq('app', 'app7') };
  const selAll = { labelSelector: eq('app', 'app7') };
  out['list app=app7 in one namespace'] = `${ms(timeMs(200, () => store.list('pods', selNs)))} (examined ${examined(() => store.list('pods', selNs))})`;
  out['list app=app7 cluster-wide'] = `${ms(timeMs(50, () => store.list('pods', selAll)))} (examined ${examined(() => store.list('pods', selAll))})`;
  out['list namespace ns-7'] = ms(timeMs(200, () => store.list('pods', { namespace: 'ns-7' })));
  out['list all pods'] = ms(timeMs(3, () => store.list('pods')));
  const notIn: LabelSelector = { requirements: [{ key: 'tier', operator: 'notin', values: ['frontend'] }] };
  out['list tier notin (frontend) cluster-wide (scan)'] = ms(timeMs(3, () => store.list('pods', { labelSelector: notIn })));

  // Fan-out: 1,000 watchers on other resources must cost nothing for pod writes.
  const handles = [];
  for (let i = 0; i < 1000; i++) handles.push(store.watch(`widgets${i % 50}`, { sendInitialEvents: false }, () => {}));
  let delivered = 0;
  for (let i = 0; i < 10; i++) {
    handles.push(store.watch('pods', { sendInitialEvents: false, labelSelector: eq('app', `app${i}`) }, () => delivered++));
  }
  const writes = Math.min(n, 5000);
  store.stats.watchersVisited = 0;
  t0 = perf.now();
  for (let i = 0; i < writes; i++) {
    const p = pods[i]!;
    store.update('pods', { ...p, status: { phase: 'Running', podIP: `10.244.1.${i % 250}` } });
  }
  const elapsed = perf.now() - t0;
  out['write with 1,010 watchers (10 on pods)'] = `${((elapsed / writes) * 1000).toFixed(2)} µs/write, ${(store.stats.watchersVisited / writes).toFixed(1)} watchers visited/write, ${delivered} events delivered`;
  for (const h of handles) h.stop();

  // Fan-out proper: 100 cluster-wide pod watchers (informers), every write delivered to each.
  const fan = [];
  let received = 0;
  for (let i = 0; i < 100; i++) fan.push(store.watch('pods', { sendInitialEvents: false }, () => received++));
  const fanWrites = Math.min(n, 5000);
  t0 = perf.now();
  for (let i = 0; i < fanWrites; i++) {
    const p = pods[i]!;
    store.update('pods', { ...p, status: { phase: 'Running', podIP: `10.244.2.${i % 250}` } });
  }
  const fanMs = perf.now() - t0;
  out['write with 100 watchers on pods (fan-out)'] = `${((fanMs / fanWrites) * 1000).toFixed(2)} µs/write, ${rate(received, fanMs)} events delivered`;
  for (const h of fan) h.stop();

  t0 = perf.now();
  const snap = store.snapshot();
  out['snapshot'] = ms(perf.now() - t0);
  t0 = perf.now();
  Store.restore(snap);
  out['restore'] = ms(perf.now() - t0);
  return out;
}
