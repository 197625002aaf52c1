// Node http <-> ApiHandler. A thin translation: everything Kubernetes-shaped (routing, Status
// errors, Tables, discovery content types) is the handler's job; this file only knows HTTP.
// Traps it handles (see shared/reference/kubectl-protocol.md):
//  - watch headers are flushed at once, or client-go waits for them and kubectl never exits;
//  - client disconnects are seen on res 'close' (req 'close' fires after the body is read);
//  - protobuf bodies (kubectl's `create <generator>`, `auth can-i`) are decoded into JSON objects
//    (protobuf/); kinds we have no schema for reach the handler byte for byte (latin1 string), so it answers 415.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ApiHandler, ApiRequest, ApiResponse, HttpVerb, StreamSubscription, WatchSubscription } from '../api/client';
import { internalError, StatusError } from '../api/status';
import { decodeProtobufRequest, isProtobuf, PROTOBUF } from './protobuf/request';

export interface AdapterOptions {
  /** Runs after every handled request and after a watch or stream is set up: hosts run due timers here. */
  afterRequest?: () => void;
  /** Receives one line per finished request (method, URL, status, ms); `-v` prints it to stderr. */
  log?: (line: string) => void;
  /** Where unexpected errors go (default console.error); they never crash the process. */
  onError?: (err: unknown) => void;
}

const VERBS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function createRequestListener(handler: ApiHandler, opts: AdapterOptions = {}): RequestListener {
  const onError = opts.onError ?? ((err: unknown) => console.error('kubeplay: internal error:', err));
  return (req, res) => {
    const t0 = performance.now();
    if (opts.log) {
      const log = opts.log;
      // 'close' fires for finished and aborted responses alike, so long watches log when they end.
      res.on('close', () => log(`${req.method} ${req.url} ${res.statusCode} ${Math.round(performance.now() - t0)}ms`));
    }
    readBody(req)
      .then((raw) => dispatch(handler, opts, req, res, raw, onError))
      .catch((err) => {
        onError(err);
        safeWrite(res, statusResponse(internalError(String((err as Error)?.message ?? err))));
      });
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Builds the ApiRequest the handler sees from the raw Node request. Exported for tests. */
export function toApiRequest(method: string, rawUrl: string, headers: IncomingMessage['headers'], raw: Buffer): ApiRequest {
  const url = new URL(rawUrl, 'http://kubeplay.invalid');
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is left as sent; the router answers 404 for it.
  }
  // Go's url.Values.Get returns the first value of a repeated key; do the same.
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
  const req: ApiRequest = { verb: method as HttpVerb, path, query };
  const contentType = headers['content-type'];
  if (contentType) req.contentType = contentType;
  if (headers.accept) req.accept = headers.accept;
  if (raw.length > 0) {
    // Protobuf is binary: hand it over as a latin1 string, one char per byte (lossless, and a
    // string as the server's decodeBody expects; it answers 415 for this content type).
    req.body = raw.toString(contentType?.startsWith(PROTOBUF) ? 'latin1' : 'utf8');
  }
  return req;
}

/** strconv.ParseBool's true spellings, as the apiserver parses `watch` and `follow`. */
export function goBool(v: string | undefined): boolean {
  return v === '1' || v === 't' || v === 'T' || v === 'true' || v === 'TRUE' || v === 'True';
}

function dispatch(
  handler: ApiHandler,
  opts: AdapterOptions,
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
  onError: (err: unknown) => void,
): void {
  const method = (req.method ?? 'GET').toUpperCase();
  let apiReq = toApiRequest(method, req.url ?? '/', req.headers, raw);
  try {
    const decoded = isProtobuf(apiReq.contentType) ? decodeProtobufRequest(apiReq, raw) : apiReq;
    if (decoded instanceof StatusError) throw decoded;
    apiReq = decoded;
    if (!VERBS.has(method)) {
      writeResponse(res, statusResponse(methodNotAllowed()));
    } else if (method === 'GET' && goBool(apiReq.query?.watch)) {
      serveWatch(handler, apiReq, res);
    } else if (method === 'GET' && handler.stream && isFollowedLog(apiReq)) {
      serveStream(handler, apiReq, res);
    } else {
      writeResponse(res, handler.handle(apiReq));
    }
  } catch (err) {
    writeCaught(res, err, onError);
  }
  // Controllers, scheduler and kubelets react to what the request changed.
  try {
    opts.afterRequest?.();
  } catch (err) {
    onError(err);
  }
}

function isFollowedLog(r: ApiRequest): boolean {
  return /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/log$/.test(r.path) && goBool(r.query?.follow);
}

/** A StatusError thrown by the handler keeps its code; anything else is a 500 InternalError. */
function writeCaught(res: ServerResponse, err: unknown, onError: (err: unknown) => void): void {
  if (err instanceof StatusError) return safeWrite(res, statusResponse(err));
  onError(err);
  safeWrite(res, statusResponse(internalError(String((err as Error)?.message ?? err))));
}

/** apimachinery's NewMethodNotSupported has no resource here: HEAD, OPTIONS and the like. */
function methodNotAllowed(): StatusError {
  const message = 'the server does not allow this method on the requested resource';
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'MethodNotAllowed', code: 405 });
}

