// describePod: the pod's status, containers, conditions, volumes, QoS, scheduling, events.
import { formatLabelSelector } from '../../api/labels';
import { cmpQuantity, addQuantity, type Quantity } from '../../api/quantity';
import { ServerError } from '../errors';
import { apiPath, getObject, type DescribeContext } from './context';
import { describeContainers, describeTopologySpreadConstraints } from './containers';
import { describeEvents, eventsFor, searchEvents } from './events';
import { printAnnotationsMultiline, printController, printLabelsMultiline, printTolerationsMultilineWithIndent, q, quantity, rfc1123z, since, sortedKeys, type J } from './format';
import { describeVolumes } from './volumes';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** qos.GetPodQOS: the status' class, else computed from the containers' requests and limits. */
export function podQOS(pod: J): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const zero: Quantity = { nanos: 0n, format: 'DecimalSI' };
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const [name, raw] of Object.entries(c.resources?.requests ?? {})) {
      if (!QOS_RESOURCES.has(name)) continue;
      const v = quantity(raw);
      if (cmpQuantity(v, zero) === 1) requests.set(name, requests.has(name) ? addQuantity(v, requests.get(name)!) : v);
    }
    const found = new Set<string>();
    for (const [name, raw] of Object.entries(c.resources?.limits ?? {})) {
      if (!QOS_RESOURCES.has(name)) continue;
      const v = quantity(raw);
      if (cmpQuantity(v, zero) === 1) {
        found.add(name);
        limits.set(name, limits.has(name) ? addQuantity(v, limits.get(name)!) : v);
      }
    }
    if (!found.has('memory') || !found.has('cpu')) guaranteed = false;
  }
  if (!requests.size && !limits.size) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  if (guaranteed && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}

export async function describePodByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  let pod: J;
  try {
    pod = await getObject(ctx, apiPath('v1', 'pods', namespace, name));
  } catch (e) {
    // A pod that is gone may still have events worth seeing (why it was evicted, say).
    if (ctx.settings.showEvents && e instanceof ServerError) {
      let events: J[] = [];
      try {
        events = await searchEvents(ctx, { name, namespace });
      } catch {
        events = [];
      }
      if (events.length) {
        const w = new PrefixWriter();
        w.write(LEVEL_0, `Pod '${name}': error '${e.status.message ?? ''}', but found events.\n`);
        describeEvents(events, w, ctx.now);
        return w.toString();
      }
    }
    throw e;
  }
  let events: J[] | undefined;
  if (ctx.settings.showEvents) {
    // Events name pods without a kind; a mirror pod's events carry its static pod's uid.
    const mirror = pod.metadata?.annotations?.['kubernetes.io/config.mirror'];
    events = await eventsFor(ctx, { name: pod.metadata.name, namespace: pod.metadata.namespace ?? '', uid: mirror ?? pod.metadata.uid });
  }
  return describePod(pod, events, ctx.now);
}

export function describePod(pod: J, events: J[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const meta = pod.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const sp = spec.securityContext?.seccompProfile;
  if (sp) {
    w.write(LEVEL_0, `SeccompProfile:\t${sp.type ?? ''}\n`);
    if (sp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips: J[] = status.podIPs ?? [];
  if (!ips.length) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip ?? ''}\n`);
  }
  const controlledBy = printController(pod);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.resources) {
    w.write(LEVEL_0, 'Resources:\n');
    const r = spec.resources;
    if (Object.keys(r.limits ?? {}).length) w.write(LEVEL_1, 'Limits:\n');
    for (const n of sortedKeys(r.limits)) w.write(LEVEL_1 + 1, `${n}:\t${q(r.limits[n])}\n`);
    if (Object.keys(r.requests ?? {}).length) w.write(LEVEL_1, 'Requests:\n');
    for (const n of sortedKeys(r.requests)) w.write(LEVEL_1 + 1, `${n}:\t${q(r.requests[n])}\n`);
  }
  if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, pod, w, '');
  describeContainers('Containers', spec.containers, status.containerStatuses, pod, w, '');
  if (spec.ephemeralContainers?.length) describeContainers('Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, pod, w, '');
  if (spec.readinessGates?.length) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: J) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec.volumes, w, '');
  w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultilineWithIndent(w, '', 'Tolerations', '\t', spec.tolerations);
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '', formatLabelSelector);
  if (events) describeEvents(events, w, now);
  return w.toString();
}
