// What a fresh cluster holds before anyone types a command, written through the API as
// kube-apiserver's own bootstrap controllers and kubeadm would: system namespaces, the
// `kubernetes` Service and its endpoints, default ServiceAccounts, and the nodes.
import type { ApiHandler } from '../api/client';
import type { KubeObject } from '../api/types';
import type { NodeSpec } from './topology';
import { kubeDnsService } from './network/kube-dns';
import { bootstrapClient, bootstrapSystem } from './bootstrap-system';

export function nodeObject(n: NodeSpec, now: string): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
  };
  if (n.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const resources = { cpu: n.cpu, 'ephemeral-storage': '102625208Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: n.memory, pods: '110' };
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {
      podCIDR: n.podCIDR,
      podCIDRs: [n.podCIDR],
      // kubeadm taints the control plane so ordinary pods land on the workers.
      ...(n.controlPlane && n.name !== 'minikube' ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: n.internalIP },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: '',
        systemUUID: '',
        bootID: '',
        kernelVersion: '6.1.0-18-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/**
 * `suffix` draws generated-name suffixes; without it kube-system holds no workloads (only the
 * objects the apiserver itself makes), as some machinery tests want.
 */
export function bootstrap(handler: ApiHandler, nodes: NodeSpec[], now: string, hex: (n: number) => string, suffix?: () => string): void {
  const api = bootstrapClient(handler);
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  api.create('services', 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
  });
  const cp = nodes.find((n) => n.controlPlane) ?? nodes[0];
  api.create('endpoints', 'default', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: cp.internalIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  // The apiserver keeps a slice for itself beside the Endpoints (its endpoint reconciler).
  api.create('endpointslices.discovery.k8s.io', 'default', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [cp.internalIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
  const dns = kubeDnsService();
  api.create('services', 'kube-system', dns);
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create('serviceaccounts', ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  }
  const created = new Map<string, KubeObject>();
  for (const n of nodes) {
    const node = nodeObject(n, now);
    const info = (node.status as { nodeInfo: Record<string, string> }).nodeInfo;
    info.machineID = hex(32);
    info.systemUUID = hex(32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    info.bootID = hex(32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    const obj = api.create('nodes', '', node);
    created.set(n.name, api.updateStatus('nodes', { ...obj, status: node.status }));
    api.create('leases.coordination.k8s.io', 'kube-node-lease', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: n.name, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n.name, uid: obj.metadata.uid! }] },
      spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: now.replace('Z', '.000000Z') },
    });
  }
  if (suffix) bootstrapSystem(handler, nodes, created, now, suffix, hex);
}
