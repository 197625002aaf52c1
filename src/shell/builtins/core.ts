// Builtins that change or report the shell itself: cd, pwd, export, unset, alias, unalias,
// history, exit, set, shift, local, read, return, break, continue, source, eval, bash/sh.
import { FsError } from '../fs';
import type { Builtin, BuiltinEnv } from '../runtime';
import { ExitSignal, LoopSignal, ReturnSignal } from '../state';
import type { InputStream, ProgramIO } from '../types';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

const w = (io: ProgramIO, text: string) => io.stderr.write(text);

export const cd: Builtin = async (argv, io, { ctx, rt }) => {
  const st = ctx.state;
  const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P' || a === '--')));
  if (args.length > 1) {
    await w(io, 'bash: cd: too many arguments\n');
    return 1;
  }
  let target: string | undefined = args[0];
  let print = false;
  if (target === undefined || target === '') {
    target = st.get('HOME');
    if (target === undefined) {
      await w(io, 'bash: cd: HOME not set\n');
      return 1;
    }
  } else if (target === '-') {
    target = st.get('OLDPWD');
    if (target === undefined) {
      await w(io, 'bash: cd: OLDPWD not set\n');
      return 1;
    }
    print = true;
  }
  const path = rt.fs.resolve(st.cwd, target!);
  const s = rt.fs.stat(path);
  if (!s) {
    await w(io, `bash: cd: ${args[0] ?? target}: No such file or directory\n`);
    return 1;
  }
  if (s.type !== 'dir') {
    await w(io, `bash: cd: ${args[0] ?? target}: Not a directory\n`);
    return 1;
  }
  st.set('OLDPWD', st.cwd);
  st.cwd = path;
  st.set('PWD', path);
  if (print) await io.stdout.write(path + '\n');
  return 0;
};

export const pwd: Builtin = async (_argv, io, { ctx }) => {
  await io.stdout.write(ctx.state.cwd + '\n');
  return 0;
};

/** `declare -x NAME="value"` quoting: bash escapes `"`, `\`, `$` and backquote. */
function declareQuote(v: string): string {
  return '"' + v.replace(/[\\"$`]/g, '\\$&') + '"';
}

export const exportBuiltin: Builtin = async (argv, io, { ctx }) => {
  const st = ctx.state;
  let unexport = false;
  const args: string[] = [];
  for (const a of argv.slice(1)) {
    if (a === '-n') unexport = true;
    else if (a === '-p' || a === '-f' || a === '--') continue;
    else if (a.startsWith('-') && args.length === 0) {
      await w(io, `bash: export: ${a.slice(0, 2)}: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n`);
      return 2;
    } else args.push(a);
  }
  if (!args.length) {
    for (const name of [...st.exported].sort()) {
      const v = st.get(name);
      await io.stdout.write(v === undefined ? `declare -x ${name}\n` : `declare -x ${name}=${declareQuote(v)}\n`);
    }
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq).replace(/\+$/, '');
    if (!NAME_RE.test(name)) {
      await w(io, `bash: export: \`${a}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    if (eq >= 0) {
      const v = a.slice(eq + 1);
      st.set(name, a[eq - 1] === '+' ? (st.get(name) ?? '') + v : v);
    }
    if (unexport) st.exported.delete(name);
    else st.exported.add(name);
  }
  return status;
};

export const local: Builtin = async (argv, io, { ctx }) => {
  if (ctx.state.funcDepth === 0) {
    await w(io, 'bash: local: can only be used in a function\n');
    return 1;
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) {
      await w(io, `bash: local: \`${a}': not a valid identifier\n`);
      return 1;
    }
    ctx.state.set(name, eq < 0 ? (ctx.state.get(name) ?? '') : a.slice(eq + 1));
  }
  return 0;
};

export const unset: Builtin = async (argv, io, { ctx }) => {
  let fns = false;
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a === '-f') fns = true;
    else if (a === '-v') fns = false;
    else if (fns) ctx.state.functions.delete(a);
    else if (!NAME_RE.test(a)) {
      await w(io, `bash: unset: \`${a}': not a valid identifier\n`);
      status = 1;
    } else ctx.state.unset(a);
  }
  return status;
};

/** bash prints alias values in single quotes, with `'` written as `'\''`. */
function aliasLine(name: string, value: string): string {
  return `alias ${name}='${value.replace(/'/g, "'\\''")}'\n`;
}

export const alias: Builtin = async (argv, io, { ctx }) => {
  const aliases = ctx.state.aliases;
  const args = argv.slice(1).filter((a) => a !== '-p' && a !== '--');
  if (!args.length) {
    for (const name of [...aliases.keys()].sort()) await io.stdout.write(aliasLine(name, aliases.get(name)!));
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) {
      const name = a.slice(0, eq);
      if (/[\s\/$`'"|&;<>()=]/.test(name)) {
        await w(io, `bash: alias: \`${name}': invalid alias name\n`);
        status = 1;
        continue;
      }
      aliases.set(name, a.slice(eq + 1));
    } else {
      const v = aliases.get(a);
      if (v === undefined) {
        await w(io, `bash: alias: ${a}: not found\n`);
        status = 1;
      } else await io.stdout.write(aliasLine(a, v));
    }
  }
  return status;
};

