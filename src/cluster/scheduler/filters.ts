// Filter plugins of the default profile, in its order, with their v1.32 reasons and codes.
// `Unschedulable` may be fixed by preemption; `UnschedulableAndUnresolvable` may not.
import type { KubeObject } from '../../api/types';
import type { NodeInfo } from './cache';
import {
  findUntoleratedTaint,
  hostPortsConflict,
  nodeSpec,
  nodeTaints,
  podHostPorts,
  podMatchesNodeSelectorAndAffinity,
  podSpec,
  podTolerations,
  taintString,
  taintTolerated,
  type HostPort,
  type Resources,
} from './podutil';

export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterStatus {
  code: FilterCode;
  reasons: string[];
}

/** What a filter needs about the pod, computed once per scheduling cycle (PreFilter). */
export interface PodFilterState {
  pod: KubeObject;
  requests: Resources;
  ports: HostPort[];
}

export interface FilterPlugin {
  name: string;
  filter(state: PodFilterState, node: NodeInfo): FilterStatus | undefined;
}

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const ERR_REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

const unresolvable = (...reasons: string[]): FilterStatus => ({ code: 'UnschedulableAndUnresolvable', reasons });
const unschedulable = (...reasons: string[]): FilterStatus => ({ code: 'Unschedulable', reasons });

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(s, n) {
    if (!nodeSpec(n.node!).unschedulable) return undefined;
    // A pod that tolerates the unschedulable taint may still go there (DaemonSets do).
    const tolerated = taintTolerated({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, podTolerations(s.pod));
    return tolerated ? undefined : unresolvable(ERR_REASON_UNSCHEDULABLE);
  },
};

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(s, n) {
    const want = podSpec(s.pod).nodeName;
    return want && want !== n.name ? unresolvable(ERR_REASON_NODE_NAME) : undefined;
  },
};

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(s, n) {
    const t = findUntoleratedTaint(nodeTaints(n.node!), podTolerations(s.pod), ['NoSchedule', 'NoExecute']);
    return t ? unresolvable(`node(s) had untolerated taint ${taintString(t)}`) : undefined;
  },
};

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  filter(s, n) {
    return podMatchesNodeSelectorAndAffinity(s.pod, n.node!) ? undefined : unresolvable(ERR_REASON_AFFINITY);
  },
};

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  filter(s, n) {
    if (!s.ports.length || !n.usedPorts.length) return undefined;
    return hostPortsConflict(s.ports, n.usedPorts) ? unschedulable(ERR_REASON_PORTS) : undefined;
  },
};

export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(s, n) {
    const alloc = n.allocatable;
    const reasons: string[] = [];
    if (n.pods.size + 1 > alloc.pods) reasons.push('Too many pods');
    const r = s.requests;
    if (r.milliCPU || r.memory) {
      if (alloc.milliCPU < r.milliCPU + n.requested.milliCPU) reasons.push('Insufficient cpu');
      if (alloc.memory < r.memory + n.requested.memory) reasons.push('Insufficient memory');
    }
    return reasons.length ? unschedulable(...reasons) : undefined;
  },
};

/** The default profile's filters, in order; a node's first failing plugin decides. */
export const DEFAULT_FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit];

export function podFilterState(pod: KubeObject, requests: Resources): PodFilterState {
  return { pod, requests, ports: podHostPorts(pod) };
}
