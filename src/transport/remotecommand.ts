// The client side of the remotecommand channel protocol (`v5.channel.k8s.io`, what kubectl 1.32
// speaks over a WebSocket for exec and attach): every message is a channel byte and its data,
// 1 stdout, 2 stderr, 3 the final metav1.Status; the client sends 0 stdin and, in v5, `[255, 0]`
// when its stdin ends. Opening the WebSocket itself is the host's job (Node has no stable
// global WebSocket), so it is injected as an OpenChannels function; this file stays platform-neutral.
import type { ApiResponse, StreamHandle } from '../api/client';

export const CHANNEL_STDIN = 0;
export const CHANNEL_STDOUT = 1;
export const CHANNEL_STDERR = 2;
export const CHANNEL_ERROR = 3;
export const CHANNEL_CLOSE = 255;

export const SUBPROTOCOL = 'v5.channel.k8s.io';

export interface ChannelEvents {
  /** One message from the server: its channel and the bytes after the channel byte. */
  message(channel: number, data: Uint8Array): void;
  /** The connection is over (closing handshake done, or the socket went away). */
  closed(): void;
}

export interface ChannelSocket {
  send(channel: number, data: Uint8Array): void;
  /** Starts the closing handshake; messages still in flight arrive, then closed(). */
  close(): void;
}

/** The server's plain HTTP answer when it refuses the upgrade (an error Status, usually). */
export interface RefusedUpgrade {
  refused: true;
  status: number;
  contentType: string;
  body: string;
}

export type OpenChannels = (url: string, headers: Record<string, string>, on: ChannelEvents) => Promise<ChannelSocket | RefusedUpgrade>;

export function isRefused<T extends object>(r: T | RefusedUpgrade): r is RefusedUpgrade {
  return (r as RefusedUpgrade).refused === true;
}

const STREAM_PATH = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/(exec|attach)$/;

/** pods/exec and pods/attach: the subresources served over the channel protocol. */
export function isRemoteCommand(path: string): boolean {
  return STREAM_PATH.test(path);
}

/**
 * The query as the apiserver expects it: ApiRequest carries exec's command as a JSON array,
 * the URL as one `command=` per argument.
 */
export function remoteCommandQuery(query: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (k === 'command') for (const arg of JSON.parse(v) as string[]) params.append('command', arg);
    else params.append(k, v);
  }
  const qs = params.toString();
  return qs ? '?' + qs : '';
}

interface Status {
  kind?: string;
  apiVersion?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { reason?: string; message?: string }[] };
}

/** The exit code a final Status reports, or undefined when it is an error of its own. */
export function exitCodeOf(st: Status): number | undefined {
  if (st.status === 'Success') return 0;
  if (st.reason !== 'NonZeroExitCode') return undefined;
  const cause = st.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : undefined;
}

function parseStatus(bytes: Uint8Array): Status {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as Status;
  } catch {
    return { status: 'Failure', message: new TextDecoder().decode(bytes) };
  }
}

/** An error Status as the in-process transport gives it: a whole metav1.Status with its code. */
function failure(st: Status): ApiResponse {
  const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, ...st, code: st.code ?? 500 };
  return { status: body.code, body, contentType: 'application/json' };
}

/**
 * exec without stdin, as one request: output collected until the server ends the stream, then
 * answered as the in-process transport answers it (`{stdout, stderr, exitCode}`).
 */
export async function execOnce(open: OpenChannels, url: string, headers: Record<string, string>): Promise<ApiResponse | RefusedUpgrade> {
  const out = new TextDecoder();
  const err = new TextDecoder();
  let stdout = '';
  let stderr = '';
  let status: Status | undefined;
  let finish!: () => void;
  const closed = new Promise<void>((r) => (finish = r));
  const r = await open(url, headers, {
    message(channel, data) {
      if (channel === CHANNEL_STDOUT) stdout += out.decode(data, { stream: true });
      else if (channel === CHANNEL_STDERR) stderr += err.decode(data, { stream: true });
      else if (channel === CHANNEL_ERROR) status = parseStatus(data);
    },
    closed: () => finish(),
  });
  if (isRefused(r)) return r;
  await closed;
  stdout += out.decode();
  stderr += err.decode();
  // No Status at all: the stream ended without a word, which remotecommand takes as success.
  const exitCode = status ? exitCodeOf(status) : 0;
  if (exitCode === undefined) return failure(status!);
  return { status: 200, body: { stdout, stderr, exitCode }, contentType: 'application/json' };
}

/**
 * exec -i and attach: output goes to onData as it comes; write() is stdin; close() ends stdin
 * (v5's CLOSE) and the connection, and what the server still sends (a piped script's output)
 * arrives before `done`.
 */
export async function openSession(
  open: OpenChannels,
  url: string,
  headers: Record<string, string>,
  onData: (chunk: string) => void,
): Promise<StreamHandle | RefusedUpgrade> {
  const out = new TextDecoder();
  const err = new TextDecoder();
  const enc = new TextEncoder();
  let ended = false;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  let exitCode: number | undefined;
  const r = await open(url, headers, {
    message(channel, data) {
      if (channel === CHANNEL_STDOUT) onData(out.decode(data, { stream: true }));
      else if (channel === CHANNEL_STDERR) onData(err.decode(data, { stream: true }));
      else if (channel === CHANNEL_ERROR) exitCode = exitCodeOf(parseStatus(data));
    },
    closed() {
      ended = true;
      const rest = out.decode() + err.decode();
      if (rest) onData(rest);
      finish();
    },
  });
  if (isRefused(r)) return r;
  let closing = false;
  return {
    done,
    /** From the final Status (channel 3), which comes before the connection closes. */
    get exitCode() {
      return exitCode;
    },
    write(chunk: string): void {
      if (ended || closing || !chunk) return;
      r.send(CHANNEL_STDIN, enc.encode(chunk));
    },
    close(): void {
      if (ended || closing) return;
      closing = true;
      r.send(CHANNEL_CLOSE, Uint8Array.of(CHANNEL_STDIN));
      r.close();
    },
  };
}
