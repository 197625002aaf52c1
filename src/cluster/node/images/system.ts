// The images of a kubeadm (or minikube) cluster's own pods in kube-system: etcd, the control
// plane, kube-proxy, CoreDNS and minikube's storage-provisioner. They start, log a few lines as the
// real binaries do and keep running; they serve no traffic (the simulation does that work itself).
import { BASE_PATH, fakeDigest, textResponse, type App, type ImageDef, type ProcessContext, type TagInfo } from './types';

const tag = (name: string, version: string, size: number): TagInfo => ({ version, size, digest: fakeDigest(`${name}:${version}:${size}`) });

const p2 = (n: number) => String(n).padStart(2, '0');

/** klog's header: I1123 09:00:05.123456       1 file.go:42] */
export function klog(ms: number, where: string, level = 'I'): string {
  const d = new Date(ms);
  const micros = String(d.getUTCMilliseconds()).padStart(3, '0') + '000';
  return `${level}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros}       1 ${where}]`;
}

/** A Go binary as PID 1: SIGTERM ends it quickly with code 0 (they handle it). */
const goStop = () => ({ afterMs: 200, code: 0 });

/** The value of a --flag=value in argv. */
function flag(argv: string[], name: string): string | undefined {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a?.slice(name.length + 3);
}

function systemImage(repository: string, tags: Record<string, TagInfo>, entrypoint: string[], start: (p: ProcessContext) => App): ImageDef {
  return {
    repository,
    tags,
    env: [['PATH', BASE_PATH]],
    workingDir: '/',
    entrypoint,
    cmd: [],
    files: () => ({ [entrypoint[0] ?? '/bin/app']: '\u007fELF', '/etc/': '', '/tmp/': '', '/var/': '' }),
    // distroless: nothing to exec into.
    shell: 'none',
    isDefault: () => true,
    start,
  };
}

