// Line and byte filters: head, tail, wc, tee, sort, uniq, cut, tr, seq, basename, dirname.
import { basename as baseOf, dirname as dirOf, utf8Length } from '../fs';
import { LineReader } from '../streams';
import type { Program, ProgramIO } from '../types';
import { byteCompare, err, errText, getopt, has, last, lines, out, q, qa, qaAlways, readInput, withUsage } from './util';

/** `head -5` and `tail -5` are the old spelling of `-n 5`. */
function obsoleteCount(argv: string[]): string[] {
  return argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
}

function parseCount(prog: string, what: string, v: string): { n: number; sign: string } {
  const m = /^([-+]?)(\d+)([kKmMbB]?)$/.exec(v.trim());
  if (!m) throw new Error(`${prog}: invalid number of ${what}: ${q(v)}`);
  const mult = { k: 1024, K: 1024, m: 1048576, M: 1048576, b: 512, B: 512 }[m[3] as 'k'] ?? 1;
  return { n: Number(m[2]) * mult, sign: m[1] };
}

export const head: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('head', obsoleteCount(argv), { flags: 'qv', args: 'nc', long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', silent: 'q', verbose: 'v' } });
    let count: { n: number; sign: string };
    const bytes = has(p, 'c');
    try {
      count = parseCount('head', bytes ? 'bytes' : 'lines', last(p, bytes ? 'c' : 'n') ?? '10');
    } catch (e) {
      await err(io, (e as Error).message);
      return 1;
    }
    const files = p.operands.length ? p.operands : ['-'];
    const headers = (files.length > 1 && !has(p, 'q')) || has(p, 'v');
    let status = 0;
    let first = true;
    for (const f of files) {
      if (headers) await out(io, `${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
      first = false;
      // Streaming stdin lets `kubectl get -w | head -3` end after three lines.
      if (f === '-' && !bytes && count.sign !== '-') {
        const r = new LineReader(io.stdin);
        for (let i = 0; i < count.n; i++) {
          const l = await r.next();
          if (!l) break;
          await out(io, l.line + (l.nl ? '\n' : ''));
        }
        continue;
      }
      let text: string;
      try {
        text = await readInput(io, f);
      } catch (e) {
        await err(io, `head: cannot open ${qaAlways(f)} for reading: ${errText(e)}`);
        status = 1;
        continue;
      }
      if (bytes) await out(io, count.sign === '-' ? text.slice(0, Math.max(0, text.length - count.n)) : text.slice(0, count.n));
      else {
        const parts = text.split(/(?<=\n)/);
        await out(io, (count.sign === '-' ? parts.slice(0, Math.max(0, parts.length - count.n)) : parts.slice(0, count.n)).join(''));
      }
    }
    return status;
  });

export const tail: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('tail', obsoleteCount(argv), { flags: 'qvfF', args: 'nc', long: { 'lines=': 'n', 'bytes=': 'c', follow: 'f', quiet: 'q', verbose: 'v' } });
    const bytes = has(p, 'c');
    let count: { n: number; sign: string };
    try {
      count = parseCount('tail', bytes ? 'bytes' : 'lines', last(p, bytes ? 'c' : 'n') ?? '10');
    } catch (e) {
      await err(io, (e as Error).message);
      return 1;
    }
    const files = p.operands.length ? p.operands : ['-'];
    const headers = (files.length > 1 && !has(p, 'q')) || has(p, 'v');
    let status = 0;
    let first = true;
    for (const f of files) {
      let text: string;
      try {
        text = await readInput(io, f);
      } catch (e) {
        await err(io, `tail: cannot open ${qaAlways(f)} for reading: ${errText(e)}`);
        status = 1;
        continue;
      }
      if (headers) await out(io, `${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
      first = false;
      if (bytes) await out(io, count.sign === '+' ? text.slice(Math.max(0, count.n - 1)) : text.slice(Math.max(0, text.length - count.n)));
      else {
        const parts = text.split(/(?<=\n)/).filter((x) => x !== '');
        await out(io, (count.sign === '+' ? parts.slice(Math.max(0, count.n - 1)) : count.n === 0 ? [] : parts.slice(-count.n)).join(''));
      }
    }
    return status;
  });

export const wc: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('wc', argv, { flags: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' } });
    let sel = ['l', 'w', 'm', 'c', 'L'].filter((k) => has(p, k));
    if (!sel.length) sel = ['l', 'w', 'c'];
    const files = p.operands.length ? p.operands : ['-'];
    const rows: { counts: number[]; name: string }[] = [];
    let status = 0;
    let allFiles = true;
    let sizeSum = 0;
    for (const f of files) {
      let text: string;
      try {
        text = await readInput(io, f);
      } catch (e) {
        await err(io, `wc: ${qa(f)}: ${errText(e)}`);
        status = 1;
        continue;
      }
      if (f === '-') allFiles = false;
      const b = utf8Length(text);
      sizeSum += b;
      const c: Record<string, number> = {
        l: (text.match(/\n/g) ?? []).length,
        w: (text.match(/\S+/g) ?? []).length,
        m: [...text].length,
        c: b,
        L: Math.max(0, ...text.split('\n').map((l) => l.length)),
      };
      rows.push({ counts: sel.map((k) => c[k]), name: f === '-' ? '' : f });
    }
    if (rows.length > 1) rows.push({ counts: sel.map((_, i) => rows.reduce((a, r) => a + r.counts[i], 0)), name: 'total' });
    // GNU sizes the columns from the total bytes of regular files; 7 when reading a pipe.
    const width = sel.length === 1 && rows.length === 1 ? 1 : allFiles ? String(sizeSum).length : 7;
    await out(io, rows.map((r) => r.counts.map((n) => String(n).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n').join(''));
    return status;
  });

export const tee: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('tee', argv, { flags: 'ai', long: { append: 'a' } });
    let status = 0;
    const targets: string[] = [];
    for (const f of p.operands) {
      const path = io.fs.resolve(io.cwd, f);
      try {
        io.fs.writeFile(path, '', { append: has(p, 'a') });
        targets.push(path);
      } catch (e) {
        await err(io, `tee: ${qa(f)}: ${errText(e)}`);
        status = 1;
      }
    }
    for (;;) {
      const chunk = await io.stdin.read();
      if (chunk === null) break;
      for (const t of targets) {
        try {
          io.fs.writeFile(t, chunk, { append: true });
        } catch {
          // The file vanished meanwhile; keep copying to the others.
        }
      }
      await out(io, chunk);
    }
    return status;
  });

async function readAllInputs(prog: string, io: ProgramIO, files: string[], fmt: (f: string, e: unknown) => string): Promise<{ text: string; status: number }> {
  let text = '';
  let status = 0;
  for (const f of files.length ? files : ['-']) {
    try {
      const t = await readInput(io, f);
      text += t && !t.endsWith('\n') ? t + '\n' : t;
    } catch (e) {
      await err(io, fmt(f, e));
      status = prog === 'sort' ? 2 : 1;
    }
  }
  return { text, status };
}

/** The key of a line for `sort -k`: fields split at blank-to-nonblank boundaries (or `-t`). */
function sortKey(line: string, k: string | undefined, sep: string | undefined): string {
  if (!k) return line;
  const m = /^(\d+)(?:\.(\d+))?[a-zA-Z]*(?:,(\d+)(?:\.(\d+))?[a-zA-Z]*)?$/.exec(k);
  if (!m) return line;
  const start = Number(m[1]);
  const end = m[3] ? Number(m[3]) : undefined;
  let fields: string[];
  if (sep !== undefined) fields = line.split(sep);
  else fields = line.match(/\s*\S+/g) ?? [];
  const sel = fields.slice(start - 1, end ?? fields.length);
  let key = sel.join(sep ?? '');
  if (m[2] && sel.length) key = key.slice(Number(m[2]) - 1);
  return sep === undefined ? key : key;
}

function leadingNumber(s: string): number {
  const m = /^\s*([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

export const sort: Program = (argv, io) =>
  withUsage(io, 2, async () => {
    const p = getopt('sort', argv, { flags: 'nrufbhVMsc', args: 'kto', long: { 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'ignore-case': 'f', 'key=': 'k', 'field-separator=': 't', 'human-numeric-sort': 'h', 'version-sort': 'V' } });
    const { text, status } = await readAllInputs('sort', io, p.operands, (f, e) => `sort: cannot read: ${qa(f)}: ${errText(e)}`);
    if (status) return status;
    const sep = last(p, 't');
    if (sep !== undefined && sep.length !== 1) {
      await err(io, sep === '' ? 'sort: empty tab' : `sort: multi-character tab ${q(sep)}`);
      return 2;
    }
    const keys = p.opts.get('k');
    const numeric = has(p, 'n') || has(p, 'h');
    const fold = has(p, 'f');
    const key = (l: string) => {
      let k = sortKey(l, keys?.[0], sep);
      if (has(p, 'b')) k = k.trimStart();
      return fold ? k.toUpperCase() : k;
    };
    const cmp = (a: string, b: string): number => {
      const ka = key(a);
      const kb = key(b);
      let c = 0;
      if (numeric) c = has(p, 'h') ? humanNum(ka) - humanNum(kb) : leadingNumber(ka) - leadingNumber(kb);
      else if (has(p, 'V')) c = ka.localeCompare(kb, 'en', { numeric: true });
      else c = byteCompare(ka, kb);
      if (c === 0 && !has(p, 'u') && !has(p, 's')) c = byteCompare(a, b);
      return has(p, 'r') ? -c : c;
    };
    let ls = lines(text).sort(cmp);
    if (has(p, 'u')) ls = ls.filter((l, i) => i === 0 || cmp(ls[i - 1], l) !== 0);
    const result = ls.map((l) => l + '\n').join('');
    const o = last(p, 'o');
    if (o !== undefined) io.fs.writeFile(io.fs.resolve(io.cwd, o), result);
    else await out(io, result);
    return 0;
  });

function humanNum(s: string): number {
  const m = /^\s*([-+]?\d*\.?\d+)([KMGTPE]?)/i.exec(s);
  if (!m) return 0;
  return Number(m[1]) * 1024 ** ' KMGTPE'.indexOf(m[2].toUpperCase() || ' ');
}

export const uniq: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('uniq', argv, { flags: 'cdui', args: 'fs', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } });
    const [input = '-', output] = p.operands;
    let text: string;
    try {
      text = await readInput(io, input);
    } catch (e) {
      await err(io, `uniq: ${qa(input)}: ${errText(e)}`);
      return 1;
    }
    const skipFields = Number(last(p, 'f') ?? 0);
    const skipChars = Number(last(p, 's') ?? 0);
    const norm = (l: string) => {
      let k = l;
      for (let i = 0; i < skipFields; i++) k = k.replace(/^\s*\S+/, '');
      k = k.slice(skipChars);
      return has(p, 'i') ? k.toLowerCase() : k;
    };
    const groups: { line: string; n: number }[] = [];
    for (const l of lines(text)) {
      const g = groups[groups.length - 1];
      if (g && norm(g.line) === norm(l)) g.n++;
      else groups.push({ line: l, n: 1 });
    }
    const kept = groups.filter((g) => (has(p, 'd') ? g.n > 1 : true) && (has(p, 'u') ? g.n === 1 : true));
    const result = kept.map((g) => (has(p, 'c') ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`)).join('');
    if (output !== undefined) io.fs.writeFile(io.fs.resolve(io.cwd, output), result);
    else await out(io, result);
    return 0;
  });

/** Parses a cut LIST (`1,3-5,7-`) into a membership test, or an error text. */
function parseList(list: string): ((n: number) => boolean) | string {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '' )) return part === '' || part === '-' ? 'invalid range with no endpoint: -' : `invalid field value ${q(part)}`;
    const a = m[1] === '' ? 1 : Number(m[1]);
    const b = m[2] ? (m[3] === '' ? Infinity : Number(m[3])) : a;
    if (a === 0 || b === 0) return 'fields and positions are numbered from 1';
    if (b < a) return 'invalid decreasing range';
    ranges.push([a, b]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('cut', argv, { flags: 'sn', args: 'dfcb', long: { 'delimiter=': 'd', 'fields=': 'f', 'characters=': 'c', 'bytes=': 'b', 'only-delimited': 's', 'output-delimiter=': 'O' } });
    const modes = ['f', 'c', 'b'].filter((k) => has(p, k));
    if (!modes.length) {
      await err(io, "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.");
      return 1;
    }
    if (modes.length > 1) {
      await err(io, "cut: only one type of list may be specified\nTry 'cut --help' for more information.");
      return 1;
    }
    const mode = modes[0];
    const delim = last(p, 'd') ?? '\t';
    if (delim.length !== 1) {
      await err(io, "cut: the delimiter must be a single character\nTry 'cut --help' for more information.");
      return 1;
    }
    if (has(p, 'd') && mode !== 'f') {
      await err(io, "cut: an input delimiter may be specified only when operating on fields\nTry 'cut --help' for more information.");
      return 1;
    }
    const sel = parseList(last(p, mode)!);
    if (typeof sel === 'string') {
      await err(io, `cut: ${sel}\nTry 'cut --help' for more information.`);
      return 1;
    }
    const outDelim = last(p, 'O') ?? delim;
    const { text, status } = await readAllInputs('cut', io, p.operands, (f, e) => `cut: ${qa(f)}: ${errText(e)}`);
    let result = '';
    for (const l of lines(text)) {
      if (mode === 'f') {
        if (!l.includes(delim)) {
          if (!has(p, 's')) result += l + '\n';
          continue;
        }
        result += l.split(delim).filter((_, i) => sel(i + 1)).join(outDelim) + '\n';
      } else result += [...l].filter((_, i) => sel(i + 1)).join('') + '\n';
    }
    await out(io, result);
    return status;
  });

/** Expands a tr SET: ranges, classes, escapes, `[c*n]` repeats. */
function trSet(s: string): string[] | string {
  const outChars: string[] = [];
  const classes: Record<string, string> = {
    upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', lower: 'abcdefghijklmnopqrstuvwxyz', digit: '0123456789',
    space: ' \t\n\r\f\v', blank: ' \t', punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  };
  classes.alpha = classes.upper + classes.lower;
  classes.alnum = classes.alpha + classes.digit;
  classes.xdigit = '0123456789ABCDEFabcdef';
  const chars: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const n = s[++i];
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
      const oct = /^[0-7]{1,3}/.exec(s.slice(i));
      if (oct) {
        chars.push(String.fromCharCode(parseInt(oct[0], 8)));
        i += oct[0].length - 1;
      } else chars.push(map[n] ?? n);
      continue;
    }
    const cls = /^\[:(\w+):\]/.exec(s.slice(i));
    if (cls) {
      if (!(cls[1] in classes)) return `invalid character class ${q(cls[1])}`;
      chars.push(...classes[cls[1]]);
      i += cls[0].length - 1;
      continue;
    }
    chars.push(c);
  }
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const a = chars[i].codePointAt(0)!;
      const b = chars[i + 2].codePointAt(0)!;
      if (b < a) return `range-endpoints of '${chars[i]}-${chars[i + 2]}' are in reverse collating sequence order`;
      for (let x = a; x <= b && outChars.length < 100000; x++) outChars.push(String.fromCodePoint(x));
      i += 2;
    } else outChars.push(chars[i]);
  }
  return outChars;
}

export const tr: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('tr', argv, { flags: 'dscCt', long: { delete: 'd', 'squeeze-repeats': 's', complement: 'c' } });
    const del = has(p, 'd');
    const squeeze = has(p, 's');
    const [s1, s2] = p.operands;
    if (s1 === undefined) {
      await err(io, "tr: missing operand\nTry 'tr --help' for more information.");
      return 1;
    }
    if (!del && !squeeze && s2 === undefined) {
      await err(io, `tr: missing operand after ${qaAlways(s1)}\nTwo strings must be given when translating.\nTry 'tr --help' for more information.`);
      return 1;
    }
    if (p.operands.length > (del && !squeeze ? 1 : 2)) {
      await err(io, `tr: extra operand ${qaAlways(p.operands[del && !squeeze ? 1 : 2])}\nTry 'tr --help' for more information.`);
      return 1;
    }
    const set1 = trSet(s1);
    const set2 = s2 === undefined ? [] : trSet(s2);
    if (typeof set1 === 'string' || typeof set2 === 'string') {
      await err(io, `tr: ${typeof set1 === 'string' ? set1 : set2}`);
      return 1;
    }
    const complement = has(p, 'c') || has(p, 'C');
    const in1 = (c: string) => set1.includes(c) !== complement;
    const map = new Map<string, string>();
    if (!del && set2.length && !complement) set1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)]));
    const squeezeSet = del ? set2 : s2 !== undefined ? set2 : set1;
    for (;;) {
      const chunk = await io.stdin.read();
      if (chunk === null) break;
      let res = '';
      let prev = '';
      for (const c of chunk) {
        let o: string | null = c;
        if (del && in1(c)) o = null;
        else if (!del && s2 !== undefined) o = complement ? (in1(c) ? set2[set2.length - 1] ?? c : c) : (map.get(c) ?? c);
        if (o === null) continue;
        if (squeeze && o === prev && squeezeSet.includes(o)) continue;
        res += o;
        prev = o;
      }
      await out(io, res);
    }
    return 0;
  });

export const seq: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    // Negative numbers are operands, not options.
    const args = argv.slice(1);
    let sep = '\n';
    let equal = false;
    let fmt: string | undefined;
    const nums: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-s') sep = args[++i] ?? '';
      else if (a.startsWith('-s') && !/^-\d/.test(a)) sep = a.slice(2);
      else if (a === '-w') equal = true;
      else if (a === '-f') fmt = args[++i];
      else if (a.startsWith('-') && a.length > 1 && !/^-[\d.]/.test(a)) {
        await err(io, `seq: invalid option -- '${a[1]}'\nTry 'seq --help' for more information.`);
        return 1;
      } else nums.push(a);
    }
    if (!nums.length) {
      await err(io, "seq: missing operand\nTry 'seq --help' for more information.");
      return 1;
    }
    if (nums.length > 3) {
      await err(io, `seq: extra operand ${qaAlways(nums[3])}\nTry 'seq --help' for more information.`);
      return 1;
    }
    for (const n of nums) {
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(n)) {
        await err(io, `seq: invalid floating point argument: ${q(n)}\nTry 'seq --help' for more information.`);
        return 1;
      }
    }
    const [first, inc, lastN] = nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : nums;
    const a = Number(first);
    const d = Number(inc);
    const b = Number(lastN);
    if (d === 0) {
      await err(io, `seq: invalid Zero increment value: ${q(inc)}\nTry 'seq --help' for more information.`);
      return 1;
    }
    const decimals = Math.max(...[first, inc].map((s) => (s.includes('.') ? s.split('.')[1].replace(/[eE].*/, '').length : 0)));
    const fmtNum = (v: number) => (fmt ? fmt.replace(/%[-+ #0]*\d*(\.\d+)?[gfe]/, (m) => (m.includes('.') ? v.toFixed(Number(m.split('.')[1].replace(/\D/g, ''))) : String(v))) : decimals ? v.toFixed(decimals) : String(v));
    const values: string[] = [];
    for (let i = 0; ; i++) {
      const v = a + i * d;
      if ((d > 0 && v > b + 1e-10) || (d < 0 && v < b - 1e-10)) break;
      values.push(fmtNum(v));
      if (values.length % 10000 === 0) {
        await out(io, values.splice(0).join(sep) + sep);
        await io.sleep(0);
        if (io.signal.aborted) return 130;
      }
    }
    const width = equal ? Math.max(...values.map((v) => v.length), fmtNum(b).length) : 0;
    const shown = equal ? values.map((v) => (v.startsWith('-') ? '-' + v.slice(1).padStart(width - 1, '0') : v.padStart(width, '0'))) : values;
    if (shown.length) await out(io, shown.join(sep) + '\n');
    return 0;
  });

export const basename: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('basename', argv, { flags: 'az', args: 's', long: { multiple: 'a', 'suffix=': 's', zero: 'z' } });
    if (!p.operands.length) {
      await err(io, "basename: missing operand\nTry 'basename --help' for more information.");
      return 1;
    }
    const multiple = has(p, 'a') || has(p, 's');
    if (!multiple && p.operands.length > 2) {
      await err(io, `basename: extra operand ${qaAlways(p.operands[2])}\nTry 'basename --help' for more information.`);
      return 1;
    }
    const suffix = last(p, 's') ?? (multiple ? undefined : p.operands[1]);
    const names = multiple ? p.operands : [p.operands[0]];
    const end = has(p, 'z') ? '\0' : '\n';
    await out(io, names.map((n) => {
      let b = baseOf(n);
      if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
      return b + end;
    }).join(''));
    return 0;
  });

export const dirname: Program = (argv, io) =>
  withUsage(io, 1, async () => {
    const p = getopt('dirname', argv, { flags: 'z' });
    if (!p.operands.length) {
      await err(io, "dirname: missing operand\nTry 'dirname --help' for more information.");
      return 1;
    }
    await out(io, p.operands.map((n) => dirOf(n) + (has(p, 'z') ? '\0' : '\n')).join(''));
    return 0;
  });
