// Create, update (PUT) and the commit path that patch and subresources share: the generic
// registry's BeforeCreate/BeforeUpdate, validation, allocation and the store write.
import type { ApiRequest, ApiResponse } from '../../api/client';
import type { KubeObject } from '../../api/types';
import { alreadyExists, badRequest, conflict, invalid, notFound, OptimisticLockErrorMsg, StatusError, type FieldError } from '../../api/status';
import type { ResourceInfo } from '../../api/registry';
import { cloneJson, jsonEqual } from '../store/clone';
import { isStoreError } from '../store/errors';
import { unconvertedStorageError } from './storage-errors';
import { decodeBody, isObject } from './body';
import { admitCreate } from './admission';
import { validateFields } from './fieldvalidation';
import { internalFieldChecks, internalRoute } from '../machinery/internal';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { resourceKey } from './paths';
import { apiVersionOf } from './read';
import { ok } from './respond';
import { strategyContext, type ServerContext } from './context';
import { defaultCanRemove } from './registry/types';

export interface WriteOptions {
  dryRun: boolean;
  fieldValidation?: string;
  /** Create reached through PUT (allowCreateOnUpdate): a resourceVersion there is not refused. */
  fromUpdate?: boolean;
  /** Skip validation: an InternalRoute.trusted create (the cluster's bootstrap objects). */
  trusted?: boolean;
}

/**
 * storage.ErrResourceVersionSetOnCreate. No registry interprets it, so the handler's
 * ErrorToAPIStatus makes it a 500 with an empty reason (kubectl: `Error from server: ...`).
 */
export function resourceVersionSetOnCreate(): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'resourceVersion should not be set on objects to be created', code: 500 });
}

export function writeOptions(q: Record<string, string>): WriteOptions {
  return { dryRun: q.dryRun === 'All', fieldValidation: q.fieldValidation };
}

function gr(r: ResourceInfo) {
  return { group: r.group, resource: r.resource };
}

/**
 * How much of an object body the server copies before working on it:
 * - copy: all of it (a client's object is never written to);
 * - status: an in-cluster client's status write, of which the server keeps only metadata and
 *   status (every prepareForStatusUpdate replaces the rest with the stored object's): those two
 *   are copied one level deep (the status path sets and removes their fields, e.g. a namespace's
 *   phase or the server-owned metadata, but never writes below them), the rest stays the
 *   caller's and is never written to. Unchanged parts are then the stored values themselves,
 *   which the store recognises by identity;
 * - owned: the client handed the body over (InternalRoute.owned): nothing is copied.
 */
export type BodyCopy = 'copy' | 'status' | 'owned';

/** Decodes a body into an object of this resource's kind, checking apiVersion and kind. */
export function decodeObject(r: ResourceInfo, req: ApiRequest, copy: BodyCopy = 'copy'): { obj: KubeObject; text?: string } {
  const { value, text } = decodeBody(req.body, req.contentType);
  if (!isObject(value)) {
    throw badRequest(`${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: json: cannot unmarshal ${jsonTypeName(value)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  const obj = (copy === 'copy' ? cloneJson(value, false) : copy === 'status' ? copyMetadataAndStatus(value) : value) as KubeObject;
  const want = apiVersionOf(r);
  if (obj.apiVersion !== undefined && obj.apiVersion !== '' && obj.apiVersion !== want) {
    throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${want})`);
  }
  if (obj.kind !== undefined && obj.kind !== '' && obj.kind !== r.kind) {
    throw badRequest(`${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: the kind in the data (${String(obj.kind)}) does not match the expected kind (${r.kind})`);
  }
  obj.apiVersion = want;
  obj.kind = r.kind;
  if (!isObject(obj.metadata)) obj.metadata = {};
  return { obj, text };
}

function copyMetadataAndStatus(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // for-in: the same keys in the same order for a plain JSON object, without a key array.
  for (const k in value) {
    const v = value[k];
    if (v === undefined) continue;
    out[k] = (k === 'metadata' || k === 'status') && isObject(v) ? { ...v } : v;
  }
  return out;
}

function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'object';
}

/**
 * Strict decoding (unknown and mistyped fields) for client bodies; skipped for the typed
 * in-cluster clients (machinery/internal.ts), whose objects cannot carry such fields.
 */
export function fieldWarnings(r: ResourceInfo, req: ApiRequest, obj: KubeObject, text: string | undefined, mode: string | undefined): string[] {
  if (!internalRoute(req)) return validateFields(r, obj, text, mode);
  if (!internalFieldChecks.enabled) return [];
  try {
    const found = validateFields(r, obj, text, mode);
    for (const f of found) internalFieldChecks.findings.push(`${req.verb} ${req.path}: ${f}`);
    return found;
  } catch (e) {
    internalFieldChecks.findings.push(`${req.verb} ${req.path}: ${(e as Error).message}`);
    throw e;
  }
}

