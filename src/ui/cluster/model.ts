// The cluster view's model: folds list and watch events into plain maps, and derives an immutable
// view (nodes → pods, a Pending lane, Deployments → ReplicaSets → Pods by ownerReferences,
// Services → endpoints from EndpointSlices) filtered by namespace. Pure: no DOM, no Svelte.
// View objects are memoised (a pod's view is rebuilt only when its resourceVersion changes, a
// node's only when its pods or the node changed) so a keyed each block touches only what moved.
import type { Container, Node, Pod, PodCondition, Service } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';

export const RESOURCES = {
  nodes: '/api/v1/nodes',
  pods: '/api/v1/pods',
  deployments: '/apis/apps/v1/deployments',
  replicasets: '/apis/apps/v1/replicasets',
  services: '/api/v1/services',
  endpointslices: '/apis/discovery.k8s.io/v1/endpointslices',
  events: '/api/v1/events',
} as const;
export type ResourceName = keyof typeof RESOURCES;

/** A watch event, or the initial list of a resource (`SYNC` replaces everything of that kind). */
export type FeedEvent =
  /** `at`: the worker's virtual time when it sent the event, when the protocol carries it */
  | { resource: ResourceName; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: AnyObject; at?: number }
  | { resource: ResourceName; type: 'SYNC'; items: AnyObject[] };

export interface AnyObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
    deletionTimestamp?: string | null;
    deletionGracePeriodSeconds?: number;
    creationTimestamp?: string;
    generateName?: string;
  };
  [k: string]: unknown;
}

export const STOPPED_ANNOTATION = 'kubeplay.io/state';

// ---------------------------------------------------------------------------------------------
// Pod STATUS as kubectl prints it (printPod in pkg/printers/internalversion/printers.go).

const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

function conditionTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** The STATUS column of `kubectl get pods`. */
export function podStatusText(pod: Pod): string {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason: string = status.reason || phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initSpecs = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) initSpecs.set(c.name, c);

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (initSpecs.get(cs.name)?.restartPolicy === 'Always' && cs.started === true) continue;
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (cs.ready && cs.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = pod.metadata?.deletionTimestamp != null;
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return reason;
}

