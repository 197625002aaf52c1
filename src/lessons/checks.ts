// The check engine: each check type of lessons/FORMAT.md evaluated against the cluster's state
// through an ApiClient (or kubectl over the same client for `field` and `kubectl` checks), never
// the store and never the terminal's text (`ranCommand` excepted, by design). Every result says
// what is still missing, in English and Chinese.
import type { ApiClient, ApiResponse } from '../api/client';
import type { KubeObject } from '../api/types';
import { runKubectl } from '../kubectl/kubectl';
import type { KubectlConfig, KubectlIO } from '../kubectl/io';
import { resolveKind } from './schema';
import type { Check, Localized } from './types';

export interface CheckEnv {
  client: ApiClient;
  /** The host's kubectl configuration (server URL, listeners); namespace is always set per check. */
  kubectl?: Partial<KubectlConfig>;
  /** Virtual now (ms), for ages in kubectl's output. */
  now?: () => number;
  /** The command lines the learner typed (for `ranCommand`), oldest first. */
  commands?: readonly string[];
}

export interface CheckResult {
  type: string;
  passed: boolean;
  /** What is still missing, one short line per language (absent when passed). */
  missing?: Localized;
}

export interface ChecksResult {
  passed: boolean;
  results: CheckResult[];
  missing: { en: string[]; zh: string[] };
}

type Obj = KubeObject & { spec?: any; status?: any };
type F = Record<string, any>;

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

const miss = (en: string, zh: string): Localized => ({ en, zh });

class ReadError extends Error {}

function path(kind: string, namespace: string | undefined, name?: string): { url: string; namespaced: boolean; label: string } {
  const r = resolveKind(kind);
  if (!r) throw new ReadError(`unknown resource type "${kind}"`);
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const namespaced = r.scope === 'Namespaced';
  const coll = namespaced ? `${base}/namespaces/${namespace ?? 'default'}/${r.resource}` : `${base}/${r.resource}`;
  return { url: name === undefined ? coll : `${coll}/${encodeURIComponent(name)}`, namespaced, label: r.singular };
}

async function read(env: CheckEnv, url: string, query?: Record<string, string>, accept?: string): Promise<ApiResponse> {
  const res = await env.client.request({ verb: 'GET', path: url, query, accept });
  if (res.status !== 200 && res.status !== 404) {
    const msg = (res.body as { message?: string })?.message ?? `HTTP ${res.status}`;
    throw new ReadError(msg);
  }
  return res;
}

async function getObj(env: CheckEnv, kind: string, name: string, ns?: string): Promise<Obj | undefined> {
  const res = await read(env, path(kind, ns, name).url);
  return res.status === 404 ? undefined : (res.body as Obj);
}

async function listObjs(env: CheckEnv, kind: string, ns: string | undefined, query: Record<string, string> = {}): Promise<Obj[]> {
  const res = await read(env, path(kind, ns).url, query);
  if (res.status === 404) return [];
  return ((res.body as { items?: Obj[] }).items ?? []).filter((o) => !o.metadata.deletionTimestamp);
}

const live = (o: Obj) => !o.metadata.deletionTimestamp;
const podReady = (p: Obj) => p.status?.phase === 'Running' && !!p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');

