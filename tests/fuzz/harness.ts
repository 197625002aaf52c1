// Runs fuzz cases against kubectl and the apiserver and checks the invariants of issue 4's
// "Bad input": nothing throws out of runKubectl or the shell, every run ends with an exit code,
// failures speak kubectl's language, the apiserver never answers 500 to bad input, and the
// cluster keeps answering afterwards with its state intact.
import type { ApiHandler, ApiRequest, ApiResponse } from '../../src/api/client';
import { createCluster, restoreCluster, type Cluster } from '../../src/cluster/cluster';
import type { KubeObject } from '../../src/api/types';
import { runKubectl } from '../../src/kubectl/kubectl';
import type { KubectlConfig, KubectlIO } from '../../src/kubectl/io';
import { inProcessClient } from '../../src/transport/inprocess';
import { Controller } from '../../src/shell/signal';
import { writeFileSync } from 'node:fs';

/** FUZZ_TRACE=FILE: each case is written there before it runs (finds a case that never returns). */
const TRACE = process.env.FUZZ_TRACE;

/** Messages a JavaScript bug prints when runKubectl's catch-all turns it into `error: ...`. */
export const JS_BUG = /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|Invalid string length|Cannot convert|undefined is not|null is not|\[object Object\]|TypeError|RangeError|ReferenceError|SyntaxError: Unexpected token|Cannot destructure|Cannot use 'in' operator|Reduce of empty array|toISOString|Invalid time value|out of memory|internal error/;

/** How kubectl's failures begin: its own error lines, server errors, usage and help texts. */
export const FAILURE_START = [
  /^error: /,
  /^Error from server/,
  /^The [A-Za-z]* ?"(\\.|[^"\\])*" is invalid/,
  // kubectl v1.32 itself panics on `get -w -f` with no objects.
  /^panic: runtime error: /,
  /^The request is invalid/,
  /^The connection to the server/,
  /^Warning: /,
  /^W\d{4} /,
  /^Unable to connect to the server/,
  /^error validating/,
  /^(Usage|Examples|Available Commands|Options):/,
  /^See 'kubectl/,
  /^You must specify the type of resource to get/,
  // A command group without its subcommand: cobra's help on stderr.
  /\n(Available Commands|Usage):\n/,
  // explain prints the builder's error as is.
  /^the server doesn't have a resource type "/,
  // -k: there is no kustomize here, so no directory builds (kubectl prints this one bare).
  /^must build at directory: /,
  // exec: kubectl's deprecation notice, then the command's own stderr and exit code.
  /^kubectl exec \[POD\] \[COMMAND\] is DEPRECATED/,
  /command terminated with exit code \d+\n$/,
];

/** Notes kubectl prints on stderr before carrying on (the error, if any, follows them). */
const INFO_LINES = /^((Found \d+ pods, using pod\/|Defaulted container |Warning: |pod\/\S+ condition met|No resources found)[^\n]*\n)+/;

export interface Failure {
  kind: 'threw' | 'hang' | 'exit-code' | 'js-error' | 'stderr' | 'server-500' | 'invariant';
  what: string;
  detail: string;
}

export interface FuzzEnv {
  cluster: Cluster;
  config: KubectlConfig;
  files: Map<string, string>;
  /** Requests answered 500 since the last take. */
  server500: { req: ApiRequest; res: ApiResponse }[];
  /** Unrecognised first lines of stderr (kept for the report, not failures unless asked). */
  failures: Failure[];
  cases: number;
}

/**
 * A 500 the apiserver gives on purpose is kube-apiserver's own: a Go error no registry
 * interprets (reason empty, e.g. "resourceVersion should not be set on objects to be created"),
 * or the container runtime's exec failure. An InternalError from a thrown exception, or any
 * message that reads like a JavaScript bug, is a crash.
 */
