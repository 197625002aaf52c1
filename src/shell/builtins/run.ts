// Builtins that run other commands: watch (re-runs until Ctrl-C) and xargs. They live in the
// shell because a program cannot start another program through ProgramIO.
import { CLEAR_SEQUENCE } from './output';
import { strftime } from '../programs/strftime';
import { readAll } from '../streams';
import type { Builtin } from '../runtime';
import { EXIT_INTERRUPTED } from '../types';

export const watch: Builtin = async (argv, io, b) => {
  const args = argv.slice(1);
  let interval = 2;
  let title = true;
  while (args.length && args[0].startsWith('-')) {
    const a = args.shift()!;
    if (a === '-n' || a === '--interval') {
      const v = args.shift() ?? '';
      if (!/^\d*\.?\d+$/.test(v)) {
        await io.stderr.write(`watch: failed to parse argument: '${v}'\n`);
        return 1;
      }
      interval = Math.max(0.1, Number(v));
    } else if (/^-n\d/.test(a)) interval = Math.max(0.1, Number(a.slice(2)));
    else if (a === '-t' || a === '--no-title') title = false;
    else if (a === '--') break;
  }
  if (!args.length) {
    await io.stderr.write('Usage:\n watch [options] command\n');
    return 1;
  }
  const cmd = args.join(' ');
  const host = b.ctx.state.get('HOSTNAME') ?? 'controlplane';
  while (!io.signal.aborted) {
    let text = CLEAR_SEQUENCE;
    if (title) {
      const left = `Every ${interval.toFixed(1)}s: ${cmd}`;
      const right = `${host}: ${strftime('%a %b %e %H:%M:%S %Y', io.now())}`;
      text += `${left}${' '.repeat(Math.max(1, 80 - left.length - right.length))}${right}\n\n`;
    }
    await io.stdout.write(text);
    const sink = { write: (t: string) => io.stdout.write(t) };
    try {
      await b.runText(cmd, { ...b.ctx, signal: io.signal, tty: false, fds: { stdin: io.stdin, stdout: sink, stderr: sink } });
    } catch {
      // An interrupt inside the command ends watch below.
    }
    if (io.signal.aborted) break;
    await io.sleep(interval * 1000);
  }
  return EXIT_INTERRUPTED;
};

/** Splits xargs input: blanks separate, quotes and backslashes group, as POSIX xargs does. */
function xargsWords(text: string): string[] | string {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\n') return `unmatched ${quote === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option`;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) return `unmatched ${quote === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option`;
  if (has || cur) words.push(cur);
  return words;
}

export const xargs: Builtin = async (argv, io, b) => {
  const args = argv.slice(1);
  let maxArgs = Infinity;
  let replace: string | undefined;
  let trace = false;
  let noRunEmpty = false;
  let nul = false;
  let delim: string | undefined;
  while (args.length && args[0].startsWith('-') && args[0] !== '-') {
    const a = args.shift()!;
    if (a === '-n') maxArgs = Number(args.shift());
    else if (/^-n\d+$/.test(a)) maxArgs = Number(a.slice(2));
    else if (a === '-I') replace = args.shift();
    else if (a.startsWith('-I')) replace = a.slice(2);
    else if (a === '-i') replace = '{}';
    else if (a === '-t') trace = true;
    else if (a === '-r' || a === '--no-run-if-empty') noRunEmpty = true;
    else if (a === '-0' || a === '--null') nul = true;
    else if (a === '-d') delim = args.shift();
    else if (a === '--') break;
    else {
      await io.stderr.write(`xargs: invalid option -- '${a.slice(1, 2)}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nRun 'xargs --help' for more information.\n`);
      return 1;
    }
  }
  if (!Number.isFinite(maxArgs) && maxArgs !== Infinity || maxArgs < 1) {
    await io.stderr.write(`xargs: value ${maxArgs} for -n option should be >= 1\n`);
    return 1;
  }
  const cmd = args.length ? args : ['echo'];
  const input = await readAll(io.stdin);
  let items: string[];
  if (replace !== undefined) items = input.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/^\s+/, ''));
  else if (nul || delim !== undefined) items = input.split(nul ? '\0' : delim!.replace('\\n', '\n')).filter((x, i, a) => x !== '' || i < a.length - 1);
  else {
    const w = xargsWords(input);
    if (typeof w === 'string') {
      await io.stderr.write(`xargs: ${w}\n`);
      return 1;
    }
    items = w;
  }
  const ctx = { ...b.ctx, fds: { stdin: { read: async () => null }, stdout: io.stdout, stderr: io.stderr } };
  const batches: string[][] = [];
  if (replace !== undefined) for (const it of items) batches.push(cmd.map((c) => c.split(replace!).join(it)));
  else if (!items.length) {
    if (!noRunEmpty) batches.push([...cmd]);
  } else for (let i = 0; i < items.length; i += maxArgs === Infinity ? items.length : maxArgs) batches.push([...cmd, ...items.slice(i, i + (maxArgs === Infinity ? items.length : maxArgs))]);
  let status = 0;
  for (const batch of batches) {
    if (io.signal.aborted) return EXIT_INTERRUPTED;
    if (trace) await io.stderr.write(batch.join(' ') + '\n');
    const name = batch[0];
    if (!b.rt.programs.has(name) && !b.rt.builtins.has(name)) {
      await io.stderr.write(`xargs: ${name}: No such file or directory\n`);
      return 127;
    }
    const code = await b.runArgv(batch, ctx);
    if (code === 255) {
      await io.stderr.write(`xargs: ${name}: exited with status 255; aborting\n`);
      return 124;
    }
    if (code !== 0) status = 123;
  }
  return status;
};
