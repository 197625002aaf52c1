// kubectl taint against an in-process cluster; texts checked against kubectl 1.32 on `kubeplay apiserver`.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { runKubectl } from '../../kubectl';
import type { KubectlIO } from '../../io';
import { parseTaints, reorganizeTaints } from './taint';

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
  const taints = async (node: string) => (await kubectl('get', 'node', node, '-o', 'jsonpath={.spec.taints}')).out;
  return { kubectl, taints };
}

describe('kubectl taint', () => {
  it('adds, overwrites and removes taints with kubectl texts', async () => {
    const { kubectl, taints } = setup();
    expect(await kubectl('taint', 'nodes', 'node01', 'dedicated=special:NoSchedule')).toEqual({ out: 'node/node01 tainted\n', err: '', code: 0 });
    expect(await kubectl('taint', 'nodes', 'node01', 'dedicated=other:NoSchedule')).toEqual({
      out: '',
      err: 'error: node node01 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
      code: 1,
    });
    expect((await kubectl('taint', 'nodes', 'node01', 'dedicated=other:NoSchedule', '--overwrite')).out).toBe('node/node01 modified\n');
    expect(await taints('node01')).toBe('[{"effect":"NoSchedule","key":"dedicated","value":"other"}]');
    expect((await kubectl('taint', 'nodes', 'node01', 'dedicated:NoSchedule-')).out).toBe('node/node01 untainted\n');
    expect(await kubectl('taint', 'nodes', 'node01', 'dedicated-')).toEqual({ out: '', err: 'error: taint "dedicated" not found\n', code: 1 });
    expect((await kubectl('taint', 'node', 'node01', 'foo:NoExecute', 'foo=bar:PreferNoSchedule')).out).toBe('node/node01 tainted\n');
    expect((await kubectl('taint', 'nodes', 'node01', 'foo-')).out).toBe('node/node01 untainted\n');
    expect(await taints('node01')).toBe('');
  });

  it('keeps the control plane taint and reaches many nodes with --all and -l', async () => {
    const { kubectl, taints } = setup();
    expect((await kubectl('taint', 'nodes', '--all', 'x=y:NoSchedule')).out).toBe('node/controlplane tainted\nnode/node01 tainted\nnode/node02 tainted\n');
    expect(await taints('controlplane')).toBe('[{"effect":"NoSchedule","key":"x","value":"y"},{"effect":"NoSchedule","key":"node-role.kubernetes.io/control-plane"}]');
    expect((await kubectl('taint', 'nodes', '-l', 'kubernetes.io/hostname=node02', 'x-')).out).toBe('node/node02 untainted\n');
    const r = await kubectl('taint', 'nodes', '--all', 'x-');
    expect(r).toEqual({ out: 'node/controlplane untainted\nnode/node01 untainted\n', err: 'error: taint "x" not found\n', code: 1 });
  });

  it('rejects bad specs and resources as kubectl does', async () => {
    const { kubectl } = setup();
    expect((await kubectl('taint', 'nodes', 'node01', 'a=b:Bad')).err).toBe("error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
    expect((await kubectl('taint', 'nodes', 'node01', 'a=b')).err).toMatch(/^error: invalid taint spec: a=b, name part must consist of alphanumeric characters/);
    expect((await kubectl('taint', 'nodes', 'node01')).err).toBe('error: at least one taint update is required\n');
    expect((await kubectl('taint', 'pods', 'x', 'a=b:NoSchedule')).err).toBe('error: invalid resource type pods, only node types are supported\n');
    expect((await kubectl('taint', 'node01', 'a=b:NoSchedule')).err).toBe('the server doesn\'t have a resource type "node01"\n');
    expect((await kubectl('taint', 'nodes', 'nope', 'a=b:NoSchedule')).err).toBe('Error from server (NotFound): nodes "nope" not found\n');
    expect((await kubectl('taint', 'nodes', 'node01', 'q-', 'q=2:NoSchedule')).err).toBe('error: can not both modify and remove the following taint(s) in the same command: q=\n');
  });

  it('orders new taints before the old ones they do not replace', () => {
    const { add, remove } = parseTaints(['a=1:NoSchedule', 'b-']);
    const r = reorganizeTaints([{ key: 'b', effect: 'NoExecute' }, { key: 'c', effect: 'NoSchedule' }], false, add, remove);
    expect(r).toEqual({ op: 'modified', taints: [{ key: 'a', value: '1', effect: 'NoSchedule' }, { key: 'c', effect: 'NoSchedule' }], errors: [] });
  });
});
