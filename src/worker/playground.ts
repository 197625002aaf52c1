// A playground: one simulated cluster, a workspace of files and a shell whose programs (kubectl,
// curl, minikube, ...) reach the cluster the way they would on a real machine. Hosted by the
// worker in the browser and by `kubeplay run` / `kubeplay shell` in Node; no postMessage here.
import type { ApiRequest } from '../api/client';
import type { KubeObject } from '../api/types';
import { createCluster, restoreCluster, type Cluster, type ClusterSnapshot } from '../cluster/cluster';
// The shell's modules, not its index: the index brings the coreutils, which the browser's worker
// loads after the first prompt (programs-lazy.ts).
import { Shell } from '../shell/shell';
import { VirtualFs, type FsSnapshot } from '../shell/fs';
import type { Program, Completer } from '../shell/types';
import { coreutils } from './programs-source';
import { kubectlProgram, completeKubectl } from './kubectl-source';
import { curlProgram, wgetProgram, minikubeProgram, type HostNet, type HttpReply, type NetFailure } from '../shell/programs/net';
import { inProcessClient } from '../transport/inprocess';
import type { KubectlConfig } from '../kubectl/io';

export type Listener = (req: { method: string; path: string; headers: Record<string, string>; body?: string }) => Promise<{ status: number; headers: Record<string, string>; body: string }>;

export interface PlaygroundOptions {
  seed?: number;
  topology?: string;
  nodes?: number;
  /** Virtual start time (ms). */
  start?: number;
  snapshot?: ClusterSnapshot;
  /** The store's backend quota in estimated bytes (default: store/quota.ts). */
  quotaBackendBytes?: number;
  /** A saved workspace, shell history and namespace (a reload continues where the learner was). */
  files?: FsSnapshot;
  history?: string[];
  namespace?: string;
  /** kubectl edit in the host's editor. */
  edit?(text: string, fileName: string): Promise<string | null>;
  /** Yield to the host's event loop (so Ctrl-C can arrive during loops). */
  yield?(): Promise<void>;
  /** The cluster's components start at cluster.start(), which the host calls (ClusterOptions.deferStart). */
  deferStart?: boolean;
}

export const SERVER = 'https://127.0.0.1:6443';

/** The apiserver pretty-prints JSON for curl, as kube-apiserver does for curl's user agent. */
function apiOverHttp(cluster: Cluster, req: { method: string; path: string; headers: Record<string, string>; body?: string }) {
  const u = new URL(req.path, 'http://localhost');
  const query: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (query[k] = v));
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) lower[k.toLowerCase()] = v;
  const ar: ApiRequest = { verb: req.method as ApiRequest['verb'], path: decodeURIComponent(u.pathname), query, body: req.body, contentType: lower['content-type'], accept: lower['accept'] };
  const res = cluster.api.handle(ar);
  cluster.settle();
  const body = typeof res.body === 'string' ? res.body : JSON.stringify(res.body, null, 2) + '\n';
  return { status: res.status, headers: { 'Content-Type': res.contentType }, body };
}

function cwdShort(shell: Shell): string {
  const cwd = shell.getVar('PWD') ?? '/root';
  return cwd === '/root' ? '~' : cwd.startsWith('/root/') ? '~' + cwd.slice(5) : cwd;
}

export class Playground {
  readonly cluster: Cluster;
  readonly fs: VirtualFs;
  readonly shell: Shell;
  namespace = 'default';
  readonly listeners = new Map<number, Listener>();
  readonly programs: Map<string, Program>;

  constructor(readonly opts: PlaygroundOptions = {}) {
    const { quotaBackendBytes, deferStart } = opts;
    this.cluster = opts.snapshot
      ? restoreCluster(opts.snapshot, { quotaBackendBytes, deferStart })
      : createCluster({ seed: opts.seed, topology: opts.topology, nodes: opts.nodes, start: opts.start, quotaBackendBytes, deferStart });
    const now = () => this.cluster.clock.now();
    this.fs = opts.files ? VirtualFs.fromJSON(opts.files, { now }) : new VirtualFs({ now });
    if (opts.namespace) this.namespace = opts.namespace;
    const client = inProcessClient(this.cluster.api, { afterRequest: () => this.cluster.settle() });
    const config = (): KubectlConfig => ({
      client,
      namespace: this.namespace,
      server: SERVER,
      context: 'kubeplay',
      cluster: 'kubeplay',
      user: 'kubeplay',
      setNamespace: (ns) => (this.namespace = ns),
      listen: (port, handler) => {
        if (this.listeners.has(port)) return `listen tcp 127.0.0.1:${port}: bind: address already in use`;
        this.listeners.set(port, handler);
        return { close: () => this.listeners.delete(port) };
      },
    });
    const net: HostNet = { request: (url, o) => this.request(url, o) };
    this.programs = coreutils();
    this.programs.set('kubectl', kubectlProgram({ config, edit: opts.edit }));
    this.programs.set('curl', curlProgram(net));
    this.programs.set('wget', wgetProgram(net));
    this.programs.set(
      'minikube',
      minikubeProgram({
        ip: () => (this.isMinikube() ? this.nodeIP('minikube') : undefined),
        serviceUrls: async (name, ns) => this.serviceUrls(name, ns),
      }),
    );
    this.completers = new Map<string, Completer>([['kubectl', (words, index) => completeKubectl(words, index, config())]]);
    this.shell = this.newShell();
    for (const line of opts.history ?? []) this.shell.history.add(line);
  }

