// The simulated kube-apiserver: routes a request to discovery, OpenAPI or a resource handler.
// Synchronous and deterministic; hosts (worker, CLI, tests) wrap it in a transport.
import type { ApiHandler, ApiRequest, ApiResponse, StreamSink, StreamSubscription, WatchSink, WatchSubscription } from '../../api/client';
import { methodNotSupported, notAcceptable, pathNotFound } from '../../api/status';
import type { ResourceInfo } from '../../api/registry';
import type { Store } from '../store/store';
import type { VirtualClock } from '../machinery/clock';
import type { Rand } from '../machinery/rand';
import type { Strategy, StrategyTable } from './registry/types';
import { internalPath, parsePath } from './paths';
import {
  AGGREGATED_CONTENT_TYPE,
  AGGREGATED_V2BETA1_CONTENT_TYPE,
  aggregatedDiscovery,
  legacyApiGroup,
  legacyApiGroupList,
  legacyApiVersions,
  legacyResourceList,
  wantsAggregated,
} from './discovery';
import { openapiRoot, openapiGroupVersion } from './openapi';
import { errorResponse, ok } from './respond';
import { decodeBody } from './body';
import { handleGet, handleList, handleWatch } from './read';
import { handleCreate, handleUpdate } from './write';
import { handlePatch } from './patch';
import { handleDelete, handleDeleteCollection } from './delete';
import { handleSubresource, streamSubresource } from './subresources';
import { resourceKey } from './paths';
import { requestToStorage, responseFromStorage, sinkFromStorage, storageResource } from './versions';
import type { NodeHooks, ServerContext } from './context';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export interface ApiServerOptions {
  store: Store;
  clock: VirtualClock;
  rand: Rand;
  strategies: StrategyTable;
  fallbackStrategy?: Strategy;
  serverAddress?: string;
}

export class ApiServer implements ApiHandler {
  readonly ctx: ServerContext;

  constructor(opts: ApiServerOptions) {
    const fallback = opts.fallbackStrategy ?? {};
    this.ctx = {
      store: opts.store,
      clock: opts.clock,
      rand: opts.rand,
      strategyFor: (r: ResourceInfo) => opts.strategies[resourceKey(r)] ?? fallback,
      hooks: {},
      serverAddress: opts.serverAddress ?? '127.0.0.1:8080',
    };
  }

  setHooks(hooks: NodeHooks): void {
    this.ctx.hooks = hooks;
  }

  handle(req: ApiRequest): ApiResponse {
    try {
      return this.route(req);
    } catch (e) {
      return errorResponse(e);
    }
  }

  watch(req: ApiRequest, sink: WatchSink): WatchSubscription | ApiResponse {
    try {
      const p = parsePath(req.path);
      if (p.type !== 'resource' || p.subresource) return errorResponse(pathNotFound());
      // Watching one object by URL is the deprecated form: a name filter.
      const name = p.name;
      if (!p.info.verbs.includes('watch')) throw methodNotSupported({ group: p.info.group, resource: p.info.resource }, 'watch');
      if (p.info.storageVersion) return handleWatch(this.ctx, storageResource(p.info), req, p.namespace, name, sinkFromStorage(p.info, sink));
      return handleWatch(this.ctx, p.info, req, p.namespace, name, sink);
    } catch (e) {
      return errorResponse(e);
    }
  }

  stream(req: ApiRequest, sink: StreamSink): StreamSubscription | ApiResponse {
    try {
      const p = parsePath(req.path);
      if (p.type !== 'resource' || !p.name || !p.subresource) return errorResponse(pathNotFound());
      return streamSubresource(this.ctx, p.info, req, p.namespace ?? '', p.name, p.subresource, sink);
    } catch (e) {
      return errorResponse(e);
    }
  }

