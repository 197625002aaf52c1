// kubectl autoscale in a playground's shell, with the HPA controller acting on it and no metrics
// API (a cluster without metrics-server): bounds enforced through the scale subresource, the
// conditions and events `kubectl describe hpa` shows, and a missing target.
import { describe, expect, it } from 'vitest';
import { Playground } from '../../src/worker/playground';
import { runFast } from '../../src/worker/driver';

async function sh(pg: Playground, line: string): Promise<string> {
  let out = '';
  const w = { write: (t: string) => void (out += t) };
  await runFast(pg, line, { stdout: w, stderr: w });
  return out;
}

const NO_METRICS =
  'unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

describe('kubectl autoscale on a cluster without a metrics API', () => {
  it('scales a 1-replica deployment up to --min and reports the CPU metric it cannot read', async () => {
    const pg = new Playground({ seed: 3, start: Date.UTC(2026, 10, 23, 9) });
    await sh(pg, 'kubectl create deployment web --image=nginx:1.25');
    expect(await sh(pg, 'kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80')).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    expect(await sh(pg, 'kubectl get hpa')).toBe(
      'NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\nweb    Deployment/web   cpu: <unknown>/80%   2         5         0          0s\n',
    );
    await sh(pg, 'sleep 20');
    expect(await sh(pg, 'kubectl get deployment web -o jsonpath={.spec.replicas}')).toBe('2');
    await sh(pg, 'sleep 15');
    expect(await sh(pg, 'kubectl get hpa')).toBe(
      'NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\nweb    Deployment/web   cpu: <unknown>/80%   2         5         2          35s\n',
    );
    const describe = await sh(pg, 'kubectl describe hpa web');
    expect(describe).toContain('Deployment pods:                                       2 current / 2 desired\n');
    expect(describe).toContain(
      [
        'Conditions:',
        '  Type           Status  Reason                   Message',
        '  ----           ------  ------                   -------',
        "  AbleToScale    True    SucceededGetScale        the HPA controller was able to get the target's current scale",
        `  ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: failed to get cpu utilization: ${NO_METRICS}`,
        'Events:',
        '  Type     Reason                        Age   From                       Message',
        '  ----     ------                        ----  ----                       -------',
        '  Normal   SuccessfulRescale             20s   horizontal-pod-autoscaler  New size: 2; reason: Current number of replicas below Spec.MinReplicas',
        `  Warning  FailedGetResourceMetric       5s    horizontal-pod-autoscaler  failed to get cpu utilization: ${NO_METRICS}`,
        `  Warning  FailedComputeMetricsReplicas  5s    horizontal-pod-autoscaler  invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: ${NO_METRICS}`,
        '',
      ].join('\n'),
    );
  });

  it('scales a deployment above --max down to it', async () => {
    const pg = new Playground({ seed: 4, start: Date.UTC(2026, 10, 23, 9) });
    await sh(pg, 'kubectl create deployment big --image=nginx:1.25 --replicas=4');
    await sh(pg, 'kubectl autoscale deployment big --max=2');
    await sh(pg, 'sleep 16');
    expect(await sh(pg, 'kubectl get deployment big -o jsonpath={.spec.replicas}')).toBe('2');
    expect(await sh(pg, 'kubectl get events --field-selector reason=SuccessfulRescale -o jsonpath={.items[*].message}')).toBe(
      'New size: 2; reason: Current number of replicas above Spec.MaxReplicas',
    );
  });

  it('reports a missing target as FailedGetScale', async () => {
    const pg = new Playground({ seed: 5, start: Date.UTC(2026, 10, 23, 9) });
    await sh(pg, 'kubectl create deployment gone --image=nginx:1.25');
    await sh(pg, 'kubectl autoscale deployment gone --max=3');
    await sh(pg, 'kubectl delete deployment gone');
    await sh(pg, 'sleep 16');
    const describe = await sh(pg, 'kubectl describe hpa gone');
    expect(describe).toContain("  AbleToScale  False   FailedGetScale  the HPA controller was unable to get the target's current scale: deployments/scale.apps \"gone\" not found\n");
    expect(describe).toContain('  Warning  FailedGetScale  1s    horizontal-pod-autoscaler  deployments/scale.apps "gone" not found\n');
    expect(await sh(pg, 'kubectl get hpa gone --no-headers')).toMatch(/^gone +Deployment\/gone +cpu: <unknown>\/80% +1 +3 +0 +\d+s\n$/);
  });
});
