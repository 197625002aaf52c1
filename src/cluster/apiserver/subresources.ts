// Subresources: scale (autoscaling/v1 Scale), binding (the scheduler's write), eviction (drain),
// namespace finalize, service-account tokens (token.ts), and the hooks that simulated nodes serve (log, exec, proxy).
import type { ApiRequest, ApiResponse, StreamSink, StreamSubscription } from '../../api/client';
import type { KubeObject } from '../../api/types';
import { badRequest, conflict, invalid, methodNotSupported, notFound, serviceUnavailable, successStatus } from '../../api/status';
import type { ResourceInfo } from '../../api/registry';
import { formatSelectorForScale } from './scale-selector';
import { cloneJson } from '../store/clone';
import { decodeBody, isObject } from './body';
import { getObject } from './read';
import { resourceKey } from './paths';
import { ok } from './respond';
import { commitUpdate, completeDeletion, writeOptions } from './write';
import { applyPatch, decodePatched } from './patch';
import { cannotBeHandledMessage, checkFields } from './openapi/decode';

const SCALE_DEFINITION = 'io.k8s.api.autoscaling.v1.Scale';
import { deleteObject, type DeleteOptions } from './delete';
import { handleTokenRequest } from './token';
import { strategyContext, type ServerContext } from './context';

interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: Record<string, unknown>;
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export function toScale(obj: KubeObject): Scale {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata;
  const scale: Scale = {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0 },
  };
  const sel = formatSelectorForScale(obj.kind ?? '', spec.selector);
  if (sel) scale.status.selector = sel;
  return scale;
}

function handleScale(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, name: string): ApiResponse {
  // ScaleREST names the subresource in its NotFound (deployments/scale.apps); the RC's is autoscaling's.
  const current = ctx.store.get(resourceKey(r), namespace, name);
  if (!current) throw notFound({ group: r.group || 'autoscaling', resource: `${r.resource}/scale` }, name);
  if (req.verb === 'GET') return ok(toScale(current));
  if (req.verb !== 'PUT' && req.verb !== 'PATCH') throw methodNotSupported({ group: r.group, resource: `${r.resource}/scale` }, req.verb.toLowerCase());
  const scale = toScale(current);
  let next: Scale;
  if (req.verb === 'PATCH') {
    next = applyPatch({ group: 'autoscaling', version: 'v1', kind: 'Scale' }, scale, req.body, req.contentType) as Scale;
    decodePatched(SCALE_DEFINITION, next, req.body, req.contentType);
  } else {
    next = decodeBody(req.body, req.contentType).value as Scale;
  }
  // The Scale is decoded into autoscaling/v1 Scale: replicas is an int32.
  const { typeErrors } = checkFields(SCALE_DEFINITION, next);
  if (typeErrors.length) throw badRequest(cannotBeHandledMessage('Scale', 'v1', typeErrors[0]));
  const replicas = next?.spec?.replicas;
  const expected = (next?.metadata?.resourceVersion as string | undefined) || undefined;
  if (expected && expected !== current.metadata.resourceVersion) {
    throw conflict({ group: r.group, resource: r.resource }, name, 'the object has been modified; please apply your changes to the latest version and try again');
  }
  if ((replicas ?? 0) < 0) {
    throw invalid('autoscaling', 'Scale', name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', badValue: replicas, detail: 'must be greater than or equal to 0' }]);
  }
  const obj = cloneJson(current, false) as KubeObject;
  obj.spec = { ...((obj.spec as object) ?? {}), replicas: replicas ?? 0 };
  const { object } = commitUpdate(ctx, r, current, obj, { ...writeOptions(req.query ?? {}) });
  return ok(toScale(object));
}

function handleBinding(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, name: string): ApiResponse {
  if (req.verb !== 'POST') throw methodNotSupported({ group: '', resource: 'pods/binding' }, req.verb.toLowerCase());
  const binding = decodeBody(req.body, req.contentType).value as { target?: { name?: string; kind?: string } };
  const target = binding?.target?.name;
  if (!target) throw badRequest('Binding "" is invalid: target.name: Required value');
  const current = getObject(ctx, r, namespace, name);
  const spec = (current.spec ?? {}) as { nodeName?: string };
  if (current.metadata.deletionTimestamp) throw conflict({ group: '', resource: 'pods' }, name, 'pod is being deleted, cannot be assigned to a host');
  if (spec.nodeName) throw conflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
  // Copies of only the parts written (the stored ones are immutable); the store shares the rest.
  type Cond = { type: string; status: string; lastProbeTime: null; lastTransitionTime: string };
  const status = { ...((current.status ?? {}) as { conditions?: Cond[] }) };
  const conds = (status.conditions = [...(status.conditions ?? [])]);
  const obj: KubeObject = { ...current, spec: { ...spec, nodeName: target }, status };
  const cond = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.clock.rfc3339() };
  const i = conds.findIndex((c) => c.type === 'PodScheduled');
  if (i >= 0) conds[i] = cond;
  else conds.push(cond);
  // Binding writes spec and status together, which no client update may do.
  ctx.store.update('pods', obj, { expectedResourceVersion: current.metadata.resourceVersion });
  return ok(successStatus(), 201);
}

