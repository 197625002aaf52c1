// The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector,
// EndpointSlices labelled `kubernetes.io/service-name` and owned by the Service, at most 100
// endpoints each, grouped by the ports resolved per pod, with ready/serving/terminating
// conditions. A Service without pods keeps one empty placeholder slice. Only changed slices are
// written; slices of a deleted Service go with it through their ownerReference (garbage collector).
import type { KubeObject } from '../../../api/types';
import type { ControllerContext } from '../context';
import { WorkQueue } from '../../machinery/workqueue';
import { keyOf, splitKey } from '../../machinery/informer';
import { isNotFound } from '../../machinery/client';
import { enqueueServicesOfPods, pod, podsForService, sameLabels, shouldPodBeInEndpoints, svc } from '../endpoints/pods';
import { LAST_CHANGE_TRIGGER_TIME, rfc3339Nano, TriggerTimeTracker } from '../endpoints/trigger-time';
import {
  CONTROLLER_NAME,
  endpointContent,
  endpointKey,
  endpointPorts,
  MANAGED_BY_LABEL,
  MAX_ENDPOINTS_PER_SLICE,
  podToEndpoint,
  portsKey,
  SERVICE_NAME_LABEL,
  sliceLabels,
  slicePrefix,
  type SliceEndpoint,
  type SlicePort,
} from './desired';

export const ENDPOINTSLICE_COMPONENT = 'endpoint-slice-controller';
const RESOURCE = 'endpointslices.discovery.k8s.io';

export interface EndpointSliceController {
  queue: WorkQueue;
  syncService(key: string): void;
}

interface Slice extends KubeObject {
  addressType: string;
  endpoints: SliceEndpoint[] | null;
  ports: SlicePort[] | null;
}

