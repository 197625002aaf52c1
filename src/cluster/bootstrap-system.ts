// kube-system as kubeadm (or minikube) leaves it: the control plane's static pods (seen through
// their mirror pods), kube-proxy on every node (a DaemonSet with its pods already placed; the
// DaemonSet controller adopts them and replaces any that go) and CoreDNS (a Deployment whose ReplicaSet and pods were made
// before the workers joined, so they sit on the control plane). Kubelets then run them like any
// pod; the images are in the node images catalog.
import type { ApiHandler } from '../api/client';
import type { KubeObject } from '../api/types';
import type { NodeSpec } from './topology';
import { computeHash } from './controllers/deployment/hash';
import type { PodTemplate } from './controllers/deployment/util';
import { createPodTemplate, replaceNodeNameAffinity } from './controllers/daemonset/util';
import { ClusterClient } from './machinery/client';
import { internalRoute } from './machinery/internal';

type Obj = Record<string, any>;

export const SYSTEM_IMAGE = {
  etcd: 'registry.k8s.io/etcd:3.5.16-0',
  apiserver: 'registry.k8s.io/kube-apiserver:v1.32.0',
  controllerManager: 'registry.k8s.io/kube-controller-manager:v1.32.0',
  scheduler: 'registry.k8s.io/kube-scheduler:v1.32.0',
  proxy: 'registry.k8s.io/kube-proxy:v1.32.0',
  coredns: 'registry.k8s.io/coredns/coredns:v1.11.3',
  storageProvisioner: 'gcr.io/k8s-minikube/storage-provisioner:v5',
};

/** Images kubeadm pre-pulls on a node (`kubeadm config images pull`, then kube-proxy on join). */
export function preloadedImages(node: NodeSpec): string[] {
  const all = [SYSTEM_IMAGE.proxy, 'registry.k8s.io/pause:3.10'];
  if (node.controlPlane) all.push(SYSTEM_IMAGE.etcd, SYSTEM_IMAGE.apiserver, SYSTEM_IMAGE.controllerManager, SYSTEM_IMAGE.scheduler, SYSTEM_IMAGE.coredns);
  if (node.name === 'minikube') all.push(SYSTEM_IMAGE.storageProvisioner);
  return all;
}

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** Whether a pod is a static pod's mirror (the kubelet owns it; controllers and drain leave it). */
export function isMirrorPod(pod: KubeObject | undefined): boolean {
  return !!pod?.metadata.annotations?.[MIRROR_ANNOTATION];
}


/**
 * The client the bootstrap writes through. kube-apiserver's bootstrap controllers and kubeadm are
 * typed clients, like the controllers (machinery/client.ts): their objects are built from the
 * API's types, never from text a user wrote, so the server skips the strict-decoding walk for
 * them; and built from constants, they always pass validation, so their creates are trusted
 * (InternalRoute.trusted). Together that was half of a fresh cluster's start. Defaults and the
 * store write are as for any request: bootstrap.test.ts sends the same requests as a plain client
 * (decoded, validated) and compares the stored objects.
 */
export function bootstrapClient(api: ApiHandler): ClusterClient {
  const trusted: ApiHandler = {
    handle(req) {
      const route = internalRoute(req);
      if (route && req.verb === 'POST') route.trusted = true;
      return api.handle(req);
    },
    watch: (req, sink) => api.watch(req, sink),
  };
  return new ClusterClient(trusted, 'kubeadm');
}

const hostPath = (name: string, path: string, type?: string) => ({ name, hostPath: { path, ...(type ? { type } : {}) } });
const mount = (name: string, mountPath: string, readOnly = false) => ({ name, mountPath, ...(readOnly ? { readOnly } : {}) });

/** kubeadm's staticpodutil probes: an httpGet every 10 s, 15 s timeout; the startup probe allows 4 minutes (24 × 10 s). */
function httpProbe(host: string, path: string, port: number, scheme: 'HTTP' | 'HTTPS', kind: 'liveness' | 'readiness' | 'startup'): Obj {
  const httpGet = { host, path, port, scheme };
  if (kind === 'readiness') return { failureThreshold: 3, httpGet, periodSeconds: 1, timeoutSeconds: 15 };
  return { failureThreshold: kind === 'startup' ? 24 : 8, httpGet, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 };
}