export const unalias: Builtin = async (argv, io, { ctx }) => {
  const args = argv.slice(1);
  if (!args.length) {
    await w(io, 'unalias: usage: unalias [-a] name [name ...]\n');
    return 2;
  }
  if (args[0] === '-a') {
    ctx.state.aliases.clear();
    return 0;
  }
  let status = 0;
  for (const a of args) {
    if (!ctx.state.aliases.delete(a)) {
      await w(io, `bash: unalias: ${a}: not found\n`);
      status = 1;
    }
  }
  return status;
};

export const history: Builtin = async (argv, io, { rt }) => {
  const h = rt.history;
  const args = argv.slice(1);
  if (args[0] === '-c') {
    h.clear();
    return 0;
  }
  let entries = h.entries.map((e, i) => [h.base + i, e] as const);
  if (args[0] !== undefined) {
    if (!/^\d+$/.test(args[0])) {
      await w(io, `bash: history: ${args[0]}: numeric argument required\n`);
      return 1;
    }
    entries = Number(args[0]) === 0 ? [] : entries.slice(-Number(args[0]));
  }
  await io.stdout.write(entries.map(([n, e]) => `${String(n).padStart(5)}  ${e}\n`).join(''));
  return 0;
};

export const exit: Builtin = async (argv, io, { ctx, rt }) => {
  const arg = argv[1];
  let code = ctx.state.lastStatus;
  if (arg !== undefined) {
    if (!/^[-+]?\d+$/.test(arg.trim())) {
      await w(io, `bash: exit: ${arg}: numeric argument required\n`);
      code = 2;
    } else code = ((Number(arg) % 256) + 256) % 256;
  }
  if (argv.length > 2 && /^[-+]?\d+$/.test(arg ?? '')) {
    await w(io, 'bash: exit: too many arguments\n');
    return 1;
  }
  if (rt.interactive && ctx.state === rt.root) await w(io, 'exit\n');
  throw new ExitSignal(code);
};

