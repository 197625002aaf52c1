// What the slices of one Service should hold (pkg/controller/endpointslice/reconciler.go and
// utils.go): one endpoint per pod, grouped by the ports resolved on that pod.
import type { KubeObject } from '../../../api/types';
import { findPort, isPodReady, pod, podIP, shouldSetHostname, svc } from '../endpoints/pods';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

/** getEndpointPorts: the service ports this pod can serve. */
export function endpointPorts(service: KubeObject, p: KubeObject): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of svc(service).spec?.ports ?? []) {
    const n = findPort(p, sp);
    if (n === undefined) continue;
    out.push({ name: sp.name ?? '', port: n, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** NewPortMapKey: order-insensitive identity of a port list. */
export function portsKey(ports: SlicePort[] | null | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}/${p.port}/${p.protocol ?? 'TCP'}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

/** podToEndpoint */
export function podToEndpoint(p: KubeObject, node: KubeObject | undefined, service: KubeObject): SliceEndpoint {
  const serving = isPodReady(p);
  const terminating = !!p.metadata.deletionTimestamp;
  // A terminating pod is never ready unless the service publishes not-ready addresses.
  const ready = !!svc(service).spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: SliceEndpoint = { addresses: [podIP(p)], conditions: { ready, serving, terminating } };
  if (shouldSetHostname(p, service)) ep.hostname = pod(p).spec!.hostname;
  ep.targetRef = { kind: 'Pod', namespace: p.metadata.namespace ?? '', name: p.metadata.name ?? '', uid: p.metadata.uid ?? '' };
  const nodeName = pod(p).spec?.nodeName;
  if (nodeName) ep.nodeName = nodeName;
  const zone = node?.metadata.labels?.['topology.kubernetes.io/zone'];
  if (zone) ep.zone = zone;
  return ep;
}

/** The identity of an endpoint across syncs (hashEndpoint: addresses, hostname, target). */
export function endpointKey(ep: SliceEndpoint): string {
  return `${[...ep.addresses].sort().join(',')}|${ep.hostname ?? ''}|${ep.targetRef ? `${ep.targetRef.namespace}/${ep.targetRef.name}` : ''}`;
}

/** Full content, to tell whether an endpoint changed. */
export function endpointContent(ep: SliceEndpoint): string {
  const c = ep.conditions ?? ({} as SliceEndpoint['conditions']);
  const r = ep.targetRef;
  return JSON.stringify([
    ep.addresses,
    c.ready ?? null,
    c.serving ?? null,
    c.terminating ?? null,
    ep.hostname ?? '',
    r ? [r.kind, r.namespace, r.name, r.uid] : null,
    ep.nodeName ?? '',
    ep.zone ?? '',
  ]);
}

/** setEndpointSliceLabels: the Service's labels (minus reserved ones) plus the controller's. */
export function sliceLabels(service: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) {
    if (k === SERVICE_NAME_LABEL || k === MANAGED_BY_LABEL || k === 'service.kubernetes.io/headless') continue;
    out[k] = v;
  }
  out[SERVICE_NAME_LABEL] = service.metadata.name!;
  out[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  const ip = svc(service).spec?.clusterIP;
  if (!ip || ip === 'None') out['service.kubernetes.io/headless'] = '';
  return out;
}

/** getEndpointSlicePrefix: `<service>-`, shortened so generated names stay valid. */
export function slicePrefix(serviceName: string): string {
  const prefix = `${serviceName}-`;
  return prefix.length > 58 ? prefix.slice(0, 58) : prefix;
}
