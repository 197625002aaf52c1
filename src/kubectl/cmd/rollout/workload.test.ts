// run, expose, scale, set image, rollout, cordon/drain and wait against an in-process cluster whose
// virtual clock moves only when kubectl sleeps.
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { runKubectl } from '../../kubectl';
import type { KubectlIO } from '../../io';

function setup(files: Record<string, string> = {}) {
  const cluster: Cluster = createCluster({ seed: 7 });
  const client = inProcessClient(cluster.api, { afterRequest: () => cluster.settle() });
  const requests: string[] = [];
  const traced = {
    request: (req: Parameters<typeof client.request>[0]) => {
      requests.push(`${req.verb} ${req.path}${req.body !== undefined && req.verb !== 'GET' ? ' ' + JSON.stringify(req.body) : ''}`);
      return client.request(req);
    },
    watch: client.watch.bind(client),
  };
  const kubectl = async (line: string | string[]) => {
    let out = '';
    let err = '';
    const io: KubectlIO = {
      stdout: { write: (t) => void (out += t) },
      stderr: { write: (t) => void (err += t) },
      signal: { aborted: false, onAbort: () => () => {} },
      now: () => cluster.clock.now(),
      sleep: async (ms) => cluster.advance(ms),
      readFile: (p) => files[p],
    };
    const argv = Array.isArray(line) ? line : line.split(' ');
    const code = await runKubectl(argv, io, { client: traced, namespace: 'default', server: 'http://127.0.0.1:8080' });
    return { out, err, code };
  };
  return { cluster, kubectl, requests };
}

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports: [{containerPort: 80}]
`;

async function withDeployment() {
  const s = setup({ 'web.yaml': DEPLOY });
  expect((await s.kubectl('create -f web.yaml')).code).toBe(0);
  s.cluster.advance(30_000);
  return s;
}

describe('kubectl run', () => {
  it('prints the pod as kubectl builds it', async () => {
    const { kubectl } = setup();
    const r = await kubectl('run nginx --image=nginx --port=80 --env=A=1 --restart=Never --dry-run=client -o yaml -- --x');
    expect(r.out).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - args:
    - --x
    env:
    - name: A
      value: "1"
    image: nginx
    name: nginx
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
`);
    const j = await kubectl('run nginx --image=nginx --dry-run=client -o json');
    expect(j.out.split('\n').slice(0, 4).join('\n')).toBe('{\n    "kind": "Pod",\n    "apiVersion": "v1",\n    "metadata": {');
  });

  it('creates the pod and reports errors as kubectl', async () => {
    const { kubectl, requests } = setup();
    expect(await kubectl('run web --image=nginx')).toEqual({ out: 'pod/web created\n', err: '', code: 0 });
    expect(requests.at(-1)).toContain('POST /api/v1/namespaces/default/pods {"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"run":"web"}}');
    expect((await kubectl('run web')).err).toBe('error: required flag(s) "image" not set\n');
    expect((await kubectl('run web --image=nginx')).err).toBe('Error from server (AlreadyExists): pods "web" already exists\n');
  });
});

describe('kubectl expose', () => {
  it('builds the service from the deployment', async () => {
    const { kubectl } = await withDeployment();
    const r = await kubectl('expose deployment web --port=8080 --target-port=80 --dry-run=client -o yaml');
    expect(r.out).toContain('  ports:\n  - port: 8080\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\n');
    expect((await kubectl('expose deploy/web --type=NodePort')).out).toBe('service/web exposed\n');
    expect((await kubectl('expose node node01')).err).toBe('error: cannot expose a Node\n');
    await kubectl('run bare --image=nginx');
    expect((await kubectl('expose pod bare')).err).toBe("error: couldn't find port via --port flag or introspection\n");
  });
});

describe('kubectl scale and set image', () => {
  it('scales through the scale subresource with preconditions', async () => {
    const { kubectl, requests } = await withDeployment();
    expect((await kubectl('scale deploy web --replicas=3')).out).toBe('deployment.apps/web scaled\n');
    expect(requests.at(-1)).toBe('PATCH /apis/apps/v1/namespaces/default/deployments/web/scale {"spec":{"replicas":3}}');
    expect((await kubectl('scale deploy/web --replicas=5 --current-replicas=2')).err).toBe('error: Expected replicas to be 2, was 3\n');
    expect((await kubectl('scale deploy nope --replicas=1')).err).toBe('error: no objects passed to scale deployments.apps "nope" not found\n');
    expect((await kubectl('scale deploy web')).err).toBe('error: required flag(s) "replicas" not set\n');
  });

  it('sends the strategic merge patch kubectl computes', async () => {
    const { kubectl, requests } = await withDeployment();
    expect((await kubectl('set image deployment/web nginx=nginx:1.26')).out).toBe('deployment.apps/web image updated\n');
    expect(requests.at(-1)).toBe('PATCH /apis/apps/v1/namespaces/default/deployments/web {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}');
    expect(await kubectl('set image deployment/web x=y')).toEqual({ out: '', err: 'error: unable to find container named "x"\n', code: 1 });
    expect((await kubectl('set image deploy/web *=busybox')).out).toBe('deployment.apps/web image updated\n');
  });
});

