// Pod and Service predicates shared by the Endpoints and EndpointSlice controllers and the
// network (pkg/api/v1/pod, pkg/controller/util/endpoint, pkg/controller/util/endpointslice).
import type { KubeObject } from '../../../api/types';
import { matchesLabels } from '../../../api/labels';
import { selectorFromSetCached } from '../selectors';
import { sameLabelMap } from '../equal';
import type { EventHandler } from '../../machinery/informer';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
  hostPort?: number;
}

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  appProtocol?: string;
}

export interface PodView {
  spec?: {
    nodeName?: string;
    hostname?: string;
    subdomain?: string;
    containers?: { name: string; ports?: ContainerPort[] }[];
    initContainers?: { name: string; restartPolicy?: string; ports?: ContainerPort[] }[];
  };
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
  };
}

export interface ServiceView {
  spec?: {
    type?: string;
    selector?: Record<string, string> | null;
    clusterIP?: string;
    ports?: ServicePort[];
    publishNotReadyAddresses?: boolean;
  };
}

export const pod = (o: KubeObject) => o as unknown as PodView & KubeObject;
export const svc = (o: KubeObject) => o as unknown as ServiceView & KubeObject;

export function isPodReady(p: KubeObject): boolean {
  const conditions = pod(p).status?.conditions;
  if (!conditions) return false;
  // A plain loop: both endpoint controllers ask on every pod update.
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === 'Ready') return conditions[i].status === 'True';
  return false;
}

export function isPodTerminal(p: KubeObject): boolean {
  const phase = pod(p).status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function podIP(p: KubeObject): string {
  const s = pod(p).status;
  return s?.podIP || s?.podIPs?.[0]?.ip || '';
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and (unless tolerated) not terminating. */
export function shouldPodBeInEndpoints(p: KubeObject, includeTerminating: boolean): boolean {
  if (isPodTerminal(p)) return false;
  if (!podIP(p)) return false;
  if (!includeTerminating && p.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod asked for a hostname in a subdomain named after this service. */
export function shouldSetHostname(p: KubeObject, service: KubeObject): boolean {
  const s = pod(p).spec;
  return !!s?.hostname && !!s.subdomain && s.subdomain === service.metadata.name && service.metadata.namespace === p.metadata.namespace;
}

/** podutil.FindPort: a numeric targetPort as is; a named one from the pod's container ports. */
export function findPort(p: KubeObject, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const proto = sp.protocol ?? 'TCP';
  const match = (ports?: ContainerPort[]) => ports?.find((cp) => cp.name === target && (cp.protocol ?? 'TCP') === proto)?.containerPort;
  for (const c of pod(p).spec?.containers ?? []) {
    const n = match(c.ports);
    if (n !== undefined) return n;
  }
  // Restartable init containers (sidecars) serve too.
  for (const c of pod(p).spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    const n = match(c.ports);
    if (n !== undefined) return n;
  }
  return undefined;
}

export function isServiceIPSet(s: KubeObject): boolean {
  const ip = svc(s).spec?.clusterIP;
  return !!ip && ip !== 'None';
}

/** Services in the pod's namespace whose (non-nil) selector matches the pod's labels. */
export function podServiceKeys(services: KubeObject[], p: KubeObject): string[] {
  const out: string[] = [];
  for (const s of services) {
    const sel = svc(s).spec?.selector;
    if (!sel) continue;
    if (matchesLabels(selectorFromSetCached(sel), p.metadata.labels ?? {})) out.push(`${s.metadata.namespace}/${s.metadata.name}`);
  }
  return out;
}

export function podsForService(pods: KubeObject[], s: KubeObject): KubeObject[] {
  const sel = selectorFromSetCached(svc(s).spec?.selector);
  return pods.filter((p) => matchesLabels(sel, p.metadata.labels ?? {}));
}

function sameLabels(a?: Record<string, string> | null, b?: Record<string, string> | null): boolean {
  return sameLabelMap(a, b); // stored versions share unchanged labels: usually the same object
}

/**
 * podEndpointsChanged: whether an update can change endpoints, and whether it can change service
 * membership (labels, hostname or subdomain).
 */
export function podEndpointsChanged(oldPod: KubeObject, newPod: KubeObject): { changed: boolean; labelsChanged: boolean } {
  const o = pod(oldPod);
  const n = pod(newPod);
  const labelsChanged =
    !sameLabels(oldPod.metadata.labels, newPod.metadata.labels) || o.spec?.hostname !== n.spec?.hostname || o.spec?.subdomain !== n.spec?.subdomain;
  const changed =
    oldPod.metadata.deletionTimestamp !== newPod.metadata.deletionTimestamp ||
    isPodReady(oldPod) !== isPodReady(newPod) ||
    podIP(oldPod) !== podIP(newPod) ||
    isPodTerminal(oldPod) !== isPodTerminal(newPod) ||
    o.spec?.nodeName !== n.spec?.nodeName;
  return { changed, labelsChanged };
}

export { sameLabels };

/**
 * The informer wiring both endpoint controllers share (syncService's triggers upstream): a
 * Service change enqueues it; a pod change enqueues the Services selecting it before and after,
 * but only when something endpoints show (IP, readiness, labels, ports) changed.
 */
export function enqueueServicesOfPods(
  services: { list(ns: string): KubeObject[]; addEventHandler(h: EventHandler): void },
  pods: { addEventHandler(h: EventHandler): void },
  enqueue: (key: string) => void,
  keyOf: (o: KubeObject) => string,
): void {
  const enqueuePod = (p: KubeObject) => podServiceKeys(services.list(p.metadata.namespace ?? ''), p).forEach(enqueue);
  services.addEventHandler({
    onAdd: (s) => enqueue(keyOf(s)),
    onUpdate: (_o, s) => enqueue(keyOf(s)),
    onDelete: (s) => enqueue(keyOf(s)),
  });
  pods.addEventHandler({
    onAdd: enqueuePod,
    onUpdate: (oldPod, newPod) => {
      if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return;
      const { changed, labelsChanged } = podEndpointsChanged(oldPod, newPod);
      if (!changed && !labelsChanged) return;
      const cur = podServiceKeys(services.list(newPod.metadata.namespace ?? ''), newPod);
      // One key per Service: only a label change can bring duplicates (from the old pod's list).
      if (!labelsChanged) return cur.forEach(enqueue);
      const keys = new Set(cur);
      if (labelsChanged) for (const k of podServiceKeys(services.list(oldPod.metadata.namespace ?? ''), oldPod)) keys.add(k);
      keys.forEach(enqueue);
    },
    onDelete: enqueuePod,
  });
}
