import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types';
import { Store } from './store';
import { names, pod, sel } from './test-helpers';

function relabel(s: Store, o: KubeObject, labels: Record<string, string> | undefined): KubeObject {
  const metadata = { ...o.metadata };
  if (labels) metadata.labels = labels;
  else delete metadata.labels;
  return s.update('pods', { ...o, metadata });
}

describe('label index', () => {
  it('follows label changes and deletes', () => {
    const s = new Store();
    const a = s.create('pods', pod('a', 'x', { app: 'web', tier: 'fe' }));
    const b = s.create('pods', pod('b', 'x', { app: 'web' }));
    s.create('pods', pod('c', 'y', { app: 'web' }));
    const web = sel(['app', '=', 'web']);
    expect(names(s.list('pods', { labelSelector: web }).items)).toEqual(['x/a', 'x/b', 'y/c']);

    relabel(s, a, { app: 'db', tier: 'fe' });
    expect(names(s.list('pods', { labelSelector: web }).items)).toEqual(['x/b', 'y/c']);
    expect(names(s.list('pods', { labelSelector: sel(['app', '=', 'db']) }).items)).toEqual(['x/a']);
    expect(names(s.list('pods', { labelSelector: sel(['tier', 'in', 'fe']) }).items)).toEqual(['x/a']);

    relabel(s, b, undefined);
    expect(names(s.list('pods', { labelSelector: web }).items)).toEqual(['y/c']);
    expect(names(s.list('pods', { labelSelector: sel(['app', '!']) }).items)).toEqual(['x/b']);

    s.delete('pods', 'y', 'c');
    expect(s.list('pods', { labelSelector: web }).items).toEqual([]);
    // Re-creating under the same name indexes the new labels only.
    s.create('pods', pod('c', 'y', { app: 'api' }));
    expect(s.list('pods', { labelSelector: web }).items).toEqual([]);
    expect(names(s.list('pods', { labelSelector: sel(['app', 'in', 'api', 'db']) }).items)).toEqual(['x/a', 'y/c']);
  });

  it('after restore the index is rebuilt', () => {
    const s = new Store();
    s.create('pods', pod('a', 'x', { app: 'web' }));
    s.create('pods', pod('b', 'x', { app: 'db' }));
    const r = Store.restore(s.snapshot());
    r.stats.listExamined = 0;
    expect(names(r.list('pods', { labelSelector: sel(['app', '=', 'db']) }).items)).toEqual(['x/b']);
    expect(r.stats.listExamined).toBe(1);
  });

  it('uses the most selective indexed requirement and still checks the rest', () => {
    const s = new Store();
    for (let i = 0; i < 100; i++) s.create('pods', pod(`p${i}`, 'x', { tier: i % 2 ? 'fe' : 'be', app: `app${i % 10}` }));
    s.stats.listExamined = 0;
    const r = s.list('pods', { labelSelector: sel(['tier', '=', 'fe'], ['app', 'in', 'app1', 'app2']) });
    expect(names(r.items)).toEqual(['x/p1', 'x/p11', 'x/p21', 'x/p31', 'x/p41', 'x/p51', 'x/p61', 'x/p71', 'x/p81', 'x/p91']);
    expect(s.stats.listExamined).toBe(20); // app in (app1, app2) beats tier=fe (50)
  });

  it('proves the indexes at 100,000 objects by counting the objects examined', () => {
    const s = new Store({ historyLimit: 1000 });
    for (let i = 0; i < 100_000; i++) {
      s.create('pods', pod(`pod-${i}`, `ns-${i % 100}`, { app: `app${Math.floor(i / 100) % 100}`, tier: i % 3 ? 'backend' : 'frontend' }));
    }
    const examined = (fn: () => unknown) => {
      s.stats.listExamined = 0;
      fn();
      return s.stats.listExamined;
    };
    let items: KubeObject[] = [];
    expect(examined(() => (items = s.list('pods', { namespace: 'ns-7' }).items))).toBe(1000);
    expect(items).toHaveLength(1000);

    expect(examined(() => (items = s.list('pods', { namespace: 'ns-7', labelSelector: sel(['app', '=', 'app7']) }).items))).toBe(10);
    expect(items).toHaveLength(10);
    expect(items.every((o) => o.metadata.namespace === 'ns-7' && o.metadata.labels!.app === 'app7')).toBe(true);

    expect(examined(() => (items = s.list('pods', { labelSelector: sel(['app', '=', 'app7']) }).items))).toBe(1000);
    expect(items).toHaveLength(1000);
    expect(examined(() => s.list('pods', { labelSelector: sel(['app', 'in', 'app7', 'app8'], ['tier', '=', 'frontend']) }))).toBe(2000);
    expect(examined(() => s.list('pods', { labelSelector: sel(['app', '=', 'nope']) }))).toBe(0);
    // Non-indexable selectors fall back to a scan, which is what the counter shows.
    expect(examined(() => s.list('pods', { labelSelector: sel(['app', '!=', 'app7']) }))).toBe(100_000);
  });
});
