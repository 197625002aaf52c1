// Test helpers shared by the endpoints, endpointslice and network tests: pods made Running and
// Ready through the status subresource (the kubelet's job in a full cluster), services, a clock.
import { createCluster, type Cluster } from '../../cluster';
import { createControllerContext, type ControllerContext } from '../context';
import type { KubeObject } from '../../../api/types';
import type { ClusterClient } from '../../machinery/client';

export interface Harness {
  c: Cluster;
  ctx: ControllerContext;
  client: ClusterClient;
  /** Runs due work (work queues) without moving time much. */
  settle(ms?: number): void;
}

export function harness(opts: { seed?: number; topology?: string } = {}): Harness {
  const c = createCluster({ seed: opts.seed ?? 1, topology: opts.topology, controllers: false });
  const ctx = createControllerContext(c.api, c.clock, c.rand);
  return { c, ctx, client: ctx.client('test'), settle: (ms = 10) => void c.clock.advance(ms) };
}

export interface PodOpts {
  labels?: Record<string, string>;
  node?: string;
  ip?: string;
  ready?: boolean;
  ports?: { name?: string; containerPort: number; protocol?: string; hostPort?: number }[];
  hostname?: string;
  subdomain?: string;
}

export function makePod(h: Harness, name: string, o: PodOpts = {}, namespace = 'default'): KubeObject {
  const created = h.client.create('pods', namespace, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: o.labels ?? { app: 'web' } },
    spec: {
      nodeName: o.node ?? 'node01',
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
      containers: [{ name: 'app', image: 'nginx:1.27', ...(o.ports ? { ports: o.ports } : {}) }],
    },
  });
  if (o.ip) return setPodStatus(h, created, o.ip, o.ready ?? true);
  return created;
}

export function setPodStatus(h: Harness, p: KubeObject, ip: string, ready: boolean): KubeObject {
  const cur = h.client.get('pods', p.metadata.namespace!, p.metadata.name!)!;
  const now = h.c.clock.rfc3339();
  const status = (cur.status ?? {}) as Record<string, unknown>;
  const prevReady = ((status.conditions as { type: string; status: string; lastTransitionTime: string }[] | undefined) ?? []).find((c) => c.type === 'Ready');
  const readyStatus = ready ? 'True' : 'False';
  const readyTime = prevReady && prevReady.status === readyStatus ? prevReady.lastTransitionTime : now;
  return h.client.updateStatus('pods', {
    ...cur,
    status: {
      ...status,
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      hostIP: '172.18.0.3',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'Ready', status: readyStatus, lastTransitionTime: readyTime },
        { type: 'ContainersReady', status: readyStatus, lastTransitionTime: readyTime },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      ],
    },
  });
}

export function makeService(h: Harness, name: string, spec: Record<string, unknown>, namespace = 'default', labels?: Record<string, string>): KubeObject {
  return h.client.create('services', namespace, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }], ...spec },
  });
}
