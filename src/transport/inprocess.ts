// The ApiClient over a synchronous ApiHandler in the same thread: what kubectl uses in the
// worker and in tests. Bodies are copied through JSON both ways, as on the wire, so the client
// can never alias (and mutate) the store's objects, nor the server keep the client's. The one
// exception is a response the server marks `transferable` (a Table built for this request, whose
// shared parts are frozen store objects): nobody else holds it and nobody can change what it
// shares, so it is handed over as it is (copying it was a large part of `get pods -A`).
import type { ApiClient, ApiHandler, ApiRequest, ApiResponse, StreamHandle, StreamSubscription, WatchHandle } from '../api/client';
import type { WatchEvent } from '../api/types';
import { internalError, StatusError } from '../api/status';
import { EventQueue } from './event-queue';

export interface InProcessOptions {
  /** Runs after each request and each watch set-up; hosts run due timers (clock.runDue()) here. */
  afterRequest?: () => void;
}

function wire<T>(v: T): T {
  if (v === undefined || v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  return jsonCopy(v) as T;
}

/**
 * What JSON.stringify then JSON.parse would give for plain JSON data (undefined properties
 * dropped, undefined array items as null, non-finite numbers as null), without the text in
 * between: `get pods -A` over 10,000 pods copies its Table about twice as fast this way.
 */
function jsonCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    return v;
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v));
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      out[i] = x === undefined || typeof x === 'function' ? null : jsonCopy(x);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function') continue;
    out[k] = jsonCopy(x);
  }
  return out;
}

/** A StatusError thrown by the handler keeps its code; anything else becomes a 500 Status. */
function errorResponse(err: unknown): ApiResponse {
  const e = err instanceof StatusError ? err : internalError(String((err as Error)?.message ?? err));
  return { status: e.status.code, body: e.status, contentType: 'application/json' };
}

/** The client's copy of a response (the transfer flag is between server and transport). */
function response(res: ApiResponse): ApiResponse {
  const { transferable, ...rest } = res;
  return { ...rest, body: transferable ? res.body : wire(res.body) };
}

function isResponse(v: unknown): v is ApiResponse {
  return typeof (v as { stop?: unknown }).stop !== 'function';
}

export function inProcessClient(handler: ApiHandler, opts: InProcessOptions = {}): ApiClient {
  const after = (): void => {
    try {
      opts.afterRequest?.();
    } catch (err) {
      console.error('kubeplay: error after request:', err);
    }
  };

  return {
    async request(req: ApiRequest): Promise<ApiResponse> {
      let res: ApiResponse;
      try {
        res = handler.handle({ ...req, query: req.query && { ...req.query }, body: wire(req.body) });
      } catch (err) {
        res = errorResponse(err);
      }
      after();
      return response(res);
    },

    async watch(req): Promise<WatchHandle | ApiResponse> {
      const queue = new EventQueue<WatchEvent>();
      const full: ApiRequest = { ...req, verb: 'GET', query: { ...req.query, watch: 'true' } };
      let result;
      try {
        result = handler.watch(full, {
          event: (ev) => queue.push(wire(ev) as WatchEvent),
          end: () => queue.end(),
        });
      } catch (err) {
        result = errorResponse(err);
      }
      if (isResponse(result)) {
        after();
        return response(result);
      }
      const sub = result;
      // The handler may have ended the watch while it was being set up.
      if (queue.ended) sub.stop();
      after();
      return {
        [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator](),
        close(): void {
          const wasEnded = queue.ended;
          queue.end(true);
          if (!wasEnded) sub.stop();
        },
      };
    },

    async stream(req: ApiRequest, onData: (chunk: string) => void): Promise<StreamHandle | ApiResponse> {
      if (!handler.stream) {
        after();
        return { status: 400, body: 'Upgrade request required', contentType: 'text/plain' };
      }
      // Output is held until the handler has answered: a one-shot answer carries it already.
      let pending: string[] | undefined = [];
      let ended = false;
      let finish!: () => void;
      const done = new Promise<void>((r) => (finish = r));
      let result: StreamSubscription | ApiResponse;
      try {
        result = handler.stream({ ...req, query: req.query && { ...req.query }, body: wire(req.body) }, {
          data: (chunk) => {
            if (ended) return;
            if (pending) pending.push(chunk);
            else onData(chunk);
          },
          end: () => {
            ended = true;
            finish();
          },
        });
      } catch (err) {
        result = errorResponse(err);
      }
      if (isResponse(result)) {
        after();
        return response(result);
      }
      const sub = result;
      for (const c of pending) onData(c);
      pending = undefined;
      after();
      return {
        done,
        write(chunk: string): void {
          if (ended || !sub.write) return;
          sub.write(chunk);
          after();
        },
        close(): void {
          if (ended) return;
          ended = true;
          sub.stop();
          finish();
        },
      };
    },
  };
}
