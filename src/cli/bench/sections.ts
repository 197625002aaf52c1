// The sections `kubeplay bench` prints, each figure with how it was measured.
import { benchStore } from '../../cluster/store/bench';
import { heapUsed, runClusterBench, type ClusterRunOptions, type ClusterRunResult } from './cluster';

type Print = (line: string) => void;

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const row = (print: Print, k: string, v: string): void => print(`  ${k.padEnd(50)} ${v}`);

export function storeSection(print: Print): void {
  print('store: 100,000 pods in 100 namespaces, in-process, single thread (src/cluster/store/bench.ts)');
  print('  method: Store API directly (no apiserver); wall time per operation batch; lists by namespace and');
  print('  label use the per-namespace buckets and label index ("examined" counts objects the list touched)');
  const figures = benchStore();
  for (const [k, v] of Object.entries(figures)) row(print, k, v);
}

export interface ClusterCase extends ClusterRunOptions {
  title: string;
  /** the issue's target, e.g. pods/s */
  target?: { podsPerSecond?: number; wallMs?: number };
}

export const CLUSTER_CASES: ClusterCase[] = [
  { title: 'a 10,000-replica Deployment on 100 nodes', nodes: 100, deployments: 1, replicas: 10_000, target: { podsPerSecond: 10_000 } },
  { title: '30,000 pods on 1,000 nodes (30 Deployments of 1,000)', nodes: 1000, deployments: 30, replicas: 1000, target: { wallMs: 5000 } },
];

export function clusterMethod(print: Print): void {
  print('cluster: createCluster({ nodes }) in-process, virtual time run as fast as possible (cluster.runUntil)');
  print('  method: after the nodes and their DaemonSet pods (kube-proxy) are Ready, POST the Deployments (nginx:1.27,');
  print('  no requests) and run the clock until every Deployment reports readyReplicas = availableReplicas = replicas.');
  print('  Wall time is that span: the apiserver, controllers, scheduler and kubelets together, on one thread.');
  print('  pods/s = pods / wall time; CPU time (process.cpuUsage) is printed too: on a busy machine wall time');
  print('  includes waiting for a core.');
  print('  scheduler: binds counted from its decisions (onDecision, result Scheduled); "busy" is the wall time');
  print('  inside its scheduling cycles (filter, score, bind request and what the bind write fans out to).');
  print(`  heap: process.memoryUsage().heapUsed with the converged cluster alive, ${heapUsed().gc ? 'after global.gc()' : 'WITHOUT a gc (start node with --expose-gc)'}`);
}

export function clusterCase(print: Print, c: ClusterCase): ClusterRunResult {
  const r = runClusterBench(c);
  print(`- ${c.title}${r.converged ? '' : '  (DID NOT CONVERGE within the virtual time limit)'}`);
  const pps = (r.pods / r.wallMs) * 1000;
  row(print, 'wall time to fully available', `${secs(r.wallMs)}${c.target?.wallMs ? `   (target ${secs(c.target.wallMs)})` : ''}`);
  row(print, 'pods scheduled and started, end to end', `${int(pps)} pods/s${c.target?.podsPerSecond ? `   (target ${int(c.target.podsPerSecond)} pods/s)` : ''}`);
  row(print, 'CPU time in that span (user + system)', `${secs(r.cpuMs)} = ${int((r.pods / r.cpuMs) * 1000)} pods per CPU-second`);
  row(print, 'virtual time taken', secs(r.virtualMs));
  row(print, 'scheduler: binds / wall time inside its cycles', `${int((r.scheduled / r.schedulerBusyMs) * 1000)} pods/s (${int(r.scheduled)} binds in ${secs(r.schedulerBusyMs)})`);
  row(print, 'scheduler: binds / wall time first to last bind', `${int((r.scheduled / r.bindSpanMs) * 1000)} pods/s (interleaved with everything else)`);
  row(print, 'apiserver requests from in-cluster clients', `${int(r.requests)} (${(r.requests / r.pods).toFixed(1)} per pod)`);
  row(print, 'objects stored', `${int(r.storeObjects['pods'] ?? 0)} pods, ${int(r.storeObjects['events'] ?? 0)} events`);
  row(print, 'heap used', `${mb(r.heapUsedBytes)}${r.gcAvailable ? ' (after gc)' : ' (no gc available)'}`);
  row(print, 'cluster set-up (nodes and DaemonSet pods Ready)', secs(r.setupMs));
  return r;
}
