// Test-only helpers: a cluster with a controller context, and a fake kubelet that binds pods and
// marks them Running and Ready through the API (the real kubelet and scheduler live elsewhere).
import type { KubeObject } from '../../../api/types';
import type { ApiRequest } from '../../../api/client';
import { createCluster, type Cluster } from '../../cluster';
import { createControllerContext, type ControllerContext } from '../context';

export interface TestCluster {
  c: Cluster;
  ctx: ControllerContext;
  call(req: ApiRequest): { status: number; body: KubeObject & { items?: KubeObject[] } };
  get(path: string): KubeObject | undefined;
  list(path: string): KubeObject[];
  post(path: string, body: unknown): KubeObject;
}

export function testCluster(seed = 1): TestCluster {
  const c = createCluster({ seed, controllers: false });
  const ctx = createControllerContext(c.api, c.clock, c.rand);
  const call = (req: ApiRequest) => c.api.handle(req) as { status: number; body: KubeObject & { items?: KubeObject[] } };
  return {
    c,
    ctx,
    call,
    get: (path) => {
      const r = call({ verb: 'GET', path });
      return r.status === 200 ? r.body : undefined;
    },
    list: (path) => call({ verb: 'GET', path }).body.items ?? [],
    post: (path, body) => {
      const r = call({ verb: 'POST', path, body });
      if (r.status >= 300) throw new Error(`POST ${path}: ${JSON.stringify(r.body)}`);
      return r.body;
    },
  };
}

/** Binds a pod to a node and reports it Running and Ready (readyAt: the Ready transition time). */
export function markRunningReady(t: TestCluster, pod: KubeObject, node = 'node01', restarts = 0): KubeObject {
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name!;
  const base = `/api/v1/namespaces/${ns}/pods/${name}`;
  const fresh = t.get(base)!;
  if (!(fresh.spec as { nodeName?: string }).nodeName) {
    t.call({ verb: 'POST', path: `${base}/binding`, body: { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } } });
  }
  const now = t.c.clock.rfc3339();
  const bound = t.get(base)!;
  const containers = ((bound.spec as { containers: { name: string; image: string }[] }).containers ?? []).map((c) => ({
    name: c.name,
    image: c.image,
    ready: true,
    restartCount: restarts,
    started: true,
    state: { running: { startedAt: now } },
  }));
  const status = {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True', lastTransitionTime: now },
      { type: 'Ready', status: 'True', lastTransitionTime: now },
      { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
    ],
    containerStatuses: containers,
    podIP: '10.244.1.5',
    startTime: now,
  };
  const r = t.call({ verb: 'PUT', path: `${base}/status`, body: { ...bound, status } });
  if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  return r.body;
}

export function podTemplate(labels: Record<string, string>): Record<string, unknown> {
  return { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
}

export function replicaSet(name: string, replicas: number, labels: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, ...((extra.metadata as object) ?? {}) },
    spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(labels), ...((extra.spec as object) ?? {}) },
  };
}

/** Events whose involvedObject is `name`, as `Reason: message` lines in creation order. */
export function eventsFor(t: TestCluster, name: string, ns = 'default'): string[] {
  return t
    .list(`/api/v1/namespaces/${ns}/events`)
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => `${e.reason}: ${e.message}`);
}
