// pkg/controller/deployment/util/deployment_util.go and the ReplicaSet helpers of
// controller_utils.go: revisions and their annotations, max surge / max unavailable, how many
// replicas a new ReplicaSet may have, finding the new and old ReplicaSets, conditions.
import type { KubeObject, ObjectMeta, OwnerReference } from '../../../api/types';
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import { getScaledValueFromIntOrPercent, valueOrDefault, type IntOrString } from '../../../api/intstr';
import { jsonRoundTrip } from '../../store/clone';

// ---------------------------------------------------------------------------------------------
// The shapes this controller reads (apps/v1 JSON).

export interface PodTemplate {
  metadata?: { labels?: Record<string, string> | null; annotations?: Record<string, string> | null; [k: string]: unknown } | null;
  spec?: Record<string, unknown>;
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: MetaLabelSelector | null;
  template: PodTemplate;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString | null; maxUnavailable?: IntOrString | null } | null };
  minReadySeconds?: number;
  revisionHistoryLimit?: number | null;
  paused?: boolean | null;
  progressDeadlineSeconds?: number | null;
}

export interface Condition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export interface Deployment extends KubeObject {
  metadata: ObjectMeta & { annotations?: Record<string, string> };
  spec: DeploymentSpec;
  status?: DeploymentStatus;
}

export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[];
}

export interface ReplicaSet extends KubeObject {
  metadata: ObjectMeta & { annotations?: Record<string, string> };
  spec: { replicas?: number; minReadySeconds?: number; selector: MetaLabelSelector; template: PodTemplate };
  status?: ReplicaSetStatus;
}

// ---------------------------------------------------------------------------------------------
// Names upstream uses.

export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';
export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const LastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';
/** apps.DeprecatedRollbackTo: how the old spec.rollbackTo round-trips through apps/v1. */
export const DeprecatedRollbackTo = 'deprecated.deployment.rollback.to';

export const RollbackRevisionNotFound = 'DeploymentRollbackRevisionNotFound';
export const RollbackTemplateUnchanged = 'DeploymentRollbackTemplateUnchanged';
export const RollbackDone = 'DeploymentRollback';

export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const NewRSReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';

export const DeploymentAvailable = 'Available';
export const DeploymentProgressing = 'Progressing';
export const DeploymentReplicaFailure = 'ReplicaFailure';

/** maxRevHistoryLengthInChars in deployment_controller.go. */
export const MaxRevHistoryLengthInChars = 2000;

