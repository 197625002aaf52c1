// sed: the common subset — s///[gpNI], d, p, q, =, a/i/c, y, {...}, addresses (N, $, /re/,
// ranges, `!`), -n, -e, -E/-r, -i on workspace files — with GNU's error texts.
import { readAll } from '../streams';
import type { Program } from '../types';
import { compilePosix, RegexError } from './regex';
import { err, errText, out } from './util';

type Addr = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp } | { kind: 'step'; first: number; step: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: string;
  /** s: regex, replacement, flags; y: maps; a/i/c: text; {: index of matching }. */
  re?: RegExp;
  global?: boolean;
  nth?: number;
  print?: boolean;
  rep?: string;
  text?: string;
  map?: Map<string, string>;
  jump?: number;
  /** Range state: inside the range. */
  active?: boolean;
  endLine?: number;
}

class SedError extends Error {}

function parseScript(script: string, extended: boolean, exprNo: number): Cmd[] {
  const cmds: Cmd[] = [];
  const stack: number[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new SedError(`sed: -e expression #${exprNo}, char ${i}: ${msg}`);
  };
  const skipWs = () => {
    while (i < script.length && /[ \t]/.test(script[i])) i++;
  };
  const readDelimited = (delim: string, what: string): string => {
    let s = '';
    for (;;) {
      if (i >= script.length) fail(`unterminated ${what}`);
      const c = script[i];
      if (c === '\\' && i + 1 < script.length) {
        const n = script[i + 1];
        if (n === delim) s += delim === '/' ? '\\/' : delim;
        else if (n === 'n') s += '\n';
        else s += c + n;
        i += 2;
        continue;
      }
      if (c === '\n' && what !== "`s' command") fail(`unterminated ${what}`);
      i++;
      if (c === delim) return s;
      s += c;
    }
  };
  const compile = (src: string, flags: string): RegExp => {
    try {
      return compilePosix(src.replace(/\\\//g, '/'), extended, flags);
    } catch (e) {
      return fail(e instanceof RegexError ? e.message : 'Invalid regular expression');
    }
  };
  const readAddr = (): Addr | undefined => {
    const c = script[i];
    if (c === '$') {
      i++;
      return { kind: 'last' };
    }
    const m = /^(\d+)(~(\d+))?/.exec(script.slice(i));
    if (m) {
      i += m[0].length;
      return m[2] ? { kind: 'step', first: Number(m[1]), step: Number(m[3]) } : { kind: 'line', n: Number(m[1]) };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = script[i + 1];
        i++;
      }
      i++;
      const src = readDelimited(delim, 'address regex');
      let flags = '';
      if (script[i] === 'I') {
        flags = 'i';
        i++;
      }
      return { kind: 're', re: compile(src, flags) };
    }
    return undefined;
  };
  while (i < script.length) {
    skipWs();
    if (script[i] === ';' || script[i] === '\n') {
      i++;
      continue;
    }
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const cmd: Cmd = { negate: false, name: '' };
    cmd.a1 = readAddr();
    if (cmd.a1 && script[i] === ',') {
      i++;
      cmd.a2 = readAddr();
      if (!cmd.a2) fail('unexpected `,\'');
    }
    skipWs();
    if (script[i] === '!') {
      cmd.negate = true;
      i++;
      skipWs();
    }
    const name = script[i++];
    if (name === undefined) fail('missing command');
    cmd.name = name;
    switch (name) {
      case '{':
        stack.push(cmds.length);
        break;
      case '}':
        if (!stack.length) fail("unexpected `}'");
        cmds[stack.pop()!].jump = cmds.length + 1;
        break;
      case 's': {
        const delim = script[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `s' command");
        const src = readDelimited(delim, "`s' command");
        const rep = readDelimited(delim, "`s' command");
        let flags = '';
        for (;;) {
          const f = script[i];
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'i' || f === 'I') flags += 'i';
          else if (f !== undefined && /\d/.test(f)) {
            const m = /^\d+/.exec(script.slice(i))!;
            cmd.nth = Number(m[0]);
            i += m[0].length - 1;
          } else if (f === undefined || f === ';' || f === '\n' || f === '}' || f === ' ' || f === '\t') break;
          else if (f === 'w' || f === 'e' || f === 'm' || f === 'M') fail(`unknown option to \`s'`);
          else fail("unknown option to `s'");
          i++;
        }
        cmd.re = compile(src, flags + 'g');
        cmd.rep = rep;
        break;
      }
      case 'y': {
        const delim = script[i++];
        const a = readDelimited(delim, "`y' command");
        const b = readDelimited(delim, "`y' command");
        if ([...a].length !== [...b].length) fail("strings for `y' command are different lengths");
        const bs = [...b];
        cmd.map = new Map([...a].map((c, k) => [c, bs[k]]));
        break;
      }
      case 'a':
      case 'i':
      case 'c': {
        skipWs();
        if (script[i] === '\\') {
          i++;
          if (script[i] === '\n') i++;
        }
        let text = '';
        while (i < script.length && script[i] !== '\n') {
          if (script[i] === '\\' && i + 1 < script.length) {
            text += script[i + 1] === 'n' ? '\n' : script[i + 1];
            i += 2;
            continue;
          }
          text += script[i++];
        }
        if (text === '' && name !== 'c') fail(`expected \\ after \`a', \`c' or \`i'`);
        cmd.text = text;
        break;
      }
      case 'd': case 'D': case 'p': case 'P': case '=': case 'n': case 'N': case 'g': case 'G': case 'h': case 'H': case 'x': case 'l':
        break;
      case 'q':
      case 'Q': {
        skipWs();
        const m = /^\d+/.exec(script.slice(i));
        if (m) {
          cmd.nth = Number(m[0]);
          i += m[0].length;
        }
        break;
      }
      default:
        fail(`unknown command: \`${name}'`);
    }
    cmds.push(cmd);
    skipWs();
    if (i < script.length && !/[;\n}]/.test(script[i]) && name !== '{' && name !== 'a' && name !== 'i' && name !== 'c') {
      if (script[i] !== '#') fail(`extra characters after command`);
    }
  }
  if (stack.length) {
    i = script.length;
    fail("unmatched `{'");
  }
  return cmds;
}

