// The Shell: one interactive session (the learner's terminal, or a container's after
// `kubectl exec -it POD -- sh`). It owns the state, history and jobs; `run` takes a line as
// typed and never throws.
import { createBuiltins } from './builtins';
import { complete as completeLine, type Completion } from './complete';
import { Executor } from './exec';
import type { VirtualFs } from './fs';
import { expandHistory, History } from './history';
import { JobTable } from './jobs';
import { parse } from './parser';
import type { Builtin, Ctx, Runtime } from './runtime';
import { neverAborted } from './signal';
import { ShellState } from './state';
import { emptyInput, nullSink } from './streams';
import type { Completer, Env, InputStream, OutputStream, Program, ShellHost, Signal } from './types';

export interface ShellOptions {
  programs: Map<string, Program>;
  fs: VirtualFs;
  /** Initial exported environment (HOME, PATH, ... are filled in when missing). */
  env?: Env;
  host: ShellHost;
  /** Program-specific tab completion, by command name (kubectl's owner supplies one). */
  completers?: Map<string, Completer>;
  /**
   * The prompt: a bash PS1-like template (`\u` user, `\h` host, `\w` directory with `~`,
   * `\W` its last part, `\$` a dollar sign) or a function of the shell. Default `\h:\w$ `.
   */
  prompt?: string | ((sh: Shell) => string);
  hostname?: string;
  user?: string;
  cwd?: string;
  /** Aliases to start with; default `{ k: 'kubectl' }`. */
  aliases?: Record<string, string>;
  /** Interactive shells echo history expansions, announce jobs and say `exit`. Default true. */
  interactive?: boolean;
  /** Paths of programs for `which`/`type`, by name; default /usr/local/bin for kubectl, minikube, helm. */
  programPaths?: Record<string, string>;
  /** Extra builtins (rarely needed; programs are the normal way to add commands). */
  builtins?: Map<string, Builtin>;
}

export interface RunIO {
  stdout: OutputStream;
  stderr?: OutputStream;
  stdin?: InputStream;
  /** Ctrl-C for this line. */
  signal?: Signal;
}

export interface RunOptions {
  /** Record the line in history (default true for interactive shells). */
  history?: boolean;
}

const LOCAL_BIN = new Set(['kubectl', 'minikube', 'helm', 'kind', 'k9s', 'kubeplay']);

export class Shell {
  readonly state = new ShellState();
  readonly history = new History();
  readonly jobs = new JobTable();
  readonly fs: VirtualFs;
  readonly programs: Map<string, Program>;
  readonly completers: Map<string, Completer>;
  private readonly rt: Runtime;
  private readonly exec: Executor;
  private readonly promptOpt: ShellOptions['prompt'];

  constructor(opts: ShellOptions) {
    this.fs = opts.fs;
    this.programs = opts.programs;
    this.completers = opts.completers ?? new Map();
    this.promptOpt = opts.prompt;
    const builtins = createBuiltins();
    for (const [k, v] of opts.builtins ?? []) builtins.set(k, v);
    const user = opts.user ?? 'root';
    const home = opts.env?.HOME ?? this.fs.home;
    const defaults: Env = {
      HOME: home,
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      USER: user,
      LOGNAME: user,
      SHELL: '/bin/bash',
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      HOSTNAME: opts.hostname ?? 'controlplane',
    };
    const env = { ...defaults, ...(opts.env ?? {}) };
    for (const [k, v] of Object.entries(env)) {
      this.state.set(k, v);
      this.state.exported.add(k);
    }
    const cwd = opts.cwd ?? home;
    this.state.cwd = this.fs.isDir(cwd) ? cwd : '/';
    this.state.set('PWD', this.state.cwd);
    this.state.exported.add('PWD');
    for (const [k, v] of Object.entries(opts.aliases ?? { k: 'kubectl' })) this.state.aliases.set(k, v);
    const paths = opts.programPaths ?? {};
    this.rt = {
      fs: this.fs,
      host: opts.host,
      programs: this.programs,
      builtins,
      completers: this.completers,
      jobs: this.jobs,
      history: this.history,
      pid: 1000 + (hash(opts.hostname ?? 'controlplane') % 9000),
      interactive: opts.interactive ?? true,
      exit: { requested: false, code: 0 },
      root: this.state,
      programPath: (name) => paths[name] ?? (LOCAL_BIN.has(name) ? `/usr/local/bin/${name}` : `/usr/bin/${name}`),
    };
    this.exec = new Executor(this.rt);
  }

  /** Whether `exit` was run; the host then closes the session (or leaves the container). */
  get exited(): boolean {
    return this.rt.exit.requested;
  }
  get exitCode(): number {
    return this.rt.exit.code;
  }
  get cwd(): string {
    return this.state.cwd;
  }
  get lastStatus(): number {
    return this.state.lastStatus;
  }

