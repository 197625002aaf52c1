// A protobuf request turned into the JSON request our apiserver handles, or the BadRequest a
// real apiserver answers for a body it cannot decode (apiserver's transformDecodeError texts).
// Bodies we have no schema for go through unchanged, so the handler answers 404 or 415 as before.
import type { ApiRequest } from '../../api/client';
import { lookupResource } from '../../api/registry';
import { badRequest, type StatusError } from '../../api/status';
import { decodeProtobufBody } from './decode';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === PROTOBUF;
}

export function decodeProtobufRequest(req: ApiRequest, raw: Uint8Array): ApiRequest | StatusError {
  if (raw.length === 0) return req;
  const r = decodeProtobufBody(raw);
  if (r.ok) return { ...req, body: r.object, contentType: 'application/json' };
  if (r.unsupported) return req;
  const into = routeKind(req.path);
  // Unknown route: let the handler give its NotFound, as routing comes before decoding.
  if (!into) return req;
  if (r.kind) return badRequest(`${r.kind} in version "${r.version}" cannot be handled as a ${into}: ${r.error}`);
  return badRequest(`the object provided is unrecognized (must be of type ${into}): ${r.error} (${summarizeData(raw)})`);
}

/** apiserver's summarizeData: the first 30 bytes, as text for JSON, else in hex. */
function summarizeData(data: Uint8Array, max = 30): string {
  if (data.length === 0) return '<empty>';
  const head = Buffer.from(data.subarray(0, max));
  const more = data.length > max ? ' ...' : '';
  return (data[0] === 0x7b ? head.toString('utf8') : head.toString('hex')) + more;
}

/** The kind a create/update on this path decodes into: the resource's, or its subresource's. */
function routeKind(path: string): string | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/[^/]+)?\/([^/]+)(?:\/[^/]+(?:\/([^/]+))?)?$/.exec(path);
  if (!m) return undefined;
  const [, coreVersion, group, version, resource, sub] = m;
  const info = lookupResource(group ?? '', coreVersion ?? version, resource);
  if (!info) return undefined;
  if (!sub) return info.kind;
  const s = info.subresources.find((x) => x.name === sub);
  return s ? (s.kind?.kind ?? info.kind) : undefined;
}
