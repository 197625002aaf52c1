// Object lifecycle through the real kubectl: create/apply/describe/label/annotate/patch/scale/
// delete. Each block starts from its own cluster, so cases inside a block may build on each other
// (node:test runs them in order).
import { it } from 'node:test';
import { check, kubectlSuite } from './harness';

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
`;

kubectlSuite('kubectl create/label/delete a ConfigMap', {}, (ctx) => {
  it('create -f', async () => {
    ctx.files({ 'cm.yaml': CM });
    check(await ctx.kubectl(['create', '-f', 'cm.yaml']), { stdout: 'configmap/settings created\n', stderr: '' });
  });
  it('create -f again is AlreadyExists', async () => {
    check(await ctx.kubectl(['create', '-f', 'cm.yaml']), {
      code: 1,
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "settings" already exists\n',
    });
  });
  it('label', async () => {
    check(await ctx.kubectl(['label', 'cm', 'settings', 'tier=fe']), { stdout: 'configmap/settings labeled\n', stderr: '' });
  });
  it('get -o jsonpath reads the label back', async () => {
    check(await ctx.kubectl(['get', 'cm', 'settings', '-o', 'jsonpath={.metadata.labels.tier}']), { stdout: 'fe', stderr: '' });
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
  it('delete', async () => {
    check(await ctx.kubectl(['delete', 'cm', 'settings']), { stdout: 'configmap "settings" deleted\n', stderr: '' });
  });

  // TODO(lead): apply -f (new, changed, unchanged), describe <kind>, annotate, patch
  // (strategic/merge/json), scale, rollout status, delete -f / -l, with Deployments and pods.
});
