// A runaway but valid request (a Deployment scaled to 2147483647) neither hangs the shell nor
// exhausts memory: the store's quota stops pod creation, each line still returns, and scaling
// back down cleans up.
import { describe, expect, it } from 'vitest';
import { Playground } from './playground';
import { runFast } from './driver';

async function run(pg: Playground, line: string): Promise<{ out: string; code: number }> {
  let out = '';
  const w = { write: (t: string) => void (out += t) };
  const code = await runFast(pg, line, { stdout: w, stderr: w });
  return { out, code };
}

describe('a runaway scale', () => {
  it('stops at the store quota, surfaces FailedCreate, and the cluster keeps working', async () => {
    const pg = new Playground({ seed: 1, quotaBackendBytes: 1_500_000 });
    const pods = () => pg.cluster.store.list('pods', { namespace: 'default' }).items.length;
    await run(pg, 'kubectl create deployment web --image=nginx:1.27');
    const t0 = pg.cluster.clock.now();
    expect((await run(pg, 'kubectl scale deployment web --replicas 2147483647')).out).toBe('deployment.apps/web scaled\n');
    const get = await run(pg, 'kubectl get deploy web -o jsonpath={.spec.replicas}');
    expect(get.out).toBe('2147483647');
    // Returned without waiting on virtual time; the store filled up and refused more pods.
    expect(pg.cluster.clock.now() - t0).toBeLessThan(1000);
    const space = pg.cluster.store.spaceUsed();
    expect(space.bytes).toBeLessThanOrEqual(space.quota);
    expect(pods()).toBeGreaterThan(100);
    const created = pods();

    await run(pg, 'sleep 10');
    expect(pods()).toBe(created);
    const cond = await run(pg, `kubectl get rs -l app=web -o jsonpath='{.items[0].status.conditions[0].type} {.items[0].status.conditions[0].reason}: {.items[0].status.conditions[0].message}'`);
    expect(cond.out).toBe('ReplicaFailure FailedCreate: etcdserver: mvcc: database space exceeded');
    const depCond = await run(pg, `kubectl get deploy web -o jsonpath='{.status.conditions[?(@.type=="ReplicaFailure")].reason}'`);
    expect(depCond.out).toBe('FailedCreate');
    // A create from the learner (larger than a pod) gets the etcd error as kube-apiserver passes it through.
    const cm = await run(pg, `kubectl create configmap c --from-literal=a=${'x'.repeat(3000)}`);
    expect(cm.out).toBe('error: failed to create configmap: etcdserver: mvcc: database space exceeded\n');

    expect((await run(pg, 'kubectl scale deployment web --replicas 1')).code).toBe(0);
    await run(pg, 'sleep 60');
    expect(pods()).toBe(1);
    expect((await run(pg, 'kubectl get deploy web --no-headers')).out).toMatch(/^web\s+1\/1\s+1\s+1\s+/);
    expect((await run(pg, 'kubectl create configmap c --from-literal=a=b')).out).toBe('configmap/c created\n');
  });
});
