// Starts kubeplay's apiserver in this process on a free port, for suites that drive it over
// HTTP (the real kubectl, curl-like fetches). In-process, not a child: start-up is milliseconds,
// and a test can reach into the cluster (advance the clock, snapshot).
import type { ApiHandler } from '../../src/api/client';
import { createHostedCluster, serveCluster, type ClusterOptions, type HostedCluster, type Serving } from '../../src/cli/serve';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestListener } from '../../src/cli/http-adapter';
import { loadObjects, type FixtureTarget } from '../../src/cluster/fixtures';

export interface TestApiserver {
  /** e.g. http://127.0.0.1:39211 */
  url: string;
  port: number;
  cluster: HostedCluster;
  close(): Promise<void>;
}

export interface StartOptions extends ClusterOptions {
  /**
   * Virtual ms per real ms for the clock pump. Default 0: the clock only moves when the test
   * advances it (plus due zero-delay work after each request), so output is deterministic.
   */
  speed?: number;
  /** Collects one line per request (method, URL, status, ms): handy when a case fails. */
  log?: (line: string) => void;
  /** Objects (or List documents) written verbatim into the store before serving (src/cluster/fixtures.ts). */
  objects?: unknown[];
}

/** The whole cluster (src/cluster/cluster.ts) behind the HTTP adapter. */
export async function startApiserver(opts: StartOptions = {}): Promise<TestApiserver> {
  const { speed = 0, log, objects, ...clusterOpts } = opts;
  // A running clock starts at real now, so the real kubectl's client-side ages agree.
  const cluster = await createHostedCluster({ seed: 1, ...(speed > 0 ? { start: Date.now() } : {}), ...clusterOpts });
  if (objects) loadObjects(cluster as unknown as FixtureTarget, objects);
  const s: Serving = await serveCluster(cluster, { port: 0, speed, log });
  return { url: s.url, port: s.port, cluster, close: s.close };
}

/** Any ApiHandler (a fake, say) behind the adapter, for tests of the adapter itself. */
export async function serveHandler(handler: ApiHandler, afterRequest?: () => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(createRequestListener(handler, { afterRequest }));
  server.requestTimeout = 0;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
