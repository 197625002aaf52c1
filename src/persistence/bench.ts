// benchPersistence(): flush latency after a typical change, whole-state flush, and restore time
// for a playground of N objects (10,000 by default), the figures issue 5 asks for (targets 50 ms
// and 500 ms); `node --import tsx scripts/bench-persist.mts` prints them. Runs wherever
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
  /** Characters of the whole state's JSON. */
  jsonChars: number;
  /** A flush after a typical change: a few objects written (a scale to 4), saved as one delta. */
  flush: { medianMs: number; minMs: number; maxMs: number; collectMs: number; validateMs: number; serializeMs: number; writeMs: number; objects: number; chars: number };
  /** A flush that writes the whole state (the first save, and each new generation). */
  wholeFlush: { medianMs: number; minMs: number; maxMs: number };
  /** Reading the newest state back: transaction + checks + JSON.parse + the deltas + validation. */
  load: { medianMs: number; minMs: number; maxMs: number; deltas: number };
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

const byName = (a: KubeObject, b: KubeObject) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0);

/**
 * The next state after a typical change (`kubectl scale deployment web --replicas=4` on a busy
 * cluster): the Deployment and its ReplicaSet written, 3 pods and 3 events added, 1 pod deleted.
 * Objects are replaced, never mutated, as the store does; each write takes the next revision.
 */
export function typicalChange(prev: PlaygroundState, step: number): PlaygroundState {
  let rev = prev.cluster.store.revision;
  const stamp = (o: KubeObject): KubeObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(++rev) } });
  const resources = { ...prev.cluster.store.resources };
  const pods = [...(resources.pods ?? [])];
  const template = pods[0];
  pods.splice(1, 1); // a pod deleted
  for (let i = 0; i < 3; i++) {
    const name = `web-7c5ddbdf54-s${step}x${i}`;
    pods.push(stamp({ ...template, metadata: { ...template.metadata, name, uid: `uid-${step}-${i}` }, status: { phase: 'Pending' } } as KubeObject));
  }
  resources.pods = pods.sort(byName); // the store lists objects in key order
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'deploy-uid', generation: step }, spec: { replicas: 4 + step } } as unknown as KubeObject;
  resources.deployments = [stamp(deployment)];
  resources.replicasets = [stamp({ ...deployment, kind: 'ReplicaSet', metadata: { ...deployment.metadata, name: 'web-7c5ddbdf54', uid: 'rs-uid' } } as KubeObject)];
  const events = [...(resources.events ?? [])];
  for (let i = 0; i < 3; i++)
    events.push(stamp({ apiVersion: 'v1', kind: 'Event', metadata: { name: `web.${step}.${i}`, namespace: 'default', uid: `ev-${step}-${i}` }, reason: 'Scheduled', message: `Successfully assigned default/web-${step}-${i} to node01` } as unknown as KubeObject));
  resources.events = events.sort(byName);
  const t = prev.virtualTime + 1000;
  return { ...prev, cluster: { ...prev.cluster, now: t, store: { revision: rev, resources } }, virtualTime: t };
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
    let current = state;
    const wb = new WriteBehind({ collect: () => current, save: (s) => store.saveSnapshot(id, s), intervalMs: 60_000 });
    const flush = async () => {
      wb.markDirty();
      const r = await wb.flush();
      if (r.status !== 'saved') throw new Error(`flush ${r.status}${r.status === 'failed' ? `: ${r.error.detail ?? r.error.message.en}` : ''}`);
      return r.stats;
    };
    // Whole states: what a store that has saved nothing yet (or starts a new generation) writes.
    const wholes: number[] = [];
    let jsonChars = 0;
    for (let i = 0; store.persistent && i < Math.min(runs, 3) + 1; i++) {
      const fresh = await openStore({ name, ...o.open });
      const t0 = now();
      const r = await fresh.saveSnapshot(id, state);
      if (!r.ok) throw new Error(r.error.detail ?? r.error.message.en);
      if (i > 0) wholes.push(now() - t0); // the first is a warm-up
      jsonChars = r.value.length;
      fresh.close();
    }
    await flush(); // this store's first save: a whole state, so the next ones are deltas
    const flushes: number[] = [];
    let last;
    for (let i = 0; i < runs + 1; i++) {
      current = typicalChange(current, i + 1);
      const s = await flush();
      if (s.delta === 0) throw new Error('a typical change was saved as a whole state');
      if (i > 0) flushes.push(s.totalMs); // the first is a warm-up
      last = s;
    }
    wb.stop();
    const loads: number[] = [];
    const restores: number[] = [];
    let deltas = 0;
    for (let i = 0; i < runs + 1; i++) {
      const t0 = now();
      const l = await store.loadSnapshot(id);
      if (!l.ok || !l.value) throw new Error(`load failed: ${l.ok ? 'no state' : l.error.detail}`);
      const t1 = now();
      deltas = l.value.deltas;
      if (o.restore) o.restore(l.value.state);
      const t2 = now();
      if (i === 0) continue;
      loads.push(t1 - t0);
      if (o.restore) restores.push(t2 - t0);
    }
    return {
      objects,
      persistent: store.persistent,
      jsonChars,
      flush: { ...summary(flushes), collectMs: last!.collectMs, validateMs: last!.validateMs, serializeMs: last!.serializeMs, writeMs: last!.writeMs, objects: last!.objects, chars: last!.length },
      wholeFlush: wholes.length ? summary(wholes) : { medianMs: NaN, minMs: NaN, maxMs: NaN },
      load: { ...summary(loads), deltas },
      ...(o.restore ? { restore: summary(restores) } : {}),
      method:
        `${objects} objects in one playground. Typical flush: after a change like a scale to 4 (Deployment and ReplicaSet written, 3 pods and 3 events added, ` +
        `1 pod deleted), the write-behind's flush = validate + diff against the last save + one readwrite transaction putting one delta; ` +
        `whole-state flush: a store with nothing saved yet writes the whole state (validate + JSON + one transaction), as the first save and each new generation do; ` +
        `load = one read of the base and its ${deltas} deltas + checks + JSON.parse + replay + validation${o.restore ? ' (+ the given restore)' : ''}; ` +
        `median of ${runs} (whole-state: ${wholes.length}) after a warm-up, ${store.persistent ? 'on the IndexedDB present in this host' : 'on the in-memory store (no IndexedDB here)'}.`,
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