interface StaticPod {
  component: string;
  image: string;
  command: string[];
  cpu: string;
  memory?: string;
  annotations: Record<string, string>;
  volumes: Obj[];
  mounts: Obj[];
  /** livenessProbe, readinessProbe, startupProbe as kubeadm v1.32 writes them */
  probes: Obj;
}

function staticPods(n: NodeSpec): StaticPod[] {
  const ip = n.internalIP;
  const pki = '/etc/kubernetes/pki';
  const caVolumes = [hostPath('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'), hostPath('etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'), hostPath('k8s-certs', pki, 'DirectoryOrCreate')];
  const caMounts = [mount('ca-certs', '/etc/ssl/certs', true), mount('etc-ca-certificates', '/etc/ca-certificates', true), mount('k8s-certs', pki, true)];
  return [
    {
      component: 'etcd',
      image: SYSTEM_IMAGE.etcd,
      cpu: '100m',
      memory: '100Mi',
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
      command: [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        `--cert-file=${pki}/etcd/server.crt`,
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${n.name}=https://${ip}:2380`,
        `--key-file=${pki}/etcd/server.key`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${n.name}`,
        `--peer-cert-file=${pki}/etcd/peer.crt`,
        '--peer-client-cert-auth=true',
        `--peer-key-file=${pki}/etcd/peer.key`,
        `--peer-trusted-ca-file=${pki}/etcd/ca.crt`,
        '--snapshot-count=10000',
        `--trusted-ca-file=${pki}/etcd/ca.crt`,
      ],
      volumes: [hostPath('etcd-certs', `${pki}/etcd`, 'DirectoryOrCreate'), hostPath('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate')],
      mounts: [mount('etcd-data', '/var/lib/etcd'), mount('etcd-certs', `${pki}/etcd`)],
      probes: {
        livenessProbe: httpProbe('127.0.0.1', '/health?exclude=NOSPACE&serializable=true', 2381, 'HTTP', 'liveness'),
        startupProbe: httpProbe('127.0.0.1', '/health?serializable=false', 2381, 'HTTP', 'startup'),
      },
    },
    {
      component: 'kube-apiserver',
      image: SYSTEM_IMAGE.apiserver,
      cpu: '250m',
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
      command: [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        `--client-ca-file=${pki}/ca.crt`,
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        `--etcd-cafile=${pki}/etcd/ca.crt`,
        `--etcd-certfile=${pki}/apiserver-etcd-client.crt`,
        `--etcd-keyfile=${pki}/apiserver-etcd-client.key`,
        '--etcd-servers=https://127.0.0.1:2379',
        `--kubelet-client-certificate=${pki}/apiserver-kubelet-client.crt`,
        `--kubelet-client-key=${pki}/apiserver-kubelet-client.key`,
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        `--proxy-client-cert-file=${pki}/front-proxy-client.crt`,
        `--proxy-client-key-file=${pki}/front-proxy-client.key`,
        '--requestheader-allowed-names=front-proxy-client',
        `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki}/sa.pub`,
        `--service-account-signing-key-file=${pki}/sa.key`,
        '--service-cluster-ip-range=10.96.0.0/12',
        `--tls-cert-file=${pki}/apiserver.crt`,
        `--tls-private-key-file=${pki}/apiserver.key`,
      ],
      volumes: caVolumes,
      mounts: caMounts,
      probes: {
        livenessProbe: httpProbe(ip, '/livez', 6443, 'HTTPS', 'liveness'),
        readinessProbe: httpProbe(ip, '/readyz', 6443, 'HTTPS', 'readiness'),
        startupProbe: httpProbe(ip, '/livez', 6443, 'HTTPS', 'startup'),
      },
    },
    {
      component: 'kube-controller-manager',
      image: SYSTEM_IMAGE.controllerManager,
      cpu: '200m',
      annotations: {},
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        `--client-ca-file=${pki}/ca.crt`,
        '--cluster-cidr=10.244.0.0/16',
        '--cluster-name=kubernetes',
        `--cluster-signing-cert-file=${pki}/ca.crt`,
        `--cluster-signing-key-file=${pki}/ca.key`,
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
        `--root-ca-file=${pki}/ca.crt`,
        `--service-account-private-key-file=${pki}/sa.key`,
        '--service-cluster-ip-range=10.96.0.0/12',
        '--use-service-account-credentials=true',
      ],
      volumes: [...caVolumes, hostPath('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate')],
      mounts: [...caMounts, mount('kubeconfig', '/etc/kubernetes/controller-manager.conf', true)],
      probes: {
        livenessProbe: httpProbe('127.0.0.1', '/healthz', 10257, 'HTTPS', 'liveness'),
        startupProbe: httpProbe('127.0.0.1', '/healthz', 10257, 'HTTPS', 'startup'),
      },
    },
    {
      component: 'kube-scheduler',
      image: SYSTEM_IMAGE.scheduler,
      cpu: '100m',
      annotations: {},
      command: [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      volumes: [hostPath('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')],
      mounts: [mount('kubeconfig', '/etc/kubernetes/scheduler.conf', true)],
      probes: {
        livenessProbe: httpProbe('127.0.0.1', '/healthz', 10259, 'HTTPS', 'liveness'),
        startupProbe: httpProbe('127.0.0.1', '/healthz', 10259, 'HTTPS', 'startup'),
      },
    },
  ];
}

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: 10.244.0.0/16
kind: KubeProxyConfiguration
mode: ""
`;

function corednsDeployment(replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' } },
              ],
            },
          },
          containers: [
            {
              name: 'coredns',
              image: SYSTEM_IMAGE.coredns,
              imagePullPolicy: 'IfNotPresent',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
            },
          ],
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  };
}

