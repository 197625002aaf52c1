// Starting a container's process: the image's own program, or its command run by the tiny
// shell (busybox loops), with stdout going to the container log.
import type { VirtualClock } from '../machinery/clock';
import type { Rand } from '../machinery/rand';
import type { ContainerRt, Process, Sandbox } from './sandbox';
import type { App, ProcessContext } from './images/types';
import type { HttpOptions, HttpResult } from './types';
import { Shell, type Program } from './shell/run';
import { COMMANDS } from './shell/commands';
import { netPrograms } from './shell/net';
import { isConsoleCommand, startConsole } from './console';

export interface ProcessHost {
  clock: VirtualClock;
  rand: Rand;
  nodeName: string;
  http(fromIP: string | undefined, url: string, opts?: HttpOptions): HttpResult;
  /** Called when a process exits (the kubelet enqueues the pod). */
  exited(sb: Sandbox, c: ContainerRt): void;
}

const MAX_LOG_LINES = 5000;

export function appendLog(c: ContainerRt, t: number, line: string): void {
  c.logs.push({ t, line });
  if (c.logs.length > MAX_LOG_LINES) c.logs.splice(0, c.logs.length - MAX_LOG_LINES);
  for (const f of c.followers) f.sink.data((f.timestamps ? new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z') + ' ' : '') + line + '\n');
}

/** The argv a container runs: command/args over the image's entrypoint/cmd, as the CRI does. */
export function containerArgv(c: ContainerRt): string[] {
  const img = c.image!.image;
  const command = c.spec.command as string[] | undefined;
  const args = c.spec.args as string[] | undefined;
  if (command && command.length) return [...command, ...(args ?? [])];
  if (args && args.length) return [...img.entrypoint, ...args];
  return [...img.entrypoint, ...img.cmd];
}

export function shellHost(sb: Sandbox, c: ContainerRt, host: ProcessHost, tty = false) {
  const img = c.image!.image;
  const programs: Record<string, Program | undefined> = netPrograms(img.tools ?? {}, (url, opts) => host.http(sb.ip, url, opts));
  return { now: () => host.clock.now(), hostname: sb.name, files: c.files, flavor: img.shell === 'bash' ? ('bash' as const) : ('sh' as const), programs, tty };
}

/** Whether argv can start at all; the CRI's StartError message when not. */
export function startError(c: ContainerRt, argv: string[]): string | undefined {
  const img = c.image!.image;
  if (img.isDefault?.(argv) && img.start) return undefined;
  const base = argv[0]?.split('/').pop() ?? '';
  const known = img.shell !== 'none' && (COMMANDS[base] || (base === 'curl' && img.tools?.curl) || (base === 'wget' && img.tools?.wget));
  if (known) return undefined;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv[0] ?? ''}": executable file not found in $PATH: unknown`;
}

export function startProcess(sb: Sandbox, c: ContainerRt, host: ProcessHost, argv: string[]): Process {
  const proc: Process = { alive: true, timers: new Set() };
  const { clock } = host;
  const log = (line: string) => {
    if (proc.alive) appendLog(c, clock.now(), line);
  };
  const exit = (code: number) => {
    if (!proc.alive || proc.exited) return;
    proc.exited = { code, at: clock.now() };
    proc.alive = false;
    for (const t of proc.timers) t.cancel();
    host.exited(sb, c);
  };
  const after = (ms: number, fn: () => void) => {
    const t = clock.after(ms, () => {
      proc.timers.delete(t);
      if (proc.alive) fn();
    });
    proc.timers.add(t);
    return t;
  };
  const ctx: ProcessContext = {
    podName: sb.name,
    namespace: sb.namespace,
    podIP: sb.ip ?? '',
    nodeName: host.nodeName,
    env: c.env,
    argv,
    tag: c.image!.tag,
    info: c.image!.info,
    now: () => clock.now(),
    after,
    log,
    exit,
    files: c.files,
    rand: host.rand,
    http: (url, opts) => host.http(sb.ip, url, opts),
  };
  const img = c.image!.image;
  if (img.isDefault?.(argv) && img.start) {
    proc.app = img.start(ctx);
    return proc;
  }
  if (isConsoleCommand(c, argv)) {
    const tty = c.spec.tty === true;
    proc.app = startConsole(proc, c, argv, { podName: sb.name, log, exit, makeShell: (out) => new Shell(shellHost(sb, c, host, tty), c.env, { out, err: out }) });
    return proc;
  }
  proc.app = runShellProcess(ctx, new Shell(shellHost(sb, c, host), c.env, lineWriter(log)), argv);
  return proc;
}

function lineWriter(log: (line: string) => void) {
  let buf = '';
  const write = (s: string) => {
    buf += s;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      log(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  };
  return { out: write, err: write };
}

/** Drives a shell command on the clock: each `sleep` is a timer. */
function runShellProcess(p: ProcessContext, sh: Shell, argv: string[]): App {
  const gen = (function* () {
    try {
      return yield* sh.exec(argv, '');
    } catch (e) {
      if (e && typeof e === 'object' && 'code' in e) return (e as { code: number }).code;
      throw e;
    }
  })();
  const step = () => {
    const r = gen.next();
    if (r.done) p.exit(r.value);
    else if (Number.isFinite(r.value)) p.after(r.value, step);
  };
  step();
  // A shell or sleep as PID 1 has no SIGTERM handler: it waits for SIGKILL.
  return { ports: [], stop: () => undefined };
}
