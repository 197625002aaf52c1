// Cluster shapes: a small kubeadm-like cluster by default, minikube's single node, or N workers.

export interface NodeSpec {
  name: string;
  controlPlane: boolean;
  internalIP: string;
  podCIDR: string;
  cpu: string;
  memory: string;
}

export function topologyNodes(topology: string | undefined, workers: number | undefined): NodeSpec[] {
  const node = (name: string, i: number, controlPlane: boolean): NodeSpec => ({
    name,
    controlPlane,
    // Past 253 nodes the addresses carry into the next octet (172.18.0.0/16 and 10.244.0.0/14 hold
    // a thousand nodes); smaller clusters keep kubeadm's 172.18.0.N and 10.244.N.0/24.
    internalIP: `172.18.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}`,
    podCIDR: `10.${244 + Math.floor(i / 256)}.${i % 256}.0/24`,
    cpu: controlPlane ? '2' : '4',
    memory: controlPlane ? '4020788Ki' : '8040788Ki',
  });
  if (topology === 'minikube') return [{ ...node('minikube', 0, true), internalIP: '192.168.49.2', cpu: '2', memory: '8040788Ki' }];
  if (topology && topology !== 'default' && topology !== 'kubeadm') throw new Error(`unknown topology "${topology}" (known: default, minikube)`);
  const n = workers ?? 2;
  const out = [node('controlplane', 0, true)];
  for (let i = 1; i <= n; i++) out.push(node(`node${String(i).padStart(2, '0')}`, i, false));
  return out;
}

export const TOPOLOGIES = ['default', 'minikube'];
