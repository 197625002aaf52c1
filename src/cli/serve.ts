// Hosting a cluster over HTTP in Node: the shared core of `kubeplay apiserver` and of the test
// helper in tests/lib (which calls it in-process on a free port, no child process).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiHandler } from '../api/client';
import { createRequestListener } from './http-adapter';
import { createUpgradeListener } from './websocket/upgrade';

import type { ClusterOptions } from '../cluster/cluster';

export type { ClusterOptions };

/** The part of a cluster (src/cluster/cluster.ts) a host needs. */
export interface HostedCluster {
  api: ApiHandler;
  clock: { now(): number; advance(ms: number): unknown; runDue(): unknown };
  snapshot(): unknown;
}

/**
 * A new cluster, or one rebuilt from a snapshot (`--state`). Loaded lazily so the CLI's other
 * subcommands (and `--help`) start without the cluster's modules.
 */
export async function createHostedCluster(opts: ClusterOptions, snapshot?: unknown): Promise<HostedCluster> {
  const mod = await import('../cluster/cluster');
  if (snapshot === undefined) return mod.createCluster(opts);
  return mod.restoreCluster(snapshot as Parameters<typeof mod.restoreCluster>[0], opts);
}

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Virtual ms per real ms; 0 pauses the clock (tests then advance it themselves). */
  speed?: number;
  log?: (line: string) => void;
}

export interface Serving {
  server: Server;
  url: string;
  port: number;
  /** Stops the clock pump, drops open connections (watches) and closes the server. */
  close(): Promise<void>;
}

export async function serveCluster(cluster: HostedCluster, opts: ServeOptions = {}): Promise<Serving> {
  const adapterOpts = {
    // Zero-delay work a request queued (controllers, watch fan-out) runs before the next one.
    afterRequest: () => void cluster.clock.runDue(),
    log: opts.log,
  };
  const server = createServer(createRequestListener(cluster.api, adapterOpts));
  // exec's WebSocket (and kubectl's SPDY fallback) arrive as upgrade requests. Their sockets
  // leave the server's bookkeeping, so close() ends them itself.
  const onUpgrade = createUpgradeListener(cluster.api, adapterOpts);
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    onUpgrade(req, socket, head);
  });
  // Watches are long-lived: no idle timeouts on the HTTP server side.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const stopPump = pumpClock(cluster.clock, opts.speed ?? 1);
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        stopPump();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }),
  };
}

/**
 * Advances the virtual clock in real time times `speed`. Only the host reads real time; the
 * cluster sees whole virtual milliseconds, fractions carried over so slow speeds still move.
 */
export function pumpClock(clock: HostedCluster['clock'], speed: number, everyMs = 50): () => void {
  if (!(speed > 0)) return () => {};
  let last = performance.now();
  let carry = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    carry += (now - last) * speed;
    last = now;
    const whole = Math.floor(carry);
    if (whole <= 0) return;
    carry -= whole;
    try {
      clock.advance(whole);
    } catch (err) {
      console.error('kubeplay: error while advancing the clock:', err);
    }
  }, everyMs);
  // The HTTP server keeps the process alive, not the pump.
  timer.unref();
  return () => clearInterval(timer);
}