/** READY column: ready containers / containers. */
export function podReadyText(pod: Pod): string {
  const total = (pod.spec?.containers ?? []).length + (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  for (const cs of pod.status?.containerStatuses ?? []) if (cs.ready) ready++;
  for (const cs of pod.status?.initContainerStatuses ?? []) if (cs.ready && cs.started) ready++;
  return `${ready}/${total}`;
}

/** The colour family of a STATUS text. */
export type PodState = 'pending' | 'creating' | 'running' | 'terminating' | 'failed' | 'succeeded' | 'unknown';
export const POD_STATES: PodState[] = ['pending', 'creating', 'running', 'terminating', 'failed', 'succeeded', 'unknown'];

const FAILED_REASONS = /BackOff|Err|Error|Invalid|OOMKilled|ExitCode|Signal|Failed|Evicted|ContainerStatusUnknown|DeadlineExceeded|NodeAffinity|OutOf|Preempting|UnexpectedAdmissionError/;

export function podState(statusText: string): PodState {
  if (statusText === 'Running') return 'running';
  if (statusText === 'Terminating') return 'terminating';
  if (statusText === 'Completed' || statusText === 'Succeeded') return 'succeeded';
  if (statusText === 'Pending' || statusText === 'SchedulingGated') return 'pending';
  if (statusText === 'ContainerCreating' || statusText === 'PodInitializing' || /^Init:\d+\/\d+$/.test(statusText)) return 'creating';
  if (statusText === 'Unknown' || statusText === 'NodeLost' || statusText === '') return 'unknown';
  if (statusText === 'NotReady') return 'creating';
  if (FAILED_REASONS.test(statusText)) return 'failed';
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Views.

export interface PodView {
  key: string;
  uid: string;
  name: string;
  namespace: string;
  node: string;
  status: string;
  state: PodState;
  ready: string;
  ip: string;
  restarts: number;
  /** the controller owner (kind/name), if any */
  owner?: { kind: string; name: string; uid: string };
  rv: string;
}

export interface NodeView {
  name: string;
  uid: string;
  ready: boolean;
  unschedulable: boolean;
  stopped: boolean;
  controlPlane: boolean;
  pods: PodView[];
  rv: string;
}

export interface ReplicaSetView {
  key: string;
  name: string;
  namespace: string;
  uid: string;
  desired: number;
  ready: number;
  pods: PodView[];
  rv: string;
}

export interface DeploymentView {
  key: string;
  name: string;
  namespace: string;
  uid: string;
  desired: number;
  ready: number;
  updated: number;
  replicaSets: ReplicaSetView[];
  rv: string;
}

export interface EndpointView {
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  pod?: string;
  node?: string;
}

export interface ServiceView {
  key: string;
  name: string;
  namespace: string;
  uid: string;
  type: string;
  clusterIP: string;
  ports: string;
  endpoints: EndpointView[];
  rv: string;
}

export interface ClusterSnapshot {
  namespaces: string[];
  nodes: NodeView[];
  /** pods with no node yet */
  pending: PodView[];
  deployments: DeploymentView[];
  /** ReplicaSets without a Deployment */
  replicaSets: ReplicaSetView[];
  /** pods owned by nothing shown above (bare pods, jobs, daemonsets…) */
  otherPods: PodView[];
  services: ServiceView[];
  podCount: number;
}

/** An object picked in the cluster view. */
export interface Selection {
  resource: ResourceName;
  key: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export function objectKey(o: AnyObject): string {
  const m = o.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '');
}

function sameArray<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// plain code-unit order: localeCompare costs ~10 ms per 1,000-pod sort
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: { name: string; namespace?: string }, b: { name: string; namespace?: string }) => cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name);

function controllerOf(o: AnyObject) {
  const refs = o.metadata?.ownerReferences ?? [];
  const c = refs.find((r) => r.controller) ?? refs[0];
  return c ? { kind: c.kind, name: c.name, uid: c.uid } : undefined;
}

export function podView(pod: Pod): PodView {
  const m = pod.metadata ?? {};
  const status = podStatusText(pod);
  let restarts = 0;
  for (const cs of pod.status?.containerStatuses ?? []) restarts += cs.restartCount ?? 0;
  return {
    key: `${m.namespace}/${m.name}`,
    uid: m.uid ?? `${m.namespace}/${m.name}`,
    name: m.name ?? '',
    namespace: m.namespace ?? '',
    node: pod.spec?.nodeName ?? '',
    status,
    state: podState(status),
    ready: podReadyText(pod),
    ip: pod.status?.podIP ?? '',
    restarts,
    owner: controllerOf(pod as AnyObject),
    rv: m.resourceVersion ?? '',
  };
}

/** Holds the latest object of every kind the view needs, folded from list+watch events. */
export class ClusterModel {
  readonly objects: Record<ResourceName, Map<string, AnyObject>> = {
    nodes: new Map(),
    pods: new Map(),
    deployments: new Map(),
    replicasets: new Map(),
    services: new Map(),
    endpointslices: new Map(),
    events: new Map(),
  };
  /** which kinds have had their first list */
  readonly synced = new Set<ResourceName>();
  private podViews = new Map<string, PodView>();
  private nodeViews = new Map<string, NodeView>();
  private rsViews = new Map<string, ReplicaSetView>();
  private deployViews = new Map<string, DeploymentView>();
  private svcViews = new Map<string, ServiceView>();
  private lastNamespaces: string[] = [];
  /**
   * Every pod's object key, sorted by namespace and name, kept up to date by apply(): a name never
   * changes, so a status change leaves the order alone and an added or deleted pod is one binary
   * search. Sorting 1,000 pods on every update was the snapshot's largest cost.
   */
  private podOrder: string[] | null = null;
  /** A pod was deleted since the last snapshot: forget its cached view. */
  private podsGone = false;

