// The bootstrap writes as a typed in-cluster client with trusted creates (bootstrapClient), which
// lets the server skip strict decoding and validation: what it stores must be exactly what the
// same requests store when sent as any client's, decoded and validated (a failure would throw).
import { describe, expect, it } from 'vitest';
import type { ApiHandler, ApiRequest } from '../api/client';
import { Store } from './store/store';
import { VirtualClock } from './machinery/clock';
import { Rand } from './machinery/rand';
import { ApiServer } from './apiserver/server';
import { strategies, fallbackStrategy } from './apiserver/registry';
import { internalRoute } from './machinery/internal';
import { bootstrap } from './bootstrap';
import { topologyNodes } from './topology';
import { DEFAULT_START } from './cluster';

/** A fresh cluster's store after bootstrap, written through `wrap(server)`. */
function bootstrapped(topology: string | undefined, wrap: (api: ApiHandler) => ApiHandler): { store: string; rand: string; requests: number; internal: number; trusted: number; posts: number } {
  const store = new Store();
  const clock = new VirtualClock(DEFAULT_START);
  const rand = new Rand(7);
  const server = new ApiServer({ store, clock, rand, strategies, fallbackStrategy });
  let requests = 0;
  let internal = 0;
  let trusted = 0;
  let posts = 0;
  const counting: ApiHandler = {
    handle(req) {
      requests++;
      if (internalRoute(req)) internal++;
      if (internalRoute(req)?.trusted) trusted++;
      if (req.verb === 'POST') posts++;
      return server.handle(req);
    },
    watch: (req, sink) => server.watch(req, sink),
  };
  bootstrap(wrap(counting), topologyNodes(topology, undefined), clock.rfc3339(), (n) => rand.hex(n), () => rand.nameSuffix(5));
  return { store: JSON.stringify(store.snapshot()), rand: rand.hex(16), requests, internal, trusted, posts };
}

/** The same requests as a user's client would send them: no in-cluster route, a new object. */
const asPlainClient = (api: ApiHandler): ApiHandler => ({
  handle: (req: ApiRequest) => api.handle({ verb: req.verb, path: req.path, query: req.query, body: req.body, contentType: req.contentType }),
  watch: (req, sink) => api.watch(req, sink),
});

describe('bootstrap', () => {
  for (const topology of [undefined, 'minikube']) {
    it(`stores byte-identical objects as plain client requests would (${topology ?? 'default'})`, () => {
      const trusted = bootstrapped(topology, (api) => api);
      const plain = bootstrapped(topology, asPlainClient);
      // Every bootstrap request took the in-cluster route, and none of the plain ones did.
      expect(trusted.internal).toBe(trusted.requests);
      expect(trusted.trusted).toBe(trusted.posts);
      expect(trusted.posts).toBeGreaterThan(20);
      expect(plain.internal).toBe(0);
      expect(plain.requests).toBe(trusted.requests);
      expect(trusted.store).toBe(plain.store);
      // The same random draws (uids, generated names) in the same order.
      expect(trusted.rand).toBe(plain.rand);
      expect(JSON.parse(trusted.store)).toMatchObject({ revision: expect.any(Number) });
    });
  }
});
