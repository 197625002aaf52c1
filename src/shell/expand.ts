// Word expansion in bash's order: tilde, parameters, command substitution and arithmetic, then
// field splitting of unquoted results on IFS, then filename globbing, then quote removal
// (implicit: parts already carry their quoting).
import type { List, Word, WordPart } from './ast';
import { ArithError, evalArith } from './arith';
import type { VirtualFs } from './fs';
import { escapeGlob, globFiles, globToRegexSource, hasGlobChars, unescapeGlob } from './glob';
import { parseExpandable } from './parser';
import { ExpansionError, type ShellState } from './state';

export interface ExpandContext {
  state: ShellState;
  fs: VirtualFs;
  /** Runs `$(...)` in a subshell and returns its standard output. */
  substitute(body: List, state: ShellState): Promise<string>;
  /** `$$` */
  pid: number;
}

interface Seg {
  text: string;
  /** Quoted text is neither split nor globbed. */
  q: boolean;
  /** Unquoted expansion results are split on IFS. */
  split: boolean;
  /** Starts a new field (between the words of "$@"). */
  breakBefore?: boolean;
}

/** Expands words into fields (argv): splitting and globbing included. */
export async function expandWords(words: Word[], ctx: ExpandContext): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) out.push(...(await expandWord(w, ctx)));
  return out;
}

export async function expandWord(word: Word, ctx: ExpandContext): Promise<string[]> {
  const segs = await expandParts(word.parts, ctx);
  const fields = splitFields(segs, ctx.state.get('IFS') ?? ' \t\n');
  const out: string[] = [];
  for (const f of fields) {
    if (f.globbable && hasGlobChars(f.pattern)) {
      const matches = globFiles(f.pattern, ctx.state.cwd, ctx.fs);
      if (matches) {
        out.push(...matches);
        continue;
      }
      out.push(unescapeGlob(f.pattern));
    } else out.push(f.text);
  }
  return out;
}

/** One string, no splitting or globbing: assignments, redirection targets, heredocs. */
export async function expandString(word: Word, ctx: ExpandContext): Promise<string> {
  const segs = await expandParts(word.parts, ctx);
  return segs.map((s) => s.text).join('');
}

/** A pattern (for `${x#pat}`): quoted parts are escaped so they match literally. */
export async function expandPattern(word: Word, ctx: ExpandContext): Promise<string> {
  const segs = await expandParts(word.parts, ctx);
  return segs.map((s) => (s.q ? escapeGlob(s.text) : s.text)).join('');
}

async function expandParts(parts: WordPart[], ctx: ExpandContext): Promise<Seg[]> {
  const segs: Seg[] = [];
  for (const p of parts) {
    switch (p.kind) {
      case 'lit':
        segs.push({ text: p.text, q: p.q, split: false });
        break;
      case 'tilde':
        segs.push({ text: ctx.state.get('HOME') ?? ctx.fs.home, q: true, split: false });
        break;
      case 'param':
        if ((p.name === '@' || p.name === '*') && !p.op) {
          const args = ctx.state.positional;
          if (p.q && p.name === '@') {
            args.forEach((a, i) => segs.push({ text: a, q: true, split: false, breakBefore: i > 0 }));
          } else {
            const sep = p.q ? (ctx.state.get('IFS') ?? ' \t\n').slice(0, 1) : ' ';
            segs.push({ text: args.join(sep), q: p.q, split: !p.q });
          }
          break;
        }
        segs.push({ text: await expandParam(p, ctx), q: p.q, split: !p.q });
        break;
      case 'cmdsub': {
        const out = await ctx.substitute(p.body, ctx.state);
        segs.push({ text: out.replace(/\n+$/, ''), q: p.q, split: !p.q });
        break;
      }
      case 'arith':
        segs.push({ text: await arith(p.expr, ctx), q: p.q, split: !p.q });
        break;
      case 'bad':
        throw new ExpansionError(`bash: ${p.text}: bad substitution`);
    }
  }
  return segs;
}

export async function arith(expr: string, ctx: ExpandContext): Promise<string> {
  const text = await expandString(parseExpandable(expr), ctx);
  try {
    return String(
      evalArith(text, {
        get: (n) => lookup(n, ctx),
        set: (n, v) => ctx.state.set(n, v),
      }),
    );
  } catch (e) {
    if (e instanceof ArithError) throw new ExpansionError(`bash: ${e.message}`);
    throw e;
  }
}

function lookup(name: string, ctx: ExpandContext): string | undefined {
  const st = ctx.state;
  switch (name) {
    case '?':
      return String(st.lastStatus);
    case '$':
      return String(ctx.pid);
    case '#':
      return String(st.positional.length);
    case '!':
      return st.lastBgPid ? String(st.lastBgPid) : '';
    case '-':
      return 'himBH';
    case '0':
      return st.get('0') ?? 'bash';
    case '@':
    case '*':
      return st.positional.join(' ');
  }
  if (/^\d+$/.test(name)) return st.positional[Number(name) - 1];
  return st.get(name);
}

