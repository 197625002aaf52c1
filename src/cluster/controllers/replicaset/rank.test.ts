import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types';
import { getPodsToDelete, sortForDeletion } from './rank';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString().replace('.000Z', 'Z');

interface P {
  name: string;
  node?: string;
  phase?: string;
  ready?: boolean;
  readyAgo?: number;
  createdAgo?: number;
  restarts?: number;
  cost?: string;
}

function pod(p: P): KubeObject {
  return {
    metadata: {
      name: p.name,
      uid: `uid-${p.name}`,
      creationTimestamp: iso(p.createdAgo ?? 3_600_000),
      ...(p.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': p.cost } } : {}),
    },
    spec: p.node ? { nodeName: p.node } : {},
    status: {
      phase: p.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: p.ready ? 'True' : 'False', lastTransitionTime: iso(p.readyAgo ?? 3_600_000) }],
      containerStatuses: [{ restartCount: p.restarts ?? 0 }],
    },
  };
}

const names = (ps: KubeObject[]) => ps.map((p) => p.metadata.name);

describe('ActivePodsWithRanks ordering (controller_utils.go)', () => {
  it('unassigned < assigned', () => {
    expect(names(sortForDeletion([pod({ name: 'a', node: 'n1', ready: true }), pod({ name: 'u', phase: 'Pending' })], [0, 0], NOW))).toEqual(['u', 'a']);
  });

  it('Pending < Unknown < Running', () => {
    const ps = [pod({ name: 'run', node: 'n' }), pod({ name: 'unk', node: 'n', phase: 'Unknown' }), pod({ name: 'pend', node: 'n', phase: 'Pending' })];
    expect(names(sortForDeletion(ps, [0, 0, 0], NOW))).toEqual(['pend', 'unk', 'run']);
  });

  it('not ready < ready', () => {
    expect(names(sortForDeletion([pod({ name: 'r', node: 'n', ready: true }), pod({ name: 'nr', node: 'n' })], [0, 0], NOW))).toEqual(['nr', 'r']);
  });

  it('lower pod-deletion-cost first; unparsable costs count as 0', () => {
    const ps = [pod({ name: 'hi', node: 'n', cost: '100' }), pod({ name: 'bad', node: 'n', cost: 'x' }), pod({ name: 'lo', node: 'n', cost: '-5' })];
    expect(names(sortForDeletion(ps, [0, 0, 0], NOW))).toEqual(['lo', 'bad', 'hi']);
  });

  it('pods doubled up on a node go first', () => {
    const ps = [pod({ name: 'alone', node: 'n1', ready: true }), pod({ name: 'crowded', node: 'n2', ready: true })];
    expect(names(sortForDeletion(ps, [1, 3], NOW))).toEqual(['crowded', 'alone']);
  });

  it('ready for less time first, compared on a log scale', () => {
    const ps = [pod({ name: 'old', node: 'n', ready: true, readyAgo: 3_600_000 }), pod({ name: 'new', node: 'n', ready: true, readyAgo: 5_000 })];
    expect(names(sortForDeletion(ps, [0, 0], NOW))).toEqual(['new', 'old']);
  });

  it('more restarts first, then newer first', () => {
    const ps = [pod({ name: 'calm', node: 'n' }), pod({ name: 'flappy', node: 'n', restarts: 4 })];
    expect(names(sortForDeletion(ps, [0, 0], NOW))).toEqual(['flappy', 'calm']);
    const byAge = [pod({ name: 'older', node: 'n', createdAgo: 7_200_000 }), pod({ name: 'newer', node: 'n', createdAgo: 10_000 })];
    expect(names(sortForDeletion(byAge, [0, 0], NOW))).toEqual(['newer', 'older']);
  });

  it('same log2 age bucket: ties broken by uid', () => {
    const ps = [pod({ name: 'b', node: 'n', createdAgo: 3_000_000 }), pod({ name: 'a', node: 'n', createdAgo: 3_100_000 })];
    expect(names(sortForDeletion(ps, [0, 0], NOW))).toEqual(['a', 'b']);
  });

  it('getPodsToDelete ranks by related active pods on the same node', () => {
    const mine = [pod({ name: 'm1', node: 'n1', ready: true }), pod({ name: 'm2', node: 'n2', ready: true })];
    // An older ReplicaSet of the same Deployment still has two pods on n2.
    const related = [...mine, pod({ name: 'o1', node: 'n2', ready: true }), pod({ name: 'o2', node: 'n2', ready: true })];
    expect(names(getPodsToDelete(mine, related, 1, NOW))).toEqual(['m2']);
    // Deleting all of them needs no ranking.
    expect(names(getPodsToDelete(mine, related, 2, NOW))).toEqual(['m1', 'm2']);
  });
});