function handleEviction(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, name: string): ApiResponse {
  if (req.verb !== 'POST') throw methodNotSupported({ group: '', resource: 'pods/eviction' }, req.verb.toLowerCase());
  const ev = decodeBody(req.body, req.contentType).value as { metadata?: { name?: string }; deleteOptions?: DeleteOptions };
  if (ev?.metadata?.name && ev.metadata.name !== name) throw badRequest(`name in URL does not match name in Eviction object`);
  getObject(ctx, r, namespace, name);
  deleteObject(ctx, r, namespace, name, isObject(ev?.deleteOptions) ? ev.deleteOptions : {});
  return ok(successStatus(), 201);
}

function handleFinalize(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, name: string): ApiResponse {
  if (req.verb !== 'PUT') throw methodNotSupported({ group: '', resource: 'namespaces/finalize' }, req.verb.toLowerCase());
  const current = getObject(ctx, r, '', name);
  const body = decodeBody(req.body, req.contentType).value as KubeObject;
  const strategy = ctx.strategyFor(r);
  const sctx = strategyContext(ctx, false);
  const obj = cloneJson(current, false) as KubeObject;
  obj.spec = { ...((obj.spec as object) ?? {}), finalizers: ((body?.spec ?? {}) as { finalizers?: string[] }).finalizers ?? [] };
  strategy.prepareForFinalizeUpdate?.(obj, current, sctx);
  const errs = strategy.validateFinalizeUpdate?.(obj, current, sctx) ?? [];
  if (errs.length) throw invalid(r.group, r.kind, name, errs);
  const stored = ctx.store.update('namespaces', obj, { expectedResourceVersion: current.metadata.resourceVersion });
  return ok(completeDeletion(ctx, r, stored));
}

export function handleSubresource(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, name: string, sub: string, rest?: string): ApiResponse {
  switch (sub) {
    case 'scale':
      return handleScale(ctx, r, req, namespace, name);
    case 'binding':
      return handleBinding(ctx, r, req, namespace, name);
    case 'eviction':
      return handleEviction(ctx, r, req, namespace, name);
    case 'finalize':
      return handleFinalize(ctx, r, req, name);
    case 'log':
    case 'exec':
    case 'attach':
    case 'portforward': {
      const res = streamSubresource(ctx, r, req, namespace, name, sub);
      if ('status' in res) return res;
      res.stop();
      throw badRequest(`${sub} needs a streaming connection`);
    }
    case 'proxy':
      return proxy(ctx, r, req, namespace, name, rest ?? '/');
    case 'token':
      if (req.verb !== 'POST') throw methodNotSupported({ group: r.group, resource: `${r.resource}/token` }, req.verb.toLowerCase());
      return handleTokenRequest(ctx, r, req, namespace, name);
  }
  throw notFound({ group: r.group, resource: `${r.resource}/${sub}` }, name);
}

/** log / exec: served by the simulated node that runs the pod. */
export function streamSubresource(
  ctx: ServerContext,
  r: ResourceInfo,
  req: ApiRequest,
  namespace: string,
  name: string,
  sub: string,
  sink?: StreamSink,
): ApiResponse | StreamSubscription {
  const pod = getObject(ctx, r, namespace, name);
  const q = req.query ?? {};
  const hook = sub === 'log' ? ctx.hooks.log : sub === 'exec' ? ctx.hooks.exec : sub === 'attach' ? ctx.hooks.attach : undefined;
  if (!hook) throw serviceUnavailable(`no node serves ${sub} for pod ${name}`);
  return hook(pod, q, sink);
}

function proxy(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, nameAndPort: string, rest: string): ApiResponse {
  // The name may carry a scheme and port: `https:web-1:8443` or `web-1:8080`.
  const parts = nameAndPort.split(':');
  let scheme: string | undefined;
  let name: string;
  let port: string | undefined;
  if (parts.length === 3) [scheme, name, port] = parts;
  else [name, port] = parts;
  const object = getObject(ctx, r, namespace, name);
  if (!ctx.hooks.proxy) throw serviceUnavailable(`no route to ${r.resource}/${name}`);
  return ctx.hooks.proxy({ kind: r.resource as 'pods' | 'services' | 'nodes', object, port, scheme }, rest, req);
}
