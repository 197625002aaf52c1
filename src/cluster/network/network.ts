// The cluster network, shared by every node: kube-proxy's routing, cluster DNS, HTTP delivery to
// the container runtime, and the apiserver's services/pods proxy. It watches Services,
// EndpointSlices, Endpoints, Pods and Nodes through informers (handlers only mark the view
// stale) and answers synchronously from a view rebuilt on demand.
import type { ApiRequest, ApiResponse } from '../../api/client';
import type { KubeObject } from '../../api/types';
import type { ControllerContext } from '../controllers/context';
import { serviceUnavailable } from '../../api/status';
import { buildModel, type Model, type Sources } from './model';
import { KubeProxy, externalClientIP, type NetError, type NetErrorKind, type Route } from './proxy';
import { lookup as dnsLookup, nslookup as dnsNslookup, resolvConf as dnsResolvConf, reverse, type DnsResult, type ToolOutput } from './dns';
import { ctime, iptablesSave as renderIptables } from './iptables';
import { connectFailure, parseUrl, resolveFailure } from './http';

export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  scheme?: 'http' | 'https';
  /** The address the connection comes from, after any SNAT a real network would do. */
  sourceIP?: string;
  /** The Host header value. */
  host?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The container runtime (src/cluster/node) serves the apps. */
