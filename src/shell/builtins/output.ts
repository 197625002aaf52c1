// Builtins that mostly print: echo, printf, true, false, :, clear, test/[, env, which, type, help.
import { interpretEscapes } from '../escapes';
import { BUILTIN_SYNOPSIS, type Builtin } from '../runtime';
import { formatPrintf } from './printf';
import { evalTest, TestError } from './test';

export const echo: Builtin = async (argv, io) => {
  const args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    const f = args.shift()!;
    for (const c of f.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const r = interpretEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  await io.stdout.write(newline ? text + '\n' : text);
  return 0;
};

export const printf: Builtin = async (argv, io, { ctx }) => {
  const args = argv.slice(1);
  let target: string | undefined;
  if (args[0] === '-v') {
    args.shift();
    target = args.shift();
  }
  if (args[0] === '--') args.shift();
  if (!args.length) {
    await io.stderr.write('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  const r = formatPrintf(args[0], args.slice(1));
  if (target !== undefined) ctx.state.set(target, r.out);
  else await io.stdout.write(r.out);
  for (const e of r.errors) await io.stderr.write(e + '\n');
  return r.errors.length ? 1 : 0;
};

export const trueBuiltin: Builtin = () => 0;
export const falseBuiltin: Builtin = () => 1;

/** ESC[H ESC[2J ESC[3J: home, clear screen, clear scrollback (what `clear` sends to xterm). */
export const CLEAR_SEQUENCE = '\x1b[H\x1b[2J\x1b[3J';
export const clear: Builtin = async (_argv, io) => {
  await io.stdout.write(CLEAR_SEQUENCE);
  return 0;
};

export const test: Builtin = async (argv, io, { ctx, rt }) => {
  let args = argv.slice(1);
  const name = argv[0];
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      await io.stderr.write("bash: [: missing `]'\n");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(args, rt.fs, ctx.state.cwd, name) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      await io.stderr.write(e.message + '\n');
      return 2;
    }
    throw e;
  }
};

export const env: Builtin = async (argv, io, b) => {
  const args = argv.slice(1);
  const vars: Record<string, string> = { ...io.env };
  let clean = false;
  while (args.length) {
    const a = args[0];
    if (a === '-i' || a === '-') {
      clean = true;
      args.shift();
    } else if (a === '-u') {
      args.shift();
      delete vars[args.shift() ?? ''];
    } else if (/^[A-Za-z_]\w*=/.test(a)) {
      const eq = a.indexOf('=');
      vars[a.slice(0, eq)] = a.slice(eq + 1);
      args.shift();
    } else break;
  }
  const finalVars = clean ? Object.fromEntries(Object.entries(vars).filter(([k]) => !(k in io.env) || argv.includes(`${k}=${vars[k]}`))) : vars;
  if (!args.length) {
    await io.stdout.write(Object.entries(finalVars).map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  const name = args[0];
  if (!b.rt.programs.has(name) && !['echo', 'printf', 'true', 'false', 'test', '[', 'pwd', 'kill', 'bash', 'sh', 'env'].includes(name)) {
    await io.stderr.write(`env: ‘${name}’: No such file or directory\n`);
    return 127;
  }
  return b.runArgv(args, { ...b.ctx, fds: { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr } }, finalVars);
};

/** Builtins that also exist as files in /usr/bin, so `which` finds them. */
const ALSO_FILES = new Set(['echo', 'printf', 'true', 'false', 'test', '[', 'pwd', 'kill', 'env', 'bash', 'sh', 'which', 'clear']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', 'function', '{', '}', '!', '[[', ']]', 'time']);

export const which: Builtin = async (argv, io, { rt }) => {
  const names = argv.slice(1).filter((a) => !a.startsWith('-'));
  let status = names.length ? 0 : 1;
  for (const n of names) {
    if (rt.programs.has(n) || ALSO_FILES.has(n)) await io.stdout.write(rt.programPath(n) + '\n');
    else status = 1;
  }
  return status;
};

export const type: Builtin = async (argv, io, { ctx, rt }) => {
  const args = argv.slice(1);
  const terse = args[0] === '-t';
  if (terse) args.shift();
  let status = 0;
  for (const n of args) {
    const a = ctx.state.aliases.get(n);
    let kind: string;
    let text: string;
    if (a !== undefined) [kind, text] = ['alias', `${n} is aliased to \`${a}'`];
    else if (KEYWORDS.has(n)) [kind, text] = ['keyword', `${n} is a shell keyword`];
    else if (ctx.state.functions.has(n)) [kind, text] = ['function', `${n} is a function`];
    else if (rt.builtins.has(n) && !rt.programs.has(n)) [kind, text] = ['builtin', `${n} is a shell builtin`];
    else if (rt.programs.has(n)) [kind, text] = ['file', `${n} is ${rt.programPath(n)}`];
    else {
      if (!terse) await io.stderr.write(`bash: type: ${n}: not found\n`);
      status = 1;
      continue;
    }
    await io.stdout.write((terse ? kind : text) + '\n');
  }
  return status;
};

export const help: Builtin = async (argv, io, { rt }) => {
  const topics = argv.slice(1);
  const names = [...rt.builtins.keys()].filter((n) => BUILTIN_SYNOPSIS[n]).sort();
  if (!topics.length) {
    const lines = [
      'kubeplay shell, a small bash-like shell for learning Kubernetes.',
      'Type `help name\' for a builtin. Programs: ' + [...rt.programs.keys()].sort().join(' ') + '.',
      'Quoting, $VAR, $(...), pipes, ;, &&, ||, & and jobs, redirections, heredocs, if/for/while work as in bash.',
      '',
      ...names.map((n) => ' ' + BUILTIN_SYNOPSIS[n]),
    ];
    await io.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
  let status = 0;
  for (const t of topics) {
    const hits = names.filter((n) => n.startsWith(t));
    if (!hits.length) {
      await io.stderr.write(`bash: help: no help topics match \`${t}'.  Try \`help help' or \`man -k ${t}' or \`info ${t}'.\n`);
      status = 1;
      continue;
    }
    for (const n of hits) await io.stdout.write(`${n}: ${BUILTIN_SYNOPSIS[n]}\n`);
  }
  return status;
};