const annotationsToSkip = new Set([
  LastAppliedConfigAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);

export function skipCopyAnnotation(key: string): boolean {
  return annotationsToSkip.has(key);
}

// ---------------------------------------------------------------------------------------------
// JSON helpers

export function clone<T>(v: T): T {
  return jsonRoundTrip(v); // JSON.parse(JSON.stringify(v)), without the text
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The Go zero-value view of decoded JSON: null and absent are the same, and so are empty and
 * nil maps and slices (kubectl sends templates with `creationTimestamp: null`). Returns
 * undefined for a value that is "nothing".
 */
export function normalize(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return v.map((x) => {
      const n = normalize(x);
      return n === undefined ? null : n;
    });
  }
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize(v[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** Key-order-insensitive equality after normalize (apiequality.Semantic.DeepEqual on JSON). */
export function semanticEqual(a: unknown, b: unknown): boolean {
  // Stored objects share unchanged parts between versions: the same node is equal to itself.
  if (a === b) return true;
  const fast = normalizedEqual(a, b);
  if (fast !== undefined && !semanticEqualCheck.verify) return fast;
  const slow = JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
  if (fast !== undefined && fast !== slow) {
    const msg = `semanticEqual: walked ${fast}, normalized JSON ${slow}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
    semanticEqualCheck.mismatches.push(msg);
    throw new Error(msg);
  }
  return slow;
}

/** Tests: compare every walked answer with the normalized-JSON comparison (records and throws on a difference). */
export const semanticEqualCheck = { verify: false, mismatches: [] as string[] };

/** Whether normalize(v) is undefined, without building it; undefined for values the walk does not cover. */
function isNothing(v: unknown): boolean | undefined {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) {
    for (const k in v) {
      if (!hasOwn(v, k)) continue;
      const n = isNothing(v[k]);
      if (n !== true) return n;
    }
    return true;
  }
  return isJsonScalar(v) ? false : undefined;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Scalars that JSON.stringify writes as themselves (not NaN or Infinity, which become null). */
function isJsonScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * JSON.stringify(normalize(a)) === JSON.stringify(normalize(b)) without building either: the
 * same "nothing" rules, keys compared as sets (normalize sorts them). Undefined when a value
 * outside plain JSON (NaN, functions, ...) makes the answer the serializer's to give.
 */
function normalizedEqual(a: unknown, b: unknown): boolean | undefined {
  const na = isNothing(a);
  const nb = isNothing(b);
  if (na === undefined || nb === undefined) return undefined;
  if (na || nb) return na === nb;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false; // `[...]` never equals `{...}` or a scalar
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // normalize turns a "nothing" element into null: two of them are equal.
      const r = a[i] === b[i] && isJsonScalar(a[i]) ? true : normalizedEqual(a[i], b[i]);
      if (r !== true) return r;
    }
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    // Keys whose values are "nothing" are dropped by normalize; the rest must pair up.
    let count = 0;
    for (const k in a) {
      if (!hasOwn(a, k)) continue;
      const nk = isNothing(a[k]);
      if (nk === undefined) return undefined;
      if (nk) continue;
      count++;
      const r = normalizedEqual(a[k], b[k]);
      if (r !== true) return r;
    }
    for (const k in b) {
      if (!hasOwn(b, k)) continue;
      const nk = isNothing(b[k]);
      if (nk === undefined) return undefined;
      if (!nk) count--;
    }
    return count === 0;
  }
  if (isPlainObject(a) || isPlainObject(b)) return false; // an object and a scalar
  return a === b; // two JSON scalars (isNothing vetted both)
}

// ---------------------------------------------------------------------------------------------
// Labels and selectors

export function cloneAndAddLabel(labels: Record<string, string> | null | undefined, key: string, value: string): Record<string, string> {
  return { ...(labels ?? {}), [key]: value };
}

export function cloneAndRemoveLabel(labels: Record<string, string> | null | undefined, key: string): Record<string, string> | undefined {
  if (!labels) return undefined;
  const out = { ...labels };
  delete out[key];
  return out;
}

export function cloneSelectorAndAddLabel(sel: MetaLabelSelector | null | undefined, key: string, value: string): MetaLabelSelector {
  const out: MetaLabelSelector = { matchLabels: cloneAndAddLabel(sel?.matchLabels, key, value) };
  if (sel?.matchExpressions?.length) (out as { matchExpressions?: unknown }).matchExpressions = clone(sel.matchExpressions);
  return out;
}

export function getControllerOf(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences as OwnerReference[] | undefined;
  if (!refs) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i].controller === true) return refs[i];
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Templates

/**
 * EqualIgnoreHash: the two templates are equal once the pod-template-hash label is dropped
 * from both (null and absent treated alike).
 */
export function equalIgnoreHash(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  return a === b || templateKey(a) === templateKey(b);
}

/** Stored (deep-frozen) templates never change: their comparison form is computed once. */
const templateKeys = new WeakMap<PodTemplate, string>();

/** The template as EqualIgnoreHash compares it: normalized JSON without the hash label. */
function templateKey(t: PodTemplate | undefined): string {
  const frozen = !!t && Object.isFrozen(t);
  if (frozen) {
    const k = templateKeys.get(t);
    if (k !== undefined) return k;
  }
  const c = clone(t ?? {}) as PodTemplate;
  if (c.metadata?.labels) delete c.metadata.labels[DefaultDeploymentUniqueLabelKey];
  const k = JSON.stringify(normalize(c)) ?? '';
  if (frozen) templateKeys.set(t, k);
  return k;
}

/**
 * A working copy of a cached Deployment whose spec.template is the cached (frozen) one: the sync
 * only ever replaces the template (rollback), never edits it, and a shared template lets its
 * comparisons with the ReplicaSets' templates be memoized. Key order is kept.
 */
export function cloneSharingTemplate<T extends { spec: { template: PodTemplate } }>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (k === 'metadata' && isPlainObject(v) && Object.isFrozen(v)) {
      out[k] = copyMetadata(v);
      continue;
    }
    if (k !== 'spec' || !isPlainObject(v)) {
      out[k] = clone(v);
      continue;
    }
    const spec: Record<string, unknown> = {};
    // A frozen selector is shared too (nothing edits it), so its parsed form stays cached.
    for (const [sk, sv] of Object.entries(v)) if (sv !== undefined) spec[sk] = sk === 'template' || (sk === 'selector' && Object.isFrozen(sv)) ? sv : clone(sv);
    out[k] = spec;
  }
  return out as T;
}

/**
 * A frozen (stored) metadata copied one level, its annotations two: a sync only assigns
 * metadata fields and edits annotations; managedFields, labels and owner references stay
 * shared (and frozen, so an edit would fail loudly rather than touch the cache).
 */
function copyMetadata(m: Record<string, unknown>): Record<string, unknown> {
  const out = { ...m };
  if (isPlainObject(m.annotations)) out.annotations = { ...m.annotations };
  return out;
}

/** SetFromReplicaSetTemplate: the deployment takes the RS template without its hash label. */
export function setFromReplicaSetTemplate(d: Deployment, template: PodTemplate): void {
  const t = clone(template);
  const meta = t.metadata ?? {};
  const labels = cloneAndRemoveLabel(meta.labels, DefaultDeploymentUniqueLabelKey);
  if (labels) meta.labels = labels;
  t.metadata = meta;
  d.spec.template = t;
}

// ---------------------------------------------------------------------------------------------
// Revisions

/** Revision(obj): the revision annotation as a number; 0 when absent; throws when not a number. */
export function revision(obj: KubeObject): number {
  const v = obj.metadata.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0;
  if (!/^[+-]?\d+$/.test(v)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return parseInt(v, 10);
}

function revisionOrSkip(obj: KubeObject): number | undefined {
  try {
    return revision(obj);
  } catch {
    return undefined;
  }
}

export function maxRevision(rss: (ReplicaSet | undefined)[]): number {
  let max = 0;
  for (const rs of rss) {
    if (!rs) continue;
    const v = revisionOrSkip(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second highest revision (the one `rollout undo` goes back to). */
export function lastRevision(rss: (ReplicaSet | undefined)[]): number {
  let max = 0;
  let secMax = 0;
  for (const rs of rss) {
    if (!rs) continue;
    const v = revisionOrSkip(rs);
    if (v === undefined) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) {
      secMax = v;
    }
  }
  return secMax;
}

function annotationsOf(obj: KubeObject): Record<string, string> {
  if (!obj.metadata.annotations) obj.metadata.annotations = {};
  return obj.metadata.annotations as Record<string, string>;
}

/** copyDeploymentAnnotationsToReplicaSet: every deployment annotation but the skipped ones. */
export function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  const rsAnn = annotationsOf(rs);
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || rsAnn[k] === v) continue;
    rsAnn[k] = v;
    changed = true;
  }
  return changed;
}

/** SetDeploymentAnnotationsTo: on rollback the deployment takes the old RS's annotations. */
export function setDeploymentAnnotationsTo(d: Deployment, rollbackToRS: ReplicaSet): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipCopyAnnotation(k)) kept[k] = v;
  for (const [k, v] of Object.entries(rollbackToRS.metadata.annotations ?? {})) if (!skipCopyAnnotation(k)) kept[k] = v;
  d.metadata.annotations = kept;
}

/**
 * SetNewReplicaSetAnnotations: copies the deployment's annotations, moves the revision up to
 * newRevision (keeping the old numbers in revision-history when an existing RS is reused), and
 * on creation sets desired-replicas and max-replicas.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean, revHistoryLimitInChars = MaxRevHistoryLengthInChars): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const ann = annotationsOf(rs);
  const had = Object.prototype.hasOwnProperty.call(ann, RevisionAnnotation);
  const oldRevision = ann[RevisionAnnotation] ?? '';
  let oldRevisionInt = 0;
  if (oldRevision !== '') {
    if (!/^[+-]?\d+$/.test(oldRevision)) return false;
    oldRevisionInt = parseInt(oldRevision, 10);
  }
  if (!/^[+-]?\d+$/.test(newRevision)) return false;
  const newRevisionInt = parseInt(newRevision, 10);
  if (oldRevisionInt < newRevisionInt) {
    ann[RevisionAnnotation] = newRevision;
    changed = true;
  }
  // An existing revision moving up means a rollback to this RS: keep the old numbers.
  if (had && oldRevisionInt < newRevisionInt) {
    const history = ann[RevisionHistoryAnnotation] ?? '';
    let oldRevisions = history.split(',');
    if (oldRevisions[0].length === 0) {
      ann[RevisionHistoryAnnotation] = oldRevision;
    } else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > revHistoryLimitInChars && start < oldRevisions.length) {
        totalLen = totalLen - oldRevisions[start].length - 1;
        start++;
      }
      if (totalLen <= revHistoryLimitInChars) {
        oldRevisions = [...oldRevisions.slice(start), oldRevision];
        ann[RevisionHistoryAnnotation] = oldRevisions.join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** SetDeploymentRevision. */
export function setDeploymentRevision(d: Deployment, rev: string): boolean {
  const ann = annotationsOf(d);
  if (ann[RevisionAnnotation] === rev) return false;
  ann[RevisionAnnotation] = rev;
  return true;
}

function intFromAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return parseInt(v, 10);
}

export function getDesiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intFromAnnotation(rs, DesiredReplicasAnnotation);
}

export function getMaxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intFromAnnotation(rs, MaxReplicasAnnotation);
}

export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = annotationsOf(rs);
  let updated = false;
  if (ann[DesiredReplicasAnnotation] !== String(desired)) {
    ann[DesiredReplicasAnnotation] = String(desired);
    updated = true;
  }
  if (ann[MaxReplicasAnnotation] !== String(max)) {
    ann[MaxReplicasAnnotation] = String(max);
    updated = true;
  }
  return updated;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = rs.metadata.annotations;
  if (!ann) return true;
  return ann[DesiredReplicasAnnotation] !== String(desired) || ann[MaxReplicasAnnotation] !== String(max);
}

// ---------------------------------------------------------------------------------------------
// Strategy arithmetic

export function replicasOf(obj: { spec: { replicas?: number } } | undefined): number {
  return obj?.spec.replicas ?? 0;
}

export function isRollingUpdate(d: Deployment): boolean {
  return d.spec.strategy?.type === 'RollingUpdate';
}

/**
 * ResolveFenceposts: surge rounds up, unavailable rounds down; when both come out 0,
 * unavailable becomes 1 so the rollout can move.
 */
export function resolveFenceposts(surgeV: IntOrString | null | undefined, unavailableV: IntOrString | null | undefined, desired: number): [number, number] {
  const surge = getScaledValueFromIntOrPercent(valueOrDefault(surgeV, 0), desired, true);
  let unavailable = getScaledValueFromIntOrPercent(valueOrDefault(unavailableV, 0), desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const [, unavailable] = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas);
  return unavailable > replicas ? replicas : unavailable;
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))[0];
}

/** NewRSNewReplicas: how far the new RS may grow now. */
export function newRSNewReplicas(d: Deployment, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  switch (d.spec.strategy?.type) {
    case 'RollingUpdate': {
      const surge = getScaledValueFromIntOrPercent(d.spec.strategy.rollingUpdate?.maxSurge, replicasOf(d), true);
      const currentPodCount = getReplicaCountForReplicaSets(allRSs);
      const maxTotalPods = replicasOf(d) + surge;
      if (currentPodCount >= maxTotalPods) return replicasOf(newRS);
      let scaleUpCount = maxTotalPods - currentPodCount;
      scaleUpCount = Math.min(scaleUpCount, replicasOf(d) - replicasOf(newRS));
      return replicasOf(newRS) + scaleUpCount;
    }
    case 'Recreate':
      return replicasOf(d);
    default:
      throw new Error(`deployment type ${d.spec.strategy?.type} isn't supported`);
  }
}

/** IsSaturated: the new RS has all the deployment's replicas and they are all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = getDesiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  return replicasOf(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** Go's math.Round: halves away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  let annotated = getMaxReplicasAnnotation(rs);
  if (annotated === undefined) annotated = d.status?.replicas ?? 0;
  const newRSsize = (replicasOf(rs) * deploymentReplicas) / annotated;
  return roundHalfAway(newRSsize) - replicasOf(rs);
}

/** GetProportion: this RS's share of a proportional scale, bounded by what is left to add. */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

// ---------------------------------------------------------------------------------------------
// Finding the new and the old ReplicaSets

function creationLess(a: ReplicaSet, b: ReplicaSet): boolean {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta === tb) return (a.metadata.name ?? '') < (b.metadata.name ?? '');
  return ta < tb;
}

/** ReplicaSetsByCreationTimestamp (ties broken by name). */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  return creationLess(a, b) ? -1 : creationLess(b, a) ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, then older first. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (replicasOf(a) === replicasOf(b)) return byCreationTimestamp(a, b);
  return replicasOf(b) - replicasOf(a);
}

/** ReplicaSetsBySizeNewer: larger first, then newer first. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (replicasOf(a) === replicasOf(b)) return byCreationTimestamp(b, a);
  return replicasOf(b) - replicasOf(a);
}

/** ReplicaSetsByRevision (ties by creation time). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOrSkip(a) ?? 0;
  const rb = revisionOrSkip(b) ?? 0;
  if (ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** FindNewReplicaSet: the oldest RS whose template equals the deployment's (ignoring the hash). */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  const sorted = [...rsList].sort(byCreationTimestamp);
  return sorted.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** FindOldReplicaSets: [old RSs with replicas, all old RSs]. */
export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): [ReplicaSet[], ReplicaSet[]] {
  const newRS = findNewReplicaSet(d, rsList);
  const required: ReplicaSet[] = [];
  const all: ReplicaSet[] = [];
  for (const rs of rsList) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    all.push(rs);
    if (replicasOf(rs) !== 0) required.push(rs);
  }
  return [required, all];
}

