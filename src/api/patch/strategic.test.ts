import { describe, expect, it } from 'vitest';
import { GENERIC_INVALID_MESSAGE, PatchError, patchErrorToStatus } from './errors';
import { marshalGo } from './gojson';
import { EMPTY_META, patchMetaForKind } from './mergekeys';
import { applyStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch } from './strategic';

const deploy = patchMetaForKind('apps', 'Deployment');
const pod = patchMetaForKind('', 'Pod');

function deployment(containers: object[], extra: object = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } } },
    ...extra,
  };
}

function patchError(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('expected a PatchError');
}

describe('applyStrategicMergePatch on built-in kinds', () => {
  const live = deployment([
    { name: 'app', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80, protocol: 'TCP' }] },
    { name: 'sidecar', image: 'busybox' },
  ]);
  const containersOf = (o: unknown): unknown => (o as { spec: { template: { spec: { containers: unknown } } } }).spec.template.spec.containers;

  it('merges containers by name and env by name inside the pod template', () => {
    const out = applyStrategicMergePatch(
      live,
      { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26', env: [{ name: 'B', value: 'two' }] }] } } } },
      deploy,
    );
    expect(containersOf(out)).toEqual([
      { name: 'app', image: 'nginx:1.26', env: [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }], ports: [{ containerPort: 80, protocol: 'TCP' }] },
      { name: 'sidecar', image: 'busybox' },
    ]);
  });

  it('applies kubectl set image bytes, keeping the order $setElementOrder gives', () => {
    const patch = JSON.parse('{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],"containers":[{"image":"nginx:1.26","name":"app"}]}}}}');
    const out = applyStrategicMergePatch(live, patch, deploy) as Record<string, unknown>;
    expect((containersOf(out) as { name: string; image: string }[]).map((c) => `${c.name}=${c.image}`)).toEqual(['app=nginx:1.26', 'sidecar=busybox']);
    expect(out).not.toHaveProperty(['spec', 'template', 'spec', '$setElementOrder/containers']);
  });

  it('puts a new list item first when no $setElementOrder is given (upstream ordering)', () => {
    const out = applyStrategicMergePatch(live, { spec: { template: { spec: { containers: [{ name: 'log', image: 'fluent' }] } } } }, deploy);
    expect((containersOf(out) as { name: string }[]).map((c) => c.name)).toEqual(['log', 'app', 'sidecar']);
  });

  it('deletes a list item with $patch: delete and a map key with null', () => {
    const out = applyStrategicMergePatch(
      live,
      { metadata: { labels: { app: null } }, spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
      deploy,
    ) as Record<string, unknown>;
    expect((containersOf(out) as { name: string }[]).map((c) => c.name)).toEqual(['app']);
    expect(out.metadata).toEqual({ name: 'web', labels: {} });
  });

  it('replaces lists that have no merge strategy (tolerations, args) and merges service ports by port', () => {
    const p = { spec: { containers: [{ name: 'c', args: ['a', 'b'] }], tolerations: [{ key: 'x', operator: 'Exists' }] } };
    const out = applyStrategicMergePatch(p, { spec: { containers: [{ name: 'c', args: ['z'] }], tolerations: [{ key: 'y', operator: 'Exists' }] } }, pod);
    expect(out).toEqual({ spec: { containers: [{ name: 'c', args: ['z'] }], tolerations: [{ key: 'y', operator: 'Exists' }] } });
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    const out2 = applyStrategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, patchMetaForKind('', 'Service'));
    expect(out2).toEqual({ spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } });
  });

  it('honours $retainKeys on Deployment spec.strategy', () => {
    const d = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } };
    const out = applyStrategicMergePatch(d, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, deploy);
    expect(out).toEqual({ spec: { strategy: { type: 'Recreate' } } });
    const e = patchError(() => applyStrategicMergePatch(d, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, deploy));
    expect([e.kind, e.message]).toEqual(['BadRequest', 'invalid patch format of retainKeys']);
  });

  it('removes finalizers with $deleteFromPrimitiveList and merges new ones', () => {
    const o = { metadata: { name: 'x', finalizers: ['a', 'b', 'c'] } };
    expect(applyStrategicMergePatch(o, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } }, pod)).toEqual({
      metadata: { name: 'x', finalizers: ['a', 'c'] },
    });
    // Upstream mergeSortedSlice: patch items come first unless the server order places a
    // server-only item before them (traced by hand from strategicpatch.mergeSlice).
    expect(applyStrategicMergePatch(o, { metadata: { finalizers: ['d', 'a'] } }, pod)).toEqual({
      metadata: { name: 'x', finalizers: ['d', 'a', 'b', 'c'] },
    });
    expect(applyStrategicMergePatch(o, { metadata: { finalizers: ['c', 'd'] } }, pod)).toEqual({
      metadata: { name: 'x', finalizers: ['a', 'b', 'c', 'd'] },
    });
  });

  it('merges pod status conditions by type (kubelet-style status patches)', () => {
    const p = { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] } };
    const out = applyStrategicMergePatch(p, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] } }, pod);
    expect(out).toEqual({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] } });
  });

  it('replaces every list of kinds without metadata (custom resources)', () => {
    expect(patchMetaForKind('example.com', 'Widget')).toBe(EMPTY_META);
    const out = applyStrategicMergePatch({ spec: { items: [{ name: 'a' }] } }, { spec: { items: [{ name: 'b' }] } }, EMPTY_META);
    expect(out).toEqual({ spec: { items: [{ name: 'b' }] } });
  });

  it('reports directive misuse with upstream texts and status classes', () => {
    const e1 = patchError(() => applyStrategicMergePatch(live, { spec: { template: { spec: { containers: [{ name: 'app', $patch: 'merge' }] } } } }, deploy));
    expect([e1.kind, e1.message]).toEqual(['InternalError', 'merging lists cannot yet be specified in the patch']);
    expect(patchErrorToStatus(e1)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e1.message, code: 500 });
    const e2 = patchError(() => applyStrategicMergePatch({ metadata: { finalizers: [] } }, { metadata: { finalizers: [['x']] } }, pod));
    expect([e2.kind, e2.message, e2.detail]).toEqual(['Invalid', GENERIC_INVALID_MESSAGE, 'lists of lists are not supported']);
    const e2b = patchError(() => applyStrategicMergePatch({ metadata: { finalizers: ['a'] } }, { metadata: { finalizers: [['x']] } }, pod));
    expect([e2b.kind, e2b.message]).toEqual(['InternalError', 'list element types are not identical: [[a] [[x]]]']);
    const e3 = patchError(() => applyStrategicMergePatch(live, { spec: { $patch: 'frob' } }, deploy));
    expect(e3.message).toBe('unknown patch type: frob in map: map[$patch:frob]');
    const e4 = patchError(() => applyStrategicMergePatch(live, ['not', 'an', 'object'], deploy));
    expect([e4.kind, e4.message]).toEqual(['BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}']);
    const e5 = patchError(() => applyStrategicMergePatch(live, { spec: { template: { spec: { '$setElementOrder/containers': 'x' } } } }, deploy));
    expect(e5.message).toBe('expected a []interface {}, but received a string');
  });

  it('does not mutate its inputs', () => {
    const before = JSON.stringify(live);
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', $patch: 'delete' }] } } } };
    applyStrategicMergePatch(live, patch, deploy);
    expect(JSON.stringify(live)).toBe(before);
    expect(patch.spec.template.spec.containers[0]).toEqual({ name: 'app', $patch: 'delete' });
  });
});

