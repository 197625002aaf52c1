// describe against the golden fixture state (clock at 2026-11-23): the four outputs the real
// kubectl v1.32.5 printed must come out byte for byte; then the other kinds and flags.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createCluster } from '../../cluster/cluster';
import { loadObjects } from '../../cluster/fixtures';
import { inProcessClient } from '../../transport/inprocess';
import type { ApiRequest } from '../../api/client';
import { runKubectl } from '../kubectl';
import type { KubectlIO } from '../io';

const GOLDEN = new URL('../../../tests/kubectl/golden/', import.meta.url);
const NOW = Date.UTC(2026, 10, 23);

function fixtures(): unknown[] {
  const dir = new URL('fixtures/state/', GOLDEN);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
}

function setup(extra: unknown[] = []) {
  const cluster = createCluster({ empty: true, controllers: false, start: NOW });
  loadObjects(cluster, [...fixtures(), ...extra]);
  const requests: string[] = [];
  const inner = inProcessClient(cluster.api, { afterRequest: () => cluster.settle() });
  const client = {
    ...inner,
    request: (r: ApiRequest) => {
      const q = new URLSearchParams(r.query ?? {}).toString();
      requests.push(`${r.verb} ${r.path}${q ? `?${q}` : ''}`);
      return inner.request(r);
    },
  };
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: KubectlIO = {
      stdout: { write: (t) => void (stdout += t) },
      stderr: { write: (t) => void (stderr += t) },
      signal: { aborted: false, onAbort: () => () => {} },
      now: () => NOW,
      sleep: async () => {},
      readFile: () => undefined,
    };
    const code = await runKubectl(argv, io, { client, namespace: 'default', server: 'http://127.0.0.1:8080' });
    return { stdout, stderr, code };
  };
  return { run, requests, cluster };
}

const golden = (name: string) => readFileSync(new URL(`${name}.stdout`, GOLDEN), 'utf8');

describe('kubectl describe: golden outputs', () => {
  for (const [name, args] of [
    ['describe-pod-running', ['pod', 'web-7c5ddbdf54-2xkqn']],
    ['describe-deploy', ['deployment', 'web']],
    ['describe-svc', ['svc', 'web']],
    ['describe-node', ['node', 'node-1']],
  ] as const) {
    it(name, async () => {
      const { run } = setup();
      const r = await run('describe', ...args);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(golden(name));
      expect(r.code).toBe(0);
    });
  }
});

describe('kubectl describe: other kinds on the fixture state', () => {
  it('a CrashLoopBackOff pod: waiting state, last termination, aggregated events', async () => {
    const { run } = setup();
    const r = await run('describe', 'pod', 'crashy');
    console.log(r.stdout);
  });
  it('peek', async () => {
    const { run } = setup();
    for (const a of [['rc', 'legacy'], ['lease', 'node-1', '-n', 'kube-node-lease'], ['ns', 'default'], ['ep', 'web'], ['endpointslice', 'web-x9t4q'], ['pods', 'web']]) {
      const r = await run('describe', ...a);
      console.log(a.join(' '), r.code, '\n' + r.stdout + r.stderr);
    }
  });
});
