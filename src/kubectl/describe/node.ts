// describeNode: roles, Lease, conditions, addresses, capacity, system info, and the node's
// non-terminated pods with their requests and limits against what the node can allocate.
import { addQuantity, quantityString, scaledValue, type Quantity } from '../../api/quantity';
import { formatError, ServerError } from '../errors';
import { apiPath, getObject, listAll, type DescribeContext } from './context';
import { describeEvents, searchEvents } from './events';
import { goLess, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultilineWithIndent, quantity, q, rfc1123z, since, sortedKeys, type J } from './format';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

type ResourceList = Map<string, Quantity>;

function add(into: ResourceList, from: Record<string, unknown> | undefined): void {
  for (const [k, v] of Object.entries(from ?? {})) {
    const x = quantity(v);
    into.set(k, into.has(k) ? addQuantity(into.get(k)!, x) : x);
  }
}

function max(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (!cur || v.nanos > cur.nanos) into.set(k, v);
  }
}

/**
 * resourcehelper.PodRequestsAndLimits: the containers' sum; an init container counts only as far
 * as it exceeds that (they run one at a time), sidecars (restartPolicy Always) add up; overhead on top.
 */
export function podRequestsAndLimits(pod: J): { reqs: ResourceList; limits: ResourceList } {
  const calc = (field: 'requests' | 'limits'): ResourceList => {
    const total: ResourceList = new Map();
    for (const c of pod.spec?.containers ?? []) add(total, c.resources?.[field]);
    const restartable: ResourceList = new Map();
    const init: ResourceList = new Map();
    for (const c of pod.spec?.initContainers ?? []) {
      let cur: ResourceList;
      if (c.restartPolicy === 'Always') {
        add(total, c.resources?.[field]);
        add(restartable, c.resources?.[field]);
        cur = restartable;
      } else {
        cur = new Map();
        add(cur, c.resources?.[field]);
        for (const [k, v] of restartable) cur.set(k, cur.has(k) ? addQuantity(cur.get(k)!, v) : v);
      }
      max(init, cur);
    }
    max(total, init);
    if (pod.spec?.overhead) add(total, pod.spec.overhead);
    return total;
  };
  return { reqs: calc('requests'), limits: calc('limits') };
}

const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };
const get = (l: ResourceList, k: string) => l.get(k) ?? ZERO;
const milli = (x: Quantity) => Number(scaledValue(x, -3));
const value = (x: Quantity) => Number(scaledValue(x, 0));
/** int64(float64(a)/float64(b)*100): NaN and infinities as Go converts them on amd64. */
const pct = (a: number, b: number) => {
  const f = (a / b) * 100;
  if (!Number.isFinite(f)) return a === 0 ? -9223372036854775808 : -9223372036854775808;
  return Math.trunc(f);
};

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

function describeNodeResource(pods: J[], node: J, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocRaw = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const alloc: ResourceList = new Map();
  add(alloc, allocRaw);
  const allocCpu = milli(get(alloc, 'cpu'));
  const allocMem = value(get(alloc, 'memory'));
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const cr = get(reqs, 'cpu');
    const cl = get(limits, 'cpu');
    const mr = get(reqs, 'memory');
    const ml = get(limits, 'memory');
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${quantityString(cr)} (${pct(milli(cr), allocCpu)}%)\t${quantityString(cl)} (${pct(milli(cl), allocCpu)}%)\t${quantityString(mr)} (${pct(value(mr), allocMem)}%)\t${quantityString(ml)} (${pct(value(ml), allocMem)}%)\t${since(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    for (const [k, v] of r.reqs) reqs.set(k, reqs.has(k) ? addQuantity(reqs.get(k)!, v) : v);
    for (const [k, v] of r.limits) limits.set(k, limits.has(k) ? addQuantity(limits.get(k)!, v) : v);
  }
  const frac = (a: number, b: number) => (b !== 0 ? Math.trunc((a / b) * 100) : 0);
  const row = (name: string, r: Quantity, l: Quantity, fr: number, fl: number) => w.write(LEVEL_1, `${name}\t${quantityString(r)} (${fr}%)\t${quantityString(l)} (${fl}%)\n`);
  row('cpu', get(reqs, 'cpu'), get(limits, 'cpu'), frac(milli(get(reqs, 'cpu')), allocCpu), frac(milli(get(limits, 'cpu')), allocCpu));
  row('memory', get(reqs, 'memory'), get(limits, 'memory'), frac(value(get(reqs, 'memory')), allocMem), frac(value(get(limits, 'memory')), allocMem));
  const allocEph = value(get(alloc, 'ephemeral-storage'));
  row('ephemeral-storage', get(reqs, 'ephemeral-storage'), get(limits, 'ephemeral-storage'), frac(value(get(reqs, 'ephemeral-storage')), allocEph), frac(value(get(limits, 'ephemeral-storage')), allocEph));
  const names = [...alloc.keys()];
  const huge = names.filter((n) => n.startsWith('hugepages-')).sort(goLess);
  const ext = names.filter((n) => !n.startsWith('hugepages-') && !STANDARD.has(n) && n !== 'pods').sort(goLess);
  for (const n of huge) {
    const a = value(get(alloc, n));
    row(n, get(reqs, n), get(limits, n), frac(value(get(reqs, n)), a), frac(value(get(limits, n)), a));
  }
  for (const n of ext) w.write(LEVEL_1, `${n}\t${quantityString(get(reqs, n))}\t${quantityString(get(limits, n))}\n`);
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role=<role>, sorted. */
function nodeRoles(node: J): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort(goLess);
}

export async function describeNodeByName(ctx: DescribeContext, _namespace: string, name: string): Promise<string> {
  const node = await getObject(ctx, apiPath('v1', 'nodes', undefined, name));
  const pods = await listAll(ctx, apiPath('v1', 'pods'), { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` });
  let events: J[] | undefined;
  if (ctx.settings.showEvents) {
    // Controllers name a node by its uid, kubelets by its name: kubectl asks both ways.
    const ref = { kind: 'Node', name, namespace: '' };
    events = [];
    try {
      events.push(...(await searchEvents(ctx, { ...ref, uid: node.metadata.uid })));
    } catch {
      /* no events, as kubectl ignores the error */
    }
    try {
      events.push(...(await searchEvents(ctx, { ...ref, uid: name })));
    } catch {
      /* ditto */
    }
  }
  let lease: J | undefined;
  let leaseErr: string | undefined;
  try {
    lease = await getObject(ctx, apiPath('coordination.k8s.io/v1', 'leases', 'kube-node-lease', name));
  } catch (e) {
    leaseErr = e instanceof ServerError ? (e.status.message ?? '') : formatError(e).replace(/^error: /, '');
  }
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultilineWithIndent(w, '', 'Taints', '\t', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  if (lease) {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  } else {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: ${leaseErr}\n`);
  }
  const conds: J[] = node.status?.conditions ?? [];
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, unknown>) => {
    for (const r of sortedKeys(list)) w.write(LEVEL_0, `  ${r}:\t${q(list[r])}\n`);
  };
  if (Object.keys(node.status?.capacity ?? {}).length) {
    w.write(LEVEL_0, 'Capacity:\n');
    printList(node.status.capacity);
  }
  if (Object.keys(node.status?.allocatable ?? {}).length) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printList(node.status.allocatable);
  }
  const info = node.status?.nodeInfo ?? {};
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  describeNodeResource(pods, node, w, ctx.now);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
