import { describe, expect, it } from 'vitest';
import { runClusterBench } from './cluster';
import { clusterCase } from './sections';
import { createCluster } from '../../cluster/cluster';

describe('cluster bench harness', () => {
  it('runs Deployments to fully available and reports what it measured', () => {
    const r = runClusterBench({ nodes: 3, deployments: 2, replicas: 10 });
    expect(r.converged).toBe(true);
    expect(r.pods).toBe(20);
    expect(r.scheduled).toBe(20);
    // Besides the bench's 20 pods the store holds kube-system's (static pods, kube-proxy, CoreDNS).
    const system = createCluster({ nodes: 3 }).store.count('pods', 'kube-system');
    expect(r.storeObjects.pods).toBe(20 + system);
    expect(r.virtualMs).toBeGreaterThan(0);
    expect(r.requests).toBeGreaterThan(20);
    expect(r.schedulerBusyMs).toBeGreaterThan(0);
  });

  it('prints each figure of a case', () => {
    const lines: string[] = [];
    clusterCase((l) => lines.push(l), { title: 'tiny', nodes: 2, deployments: 1, replicas: 5, target: { podsPerSecond: 1 } });
    expect(lines[0]).toBe('- tiny');
    expect(lines.join('\n')).toMatch(/pods scheduled and started, end to end +\d[\d,]* pods\/s {3}\(target 1 pods\/s\)/);
    expect(lines.join('\n')).toMatch(/heap used/);
  });
});
