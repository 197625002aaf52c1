// Test helpers (imported by *.test.ts only).
import { Store } from '../store/store';
import { VirtualClock } from '../machinery/clock';
import { Rand } from '../machinery/rand';
import { ApiServer } from '../apiserver/server';
import { strategies, fallbackStrategy } from '../apiserver/registry';
import { bootstrap } from '../bootstrap';
import { createControllerContext } from '../controllers/context';
import { startNodes } from './fleet';
import { topologyNodes } from '../topology';
import type { KubeObject } from '../../api/types';

export function setup(seed = 1) {
  // Built by hand (not createCluster) so these tests run the kubelets alone.
  const clock = new VirtualClock(Date.UTC(2026, 10, 23, 9, 0, 0));
  const rand = new Rand(seed);
  const store = new Store();
  const api = new ApiServer({ store, clock, rand, strategies, fallbackStrategy });
  bootstrap(api, topologyNodes(undefined, undefined), clock.rfc3339(), (n) => rand.hex(n));
  const c = { api, clock, rand, store };
  const ctx = createControllerContext(c.api, c.clock, c.rand);
  const fleet = startNodes(ctx, topologyNodes(undefined, undefined));
  ctx.informers.start();
  c.api.setHooks(fleet.hooks);
  const req = (verb: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, query?: Record<string, string>, contentType?: string) =>
    c.api.handle({ verb, path, body, query, contentType });
  const pod = (name: string, ns = 'default') => req('GET', `/api/v1/namespaces/${ns}/pods/${name}`).body as KubeObject & { status: any; spec: any };
  const createPod = (name: string, containers: object[], extra: Record<string, unknown> = {}, node = 'node01') => {
    const r = req('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: node, containers, ...extra } });
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r.body as KubeObject;
  };
  const events = (name: string) =>
    ((req('GET', '/api/v1/namespaces/default/events').body as { items: any[] }).items as any[])
      .filter((e) => e.involvedObject.name === name)
      .map((e) => ({ reason: e.reason, message: e.message, type: e.type, t: e.firstTimestamp, last: e.lastTimestamp, count: e.count }));
  const advance = (ms: number) => c.clock.advance(ms);
  const t0 = c.clock.now();
  const at = (ms: number) => new Date(Math.floor((t0 + ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return { c, ctx, fleet, req, pod, createPod, events, advance, t0, at };
}