function unexpected500(res: ApiResponse): boolean {
  const body = res.body as { reason?: string; message?: string } | undefined;
  const msg = String(body?.message ?? '');
  if (JS_BUG.test(msg)) return true;
  if (/OCI runtime exec failed/.test(msg)) return false;
  return body?.reason === 'InternalError' || body?.reason === undefined && !msg;
}

/** Watches every response: a 500 InternalError to a client's request is a bug, whatever the input. */
function recordingHandler(cluster: Cluster, log: FuzzEnv['server500']): ApiHandler {
  const api = cluster.api;
  return {
    handle(req) {
      const res = api.handle(req);
      if (res.status >= 500 && unexpected500(res)) log.push({ req, res });
      return res;
    },
    watch: (req, sink) => {
      const res = api.watch(req, sink);
      if ('status' in res && typeof res.status === 'number' && res.status >= 500 && unexpected500(res as ApiResponse)) log.push({ req, res: res as ApiResponse });
      return res;
    },
    stream: (req, sink) => api.stream(req, sink),
  } as ApiHandler;
}

const WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
`;

/** A fresh cluster with a few objects to aim at, and the workspace files -f refers to. */
export function newEnv(seed: number): FuzzEnv {
  const cluster = createCluster({ seed });
  const server500: FuzzEnv['server500'] = [];
  const client = inProcessClient(recordingHandler(cluster, server500), { afterRequest: () => cluster.settle() });
  const files = new Map<string, string>();
  const env: FuzzEnv = {
    cluster,
    files,
    server500,
    failures: [],
    cases: 0,
    config: {
      client,
      namespace: 'default',
      server: 'https://127.0.0.1:6443',
      context: 'kubeplay',
      cluster: 'kubeplay',
      user: 'kubeplay',
      setNamespace: (ns) => (env.config.namespace = ns),
      listen: () => ({ close: () => {} }),
    },
  };
  return env;
}

/** Objects the fuzz aims at: a Deployment with its pods, a Service, a pod, a ConfigMap. */
export async function seedObjects(env: FuzzEnv): Promise<void> {
  env.files.set('seed.yaml', WORKLOAD);
  await runCase(env, ['apply', '-f', 'seed.yaml'], {});
  await runCase(env, ['expose', 'deployment', 'web', '--port=80', '--type=NodePort'], {});
  await runCase(env, ['run', 'solo', '--image=busybox:1.36', '--', 'sleep', '3600'], {});
  await runCase(env, ['create', 'configmap', 'settings', '--from-literal=color=blue'], {});
  env.cluster.advance(30_000);
}

export function sceneNames(env: FuzzEnv): string[] {
  const names = new Set<string>();
  for (const r of ['pods', 'deployments.apps', 'services', 'replicasets.apps', 'configmaps']) {
    for (const o of env.cluster.store.list(r, { namespace: 'default' }).items as KubeObject[]) names.add(o.metadata.name!);
  }
  return [...names];
}

const macrotask = () => new Promise<void>((r) => setImmediate(r));

export interface CaseOptions {
  stdin?: string;
  /** Virtual time a waiting command may use before it is interrupted (default 60 s). */
  maxVirtualMs?: number;
  /** Wall time after the interrupt before the case counts as hung (default 3 s). */
  hangMs?: number;
}

export interface CaseResult {
  code: unknown;
  stdout: string;
  stderr: string;
  interrupted: boolean;
}

function kubectlIO(env: FuzzEnv, signal: Controller['signal'], o: CaseOptions, out: { stdout: string; stderr: string }): KubectlIO {
  const clock = env.cluster.clock;
  const norm = (p: string) => p.replace(/^\/root\//, '').replace(/\/+$/, '');
  let stdinUsed = false;
  return {
    stdout: { write: (t) => void (out.stdout += t) },
    stderr: { write: (t) => void (out.stderr += t) },
    readStdin: async () => {
      if (stdinUsed) return '';
      stdinUsed = true;
      return o.stdin;
    },
    signal,
    now: () => clock.now(),
    sleep: (ms) => new Promise<void>((resolve) => clock.after(Math.max(0, ms), resolve)),
    readFile: (p) => env.files.get(norm(p)),
    listDir: (p) => {
      const d = norm(p) + '/';
      if (norm(p) === '' || ![...env.files.keys()].some((k) => k.startsWith(d))) return undefined;
      return [...new Set([...env.files.keys()].filter((k) => k.startsWith(d)).map((k) => k.slice(d.length).split('/')[0]))];
    },
    writeFile: (p, t) => void env.files.set(norm(p), t),
    // The editor, played as a person would: it takes a moment (a macrotask: Ctrl-C can arrive),
    // saves a change, sometimes a broken one; shown an error, they give up or save it unchanged.
    edit: async (text) => {
      await macrotask();
      if (/^# .*(was not valid|is invalid)/m.test(text)) return text.length % 2 ? null : text;
      if (text.length % 3 === 0) return null;
      return text.replace(/replicas: \d+/, 'replicas: 1').replace(/image: \S+/, 'image: nginx:1.26') + (text.length % 3 === 1 ? '\nbogus: [' : '');
    },
    interactive: {
      readLine: (() => {
        const lines = ['ls', 'env', 'exit'];
        return async () => (signal.aborted ? null : (lines.shift() ?? null));
      })(),
    },
    isTerminal: false,
    columns: 80,
  };
}

/**
 * Runs one kubectl argv to completion. A command that waits (watch, follow, rollout status) has
 * virtual time run under it up to maxVirtualMs, then is interrupted like Ctrl-C; if it still
 * does not finish within hangMs of wall time it is reported as hung.
 */
export async function runCase(env: FuzzEnv, argv: string[], o: CaseOptions): Promise<CaseResult & { failure?: Failure }> {
  env.cases++;
  const clock = env.cluster.clock;
  const controller = new Controller();
  const out = { stdout: '', stderr: '' };
  const io = kubectlIO(env, controller.signal, o, out);
  const what = JSON.stringify(argv).slice(0, 2000) + (o.stdin !== undefined ? ` <<< ${JSON.stringify(o.stdin.slice(0, 1500))}` : '');
  if (TRACE) writeFileSync(TRACE, `case ${env.cases}: ${JSON.stringify(argv)}${o.stdin !== undefined ? `\nstdin: ${JSON.stringify(o.stdin)}` : ''}\n`);
  let done = false;
  let threw: unknown;
  let code: unknown;
  const before500 = env.server500.length;
  const p = (async () => runKubectl(argv, io, env.config))().then(
    (c) => {
      done = true;
      code = c;
    },
    (e) => {
      done = true;
      threw = e;
    },
  );
  const limit = clock.now() + (o.maxVirtualMs ?? 60_000);
  let interrupted = false;
  let idle = 0;
  while (!done) {
    await macrotask();
    if (done) break;
    if (++idle < 3) continue;
    idle = 0;
    if (clock.now() < limit && clock.step()) continue;
    interrupted = true;
    controller.abort();
    const deadline = performance.now() + (o.hangMs ?? 3000);
    while (!done && performance.now() < deadline) {
      await macrotask();
      if (!done) clock.runDue();
    }
    break;
  }
  const res: CaseResult & { failure?: Failure } = { code, stdout: out.stdout, stderr: out.stderr, interrupted };
  const fail = (kind: Failure['kind'], detail: string) => {
    const f: Failure = { kind, what, detail: detail.slice(0, 3000) };
    env.failures.push(f);
    res.failure = f;
  };
  if (!done) {
    fail('hang', `still running ${o.hangMs ?? 3000} ms after the interrupt; stdout=${out.stdout.slice(-300)} stderr=${out.stderr.slice(-300)}`);
    // Let it go: the promise may settle later; nothing waits for it.
    void p;
    return res;
  }
  if (threw !== undefined) fail('threw', String((threw as Error)?.stack ?? threw));
  else if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 255) fail('exit-code', `exit code ${String(code)}`);
  else {
    const m = JS_BUG.exec(out.stderr) ?? JS_BUG.exec(out.stdout.slice(0, 20_000));
    if (m) fail('js-error', `matched ${m[0]}: stderr=${out.stderr.slice(0, 1500)}`);
    else if (code !== 0 && out.stderr && !interrupted) {
      const text = out.stderr.replace(INFO_LINES, '');
      if (text && !FAILURE_START.some((re) => re.test(text))) fail('stderr', `code ${code}, stderr=${out.stderr.slice(0, 600)}`);
    }
  }
  if (env.server500.length > before500) {
    const s = env.server500.slice(before500);
    env.server500.length = before500;
    fail('server-500', s.map((x) => `${x.req.verb} ${x.req.path} ${JSON.stringify(x.req.query ?? {})} -> ${JSON.stringify(x.res.body).slice(0, 800)} body=${JSON.stringify(x.req.body ?? '').slice(0, 600)}`).join('\n'));
  }
  return res;
}

/**
 * The cluster still answers and its state is whole: /version, the default namespace, a list of
 * every kind through the API, objects with names, uids and resourceVersions, and a snapshot
 * that restores.
 */
export function checkInvariants(env: FuzzEnv, label: string, restore = false): void {
  const api = env.cluster.api;
  const fail = (detail: string) => env.failures.push({ kind: 'invariant', what: label, detail });
  const v = api.handle({ verb: 'GET', path: '/version' });
  if (v.status !== 200) fail(`/version answered ${v.status}`);
  const ns = api.handle({ verb: 'GET', path: '/api/v1/namespaces/default' });
  if (ns.status !== 200) fail(`GET /api/v1/namespaces/default answered ${ns.status}: ${JSON.stringify(ns.body).slice(0, 300)}`);
  for (const path of ['/api/v1/pods', '/apis/apps/v1/deployments', '/api/v1/services', '/api/v1/configmaps', '/api/v1/namespaces', '/api/v1/nodes', '/apis/apps/v1/replicasets']) {
    const r = api.handle({ verb: 'GET', path });
    if (r.status !== 200) {
      fail(`GET ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      continue;
    }
    for (const o of ((r.body as { items?: KubeObject[] }).items ?? []) as KubeObject[]) {
      const m = o.metadata;
      if (!m || typeof m.name !== 'string' || !m.name || typeof m.uid !== 'string' || typeof m.resourceVersion !== 'string') fail(`${path}: object without name/uid/resourceVersion: ${JSON.stringify(o).slice(0, 300)}`);
      else if (typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') fail(`${path}: ${m.name} has kind ${String(o.kind)} apiVersion ${String(o.apiVersion)}`);
      else if (Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')) fail('Object.prototype polluted');
    }
    try {
      JSON.stringify(r.body);
    } catch (e) {
      fail(`${path}: list does not serialise: ${String(e)}`);
    }
  }
  if (restore) {
    try {
      const snap = JSON.parse(JSON.stringify(env.cluster.snapshot()));
      const c2 = restoreCluster(snap);
      const r = c2.api.handle({ verb: 'GET', path: '/api/v1/namespaces/default' });
      if (r.status !== 200) fail(`restored snapshot: default namespace answered ${r.status}`);
    } catch (e) {
      fail(`snapshot/restore failed: ${String((e as Error)?.stack ?? e)}`);
    }
  }
}

/** Failures grouped by kind and message shape, the first case of each shown. */
export function summary(failures: Failure[], limit = 12): string {
  const seen = new Map<string, Failure & { n: number }>();
  for (const f of failures) {
    const key = f.kind + ':' + f.detail.replace(/"[^"]*"/g, '""').replace(/\d+/g, 'N').slice(0, 120);
    const s = seen.get(key);
    if (s) s.n++;
    else seen.set(key, { ...f, n: 1 });
  }
  return [...seen.values()]
    .slice(0, limit)
    .map((f) => `[${f.kind}] x${f.n}\n  case: ${f.what.slice(0, 600)}\n  ${f.detail.slice(0, 1200)}`)
    .join('\n\n');
}
