// Object lifecycle through the real kubectl: create/apply/label/annotate/patch/scale/delete and
// namespaces. Each block starts from its own cluster, so cases inside a block may build on each
// other (node:test runs them in order).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { check, kubectlCase, kubectlSuite } from './harness';

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
`;

const web = (replicas: number, image = 'nginx:1.25'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
`;

const jp = (expr: string): string[] => ['-o', `jsonpath=${expr}`];

kubectlSuite('kubectl create/label/delete a ConfigMap', {}, (ctx) => {
  it('create -f', async () => {
    ctx.files({ 'cm.yaml': CM });
    check(await ctx.kubectl(['create', '-f', 'cm.yaml']), { stdout: 'configmap/settings created\n', stderr: '' });
  });
  it('label', async () => {
    check(await ctx.kubectl(['label', 'cm', 'settings', 'tier=fe']), { stdout: 'configmap/settings labeled\n', stderr: '' });
  });
  it('get -o jsonpath reads the label back', async () => {
    check(await ctx.kubectl(['get', 'cm', 'settings', '-o', 'jsonpath={.metadata.labels.tier}']), { stdout: 'fe', stderr: '' });
  });
  it('label --overwrite and label removal', async () => {
    check(await ctx.kubectl(['label', 'cm', 'settings', 'tier=be', '--overwrite']), { stdout: 'configmap/settings labeled\n', stderr: '' });
    check(await ctx.kubectl(['get', 'cm', 'settings', ...jp('{.metadata.labels}')]), { stdout: '{"tier":"be"}', stderr: '' });
    check(await ctx.kubectl(['label', 'cm', 'settings', 'tier-']), { stdout: 'configmap/settings unlabeled\n', stderr: '' });
    check(await ctx.kubectl(['get', 'cm', 'settings', '--show-labels', '--no-headers']), { stdout: /^settings\s+1\s+\S+\s+<none>\n$/, stderr: '' });
  });
  it('wait --for=jsonpath sees a later patch (list, then watch from its resourceVersion)', async () => {
    const waiting = ctx.kubectl(['wait', '--for=jsonpath={.data.color}=green', 'cm/settings', '--timeout=20s']);
    // Give kubectl time to open its watch; the change must arrive on it, not on the first GET.
    await new Promise((r) => setTimeout(r, 700));
    check(await ctx.kubectl(['patch', 'cm', 'settings', '--type=merge', '-p', '{"data":{"color":"green"}}']), {
      stdout: 'configmap/settings patched\n',
    });
    check(await waiting, { stdout: 'configmap/settings condition met\n', stderr: '' });
  });
  it('get -w prints the object again for each change', async () => {
    const watching = ctx.kubectl(['get', 'cm', 'settings', '-w', '-o', 'name', '--request-timeout=3s']);
    await new Promise((r) => setTimeout(r, 700));
    check(await ctx.kubectl(['annotate', 'cm', 'settings', 'note=hi']), { stdout: 'configmap/settings annotated\n' });
    check(await watching, { stdout: 'configmap/settings\nconfigmap/settings\n', stderr: '' });
  });
  it('annotate --overwrite, then removal', async () => {
    check(await ctx.kubectl(['annotate', 'cm', 'settings', 'note=bye']), { code: 1, stderr: "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n" });
    check(await ctx.kubectl(['annotate', 'cm', 'settings', 'note=bye', '--overwrite']), { stdout: 'configmap/settings annotated\n', stderr: '' });
    check(await ctx.kubectl(['get', 'cm', 'settings', ...jp('{.metadata.annotations.note}')]), { stdout: 'bye' });
    check(await ctx.kubectl(['annotate', 'cm', 'settings', 'note-']), { stdout: 'configmap/settings annotated\n', stderr: '' });
    check(await ctx.kubectl(['get', 'cm', 'settings', ...jp('{.metadata.annotations}')]), { stdout: '', stderr: '' });
  });
  it('delete', async () => {
    check(await ctx.kubectl(['delete', 'cm', 'settings']), { stdout: 'configmap "settings" deleted\n', stderr: '' });
    check(await ctx.kubectl(['get', 'cm', '--field-selector', 'metadata.name=settings']), { stdout: '', stderr: 'No resources found in default namespace.\n' });
  });
});

