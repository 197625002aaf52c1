// Public shapes of the store's API. Resource names are plural, group-qualified for non-core
// groups ("pods", "deployments.apps"); namespace "" is the cluster-scoped bucket.
import type { KubeObject } from '../../api/types';
import type { LabelSelector } from '../../api/selector-types';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: StoreEventType;
  /** Immutable stored object; for DELETED, the last state stamped with the deletion revision. */
  object: KubeObject;
  /** Revision of the write that caused the event (the store's current revision for initial ADDED). */
  revision: number;
}

export interface StoreOptions {
  /** Revision of the empty store; the first write gets startRevision + 1 (etcd: 1, then 2). */
  startRevision?: number;
  /** Events kept for watch replay (global across resources, like etcd's uncompacted range). */
  historyLimit?: number;
  /** Deep-freeze stored objects so accidental mutation throws (strict mode) instead of corrupting the store. */
  freeze?: boolean;
  /** Told when a watcher callback throws; the watcher is then dropped. */
  onWatcherError?: (err: unknown, resource: string) => void;
  /** Backend quota (etcd --quota-backend-bytes) on the estimated stored size; see quota.ts. */
  quotaBackendBytes?: number;
}

export interface ListOptions {
  /** Undefined lists every namespace; "" is the cluster-scoped bucket. */
  namespace?: string;
  labelSelector?: LabelSelector;
  /** Extra predicate (field selectors); runs after the label selector. */
  filter?: (o: KubeObject) => boolean;
}

export interface ListResult {
  /** Key order: namespace, then name, as etcd returns them. */
  items: KubeObject[];
  revision: number;
}

export interface UpdateOptions {
  /** Compare-and-swap: fail with Conflict unless the stored resourceVersion equals this. */
  expectedResourceVersion?: string;
}

export interface DeleteOptions extends UpdateOptions {
  /** Precondition on metadata.uid (a recreated object under the same name must not be deleted). */
  expectedUID?: string;
}

export type WatchCloseReason = 'restored' | 'callback-error';

export interface WatchOptions extends ListOptions {
  /** Only this object name. */
  name?: string;
  /**
   * Replay every event with revision > fromRevision, then stream. Undefined or 0 means: synthetic
   * ADDED for every current match, then stream (resourceVersion "" and "0" in kube-apiserver).
   */
  fromRevision?: number;
  /**
   * true: start with synthetic ADDED for the current state whatever fromRevision says (WatchList);
   * false with fromRevision 0/undefined: no initial events, stream from now.
   */
  sendInitialEvents?: boolean;
  /** Called when the store, not the caller, ends the watch. */
  onClose?: (reason: WatchCloseReason) => void;
}

export interface WatchHandle {
  stop(): void;
}

export interface StoreSnapshot {
  revision: number;
  /** resource → objects in key order; plain JSON. */
  resources: Record<string, KubeObject[]>;
}

export interface StoreStats {
  /** Stored objects visited by list calls (index effectiveness, for tests and the bench). */
  listExamined: number;
  /** Watchers considered while fanning out writes. */
  watchersVisited: number;
}
