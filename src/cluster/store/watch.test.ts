import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types';
import type { StoreEvent } from './types';
import { Store } from './store';
import { StoreError } from './errors';
import { pod, sel } from './test-helpers';

/** Records events as "TYPE ns/name@rv#revision". */
function recorder() {
  const log: string[] = [];
  const cb = (e: StoreEvent) =>
    log.push(`${e.type} ${e.object.metadata.namespace}/${e.object.metadata.name}@${e.object.metadata.resourceVersion}#${e.revision}`);
  return { log, cb };
}

describe('watch from a revision', () => {
  it('replays every event after the revision, then streams live', () => {
    const s = new Store();
    const a = s.create('pods', pod('a')); // 2
    s.create('services', pod('svc')); // 3, other resource
    s.update('pods', { ...a, spec: { n: 1 } }); // 4
    s.create('pods', pod('b')); // 5
    s.delete('pods', 'default', 'a'); // 6
    const { log, cb } = recorder();
    s.watch('pods', { fromRevision: 3 }, cb);
    expect(log).toEqual(['MODIFIED default/a@4#4', 'ADDED default/b@5#5', 'DELETED default/a@6#6']);
    s.create('pods', pod('c')); // 7
    s.create('services', pod('svc2')); // 8
    expect(log.slice(3)).toEqual(['ADDED default/c@7#7']);
  });

  it('from the current revision replays nothing; from a future one skips until then', () => {
    const s = new Store();
    s.create('pods', pod('a'));
    const now = recorder();
    s.watch('pods', { fromRevision: 2 }, now.cb);
    expect(now.log).toEqual([]);
    const future = recorder();
    s.watch('pods', { fromRevision: 4 }, future.cb);
    s.create('pods', pod('b')); // 3
    s.create('pods', pod('c')); // 4
    s.create('pods', pod('d')); // 5
    expect(now.log).toHaveLength(3);
    expect(future.log).toEqual(['ADDED default/d@5#5']);
  });

  it('undefined or 0 sends the current state as ADDED (key order), then streams', () => {
    const s = new Store();
    s.create('pods', pod('b', 'ns1'));
    s.create('pods', pod('a', 'ns2'));
    s.create('pods', pod('a', 'ns1'));
    for (const fromRevision of [undefined, 0]) {
      const { log, cb } = recorder();
      const h = s.watch('pods', { fromRevision }, cb);
      expect(log).toEqual(['ADDED ns1/a@4#4', 'ADDED ns1/b@2#4', 'ADDED ns2/a@3#4']);
      h.stop();
    }
    const { log, cb } = recorder();
    s.watch('pods', { namespace: 'ns1', name: 'b' }, cb);
    s.create('pods', pod('c', 'ns1'));
    s.delete('pods', 'ns1', 'b');
    expect(log).toEqual(['ADDED ns1/b@2#4', 'DELETED ns1/b@6#6']);
  });

  it('sendInitialEvents=false with no revision streams only new events; true forces initial state', () => {
    const s = new Store();
    s.create('pods', pod('a'));
    const live = recorder();
    s.watch('pods', { sendInitialEvents: false }, live.cb);
    const listy = recorder();
    s.watch('pods', { fromRevision: 1, sendInitialEvents: true }, listy.cb);
    s.create('pods', pod('b'));
    expect(live.log).toEqual(['ADDED default/b@3#3']);
    expect(listy.log).toEqual(['ADDED default/a@2#2', 'ADDED default/b@3#3']);
  });

  it('a named watch starts from a point read and honours its selector', () => {
    const s = new Store();
    s.create('pods', pod('a', 'x', { app: 'web' }));
    s.create('pods', pod('b', 'x', { app: 'web' }));
    const hit = recorder();
    s.watch('pods', { namespace: 'x', name: 'a', labelSelector: sel(['app', '=', 'web']) }, hit.cb);
    const miss = recorder();
    s.watch('pods', { namespace: 'x', name: 'a', labelSelector: sel(['app', '=', 'db']) }, miss.cb);
    s.stats.listExamined = 0;
    s.watch('pods', { namespace: 'x', name: 'b' }, () => {});
    expect(s.stats.listExamined).toBe(0);
    expect(hit.log).toEqual(['ADDED x/a@2#3']);
    expect(miss.log).toEqual([]);
  });

  it('namespace-scoped watches only see their namespace', () => {
    const s = new Store();
    const { log, cb } = recorder();
    s.watch('pods', { namespace: 'x', sendInitialEvents: false }, cb);
    s.create('pods', pod('a', 'y'));
    s.create('pods', pod('a', 'x'));
    expect(log).toEqual(['ADDED x/a@3#3']);
    const replay = recorder();
    s.watch('pods', { namespace: 'y', fromRevision: 1 }, replay.cb);
    expect(replay.log).toEqual(['ADDED y/a@2#2']);
  });
});

