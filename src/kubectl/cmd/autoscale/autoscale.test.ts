// kubectl autoscale: the autoscaling/v1 object kubectl v1.32 builds (dry run), its errors, and
// the autoscaler created through the server's autoscaling/v1 endpoint, as `get hpa` shows it.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { deployment, makeKit } from '../logs/testkit';

async function setup() {
  const k = makeKit(() => {
    const cluster = createCluster({ start: Date.UTC(2026, 0, 1) });
    return { cluster, client: inProcessClient(cluster.api, { afterRequest: () => cluster.settle() }) };
  });
  await k.create(deployment('web', 1, 'nginx', 80));
  return k;
}

describe('kubectl autoscale', () => {
  it('--dry-run=client -o yaml: the autoscaling/v1 object', async () => {
    const k = await setup();
    expect((await k.run('autoscale', 'deploy', 'web', '--min=2', '--max=5', '--cpu-percent=80', '--dry-run=client', '-o', 'yaml')).stdout).toBe(
      'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: null\n  name: web\nspec:\n  maxReplicas: 5\n  minReplicas: 2\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  targetCPUUtilizationPercentage: 80\nstatus:\n  currentReplicas: 0\n  desiredReplicas: 0\n',
    );
    expect((await k.run('autoscale', 'deploy/web', '--max=5', '--name=x', '--dry-run=client', '-o', 'json')).stdout).toBe(
      '{\n    "kind": "HorizontalPodAutoscaler",\n    "apiVersion": "autoscaling/v1",\n    "metadata": {\n        "name": "x",\n        "creationTimestamp": null\n    },\n    "spec": {\n        "scaleTargetRef": {\n            "kind": "Deployment",\n            "name": "web",\n            "apiVersion": "apps/v1"\n        },\n        "maxReplicas": 5\n    },\n    "status": {\n        "currentReplicas": 0,\n        "desiredReplicas": 0\n    }\n}\n',
    );
  });

  it('creates the autoscaler through autoscaling/v1; get hpa shows <unknown> targets without metrics', async () => {
    const k = await setup();
    expect(await k.run('autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80')).toEqual({ code: 0, stdout: 'horizontalpodautoscaler.autoscaling/web autoscaled\n', stderr: '' });
    expect((await k.run('autoscale', 'deploy', 'web', '--max=3', '--name=z', '--dry-run=client')).stdout).toBe('horizontalpodautoscaler.autoscaling/z created (dry run)\n');
    const server = await k.run('autoscale', 'deploy', 'web', '--max=3', '--name=z', '--dry-run=server', '-o', 'jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage}');
    expect(server.stdout).toBe('autoscaling/v1 80');
    const r = await k.run('get', 'hpa');
    expect(r.stdout).toMatch(/^NAME +REFERENCE +TARGETS +MINPODS +MAXPODS +REPLICAS +AGE\nweb +Deployment\/web +cpu: <unknown>\/80% +2 +5 +\d+ +\d+s\n$/);
  });

  it('a short name keeps only its group, as the shortcut expander does: hpa.v1.autoscaling reads autoscaling/v2', async () => {
    const k = await setup();
    await k.run('autoscale', 'deployment', 'web', '--max=5', '--cpu-percent=80');
    const versions = async (arg: string) => {
      const r = await k.run('get', arg, '-o', 'jsonpath={.items[*].apiVersion} {.items[*].spec.targetCPUUtilizationPercentage}');
      return r.code === 0 ? r.stdout : r.stderr;
    };
    expect(await versions('hpa.v1.autoscaling')).toBe('autoscaling/v2 ');
    expect(await versions('hpa.v9.autoscaling')).toBe('autoscaling/v2 ');
    expect(await versions('hpa.autoscal')).toBe('autoscaling/v2 ');
    expect(await versions('horizontalpodautoscalers.v1.autoscaling')).toBe('autoscaling/v1 80');
    expect(await versions('HorizontalPodAutoscaler.v1.autoscaling')).toBe('autoscaling/v1 80');
    expect(await versions('horizontalpodautoscalers.v2.autoscaling')).toBe('autoscaling/v2 ');
    // builder.mappingFor names the part before the first dot.
    expect(await versions('horizontalpodautoscalers.v9.autoscaling')).toBe('error: the server doesn\'t have a resource type "horizontalpodautoscalers"\n');
    expect(await versions('pods.v1')).toBe('error: the server doesn\'t have a resource type "pods"\n');
    expect(await versions('Pod.v1.x')).toBe('error: the server doesn\'t have a resource type "Pod"\n');
  });

  it('error texts', async () => {
    const k = await setup();
    expect(await k.run('autoscale', 'deploy', 'web')).toEqual({ code: 1, stdout: '', stderr: 'error: required flag(s) "max" not set\n' });
    expect(await k.run('autoscale', 'deploy', 'web', '--max=1', '--min=3')).toEqual({ code: 1, stdout: '', stderr: 'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 3\n' });
    expect(await k.run('autoscale', 'deploy/web', '--max=0')).toEqual({ code: 1, stdout: '', stderr: 'error: --max=MAXPODS is required and must be at least 1, max: 0\n' });
    expect(await k.run('autoscale', 'deploy', 'nope', '--max=3')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
    expect(await k.run('autoscale', 'svc', 'kubernetes', '--max=3')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: cannot autoscale a Service: could not find scale subresource for /v1, Resource=services in discovery information\n',
    });
  });
});
