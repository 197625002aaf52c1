// Regressions found by the kubectl fuzz (tests/fuzz): bad names, namespaces and manifests get
// kubectl's own errors and never address something else (an empty name used to DELETE the
// whole collection; `..` walked up to the namespace).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { inProcessClient } from '../transport/inprocess';
import { runKubectl } from './kubectl';
import { parseManifest } from './manifest';
import type { KubectlConfig, KubectlIO } from './io';

function setup() {
  const cluster = createCluster({ seed: 1 });
  const client = inProcessClient(cluster.api, { afterRequest: () => cluster.settle() });
  const config: KubectlConfig = { client, namespace: 'default', server: 'https://127.0.0.1:6443' };
  const files = new Map<string, string>();
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: KubectlIO = {
      stdout: { write: (t) => void (stdout += t) },
      stderr: { write: (t) => void (stderr += t) },
      readStdin: async () => undefined,
      signal: { aborted: false, onAbort: () => () => {} },
      now: () => cluster.clock.now(),
      sleep: (ms) => new Promise((r) => cluster.clock.after(ms, r)),
      readFile: (p) => files.get(p),
    };
    const code = await runKubectl(argv, io, config);
    return { code, stdout, stderr };
  };
  const podNames = () => (cluster.store.list('pods', { namespace: 'default' }).items).map((p) => p.metadata.name).sort();
  return { cluster, run, files, podNames };
}

describe('kubectl on bad names and manifests', () => {
  it('a manifest without a name deletes nothing (client-go: resource name may not be empty)', async () => {
    const k = setup();
    await k.run('run', 'a', '--image=nginx');
    await k.run('run', 'b', '--image=nginx');
    k.files.set('noname.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {a: b}\nspec:\n  containers: [{name: a, image: nginx}]\n');
    expect(await k.run('delete', '-f', 'noname.yaml')).toEqual({ code: 1, stdout: '', stderr: 'error: error when deleting "noname.yaml": resource name may not be empty\n' });
    expect(await k.run('label', '-f', 'noname.yaml', 'x=y')).toEqual({ code: 1, stdout: '', stderr: 'error: resource name may not be empty\n' });
    expect((await k.run('describe', '-f', 'noname.yaml')).stderr).toBe('error: resource name may not be empty\n');
    expect(k.podNames()).toEqual(['a', 'b']);
  });

  it('an empty NAME argument is refused, not taken for the collection', async () => {
    const k = setup();
    await k.run('run', 'a', '--image=nginx');
    expect(await k.run('delete', 'pods', '')).toEqual({ code: 1, stdout: '', stderr: 'error: resource name may not be empty\n' });
    expect((await k.run('get', 'pods', '')).stderr).toBe('error: resource name may not be empty\n');
    expect(k.podNames()).toEqual(['a']);
  });

  it('names and namespaces that are not path segments never reach the server', async () => {
    const k = setup();
    expect((await k.run('delete', 'pods', '..')).stderr).toBe(`error: invalid resource name "..": [may not be '..']\n`);
    expect((await k.run('get', 'pod/.')).stderr).toBe(`error: invalid resource name ".": [may not be '.']\n`);
    expect((await k.run('get', 'pods', 'a%b')).stderr).toBe(`error: invalid resource name "a%b": [may not contain '%']\n`);
    expect((await k.run('-n', 'a/b', 'get', 'pods')).stderr).toBe(`error: invalid namespace "a/b": [may not contain '/']\n`);
    expect((await k.run('-n', '..', 'run', 'x', '--image=nginx')).stderr).toBe(`error: invalid namespace "..": [may not be '..']\n`);
    // A manifest's namespace is checked the same way.
    k.files.set('ns.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: ../kube-system\n');
    expect((await k.run('create', '-f', 'ns.yaml')).stderr).toMatch(/^error: .*invalid namespace "..\/kube-system": \[may not contain '\/'\]\n$/);
    expect(k.cluster.store.get('namespaces', '', 'default')).toBeDefined();
  });

  it('logs "", exec "", uncordon and describe -k give kubectl\'s messages', async () => {
    const k = setup();
    expect((await k.run('logs', '')).stderr).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
    expect((await k.run('exec', '')).stderr).toBe('error: pod, type/name or --filename must be specified\n');
    expect((await k.run('uncordon')).stderr).toBe("error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n");
    expect(await k.run('describe', '-k', 'x')).toMatchObject({ code: 1, stderr: "must build at directory: not a valid directory: evalsymlink failure on 'x' : lstat x: no such file or directory\n" });
  });
});