export function startEndpointSliceController(ctx: ControllerContext): EndpointSliceController {
  const services = ctx.informers.for('services');
  const pods = ctx.informers.for('pods');
  const nodes = ctx.informers.for('nodes');
  const slices = ctx.informers.for(RESOURCE);
  const client = ctx.client(ENDPOINTSLICE_COMPONENT);
  const recorder = ctx.recorder(ENDPOINTSLICE_COMPONENT);
  const tracker = new TriggerTimeTracker();

  const syncService = (key: string): void => {
    const [namespace, name] = splitKey(key);
    const service = services.get(namespace, name);
    if (!service) {
      tracker.delete(key);
      return;
    }
    const spec = svc(service).spec ?? {};
    if (spec.type === 'ExternalName' || !spec.selector) return;
    const selected = podsForService(pods.list(namespace), service);
    const triggerTime = tracker.compute(key, service, selected);
    try {
      reconcile(service, selected, triggerTime);
    } catch (e) {
      const err = e instanceof Error ? e.message : String(e);
      recorder.event(service, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${name}: ${err}`);
      throw e;
    }
  };

  const reconcile = (service: KubeObject, selected: KubeObject[], triggerTime: number): void => {
    const namespace = service.metadata.namespace!;
    const publishNotReady = !!svc(service).spec?.publishNotReadyAddresses;
    const existing = (slices.list(namespace) as Slice[]).filter(
      (s) =>
        s.metadata.labels?.[SERVICE_NAME_LABEL] === service.metadata.name &&
        s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME &&
        !s.metadata.deletionTimestamp,
    );

    // Desired endpoints, grouped by port set.
    const desired = new Map<string, { ports: SlicePort[]; eps: Map<string, SliceEndpoint> }>();
    const missingNodes: string[] = [];
    for (const p of [...selected].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
      if (!shouldPodBeInEndpoints(p, true)) continue;
      const ports = endpointPorts(service, p);
      const pk = portsKey(ports);
      let group = desired.get(pk);
      if (!group) desired.set(pk, (group = { ports, eps: new Map() }));
      const nodeName = pod(p).spec?.nodeName ?? '';
      const node = nodes.get('', nodeName);
      if (!node && !publishNotReady) {
        missingNodes.push(`skipping Pod ${p.metadata.name} for Service ${namespace}/${service.metadata.name}: Node ${nodeName} Not Found`);
        continue;
      }
      const ep = podToEndpoint(p, node, service);
      group.eps.set(endpointKey(ep), ep);
    }

    const labels = sliceLabels(service);
    const toCreate: Slice[] = [];
    const toUpdate: Slice[] = [];
    const toDelete: Slice[] = [];
    const owned = (s: Slice) => s.metadata.ownerReferences?.some((r) => r.kind === 'Service' && r.uid === service.metadata.uid) ?? false;

    const byPorts = new Map<string, Slice[]>();
    for (const s of existing) {
      if (!owned(s) || s.addressType !== 'IPv4') {
        toDelete.push(s);
        continue;
      }
      const pk = portsKey(s.ports);
      if (!byPorts.has(pk)) byPorts.set(pk, []);
      byPorts.get(pk)!.push(s);
    }

    for (const [pk, slicesForPorts] of byPorts) {
      if (!desired.has(pk)) toDelete.push(...slicesForPorts);
    }

    for (const [pk, group] of desired) {
      const current = byPorts.get(pk) ?? [];
      const remaining = new Map(group.eps);
      const withRoom: Slice[] = [];
      for (const s of current) {
        let changed = false;
        const kept: SliceEndpoint[] = [];
        for (const ep of s.endpoints ?? []) {
          const k = endpointKey(ep);
          const want = remaining.get(k);
          if (!want) {
            changed = true;
            continue;
          }
          remaining.delete(k);
          if (endpointContent(want) !== endpointContent(ep)) changed = true;
          kept.push(want);
        }
        if (!kept.length) {
          toDelete.push(s);
          continue;
        }
        const copy = clone(s);
        copy.endpoints = kept;
        const labelsChanged = !sameLabels(s.metadata.labels, labels);
        if (changed || labelsChanged) {
          copy.metadata.labels = { ...labels };
          toUpdate.push(copy);
        }
        if (kept.length < MAX_ENDPOINTS_PER_SLICE) withRoom.push(copy);
      }
      // New endpoints fill slices already being updated first, then others with room, then new ones.
      const pending = [...remaining.values()];
      withRoom.sort((a, b) => Number(toUpdate.includes(b)) - Number(toUpdate.includes(a)));
      for (const s of withRoom) {
        while (pending.length && s.endpoints!.length < MAX_ENDPOINTS_PER_SLICE) {
          s.endpoints!.push(pending.shift()!);
          if (!toUpdate.includes(s)) {
            s.metadata.labels = { ...labels };
            toUpdate.push(s);
          }
        }
      }
      while (pending.length) {
        const s = newSlice(service, labels, group.ports);
        s.endpoints = pending.splice(0, MAX_ENDPOINTS_PER_SLICE);
        toCreate.push(s);
      }
    }

    // A Service with no endpoints keeps one placeholder slice.
    if (existing.length === toDelete.length && toCreate.length === 0) {
      const keep = toDelete.find((s) => isPlaceholder(s) && owned(s) && sameLabels(s.metadata.labels, labels));
      if (keep) toDelete.splice(toDelete.indexOf(keep), 1);
      else {
        // The apiserver stores an empty list as null, as a real cluster shows it.
        const placeholder = newSlice(service, labels, null);
        placeholder.endpoints = null;
        toCreate.push(placeholder);
      }
    }

    const stamp = (s: Slice) => {
      const ann = { ...((s.metadata.annotations as Record<string, string>) ?? {}) };
      if (triggerTime) ann[LAST_CHANGE_TRIGGER_TIME] = rfc3339Nano(triggerTime);
      else delete ann[LAST_CHANGE_TRIGGER_TIME];
      if (Object.keys(ann).length) s.metadata.annotations = ann;
      else delete s.metadata.annotations;
    };
    for (const s of toCreate) {
      stamp(s);
      client.create(RESOURCE, namespace, s);
    }
    for (const s of toUpdate) {
      stamp(s);
      client.update(RESOURCE, s);
    }
    for (const s of toDelete) {
      try {
        client.delete(RESOURCE, namespace, s.metadata.name!);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    if (missingNodes.length) throw new Error(missingNodes.join('; '));
  };

  const queue = new WorkQueue(ctx.clock, 'endpoint_slice', syncService);
  const enqueue = (key: string) => queue.add(key);
  enqueueServicesOfPods(services, pods, enqueue, keyOf);
  // Someone else touching our slices: resync their Service (onEndpointSliceUpdate/Delete).
  const enqueueSlice = (s: KubeObject) => {
    const svcName = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (svcName && s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME) enqueue(`${s.metadata.namespace}/${svcName}`);
  };
  slices.addEventHandler({ onUpdate: (_o, s) => enqueueSlice(s), onDelete: enqueueSlice });
  nodes.addEventHandler({}); // registered so the node cache is started with the others

  return { queue, syncService };
}

function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

function isPlaceholder(s: Slice): boolean {
  return !(s.endpoints?.length) && !(s.ports?.length);
}

function newSlice(service: KubeObject, labels: Record<string, string>, ports: SlicePort[] | null): Slice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: slicePrefix(service.metadata.name!),
      namespace: service.metadata.namespace,
      labels: { ...labels },
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Service', name: service.metadata.name!, uid: service.metadata.uid!, controller: true, blockOwnerDeletion: true },
      ],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports: ports && ports.length ? ports.map((p) => ({ ...p })) : null,
  };
}
