// The browser's lazy kubectl (kubectl-lazy.ts) answers as the static one: same output, same
// completions, once its chunk is loaded.
import { describe, expect, it } from 'vitest';
import * as lazy from './kubectl-lazy';
import * as eager from './kubectl-source';
import { createCluster } from '../cluster/cluster';
import { inProcessClient } from '../transport/inprocess';
import type { KubectlConfig } from '../kubectl/io';
import { makeShell } from '../shell/testing';

function setup(source: typeof eager) {
  const cluster = createCluster({ seed: 4 });
  const client = inProcessClient(cluster.api, { afterRequest: () => cluster.settle() });
  const config = (): KubectlConfig => ({ client, namespace: 'default', server: 'https://127.0.0.1:6443', context: 'kubeplay', cluster: 'kubeplay', user: 'kubeplay' });
  const { run } = makeShell({ programs: new Map([['kubectl', source.kubectlProgram({ config })]]) });
  return { run, complete: (words: string[], i: number) => source.completeKubectl(words, i, config()) };
}

describe('lazy kubectl', () => {
  it('runs and completes as the static kubectl does', async () => {
    const a = setup(lazy);
    const b = setup(eager);
    for (const line of ['kubectl get nodes', 'kubectl get pods -A -o name', 'kubectl create deployment web --image=nginx', 'kubectl get deploy', 'kubectl nope']) {
      const [x, y] = [await a.run(line), await b.run(line)];
      expect(x, line).toEqual(y);
    }
    expect((await a.run('kubectl get nodes')).out).toMatch(/^NAME\s+STATUS/);
    expect(await a.complete(['kubectl', 'get', 'no'], 2)).toEqual(await b.complete(['kubectl', 'get', 'no'], 2));
    expect(await a.complete(['kubectl', 'get', 'no'], 2)).toEqual(['nodes']);
    await lazy.prefetchKubectl();
  });
});