async function expandParam(p: Extract<WordPart, { kind: 'param' }>, ctx: ExpandContext): Promise<string> {
  const value = lookup(p.name, ctx);
  const argText = async () => (p.arg ? expandString(p.arg, ctx) : '');
  switch (p.op) {
    case undefined:
      return value ?? '';
    case 'len':
      return String([...(value ?? '')].length);
    case ':-':
      return value ? value : argText();
    case '-':
      return value !== undefined ? value : argText();
    case ':=':
    case '=': {
      if (p.op === ':=' ? value : value !== undefined) return value ?? '';
      if (!/^[A-Za-z_]\w*$/.test(p.name)) throw new ExpansionError(`bash: $${p.name}: cannot assign in this way`);
      const v = await argText();
      ctx.state.set(p.name, v);
      return v;
    }
    case ':+':
      return value ? argText() : '';
    case '+':
      return value !== undefined ? argText() : '';
    case ':?':
    case '?': {
      if (p.op === ':?' ? value : value !== undefined) return value ?? '';
      const msg = await argText();
      throw new ExpansionError(`bash: ${p.name}: ${msg || 'parameter null or not set'}`);
    }
    case '#':
    case '##':
    case '%':
    case '%%': {
      const v = value ?? '';
      const pat = p.arg ? await expandPattern(p.arg, ctx) : '';
      return trimPattern(v, pat, p.op);
    }
    case '/':
    case '//': {
      const v = value ?? '';
      let pat = p.arg ? await expandPattern(p.arg, ctx) : '';
      const rep = p.arg2 ? await expandString(p.arg2, ctx) : '';
      let anchor = '';
      if (p.op === '/' && (pat.startsWith('#') || pat.startsWith('%'))) {
        anchor = pat[0];
        pat = pat.slice(1);
      }
      if (pat === '') return v;
      const src = globToRegexSource(pat, false);
      const re = new RegExp(anchor === '#' ? `^(?:${src})` : anchor === '%' ? `(?:${src})$` : src, p.op === '//' ? 'g' : '');
      return v.replace(re, () => rep);
    }
  }
  return value ?? '';
}

function trimPattern(v: string, pat: string, op: '#' | '##' | '%' | '%%'): string {
  const re = new RegExp(`^(?:${globToRegexSource(pat, false)})$`);
  const n = v.length;
  if (op === '#') {
    for (let i = 0; i <= n; i++) if (re.test(v.slice(0, i))) return v.slice(i);
  } else if (op === '##') {
    for (let i = n; i >= 0; i--) if (re.test(v.slice(0, i))) return v.slice(i);
  } else if (op === '%') {
    for (let i = n; i >= 0; i--) if (re.test(v.slice(i))) return v.slice(0, i);
  } else {
    for (let i = 0; i <= n; i++) if (re.test(v.slice(i))) return v.slice(0, i);
  }
  return v;
}

interface Field {
  text: string;
  pattern: string;
  globbable: boolean;
  quoted: boolean;
}

function splitFields(segs: Seg[], ifs: string): Field[] {
  const fields: Field[] = [];
  let cur: Field = { text: '', pattern: '', globbable: false, quoted: false };
  const end = (force: boolean) => {
    if (force || cur.text !== '' || cur.quoted) fields.push(cur);
    cur = { text: '', pattern: '', globbable: false, quoted: false };
  };
  const append = (text: string, q: boolean) => {
    cur.text += text;
    cur.pattern += q ? escapeGlob(text) : text;
    if (q) cur.quoted = true;
    else cur.globbable = true;
  };
  for (const s of segs) {
    if (s.breakBefore) end(true);
    if (!s.split || ifs === '') {
      append(s.text, s.q);
      continue;
    }
    const r = ifsSplit(s.text, ifs);
    if (!r.pieces.length) {
      if (r.leading) end(false);
      continue;
    }
    if (r.leading) end(false);
    r.pieces.forEach((piece, i) => {
      if (i > 0) end(true);
      append(piece, false);
    });
    if (r.trailing) end(false);
  }
  end(false);
  return fields;
}

/** Splits on IFS: runs of IFS whitespace delimit; each other IFS character delimits exactly once. */
function ifsSplit(text: string, ifs: string): { pieces: string[]; leading: boolean; trailing: boolean } {
  const isWs = (c: string) => (c === ' ' || c === '\t' || c === '\n') && ifs.includes(c);
  const isOther = (c: string) => ifs.includes(c) && !isWs(c);
  const n = text.length;
  const pieces: string[] = [];
  let i = 0;
  let leading = false;
  while (i < n && isWs(text[i])) {
    i++;
    leading = true;
  }
  if (i >= n) return { pieces: [], leading: n > 0, trailing: n > 0 };
  if (isOther(text[i])) {
    leading = true;
    pieces.push('');
    i++;
    while (i < n && isWs(text[i])) i++;
  }
  let piece = '';
  let trailing = false;
  while (i < n) {
    const c = text[i];
    if (isWs(c)) {
      while (i < n && isWs(text[i])) i++;
      if (i < n && isOther(text[i])) {
        i++;
        while (i < n && isWs(text[i])) i++;
      }
    } else if (isOther(c)) {
      i++;
      while (i < n && isWs(text[i])) i++;
    } else {
      piece += c;
      i++;
      continue;
    }
    pieces.push(piece);
    piece = '';
    if (i >= n) trailing = true;
  }
  if (!trailing) pieces.push(piece);
  return { pieces, leading, trailing };
}
