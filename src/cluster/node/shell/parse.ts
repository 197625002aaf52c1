// A tiny POSIX-ish shell parser: enough for container commands (`sh -c 'while true; do echo hi;
// sleep 5; done'`) and exec one-liners. Words keep their quoting so expansion happens at run time.

export interface Part {
  s: string;
  /** 0 unquoted, 1 single-quoted (literal), 2 double-quoted */
  q: 0 | 1 | 2;
}
export type Word = Part[];

export type Node =
  | { k: 'list'; items: { node: Node; bg: boolean }[] }
  | { k: 'andor'; first: Node; rest: { op: '&&' | '||'; node: Node }[] }
  | { k: 'pipe'; cmds: Node[]; negate: boolean }
  | { k: 'cmd'; assigns: { name: string; value: Word }[]; words: Word[]; redirs: { op: string; target: Word }[] }
  | { k: 'loop'; until: boolean; cond: Node; body: Node }
  | { k: 'for'; name: string; items: Word[] | undefined; body: Node }
  | { k: 'if'; branches: { cond: Node; body: Node }[]; otherwise?: Node }
  | { k: 'group'; body: Node };

type Tok = { t: 'w'; w: Word; raw: string } | { t: 'op'; v: string };

export class ShellSyntaxError extends Error {}

const OPS = ['&&', '||', '>>', ';;', '2>&1', '2>', '>', '<', '|', ';', '&', '\n', '(', ')'];

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let word: Word | null = null;
  let raw = '';
  const push = (s: string, q: 0 | 1 | 2) => {
    if (!word) word = [];
    const last = word[word.length - 1];
    if (last && last.q === q) last.s += s;
    else word.push({ s, q });
  };
  const end = () => {
    if (word) toks.push({ t: 'w', w: word, raw });
    word = null;
    raw = '';
  };
  // Reads `$(...)`, `$((...))` or `${...}` starting at i (pointing at `$`), returns the raw text.
  const readDollar = (): string => {
    const open = src[i + 1];
    const close = open === '(' ? ')' : '}';
    let depth = 0;
    let j = i + 1;
    for (; j < src.length; j++) {
      if (src[j] === open) depth++;
      else if (src[j] === close && --depth === 0) break;
    }
    if (j >= src.length) throw new ShellSyntaxError(`syntax error: unterminated ${open === '(' ? '$(' : '${'}`);
    const s = src.slice(i, j + 1);
    i = j + 1;
    return s;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '#' && !word) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      end();
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op && !(op === '2>' || op === '2>&1') ) {
      end();
      toks.push({ t: 'op', v: op });
      i += op.length;
      continue;
    }
    if (op && !word) {
      toks.push({ t: 'op', v: op });
      i += op.length;
      continue;
    }
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) throw new ShellSyntaxError("syntax error: unterminated quoted string");
      push(src.slice(i + 1, j), 1);
      raw += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && '"\\$`'.includes(src[j + 1] ?? '')) {
          s += src[j] === '\\' && src[j + 1] === '$' ? '\\$' : src[j + 1];
          j += 2;
        } else if (src[j] === '$' && (src[j + 1] === '(' || src[j + 1] === '{')) {
          const save = i;
          i = j;
          s += readDollar();
          j = i;
          i = save;
        } else s += src[j++];
      }
      if (j >= src.length) throw new ShellSyntaxError('syntax error: unterminated quoted string');
      push(s, 2);
      raw += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '\\') {
      push(src[i + 1] ?? '', 1);
      raw += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '$' && (src[i + 1] === '(' || src[i + 1] === '{')) {
      const s = readDollar();
      push(s, 0);
      raw += s;
      continue;
    }
    push(c, 0);
    raw += c;
    i++;
  }
  end();
  return toks;
}

const RESERVED = new Set(['while', 'until', 'do', 'done', 'for', 'in', 'if', 'then', 'elif', 'else', 'fi', '{', '}']);

