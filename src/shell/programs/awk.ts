// awk: a small interpreter for what learners type — `{print $1}`, `-F:`, `NR==1`, `$NF`,
// `/re/`, BEGIN/END, sums into variables and arrays, printf, if/else, for, while, next, exit,
// length/substr/index/split/toupper/tolower/sprintf/gsub/sub. Walks its own syntax tree; no eval.
import { formatPrintf } from '../builtins/printf';
import { readAll } from '../streams';
import type { Program } from '../types';
import { compilePosix } from './regex';
import { err, errText, out } from './util';

type Val = string | number;
type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; re: RegExp }
  | { k: 'var'; name: string }
  | { k: 'idx'; name: string; index: Node[] }
  | { k: 'field'; e: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'un'; op: string; e: Node }
  | { k: 'assign'; op: string; lv: Node; e: Node }
  | { k: 'incdec'; op: string; prefix: boolean; lv: Node }
  | { k: 'cond'; c: Node; a: Node; b: Node }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'in'; key: Node; arr: string }
  | { k: 'group'; e: Node };
type Stmt =
  | { k: 'print'; args: Node[]; printf: boolean; dest?: { op: string; e: Node } }
  | { k: 'expr'; e: Node }
  | { k: 'if'; c: Node; a: Stmt; b?: Stmt }
  | { k: 'while'; c: Node; body: Stmt }
  | { k: 'for'; init?: Stmt; c?: Node; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; e?: Node }
  | { k: 'delete'; name: string; index?: Node[] };
interface Rule {
  kind: 'begin' | 'end' | 'main';
  pattern?: Node;
  pattern2?: Node;
  action?: Stmt[];
  inRange?: boolean;
}

class AwkError extends Error {}
class NextSignal {}
class ExitSignal {
  constructor(readonly code: number) {}
}

type Tok = { t: 'num' | 'str' | 're' | 'name' | 'func' | 'op' | 'nl' | 'eof'; v: string };

const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'while', 'for', 'in', 'next', 'exit', 'delete', 'getline', 'do', 'return', 'function']);
const BUILTIN_FUNCS = new Set(['length', 'substr', 'index', 'split', 'toupper', 'tolower', 'sprintf', 'gsub', 'sub', 'match', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system']);

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const regexAllowed = () => {
    const p = toks[toks.length - 1];
    if (!p) return true;
    if (p.t === 'num' || p.t === 'str' || p.t === 'name' || p.t === 're') return false;
    if (p.t === 'op' && (p.v === ')' || p.v === ']' || p.v === '$' || p.v === '++' || p.v === '--')) return false;
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      toks.push({ t: 'nl', v: c });
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0[xX][0-9a-fA-F]+)/.exec(src.slice(i));
    if (num) {
      toks.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(src.slice(i));
    if (name) {
      i += name[0].length;
      toks.push({ t: BUILTIN_FUNCS.has(name[0]) ? 'func' : 'name', v: name[0] });
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[++i];
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[n] ?? '\\' + n;
        } else s += src[i];
        i++;
      }
      if (i >= src.length) throw new AwkError('non-terminated string');
      i++;
      toks.push({ t: 'str', v: s });
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') {
          s += '/';
          i += 2;
          continue;
        }
        if (src[i] === '\n') throw new AwkError('non-terminated regular expression');
        s += src[i++];
      }
      if (i >= src.length) throw new AwkError('non-terminated regular expression');
      i++;
      toks.push({ t: 're', v: s });
      continue;
    }
    const op = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**'].find((o) => src.startsWith(o, i)) ?? c;
    if (!'+-*/%^=<>!~?:,(){}[]$|'.includes(op[0])) throw new AwkError(`syntax error at source line 1 near ${op}`);
    toks.push({ t: 'op', v: op === '**' ? '^' : op });
    i += op.length;
  }
  toks.push({ t: 'eof', v: '' });
  return toks;
}

