// What every part of the executor shares: the host, the programs, the job table, the
// history. Kept apart from exec.ts so builtins can depend on it without a cycle.
import type { VirtualFs } from './fs';
import type { History } from './history';
import type { JobTable } from './jobs';
import type { ShellState } from './state';
import type { Completer, InputStream, OutputStream, Program, ProgramIO, ShellHost, Signal } from './types';

export interface Fds {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
}

/** Where a command runs: its variables, streams and interrupt signal. */
export interface Ctx {
  state: ShellState;
  fds: Fds;
  signal: Signal;
  /** Whether stdout is still the terminal (isatty). */
  tty: boolean;
  /** Aliases being expanded (a guard against `alias ls='ls -l'` recursing). */
  aliasSeen?: ReadonlySet<string>;
  /** Nesting of `source` (so `return` knows it may leave a sourced file). */
  sourceDepth?: number;
}

export interface BuiltinEnv {
  ctx: Ctx;
  rt: Runtime;
  /** Runs shell text (for `source`, `eval`, `bash -c`) in the given state. */
  runText(text: string, ctx: Ctx): Promise<number>;
  /** Runs a command by argv, for `env CMD`, `xargs`-like builtins and `watch`. */
  runArgv(argv: string[], ctx: Ctx, env?: Record<string, string>): Promise<number>;
}

export type Builtin = (argv: string[], io: ProgramIO, env: BuiltinEnv) => Promise<number> | number;

export interface Runtime {
  fs: VirtualFs;
  host: ShellHost;
  programs: Map<string, Program>;
  builtins: Map<string, Builtin>;
  completers: Map<string, Completer>;
  jobs: JobTable;
  history: History;
  pid: number;
  interactive: boolean;
  /** Set by `exit` at the top level: the host ends the session (or leaves `kubectl exec`). */
  exit: { requested: boolean; code: number };
  /** The interactive shell's own state (not a subshell's): `exit` prints `exit` only there. */
  root: ShellState;
  /** Where a program lives on a real machine, for `which` and `type`. */
  programPath(name: string): string;
}

/** The help text source for `help`; builtins describe themselves briefly. */
export const BUILTIN_SYNOPSIS: Record<string, string> = {
  alias: 'alias [-p] [name[=value] ... ]',
  bash: 'bash [-c command_string [name [arg ...]]] [file [arg ...]]',
  break: 'break [n]',
  cd: 'cd [dir]',
  clear: 'clear',
  continue: 'continue [n]',
  echo: 'echo [-neE] [arg ...]',
  env: 'env [NAME=VALUE]... [COMMAND [ARG]...]',
  eval: 'eval [arg ...]',
  exit: 'exit [n]',
  export: 'export [-n] [name[=value] ...] or export -p',
  false: 'false',
  fg: 'fg [job_spec]',
  help: 'help [pattern ...]',
  history: 'history [-c] [n]',
  jobs: 'jobs [-l]',
  kill: 'kill [-s sigspec | -n signum | -sigspec] pid | jobspec ...',
  printf: 'printf format [arguments]',
  pwd: 'pwd',
  read: 'read [-r] [-p prompt] [name ...]',
  return: 'return [n]',
  set: 'set [-e] [-x] [--] [arg ...]',
  shift: 'shift [n]',
  source: 'source filename [arguments]',
  test: 'test [expr]',
  true: 'true',
  type: 'type [-t] name [name ...]',
  unalias: 'unalias [-a] name [name ...]',
  unset: 'unset [name ...]',
  wait: 'wait [id ...]',
  which: 'which name ...',
};
