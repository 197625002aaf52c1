// Persistence figures for issue 5 (targets: flush after a typical change 50 ms, restore of 10,000
// objects 500 ms), measured once for both callers: scripts/bench-persist.mts and `npm run
// bench:web` (scripts/bench-web.mjs). In Node on fake-indexeddb (src/persistence/bench.ts says
// what each figure covers). Two states:
//   - a synthetic playground of N Running pods (src/persistence/bench.ts), for flush and load;
//   - a real playground (a Deployment of N/6 replicas, all available, on one worker node per 100
//     pods: each pod comes with about five events, so about N objects; the count is printed),
//     for the restore the learner waits for on a reload: load + rebuilding the playground from
//     the state, as src/worker/persist.ts does at start.
import 'fake-indexeddb/auto';
import { benchPersistence, type BenchResult } from '../../src/persistence/bench.ts';
import type { PlaygroundState } from '../../src/persistence/types.ts';
import type { ClusterSnapshot } from '../../src/cluster/cluster.ts';
import type { FsSnapshot } from '../../src/shell/index.ts';
import { Playground } from '../../src/worker/playground.ts';
import { verdict, type TargetRow } from './targets.ts';

export const TARGET_FLUSH_MS = 50;
export const TARGET_RESTORE_MS = 500;

type Summary = { medianMs: number; minMs: number; maxMs: number };
const f = (x: Summary) => `median ${x.medianMs.toFixed(1)} ms (min ${x.minMs.toFixed(1)}, max ${x.maxMs.toFixed(1)})`;
const objectCount = (s: PlaygroundState) => Object.values(s.cluster.store.resources).reduce((n, l) => n + l.length, 0);

/** How the real playground was made. */
export interface RealSetup {
  replicas: number;
  nodes: number;
}

/** A real playground holding about `objects` objects: a Deployment run until all its pods are available. */
export function realPlaygroundState(objects: number): { state: PlaygroundState; setup: RealSetup } {
  const replicas = Math.max(1, Math.round(objects / 6));
  const nodes = Math.ceil(replicas / 100);
  const pg = new Playground({ nodes });
  const body = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  };
  const res = pg.cluster.api.handle({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body } as Parameters<typeof pg.cluster.api.handle>[0]);
  if (res.status !== 201) throw new Error(`creating the Deployment: HTTP ${res.status}`);
  const available = () => ((pg.cluster.store.get('deployments.apps', 'default', 'web')?.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0) === replicas;
  if (!pg.cluster.runUntil(available, 600_000)) throw new Error(`the Deployment of ${replicas} replicas did not become available`);
  return { state: pg.state() as unknown as PlaygroundState, setup: { replicas, nodes } };
}

const rebuild = (s: PlaygroundState) => new Playground({ snapshot: s.cluster as unknown as ClusterSnapshot, files: s.files as FsSnapshot, history: s.history, namespace: s.namespace });

export interface PersistenceFigures {
  runs: number;
  synthetic: BenchResult;
  /** The real playground's figures with `restore` (load + rebuild), or why it could not be measured. */
  real: (BenchResult & { setup: RealSetup }) | { error: string };
}

export async function measurePersistence(o: { objects?: number; runs?: number } = {}): Promise<PersistenceFigures> {
  const objects = o.objects ?? 10_000;
  const runs = o.runs ?? 11;
  const synthetic = await benchPersistence({ objects, runs });
  let real: PersistenceFigures['real'];
  try {
    const { state, setup } = realPlaygroundState(objects);
    real = { ...(await benchPersistence({ objects: objectCount(state), runs, state, restore: rebuild })), setup };
  } catch (e) {
    real = { error: String((e as Error)?.message ?? e) };
  }
  return { runs, synthetic, real };
}

export function persistenceTargets(p: PersistenceFigures): TargetRow[] {
  const flush = p.synthetic.flush.medianMs;
  const restore = 'restore' in p.real ? p.real.restore?.medianMs : undefined;
  return [
    { what: 'flush after a typical change (median)', figure: `${flush.toFixed(1)} ms`, target: `${TARGET_FLUSH_MS} ms`, ok: flush <= TARGET_FLUSH_MS },
    { what: 'restore on a reload, real playground (median)', figure: restore === undefined ? 'not measured' : `${restore.toFixed(0)} ms`, target: `${TARGET_RESTORE_MS} ms`, ok: restore !== undefined && restore <= TARGET_RESTORE_MS },
  ];
}

export function persistenceLines(p: PersistenceFigures): string[] {
  const s = p.synthetic;
  const [flushTarget, restoreTarget] = persistenceTargets(p);
  const lines = [
    `synthetic playground: ${s.objects.toLocaleString('en')} Running pods, ${(s.jsonChars / 1024 / 1024).toFixed(1)} MiB of JSON`,
    `  flush after a typical change: ${f(s.flush)}; last: ${s.flush.objects} objects, ${s.flush.chars} chars (validate ${s.flush.validateMs.toFixed(1)}, diff+JSON ${s.flush.serializeMs.toFixed(1)}, transaction ${s.flush.writeMs.toFixed(1)} ms)`,
    `    target ${flushTarget.target}: ${verdict(flushTarget.ok)}`,
    `  whole-state flush: ${f(s.wholeFlush)}`,
    `  load (base + ${s.load.deltas} deltas): ${f(s.load)}`,
    `  method: ${s.method}`,
  ];
  const r = p.real;
  if ('error' in r) lines.push(`real playground: not measured: ${r.error}`, `  target ${restoreTarget.target} for the restore: ${verdict(false)}`);
  else {
    lines.push(
      `real playground (a Deployment's pods all available, with their events): ${r.objects.toLocaleString('en')} objects, ${(r.jsonChars / 1024 / 1024).toFixed(1)} MiB of JSON`,
      `  flush after a typical change: ${f(r.flush)}`,
      `  load (base + ${r.load.deltas} deltas): ${f(r.load)}`,
      `  restore = load + rebuilding the playground (restoreCluster, the shell's files and history), what a reload waits for: ${r.restore ? f(r.restore) : 'n/a'}`,
      `    target ${restoreTarget.target}: ${verdict(restoreTarget.ok)}`,
      `  method: a Deployment of ${r.setup.replicas} replicas on ${r.setup.nodes} worker nodes run until all are available (the worker's Playground), then flush and load as above; restore timed from the load's start to the rebuilt playground; median of ${p.runs} after a warm-up`,
    );
  }
  return lines;
}
