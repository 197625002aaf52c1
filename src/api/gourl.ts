import { utf8Bytes } from './utf8';
// net/url's URL.String() for the fields describe sets on an http-get probe (Scheme, Host, Path):
// the host and the path are percent-escaped by their own rules (shouldEscape with encodeHost and
// encodePath), byte by byte over the UTF-8 encoding.

const HEX = '0123456789ABCDEF';
const UNRESERVED = /[A-Za-z0-9\-_.~]/;
// §3.2.2 sub-delims plus ':' (the port), '[' ']' (IPv6), '<' '>' '"' (left to Parse to reject).
const HOST_ALLOWED = new Set([...`!$&'()*+,;=:[]<>"`]);
// The reserved characters a path keeps; '?' is the only reserved one it escapes.
const PATH_ALLOWED = new Set([...'$&+,/:;=@']);

type Mode = 'host' | 'path';

function shouldEscape(c: number, mode: Mode): boolean {
  if (c >= 0x80) return true;
  const ch = String.fromCharCode(c);
  if (UNRESERVED.test(ch)) return false;
  if (mode === 'host') return !HOST_ALLOWED.has(ch);
  return !PATH_ALLOWED.has(ch);
}

export function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of utf8Bytes(s)) out += shouldEscape(b, mode) ? '%' + HEX[b >> 4] + HEX[b & 15] : String.fromCharCode(b);
  return out;
}

/** net.JoinHostPort: brackets around a host that holds a colon. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** URL{Scheme, Host, Path}.String(). */
export function urlString(scheme: string, host: string, path: string): string {
  let out = '';
  if (scheme) out += scheme + ':';
  if ((scheme || host) && (host || path)) out += '//';
  if (host) out += escape(host, 'host');
  const p = path === '*' ? '*' : escape(path, 'path');
  if (p && p[0] !== '/' && host) out += '/';
  // A relative path whose first segment holds a colon would read as a scheme.
  if (!out && p.split('/')[0].includes(':')) out += './';
  return out + p;
}