  /** Everything a reload needs, as plain JSON. */
  state() {
    const cluster = this.cluster.snapshot();
    return { cluster, files: this.fs.toJSON(), history: [...this.shell.history.entries], namespace: this.namespace, virtualTime: cluster.now };
  }

  private readonly completers: Map<string, Completer>;

  /** Another shell on the same cluster and workspace (a second terminal tab). */
  newShell(): Shell {
    const hostname = this.isMinikube() ? 'minikube' : 'controlplane';
    const shell: Shell = new Shell({
      programs: this.programs,
      fs: this.fs,
      host: { sleep: (ms) => this.sleep(ms), now: () => this.cluster.clock.now(), yield: this.opts.yield },
      completers: this.completers,
      hostname,
      user: 'root',
      prompt: () => `${hostname}:${cwdShort(shell)}$ `,
      env: { KUBECONFIG: '/root/.kube/config' },
    });
    return shell;
  }


  isMinikube(): boolean {
    return !!this.cluster.store.get('nodes', '', 'minikube');
  }

  nodeIP(name: string): string | undefined {
    const n = this.cluster.store.get('nodes', '', name) as KubeObject | undefined;
    return (n?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  }

  private async serviceUrls(name: string, ns: string): Promise<string[] | { error: string }> {
    const svc = this.cluster.store.get('services', ns, name) as KubeObject | undefined;
    if (!svc) return { error: `\n❌  Exiting due to SVC_NOT_FOUND: Service '${name}' was not found in '${ns}' namespace.\nYou may select another namespace by using 'minikube service ${name} -n <namespace>'. Or list out all the services using 'minikube service list'\n\n` };
    const ports = ((svc.spec as { ports?: { nodePort?: number }[] }).ports ?? []).filter((p) => p.nodePort);
    if (!ports.length) return { error: `😿  service ${ns}/${name} has no node port\n` };
    const ip = this.nodeIP('minikube') ?? this.nodeIP('controlplane');
    return ports.map((p) => `http://${ip}:${p.nodePort}`);
  }

  /** Virtual-time sleep: resolves when the cluster's clock passes the deadline. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.cluster.clock.after(Math.max(0, ms), resolve));
  }

  /** The learner's machine: localhost listeners (kubectl proxy, port-forward), the API, the cluster network. */
  async request(url: string, o: { method: string; headers: Record<string, string>; body?: string }): Promise<HttpReply | NetFailure> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { error: 'dns', message: 'URL rejected: Malformed input to a URL function', curlCode: 3 };
    }
    const host = u.hostname;
    const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
    if (host === 'localhost' || host === '127.0.0.1') {
      const l = this.listeners.get(port);
      const req = { method: o.method, path: u.pathname + u.search, headers: { 'User-Agent': 'curl/7.88.1', Accept: '*/*', ...o.headers }, body: o.body };
      if (l) return l(req);
      if (port === 6443 || port === 8080) return apiOverHttp(this.cluster, req);
      return { error: 'refused', message: `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`, curlCode: 7 };
    }
    const res = this.cluster.components?.network.request(undefined, url, o);
    this.cluster.settle();
    if (!res) return { error: 'refused', message: `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`, curlCode: 7 };
    if ('error' in res) return { error: res.error === 'url' ? 'dns' : (res.error as NetFailure['error']), message: res.message, curlCode: res.curlCode };
    return { status: res.status, headers: res.headers, body: res.body };
  }

  /** Serves the API like `kubectl proxy` does (used by its listener). */
  api(req: { method: string; path: string; headers: Record<string, string>; body?: string }) {
    return apiOverHttp(this.cluster, req);
  }
}
