// benchPersistence(): flush latency and restore time for a playground of N objects (10,000 by
// default), the figures issue 5 asks `npm run bench` for (targets 50 ms and 500 ms). Runs wherever
// an IndexedDB is present (the browser, or Node with fake-indexeddb loaded); the caller may pass
// a real state (a cluster snapshot with N pods) and a restore function (restoreCluster), since
// persistence itself cannot import the cluster.
import { openStore, type OpenOptions } from './store';
import { WriteBehind } from './writebehind';
import type { KubeObject } from '../api/types';
import type { PlaygroundState } from './types';

export interface BenchOptions {
  objects?: number;
  runs?: number;
  /** The state to write; default a synthetic cluster of `objects` pods. */
  state?: PlaygroundState;
  /** Rebuilds the playground from a loaded state (e.g. restoreCluster(s.cluster)); timed too. */
  restore?(state: PlaygroundState): unknown;
  open?: OpenOptions;
}

export interface BenchResult {
  objects: number;
  persistent: boolean;
  jsonChars: number;
  flush: { medianMs: number; minMs: number; maxMs: number; collectMs: number; validateMs: number; serializeMs: number; writeMs: number };
  /** Reading the newest state back: transaction + length check + JSON.parse + validation. */
  load: { medianMs: number; minMs: number; maxMs: number };
  /** load + the caller's restore, when given. */
  restore?: { medianMs: number; minMs: number; maxMs: number };
  method: string;
}

const now = () => (globalThis.performance ? performance.now() : Date.now());
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (xs: number[]) => ({ medianMs: med(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs) });

/** A state shaped like a cluster snapshot with n Running pods in `default` (about 1 KB each). */
export function syntheticState(n: number, t = Date.UTC(2026, 10, 23, 9)): PlaygroundState {
  const pods: KubeObject[] = [];
  for (let i = 0; i < n; i++) {
    const name = `web-7c5ddbdf54-${i.toString(36).padStart(5, '0')}`;
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'default',
        uid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        resourceVersion: String(i + 1),
        creationTimestamp: '2026-11-23T09:00:00Z',
        labels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c5ddbdf54', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }],
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
        nodeName: `node${String((i % 100) + 1).padStart(2, '0')}`,
        terminationGracePeriodSeconds: 30,
      },
      status: {
        phase: 'Running',
        podIP: `10.244.${i % 100}.${(i % 250) + 2}`,
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-23T09:00:02Z' }],
        containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, image: 'nginx:1.27', state: { running: { startedAt: '2026-11-23T09:00:02Z' } } }],
      },
    } as unknown as KubeObject);
  }
  return {
    cluster: { version: 1, now: t, seed: 1, options: {}, store: { revision: n, resources: { pods } } },
    files: { version: 1, entries: [{ path: '/root', type: 'dir', mtime: t }, { path: '/root/web.yaml', type: 'file', mtime: t, content: 'apiVersion: apps/v1\nkind: Deployment\n' }] },
    history: ['kubectl create deployment web --image=nginx:1.27 --replicas=10000'],
    namespace: 'default',
    virtualTime: t,
  };
}

export async function benchPersistence(o: BenchOptions = {}): Promise<BenchResult> {
  const objects = o.objects ?? 10_000;
  const runs = o.runs ?? 7;
  const state = o.state ?? syntheticState(objects);
  const name = `kubeplay-bench-${Date.now().toString(36)}`;
  const store = await openStore({ name, ...o.open });
  try {
    const pg = await store.createPlayground('bench');
    if (!pg.ok) throw new Error(pg.error.detail ?? pg.error.message.en);
    const id = pg.value.id;
    const wb = new WriteBehind({ collect: () => state, save: (s) => store.saveSnapshot(id, s), intervalMs: 60_000 });
    const flushes: number[] = [];
    let last;
    for (let i = 0; i < runs + 1; i++) {
      wb.markDirty();
      const r = await wb.flush();
      if (r.status !== 'saved') throw new Error(`flush ${r.status}${r.status === 'failed' ? `: ${r.error.detail ?? r.error.message.en}` : ''}`);
      if (i > 0) flushes.push(r.stats.totalMs); // the first is a warm-up
      last = r.stats;
    }
    wb.stop();
    const loads: number[] = [];
    const restores: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const t0 = now();
      const l = await store.loadSnapshot(id);
      if (!l.ok || !l.value) throw new Error(`load failed: ${l.ok ? 'no state' : l.error.detail}`);
      const t1 = now();
      if (o.restore) o.restore(l.value.state);
      const t2 = now();
      if (i === 0) continue;
      loads.push(t1 - t0);
      if (o.restore) restores.push(t2 - t0);
    }
    return {
      objects,
      persistent: store.persistent,
      jsonChars: last!.length,
      flush: { ...summary(flushes), collectMs: last!.collectMs, validateMs: last!.validateMs, serializeMs: last!.serializeMs, writeMs: last!.writeMs },
      load: summary(loads),
      ...(o.restore ? { restore: summary(restores) } : {}),
      method:
        `${objects} objects in one playground state; write-behind flush = validate + JSON.stringify + one readwrite transaction (put state, drop the oldest, touch the playground), ` +
        `load = one read + length check + JSON.parse + validation${o.restore ? ' (+ the given restore)' : ''}; median of ${runs} after a warm-up, ` +
        `${store.persistent ? 'on the IndexedDB present in this host' : 'on the in-memory store (no IndexedDB here)'}.`,
    };
  } finally {
    store.close();
    const f = o.open?.indexedDB === undefined ? (globalThis as { indexedDB?: IDBFactory }).indexedDB : o.open.indexedDB;
    try {
      f?.deleteDatabase(name);
    } catch {
      // best effort
    }
  }
}
