// `kubectl get pods` over the fast path (pod rows cached per stored object, the Table handed
// across the in-process transport without a copy, alignRows) against the straightforward one
// (printPod on every pod, a JSON copy on the wire, the character-by-character TabWriter), on pods
// in every state the printer distinguishes, at two clock readings.
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../../cluster/cluster';
import { buildTable } from '../../../cluster/apiserver/table';
import { variedPods } from '../../../cluster/apiserver/table/printers/testing';
import { lookupResource } from '../../../api/registry';
import type { ApiRequest } from '../../../api/client';
import type { KubeObject } from '../../../api/types';
import { inProcessClient } from '../../../transport/inprocess';
import { runKubectl } from '../../kubectl';
import type { KubectlConfig, KubectlIO } from '../../io';
import { TABLE_ACCEPT } from '../../factory';
import { tableRows, type ServerTable, type TableOptions } from './table';
import { TabWriter } from '../../printers/tabwriter';

const PODS = lookupResource('', 'v1', 'pods')!;

function call(c: Cluster, req: Partial<ApiRequest> & { verb: ApiRequest['verb']; path: string }) {
  const res = c.api.handle({ contentType: 'application/json', ...req } as ApiRequest);
  if (res.status >= 300) throw new Error(`${req.verb} ${req.path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res;
}

function setup(): Cluster {
  const c = createCluster({ seed: 3, nodes: 2, controllers: false });
  call(c, { verb: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } });
  variedPods(c.clock.now()).forEach(({ pod, status, terminate }, i) => {
    const ns = i % 3 === 0 ? 'team-a' : 'default';
    const created = call(c, { verb: 'POST', path: `/api/v1/namespaces/${ns}/pods`, body: pod }).body as KubeObject;
    const path = `/api/v1/namespaces/${ns}/pods/${pod.metadata!.name}`;
    call(c, { verb: 'PUT', path: `${path}/status`, body: { ...created, status } });
    if (terminate) call(c, { verb: 'DELETE', path });
    c.clock.advance(13_000);
  });
  return c;
}

async function kubectl(c: Cluster, argv: string[]): Promise<string> {
  const client = inProcessClient(c.api);
  const config: KubectlConfig = { client, namespace: 'default', server: 'https://127.0.0.1:6443' };
  let out = '';
  const io: KubectlIO = {
    stdout: { write: (t) => void (out += t) },
    stderr: { write: (t) => void (out += `stderr: ${t}`) },
    signal: { aborted: false, onAbort: () => () => {} },
    now: () => c.clock.now(),
    sleep: async () => {},
    readFile: () => undefined,
  };
  expect(await runKubectl(argv, io, config)).toBe(0);
  return out;
}

/** The same table the slow way: unfrozen copies (never cached), a JSON wire copy, the TabWriter. */
function reference(c: Cluster, namespace: string | undefined, opts: TableOptions): string {
  const path = namespace ? `/api/v1/namespaces/${namespace}/pods` : '/api/v1/pods';
  const items = JSON.parse(JSON.stringify((call(c, { verb: 'GET', path }).body as { items: KubeObject[] }).items)) as KubeObject[];
  const table = JSON.parse(JSON.stringify(buildTable(PODS, items, { now: c.clock.now(), includeObject: 'Metadata' }))) as ServerTable;
  const w = new TabWriter();
  return w.write(tableRows(table.columnDefinitions!, table.rows!, opts, true).map((r) => r.join('\t') + '\n').join('')) + w.flush();
}

const plain: TableOptions = { wide: false, withNamespace: false, showLabels: false, labelColumns: [], noHeaders: false };

describe('kubectl get pods: fast path = straightforward path', () => {
  const cases: [string[], string | undefined, Partial<TableOptions>][] = [
    [['get', 'pods', '-A'], undefined, { withNamespace: true }],
    [['get', 'pods', '-A', '-o', 'wide'], undefined, { withNamespace: true, wide: true }],
    [['get', 'pods', '-o', 'wide'], 'default', { wide: true }],
    [['get', 'pods', '-n', 'team-a'], 'team-a', {}],
    [['get', 'pods', '-A', '--no-headers'], undefined, { withNamespace: true, noHeaders: true }],
    [['get', 'pods', '-A', '--show-labels', '-o', 'wide'], undefined, { withNamespace: true, wide: true, showLabels: true }],
    [['get', 'pods', '-L', 'app', '-L', 'tier'], 'default', { labelColumns: ['app', 'tier'] }],
  ];

  it('prints the same bytes, at two clock readings', async () => {
    const c = setup();
    for (const later of [0, 2 * 3600_000]) {
      c.clock.advance(later);
      for (const [argv, ns, o] of cases) {
        expect(await kubectl(c, argv), argv.join(' ')).toBe(reference(c, ns, { ...plain, ...o }));
      }
    }
    // The state does reach the interesting cells.
    const wide = await kubectl(c, ['get', 'pods', '-A', '-o', 'wide']);
    for (const s of ['Terminating', 'SchedulingGated', 'Init:1/2', '13 (126m ago)', 'node02', '1/2', 'fd00::7', 'Completed']) expect(wide).toContain(s);
  });

  it('sorts rows with --sort-by (the rows of the same table, in the order of the field)', async () => {
    const c = setup();
    const sorted = (await kubectl(c, ['get', 'pods', '-A', '--sort-by=.metadata.name'])).split('\n');
    const ref = reference(c, undefined, { ...plain, withNamespace: true }).split('\n');
    expect(sorted[0]).toBe(ref[0]);
    expect([...sorted].sort()).toEqual([...ref].sort());
    const names = sorted.slice(1, -1).map((l) => l.split(/ +/)[1]);
    expect(names).toEqual([...names].sort());
  });

  it('hands the Table over without a copy; what it shares with the store cannot be changed', async () => {
    const c = setup();
    const res = call(c, { verb: 'GET', path: '/api/v1/namespaces/default/pods', accept: TABLE_ACCEPT });
    expect(res.transferable).toBe(true);
    expect(call(c, { verb: 'GET', path: '/api/v1/namespaces/default/pods' }).transferable).toBeUndefined();
    const got = await inProcessClient(c.api).request({ verb: 'GET', path: '/api/v1/namespaces/default/pods', accept: TABLE_ACCEPT });
    const row = (got.body as { rows: { object: KubeObject }[] }).rows[0];
    const name = row.object.metadata.name;
    expect(() => {
      row.object.metadata.labels!.app = 'changed';
    }).toThrow(TypeError);
    const stored = call(c, { verb: 'GET', path: `/api/v1/namespaces/default/pods/${name}` }).body as KubeObject;
    expect(stored.metadata.labels!.app).not.toBe('changed');
  });
});