function statusResponse(e: StatusError): ApiResponse {
  return { status: e.status.code, body: e.status, contentType: 'application/json' };
}

function safeWrite(res: ServerResponse, r: ApiResponse): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  writeResponse(res, r);
}

/** Go's warning header quoting: backslash-escape `"` and `\`. */
function warningHeader(text: string): string {
  return `299 - "${text.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

export function writeResponse(res: ServerResponse, r: ApiResponse): void {
  let payload: string | Uint8Array;
  let type = r.contentType;
  if (r.body === undefined || r.body === null) payload = '';
  else if (typeof r.body === 'string') {
    payload = r.body;
    type ||= 'text/plain';
  } else if (r.body instanceof Uint8Array) payload = r.body;
  // The apiserver's JSON encoder ends each document with a newline; so do we.
  else payload = JSON.stringify(r.body) + '\n';
  const headers: Record<string, string | string[] | number> = {
    'Content-Type': type || 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-cache, private',
  };
  if (r.warnings?.length) headers['Warning'] = r.warnings.map(warningHeader);
  res.writeHead(r.status, headers);
  res.end(payload);
}

function isSubscription<T extends WatchSubscription | StreamSubscription>(v: T | ApiResponse): v is T {
  return typeof (v as { stop?: unknown }).stop === 'function';
}

/**
 * One streaming response shared by watches and followed logs. The handler may push data (the
 * watch's initial events) before it returns its subscription, and it may instead return an
 * error: so output is buffered until we know, then the 200 headers go out and are flushed.
 */
function openStream(res: ServerResponse, contentType: string) {
  let started = false;
  let ended = false;
  let stop: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending: string[] = [];
  const finish = (): void => {
    if (ended) return;
    ended = true;
    if (timer) clearTimeout(timer);
    try {
      stop?.();
    } catch {
      // A failing stop must not keep the socket open.
    }
    if (started && !res.writableEnded) res.end();
  };
  res.on('close', finish);
  return {
    write(s: string): void {
      if (ended) return;
      if (started) res.write(s);
      else pending.push(s);
    },
    finish,
    /** The handler accepted: send headers now (flushHeaders, the trap), then what was buffered. */
    start(stopFn: () => void, timeoutMs?: number): void {
      stop = stopFn;
      if (ended) {
        // The handler ended (or the client left) while setting up: stop now.
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
          res.end(pending.join(''));
        }
        stopFn();
        return;
      }
      started = true;
      res.writeHead(200, { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
      res.flushHeaders();
      for (const s of pending.splice(0)) res.write(s);
      if (timeoutMs !== undefined) timer = setTimeout(finish, timeoutMs);
    },
  };
}

function serveWatch(handler: ApiHandler, req: ApiRequest, res: ServerResponse): void {
  const stream = openStream(res, 'application/json');
  const result = handler.watch(req, {
    event: (ev) => stream.write(JSON.stringify(ev) + '\n'),
    end: () => stream.finish(),
  });
  // An error answer: the stream never started, so its 'close' hook is a no-op.
  if (!isSubscription<WatchSubscription>(result)) return writeResponse(res, result);
  const secs = Number(req.query?.timeoutSeconds);
  // The CLI host may use real time: timeoutSeconds is wall-clock, as on a real apiserver.
  stream.start(() => result.stop(), secs > 0 ? secs * 1000 : undefined);
}

function serveStream(handler: ApiHandler, req: ApiRequest, res: ServerResponse): void {
  const stream = openStream(res, 'text/plain');
  const result = handler.stream!(req, { data: (chunk) => stream.write(chunk), end: () => stream.finish() });
  if (!isSubscription<StreamSubscription>(result)) return writeResponse(res, result);
  stream.start(() => result.stop());
}
