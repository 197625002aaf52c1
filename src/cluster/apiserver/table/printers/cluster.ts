// Cluster plumbing: nodes, namespaces, leases.
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Namespace, Node, NodeCondition } from 'kubernetes-types/core/v1';
import { DOC } from '../descriptions';
import { age, AGE_COLUMN, as, col, NAME_COLUMN, nameOf, type Printer } from '../printer';

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/** Ready / NotReady / Unknown (no Ready condition), then SchedulingDisabled when cordoned. */
function nodeStatus(node: Node): string {
  const byType = new Map<string, NodeCondition>();
  for (const c of node.status?.conditions ?? []) byType.set(c.type, c);
  const status: string[] = [];
  const ready = byType.get('Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** findNodeRoles: node-role.kubernetes.io/<role> keys and kubernetes.io/role values, sorted. */
export function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    col('Version', 'string', DOC.NodeSystemInfo_kubeletVersion),
    col('Internal-IP', 'string', DOC.NodeStatus_addresses, 1),
    col('External-IP', 'string', DOC.NodeStatus_addresses, 1),
    col('OS-Image', 'string', DOC.NodeSystemInfo_osImage, 1),
    col('Kernel-Version', 'string', DOC.NodeSystemInfo_kernelVersion, 1),
    col('Container-Runtime', 'string', DOC.NodeSystemInfo_containerRuntimeVersion, 1),
  ],
  print(obj, ctx) {
    const node = as<Node>(obj);
    const info = node.status?.nodeInfo;
    return {
      cells: [
        nameOf(obj),
        nodeStatus(node),
        nodeRoles(node.metadata?.labels),
        age(obj, ctx),
        info?.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};

export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, col('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  print(obj, ctx) {
    // Decoding defaults an empty phase to Active.
    return { cells: [nameOf(obj), as<Namespace>(obj).status?.phase || 'Active', age(obj, ctx)] };
  },
};

export const leasePrinter: Printer = {
  columns: [NAME_COLUMN, col('Holder', 'string', DOC.LeaseSpec_holderIdentity), AGE_COLUMN],
  print(obj, ctx) {
    return { cells: [nameOf(obj), as<Lease>(obj).spec?.holderIdentity ?? '', age(obj, ctx)] };
  },
};
