// kubectl 1.32 sends `create <generator>` objects, `auth can-i` reviews and the like as
// protobuf (Content-Type application/vnd.kubernetes.protobuf, Accept protobuf then JSON): the
// adapter decodes them (src/cli/protobuf) and answers JSON, which kubectl accepts.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { check, kubectlCase, kubectlSuite } from './harness';

const jp = (expr: string): string[] => ['-o', `jsonpath=${expr}`];

kubectlSuite('protobuf bodies from kubectl create and auth can-i', {}, (ctx) => {
  it('create deployment is sent as protobuf', async () => {
    ctx.requests();
    check(await ctx.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80']), { stdout: 'deployment.apps/web created\n', stderr: '' });
    assert.ok(ctx.requests().some((l) => l.startsWith('POST /apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create') && / 201 /.test(l)));
  });
  it('the stored deployment has what the generator built, with server defaults', async () => {
    const r = await ctx.kubectl(['get', 'deploy', 'web', '-o', 'json']);
    check(r, {});
    const d = JSON.parse(r.stdout);
    assert.equal(d.spec.replicas, 2);
    assert.deepEqual(d.spec.selector, { matchLabels: { app: 'web' } });
    assert.deepEqual(d.metadata.labels, { app: 'web' });
    const c = d.spec.template.spec.containers[0];
    assert.deepEqual([c.name, c.image, c.ports], ['nginx', 'nginx:1.27', [{ containerPort: 80, protocol: 'TCP' }]]);
    assert.equal(d.spec.strategy.type, 'RollingUpdate');
    assert.equal(d.spec.template.metadata.creationTimestamp, null);
  });
  it('a zero replica count survives (a pointer field set to 0)', async () => {
    check(await ctx.kubectl(['create', 'deployment', 'idle', '--image=nginx', '--replicas=0']), { stdout: 'deployment.apps/idle created\n' });
    check(await ctx.kubectl(['get', 'deploy', 'idle', ...jp('{.spec.replicas}')]), { stdout: '0' });
  });
  kubectlCase(ctx, 'create namespace', ['create', 'namespace', 'team-a'], { stdout: 'namespace/team-a created\n', stderr: '' });
  kubectlCase(ctx, 'the namespace is Active', ['get', 'ns', 'team-a', ...jp('{.status.phase}')], { stdout: 'Active' });
  kubectlCase(ctx, 'create configmap', ['create', 'configmap', 'settings', '--from-literal=color=blue', '--from-literal=size=L'], { stdout: 'configmap/settings created\n', stderr: '' });
  kubectlCase(ctx, 'the configmap data', ['get', 'cm', 'settings', ...jp('{.data}')], { stdout: '{"color":"blue","size":"L"}' });
  kubectlCase(ctx, 'create secret generic', ['create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret'], { stdout: 'secret/creds created\n', stderr: '' });
  kubectlCase(ctx, 'the secret data is base64 as sent', ['get', 'secret', 'creds', ...jp('{.type} {.data.password}')], { stdout: `Opaque ${Buffer.from('s3cret').toString('base64')}` });
  kubectlCase(ctx, 'create secret docker-registry', ['create', 'secret', 'docker-registry', 'reg', '--docker-server=r.example', '--docker-username=u', '--docker-password=p'], {
    stdout: 'secret/reg created\n',
  });
  kubectlCase(ctx, 'its type', ['get', 'secret', 'reg', ...jp('{.type}')], { stdout: 'kubernetes.io/dockerconfigjson' });
  kubectlCase(ctx, 'create service clusterip', ['create', 'service', 'clusterip', 'api', '--tcp=80:8080'], { stdout: 'service/api created\n' });
  kubectlCase(ctx, 'the service port and targetPort (an IntOrString)', ['get', 'svc', 'api', ...jp('{.spec.ports[0].port}/{.spec.ports[0].targetPort}/{.spec.type}')], { stdout: '80/8080/ClusterIP' });
  kubectlCase(ctx, 'create job', ['create', 'job', 'once', '--image=busybox'], { stdout: 'job.batch/once created\n' });
  kubectlCase(ctx, 'create pdb (minAvailable is an IntOrString)', ['create', 'pdb', 'web-pdb', '--selector=app=web', '--min-available=1'], { stdout: 'poddisruptionbudget.policy/web-pdb created\n' });
  kubectlCase(ctx, 'the pdb spec', ['get', 'pdb', 'web-pdb', ...jp('{.spec.minAvailable} {.spec.selector.matchLabels.app}')], { stdout: '1 web' });
  it('a generator\'s protobuf body stores the same object as its JSON (dry-run output piped to create -f)', async () => {
    for (const args of [
      ['deployment', 'NAME', '--image=busybox', '--port=8080', '--replicas=3', '--', 'sleep', '3600'],
      ['cronjob', 'NAME', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'],
      ['secret', 'generic', 'NAME', '--from-literal=a=1', '--type=example.com/kind'],
    ]) {
      const named = (n: string, ...flags: string[]): string[] => ['create', ...flags, ...args.map((a) => (a === 'NAME' ? n : a))];
      check(await ctx.kubectl(named('via-pb')), { stdout: /via-pb created\n$/ });
      const json = await ctx.kubectl(named('via-json', '--dry-run=client', '-o', 'json'));
      check(await ctx.kubectl(['create', '-f', '-'], { stdin: json.stdout }), { stdout: /via-json created\n$/ });
      const kind = args[0] === 'secret' ? 'secret' : args[0];
      const get = async (n: string): Promise<Record<string, unknown>> => {
        const o = JSON.parse((await ctx.kubectl(['get', kind, n, '-o', 'json'])).stdout);
        // What differs by name, identity and time; the rest must be equal.
        const text = JSON.stringify({ spec: o.spec, data: o.data, type: o.type, labels: o.metadata.labels }).replaceAll(n, 'NAME');
        return JSON.parse(text);
      };
      assert.deepEqual(await get('via-pb'), await get('via-json'), args.join(' '));
    }
  });
  kubectlCase(ctx, 'auth can-i (a SelfSubjectAccessReview)', ['auth', 'can-i', 'create', 'pods'], { stdout: 'yes\n', stderr: '' });
  kubectlCase(ctx, 'auth can-i in another namespace', ['auth', 'can-i', 'delete', 'deployments', '-n', 'team-a'], { stdout: 'yes\n', stderr: '' });
});

/** A tiny protobuf writer for hand-made bodies: length-delimited fields only. */
function field(num: number, bytes: Uint8Array | string): Buffer {
  const b = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  return Buffer.concat([Buffer.from([(num << 3) | 2, b.length]), b]);
}
const envelope = (apiVersion: string, kind: string, raw: Uint8Array): Buffer =>
  Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, Buffer.concat([field(1, apiVersion), field(2, kind)])), field(2, raw)]);