function throwInvalid(r: ResourceInfo, name: string, errs: FieldError[]): void {
  if (errs.length) throw invalid(r.group, r.kind, name, errs);
}

export function handleCreate(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string): ApiResponse {
  const opts = writeOptions(req.query ?? {});
  const { obj, text } = decodeObject(r, req, internalRoute(req)?.owned ? 'owned' : 'copy');
  const m = obj.metadata;
  if (r.scope === 'Namespaced') {
    if (m.namespace && m.namespace !== namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    m.namespace = namespace;
  } else if (m.namespace) {
    delete m.namespace;
  }
  const warnings = fieldWarnings(r, req, obj, text, opts.fieldValidation);
  return createObject(ctx, r, obj, internalRoute(req)?.trusted ? { ...opts, trusted: true } : opts, warnings);
}

const MAX_NAME_GENERATION_ATTEMPTS = 8;

/** The create path after decoding: admission, defaults, validation, allocation, store. */
export function createObject(ctx: ServerContext, r: ResourceInfo, obj: KubeObject, opts: WriteOptions, warnings: string[] = []): ApiResponse {
  const m = obj.metadata;
  const sctx = strategyContext(ctx, opts.dryRun);
  const strategy = ctx.strategyFor(r);
  // etcd3's Create refuses an object that carries a resourceVersion (after validation, before
  // the key check); a dry run never reaches it. Not the create-on-update path (PUT).
  const rvSetOnCreate = !!m.resourceVersion && !opts.fromUpdate;
  admitCreate(ctx, r, m.namespace ?? '', m.name ?? m.generateName ?? '');
  const generated = !m.name && !!m.generateName;
  if (generated) m.name = m.generateName + ctx.rand.nameSuffix(5);
  // System fields are the server's: whatever the client sent is replaced.
  m.uid = ctx.rand.uuid();
  m.creationTimestamp = ctx.clock.rfc3339();
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.generation;
  delete m.selfLink;
  delete m.managedFields;
  dropEmptyMetadata(m);
  strategy.defaults?.(obj, sctx);
  strategy.prepareForCreate?.(obj, sctx);
  if (strategy.hasGeneration) m.generation = 1;
  const errs = opts.trusted ? [] : [...validateObjectMeta(obj, r), ...(strategy.validate?.(obj, sctx) ?? [])];
  throwInvalid(r, m.name ?? '', errs);
  if (rvSetOnCreate && !opts.dryRun) throw resourceVersionSetOnCreate();
  // RetryGenerateName (on by default since v1.31): a generated name already taken is drawn
  // again, 8 attempts in all, so 100,000 pods of one ReplicaSet do not collide.
  for (let attempt = 1; generated && attempt < MAX_NAME_GENERATION_ATTEMPTS && ctx.store.get(resourceKey(r), m.namespace ?? '', m.name!); attempt++) {
    m.name = m.generateName + ctx.rand.nameSuffix(5);
  }
  if (ctx.store.get(resourceKey(r), m.namespace ?? '', m.name!)) throw alreadyExists(gr(r), m.name!);
  strategy.beforeCreate?.(obj, sctx);
  const allWarnings = [...warnings, ...(strategy.warnings?.(obj, undefined) ?? [])];
  if (opts.dryRun) return ok(obj, 201, undefined, allWarnings);
  try {
    // obj is this request's own decoded copy: the store keeps it as it is (frozen, not copied).
    const stored = ctx.store.createOwned(resourceKey(r), obj);
    return ok(stored, 201, undefined, allWarnings);
  } catch (e) {
    strategy.afterDelete?.(obj, sctx);
    if (isStoreError(e, 'KeyExists')) throw alreadyExists(gr(r), m.name!);
    if (isStoreError(e, 'NoSpace')) throw unconvertedStorageError(e.message);
    throw e;
  }
}

export function handleUpdate(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, name: string, subresource?: string): ApiResponse {
  const opts = writeOptions(req.query ?? {});
  const { obj, text } = decodeObject(r, req, subresource === 'status' && !!internalRoute(req) && !internalFieldChecks.enabled ? 'status' : 'copy');
  const m = obj.metadata;
  if (m.name !== undefined && m.name !== name) {
    throw badRequest(`the name of the object (${m.name}) does not match the name on the URL (${name})`);
  }
  m.name = name;
  if (r.scope === 'Namespaced') {
    if (m.namespace && m.namespace !== namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    m.namespace = namespace;
  }
  const warnings = fieldWarnings(r, req, obj, text, opts.fieldValidation);
  const old = ctx.store.get(resourceKey(r), namespace, name);
  if (!old) {
    if (ctx.strategyFor(r).allowCreateOnUpdate && !subresource) return createObject(ctx, r, obj, { ...opts, fromUpdate: true }, warnings);
    throw notFound(gr(r), name);
  }
  const { object, changed } = commitUpdate(ctx, r, old, obj, { ...opts, subresource, expectedResourceVersion: m.resourceVersion || undefined });
  return ok(object, 200, undefined, changed ? warnings : warnings);
}

export interface CommitOptions extends WriteOptions {
  subresource?: string;
  expectedResourceVersion?: string;
}

/** BeforeUpdate + validation + CAS write. A write that changes nothing keeps the resourceVersion. */
export function commitUpdate(ctx: ServerContext, r: ResourceInfo, old: KubeObject, obj: KubeObject, opts: CommitOptions): { object: KubeObject; changed: boolean } {
  const strategy = ctx.strategyFor(r);
  const sctx = strategyContext(ctx, opts.dryRun);
  const m = obj.metadata;
  const om = old.metadata;
  if (opts.expectedResourceVersion && opts.expectedResourceVersion !== om.resourceVersion) {
    throw conflict(gr(r), om.name!, OptimisticLockErrorMsg);
  }
  obj.apiVersion = old.apiVersion;
  obj.kind = old.kind;
  // Fields only the server sets survive any client write.
  m.name = om.name;
  if (om.namespace !== undefined) m.namespace = om.namespace;
  if (!m.uid) m.uid = om.uid;
  m.creationTimestamp = om.creationTimestamp;
  if (om.deletionTimestamp) m.deletionTimestamp = om.deletionTimestamp;
  else delete m.deletionTimestamp;
  if (om.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
  else delete m.deletionGracePeriodSeconds;
  if (om.generation !== undefined) m.generation = om.generation;
  else delete m.generation;
  m.resourceVersion = om.resourceVersion;
  delete m.managedFields;
  dropEmptyMetadata(m);
  if (opts.subresource === 'status') {
    if (strategy.prepareForStatusUpdate) strategy.prepareForStatusUpdate(obj, old, sctx);
    else keepAllButStatus(obj, old);
  } else {
    if (strategy.statusSubresource) {
      if (old.status === undefined) delete obj.status;
      else obj.status = cloneJson(old.status, false);
    }
    strategy.defaults?.(obj, sctx);
    strategy.prepareForUpdate?.(obj, old, sctx);
    if (strategy.hasGeneration && !strategy.prepareForUpdate && !jsonEqual(obj.spec, old.spec)) m.generation = (om.generation ?? 0) + 1;
  }
  const errs = [
    ...validateObjectMetaUpdate(obj, old, r),
    ...(opts.subresource === 'status' ? (strategy.validateStatusUpdate?.(obj, old, sctx) ?? []) : (strategy.validateUpdate?.(obj, old, sctx) ?? [])),
  ];
  throwInvalid(r, om.name!, errs);
  // Without a beforeUpdate hook or a dry run, the store's own no-op check (the same comparison,
  // made while it copies) decides; it hands back the stored object unchanged.
  if ((strategy.beforeUpdate || opts.dryRun) && jsonEqual(obj, old)) return { object: old, changed: false };
  strategy.beforeUpdate?.(obj, old, sctx);
  if (opts.dryRun) return { object: obj, changed: true };
  let stored: KubeObject;
  try {
    stored = ctx.store.update(resourceKey(r), obj, { expectedResourceVersion: om.resourceVersion });
  } catch (e) {
    if (isStoreError(e, 'Conflict')) throw conflict(gr(r), om.name!, OptimisticLockErrorMsg);
    if (isStoreError(e, 'KeyNotFound')) throw notFound(gr(r), om.name!);
    throw e;
  }
  if (stored.metadata.resourceVersion === om.resourceVersion) return { object: old, changed: false };
  return { object: completeDeletion(ctx, r, stored), changed: true };
}

/** A deletion waiting only on finalizers completes when the last one is removed. */
export function completeDeletion(ctx: ServerContext, r: ResourceInfo, stored: KubeObject): KubeObject {
  const strategy = ctx.strategyFor(r);
  const sm = stored.metadata;
  if ((strategy.canRemove ?? defaultCanRemove)(stored)) {
    const gone = ctx.store.delete(resourceKey(r), sm.namespace ?? '', sm.name!);
    strategy.afterDelete?.(gone, strategyContext(ctx, false));
    return gone;
  }
  return stored;
}

function keepAllButStatus(obj: KubeObject, old: KubeObject): void {
  const status = obj.status;
  for (const k of Object.keys(obj)) delete obj[k];
  Object.assign(obj, cloneJson(old, false));
  if (status === undefined) delete obj.status;
  else obj.status = status;
}

/**
 * ObjectMeta's maps and lists are `omitempty`: once decoded into Go types an empty one is not
 * stored or served (removing the last label leaves no `labels: {}` behind).
 */
function dropEmptyMetadata(m: KubeObject['metadata']): void {
  const rec = m as Record<string, unknown>;
  for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences']) {
    const v = rec[k];
    if (v === null || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0)) delete rec[k];
  }
}
