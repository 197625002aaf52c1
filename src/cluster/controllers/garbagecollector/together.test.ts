import { describe, expect, it } from 'vitest';
import { startGarbageCollector } from './index';
import { startReplicaSetController } from '../replicaset';
import { replicaSet, testCluster } from '../replicaset/testutil';

const RS = '/apis/apps/v1/namespaces/default/replicasets';
const PODS = '/api/v1/namespaces/default/pods';

describe('garbage collector with the ReplicaSet controller running', () => {
  for (const policy of ['Background', 'Foreground'] as const) {
    it(`${policy}: deleting a ReplicaSet removes its pods and nothing is recreated`, () => {
      const t = testCluster();
      startReplicaSetController(t.ctx);
      startGarbageCollector(t.ctx);
      t.ctx.informers.start();
      t.post(RS, replicaSet('web', 3, { app: 'web' }));
      t.c.clock.advance(1);
      expect(t.list(PODS)).toHaveLength(3);
      t.call({ verb: 'DELETE', path: `${RS}/web`, body: { propagationPolicy: policy } });
      t.c.clock.advance(1000);
      expect(t.list(RS)).toEqual([]);
      expect(t.list(PODS)).toEqual([]);
    });
  }

  it('Orphan: the pods stay, ownerless, and a new ReplicaSet with the same selector adopts them', () => {
    const t = testCluster();
    startReplicaSetController(t.ctx);
    startGarbageCollector(t.ctx);
    t.ctx.informers.start();
    t.post(RS, replicaSet('web', 2, { app: 'web' }));
    t.c.clock.advance(1);
    const before = t.list(PODS).map((p) => p.metadata.uid);
    t.call({ verb: 'DELETE', path: `${RS}/web`, body: { propagationPolicy: 'Orphan' } });
    t.c.clock.advance(1);
    expect(t.list(RS)).toEqual([]);
    expect(t.list(PODS).every((p) => !p.metadata.ownerReferences?.length)).toBe(true);
    const again = t.post(RS, replicaSet('web2', 2, { app: 'web' }));
    t.c.clock.advance(1);
    const pods = t.list(PODS);
    expect(pods.map((p) => p.metadata.uid)).toEqual(before);
    expect(pods.every((p) => p.metadata.ownerReferences?.[0].uid === again.metadata.uid)).toBe(true);
  });
});