function expandReplacement(rep: string, m: RegExpExecArray): string {
  let s = '';
  for (let k = 0; k < rep.length; k++) {
    const c = rep[k];
    if (c === '&') s += m[0];
    else if (c === '\\' && k + 1 < rep.length) {
      const n = rep[++k];
      if (/\d/.test(n)) s += m[Number(n)] ?? '';
      else if (n === 'n') s += '\n';
      else if (n === 't') s += '\t';
      else s += n;
    } else s += c;
  }
  return s;
}

export const sed: Program = async (argv, io) => {
  let quiet = false;
  let extended = false;
  let inPlace = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-i' || a.startsWith('-i') || a === '--in-place') inPlace = true;
    else if (a === '-e' || a === '--expression') {
      const s = argv[++k];
      if (s === undefined) {
        await err(io, "sed: option requires an argument -- 'e'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...");
        return 1;
      }
      scripts.push(s);
    } else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (/^-[nEr]+$/.test(a)) {
      if (a.includes('n')) quiet = true;
      if (a.includes('E') || a.includes('r')) extended = true;
    } else if (a.startsWith('-') && a !== '-') {
      await err(io, `sed: invalid option -- '${a[1]}'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...`);
      return 1;
    } else files.push(a);
  }
  if (!scripts.length) {
    if (!files.length) {
      await err(io, 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...');
      return 1;
    }
    scripts.push(files.shift()!);
  }
  let cmds: Cmd[];
  try {
    cmds = scripts.flatMap((s, k) => parseScript(s, extended, k + 1));
  } catch (e) {
    if (e instanceof SedError) {
      await err(io, e.message);
      return 1;
    }
    throw e;
  }
  const run = (text: string): { output: string; quitCode: number | null } => {
    const ls = text.split('\n');
    if (ls[ls.length - 1] === '') ls.pop();
    for (const c of cmds) c.active = false;
    let output = '';
    let hold = '';
    let quitCode: number | null = null;
    const matchAddr = (a: Addr, n: number, isLast: boolean, line: string) =>
      a.kind === 'line' ? n === a.n : a.kind === 'last' ? isLast : a.kind === 'step' ? (a.step > 0 ? n >= a.first && (n - a.first) % a.step === 0 : n === a.first) : (a.re.lastIndex = 0, a.re.test(line));
    for (let idx = 0; idx < ls.length; idx++) {
      let ps = ls[idx];
      const n = idx + 1;
      let isLast = idx === ls.length - 1;
      let append = '';
      let deleted = false;
      let pc = 0;
      while (pc < cmds.length) {
        const c = cmds[pc];
        let sel = true;
        if (c.a1 && !c.a2) sel = matchAddr(c.a1, n, isLast, ps);
        else if (c.a1 && c.a2) {
          if (!c.active) {
            if (matchAddr(c.a1, n, isLast, ps)) {
              sel = true;
              c.active = true;
              if (c.a2.kind === 'line' && c.a2.n <= n) c.active = false;
            } else sel = false;
          } else {
            sel = true;
            if (c.a2.kind === 'line' ? n >= c.a2.n : matchAddr(c.a2, n, isLast, ps)) c.active = false;
          }
        }
        if (c.negate) sel = !sel;
        if (!sel) {
          pc = c.name === '{' ? c.jump ?? pc + 1 : pc + 1;
          continue;
        }
        pc++;
        switch (c.name) {
          case 's': {
            let count = 0;
            let changed = false;
            c.re!.lastIndex = 0;
            ps = ps.replace(c.re!, (...args) => {
              count++;
              const groups = args.slice(0, -2);
              if (typeof groups[groups.length - 1] === 'object') groups.pop();
              const m = groups as unknown as RegExpExecArray;
              if ((c.nth && count < c.nth) || (!c.global && count > (c.nth ?? 1))) return m[0];
              changed = true;
              return expandReplacement(c.rep!, m);
            });
            if (changed && c.print) output += ps + '\n';
            break;
          }
          case 'y':
            ps = [...ps].map((ch) => c.map!.get(ch) ?? ch).join('');
            break;
          case 'd':
          case 'D':
            deleted = true;
            pc = cmds.length;
            break;
          case 'p':
            output += ps + '\n';
            break;
          case 'P':
            output += ps.split('\n')[0] + '\n';
            break;
          case '=':
            output += n + '\n';
            break;
          case 'a':
            append += c.text + '\n';
            break;
          case 'i':
            output += c.text + '\n';
            break;
          case 'c':
            if (!c.a2 || !c.active) output += c.text + '\n';
            deleted = true;
            pc = cmds.length;
            break;
          case 'h': hold = ps; break;
          case 'H': hold += '\n' + ps; break;
          case 'g': ps = hold; break;
          case 'G': ps += '\n' + hold; break;
          case 'x': [ps, hold] = [hold, ps]; break;
          case 'l': output += ps.replace(/\\/g, '\\\\').replace(/\t/g, '\\t') + '$\n'; break;
          case 'n':
            if (!quiet) output += ps + '\n';
            if (idx + 1 < ls.length) {
              ps = ls[++idx];
              isLast = idx === ls.length - 1;
            } else {
              deleted = true;
              pc = cmds.length;
              quitCode = quitCode ?? null;
            }
            break;
          case 'N':
            if (idx + 1 < ls.length) {
              ps += '\n' + ls[++idx];
              isLast = idx === ls.length - 1;
            }
            break;
          case 'q':
            if (!quiet) output += ps + '\n';
            output += append;
            return { output, quitCode: c.nth ?? 0 };
          case 'Q':
            return { output, quitCode: c.nth ?? 0 };
        }
      }
      if (!deleted && !quiet) output += ps + '\n';
      output += append;
    }
    return { output, quitCode };
  };
  let status = 0;
  if (inPlace) {
    for (const f of files) {
      const path = io.fs.resolve(io.cwd, f);
      try {
        io.fs.writeFile(path, run(io.fs.readFile(path)).output);
      } catch (e) {
        await err(io, `sed: can't read ${f}: ${errText(e)}`);
        status = 2;
      }
    }
    return status;
  }
  let text = '';
  for (const f of files.length ? files : ['-']) {
    try {
      const t = f === '-' ? await readAll(io.stdin) : io.fs.readFile(io.fs.resolve(io.cwd, f));
      text += t && !t.endsWith('\n') ? t + '\n' : t;
    } catch (e) {
      await err(io, io.fs.isDir(io.fs.resolve(io.cwd, f)) ? `sed: couldn't edit ${f}: not a regular file` : `sed: can't read ${f}: ${errText(e)}`);
      status = 2;
    }
  }
  const r = run(text);
  await out(io, r.output);
  return r.quitCode ?? status;
};
