// Walks the syntax tree: lists, and/or chains, pipelines, compound commands and simple
// commands (aliases, expansion, redirection, lookup of functions, builtins and programs).
// Two promises it keeps: nothing escapes as an exception (errors become bash's messages and
// a status), and a runaway loop yields to the host and stops on Ctrl-C.
import type { AndOr, Command, ForCommand, IfCommand, List, Pipeline, SimpleCommand, WhileCommand, Word } from './ast';
import { expandString, expandWord, expandWords, type ExpandContext } from './expand';
import type { Job } from './jobs';
import { parse } from './parser';
import { applyRedirs } from './redirect';
import type { BuiltinEnv, Ctx, Runtime } from './runtime';
import { Controller, whenAborted } from './signal';
import { ExitSignal, ExpansionError, LoopSignal, ReturnSignal, ShellState } from './state';
import { emptyInput, Pipe, StringSink } from './streams';
import { EXIT_INTERRUPTED, EXIT_NOT_EXECUTABLE, EXIT_NOT_FOUND, type OutputStream, type Program, type ProgramIO } from './types';

/** Thrown when the signal aborts mid-list; caught where a (sub)shell or job ends. */
export class Interrupt {}

/** Commands executed between two yields to the host's event loop. */
const YIELD_EVERY = 64;
/** Yields granted to an interrupted program to return by itself before the shell moves on. */
const ABORT_GRACE_YIELDS = 3;
const MAX_FUNC_DEPTH = 1000;
/** Declaration builtins take `NAME=value` arguments without word splitting, as in bash. */
const DECLARATION_BUILTINS = new Set(['export', 'local', 'readonly', 'declare', 'typeset']);

export class Executor {
  private ticks = 0;
  private substStatus = 0;

  constructor(readonly rt: Runtime) {}

  // ---- entry points ----------------------------------------------------------------------

  /** Runs a parsed list as a whole shell: exit, interrupts and stray control flow end here. */
  async runTop(list: List, ctx: Ctx): Promise<number> {
    try {
      return await this.runList(list, ctx);
    } catch (e) {
      return this.settle(e, ctx);
    }
  }

  /** Parses and runs text (source, eval, bash -c, aliases that are whole lists). */
  async runText(text: string, ctx: Ctx): Promise<number> {
    const r = parse(text);
    if (!r.ok) {
      await ctx.fds.stderr.write(r.error + '\n');
      return 2;
    }
    return this.runList(r.list, ctx);
  }

  private settle(e: unknown, ctx: Ctx): number {
    if (e instanceof ExitSignal) {
      this.rt.exit.requested = true;
      this.rt.exit.code = e.code;
      return e.code;
    }
    if (e instanceof Interrupt) return EXIT_INTERRUPTED;
    if (e instanceof LoopSignal) return 0;
    if (e instanceof ReturnSignal) return e.code;
    void ctx.fds.stderr.write(`bash: ${describe(e)}\n`);
    return 1;
  }

  // ---- lists -----------------------------------------------------------------------------

  async runList(list: List, ctx: Ctx): Promise<number> {
    let status = ctx.state.lastStatus;
    for (const item of list.items) {
      if (ctx.signal.aborted) throw new Interrupt();
      if (item.background) {
        this.startJob(item.command, item.raw, ctx);
        status = 0;
      } else status = await this.runAndOr(item.command, ctx);
      ctx.state.lastStatus = status;
    }
    if (ctx.signal.aborted) throw new Interrupt();
    return status;
  }

  private async runAndOr(ao: AndOr, ctx: Ctx): Promise<number> {
    let status = await this.runPipeline(ao.first, ctx);
    for (const { op, pipeline } of ao.rest) {
      ctx.state.lastStatus = status;
      if ((op === '&&') === (status === 0)) status = await this.runPipeline(pipeline, ctx);
    }
    return status;
  }

  private async runPipeline(p: Pipeline, ctx: Ctx): Promise<number> {
    let status: number;
    if (p.commands.length === 1) status = await this.runCommand(p.commands[0], ctx);
    else status = await this.runStages(p.commands, ctx);
    return p.negate ? (status === 0 ? 1 : 0) : status;
  }