describe('createTwoWayMergePatch (kubectl edit / set)', () => {
  const before = deployment([{ name: 'c', image: 'nginx:1.25' }]);

  it('matches kubectl set image bytes', () => {
    const after = deployment([{ name: 'c', image: 'nginx:1.26' }]);
    expect(marshalGo(createTwoWayMergePatch(before, after, deploy))).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"}],"containers":[{"image":"nginx:1.26","name":"c"}]}}}}',
    );
  });

  it('is {} when nothing changed', () => {
    expect(createTwoWayMergePatch(before, structuredClone(before), deploy)).toEqual({});
  });

  it('deletes a removed container with a directive and orders the rest', () => {
    const two = deployment([{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }]);
    const one = deployment([{ name: 'a', image: 'x' }]);
    const patch = createTwoWayMergePatch(two, one, deploy);
    expect(marshalGo(patch)).toBe('{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"$patch":"delete","name":"b"}]}}}}');
    expect(applyStrategicMergePatch(two, patch, deploy)).toEqual(one);
  });

  it('builds $retainKeys when the Deployment strategy type changes', () => {
    const a = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const b = { spec: { strategy: { type: 'Recreate' } } };
    expect(marshalGo(createTwoWayMergePatch(a, b, deploy))).toBe('{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}');
  });

  it('uses $deleteFromPrimitiveList for merging string lists and round-trips env edits', () => {
    const a = { metadata: { finalizers: ['x', 'y'] }, spec: { containers: [{ name: 'c', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] } };
    const b = { metadata: { finalizers: ['x'] }, spec: { containers: [{ name: 'c', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }] }] } };
    const patch = createTwoWayMergePatch(a, b, pod);
    expect(marshalGo(patch)).toBe(
      '{"metadata":{"$deleteFromPrimitiveList/finalizers":["y"],"$setElementOrder/finalizers":["x"]},' +
        '"spec":{"$setElementOrder/containers":[{"name":"c"}],"containers":[{"$setElementOrder/env":[{"name":"B"},{"name":"C"}],' +
        '"env":[{"name":"B","value":"3"},{"name":"C","value":"4"},{"$patch":"delete","name":"A"}],"name":"c"}]}}',
    );
    expect(applyStrategicMergePatch(a, patch, pod)).toEqual(b);
  });

  it('escapes like Go json.Marshal', () => {
    expect(marshalGo({ b: 'x && y <z>', a: 1 })).toBe('{"a":1,"b":"x \\u0026\\u0026 y \\u003cz\\u003e"}');
  });
});