class Parser {
  i = 0;
  constructor(private toks: Tok[]) {}
  peek(o = 0) {
    return this.toks[Math.min(this.i + o, this.toks.length - 1)];
  }
  next() {
    return this.toks[Math.min(this.i++, this.toks.length - 1)];
  }
  isOp(v: string) {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  expect(v: string) {
    const t = this.next();
    if (t.t !== 'op' || t.v !== v) throw new AwkError(`syntax error at source line 1: expected ${v}${t.v ? ` near ${t.v}` : ''}`);
  }
  skipNl() {
    while (this.peek().t === 'nl') this.i++;
  }
  program(): Rule[] {
    const rules: Rule[] = [];
    this.skipNl();
    while (this.peek().t !== 'eof') {
      const t = this.peek();
      if (t.t === 'name' && (t.v === 'BEGIN' || t.v === 'END')) {
        this.next();
        this.skipNl();
        rules.push({ kind: t.v === 'BEGIN' ? 'begin' : 'end', action: this.block() });
      } else if (this.isOp('{')) rules.push({ kind: 'main', action: this.block() });
      else {
        const pattern = this.expr();
        let pattern2: Node | undefined;
        if (this.isOp(',')) {
          this.next();
          pattern2 = this.expr();
        }
        rules.push({ kind: 'main', pattern, pattern2, action: this.isOp('{') ? this.block() : undefined });
      }
      this.skipNl();
    }
    return rules;
  }
  block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.skipNl();
    while (!this.isOp('}')) {
      if (this.peek().t === 'eof') throw new AwkError('syntax error at source line 1: unexpected end of program');
      body.push(this.stmt());
      this.skipNl();
    }
    this.next();
    return body;
  }
  simpleOrBlock(): Stmt {
    this.skipNl();
    if (this.isOp('{')) return { k: 'block', body: this.block() };
    return this.stmt();
  }
  stmt(): Stmt {
    const t = this.peek();
    if (t.t === 'op' && t.v === '{') return { k: 'block', body: this.block() };
    if (t.t === 'name') {
      switch (t.v) {
        case 'print':
        case 'printf': {
          this.next();
          let args: Node[] = [];
          const paren = this.isOp('(');
          if (!this.endOfSimple()) {
            if (paren) {
              const save = this.i;
              this.next();
              args = this.exprList(false);
              if (this.isOp(')')) {
                this.next();
                if (!this.endOfSimple() && !this.isOp('>') && !this.isOp('>>') && !this.isOp('|')) {
                  this.i = save;
                  args = this.exprList(true);
                }
              } else {
                this.i = save;
                args = this.exprList(true);
              }
            } else args = this.exprList(true);
          }
          let dest: { op: string; e: Node } | undefined;
          if (this.isOp('>') || this.isOp('>>') || this.isOp('|')) {
            const op = this.next().v;
            dest = { op, e: this.concat(true) };
          }
          return { k: 'print', args, printf: t.v === 'printf', dest };
        }
        case 'if': {
          this.next();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          const a = this.simpleOrBlock();
          const save = this.i;
          this.skipNl();
          if (this.peek().t === 'name' && this.peek().v === 'else') {
            this.next();
            return { k: 'if', c, a, b: this.simpleOrBlock() };
          }
          this.i = save;
          return { k: 'if', c, a };
        }
        case 'while': {
          this.next();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          return { k: 'while', c, body: this.simpleOrBlock() };
        }
        case 'for': {
          this.next();
          this.expect('(');
          if (this.peek().t === 'name' && this.peek(1).t === 'name' && this.peek(1).v === 'in') {
            const v = this.next().v;
            this.next();
            const arr = this.next().v;
            this.expect(')');
            return { k: 'forin', v, arr, body: this.simpleOrBlock() };
          }
          const init = this.peek().t === 'nl' ? undefined : this.stmt();
          if (this.next().t !== 'nl') throw new AwkError('syntax error in for');
          const c = this.peek().t === 'nl' ? undefined : this.expr();
          if (this.next().t !== 'nl') throw new AwkError('syntax error in for');
          const step = this.isOp(')') ? undefined : this.stmt();
          this.expect(')');
          return { k: 'for', init, c, step, body: this.simpleOrBlock() };
        }
        case 'next':
          this.next();
          return { k: 'next' };
        case 'exit': {
          this.next();
          return { k: 'exit', e: this.endOfSimple() ? undefined : this.expr() };
        }
        case 'delete': {
          this.next();
          const name = this.next().v;
          if (this.isOp('[')) {
            this.next();
            const index = this.exprList(false);
            this.expect(']');
            return { k: 'delete', name, index };
          }
          return { k: 'delete', name };
        }
      }
    }
    return { k: 'expr', e: this.expr() };
  }
  endOfSimple() {
    const t = this.peek();
    return t.t === 'nl' || t.t === 'eof' || (t.t === 'op' && t.v === '}');
  }
  exprList(noGt: boolean): Node[] {
    const list = [this.expr(noGt)];
    while (this.isOp(',')) {
      this.next();
      this.skipNl();
      list.push(this.expr(noGt));
    }
    return list;
  }
  expr(noGt = false): Node {
    return this.ternary(noGt);
  }
  ternary(noGt: boolean): Node {
    const c = this.or(noGt);
    if (this.isOp('?')) {
      this.next();
      const a = this.ternary(noGt);
      this.expect(':');
      const b = this.ternary(noGt);
      return { k: 'cond', c, a, b };
    }
    if (this.peek().t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(this.peek().v) && (c.k === 'var' || c.k === 'idx' || c.k === 'field')) {
      const op = this.next().v;
      return { k: 'assign', op, lv: c, e: this.ternary(noGt) };
    }
    return c;
  }
  or(noGt: boolean): Node {
    let a = this.and(noGt);
    while (this.isOp('||')) {
      this.next();
      this.skipNl();
      a = { k: 'bin', op: '||', a, b: this.and(noGt) };
    }
    return a;
  }
  and(noGt: boolean): Node {
    let a = this.inExpr(noGt);
    while (this.isOp('&&')) {
      this.next();
      this.skipNl();
      a = { k: 'bin', op: '&&', a, b: this.inExpr(noGt) };
    }
    return a;
  }
  inExpr(noGt: boolean): Node {
    let a = this.match(noGt);
    while (this.peek().t === 'name' && this.peek().v === 'in') {
      this.next();
      a = { k: 'in', key: a, arr: this.next().v };
    }
    return a;
  }
  match(noGt: boolean): Node {
    let a = this.compare(noGt);
    while (this.isOp('~') || this.isOp('!~')) {
      const op = this.next().v;
      a = { k: 'bin', op, a, b: this.compare(noGt) };
    }
    return a;
  }
  compare(noGt: boolean): Node {
    const a = this.concat(noGt);
    const t = this.peek();
    if (t.t === 'op' && ['<', '<=', '==', '!=', '>=', ...(noGt ? [] : ['>'])].includes(t.v)) {
      this.next();
      return { k: 'bin', op: t.v, a, b: this.concat(noGt) };
    }
    return a;
  }
  concat(noGt: boolean): Node {
    let a = this.additive();
    for (;;) {
      const t = this.peek();
      const starts = t.t === 'num' || t.t === 'str' || t.t === 'name' && !KEYWORDS.has(t.v) || t.t === 'func' || (t.t === 'op' && (t.v === '$' || t.v === '(' || t.v === '!' || t.v === '-' && false)) || t.t === 're';
      if (!starts || (t.t === 'name' && t.v === 'in')) return a;
      a = { k: 'bin', op: 'concat', a, b: this.additive() };
      void noGt;
    }
  }
  additive(): Node {
    let a = this.mul();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().v;
      a = { k: 'bin', op, a, b: this.mul() };
    }
    return a;
  }
  mul(): Node {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().v;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }
  unary(): Node {
    if (this.isOp('!') || this.isOp('-') || this.isOp('+')) {
      const op = this.next().v;
      return { k: 'un', op, e: this.unary() };
    }
    return this.power();
  }
  power(): Node {
    const a = this.postfix();
    if (this.isOp('^')) {
      this.next();
      return { k: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }
  postfix(): Node {
    if (this.isOp('++') || this.isOp('--')) {
      const op = this.next().v;
      return { k: 'incdec', op, prefix: true, lv: this.primary() };
    }
    const e = this.primary();
    if ((e.k === 'var' || e.k === 'idx' || e.k === 'field') && (this.isOp('++') || this.isOp('--'))) {
      return { k: 'incdec', op: this.next().v, prefix: false, lv: e };
    }
    return e;
  }
  primary(): Node {
    const t = this.next();
    switch (t.t) {
      case 'num':
        return { k: 'num', v: Number(t.v) };
      case 'str':
        return { k: 'str', v: t.v };
      case 're':
        return { k: 're', re: compilePosix(t.v, true, '') };
      case 'func': {
        const args: Node[] = [];
        if (this.isOp('(')) {
          this.next();
          if (!this.isOp(')')) args.push(...this.exprList(false));
          this.expect(')');
        }
        return { k: 'call', name: t.v, args };
      }
      case 'name':
        if (KEYWORDS.has(t.v)) throw new AwkError(`syntax error at source line 1 near ${t.v}`);
        if (this.isOp('[')) {
          this.next();
          const index = this.exprList(false);
          this.expect(']');
          return { k: 'idx', name: t.v, index };
        }
        return { k: 'var', name: t.v };
      case 'op':
        if (t.v === '$') return { k: 'field', e: this.postfixNoInc() };
        if (t.v === '(') {
          const e = this.expr();
          this.expect(')');
          return { k: 'group', e };
        }
    }
    throw new AwkError(`syntax error at source line 1${t.v ? ` near ${t.v}` : ''}`);
  }
  postfixNoInc(): Node {
    if (this.isOp('-') || this.isOp('!')) {
      const op = this.next().v;
      return { k: 'un', op, e: this.primary() };
    }
    return this.primary();
  }
}

const looksNumeric = (s: string) => /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s);
const toNum = (v: Val): number => (typeof v === 'number' ? v : Number(/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(v)?.[0] ?? 0));
const toStr = (v: Val, fmt = '%.6g'): string => {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return formatPrintf(fmt, [String(v)]).out;
};
const truthy = (v: Val) => (typeof v === 'number' ? v !== 0 : v !== '');