  /** Runs pipeline stages concurrently, each in a subshell, joined by pipes. */
  private async runStages(cmds: Command[], ctx: Ctx): Promise<number> {
    const n = cmds.length;
    const pipes = Array.from({ length: n - 1 }, () => new Pipe());
    const runs = cmds.map(async (cmd, i) => {
      const ctl = new Controller(ctx.signal);
      if (i < n - 1) pipes[i].onBroken = () => ctl.abort();
      const stageCtx: Ctx = {
        ...ctx,
        state: ctx.state.clone(),
        signal: ctl.signal,
        tty: i === n - 1 ? ctx.tty : false,
        fds: {
          stdin: i === 0 ? ctx.fds.stdin : pipes[i - 1],
          stdout: i === n - 1 ? ctx.fds.stdout : pipes[i],
          stderr: ctx.fds.stderr,
        },
      };
      try {
        return await this.runCommand(cmd, stageCtx);
      } catch (e) {
        return this.settleSubshell(e, stageCtx);
      } finally {
        if (i < n - 1) pipes[i].close();
        if (i > 0) pipes[i - 1].closeReader();
      }
    });
    const statuses = await Promise.all(runs);
    return statuses[n - 1];
  }

  private settleSubshell(e: unknown, ctx: Ctx): number {
    if (e instanceof ExitSignal) return e.code;
    if (e instanceof Interrupt) return EXIT_INTERRUPTED;
    if (e instanceof LoopSignal) return 0;
    if (e instanceof ReturnSignal) return e.code;
    void ctx.fds.stderr.write(`bash: ${describe(e)}\n`);
    return 1;
  }

  // ---- background jobs -------------------------------------------------------------------

  private startJob(ao: AndOr, raw: string, ctx: Ctx): Job {
    const ctl = new Controller();
    const pid = this.rt.jobs.allocatePid();
    let resolve!: (n: number) => void;
    const done = new Promise<number>((r) => (resolve = r));
    const job = this.rt.jobs.add({ pid, command: raw, controller: ctl, done });
    const jobCtx: Ctx = {
      ...ctx,
      state: ctx.state.clone(),
      signal: ctl.signal,
      fds: { ...ctx.fds, stdin: emptyInput },
    };
    ctx.state.lastBgPid = pid;
    if (this.rt.interactive) void ctx.fds.stderr.write(`[${job.id}] ${pid}\n`);
    // Start on a later turn so the `[1] pid` line comes first, as in bash.
    void Promise.resolve()
      .then(() => this.runAndOr(ao, jobCtx))
      .catch((e) => this.settleSubshell(e, jobCtx))
      .then((code) => {
        job.state = 'Done';
        job.status = job.killed ? 143 : code;
        resolve(job.status);
      });
    return job;
  }

  // ---- commands --------------------------------------------------------------------------

  async runCommand(cmd: Command, ctx: Ctx): Promise<number> {
    switch (cmd.type) {
      case 'simple':
        return this.runSimple(cmd, ctx);
      case 'function':
        ctx.state.functions.set(cmd.name, cmd.body);
        return 0;
      case 'group':
        return this.withRedirs(cmd.redirs, ctx, async (c) => {
          if (!cmd.subshell) return this.runList(cmd.body, c);
          const sub: Ctx = { ...c, state: c.state.clone() };
          try {
            return await this.runList(cmd.body, sub);
          } catch (e) {
            if (e instanceof Interrupt) throw e;
            return this.settleSubshell(e, sub);
          }
        });
      case 'if':
        return this.withRedirs(cmd.redirs, ctx, (c) => this.runIf(cmd, c));
      case 'for':
        return this.withRedirs(cmd.redirs, ctx, (c) => this.runFor(cmd, c));
      case 'while':
        return this.withRedirs(cmd.redirs, ctx, (c) => this.runWhile(cmd, c));
    }
  }

  private async runIf(cmd: IfCommand, ctx: Ctx): Promise<number> {
    for (const { cond, body } of cmd.clauses) {
      if ((await this.runList(cond, ctx)) === 0) return this.runList(body, ctx);
    }
    return cmd.elseBody ? this.runList(cmd.elseBody, ctx) : 0;
  }

