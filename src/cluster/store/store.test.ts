import { describe, expect, it } from 'vitest';
import { Store } from './store';
import { StoreError } from './errors';
import { names, node, pod, sel } from './test-helpers';

function caught(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

describe('Store revisions and CRUD', () => {
  it('starts at revision 1; each write takes the next revision as resourceVersion', () => {
    const s = new Store();
    expect(s.revision()).toBe(1);
    const a = s.create('pods', pod('a'));
    expect(a.metadata.resourceVersion).toBe('2');
    const b = s.create('pods', pod('b'));
    expect(b.metadata.resourceVersion).toBe('3');
    const a2 = s.update('pods', { ...a, spec: { x: 1 } });
    expect(a2.metadata.resourceVersion).toBe('4');
    const d = s.delete('pods', 'default', 'b');
    expect(d.metadata.resourceVersion).toBe('5');
    expect(s.revision()).toBe(5);
  });

  it('honours a configured start revision', () => {
    const s = new Store({ startRevision: 100 });
    expect(s.create('pods', pod('a')).metadata.resourceVersion).toBe('101');
  });

  it('createOwned keeps the handed-over object itself, stamped and deep-frozen', () => {
    const s = new Store();
    const input = pod('a', 'default', { app: 'web' });
    const stored = s.createOwned('pods', input);
    expect(stored).toBe(input);
    expect(stored.metadata.resourceVersion).toBe('2');
    expect(Object.isFrozen(stored.metadata.labels)).toBe(true);
    expect(s.get('pods', 'default', 'a')).toBe(input);
    const loose = new Store({ freeze: false });
    const copy = pod('b');
    expect(loose.createOwned('pods', copy)).not.toBe(copy);
  });

  it('an update equal as JSON (key order aside) is a no-op; a change shares what it leaves alone', () => {
    const s = new Store();
    const a = s.create('pods', { ...pod('a', 'default', { app: 'web', tier: 'fe' }), spec: { c: [1] } });
    const reordered = { ...a, metadata: { ...a.metadata, labels: { tier: 'fe', app: 'web' } } };
    expect(s.update('pods', reordered)).toBe(a);
    const b = s.update('pods', { ...a, status: { phase: 'Running' } });
    expect(b.metadata.resourceVersion).toBe('3');
    expect(b.spec).toBe(a.spec);
    expect(b.metadata.labels).toBe(a.metadata.labels);
  });

  it('stores a private frozen copy', () => {
    const s = new Store();
    const input = pod('a', 'default', { app: 'web' });
    const stored = s.create('pods', input);
    input.metadata.labels!.app = 'changed';
    expect(s.get('pods', 'default', 'a')!.metadata.labels!.app).toBe('web');
    expect(stored).toBe(s.get('pods', 'default', 'a'));
    expect(Object.isFrozen(stored.metadata.labels)).toBe(true);
    expect(() => {
      (stored.metadata as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect(input.metadata.resourceVersion).toBeUndefined();
  });

  it('create of an existing key fails with KeyExists and the current object', () => {
    const s = new Store();
    const a = s.create('pods', pod('a'));
    const err = caught(() => s.create('pods', pod('a')));
    expect(err.code).toBe('KeyExists');
    expect(err.current).toBe(a);
    expect(s.revision()).toBe(2);
    // Same name in another namespace or resource is a different key.
    s.create('pods', pod('a', 'other'));
    s.create('services', pod('a'));
    expect(s.count('pods')).toBe(2);
  });

  it('update and delete of a missing key fail with KeyNotFound', () => {
    const s = new Store();
    expect(caught(() => s.update('pods', pod('a'))).code).toBe('KeyNotFound');
    expect(caught(() => s.delete('pods', 'default', 'a')).code).toBe('KeyNotFound');
    expect(caught(() => s.guaranteedUpdate('pods', 'default', 'a', (o) => o)).code).toBe('KeyNotFound');
    expect(s.revision()).toBe(1);
  });

  it('compare-and-swap: a stale expectedResourceVersion is a Conflict carrying the current object', () => {
    const s = new Store();
    const v1 = s.create('pods', pod('a'));
    const v2 = s.update('pods', { ...v1, spec: { n: 1 } }, { expectedResourceVersion: '2' });
    expect(v2.metadata.resourceVersion).toBe('3');
    const err = caught(() => s.update('pods', { ...v1, spec: { n: 2 } }, { expectedResourceVersion: '2' }));
    expect(err.code).toBe('Conflict');
    expect(err.current).toBe(v2);
    expect(s.get('pods', 'default', 'a')!.spec).toEqual({ n: 1 });
    expect(caught(() => s.delete('pods', 'default', 'a', { expectedResourceVersion: '2' })).code).toBe('Conflict');
    expect(s.revision()).toBe(3);
  });

  it('delete checks the UID precondition', () => {
    const s = new Store();
    s.create('pods', pod('a', 'default', undefined, { metadata: { name: 'a', namespace: 'default', uid: 'u1' } }));
    const err = caught(() => s.delete('pods', 'default', 'a', { expectedUID: 'u0' }));
    expect(err.code).toBe('Conflict');
    expect(err.message).toBe('Precondition failed: UID in precondition: u0, UID in object meta: u1');
    expect(s.delete('pods', 'default', 'a', { expectedUID: 'u1' }).metadata.uid).toBe('u1');
    expect(s.get('pods', 'default', 'a')).toBeUndefined();
  });

  it('delete returns the last state stamped with the deletion revision', () => {
    const s = new Store();
    s.create('pods', pod('a', 'default', { app: 'web' }));
    const gone = s.delete('pods', 'default', 'a');
    expect(gone.metadata.resourceVersion).toBe('3');
    expect(gone.metadata.labels).toEqual({ app: 'web' });
    expect(s.count('pods')).toBe(0);
  });

  it('an update that changes nothing is a no-op: no revision, same object back', () => {
    const s = new Store();
    const v1 = s.create('pods', pod('a', 'default', { app: 'web' }, { spec: { x: [1, 2] } }));
    const same = s.update('pods', { ...v1, metadata: { ...v1.metadata, resourceVersion: '999' } });
    expect(same).toBe(v1);
    expect(s.revision()).toBe(2);
  });

  it('guaranteedUpdate hands out a mutable copy; null means no change', () => {
    const s = new Store();
    s.create('pods', pod('a', 'default', { app: 'web' }));
    const out = s.guaranteedUpdate('pods', 'default', 'a', (cur) => {
      cur.metadata.labels!.app = 'db';
      return cur;
    });
    expect(out.metadata.labels).toEqual({ app: 'db' });
    expect(out.metadata.resourceVersion).toBe('3');
    const same = s.guaranteedUpdate('pods', 'default', 'a', () => null);
    expect(same).toBe(out);
    expect(s.revision()).toBe(3);
    expect(() => s.guaranteedUpdate('pods', 'default', 'a', (cur) => ({ ...cur, metadata: { ...cur.metadata, name: 'b' } }))).toThrow(TypeError);
  });
});

describe('Store list', () => {
  it('lists in etcd key order (namespace then name) with the current revision', () => {
    const s = new Store();
    for (const [ns, n] of [['kube', 'b'], ['kube-system', 'z'], ['default', 'b'], ['kube', 'a'], ['default', 'a10'], ['default', 'a2']]) {
      s.create('pods', pod(n!, ns));
    }
    const r = s.list('pods');
    // '-' (0x2d) sorts before '/' (0x2f), so etcd puts kube-system/... before kube/...
    expect(names(r.items)).toEqual(['default/a10', 'default/a2', 'default/b', 'kube-system/z', 'kube/a', 'kube/b']);
    expect(r.revision).toBe(7);
    expect(names(s.list('pods', { namespace: 'kube' }).items)).toEqual(['kube/a', 'kube/b']);
    expect(s.list('pods', { namespace: 'nope' }).items).toEqual([]);
    expect(s.list('unknown').items).toEqual([]);
    expect(s.count('pods', 'default')).toBe(3);
    expect(s.count('pods')).toBe(6);
  });

  it('list revision moves with writes to any resource', () => {
    const s = new Store();
    s.create('pods', pod('a'));
    s.create('nodes', node('n1'));
    expect(s.list('pods').revision).toBe(3);
  });

  it('cluster-scoped objects live in the "" namespace', () => {
    const s = new Store();
    s.create('nodes', node('n2'));
    s.create('nodes', node('n1'));
    expect(s.get('nodes', '', 'n1')!.metadata.name).toBe('n1');
    expect(names(s.list('nodes', { namespace: '' }).items)).toEqual(['n1', 'n2']);
  });

  it('filters by label selector and predicate', () => {
    const s = new Store();
    s.create('pods', pod('a', 'x', { app: 'web', tier: 'fe' }));
    s.create('pods', pod('b', 'x', { app: 'web', tier: 'be' }));
    s.create('pods', pod('c', 'y', { app: 'db' }));
    s.create('pods', pod('d', 'y'));
    expect(names(s.list('pods', { labelSelector: sel(['app', '=', 'web']) }).items)).toEqual(['x/a', 'x/b']);
    expect(names(s.list('pods', { labelSelector: sel(['app', 'in', 'db', 'web'], ['tier', '!=', 'fe']) }).items)).toEqual(['x/b', 'y/c']);
    expect(names(s.list('pods', { labelSelector: sel(['app', '!']) }).items)).toEqual(['y/d']);
    expect(names(s.list('pods', { labelSelector: { requirements: [] } }).items)).toHaveLength(4);
    expect(s.list('pods', { labelSelector: { requirements: [], nothing: true } }).items).toEqual([]);
    expect(names(s.list('pods', { filter: (o) => o.metadata.name !== 'a', labelSelector: sel(['app', 'exists']) }).items)).toEqual(['x/b', 'y/c']);
  });
});

describe('snapshot and restore', () => {
  it('round-trips through JSON and continues from the snapshot revision', () => {
    const s = new Store();
    s.create('pods', pod('a', 'default', { app: 'web' }));
    s.create('deployments.apps', pod('d', 'default'));
    s.create('nodes', node('n1'));
    s.delete('pods', 'default', 'a');
    s.create('pods', pod('b', 'default', { app: 'web' }));
    const snap = JSON.parse(JSON.stringify(s.snapshot()));
    expect(snap.revision).toBe(6);
    expect(Object.keys(snap.resources).sort()).toEqual(['deployments.apps', 'nodes', 'pods']);

    const r = Store.restore(snap);
    expect(r.revision()).toBe(6);
    expect(r.snapshot()).toEqual(snap);
    expect(r.get('pods', 'default', 'b')!.metadata.resourceVersion).toBe('6');
    expect(names(r.list('pods', { labelSelector: sel(['app', '=', 'web']) }).items)).toEqual(['default/b']);
    expect(r.create('pods', pod('c')).metadata.resourceVersion).toBe('7');
    // History starts at the snapshot: resuming from before it is impossible, from it is fine.
    expect(caught(() => r.watch('pods', { fromRevision: 5 }, () => {})).message).toBe('too old resource version: 5 (6)');
    const seen: string[] = [];
    r.watch('pods', { fromRevision: 6 }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    expect(seen).toEqual(['ADDED c']);
  });

  it('instance restore replaces state and closes watchers', () => {
    const s = new Store();
    s.create('pods', pod('a'));
    const snap = s.snapshot();
    s.create('pods', pod('b'));
    const closed: string[] = [];
    const events: string[] = [];
    s.watch('pods', { onClose: (r) => closed.push(r) }, (e) => events.push(e.type));
    s.restore(snap);
    expect(closed).toEqual(['restored']);
    expect(s.revision()).toBe(2);
    expect(names(s.list('pods').items)).toEqual(['default/a']);
    expect(s.watcherCount()).toBe(0);
    s.create('pods', pod('c'));
    expect(events).toEqual(['ADDED', 'ADDED']); // only the initial events from before the restore
  });
});