function etcdApp(p: ProcessContext): App {
  const ts = () => new Date(p.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  const name = flag(p.argv, 'name') ?? p.nodeName;
  const client = flag(p.argv, 'advertise-client-urls') ?? `https://${p.podIP}:2379`;
  const line = (caller: string, msg: string, extra = '') => p.log(`{"level":"info","ts":"${ts()}","caller":"${caller}","msg":"${msg}"${extra}}`);
  line('etcdmain/etcd.go:73', 'Running: ', `,"args":${JSON.stringify(p.argv)}`);
  line('embed/etcd.go:128', 'configuring peer listeners', `,"listen-peer-urls":["${flag(p.argv, 'listen-peer-urls') ?? `https://${p.podIP}:2380`}"]`);
  line('embed/etcd.go:136', 'configuring client listeners', `,"listen-client-urls":${JSON.stringify((flag(p.argv, 'listen-client-urls') ?? client).split(','))}`);
  line('etcdserver/server.go:2118', 'published local member to cluster through raft', `,"local-member-attributes":"{Name:${name} ClientURLs:[${client}]}","publish-timeout":"7s"`);
  line('embed/serve.go:103', 'ready to serve client requests');
  line('etcdmain/main.go:44', 'notifying init daemon');
  line('etcdmain/main.go:50', 'successfully notified init daemon');
  // The metrics listener answers kubeadm's health probes.
  return { ports: [2379, 2380, 2381], http: (_req, port) => (port === 2381 ? textResponse(200, '{"health":"true","reason":""}', 'text/plain; charset=utf-8') : 'empty'), stop: goStop };
}

function apiserverApp(p: ProcessContext): App {
  const t = () => p.now();
  p.log(`${klog(t(), 'options.go:238')} external host was not specified, using ${flag(p.argv, 'advertise-address') ?? p.podIP}`);
  p.log(`${klog(t(), 'server.go:143')} Version: v${p.info.version}`);
  p.log(`${klog(t(), 'server.go:145')} "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""`);
  p.log(`${klog(t(), 'shared_informer.go:313')} Waiting for caches to sync for node_authorizer`);
  p.log(`${klog(t(), 'secure_serving.go:213')} Serving securely on [::]:${flag(p.argv, 'secure-port') ?? '6443'}`);
  p.log(`${klog(t(), 'shared_informer.go:320')} Caches are synced for node_authorizer`);
  p.log(`${klog(t(), 'controller.go:615')} quota admission added evaluator for: leases.coordination.k8s.io`);
  return { ports: [6443], http: () => textResponse(200, 'ok'), stop: goStop };
}

function controllerManagerApp(p: ProcessContext): App {
  const t = () => p.now();
  p.log(`${klog(t(), 'serving.go:386')} Generated self-signed cert in-memory`);
  p.log(`${klog(t(), 'controllermanager.go:185')} "Starting" version="v${p.info.version}"`);
  p.log(`${klog(t(), 'controllermanager.go:187')} "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""`);
  p.log(`${klog(t(), 'secure_serving.go:213')} Serving securely on 127.0.0.1:10257`);
  p.log(`${klog(t(), 'leaderelection.go:257')} attempting to acquire leader lease kube-system/kube-controller-manager...`);
  p.log(`${klog(t(), 'leaderelection.go:271')} successfully acquired lease kube-system/kube-controller-manager`);
  p.log(`${klog(t(), 'controllermanager.go:765')} "Started controller" controller="replicaset-controller"`);
  p.log(`${klog(t(), 'controllermanager.go:765')} "Started controller" controller="deployment-controller"`);
  return { ports: [10257], http: () => textResponse(200, 'ok'), stop: goStop };
}

function schedulerApp(p: ProcessContext): App {
  const t = () => p.now();
  p.log(`${klog(t(), 'serving.go:386')} Generated self-signed cert in-memory`);
  p.log(`${klog(t(), 'server.go:166')} "Starting Kubernetes Scheduler" version="v${p.info.version}"`);
  p.log(`${klog(t(), 'server.go:168')} "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""`);
  p.log(`${klog(t(), 'secure_serving.go:213')} Serving securely on 127.0.0.1:10259`);
  p.log(`${klog(t(), 'leaderelection.go:257')} attempting to acquire leader lease kube-system/kube-scheduler...`);
  p.log(`${klog(t(), 'leaderelection.go:271')} successfully acquired lease kube-system/kube-scheduler`);
  return { ports: [10259], http: () => textResponse(200, 'ok'), stop: goStop };
}

function kubeProxyApp(p: ProcessContext): App {
  const t = () => p.now();
  p.log(`${klog(t(), 'server_linux.go:66')} "Using iptables proxy"`);
  p.log(`${klog(t(), 'server.go:698')} "Successfully retrieved node IP(s)" IPs=["${p.podIP}"]`);
  p.log(`${klog(t(), 'server.go:243')} "kube-proxy running in dual-stack mode" primary ipFamily="IPv4"`);
  p.log(`${klog(t(), 'server_linux.go:170')} "Using iptables Proxier"`);
  p.log(`${klog(t(), 'server.go:497')} "Version info" version="v${p.info.version}"`);
  p.log(`${klog(t(), 'config.go:199')} "Starting service config controller"`);
  p.log(`${klog(t(), 'shared_informer.go:313')} Waiting for caches to sync for service config`);
  p.log(`${klog(t(), 'config.go:105')} "Starting endpoint slice config controller"`);
  p.log(`${klog(t(), 'shared_informer.go:313')} Waiting for caches to sync for endpoint slice config`);
  p.log(`${klog(t(), 'shared_informer.go:320')} Caches are synced for service config`);
  p.log(`${klog(t(), 'shared_informer.go:320')} Caches are synced for endpoint slice config`);
  return { ports: [10249, 10256], stop: goStop };
}

function corednsApp(p: ProcessContext): App {
  p.log('.:53');
  p.log(`[INFO] plugin/reload: Running configuration SHA512 = ${fakeDigest('Corefile').slice(7)}${fakeDigest('Corefile:2').slice(7)}`);
  p.log(`CoreDNS-${p.info.version}`);
  p.log('linux/amd64, go1.21.11, a6338e9');
  return {
    ports: [53, 8080, 8181, 9153],
    http(req, port) {
      const path = req.path.split('?')[0];
      if (port === 8080 && path === '/health') return textResponse(200, 'OK');
      if (port === 8181 && path === '/ready') return textResponse(200, 'OK');
      if (port === 53) return 'empty';
      return textResponse(404, '404 page not found\n', 'text/plain; charset=utf-8');
    },
    // The health plugin's lameduck: CoreDNS keeps answering 5 s after SIGTERM.
    stop: () => ({ afterMs: 5000, code: 0 }),
  };
}

function storageProvisionerApp(p: ProcessContext): App {
  const t = () => p.now();
  p.log(`${klog(t(), 'storage_provisioner.go:116')} Initializing the minikube storage provisioner...`);
  p.log(`${klog(t(), 'storage_provisioner.go:141')} Storage provisioner initialized, now starting service!`);
  p.log(`${klog(t(), 'leaderelection.go:243')} attempting to acquire leader lease kube-system/k8s.io-minikube-hostpath...`);
  p.log(`${klog(t(), 'leaderelection.go:253')} successfully acquired lease kube-system/k8s.io-minikube-hostpath`);
  p.log(`${klog(t(), 'controller.go:835')} Starting provisioner controller k8s.io/minikube-hostpath_${p.podName}!`);
  p.log(`${klog(t(), 'controller.go:884')} Started provisioner controller k8s.io/minikube-hostpath_${p.podName}!`);
  return { ports: [], stop: goStop };
}

export const K8S_VERSION = '1.32.0';

export const ETCD = systemImage('registry.k8s.io/etcd', { '3.5.16-0': tag('etcd', '3.5.16', 57_680_541) }, ['etcd'], etcdApp);
export const KUBE_APISERVER = systemImage('registry.k8s.io/kube-apiserver', { 'v1.32.0': tag('kube-apiserver', K8S_VERSION, 28_671_624) }, ['kube-apiserver'], apiserverApp);
export const KUBE_CONTROLLER_MANAGER = systemImage(
  'registry.k8s.io/kube-controller-manager',
  { 'v1.32.0': tag('kube-controller-manager', K8S_VERSION, 26_258_470) },
  ['kube-controller-manager'],
  controllerManagerApp,
);
export const KUBE_SCHEDULER = systemImage('registry.k8s.io/kube-scheduler', { 'v1.32.0': tag('kube-scheduler', K8S_VERSION, 20_657_536) }, ['kube-scheduler'], schedulerApp);
export const KUBE_PROXY = systemImage('registry.k8s.io/kube-proxy', { 'v1.32.0': tag('kube-proxy', K8S_VERSION, 30_906_462) }, ['/usr/local/bin/kube-proxy'], kubeProxyApp);
export const COREDNS = systemImage('registry.k8s.io/coredns/coredns', { 'v1.11.3': tag('coredns', '1.11.3', 18_562_039) }, ['/coredns'], corednsApp);
export const STORAGE_PROVISIONER = systemImage('gcr.io/k8s-minikube/storage-provisioner', { v5: tag('storage-provisioner', 'v5', 9_058_936) }, ['/storage-provisioner'], storageProvisionerApp);

export const SYSTEM_IMAGES: ImageDef[] = [ETCD, KUBE_APISERVER, KUBE_CONTROLLER_MANAGER, KUBE_SCHEDULER, KUBE_PROXY, COREDNS, STORAGE_PROVISIONER];