  private async runFor(cmd: ForCommand, ctx: Ctx): Promise<number> {
    let values: string[];
    try {
      values = cmd.words ? await expandWords(cmd.words, this.expander(ctx)) : [...ctx.state.positional];
    } catch (e) {
      return this.expansionFailed(e, ctx);
    }
    let status = 0;
    ctx.state.loopDepth++;
    try {
      for (const v of values) {
        await this.tick(ctx);
        ctx.state.set(cmd.name, v);
        const r = await this.loopBody(cmd.body, ctx);
        if (r === 'break') break;
        if (typeof r === 'number') status = r;
      }
    } finally {
      ctx.state.loopDepth--;
    }
    return status;
  }

  private async runWhile(cmd: WhileCommand, ctx: Ctx): Promise<number> {
    let status = 0;
    ctx.state.loopDepth++;
    try {
      for (;;) {
        await this.tick(ctx);
        const c = await this.runList(cmd.cond, ctx);
        if ((c === 0) === cmd.until) break;
        const r = await this.loopBody(cmd.body, ctx);
        if (r === 'break') break;
        if (typeof r === 'number') status = r;
      }
    } finally {
      ctx.state.loopDepth--;
    }
    return status;
  }

  private async loopBody(body: List, ctx: Ctx): Promise<number | 'break' | 'continue'> {
    try {
      return await this.runList(body, ctx);
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return e.kind;
    }
  }

  private async runSimple(cmd: SimpleCommand, ctx: Ctx): Promise<number> {
    await this.tick(ctx);
    const alias = this.aliasFor(cmd.words[0], ctx);
    if (alias !== null) return this.runAliased(cmd, alias, ctx);
    const ex = this.expander(ctx);
    this.substStatus = 0;
    let argv: string[];
    const env: Record<string, string> = {};
    try {
      argv = await this.expandArgv(cmd.words, ex);
      if (!argv.length) {
        for (const a of cmd.assigns) {
          const v = await expandString(a.value, ex);
          ctx.state.set(a.name, a.append ? (ctx.state.get(a.name) ?? '') + v : v);
        }
      } else {
        for (const a of cmd.assigns) env[a.name] = await expandString(a.value, ex);
      }
    } catch (e) {
      return this.expansionFailed(e, ctx);
    }
    if (!argv.length) {
      const status = this.substStatus;
      if (!cmd.redirs.length) return status;
      return this.withRedirs(cmd.redirs, ctx, async () => status);
    }
    return this.withRedirs(cmd.redirs, ctx, (c) => this.runArgv(argv, c, env));
  }

  private async expandArgv(words: Word[], ex: ExpandContext): Promise<string[]> {
    const first = words[0] && plainLiteral(words[0]);
    if (!first || !DECLARATION_BUILTINS.has(first)) return expandWords(words, ex);
    const out: string[] = [];
    for (const w of words) {
      const p = w.parts[0];
      if (p?.kind === 'lit' && !p.q && /^[A-Za-z_]\w*\+?=/.test(p.text)) out.push(await expandString(w, ex));
      else out.push(...(await expandWord(w, ex)));
    }
    return out;
  }

  private aliasFor(word: Word | undefined, ctx: Ctx): string | null {
    if (!word) return null;
    const name = plainLiteral(word);
    if (name === null || ctx.aliasSeen?.has(name)) return null;
    return ctx.state.aliases.get(name) ?? null;
  }

  /**
   * Alias expansion on the first word. A value that is one simple command (`kubectl`,
   * `ls -l`) is merged into the command, so heredocs and redirections stay attached; anything
   * else (`a; b`) is re-parsed with the remaining words.
   */
  private async runAliased(cmd: SimpleCommand, value: string, ctx: Ctx): Promise<number> {
    const name = plainLiteral(cmd.words[0])!;
    const seen = new Set(ctx.aliasSeen ?? []);
    seen.add(name);
    const actx: Ctx = { ...ctx, aliasSeen: seen };
    const r = parse(value);
    if (r.ok && r.list.items.length <= 1) {
      const item = r.list.items[0];
      const only = item?.command.first.commands[0];
      if (!item || (!item.background && !item.command.rest.length && item.command.first.commands.length === 1 &&
          !item.command.first.negate && only?.type === 'simple')) {
        const merged: SimpleCommand = {
          type: 'simple',
          assigns: [...cmd.assigns, ...(only?.type === 'simple' ? only.assigns : [])],
          words: [...(only?.type === 'simple' ? only.words : []), ...cmd.words.slice(1)],
          redirs: [...(only?.type === 'simple' ? only.redirs : []), ...cmd.redirs],
        };
        if (!merged.words.length && !merged.assigns.length && !merged.redirs.length) return 0;
        return this.runSimple(merged, actx);
      }
    }
    const rest = cmd.words.slice(1).map((w) => w.raw).join(' ');
    return this.withRedirs(cmd.redirs, actx, (c) => this.runText(`${value} ${rest}`, c));
  }

