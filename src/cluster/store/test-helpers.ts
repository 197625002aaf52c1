// Fixtures shared by the store tests (not part of the public API).
import type { KubeObject } from '../../api/types';
import type { LabelOperator, LabelSelector } from '../../api/selector-types';

export function pod(name: string, namespace = 'default', labels?: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, ...(labels ? { labels } : {}) }, ...extra };
}

export function node(name: string, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, ...(labels ? { labels } : {}) } };
}

/** sel(['app', '=', 'web'], ['tier', 'in', 'a', 'b']) */
export function sel(...reqs: [string, LabelOperator, ...string[]][]): LabelSelector {
  return { requirements: reqs.map(([key, operator, ...values]) => ({ key, operator, values })) };
}

export const names = (items: KubeObject[]): string[] =>
  items.map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!));
