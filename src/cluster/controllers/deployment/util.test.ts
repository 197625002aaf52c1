// Unit tests in the style of deployment_util_test.go and controller_utils_test.go.
import { describe, expect, it } from 'vitest';
import { computeHash, fnv32a, safeEncodeString } from './hash';
import {
  cloneSharingTemplate,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getProportion,
  isSaturated,
  lastRevision,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  setDeploymentCondition,
  setNewReplicaSetAnnotations,
  type Deployment,
  type DeploymentStatus,
  type ReplicaSet,
} from './util';
import type { IntOrString } from '../../../api/intstr';

const T0 = '2026-11-23T09:00:00Z';

function tmpl(image: string, extraLabels: Record<string, string> = {}) {
  return { metadata: { labels: { app: 'web', ...extraLabels } }, spec: { containers: [{ name: 'c', image }] } };
}

function dep(replicas: number, opts: { surge?: IntOrString; unavailable?: IntOrString; recreate?: boolean; image?: string; generation?: number; status?: DeploymentStatus; deadline?: number } = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: opts.generation ?? 1 },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: tmpl(opts.image ?? 'nginx:1'),
      strategy: opts.recreate
        ? { type: 'Recreate' }
        : { type: 'RollingUpdate', rollingUpdate: { maxSurge: opts.surge ?? '25%', maxUnavailable: opts.unavailable ?? '25%' } },
      progressDeadlineSeconds: opts.deadline ?? 600,
      revisionHistoryLimit: 10,
    },
    status: opts.status ?? {},
  };
}

let seq = 0;
function rs(replicas: number, opts: { image?: string; available?: number; revision?: string; created?: string; name?: string; annotations?: Record<string, string> } = {}): ReplicaSet {
  const name = opts.name ?? `rs-${seq++}`;
  const annotations: Record<string, string> = { ...(opts.annotations ?? {}) };
  if (opts.revision !== undefined) annotations['deployment.kubernetes.io/revision'] = opts.revision;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `${name}-uid`, creationTimestamp: opts.created ?? T0, annotations },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: tmpl(opts.image ?? 'nginx:1', { 'pod-template-hash': name }) },
    status: { replicas, availableReplicas: opts.available ?? replicas, readyReplicas: opts.available ?? replicas },
  };
}

describe('ComputeHash', () => {
  it('is FNV-32a printed in decimal and mapped onto the safe alphabet', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is short, from the alphabet, deterministic, and blind to null vs absent', () => {
    const a = computeHash(tmpl('nginx:1'));
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(computeHash(tmpl('nginx:1'))).toBe(a);
    const withNull = { metadata: { creationTimestamp: null, labels: { app: 'web' }, annotations: {} }, spec: { containers: [{ name: 'c', image: 'nginx:1', env: [] }] } };
    expect(computeHash(withNull as never)).toBe(a);
    // Key order does not matter.
    expect(computeHash({ spec: { containers: [{ image: 'nginx:1', name: 'c' }] }, metadata: { labels: { app: 'web' } } })).toBe(a);
    expect(computeHash(tmpl('nginx:2'))).not.toBe(a);
  });

  it('changes with collisionCount (and 0 differs from nil)', () => {
    const t = tmpl('nginx:1');
    const hashes = new Set([computeHash(t), computeHash(t, 0), computeHash(t, 1), computeHash(t, 2)]);
    expect(hashes.size).toBe(4);
  });
});

describe('ResolveFenceposts / MaxSurge / MaxUnavailable', () => {
  it.each([
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 1, 1, 0],
    ['25%', '25%', 10, 3, 2],
    [0, 0, 10, 0, 1],
    [2, '50%', 5, 2, 2],
  ] as const)('surge %s unavailable %s of %i → %i/%i', (s, u, desired, es, eu) => {
    expect(resolveFenceposts(s, u, desired)).toEqual([es, eu]);
  });

  it('rejects strings that are not percentages', () => {
    expect(() => resolveFenceposts('oops', '0%', 1)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
    expect(() => resolveFenceposts('55%', 'urg', 1)).toThrow(/invalid value for IntOrString/);
  });

  it('MaxUnavailable is capped at replicas and 0 for Recreate or 0 replicas', () => {
    expect(maxUnavailable(dep(10, { unavailable: '25%' }))).toBe(2);
    expect(maxUnavailable(dep(10, { unavailable: 5 }))).toBe(5);
    expect(maxUnavailable(dep(5, { unavailable: 10 }))).toBe(5);
    expect(maxUnavailable(dep(0, { unavailable: 1 }))).toBe(0);
    expect(maxUnavailable(dep(10, { recreate: true }))).toBe(0);
    expect(maxUnavailable(dep(1, { surge: 0, unavailable: '25%' }))).toBe(1);
    expect(maxSurge(dep(10))).toBe(3);
    expect(maxSurge(dep(10, { recreate: true }))).toBe(0);
  });
});

