import { describe, expect, it } from 'vitest';
import { lookupResource, RESOURCES } from '../../../api/registry';
import type { KubeObject } from '../../../api/types';
import { buildTable, tableForWatchEvent } from './table';

const NOW = Date.parse('2026-11-23T00:00:00Z');
const pods = lookupResource('', 'v1', 'pods')!;
const pod = (name: string, rv: string, phase = 'Running'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', resourceVersion: rv, uid: `uid-${name}`, labels: { app: 'web' }, creationTimestamp: '2026-11-22T23:59:00Z' },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase },
});

describe('buildTable', () => {
  it('returns PartialObjectMetadata rows by default', () => {
    const p = pod('a', '7');
    const t = buildTable(pods, [p], { now: NOW, includeObject: 'Metadata', resourceVersion: '10' });
    expect(t.metadata).toEqual({ resourceVersion: '10' });
    expect(t.rows[0].object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: p.metadata });
    expect(t.rows[0].cells[4]).toBe('60s');
  });

  it('returns the full object for Object and null for None', () => {
    const p = pod('a', '7');
    const { apiVersion: _a, kind: _k, ...bare } = p;
    const full = buildTable(pods, [bare as KubeObject], { now: NOW, includeObject: 'Object' });
    expect(full.rows[0].object).toEqual(p);
    const none = buildTable(pods, [p], { now: NOW, includeObject: 'None' });
    expect(none.rows[0].object).toBeNull();
    expect(JSON.parse(JSON.stringify(none)).rows[0]).toEqual({ cells: none.rows[0].cells, object: null });
  });

  it('carries continue and remainingItemCount, and omits headers on request', () => {
    const t = buildTable(pods, [], { now: NOW, includeObject: 'Metadata', resourceVersion: '5', continue: 'tok', remainingItemCount: 3, omitColumns: true });
    expect(t.metadata).toEqual({ resourceVersion: '5', continue: 'tok', remainingItemCount: 3 });
    expect(t.columnDefinitions).toBeNull();
    expect(t.rows).toEqual([]);
  });

  it('adds the Completed row condition for finished pods, in Go key order', () => {
    const t = buildTable(pods, [pod('a', '1', 'Succeeded'), pod('b', '2')], { now: NOW, includeObject: 'None' });
    expect(Object.keys(t.rows[0])).toEqual(['cells', 'conditions', 'object']);
    expect(t.rows[0].conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    expect('conditions' in t.rows[1]).toBe(false);
  });

  it('fills every column for every registered resource', () => {
    for (const r of RESOURCES) {
      const o: KubeObject = { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, metadata: { name: 'n', creationTimestamp: '2026-11-22T00:00:00Z' } };
      const t = buildTable(r, [o], { now: NOW, includeObject: 'Metadata' });
      expect(t.columnDefinitions!.length, r.resource).toBeGreaterThan(1);
      expect(t.rows[0].cells, r.resource).toHaveLength(t.columnDefinitions!.length);
      expect(t.columnDefinitions!.filter((c) => c.format === 'name'), r.resource).toHaveLength(1);
      for (const c of t.rows[0].cells) expect(['string', 'number', 'boolean'], r.resource).toContain(typeof c);
    }
  });
});

describe('tableForWatchEvent', () => {
  it('sends column definitions with the first event only, then null', () => {
    const first = tableForWatchEvent(pods, pod('a', '11'), { now: NOW, includeObject: 'Metadata' }, true);
    const next = tableForWatchEvent(pods, pod('a', '12'), { now: NOW, includeObject: 'Metadata' }, false);
    expect(first.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(next.columnDefinitions).toBeNull();
    expect(JSON.stringify(next)).toContain('"columnDefinitions":null');
    expect(first.metadata).toEqual({ resourceVersion: '11' });
    expect(next.metadata).toEqual({ resourceVersion: '12' });
    expect(next.rows).toHaveLength(1);
    expect(next.rows[0].cells[0]).toBe('a');
  });
});
