// The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go): for every Service
// with a selector, an Endpoints object of the same name listing its pods, ready ones in
// `addresses` and the rest in `notReadyAddresses`, per port after resolving named target ports
// on each pod. Level-triggered: handlers enqueue service keys, syncService re-reads the caches
// and writes only when the content changed.
import type { KubeObject } from '../../../api/types';
import type { ControllerContext } from '../context';
import { WorkQueue } from '../../machinery/workqueue';
import { keyOf, splitKey } from '../../machinery/informer';
import { isNotFound } from '../../machinery/client';
import {
  enqueueServicesOfPods,
  findPort,
  isPodReady,
  isServiceIPSet,
  pod,
  podIP,
  podsForService,
  sameLabels,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  svc,
} from './pods';
import {
  capacityAnnotationSetCorrectly,
  OVER_CAPACITY,
  repackSubsets,
  singleSubset,
  subsetsEqual,
  truncateSubsets,
  type EndpointAddress,
  type EndpointSubset,
} from './subsets';
import { LAST_CHANGE_TRIGGER_TIME, rfc3339Nano, TriggerTimeTracker } from './trigger-time';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const ENDPOINTS_COMPONENT = 'endpoint-controller';

export interface EndpointsController {
  queue: WorkQueue;
  syncService(key: string): void;
}

/** The kube-apiserver maintains these (bootstrap and its endpoint reconciler); never touch them. */
export function isApiserverService(key: string): boolean {
  return key === 'default/kubernetes';
}

export function startEndpointsController(ctx: ControllerContext): EndpointsController {
  const services = ctx.informers.for('services');
  const pods = ctx.informers.for('pods');
  const endpoints = ctx.informers.for('endpoints');
  const client = ctx.client(ENDPOINTS_COMPONENT);
  const recorder = ctx.recorder(ENDPOINTS_COMPONENT);
  const tracker = new TriggerTimeTracker();

  const syncService = (key: string): void => {
    if (isApiserverService(key)) return;
    const [namespace, name] = splitKey(key);
    const service = services.get(namespace, name);
    if (!service) {
      // The Service is gone: so are its endpoints.
      try {
        client.delete('endpoints', namespace, name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      tracker.delete(key);
      return;
    }
    const spec = svc(service).spec ?? {};
    if (spec.type === 'ExternalName') return;
    // Services without a selector get their endpoints out of band, through the API.
    if (!spec.selector) return;

    const selected = podsForService(pods.list(namespace), service);
    const triggerTime = tracker.compute(key, service, selected);
    const publishNotReady = !!spec.publishNotReadyAddresses;
    let subsets: EndpointSubset[] = [];
    for (const p of sortByName(selected)) {
      if (!shouldPodBeInEndpoints(p, publishNotReady)) continue;
      const addr = podAddress(p);
      if (shouldSetHostname(p, service)) addr.hostname = pod(p).spec!.hostname;
      const ready = publishNotReady || isPodReady(p);
      const ports = spec.ports ?? [];
      if (!ports.length) {
        // Headless services may have no ports.
        if (spec.clusterIP === 'None') subsets.push(singleSubset(addr, undefined, ready));
        continue;
      }
      for (const sp of ports) {
        const portNum = findPort(p, sp);
        if (portNum === undefined) continue;
        const epp = { ...(sp.name ? { name: sp.name } : {}), port: portNum, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) };
        subsets.push(singleSubset(addr, epp, ready));
      }
    }
    subsets = repackSubsets(subsets);

    const current = endpoints.get(namespace, name);
    const svcLabels = service.metadata.labels ?? {};
    if (current) {
      const curLabels = { ...(current.metadata.labels ?? {}) };
      delete curLabels[HEADLESS_LABEL];
      const curSubsets = (current.subsets as EndpointSubset[] | undefined) ?? [];
      if (
        subsetsEqual(curSubsets, subsets) &&
        sameLabels(curLabels, svcLabels) &&
        capacityAnnotationSetCorrectly(current.metadata.annotations as Record<string, string> | undefined, curSubsets)
      ) {
        return;
      }
    }

    const base: KubeObject = current
      ? (JSON.parse(JSON.stringify(current)) as KubeObject)
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    const labels: Record<string, string> = { ...svcLabels };
    if (!isServiceIPSet(service)) labels[HEADLESS_LABEL] = '';
    const annotations: Record<string, string> = { ...((base.metadata.annotations as Record<string, string>) ?? {}) };
    if (triggerTime) annotations[LAST_CHANGE_TRIGGER_TIME] = rfc3339Nano(triggerTime);
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    if (truncateSubsets(subsets)) annotations[OVER_CAPACITY] = 'truncated';
    else delete annotations[OVER_CAPACITY];
    base.metadata.labels = labels;
    if (Object.keys(annotations).length) base.metadata.annotations = annotations;
    else delete base.metadata.annotations;
    if (Object.keys(labels).length === 0) delete base.metadata.labels;
    if (subsets.length) base.subsets = subsets;
    else delete base.subsets;

    try {
      if (current) client.update('endpoints', base);
      else client.create('endpoints', namespace, base);
    } catch (e) {
      const err = e instanceof Error ? e.message : String(e);
      // A terminating namespace refuses creations; they will keep failing, so drop the key.
      if (!current && /because it is being terminated/.test(err)) return;
      if (!current) recorder.event(base, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${err}`);
      else recorder.event(base, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${err}`);
      throw e;
    }
  };

  const queue = new WorkQueue(ctx.clock, 'endpoint', syncService);
  const enqueue = (key: string) => queue.add(key);
  enqueueServicesOfPods(services, pods, enqueue, keyOf);
  // A deleted Endpoints object whose Service still exists is recreated.
  endpoints.addEventHandler({ onDelete: (ep) => enqueue(keyOf(ep)) });

  return { queue, syncService };
}

function podAddress(p: KubeObject): EndpointAddress {
  return {
    ip: podIP(p),
    nodeName: pod(p).spec?.nodeName ?? '',
    targetRef: { kind: 'Pod', namespace: p.metadata.namespace ?? '', name: p.metadata.name ?? '', uid: p.metadata.uid ?? '' },
  };
}

function sortByName(pods: KubeObject[]): KubeObject[] {
  return [...pods].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
}
