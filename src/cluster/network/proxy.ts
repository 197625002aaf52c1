// kube-proxy in iptables mode as a routing function: where does a new TCP connection from a
// source to (ip, port) end up? ClusterIPs, NodePorts on every node IP, externalIPs and load
// balancer IPs are DNATed to one endpoint picked like the `statistic --mode random` chain;
// ClientIP session affinity sticks like `-m recent`. Without endpoints the filter table REJECTs
// (connection refused); an address nobody owns swallows the SYN (timeout).
import type { KubeObject } from '../../api/types';
import type { Rand } from '../machinery/rand';
import type { VirtualClock } from '../machinery/clock';
import { ipInCIDR, usableEndpoints, type Endpoint, type Model, type ServicePortInfo } from './model';

export type NetErrorKind = 'refused' | 'timeout' | 'unreachable';

export interface NetError {
  error: NetErrorKind;
  /** curl's exit code for it: 7 (refused, no route) or 28 (timed out). */
  curlCode: number;
  /** Virtual milliseconds the client waits before failing. */
  elapsedMs: number;
}

export interface Route {
  ip: string;
  port: number;
  /** How the destination was reached. */
  via: 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer' | 'pod' | 'hostPort' | 'node';
  /** `default/web:http` when a Service was crossed. */
  service?: string;
  endpoint?: Endpoint;
  pod?: KubeObject;
  /** The node whose rules handled the packet. */
  node?: string;
}

/** Connection refused by a local REJECT or RST: immediate. */
export const REFUSED_MS = 0;
/** Linux gives up after tcp_syn_retries=6 retransmissions (1+2+…+64 s, plus scheduling). */
export const CONNECT_TIMEOUT_MS = 130_000;
/** ARP for an absent neighbour fails after about 3 s: EHOSTUNREACH. */
export const NO_ROUTE_MS = 3_072;

export const refused = (): NetError => ({ error: 'refused', curlCode: 7, elapsedMs: REFUSED_MS });
export const timedOut = (): NetError => ({ error: 'timeout', curlCode: 28, elapsedMs: CONNECT_TIMEOUT_MS });
export const unreachable = (): NetError => ({ error: 'unreachable', curlCode: 7, elapsedMs: NO_ROUTE_MS });

export class KubeProxy {
  private affinity = new Map<string, { ip: string; port: number; at: number }>();

  constructor(
    private readonly rand: Rand,
    private readonly clock: VirtualClock,
  ) {}

  /** Where a new connection lands. `fromPodIP` undefined means outside the cluster (the user's machine). */
  route(model: Model, fromPodIP: string | undefined, ip: string, port: number, protocol = 'TCP'): Route | NetError {
    const fromPod = fromPodIP ? model.podsByIP.get(fromPodIP) : undefined;
    const srcNode = fromPod ? (fromPod.spec as { nodeName?: string }).nodeName : undefined;
    const clientIP = fromPodIP ?? externalClientIP(model);

    // 1. Service virtual IPs (KUBE-SERVICES).
    for (const sp of model.ports) {
      if (sp.protocol !== protocol || sp.port !== port) continue;
      if (sp.clusterIP === ip) return this.toService(sp, clientIP, 'clusterIP', srcNode, sp.internalLocal ? srcNode : undefined);
      if (sp.externalIPs.includes(ip)) return this.toService(sp, clientIP, 'externalIP', srcNode, sp.externalLocal ? srcNode : undefined);
      if (sp.loadBalancerIPs.includes(ip)) return this.toService(sp, clientIP, 'loadBalancer', srcNode, undefined);
    }
    // 2. Node addresses: NodePorts (KUBE-NODEPORTS), host ports, or nothing listening.
    const node = model.nodes.find((n) => n.internalIP === ip);
    if (node) {
      const sp = model.ports.find((p) => p.nodePort === port && p.protocol === protocol);
      if (sp) return this.toService(sp, clientIP, 'nodePort', node.name, sp.externalLocal ? node.name : undefined);
      for (const p of model.podsByIP.values()) {
        if ((p.spec as { nodeName?: string }).nodeName !== node.name) continue;
        const hp = hostPortOf(p, port, protocol);
        if (hp !== undefined) return { ip: (p.status as { podIP: string }).podIP, port: hp, via: 'hostPort', pod: p, node: node.name };
      }
      return { ip, port, via: 'node', node: node.name };
    }
    // 3. Pod IPs, routed straight to the pod's node.
    const pod = model.podsByIP.get(ip);
    if (pod) return { ip, port, via: 'pod', pod, node: (pod.spec as { nodeName?: string }).nodeName };
    if (model.nodes.some((n) => ipInCIDR(ip, n.podCIDR))) return unreachable();
    // A ClusterIP on a port the Service does not declare, or an address nobody owns.
    return timedOut();
  }

  private toService(sp: ServicePortInfo, clientIP: string, via: Route['via'], node: string | undefined, localNode: string | undefined): Route | NetError {
    const usable = usableEndpoints(sp.endpoints, localNode);
    if (!usable.length) {
      // No endpoints at all: REJECT. Endpoints elsewhere but none local: DROP (KUBE-MARK-DROP).
      if (localNode !== undefined && usableEndpoints(sp.endpoints).length) return timedOut();
      return refused();
    }
    const ep = this.pick(sp, usable, clientIP);
    return { ip: ep.ip, port: ep.port, via, service: sp.id, endpoint: ep, node };
  }

  /** The KUBE-SVC chain: `-m recent --rcheck` first, then `statistic --probability 1/(n-i)`. */
  private pick(sp: ServicePortInfo, eps: Endpoint[], clientIP: string): Endpoint {
    const now = this.clock.now();
    const key = `${sp.id}/${sp.protocol}|${clientIP}`;
    if (sp.affinityTimeoutSec !== undefined) {
      const prev = this.affinity.get(key);
      if (prev && now - prev.at <= sp.affinityTimeoutSec * 1000) {
        const hit = eps.find((e) => e.ip === prev.ip && e.port === prev.port);
        if (hit) {
          prev.at = now;
          return hit;
        }
      }
    }
    let chosen = eps[eps.length - 1];
    for (let i = 0; i < eps.length - 1; i++) {
      if (this.rand.float() < 1 / (eps.length - i)) {
        chosen = eps[i];
        break;
      }
    }
    if (sp.affinityTimeoutSec !== undefined) this.affinity.set(key, { ip: chosen.ip, port: chosen.port, at: now });
    return chosen;
  }
}

function hostPortOf(p: KubeObject, port: number, protocol: string): number | undefined {
  const containers = ((p.spec as { containers?: { ports?: { hostPort?: number; containerPort: number; protocol?: string }[] }[] }).containers ?? []);
  for (const c of containers) {
    for (const cp of c.ports ?? []) if (cp.hostPort === port && (cp.protocol ?? 'TCP') === protocol) return cp.containerPort;
  }
  return undefined;
}

/** The address the user's machine has on the nodes' network: the bridge gateway (x.y.z.1). */
export function externalClientIP(model: Model): string {
  const ip = model.nodes[0]?.internalIP;
  return ip ? ip.replace(/\.\d+$/, '.1') : '192.168.49.1';
}
