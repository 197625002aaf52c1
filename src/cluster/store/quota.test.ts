import { describe, expect, it } from 'vitest';
import { Store } from './store';
import { isStoreError, NO_SPACE_MESSAGE } from './errors';
import { estimateSize } from './quota';
import { pod } from './test-helpers';

describe('Store backend quota', () => {
  it('refuses a create that would pass the quota with etcd NoSpace, and writes nothing', () => {
    const size = estimateSize(pod('p0'));
    const s = new Store({ quotaBackendBytes: size * 3 + size / 2 });
    for (let i = 0; i < 3; i++) s.create('pods', pod(`p${i}`));
    const rev = s.revision();
    let err: unknown;
    try {
      s.create('pods', pod('p3'));
    } catch (e) {
      err = e;
    }
    expect(isStoreError(err, 'NoSpace')).toBe(true);
    expect((err as Error).message).toBe(NO_SPACE_MESSAGE);
    expect(NO_SPACE_MESSAGE).toBe('etcdserver: mvcc: database space exceeded');
    expect(s.revision()).toBe(rev);
    expect(s.count('pods')).toBe(3);
    expect(s.spaceUsed().bytes).toBeGreaterThanOrEqual(size * 3 - 10);
  });

  it('lets updates through when full, and a delete gives the space back', () => {
    const size = estimateSize(pod('p0'));
    const s = new Store({ quotaBackendBytes: size * 2 + 10 });
    const a = s.create('pods', pod('p0'));
    s.create('pods', pod('p1'));
    expect(() => s.create('pods', pod('p2'))).toThrow(NO_SPACE_MESSAGE);
    const big = s.update('pods', { ...a, spec: { padding: 'x'.repeat(size * 4) } });
    expect(big.metadata.resourceVersion).toBe(String(s.revision()));
    const before = s.spaceUsed().bytes;
    s.delete('pods', 'default', 'p0');
    expect(s.spaceUsed().bytes).toBeLessThan(before);
    expect(s.create('pods', pod('p2')).metadata.name).toBe('p2');
  });

  it('counts a restored state, even one past the quota', () => {
    const s = new Store();
    for (let i = 0; i < 5; i++) s.create('pods', pod(`p${i}`));
    const used = s.spaceUsed().bytes;
    const r = Store.restore(s.snapshot(), { quotaBackendBytes: used - 1 });
    expect(r.count('pods')).toBe(5);
    // Restored objects are measured with their resourceVersion, created ones before it is set.
    expect(r.spaceUsed().bytes).toBeGreaterThanOrEqual(used);
    expect(r.spaceUsed().bytes).toBeLessThan(used + 5 * 30);
    expect(() => r.create('pods', pod('p5'))).toThrow(NO_SPACE_MESSAGE);
    r.restore({ revision: 1, resources: {} });
    expect(r.spaceUsed().bytes).toBe(0);
  });
});
