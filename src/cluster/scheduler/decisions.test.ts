// A decision keeps its per-node filter and score results as they were when it was made: the
// score plugins reuse their buffers and the decision packs the values, so reading a decision
// after later cycles must give what a listener saw at the time.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { createControllerContext } from '../controllers/context';
import type { KubeObject } from '../../api/types';
import { startScheduler } from './index';

function pod(name: string, labels: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } };
}

/** Preferred anti-affinity to pods labelled app=web: negative raw InterPodAffinity scores. */
const avoidWeb = {
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 7, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } },
      ],
    },
  },
};

/** Runs the same pods on a fresh cluster; a decision's JSON is taken when made, or at the end. */
function run(readAtOnce: boolean) {
  const c = createCluster({ seed: 3, controllers: false, nodes: 4 });
  const ctx = createControllerContext(c.api, c.clock, c.rand);
  const sched = startScheduler(ctx);
  const names: string[] = [];
  const atOnce = new Map<string, string>();
  sched.onDecision((d) => {
    names.push(d.name);
    if (readAtOnce) atOnce.set(d.name, JSON.stringify(d));
  });
  ctx.informers.start();
  const client = ctx.client('test');
  for (let i = 0; i < 6; i++) client.create('pods', 'default', pod(`web-${i}`, { app: 'web' }, { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: `${100 * (i + 1)}m` } } }] }));
  c.clock.advance(0);
  for (let i = 0; i < 3; i++) client.create('pods', 'default', pod(`db-${i}`, { app: 'db' }, avoidWeb));
  c.clock.advance(0);
  for (let i = 6; i < 9; i++) client.create('pods', 'default', pod(`web-${i}`, { app: 'web' }));
  c.clock.advance(0);
  const decisions = readAtOnce ? atOnce : new Map(names.map((n) => [n, JSON.stringify(sched.decisionFor('default', n))]));
  return { decisions, db: sched.decisionFor('default', 'db-0')! };
}

describe('scheduling decisions', () => {
  it('read after later cycles, equal what they were when made, including values that cannot be packed', () => {
    const made = run(true);
    const later = run(false);
    expect(made.decisions.size).toBe(12);
    expect([...later.decisions]).toEqual([...made.decisions]);
    // The anti-affinity pods' InterPodAffinity raw values are negative on nodes with web pods.
    const raws = later.db.scores.map((s) => s.plugins.find((p) => p.plugin === 'InterPodAffinity')!.raw);
    expect(Math.min(...raws)).toBeLessThan(0);
    expect(later.db.scores.length).toBe(4);
  });
});