describe('NewRSNewReplicas', () => {
  it.each([
    // [name, deployment replicas, surge, new RS replicas, old RS replicas, expected]
    ['can not scale up: at the surge limit', 1, 1, 1, [1], 1],
    ['scale up to the surge limit', 10, 3, 0, [10], 3],
    ['scale up, bounded by deployment replicas', 6, 10, 2, [4], 6],
    ['surge already used by old RSs', 4, 1, 1, [4], 1],
  ] as const)('%s', (_n, replicas, surge, newReplicas, old, expected) => {
    const d = dep(replicas, { surge, unavailable: 0 });
    const n = rs(newReplicas);
    expect(newRSNewReplicas(d, [...old.map((o) => rs(o)), n], n)).toBe(expected);
  });

  it('Recreate goes straight to the deployment replicas', () => {
    const d = dep(6, { recreate: true });
    const n = rs(0);
    expect(newRSNewReplicas(d, [rs(3), n], n)).toBe(6);
  });
});

describe('revisions and annotations', () => {
  it('MaxRevision and LastRevision skip unparsable revisions', () => {
    const list = [rs(0, { revision: '1' }), rs(0, { revision: '3' }), rs(0, { revision: 'x' }), rs(0, { revision: '2' })];
    expect(maxRevision(list)).toBe(3);
    expect(lastRevision(list)).toBe(2);
    expect(lastRevision([rs(0, { revision: '7' })])).toBe(0);
  });

  it('SetNewReplicaSetAnnotations on a new RS: revision, desired and max replicas, copied annotations', () => {
    const d = dep(4);
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'x', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '9' };
    const r = rs(0);
    expect(setNewReplicaSetAnnotations(d, r, '1', false)).toBe(true);
    expect(r.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'x',
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '5',
    });
    expect(setNewReplicaSetAnnotations(d, r, '1', true)).toBe(false);
  });

  it('an existing RS moving to a newer revision keeps the old numbers in revision-history', () => {
    const d = dep(4);
    const r = rs(0, { revision: '2' });
    expect(setNewReplicaSetAnnotations(d, r, '4', true)).toBe(true);
    expect(r.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
    expect(r.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('2');
    setNewReplicaSetAnnotations(d, r, '6', true);
    expect(r.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('2,4');
    // A lower revision never moves it back.
    expect(setNewReplicaSetAnnotations(d, r, '5', true)).toBe(false);
  });

  it('revision-history is trimmed from the front to the length limit', () => {
    const r = rs(0, { revision: '10', annotations: { 'deployment.kubernetes.io/revision-history': '1,2,3' } });
    setNewReplicaSetAnnotations(dep(1), r, '11', true, 5);
    expect(r.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('3,10');
  });
});

describe('finding ReplicaSets', () => {
  it('EqualIgnoreHash ignores the hash label and null vs absent', () => {
    const a = tmpl('nginx:1', { 'pod-template-hash': 'abc' });
    const b = { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } };
    expect(equalIgnoreHash(a, b as never)).toBe(true);
    expect(equalIgnoreHash(a, tmpl('nginx:2'))).toBe(false);
    expect(equalIgnoreHash(tmpl('nginx:1', { x: 'y' }), tmpl('nginx:1'))).toBe(false);
  });

  it('EqualIgnoreHash gives the same answers for stored (frozen, memoized) templates', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') {
        Object.values(o).forEach(deepFreeze);
        Object.freeze(o);
      }
      return o;
    };
    const a = deepFreeze(tmpl('nginx:1', { 'pod-template-hash': 'abc' }));
    const b = deepFreeze(tmpl('nginx:2', { 'pod-template-hash': 'abc' }));
    for (let i = 0; i < 2; i++) {
      expect(equalIgnoreHash(a, tmpl('nginx:1'))).toBe(true);
      expect(equalIgnoreHash(b, tmpl('nginx:1'))).toBe(false);
      expect(equalIgnoreHash(a, b)).toBe(false);
    }
    // The memo never leaks into the caller's copy: the hash label is still on the template.
    expect((a.metadata?.labels as Record<string, string> | undefined)?.['pod-template-hash']).toBe('abc');
  });

  it('cloneSharingTemplate copies all but the template, keeping key order', () => {
    const template = Object.freeze(tmpl('nginx:1'));
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', annotations: { a: 'b' } }, spec: { replicas: 3, template, selector: { matchLabels: { app: 'web' } } }, status: { replicas: 1 } };
    const c = cloneSharingTemplate(d as never as Deployment);
    expect(c.spec.template).toBe(template);
    expect(JSON.stringify(c)).toBe(JSON.stringify(d));
    expect(Object.keys(c.spec)).toEqual(['replicas', 'template', 'selector']);
    expect(c.metadata).not.toBe(d.metadata);
    expect(c.metadata.annotations).not.toBe(d.metadata.annotations);
    expect(c.status).not.toBe(d.status);
  });

  it('FindNewReplicaSet picks the oldest RS with the template; FindOldReplicaSets the rest', () => {
    const d = dep(3, { image: 'nginx:2' });
    const old1 = rs(0, { image: 'nginx:1', created: '2026-01-01T00:00:00Z' });
    const old2 = rs(2, { image: 'nginx:1', created: '2026-01-01T00:00:01Z' });
    const newer = rs(1, { image: 'nginx:2', created: '2026-01-01T00:00:03Z' });
    const oldest = rs(1, { image: 'nginx:2', created: '2026-01-01T00:00:02Z' });
    expect(findNewReplicaSet(d, [old1, old2, newer, oldest])).toBe(oldest);
    const [required, all] = findOldReplicaSets(d, [old1, old2, newer, oldest]);
    expect(required).toEqual([old2, newer]);
    expect(all).toEqual([old1, old2, newer]);
  });

  it('FindActiveOrLatest', () => {
    const a = rs(0, { created: '2026-01-01T00:00:00Z' });
    const b = rs(0, { created: '2026-01-01T00:00:01Z' });
    const c = rs(3, { created: '2026-01-01T00:00:02Z' });
    expect(findActiveOrLatest(undefined, [a, b])).toBe(b);
    expect(findActiveOrLatest(a, [b])).toBe(a);
    expect(findActiveOrLatest(a, [b, c])).toBe(c);
    expect(findActiveOrLatest(rs(1), [c])).toBeUndefined();
    expect(findActiveOrLatest(undefined, [])).toBeUndefined();
  });

  it('IsSaturated needs replicas, the desired annotation and availability to agree', () => {
    const d = dep(3);
    expect(isSaturated(d, rs(3, { annotations: { 'deployment.kubernetes.io/desired-replicas': '3' } }))).toBe(true);
    expect(isSaturated(d, rs(3, { available: 2, annotations: { 'deployment.kubernetes.io/desired-replicas': '3' } }))).toBe(false);
    expect(isSaturated(d, rs(3))).toBe(false);
    expect(isSaturated(d, undefined)).toBe(false);
  });

  it('GetProportion follows max-replicas and stays within what is left', () => {
    const d = dep(8, { surge: 2, unavailable: 0 });
    const r = rs(3, { annotations: { 'deployment.kubernetes.io/max-replicas': '5' } });
    expect(getProportion(r, d, 5, 0)).toBe(3);
    expect(getProportion(r, d, 5, 4)).toBe(1);
    expect(getProportion(r, dep(0), -3, 0)).toBe(-3);
    expect(getProportion(rs(0), d, 5, 0)).toBe(0);
  });
});

