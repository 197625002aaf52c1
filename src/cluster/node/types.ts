// Contracts the simulated nodes offer to the rest of the cluster: HTTP delivery into pods (for
// kube-proxy and the apiserver's proxy) and the network function curl/wget and probes use.

export interface HttpRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Source address as the app sees it (access logs); defaults to the node's gateway .1. */
  remoteAddr?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Why a connection failed: `refused` (nothing listens or the container is not running),
 * `timeout` (the node is down or packets are dropped), `empty` (a non-HTTP server closed the
 * connection), `unresolved` (DNS), `unreachable` (no route).
 */
export interface HttpError {
  error: 'refused' | 'timeout' | 'empty' | 'unresolved' | 'unreachable';
  /** The network's own curl-style message and exit code, when it has them. */
  message?: string;
  curlCode?: number;
}

export type HttpResult = HttpResponse | HttpError;

export function isHttpError(r: HttpResult): r is HttpError {
  return 'error' in r;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Written by kube-proxy/DNS: routes a request from a pod (or a node, when undefined) to a URL. */
export interface HttpNetwork {
  /**
   * kube-proxy/DNS's answer. Errors may use the network's kinds: `dns`/`url` are read as
   * `unresolved`; a `message`/`curlCode` is passed through to curl.
   */
  request(fromPodIP: string | undefined, url: string, opts: HttpOptions): HttpResponse | { error: string; message?: string; curlCode?: number };
}

/** Where kube-proxy delivers traffic: the apps inside pods. */
export interface PodRuntime {
  /** kube-proxy's backend: connection refused when nothing listens or the container is not running; timeout when the node is down or the IP unknown. */
  serveHttp(podIP: string, port: number, req: HttpRequest): HttpResponse | { error: 'refused' | 'timeout' };
  /** The same with finer failures (`empty` from a non-HTTP server, `unreachable` for an unknown IP). */
  serve(podIP: string, port: number, req: HttpRequest): HttpResult;
  /** Whether something listens on podIP:port right now (TCP probes, kube-proxy checks). */
  listening(podIP: string, port: number): boolean;
}
