// The whole bootcamp-style flow through the real kubectl v1.32 against kubeplay's apiserver with
// the clock running (speed 20: one real second is twenty virtual ones), so commands that wait
// (rollout status, wait, drain, delete) see the controllers, scheduler and kubelets at work.
// Every kubectl call has a deadline: a hang fails the case instead of the suite.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { check, kubectlSuite, type Ctx } from './harness';

const V1 = 'gcr.io/google-samples/kubernetes-bootcamp:v1';
const V2 = 'docker.io/jocatalin/kubernetes-bootcamp:v2';

// minReadySeconds: 10 makes each step of a rollout last at least 10 virtual seconds (half a
// real second), so a `rollout status` started right after a change sees it in progress.
const deploy = (name: string, replicas: number, image = V1): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  minReadySeconds: 10
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: kubernetes-bootcamp
        image: ${image}
        ports:
        - containerPort: 8080
`;

const BARE = `apiVersion: v1
kind: Pod
metadata:
  name: bare
  labels:
    app: bare
spec:
  nodeName: node01
  containers:
  - name: nginx
    image: nginx:1.25
`;

const T = { timeoutMs: 45_000 };
const jp = (expr: string): string[] => ['-o', `jsonpath=${expr}`];

/** kubectl with a deadline (45 s real); the harness kills it and check() reports the hang. */
const k = async (ctx: Ctx, args: string[]) => {
  const r = await ctx.kubectl(args, T);
  // FLOW_SHOW=1 prints every transcript, to compare with a real cluster's by eye.
  if (process.env.FLOW_SHOW) process.stderr.write(`$ kubectl ${args.join(' ')}\n${r.stdout}${r.stderr ? `[stderr]\n${r.stderr}` : ''}[exit ${r.code}]\n`);
  return r;
};

/** Lines of `rollout status`: every line a Waiting line but the last, which is the success line. */
function rolledOut(stdout: string, name: string): void {
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), `deployment "${name}" successfully rolled out`, stdout);
  for (const l of lines.slice(0, -1)) assert.match(l, new RegExp(`^Waiting for deployment "${name}" rollout to finish: `), stdout);
}

interface PodView {
  metadata: { name: string; deletionTimestamp?: string };
  spec: { nodeName?: string; containers: { image: string }[] };
}

/** Pods matching a selector that are not terminating (kubectl get shows those as Terminating). */
async function livePods(ctx: Ctx, selector: string): Promise<PodView[]> {
  const r = await k(ctx, ['get', 'pods', '-l', selector, '-o', 'json']);
  check(r, { stderr: '' });
  return (JSON.parse(r.stdout) as { items: PodView[] }).items.filter((p) => !p.metadata.deletionTimestamp);
}

async function liveIPs(ctx: Ctx): Promise<string[]> {
  const r = await k(ctx, ['get', 'pods', '-l', 'app=web', '-o', 'json']);
  const items = (JSON.parse(r.stdout) as { items: (PodView & { status: { podIP: string } })[] }).items;
  return items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.status.podIP).sort();
}

const podNames = async (ctx: Ctx, selector: string): Promise<string[]> => (await livePods(ctx, selector)).map((p) => p.metadata.name).sort();

kubectlSuite('the whole flow with the clock running', { speed: 20 }, (ctx) => {
  it('apply -f creates the deployment', async () => {
    ctx.files({ 'web.yaml': deploy('web', 2) });
    check(await k(ctx, ['apply', '-f', 'web.yaml']), { stdout: 'deployment.apps/web created\n', stderr: '' });
  });

  it('rollout status waits, prints progress, and exits 0 when done', async () => {
    const r = await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=60s']);
    check(r, { stderr: '' });
    rolledOut(r.stdout, 'web');
  });

  it('rollout status on a finished rollout prints only the success line', async () => {
    check(await k(ctx, ['rollout', 'status', 'deploy/web']), { stdout: 'deployment "web" successfully rolled out\n', stderr: '' });
  });

  it('scale, then rollout status', async () => {
    check(await k(ctx, ['scale', 'deployment/web', '--replicas=4']), { stdout: 'deployment.apps/web scaled\n', stderr: '' });
    const r = await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=60s']);
    check(r, { stderr: '' });
    rolledOut(r.stdout, 'web');
    check(await k(ctx, ['get', 'deploy', 'web', '--no-headers']), { stdout: /^web\s+4\/4\s+4\s+4\s+\S+\n$/ });
  });

  it('set image, then rollout status through the rolling update', async () => {
    check(await k(ctx, ['set', 'image', 'deployment/web', `kubernetes-bootcamp=${V2}`]), { stdout: 'deployment.apps/web image updated\n', stderr: '' });
    const r = await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=90s']);
    check(r, { stderr: '' });
    rolledOut(r.stdout, 'web');
    // At least one progress line (which ones depends on when kubectl starts watching).
    assert.match(r.stdout, /^Waiting for deployment "web" rollout to finish: (\d out of 4 new replicas have been updated|1 old replicas are pending termination|\d of 4 updated replicas are available)\.\.\.\n/);
    check(await k(ctx, ['get', 'deploy', 'web', ...jp('{.spec.template.spec.containers[0].image} {.status.updatedReplicas}/{.status.availableReplicas}')]), { stdout: `${V2} 4/4` });
  });

  it('describe deployment shows the replica sets and the ScalingReplicaSet events', async () => {
    const r = await k(ctx, ['describe', 'deployment', 'web']);
    check(r, { stderr: '' });
    assert.match(r.stdout, /\nReplicas:\s+4 desired \| 4 updated \| 4 total \| 4 available \| 0 unavailable\n/);
    assert.match(r.stdout, /\nStrategyType:\s+RollingUpdate\n/);
    assert.match(r.stdout, /\nRollingUpdateStrategy:\s+25% max unavailable, 25% max surge\n/);
    assert.match(r.stdout, /\n  Available\s+True\s+MinimumReplicasAvailable\n  Progressing\s+True\s+NewReplicaSetAvailable\n/);
    const m = /\nNewReplicaSet:\s+(web-[a-z0-9]+) \(4\/4 replicas created\)\n/.exec(r.stdout);
    assert.ok(m, r.stdout);
    const old = /\nOldReplicaSets:\s+(web-[a-z0-9]+) \(0\/0 replicas created\)\n/.exec(r.stdout);
    assert.ok(old, r.stdout);
    const events = r.stdout.slice(r.stdout.indexOf('\nEvents:\n')).split('\n').slice(4).filter(Boolean).map((l) => l.replace(/^  Normal  ScalingReplicaSet\s+\S+\s+deployment-controller  /, ''));
    // The first steps are fixed; how the rest batch up depends on how many pods turn available
    // in one stretch of the running clock. Replayed, the sizes never exceed 4 + 1 (maxSurge).
    assert.deepEqual(events.slice(0, 4), [
      `Scaled up replica set ${old![1]} from 0 to 2`,
      `Scaled up replica set ${old![1]} from 2 to 4`,
      `Scaled up replica set ${m[1]} from 0 to 1`,
      `Scaled down replica set ${old![1]} from 4 to 3`,
    ]);
    const size = new Map<string, number>();
    // From the tenth distinct message within 10 minutes on, client-go's EventCorrelator folds the
    // steps into one combined event showing only the latest (as a real cluster's describe does):
    // the others chain step by step, the combined one comes last.
    const combined = '(combined from similar events): ';
    const steps = [...events.filter((e) => !e.startsWith(combined)), ...events.filter((e) => e.startsWith(combined))];
    assert.ok(steps.filter((e) => e.startsWith(combined)).length <= 1, events.join('\n'));
    for (const e of steps) {
      const x = /^(\(combined from similar events\): )?Scaled (up|down) replica set (\S+) from (\d+) to (\d+)$/.exec(e);
      assert.ok(x, e);
      const [, folded, dir, rs, from, to] = x;
      if (!folded) assert.equal(size.get(rs) ?? 0, Number(from), e);
      assert.equal(dir === 'up', Number(to) > Number(from), e);
      size.set(rs, Number(to));
      assert.ok([...size.values()].reduce((p, q) => p + q, 0) <= 5, `${e}: ${[...size.values()].join('+')}`);
    }
    assert.deepEqual([size.get(old![1]), size.get(m[1])], [0, 4]);
  });

  it('rollout history lists the revisions', async () => {
    check(await k(ctx, ['rollout', 'history', 'deployment/web']), {
      stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      stderr: '',
    });
  });

  it('rollout history --revision=1 shows that template', async () => {
    const r = await k(ctx, ['rollout', 'history', 'deployment/web', '--revision=1']);
    check(r, { stderr: '' });
    assert.match(
      r.stdout,
      new RegExp(
        '^' +
          [
            'deployment.apps/web with revision #1',
            'Pod Template:',
            '  Labels:\tapp=web',
            '\tpod-template-hash=[a-z0-9]+',
            '  Containers:',
            '   kubernetes-bootcamp:',
            `    Image:\t${V1}`,
            '    Port:\t8080/TCP',
            '    Host Port:\t0/TCP',
            '    Environment:\t<none>',
            '    Mounts:\t<none>',
            '  Volumes:\t<none>',
            '  Node-Selectors:\t<none>',
            '  Tolerations:\t<none>',
            '',
            '',
          ]
            .join('\n')
            .replace(/[.]/g, '\\.') +
          '$',
      ),
    );
  });

  it('rollout undo goes back to revision 1, which becomes revision 3', async () => {
    check(await k(ctx, ['rollout', 'undo', 'deployment/web']), { stdout: 'deployment.apps/web rolled back\n', stderr: '' });
    const r = await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=90s']);
    check(r, { stderr: '' });
    rolledOut(r.stdout, 'web');
    check(await k(ctx, ['get', 'deploy', 'web', ...jp('{.spec.template.spec.containers[0].image}')]), { stdout: V1 });
    check(await k(ctx, ['rollout', 'history', 'deployment/web']), {
      stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
      stderr: '',
    });
  });

  it('rollout undo --to-revision=3 (the current one) is skipped', async () => {
    check(await k(ctx, ['rollout', 'undo', 'deployment/web', '--to-revision=3']), {
      stdout: 'deployment.apps/web skipped rollback (current template already matches revision 3)\n',
      stderr: '',
    });
  });

  it('rollout restart replaces every pod', async () => {
    const before = await podNames(ctx, 'app=web');
    assert.equal(before.length, 4);
    check(await k(ctx, ['rollout', 'restart', 'deployment/web']), { stdout: 'deployment.apps/web restarted\n', stderr: '' });
    const r = await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=90s']);
    check(r, { stderr: '' });
    rolledOut(r.stdout, 'web');
    check(await k(ctx, ['get', 'deploy', 'web', ...jp('{.spec.template.metadata.annotations}')]), { stdout: /^\{"kubectl\.kubernetes\.io\/restartedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+Z]/ });
    const fresh = (await podNames(ctx, 'app=web')).filter((n) => !before.includes(n));
    assert.ok(fresh.length >= 4, `new pods: ${fresh.join(' ')}`);
  });

  it('rollout pause holds a change back; resume rolls it out', async () => {
    check(await k(ctx, ['rollout', 'pause', 'deployment/web']), { stdout: 'deployment.apps/web paused\n', stderr: '' });
    check(await k(ctx, ['rollout', 'pause', 'deployment/web']), { code: 1, stderr: 'error: deployments.apps "web" is already paused\n' });
    check(await k(ctx, ['set', 'image', 'deployment/web', `kubernetes-bootcamp=${V2}`]), { stdout: 'deployment.apps/web image updated\n', stderr: '' });
    await new Promise((r) => setTimeout(r, 500));
    // Paused: no new ReplicaSet for the new template, the pods keep v1.
    assert.deepEqual((await livePods(ctx, 'app=web')).map((p) => p.spec.containers[0].image), [V1, V1, V1, V1]);
    check(await k(ctx, ['get', 'deploy', 'web', ...jp('{.status.conditions[?(@.type=="Progressing")].reason}')]), { stdout: 'DeploymentPaused' });
    check(await k(ctx, ['rollout', 'resume', 'deployment/web']), { stdout: 'deployment.apps/web resumed\n', stderr: '' });
    const r = await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=90s']);
    check(r, { stderr: '' });
    rolledOut(r.stdout, 'web');
    check(await k(ctx, ['get', 'deploy', 'web', ...jp('{.spec.template.spec.containers[0].image} {.status.availableReplicas}')]), { stdout: `${V2} 4` });
  });

  it('expose: a ClusterIP service and a NodePort service, and their endpoints', async () => {
    check(await k(ctx, ['expose', 'deployment/web', '--port=8080', '--name=web-cip']), { stdout: 'service/web-cip exposed\n', stderr: '' });
    check(await k(ctx, ['expose', 'deployment/web', '--type=NodePort', '--port=8080', '--name=web-np']), { stdout: 'service/web-np exposed\n', stderr: '' });
    check(await k(ctx, ['get', 'svc', 'web-cip', '--no-headers']), { stdout: /^web-cip\s+ClusterIP\s+10\.(9[6-9]|1[01][0-9])\.\d+\.\d+\s+<none>\s+8080\/TCP\s+\S+\n$/ });
    check(await k(ctx, ['get', 'svc', 'web-np', '--no-headers']), { stdout: /^web-np\s+NodePort\s+10\.\S+\s+<none>\s+8080:3\d{4}\/TCP\s+\S+\n$/ });
    await new Promise((r) => setTimeout(r, 300));
    const ips = await liveIPs(ctx);
    assert.equal(ips.length, 4);
    const r = await k(ctx, ['get', 'endpoints', 'web-cip', '--no-headers']);
    check(r, { stdout: /^web-cip\s+(10\.244\.\d+\.\d+:8080,){2}10\.244\.\d+\.\d+:8080 \+ 1 more\.\.\.\s+\S+\n$/ });
    const listed = (await k(ctx, ['get', 'endpoints', 'web-np', ...jp('{.subsets[0].addresses[*].ip}')])).stdout.split(' ').sort();
    assert.deepEqual(listed, ips);
  });

  it('logs of a pod and of the deployment', async () => {
    // Let the Terminating pods of the last rollout go first: `logs deployment/web` may pick one,
    // and it can vanish between kubectl's list and its log request (as in a real cluster).
    for (let i = 0; i < 40 && (await k(ctx, ['get', 'pods', '-l', 'app=web', '-o', 'name'])).stdout.trim().split('\n').length !== 4; i++) await new Promise((r) => setTimeout(r, 250));
    const pod = (await podNames(ctx, 'app=web'))[0];
    const r = await k(ctx, ['logs', pod]);
    check(r, { stderr: '' });
    assert.match(r.stdout, new RegExp(`^Kubernetes Bootcamp App Started At: \\S+ \\| Running On:  ${pod} \\n\\n$`));
    const d = await k(ctx, ['logs', 'deployment/web']);
    check(d, { stdout: /^Kubernetes Bootcamp App Started At: / });
    assert.match(d.stderr, /^Found 4 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
  });

  it('wait --for=condition=Ready on a new pod, then delete it and wait --for=delete', async () => {
    // The bootcamp app ignores SIGTERM: the pod stays Terminating for its 30 s grace period
    // (1.5 s of real time), long enough for `wait --for=delete` to watch it go.
    ctx.files({ 'solo.yaml': BARE.replace('  nodeName: node01\n', '').replace('name: bare\n', 'name: solo\n').replace('- name: nginx\n    image: nginx:1.25', `- name: app\n    image: ${V1}`) });
    check(await k(ctx, ['apply', '-f', 'solo.yaml']), { stdout: 'pod/solo created\n', stderr: '' });
    check(await k(ctx, ['wait', '--for=condition=Ready', 'pod/solo', '--timeout=60s']), { stdout: 'pod/solo condition met\n', stderr: '' });
    check(await k(ctx, ['delete', 'pod', 'solo', '--wait=false']), { stdout: 'pod "solo" deleted\n', stderr: '' });
    check(await k(ctx, ['get', 'pod', 'solo', '--no-headers']), { stdout: /^solo\s+1\/1\s+Terminating\s+0\s+\S+\n$/ });
    check(await k(ctx, ['wait', '--for=delete', 'pod/solo', '--timeout=60s']), { stdout: 'pod/solo condition met\n', stderr: '' });
    check(await k(ctx, ['get', 'pod', 'solo']), { code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "solo" not found\n' });
  });

  it('cordon, drain (with --force for a bare pod) and uncordon', async () => {
    ctx.files({ 'bare.yaml': BARE });
    check(await k(ctx, ['apply', '-f', 'bare.yaml']), { stdout: 'pod/bare created\n', stderr: '' });
    check(await k(ctx, ['wait', '--for=condition=Ready', 'pod/bare', '--timeout=60s']), { stdout: 'pod/bare condition met\n' });
    const onNode = async (n: string) => (await k(ctx, ['get', 'pods', '--field-selector', `spec.nodeName=${n}`, ...jp('{range .items[*]}{.metadata.name}{"\\n"}{end}')])).stdout.split('\n').filter(Boolean).sort();
    const victims = await onNode('node01');
    assert.ok(victims.some((n) => n.startsWith('web-')), `pods on node01: ${victims.join(' ')}`);
    check(await k(ctx, ['cordon', 'node01']), { stdout: 'node/node01 cordoned\n', stderr: '' });
    check(await k(ctx, ['get', 'node', 'node01', '--no-headers']), { stdout: /^node01\s+Ready,SchedulingDisabled\s+<none>\s+\S+\s+v1\.32\.\d+\n$/ });
    // Without --force a bare pod stops the drain.
    const refused = await k(ctx, ['drain', 'node01', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=60s']);
    check(refused, {
      code: 1,
      stdout: 'node/node01 already cordoned\n',
      stderr: 'error: unable to drain node "node01" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...\nThere are pending nodes to be drained:\n node01\ncannot delete cannot delete Pods that declare no controller (use --force to override): default/bare\n',
    });
    const r = await k(ctx, ['drain', 'node01', '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=60s']);
    // kubectl joins its warnings from a Go map: either order. node01's kube-proxy pod is a DaemonSet pod.
    const ds = 'ignoring DaemonSet-managed Pods: kube-system/kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}';
    const bare = 'deleting Pods that declare no controller: default/bare';
    check(r, { stderr: new RegExp(`^Warning: (${ds}; ${bare}|${bare}; ${ds})\\n$`) });
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'node/node01 already cordoned');
    assert.equal(lines.at(-1), 'node/node01 drained');
    const evicting = lines.filter((l) => l.startsWith('evicting pod ')).sort();
    const evicted = lines.filter((l) => / evicted$/.test(l)).sort();
    assert.deepEqual(evicting, victims.map((n) => `evicting pod default/${n}`));
    assert.deepEqual(evicted, victims.map((n) => `pod/${n} evicted`));
    assert.deepEqual(await onNode('node01'), []);
    const rs = await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=60s']);
    check(rs, { stderr: '' });
    rolledOut(rs.stdout, 'web');
    check(await k(ctx, ['uncordon', 'node01']), { stdout: 'node/node01 uncordoned\n', stderr: '' });
    check(await k(ctx, ['uncordon', 'node01']), { stdout: 'node/node01 already uncordoned\n', stderr: '' });
    check(await k(ctx, ['get', 'node', 'node01', '--no-headers']), { stdout: /^node01\s+Ready\s+<none>\s+/ });
  });

  it('delete --cascade=orphan leaves the ReplicaSet and pods', async () => {
    ctx.files({ 'keep.yaml': deploy('keep', 2) });
    check(await k(ctx, ['apply', '-f', 'keep.yaml']), { stdout: 'deployment.apps/keep created\n' });
    rolledOut((await k(ctx, ['rollout', 'status', 'deployment/keep', '--timeout=60s'])).stdout, 'keep');
    const pods = await podNames(ctx, 'app=keep');
    check(await k(ctx, ['delete', 'deployment', 'keep', '--cascade=orphan']), { stdout: 'deployment.apps "keep" deleted\n', stderr: '' });
    await new Promise((r) => setTimeout(r, 500));
    check(await k(ctx, ['get', 'deploy', 'keep']), { code: 1, stderr: 'Error from server (NotFound): deployments.apps "keep" not found\n' });
    check(await k(ctx, ['get', 'rs', '-l', 'app=keep', ...jp('{.items[*].metadata.ownerReferences}')]), { stdout: '' });
    check(await k(ctx, ['get', 'rs', '-l', 'app=keep', '--no-headers']), { stdout: /^keep-[a-z0-9]+\s+2\s+2\s+2\s+\S+\n$/ });
    assert.deepEqual(await podNames(ctx, 'app=keep'), pods);
  });

  it('delete cascades: the ReplicaSets and pods go too', async () => {
    check(await k(ctx, ['delete', 'deployment', 'web']), { stdout: 'deployment.apps "web" deleted\n', stderr: '' });
    // At once the pods are Terminating; the bootcamp app ignores SIGTERM, so they go after the
    // 30 s grace period (1.5 s of real time at speed 20).
    assert.deepEqual(await podNames(ctx, 'app=web'), []);
    let left = '';
    for (let i = 0; i < 40; i++) {
      left = (await k(ctx, ['get', 'rs,pods', '-l', 'app=web', '-o', 'name'])).stdout;
      if (!left) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(left, '');
    check(await k(ctx, ['get', 'rs,pods', '-l', 'app=web']), { stdout: '', stderr: 'No resources found in default namespace.\n' });
  });
});

kubectlSuite('a stuck rollout with the clock running', { speed: 20 }, (ctx) => {
  it('rollout status ends with the progress deadline error, and undo recovers', async () => {
    ctx.files({ 'web.yaml': deploy('web', 2).replace('  replicas: 2\n', '  replicas: 2\n  progressDeadlineSeconds: 30\n') });
    check(await k(ctx, ['apply', '-f', 'web.yaml']), { stdout: 'deployment.apps/web created\n', stderr: '' });
    rolledOut((await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=60s'])).stdout, 'web');
    check(await k(ctx, ['set', 'image', 'deployment/web', 'kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10']), { stdout: 'deployment.apps/web image updated\n' });
    const r = await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=60s']);
    check(r, { code: 1, stderr: 'error: deployment "web" exceeded its progress deadline\n' });
    for (const l of r.stdout.trimEnd().split('\n')) assert.match(l, /^Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated\.\.\.$/);
    const pods = await k(ctx, ['get', 'pods', '--no-headers']);
    assert.match(pods.stdout, /^web-[a-z0-9]+-[a-z0-9]{5}\s+0\/1\s+(ImagePullBackOff|ErrImagePull)\s+0\s+\S+\n/m);
    check(await k(ctx, ['get', 'deploy', 'web', '--no-headers']), { stdout: /^web\s+2\/2\s+1\s+2\s+\S+\n$/ });
    check(await k(ctx, ['rollout', 'undo', 'deployment/web']), { stdout: 'deployment.apps/web rolled back\n', stderr: '' });
    const back = await k(ctx, ['rollout', 'status', 'deployment/web', '--timeout=60s']);
    check(back, { stderr: '' });
    rolledOut(back.stdout, 'web');
  });
});
