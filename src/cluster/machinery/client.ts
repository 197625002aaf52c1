// The in-cluster client controllers, the scheduler and kubelets use: every read and write goes
// through the apiserver's request path (admission, validation, resourceVersions), never the store.
import type { ApiHandler, ApiRequest, HttpVerb } from '../../api/client';
import type { KubeObject, KubeList } from '../../api/types';
import { RESOURCES, collectionPath, objectPath, type ResourceInfo } from '../../api/registry';
import { StatusError, isStatus } from '../../api/status';
import { internalRequests } from './internal';

const byKey = new Map<string, ResourceInfo>();
for (const r of RESOURCES) byKey.set(r.group ? `${r.resource}.${r.group}` : r.resource, r);

/** `pods`, `deployments.apps` → the kinds-table row. */
export function resourceInfo(key: string): ResourceInfo {
  const r = byKey.get(key);
  if (!r) throw new Error(`unknown resource ${key}`);
  return r;
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
  ) {}

  private call(verb: HttpVerb, path: string, body?: unknown, query?: Record<string, string>, contentType?: string): unknown {
    const req: ApiRequest = { verb, path, body, query, contentType };
    internalRequests.add(req);
    const res = this.api.handle(req);
    if (res.status >= 300) {
      if (isStatus(res.body)) throw new StatusError(res.body);
      throw new Error(`${verb} ${path}: HTTP ${res.status}`);
    }
    return res.body;
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    try {
      return this.call('GET', objectPath(resourceInfo(resource), name, namespace)) as KubeObject;
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return undefined;
      throw e;
    }
  }

  list(resource: string, namespace?: string, opts: ListOpts = {}): KubeObject[] {
    const q: Record<string, string> = {};
    if (opts.labelSelector) q.labelSelector = opts.labelSelector;
    if (opts.fieldSelector) q.fieldSelector = opts.fieldSelector;
    return (this.call('GET', collectionPath(resourceInfo(resource), namespace), undefined, q) as KubeList).items;
  }

  create(resource: string, namespace: string, obj: KubeObject): KubeObject {
    return this.call('POST', collectionPath(resourceInfo(resource), namespace), obj, { fieldManager: this.manager }) as KubeObject;
  }

  update(resource: string, obj: KubeObject): KubeObject {
    const r = resourceInfo(resource);
    return this.call('PUT', objectPath(r, obj.metadata.name!, obj.metadata.namespace), obj, { fieldManager: this.manager }) as KubeObject;
  }

  updateStatus(resource: string, obj: KubeObject): KubeObject {
    const r = resourceInfo(resource);
    return this.call('PUT', objectPath(r, obj.metadata.name!, obj.metadata.namespace) + '/status', obj, { fieldManager: this.manager }) as KubeObject;
  }

  patch(resource: string, namespace: string, name: string, type: PatchType, patch: unknown, subresource?: string): KubeObject {
    const r = resourceInfo(resource);
    const path = objectPath(r, name, namespace) + (subresource ? `/${subresource}` : '');
    return this.call('PATCH', path, JSON.stringify(patch), { fieldManager: this.manager }, PATCH_CONTENT[type]) as KubeObject;
  }

  delete(resource: string, namespace: string, name: string, opts: Record<string, unknown> = {}): unknown {
    return this.call('DELETE', objectPath(resourceInfo(resource), name, namespace), opts);
  }

  deleteCollection(resource: string, namespace: string | undefined, opts: ListOpts & { body?: Record<string, unknown> } = {}): unknown {
    const q: Record<string, string> = {};
    if (opts.labelSelector) q.labelSelector = opts.labelSelector;
    if (opts.fieldSelector) q.fieldSelector = opts.fieldSelector;
    return this.call('DELETE', collectionPath(resourceInfo(resource), namespace), opts.body ?? {}, q);
  }

  /** PUT to a subresource (status, finalize). */
  putSubresource(resource: string, obj: KubeObject, subresource: string): KubeObject {
    const r = resourceInfo(resource);
    return this.call('PUT', `${objectPath(r, obj.metadata.name!, obj.metadata.namespace)}/${subresource}`, obj, { fieldManager: this.manager }) as KubeObject;
  }

  /** POST to a subresource (binding, eviction). */
  post(resource: string, namespace: string, name: string, subresource: string, body: unknown): unknown {
    return this.call('POST', `${objectPath(resourceInfo(resource), name, namespace)}/${subresource}`, body);
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