kubectlSuite('kubectl apply, patch and scale a Deployment', {}, (ctx) => {
  it('apply -f: created', async () => {
    ctx.files({ 'web.yaml': web(2) });
    check(await ctx.kubectl(['apply', '-f', 'web.yaml']), { stdout: 'deployment.apps/web created\n', stderr: '' });
    // The last-applied annotation is kept as sent; generation starts at 1.
    const r = await ctx.kubectl(['get', 'deploy', 'web', ...jp('{.metadata.generation} {.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}')]);
    check(r, { stdout: /^1 \{"apiVersion":"apps\/v1","kind":"Deployment",.*"replicas":2,/ });
  });
  kubectlCase(ctx, 'apply -f again: unchanged (decided client-side, no write)', ['apply', '-f', 'web.yaml'], { stdout: 'deployment.apps/web unchanged\n', stderr: '' });
  it('apply -f with a change: configured, generation 2', async () => {
    ctx.files({ 'web.yaml': web(3) });
    ctx.requests();
    check(await ctx.kubectl(['apply', '-f', 'web.yaml']), { stdout: 'deployment.apps/web configured\n', stderr: '' });
    assert.ok(ctx.requests().some((l) => /^PATCH \/apis\/apps\/v1\/namespaces\/default\/deployments\/web\?fieldManager=kubectl-client-side-apply&fieldValidation=Strict 200 /.test(l)));
    check(await ctx.kubectl(['get', 'deploy', 'web', ...jp('{.spec.replicas} {.metadata.generation}')]), { stdout: '3 2' });
  });
  kubectlCase(ctx, 'apply -f once more: unchanged', ['apply', '-f', 'web.yaml'], { stdout: 'deployment.apps/web unchanged\n', stderr: '' });

  kubectlCase(ctx, 'patch (strategic, merges the container by name)', ['patch', 'deploy', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'], {
    stdout: 'deployment.apps/web patched\n',
    stderr: '',
  });
  kubectlCase(ctx, 'the strategic patch kept the ports', ['get', 'deploy', 'web', ...jp('{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort} {.metadata.generation}')], {
    stdout: 'nginx:1.26 80 3',
  });
  kubectlCase(ctx, 'patch --type merge (replaces lists)', ['patch', 'deploy', 'web', '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"fe"}}}'], {
    stdout: 'deployment.apps/web patched\n',
    stderr: '',
  });
  it('a patch that changes nothing keeps the resourceVersion: patched (no change)', async () => {
    const before = (await ctx.kubectl(['get', 'deploy', 'web', ...jp('{.metadata.resourceVersion}')])).stdout;
    check(await ctx.kubectl(['patch', 'deploy', 'web', '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"fe"}}}']), {
      stdout: 'deployment.apps/web patched (no change)\n',
      stderr: '',
    });
    check(await ctx.kubectl(['get', 'deploy', 'web', ...jp('{.metadata.resourceVersion}')]), { stdout: before });
  });
  kubectlCase(ctx, 'patch --type json', ['patch', 'deploy', 'web', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":1},{"op":"add","path":"/metadata/annotations/owner","value":"team-a"}]'], {
    stdout: 'deployment.apps/web patched\n',
    stderr: '',
  });
  kubectlCase(ctx, 'the patches are all there', ['get', 'deploy', 'web', '-o', 'custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas,TIER:.metadata.labels.tier,OWNER:.metadata.annotations.owner,IMAGE:.spec.template.spec.containers[*].image'], {
    stdout: 'NAME   REPLICAS   TIER   OWNER    IMAGE\nweb    1          fe     team-a   nginx:1.26\n',
    stderr: '',
  });
  kubectlCase(ctx, 'patch that changes the selector: immutable in apps/v1', ['patch', 'deploy', 'web', '-p', '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}'], {
    code: 1,
    stdout: '',
    stderr:
      'The Deployment "web" is invalid: \n' +
      '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`\n' +
      '* spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
  });

  it('scale (the /scale subresource, merge patch): the spec changes, nothing runs yet', async () => {
    ctx.requests();
    check(await ctx.kubectl(['scale', 'deploy', 'web', '--replicas=5']), { stdout: 'deployment.apps/web scaled\n', stderr: '' });
    assert.ok(ctx.requests().some((l) => /^PATCH \/apis\/apps\/v1\/namespaces\/default\/deployments\/web\/scale 200 /.test(l)));
    check(await ctx.kubectl(['get', 'deploy', 'web', ...jp('{.spec.replicas}')]), { stdout: '5' });
  });
  kubectlCase(ctx, 'scale --current-replicas (checked against GET /scale)', ['scale', 'deploy/web', '--current-replicas=2', '--replicas=3'], {
    code: 1,
    stdout: '',
    stderr: 'error: Expected replicas to be 2, was 5\n',
  });
  kubectlCase(ctx, 'scale --current-replicas that holds', ['scale', 'deploy/web', '--current-replicas=5', '--replicas=0'], { stdout: 'deployment.apps/web scaled\n', stderr: '' });
  kubectlCase(ctx, 'scale a ReplicationController through -f', ['get', 'deploy', 'web', ...jp('{.spec.replicas}')], { stdout: '0' });

  kubectlCase(ctx, 'delete -f', ['delete', '-f', 'web.yaml'], { stdout: 'deployment.apps "web" deleted\n', stderr: '' });
  kubectlCase(ctx, 'it is gone', ['get', 'deploy'], { stdout: '', stderr: 'No resources found in default namespace.\n' });
});

const PODS = ['a', 'b', 'c']
  .map(
    (n, i) => `apiVersion: v1
kind: Pod
metadata:
  name: pod-${n}
  labels:
    app: demo
    tier: ${i < 2 ? 'fe' : 'be'}
spec:
  containers:
  - name: c
    image: nginx:1.25
`,
  )
  .join('---\n');

kubectlSuite('kubectl delete (by name, -f, -l) returns', {}, (ctx) => {
  kubectlCase(ctx, 'create three pods', ['create', '-f', '-'], { stdin: PODS, stdout: 'pod/pod-a created\npod/pod-b created\npod/pod-c created\n', stderr: '' });
  kubectlCase(ctx, 'delete -l tier=fe deletes two and waits for both', ['delete', 'pods', '-l', 'tier=fe'], { stdout: 'pod "pod-a" deleted\npod "pod-b" deleted\n', stderr: '' });
  kubectlCase(ctx, 'one is left', ['get', 'pods', '-o', 'name'], { stdout: 'pod/pod-c\n', stderr: '' });
  kubectlCase(ctx, 'delete by name', ['delete', 'pod', 'pod-c'], { stdout: 'pod "pod-c" deleted\n', stderr: '' });
  kubectlCase(ctx, 'none left', ['get', 'pods'], { stdout: '', stderr: 'No resources found in default namespace.\n' });
  it('delete -f of a multi-document file', async () => {
    ctx.files({ 'pods.yaml': PODS });
    check(await ctx.kubectl(['create', '-f', 'pods.yaml']), { stdout: 'pod/pod-a created\npod/pod-b created\npod/pod-c created\n' });
    check(await ctx.kubectl(['delete', '-f', 'pods.yaml']), { stdout: 'pod "pod-a" deleted\npod "pod-b" deleted\npod "pod-c" deleted\n', stderr: '' });
  });
  kubectlCase(ctx, 'delete -l that matches nothing', ['delete', 'pods', '-l', 'app=none'], { stdout: 'No resources found\n', stderr: '' });
});

kubectlSuite('kubectl namespaces and isolation', {}, (ctx) => {
  it('create a namespace from a manifest (create namespace would send protobuf)', async () => {
    ctx.files({ 'team.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n' });
    check(await ctx.kubectl(['apply', '-f', 'team.yaml']), { stdout: 'namespace/team created\n', stderr: '' });
    check(await ctx.kubectl(['get', 'ns', 'team', ...jp('{.status.phase} {.metadata.labels}')]), { stdout: 'Active {"kubernetes.io/metadata.name":"team"}' });
  });
  it('the same name in two namespaces', async () => {
    ctx.files({ 'cm.yaml': CM });
    check(await ctx.kubectl(['create', '-f', 'cm.yaml']), { stdout: 'configmap/settings created\n' });
    check(await ctx.kubectl(['create', '-f', 'cm.yaml', '-n', 'team']), { stdout: 'configmap/settings created\n' });
    check(await ctx.kubectl(['patch', 'cm', 'settings', '-n', 'team', '--type', 'merge', '-p', '{"data":{"color":"red"}}']), { stdout: 'configmap/settings patched\n' });
    check(await ctx.kubectl(['get', 'cm', 'settings', ...jp('{.data.color}')]), { stdout: 'blue' });
    check(await ctx.kubectl(['get', 'cm', 'settings', '-n', 'team', ...jp('{.data.color}')]), { stdout: 'red' });
  });
  kubectlCase(ctx, 'get -A shows both, with NAMESPACE', ['get', 'cm', '-A', '--field-selector', 'metadata.name=settings'], {
    ages: true,
    stdout: 'NAMESPACE   NAME       DATA   AGE\ndefault     settings   1      0s\nteam        settings   1      0s\n',
    stderr: '',
  });
  kubectlCase(ctx, '--field-selector metadata.namespace across namespaces', ['get', 'cm', '-A', '--field-selector', 'metadata.namespace=team,metadata.name!=kube-root-ca.crt', '-o', 'name'], { stdout: 'configmap/settings\n', stderr: '' });
  kubectlCase(ctx, 'a namespace in the file that differs from -n', ['create', '-f', '-', '-n', 'team'], {
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n',
    code: 1,
    stdout: '',
    stderr: 'error: the namespace from the provided object "default" does not match the namespace "team". You must pass \'--namespace=default\' to perform this operation.\n',
  });
  kubectlCase(ctx, 'deleting in one namespace leaves the other', ['delete', 'cm', 'settings', '-n', 'team'], { stdout: 'configmap "settings" deleted\n', stderr: '' });
  kubectlCase(ctx, 'default still has its ConfigMap', ['get', 'cm', '-o', 'name', '-l', '!nothing', '--field-selector', 'metadata.name=settings'], { stdout: 'configmap/settings\n', stderr: '' });
  kubectlCase(ctx, 'team has none', ['get', 'cm', 'settings', '-n', 'team'], { code: 1, stdout: '', stderr: 'Error from server (NotFound): configmaps "settings" not found\n' });
  kubectlCase(ctx, 'namespaces are DNS-1123 labels', ['create', '-f', '-'], {
    stdin: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.b\n',
    code: 1,
    stdout: '',
    stderr:
      'The Namespace "team.b" is invalid: metadata.name: Invalid value: "team.b": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')\n',
  });
});
