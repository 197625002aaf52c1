// The pieces every kubectl command shares (cmdutil.Factory): the API client, discovery, the
// effective namespace and request helpers that turn Status answers into errors.
import type { ApiRequest, ApiResponse, WatchHandle } from '../api/client';
import type { KubeObject, KubeList } from '../api/types';
import { goQuote, isStatus } from '../api/status';
import { Discovery, type ApiResource } from './discovery';
import { CmdError, ServerError } from './errors';
import type { KubectlConfig, KubectlIO } from './io';

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** apimachinery's IsValidPathSegmentName: what client-go refuses to put in a URL path. */
function pathSegmentErrors(s: string): string[] {
  if (s === '.' || s === '..') return [`may not be '${s}'`];
  return ['/', '%'].filter((c) => s.includes(c)).map((c) => `may not contain '${c}'`);
}

export function collectionPath(r: ApiResource, namespace?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (!r.namespaced || !namespace) return `${base}/${r.resource}`;
  // client-go's Request.Namespace: `-n ..` or a manifest's `namespace: a/b` never reach the server.
  const errs = pathSegmentErrors(namespace);
  if (errs.length) throw new CmdError(`invalid namespace ${goQuote(namespace)}: [${errs.join(' ')}]`);
  return `${base}/namespaces/${namespace}/${r.resource}`;
}

export function objectPath(r: ApiResource, name: string, namespace?: string): string {
  // client-go's Request.Name: an empty name would address the collection (and DELETE all of it).
  if (typeof name !== 'string' || name === '') throw new CmdError('resource name may not be empty');
  const errs = pathSegmentErrors(name);
  if (errs.length) throw new CmdError(`invalid resource name ${goQuote(name)}: [${errs.join(' ')}]`);
  return `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
}

export class Factory {
  readonly discovery: Discovery;
  constructor(
    readonly config: KubectlConfig,
    readonly io: KubectlIO,
  ) {
    this.discovery = new Discovery(config.client);
  }

  get client() {
    return this.config.client;
  }

  /** Sends a request; a Status answer with an error code throws ServerError. */
  async request(req: ApiRequest): Promise<ApiResponse> {
    let res: ApiResponse;
    try {
      res = await this.config.client.request(req);
    } catch (e) {
      throw new CmdError(connectionError(this.config.server, e), true);
    }
    if (res.status >= 400) {
      if (isStatus(res.body)) throw new ServerError(res.body);
      throw new CmdError(`the server responded with the status code ${res.status} but did not return more information`);
    }
    return res;
  }

  async get(r: ApiResource, name: string, namespace?: string): Promise<KubeObject> {
    return (await this.request({ verb: 'GET', path: objectPath(r, name, namespace) })).body as KubeObject;
  }

  async list(r: ApiResource, namespace?: string, query: Record<string, string> = {}): Promise<KubeList> {
    return (await this.request({ verb: 'GET', path: collectionPath(r, namespace), query })).body as KubeList;
  }

  async watch(path: string, query: Record<string, string>, accept?: string): Promise<WatchHandle> {
    const h = await this.config.client.watch({ path, query: { ...query, watch: 'true' }, accept });
    if ('status' in h && !(Symbol.asyncIterator in h)) {
      const res = h as ApiResponse;
      if (isStatus(res.body)) throw new ServerError(res.body);
      throw new CmdError(`watch failed with HTTP ${res.status}`);
    }
    return h as WatchHandle;
  }
}

function connectionError(server: string, e: unknown): string {
  const host = server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  void e;
  return `The connection to the server ${host} was refused - did you specify the right host or port?`;
}
