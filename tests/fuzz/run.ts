// The fuzz loops: seeded command lines and manifests through runKubectl on a shared cluster
// (renewed every few thousand cases, after checking its invariants), and lines through a whole
// Playground shell. FUZZ_SCALE=10 runs ten times as many cases; FUZZ_SEED shifts every seed.
import { Playground } from '../../src/worker/playground';
import { runFast } from '../../src/worker/driver';
import { prng, grammarArgv, mutateArgv, manifestText, manifestArgv, shellLine, type Rng, type Scene } from './gen';
import { checkInvariants, newEnv, runCase, sceneNames, seedObjects, JS_BUG, type Failure, type FuzzEnv } from './harness';

export const SCALE = Number(process.env.FUZZ_SCALE ?? 1) || 1;
/** A case count scaled by FUZZ_SCALE. */
export const scaled = (n: number): number => Math.max(1, Math.round(n * SCALE));
export const SEED_SHIFT = Number(process.env.FUZZ_SEED ?? 0) || 0;

export interface FuzzStats {
  cases: number;
  ms: number;
  failures: Failure[];
  /** Exit codes seen, to show the generator reaches both success and failure. */
  ok: number;
  failed: number;
  interrupted: number;
}

/** Cases per cluster before it is checked and replaced. */
const RENEW_EVERY = 2500;

async function freshEnv(seed: number): Promise<{ env: FuzzEnv; scene: Scene }> {
  const env = newEnv(seed);
  await seedObjects(env);
  return { env, scene: { names: sceneNames(env) } };
}

function writeManifest(r: Rng, env: FuzzEnv): { file: string; stdin?: string } {
  const text = manifestText(r);
  if (r.chance(0.4)) return { file: '-', stdin: text };
  const name = r.pick(['m.yaml', 'm.json', 'dir/a.yaml', 'dir/sub/b.yml', 'tpl.txt']);
  env.files.set(name, text);
  return { file: r.pick([name, name, 'dir', 'm.yaml', 'nope.yaml']) };
}

/** Runs `cases` cases: `manifestShare` of them manifests through -f, the rest command lines. */
export async function fuzzKubectl(seed: number, cases: number, manifestShare: number): Promise<FuzzStats> {
  const t0 = performance.now();
  const r = prng(seed + SEED_SHIFT);
  const failures: Failure[] = [];
  const stats: FuzzStats = { cases: 0, ms: 0, failures, ok: 0, failed: 0, interrupted: 0 };
  let { env, scene } = await freshEnv(seed + SEED_SHIFT);
  // Files -f and the -o *-file formats refer to.
  const baseFiles = (e: FuzzEnv) => {
    e.files.set('tpl.txt', '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}');
    e.files.set('cols.txt', 'NAME          IMAGE\n.metadata.name .spec.containers[0].image\n');
    e.files.set('empty.yaml', '');
  };
  baseFiles(env);
  for (let i = 0; i < cases; i++) {
    if (i > 0 && i % RENEW_EVERY === 0) {
      checkInvariants(env, `seed ${seed + SEED_SHIFT}, after case ${i}`, true);
      failures.push(...env.failures);
      ({ env, scene } = await freshEnv(seed + SEED_SHIFT + i));
      baseFiles(env);
    }
    let argv: string[];
    let stdin: string | undefined;
    if (r.next() < manifestShare) {
      const m = writeManifest(r, env);
      stdin = m.stdin;
      argv = manifestArgv(r, m.file);
      if (r.chance(0.1)) argv = mutateArgv(r, argv, scene);
    } else {
      argv = grammarArgv(r, scene);
      if (r.chance(0.35)) argv = mutateArgv(r, argv, scene);
      if (r.chance(0.05)) stdin = manifestText(r);
    }
    const res = await runCase(env, argv, { stdin });
    stats.cases++;
    if (res.interrupted) stats.interrupted++;
    else if (res.code === 0) stats.ok++;
    else stats.failed++;
    // Stop early on a run of failures: the report shows the first few, the rest is noise.
    if (env.failures.length + failures.length > 200) break;
  }
  checkInvariants(env, `seed ${seed + SEED_SHIFT}, at the end`, true);
  failures.push(...env.failures);
  stats.ms = performance.now() - t0;
  return stats;
}

