// kubectl benchmarks (issue 4): how long the emulated kubectl takes end to end, as the shell runs
// it: runKubectl over the in-process client (bodies copied both ways as through JSON on the wire,
// but for the Tables the server builds for a request, which are handed over: see
// ApiResponse.transferable), the apiserver building the server-side Table, kubectl printing it.
// One thread.
//   kubectl get pods -A with 10,000 pods (target: under 50 ms)
//   typical commands on the same cluster: get deployments, describe pod, get pods in a namespace
import { performance } from 'node:perf_hooks';
import { createCluster, type Cluster } from '../../cluster/cluster';
import { runKubectl } from '../../kubectl/kubectl';
import type { KubectlConfig, KubectlIO } from '../../kubectl/io';
import { inProcessClient } from '../../transport/inprocess';
import type { ApiRequest } from '../../api/client';

const PODS = 10_000;
const NAMESPACES = 50;
const RUNS = 21;

function ms(n: number): string {
  return `${n.toFixed(n < 10 ? 2 : 1)} ms`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function post(c: Cluster, path: string, body: unknown): Record<string, unknown> {
  const res = c.api.handle({ verb: 'POST', path, body: JSON.stringify(body), contentType: 'application/json' } as ApiRequest);
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body as Record<string, unknown>;
}

/**
 * The fast path: the apiserver only (no controllers, so nothing reacts), nodes and namespaces
 * from the bootstrap, then 10,000 pods POSTed and given a Running status through the status
 * subresource, as a kubelet would leave them, so the Table and -o wide have every column filled.
 */
export function buildCluster(): { cluster: Cluster; setupMs: number; podName: string; podNs: string } {
  const t0 = performance.now();
  const cluster = createCluster({ seed: 1, nodes: 10, controllers: false });
  const nodes = ['controlplane', ...Array.from({ length: 10 }, (_, i) => `node${String(i + 1).padStart(2, '0')}`)];
  const now = cluster.clock.rfc3339();
  for (let n = 0; n < NAMESPACES; n++) post(cluster, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}` } });
  // A Deployment per namespace, so `get deployments` has rows (no controller: status stays as written).
  for (let n = 0; n < NAMESPACES; n++) {
    post(cluster, `/apis/apps/v1/namespaces/team-${n}/deployments`, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: PODS / NAMESPACES, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    });
  }
  let podName = '';
  for (let i = 0; i < PODS; i++) {
    const ns = `team-${i % NAMESPACES}`;
    const name = `web-7c5ddbdf54-${(i * 7919).toString(36).padStart(5, 'x').slice(-5)}${i}`;
    const node = nodes[1 + (i % 10)];
    const created = post(cluster, `/api/v1/namespaces/${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' } },
      spec: { nodeName: node, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    });
    const ip = `10.244.${1 + (i % 10)}.${2 + Math.floor(i / 10) % 250}`;
    // The store's objects are frozen: the status update is a new object.
    const withStatus = { ...created, status: {
      phase: 'Running',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now })),
      hostIP: '172.18.0.' + (3 + (i % 10)),
      hostIPs: [{ ip: '172.18.0.' + (3 + (i % 10)) }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      qosClass: 'BestEffort',
      containerStatuses: [{ name: 'web', ready: true, started: true, restartCount: i % 17 === 0 ? 2 : 0, image: 'docker.io/library/nginx:1.27', imageID: 'docker.io/library/nginx@sha256:0a3a', containerID: `containerd://${i.toString(16).padStart(12, '0')}`, state: { running: { startedAt: now } }, lastState: {} }],
    } };
    const res = cluster.api.handle({ verb: 'PUT', path: `/api/v1/namespaces/${ns}/pods/${name}/status`, body: JSON.stringify(withStatus), contentType: 'application/json' } as ApiRequest);
    if (res.status !== 200) throw new Error(`PUT status: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    if (i === PODS / 2) podName = name;
  }
  cluster.clock.advance(90_000);
  return { cluster, setupMs: performance.now() - t0, podName, podNs: `team-${PODS / 2 % NAMESPACES}` };
}

interface Timed {
  median: number;
  /** Median CPU time of the process (user + system, GC threads included): steadier than wall
   * time on a busy machine. */
  cpuMedian: number;
  min: number;
  max: number;
  first: number;
  bytes: number;
  lines: number;
  code: number;
  stderr: string;
}

export async function time(cluster: Cluster, argv: string[]): Promise<Timed> {
  const client = inProcessClient(cluster.api, { afterRequest: () => cluster.settle() });
  const config: KubectlConfig = { client, namespace: 'default', server: 'https://127.0.0.1:6443' };
  const samples: number[] = [];
  const cpu: number[] = [];
  let last = { out: '', err: '', code: 0 };
  for (let i = 0; i < RUNS + 1; i++) {
    let out = '';
    let err = '';
    const io: KubectlIO = {
      stdout: { write: (t) => void (out += t) },
      stderr: { write: (t) => void (err += t) },
      signal: { aborted: false, onAbort: () => () => {} },
      now: () => cluster.clock.now(),
      sleep: async () => {},
      readFile: () => undefined,
    };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const code = await runKubectl(argv, io, config);
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    last = { out, err, code };
  }
  const warm = samples.slice(1);
  return {
    median: median(warm),
    cpuMedian: median(cpu.slice(1)),
    min: Math.min(...warm),
    max: Math.max(...warm),
    first: samples[0],
    bytes: Buffer.byteLength(last.out),
    lines: last.out.split('\n').length - 1,
    code: last.code,
    stderr: last.err,
  };
}

/** The figures, name → value with its method; benchKubectl().method says how they were taken. */
export async function benchKubectl(): Promise<Record<string, string>> {
  const { cluster, setupMs, podName, podNs } = buildCluster();
  const out: Record<string, string> = {};
  out['method'] =
    `runKubectl(argv) over inProcessClient(cluster.api) (a JSON-equivalent copy of every body both ways, as on the wire, but server-built Tables handed over uncopied), apiserver only (no controllers); ` +
    `${PODS.toLocaleString('en-US')} Running pods in ${NAMESPACES} namespaces plus a Deployment each, created by POST + PUT status; ` +
    `wall time of the whole command (discovery, list with the server-side Table, printing); median of ${RUNS} runs after a first, min-max in brackets, then the median CPU time of the process (GC threads included)`;
  out['set-up: 10,000 pods through the apiserver'] = `${(setupMs / 1000).toFixed(2)} s`;
  const cases: [string, string[], string?][] = [
    ['kubectl get pods -A', ['get', 'pods', '-A'], '(target < 50 ms)'],
    ['kubectl get pods -A -o wide', ['get', 'pods', '-A', '-o', 'wide']],
    ['kubectl get pods -A --no-headers | (count)', ['get', 'pods', '-A', '--no-headers']],
    ['kubectl get pods -n team-7 (200 pods)', ['get', 'pods', '-n', 'team-7']],
    ['kubectl get deployments -A (50)', ['get', 'deployments', '-A']],
    ['kubectl get deployments (default ns, empty)', ['get', 'deployments']],
    [`kubectl describe pod (one of 10,000)`, ['describe', 'pod', podName, '-n', podNs]],
    ['kubectl get pod NAME -o yaml', ['get', 'pod', podName, '-n', podNs, '-o', 'yaml']],
    ['kubectl get pods -A -l app=web -o name', ['get', 'pods', '-A', '-l', 'app=web', '-o', 'name']],
    ['kubectl version', ['version']],
  ];
  for (const [label, argv, target] of cases) {
    const t = await time(cluster, argv);
    if (t.code !== 0) {
      out[label] = `FAILED (exit ${t.code}): ${t.stderr.slice(0, 200)}`;
      continue;
    }
    const size = t.bytes > 4096 ? `${(t.bytes / 1024).toFixed(0)} KiB` : `${t.bytes} B`;
    out[label] = `${ms(t.median)} [${ms(t.min)}-${ms(t.max)}] (CPU ${ms(t.cpuMedian)}), first run ${ms(t.first)}; output ${t.lines.toLocaleString('en-US')} lines, ${size}${target ? `   ${target}` : ''}`;
  }
  return out;
}
