// kube-proxy's view of the cluster (pkg/proxy ServicePortMap and EndpointsMap): every service
// port with its addresses and its endpoints, rebuilt lazily from the informer caches whenever
// one of them changed. Endpoints come from EndpointSlices; a Service without slices falls back
// to its Endpoints object (what the EndpointSlice mirroring controller would copy for
// selector-less services, and the `kubernetes` Service that the apiserver maintains).
import type { KubeObject } from '../../api/types';
import type { Informer } from '../machinery/informer';
import type { ServicePort } from '../controllers/endpoints/pods';
import { podIP } from '../controllers/endpoints/pods';

export interface Endpoint {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  hostname?: string;
  pod?: { namespace: string; name: string };
}

export interface ServicePortInfo {
  namespace: string;
  name: string;
  /** The port's name ('' when unnamed). */
  portName: string;
  /** `default/web:http` or `default/web` (ServicePortName.String()). */
  id: string;
  protocol: string;
  port: number;
  nodePort?: number;
  type: string;
  clusterIP?: string;
  externalIPs: string[];
  loadBalancerIPs: string[];
  affinityTimeoutSec?: number;
  externalLocal: boolean;
  internalLocal: boolean;
  endpoints: Endpoint[];
}

export interface NodeInfo {
  name: string;
  internalIP: string;
  podCIDR?: string;
}

export interface Model {
  ports: ServicePortInfo[];
  services: Map<string, KubeObject>;
  /** Every endpoint of each service whatever its ports (DNS: headless and hostname records). */
  endpointsBySvc: Map<string, Endpoint[]>;
  nodes: NodeInfo[];
  podsByIP: Map<string, KubeObject>;
}

export interface Sources {
  services: Informer;
  slices: Informer;
  endpoints: Informer;
  pods: Informer;
  nodes: Informer;
}

interface SliceShape {
  addressType?: string;
  endpoints?: {
    addresses: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    nodeName?: string;
    hostname?: string;
    targetRef?: { kind?: string; namespace?: string; name?: string };
  }[] | null;
  ports?: { name?: string; port?: number; protocol?: string }[] | null;
}

interface EndpointsShape {
  subsets?: {
    addresses?: { ip: string; nodeName?: string; hostname?: string; targetRef?: { namespace?: string; name?: string } }[];
    notReadyAddresses?: { ip: string; nodeName?: string; hostname?: string; targetRef?: { namespace?: string; name?: string } }[];
    ports?: { name?: string; port: number; protocol?: string }[];
  }[];
}