/** `nginx:1.27`, `docker.io/library/nginx:1.27` and `index.docker.io/library/nginx:1.27` are one image. */
export function sameImage(a: string, b: string): boolean {
  const norm = (s: string) => {
    let x = s.replace(/^(index\.)?docker\.io\//, '');
    if (!x.includes('/')) x = `library/${x}`;
    if (!/[:@]/.test(x.split('/').pop()!)) x += ':latest';
    return x;
  };
  return norm(a) === norm(b);
}

const images = (podSpec: any): string[] => (podSpec?.containers ?? []).map((c: any) => c.image as string);

function nsLabel(f: F): string {
  return f.namespace && f.namespace !== 'default' ? ` -n ${f.namespace}` : '';
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === q) q = undefined;
      else if (c === '\\' && q === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else if (c === '\\' && i + 1 < s.length) cur += s[++i];
    else cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

async function kubectl(env: CheckEnv, argv: string[], namespace = 'default'): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: KubectlIO = {
    stdout: { write: (t) => void (out += t) },
    stderr: { write: (t) => void (err += t) },
    signal: { aborted: false, onAbort: () => () => {} },
    now: env.now ?? (() => Date.now()),
    sleep: async () => {},
    readFile: () => undefined,
  };
  const config: KubectlConfig = { server: 'https://127.0.0.1:6443', ...env.kubectl, client: env.client, namespace, setNamespace: undefined, listen: undefined };
  const code = await runKubectl(argv, io, config);
  return { code, out, err };
}

function quote(v: unknown): string {
  const s = String(v);
  return s.length > 60 ? JSON.stringify(s.slice(0, 57) + '...') : JSON.stringify(s);
}

type Evaluator = (f: F, env: CheckEnv) => Promise<Localized | undefined>;

const EVAL: Record<string, Evaluator> = {
  async exists(f, env) {
    const { label } = path(f.kind, f.namespace);
    const o = await getObj(env, f.kind, f.name, f.namespace);
    if (o && live(o)) return undefined;
    if (o) return miss(`${label} ${f.name} is being deleted`, `${label} ${f.name} 正在被删除`);
    return miss(`${label} ${f.name} does not exist yet${nsLabel(f)}`, `${label} ${f.name} 还不存在${nsLabel(f)}`);
  },

  async absent(f, env) {
    const { label } = path(f.kind, f.namespace);
    const o = await getObj(env, f.kind, f.name, f.namespace);
    if (!o) return undefined;
    if (!live(o)) return miss(`${label} ${f.name} is still terminating`, `${label} ${f.name} 仍在终止中`);
    return miss(`${label} ${f.name} still exists${nsLabel(f)}`, `${label} ${f.name} 仍然存在${nsLabel(f)}`);
  },

  async count(f, env) {
    const { label } = path(f.kind, f.namespace);
    const q: Record<string, string> = {};
    if (f.selector) q.labelSelector = f.selector;
    if (f.fieldSelector) q.fieldSelector = f.fieldSelector;
    const n = (await listObjs(env, f.kind, f.namespace, q)).length;
    const what = `${label}${f.selector ? ` (${f.selector})` : ''}${f.fieldSelector ? ` (${f.fieldSelector})` : ''}`;
    if (f.equals !== undefined && n !== f.equals) return miss(`${what}: ${n}, want ${f.equals}`, `${what}：现有 ${n} 个，需要 ${f.equals} 个`);
    if (f.min !== undefined && n < f.min) return miss(`${what}: ${n}, want at least ${f.min}`, `${what}：现有 ${n} 个，至少需要 ${f.min} 个`);
    if (f.max !== undefined && n > f.max) return miss(`${what}: ${n}, want at most ${f.max}`, `${what}：现有 ${n} 个，最多 ${f.max} 个`);
    return undefined;
  },

  async deploymentReady(f, env) {
    const d = await getObj(env, 'deployment', f.name, f.namespace);
    if (!d || !live(d)) return miss(`deployment ${f.name} does not exist yet${nsLabel(f)}`, `Deployment ${f.name} 还不存在${nsLabel(f)}`);
    const want: number = f.replicas ?? d.spec?.replicas ?? 1;
    if (f.replicas !== undefined && d.spec?.replicas !== f.replicas) return miss(`${f.name}: ${d.spec?.replicas ?? 1} replicas wanted, the goal is ${f.replicas}`, `${f.name}：期望副本数是 ${d.spec?.replicas ?? 1}，目标是 ${f.replicas}`);
    if (f.image) {
      const imgs = images(d.spec?.template?.spec);
      if (!imgs.length || !imgs.every((i) => sameImage(i, f.image))) return miss(`${f.name}: image is ${imgs.join(', ')}, want ${f.image}`, `${f.name}：镜像是 ${imgs.join(', ')}，需要 ${f.image}`);
    }
    const s = d.status ?? {};
    const ready = s.readyReplicas ?? 0;
    const updated = s.updatedReplicas ?? 0;
    const available = s.availableReplicas ?? 0;
    if ((s.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return miss(`${f.name}: the controller has not seen the latest change yet`, `${f.name}：控制器还没有处理最新的变更`);
    if (updated < want) return miss(`${f.name}: ${updated}/${want} pods updated`, `${f.name}：${want} 个 Pod 中 ${updated} 个已更新`);
    if (ready < want) return miss(`${f.name}: ${ready}/${want} pods ready`, `${f.name}：${want} 个 Pod 中 ${ready} 个已就绪`);
    if (available < want) return miss(`${f.name}: ${available}/${want} pods available`, `${f.name}：${want} 个 Pod 中 ${available} 个可用`);
    if ((s.replicas ?? 0) !== want || ready !== want || updated !== want || available !== want)
      return miss(`${f.name}: ${s.replicas ?? 0} pods, want exactly ${want} (old pods still going away)`, `${f.name}：现有 ${s.replicas ?? 0} 个 Pod，需要正好 ${want} 个（旧 Pod 仍在退出）`);
    return undefined;
  },

  async podsRunning(f, env) {
    const q: Record<string, string> = f.selector ? { labelSelector: f.selector } : {};
    const pods = (await listObjs(env, 'pod', f.namespace, q)).filter((p) => !f.image || images(p.spec).some((i) => sameImage(i, f.image)));
    const n = pods.filter(podReady).length;
    const what = `pods${f.selector ? ` (${f.selector})` : ''}${f.image ? ` with ${f.image}` : ''}`;
    const zwhat = `Pod${f.selector ? `（${f.selector}）` : ''}${f.image ? `（镜像 ${f.image}）` : ''}`;
    if (f.count !== undefined) {
      if (n !== f.count) return miss(`${what}: ${n}/${f.count} running and ready`, `${zwhat}：${f.count} 个中 ${n} 个正在运行且就绪`);
      if (pods.length > f.count) return miss(`${what}: ${pods.length} pods, want ${f.count}`, `${zwhat}：共 ${pods.length} 个，需要 ${f.count} 个`);
      return undefined;
    }
    const min = f.min ?? 1;
    if (n < min) return miss(`${what}: ${n}/${min} running and ready`, `${zwhat}：${min} 个中 ${n} 个正在运行且就绪`);
    return undefined;
  },

  async podStatus(f, env) {
    const q: Record<string, string> = {};
    if (f.selector) q.labelSelector = f.selector;
    if (f.name) q.fieldSelector = `metadata.name=${f.name}`;
    const res = await read(env, path('pod', f.namespace).url, q, TABLE_ACCEPT);
    const t = res.body as { columnDefinitions?: { name: string }[]; rows?: { cells: unknown[] }[] };
    const col = t.columnDefinitions?.findIndex((c) => c.name === 'Status') ?? -1;
    const nameCol = t.columnDefinitions?.findIndex((c) => c.name === 'Name') ?? 0;
    const rows = (t.rows ?? []).map((r) => ({ name: String(r.cells[nameCol]), status: String(r.cells[col]) }));
    if (rows.some((r) => r.status === f.status)) return undefined;
    const who = f.name ? `pod ${f.name}` : `pods${f.selector ? ` (${f.selector})` : ''}`;
    const zwho = f.name ? `Pod ${f.name}` : `Pod${f.selector ? `（${f.selector}）` : ''}`;
    if (!rows.length) return miss(`${who}: none yet, want ${f.status}`, `${zwho}：还不存在，需要 ${f.status}`);
    const seen = [...new Set(rows.map((r) => r.status))].join(', ');
    return miss(`${who}: ${seen}, want ${f.status}`, `${zwho}：当前是 ${seen}，需要 ${f.status}`);
  },

  async serviceEndpoints(f, env) {
    const svc = await getObj(env, 'service', f.name, f.namespace);
    if (!svc) return miss(`service ${f.name} does not exist yet${nsLabel(f)}`, `Service ${f.name} 还不存在${nsLabel(f)}`);
    const slices = await listObjs(env, 'endpointslice', f.namespace, { labelSelector: `kubernetes.io/service-name=${f.name}` });
    const ready = new Set<string>();
    for (const s of slices) for (const e of (s as any).endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses ?? []) ready.add(a);
    const n = ready.size;
    if (f.count !== undefined) return n === f.count ? undefined : miss(`service ${f.name}: ${n}/${f.count} ready endpoints`, `Service ${f.name}：${f.count} 个端点中 ${n} 个就绪`);
    const min = f.min ?? 1;
    return n >= min ? undefined : miss(`service ${f.name}: ${n}/${min} ready endpoints`, `Service ${f.name}：${min} 个端点中 ${n} 个就绪`);
  },

  async serviceType(f, env) {
    const svc = await getObj(env, 'service', f.name, f.namespace);
    if (!svc) return miss(`service ${f.name} does not exist yet${nsLabel(f)}`, `Service ${f.name} 还不存在${nsLabel(f)}`);
    const t = svc.spec?.type ?? 'ClusterIP';
    return t === f.type ? undefined : miss(`service ${f.name} is ${t}, want ${f.type}`, `Service ${f.name} 的类型是 ${t}，需要 ${f.type}`);
  },

  async labels(f, env) {
    const { label } = path(f.kind, f.namespace);
    const o = await getObj(env, f.kind, f.name, f.namespace);
    if (!o) return miss(`${label} ${f.name} does not exist yet${nsLabel(f)}`, `${label} ${f.name} 还不存在${nsLabel(f)}`);
    const have = o.metadata.labels ?? {};
    for (const [k, v] of Object.entries(f.labels as Record<string, unknown>)) {
      if (v === null) {
        if (k in have) return miss(`${label} ${f.name}: label ${k} should be removed`, `${label} ${f.name}：应当去掉标签 ${k}`);
      } else if (have[k] !== String(v)) {
        return k in have
          ? miss(`${label} ${f.name}: label ${k}=${have[k]}, want ${k}=${v}`, `${label} ${f.name}：标签是 ${k}=${have[k]}，需要 ${k}=${v}`)
          : miss(`${label} ${f.name}: label ${k}=${v} missing`, `${label} ${f.name}：缺少标签 ${k}=${v}`);
      }
    }
    return undefined;
  },

  async field(f, env) {
    const { label } = path(f.kind, f.namespace);
    const r = await kubectl(env, ['get', f.kind, f.name, '-o', `jsonpath=${f.path}`], f.namespace);
    if (r.code !== 0) {
      if (/NotFound/.test(r.err)) return miss(`${label} ${f.name} does not exist yet${nsLabel(f)}`, `${label} ${f.name} 还不存在${nsLabel(f)}`);
      return miss(`${label} ${f.name} ${f.path}: ${r.err.trim().split('\n')[0]}`, `${label} ${f.name} ${f.path}：${r.err.trim().split('\n')[0]}`);
    }
    const v = r.out;
    if (f.equals !== undefined && v !== String(f.equals)) return miss(`${label} ${f.name} ${f.path} is ${quote(v)}, want ${quote(f.equals)}`, `${label} ${f.name} 的 ${f.path} 是 ${quote(v)}，需要 ${quote(f.equals)}`);
    if (f.not !== undefined && v === String(f.not)) return miss(`${label} ${f.name} ${f.path} is still ${quote(v)}`, `${label} ${f.name} 的 ${f.path} 仍然是 ${quote(v)}`);
    if (f.matches !== undefined && !new RegExp(f.matches).test(v)) return miss(`${label} ${f.name} ${f.path} is ${quote(v)}, want /${f.matches}/`, `${label} ${f.name} 的 ${f.path} 是 ${quote(v)}，需要匹配 /${f.matches}/`);
    return undefined;
  },

  async kubectl(f, env) {
    const r = await kubectl(env, splitArgs(f.args));
    const cmd = `kubectl ${f.args}`;
    if (r.code !== 0) return miss(`${cmd}: ${r.err.trim().split('\n')[0] || `exit code ${r.code}`}`, `${cmd}：${r.err.trim().split('\n')[0] || `退出码 ${r.code}`}`);
    const out = r.out;
    if (f.equals !== undefined && out.trim() !== String(f.equals).trim()) return miss(`${cmd} prints ${quote(out.trim())}, want ${quote(String(f.equals).trim())}`, `${cmd} 输出 ${quote(out.trim())}，需要 ${quote(String(f.equals).trim())}`);
    if (f.matches !== undefined && !new RegExp(f.matches, 'm').test(out)) return miss(`${cmd}: output does not match /${f.matches}/ yet`, `${cmd}：输出还不匹配 /${f.matches}/`);
    if (f.contains !== undefined && !out.includes(f.contains)) return miss(`${cmd}: output does not contain ${quote(f.contains)} yet`, `${cmd}：输出中还没有 ${quote(f.contains)}`);
    if (f.lines !== undefined) {
      const n = out.split('\n').filter((l) => l.trim()).length;
      if (n !== f.lines) return miss(`${cmd}: ${n} lines, want ${f.lines}`, `${cmd}：输出 ${n} 行，需要 ${f.lines} 行`);
    }
    return undefined;
  },

  async node(f, env) {
    const n = await getObj(env, 'node', f.name);
    if (!n) return miss(`node ${f.name} does not exist`, `节点 ${f.name} 不存在`);
    if (f.ready !== undefined) {
      const ready = !!n.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
      if (ready !== f.ready) return f.ready ? miss(`node ${f.name} is NotReady, want Ready`, `节点 ${f.name} 是 NotReady，需要 Ready`) : miss(`node ${f.name} is still Ready`, `节点 ${f.name} 仍是 Ready`);
    }
    if (f.schedulable !== undefined) {
      const sched = !n.spec?.unschedulable;
      if (sched !== f.schedulable) return f.schedulable ? miss(`node ${f.name} is cordoned (SchedulingDisabled)`, `节点 ${f.name} 已被封锁（SchedulingDisabled）`) : miss(`node ${f.name} is still schedulable`, `节点 ${f.name} 仍可调度`);
    }
    if (f.stopped !== undefined) {
      const stopped = n.metadata.annotations?.['kubeplay.io/state'] === 'stopped';
      if (stopped !== f.stopped) return f.stopped ? miss(`node ${f.name} is still running`, `节点 ${f.name} 仍在运行`) : miss(`node ${f.name} is stopped`, `节点 ${f.name} 已停止`);
    }
    if (f.taint !== undefined) {
      const s = String(f.taint);
      const i = s.lastIndexOf(':');
      const effect = s.slice(i + 1);
      const [key, value] = s.slice(0, i).split('=');
      const has = (n.spec?.taints ?? []).some((t: any) => t.key === key && t.effect === effect && (value === undefined || (t.value ?? '') === value));
      if (!has) return miss(`node ${f.name} has no taint ${s}`, `节点 ${f.name} 没有污点 ${s}`);
    }
    return undefined;
  },

  async namespaceExists(f, env) {
    const n = await getObj(env, 'namespace', f.name);
    if (n && n.status?.phase !== 'Terminating' && live(n)) return undefined;
    return n ? miss(`namespace ${f.name} is terminating`, `名字空间 ${f.name} 正在终止`) : miss(`namespace ${f.name} does not exist yet`, `名字空间 ${f.name} 还不存在`);
  },

  async namespaceGone(f, env) {
    const n = await getObj(env, 'namespace', f.name);
    if (!n) return undefined;
    return n.status?.phase === 'Terminating' || !live(n) ? miss(`namespace ${f.name} is still terminating`, `名字空间 ${f.name} 仍在终止中`) : miss(`namespace ${f.name} still exists`, `名字空间 ${f.name} 仍然存在`);
  },

  async rolloutRevision(f, env) {
    const d = await getObj(env, 'deployment', f.name, f.namespace);
    if (!d) return miss(`deployment ${f.name} does not exist yet${nsLabel(f)}`, `Deployment ${f.name} 还不存在${nsLabel(f)}`);
    const rev = d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '0';
    return rev === String(f.revision) ? undefined : miss(`${f.name}: revision ${rev}, want ${f.revision}`, `${f.name}：修订版本是 ${rev}，需要 ${f.revision}`);
  },

  async ranCommand(f, env) {
    const re = new RegExp(f.matches);
    if ((env.commands ?? []).some((c) => re.test(c))) return undefined;
    return miss(`run a command matching /${f.matches}/`, `运行一条匹配 /${f.matches}/ 的命令`);
  },
};

export const CHECK_ENGINE_TYPES = Object.keys(EVAL);

export async function evaluateCheck(check: Check, env: CheckEnv): Promise<CheckResult> {
  const type = Object.keys(check)[0];
  const ev = EVAL[type];
  if (!ev) return { type, passed: false, missing: miss(`unknown check type "${type}"`, `未知的检查类型 "${type}"`) };
  try {
    const m = await ev(check[type] as F, env);
    return m ? { type, passed: false, missing: m } : { type, passed: true };
  } catch (e) {
    const msg = (e as Error)?.message ?? String(e);
    return { type, passed: false, missing: miss(`cannot check yet: ${msg}`, `暂时无法检查：${msg}`) };
  }
}

/** All checks of a step: passed when every one passes; `missing` lists what is not there yet. */
export async function evaluateChecks(checks: readonly Check[], env: CheckEnv): Promise<ChecksResult> {
  const results: CheckResult[] = [];
  for (const c of checks) results.push(await evaluateCheck(c, env));
  const failed = results.filter((r) => !r.passed);
  return { passed: failed.length === 0, results, missing: { en: failed.map((r) => r.missing!.en), zh: failed.map((r) => r.missing!.zh) } };
}
