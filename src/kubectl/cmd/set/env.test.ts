// kubectl set env against an in-process cluster; texts checked against kubectl 1.32 on `kubeplay apiserver`.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { runKubectl } from '../../kubectl';
import type { KubectlIO } from '../../io';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        env:
        - name: POD
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
      - name: side
        image: busybox
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {k: v, my.key: x}
`;

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
      readFile: (p) => (p === 'web.yaml' ? WEB : undefined),
    };
    const code = await runKubectl(argv, io, { client, namespace: 'default', server: 'http://127.0.0.1:8080' });
    return { out, err, code };
  };
  return { kubectl };
}

describe('kubectl set env', () => {
  it('sets, lists and removes variables', async () => {
    const { kubectl } = setup();
    expect((await kubectl('apply', '-f', 'web.yaml')).code).toBe(0);
    expect(await kubectl('set', 'env', 'deployment/web', 'A=1', 'B=two')).toEqual({ out: 'deployment.apps/web env updated\n', err: '', code: 0 });
    expect((await kubectl('set', 'env', 'deployment/web', '--list')).out).toBe(
      '# Deployment web, container nginx\n# POD from field path metadata.name\nA=1\nB=two\n# Deployment web, container side\nA=1\nB=two\n',
    );
    // Nothing changes: nothing printed.
    expect(await kubectl('set', 'env', 'deployment', 'web', 'A=1')).toEqual({ out: '', err: '', code: 0 });
    expect((await kubectl('set', 'env', 'deployment/web', 'A-', '-c', 'side')).out).toBe('deployment.apps/web env updated\n');
    expect((await kubectl('set', 'env', 'deployment/web', '--list', '-c', 'side')).out).toBe('# Deployment web, container side\nB=two\n');
    expect((await kubectl('set', 'env', 'deployment/web', '--list', '--resolve', '-c', 'nginx')).out).toBe('# Deployment web, container nginx\nPOD=web\nA=1\nB=two\n');
    const tmpl = await kubectl('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[1].env}');
    expect(tmpl.out).toBe('[{"name":"B","value":"two"}]');
  });

  it('imports a ConfigMap with --from and --prefix, with kubectl warnings', async () => {
    const { kubectl } = setup();
    await kubectl('apply', '-f', 'web.yaml');
    const r = await kubectl('set', 'env', 'deployment/web', '--from=configmap/cfg', '--prefix=P_', '-c', 'nginx');
    expect(r).toEqual({ out: 'deployment.apps/web env updated\n', err: 'Warning: key k transferred to K\nWarning: key my.key transferred to MY_KEY\n', code: 0 });
    expect((await kubectl('set', 'env', 'deployment/web', '--list', '-c', 'nginx')).out).toBe(
      '# Deployment web, container nginx\n# POD from field path metadata.name\n# P_K from configmap cfg, key k\n# P_MY_KEY from configmap cfg, key my.key\n',
    );
  });

  it('reports kubectl errors', async () => {
    const { kubectl } = setup();
    await kubectl('apply', '-f', 'web.yaml');
    await kubectl('set', 'env', 'deployment/web', 'B=two');
    expect((await kubectl('set', 'env', 'deployment/web', 'B=3', '--overwrite=false')).err).toBe("error: deployments/web 'B' already has a value (two), and --overwrite is false\n");
    expect((await kubectl('set', 'env', 'deployment/web')).err).toBe('');
    expect((await kubectl('set', 'env', 'A=1')).err).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    expect((await kubectl('set', 'env', 'deployment/web', 'A=1', 'foo')).err).toBe('error: all resources must be specified before environment changes: deployment/web A=1 foo\n');
    expect((await kubectl('set', 'env', 'deployment/web', '1A=x')).err).toMatch(/^error: "1A" is not a valid key name: a valid environment variable name must consist of/);
    expect((await kubectl('set', 'env', 'deployment/web', '--list', '-o', 'yaml')).err).toBe('error: --list and --output may not be specified together\n');
    expect((await kubectl('set', 'env', 'deployment/web', '--keys=k')).err).toBe('error: when specifying --keys, a configmap or secret must be provided with --from\n');
    expect((await kubectl('set', 'env', 'deployment/web', '-c', 'nope', 'A=1')).err).toBe('Warning: Deployment/web does not have any containers matching "nope"\n');
    expect((await kubectl('set', 'env', 'deployment/nope', 'A=1')).err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
