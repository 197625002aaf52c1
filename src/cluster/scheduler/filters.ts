// Filter plugins of the default profile, in its order, with their v1.32 reasons and codes.
// `Unschedulable` may be fixed by preemption; `UnschedulableAndUnresolvable` may not.
import type { KubeObject } from '../../api/types';
import type { NodeInfo } from './cache';
import {
  findUntoleratedTaint,
  hostPortsConflict,
  matchesRequiredNodeAffinity,
  podHostPorts,
  podSpec,
  podTolerations,
  requiredNodeAffinity,
  requiredNodeNames,
  taintString,
  taintTolerated,
  type HostPort,
  type RequiredNodeAffinity,
  type Resources,
  type Toleration,
} from './podutil';

export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterStatus {
  code: FilterCode;
  reasons: string[];
}

/** What the plugins need about the pod, computed once per scheduling cycle (the CycleState). */
export interface PodFilterState {
  pod: KubeObject;
  namespace: string;
  requests: Resources;
  ports: HostPort[];
  tolerations: Toleration[];
  /** nodeSelector and required node affinity; undefined when the pod has neither */
  nodeAffinity?: RequiredNodeAffinity;
  /** a namespace's labels (namespaceSelector in pod affinity terms) */
  nsLabels: (namespace: string) => Record<string, string> | undefined;
  /** what PreFilter/PreScore plugins computed for this cycle, by plugin name */
  data: Record<string, unknown>;
}

/** PreFilter's answer: skip the plugin's Filter, reject every node, or narrow the nodes to some names. */
export interface PreFilterResult {
  skip?: boolean;
  status?: FilterStatus;
  nodeNames?: Set<string>;
}

/** The scheduler's node snapshot as PreFilter sees it (framework.NodeInfoLister). */
export interface NodeSnapshot {
  list: NodeInfo[];
  havePodsWithAffinity(requiredAntiOnly?: boolean): NodeInfo[];
}

export interface FilterPlugin {
  name: string;
  /** once per cycle; its data goes into state.data */
  preFilter?(state: PodFilterState, nodes: NodeSnapshot): PreFilterResult | undefined;
  filter(state: PodFilterState, node: NodeInfo): FilterStatus | undefined;
}

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const ERR_REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const ERR_REASON_AFFINITY_CONFLICT = 'pod affinity terms conflict';

export const unresolvable = (...reasons: string[]): FilterStatus => ({ code: 'UnschedulableAndUnresolvable', reasons });
export const unschedulable = (...reasons: string[]): FilterStatus => ({ code: 'Unschedulable', reasons });

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(s, n) {
    if (!n.unschedulable) return undefined;
    // A pod that tolerates the unschedulable taint may still go there (DaemonSets do).
    const tolerated = taintTolerated({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, s.tolerations);
    return tolerated ? undefined : unresolvable(ERR_REASON_UNSCHEDULABLE);
  },
};

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  // Without spec.nodeName the filter passes every node: the cycle need not ask it.
  preFilter(s) {
    return podSpec(s.pod).nodeName ? undefined : { skip: true };
  },
  filter(s, n) {
    const want = podSpec(s.pod).nodeName;
    return want && want !== n.name ? unresolvable(ERR_REASON_NODE_NAME) : undefined;
  },
};

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(s, n) {
    if (!n.taints.length) return undefined;
    const t = findUntoleratedTaint(n.taints, s.tolerations, ['NoSchedule', 'NoExecute']);
    return t ? unresolvable(`node(s) had untolerated taint ${taintString(t)}`) : undefined;
  },
};

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  preFilter(s) {
    if (!s.nodeAffinity) return { skip: true };
    // A pod pinned by matchFields metadata.name (DaemonSet pods) is only checked against those nodes.
    const nodeNames = requiredNodeNames(s.nodeAffinity);
    if (nodeNames && !nodeNames.size) return { status: unresolvable(ERR_REASON_AFFINITY_CONFLICT) };
    return nodeNames ? { nodeNames } : undefined;
  },
  filter(s, n) {
    return matchesRequiredNodeAffinity(s.nodeAffinity, n.node!) ? undefined : unresolvable(ERR_REASON_AFFINITY);
  },
};

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  preFilter(s) {
    return s.ports.length ? undefined : { skip: true };
  },
  filter(s, n) {
    if (!s.ports.length || !n.usedPorts.length) return undefined;
    return hostPortsConflict(s.ports, n.usedPorts) ? unschedulable(ERR_REASON_PORTS) : undefined;
  },
};

export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(s, n) {
    const alloc = n.allocatable;
    const r = s.requests;
    const tooMany = n.pods.size + 1 > alloc.pods;
    const checkRes = r.milliCPU !== 0 || r.memory !== 0;
    const cpu = checkRes && alloc.milliCPU < r.milliCPU + n.requested.milliCPU;
    const mem = checkRes && alloc.memory < r.memory + n.requested.memory;
    // Called for hundreds of nodes per pod: the reasons list is only built for a node that fails.
    if (!tooMany && !cpu && !mem) return undefined;
    const reasons: string[] = [];
    if (tooMany) reasons.push('Too many pods');
    if (cpu) reasons.push('Insufficient cpu');
    if (mem) reasons.push('Insufficient memory');
    return unschedulable(...reasons);
  },
};

export function podFilterState(pod: KubeObject, requests: Resources, nsLabels: PodFilterState['nsLabels'] = () => undefined): PodFilterState {
  return {
    pod,
    namespace: pod.metadata.namespace ?? '',
    requests,
    ports: podHostPorts(pod),
    tolerations: podTolerations(pod),
    nodeAffinity: requiredNodeAffinity(pod),
    nsLabels,
    data: {},
  };
}
