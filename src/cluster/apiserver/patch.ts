// PATCH: JSON patch, merge patch and strategic merge patch applied to the stored object, then
// the ordinary update path. Server-side apply is answered with 415 until it is built.
import type { ApiRequest, ApiResponse } from '../../api/client';
import type { KubeObject } from '../../api/types';
import { badRequest, StatusError, unsupportedMediaType } from '../../api/status';
import type { ResourceInfo } from '../../api/registry';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, patchMetaForKind, PatchError, patchErrorToStatus } from '../../api/patch';
import { cloneJson } from '../store/clone';
import { mediaType, isObject } from './body';
import { decodePatchedJson } from './patch-decode';
import { getObject } from './read';
import { ok } from './respond';
import { commitUpdate, fieldWarnings, writeOptions } from './write';
import type { ServerContext } from './context';

export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

/** Applies a patch document of the given media type to a copy of `current`. */
export function applyPatch(r: { group: string; kind: string; version: string }, current: unknown, patchText: unknown, contentType: string | undefined): unknown {
  const mt = mediaType(contentType);
  if (!PATCH_TYPES.includes(mt)) throw unsupportedMediaType(PATCH_TYPES);
  const patch = parsePatch(patchText);
  const doc = cloneJson(current, false);
  try {
    if (mt === 'application/json-patch+json') {
      return applyJsonPatch(doc, patch);
    }
    if (!isObject(patch)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
    if (mt === 'application/merge-patch+json') return applyMergePatch(doc, patch);
    return applyStrategicMergePatch(doc, patch, patchMetaForKind(r.group, r.kind));
  } catch (e) {
    if (e instanceof StatusError) throw e;
    if (e instanceof PatchError) throw new StatusError(patchErrorToStatus(e));
    throw e;
  }
}

function parsePatch(patchText: unknown): unknown {
  if (typeof patchText !== 'string') return patchText;
  try {
    return JSON.parse(patchText);
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
}

/**
 * The decoding of a JSON or merge patch's result into the Go type: its errors are 422s on the
 * field `patch` (patch-decode.ts). A strategic merge patch is decoded by other means and keeps
 * the ordinary decoding errors.
 */
export function decodePatched(definition: string, patched: unknown, patchText: unknown, contentType: string | undefined): void {
  const mt = mediaType(contentType);
  if (mt === 'application/json-patch+json' || mt === 'application/merge-patch+json') decodePatchedJson(definition, mt, patched, parsePatch(patchText));
}

export function handlePatch(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, name: string, subresource?: string): ApiResponse {
  const opts = writeOptions(req.query ?? {});
  if (mediaType(req.contentType) === 'application/apply-patch+yaml') throw unsupportedMediaType(PATCH_TYPES);
  const current = getObject(ctx, r, namespace, name);
  const patched = applyPatch(r, current, req.body, req.contentType);
  if (!isObject(patched)) throw badRequest('the patch produced something that is not an object');
  const obj = patched as KubeObject;
  if (!isObject(obj.metadata)) obj.metadata = {};
  decodePatched(r.definition, obj, req.body, req.contentType);
  const warnings = fieldWarnings(r, req, obj, undefined, opts.fieldValidation);
  // A resourceVersion the patch itself sets is a precondition; the one carried over is not.
  const patchedRV = obj.metadata.resourceVersion;
  const expected = patchedRV !== current.metadata.resourceVersion ? patchedRV : undefined;
  const { object } = commitUpdate(ctx, r, current, obj, { ...opts, subresource, expectedResourceVersion: expected });
  return ok(object, 200, undefined, warnings);
}
