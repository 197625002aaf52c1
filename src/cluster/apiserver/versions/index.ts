// Versions served besides the stored one (ResourceInfo.storageVersion): requests are converted
// into the stored version and answers back, so that one storage serves both, as kube-apiserver
// does through its internal version.
import type { ApiRequest, ApiResponse, WatchSink } from '../../../api/client';
import type { KubeObject } from '../../../api/types';
import { badRequest, unsupportedMediaType } from '../../../api/status';
import { lookupResource, type ResourceInfo } from '../../../api/registry';
import { isObject, mediaType } from '../body';
import { applyPatch, PATCH_TYPES } from '../patch';
import { getObject } from '../read';
import { decodeObject } from '../write';
import type { ServerContext } from '../context';
import { hpaFromV1, hpaToV1 } from './hpa-v1';

interface Converter {
  /** Stored object -> served version. */
  out(obj: KubeObject): KubeObject;
  /** Served-version object (already checked for apiVersion and kind) -> stored version. */
  in(obj: Record<string, unknown>): KubeObject;
}

const CONVERTERS: Record<string, Converter> = {
  'autoscaling/v1/horizontalpodautoscalers': { out: hpaToV1, in: hpaFromV1 },
};

function converterOf(r: ResourceInfo): Converter {
  const c = CONVERTERS[`${r.group}/${r.version}/${r.resource}`];
  if (!c) throw new Error(`no conversion for ${r.group}/${r.version} ${r.resource}`);
  return c;
}

/** The stored version's entry for a resource served in another version. */
export function storageResource(r: ResourceInfo): ResourceInfo {
  const s = r.storageVersion ? lookupResource(r.group, r.storageVersion, r.resource) : undefined;
  if (!s) throw new Error(`no storage version for ${r.group}/${r.version} ${r.resource}`);
  return s;
}

function withBody(req: ApiRequest, obj: KubeObject, verb = req.verb): ApiRequest {
  return { ...req, verb, body: obj, contentType: 'application/json' };
}

/**
 * The request as the stored version's handlers take it: a body is decoded as the served version
 * (its apiVersion and kind checked against it) and converted; a PATCH is applied to the served
 * form of the stored object and sent on as the update it amounts to.
 */
export function requestToStorage(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string | undefined, name: string | undefined): ApiRequest {
  const c = converterOf(r);
  if (req.verb === 'POST' || req.verb === 'PUT') {
    const { obj } = decodeObject(r, req);
    return withBody(req, c.in(obj as unknown as Record<string, unknown>));
  }
  if (req.verb === 'PATCH' && name) {
    if (!PATCH_TYPES.includes(mediaType(req.contentType))) throw unsupportedMediaType(PATCH_TYPES);
    const current = getObject(ctx, storageResource(r), namespace ?? '', name);
    const patched = applyPatch(r, c.out(current), req.body, req.contentType);
    if (!isObject(patched)) throw badRequest('the patch produced something that is not an object');
    return withBody(req, c.in(patched), 'PUT');
  }
  return req;
}

function convertBody(r: ResourceInfo, body: unknown): unknown {
  if (!isObject(body)) return body;
  const c = converterOf(r);
  const storedVersion = `${r.group}/${r.storageVersion}`;
  if (body.kind === r.kind && body.apiVersion === storedVersion) return c.out(body as unknown as KubeObject);
  if (body.kind === `${r.kind}List` && Array.isArray(body.items)) {
    return { ...body, apiVersion: `${r.group}/${r.version}`, items: body.items.map((o) => c.out(o as KubeObject)) };
  }
  if (body.kind === 'Table' && Array.isArray(body.rows)) {
    const rows = body.rows.map((row: Record<string, unknown>) => ({ ...row, object: convertBody(r, row.object) }));
    return { ...body, rows };
  }
  return body;
}

/** The stored version's answer in the served version. */
export function responseFromStorage(r: ResourceInfo, res: ApiResponse): ApiResponse {
  if (res.status >= 300) return res;
  return { ...res, body: convertBody(r, res.body), transferable: false };
}

/** A watch sink that converts each event's object to the served version. */
export function sinkFromStorage(r: ResourceInfo, sink: WatchSink): WatchSink {
  return {
    event: (ev) => sink.event({ ...ev, object: ev.type === 'ERROR' ? ev.object : convertBody(r, ev.object) }),
    end: () => sink.end(),
  };
}