  getVar(name: string): string | undefined {
    return this.state.get(name);
  }

  setVar(name: string, value: string, exported = false): void {
    this.state.set(name, value);
    if (exported) this.state.exported.add(name);
  }

  /** The prompt to show before the next line. */
  prompt(): string {
    if (typeof this.promptOpt === 'function') {
      try {
        return this.promptOpt(this);
      } catch {
        return '$ ';
      }
    }
    const tpl = this.promptOpt ?? this.state.get('PS1') ?? '\\h:\\w$ ';
    const home = this.state.get('HOME') ?? this.fs.home;
    const cwd = this.state.cwd;
    const w = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
    return tpl.replace(/\\([uhHwW$\\n])/g, (_, c: string) => {
      switch (c) {
        case 'u': return this.state.get('USER') ?? 'root';
        case 'h': return (this.state.get('HOSTNAME') ?? 'controlplane').split('.')[0];
        case 'H': return this.state.get('HOSTNAME') ?? 'controlplane';
        case 'w': return w;
        case 'W': return w === '~' || cwd === '/' ? w : cwd.slice(cwd.lastIndexOf('/') + 1);
        case '$': return '$';
        case 'n': return '\n';
        default: return '\\';
      }
    });
  }

  /**
   * Whether the text needs more lines before it can run: an open quote, a trailing
   * backslash, an unfinished `if`/`for`/`while`, a `|` or `&&` at the end, an open heredoc.
   * The terminal then shows `> ` and appends the next line with a newline.
   */
  needsContinuation(text: string): boolean {
    if (/(^|[^\\])(\\\\)*\\$/.test(text)) return true;
    const r = parse(text);
    if (!r.ok) return r.incomplete;
    return r.warnings.some((w) => w.includes('here-document'));
  }

  /** Runs a line (or several) as typed. Resolves with the exit status; never rejects. */
  async run(line: string, io: RunIO, opts: RunOptions = {}): Promise<number> {
    const stderr = io.stderr ?? io.stdout ?? nullSink;
    const stdout = io.stdout ?? nullSink;
    try {
      let text = line;
      const record = opts.history ?? this.rt.interactive;
      if (record && text.includes('!')) {
        const h = expandHistory(text, this.history);
        if (!h.ok) {
          await stderr.write(h.error + '\n');
          this.state.lastStatus = 1;
          return 1;
        }
        if (h.changed) {
          text = h.line;
          await stdout.write(text + '\n');
        }
      }
      if (record) this.history.add(text);
      // A trailing backslash with nothing after it is a continuation the terminal did not send.
      if (/(^|[^\\])(\\\\)*\\$/.test(text)) text = text.slice(0, -1);
      const r = parse(text);
      if (!r.ok) {
        await stderr.write(r.error + '\n');
        this.state.lastStatus = 2;
        return 2;
      }
      for (const w of r.warnings) await stderr.write(w + '\n');
      const ctx: Ctx = {
        state: this.state,
        fds: { stdin: io.stdin ?? emptyInput, stdout, stderr },
        signal: io.signal ?? neverAborted,
        tty: true,
      };
      const status = await this.exec.runTop(r.list, ctx);
      this.state.lastStatus = status;
      await this.reportJobs(stderr);
      return status;
    } catch (e) {
      try {
        await stderr.write(`bash: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      } catch {
        // The terminal itself failed; nothing more to tell.
      }
      this.state.lastStatus = 1;
      return 1;
    }
  }

  /** Prints `[1]+  Done  ...` for background jobs that finished, as bash does before a prompt. */
  async reportJobs(out: OutputStream): Promise<void> {
    if (!this.rt.interactive) return;
    for (const l of this.jobs.takeFinished()) await out.write(l + '\n');
  }

  /** Stops every background job (the session is closing, or `kubectl exec` is leaving). */
  killAllJobs(): void {
    for (const j of this.jobs.list()) {
      if (j.state === 'Running') {
        j.killed = true;
        j.controller.abort();
      }
    }
  }

  /** Tab completion at `cursor`. */
  complete(line: string, cursor: number = line.length): Promise<Completion> {
    return completeLine(line, cursor, {
      state: this.state,
      fs: this.fs,
      completers: this.completers,
      commandNames: () => [
        ...this.rt.builtins.keys(),
        ...this.programs.keys(),
        ...this.state.aliases.keys(),
        ...this.state.functions.keys(),
      ].filter((n) => n !== '.' && n !== ':' && n !== '['),
    }).catch(() => ({ candidates: [], replaceFrom: cursor }));
  }
}

function hash(s: string): number {
  let h = 7;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}
