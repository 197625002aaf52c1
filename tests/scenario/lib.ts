// Helpers for scenario tests: a full createCluster driven through its API only (no store
// access), as kubectl would drive it, with the virtual clock advanced by the test.
import { createCluster, type Cluster, type ClusterOptions } from '../../src/cluster/cluster';
import type { KubeObject } from '../../src/api/types';

export type Obj = KubeObject & { spec?: any; status?: any };

export interface Harness {
  c: Cluster;
  call(verb: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, contentType?: string, query?: Record<string, string>): Obj;
  /** Like call, but returns the status and body without throwing. */
  raw(verb: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, contentType?: string, query?: Record<string, string>): { status: number; body: any };
  list(path: string, query?: Record<string, string>): Obj[];
  /** Subscribes to a watch; the callback sees every event in order. Returns a stop function. */
  watch(path: string, on: (type: string, obj: Obj) => void, query?: Record<string, string>): () => void;
  /** Advances the clock until pred() holds; throws with `what` if it does not within maxMs. */
  until(what: string, pred: () => boolean, maxMs?: number): void;
  events(query?: Record<string, string>, ns?: string): Obj[];
}

export function harness(opts: ClusterOptions): Harness {
  const c = createCluster(opts);
  const raw: Harness['raw'] = (verb, path, body, contentType, query) => {
    const res = c.api.handle({ verb, path, body: typeof body === 'string' || body === undefined ? body : body, contentType, query });
    c.settle();
    return res as { status: number; body: any };
  };
  const call: Harness['call'] = (verb, path, body, contentType, query) => {
    const res = raw(verb, path, body, contentType, query);
    if (res.status >= 300) throw new Error(`${verb} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Obj;
  };
  const list: Harness['list'] = (path, query) => (call('GET', path, undefined, undefined, query) as unknown as { items: Obj[] }).items;
  return {
    c,
    call,
    raw,
    list,
    watch(path, on, query = {}) {
      const sub = c.api.watch(
        { verb: 'GET', path, query: { watch: 'true', ...query } },
        {
          event: (ev) => {
            const e = ev as { type: string; object: Obj };
            on(e.type, e.object);
          },
          end: () => {},
        },
      );
      if ('status' in sub) throw new Error(`watch ${path}: ${JSON.stringify(sub)}`);
      return () => (sub as { stop(): void }).stop();
    },
    until(what, pred, maxMs = 120_000) {
      if (!c.runUntil(pred, maxMs)) throw new Error(`timed out after ${maxMs} ms of virtual time waiting for ${what}`);
    },
    events(query = {}, ns = 'default') {
      return list(`/api/v1/namespaces/${ns}/events`, query);
    },
  };
}

export const isReady = (p: Obj): boolean => !!p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True');
export const running = (p: Obj): boolean => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;

export function deployment(name: string, image: string, replicas = 1, extra: { container?: string; resources?: unknown } = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, creationTimestamp: null, labels: { app: name } } as any,
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: {},
      template: {
        metadata: { creationTimestamp: null, labels: { app: name } },
        spec: { containers: [{ name: extra.container ?? image.replace(/^.*\//, '').replace(/:.*$/, ''), image, resources: extra.resources ?? {} }] },
      },
    },
    status: {},
  } as Obj;
}
