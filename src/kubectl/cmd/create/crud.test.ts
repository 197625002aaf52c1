// The write verbs (create, apply, delete, label, annotate, patch, edit, replace) against an
// in-process cluster; expected texts are what kubectl v1.32 printed on the same commands.
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { runKubectl } from '../../kubectl';
import type { KubectlIO } from '../../io';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: mypod
  labels:
    app: web
spec:
  containers:
  - name: c
    image: nginx
`;

const DEP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
`;

interface Env {
  c: Cluster;
  files: Map<string, string>;
  edits: string[];
  editor?: (text: string, n: number) => string | null;
  run(...args: string[]): Promise<{ out: string; err: string; code: number }>;
  get(path: string): Record<string, any>;
}

function env(): Env {
  const c = createCluster({ seed: 1 });
  const files = new Map<string, string>([
    ['pod.yaml', POD],
    ['dep.yaml', DEP],
    ['dep3.yaml', DEP.replace('replicas: 2', 'replicas: 3')],
    ['dep4.yaml', DEP.replace('nginx:1.25', 'nginx:1.26')],
  ]);
  const e: Env = {
    c,
    files,
    edits: [],
    async run(...args) {
      let out = '';
      let err = '';
      const io: KubectlIO = {
        stdout: { write: (t) => void (out += t) },
        stderr: { write: (t) => void (err += t) },
        signal: { aborted: false, onAbort: () => () => {} },
        now: () => c.clock.now(),
        sleep: async (ms) => c.advance(ms),
        readFile: (p) => files.get(p),
        listDir: () => undefined,
      };
      if (e.editor) {
        const ed = e.editor;
        io.edit = async (text) => {
          e.edits.push(text);
          return ed(text, e.edits.length - 1);
        };
      }
      const code = await runKubectl(args, io, { client: inProcessClient(c.api, { afterRequest: () => c.settle() }), namespace: 'default', server: 'http://127.0.0.1:8080' });
      return { out, err, code };
    },
    get(path) {
      return c.api.handle({ verb: 'GET', path }).body as Record<string, any>;
    },
  };
  return e;
}

