// Interactive shells in containers: `kubectl exec -it POD -- sh` (a new shell per session) and a
// container whose own process is a shell with stdin open (`kubectl run -it --image=busybox -- sh`),
// which waits for a client to attach (pods/attach) and type into it. With stdinOnce (what
// kubectl run sets) the end of the first attach closes stdin, and the shell exits as sh does
// at end of input.
import type { StreamSink, StreamSubscription } from '../../api/client';
import type { App } from './images/types';
import type { ContainerRt, Process } from './sandbox';
import { ExitSignal, runNow, type Shell } from './shell/run';

export interface LineSession {
  /** Feeds typed input; complete lines run. */
  write(chunk: string): void;
  /** The prompt an interactive shell shows (empty without a terminal). */
  prompt(): string;
}

/**
 * Runs each complete input line in `sh`; `exit` ends the session with its code. `out` receives
 * the prompt after every line when `tty`.
 */
export function lineSession(sh: Shell, o: { podName: string; bash: boolean; tty: boolean; out(s: string): void; exited(code: number): void }): LineSession {
  let buf = '';
  let open = true;
  const prompt = () => (!o.tty ? '' : o.bash ? `root@${o.podName}:${sh.cwd}# ` : `${sh.cwd} # `);
  return {
    prompt,
    write(chunk) {
      if (!open) return;
      buf += chunk.replace(/\r\n?/g, '\n');
      let i: number;
      while (open && (i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        let code: number;
        let exited = false;
        try {
          code = runNow(sh.script(line));
        } catch (e) {
          if (!(e instanceof ExitSignal)) throw e;
          code = e.code;
          exited = true;
        }
        if (exited || /^\s*exit(\s|$)/.test(line)) {
          if (o.bash && o.tty) o.out('exit\n');
          open = false;
          o.exited(code);
          return;
        }
        sh.status = code;
        if (o.tty) o.out(prompt());
      }
    },
  };
}

/** `kubectl exec -it POD -- sh`: a prompt, one line at a time; `exit` ends the session. */
export function execSession(sink: StreamSink, sh: Shell, podName: string, bash: boolean): StreamSubscription {
  let open = true;
  const s = lineSession(sh, { podName, bash, tty: true, out: (t) => sink.data(t), exited: () => ((open = false), sink.end()) });
  sink.data(s.prompt());
  return {
    stop: () => void (open = false),
    write: (chunk) => open && s.write(chunk),
  };
}

/** A container process that is a shell reading the container's stdin. */
interface Console {
  session: LineSession;
  sh: Shell;
  tty: boolean;
  stdinOnce: boolean;
  attached?: StreamSink;
  /** Ends the process (stdin closed or `exit`). */
  finish(code: number): void;
}

const consoles = new WeakMap<Process, Console>();

/** Whether the container's command is a bare shell with stdin open (it then waits for input). */
export function isConsoleCommand(c: ContainerRt, argv: string[]): boolean {
  const base = argv[0]?.split('/').pop() ?? '';
  return c.spec.stdin === true && argv.length === 1 && (base === 'sh' || base === 'bash');
}

/**
 * Starts a shell as the container's process. Its output goes to the attached client (and each
 * complete line to the container log, as the runtime records a terminal's output).
 */
export function startConsole(proc: Process, c: ContainerRt, argv: string[], o: { podName: string; makeShell(out: (s: string) => void): Shell; log(line: string): void; exit(code: number): void }): App {
  let pending = '';
  const out = (s: string) => {
    con.attached?.data(s);
    pending += s;
    let i: number;
    while ((i = pending.indexOf('\n')) >= 0) {
      o.log(pending.slice(0, i));
      pending = pending.slice(i + 1);
    }
  };
  const sh = o.makeShell(out);
  const img = c.image!.image;
  sh.cwd = img.workingDir || '/';
  const bash = img.shell === 'bash' && argv[0].endsWith('bash');
  const con: Console = {
    sh,
    tty: c.spec.tty === true,
    stdinOnce: c.spec.stdinOnce === true,
    session: lineSession(sh, { podName: o.podName, bash, tty: c.spec.tty === true, out, exited: (code) => con.finish(code) }),
    finish(code) {
      const sink = con.attached;
      con.attached = undefined;
      o.exit(code);
      sink?.end();
    },
  };
  consoles.set(proc, con);
  return {
    ports: [],
    // A shell as PID 1 ignores SIGTERM and waits for SIGKILL.
    stop: () => undefined,
    kill: () => {
      const sink = con.attached;
      con.attached = undefined;
      sink?.end();
    },
  };
}

/**
 * pods/attach: to a console, the client's input and the shell's output (a prompt first on a
 * terminal, as the redraw after kubectl's resize shows one); to any other process, its output
 * from now until it exits.
 */
export function attachProcess(c: ContainerRt, sink: StreamSink, stdin: boolean): StreamSubscription {
  const con = c.proc && consoles.get(c.proc);
  if (!con) {
    const f = { sink, timestamps: false };
    c.followers.add(f);
    return { stop: () => void c.followers.delete(f) };
  }
  con.attached?.end();
  con.attached = sink;
  if (con.tty) sink.data(con.session.prompt());
  return {
    stop: () => {
      if (con.attached !== sink) return;
      con.attached = undefined;
      // stdinOnce: the first attach's end closes stdin, and a shell exits at end of input.
      if (stdin && con.stdinOnce && c.proc?.alive) con.finish(con.sh.status);
    },
    write: (chunk) => {
      if (stdin && con.attached === sink) con.session.write(chunk);
    },
  };
}