  private async expansionFailed(e: unknown, ctx: Ctx): Promise<number> {
    if (e instanceof ExpansionError) {
      await ctx.fds.stderr.write(e.message + '\n');
      return e.status;
    }
    throw e;
  }

  private async withRedirs(redirs: SimpleCommand['redirs'], ctx: Ctx, body: (c: Ctx) => Promise<number>): Promise<number> {
    if (!redirs.length) return body(ctx);
    const r = await applyRedirs(redirs, ctx.fds, ctx.tty, this.expander(ctx));
    if (!r.ok) {
      await ctx.fds.stderr.write(r.message + '\n');
      return 1;
    }
    return body({ ...ctx, fds: r.fds, tty: r.tty });
  }

  // ---- command lookup and invocation -------------------------------------------------------

  /** Runs a command by argv: function, builtin, program, or a script file by path. */
  async runArgv(argv: string[], ctx: Ctx, env: Record<string, string> = {}): Promise<number> {
    const name = argv[0];
    const fn = ctx.state.functions.get(name);
    if (fn) return this.runFunction(name, fn, argv, ctx);
    const builtin = this.rt.builtins.get(name);
    if (builtin) return this.invoke(name, (a, io) => Promise.resolve(builtin(a, io, this.builtinEnv(ctx))), argv, ctx, env, true);
    const program = this.rt.programs.get(name);
    if (program) return this.invoke(name, program, argv, ctx, env, false);
    if (name.includes('/')) return this.runScriptFile(name, argv, ctx);
    await ctx.fds.stderr.write(`bash: ${name}: command not found\n`);
    return EXIT_NOT_FOUND;
  }

  private async runScriptFile(name: string, argv: string[], ctx: Ctx): Promise<number> {
    const path = this.rt.fs.resolve(ctx.state.cwd, name);
    const st = this.rt.fs.stat(path);
    if (!st) {
      await ctx.fds.stderr.write(`bash: ${name}: No such file or directory\n`);
      return EXIT_NOT_FOUND;
    }
    if (st.type === 'dir') {
      await ctx.fds.stderr.write(`bash: ${name}: Is a directory\n`);
      return EXIT_NOT_EXECUTABLE;
    }
    return this.runScript(this.rt.fs.readFile(path), [name, ...argv.slice(1)], ctx);
  }

  /** Runs script text in a subshell with `$0` and positional parameters. */
  async runScript(text: string, argv: string[], ctx: Ctx): Promise<number> {
    const state = ctx.state.clone();
    state.positional = argv.slice(1);
    state.set('0', argv[0]);
    const sub: Ctx = { ...ctx, state };
    try {
      return await this.runText(text, sub);
    } catch (e) {
      if (e instanceof Interrupt) throw e;
      return this.settleSubshell(e, sub);
    }
  }

  private async runFunction(name: string, body: Command, argv: string[], ctx: Ctx): Promise<number> {
    const st = ctx.state;
    if (st.funcDepth >= MAX_FUNC_DEPTH) {
      await ctx.fds.stderr.write(`bash: ${name}: maximum function nesting level exceeded (${MAX_FUNC_DEPTH})\n`);
      return 1;
    }
    const saved = st.positional;
    st.positional = argv.slice(1);
    st.funcDepth++;
    try {
      return await this.runCommand(body, ctx);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      st.funcDepth--;
      st.positional = saved;
    }
  }