describe('create', () => {
  it('creates from a file and reports AlreadyExists with the file name', async () => {
    const e = env();
    expect(await e.run('create', '-f', 'pod.yaml')).toEqual({ out: 'pod/mypod created\n', err: '', code: 0 });
    expect(await e.run('create', '-f', 'pod.yaml')).toEqual({ out: '', err: 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "mypod" already exists\n', code: 1 });
    expect((await e.run('create', '-f', 'pod.yaml', '--dry-run=client', '-o', 'name')).out).toBe('pod/mypod\n');
    expect((await e.run('create', '-f', 'pod.yaml', '--dry-run=client')).out).toBe('pod/mypod created (dry run)\n');
  });

  it('checks its arguments and flags as kubectl does', async () => {
    const e = env();
    expect(await e.run('create')).toEqual({ out: '', err: 'error: must specify one of -f and -k\n', code: 1 });
    expect((await e.run('create', 'foo')).err).toBe("error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n");
    expect((await e.run('create', '-f', 'pod.yaml', '--dry-run=foo')).err).toBe('error: Invalid dry-run value (foo). Must be "none", "server", or "client".\n');
    expect((await e.run('create', '-f', 'pod.yaml', '--validate=foo')).err).toBe('error: invalid - validate option "foo"; must be one of: strict (or true), warn, ignore (or false)\n');
    expect((await e.run('create', 'deployment', 'x')).err).toBe('error: required flag(s) "image" not set\n');
    expect((await e.run('create', 'namespace', 'a', 'b')).err).toBe("error: exactly one NAME is required, got 2\nSee 'kubectl create namespace -h' for help and examples\n");
    expect((await e.run('create', 'service', 'clusterip', 'x')).err).toBe('error: at least one tcp port specifier must be provided\n');
    expect((await e.run('create', 'service', 'clusterip', 'x', '--tcp=foo')).err).toBe('error: strconv.ParseUint: parsing "foo": invalid syntax\n');
    expect((await e.run('create', 'configmap', 'x', '--from-literal=foo')).err).toBe('error: invalid literal source foo, expected key=value\n');
  });

  it('writes the last-applied annotation with --save-config', async () => {
    const e = env();
    const r = await e.run('create', '-f', 'pod.yaml', '--save-config', '--dry-run=client', '-o', 'json');
    expect(JSON.parse(r.out).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"mypod","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"c"}]}}\n',
    );
  });

  it('prints generator objects as kubectl builds them', async () => {
    const e = env();
    expect((await e.run('create', 'deployment', 'd1', '--image=nginx', '--dry-run=client', '-o', 'yaml')).out).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: d1
  name: d1
spec:
  replicas: 1
  selector:
    matchLabels:
      app: d1
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: d1
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`);
    const svc = (await e.run('create', 'service', 'nodeport', 's2', '--tcp=80:8080', '--node-port=30001', '--dry-run=client', '-o', 'json')).out;
    expect(svc.replace(/\s/g, '')).toBe(
      '{"kind":"Service","apiVersion":"v1","metadata":{"name":"s2","creationTimestamp":null,"labels":{"app":"s2"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080,"nodePort":30001}],"selector":{"app":"s2"},"type":"NodePort"},"status":{"loadBalancer":{}}}',
    );
    expect((await e.run('create', 'secret', 'generic', 's', '--from-literal=a=b', '--dry-run=client', '-o', 'yaml')).out).toBe(
      'apiVersion: v1\ndata:\n  a: Yg==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n',
    );
    expect((await e.run('create', 'namespace', 'ns1', '--dry-run=client', '-o', 'yaml')).out).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: ns1\nspec: {}\nstatus: {}\n',
    );
  });

  it('creates generator objects on the server', async () => {
    const e = env();
    expect((await e.run('create', 'deployment', 'web', '--image=nginx', '--replicas=2')).out).toBe('deployment.apps/web created\n');
    expect(e.get('/apis/apps/v1/namespaces/default/deployments/web').spec.replicas).toBe(2);
    expect((await e.run('create', 'configmap', 'cm', '--from-literal=a=b')).out).toBe('configmap/cm created\n');
    expect((await e.run('create', 'service', 'clusterip', 'web', '--tcp=80:8080')).out).toBe('service/web created\n');
    expect((await e.run('create', 'namespace', 'team')).out).toBe('namespace/team created\n');
    expect((await e.run('create', 'deployment', 'web', '--image=nginx')).err).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
  });
});

describe('apply', () => {
  it('creates, leaves unchanged, and configures with a three-way patch', async () => {
    const e = env();
    expect((await e.run('apply', '-f', 'dep.yaml')).out).toBe('deployment.apps/web created\n');
    const ann = e.get('/apis/apps/v1/namespaces/default/deployments/web').metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
    expect(ann).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n',
    );
    expect((await e.run('apply', '-f', 'dep.yaml')).out).toBe('deployment.apps/web unchanged\n');
    expect((await e.run('apply', '-f', 'dep4.yaml')).out).toBe('deployment.apps/web configured\n');
    const d = e.get('/apis/apps/v1/namespaces/default/deployments/web');
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.26');
  });

  it('warns about a missing annotation and patches it in', async () => {
    const e = env();
    await e.run('create', '-f', 'dep.yaml');
    const r = await e.run('apply', '-f', 'dep3.yaml');
    expect(r.out).toBe('deployment.apps/web configured\n');
    expect(r.err).toBe(
      'Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
    expect(e.get('/apis/apps/v1/namespaces/default/deployments/web').spec.replicas).toBe(3);
  });
});

describe('delete', () => {
  it('deletes and waits, and reports what is missing', async () => {
    const e = env();
    await e.run('create', '-f', 'pod.yaml');
    expect(await e.run('delete', 'pod', 'mypod')).toEqual({ out: 'pod "mypod" deleted\n', err: '', code: 0 });
    expect(e.get('/api/v1/namespaces/default/pods/mypod').code).toBe(404);
    expect(await e.run('delete', 'pod', 'mypod')).toEqual({ out: '', err: 'Error from server (NotFound): pods "mypod" not found\n', code: 1 });
    expect((await e.run('delete', 'pod', 'nope', '--ignore-not-found')).code).toBe(0);
    expect((await e.run('delete', '-f', 'pod.yaml')).err).toBe('Error from server (NotFound): error when deleting "pod.yaml": pods "mypod" not found\n');
    expect((await e.run('delete', 'pods', '-l', 'app=zzz')).out).toBe('No resources found\n');
  });

  it('names groups, forces, and checks flags', async () => {
    const e = env();
    await e.run('apply', '-f', 'dep.yaml');
    expect((await e.run('delete', 'deploy', 'web', '--wait=false')).out).toBe('deployment.apps "web" deleted\n');
    await e.run('create', '-f', 'pod.yaml');
    const f = await e.run('delete', 'pod', 'mypod', '--force');
    expect(f.err).toBe('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    expect(f.out).toBe('pod "mypod" force deleted\n');
    expect((await e.run('delete', 'pod')).err).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await e.run('delete', 'pod', 'a', '--all')).err).toBe('error: name cannot be provided when a selector is specified\n');
    expect((await e.run('delete', 'pod', 'a', '--cascade=foo')).err).toBe('error: invalid cascade value (foo). Must be "background", "foreground", or "orphan"\n');
    expect((await e.run('delete', 'pod', 'a', '--force', '--grace-period=5')).err).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
  });
});

describe('label and annotate', () => {
  it('labels, refuses to overwrite, removes', async () => {
    const e = env();
    await e.run('create', '-f', 'pod.yaml');
    expect((await e.run('label', 'pod', 'mypod', 'tier=fe')).out).toBe('pod/mypod labeled\n');
    expect(await e.run('label', 'pod', 'mypod', 'tier=be')).toEqual({ out: '', err: "error: 'tier' already has a value (fe), and --overwrite is false\n", code: 1 });
    expect((await e.run('label', 'pod', 'mypod', 'tier=fe', '--overwrite')).out).toBe('pod/mypod not labeled\n');
    expect((await e.run('label', 'pod', 'mypod', 'tier-')).out).toBe('pod/mypod unlabeled\n');
    expect((await e.run('label', 'pod', 'mypod', 'tier-')).out).toBe('label "tier" not found.\npod/mypod not labeled\n');
    expect((await e.run('label', 'pod', 'mypod', '--list')).out).toBe('app=web\n');
    expect((await e.run('label', 'pod', 'mypod', 'x=1', 'y')).err).toBe('error: all resources must be specified before label changes: y\n');
    expect(e.get('/api/v1/namespaces/default/pods/mypod').metadata.labels).toEqual({ app: 'web' });
  });

  it('annotates', async () => {
    const e = env();
    await e.run('create', '-f', 'pod.yaml');
    expect((await e.run('annotate', 'pod', 'mypod', 'a=b')).out).toBe('pod/mypod annotated\n');
    expect((await e.run('annotate', 'pod', 'mypod', 'a=c')).err).toBe("error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (b)\n");
    expect((await e.run('annotate', 'pod', 'mypod', 'a-')).out).toBe('pod/mypod annotated\n');
    expect(e.get('/api/v1/namespaces/default/pods/mypod').metadata.annotations ?? {}).toEqual({});
  });
});

describe('patch and replace', () => {
  it('patches, notices no-ops, checks its flags', async () => {
    const e = env();
    await e.run('apply', '-f', 'dep.yaml');
    expect((await e.run('patch', 'deploy', 'web', '-p', '{"spec":{"replicas":3}}')).out).toBe('deployment.apps/web patched\n');
    expect((await e.run('patch', 'deploy', 'web', '-p', '{"spec":{"replicas":3}}')).out).toBe('deployment.apps/web patched (no change)\n');
    expect((await e.run('patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":5}]')).out).toBe('deployment.apps/web patched\n');
    expect(e.get('/apis/apps/v1/namespaces/default/deployments/web').spec.replicas).toBe(5);
    expect((await e.run('patch', 'deploy', 'web')).err).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect((await e.run('patch', 'deploy', 'web', '--type=foo', '-p', '{}')).err).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
  });

  it('replaces', async () => {
    const e = env();
    expect((await e.run('replace', '-f', 'pod.yaml')).err).toBe('Error from server (NotFound): error when replacing "pod.yaml": pods "mypod" not found\n');
    await e.run('apply', '-f', 'dep.yaml');
    expect((await e.run('replace', '-f', 'dep3.yaml')).out).toBe('deployment.apps/web replaced\n');
    expect(e.get('/apis/apps/v1/namespaces/default/deployments/web').spec.replicas).toBe(3);
  });
});

describe('edit', () => {
  const HEAD = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

  it('cancels an unchanged file, and patches a changed one', async () => {
    const e = env();
    await e.run('apply', '-f', 'dep.yaml');
    e.editor = (t) => t;
    expect(await e.run('edit', 'deploy', 'web')).toEqual({ out: '', err: 'Edit cancelled, no changes made.\n', code: 0 });
    expect(e.edits[0].startsWith(HEAD + 'apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    e.editor = (t) => t.replace('\n  replicas: 2', '\n  replicas: 4');
    expect(await e.run('edit', 'deploy', 'web')).toEqual({ out: 'deployment.apps/web edited\n', err: '', code: 0 });
    expect(e.get('/apis/apps/v1/namespaces/default/deployments/web').spec.replicas).toBe(4);
  });

  it('re-opens an invalid edit with the reasons, and gives up when saved unchanged', async () => {
    const e = env();
    await e.run('apply', '-f', 'dep.yaml');
    e.editor = (t, n) => (n === 0 ? t.replace('\n  replicas: 2', '\n  replicas: -1') : t);
    const r = await e.run('edit', 'deploy', 'web');
    expect(e.edits[1].startsWith(HEAD + '# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n')).toBe(true);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to "[^"]+"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
  });

  it('fixes a syntax error on the second try', async () => {
    const e = env();
    await e.run('apply', '-f', 'dep.yaml');
    e.editor = (t, n) => (n === 0 ? t.replace('\n  replicas: 2', '\n  replicas: [3') : t.replace('\n  replicas: [3', '\n  replicas: 3'));
    const r = await e.run('edit', 'deploy', 'web');
    expect(r).toEqual({ out: 'deployment.apps/web edited\n', err: 'error: deployments.apps "web" is invalid\n', code: 0 });
    expect(e.edits[1]).toContain('# deployments.apps "web" was not valid:\n# * <nil>: Invalid value: "The edited file failed validation": yaml: line');
  });

  it('refuses name changes and needs an editor', async () => {
    const e = env();
    await e.run('apply', '-f', 'dep.yaml');
    e.editor = (t) => t.replace('\n  name: web\n', '\n  name: web2\n');
    const r = await e.run('edit', 'deploy', 'web');
    expect(r.err).toMatch(/A copy of your changes has been stored to "[^"]+"\nerror: At least one of apiVersion, kind and name was changed\n$/);
    e.editor = undefined;
    expect((await e.run('edit', 'deploy', 'web')).err).toBe('error: there was a problem with the editor "vi"\n');
    expect((await e.run('edit')).code).toBe(1);
  });
});