describe('more bad input from the fuzz', () => {
  it('config view: -o name and stray arguments', async () => {
    const k = setup();
    expect(await k.run('config', 'view', '-o', 'name')).toEqual({ code: 0, stdout: 'config/<unknown>\n', stderr: '' });
    expect(await k.run('config', 'view', 'x')).toEqual({ code: 1, stdout: '', stderr: "error: unexpected arguments: [x]\nSee 'kubectl config view -h' for help and examples\n" });
  });

  it('get: -f with resource arguments, and -w over no objects', async () => {
    const k = setup();
    k.files.set('empty.yaml', '');
    expect((await k.run('get', 'pods', '-w', '-f', 'empty.yaml')).stderr).toBe('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n');
    expect(await k.run('get', '--watch-only', '-f', 'empty.yaml')).toEqual({ code: 2, stdout: '', stderr: 'panic: runtime error: index out of range [0] with length 0\n' });
  });

  it('watch reads named objects first and refuses several names (texts from kubectl v1.32)', async () => {
    const k = setup();
    expect(await k.run('get', 'ds', 'nope', '-w')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): daemonsets.apps "nope" not found\n' });
    expect(await k.run('get', 'ds', 'nope', '--watch-only')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): daemonsets.apps "nope" not found\n' });
    await k.run('create', 'configmap', 'a');
    await k.run('create', 'configmap', 'b');
    const several = 'error: you may only watch a single resource or type of resource at a time\n';
    expect(await k.run('get', 'cm', 'a', 'b', '--watch-only')).toEqual({ code: 1, stdout: '', stderr: several });
    const listed = await k.run('get', 'cm', 'a', 'b', '-w');
    expect(listed.stdout).toMatch(/^NAME\s+DATA\s+AGE\na\s+0\s+\S+\nb\s+0\s+\S+\n$/);
    expect([listed.code, listed.stderr]).toEqual([1, several]);
  });

  it('an Invalid error quotes the name as Go\'s %q does', async () => {
    const k = setup();
    expect((await k.run('create', 'namespace', 'a"b')).stderr).toMatch(/^The Namespace "a\\"b" is invalid: \n\* metadata\.name: /);
  });
});

describe('parseManifest decodes metadata as kubectl does', () => {
  const err = (text: string) => {
    try {
      parseManifest(text, 'f.yaml');
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  it('refuses mistyped kind, apiVersion and metadata fields with kubectl\'s texts', () => {
    expect(err('apiVersion: v1\nkind: {a: 1}\nmetadata:\n  name: x\n')).toBe(`error validating "f.yaml": error validating data: kind isn't string type; if you choose to ignore these errors, turn validation off with --validate=false`);
    expect(err('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {a: 1}\n')).toBe('unable to decode "f.yaml": json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name of type string');
    expect(err('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 5\n')).toBe('unable to decode "f.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string');
    expect(err('apiVersion: v1\nkind: ConfigMap\nmetadata: [1]\n')).toBe('unable to decode "f.yaml": json: cannot unmarshal array into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta');
    expect(err('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {a: 1}\n')).toBe('unable to decode "f.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
  });
  it('checks List items like documents', () => {
    expect(err('apiVersion: v1\nkind: List\nitems:\n- null\n')).toBe(`error validating "f.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    expect(err('apiVersion: v1\nkind: List\nitems:\n- {kind: Pod}\n')).toMatch(/\[apiVersion not set\]/);
    expect(parseManifest('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n', 'f').map((o) => o.object.metadata.name)).toEqual(['a']);
  });
  it('nesting too deep for the parser is a YAML error, not a stack overflow', () => {
    const deep = 'a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    expect(err(deep)).toMatch(/^error parsing f\.yaml: error converting YAML to JSON: yaml: /);
    expect(err(deep)).not.toMatch(/Maximum call stack/);
  });
});
