// GET of one object, LIST and WATCH, with Tables when asked.
import type { ApiRequest, ApiResponse, WatchSink, WatchSubscription } from '../../api/client';
import type { KubeObject } from '../../api/types';
import { notFound, resourceExpired, type Status } from '../../api/status';
import type { ResourceInfo } from '../../api/registry';
import { buildTable, type TableOptions } from './table';
import { resourceKey } from './paths';
import type { ServerContext } from './context';
import { ok, wantsTable, TABLE_TYPE } from './respond';
import { selectionFromQuery } from './selectors';
import { isStoreError } from '../store/errors';

type IncludeObject = 'None' | 'Metadata' | 'Object';

function includeObjectOf(q: Record<string, string>): IncludeObject {
  const v = q.includeObject;
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/**
 * A Table answer. buildTable makes a new Table whose only shared parts are the objects' metadata
 * (or, with includeObject=Object, their fields); the store deep-freezes what it hands out, so
 * when those objects are frozen nothing in the body can change under the client, nor the client
 * change the store through it: the in-process transport may pass it on without copying
 * (ApiResponse.transferable); the copy was a large part of `get pods -A` on a large cluster.
 */
function tableResponse(r: ResourceInfo, objects: KubeObject[], opts: TableOptions): ApiResponse {
  const res = ok(buildTable(r, objects, opts), 200, TABLE_TYPE);
  if (objects.every((o) => Object.isFrozen(o) && Object.isFrozen(o.metadata))) res.transferable = true;
  return res;
}

export function getObject(ctx: ServerContext, r: ResourceInfo, namespace: string, name: string): KubeObject {
  const obj = ctx.store.get(resourceKey(r), namespace, name);
  if (!obj) throw notFound({ group: r.group, resource: r.resource }, name);
  return obj;
}

export function handleGet(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, name: string): ApiResponse {
  const obj = getObject(ctx, r, namespace, name);
  const q = req.query ?? {};
  if (wantsTable(req.accept)) {
    return tableResponse(r, [obj], { now: ctx.clock.now(), includeObject: includeObjectOf(q), resourceVersion: obj.metadata.resourceVersion });
  }
  return ok(obj);
}

export function listKind(r: ResourceInfo): string {
  return `${r.kind}List`;
}

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function listObjects(ctx: ServerContext, r: ResourceInfo, namespace: string | undefined, query: Record<string, string>) {
  const sel = selectionFromQuery(r, query);
  return ctx.store.list(resourceKey(r), { namespace, labelSelector: sel.labels, filter: sel.filter });
}

export function handleList(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string | undefined): ApiResponse {
  const q = req.query ?? {};
  const { items, revision } = listObjects(ctx, r, namespace, q);
  const rv = String(revision);
  if (wantsTable(req.accept)) {
    return tableResponse(r, items, { now: ctx.clock.now(), includeObject: includeObjectOf(q), resourceVersion: rv });
  }
  return ok({ kind: listKind(r), apiVersion: apiVersionOf(r), metadata: { resourceVersion: rv }, items });
}

/** Starts a watch; errors before streaming come back as a response. */
export function handleWatch(
  ctx: ServerContext,
  r: ResourceInfo,
  req: ApiRequest,
  namespace: string | undefined,
  name: string | undefined,
  sink: WatchSink,
): WatchSubscription {
  const q = req.query ?? {};
  const sel = selectionFromQuery(r, q);
  const asTable = wantsTable(req.accept);
  const include = includeObjectOf(q);
  const rvText = q.resourceVersion;
  const fromRevision = rvText === undefined || rvText === '' || rvText === '0' ? undefined : Number(rvText);
  let first = true;
  const filter = name === undefined ? sel.filter : (o: KubeObject) => o.metadata.name === name && (!sel.filter || sel.filter(o));
  try {
    return ctx.store.watch(
      resourceKey(r),
      { namespace, fromRevision: Number.isFinite(fromRevision) ? fromRevision : undefined, labelSelector: sel.labels, filter },
      (ev) => {
        let object: unknown = ev.object;
        if (asTable) {
          object = buildTable(r, [ev.object], { now: ctx.clock.now(), includeObject: include, resourceVersion: ev.object.metadata.resourceVersion, omitColumns: !first });
          first = false;
        }
        sink.event({ type: ev.type, object });
      },
    );
  } catch (e) {
    if (isStoreError(e, 'Expired')) {
      // A watch from a compacted revision: kube-apiserver streams one ERROR event with 410.
      const s: Status = resourceExpired(e.message).status;
      sink.event({ type: 'ERROR', object: s });
      sink.end();
      return { stop() {} };
    }
    throw e;
  }
}
