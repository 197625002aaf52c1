// DELETE and deletecollection: preconditions, graceful deletion for pods, finalizers, and the
// propagationPolicy recorded for the garbage collector as kube-apiserver records it (the
// foregroundDeletion and orphan finalizers; Background deletes now and leaves dependents to GC).
import type { ApiRequest, ApiResponse } from '../../api/client';
import type { KubeObject } from '../../api/types';
import { badRequest, conflict, successStatus } from '../../api/status';
import type { ResourceInfo } from '../../api/registry';
import { cloneJson } from '../store/clone';
import { isObject } from './body';
import { admitDelete } from './admission';
import { getObject, listObjects, listKind, apiVersionOf } from './read';
import { resourceKey } from './paths';
import { ok } from './respond';
import { strategyContext, type ServerContext } from './context';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export function deleteOptions(req: ApiRequest): DeleteOptions {
  const q = req.query ?? {};
  let body: Record<string, unknown> = {};
  if (typeof req.body === 'string' && req.body.trim()) {
    try {
      body = JSON.parse(req.body);
    } catch (e) {
      throw badRequest(`error decoding DeleteOptions: ${(e as Error).message}`);
    }
  } else if (isObject(req.body)) {
    body = req.body;
  }
  const opts = { ...body } as DeleteOptions;
  if (q.gracePeriodSeconds !== undefined) opts.gracePeriodSeconds = Number(q.gracePeriodSeconds);
  if (q.propagationPolicy) opts.propagationPolicy = q.propagationPolicy as DeleteOptions['propagationPolicy'];
  if (q.dryRun) opts.dryRun = [q.dryRun];
  if (opts.propagationPolicy && !['Background', 'Foreground', 'Orphan'].includes(opts.propagationPolicy)) {
    throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  return opts;
}

/** Deletes one object; returns what kube-apiserver answers (the object or a Status). */
export function deleteObject(ctx: ServerContext, r: ResourceInfo, namespace: string, name: string, opts: DeleteOptions): { status: number; body: unknown } {
  admitDelete(r, name);
  const current = getObject(ctx, r, namespace, name);
  const gr = { group: r.group, resource: r.resource };
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw conflict(gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(gr, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
  }
  const dryRun = !!opts.dryRun?.includes('All');
  const strategy = ctx.strategyFor(r);
  const key = resourceKey(r);
  if (strategy.beginDelete) {
    const d = strategy.beginDelete(current, strategyContext(ctx, dryRun), { propagationPolicy: opts.propagationPolicy });
    if (d.action === 'keep') return { status: 200, body: d.object };
    if (d.action === 'update') {
      if (dryRun) return { status: 200, body: d.object };
      return { status: 200, body: ctx.store.update(key, d.object, { expectedResourceVersion: current.metadata.resourceVersion }) };
    }
  }
  const now = ctx.clock.now();
  const obj = cloneJson(current, false) as KubeObject;
  const m = obj.metadata;
  const finalizers = new Set(m.finalizers ?? []);
  const policy = opts.propagationPolicy ?? (opts.orphanDependents ? 'Orphan' : undefined);
  if (policy === 'Foreground') {
    finalizers.add('foregroundDeletion');
    finalizers.delete('orphan');
  } else if (policy === 'Orphan') {
    finalizers.add('orphan');
    finalizers.delete('foregroundDeletion');
  }

  let grace = 0;
  if (strategy.gracefulDeletion) {
    const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    grace = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
    // Unscheduled and finished pods go at once, as the pod strategy's CheckGracefulDelete says.
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    if (grace < 0) grace = 1;
    if (m.deletionTimestamp && m.deletionGracePeriodSeconds !== undefined && grace >= m.deletionGracePeriodSeconds && grace !== 0) {
      // A second delete may only shorten the grace period.
      return { status: 200, body: current };
    }
  }
  const toTerminating = strategy.deleteToTerminating && !strategy.beginDelete;
  if (finalizers.size || grace > 0 || toTerminating) {
    m.finalizers = [...finalizers];
    if (!m.finalizers.length) delete m.finalizers;
    if (!m.deletionTimestamp || grace > 0) {
      m.deletionTimestamp = new Date(Math.floor(now / 1000) * 1000 + grace * 1000).toISOString().replace('.000Z', 'Z');
    }
    m.deletionGracePeriodSeconds = grace;
    if (toTerminating) {
      obj.status = { ...((obj.status as object) ?? {}), phase: 'Terminating' };
    }
    if (dryRun) return { status: 200, body: obj };
    const stored = ctx.store.update(key, obj, { expectedResourceVersion: current.metadata.resourceVersion });
    return { status: policy === 'Foreground' ? 202 : 200, body: stored };
  }
  if (dryRun) return { status: 200, body: r.resource === 'pods' ? current : successStatus({ name, ...(r.group ? { group: r.group } : {}), kind: r.resource, uid: current.metadata.uid }) };
  const gone = ctx.store.delete(key, namespace, name);
  strategy.afterDelete?.(gone, strategyContext(ctx, false));
  // Pods answer with the object; most kinds with a Status (the storage's ReturnDeletedObject).
  if (r.resource === 'pods') return { status: 200, body: gone };
  return { status: 200, body: successStatus({ name, ...(r.group ? { group: r.group } : {}), kind: r.resource, uid: gone.metadata.uid }) };
}

export function handleDelete(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, name: string): ApiResponse {
  const res = deleteObject(ctx, r, namespace, name, deleteOptions(req));
  return ok(res.body, res.status);
}

export function handleDeleteCollection(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string | undefined): ApiResponse {
  const opts = deleteOptions(req);
  const { items, revision } = listObjects(ctx, r, namespace, req.query ?? {});
  const deleted: unknown[] = [];
  for (const item of items) {
    const res = deleteObject(ctx, r, item.metadata.namespace ?? '', item.metadata.name!, opts);
    deleted.push(res.body && (res.body as { kind?: string }).kind === 'Status' ? item : res.body);
  }
  return ok({ kind: listKind(r), apiVersion: apiVersionOf(r), metadata: { resourceVersion: String(Math.max(revision, ctx.store.revision())) }, items: deleted });
}