function kubeProxyDaemonSet(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          containers: [
            {
              name: 'kube-proxy',
              image: SYSTEM_IMAGE.proxy,
              imagePullPolicy: 'IfNotPresent',
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
              securityContext: { privileged: true },
              volumeMounts: [mount('kube-proxy', '/var/lib/kube-proxy'), mount('xtables-lock', '/run/xtables.lock'), mount('lib-modules', '/lib/modules', true)],
            },
          ],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          volumes: [{ name: 'kube-proxy', configMap: { name: 'kube-proxy' } }, hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'), hostPath('lib-modules', '/lib/modules')],
        },
      },
    },
  };
}

const ownerRef = (o: KubeObject, extra: Obj = {}) => ({ apiVersion: o.apiVersion!, kind: o.kind!, name: o.metadata.name!, uid: o.metadata.uid!, ...extra });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Creates kube-system's workloads. `nodes` are the created Node objects by name; `suffix` draws the
 * 5-character name suffixes; `hex` draws config hashes.
 */
export function bootstrapSystem(
  handle: ApiHandler,
  specs: NodeSpec[],
  nodes: Map<string, KubeObject>,
  now: string,
  suffix: () => string,
  hex: (n: number) => string,
): void {
  if (!specs.length) return;
  const api = bootstrapClient(handle);
  const minikube = specs.length === 1 && specs[0].name === 'minikube';
  const cp = specs.find((n) => n.controlPlane) ?? specs[0];
  const ns = 'kube-system';
  const seen = now.replace('Z', '.000000000Z');

  for (const sa of ['coredns', 'kube-proxy', ...(minikube ? ['storage-provisioner'] : [])]) {
    api.create('serviceaccounts', ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa } });
  }
  api.create('configmaps', ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns' }, data: { Corefile: COREFILE } });
  api.create('configmaps', ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', labels: { app: 'kube-proxy' } }, data: { 'config.conf': KUBE_PROXY_CONFIG } });

  // Static pods: the kubelet reads /etc/kubernetes/manifests and posts a mirror pod for each.
  const cpNode = nodes.get(cp.name)!;
  for (const s of staticPods(cp)) {
    const hash = hex(32);
    api.create('pods', ns, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${s.component}-${cp.name}`,
        labels: { component: s.component, tier: 'control-plane' },
        annotations: { ...s.annotations, 'kubernetes.io/config.hash': hash, [MIRROR_ANNOTATION]: hash, 'kubernetes.io/config.seen': seen, 'kubernetes.io/config.source': 'file' },
        ownerReferences: [ownerRef(cpNode, { controller: true })],
      },
      spec: {
        containers: [
          {
            name: s.component,
            image: s.image,
            imagePullPolicy: 'IfNotPresent',
            command: s.command,
            ...s.probes,
            resources: { requests: { cpu: s.cpu, ...(s.memory ? { memory: s.memory } : {}) } },
            volumeMounts: s.mounts,
          },
        ],
        hostNetwork: true,
        nodeName: cp.name,
        priorityClassName: 'system-node-critical',
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
        volumes: s.volumes,
      },
    });
  }

  // kube-proxy: the DaemonSet, its ControllerRevision and one pod per node.
  const ds = api.create('daemonsets.apps', ns, kubeProxyDaemonSet());
  const dsTemplate = (ds.spec as Obj).template as Obj;
  const revHash = computeHash(dsTemplate as PodTemplate);
  api.create('controllerrevisions.apps', ns, {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name: `kube-proxy-${revHash}`, labels: { 'controller-revision-hash': revHash, 'k8s-app': 'kube-proxy' }, ownerReferences: [ownerRef(ds, { controller: true, blockOwnerDeletion: true })] },
    data: { spec: { template: { ...clone(dsTemplate), $patch: 'replace' } } },
    revision: 1,
  });
  // The pods the DaemonSet controller made while the nodes joined (it adopts them at start).
  const podTemplate = createPodTemplate(dsTemplate, 1, revHash);
  for (const n of specs) {
    const t = clone(podTemplate);
    api.create('pods', ns, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `kube-proxy-${suffix()}`,
        generateName: 'kube-proxy-',
        labels: t.metadata.labels,
        ownerReferences: [ownerRef(ds, { controller: true, blockOwnerDeletion: true })],
      },
      spec: { ...t.spec, affinity: replaceNodeNameAffinity(t.spec.affinity, n.name), nodeName: n.name },
    });
  }
  const count = specs.length;
  api.updateStatus('daemonsets.apps', {
    ...ds,
    status: { currentNumberScheduled: count, desiredNumberScheduled: count, numberAvailable: count, numberMisscheduled: 0, numberReady: count, observedGeneration: 1, updatedNumberScheduled: count },
  });

  // CoreDNS: the Deployment, its first ReplicaSet, and the pods bound to the control plane.
  const replicas = minikube ? 1 : 2;
  const d = api.create('deployments.apps', ns, corednsDeployment(replicas));
  const dTemplate = clone((d.spec as Obj).template as Obj);
  const podHash = computeHash(dTemplate as PodTemplate, (d.status as Obj | undefined)?.collisionCount);
  dTemplate.metadata = { ...dTemplate.metadata, labels: { ...dTemplate.metadata?.labels, 'pod-template-hash': podHash } };
  const rsName = `coredns-${podHash}`;
  const rs = api.create('replicasets.apps', ns, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      labels: dTemplate.metadata.labels,
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + 1), 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [ownerRef(d, { controller: true, blockOwnerDeletion: true })],
    },
    spec: { replicas, selector: { matchLabels: { 'k8s-app': 'kube-dns', 'pod-template-hash': podHash } }, template: dTemplate },
  });
  for (let i = 0; i < replicas; i++) {
    api.create('pods', ns, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${rsName}-${suffix()}`, generateName: `${rsName}-`, labels: dTemplate.metadata.labels, ownerReferences: [ownerRef(rs, { controller: true, blockOwnerDeletion: true })] },
      spec: { ...clone(dTemplate.spec), nodeName: cp.name },
    });
  }

  if (minikube) {
    api.create('pods', ns, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'storage-provisioner',
        labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'integration-test': 'storage-provisioner' },
      },
      spec: {
        containers: [
          {
            name: 'storage-provisioner',
            image: SYSTEM_IMAGE.storageProvisioner,
            imagePullPolicy: 'IfNotPresent',
            command: ['/storage-provisioner'],
            volumeMounts: [mount('tmp', '/tmp')],
          },
        ],
        hostNetwork: true,
        nodeName: cp.name,
        serviceAccountName: 'storage-provisioner',
        volumes: [hostPath('tmp', '/tmp', 'Directory')],
      },
    });
  }
}
