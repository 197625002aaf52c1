// pods/exec and pods/attach over an upgraded connection, on top of the apiserver's streaming
// subresources: what a kubelet's streaming server does. Errors the apiserver finds before
// reaching the node (no such pod or container, node unreachable) refuse the upgrade with their
// Status, as kube-apiserver does; errors from the container runtime (500) and the command's
// exit code arrive after it, on the error channel, as the kubelet writes them.
import type { ApiHandler, ApiRequest, ApiResponse, StreamSubscription } from '../../api/client';
import { goBool } from '../http-adapter';
import { Channel, type ChannelConn } from './conn';
import { lineDiscipline, onlcr } from './tty';

export interface ExecIo {
  /** Switches the connection to the channel protocol (101). */
  upgrade(): ChannelConn;
  /** Refuses the upgrade with an ordinary HTTP answer. */
  refuse(res: ApiResponse): void;
  /** Runs due cluster work after the handler was called (the adapter's afterRequest). */
  after(): void;
}

interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const SUCCESS = { metadata: {}, status: 'Success' };

/** The kubelet's status for a command that exited non-zero (remotecommand's NonZeroExitCode). */
export function exitStatus(code: number, argv: string[]): object {
  if (code === 0) return SUCCESS;
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

function isSubscription(v: StreamSubscription | ApiResponse): v is StreamSubscription {
  return typeof (v as { stop?: unknown }).stop === 'function';
}

function isResult(body: unknown): body is ExecResult {
  return !!body && typeof body === 'object' && typeof (body as ExecResult).exitCode === 'number';
}

/** `req.query.command` holds the command as a JSON array (every `command=` of the URL). */
export function serveExec(handler: ApiHandler, req: ApiRequest, io: ExecIo): void {
  const q = req.query ?? {};
  const argv = JSON.parse(q.command ?? '[]') as string[];
  const stdin = goBool(q.stdin);
  const tty = stdin && goBool(q.tty);
  if (stdin && !tty) return pipedExec(handler, req, argv, io);
  serveSession(handler, req, io, { argv, stdin, tty });
}

/** Attaching to the container's own process: its output from now on, and its stdin if open. */
export function serveAttach(handler: ApiHandler, req: ApiRequest, io: ExecIo): void {
  const q = req.query ?? {};
  const stdin = goBool(q.stdin);
  serveSession(handler, req, io, { argv: [], stdin, tty: stdin && goBool(q.tty) });
}

function serveSession(handler: ApiHandler, req: ApiRequest, io: ExecIo, o: { argv: string[]; stdin: boolean; tty: boolean }): void {
  let conn: ChannelConn | undefined;
  let ended = false;
  const early: string[] = [];
  const out = (s: string): string => (o.tty ? onlcr(s) : s);
  const r = handler.stream!(req, {
    data: (s) => (conn ? conn.send(Channel.Stdout, out(s)) : early.push(s)),
    end: () => {
      ended = true;
      conn?.finish(SUCCESS);
    },
  });
  io.after();
  if (!isSubscription(r)) return answer(r, o.argv, o.tty, io);

  // A live session: with a terminal, its line discipline sits between kubectl and the process.
  conn = io.upgrade();
  const c = conn;
  for (const s of early.splice(0)) c.send(Channel.Stdout, out(s));
  if (ended) return c.finish(SUCCESS);
  const input = (text: string): void => {
    r.write?.(text);
    io.after();
  };
  if (o.tty) {
    const ld = lineDiscipline({ echo: (s) => c.send(Channel.Stdout, s), line: input, eof: () => input('exit\n') });
    c.onStdin = (text) => ld.input(text);
  } else if (o.stdin) c.onStdin = input;
  c.onClose = () => r.stop();
}

/**
 * `kubectl exec -i POD -- CMD` with stdin from a pipe or a file. A shell given no script reads
 * its commands from stdin: the input is read to its end (v5's CLOSE signal), then runs as
 * `sh -c <stdin>`. Other commands run at once; their input is not modelled.
 */
function pipedExec(handler: ApiHandler, req: ApiRequest, argv: string[], io: ExecIo): void {
  const base = (argv[0] ?? '').split('/').pop();
  const shell = argv.length === 1 && (base === 'sh' || base === 'bash');
  if (!shell) return serveSession(handler, { ...req, query: { ...req.query, stdin: 'false' } }, io, { argv, stdin: false, tty: false });
  // What the apiserver checks before upgrading (pod, container, a shell in the image): opening
  // the session checks it all and runs nothing; it is closed unused.
  const probe = handler.stream!(req, { data: () => {}, end: () => {} });
  io.after();
  if (!isSubscription(probe)) return answer(probe, argv, false, io);
  probe.stop();
  const conn = io.upgrade();
  let input = '';
  let done = false;
  conn.onStdin = (text) => (input += text);
  conn.onStdinClose = () => {
    if (done) return;
    done = true;
    const query = { ...req.query, command: JSON.stringify([argv[0], '-c', input]), stdin: 'false' };
    const r = handler.stream!({ ...req, query }, { data: () => {}, end: () => {} });
    io.after();
    if (isSubscription(r)) {
      r.stop();
      return conn.finish(SUCCESS);
    }
    if (r.status === 200 && isResult(r.body)) return sendResult(conn, r.body, argv, false);
    conn.finish(r.body as object);
  };
  conn.onClose = () => {
    done = true;
  };
}

function answer(r: ApiResponse, argv: string[], tty: boolean, io: ExecIo): void {
  if (r.status === 200 && isResult(r.body)) return sendResult(io.upgrade(), r.body, argv, tty);
  // The runtime failed to start the command: the node already accepted the stream.
  if (r.status >= 500 && r.status !== 503) return io.upgrade().finish(r.body as object);
  io.refuse(r);
}

function sendResult(conn: ChannelConn, res: ExecResult, argv: string[], tty: boolean): void {
  // A terminal has one output stream: stderr is merged into stdout.
  if (tty) {
    const all = onlcr(res.stdout + res.stderr);
    if (all) conn.send(Channel.Stdout, all);
  } else {
    if (res.stdout) conn.send(Channel.Stdout, res.stdout);
    if (res.stderr) conn.send(Channel.Stderr, res.stderr);
  }
  conn.finish(exitStatus(res.exitCode, argv));
}