describe('kubectl rollout', () => {
  it('follows a rollout to the end while virtual time moves', async () => {
    const { kubectl } = await withDeployment();
    await kubectl('set image deployment/web nginx=nginx:1.26');
    const r = await kubectl('rollout status deployment/web');
    expect(r.code).toBe(0);
    expect(r.out.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
    expect(r.out).toMatch(/^Waiting for deployment "web" rollout to finish: /);
    expect((await kubectl('rollout status deploy/web --watch=false')).out).toBe('deployment "web" successfully rolled out\n');
  });

  it('times out', async () => {
    const { kubectl } = await withDeployment();
    await kubectl('set image deployment/web nginx=nginx:1.26');
    const r = await kubectl('rollout status deployment/web --timeout=1ms');
    expect(r.err).toBe('error: timed out waiting for the condition\n');
    expect(r.code).toBe(1);
  });

  it('lists history, shows a revision and undoes', async () => {
    const { kubectl, requests } = await withDeployment();
    expect((await kubectl('rollout undo deploy/web')).err).toBe('error: no rollout history found for deployment "web"\n');
    await kubectl('set image deployment/web nginx=nginx:1.26');
    await kubectl('rollout status deployment/web');
    expect((await kubectl('rollout history deployment/web')).out).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    const rev = await kubectl('rollout history deployment/web --revision=1');
    expect(rev.out).toMatch(/^deployment.apps\/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=\w+\n  Containers:\n   nginx:\n    Image:\tnginx:1.25\n    Port:\t80\/TCP\n    Host Port:\t0\/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n$/);
    expect((await kubectl('rollout undo deployment/web --to-revision=7')).err).toBe('error: unable to find specified revision 7 in history\n');
    expect((await kubectl('rollout undo deployment/web')).out).toBe('deployment.apps/web rolled back\n');
    expect(requests.at(-1)).toMatch(/^PATCH \/apis\/apps\/v1\/namespaces\/default\/deployments\/web \[\{"op":"replace","path":"\/spec\/template","value":\{"metadata":\{"creationTimestamp":null,"labels":\{"app":"web"\}\},"spec":\{"containers":\[\{"name":"nginx","image":"nginx:1.25"/);
    await kubectl('rollout status deployment/web');
    expect((await kubectl('rollout history deployment/web')).out).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect((await kubectl('rollout undo deployment/web --to-revision=3')).out).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)\n');
  });

  it('pauses, resumes and restarts', async () => {
    const { kubectl, requests } = await withDeployment();
    expect((await kubectl('rollout pause deploy/web')).out).toBe('deployment.apps/web paused\n');
    expect(requests.at(-1)).toBe('PATCH /apis/apps/v1/namespaces/default/deployments/web {"spec":{"paused":true}}');
    expect((await kubectl('rollout pause deploy/web')).err).toBe('error: deployments.apps "web" is already paused\n');
    // kubectl looks for the previous revision before it checks for a pause (as v1.32 does).
    expect((await kubectl('rollout undo deploy/web')).err).toBe('error: no rollout history found for deployment "web"\n');
    expect((await kubectl('rollout resume deploy/web')).out).toBe('deployment.apps/web resumed\n');
    expect((await kubectl('rollout resume deploy/web')).err).toBe('error: deployments.apps "web" is not paused\n');
    expect((await kubectl('rollout restart deploy/web')).out).toBe('deployment.apps/web restarted\n');
    expect(requests.at(-1)).toMatch(/"kubectl.kubernetes.io\/restartedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
    expect((await kubectl('rollout status deploy/web')).code).toBe(0);
  });
});

describe('kubectl cordon, uncordon, drain', () => {
  it('cordons and drains with kubectl texts', async () => {
    const { kubectl, cluster } = await withDeployment();
    expect((await kubectl('cordon node01')).out).toBe('node/node01 cordoned\n');
    expect((await kubectl('cordon node01')).out).toBe('node/node01 already cordoned\n');
    expect((await kubectl('uncordon node01')).out).toBe('node/node01 uncordoned\n');
    await kubectl(['run', 'crashy', '--image=nginx', '--overrides={}']);
    cluster.advance(10_000);
    const pod = await kubectl(['get', 'pod', 'crashy', '-o', 'jsonpath={.spec.nodeName}']);
    const node = pod.out;
    const refused = await kubectl(['drain', node]);
    expect(refused.code).toBe(1);
    // The node's kube-proxy pod (DaemonSet kube-proxy) needs --ignore-daemonsets, as on kubeadm.
    const proxy = (await kubectl(['get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-proxy', '--field-selector', `spec.nodeName=${node}`, '-o', 'name'])).out.trim().replace('pod/', '');
    const ds = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}`;
    expect(refused.err).toBe(
      `error: unable to drain node "${node}" due to error: [${ds}, cannot delete cannot delete Pods that declare no controller (use --force to override): default/crashy], continuing command...\nThere are pending nodes to be drained:\n ${node}\n${ds}\ncannot delete cannot delete Pods that declare no controller (use --force to override): default/crashy\n`,
    );
    const ok = await kubectl(['drain', node, '--force', '--ignore-daemonsets']);
    expect(ok.err).toBe(`Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy}; deleting Pods that declare no controller: default/crashy\n`);
    expect(ok.out).toContain(`node/${node} already cordoned\n`);
    expect(ok.out).toContain('evicting pod default/crashy\n');
    expect(ok.out).toContain('pod/crashy evicted\n');
    expect(ok.out.endsWith(`node/${node} drained\n`)).toBe(true);
    expect(ok.code).toBe(0);
  });
});

describe('kubectl wait', () => {
  it('waits for conditions, jsonpath and deletion', async () => {
    const { kubectl } = setup();
    await kubectl('run w --image=nginx');
    expect(await kubectl('wait --for=condition=Ready pod/w')).toEqual({ out: 'pod/w condition met\n', err: '', code: 0 });
    expect((await kubectl(['wait', '--for=jsonpath={.status.phase}=Running', 'pod/w'])).out).toBe('pod/w condition met\n');
    expect(await kubectl('wait --for=condition=Ready=false pod/w --timeout=2s')).toEqual({ out: '', err: 'error: timed out waiting for the condition on pods/w\n', code: 1 });
    expect((await kubectl('wait --for=foo pod/w')).err).toBe('error: unrecognized condition: "foo"\n');
    expect((await kubectl('wait --for=condition=Ready pod')).err).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(await kubectl('wait --for=delete pod/nope')).toEqual({ out: '', err: '', code: 0 });
    await kubectl('delete pod w --wait=false');
    expect((await kubectl('wait --for=delete pod/w --timeout=120s')).out).toBe('pod/w condition met\n');
  });
});

describe('kubectl rollout on a DaemonSet (ControllerRevisions)', () => {
  const ns = ['-n', 'kube-system'];
  const k = (kubectl: (l: string[]) => Promise<{ out: string; err: string; code: number }>, line: string) => kubectl([...ns, ...line.split(' ')]);

  it('lists the revisions, describes one, and undoes by patching the template back', async () => {
    const { kubectl, cluster, requests } = setup();
    cluster.advance(30_000);
    expect(await k(kubectl, 'rollout history ds/kube-proxy')).toEqual({ out: 'daemonset.apps/kube-proxy \nREVISION  CHANGE-CAUSE\n1         <none>\n\n', err: '', code: 0 });
    expect((await k(kubectl, 'rollout undo ds/kube-proxy')).err).toBe('error: no last revision to roll back to\n');
    await kubectl([...ns, 'annotate', 'ds/kube-proxy', 'kubernetes.io/change-cause=to v1.32.1']);
    await k(kubectl, 'set image ds/kube-proxy kube-proxy=registry.k8s.io/kube-proxy:v1.32.1');
    cluster.advance(60_000);
    // The controller copies the DaemonSet's annotations into each new ControllerRevision.
    expect((await k(kubectl, 'rollout history daemonset/kube-proxy')).out).toBe('daemonset.apps/kube-proxy \nREVISION  CHANGE-CAUSE\n1         <none>\n2         to v1.32.1\n\n');
    const rev1 = await k(kubectl, 'rollout history ds/kube-proxy --revision 1');
    expect(rev1.out).toMatch(/^daemonset.apps\/kube-proxy with revision #1\nPod Template:\n  Labels:\tk8s-app=kube-proxy\n  Service Account:\tkube-proxy\n  Containers:\n   kube-proxy:\n    Image:\tregistry.k8s.io\/kube-proxy:v1.32.0\n/);
    expect(rev1.out).toContain('  Tolerations:\top=Exists\n\n');
    expect((await k(kubectl, 'rollout history ds/kube-proxy --revision 5')).err).toBe('error: unable to find the specified revision\n');
    expect((await k(kubectl, 'rollout history ds/kube-proxy -o name')).out).toBe('daemonset.apps/kube-proxy\ndaemonset.apps/kube-proxy\n');
    expect((await k(kubectl, 'rollout history ds/kube-proxy --revision 1 -o jsonpath={.spec.template.spec.containers[0].image}')).out).toBe('registry.k8s.io/kube-proxy:v1.32.0');

    const dry = await k(kubectl, 'rollout undo ds/kube-proxy --dry-run=client');
    expect(dry.out).toMatch(/^daemonset.apps\/kube-proxy will roll back to Pod Template:\n  Labels:\tk8s-app=kube-proxy\n[^]*Image:\tregistry.k8s.io\/kube-proxy:v1.32.0\n[^]*  Tolerations:\top=Exists\n \(dry run\)\n$/);
    expect((await k(kubectl, 'rollout undo ds/kube-proxy --to-revision 2')).out).toBe('daemonset.apps/kube-proxy skipped rollback (current template already matches revision 2)\n');
    expect((await k(kubectl, 'rollout undo ds/kube-proxy --to-revision 9')).err).toBe('error: unable to find specified revision 9 in history\n');
    expect(await k(kubectl, 'rollout undo ds/kube-proxy')).toEqual({ out: 'daemonset.apps/kube-proxy rolled back\n', err: '', code: 0 });
    expect(requests.at(-1)).toMatch(/^PATCH \/apis\/apps\/v1\/namespaces\/kube-system\/daemonsets\/kube-proxy \{"spec":\{"template":\{.*"\$patch":"replace"/);
    cluster.advance(60_000);
    expect((await k(kubectl, 'get ds kube-proxy -o jsonpath={.spec.template.spec.containers[0].image}')).out).toBe('registry.k8s.io/kube-proxy:v1.32.0');
    // The controller moves the restored revision to the top.
    expect((await k(kubectl, 'rollout history ds/kube-proxy')).out).toBe('daemonset.apps/kube-proxy \nREVISION  CHANGE-CAUSE\n2         to v1.32.1\n3         <none>\n\n');
  });

  it('shows a Deployment revision with its change cause in the template annotations', async () => {
    const { kubectl } = await withDeployment();
    await kubectl(['annotate', 'deployment/web', 'kubernetes.io/change-cause=to 1.26']);
    await kubectl('set image deployment/web nginx=nginx:1.26');
    await kubectl('rollout status deployment/web');
    const r = await kubectl('rollout history deployment/web --revision=2');
    expect(r.out).toMatch(/^deployment.apps\/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=\w+\n  Annotations:\tkubernetes.io\/change-cause: to 1.26\n  Containers:\n/);
  });

  it('separates the YAML documents of -o yaml and checks pausing only once a revision is found', async () => {
    const { kubectl } = await withDeployment();
    await kubectl('rollout pause deployment/web');
    expect((await kubectl('rollout undo deployment/web')).err).toBe('error: no rollout history found for deployment "web"\n');
    await kubectl('rollout resume deployment/web');
    await kubectl('set image deployment/web nginx=nginx:1.26');
    await kubectl('rollout status deployment/web');
    const yaml = (await kubectl('rollout history deployment/web -o yaml')).out;
    expect(yaml.split('\n---\n').map((d) => d.match(/^kind: ReplicaSet$/m) !== null)).toEqual([true, true]);
    await kubectl('rollout pause deployment/web');
    expect((await kubectl('rollout undo deployment/web --dry-run=client')).out).toMatch(/^deployment.apps\/web Pod Template:\n/);
    expect((await kubectl('rollout undo deployment/web')).err).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
  });

  it('names the kinds without history by group and kind', async () => {
    const { kubectl } = setup();
    expect((await k(kubectl, 'rollout history pod/etcd-controlplane')).err).toBe('error: no history viewer has been implemented for "Pod"\n');
    expect((await k(kubectl, 'rollout undo pod/etcd-controlplane')).err).toBe('error: no rollbacker has been implemented for "Pod"\n');
    const rs = (await k(kubectl, 'get rs -o name')).out.split('\n')[0];
    expect((await k(kubectl, `rollout history ${rs}`)).err).toBe('error: no history viewer has been implemented for "ReplicaSet.apps"\n');
  });
});