  private podIndex(ns: string, name: string): number {
    const keys = this.podOrder!;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.objects.pods.get(keys[mid])?.metadata;
      if ((cmp(m?.namespace ?? '', ns) || cmp(m?.name ?? '', name)) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Applies a batch; returns true when anything changed. */
  apply(events: FeedEvent[]): boolean {
    let changed = false;
    for (const ev of events) {
      const map = this.objects[ev.resource];
      if (!map) continue;
      if (ev.type === 'SYNC') {
        map.clear();
        for (const o of ev.items) map.set(objectKey(o), o);
        this.synced.add(ev.resource);
        if (ev.resource === 'pods') (this.podOrder = null), (this.podsGone = true);
        changed = true;
      } else if (ev.type === 'DELETED') {
        const key = objectKey(ev.object);
        if (!map.has(key)) continue;
        if (ev.resource === 'pods' && this.podOrder) {
          const i = this.podIndex(ev.object.metadata?.namespace ?? '', ev.object.metadata?.name ?? '');
          if (this.podOrder[i] === key) this.podOrder.splice(i, 1);
          else this.podOrder = null;
        }
        map.delete(key);
        if (ev.resource === 'pods') this.podsGone = true;
        changed = true;
      } else {
        const key = objectKey(ev.object);
        const prev = map.get(key);
        // A stale event (an older resourceVersion than we hold) is ignored.
        if (prev && Number(prev.metadata?.resourceVersion) > Number(ev.object.metadata?.resourceVersion)) continue;
        if (!prev && ev.resource === 'pods' && this.podOrder) this.podOrder.splice(this.podIndex(ev.object.metadata?.namespace ?? '', ev.object.metadata?.name ?? ''), 0, key);
        map.set(key, ev.object);
        changed = true;
      }
    }
    return changed;
  }

  get(resource: ResourceName, key: string): AnyObject | undefined {
    return this.objects[resource].get(key);
  }

  findByUid(uid: string): { resource: ResourceName; object: AnyObject } | undefined {
    for (const resource of Object.keys(this.objects) as ResourceName[]) {
      for (const o of this.objects[resource].values()) if (o.metadata?.uid === uid) return { resource, object: o };
    }
    return undefined;
  }

  private pod(p: AnyObject): PodView {
    const uid = p.metadata?.uid ?? objectKey(p);
    const prev = this.podViews.get(uid);
    if (prev && prev.rv === p.metadata?.resourceVersion && prev.rv !== '') return prev;
    const v = podView(p as Pod);
    this.podViews.set(uid, v);
    return v;
  }

  /** The derived view; `namespace` '' means all namespaces. */
  snapshot(namespace = ''): ClusterSnapshot {
    const inNs = (o: AnyObject) => !namespace || o.metadata?.namespace === namespace;
    const nsSet = new Set<string>();
    const pods: PodView[] = [];
    if (!this.podOrder) {
      const all = [...this.objects.pods.entries()].map(([key, p]) => ({ key, namespace: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '' }));
      this.podOrder = all.sort(byName).map((x) => x.key);
    }
    for (const key of this.podOrder) {
      const p = this.objects.pods.get(key)!;
      if (p.metadata?.namespace) nsSet.add(p.metadata.namespace);
      if (inNs(p)) pods.push(this.pod(p));
    }
    // forget views of pods that are gone (only when unfiltered, so a filter does not churn the cache)
    if (!namespace && this.podsGone) {
      this.podsGone = false;
      const live = new Set(pods.map((v) => v.uid));
      for (const uid of this.podViews.keys()) if (!live.has(uid)) this.podViews.delete(uid);
    }

    // Nodes → pods
    const podsByNode = new Map<string, PodView[]>();
    const pending: PodView[] = [];
    for (const v of pods) {
      if (!v.node) pending.push(v);
      else {
        let list = podsByNode.get(v.node);
        if (!list) podsByNode.set(v.node, (list = []));
        list.push(v);
      }
    }
    const nodes: NodeView[] = [];
    for (const n of this.objects.nodes.values()) {
      const node = n as Node;
      const name = node.metadata?.name ?? '';
      const list = podsByNode.get(name) ?? [];
      podsByNode.delete(name);
      const ready = (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      const rv = node.metadata?.resourceVersion ?? '';
      const prev = this.nodeViews.get(name);
      const unschedulable = node.spec?.unschedulable === true;
      const stopped = node.metadata?.annotations?.[STOPPED_ANNOTATION] === 'stopped';
      if (prev && prev.ready === ready && prev.unschedulable === unschedulable && prev.stopped === stopped && sameArray(prev.pods, list)) {
        nodes.push(prev);
        continue;
      }
      const v: NodeView = {
        name,
        uid: node.metadata?.uid ?? name,
        ready,
        unschedulable,
        stopped,
        controlPlane: 'node-role.kubernetes.io/control-plane' in (node.metadata?.labels ?? {}),
        pods: prev && sameArray(prev.pods, list) ? prev.pods : list,
        rv,
      };
      this.nodeViews.set(name, v);
      nodes.push(v);
    }
    // pods bound to a node we do not know (yet): show them pending rather than lose them
    for (const list of podsByNode.values()) pending.push(...list);
    nodes.sort(byName);

    // Ownership: ReplicaSet → pods, Deployment → ReplicaSets
    const podsByOwner = new Map<string, PodView[]>();
    for (const v of pods) {
      if (!v.owner) continue;
      let list = podsByOwner.get(v.owner.uid);
      if (!list) podsByOwner.set(v.owner.uid, (list = []));
      list.push(v);
    }
    const rsByOwner = new Map<string, ReplicaSetView[]>();
    const looseRs: ReplicaSetView[] = [];
    const shownOwners = new Set<string>();
    for (const o of this.objects.replicasets.values()) {
      if (o.metadata?.namespace) nsSet.add(o.metadata.namespace);
      if (!inNs(o)) continue;
      const rs = o as ReplicaSet;
      const uid = rs.metadata?.uid ?? objectKey(o);
      const list = podsByOwner.get(uid) ?? [];
      shownOwners.add(uid);
      const prev = this.rsViews.get(uid);
      const rv = rs.metadata?.resourceVersion ?? '';
      const v: ReplicaSetView =
        prev && prev.rv === rv && sameArray(prev.pods, list)
          ? prev
          : {
              key: objectKey(o),
              name: rs.metadata?.name ?? '',
              namespace: rs.metadata?.namespace ?? '',
              uid,
              desired: rs.spec?.replicas ?? 1,
              ready: rs.status?.readyReplicas ?? 0,
              pods: prev && sameArray(prev.pods, list) ? prev.pods : list,
              rv,
            };
      this.rsViews.set(uid, v);
      const owner = controllerOf(o);
      if (owner?.kind === 'Deployment') {
        let l = rsByOwner.get(owner.uid);
        if (!l) rsByOwner.set(owner.uid, (l = []));
        l.push(v);
      } else looseRs.push(v);
    }
    const deployments: DeploymentView[] = [];
    for (const o of this.objects.deployments.values()) {
      if (o.metadata?.namespace) nsSet.add(o.metadata.namespace);
      if (!inNs(o)) continue;
      const d = o as Deployment;
      const uid = d.metadata?.uid ?? objectKey(o);
      // newest ReplicaSet first, then the ones with pods
      const list = (rsByOwner.get(uid) ?? []).sort((a, b) => Number(b.pods.length > 0) - Number(a.pods.length > 0) || cmp(b.name, a.name));
      rsByOwner.delete(uid);
      const prev = this.deployViews.get(uid);
      const rv = d.metadata?.resourceVersion ?? '';
      const v: DeploymentView =
        prev && prev.rv === rv && sameArray(prev.replicaSets, list)
          ? prev
          : {
              key: objectKey(o),
              name: d.metadata?.name ?? '',
              namespace: d.metadata?.namespace ?? '',
              uid,
              desired: d.spec?.replicas ?? 1,
              ready: d.status?.readyReplicas ?? 0,
              updated: d.status?.updatedReplicas ?? 0,
              replicaSets: prev && sameArray(prev.replicaSets, list) ? prev.replicaSets : list,
              rv,
            };
      this.deployViews.set(uid, v);
      deployments.push(v);
    }
    for (const l of rsByOwner.values()) looseRs.push(...l);
    deployments.sort(byName);
    looseRs.sort(byName);
    const otherPods = pods.filter((p) => !p.owner || !shownOwners.has(p.owner.uid));

    // Services → endpoints (EndpointSlices labelled kubernetes.io/service-name)
    const slicesBySvc = new Map<string, EndpointSlice[]>();
    for (const o of this.objects.endpointslices.values()) {
      const svc = o.metadata?.labels?.['kubernetes.io/service-name'];
      if (!svc) continue;
      const k = `${o.metadata?.namespace}/${svc}`;
      let l = slicesBySvc.get(k);
      if (!l) slicesBySvc.set(k, (l = []));
      l.push(o as unknown as EndpointSlice);
    }
    const services: ServiceView[] = [];
    for (const o of this.objects.services.values()) {
      if (o.metadata?.namespace) nsSet.add(o.metadata.namespace);
      if (!inNs(o)) continue;
      const s = o as Service;
      const key = objectKey(o);
      const slices = slicesBySvc.get(key) ?? [];
      const endpoints = endpointsOf(slices);
      const rv = `${s.metadata?.resourceVersion}|${slices.map((x) => x.metadata?.resourceVersion).join(',')}`;
      const prev = this.svcViews.get(key);
      if (prev && prev.rv === rv) {
        services.push(prev);
        continue;
      }
      const v: ServiceView = {
        key,
        name: s.metadata?.name ?? '',
        namespace: s.metadata?.namespace ?? '',
        uid: s.metadata?.uid ?? key,
        type: s.spec?.type ?? 'ClusterIP',
        clusterIP: s.spec?.clusterIP ?? '',
        ports: (s.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? ':' + p.nodePort : ''}/${p.protocol ?? 'TCP'}`).join(','),
        endpoints,
        rv,
      };
      this.svcViews.set(key, v);
      services.push(v);
    }
    services.sort(byName);

    for (const o of this.objects.deployments.values()) if (o.metadata?.namespace) nsSet.add(o.metadata.namespace);
    const namespaces = [...nsSet].sort();
    const nsList = sameArray(this.lastNamespaces, namespaces) ? this.lastNamespaces : (this.lastNamespaces = namespaces);
    return { namespaces: nsList, nodes, pending, deployments, replicaSets: looseRs, otherPods, services, podCount: pods.length };
  }
}

/** Endpoints of a service from its EndpointSlices, de-duplicated by address, sorted by IP. */
export function endpointsOf(slices: EndpointSlice[]): EndpointView[] {
  const seen = new Map<string, EndpointView>();
  for (const slice of slices) {
    for (const ep of slice.endpoints ?? []) {
      for (const ip of ep.addresses ?? []) {
        if (seen.has(ip)) continue;
        const c = ep.conditions ?? {};
        seen.set(ip, {
          ip,
          // ready unset means ready (EndpointConditions)
          ready: c.ready !== false,
          serving: c.serving ?? c.ready !== false,
          terminating: c.terminating === true,
          pod: ep.targetRef?.kind === 'Pod' ? ep.targetRef.name : undefined,
          node: ep.nodeName,
        });
      }
    }
  }
  return [...seen.values()].sort((a, b) => ipNum(a.ip) - ipNum(b.ip) || cmp(a.ip, b.ip));
}

function ipNum(ip: string): number {
  const p = ip.split('.').map(Number);
  return p.length === 4 && p.every((x) => Number.isFinite(x)) ? ((p[0] * 256 + p[1]) * 256 + p[2]) * 256 + p[3] : 0;
}