export function parse(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isWord = (v: string) => {
    const t = toks[p];
    return t && t.t === 'w' && t.raw === v;
  };
  const isOp = (v: string) => {
    const t = toks[p];
    return t && t.t === 'op' && t.v === v;
  };
  const skipNl = () => {
    while (isOp('\n') || isOp(';')) p++;
  };
  const expectWord = (v: string) => {
    skipNl();
    if (!isWord(v)) throw new ShellSyntaxError(`syntax error: unexpected ${describe(peek())} (expecting "${v}")`);
    p++;
  };
  const describe = (t: Tok | undefined) => (!t ? 'end of file' : t.t === 'op' ? (t.v === '\n' ? 'newline' : `"${t.v}"`) : `"${t.raw}"`);

  function list(stop: string[]): Node {
    const items: { node: Node; bg: boolean }[] = [];
    for (;;) {
      skipNl();
      const t = peek();
      if (!t || (t.t === 'w' && stop.includes(t.raw)) || (t.t === 'op' && t.v === ')')) break;
      const node = andor();
      let bg = false;
      if (isOp('&')) {
        bg = true;
        p++;
      }
      items.push({ node, bg });
    }
    return { k: 'list', items };
  }
  function andor(): Node {
    const first = pipeline();
    const rest: { op: '&&' | '||'; node: Node }[] = [];
    while (isOp('&&') || isOp('||')) {
      const op = (toks[p++] as { v: string }).v as '&&' | '||';
      while (isOp('\n')) p++;
      rest.push({ op, node: pipeline() });
    }
    return rest.length ? { k: 'andor', first, rest } : first;
  }
  function pipeline(): Node {
    let negate = false;
    if (isWord('!')) {
      negate = true;
      p++;
    }
    const cmds = [command()];
    while (isOp('|')) {
      p++;
      while (isOp('\n')) p++;
      cmds.push(command());
    }
    return cmds.length === 1 && !negate ? cmds[0] : { k: 'pipe', cmds, negate };
  }
  function command(): Node {
    const t = peek();
    if (!t) throw new ShellSyntaxError('syntax error: unexpected end of file');
    if (t.t === 'w' && (t.raw === 'while' || t.raw === 'until')) {
      p++;
      const cond = list(['do']);
      expectWord('do');
      const body = list(['done']);
      expectWord('done');
      return { k: 'loop', until: t.raw === 'until', cond, body };
    }
    if (t.t === 'w' && t.raw === 'for') {
      p++;
      const nameTok = peek();
      if (!nameTok || nameTok.t !== 'w') throw new ShellSyntaxError('syntax error: bad for loop variable');
      p++;
      let items: Word[] | undefined;
      while (isOp('\n')) p++;
      if (isWord('in')) {
        p++;
        items = [];
        while (peek() && peek().t === 'w') items.push((toks[p++] as { w: Word }).w);
      }
      expectWord('do');
      const body = list(['done']);
      expectWord('done');
      return { k: 'for', name: nameTok.raw, items, body };
    }
    if (t.t === 'w' && t.raw === 'if') {
      p++;
      const branches: { cond: Node; body: Node }[] = [];
      let otherwise: Node | undefined;
      for (;;) {
        const cond = list(['then']);
        expectWord('then');
        const body = list(['elif', 'else', 'fi']);
        branches.push({ cond, body });
        skipNl();
        if (isWord('elif')) {
          p++;
          continue;
        }
        if (isWord('else')) {
          p++;
          otherwise = list(['fi']);
        }
        expectWord('fi');
        break;
      }
      return { k: 'if', branches, otherwise };
    }
    if (t.t === 'w' && t.raw === '{') {
      p++;
      const body = list(['}']);
      expectWord('}');
      return { k: 'group', body };
    }
    if (t.t === 'op' && t.v === '(') {
      p++;
      const body = list([]);
      if (!isOp(')')) throw new ShellSyntaxError('syntax error: missing ")"');
      p++;
      return { k: 'group', body };
    }
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: { op: string; target: Word }[] = [];
    for (;;) {
      const u = peek();
      if (!u) break;
      if (u.t === 'op') {
        if (u.v === '>' || u.v === '>>' || u.v === '<' || u.v === '2>') {
          p++;
          const target = peek();
          if (!target || target.t !== 'w') throw new ShellSyntaxError(`syntax error: unexpected ${describe(target)}`);
          p++;
          redirs.push({ op: u.v, target: target.w });
          continue;
        }
        if (u.v === '2>&1') {
          p++;
          redirs.push({ op: '2>&1', target: [] });
          continue;
        }
        break;
      }
      if (!words.length && RESERVED.has(u.raw) && u.raw !== '{' && u.raw !== '}') {
        if (!words.length && !assigns.length) throw new ShellSyntaxError(`syntax error: unexpected "${u.raw}"`);
        break;
      }
      if (words.length === 0 && u.raw === '}') break;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(u.raw);
      if (!words.length && m && u.w[0].q === 0 && u.w[0].s.startsWith(m[0])) {
        const value: Word = [{ s: u.w[0].s.slice(m[0].length), q: 0 }, ...u.w.slice(1)];
        assigns.push({ name: m[1], value });
        p++;
        continue;
      }
      words.push(u.w);
      p++;
    }
    if (!words.length && !assigns.length) throw new ShellSyntaxError(`syntax error: unexpected ${describe(peek())}`);
    return { k: 'cmd', assigns, words, redirs };
  }
  const root = list([]);
  if (p < toks.length) throw new ShellSyntaxError(`syntax error: unexpected ${describe(toks[p])}`);
  return root;
}
