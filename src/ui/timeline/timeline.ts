// The flow timeline's lines: what each component did, derived from the watch events of pods,
// ReplicaSets, Deployments, Services, EndpointSlices and Nodes (diffing each object with the
// version before) and from Events (by their source component). Pure: a line is a message key
// and parameters (translated when shown), a virtual time, a component badge and the names of the
// objects it involves (for the filter).
import type { Params } from '../i18n/translate';
import { translate, type Lang, type MessageKey } from '../i18n/translate';
import { objectKey, podStatusText, STOPPED_ANNOTATION, type AnyObject, type FeedEvent, type ResourceName } from '../cluster/model';
import type { Pod } from 'kubernetes-types/core/v1';

/** The path a learner follows: kubectl → apiserver → etcd → scheduler → controllers → kubelet → container. */
export type Component = 'kubectl' | 'apiserver' | 'etcd' | 'scheduler' | 'controller' | 'kubelet' | 'container' | 'node';
export const COMPONENTS: Component[] = ['kubectl', 'apiserver', 'etcd', 'scheduler', 'controller', 'kubelet', 'container', 'node'];

export interface TimelineLine {
  id: number;
  /** virtual time, ms */
  time: number;
  component: Component;
  key: MessageKey;
  params: Params;
  /** names of the objects involved, for the filter */
  objects: string[];
  /** etcd revision of the write, when the line is one */
  rev?: string;
}

export const TIMELINE_RESOURCES: ResourceName[] = ['deployments', 'replicasets', 'pods', 'services', 'endpointslices', 'nodes', 'events'];

export function lineText(lang: Lang, line: TimelineLine): string {
  return translate(lang, line.key, line.params);
}

/** Case-insensitive substring match on any involved object name; empty matches all. */
export function matchesFilter(line: TimelineLine, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  return line.objects.some((o) => o.toLowerCase().includes(f));
}

