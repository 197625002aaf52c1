// rolling_test.go style: the rolling-update steps against a recording fake controller.
import { describe, expect, it } from 'vitest';
import type { DeploymentController } from './controller';
import { cleanupUnhealthyReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets, scaleDownOldReplicaSetsForRollingUpdate } from './rolling';
import type { Deployment, ReplicaSet } from './util';
import type { IntOrString } from '../../../api/intstr';

function fakeDC() {
  const updates: { name: string; replicas: number }[] = [];
  const events: string[] = [];
  const dc = {
    updateReplicaSetObject: (rs: ReplicaSet) => {
      updates.push({ name: rs.metadata.name!, replicas: rs.spec.replicas ?? 0 });
      return rs;
    },
    recorder: { event: (_o: unknown, _t: string, _r: string, m: string) => events.push(m) },
    now: () => '2026-11-23T09:00:00Z',
  } as unknown as DeploymentController;
  return { dc, updates, events };
}

function dep(replicas: number, surge: IntOrString, unavailable: IntOrString): Deployment {
  return {
    metadata: { name: 'foo', namespace: 'default', uid: 'u', generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { a: 'b' } },
      template: { metadata: { labels: { a: 'b' } }, spec: {} },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
    },
    status: {},
  };
}

function rs(name: string, replicas: number, available: number, created = '2026-11-23T09:00:00Z'): ReplicaSet {
  return {
    metadata: { name, namespace: 'default', uid: name, creationTimestamp: created, annotations: {} },
    spec: { replicas, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: {} } },
    status: { replicas, availableReplicas: available, readyReplicas: available },
  };
}

describe('reconcileNewReplicaSet', () => {
  it.each([
    // [deployment replicas, maxSurge, old replicas, new replicas, expected new replicas or undefined for no scale]
    [10, 0, 10, 0, undefined], // no surge room
    [10, 2, 10, 0, 2], // grows by the surge
    [10, 2, 8, 2, 4], // old RS already shrank
    [10, 2, 0, 12, 10], // too big: back to the deployment size
    [10, 2, 0, 10, undefined], // done
  ])('replicas %i surge %i old %i new %i', (replicas, surge, oldR, newR, expected) => {
    const { dc, updates, events } = fakeDC();
    const d = dep(replicas, surge, surge === 0 ? 1 : 0);
    const oldRS = rs('foo-old', oldR, oldR);
    const newRS = rs('foo-new', newR, 0);
    const scaled = reconcileNewReplicaSet(dc, [oldRS, newRS], newRS, d);
    expect(scaled).toBe(expected !== undefined);
    if (expected !== undefined) {
      expect(updates).toEqual([{ name: 'foo-new', replicas: expected }]);
      expect(events).toEqual([`Scaled ${expected > newR ? 'up' : 'down'} replica set foo-new from ${newR} to ${expected}`]);
    } else expect(updates).toEqual([]);
  });
});

describe('reconcileOldReplicaSets', () => {
  it.each([
    // [replicas, maxUnavailable, old replicas, old available, new replicas, new available, expected old replicas or undefined]
    [10, 0, 10, 10, 0, 0, undefined], // nothing may go unavailable (surge 1 must come first)
    [10, 2, 10, 10, 0, 0, 8], // two may go
    [10, 2, 10, 8, 0, 0, 8], // the two unhealthy ones go first
    [10, 2, 8, 8, 2, 0, undefined], // new replicas are not available yet: blocked
    [10, 2, 8, 8, 2, 2, 6], // new ones available: two more old ones go
    [10, 2, 2, 0, 10, 10, 0], // unhealthy leftovers are cleaned up
  ])('replicas %i maxUnavailable %i old %i/%i new %i/%i', (replicas, unav, oldR, oldA, newR, newA, expected) => {
    const { dc, updates } = fakeDC();
    const d = dep(replicas, unav === 0 ? 1 : 0, unav);
    const oldRS = rs('foo-old', oldR, oldA);
    const newRS = rs('foo-new', newR, newA);
    const scaled = reconcileOldReplicaSets(dc, [oldRS, newRS], [oldRS], newRS, d);
    expect(scaled).toBe(expected !== undefined);
    if (expected !== undefined) expect(updates.at(-1)).toEqual({ name: 'foo-old', replicas: expected });
  });
});

describe('cleanupUnhealthyReplicas', () => {
  it.each([
    // [old replicas, available, maxCleanupCount, expected cleaned]
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 10, 3, 0],
    [0, 0, 3, 0],
  ])('old %i available %i max %i', (oldR, oldA, max, expected) => {
    const { dc } = fakeDC();
    const [, n] = cleanupUnhealthyReplicas(dc, [rs('foo-old', oldR, oldA)], dep(10, 2, 2), max);
    expect(n).toBe(expected);
  });

  it('goes through the old RSs oldest first', () => {
    const { dc, updates } = fakeDC();
    const a = rs('a', 3, 1, '2026-11-23T09:00:05Z');
    const b = rs('b', 3, 1, '2026-11-23T09:00:01Z');
    cleanupUnhealthyReplicas(dc, [a, b], dep(10, 2, 2), 3);
    expect(updates).toEqual([
      { name: 'b', replicas: 1 },
      { name: 'a', replicas: 2 },
    ]);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate', () => {
  it.each([
    // [replicas, maxUnavailable, old ready, new ready, expected scaled down]
    [10, 0, 10, 0, 0],
    [10, 2, 10, 0, 2],
    [10, 2, 8, 0, 0],
    [10, 2, 10, 2, 4],
  ])('replicas %i maxUnavailable %i old ready %i new ready %i', (replicas, unav, oldA, newA, expected) => {
    const { dc } = fakeDC();
    const d = dep(replicas, unav === 0 ? 1 : 0, unav);
    const oldRS = rs('foo-old', 10, oldA);
    const newRS = rs('foo-new', newA, newA);
    expect(scaleDownOldReplicaSetsForRollingUpdate(dc, [oldRS, newRS], [oldRS], d)).toBe(expected);
  });
});