kubectlSuite('malformed protobuf bodies get a Status, never a crash', {}, (ctx) => {
  const post = async (path: string, body: Buffer): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(ctx.server.url + path, { method: 'POST', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, body: new Uint8Array(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const CMS = '/api/v1/namespaces/default/configmaps';

  it('a well-formed ConfigMap is created', async () => {
    const meta = field(1, field(1, 'hand-made'));
    const data = field(2, Buffer.concat([field(1, 'k'), field(2, 'v')]));
    const r = await post(CMS, envelope('v1', 'ConfigMap', Buffer.concat([meta, data])));
    assert.equal(r.status, 201);
    assert.deepEqual((r.body as { data: unknown }).data, { k: 'v' });
  });
  it('a truncated message is a BadRequest naming the kind (transformDecodeError)', async () => {
    const r = await post(CMS, envelope('v1', 'ConfigMap', Buffer.from([0x0a, 0x05, 0x61])));
    assert.equal(r.status, 400);
    assert.equal(r.body.reason, 'BadRequest');
    assert.equal(r.body.message, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: unexpected EOF');
  });
  it('a body without the k8s magic is unrecognized', async () => {
    const r = await post(CMS, Buffer.from('nope'));
    assert.equal(r.status, 400);
    assert.equal(
      r.body.message,
      'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (6e6f7065)',
    );
  });
  it('a wrong wire type for a known field is a BadRequest', async () => {
    // ObjectMeta.name (field 1) sent as a varint.
    const r = await post(CMS, envelope('v1', 'ConfigMap', field(1, Buffer.from([0x08, 0x01]))));
    assert.equal(r.status, 400);
    assert.match(String(r.body.message), /^ConfigMap in version "v1" cannot be handled as a ConfigMap: proto: wrong wireType = 0 for field Name$/);
  });
  it('a kind without a schema is left to the apiserver, which answers 415', async () => {
    const r = await post(CMS, envelope('example.com/v1', 'Widget', Buffer.alloc(0)));
    assert.equal(r.status, 415);
    assert.equal(r.body.reason, 'UnsupportedMediaType');
  });
  it('the server still answers afterwards', async () => {
    check(await ctx.kubectl(['get', 'cm', 'hand-made', ...jp('{.data.k}')]), { stdout: 'v' });
  });
});
