// kube-system as kubeadm and minikube leave it: static (mirror) pods, kube-proxy per node, CoreDNS.
import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster';
import type { KubeObject } from '../api/types';

type Obj = Record<string, any>;

function setup(opts: { topology?: string } = {}) {
  const c = createCluster({ seed: 1, ...opts });
  const get = (path: string) => c.api.handle({ verb: 'GET', path }).body as Obj;
  const pods = (ns = 'kube-system') => (get(`/api/v1/namespaces/${ns}/pods`).items as (KubeObject & Obj)[]);
  return { c, get, pods };
}

describe('kube-system bootstrap', () => {
  it('holds the kubeadm control plane, kube-proxy per node and two CoreDNS pods, all Running and Ready', () => {
    const { c, pods, get } = setup();
    c.advance(5000);
    const names = pods().map((p) => p.metadata.name!);
    expect(names.filter((n) => !/^(coredns|kube-proxy)-/.test(n))).toEqual(['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane', 'kube-scheduler-controlplane']);
    expect(names.filter((n) => /^coredns-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toHaveLength(2);
    expect(names.filter((n) => /^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toHaveLength(3);
    for (const p of pods()) {
      expect(p.status.phase, p.metadata.name).toBe('Running');
      expect(p.status.conditions.find((x: Obj) => x.type === 'Ready').status, p.metadata.name).toBe('True');
    }
    // Nothing of it shows in the default namespace.
    expect(pods('default')).toEqual([]);
    const dns = get('/apis/apps/v1/namespaces/kube-system/deployments/coredns');
    expect(dns.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(dns.spec.template.spec.containers[0].image).toBe('registry.k8s.io/coredns/coredns:v1.11.3');
    expect(dns.spec.template.spec.tolerations).toContainEqual({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
    expect(get('/api/v1/namespaces/kube-system/endpoints/kube-dns').subsets[0].addresses).toHaveLength(2);
  });

  it('mirror pods: annotations, Node owner, node-critical priority, host network with the node IP', () => {
    const { c, pods, get } = setup();
    c.advance(5000);
    const node = get('/api/v1/nodes/controlplane');
    const etcd = pods().find((p) => p.metadata.name === 'etcd-controlplane')!;
    expect(etcd.metadata.annotations!['kubernetes.io/config.source']).toBe('file');
    expect(etcd.metadata.annotations!['kubernetes.io/config.mirror']).toBe(etcd.metadata.annotations!['kubernetes.io/config.hash']);
    expect(etcd.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'controlplane', uid: node.metadata.uid, controller: true }]);
    expect(etcd.spec).toMatchObject({ priorityClassName: 'system-node-critical', priority: 2000001000, hostNetwork: true, nodeName: 'controlplane' });
    expect(etcd.status.podIP).toBe('172.18.0.2');
    const proxy = pods().find((p) => p.metadata.name!.startsWith('kube-proxy-') && p.spec.nodeName === 'node01')!;
    expect(proxy.status.podIP).toBe('172.18.0.3');
    expect(proxy.metadata.ownerReferences![0]).toMatchObject({ kind: 'DaemonSet', name: 'kube-proxy', controller: true });
  });

  it('no controller deletes, recreates or schedules them; a deleted mirror pod comes back at once', () => {
    const { c, pods } = setup();
    c.advance(5000);
    const before = pods().map((p) => `${p.metadata.name}/${p.metadata.uid}`);
    c.advance(10 * 60_000);
    expect(pods().map((p) => `${p.metadata.name}/${p.metadata.uid}`)).toEqual(before);
    expect(c.components!.scheduler.decisions().filter((d) => d.namespace === 'kube-system')).toEqual([]);
    const events = (c.api.handle({ verb: 'GET', path: '/api/v1/namespaces/kube-system/events' }).body as Obj).items as Obj[];
    expect(events.filter((e) => e.reason === 'Scheduled' || e.reason === 'SuccessfulCreate' || e.reason === 'SuccessfulDelete')).toEqual([]);
    const old = pods().find((p) => p.metadata.name === 'kube-scheduler-controlplane')!;
    c.api.handle({ verb: 'DELETE', path: '/api/v1/namespaces/kube-system/pods/kube-scheduler-controlplane' });
    c.advance(1000);
    const again = pods().find((p) => p.metadata.name === 'kube-scheduler-controlplane')!;
    expect(again.metadata.uid).not.toBe(old.metadata.uid);
    expect(again.status.phase).toBe('Running');
    expect(again.status.containerStatuses[0].restartCount).toBe(0);
    expect(again.status.containerStatuses[0].containerID).toBe(old.status.containerStatuses[0].containerID);
  });

  it("static pods carry kubeadm v1.32's probes, pass them and stay Ready without restarts", () => {
    const { c, pods } = setup();
    const container = (name: string) => pods().find((p) => p.metadata.name === `${name}-controlplane`)!.spec.containers[0] as Obj;
    const api = container('kube-apiserver');
    expect(api.livenessProbe).toEqual({
      failureThreshold: 8,
      httpGet: { host: '172.18.0.2', path: '/livez', port: 6443, scheme: 'HTTPS' },
      initialDelaySeconds: 10,
      periodSeconds: 10,
      successThreshold: 1,
      timeoutSeconds: 15,
    });
    expect(api.readinessProbe).toMatchObject({ failureThreshold: 3, httpGet: { path: '/readyz', port: 6443, scheme: 'HTTPS' }, periodSeconds: 1 });
    expect(api.startupProbe).toMatchObject({ failureThreshold: 24, httpGet: { path: '/livez', port: 6443 }, initialDelaySeconds: 10 });
    expect(container('etcd').livenessProbe.httpGet).toEqual({ host: '127.0.0.1', path: '/health?exclude=NOSPACE&serializable=true', port: 2381, scheme: 'HTTP' });
    expect(container('etcd').startupProbe.httpGet.path).toBe('/health?serializable=false');
    expect(container('etcd').readinessProbe).toBeUndefined();
    expect(container('kube-controller-manager').livenessProbe.httpGet).toEqual({ host: '127.0.0.1', path: '/healthz', port: 10257, scheme: 'HTTPS' });
    expect(container('kube-scheduler').startupProbe.httpGet).toEqual({ host: '127.0.0.1', path: '/healthz', port: 10259, scheme: 'HTTPS' });
    c.advance(10 * 60_000);
    for (const p of pods().filter((x) => x.metadata.labels?.tier === 'control-plane')) {
      expect(p.status.conditions.find((x: Obj) => x.type === 'Ready').status, p.metadata.name).toBe('True');
      expect(p.status.containerStatuses[0].restartCount, p.metadata.name).toBe(0);
    }
    const events = (c.api.handle({ verb: 'GET', path: '/api/v1/namespaces/kube-system/events' }).body as Obj).items as Obj[];
    expect(events.filter((e) => e.type === 'Warning').map((e) => e.message)).toEqual([]);
  });

  it('logs a few start lines per component', () => {
    const { c } = setup();
    c.advance(5000);
    const log = (name: string) => String(c.api.handle({ verb: 'GET', path: `/api/v1/namespaces/kube-system/pods/${name}/log` }).body);
    expect(log('kube-apiserver-controlplane')).toMatch(/^I1123 09:00:0\d\.\d{6} {7}1 options\.go:\d+\] external host was not specified, using 172\.18\.0\.2\n/);
    expect(log('etcd-controlplane')).toContain('"msg":"ready to serve client requests"');
  });

  it('minikube: the same names with -minikube, one CoreDNS, and storage-provisioner', () => {
    const { c, pods } = setup({ topology: 'minikube' });
    c.advance(5000);
    const names = pods().map((p) => p.metadata.name!).filter((n) => !/^(coredns|kube-proxy)-/.test(n));
    expect(names).toEqual(['etcd-minikube', 'kube-apiserver-minikube', 'kube-controller-manager-minikube', 'kube-scheduler-minikube', 'storage-provisioner']);
    expect(pods().filter((p) => p.metadata.name!.startsWith('coredns-'))).toHaveLength(1);
    expect(pods().every((p) => p.status.phase === 'Running')).toBe(true);
  });
});
