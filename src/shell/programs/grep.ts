// grep: BRE by default, -E, -F, with -i -v -c -o -n -w -x -l -q -s -h -H -r and context
// (-A -B -C). Stdin is read line by line so `kubectl get pods -w | grep web` streams.
import { LineReader } from '../streams';
import type { Program, ProgramIO } from '../types';
import { compilePosix, escapeRegex, RegexError } from './regex';
import { err, errText, getopt, has, last, out, qa, UsageError } from './util';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";

export const grep: Program = async (argv, io) => {
  let p;
  try {
    p = getopt('grep', argv, {
      flags: 'EFGiyvcolLqsnhHwxrRzIPU',
      args: 'efABCm',
      long: {
        'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'ignore-case': 'i', 'invert-match': 'v',
        count: 'c', 'only-matching': 'o', 'files-with-matches': 'l', 'files-without-match': 'L', quiet: 'q', silent: 'q',
        'no-messages': 's', 'line-number': 'n', 'no-filename': 'h', 'with-filename': 'H', 'word-regexp': 'w', 'line-regexp': 'x',
        recursive: 'r', 'regexp=': 'e', 'file=': 'f', 'after-context=': 'A', 'before-context=': 'B', 'context=': 'C',
        'max-count=': 'm', 'color=': 'color', color: 'color', 'colour=': 'color',
      },
    });
  } catch (e) {
    if (e instanceof UsageError) {
      await err(io, e.message.replace(/Try 'grep --help'.*/, '') + USAGE.split('\n')[0] + '\n' + USAGE.split('\n')[1]);
      return 2;
    }
    throw e;
  }
  let patterns = p.opts.get('e') ?? [];
  const operands = [...p.operands];
  for (const f of p.opts.get('f') ?? []) {
    try {
      patterns.push(...io.fs.readFile(io.fs.resolve(io.cwd, f)).split('\n').filter((l, i, a) => i < a.length - 1 || l !== ''));
    } catch (e) {
      await err(io, `grep: ${f}: ${errText(e)}`);
      return 2;
    }
  }
  if (!p.opts.has('e') && !p.opts.has('f')) {
    if (!operands.length) {
      await err(io, USAGE);
      return 2;
    }
    patterns = operands.shift()!.split('\n');
  }
  const extended = has(p, 'E');
  const fixed = has(p, 'F');
  let re: RegExp;
  try {
    const parts = patterns.map((pat) => (fixed ? escapeRegex(pat) : compilePosix(pat, extended, '').source));
    let src = parts.length === 1 ? parts[0] : parts.map((s) => `(?:${s})`).join('|');
    if (has(p, 'x')) src = `^(?:${src})$`;
    else if (has(p, 'w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
    re = new RegExp(src, (has(p, 'i') || has(p, 'y') ? 'i' : '') + 'g');
  } catch (e) {
    await err(io, `grep: ${e instanceof RegexError ? e.message : 'Invalid regular expression'}`);
    return 2;
  }
  const num = (k: string) => {
    const v = last(p!, k);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`grep: ${v}: invalid context length argument`);
    return Number(v);
  };
  let after: number, before: number, maxCount: number | undefined;
  try {
    after = num('A') ?? num('C') ?? 0;
    before = num('B') ?? num('C') ?? 0;
    maxCount = num('m');
  } catch (e) {
    await err(io, (e as Error).message);
    return 2;
  }
  const recursive = has(p, 'r') || has(p, 'R');
  let files = operands.length ? operands : [recursive ? '.' : '-'];
  if (recursive) files = expandRecursive(io, files);
  const withName = has(p, 'H') || (!has(p, 'h') && (files.length > 1 || recursive));
  const opts = { invert: has(p, 'v'), count: has(p, 'c'), only: has(p, 'o'), lineNo: has(p, 'n'), list: has(p, 'l'), listNot: has(p, 'L'), quiet: has(p, 'q'), after, before, maxCount };
  let matched = false;
  let errors = false;
  for (const f of files) {
    let src: AsyncLineSource;
    if (f === '-') src = lineSource(new LineReader(io.stdin));
    else {
      const path = io.fs.resolve(io.cwd, f);
      const st = io.fs.stat(path);
      if (st?.type === 'dir') {
        if (!has(p, 's')) await err(io, `grep: ${qa(f)}: Is a directory`);
        errors = true;
        continue;
      }
      try {
        src = textSource(io.fs.readFile(path));
      } catch (e) {
        if (!has(p, 's')) await err(io, `grep: ${qa(f)}: ${errText(e)}`);
        errors = true;
        continue;
      }
    }
    const name = f === '-' ? '(standard input)' : f.replace(/^\.\//, recursive && operands.length === 0 ? '' : './');
    const hit = await grepOne(io, src, re, opts, withName ? (f === '-' ? '(standard input)' : recursive && !operands.length ? f.replace(/^\.\//, '') : f) : null);
    void name;
    if (hit) matched = true;
    if (opts.quiet && matched) return 0;
  }
  return errors && !(opts.quiet && matched) ? 2 : matched ? 0 : 1;
};

type AsyncLineSource = () => Promise<{ line: string; nl: boolean } | null>;

function lineSource(r: LineReader): AsyncLineSource {
  return () => r.next();
}

function textSource(text: string): AsyncLineSource {
  let pos = 0;
  return async () => {
    if (pos >= text.length) return null;
    const i = text.indexOf('\n', pos);
    const line = i < 0 ? text.slice(pos) : text.slice(pos, i);
    pos = i < 0 ? text.length : i + 1;
    return { line, nl: true };
  };
}

function expandRecursive(io: ProgramIO, roots: string[]): string[] {
  const outFiles: string[] = [];
  const walk = (display: string, abs: string) => {
    if (io.fs.isDir(abs)) {
      for (const n of io.fs.readdir(abs)) walk(display === '.' ? `./${n}` : `${display.replace(/\/$/, '')}/${n}`, `${abs}/${n}`);
    } else outFiles.push(display);
  };
  for (const r of roots) {
    if (r === '-') outFiles.push(r);
    else walk(r, io.fs.resolve(io.cwd, r));
  }
  return outFiles;
}

interface GrepOpts {
  invert: boolean;
  count: boolean;
  only: boolean;
  lineNo: boolean;
  list: boolean;
  listNot: boolean;
  quiet: boolean;
  after: number;
  before: number;
  maxCount?: number;
}

async function grepOne(io: ProgramIO, next: AsyncLineSource, re: RegExp, o: GrepOpts, name: string | null): Promise<boolean> {
  let n = 0;
  let matches = 0;
  let afterLeft = 0;
  let lastPrinted = 0;
  const beforeBuf: { n: number; line: string }[] = [];
  const prefix = (num: number, sep: string) => (name !== null ? name + sep : '') + (o.lineNo ? `${num}${sep}` : '');
  const silent = o.quiet || o.list || o.listNot || o.count;
  const contextual = o.after > 0 || o.before > 0;
  for (;;) {
    if (io.signal.aborted) break;
    const l = await next();
    if (!l) break;
    n++;
    re.lastIndex = 0;
    const isMatch = re.test(l.line) !== o.invert;
    if (!isMatch) {
      if (afterLeft > 0 && !silent) {
        await out(io, prefix(n, '-') + l.line + '\n');
        lastPrinted = n;
        afterLeft--;
      } else if (o.before > 0) {
        beforeBuf.push({ n, line: l.line });
        if (beforeBuf.length > o.before) beforeBuf.shift();
      }
      continue;
    }
    matches++;
    if (o.quiet) return true;
    if (!silent) {
      if (contextual && lastPrinted > 0 && (beforeBuf[0]?.n ?? n) > lastPrinted + 1) await out(io, '--\n');
      for (const b of beforeBuf) await out(io, prefix(b.n, '-') + b.line + '\n');
      beforeBuf.length = 0;
      if (o.only && !o.invert) {
        re.lastIndex = 0;
        let text = '';
        for (const m of l.line.matchAll(re)) if (m[0] !== '') text += prefix(n, ':') + m[0] + '\n';
        await out(io, text);
      } else if (!o.only) await out(io, prefix(n, ':') + l.line + '\n');
      lastPrinted = n;
      afterLeft = o.after;
    }
    if (o.maxCount !== undefined && matches >= o.maxCount) break;
  }
  if (o.count) await out(io, (name !== null ? name + ':' : '') + matches + '\n');
  if (o.list && matches) await out(io, (name ?? '(standard input)') + '\n');
  if (o.listNot && !matches) await out(io, (name ?? '(standard input)') + '\n');
  return matches > 0;
}