const EXTRA_LINES = [
  'kubectl get pods -o name | head -1 | xargs kubectl describe',
  'kubectl proxy & sleep 1; curl -s localhost:8001/api/v1/namespaces/default/pods | head -3; kill %1',
  'curl -s localhost:8080/api/v1/namespaces/%zz/pods',
  'curl -s "localhost:8080/api/v1/namespaces/default/pods/..%2F..%2Fnamespaces"',
  'curl -s -X DELETE localhost:8080/api/v1/namespaces/default/pods/',
  'curl -s -X POST -H "Content-Type: application/json" -d "{" localhost:8080/api/v1/namespaces/default/pods',
  'curl -s -X PATCH -H "Content-Type: application/merge-patch+json" -d "[1" localhost:8080/api/v1/namespaces/default/pods/solo',
  'kubectl exec -it solo -- sh',
  'kubectl run -it tmp --image=busybox --rm --restart=Never -- sh',
  'kubectl get pods -w & sleep 2; kill %1',
  'kubectl logs -f deploy/web --tail=1',
  'kubectl rollout status deploy/web',
  'kubectl edit deploy/web',
  'export NS=$(kubectl get ns -o jsonpath={.items[0].metadata.name}); kubectl get pods -n "$NS"',
  'kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: heredoc\ndata: {a: b}\nEOF',
  'kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\n\tmetadata:\nEOF',
  'kubectl get pods -o go-template --template \'{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}\'',
  'for i in 1 2 3; do kubectl run p$i --image=nginx; done; kubectl delete pods -l run',
  'yes | head -3 | kubectl apply -f -',
  'kubectl get pods > pods.txt; kubectl apply -f pods.txt',
  'kubectl get deploy web -o yaml > d.yaml; sed -i s/replicas:.*/replicas:\\ x/ d.yaml; kubectl apply -f d.yaml',
  'kubectl get deploy web -o json | kubectl replace -f -',
  'kubectl delete ns kube-system default',
  'kubectl config set-context --current --namespace=nope; kubectl get pods; kubectl config set-context --current --namespace=default',
];

/** Lines through a whole shell on a Playground (quoting, pipes, here-docs, jobs, curl, kubectl). */
export async function fuzzShell(seed: number, lines: number): Promise<FuzzStats> {
  const t0 = performance.now();
  const r = prng(seed + SEED_SHIFT);
  const failures: Failure[] = [];
  const stats: FuzzStats = { cases: 0, ms: 0, failures, ok: 0, failed: 0, interrupted: 0 };
  const helper = newEnv(seed);
  let scene: Scene = { names: [] };
  let pg!: Playground;
  const renew = async () => {
    pg = new Playground({ seed: seed + SEED_SHIFT + stats.cases });
    const sink = { write: () => {} };
    await runFast(pg, 'kubectl create deployment web --image=nginx:1.27 --replicas=2 && kubectl expose deploy web --port=80 && kubectl run solo --image=busybox:1.36 -- sleep 3600', { stdout: sink, maxVirtualMs: 60_000 });
    await runFast(pg, 'sleep 20', { stdout: sink, maxVirtualMs: 60_000 });
    pg.fs.writeFile('/root/m.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fromfile\n');
    scene = { names: (pg.cluster.store.list('pods', { namespace: 'default' }).items).map((p) => p.metadata.name!) };
  };
  await renew();
  for (let i = 0; i < lines; i++) {
    if (i > 0 && i % 500 === 0) {
      const e = { ...helper, cluster: pg.cluster, failures: [] as Failure[] };
      checkInvariants(e, `shell seed ${seed + SEED_SHIFT}, after line ${i}`);
      failures.push(...e.failures);
      pg.shell.killAllJobs();
      await renew();
    }
    let line: string;
    if (r.chance(0.08)) line = r.pick(EXTRA_LINES);
    else {
      let argv = grammarArgv(r, scene);
      if (r.chance(0.3)) argv = mutateArgv(r, argv, scene);
      line = shellLine(r, argv);
    }
    let out = '';
    const w = { write: (t: string) => void (out += t.length > 100_000 ? t.slice(0, 100_000) : t) };
    let code: unknown;
    let threw: unknown;
    // runFast interrupts a waiting line after maxVirtualMs of virtual time (Ctrl-C); the wall
    // clock guard catches a line that never yields to it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const guard = new Promise<'hang'>((res) => (timer = setTimeout(() => res('hang'), 10_000)));
    try {
      const res = await Promise.race([runFast(pg, line, { stdout: w, stderr: w, maxVirtualMs: 60_000 }), guard]);
      if (res === 'hang') failures.push({ kind: 'hang', what: JSON.stringify(line), detail: `no answer after 10 s of wall time; output so far: ${out.slice(-500)}` });
      else code = res;
    } catch (e) {
      threw = e;
    } finally {
      clearTimeout(timer);
      pg.shell.killAllJobs();
    }
    stats.cases++;
    if (threw !== undefined) failures.push({ kind: 'threw', what: JSON.stringify(line), detail: String((threw as Error)?.stack ?? threw) });
    else if (code !== undefined && (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 255)) failures.push({ kind: 'exit-code', what: JSON.stringify(line), detail: `exit code ${String(code)}` });
    else if (code !== undefined) {
      const m = JS_BUG.exec(out);
      if (m) failures.push({ kind: 'js-error', what: JSON.stringify(line), detail: `matched ${m[0]}: ${out.slice(Math.max(0, m.index - 300), m.index + 300)}` });
      if (code === 0) stats.ok++;
      else stats.failed++;
    }
    if (failures.length > 100) break;
  }
  const e = { ...helper, cluster: pg.cluster, failures: [] as Failure[] };
  checkInvariants(e, `shell seed ${seed + SEED_SHIFT}, at the end`);
  failures.push(...e.failures);
  stats.ms = performance.now() - t0;
  return stats;
}
