import { describe, expect, it } from 'vitest';
import { statusEqual } from './sync';

const cond = (status: string) => ({ type: 'Available', status, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: 't1', lastTransitionTime: 't1' });

describe('statusEqual (compactStatus, then semantic equality)', () => {
  it('differs as soon as a counter differs', () => {
    expect(statusEqual({ replicas: 3, readyReplicas: 2 }, { replicas: 3, readyReplicas: 3 })).toBe(false);
    expect(statusEqual({ observedGeneration: 1 }, { observedGeneration: 2 })).toBe(false);
  });

  it('treats a zero counter as an absent one, as compactStatus drops it', () => {
    expect(statusEqual({ replicas: 0, unavailableReplicas: 0 }, {})).toBe(true);
    expect(statusEqual(undefined, { readyReplicas: 0 })).toBe(true);
    expect(statusEqual(undefined, { readyReplicas: 1 })).toBe(false);
  });

  it('with equal counters, compares the conditions and collisionCount', () => {
    const base = { replicas: 2, readyReplicas: 2, availableReplicas: 2 };
    expect(statusEqual({ ...base, conditions: [cond('True')] }, { ...base, conditions: [cond('True')] })).toBe(true);
    expect(statusEqual({ ...base, conditions: [cond('True')] }, { ...base, conditions: [cond('False')] })).toBe(false);
    expect(statusEqual({ ...base, collisionCount: 1 }, base)).toBe(false);
  });
});
