// kubectl diff: unified hunks as GNU diff -u prints them, and the command against an in-process
// cluster (live vs dry-run merged YAML, exit codes 0/1/2).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { makeKit } from '../logs/testkit';
import { unifiedHunks } from './unified';

const n = (k: number) => Array.from({ length: k }, (_, i) => `l${i + 1}`).join('\n') + '\n';

describe('unifiedHunks', () => {
  it('equal texts: nothing', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toBe('');
  });
  it('a change with three lines of context', () => {
    const to = n(10).replace('l5\n', 'L5\n');
    expect(unifiedHunks(n(10), to)).toBe('@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n');
  });
  it('a new file (-N): everything added from 0,0', () => {
    expect(unifiedHunks('', 'a\nb\n')).toBe('@@ -0,0 +1,2 @@\n+a\n+b\n');
  });
  it('changes far apart make two hunks, close ones one', () => {
    const far = n(20).replace('l2\n', 'X\n').replace('l18\n', 'Y\n');
    expect(unifiedHunks(n(20), far).match(/^@@/gm)).toHaveLength(2);
    const near = n(20).replace('l5\n', 'X\n').replace('l11\n', 'Y\n');
    expect(unifiedHunks(n(20), near)).toMatch(/^@@ -2,13 \+2,13 @@\n/);
  });
  it('one line ranges print without a count', () => {
    expect(unifiedHunks('a\n', 'b\n')).toBe('@@ -1 +1 @@\n-a\n+b\n');
  });
});

const WEB = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: ${image}}]}
`;

describe('kubectl diff', () => {
  const kit = () =>
    makeKit(() => {
      const cluster = createCluster({ start: Date.UTC(2026, 0, 1) });
      return { cluster, client: inProcessClient(cluster.api, { afterRequest: () => cluster.settle() }) };
    });

  it('shows what apply would change, exits 1; nothing and 0 once applied', async () => {
    const k = kit();
    expect((await k.start(['apply', '-f', '-'], { stdin: WEB(2, 'nginx') }).result).code).toBe(0);
    const r = await k.start(['diff', '-f', '-'], { stdin: WEB(3, 'nginx:1.27') }).result;
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const head = r.stdout.split('\n').slice(0, 3);
    expect(head[0]).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web$/);
    expect(head[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t2026-01-01 00:00:\d\d\.\d{9} \+0000$/);
    expect(head[2]).toMatch(/^\+\+\+ \/tmp\/MERGED-\d+\//);
    expect(r.stdout).toContain('-  generation: 1\n+  generation: 2\n');
    expect(r.stdout).toContain('-  replicas: 2\n+  replicas: 3\n');
    expect(r.stdout).toContain('-      - image: nginx\n+      - image: nginx:1.27\n');
    // Dry run: nothing changed.
    expect((await k.run('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}')).stdout).toBe('2');
    await k.start(['apply', '-f', '-'], { stdin: WEB(3, 'nginx:1.27') }).result;
    expect(await k.start(['diff', '-f', '-'], { stdin: WEB(3, 'nginx:1.27') }).result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('an object that does not exist yet: all of it added', async () => {
    const k = kit();
    const r = await k.start(['diff', '-f', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: "1"}\n' }).result;
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\n@@ -0,0 \+1,9 @@\n\+apiVersion: v1\n\+data:\n\+  a: "1"\n\+kind: ConfigMap\n\+metadata:\n/);
    expect((await k.run('get', 'cm', 'cfg')).code).toBe(1);
  });

  it('errors exit with 2', async () => {
    const k = kit();
    expect(await k.run('diff')).toEqual({ code: 2, stdout: '', stderr: 'error: must specify one of -f and -k\n' });
    expect(await k.run('diff', '-f', 'nope.yaml')).toEqual({ code: 2, stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n' });
  });
});