export const awk: Program = async (argv, io) => {
  let fs: string | undefined;
  const assigns: [string, string][] = [];
  let src: string | undefined;
  const files: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '-F') fs = argv[++k];
    else if (a.startsWith('-F')) fs = a.slice(2);
    else if (a === '-v') {
      const kv = argv[++k] ?? '';
      const eq = kv.indexOf('=');
      if (eq > 0) assigns.push([kv.slice(0, eq), kv.slice(eq + 1)]);
    } else if (a === '-f') {
      try {
        src = io.fs.readFile(io.fs.resolve(io.cwd, argv[++k] ?? ''));
      } catch (e) {
        await err(io, `awk: fatal: can't open source file \`${argv[k]}' for reading: ${errText(e)}`);
        return 2;
      }
    } else if (a === '--') continue;
    else if (src === undefined) src = a;
    else files.push(a);
  }
  if (src === undefined) {
    await err(io, 'Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] [--] \'program\' file ...');
    return 2;
  }
  let rules: Rule[];
  try {
    rules = new Parser(tokenize(src)).program();
  } catch (e) {
    await err(io, `awk: cmd. line:1: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const vars = new Map<string, Val>([['OFS', ' '], ['ORS', '\n'], ['NR', 0], ['NF', 0], ['FNR', 0], ['SUBSEP', '\x1c'], ['RS', '\n']]);
  vars.set('FS', fs === undefined ? ' ' : fs === 't' ? '\t' : fs.replace(/\\t/g, '\t'));
  for (const [k, v] of assigns) vars.set(k, v);
  const arrays = new Map<string, Map<string, Val>>();
  let fields: string[] = [''];
  let output = '';
  const flush = async () => {
    if (output) await out(io, output);
    output = '';
  };
  const files2 = new Map<string, string>();
  const arr = (name: string) => {
    let a = arrays.get(name);
    if (!a) arrays.set(name, (a = new Map()));
    return a;
  };
  const splitRecord = (line: string) => {
    const FS = toStr(vars.get('FS') ?? ' ');
    let f: string[];
    if (line === '') f = [];
    else if (FS === ' ') f = line.trim().split(/[ \t\n]+/).filter((x) => x !== '');
    else if (FS.length === 1 && FS !== '\\') f = line.split(FS);
    else f = line.split(compilePosix(FS, true, ''));
    fields = [line, ...f];
    vars.set('NF', f.length);
  };
  const rebuild = () => {
    const nf = toNum(vars.get('NF') ?? 0);
    fields.length = Math.max(1, nf + 1);
    for (let k = 1; k < fields.length; k++) fields[k] ??= '';
    fields[0] = fields.slice(1).join(toStr(vars.get('OFS') ?? ' '));
  };
  const getField = (n: number): Val => {
    if (n < 0) throw new AwkError(`attempt to access field ${n}`);
    return fields[n] ?? '';
  };
  const keyOf = async (index: Node[]) => (await Promise.all(index.map(evalNode))).map((v) => toStr(v)).join(toStr(vars.get('SUBSEP') ?? '\x1c'));
  const setLv = async (lv: Node, v: Val) => {
    if (lv.k === 'var') {
      vars.set(lv.name, v);
      if (lv.name === 'NF') rebuild();
    } else if (lv.k === 'idx') arr(lv.name).set(await keyOf(lv.index), v);
    else if (lv.k === 'field') {
      const n = Math.trunc(toNum(await evalNode(lv.e)));
      if (n === 0) splitRecord(toStr(v));
      else {
        while (fields.length <= n) fields.push('');
        fields[n] = toStr(v);
        if (n > toNum(vars.get('NF') ?? 0)) vars.set('NF', n);
        rebuild();
      }
    }
  };
  const getLv = async (lv: Node): Promise<Val> => evalNode(lv);
  const compare = (a: Val, b: Val, aNode: Node, bNode: Node): number => {
    const numeric = (v: Val, n: Node) => typeof v === 'number' || (n.k === 'field' || n.k === 'idx' || n.k === 'var') && looksNumeric(v);
    if (numeric(a, aNode) && numeric(b, bNode)) return toNum(a) - toNum(b);
    const sa = toStr(a);
    const sb = toStr(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  };
  const evalNode = async (n: Node): Promise<Val> => {
    switch (n.k) {
      case 'num': return n.v;
      case 'str': return n.v;
      case 're': return n.re.test(fields[0]) ? 1 : 0;
      case 'group': return evalNode(n.e);
      case 'var': return n.name === 'NF' ? (vars.get('NF') ?? 0) : (vars.get(n.name) ?? '');
      case 'idx': return arr(n.name).get(await keyOf(n.index)) ?? '';
      case 'field': return getField(Math.trunc(toNum(await evalNode(n.e))));
      case 'in': return arr(n.arr).has(toStr(await evalNode(n.key))) ? 1 : 0;
      case 'cond': return truthy(await evalNode(n.c)) ? evalNode(n.a) : evalNode(n.b);
      case 'un': {
        const v = await evalNode(n.e);
        return n.op === '!' ? (truthy(v) ? 0 : 1) : n.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const old = toNum(await getLv(n.lv));
        const nv = n.op === '++' ? old + 1 : old - 1;
        await setLv(n.lv, nv);
        return n.prefix ? nv : old;
      }
      case 'assign': {
        let v = await evalNode(n.e);
        if (n.op !== '=') {
          const a = toNum(await getLv(n.lv));
          const b = toNum(v);
          v = n.op === '+=' ? a + b : n.op === '-=' ? a - b : n.op === '*=' ? a * b : n.op === '/=' ? div(a, b) : n.op === '%=' ? a % b : a ** b;
        }
        await setLv(n.lv, v);
        return v;
      }
      case 'bin': {
        if (n.op === '&&') return truthy(await evalNode(n.a)) && truthy(await evalNode(n.b)) ? 1 : 0;
        if (n.op === '||') return truthy(await evalNode(n.a)) || truthy(await evalNode(n.b)) ? 1 : 0;
        if (n.op === '~' || n.op === '!~') {
          const s = toStr(await evalNode(n.a));
          const re = n.b.k === 're' ? n.b.re : compilePosix(toStr(await evalNode(n.b)), true, '');
          return re.test(s) === (n.op === '~') ? 1 : 0;
        }
        const a = await evalNode(n.a);
        const b = await evalNode(n.b);
        switch (n.op) {
          case 'concat': return toStr(a, toStr(vars.get('CONVFMT') ?? '%.6g')) + toStr(b, toStr(vars.get('CONVFMT') ?? '%.6g'));
          case '+': return toNum(a) + toNum(b);
          case '-': return toNum(a) - toNum(b);
          case '*': return toNum(a) * toNum(b);
          case '/': return div(toNum(a), toNum(b));
          case '%': return toNum(a) % toNum(b);
          case '^': return toNum(a) ** toNum(b);
          case '<': return compare(a, b, n.a, n.b) < 0 ? 1 : 0;
          case '<=': return compare(a, b, n.a, n.b) <= 0 ? 1 : 0;
          case '>': return compare(a, b, n.a, n.b) > 0 ? 1 : 0;
          case '>=': return compare(a, b, n.a, n.b) >= 0 ? 1 : 0;
          case '==': return compare(a, b, n.a, n.b) === 0 ? 1 : 0;
          case '!=': return compare(a, b, n.a, n.b) !== 0 ? 1 : 0;
        }
        return 0;
      }
      case 'call':
        return call(n.name, n.args);
    }
  };
  const div = (a: number, b: number) => {
    if (b === 0) throw new AwkError('division by zero');
    return a / b;
  };
  const call = async (name: string, args: Node[]): Promise<Val> => {
    const v = async (i: number) => (args[i] ? evalNode(args[i]) : i === 0 ? fields[0] : '');
    switch (name) {
      case 'length': {
        if (args[0]?.k === 'var' && arrays.has(args[0].name)) return arrays.get(args[0].name)!.size;
        return [...toStr(await v(0))].length;
      }
      case 'substr': {
        const s = toStr(await v(0));
        const start = Math.round(toNum(await v(1)));
        const len = args[2] ? Math.round(toNum(await v(2))) : Infinity;
        const from = Math.max(1, start);
        const to = len === Infinity ? s.length + 1 : start + len;
        return s.slice(from - 1, Math.max(from - 1, to - 1));
      }
      case 'index': return toStr(await v(0)).indexOf(toStr(await v(1))) + 1;
      case 'toupper': return toStr(await v(0)).toUpperCase();
      case 'tolower': return toStr(await v(0)).toLowerCase();
      case 'int': return Math.trunc(toNum(await v(0)));
      case 'sqrt': return Math.sqrt(toNum(await v(0)));
      case 'exp': return Math.exp(toNum(await v(0)));
      case 'log': return Math.log(toNum(await v(0)));
      case 'sin': return Math.sin(toNum(await v(0)));
      case 'cos': return Math.cos(toNum(await v(0)));
      case 'atan2': return Math.atan2(toNum(await v(0)), toNum(await v(1)));
      case 'rand': return 0.237788;
      case 'srand': return 0;
      case 'system': return 0;
      case 'sprintf': {
        const vals = await Promise.all(args.map(evalNode));
        return formatPrintf(toStr(vals[0] ?? ''), vals.slice(1).map((x) => toStr(x))).out;
      }
      case 'split': {
        const s = toStr(await v(0));
        const target = args[1]?.k === 'var' ? args[1].name : '';
        const sep = args[2] ? (args[2].k === 're' ? args[2].re : toStr(await v(2))) : toStr(vars.get('FS') ?? ' ');
        const parts = s === '' ? [] : sep === ' ' ? s.trim().split(/\s+/) : typeof sep === 'string' && sep.length === 1 ? s.split(sep) : s.split(typeof sep === 'string' ? compilePosix(sep, true, '') : sep);
        const a = new Map<string, Val>();
        parts.forEach((p2, i) => a.set(String(i + 1), p2));
        arrays.set(target, a);
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = args[0]?.k === 're' ? new RegExp(args[0].re.source, 'g') : new RegExp(compilePosix(toStr(await v(0)), true, '').source, 'g');
        const rep = toStr(await v(1));
        const lv = args[2] ?? { k: 'field', e: { k: 'num', v: 0 } } as Node;
        const s = toStr(await evalNode(lv));
        let count = 0;
        const res = s.replace(re, (m) => {
          if (name === 'sub' && count > 0) return m;
          count++;
          return rep.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? m : x === '\\&' ? '&' : '\\'));
        });
        if (count) await setLv(lv, res);
        return count;
      }
      case 'match': {
        const s = toStr(await v(0));
        const re = args[1]?.k === 're' ? args[1].re : compilePosix(toStr(await v(1)), true, '');
        const m = re.exec(s);
        vars.set('RSTART', m ? m.index + 1 : 0);
        vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
    }
    return '';
  };
  let steps = 0;
  const exec = async (s: Stmt): Promise<void> => {
    if (++steps % 4096 === 0) {
      await io.sleep(0);
      if (io.signal.aborted) throw new ExitSignal(130);
    }
    switch (s.k) {
      case 'expr':
        await evalNode(s.e);
        return;
      case 'print': {
        let text: string;
        if (s.printf) {
          const vals = await Promise.all(s.args.map(evalNode));
          text = formatPrintf(toStr(vals[0] ?? ''), vals.slice(1).map((x) => toStr(x))).out;
        } else {
          const vals = s.args.length ? await Promise.all(s.args.map(evalNode)) : [fields[0]];
          text = vals.map((x) => toStr(x, toStr(vars.get('OFMT') ?? '%.6g'))).join(toStr(vars.get('OFS') ?? ' ')) + toStr(vars.get('ORS') ?? '\n');
        }
        if (s.dest && s.dest.op !== '|') {
          const name = toStr(await evalNode(s.dest.e));
          const path = io.fs.resolve(io.cwd, name);
          if (!files2.has(path) && s.dest.op === '>') io.fs.writeFile(path, '');
          files2.set(path, name);
          io.fs.writeFile(path, text, { append: true });
        } else {
          output += text;
          if (output.length > 8192) await flush();
        }
        return;
      }
      case 'if':
        if (truthy(await evalNode(s.c))) await exec(s.a);
        else if (s.b) await exec(s.b);
        return;
      case 'while':
        while (truthy(await evalNode(s.c))) {
          await exec(s.body);
          if (++steps % 4096 === 0) {
            await io.sleep(0);
            if (io.signal.aborted) throw new ExitSignal(130);
          }
        }
        return;
      case 'for':
        if (s.init) await exec(s.init);
        while (!s.c || truthy(await evalNode(s.c))) {
          await exec(s.body);
          if (s.step) await exec(s.step);
        }
        return;
      case 'forin':
        for (const key of [...arr(s.arr).keys()]) {
          vars.set(s.v, key);
          await exec(s.body);
        }
        return;
      case 'block':
        for (const b of s.body) await exec(b);
        return;
      case 'next':
        throw new NextSignal();
      case 'exit':
        throw new ExitSignal(s.e ? Math.trunc(toNum(await evalNode(s.e))) : 0);
      case 'delete':
        if (s.index) arr(s.name).delete(await keyOf(s.index));
        else arrays.delete(s.name);
        return;
    }
  };
  const runActions = async (body: Stmt[]) => {
    for (const st of body) await exec(st);
  };
  let code = 0;
  let exited = false;
  try {
    try {
      for (const r of rules.filter((r) => r.kind === 'begin')) await runActions(r.action ?? []);
      const main = rules.filter((r) => r.kind === 'main');
      if (main.length || rules.some((r) => r.kind === 'end')) {
        for (const f of files.length ? files : ['-']) {
          const eqm = /^([A-Za-z_]\w*)=(.*)$/s.exec(f);
          if (eqm) {
            vars.set(eqm[1], eqm[2]);
            continue;
          }
          let text: string;
          try {
            text = f === '-' ? await readAll(io.stdin) : io.fs.readFile(io.fs.resolve(io.cwd, f));
          } catch (e) {
            await flush();
            await err(io, `awk: fatal: cannot open file \`${f}' for reading: ${errText(e)}`);
            return 2;
          }
          vars.set('FILENAME', f === '-' ? '' : f);
          vars.set('FNR', 0);
          const ls = text.split('\n');
          if (ls[ls.length - 1] === '') ls.pop();
          for (const line of ls) {
            vars.set('NR', toNum(vars.get('NR') ?? 0) + 1);
            vars.set('FNR', toNum(vars.get('FNR') ?? 0) + 1);
            splitRecord(line);
            try {
              for (const r of main) {
                let sel = true;
                if (r.pattern && r.pattern2) {
                  if (!r.inRange) {
                    sel = truthy(await evalNode(r.pattern));
                    if (sel) r.inRange = !truthy(await evalNode(r.pattern2));
                  } else if (truthy(await evalNode(r.pattern2))) r.inRange = false;
                } else if (r.pattern) sel = truthy(await evalNode(r.pattern));
                if (!sel) continue;
                if (r.action) await runActions(r.action);
                else output += fields[0] + toStr(vars.get('ORS') ?? '\n');
              }
            } catch (e) {
              if (!(e instanceof NextSignal)) throw e;
            }
            if (output.length > 8192) await flush();
          }
        }
      }
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      code = e.code;
      exited = true;
    }
    if (!exited || code !== 130) {
      try {
        for (const r of rules.filter((r) => r.kind === 'end')) await runActions(r.action ?? []);
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        code = e.code;
      }
    }
  } catch (e) {
    await flush();
    if (e instanceof AwkError) {
      await err(io, `awk: cmd. line:1: fatal: ${e.message}`);
      return 2;
    }
    if (e instanceof Error && e.message.includes('regular expression')) {
      await err(io, `awk: cmd. line:1: fatal: ${e.message}`);
      return 2;
    }
    throw e;
  }
  await flush();
  return code;
};