export function filterActiveReplicaSets(rss: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => !!rs && replicasOf(rs) > 0);
}

/** FindActiveOrLatest: the only active RS, or the newest when none is active; else undefined. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sortedOld = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  if (active.length === 1) return active[0];
  return undefined;
}

export function getReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
}

export function getActualReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
}

export function getReadyReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
}

export function getAvailableReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);
}

// ---------------------------------------------------------------------------------------------
// Conditions

export function newDeploymentCondition(type: string, status: string, reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: same status and reason is a no-op; same status keeps lastTransitionTime. */
export function setDeploymentCondition(status: DeploymentStatus, condition: Condition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

export function replicaSetToDeploymentCondition(c: NonNullable<ReplicaSetStatus['conditions']>[number]): Condition {
  return {
    type: c.type,
    status: c.status,
    lastUpdateTime: c.lastTransitionTime,
    lastTransitionTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  };
}

export function hasProgressDeadline(d: Deployment): boolean {
  const p = d.spec.progressDeadlineSeconds;
  return typeof p === 'number' && p !== 2147483647;
}

export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec.revisionHistoryLimit;
  return typeof l === 'number' && l !== 2147483647;
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** metav1.Time as sent on the wire (second precision) → ms. */
export function parseTimeMs(t: string | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** DeploymentTimedOut: no progress reported for progressDeadlineSeconds. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(s, DeploymentProgressing);
  if (!cond) return false;
  if (cond.reason === NewRSAvailableReason) return false;
  if (cond.reason === TimedOutReason) return true;
  const from = parseTimeMs(cond.lastUpdateTime);
  if (from === undefined) return false;
  return from + d.spec.progressDeadlineSeconds! * 1000 < nowMs;
}
