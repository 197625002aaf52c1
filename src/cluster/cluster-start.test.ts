// A cluster whose components start later (ClusterOptions.deferStart, the browser answers its
// first prompt in between) is the same cluster as one started at once, fresh or restored.
import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster, type Cluster } from './cluster';

/** Everything that tells two clusters apart: objects, revisions, time, the next random draws. */
const fingerprint = (c: Cluster) => JSON.stringify({ snap: c.snapshot(), pending: c.clock.nextAt(), rand: c.rand.hex(16) });

describe('deferred cluster start', () => {
  for (const topology of ['default', 'minikube']) {
    it(`a fresh ${topology} cluster started later is the same as one started at once`, () => {
      const now = createCluster({ seed: 5, topology });
      const later = createCluster({ seed: 5, topology, deferStart: true });
      // Before start: the bootstrap objects, nothing acting on them yet.
      expect(later.components).toBeUndefined();
      expect(later.store.get('nodes', '', topology === 'minikube' ? 'minikube' : 'controlplane')).toBeDefined();
      expect(later.store.revision()).toBeLessThan(now.store.revision());
      later.start();
      later.start(); // once
      expect(later.components).toBeDefined();
      expect(later.store.revision()).toBe(now.store.revision());
      now.advance(90_000);
      later.advance(90_000);
      expect(fingerprint(later)).toBe(fingerprint(now));
    });
  }

  it('a restored cluster started later is the same as one started at once', () => {
    const source = createCluster({ seed: 9 });
    source.advance(30_000);
    const snap = JSON.parse(JSON.stringify(source.snapshot()));
    const now = restoreCluster(snap);
    const later = restoreCluster(snap, { deferStart: true });
    expect(later.components).toBeUndefined();
    later.start();
    now.advance(45_000);
    later.advance(45_000);
    expect(fingerprint(later)).toBe(fingerprint(now));
  });
});