describe('createThreeWayMergePatch (kubectl apply)', () => {
  const cfg = deployment([{ name: 'c', image: 'nginx:1.25' }]);
  // The live object: defaults, status and fields written by others.
  const live = deployment(
    [{ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' }],
    { status: { replicas: 2, conditions: [{ type: 'Available', status: 'True' }] } },
  );
  (live.metadata as Record<string, unknown>).annotations = { 'deployment.kubernetes.io/revision': '1' };

  it('is {} when the config did not change', () => {
    expect(createThreeWayMergePatch(cfg, cfg, live, deploy)).toEqual({});
  });

  it('sends only the image change, in kubectl shape', () => {
    const next = deployment([{ name: 'c', image: 'nginx:1.26' }]);
    expect(marshalGo(createThreeWayMergePatch(cfg, next, live, deploy))).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"}],"containers":[{"image":"nginx:1.26","name":"c"}]}}}}',
    );
  });

  it('adds new fields and deletes fields that left the config, keeping others\u2019 fields', () => {
    const prev = { ...cfg, metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } } };
    const liveWithTier = { ...live, metadata: { ...(live.metadata as object), labels: { app: 'web', tier: 'fe', team: 'x' } } };
    const next = { ...cfg, spec: { ...(cfg.spec as object), minReadySeconds: 5 } };
    const patch = createThreeWayMergePatch(prev, next, liveWithTier, deploy);
    expect(marshalGo(patch)).toBe('{"metadata":{"labels":{"tier":null}},"spec":{"minReadySeconds":5}}');
    const applied = applyStrategicMergePatch(liveWithTier, patch, deploy) as Record<string, { labels?: unknown; annotations?: unknown }>;
    expect(applied.metadata.labels).toEqual({ app: 'web', team: 'x' });
    expect(applied.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
  });

  it('restores a value someone else changed when the config sets it', () => {
    const scaled = { ...live, spec: { ...(live.spec as object), replicas: 5 } };
    expect(createThreeWayMergePatch(cfg, cfg, scaled, deploy)).toEqual({ spec: { replicas: 2 } });
  });

  it('deletes a container removed from the config', () => {
    const two = deployment([{ name: 'c', image: 'nginx:1.25' }, { name: 'd', image: 'busybox' }]);
    const liveTwo = deployment([{ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }, { name: 'd', image: 'busybox' }]);
    const patch = createThreeWayMergePatch(two, cfg, liveTwo, deploy);
    expect(marshalGo(patch)).toBe('{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"}],"containers":[{"$patch":"delete","name":"d"}]}}}}');
    expect(applyStrategicMergePatch(liveTwo, patch, deploy)).toEqual(deployment([{ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }]));
  });

  it('switching to Recreate clears the server-defaulted rollingUpdate through $retainKeys', () => {
    const prev = { spec: { strategy: { type: 'RollingUpdate' } } };
    const next = { spec: { strategy: { type: 'Recreate' } } };
    const current = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } };
    const patch = createThreeWayMergePatch(prev, next, current, deploy);
    expect(marshalGo(patch)).toBe('{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}');
    expect(applyStrategicMergePatch(current, patch, deploy)).toEqual(next);
  });

  it('with overwrite=false, refuses to override a conflicting live change', () => {
    const scaled = { ...live, spec: { ...(live.spec as object), replicas: 5 } };
    const e = patchError(() => createThreeWayMergePatch(cfg, cfg, scaled, deploy, false));
    expect(e.kind).toBe('Conflict');
    expect(e.message).toMatch(/^patch:\n.*\nconflicts with changes made from original to current:\n/s);
  });
});

describe('patchMetaForKind', () => {
  it('carries upstream tags for pod templates in every workload', () => {
    for (const [g, k] of [['apps', 'Deployment'], ['apps', 'StatefulSet'], ['apps', 'DaemonSet'], ['apps', 'ReplicaSet'], ['', 'ReplicationController'], ['batch', 'Job']]) {
      const c = patchMetaForKind(g, k).fields!.spec.fields!.template.fields!.spec.fields!.containers;
      expect(c).toMatchObject({ strategy: 'merge', mergeKey: 'name' });
      expect(c.items!.fields!.ports).toMatchObject({ mergeKey: 'containerPort' });
      expect(c.items!.fields!.volumeMounts).toMatchObject({ mergeKey: 'mountPath' });
    }
    const cron = patchMetaForKind('batch', 'CronJob').fields!.spec.fields!.jobTemplate.fields!.spec.fields!.template;
    expect(cron.fields!.spec.fields!.volumes).toEqual({ strategy: 'merge,retainKeys', mergeKey: 'name' });
    expect(patchMetaForKind('', 'Node').fields!.status.fields!.addresses).toEqual({ strategy: 'merge', mergeKey: 'type' });
    expect(patchMetaForKind('', 'ConfigMap').fields!.metadata.fields!.ownerReferences).toEqual({ strategy: 'merge', mergeKey: 'uid' });
    expect(patchMetaForKind('', 'Pod').fields!.spec.fields!.tolerations).toBeUndefined();
  });
});