function ts(s: unknown): number | undefined {
  if (typeof s !== 'string' || !s) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

/** The latest timestamp written into an object: a lower bound on when the write happened. */
export function objectTimeHint(o: AnyObject): number | undefined {
  let best: number | undefined;
  const see = (s: unknown) => {
    const t = ts(s);
    if (t !== undefined && (best === undefined || t > best)) best = t;
  };
  const m = o.metadata ?? {};
  see(m.creationTimestamp);
  const del = ts(m.deletionTimestamp);
  if (del !== undefined) {
    const grace = Number((m as { deletionGracePeriodSeconds?: number }).deletionGracePeriodSeconds ?? 0);
    see(new Date(del - grace * 1000).toISOString());
  }
  const status = o.status as { conditions?: { lastTransitionTime?: string; lastHeartbeatTime?: string }[]; containerStatuses?: { state?: Record<string, { startedAt?: string; finishedAt?: string }> }[] } | undefined;
  for (const c of status?.conditions ?? []) {
    see(c.lastTransitionTime);
    see(c.lastHeartbeatTime);
  }
  for (const cs of status?.containerStatuses ?? []) {
    for (const st of Object.values(cs.state ?? {})) {
      see(st?.startedAt);
      see(st?.finishedAt);
    }
  }
  return best;
}

const KIND: Record<string, string> = {
  pods: 'Pod',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  services: 'Service',
  endpointslices: 'EndpointSlice',
  nodes: 'Node',
};

function badgeFor(sourceComponent: string): Component {
  if (sourceComponent === 'default-scheduler' || sourceComponent.includes('scheduler')) return 'scheduler';
  if (sourceComponent === 'kubelet') return 'kubelet';
  return 'controller';
}

function isControlled(o: AnyObject): boolean {
  return (o.metadata?.ownerReferences ?? []).some((r) => r.controller);
}

function readyIps(slices: Map<string, AnyObject>): Set<string> {
  const out = new Set<string>();
  for (const s of slices.values()) {
    for (const ep of (s.endpoints as { addresses?: string[]; conditions?: { ready?: boolean } }[] | undefined) ?? []) {
      if (ep.conditions?.ready === false) continue;
      for (const ip of ep.addresses ?? []) out.add(ip);
    }
  }
  return out;
}

export interface TimelineOptions {
  /** the UI's estimate of the virtual clock */
  now?: () => number;
  /** lines kept */
  max?: number;
  /** lines derived from the Events already stored when the timeline starts */
  history?: number;
}

export class TimelineBuilder {
  lines: TimelineLine[] = [];
  private seq = 0;
  private prev: Partial<Record<ResourceName, Map<string, AnyObject>>> = {};
  /** service (ns/name) → its slices (name → slice) */
  private slices = new Map<string, Map<string, AnyObject>>();
  private lastTime = 0;
  /** set while reading an Event, whose own timestamp is the line's time */
  private exact = false;
  /** the worker's virtual time of the watch event being read, when the protocol gives it */
  private at: number | undefined;
  private readonly now: () => number;
  private readonly max: number;
  private readonly history: number;

  constructor(opts: TimelineOptions = {}) {
    this.now = opts.now ?? (() => 0);
    this.max = opts.max ?? 2000;
    this.history = opts.history ?? 100;
  }

  /** Folds a batch of feed events; returns the lines it added. */
  ingest(events: FeedEvent[]): TimelineLine[] {
    const added: TimelineLine[] = [];
    for (const ev of events) {
      const map = (this.prev[ev.resource] ??= new Map());
      if (ev.type === 'SYNC') {
        map.clear();
        for (const o of ev.items) map.set(objectKey(o), o);
        if (ev.resource === 'endpointslices') {
          this.slices.clear();
          for (const o of ev.items) this.sliceMap(o)?.set(o.metadata?.name ?? '', o);
        }
        if (ev.resource === 'events') {
          const recent = [...ev.items].sort((a, b) => (this.eventTime(a) ?? 0) - (this.eventTime(b) ?? 0)).slice(-this.history);
          for (const e of recent) this.fromEvent(e, undefined, added);
        }
        continue;
      }
      const key = objectKey(ev.object);
      const before = map.get(key);
      if (ev.type === 'DELETED') map.delete(key);
      else map.set(key, ev.object);
      this.at = ev.at;
      try {
        if (ev.resource === 'events') {
          if (ev.type !== 'DELETED') this.fromEvent(ev.object, before, added);
        } else this.fromObject(ev.resource, ev.type, ev.object, before, added);
      } finally {
        this.at = undefined;
      }
    }
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
    return added;
  }

  private sliceMap(o: AnyObject): Map<string, AnyObject> | undefined {
    const svc = o.metadata?.labels?.['kubernetes.io/service-name'];
    if (!svc) return undefined;
    const k = `${o.metadata?.namespace}/${svc}`;
    let m = this.slices.get(k);
    if (!m) this.slices.set(k, (m = new Map()));
    return m;
  }

  private eventTime(e: AnyObject): number | undefined {
    return ts(e.lastTimestamp) ?? ts(e.eventTime) ?? ts(e.firstTimestamp);
  }

  /**
   * `exact` times (an Event's own timestamp) are kept; times estimated from an object or the
   * clock never go back before the last line, so the story reads in order.
   */
  private push(out: TimelineLine[], time: number | undefined, component: Component, key: MessageKey, params: Params, objects: (string | undefined)[], rev?: string, exact = false) {
    const t = this.at !== undefined ? this.at : (exact || this.exact) && time !== undefined ? time : Math.max(time ?? 0, this.now(), this.lastTime);
    this.lastTime = Math.max(this.lastTime, t);
    const line: TimelineLine = { id: ++this.seq, time: t, component, key, params, objects: objects.filter((x): x is string => !!x), rev };
    this.lines.push(line);
    out.push(line);
  }

  private fromObject(resource: ResourceName, type: 'ADDED' | 'MODIFIED' | 'DELETED', o: AnyObject, before: AnyObject | undefined, out: TimelineLine[]) {
    const kind = o.kind ?? KIND[resource] ?? resource;
    const name = o.metadata?.name ?? '';
    const rev = o.metadata?.resourceVersion;
    const time = objectTimeHint(o);
    const objs: (string | undefined)[] = [name, ...(o.metadata?.ownerReferences ?? []).map((r) => r.name)];
    if (resource === 'pods') objs.push((o.spec as { nodeName?: string } | undefined)?.nodeName);

    if (resource === 'endpointslices') return this.fromSlice(type, o, out, time);

    if (type === 'ADDED') {
      if (!isControlled(o) && resource !== 'nodes' && !before) this.push(out, time, 'kubectl', 'tl.clientCreated', { kind, name }, objs);
      this.push(out, time, 'apiserver', 'tl.stored', { kind, name, rev: rev ?? '' }, objs, rev);
      return;
    }
    if (type === 'DELETED') {
      this.push(out, time, 'apiserver', 'tl.removed', { kind, name }, objs, rev);
      return;
    }
    if (!before) return;

    if (resource === 'pods') {
      const node = (o.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
      if (o.metadata?.deletionTimestamp != null && before.metadata?.deletionTimestamp == null) {
        const grace = (o.metadata as { deletionGracePeriodSeconds?: number }).deletionGracePeriodSeconds ?? 30;
        this.push(out, time, 'apiserver', 'tl.markedDeleted', { name, grace }, objs, rev);
      }
      const exited = this.exitedContainers(o, before);
      for (const c of exited) this.push(out, time, 'container', 'tl.containerExited', { container: c.name, name, code: c.code }, objs);
      const now = podStatusText(o as Pod);
      const was = podStatusText(before as Pod);
      if (node && now !== was && now !== 'Terminating' && now !== 'Pending') this.push(out, time, 'kubelet', 'tl.podStatus', { node, name, status: now }, objs, rev);
      return;
    }
    if (resource === 'deployments') {
      const from = (before.spec as { replicas?: number } | undefined)?.replicas ?? 1;
      const to = (o.spec as { replicas?: number } | undefined)?.replicas ?? 1;
      if (from !== to) this.push(out, time, 'kubectl', 'tl.replicasChanged', { kind, name, from, to }, objs, rev);
      return;
    }
    if (resource === 'nodes') {
      const cordoned = (o.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
      const wasCordoned = (before.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
      if (cordoned !== wasCordoned) this.push(out, undefined, 'kubectl', cordoned ? 'tl.cordoned' : 'tl.uncordoned', { name }, objs, rev);
      const stopped = o.metadata?.annotations?.[STOPPED_ANNOTATION] === 'stopped';
      const wasStopped = before.metadata?.annotations?.[STOPPED_ANNOTATION] === 'stopped';
      if (stopped !== wasStopped) this.push(out, undefined, 'node', stopped ? 'tl.nodeStopped' : 'tl.nodeStarted', { name }, objs, rev);
      const ready = nodeReady(o);
      if (ready && !nodeReady(before)) this.push(out, time, 'kubelet', 'tl.nodeReady', { name }, objs, rev);
    }
  }

  private exitedContainers(o: AnyObject, before: AnyObject): { name: string; code: number }[] {
    type CS = { name: string; restartCount?: number; state?: { terminated?: { exitCode?: number } }; lastState?: { terminated?: { exitCode?: number } } };
    const prev = new Map(((before.status as { containerStatuses?: CS[] } | undefined)?.containerStatuses ?? []).map((c) => [c.name, c]));
    const out: { name: string; code: number }[] = [];
    for (const cs of (o.status as { containerStatuses?: CS[] } | undefined)?.containerStatuses ?? []) {
      const p = prev.get(cs.name);
      if (cs.state?.terminated && !p?.state?.terminated) out.push({ name: cs.name, code: cs.state.terminated.exitCode ?? 0 });
      else if (!cs.state?.terminated && (cs.restartCount ?? 0) > (p?.restartCount ?? 0) && !p?.state?.terminated && cs.lastState?.terminated)
        out.push({ name: cs.name, code: cs.lastState.terminated.exitCode ?? 0 });
    }
    return out;
  }

  private fromSlice(type: 'ADDED' | 'MODIFIED' | 'DELETED', o: AnyObject, out: TimelineLine[], time: number | undefined) {
    const slices = this.sliceMap(o);
    if (!slices) return;
    const service = o.metadata?.labels?.['kubernetes.io/service-name'] ?? '';
    const before = readyIps(slices);
    if (type === 'DELETED') slices.delete(o.metadata?.name ?? '');
    else slices.set(o.metadata?.name ?? '', o);
    const after = readyIps(slices);
    const podOf = (ip: string) => {
      for (const s of slices.values())
        for (const ep of (s.endpoints as { addresses?: string[]; targetRef?: { name?: string } }[] | undefined) ?? []) if (ep.addresses?.includes(ip)) return ep.targetRef?.name;
      return undefined;
    };
    for (const ip of after) if (!before.has(ip)) this.push(out, time, 'controller', 'tl.epAdded', { ip, service }, [service, podOf(ip), ip], o.metadata?.resourceVersion);
    for (const ip of before) if (!after.has(ip)) this.push(out, time, 'controller', 'tl.epRemoved', { ip, service }, [service, podOf(ip), ip], o.metadata?.resourceVersion);
  }

  private fromEvent(e: AnyObject, before: AnyObject | undefined, out: TimelineLine[]) {
    this.exact = true;
    try {
      this.lineFromEvent(e, before, out);
    } finally {
      this.exact = false;
    }
  }

  private lineFromEvent(e: AnyObject, before: AnyObject | undefined, out: TimelineLine[]) {
    const count = Number(e.count ?? 1);
    if (before && Number(before.count ?? 1) >= count) return;
    const source = (e.source as { component?: string; host?: string } | undefined) ?? {};
    const component = String(source.component ?? e.reportingComponent ?? '');
    const nodeHost = source.host ?? String(e.reportingInstance ?? '');
    const io = (e.involvedObject as { kind?: string; name?: string } | undefined) ?? {};
    const name = io.name ?? '';
    const kind = io.kind ?? '';
    const reason = String(e.reason ?? '');
    const message = String(e.message ?? '');
    const time = this.eventTime(e);
    const badge = badgeFor(component);
    const objs: (string | undefined)[] = [name];
    const m = (re: RegExp) => re.exec(message);

    switch (reason) {
      case 'Scheduled': {
        const node = m(/ to (\S+)$/)?.[1] ?? '';
        return this.push(out, time, 'scheduler', 'tl.bound', { name, node }, [...objs, node]);
      }
      case 'FailedScheduling':
        return this.push(out, time, 'scheduler', 'tl.failedScheduling', { name, message }, objs);
      case 'Pulling':
        if (component === 'kubelet') return this.push(out, time, 'kubelet', 'tl.pulling', { node: nodeHost, image: m(/"([^"]+)"/)?.[1] ?? '' }, [...objs, nodeHost]);
        break;
      case 'Pulled':
        if (component === 'kubelet') {
          const image = m(/"([^"]+)"/)?.[1] ?? '';
          return this.push(out, time, 'kubelet', /already present/.test(message) ? 'tl.imagePresent' : 'tl.pulled', { node: nodeHost, image }, [...objs, nodeHost]);
        }
        break;
      case 'Created':
        if (component === 'kubelet') return this.push(out, time, 'kubelet', 'tl.created', { node: nodeHost, container: m(/container:? (\S+)$/)?.[1] ?? '' }, [...objs, nodeHost]);
        break;
      case 'Started':
        if (component === 'kubelet') return this.push(out, time, 'container', 'tl.started', { node: nodeHost, container: m(/container:? (\S+)$/)?.[1] ?? '' }, [...objs, nodeHost]);
        break;
      case 'Killing':
        if (component === 'kubelet') return this.push(out, time, 'kubelet', 'tl.killing', { node: nodeHost, container: m(/container:? (\S+)/)?.[1] ?? '' }, [...objs, nodeHost]);
        break;
      case 'BackOff':
        if (component === 'kubelet') return this.push(out, time, 'kubelet', 'tl.backoff', { node: nodeHost, name }, [...objs, nodeHost]);
        break;
      case 'ScalingReplicaSet': {
        const r = m(/replica set (\S+) from (\d+) to (\d+)/);
        if (r) return this.push(out, time, 'controller', 'tl.scaledRs', { name: r[1], from: Number(r[2]), to: Number(r[3]) }, [...objs, r[1]]);
        break;
      }
      case 'SuccessfulCreate': {
        const pod = m(/Created pod: (\S+)/)?.[1];
        if (pod) return this.push(out, time, 'controller', 'tl.rsCreatedPod', { pod }, [...objs, pod]);
        break;
      }
      case 'SuccessfulDelete': {
        const pod = m(/Deleted pod: (\S+)/)?.[1];
        if (pod) return this.push(out, time, 'controller', 'tl.rsDeletedPod', { pod }, [...objs, pod]);
        break;
      }
      case 'NodeNotReady':
        return this.push(out, time, 'controller', kind === 'Node' ? 'tl.nodeNotReady' : 'tl.podNodeNotReady', { name }, objs);
      case 'TaintManagerEviction':
        return this.push(out, time, 'controller', 'tl.evicted', { name }, objs);
    }
    this.push(out, time, badge, 'tl.event', { component, reason, kind, name, message }, [...objs, nodeHost || undefined]);
  }
}

function nodeReady(o: AnyObject): boolean {
  return ((o.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** HH:MM:SS of a virtual time (UTC, as the cluster's timestamps). */
export function clockText(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}
