// The in-cluster client controllers, the scheduler and kubelets use: every read and write goes
// through the apiserver's request path (admission, validation, resourceVersions), never the store.
import type { ApiHandler, HttpVerb } from '../../api/client';
import type { KubeObject, KubeList } from '../../api/types';
import { RESOURCES, collectionPath, type ResourceInfo } from '../../api/registry';
import { StatusError, isStatus } from '../../api/status';
import { internalRequest, type InternalRoute } from './internal';

const byKey = new Map<string, ResourceInfo>();
for (const r of RESOURCES) byKey.set(r.group ? `${r.resource}.${r.group}` : r.resource, r);

/** `pods`, `deployments.apps` → the kinds-table row. */
export function resourceInfo(key: string): ResourceInfo {
  const r = byKey.get(key);
  if (!r) throw new Error(`unknown resource ${key}`);
  return r;
}

/** collectionPath per resource and namespace, made once (bounded: namespaces are the user's). */
const collectionPaths = new Map<ResourceInfo, Map<string, string>>();

function collectionPathOf(info: ResourceInfo, namespace: string | undefined): string {
  let byNs = collectionPaths.get(info);
  if (!byNs) collectionPaths.set(info, (byNs = new Map()));
  // collectionPath treats an empty namespace as none.
  const key = namespace ?? '';
  let path = byNs.get(key);
  if (path === undefined) {
    path = collectionPath(info, namespace);
    if (byNs.size < 4096) byNs.set(key, path);
  }
  return path;
}

export type PatchType = 'json' | 'merge' | 'strategic';
const PATCH_CONTENT: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export interface ListOpts {
  labelSelector?: string;
  fieldSelector?: string;
}

export class ClusterClient {
  constructor(
    private readonly api: ApiHandler,
    /** fieldManager recorded on writes, e.g. kube-controller-manager. */
    readonly manager: string,
  ) {
    this.managerQuery = { fieldManager: manager };
  }

  private readonly managerQuery: Record<string, string>;

  private call(
    verb: HttpVerb,
    route: InternalRoute,
    body?: unknown,
    query?: Record<string, string>,
    contentType?: string,
  ): unknown {
    const { info, namespace, name, subresource } = route;
    const collection = collectionPathOf(info, namespace);
    // objectPath's text, from the collection path made once per resource and namespace.
    let path = name === undefined ? collection : collection + '/' + name;
    if (subresource) path += `/${subresource}`;
    const req = internalRequest(verb, path, body, query, contentType, route);
    const res = this.api.handle(req);
    if (res.status >= 300) {
      if (isStatus(res.body)) throw new StatusError(res.body);
      throw new Error(`${verb} ${path}: HTTP ${res.status}`);
    }
    return res.body;
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    try {
      return this.call('GET', { info: resourceInfo(resource), namespace, name }) as KubeObject;
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return undefined;
      throw e;
    }
  }

  list(resource: string, namespace?: string, opts: ListOpts = {}): KubeObject[] {
    const q: Record<string, string> = {};
    if (opts.labelSelector) q.labelSelector = opts.labelSelector;
    if (opts.fieldSelector) q.fieldSelector = opts.fieldSelector;
    return (this.call('GET', { info: resourceInfo(resource), namespace }, undefined, q) as KubeList).items;
  }

  /**
   * `owned`: obj was built for this call alone, holds no stored (frozen) values, and is not used
   * after it: the server works on it and keeps it (frozen) instead of copying it.
   */
  create(resource: string, namespace: string, obj: KubeObject, owned = false): KubeObject {
    return this.call('POST', { info: resourceInfo(resource), namespace, owned }, obj, this.managerQuery) as KubeObject;
  }

  update(resource: string, obj: KubeObject): KubeObject {
    return this.call('PUT', { info: resourceInfo(resource), namespace: obj.metadata.namespace, name: obj.metadata.name! }, obj, this.managerQuery) as KubeObject;
  }

  updateStatus(resource: string, obj: KubeObject): KubeObject {
    return this.putSubresource(resource, obj, 'status');
  }

  patch(resource: string, namespace: string, name: string, type: PatchType, patch: unknown, subresource?: string): KubeObject {
    return this.call('PATCH', { info: resourceInfo(resource), namespace, name, subresource }, JSON.stringify(patch), this.managerQuery, PATCH_CONTENT[type]) as KubeObject;
  }

  delete(resource: string, namespace: string, name: string, opts: Record<string, unknown> = {}): unknown {
    return this.call('DELETE', { info: resourceInfo(resource), namespace, name }, opts);
  }

  deleteCollection(resource: string, namespace: string | undefined, opts: ListOpts & { body?: Record<string, unknown> } = {}): unknown {
    const q: Record<string, string> = {};
    if (opts.labelSelector) q.labelSelector = opts.labelSelector;
    if (opts.fieldSelector) q.fieldSelector = opts.fieldSelector;
    return this.call('DELETE', { info: resourceInfo(resource), namespace }, opts.body ?? {}, q);
  }

  /** PUT to a subresource (status, finalize). */
  putSubresource(resource: string, obj: KubeObject, subresource: string): KubeObject {
    return this.call('PUT', { info: resourceInfo(resource), namespace: obj.metadata.namespace, name: obj.metadata.name!, subresource }, obj, this.managerQuery) as KubeObject;
  }

  /** POST to a subresource (binding, eviction). */
  post(resource: string, namespace: string, name: string, subresource: string, body: unknown): unknown {
    return this.call('POST', { info: resourceInfo(resource), namespace, name, subresource }, body);
  }
}

export function isNotFound(e: unknown): boolean {
  return e instanceof StatusError && e.code === 404;
}

export function isConflict(e: unknown): boolean {
  return e instanceof StatusError && e.code === 409 && e.reason === 'Conflict';
}

export function isAlreadyExists(e: unknown): boolean {
  return e instanceof StatusError && e.reason === 'AlreadyExists';
}
