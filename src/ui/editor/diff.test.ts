// The editor's Diff against a real in-process cluster, and the worker adapter over a fake client.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { diffManifest } from './diff';
import { workerApply, workerDiff, workerWorkspace, type EditorBackend } from './worker-adapter';
import { titleOf } from './types';

const DEPLOY = (replicas: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
`;

function clusterApi() {
  const cluster = createCluster({ seed: 1 });
  return (req: Parameters<typeof cluster.api.handle>[0]) => Promise.resolve(cluster.api.handle(req));
}

describe('editor diff (server-side dry run)', () => {
  it('a new object: nothing live, the defaulted object as the server would store it, nothing stored', async () => {
    const api = clusterApi();
    const r = await diffManifest(api, DEPLOY(2));
    expect(r.ok).toBe(true);
    expect(r.output).toBe('deployment.apps/web: new (not in the cluster yet)\n');
    expect(r.live).toBe('');
    expect(r.merged).toMatch(/progressDeadlineSeconds: 600/);
    expect(r.merged).not.toMatch(/managedFields/);
    expect((await api({ verb: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' })).status).toBe(404);
  });

  it('a changed object: live against merged; unchanged says so; the cluster is untouched', async () => {
    const api = clusterApi();
    await api({ verb: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: (await import('yaml')).parse(DEPLOY(2)) });
    const same = await diffManifest(api, DEPLOY(2));
    expect(same.output).toBe('deployment.apps/web: no changes\n');
    const r = await diffManifest(api, DEPLOY(3, 'nginx:1.28'));
    expect(r.output).toBe('deployment.apps/web: would change\n');
    expect(r.live).toMatch(/replicas: 2\n/);
    expect(r.merged).toMatch(/replicas: 3\n/);
    expect(r.merged).toMatch(/image: nginx:1\.28/);
    const live = (await api({ verb: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' })).body as { spec: { replicas: number } };
    expect(live.spec.replicas).toBe(2);
  });

  it('reports parse errors, unknown kinds and server refusals', async () => {
    const api = clusterApi();
    expect((await diffManifest(api, 'kind: [\n')).ok).toBe(false);
    const unknown = await diffManifest(api, 'apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(unknown).toMatchObject({ ok: false });
    expect(unknown.output).toMatch(/no matches for kind "Widget" in version "v1"/);
    const bad = await diffManifest(api, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n');
    expect(bad.ok).toBe(false);
    expect(bad.output).toMatch(/^Error from server \(Invalid\): .*containers/);
  });
});

describe('editor worker adapter', () => {
  function fake() {
    const files = new Map([['/root/web.yaml', 'kind: Pod\n']]);
    const calls: unknown[] = [];
    const client: EditorBackend = {
      files: async () => [...files.keys()],
      readFile: async (p) => files.get(p) ?? null,
      writeFile: async (p, t) => void files.set(p, t),
      watchFiles: (cb) => {
        calls.push(['watch', cb]);
        return () => calls.push(['unwatch']);
      },
      kubectlStdin: async (args, text) => {
        calls.push(['kubectl', args, text]);
        return text.includes('bad') ? { code: 1, stdout: '', stderr: 'error: bad\n' } : { code: 0, stdout: 'pod/web created\n', stderr: '' };
      },
      api: async () => ({ status: 404, body: {}, contentType: 'application/json' }),
    };
    return { files, calls, client };
  }

  it('maps the workspace onto the files messages', async () => {
    const { files, calls, client } = fake();
    const ws = workerWorkspace(client);
    expect(await ws.list()).toEqual(['/root/web.yaml']);
    expect(await ws.read('/root/web.yaml')).toBe('kind: Pod\n');
    await expect(ws.read('/root/nope.yaml')).rejects.toThrow(/No such file/);
    await ws.write('/root/a.yaml', 'x');
    expect(files.get('/root/a.yaml')).toBe('x');
    const off = ws.onChange(() => {});
    off();
    expect(calls.map((c) => (c as unknown[])[0])).toEqual(['watch', 'unwatch']);
  });

  it('applies through kubectl apply -f - and diffs over the API', async () => {
    const { calls, client } = fake();
    expect(await workerApply(client)('kind: Pod\n')).toEqual({ ok: true, output: 'pod/web created\n' });
    expect(await workerApply(client)('bad')).toEqual({ ok: false, output: 'error: bad\n' });
    expect(calls[0]).toEqual(['kubectl', ['apply', '-f', '-'], 'kind: Pod\n']);
    const d = await workerDiff(client)('apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(d.ok).toBe(false);
  });

  it('titles a kubectl edit tab kind/name', () => {
    expect(titleOf('# Please edit\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    a: b\n  name: web\n  namespace: default\nspec: {}\n')).toBe('deployment/web');
    expect(titleOf('apiVersion: v1\nitems: []\nkind: List\n')).toBe('list');
    expect(titleOf('hello')).toBe('object');
  });
});
