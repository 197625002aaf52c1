import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types';
import { namespaceStrategy, namespaceDelete } from './namespace';
import { failure, fakeContext, messages, runCreate, runUpdate } from './test-context';

type Ns = KubeObject & { spec?: Record<string, any>; status?: Record<string, any> };
const ns = (name: string, extra: Partial<Ns> = {}): Ns => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, ...extra });

describe('namespaces', () => {
  it('creates Active with the kubernetes finalizer and the metadata.name label (fixture shape)', () => {
    const out = runCreate(namespaceStrategy, ns('team-a'), fakeContext(), 'namespaces', 'Namespace') as Ns;
    expect(out.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(out.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(out.status).toEqual({ phase: 'Active' });
  });

  it('ignores a client-sent status and keeps user finalizers', () => {
    const out = runCreate(namespaceStrategy, ns('b', { spec: { finalizers: ['example.com/cleanup'] }, status: { phase: 'Terminating' } }), fakeContext(), 'namespaces', 'Namespace') as Ns;
    expect(out.spec!.finalizers).toEqual(['example.com/cleanup', 'kubernetes']);
    expect(out.status).toEqual({ phase: 'Active' });
  });

  it('puts the name label back when an update removes or changes it', () => {
    const ctx = fakeContext();
    const old = runCreate(namespaceStrategy, ns('c'), ctx, 'namespaces', 'Namespace');
    const next = JSON.parse(JSON.stringify(old)) as Ns;
    next.metadata.labels = { 'kubernetes.io/metadata.name': 'other', team: 'x' };
    next.spec = { finalizers: [] };
    const out = runUpdate(namespaceStrategy, next, old, ctx, 'namespaces', 'Namespace') as Ns;
    expect(out.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'c', team: 'x' });
    expect(out.spec!.finalizers).toEqual(['kubernetes']);
  });

  it('validates finalizer names', () => {
    const msg = failure(() => runCreate(namespaceStrategy, ns('d', { spec: { finalizers: ['cleanup'] } }), fakeContext(), 'namespaces', 'Namespace')).message;
    expect(msg).toBe('Namespace "d" is invalid: spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified');
  });

  it('deletion marks Terminating with a deletionTimestamp, then waits for spec.finalizers', () => {
    const ctx = fakeContext();
    const stored = runCreate(namespaceStrategy, ns('e'), ctx, 'namespaces', 'Namespace');
    const first = namespaceDelete(stored, ctx);
    expect(first.action).toBe('update');
    const marked = (first as { object: Ns }).object;
    expect(marked.metadata.deletionTimestamp).toBe('2015-06-01T10:00:00Z');
    expect(marked.status).toEqual({ phase: 'Terminating' });
    expect(stored.metadata.deletionTimestamp).toBeUndefined();
    expect(namespaceStrategy.deleteToTerminating).toBe(true);
    // A second delete changes nothing while the kubernetes finalizer is there.
    expect(namespaceDelete(marked, ctx)).toEqual({ action: 'keep', object: marked });
    expect(namespaceStrategy.canRemove(marked)).toBe(false);
    // The namespace controller finalizes through the finalize subresource.
    const fin = JSON.parse(JSON.stringify(marked)) as Ns;
    fin.spec = { finalizers: [] };
    fin.metadata.labels = { hacked: 'yes' };
    namespaceStrategy.prepareForFinalizeUpdate(fin, marked, ctx);
    expect(fin.spec).toEqual({ finalizers: [] });
    expect(fin.metadata.labels).toEqual(marked.metadata.labels);
    expect(namespaceStrategy.validateFinalizeUpdate(fin, marked, ctx)).toEqual([]);
    expect(namespaceStrategy.canRemove(fin)).toBe(true);
    expect(namespaceDelete(fin, ctx)).toEqual({ action: 'remove' });
  });

  it('status updates: the phase must follow deletionTimestamp', () => {
    const ctx = fakeContext();
    const stored = runCreate(namespaceStrategy, ns('f'), ctx, 'namespaces', 'Namespace');
    const bad = JSON.parse(JSON.stringify(stored)) as Ns;
    bad.status = { phase: 'Terminating' };
    namespaceStrategy.prepareForStatusUpdate!(bad, stored, ctx);
    expect(messages('Namespace', 'f', namespaceStrategy.validateStatusUpdate!(bad, stored, ctx))).toBe(
      'Namespace "f" is invalid: status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty',
    );
    const marked = (namespaceDelete(stored, ctx) as { object: Ns }).object;
    const back = JSON.parse(JSON.stringify(marked)) as Ns;
    back.status = { phase: 'Active' };
    expect(messages('Namespace', 'f', namespaceStrategy.validateStatusUpdate!(back, marked, ctx))).toBe(
      'Namespace "f" is invalid: status.Phase: Invalid value: "Active": may only be \'Terminating\' if `deletionTimestamp` is not empty',
    );
  });
});
