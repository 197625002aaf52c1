// Namespaces: the `kubernetes.io/metadata.name` label, spec.finalizers [kubernetes], phase Active
// on create, and deletion that only marks the namespace Terminating (pkg/registry/core/namespace).
import type { KubeObject } from '../../../../api/types';
import type { FieldError } from '../../../../api/status';
import { isQualifiedName } from '../../../../api/names';
import type { Strategy, StrategyContext } from '../types';
import { clone, ensureObj, invalidErr, isObj, strs, type Obj } from './generic';

export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';
export const FINALIZER_KUBERNETES = 'kubernetes';
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function phaseOf(obj: KubeObject): string {
  return isObj(obj.status) ? String(obj.status.phase ?? '') : '';
}

/** SetDefaults_Namespace + Canonicalize: the name label, always equal to the name. */
export function defaultNamespace(obj: KubeObject): void {
  const m = obj.metadata;
  if (m.name) m.labels = { ...(m.labels ?? {}), [LABEL_METADATA_NAME]: m.name };
  if (isObj(obj.status) && !obj.status.phase) obj.status.phase = 'Active';
}

/** validateFinalizerName: a qualified name, and unqualified names must be standard ones. */
function validateFinalizerName(value: string, field: string): FieldError[] {
  const errs = isQualifiedName(value).map((m) => invalidErr(field, value, m));
  if (!value.includes('/') && !STANDARD_FINALIZERS.has(value)) {
    errs.push(invalidErr(field, value, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function validateNamespace(obj: KubeObject): FieldError[] {
  const fins = strs(isObj(obj.spec) ? obj.spec.finalizers : undefined);
  return fins.flatMap((f) => validateFinalizerName(f, 'spec.finalizers'));
}

/** ValidateNamespaceStatusUpdate: the phase follows deletionTimestamp. */
export function validateNamespaceStatusUpdate(obj: KubeObject): FieldError[] {
  const phase = phaseOf(obj);
  if (!obj.metadata.deletionTimestamp) {
    if (phase !== 'Active') return [invalidErr('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty")];
  } else if (phase !== 'Terminating') {
    return [invalidErr('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty")];
  }
  return [];
}

/** The `finalize` subresource: only spec.finalizers change (namespaceFinalizeStrategy). */
export function prepareNamespaceFinalize(obj: KubeObject, old: KubeObject): void {
  const finalizers = isObj(obj.spec) ? obj.spec.finalizers : undefined;
  const keep = clone(old) as KubeObject;
  for (const k of Object.keys(obj)) delete (obj as Obj)[k];
  Object.assign(obj, keep);
  const s = ensureObj(obj as Obj, 'spec');
  if (finalizers === undefined || finalizers === null) delete s.finalizers;
  else s.finalizers = clone(finalizers);
}

export function validateNamespaceFinalize(obj: KubeObject): FieldError[] {
  const fins = strs(isObj(obj.spec) ? obj.spec.finalizers : undefined);
  return fins.flatMap((f, i) => validateFinalizerName(f, `spec.finalizers[${i}]`));
}

/** What a DELETE does to a namespace (namespace storage's Delete). */
export type NamespaceDeleteAction =
  /** First delete: store this object (deletionTimestamp set, phase Terminating) and answer it. */
  | { action: 'update'; object: KubeObject }
  /** Already terminating with spec.finalizers left: answer the stored object, write nothing. */
  | { action: 'keep'; object: KubeObject }
  /** Terminating and finalized: remove it. */
  | { action: 'remove' };

export function namespaceDelete(current: KubeObject, ctx: Pick<StrategyContext, 'now'>, opts: { propagationPolicy?: string } = {}): NamespaceDeleteAction {
  if (!current.metadata.deletionTimestamp) {
    const obj = clone(current) as KubeObject;
    obj.metadata.deletionTimestamp = ctx.now();
    const status = ensureObj(obj as Obj, 'status');
    status.phase = 'Terminating';
    const fins = new Set(obj.metadata.finalizers ?? []);
    if (opts.propagationPolicy === 'Orphan') fins.add('orphan');
    if (opts.propagationPolicy === 'Foreground') fins.add('foregroundDeletion');
    if (fins.size) obj.metadata.finalizers = [...fins];
    return { action: 'update', object: obj };
  }
  if (strs(isObj(current.spec) ? current.spec.finalizers : undefined).length) return { action: 'keep', object: current };
  return { action: 'remove' };
}

/** Extra hooks the namespace strategy offers the generic layer (beyond Strategy). */
export interface NamespaceHooks {
  /** DELETE marks the namespace Terminating; the namespace controller finishes it. */
  deleteToTerminating: true;
  /** The whole DELETE decision, for a generic layer that wants it spelled out. */
  beginDelete(current: KubeObject, ctx: StrategyContext, opts?: { propagationPolicy?: string }): NamespaceDeleteAction;
  /** Whether a stored, terminating namespace may now be removed (spec.finalizers empty). */
  canRemove(obj: KubeObject): boolean;
  /** PUT /api/v1/namespaces/<name>/finalize */
  prepareForFinalizeUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validateFinalizeUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
}

export const namespaceStrategy: Strategy & NamespaceHooks = {
  statusSubresource: true,
  allowCreateOnUpdate: false,
  deleteToTerminating: true,
  defaults(obj) {
    defaultNamespace(obj);
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Active' };
    const s = ensureObj(obj as Obj, 'spec');
    const fins = strs(s.finalizers);
    if (!fins.includes(FINALIZER_KUBERNETES)) fins.push(FINALIZER_KUBERNETES);
    s.finalizers = fins;
  },
  prepareForUpdate(obj, old) {
    const s = ensureObj(obj as Obj, 'spec');
    const oldFins = isObj(old.spec) ? old.spec.finalizers : undefined;
    if (oldFins === undefined) delete s.finalizers;
    else s.finalizers = clone(oldFins);
    if (!Object.keys(s).length && old.spec === undefined) delete (obj as Obj).spec;
    if (old.status === undefined) delete obj.status;
    else obj.status = clone(old.status);
  },
  prepareForStatusUpdate(obj, old) {
    const status = obj.status;
    const keep = clone(old) as KubeObject;
    for (const k of Object.keys(obj)) delete (obj as Obj)[k];
    Object.assign(obj, keep);
    obj.status = status === undefined ? {} : status;
    const st = obj.status as Obj;
    if (isObj(st) && !st.phase) st.phase = 'Active';
  },
  validate(obj) {
    return validateNamespace(obj);
  },
  validateUpdate() {
    return [];
  },
  validateStatusUpdate(obj) {
    return validateNamespaceStatusUpdate(obj);
  },
  beginDelete(current, ctx, opts) {
    return namespaceDelete(current, ctx, opts);
  },
  canRemove(obj) {
    return !!obj.metadata.deletionTimestamp && !strs(isObj(obj.spec) ? obj.spec.finalizers : undefined).length && !(obj.metadata.finalizers ?? []).length;
  },
  prepareForFinalizeUpdate(obj, old) {
    prepareNamespaceFinalize(obj, old);
  },
  validateFinalizeUpdate(obj) {
    return validateNamespaceFinalize(obj);
  },
};