  private route(req: ApiRequest): ApiResponse {
    const p = internalPath(req) ?? parsePath(req.path);
    switch (p.type) {
      case 'version':
        return ok(SERVER_VERSION);
      case 'health':
        return { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
      case 'discovery': {
        const agg = wantsAggregated(req.accept);
        if (agg) return ok(aggregatedDiscovery(p.which, agg), 200, agg === 'v2' ? AGGREGATED_CONTENT_TYPE : AGGREGATED_V2BETA1_CONTENT_TYPE);
        return ok(p.which === 'api' ? legacyApiVersions(this.ctx.serverAddress) : legacyApiGroupList());
      }
      case 'group': {
        const g = legacyApiGroup(p.group);
        if (!g) throw pathNotFound();
        return ok(g);
      }
      case 'groupVersion': {
        const l = legacyResourceList(p.group, p.version);
        if (!l) throw pathNotFound();
        return ok(l);
      }
      case 'openapiRoot':
        return ok(openapiRoot());
      case 'openapiGroupVersion': {
        const doc = openapiGroupVersion(p.gv);
        if (!doc) throw pathNotFound();
        return ok(doc);
      }
      case 'openapiV2':
        // Only v3 is served; kubectl treats the 404 as "no v2" and uses v3.
        throw pathNotFound();
      case 'notFound':
        throw pathNotFound();
      case 'resource':
        return this.resource(req, p.info, p.namespace, p.name, p.subresource, p.rest);
    }
  }

  private resource(req: ApiRequest, r: ResourceInfo, namespace: string | undefined, name: string | undefined, sub: string | undefined, rest: string | undefined): ApiResponse {
    const ctx = this.ctx;
    if (r.virtual) return this.virtual(req, r);
    if (r.storageVersion) {
      // Another version of a stored kind: served by converting to and from the stored one.
      const stored = this.resource(requestToStorage(ctx, r, req, namespace, name), storageResource(r), namespace, name, sub, rest);
      return responseFromStorage(r, stored);
    }
    if (sub) {
      if (!name) throw pathNotFound();
      if (sub === 'status') {
        if (req.verb === 'GET') return handleGet(ctx, r, req, namespace ?? '', name);
        if (req.verb === 'PUT') return handleUpdate(ctx, r, req, namespace ?? '', name, 'status');
        if (req.verb === 'PATCH') return handlePatch(ctx, r, req, namespace ?? '', name, 'status');
        throw methodNotSupported({ group: r.group, resource: `${r.resource}/status` }, req.verb.toLowerCase());
      }
      return handleSubresource(ctx, r, req, namespace ?? '', name, sub, rest);
    }
    const ns = r.scope === 'Namespaced' ? namespace : undefined;
    switch (req.verb) {
      case 'GET': {
        const watch = req.query?.watch;
        if (watch === 'true' || watch === '1') throw notAcceptable('watch requests need a streaming connection');
        return name ? handleGet(ctx, r, req, ns ?? '', name) : handleList(ctx, r, req, ns);
      }
      case 'POST':
        if (name) throw methodNotSupported(groupResource(r), 'create');
        if (r.scope === 'Namespaced' && ns === undefined) throw pathNotFound();
        return handleCreate(ctx, r, req, ns ?? '');
      case 'PUT':
        if (!name) throw methodNotSupported(groupResource(r), 'update');
        return handleUpdate(ctx, r, req, ns ?? '', name);
      case 'PATCH':
        if (!name) throw methodNotSupported(groupResource(r), 'patch');
        return handlePatch(ctx, r, req, ns ?? '', name);
      case 'DELETE':
        if (!name) {
          if (!r.verbs.includes('deletecollection')) throw methodNotSupported(groupResource(r), 'deletecollection');
          return handleDeleteCollection(ctx, r, req, ns);
        }
        return handleDelete(ctx, r, req, ns ?? '', name);
    }
    throw methodNotSupported(groupResource(r), String(req.verb).toLowerCase());
  }

  /** Create-only kinds that are answered, not stored. */
  private virtual(req: ApiRequest, r: ResourceInfo): ApiResponse {
    if (req.verb !== 'POST') throw methodNotSupported(groupResource(r), req.verb.toLowerCase());
    if (r.kind === 'SelfSubjectAccessReview' || r.kind === 'SelfSubjectRulesReview') {
      const review = decodeBody(req.body, req.contentType).value as Record<string, unknown>;
      const status =
        r.kind === 'SelfSubjectAccessReview'
          ? { allowed: true }
          : { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false };
      return ok({ ...review, kind: r.kind, apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, status }, 201);
    }
    throw pathNotFound();
  }
}

function groupResource(r: ResourceInfo): { group: string; resource: string } {
  return { group: r.group, resource: r.resource };
}
