// The ApiClient over HTTP with fetch (Node 20 and browsers): `kubeplay kubectl --server URL`
// talks to any apiserver this way, kubeplay's own or, in principle, a real one.
import type { ApiClient, ApiRequest, ApiResponse, StreamHandle, WatchHandle } from '../api/client';
import type { WatchEvent } from '../api/types';
import { EventQueue } from './event-queue';
import { execOnce, isRefused, isRemoteCommand, openSession, remoteCommandQuery, type OpenChannels, type RefusedUpgrade } from './remotecommand';

export interface HttpClientOptions {
  /** Extra headers on every request (e.g. Authorization). */
  headers?: Record<string, string>;
  /** For tests or custom agents; defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * Opens a `v5.channel.k8s.io` WebSocket (the host's, e.g. src/cli/websocket-client.ts in
   * Node): with it, pods/exec and pods/attach work as they do in-process; without it they get
   * the apiserver's answer to a plain request.
   */
  openChannels?: OpenChannels;
}

export function httpClient(baseUrl: string, opts: HttpClientOptions = {}): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));

  function urlOf(path: string, query?: Record<string, string>): string {
    const qs = query && Object.keys(query).length ? '?' + new URLSearchParams(query).toString() : '';
    return base + path + qs;
  }

  function headersOf(accept?: string, contentType?: string): Record<string, string> {
    const h: Record<string, string> = { ...opts.headers };
    h['Accept'] = accept ?? 'application/json, */*';
    if (contentType) h['Content-Type'] = contentType;
    return h;
  }

  const openChannels = opts.openChannels;
  /** A refused upgrade reads like any other answer (a Status, its warnings). */
  const refusal = (r: RefusedUpgrade): Promise<ApiResponse> =>
    readResponse(new Response(r.body, { status: r.status, headers: { 'content-type': r.contentType } }));

  return {
    async request(req: ApiRequest): Promise<ApiResponse> {
      if (openChannels && req.verb === 'POST' && isRemoteCommand(req.path)) {
        const r = await execOnce(openChannels, base + req.path + remoteCommandQuery(req.query), headersOf(req.accept));
        return isRefused(r) ? refusal(r) : r;
      }
      let body: string | Uint8Array | undefined;
      let contentType = req.contentType;
      if (typeof req.body === 'string' || req.body instanceof Uint8Array) body = req.body;
      else if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        contentType ??= 'application/json';
      }
      const res = await doFetch(urlOf(req.path, req.query), {
        method: req.verb,
        headers: headersOf(req.accept, contentType),
        body: body as BodyInit | undefined,
      });
      return readResponse(res);
    },

    async watch(req): Promise<WatchHandle | ApiResponse> {
      const abort = new AbortController();
      const res = await doFetch(urlOf(req.path, { ...req.query, watch: 'true' }), {
        method: 'GET',
        headers: headersOf(req.accept),
        signal: abort.signal,
      });
      if (res.status !== 200 || !res.body) return readResponse(res);
      const queue = new EventQueue<WatchEvent>();
      void pumpLines(res.body, queue, abort.signal);
      return {
        [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator](),
        close(): void {
          queue.end(true);
          abort.abort();
        },
      };
    },

    // Plain HTTP streams one way only: followed logs. Input (exec -i) needs an upgraded
    // connection, which the apiserver refuses as kube-apiserver does without SPDY/websockets.
    async stream(req: ApiRequest, onData: (chunk: string) => void): Promise<StreamHandle | ApiResponse> {
      if (openChannels && isRemoteCommand(req.path)) {
        const h = await openSession(openChannels, base + req.path + remoteCommandQuery(req.query), headersOf(req.accept), onData);
        return isRefused(h) ? refusal(h) : h;
      }
      if (req.query?.stdin === 'true') return { status: 400, body: 'Upgrade request required', contentType: 'text/plain' };
      const abort = new AbortController();
      const res = await doFetch(urlOf(req.path, req.query), { method: req.verb, headers: headersOf(req.accept), signal: abort.signal });
      if (res.status !== 200 || !res.body) return readResponse(res);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const done = (async () => {
        try {
          for (;;) {
            const { value, done: eof } = await reader.read();
            if (eof) break;
            onData(decoder.decode(value, { stream: true }));
          }
          const rest = decoder.decode();
          if (rest) onData(rest);
        } catch {
          // Aborted by close(), or the connection dropped: the stream is over either way.
        }
      })();
      return {
        done,
        write(): void {},
        close(): void {
          abort.abort();
        },
      };
    },
  };
}

/** Reads a watch body, one JSON event per line, into the queue; ends it on EOF or abort. */
async function pumpLines(body: ReadableStream<Uint8Array>, queue: EventQueue<WatchEvent>, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) queue.push(JSON.parse(line) as WatchEvent);
      }
    }
    const rest = (buf + decoder.decode()).trim();
    if (rest) queue.push(JSON.parse(rest) as WatchEvent);
  } catch (err) {
    // An abort is how close() works; anything else (a reset, bad JSON) also ends the watch,
    // and the caller re-lists, as client-go's reflector does.
    if (!signal.aborted) console.warn('kubeplay: watch stream ended:', (err as Error)?.message ?? err);
  } finally {
    queue.end();
    reader.releaseLock?.();
  }
}

/** Parses `Warning: 299 - "text"` values; fetch joins repeated headers with ", ". */
export function parseWarnings(header: string | null): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const m of header.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)) out.push(m[1].replace(/\\(.)/g, '$1'));
  return out;
}

async function readResponse(res: Response): Promise<ApiResponse> {
  const contentType = res.headers.get('content-type') ?? '';
  const text = await res.text();
  let body: unknown = text;
  // application/json and its parameterised forms (Table, aggregated discovery) are parsed;
  // text/plain (pods/log) stays a string.
  if (/^application\/([\w.+-]*\+)?json\b/.test(contentType) && text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const out: ApiResponse = { status: res.status, body, contentType };
  const warnings = parseWarnings(res.headers.get('warning'));
  if (warnings.length) out.warnings = warnings;
  return out;
}