export function buildModel(src: Sources): Model {
  const slicesBySvc = new Map<string, KubeObject[]>();
  for (const s of src.slices.list()) {
    const svcName = s.metadata.labels?.['kubernetes.io/service-name'];
    if (!svcName || (s as unknown as SliceShape).addressType !== 'IPv4') continue;
    const k = `${s.metadata.namespace}/${svcName}`;
    if (!slicesBySvc.has(k)) slicesBySvc.set(k, []);
    slicesBySvc.get(k)!.push(s);
  }
  const services = new Map<string, KubeObject>();
  const endpointsBySvc = new Map<string, Endpoint[]>();
  const ports: ServicePortInfo[] = [];
  const sortedServices = src.services.list().sort((a, b) => cmp(`${a.metadata.namespace}/${a.metadata.name}`, `${b.metadata.namespace}/${b.metadata.name}`));
  for (const s of sortedServices) {
    const key = `${s.metadata.namespace}/${s.metadata.name}`;
    services.set(key, s);
    const spec = (s.spec ?? {}) as {
      type?: string;
      clusterIP?: string;
      ports?: ServicePort[];
      externalIPs?: string[];
      sessionAffinity?: string;
      sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
      externalTrafficPolicy?: string;
      internalTrafficPolicy?: string;
    };
    const status = (s.status ?? {}) as { loadBalancer?: { ingress?: { ip?: string }[] } };
    const slices = slicesBySvc.get(key);
    const eps = slices?.length ? null : src.endpoints.get(s.metadata.namespace!, s.metadata.name!);
    endpointsBySvc.set(key, slices ? fromSlices(slices, null, '') : eps ? fromEndpoints(eps, null, '') : []);
    for (const sp of spec.ports ?? []) {
      const portName = sp.name ?? '';
      const protocol = sp.protocol ?? 'TCP';
      ports.push({
        namespace: s.metadata.namespace!,
        name: s.metadata.name!,
        portName,
        id: `${key}${portName ? `:${portName}` : ''}`,
        protocol,
        port: sp.port,
        nodePort: sp.nodePort || undefined,
        type: spec.type ?? 'ClusterIP',
        clusterIP: spec.clusterIP && spec.clusterIP !== 'None' ? spec.clusterIP : undefined,
        externalIPs: spec.externalIPs ?? [],
        loadBalancerIPs: (status.loadBalancer?.ingress ?? []).map((i) => i.ip!).filter(Boolean),
        affinityTimeoutSec: spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : undefined,
        externalLocal: spec.externalTrafficPolicy === 'Local',
        internalLocal: spec.internalTrafficPolicy === 'Local',
        endpoints: slices ? fromSlices(slices, portName, protocol) : eps ? fromEndpoints(eps, portName, protocol) : [],
      });
    }
  }
  const nodes: NodeInfo[] = src.nodes
    .list()
    .map((n) => {
      const st = (n.status ?? {}) as { addresses?: { type: string; address: string }[] };
      const sp = (n.spec ?? {}) as { podCIDR?: string };
      return { name: n.metadata.name!, internalIP: st.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '', podCIDR: sp.podCIDR };
    })
    .sort((a, b) => cmp(a.name, b.name));
  const podsByIP = new Map<string, KubeObject>();
  for (const p of src.pods.list()) {
    const ip = podIP(p);
    const phase = (p.status as { phase?: string } | undefined)?.phase;
    if (!ip || phase === 'Succeeded' || phase === 'Failed') continue;
    if ((p.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork) continue;
    podsByIP.set(ip, p);
  }
  return { ports, services, endpointsBySvc, nodes, podsByIP };
}

/** portName null: every endpoint once, whatever its ports (port 0). */
function fromSlices(slices: KubeObject[], portName: string | null, protocol: string): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const raw of slices) {
    const s = raw as unknown as SliceShape;
    const p = portName === null ? { port: 0 } : (s.ports ?? []).find((x) => (x.name ?? '') === portName && (x.protocol ?? 'TCP') === protocol);
    if (!p || (portName !== null && !p.port)) continue;
    for (const e of s.endpoints ?? []) {
      const ip = e.addresses[0];
      const k = `${ip}:${p.port}`;
      if (seen.has(k)) continue;
      const c = e.conditions ?? {};
      const ready = c.ready !== false;
      seen.set(k, {
        ip,
        port: p.port ?? 0,
        ready,
        serving: c.serving ?? ready,
        terminating: c.terminating ?? false,
        nodeName: e.nodeName,
        hostname: e.hostname,
        pod: e.targetRef?.kind === 'Pod' ? { namespace: e.targetRef.namespace ?? '', name: e.targetRef.name ?? '' } : undefined,
      });
    }
  }
  return [...seen.values()].sort((a, b) => cmp(a.ip, b.ip) || a.port - b.port);
}

function fromEndpoints(ep: KubeObject, portName: string | null, protocol: string): Endpoint[] {
  const out: Endpoint[] = [];
  for (const ss of (ep as unknown as EndpointsShape).subsets ?? []) {
    const p = portName === null ? { port: 0 } : (ss.ports ?? []).find((x) => (x.name ?? '') === portName && (x.protocol ?? 'TCP') === protocol);
    if (!p) continue;
    if (portName === null && out.some((e) => ss.addresses?.some((a) => a.ip === e.ip))) continue;
    const add = (a: NonNullable<typeof ss.addresses>[number], ready: boolean) =>
      out.push({
        ip: a.ip,
        port: p.port ?? 0,
        ready,
        serving: ready,
        terminating: false,
        nodeName: a.nodeName,
        hostname: a.hostname,
        pod: a.targetRef?.name ? { namespace: a.targetRef.namespace ?? '', name: a.targetRef.name } : undefined,
      });
    for (const a of ss.addresses ?? []) add(a, true);
    for (const a of ss.notReadyAddresses ?? []) add(a, false);
  }
  return out.sort((a, b) => cmp(a.ip, b.ip) || a.port - b.port);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** CategorizeEndpoints: ready endpoints, else serving-terminating ones (ProxyTerminatingEndpoints). */
export function usableEndpoints(eps: Endpoint[], localNode?: string): Endpoint[] {
  const pool = localNode === undefined ? eps : eps.filter((e) => e.nodeName === localNode);
  const ready = pool.filter((e) => e.ready);
  if (ready.length) return ready;
  return pool.filter((e) => e.serving && e.terminating);
}

export function ipInCIDR(ip: string, cidr: string | undefined): boolean {
  if (!cidr) return false;
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const toNum = (s: string) => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const and = (n: number) => Math.floor(n / 2 ** (32 - bits));
  return and(toNum(ip)) === and(toNum(base));
}
