// kubectl run --overrides / --override-type, checked against kubectl 1.32 on `kubeplay apiserver`.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { runKubectl } from '../../kubectl';
import type { KubectlIO } from '../../io';

function setup() {
  const cluster = createCluster({ seed: 7 });
  const client = inProcessClient(cluster.api, { afterRequest: () => cluster.settle() });
  const kubectl = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const io: KubectlIO = {
      stdout: { write: (t) => void (out += t) },
      stderr: { write: (t) => void (err += t) },
      signal: { aborted: false, onAbort: () => () => {} },
      now: () => cluster.clock.now(),
      sleep: async (ms) => cluster.advance(ms),
      readFile: () => undefined,
    };
    const code = await runKubectl(argv, io, { client, namespace: 'default', server: 'http://127.0.0.1:8080' });
    return { out, err, code };
  };
  return { kubectl, cluster };
}

describe('kubectl run --overrides', () => {
  it('merges the override into the generated pod and the scheduler honours it', async () => {
    const { kubectl, cluster } = setup();
    expect((await kubectl('run', 'x', '--image=busybox', '--overrides={"spec":{"nodeSelector":{"kubernetes.io/hostname":"node01"}}}', '--', 'sleep', '3600')).out).toBe('pod/x created\n');
    cluster.advance(5000);
    expect((await kubectl('get', 'pod', 'x', '-o', 'jsonpath={.spec.nodeSelector} {.spec.nodeName} {.status.phase}')).out).toBe('{"kubernetes.io/hostname":"node01"} node01 Running');
  });

  it('merge replaces lists, strategic merges them by name, json applies operations', async () => {
    const { kubectl } = setup();
    const merge = await kubectl('run', 'x', '--image=busybox', '--overrides={"spec":{"containers":[{"name":"x","resources":{"limits":{"cpu":"1"}}}]}}', '--dry-run=client', '-o', 'yaml');
    expect(merge.out).toContain('spec:\n  containers:\n  - name: x\n    resources:\n      limits:\n        cpu: "1"\n  dnsPolicy: ClusterFirst\n');
    const smp = await kubectl('run', 'x', '--image=busybox', '--override-type=strategic', '--overrides={"spec":{"containers":[{"name":"x","resources":{"limits":{"cpu":"1"}}}]}}', '--dry-run=client', '-o', 'yaml');
    expect(smp.out).toContain('  containers:\n  - image: busybox\n    name: x\n    resources:\n      limits:\n        cpu: "1"\n');
    const json = await kubectl('run', 'x', '--image=busybox', '--override-type=json', '--overrides=[{"op":"add","path":"/spec/hostname","value":"h"}]', '--dry-run=client', '-o', 'yaml');
    expect(json.out).toContain('  hostname: h\n');
    const labels = await kubectl('run', 'y', '--image=busybox', '--overrides={"apiVersion":"v1","metadata":{"labels":{"a":"b"}}}', '--dry-run=client', '-o', 'yaml');
    expect(labels.out).toContain('  labels:\n    a: b\n    run: "y"\n');
  });

  it('reports bad overrides as kubectl does', async () => {
    const { kubectl } = setup();
    expect(await kubectl('run', 'x', '--image=busybox', '--override-type=bad', '--overrides={}')).toEqual({ out: '', err: 'error: invalid override type: bad\n', code: 1 });
    expect(await kubectl('run', 'x', '--image=busybox', '--overrides={bad')).toEqual({ out: '', err: 'error: Invalid JSON Patch\n', code: 1 });
  });
});