  /**
   * Calls a program or builtin with a ProgramIO. Ctrl-C aborts its signal; if it does not
   * return within a few host turns the shell stops waiting and mutes its output, so a
   * misbehaving program cannot hang the terminal.
   */
  private async invoke(name: string, prog: Program, argv: string[], ctx: Ctx, envAdd: Record<string, string>, builtin: boolean): Promise<number> {
    const ctl = new Controller(ctx.signal);
    let open = true;
    const gate = (s: OutputStream): OutputStream => ({ write: (t: string) => (open ? s.write(String(t)) : undefined) });
    const host = this.rt.host;
    const io: ProgramIO = {
      stdin: ctx.fds.stdin,
      stdout: builtin ? ctx.fds.stdout : gate(ctx.fds.stdout),
      stderr: builtin ? ctx.fds.stderr : gate(ctx.fds.stderr),
      env: { ...ctx.state.environment(), ...envAdd },
      signal: ctl.signal,
      cwd: ctx.state.cwd,
      fs: this.rt.fs,
      sleep: (ms: number) => sleepInterruptible(host.sleep(Math.max(0, Number(ms) || 0)), ctl.signal),
      now: () => host.now(),
      isTTY: ctx.tty,
    };
    let promise: Promise<number>;
    try {
      promise = Promise.resolve(prog(argv, io));
    } catch (e) {
      promise = Promise.reject(e);
    }
    const outcome = await this.awaitProgram(promise, ctx);
    open = false;
    if ('error' in outcome) {
      if (outcome.error instanceof ExitSignal || outcome.error instanceof LoopSignal || outcome.error instanceof ReturnSignal ||
          outcome.error instanceof Interrupt) throw outcome.error;
      await ctx.fds.stderr.write(`${name}: ${describe(outcome.error)}\n`);
      return 1;
    }
    if ('interrupted' in outcome || ctx.signal.aborted) return EXIT_INTERRUPTED;
    const code = outcome.code;
    return typeof code === 'number' && Number.isFinite(code) ? ((Math.trunc(code) % 256) + 256) % 256 : 0;
  }

  private awaitProgram(p: Promise<number>, ctx: Ctx): Promise<{ code: number } | { error: unknown } | { interrupted: true }> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (v: { code: number } | { error: unknown } | { interrupted: true }) => {
        if (settled) return;
        settled = true;
        unsubscribe();
        resolve(v);
      };
      const unsubscribe = ctx.signal.onAbort(() => {
        void (async () => {
          for (let i = 0; i < ABORT_GRACE_YIELDS && !settled; i++) await this.yieldHost();
          finish({ interrupted: true });
        })();
      });
      p.then((code) => finish({ code }), (error) => finish({ error }));
    });
  }

  // ---- helpers -----------------------------------------------------------------------------

  expander(ctx: Ctx): ExpandContext {
    return {
      state: ctx.state,
      fs: this.rt.fs,
      pid: this.rt.pid,
      substitute: async (body, state) => {
        const sink = new StringSink();
        const sub: Ctx = { ...ctx, state: state.clone(), fds: { ...ctx.fds, stdout: sink }, tty: false };
        let status: number;
        try {
          status = await this.runList(body, sub);
        } catch (e) {
          if (e instanceof Interrupt) throw e;
          status = this.settleSubshell(e, sub);
        }
        this.substStatus = status;
        ctx.state.lastStatus = status;
        return sink.text;
      },
    };
  }

  builtinEnv(ctx: Ctx): BuiltinEnv {
    return {
      ctx,
      rt: this.rt,
      runText: (text, c) => this.runText(text, c),
      runArgv: (argv, c, env) => this.runArgv(argv, c, env),
    };
  }

  /** Counts commands; every few, lets the host run (Ctrl-C arrives) and honours the abort. */
  async tick(ctx: Ctx): Promise<void> {
    if (++this.ticks % YIELD_EVERY === 0) await this.yieldHost();
    if (ctx.signal.aborted) throw new Interrupt();
  }

  yieldHost(): Promise<void> {
    const h = this.rt.host;
    return h.yield ? h.yield() : h.sleep(0);
  }
}

/** The text of a word that is one unquoted literal, or null (only such words are alias names). */
export function plainLiteral(w: Word): string | null {
  if (w.parts.length !== 1) return null;
  const p = w.parts[0];
  return p.kind === 'lit' && !p.q ? p.text : null;
}

function sleepInterruptible(p: Promise<void>, signal: ProgramIO['signal']): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  const ab = whenAborted(signal);
  return Promise.race([p, ab.promise]).finally(ab.cancel);
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (e instanceof ExpansionError) return e.message;
  return String(e);
}

export { ShellState };
