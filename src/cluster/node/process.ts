// Starting a container's process: the image's own program, or its command run by the tiny
// shell (busybox loops), with stdout going to the container log.
import type { Timer, VirtualClock } from '../machinery/clock';
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
  const ctx = new StartedProcessContext(proc, sb, c, host, argv);
  const img = c.image!.image;
  if (img.isDefault?.(argv) && img.start) {
    proc.app = img.start(ctx);
    return proc;
  }
  const log = ctx.log.bind(ctx);
  if (isConsoleCommand(c, argv)) {
    const tty = c.spec.tty === true;
    proc.app = startConsole(proc, c, argv, { podName: sb.name, log, exit: ctx.exit.bind(ctx), makeShell: (out) => new Shell(shellHost(sb, c, host, tty), c.env, { out, err: out }) });
    return proc;
  }
  proc.app = runShellProcess(ctx, new Shell(shellHost(sb, c, host), c.env, lineWriter(log)), argv);
  return proc;
}

/**
 * A started program's ProcessContext, its actions as methods (one object per process). Its
 * environment is the container's, read when the program first asks (most never do, and the
 * container works it out only then).
 */
class StartedProcessContext implements ProcessContext {
  readonly podName: string;
  readonly namespace: string;
  readonly podIP: string;
  readonly nodeName: string;
  readonly tag: string;
  readonly info: ProcessContext['info'];
  readonly files: Map<string, string>;
  readonly rand: Rand;

  constructor(
    private readonly proc: Process,
    private readonly sb: Sandbox,
    private readonly container: ContainerRt,
    private readonly host: ProcessHost,
    readonly argv: string[],
  ) {
    this.podName = sb.name;
    this.namespace = sb.namespace;
    this.podIP = sb.ip ?? '';
    this.nodeName = host.nodeName;
    this.tag = container.image!.tag;
    this.info = container.image!.info;
    this.files = container.files;
    this.rand = host.rand;
  }

  get env(): [string, string][] {
    return this.container.env;
  }

  now(): number {
    return this.host.clock.now();
  }

  log(line: string): void {
    if (this.proc.alive) appendLog(this.container, this.host.clock.now(), line);
  }

  exit(code: number): void {
    const proc = this.proc;
    if (!proc.alive || proc.exited) return;
    proc.exited = { code, at: this.host.clock.now() };
    proc.alive = false;
    for (const t of proc.timers) t.cancel();
    this.host.exited(this.sb, this.container);
  }

  after(ms: number, fn: () => void): Timer {
    const proc = this.proc;
    const t = this.host.clock.after(ms, () => {
      proc.timers.delete(t);
      if (proc.alive) fn();
    });
    proc.timers.add(t);
    return t;
  }

  http(url: string, opts?: HttpOptions): HttpResult {
    return this.host.http(this.sb.ip, url, opts);
  }
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
