// The one contract between kubectl (or any client) and an apiserver. HTTP-shaped on purpose so
// the in-process transport and the HTTP transport are interchangeable.
import type { WatchEvent } from './types';

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  verb: HttpVerb;
  /** Path without query, e.g. /api/v1/namespaces/default/pods/x */
  path: string;
  /** Query parameters; repeated keys are not used by the Kubernetes API we serve. */
  query?: Record<string, string>;
  /** A parsed object, or the raw body text (JSON or YAML) as sent on the wire. */
  body?: unknown;
  /** Content-Type of the body (patch type for PATCH). */
  contentType?: string;
  /** Accept header (Tables are asked for with `as=Table;v=v1;g=meta.k8s.io`). */
  accept?: string;
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON body, or a string for text/plain answers such as pods/log. */
  body: unknown;
  contentType: string;
  /** Warning headers (fieldValidation=Warn), each the text after `299 - `. */
  warnings?: string[];
  /**
   * Set by the server when the body was built for this response alone and every part of it
   * that the server keeps (the store's objects) is deeply frozen: nobody else can change it,
   * so an in-process transport may hand it over as it is instead of copying it. Not on the wire.
   */
  transferable?: boolean;
}

export interface WatchHandle extends AsyncIterable<WatchEvent> {
  /** Stop the watch; the iterator then ends. */
  close(): void;
}

/** An open stream (a followed log, an interactive exec session). */
export interface StreamHandle {
  /** Resolves once the stream has ended, by the server or by close(). */
  done: Promise<void>;
  /** Sends input to the stream (exec with stdin=true). */
  write(chunk: string): void;
  close(): void;
  /** Once done: the command's exit code, when the transport learns it (exec over a WebSocket). */
  readonly exitCode?: number;
}

export interface ApiClient {
  request(req: ApiRequest): Promise<ApiResponse>;
  /** Opens a watch (`watch=true` is implied). Errors before streaming reject with the Status response. */
  watch(req: Omit<ApiRequest, 'verb' | 'body' | 'contentType'>): Promise<WatchHandle | ApiResponse>;
  /**
   * Opens a streaming subresource (pods/log with follow=true, pods/exec with stdin=true); output
   * goes to onData. A plain answer (an error Status, or a one-shot result) comes back as the response.
   */
  stream?(req: ApiRequest, onData: (chunk: string) => void): Promise<StreamHandle | ApiResponse>;
}

/** A watch's delivery side: events pushed in order; `end` once when the watch stops. */
export interface WatchSink {
  event(ev: WatchEvent<unknown>): void;
  end(): void;
}

export interface WatchSubscription {
  stop(): void;
}

/**
 * The synchronous face of the simulated apiserver, which hosts wrap: the in-process transport
 * turns it into an ApiClient, the Node HTTP adapter serves it. Everything is deterministic and
 * runs on the virtual clock, so nothing here awaits.
 */
export interface ApiHandler {
  handle(req: ApiRequest): ApiResponse;
  /** For GET with watch=true: either a live subscription or an error response (Status). */
  watch(req: ApiRequest, sink: WatchSink): WatchSubscription | ApiResponse;
  /** Streaming subresources served by simulated nodes (pods/log with follow, exec, proxy). */
  stream?(req: ApiRequest, sink: StreamSink): StreamSubscription | ApiResponse;
}

export interface StreamSink {
  data(chunk: string): void;
  end(): void;
}

export interface StreamSubscription {
  stop(): void;
  /** For exec: bytes typed by the user. */
  write?(chunk: string): void;
}
