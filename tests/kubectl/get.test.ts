// get: server-side Tables for every kind (kube-apiserver's printers: columns, wide columns at
// priority 1, cell formats), the client-side output formats, selectors, -A, --show-labels, -w.
// The controllers are off here so the state is exactly what the manifests say; ages are
// normalised (the clock is paused, so they read 0s).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { check, kubectlCase, kubectlSuite } from './harness';

import { OBJECTS } from './manifests';

const lines = (...l: string[]): string => l.join('\n') + '\n';

kubectlSuite('kubectl get', { controllers: false }, (ctx) => {
  it('create one object of each kind', async () => {
    ctx.files({ 'objects.yaml': OBJECTS });
    check(await ctx.kubectl(['create', '-f', 'objects.yaml']), {
      stdout: lines(
        'configmap/settings created',
        'secret/creds created',
        'serviceaccount/builder created',
        'pod/solo created',
        'pod/other created',
        'service/solo created',
        'replicationcontroller/legacy created',
        'replicaset.apps/front created',
        'deployment.apps/web created',
        'lease.coordination.k8s.io/lock created',
        'endpoints/ext created',
        'endpointslice.discovery.k8s.io/ext-abc created',
        'event/solo.1 created',
      ),
      stderr: '',
    });
  });

  const table = (title: string, args: string[], ...out: string[]): void => kubectlCase(ctx, title, args, { ages: true, stdout: lines(...out), stderr: '' });

  table('pods', ['get', 'pods'], 'NAME    READY   STATUS    RESTARTS   AGE', 'other   0/1     Pending   0          0s', 'solo    0/1     Pending   0          0s');
  table(
    'pods -o wide',
    ['get', 'pods', '-o', 'wide'],
    'NAME    READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES',
    'other   0/1     Pending   0          0s    <none>   <none>   <none>           <none>',
    'solo    0/1     Pending   0          0s    <none>   <none>   <none>           <none>',
  );
  table('deployments', ['get', 'deployments'], 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE', 'web    0/3     0            0           0s');
  table(
    'deployments -o wide (containers and images joined by commas)',
    ['get', 'deploy', '-o', 'wide'],
    'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS      IMAGES                    SELECTOR',
    'web    0/3     0            0           0s    nginx,sidecar   nginx:1.25,busybox:1.36   app=web',
  );
  table('replicasets', ['get', 'rs'], 'NAME    DESIRED   CURRENT   READY   AGE', 'front   1         0         0       0s');
  table(
    'replicationcontrollers -o wide',
    ['get', 'rc', '-o', 'wide'],
    'NAME     DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR',
    'legacy   2         0         0       0s    c            nginx:1.25   app=legacy',
  );
  kubectlCase(ctx, 'services -o wide', ['get', 'svc', '-o', 'wide'], {
    ages: true,
    stdout: /^NAME {9}TYPE {8}CLUSTER-IP +EXTERNAL-IP   PORT\(S\)   AGE   SELECTOR\nkubernetes   ClusterIP   10\.96\.0\.1 +<none>        443\/TCP   <age> +<none>\nsolo         ClusterIP   10\.(9[6-9]|1[01][0-9])\.\d+\.\d+ +<none>        80\/TCP    <age> +app=solo\n$/,
    stderr: '',
  });
  table('endpoints: the first three addresses, then "+ N more..."', ['get', 'ep', 'ext'], 'NAME   ENDPOINTS                                         AGE', 'ext    10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...   0s');
  table(
    'endpointslices',
    ['get', 'endpointslices'],
    'NAME         ADDRESSTYPE   PORTS   ENDPOINTS           AGE',
    'ext-abc      IPv4          80      10.0.0.1,10.0.0.2   0s',
    'kubernetes   IPv4          6443    172.18.0.2          0s',
  );
  table('events', ['get', 'events'], 'LAST SEEN   TYPE      REASON    OBJECT     MESSAGE', '0s          Warning   Testing   pod/solo   hello');
  table(
    'events -o wide (priority-1 columns interleaved)',
    ['get', 'events', '-o', 'wide'],
    'LAST SEEN   TYPE      REASON    OBJECT     SUBOBJECT   SOURCE   MESSAGE   FIRST SEEN   COUNT   NAME',
    '0s          Warning   Testing   pod/solo               me       hello     0s           3       solo.1',
  );
  table('configmaps', ['get', 'cm', 'settings'], 'NAME       DATA   AGE', 'settings   2      0s');
  table('secrets (data and stringData count together)', ['get', 'secrets'], 'NAME    TYPE     DATA   AGE', 'creds   Opaque   2      0s');
  table('serviceaccounts', ['get', 'sa'], 'NAME      SECRETS   AGE', 'builder   0         0s', 'default   0         0s');
  table('namespaces', ['get', 'ns'], 'NAME              STATUS   AGE', 'default           Active   0s', 'kube-node-lease   Active   0s', 'kube-public       Active   0s', 'kube-system       Active   0s');
  kubectlCase(ctx, 'nodes -o wide', ['get', 'nodes', '-o', 'wide'], {
    ages: true,
    stdout: /^NAME +STATUS   ROLES +AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME\n(\S+ +Ready +\S+ +<age> +v1\.32\.0   172\.18\.0\.\d+ +<none> +.+ +\S+ +containerd:\/\/\S+\n)+$/,
    stderr: '',
  });
  table('leases', ['get', 'leases'], 'NAME   HOLDER   AGE', 'lock   me       0s');

  kubectlCase(ctx, '-o name over several kinds', ['get', 'deploy,rs,rc,svc,cm', '-o', 'name', '--field-selector', 'metadata.name!=kubernetes'], {
    stdout: lines('deployment.apps/web', 'replicaset.apps/front', 'replicationcontroller/legacy', 'service/solo', 'configmap/settings'),
    stderr: '',
  });
  it('-o json is a List with apiVersion and kind on each item', async () => {
    const r = await ctx.kubectl(['get', 'pods', '-o', 'json']);
    check(r, { stderr: '' });
    const list = JSON.parse(r.stdout) as { kind: string; apiVersion: string; items: { kind: string; apiVersion: string; metadata: { name: string; uid: string; resourceVersion: string }; spec: Record<string, unknown> }[] };
    assert.equal(list.kind, 'List');
    assert.deepEqual(list.items.map((i) => `${i.apiVersion} ${i.kind} ${i.metadata.name}`), ['v1 Pod other', 'v1 Pod solo']);
    // Server-side defaults are there.
    assert.equal(list.items[1].spec.restartPolicy, 'Always');
    assert.equal(list.items[1].spec.schedulerName, 'default-scheduler');
  });
  it('-o yaml of one object', async () => {
    const r = await ctx.kubectl(['get', 'cm', 'settings', '-o', 'yaml']);
    check(r, {
      stdout: /^apiVersion: v1\ndata:\n  color: blue\n  size: "3"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n  labels:\n    tier: fe\n  name: settings\n  namespace: default\n  resourceVersion: "\d+"\n  uid: [0-9a-f-]{36}\n$/,
      stderr: '',
    });
  });
  kubectlCase(ctx, '-o jsonpath', ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image}{"\\n"}{end}'], { stdout: 'other=nginx:1.25\nsolo=busybox:1.36\n', stderr: '' });
  kubectlCase(ctx, '-o custom-columns', ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,TIER:.metadata.labels.tier,POLICY:.spec.containers[0].imagePullPolicy'], {
    stdout: lines('NAME    TIER   POLICY', 'other   be     IfNotPresent', 'solo    fe     IfNotPresent'),
    stderr: '',
  });
  table('-l with equality', ['get', 'pods', '-l', 'tier=fe'], 'NAME   READY   STATUS    RESTARTS   AGE', 'solo   0/1     Pending   0          0s');
  kubectlCase(ctx, '-l with set-based operators', ['get', 'pods', '-l', 'tier in (fe,be),app!=solo,!missing', '-o', 'name'], { stdout: 'pod/other\n', stderr: '' });
  kubectlCase(ctx, '-l that matches nothing', ['get', 'pods', '-l', 'tier notin (fe,be)'], { stdout: '', stderr: 'No resources found in default namespace.\n' });
  kubectlCase(ctx, '--field-selector', ['get', 'pods', '--field-selector', 'status.phase=Pending,metadata.name=solo', '-o', 'name'], { stdout: 'pod/solo\n', stderr: '' });
  kubectlCase(ctx, '--field-selector on a pod field the apiserver indexes', ['get', 'pods', '--field-selector', 'spec.restartPolicy=Always,spec.nodeName=', '-o', 'name'], { stdout: 'pod/other\npod/solo\n', stderr: '' });
  kubectlCase(ctx, '--field-selector on events (involvedObject)', ['get', 'events', '--field-selector', 'involvedObject.kind=Pod,involvedObject.name=solo,type=Warning', '-o', 'name'], { stdout: 'event/solo.1\n', stderr: '' });
  kubectlCase(ctx, '--field-selector with an unsupported field', ['get', 'pods', '--field-selector', 'spec.dnsPolicy=Default'], {
    code: 1,
    stdout: '',
    stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.dnsPolicy=Default": field label not supported: spec.dnsPolicy\n',
  });
  table('--show-labels', ['get', 'pods', '--show-labels'], 'NAME    READY   STATUS    RESTARTS   AGE   LABELS', 'other   0/1     Pending   0          0s    app=other,tier=be', 'solo    0/1     Pending   0          0s    app=solo,tier=fe');
  table(
    '-A',
    ['get', 'sa', '-A'],
    'NAMESPACE         NAME         SECRETS   AGE',
    'default           builder      0         0s',
    'default           default      0         0s',
    'kube-node-lease   default      0         0s',
    'kube-public       default      0         0s',
    'kube-system       coredns      0         0s',
    'kube-system       default      0         0s',
    'kube-system       kube-proxy   0         0s',
  );
  table('--sort-by (Table with includeObject=Object)', ['get', 'pods', '--sort-by', '.spec.containers[0].image'], 'NAME    READY   STATUS    RESTARTS   AGE', 'solo    0/1     Pending   0          0s', 'other   0/1     Pending   0          0s');
  kubectlCase(ctx, 'get all', ['get', 'all'], {
    ages: true,
    stdout: new RegExp(
      '^' +
        [
          'NAME        READY   STATUS    RESTARTS   AGE\npod/other   0/1     Pending   0          <age>\npod/solo    0/1     Pending   0          <age>\n',
          'NAME                           DESIRED   CURRENT   READY   AGE\nreplicationcontroller/legacy   2         0         0       <age>\n',
          'NAME                 TYPE        CLUSTER-IP +EXTERNAL-IP   PORT\\(S\\)   AGE\nservice/kubernetes   ClusterIP   10\\.96\\.0\\.1 +<none>        443/TCP   <age>\nservice/solo         ClusterIP   [0-9.]+ +<none>        80/TCP    <age>\n',
          'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   0/3     0            0           <age>\n',
          'NAME                    DESIRED   CURRENT   READY   AGE\nreplicaset.apps/front   1         0         0       <age>\n',
        ].join('\n') +
        '$',
    ),
    stderr: '',
  });

  it('-w: the list, then a row for each change (Table watch events)', async () => {
    const watching = ctx.kubectl(['get', 'pods', '-l', 'app=solo', '-w', '--request-timeout=3s']);
    await new Promise((r) => setTimeout(r, 700));
    check(await ctx.kubectl(['label', 'pod', 'solo', 'x=1']), { stdout: 'pod/solo labeled\n' });
    check(await ctx.kubectl(['label', 'pod', 'other', 'x=1']), { stdout: 'pod/other labeled\n' });
    check(await watching, {
      ages: true,
      stdout: lines('NAME   READY   STATUS    RESTARTS   AGE', 'solo   0/1     Pending   0          0s', 'solo   0/1     Pending   0          0s'),
      stderr: '',
    });
  });
  it('-w -o json --output-watch-events', async () => {
    const watching = ctx.kubectl(['get', 'cm', 'settings', '-w', '-o', 'json', '--output-watch-events', '--request-timeout=3s']);
    await new Promise((r) => setTimeout(r, 700));
    check(await ctx.kubectl(['delete', 'cm', 'settings']), { stdout: 'configmap "settings" deleted\n' });
    const r = await watching;
    check(r, { stderr: '' });
    const events = r.stdout.split(/\n(?=\{)/).map((t) => JSON.parse(t) as { type: string; object: { metadata: { name: string } } });
    assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED settings', 'DELETED settings']);
  });
});
