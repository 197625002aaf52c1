// URLs as curl reads them, and the error lines curl 8 prints for network failures.
export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path and query, at least `/`. */
  path: string;
}

/** curl accepts `host:port/path` without a scheme and means http. */
export function parseUrl(url: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(url.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const host = m[2].toLowerCase();
  if (!host) return undefined;
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return undefined;
  let path = (m[4] ?? '/').replace(/#.*$/, '');
  if (path.startsWith('?')) path = `/${path}`;
  return { scheme, host, port, path: path || '/' };
}

/** `curl: (7) Failed to connect to web port 80 after 0 ms: Couldn't connect to server` without the `curl: (7) ` prefix. */
export function connectFailure(host: string, port: number, elapsedMs: number): string {
  return `Failed to connect to ${host} port ${port} after ${elapsedMs} ms: Couldn't connect to server`;
}

export function resolveFailure(host: string): string {
  return `Could not resolve host: ${host}`;
}
