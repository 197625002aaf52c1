// The HTTP server's 'upgrade' event: kubectl 1.32 opens exec (and attach, port-forward) as a
// WebSocket with the `v5.channel.k8s.io` subprotocol, and falls back to SPDY when that upgrade
// is refused. WebSocket exec and attach are served (exec.ts, attach.ts); every other upgrade
// request (SPDY, port-forward, other paths) gets the apiserver's ordinary answer, written on
// the raw socket.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiHandler, ApiRequest, ApiResponse } from '../../api/client';
import { internalError, StatusError } from '../../api/status';
import { toApiRequest } from '../http-adapter';
import { acceptChannelConn, PROTOCOLS } from './conn';
import { serveAttach, serveExec } from './exec';

export interface UpgradeOptions {
  afterRequest?: () => void;
  log?: (line: string) => void;
  onError?: (err: unknown) => void;
}

const STREAM = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/(exec|attach)$/;

export function createUpgradeListener(handler: ApiHandler, opts: UpgradeOptions = {}) {
  const onError = opts.onError ?? ((err: unknown) => console.error('kubeplay: internal error:', err));
  const after = (): void => {
    try {
      opts.afterRequest?.();
    } catch (err) {
      onError(err);
    }
  };
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const t0 = performance.now();
    const log = (status: number): void => opts.log?.(`${req.method} ${req.url} ${status} ${Math.round(performance.now() - t0)}ms`);
    socket.on('error', () => socket.destroy());
    const refuse = (res: ApiResponse): void => {
      log(res.status);
      writeRaw(socket, res);
    };
    try {
      const apiReq = streamRequest(req);
      const websocket = String(req.headers.upgrade ?? '').toLowerCase() === 'websocket';
      const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      const protocol = PROTOCOLS.find((p) => offered.includes(p));
      const sub = STREAM.exec(apiReq.path)?.[1];
      if (websocket && protocol && req.headers['sec-websocket-key'] && sub && handler.stream) {
        (sub === 'exec' ? serveExec : serveAttach)(handler, apiReq, {
          upgrade: () => {
            const conn = acceptChannelConn(req, socket, head, protocol);
            log(101);
            return conn;
          },
          refuse,
          after,
        });
        return;
      }
      // Not a stream we serve: answered as a plain request (errors come back as Status).
      const res = handler.handle(apiReq);
      after();
      refuse(res);
    } catch (err) {
      if (!(err instanceof StatusError)) onError(err);
      const e = err instanceof StatusError ? err : internalError(String((err as Error)?.message ?? err));
      refuse({ status: e.status.code, body: e.status, contentType: 'application/json' });
    }
  };
}

/** The request as the handler sees it; every `command=` value is kept, as a JSON array. */
function streamRequest(req: IncomingMessage): ApiRequest {
  const method = (req.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET';
  const apiReq = toApiRequest(method, req.url ?? '/', req.headers, Buffer.alloc(0));
  const params = new URL(req.url ?? '/', 'http://kubeplay.invalid').searchParams;
  if (params.has('command')) apiReq.query = { ...apiReq.query, command: JSON.stringify(params.getAll('command')) };
  return apiReq;
}

/** An HTTP/1.1 response on a socket Node has handed over, then the connection is closed. */
function writeRaw(socket: Duplex, r: ApiResponse): void {
  if (socket.destroyed) return;
  const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body) + '\n';
  socket.end(
    [
      `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? ''}`,
      `Content-Type: ${r.contentType || 'application/json'}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-cache, private',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
