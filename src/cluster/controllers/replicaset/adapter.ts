// ReplicaSet and ReplicationController share one controller; the differences (kind, resource,
// selector shape, event source) live here, as upstream converts RCs to ReplicaSets on the way in.
import type { KubeObject } from '../../../api/types';
import type { LabelSelector } from '../../../api/selector-types';
import type { MetaLabelSelector } from '../../../api/labels';
import { labelSelectorAsSelectorCached, selectorFromSetCached } from '../selectors';

export interface ControllerSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: unknown;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] }; spec?: unknown };
}

export interface Adapter {
  kind: string;
  apiVersion: string;
  /** Informer/client resource key: `replicasets.apps`, `replicationcontrollers`. */
  resource: string;
  /** Event source component. */
  component: string;
  queueName: string;
  /** The pod selector; throws when the stored selector is invalid. */
  selector(obj: KubeObject): LabelSelector;
}

export function specOf(obj: KubeObject): ControllerSpec {
  return (obj.spec ?? {}) as ControllerSpec;
}

export const replicaSetAdapter: Adapter = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  resource: 'replicasets.apps',
  component: 'replicaset-controller',
  queueName: 'replicaset',
  selector: (obj) => labelSelectorAsSelectorCached(specOf(obj).selector as MetaLabelSelector | undefined),
};

/** RCs select with a plain map; an empty map would select everything, which validation forbids. */
export const replicationControllerAdapter: Adapter = {
  kind: 'ReplicationController',
  apiVersion: 'v1',
  resource: 'replicationcontrollers',
  component: 'replication-controller',
  queueName: 'replicationmanager',
  selector: (obj) => selectorFromSetCached(specOf(obj).selector as Record<string, string> | undefined),
};
