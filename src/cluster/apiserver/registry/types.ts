// What a kind's registry supplies to the generic apiserver: defaulting, the create/update
// strategy and validation, as kube-apiserver's pkg/registry/<group>/<kind>/strategy.go.
import type { KubeObject } from '../../../api/types';
import type { FieldError } from '../../../api/status';
import type { ResourceInfo } from '../../../api/registry';
import type { Rand } from '../../machinery/rand';

export interface StrategyContext {
  /** Virtual now, RFC 3339 with second precision. */
  now(): string;
  rand: Rand;
  /** Read another stored object (e.g. services when allocating a ClusterIP). Do not mutate it. */
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
  /** List stored objects of a resource (`pods`, `services`, `deployments.apps`), optionally in one namespace. */
  list(resource: string, namespace?: string): KubeObject[];
  /** True for dryRun=All: validate and default but allocate nothing permanently. */
  dryRun: boolean;
}

export interface Strategy {
  /** SetDefaults_* for this kind (v1 defaulting functions); runs on create, update and patch results. */
  defaults?(obj: KubeObject, ctx: StrategyContext): void;
  /** PrepareForCreate: clear status, set generation 1, etc. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** PrepareForUpdate: keep status from old (main resource), bump generation on spec change. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** Validate a new object (metadata name rules are checked by the generic layer too). */
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  /** ValidateUpdate: immutable fields and the same rules as create. */
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Status subresource update: keep everything but status from old. */
  prepareForStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validateStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Allocations done by the REST storage before the object is stored (ClusterIP, NodePort). Throws StatusError. */
  beforeCreate?(obj: KubeObject, ctx: StrategyContext): void;
  beforeUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** Releases allocations after the object is gone. */
  afterDelete?(obj: KubeObject, ctx: StrategyContext): void;
  /** Warnings returned as `Warning:` headers (e.g. deprecated fields). */
  warnings?(obj: KubeObject, old: KubeObject | undefined): string[];
  /** Objects of this kind carry metadata.generation (bumped by spec changes). */
  hasGeneration?: boolean;
  /** Whether the main resource ignores status writes (kinds with a status subresource). */
  statusSubresource?: boolean;
  /** Whether updates may create the object (PUT to a missing name): nodes, leases, endpoints... */
  allowCreateOnUpdate?: boolean;
  /** Deletion is graceful (pods): deletionTimestamp set, removal later by the kubelet. */
  gracefulDeletion?: boolean;
  /** DELETE only marks the object (namespaces go Terminating); a controller finishes it. */
  deleteToTerminating?: boolean;
  /** The whole DELETE decision for kinds that need their own (namespaces). */
  beginDelete?(current: KubeObject, ctx: StrategyContext, opts: { propagationPolicy?: string }): DeleteAction;
  /** Whether a terminating object may now be removed; default: no finalizers and no grace left. */
  canRemove?(obj: KubeObject): boolean;
  /** The `finalize` subresource (namespaces). */
  prepareForFinalizeUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validateFinalizeUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
}

export type DeleteAction = { action: 'update'; object: KubeObject } | { action: 'keep'; object: KubeObject } | { action: 'remove' };

/** The generic rule: a deletion waiting only on finalizers completes when the last one goes. */
export function defaultCanRemove(obj: KubeObject): boolean {
  const m = obj.metadata;
  return !!m.deletionTimestamp && !(m.finalizers && m.finalizers.length) && !m.deletionGracePeriodSeconds;
}

export type StrategyTable = Record<string, Strategy>;

export type { ResourceInfo };