export interface Backend {
  serveHttp(podIP: string, port: number, req: HttpRequest): HttpResponse | { error: 'refused' | 'timeout' };
  /** Services on node addresses (apiserver 6443, kubelet 10250); refused when absent. */
  serveHost?(nodeName: string, port: number, req: HttpRequest): HttpResponse | { error: 'refused' | 'timeout' };
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export type RequestResult =
  | (HttpResponse & { remoteIP: string; remotePort: number; route: Route })
  | { error: NetErrorKind | 'dns' | 'url'; message: string; curlCode: number; elapsedMs: number };

export type ProxyTarget = { kind: 'pods' | 'services' | 'nodes'; object: KubeObject; port?: string; scheme?: string };

export interface Network {
  resolve(fromPodIP: string | undefined, host: string, port: number): Route | NetError;
  request(fromPodIP: string | undefined, url: string, opts?: RequestOptions): RequestResult;
  lookup(fromNamespace: string | undefined, name: string): DnsResult;
  resolvConf(namespace: string): string;
  nslookup(fromNamespace: string, name: string, style?: 'bind' | 'busybox'): ToolOutput;
  reverse(ip: string): string | undefined;
  iptablesSave(nodeName: string): string;
  serviceProxy(target: ProxyTarget, rest: string, req: ApiRequest): ApiResponse;
  podProxy(target: ProxyTarget, rest: string, req: ApiRequest): ApiResponse;
  /** NodeHooks.proxy for services and pods (nodes answer 503 until the kubelet serves them). */
  proxyHook(target: ProxyTarget, rest: string, req: ApiRequest): ApiResponse;
  setBackend(b: Backend): void;
  /** The current view (UI: cluster map). */
  model(): Model;
}

export function createNetwork(ctx: ControllerContext, backend?: Backend): Network {
  const src: Sources = {
    services: ctx.informers.for('services'),
    slices: ctx.informers.for('endpointslices.discovery.k8s.io'),
    endpoints: ctx.informers.for('endpoints'),
    pods: ctx.informers.for('pods'),
    nodes: ctx.informers.for('nodes'),
  };
  let cached: Model | undefined;
  const stale = () => (cached = undefined);
  for (const inf of Object.values(src)) inf.addEventHandler({ onAdd: stale, onUpdate: stale, onDelete: stale });
  const model = () => (cached ??= buildModel(src));
  const proxy = new KubeProxy(ctx.rand, ctx.clock);
  let be = backend;

  const podOf = (ip: string | undefined) => (ip ? model().podsByIP.get(ip) : undefined);

  const deliver = (route: Route, req: HttpRequest): HttpResponse | { error: 'refused' | 'timeout' } => {
    if (route.via === 'node') {
      return be?.serveHost && route.node ? be.serveHost(route.node, route.port, req) : { error: 'refused' };
    }
    if (!be) return { error: 'refused' };
    return be.serveHttp(route.ip, route.port, req);
  };

  const resolve = (fromPodIP: string | undefined, host: string, port: number) => proxy.route(model(), fromPodIP, host, port);

  const request = (fromPodIP: string | undefined, url: string, opts: RequestOptions = {}): RequestResult => {
    const u = parseUrl(url);
    if (!u) return { error: 'url', message: 'URL rejected: Malformed input to a URL function', curlCode: 3, elapsedMs: 0 };
    let ip: string;
    if (u.host === 'localhost' || u.host === '127.0.0.1') {
      // Inside a pod, localhost is the pod's own network namespace.
      if (!fromPodIP) return { error: 'refused', message: connectFailure(u.host, u.port, 0), curlCode: 7, elapsedMs: 0 };
      ip = fromPodIP;
    } else {
      const pod = podOf(fromPodIP);
      // Outside the cluster only IP addresses work: the user's machine does not use cluster DNS.
      const r = dnsLookup(model(), pod ? pod.metadata.namespace : undefined, u.host);
      if ('error' in r || !r.addresses.length || (!pod && !/^\d+\.\d+\.\d+\.\d+$/.test(u.host))) {
        return { error: 'dns', message: resolveFailure(u.host), curlCode: 6, elapsedMs: 0 };
      }
      ip = r.addresses.length > 1 ? r.addresses[ctx.rand.int(r.addresses.length)] : r.addresses[0];
    }
    const route = fromPodIP && ip === fromPodIP ? ({ ip, port: u.port, via: 'pod', pod: podOf(ip) } as Route) : resolve(fromPodIP, ip, u.port);
    if ('error' in route) return { error: route.error, message: connectFailure(u.host, u.port, route.elapsedMs), curlCode: route.curlCode, elapsedMs: route.elapsedMs };
    const headers: Record<string, string> = {
      Host: u.port === (u.scheme === 'https' ? 443 : 80) ? u.host : `${u.host}:${u.port}`,
      'User-Agent': 'curl/8.5.0',
      Accept: '*/*',
      ...(opts.headers ?? {}),
    };
    const sourceIP = fromPodIP ?? (route.via === 'nodePort' || route.via === 'loadBalancer' ? nodeIPOf(model(), route.node) : externalClientIP(model()));
    const res = deliver(route, { method: opts.method ?? 'GET', path: u.path, headers, body: opts.body, scheme: u.scheme, sourceIP, host: headers.Host });
    if ('error' in res) {
      const failure = res.error === 'refused' ? { ms: 0, code: 7 } : { ms: 130_000, code: 28 };
      return { error: res.error, message: connectFailure(u.host, u.port, failure.ms), curlCode: failure.code, elapsedMs: failure.ms };
    }
    return { ...res, remoteIP: ip, remotePort: u.port, route };
  };

  const proxyDeliver = (ip: string, port: number, scheme: string | undefined, rest: string, req: ApiRequest): ApiResponse => {
    const m = model();
    const pod = m.podsByIP.get(ip);
    const controlPlane = m.nodes.find((n) => n.name === 'controlplane' || n.name === 'minikube') ?? m.nodes[0];
    const query = Object.entries(req.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const path = (rest || '/') + (query ? `?${query}` : '');
    const httpReq: HttpRequest = {
      method: req.verb,
      path,
      headers: { Host: `${ip}:${port}`, 'User-Agent': 'curl/8.5.0', Accept: req.accept ?? '*/*', 'X-Forwarded-For': '127.0.0.1' },
      body: typeof req.body === 'string' ? req.body : req.body === undefined ? undefined : JSON.stringify(req.body),
      scheme: scheme === 'https' ? 'https' : 'http',
      sourceIP: controlPlane?.internalIP,
    };
    const res = pod && be ? be.serveHttp(ip, port, httpReq) : ({ error: 'refused' } as const);
    if ('error' in res) {
      const why = res.error === 'refused' ? 'connect: connection refused' : 'i/o timeout';
      return statusResponse(serviceUnavailable(`error trying to reach service: dial tcp ${ip}:${port}: ${why}`).status);
    }
    return { status: res.status, body: res.body, contentType: res.headers['Content-Type'] ?? res.headers['content-type'] ?? 'text/plain; charset=utf-8' };
  };

  const serviceProxy = (target: ProxyTarget, rest: string, req: ApiRequest): ApiResponse => {
    // ResourceLocation in pkg/registry/core/service/storage: a port number names the service
    // port it belongs to; then a random ready address of the Endpoints serving that port.
    const service = target.object;
    const name = service.metadata.name!;
    let portName = target.port ?? '';
    const ports = ((service.spec as { ports?: { name?: string; port: number }[] }).ports ?? []);
    if (/^\d+$/.test(portName)) {
      const sp = ports.find((p) => p.port === Number(portName));
      if (!sp) return statusResponse(serviceUnavailable(`no service port ${portName} found for service "${name}"`).status);
      portName = sp.name ?? '';
    }
    const eps = src.endpoints.get(service.metadata.namespace!, name) as
      | (KubeObject & { subsets?: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[] })
      | undefined;
    const subsets = eps?.subsets ?? [];
    const noEndpoints = () => statusResponse(serviceUnavailable(`no endpoints available for service "${name}"`).status);
    if (!subsets.length) return noEndpoints();
    const seed = ctx.rand.int(subsets.length);
    for (let i = 0; i < subsets.length; i++) {
      const ss = subsets[(seed + i) % subsets.length];
      if (!ss.addresses?.length) continue;
      const p = (ss.ports ?? []).find((x) => (x.name ?? '') === portName);
      if (!p) continue;
      const addr = ss.addresses[ctx.rand.int(ss.addresses.length)];
      return proxyDeliver(addr.ip, p.port, target.scheme, rest, req);
    }
    return noEndpoints();
  };

  const podProxy = (target: ProxyTarget, rest: string, req: ApiRequest): ApiResponse => {
    const pod = target.object;
    const st = (pod.status ?? {}) as { podIP?: string };
    let port = target.port ?? '';
    if (!port) {
      const containers = ((pod.spec as { containers?: { ports?: { containerPort: number }[] }[] }).containers ?? []);
      const first = containers.find((c) => c.ports?.length)?.ports?.[0];
      port = first ? String(first.containerPort) : '80';
    }
    const ip = st.podIP ?? '';
    if (!ip) return statusResponse(serviceUnavailable(`error trying to reach service: dial tcp :${port}: connect: connection refused`).status);
    if (!/^\d+$/.test(port)) return statusResponse(serviceUnavailable(`error trying to reach service: dial tcp: address ${ip}:${port}: invalid port`).status);
    return proxyDeliver(ip, Number(port), target.scheme, rest, req);
  };

  return {
    resolve,
    request,
    lookup: (ns, name) => dnsLookup(model(), ns, name),
    resolvConf: dnsResolvConf,
    nslookup: (ns, name, style) => dnsNslookup(model(), ns, name, style),
    reverse: (ip) => reverse(model(), ip),
    iptablesSave: (nodeName) => renderIptables(model(), nodeName, ctime(ctx.clock.now())),
    serviceProxy,
    podProxy,
    proxyHook: (target, rest, req) =>
      target.kind === 'services'
        ? serviceProxy(target, rest, req)
        : target.kind === 'pods'
          ? podProxy(target, rest, req)
          : statusResponse(serviceUnavailable(`no route to nodes/${target.object.metadata.name}`).status),
    setBackend: (b) => void (be = b),
    model,
  };
}

function nodeIPOf(m: Model, node: string | undefined): string | undefined {
  return m.nodes.find((n) => n.name === node)?.internalIP;
}

function statusResponse(status: { code: number }): ApiResponse {
  return { status: status.code, body: status, contentType: 'application/json' };
}