describe('history window', () => {
  it('compaction makes older revisions Expired with the watch cache message', () => {
    const s = new Store();
    for (const n of ['a', 'b', 'c', 'd']) s.create('pods', pod(n)); // 2..5
    s.compact(4);
    let err: unknown;
    try {
      s.watch('pods', { fromRevision: 3 }, () => {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('Expired');
    expect((err as StoreError).message).toBe('too old resource version: 3 (4)');
    expect(s.watcherCount()).toBe(0);
    const { log, cb } = recorder();
    s.watch('pods', { fromRevision: 4 }, cb);
    expect(log).toEqual(['ADDED default/d@5#5']);
    expect(s.oldestRevision()).toBe(4);
  });

  it('keeps only historyLimit events', () => {
    const s = new Store({ historyLimit: 3 });
    for (let i = 0; i < 6; i++) s.create('pods', pod(`p${i}`)); // 2..7, keeps 5,6,7
    expect(s.oldestRevision()).toBe(4);
    expect(() => s.watch('pods', { fromRevision: 3 }, () => {})).toThrow('too old resource version: 3 (4)');
    const { log } = recorder();
    s.watch('pods', { fromRevision: 4 }, (e) => log.push(String(e.revision)));
    expect(log).toEqual(['5', '6', '7']);
  });

  it('trims in bulk without losing order over many writes', () => {
    const s = new Store({ historyLimit: 100 });
    for (let i = 0; i < 5000; i++) s.create('pods', pod(`p${i}`));
    const revs: number[] = [];
    s.watch('pods', { fromRevision: s.revision() - 100 }, (e) => revs.push(e.revision));
    expect(revs).toHaveLength(100);
    expect(revs[0]).toBe(s.revision() - 99);
    expect(revs.every((r, i) => i === 0 || r === revs[i - 1]! + 1)).toBe(true);
  });
});

describe('selector-filtered watches (watch cache semantics)', () => {
  it('turns MODIFIED into ADDED/DELETED when the object starts/stops matching', () => {
    const s = new Store();
    const { log, cb } = recorder();
    s.watch('pods', { labelSelector: sel(['app', '=', 'web']) }, cb);
    const a = s.create('pods', pod('a', 'default', { app: 'db' })); // 2: not seen
    const a3 = s.update('pods', { ...a, metadata: { ...a.metadata, labels: { app: 'web' } } }); // 3: ADDED
    const a4 = s.update('pods', { ...a3, spec: { n: 1 } }); // 4: MODIFIED
    const a5 = s.update('pods', { ...a4, metadata: { ...a4.metadata, labels: { app: 'db' } } }); // 5: DELETED
    s.delete('pods', 'default', 'a'); // 6: not seen (did not match before)
    expect(log).toEqual(['ADDED default/a@3#3', 'MODIFIED default/a@4#4', 'DELETED default/a@5#5']);
    expect(a5.metadata.labels).toEqual({ app: 'db' });
  });

  it('the synthetic DELETED carries the last matching content with the new revision', () => {
    const s = new Store();
    const events: StoreEvent[] = [];
    s.watch('pods', { labelSelector: sel(['app', '=', 'web']) }, (e) => events.push(e));
    const a = s.create('pods', pod('a', 'default', { app: 'web' }, { spec: { v: 1 } }));
    s.update('pods', { ...a, metadata: { ...a.metadata, labels: { app: 'db' } }, spec: { v: 2 } });
    const del = events[1]!;
    expect(del.type).toBe('DELETED');
    expect(del.object.metadata.labels).toEqual({ app: 'web' });
    expect(del.object.spec).toEqual({ v: 1 });
    expect(del.object.metadata.resourceVersion).toBe('3');
    expect(Object.isFrozen(del.object)).toBe(true);
  });

  it('applies the same transitions to a filter predicate and during replay', () => {
    const s = new Store();
    const a = s.create('pods', pod('a', 'default', undefined, { spec: { nodeName: '' } })); // 2
    s.update('pods', { ...a, spec: { nodeName: 'n1' } }); // 3
    s.update('pods', { ...a, spec: { nodeName: 'n2' } }); // 4
    s.delete('pods', 'default', 'a'); // 5
    const { log, cb } = recorder();
    const onN2 = (o: KubeObject) => (o.spec as { nodeName?: string }).nodeName === 'n2';
    s.watch('pods', { fromRevision: 1, filter: onN2 }, cb);
    expect(log).toEqual(['ADDED default/a@4#4', 'DELETED default/a@5#5']);
    const n1 = recorder();
    s.watch('pods', { fromRevision: 2, labelSelector: sel(['x', '!']), filter: (o) => (o.spec as { nodeName?: string }).nodeName === 'n1' }, n1.cb);
    expect(n1.log).toEqual(['ADDED default/a@3#3', 'DELETED default/a@4#4']);
  });

  it('initial events honour the selector', () => {
    const s = new Store();
    s.create('pods', pod('a', 'default', { app: 'web' }));
    s.create('pods', pod('b', 'default', { app: 'db' }));
    const { log, cb } = recorder();
    s.watch('pods', { labelSelector: sel(['app', 'in', 'web']) }, cb);
    expect(log).toEqual(['ADDED default/a@2#3']);
  });
});

describe('watch delivery guarantees', () => {
  it('stop() ends delivery', () => {
    const s = new Store();
    const { log, cb } = recorder();
    const h = s.watch('pods', {}, cb);
    s.create('pods', pod('a'));
    h.stop();
    h.stop();
    s.create('pods', pod('b'));
    expect(log).toHaveLength(1);
    expect(s.watcherCount()).toBe(0);
  });

  it('a throwing callback is dropped without breaking the write or other watchers', () => {
    const errors: unknown[] = [];
    const s = new Store({ onWatcherError: (e) => errors.push(e) });
    const closed: string[] = [];
    s.watch('pods', { onClose: (r) => closed.push(r) }, () => {
      throw new Error('boom');
    });
    const { log, cb } = recorder();
    s.watch('pods', {}, cb);
    expect(s.create('pods', pod('a')).metadata.resourceVersion).toBe('2');
    s.create('pods', pod('b'));
    expect(log).toEqual(['ADDED default/a@2#2', 'ADDED default/b@3#3']);
    expect(errors).toHaveLength(1);
    expect(closed).toEqual(['callback-error']);
    expect(s.watcherCount()).toBe(1);
  });

  it('writes made inside a callback are delivered after the current event, in revision order', () => {
    const s = new Store();
    const first: number[] = [];
    const second: number[] = [];
    s.watch('pods', {}, (e) => {
      first.push(e.revision);
      // A controller reacting synchronously: create a follower for every top-level pod.
      if (!e.object.metadata.name!.startsWith('f-') && e.type === 'ADDED') s.create('pods', pod(`f-${e.object.metadata.name}`));
    });
    s.watch('pods', {}, (e) => second.push(e.revision));
    s.create('pods', pod('a'));
    expect(s.count('pods')).toBe(2);
    expect(first).toEqual([2, 3]);
    expect(second).toEqual([2, 3]);
  });

  it('a watch opened inside a callback does not see queued events twice', () => {
    const s = new Store();
    const late: string[] = [];
    let opened = false;
    s.watch('pods', {}, (e) => {
      if (e.object.metadata.name === 'a') s.create('pods', pod('b'));
      if (!opened) {
        opened = true;
        s.watch('pods', {}, (ev) => late.push(`${ev.type} ${ev.object.metadata.name}`));
      }
    });
    s.create('pods', pod('a'));
    s.create('pods', pod('c'));
    expect(late).toEqual(['ADDED a', 'ADDED b', 'ADDED c']);
  });

  it('fan-out visits only watchers of the written resource and namespace', () => {
    const s = new Store();
    for (let i = 0; i < 200; i++) s.watch(`other${i}`, { sendInitialEvents: false }, () => {});
    for (let i = 0; i < 50; i++) s.watch('pods', { namespace: `ns${i}`, sendInitialEvents: false }, () => {});
    let got = 0;
    s.watch('pods', { sendInitialEvents: false }, () => got++);
    s.stats.watchersVisited = 0;
    s.create('pods', pod('a', 'ns7'));
    expect(got).toBe(1);
    expect(s.stats.watchersVisited).toBe(2); // the cluster-wide pods watcher and the ns7 one
  });
});
