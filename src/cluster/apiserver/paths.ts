// Maps a request path to what it addresses, as kube-apiserver's request info resolver does.
import { lookupResource, type ResourceInfo } from '../../api/registry';
import { badRequest } from '../../api/status';
import { internalRoute } from '../machinery/internal';

export type ParsedPath =
  | { type: 'version' }
  | { type: 'health'; name: string }
  | { type: 'discovery'; which: 'api' | 'apis' }
  | { type: 'group'; group: string }
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'openapiRoot' }
  | { type: 'openapiGroupVersion'; gv: string }
  | { type: 'openapiV2' }
  | {
      type: 'resource';
      info: ResourceInfo;
      namespace?: string;
      name?: string;
      subresource?: string;
      /** Remainder after the subresource (proxy paths). */
      rest?: string;
    }
  | { type: 'notFound' };

/** A path segment's %-escapes; a malformed one is the client's error (Go's net/url: 400), never a 500. */
function decodeSegment(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    const bad = /%(?![0-9A-Fa-f]{2})[\s\S]{0,2}/.exec(seg)?.[0] ?? seg;
    throw badRequest(`invalid URL escape ${JSON.stringify(bad)}`);
  }
}

export function parsePath(path: string): ParsedPath {
  const clean = path.replace(/\/+$/, '') || '/';
  switch (clean) {
    case '/version':
      return { type: 'version' };
    case '/healthz':
    case '/livez':
    case '/readyz':
      return { type: 'health', name: clean.slice(1) };
    case '/api':
      return { type: 'discovery', which: 'api' };
    case '/apis':
      return { type: 'discovery', which: 'apis' };
    case '/openapi/v3':
      return { type: 'openapiRoot' };
    case '/openapi/v2':
      return { type: 'openapiV2' };
  }
  if (clean.startsWith('/openapi/v3/')) return { type: 'openapiGroupVersion', gv: clean.slice('/openapi/v3/'.length) };
  if (/^\/(healthz|livez|readyz)\//.test(clean)) return { type: 'health', name: clean.slice(1) };

  // Keep the trailing slash information for proxy remainders.
  const segs = path.split('/').slice(1);
  let group: string;
  let version: string;
  let i: number;
  if (segs[0] === 'api') {
    if (segs.length < 2 || !segs[1]) return { type: 'notFound' };
    group = '';
    version = segs[1];
    i = 2;
  } else if (segs[0] === 'apis') {
    if (segs.length < 2 || !segs[1]) return { type: 'notFound' };
    group = segs[1];
    if (segs.length === 2 || (segs.length === 3 && segs[2] === '')) return { type: 'group', group };
    version = segs[2];
    i = 3;
  } else {
    return { type: 'notFound' };
  }
  if (i >= segs.length || (i === segs.length - 1 && segs[i] === '')) return { type: 'groupVersion', group, version };

  let namespace: string | undefined;
  if (segs[i] === 'namespaces' && segs.length > i + 2 && segs[i + 2] !== '') {
    // /namespaces/{ns}/{resource}... unless it is /namespaces/{name}/{status|finalize} itself.
    const sub = segs[i + 2];
    if (!(group === '' && (sub === 'status' || sub === 'finalize') && segs.length === i + 3)) {
      namespace = decodeSegment(segs[i + 1]);
      i += 2;
    }
  }
  const info = lookupResource(group, version, segs[i]);
  if (!info) return { type: 'notFound' };
  if (namespace !== undefined && info.scope === 'Cluster') return { type: 'notFound' };
  const name = segs[i + 1] !== undefined && segs[i + 1] !== '' ? decodeSegment(segs[i + 1]) : undefined;
  const subresource = segs[i + 2] !== undefined && segs[i + 2] !== '' ? segs[i + 2] : undefined;
  const rest = segs.length > i + 3 ? '/' + segs.slice(i + 3).join('/') : subresource && path.endsWith('/') ? '/' : undefined;
  if (subresource && !info.subresources.some((s) => s.name === subresource)) return { type: 'notFound' };
  if (rest !== undefined && subresource !== 'proxy') return { type: 'notFound' };
  return { type: 'resource', info, namespace, name, subresource, rest };
}

/** `pods`, `deployments.apps`: the storage key prefix and the GroupResource string. */
/** group → resource → key: each key string is made (and hashed by the store's maps) once. */
const resourceKeys = new Map<string, Map<string, string>>();

export function resourceKey(info: { group: string; resource: string }): string {
  if (!info.group) return info.resource;
  let byResource = resourceKeys.get(info.group);
  if (!byResource) {
    // Bounded (names may come from request paths): past it, keys are made per call as before.
    if (resourceKeys.size >= 256) return `${info.resource}.${info.group}`;
    resourceKeys.set(info.group, (byResource = new Map()));
  }
  let key = byResource.get(info.resource);
  if (key === undefined) {
    key = `${info.resource}.${info.group}`;
    if (byResource.size < 256) byResource.set(info.resource, key);
  }
  return key;
}

/**
 * What an in-cluster client's request addresses, as the client said when it built the path
 * (machinery/internal.ts): the same answer parsePath gives for that path, without parsing it.
 * Anything parsePath would treat specially (escapes, unknown subresources) is left to it.
 */
export function internalPath(req: object): ParsedPath | undefined {
  const route = internalRoute(req);
  if (!route) return undefined;
  const { info, name, subresource } = route;
  if (name !== undefined && (name === '' || name.includes('%') || name.includes('/'))) return undefined;
  if (subresource !== undefined && !info.subresources.some((s) => s.name === subresource)) return undefined;
  const namespace = info.scope === 'Namespaced' && route.namespace ? route.namespace : undefined;
  if (namespace !== undefined && (namespace.includes('%') || namespace.includes('/'))) return undefined;
  return { type: 'resource', info, namespace, name, subresource };
}