describe('progress', () => {
  it('DeploymentComplete', () => {
    const d = dep(3, { generation: 2 });
    expect(deploymentComplete(d, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 2 })).toBe(true);
    expect(deploymentComplete(d, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 })).toBe(false);
    expect(deploymentComplete(d, { replicas: 4, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 2 })).toBe(false);
    expect(deploymentComplete(d, { replicas: 3, updatedReplicas: 3, availableReplicas: 2, observedGeneration: 2 })).toBe(false);
  });

  it('DeploymentProgressing', () => {
    const d = dep(3, { status: { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 } });
    expect(deploymentProgressing(d, { replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 })).toBe(true);
    expect(deploymentProgressing(d, { replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 })).toBe(true);
    expect(deploymentProgressing(d, { replicas: 4, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 3 })).toBe(true);
    expect(deploymentProgressing(d, { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 })).toBe(false);
  });

  it('DeploymentTimedOut compares lastUpdateTime + deadline with now', () => {
    const d = dep(3, { deadline: 600 });
    const at = Date.parse(T0);
    const st = (reason: string): DeploymentStatus => ({ conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: T0, lastTransitionTime: T0 }] });
    expect(deploymentTimedOut(d, st('ReplicaSetUpdated'), at + 600_000)).toBe(false);
    expect(deploymentTimedOut(d, st('ReplicaSetUpdated'), at + 600_001)).toBe(true);
    expect(deploymentTimedOut(d, st('NewReplicaSetAvailable'), at + 10_000_000)).toBe(false);
    expect(deploymentTimedOut(d, st('ProgressDeadlineExceeded'), at)).toBe(true);
    expect(deploymentTimedOut(d, {}, at + 10_000_000)).toBe(false);
  });

  it('SetDeploymentCondition keeps lastTransitionTime while the status holds', () => {
    const s: DeploymentStatus = {};
    setDeploymentCondition(s, { type: 'Progressing', status: 'True', reason: 'A', lastTransitionTime: 't1', lastUpdateTime: 't1' });
    setDeploymentCondition(s, { type: 'Progressing', status: 'True', reason: 'A', lastTransitionTime: 't2', lastUpdateTime: 't2' });
    expect(s.conditions?.[0].lastUpdateTime).toBe('t1');
    setDeploymentCondition(s, { type: 'Progressing', status: 'True', reason: 'B', lastTransitionTime: 't3', lastUpdateTime: 't3' });
    expect(s.conditions?.[0]).toMatchObject({ reason: 'B', lastTransitionTime: 't1', lastUpdateTime: 't3' });
    setDeploymentCondition(s, { type: 'Progressing', status: 'False', reason: 'C', lastTransitionTime: 't4', lastUpdateTime: 't4' });
    expect(s.conditions?.[0]).toMatchObject({ reason: 'C', lastTransitionTime: 't4' });
  });
});
