// The part of a shell that a subshell copies: variables, working directory, functions,
// aliases and positional parameters. `( ... )`, pipeline stages and `$(...)` get a clone, so
// `cd` or `A=1` inside them does not leak out, as in bash.
import type { Command } from './ast';

export class ShellState {
  vars = new Map<string, string>();
  exported = new Set<string>();
  aliases = new Map<string, string>();
  functions = new Map<string, Command>();
  positional: string[] = [];
  cwd = '/';
  lastStatus = 0;
  /** `$!`: the pid of the last background job. */
  lastBgPid = 0;
  /** Function call depth, to stop runaway recursion with bash's message. */
  funcDepth = 0;
  /** Nesting of loops, for `break`/`continue` outside a loop. */
  loopDepth = 0;

  clone(): ShellState {
    const s = new ShellState();
    s.vars = new Map(this.vars);
    s.exported = new Set(this.exported);
    s.aliases = new Map(this.aliases);
    s.functions = new Map(this.functions);
    s.positional = [...this.positional];
    s.cwd = this.cwd;
    s.lastStatus = this.lastStatus;
    s.lastBgPid = this.lastBgPid;
    s.funcDepth = this.funcDepth;
    return s;
  }

  get(name: string): string | undefined {
    return this.vars.get(name);
  }

  set(name: string, value: string): void {
    this.vars.set(name, value);
  }

  unset(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }

  /** The environment handed to programs: exported variables only. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of [...this.exported].sort()) {
      const v = this.vars.get(name);
      if (v !== undefined) env[name] = v;
    }
    return env;
  }
}

/** Raised by `exit`; caught where a (sub)shell ends. */
export class ExitSignal {
  constructor(readonly code: number) {}
}
/** Raised by `break N` / `continue N`; caught by loops. */
export class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}
/** Raised by `return`; caught by the function call or `source`. */
export class ReturnSignal {
  constructor(readonly code: number) {}
}
/** An expansion failed (bad substitution, arithmetic, `${x:?}`): the command fails with this message. */
export class ExpansionError {
  constructor(
    readonly message: string,
    readonly status = 1,
  ) {}
}
