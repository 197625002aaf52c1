// Runs parsed shell code as a generator: it yields the milliseconds a `sleep` waits, so a
// container's loop advances on the virtual clock, and exec runs the same code without waiting.
import { parse, ShellSyntaxError, type Node, type Word } from './parse';
import { COMMANDS } from './commands';

export interface ShellIO {
  /** Appends to stdout. */
  out(s: string): void;
  err(s: string): void;
}

export interface ShellHost {
  now(): number;
  hostname: string;
  files: Map<string, string>;
  /** Which shell errors look like: busybox `sh: x: not found` or bash `bash: x: command not found`. */
  flavor: 'sh' | 'bash';
  /** Whether stdout is a terminal (ls prints columns). */
  tty?: boolean;
  /** Programs besides the builtins (curl, wget) keyed by name; absent means not installed. */
  programs: Record<string, Program | undefined>;
}

export type Program = (argv: string[], sh: Shell, stdin: string) => Generator<number, number, void>;

export class ExitSignal {
  constructor(readonly code: number) {}
}

export class Shell {
  vars = new Map<string, string>();
  exported = new Set<string>();
  cwd = '/';
  status = 0;
  steps = 0;
  io: ShellIO;

  constructor(
    readonly host: ShellHost,
    env: [string, string][],
    io: ShellIO,
  ) {
    for (const [k, v] of env) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    this.io = io;
    this.cwd = host.files.has('/') ? '/' : '/';
  }

  env(): [string, string][] {
    return [...this.exported].filter((k) => this.vars.has(k)).map((k) => [k, this.vars.get(k)!]);
  }

  exitNow(code: number): never {
    throw new ExitSignal(code);
  }

  /** Runs a script; returns the exit status. */
  *script(src: string): Generator<number, number, void> {
    let node: Node;
    try {
      node = parse(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.io.err(`${this.host.flavor}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    try {
      return yield* this.run(node);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  *run(n: Node): Generator<number, number, void> {
    if (++this.steps % 5000 === 0) yield 1; // a busy loop still lets time pass
    switch (n.k) {
      case 'list': {
        let s = 0;
        for (const it of n.items) s = yield* this.run(it.node);
        return (this.status = s);
      }
      case 'andor': {
        let s = yield* this.run(n.first);
        for (const r of n.rest) {
          if ((r.op === '&&' && s === 0) || (r.op === '||' && s !== 0)) s = yield* this.run(r.node);
        }
        return (this.status = s);
      }
      case 'pipe': {
        let input = '';
        let s = 0;
        const io = this.io;
        for (let i = 0; i < n.cmds.length; i++) {
          const last = i === n.cmds.length - 1;
          let buf = '';
          if (!last) this.io = { out: (x) => (buf += x), err: io.err };
          else this.io = io;
          s = yield* this.runCmd(n.cmds[i], input);
          input = buf;
        }
        this.io = io;
        if (n.negate) s = s === 0 ? 1 : 0;
        return (this.status = s);
      }
      case 'loop': {
        let s = 0;
        for (;;) {
          const c = yield* this.run(n.cond);
          if ((c === 0) === n.until) break;
          s = yield* this.run(n.body);
        }
        return (this.status = s);
      }
      case 'for': {
        const items = n.items ? this.expandWords(n.items) : [];
        let s = 0;
        for (const v of items) {
          this.vars.set(n.name, v);
          s = yield* this.run(n.body);
        }
        return (this.status = s);
      }
      case 'if': {
        for (const b of n.branches) {
          if ((yield* this.run(b.cond)) === 0) return (this.status = yield* this.run(b.body));
        }
        return (this.status = n.otherwise ? yield* this.run(n.otherwise) : 0);
      }
      case 'group':
        return (this.status = yield* this.run(n.body));
      case 'cmd':
        return (this.status = yield* this.runCmd(n, ''));
    }
  }

  private *runCmd(n: Node, stdin: string): Generator<number, number, void> {
    if (n.k !== 'cmd') return yield* this.run(n);
    const argv = this.expandWords(n.words);
    if (!argv.length) {
      for (const a of n.assigns) this.vars.set(a.name, this.expandWord(a.value));
      return 0;
    }
    const saved: [string, string | undefined][] = [];
    for (const a of n.assigns) {
      saved.push([a.name, this.vars.get(a.name)]);
      this.vars.set(a.name, this.expandWord(a.value));
    }
    const io = this.io;
    let outFile: { path: string; append: boolean } | undefined;
    let captured = '';
    for (const r of n.redirs) {
      const target = r.op === '2>&1' ? '' : this.resolve(this.expandWord(r.target));
      if (r.op === '>' || r.op === '>>') outFile = { path: target, append: r.op === '>>' };
      else if (r.op === '<') {
        const f = this.host.files.get(target);
        if (f === undefined) {
          this.io.err(`${this.host.flavor}: can't open '${target}': No such file or directory\n`);
          return 1;
        }
        stdin = f;
      } else if (r.op === '2>' && target === '/dev/null') this.io = { out: this.io.out, err: () => {} };
      else if (r.op === '2>&1') this.io = { out: this.io.out, err: this.io.out };
    }
    if (outFile && outFile.path !== '/dev/null') this.io = { out: (x) => (captured += x), err: this.io.err };
    else if (outFile) this.io = { out: () => {}, err: this.io.err };
    let code: number;
    try {
      code = yield* this.exec(argv, stdin);
    } finally {
      this.io = io;
      for (const [k, v] of saved) (v === undefined ? this.vars.delete(k) : this.vars.set(k, v));
    }
    if (outFile && outFile.path !== '/dev/null') {
      const prev = outFile.append ? (this.host.files.get(outFile.path) ?? '') : '';
      this.host.files.set(outFile.path, prev + captured);
    }
    return code;
  }

