// An image in the catalog: its tags, filesystem, environment and the behaviour of its program.
import type { Timer } from '../../machinery/clock';
import type { Rand } from '../../machinery/rand';
import type { HttpRequest, HttpResponse, HttpResult, HttpOptions } from '../types';

export interface TagInfo {
  digest: string;
  size: number;
  /** The app's own version string (nginx/1.27.3, 1.0.0). */
  version: string;
}

/** What a starting process is given by the runtime. */
export interface ProcessContext {
  podName: string;
  namespace: string;
  podIP: string;
  nodeName: string;
  /** The container's environment in the order `env` prints it. */
  env: [string, string][];
  argv: string[];
  tag: string;
  info: TagInfo;
  now(): number;
  after(ms: number, fn: () => void): Timer;
  /** One line on stdout (the container log). */
  log(line: string): void;
  /** The process ends with this exit code. */
  exit(code: number): void;
  files: Map<string, string>;
  rand: Rand;
  http(url: string, opts?: HttpOptions): HttpResult;
}

export interface App {
  /** TCP ports listened on. */
  ports: number[];
  /** HTTP handler; `empty` for servers that do not speak HTTP. */
  http?(req: HttpRequest, port: number): HttpResponse | 'empty';
  /**
   * The stop signal arrived: returns after how long and with which code the process exits, or
   * undefined when it ignores the signal (a shell as PID 1) and waits for SIGKILL.
   */
  stop?(): { afterMs: number; code: number } | undefined;
  /** Killed: cancel timers. */
  kill?(): void;
}

export interface ImageDef {
  repository: string;
  tags: Record<string, TagInfo>;
  /** Image ENV in the image config's order (PATH first). */
  env: [string, string][];
  workingDir: string;
  entrypoint: string[];
  cmd: string[];
  /** Files of the image (absolute paths); directories are implied. */
  files(tag: string, info: TagInfo): Record<string, string>;
  /** The shell the image has for exec (`none` for pause and distroless images). */
  shell: 'bash' | 'sh' | 'none';
  /** curl/wget availability and versions for exec. */
  tools?: { curl?: string; wget?: boolean };
  /** Starts the image's own program; images without one (busybox) run argv as shell commands. */
  start?(p: ProcessContext): App;
  /** Whether argv runs the image's own program rather than a shell command. */
  isDefault?(argv: string[]): boolean;
}

export const BASE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A deterministic sha256-looking digest from a name (the catalog never uses randomness). */
export function fakeDigest(seed: string): string {
  let out = '';
  let h1 = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < seed.length; i++) h1 = Math.imul(h1 ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h1 = Math.imul(h1 ^ round, 0x01000193) >>> 0;
    out += h1.toString(16).padStart(8, '0');
  }
  return 'sha256:' + out.slice(0, 64);
}

export function textResponse(status: number, body: string, contentType = 'text/plain', extra: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': contentType, 'Content-Length': String(utf8Length(body)), ...extra }, body };
}

import { utf8Length } from '../../../api/utf8';
export { utf8Length };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** nginx/httpd access log time: 23/Nov/2026:09:00:05 +0000 */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** nginx error log / Go log time: 2026/11/23 09:00:05 */
let slashSecond = NaN;
let slashText = '';

export function slashTime(ms: number): string {
  // Every container started in the same virtual second logs the same stamp: format it once.
  const sec = Math.floor(ms / 1000);
  if (sec === slashSecond) return slashText;
  const d = new Date(sec * 1000);
  slashSecond = sec;
  slashText = `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  return slashText;
}

/** date(1): Mon Nov 23 09:00:05 UTC 2026 */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** redis: 23 Nov 2026 09:00:05.123 */
export function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** httpd error log: Mon Nov 23 09:00:05.123456 2026 */
export function httpdTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}000 ${d.getUTCFullYear()}`;
}

/** A plain Debian-like root filesystem listing (directories only), for `ls /`. */
export const DEBIAN_DIRS = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];
