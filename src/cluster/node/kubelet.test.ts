import { describe, expect, it } from 'vitest';
import { setup } from './testutil';

describe('kubelet lifecycle', () => {
  it('moves a pod Pending → ContainerCreating → Running with the right events in order', () => {
    const s = setup();
    s.createPod('web', [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }]);
    s.advance(0);
    let p = s.pod('web');
    expect(p.status.phase).toBe('Pending');
    expect(p.status.hostIP).toBe('172.18.0.3');
    expect(p.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    expect(p.status.containerStatuses[0].image).toBe('nginx:1.27');
    expect(p.status.podIP).toBeUndefined();
    const cond = Object.fromEntries(p.status.conditions.map((c: any) => [c.type, c]));
    expect(cond.PodReadyToStartContainers.status).toBe('False');
    expect(cond.Initialized.status).toBe('True');
    expect(cond.Ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(p.status.conditions.map((c: any) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    // The sandbox exists and the image is being pulled, all inside the first SyncPod: as with a
    // real kubelet, no report until that SyncPod is done (the IP shows with the Running status).
    s.advance(1000);
    p = s.pod('web');
    expect(p.status.podIP).toBeUndefined();
    expect(p.status.phase).toBe('Pending');
    expect(s.fleet.kubelet('node01')!.sandboxes.get('default/web')!.ip).toBe('10.244.1.2');
    s.advance(5000);
    p = s.pod('web');
    expect(p.status.phase).toBe('Running');
    expect(p.status.podIP).toBe('10.244.1.2');
    expect(p.status.conditions.find((c: any) => c.type === 'PodReadyToStartContainers').status).toBe('True');
    const cs = p.status.containerStatuses[0];
    expect(cs.state.running.startedAt).toBeDefined();
    expect(cs.ready).toBe(true);
    expect(cs.started).toBe(true);
    expect(cs.image).toBe('docker.io/library/nginx:1.27');
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(p.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
    const ev = s.events('web');
    expect(ev.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(ev[0].message).toBe('Pulling image "nginx:1.27"');
    expect(ev[1].message).toMatch(/^Successfully pulled image "nginx:1\.27" in \d\.\d+s \(\d\.\d+s including waiting\)\. Image size: 72099410 bytes\.$/);
    expect(ev[2].message).toBe('Created container: nginx');
    expect(ev[3].message).toBe('Started container nginx');
    // A second pod on the same node finds the image cached.
    s.createPod('web2', [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'tools', image: 'busybox:1.36', command: ['sleep', 'infinity'] }]);
    s.advance(6000);
    expect(s.events('web2').map((e) => e.message.replace(/ in [\d.]+s \([\d.]+s/, ''))).toEqual([
      'Container image "nginx:1.27" already present on machine',
      'Created container: nginx',
      'Started container nginx',
      'Pulling image "busybox:1.36"',
      'Successfully pulled image "busybox:1.36" including waiting). Image size: 2160406 bytes.',
      'Created container: tools',
      'Started container tools',
    ]);
    expect(s.pod('web2').status.podIP).toBe('10.244.1.3');
  });

  it('gates Ready on the readiness probe', () => {
    const s = setup();
    s.createPod('r', [{ name: 'app', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }]);
    s.advance(4000);
    let p = s.pod('r');
    expect(p.status.phase).toBe('Running');
    expect(p.status.containerStatuses[0].ready).toBe(false);
    expect(p.status.conditions.find((c: any) => c.type === 'ContainersReady').status).toBe('False');
    s.advance(6000);
    p = s.pod('r');
    expect(p.status.containerStatuses[0].ready).toBe(true);
    expect(p.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
  });

  it('reports a failing readiness probe as Unhealthy and not ready', () => {
    const s = setup();
    s.createPod('r', [{ name: 'app', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 1 } }]);
    s.advance(10_000);
    expect(s.pod('r').status.containerStatuses[0].ready).toBe(false);
    const un = s.events('r').find((e) => e.reason === 'Unhealthy')!;
    expect(un.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 404');
    expect(un.type).toBe('Warning');
  });

  it('backs off pulling an unknown tag: ErrImagePull, ImagePullBackOff, 10 s doubling', () => {
    const s = setup();
    s.createPod('bad', [{ name: 'app', image: 'gcr.io/google-samples/kubernetes-bootcamp:v10' }]);
    const notFound =
      'rpc error: code = NotFound desc = failed to pull and unpack image "gcr.io/google-samples/kubernetes-bootcamp:v10": failed to resolve reference "gcr.io/google-samples/kubernetes-bootcamp:v10": gcr.io/google-samples/kubernetes-bootcamp:v10: not found';
    const seen: { t: number; reason: string; message?: string }[] = [];
    for (let i = 0; i < 9000; i++) {
      s.advance(100);
      const w = s.pod('bad').status.containerStatuses[0].state.waiting;
      if (w.reason !== seen.at(-1)?.reason) seen.push({ t: (s.c.clock.now() - s.t0) / 1000, ...w });
    }
    expect(s.pod('bad').status.phase).toBe('Pending');
    expect(seen[0].reason).toBe('ContainerCreating');
    expect(seen[1]).toMatchObject({ reason: 'ErrImagePull', message: notFound });
    expect(seen[2]).toMatchObject({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "gcr.io/google-samples/kubernetes-bootcamp:v10"' });
    expect(seen.slice(1, 9).map((x) => x.reason)).toEqual(['ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff']);
    // Failed pulls 10, 20, 40, 80, 160, 300, 300 s apart (plus the pull itself, 1–3 s).
    const fails = seen.filter((x) => x.reason === 'ErrImagePull').map((x) => x.t);
    const gaps = fails.slice(1).map((t, i) => t - fails[i]);
    const backoffs = [10, 20, 40, 80, 160, 300, 300];
    gaps.forEach((g, i) => {
      expect(g).toBeGreaterThanOrEqual(backoffs[i] + 1);
      expect(g).toBeLessThanOrEqual(backoffs[i] + 3.1);
    });
    expect(gaps.length).toBeGreaterThanOrEqual(6);
    const ev = s.events('bad');
    expect(ev.map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'Pulling', 'Pulling image "gcr.io/google-samples/kubernetes-bootcamp:v10"'],
      ['Warning', 'Failed', `Failed to pull image "gcr.io/google-samples/kubernetes-bootcamp:v10": ${notFound}`],
      ['Warning', 'Failed', 'Error: ErrImagePull'],
      ['Normal', 'BackOff', 'Back-off pulling image "gcr.io/google-samples/kubernetes-bootcamp:v10"'],
      ['Warning', 'Failed', 'Error: ImagePullBackOff'],
    ]);
    expect(ev[0].count).toBe(fails.length);
  });

  it('fails to pull an unknown repository with the registry message', () => {
    const s = setup();
    s.createPod('typo', [{ name: 'app', image: 'nginxx' }]);
    s.advance(5000);
    const failed = s.events('typo').find((e) => e.reason === 'Failed')!;
    expect(failed.message).toBe(
      'Failed to pull image "nginxx": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
  });

  it('crash-loops with 10 s doubling back-off, restartCount and lastState', () => {
    const s = setup();
    const created = s.createPod('pg', [{ name: 'pg', image: 'postgres:16' }]);
    const uid = created.metadata.uid;
    const backoffs: string[] = [];
    const restarts: number[] = [];
    let lastCount = 0;
    for (let i = 0; i < 12_000; i++) {
      s.advance(100);
      const p = s.pod('pg');
      expect(p.status.phase === 'Running' || p.status.phase === 'Pending').toBe(true);
      const cs = p.status.containerStatuses[0];
      const w = cs.state.waiting;
      if (w?.reason === 'CrashLoopBackOff' && w.message !== backoffs.at(-1)) backoffs.push(w.message);
      if (cs.restartCount !== lastCount) restarts.push((s.c.clock.now() - s.t0) / 1000);
      lastCount = cs.restartCount;
    }
    expect(backoffs.map((m) => m.split(' ')[1])).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
    expect(backoffs[0]).toBe(`back-off 10s restarting failed container=pg pod=pg_default(${uid})`);
    // The first restart is immediate, then 10, 20, 40, 80, 160, 300 s after each crash.
    const gaps = restarts.slice(1).map((t, i) => Math.round(t - restarts[i]));
    expect(gaps.slice(0, 6).map((g, i) => g - [10, 20, 40, 80, 160, 300][i])).toEqual(gaps.slice(0, 6).map(() => expect.any(Number)));
    gaps.slice(0, 6).forEach((g, i) => expect(Math.abs(g - [10, 20, 40, 80, 160, 300][i])).toBeLessThanOrEqual(2));
    const cs = s.pod('pg').status.containerStatuses[0];
    expect(cs.restartCount).toBe(restarts.length);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(cs.lastState.terminated.containerID).toMatch(/^containerd:\/\//);
    expect(cs.ready).toBe(false);
    const bo = s.events('pg').find((e) => e.reason === 'BackOff')!;
    expect(bo).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container pg in pod pg_default(${uid})` });
    // The logs of the crashed container are the entrypoint's error.
    const logs = s.req('GET', '/api/v1/namespaces/default/pods/pg/log', undefined, { previous: 'true' }).body as string;
    expect(logs.split('\n')[0]).toBe('Error: Database is uninitialized and superuser password is not specified.');
  });

  it('runs a Never pod to Succeeded and OnFailure to completion', () => {
    const s = setup();
    s.createPod('job', [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hello; sleep 2; echo bye'] }], { restartPolicy: 'Never' });
    s.createPod('fail', [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 3'] }], { restartPolicy: 'Never' });
    s.advance(10_000);
    const p = s.pod('job');
    expect(p.status.phase).toBe('Succeeded');
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(p.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(s.req('GET', '/api/v1/namespaces/default/pods/job/log').body).toBe('hello\nbye\n');
    expect(s.pod('fail').status.phase).toBe('Failed');
    expect(s.pod('fail').status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('runs init containers in order before the app', () => {
    const s = setup();
    s.createPod('init', [{ name: 'app', image: 'nginx:1.25' }], {
      initContainers: [
        { name: 'one', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3'] },
        { name: 'two', image: 'busybox:1.36', command: ['echo', 'done'] },
      ],
    });
    for (let i = 0; i < 100 && !s.pod('init').status.initContainerStatuses?.[0].state.running; i++) s.advance(100);
    let p = s.pod('init');
    expect(p.status.phase).toBe('Pending');
    expect(p.status.initContainerStatuses[0].state.running).toBeDefined();
    expect(p.status.initContainerStatuses[1].state.waiting.reason).toBe('PodInitializing');
    expect(p.status.containerStatuses[0].state.waiting.reason).toBe('PodInitializing');
    expect(p.status.conditions.find((c: any) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [one two]' });
    s.advance(10_000);
    p = s.pod('init');
    expect(p.status.phase).toBe('Running');
    expect(p.status.initContainerStatuses.map((c: any) => c.state.terminated?.reason)).toEqual(['Completed', 'Completed']);
    const order = s.events('init').filter((e) => e.reason === 'Started').map((e) => e.message);
    expect(order).toEqual(['Started container one', 'Started container two', 'Started container app']);
  });

  it('restarts a container whose liveness probe fails', () => {
    const s = setup();
    s.createPod('live', [{ name: 'app', image: 'nginx:1.25', livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 2 } }]);
    s.advance(20_000);
    const p = s.pod('live');
    expect(p.status.containerStatuses[0].restartCount).toBeGreaterThanOrEqual(1);
    const ev = s.events('live');
    expect(ev.find((e) => e.reason === 'Unhealthy')!.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(ev.find((e) => e.reason === 'Killing')!.message).toBe('Container app failed liveness probe, will be restarted');
    expect(p.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('terminates gracefully on delete and removes the pod', () => {
    const s = setup();
    s.createPod('web', [{ name: 'nginx', image: 'nginx:1.25' }]);
    s.advance(5000);
    expect(s.req('DELETE', '/api/v1/namespaces/default/pods/web').status).toBe(200);
    expect(s.pod('web').metadata.deletionTimestamp).toBeDefined();
    s.advance(0);
    expect(s.events('web').at(-1)).toMatchObject({ reason: 'Killing', message: 'Stopping container nginx' });
    s.advance(1000);
    expect(s.req('GET', '/api/v1/namespaces/default/pods/web').status).toBe(404);
  });

  it('waits the grace period for a process that ignores SIGTERM', () => {
    const s = setup();
    s.createPod('sleepy', [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }], { terminationGracePeriodSeconds: 5 });
    s.advance(5000);
    expect(s.pod('sleepy').status.phase).toBe('Running');
    s.req('DELETE', '/api/v1/namespaces/default/pods/sleepy');
    s.advance(4000);
    expect(s.req('GET', '/api/v1/namespaces/default/pods/sleepy').status).toBe(200);
    s.advance(1500);
    expect(s.req('GET', '/api/v1/namespaces/default/pods/sleepy').status).toBe(404);
  });

  it('shares one IP between the containers of a pod', () => {
    const s = setup();
    s.createPod('duo', [
      { name: 'web', image: 'nginx:1.25' },
      { name: 'side', image: 'busybox', command: ['sh', '-c', 'while true; do wget -qO- localhost:80 >/dev/null && echo ok; sleep 5; done'] },
    ]);
    s.advance(20_000);
    const p = s.pod('duo');
    expect(p.status.phase).toBe('Running');
    expect(p.status.containerStatuses.map((c: any) => c.ready)).toEqual([true, true]);
    const side = s.req('GET', '/api/v1/namespaces/default/pods/duo/log', undefined, { container: 'side' }).body as string;
    expect(side).toMatch(/^ok\nok\nok\n/);
    const web = s.req('GET', '/api/v1/namespaces/default/pods/duo/log', undefined, { container: 'web' }).body as string;
    expect(web).toMatch(/^127\.0\.0\.1 - - \[23\/Nov\/2026:09:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"$/m);
  });
});

describe('kubelet heartbeats', () => {
  const lease = (s: ReturnType<typeof setup>, n: string) =>
    (s.req('GET', `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${n}`).body as any).spec.renewTime as string;

  it('renews its Lease every 10 s and stops when the kubelet is stopped', () => {
    const s = setup();
    s.advance(0);
    const first = lease(s, 'node01');
    s.advance(10_000);
    const second = lease(s, 'node01');
    expect(Date.parse(second) - Date.parse(first)).toBe(10_000);
    s.fleet.stop('node01');
    s.advance(60_000);
    expect(lease(s, 'node01')).toBe(second);
    expect(Date.parse(lease(s, 'node02'))).toBeGreaterThan(Date.parse(second));
    s.fleet.start('node01');
    s.advance(0);
    expect(Date.parse(lease(s, 'node01'))).toBe(s.c.clock.now());
  });

  it('honours the kubeplay.io/state annotation set through the API', () => {
    const s = setup();
    s.advance(0);
    s.req('PATCH', '/api/v1/nodes/node02', JSON.stringify({ metadata: { annotations: { 'kubeplay.io/state': 'stopped' } } }), undefined, 'application/merge-patch+json');
    s.advance(0);
    const frozen = lease(s, 'node02');
    s.createPod('p', [{ name: 'c', image: 'nginx:1.25' }], {}, 'node02');
    s.advance(30_000);
    expect(lease(s, 'node02')).toBe(frozen);
    expect(s.pod('p').status.startTime).toBeUndefined();
    s.req('PATCH', '/api/v1/nodes/node02', JSON.stringify({ metadata: { annotations: { 'kubeplay.io/state': null } } }), undefined, 'application/merge-patch+json');
    s.advance(5000);
    expect(s.pod('p').status.phase).toBe('Running');
  });

  it('posts node status on change and every 5 minutes', () => {
    const s = setup();
    s.advance(0);
    const hb = () => ((s.req('GET', '/api/v1/nodes/node01').body as any).status.conditions as any[]).find((c) => c.type === 'Ready').lastHeartbeatTime;
    const first = hb();
    s.advance(60_000);
    expect(hb()).toBe(first);
    s.advance(250_000);
    expect(Date.parse(hb()) - Date.parse(first)).toBe(300_000);
  });
});
