// The simulated nodes: one kubelet per node sharing the pod and node informers, the runtime that
// delivers HTTP into pods (for kube-proxy), and the apiserver's node hooks (log, exec, proxy).
import type { KubeObject } from '../../api/types';
import type { NodeHooks } from '../apiserver/context';
import type { ControllerContext } from '../controllers/context';
import type { NodeSpec } from '../topology';
import { Kubelet, type FleetLink } from './kubelet';
import type { Sandbox } from './sandbox';
import { makeHooks } from './hooks';
import type { HttpError, HttpNetwork, HttpOptions, HttpRequest, HttpResult, PodRuntime } from './types';

type Obj = Record<string, any>;

export interface NodeFleet {
  kubelet(name: string): Kubelet | undefined;
  kubelets(): Kubelet[];
  /** Fault injection: the kubelet stops heartbeats and stops touching pods; its pods stop answering. */
  stop(name: string): void;
  start(name: string): void;
  hooks: NodeHooks;
  runtime: PodRuntime;
  setNetwork(n: HttpNetwork): void;
  /** Finds the runtime view of a pod by IP (for the UI and kube-proxy). */
  sandboxByIP(ip: string): { kubelet: Kubelet; sandbox: Sandbox } | undefined;
}

export function startNodes(ctx: ControllerContext, nodes: NodeSpec[]): NodeFleet {
  const kubelets = new Map<string, Kubelet>();
  const byIP = new Map<string, { kubelet: Kubelet; sandbox: Sandbox }>();
  let network: HttpNetwork | undefined;
  const services = ctx.informers.for('services');

  const serveHttp = (podIP: string, port: number, req: HttpRequest): HttpResult => {
    const hit = byIP.get(podIP);
    if (!hit) return { error: 'unreachable' };
    if (hit.kubelet.stopped) return { error: 'timeout' };
    for (const c of hit.sandbox.containers) {
      const app = c.running && !c.proc?.exited ? c.proc?.app : undefined;
      if (!app || !app.ports.includes(port)) continue;
      if (!app.http) return { error: 'empty' };
      const r = app.http({ ...req, remoteAddr: req.remoteAddr ?? gateway(podIP) }, port);
      return r === 'empty' ? { error: 'empty' } : r;
    }
    return { error: 'refused' };
  };

  const runtime: PodRuntime = {
    serve: serveHttp,
    serveHttp: (ip, port, req) => {
      const r = serveHttp(ip, port, req);
      if (!('error' in r)) return r;
      return { error: r.error === 'refused' || r.error === 'empty' ? 'refused' : 'timeout' };
    },
    listening: (ip, port) => {
      const hit = byIP.get(ip);
      return !!hit && !hit.kubelet.stopped && hit.sandbox.containers.some((c) => c.running && !c.proc?.exited && c.proc?.app?.ports.includes(port));
    },
  };

  /** Requests from a pod (curl, wget) or a node (probes): localhost and pod IPs are served here. */
  const http = (fromIP: string | undefined, url: string, opts: HttpOptions = {}): HttpResult => {
    const u = parseUrl(url);
    if (!u) return { error: 'unresolved' };
    const req: HttpRequest = { method: opts.method ?? 'GET', path: u.path, headers: opts.headers, body: opts.body };
    if ((u.host === 'localhost' || u.host === '127.0.0.1') && fromIP) return serveHttp(fromIP, u.port, { ...req, remoteAddr: '127.0.0.1' });
    if (network) {
      const r = network.request(fromIP, url, opts);
      if (!('error' in r)) return r;
      const kind = r.error === 'dns' || r.error === 'url' ? 'unresolved' : (['refused', 'timeout', 'empty', 'unreachable'].includes(r.error) ? r.error : 'timeout');
      return { error: kind as HttpError['error'], message: r.message, curlCode: r.curlCode };
    }
    if (byIP.has(u.host)) return serveHttp(u.host, u.port, { ...req, remoteAddr: fromIP });
    return /^\d+\.\d+\.\d+\.\d+$/.test(u.host) ? { error: 'timeout' } : { error: 'unresolved' };
  };

  const link: FleetLink = {
    http,
    services: () => services.list(),
    ipAdded: (ip, kubelet, sandbox) => byIP.set(ip, { kubelet, sandbox }),
    ipRemoved: (ip) => byIP.delete(ip),
  };

  for (const n of nodes) kubelets.set(n.name, new Kubelet(ctx, n, link));

  const podKey = (p: KubeObject) => `${p.metadata.namespace}/${p.metadata.name}`;
  const route = (p: KubeObject) => kubelets.get((p.spec as Obj)?.nodeName)?.enqueue(podKey(p));
  ctx.informers.for('pods').addEventHandler({
    onAdd: route,
    onUpdate: (o, n) => {
      if ((o.spec as Obj)?.nodeName !== (n.spec as Obj)?.nodeName) {
        route(n);
        route(o);
      } else if (kubeletCares(o, n)) route(n);
      else kubelets.get((n.spec as Obj)?.nodeName)?.statusChanged(n);
    },
    onDelete: route,
  });
  // Node annotations (kubeplay.io/state: stopped) are honoured on the clock, never in the handler.
  const nodeInformer = ctx.informers.for('nodes');
  const nodeChanged = (node: KubeObject) => {
    const k = kubelets.get(node.metadata.name!);
    if (k) ctx.clock.after(0, () => k.nodeChanged(nodeInformer.get('', k.name)));
  };
  nodeInformer.addEventHandler({ onAdd: nodeChanged, onUpdate: (_, n) => nodeChanged(n) });
  services.addEventHandler({});

  // Kubelets start once the informers have listed (the host calls ctx.informers.start()).
  ctx.clock.after(0, () => {
    for (const k of kubelets.values()) k.start(false);
  });

  const fleet: NodeFleet = {
    kubelet: (name) => kubelets.get(name),
    kubelets: () => [...kubelets.values()],
    stop: (name) => kubelets.get(name)?.stop(true),
    start: (name) => kubelets.get(name)?.start(true),
    hooks: undefined as unknown as NodeHooks,
    runtime,
    setNetwork: (n) => (network = n),
    sandboxByIP: (ip) => byIP.get(ip),
  };
  fleet.hooks = makeHooks(ctx, fleet, http, kubelets);
  return fleet;
}

/**
 * Whether a pod update is one the kubelet acts on. Like kubelet's pod config (checkAndUpdatePod),
 * changes to the status alone (its own reports, the scheduler's conditions) trigger no sync.
 */
export function kubeletCares(o: KubeObject, n: KubeObject): boolean {
  const om = o.metadata;
  const nm = n.metadata;
  if (om.uid !== nm.uid || om.deletionTimestamp !== nm.deletionTimestamp || om.deletionGracePeriodSeconds !== nm.deletionGracePeriodSeconds) return true;
  if (o.spec === n.spec) return false;
  const os = (o.spec ?? {}) as Obj;
  const ns = (n.spec ?? {}) as Obj;
  return !sameImages(os.containers, ns.containers) || !sameImages(os.initContainers, ns.initContainers);
}

/** Container images are the part of a bound pod's spec that can change (and that the kubelet acts on). */
function sameImages(a: Obj[] | undefined, b: Obj[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name || a[i].image !== b[i].image) return false;
  return true;
}

function gateway(podIP: string): string {
  return podIP.split('.').slice(0, 3).join('.') + '.1';
}

export function parseUrl(url: string): { scheme: string; host: string; port: number; path: string } | undefined {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)?/i.exec(url.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}