export const set: Builtin = async (argv, io, { ctx }) => {
  const args = argv.slice(1);
  if (!args.length) {
    const lines = [...ctx.state.vars].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${/^[\w@%+=:,./-]*$/.test(v) ? v : `'${v.replace(/'/g, "'\\''")}'`}\n`);
    await io.stdout.write(lines.join(''));
    return 0;
  }
  const dd = args.indexOf('--');
  if (dd >= 0) ctx.state.positional = args.slice(dd + 1);
  else if (!args[0].startsWith('-') && !args[0].startsWith('+')) ctx.state.positional = args;
  // -e, -x, -u, -o pipefail are accepted and ignored: the playground keeps bash's defaults.
  return 0;
};

export const shift: Builtin = async (argv, io, { ctx }) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) {
    await w(io, `bash: shift: ${argv[1]}: numeric argument required\n`);
    return 1;
  }
  if (n > ctx.state.positional.length) return 1;
  ctx.state.positional = ctx.state.positional.slice(n);
  return 0;
};

export const returnBuiltin: Builtin = async (argv, io, { ctx }) => {
  if (ctx.state.funcDepth === 0 && !ctx.sourceDepth) {
    await w(io, "bash: return: can only `return' from a function or sourced script\n");
    return 1;
  }
  const a = argv[1];
  if (a !== undefined && !/^[-+]?\d+$/.test(a)) {
    await w(io, `bash: return: ${a}: numeric argument required\n`);
    throw new ReturnSignal(2);
  }
  throw new ReturnSignal(a === undefined ? ctx.state.lastStatus : ((Number(a) % 256) + 256) % 256);
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return async (argv, io, { ctx }) => {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 1) {
      await w(io, `bash: ${kind}: ${argv[1]}: loop count out of range\n`);
      return 1;
    }
    if (ctx.state.loopDepth === 0) {
      await w(io, `bash: ${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    throw new LoopSignal(kind, Math.min(n, ctx.state.loopDepth));
  };
}
export const breakBuiltin = loopControl('break');
export const continueBuiltin = loopControl('continue');

/** Leftover text after a line, per stream, so successive `read`s share one input. */
const pending = new WeakMap<InputStream, string>();

async function readLine(input: InputStream): Promise<string | null> {
  let buf = pending.get(input) ?? '';
  for (;;) {
    const i = buf.indexOf('\n');
    if (i >= 0) {
      pending.set(input, buf.slice(i + 1));
      return buf.slice(0, i);
    }
    const chunk = await input.read();
    if (chunk === null) {
      pending.set(input, '');
      return buf === '' ? null : buf;
    }
    buf += chunk;
  }
}

export const read: Builtin = async (argv, io, { ctx }) => {
  let raw = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-r') raw = true;
    else if (a === '-p') await io.stderr.write(argv[++i] ?? '');
    else if (a === '-s') continue;
    else names.push(a);
  }
  let line = await readLine(io.stdin);
  if (line === null) {
    for (const n of names.length ? names : ['REPLY']) ctx.state.set(n, '');
    return 1;
  }
  if (!raw) {
    while (line.endsWith('\\')) {
      const more = await readLine(io.stdin);
      line = line.slice(0, -1) + (more ?? '');
      if (more === null) break;
    }
    line = line.replace(/\\(.)/g, '$1');
  }
  if (!names.length) {
    ctx.state.set('REPLY', line);
    return 0;
  }
  const ifs = ctx.state.get('IFS') ?? ' \t\n';
  let rest = line.replace(new RegExp(`^[${escapeClass(ifs.replace(/[^ \t\n]/g, ''))}]+`), '');
  for (let i = 0; i < names.length; i++) {
    if (i === names.length - 1) {
      ctx.state.set(names[i], rest.replace(new RegExp(`[${escapeClass(ifs.replace(/[^ \t\n]/g, ''))}]+$`), ''));
      break;
    }
    const m = new RegExp(`[${escapeClass(ifs) || ' '}]`).exec(rest);
    if (!m) {
      ctx.state.set(names[i], rest);
      rest = '';
      continue;
    }
    ctx.state.set(names[i], rest.slice(0, m.index));
    rest = rest.slice(m.index + 1).replace(new RegExp(`^[${escapeClass(ifs.replace(/[^ \t\n]/g, '')) || ' '}]+`), '');
  }
  return 0;
};

function escapeClass(s: string): string {
  return s.replace(/[\]\\^-]/g, '\\$&');
}

export const source: Builtin = async (argv, io, env: BuiltinEnv) => {
  const { ctx, rt } = env;
  const file = argv[1];
  if (file === undefined) {
    await w(io, `bash: ${argv[0]}: filename argument required\n${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
    return 2;
  }
  let text: string;
  try {
    text = rt.fs.readFile(rt.fs.resolve(ctx.state.cwd, file));
  } catch (e) {
    await w(io, `bash: ${file}: ${e instanceof FsError ? e.text : 'No such file or directory'}\n`);
    return 1;
  }
  const st = ctx.state;
  const saved = st.positional;
  if (argv.length > 2) st.positional = argv.slice(2);
  try {
    return await env.runText(text, { ...ctx, fds: { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr }, sourceDepth: (ctx.sourceDepth ?? 0) + 1 });
  } catch (e) {
    if (e instanceof ReturnSignal) return e.code;
    throw e;
  } finally {
    if (argv.length > 2) st.positional = saved;
  }
};

export const evalBuiltin: Builtin = async (argv, io, env) => {
  const text = argv.slice(1).join(' ');
  if (!text.trim()) return 0;
  return env.runText(text, { ...env.ctx, fds: { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr } });
};

/** `bash -c 'cmd' [name args]`, `bash script [args]`, or a script on stdin: a child shell. */
export const bash: Builtin = async (argv, io, env) => {
  const { ctx, rt } = env;
  const fds = { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr };
  const args = argv.slice(1);
  while (args[0] === '-e' || args[0] === '-x' || args[0] === '-l' || args[0] === '-i' || args[0] === '--login') args.shift();
  const child = ctx.state.clone();
  // A child bash sees only the exported environment, not the parent's plain variables.
  child.vars = new Map(Object.entries(ctx.state.environment()));
  child.functions = new Map();
  child.aliases = new Map();
  const run = async (text: string, name: string, positional: string[]) => {
    child.positional = positional;
    child.set('0', name);
    try {
      return await env.runText(text, { ...ctx, state: child, fds });
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  };
  if (args[0] === '-c') {
    if (args[1] === undefined) {
      await w(io, `${argv[0]}: -c: option requires an argument\n`);
      return 2;
    }
    return run(args[1], args[2] ?? argv[0], args.slice(3));
  }
  if (args.length) {
    const path = rt.fs.resolve(ctx.state.cwd, args[0]);
    let text: string;
    try {
      text = rt.fs.readFile(path);
    } catch (e) {
      await w(io, `${argv[0]}: ${args[0]}: ${e instanceof FsError ? e.text : 'No such file or directory'}\n`);
      return 127;
    }
    return run(text, args[0], args.slice(1));
  }
  let text = '';
  for (;;) {
    const c = await io.stdin.read();
    if (c === null) break;
    text += c;
  }
  return run(text, argv[0], []);
};
