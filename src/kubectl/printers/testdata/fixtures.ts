import { readFileSync } from 'node:fs';
import { GOLDEN } from './oracle';

export function goldenPods(): Record<string, unknown>[] {
  return JSON.parse(readFileSync(`${GOLDEN}/fixtures/state/20-pods.json`, 'utf8')).items;
}

/** The pod list as `kubectl get pods` hands it to the printers (the server lists by key: name order). */
export function goldenPodList(): Record<string, unknown> {
  const name = (p: Record<string, unknown>) => (p as { metadata: { name: string } }).metadata.name;
  const items = goldenPods().sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}

export function crashy(): Record<string, unknown> {
  return goldenPods().find((p) => (p as { metadata: { name: string } }).metadata.name === 'crashy')!;
}
