import { describe, expect, it } from 'vitest';
import { benchStore } from './bench';

describe('benchStore', () => {
  it('runs at a small scale and reports every measurement', () => {
    const r = benchStore({ objects: 2000, namespaces: 10 });
    expect(r['objects']).toBe('2000');
    expect(r['create']).toMatch(/\/s$/);
    expect(r['list app=app7 in one namespace']).toMatch(/ms \(examined \d+\)$/);
    expect(r['write with 1,010 watchers (10 on pods)']).toMatch(/10\.0 watchers visited\/write/);
    expect(Object.keys(r)).toContain('restore');
  });
});