  *exec(argv: string[], stdin: string): Generator<number, number, void> {
    const name = argv[0];
    const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    const prog = COMMANDS[base] ?? this.host.programs[base];
    if (!prog || (name.includes('/') && !this.host.files.has(name) && !COMMANDS[base] && !this.host.programs[base])) {
      this.io.err(this.host.flavor === 'bash' ? `bash: ${name}: command not found\n` : `sh: ${name}: not found\n`);
      return 127;
    }
    return yield* prog(argv, this, stdin);
  }

  resolve(path: string): string {
    if (!path.startsWith('/')) path = (this.cwd.endsWith('/') ? this.cwd : this.cwd + '/') + path;
    const out: string[] = [];
    for (const seg of path.split('/')) {
      if (!seg || seg === '.') continue;
      if (seg === '..') out.pop();
      else out.push(seg);
    }
    return '/' + out.join('/');
  }

  expandWords(words: Word[]): string[] {
    const out: string[] = [];
    for (const w of words) {
      // Unquoted expansions split on whitespace; quoted ones stay one field.
      let fields: string[] = [''];
      let any = false;
      for (const part of w) {
        if (part.q === 1) {
          fields[fields.length - 1] += part.s;
          any = true;
          continue;
        }
        const v = this.expandText(part.s, part.q === 2);
        if (part.q === 2) {
          fields[fields.length - 1] += v;
          any = true;
          continue;
        }
        const literal = !part.s.includes('$');
        if (literal) {
          fields[fields.length - 1] += v;
          any = true;
          continue;
        }
        const pieces = v.split(/[ \t\n]+/);
        fields[fields.length - 1] += pieces[0];
        for (let i = 1; i < pieces.length; i++) fields.push(pieces[i]);
        if (v.trim()) any = true;
      }
      fields = fields.filter((f, i) => f !== '' || (any && fields.length === 1 && i === 0));
      out.push(...fields);
    }
    return out;
  }

  expandWord(w: Word): string {
    return w.map((p) => (p.q === 1 ? p.s : this.expandText(p.s, p.q === 2))).join('');
  }

  /** $VAR, ${VAR}, ${VAR:-def}, $?, $$, $((arith)), $(command). */
  expandText(s: string, quoted: boolean): string {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\\' && quoted && s[i + 1] === '$') {
        out += '$';
        i++;
        continue;
      }
      if (c !== '$' || i === s.length - 1) {
        out += c;
        continue;
      }
      const d = s[i + 1];
      if (s.startsWith('$((', i)) {
        const j = matchParen(s, i + 1);
        out += String(this.arith(s.slice(i + 3, j - 1)));
        i = j;
      } else if (d === '(') {
        const j = matchParen(s, i + 1);
        out += this.capture(s.slice(i + 2, j)).replace(/\n+$/, '');
        i = j;
      } else if (d === '{') {
        const j = s.indexOf('}', i);
        const inner = s.slice(i + 2, j);
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?-(.*))?$/.exec(inner);
        const v = m ? this.vars.get(m[1]) : undefined;
        out += v !== undefined && v !== '' ? v : (m?.[2] ?? '');
        i = j;
      } else if (d === '?') {
        out += String(this.status);
        i++;
      } else if (d === '$') {
        out += '1';
        i++;
      } else {
        const m = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]/.exec(s.slice(i + 1));
        if (!m) {
          out += c;
          continue;
        }
        out += this.vars.get(m[0]) ?? '';
        i += m[0].length;
      }
    }
    return out;
  }

  /** Runs a command substitution to completion without waiting on sleeps. */
  capture(src: string): string {
    let buf = '';
    const io = this.io;
    this.io = { out: (x) => (buf += x), err: io.err };
    try {
      const g = this.script(src);
      let r = g.next();
      while (!r.done) r = g.next();
    } finally {
      this.io = io;
    }
    return buf;
  }

  arith(expr: string): number {
    const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
    let p = 0;
    const val = (t: string) => (/^\d+$/.test(t) ? Number(t) : Number(this.vars.get(t.replace(/^\$/, '')) ?? 0) || 0);
    const prim = (): number => {
      const t = toks[p++];
      if (t === '(') {
        const v = cmp();
        p++;
        return v;
      }
      if (t === '-') return -prim();
      if (t === '!') return prim() ? 0 : 1;
      return t === undefined ? 0 : val(t);
    };
    const mul = (): number => {
      let v = prim();
      while (['*', '/', '%'].includes(toks[p])) {
        const op = toks[p++];
        const r = prim();
        v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
      }
      return v;
    };
    const add = (): number => {
      let v = mul();
      while (toks[p] === '+' || toks[p] === '-') v = toks[p++] === '+' ? v + mul() : v - mul();
      return v;
    };
    const cmp = (): number => {
      let v = add();
      while (['<', '>', '<=', '>=', '==', '!='].includes(toks[p])) {
        const op = toks[p++];
        const r = add();
        v = Number(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : op === '>=' ? v >= r : op === '==' ? v === r : v !== r);
      }
      return v;
    };
    return cmp();
  }
}

function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '(') depth++;
    else if (s[j] === ')' && --depth === 0) return j;
  }
  return s.length - 1;
}

/** Runs a generator to completion at once (exec: sleeps do not wait). Caps runaway loops. */
export function runNow(g: Generator<number, number, void>, maxSteps = 10_000): number {
  let r = g.next();
  let n = 0;
  while (!r.done) {
    if (++n > maxSteps) return 137;
    r = g.next();
  }
  return r.value;
}
