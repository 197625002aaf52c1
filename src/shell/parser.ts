// A POSIX-like shell parser working directly on characters, so `$(...)` can recurse into a
// full command list and heredoc bodies can be read at the next newline. It never throws for
// bad input: errors come back as bash's own messages, flagged `incomplete` when more input
// (a closing quote, `fi`, the heredoc end) would fix them, which the terminal uses for `> `.
import type {
  AndOr, Assign, Command, List, ListItem, ParamOp, Pipeline, Redir, RedirOp, SimpleCommand, Word, WordPart,
} from './ast';

export type ParseResult =
  | { ok: true; list: List; warnings: string[] }
  | { ok: false; error: string; incomplete: boolean };

class ParseError {
  constructor(
    readonly message: string,
    readonly incomplete: boolean,
  ) {}
}

type Tok =
  | { t: 'word'; w: Word; start: number; end: number }
  | { t: 'op'; v: string; fd: number | null; start: number; end: number }
  | { t: 'eof'; start: number; end: number };

const REDIR_OPS: RedirOp[] = ['<<<', '<<-', '&>>', '<<', '>>', '>|', '<>', '>&', '<&', '&>', '<', '>'];
const CONTROL_OPS = ['&&', '||', ';;', '|&', '|', '&', ';', '(', ')'];
/** Reserved words that end a list (the caller decides whether they are expected). */
const TERMINATORS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'esac']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Bash refuses deeper nesting with its own message; we stop the recursion well before the JS stack. */
const MAX_DEPTH = 200;

export function parse(src: string): ParseResult {
  try {
    const p = new Parser(src, 0);
    const list = p.parseProgram();
    return { ok: true, list, warnings: p.warnings };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message, incomplete: e.incomplete };
    if (e instanceof RangeError) return { ok: false, error: 'bash: expression nested too deeply', incomplete: false };
    throw e;
  }
}

/** Parses the body of an unquoted heredoc (or an arithmetic text): only `$`, backticks and `\` are special. */
export function parseExpandable(text: string): Word {
  const p = new Parser(text, 0);
  try {
    return p.readExpandable();
  } catch {
    return { parts: [{ kind: 'lit', text, q: true }], raw: text };
  }
}

interface PendingHeredoc {
  delim: string;
  strip: boolean;
  redir: Redir;
}

class Parser {
  pos = 0;
  private tok: Tok | null = null;
  private heredocs: PendingHeredoc[] = [];
  warnings: string[] = [];

  constructor(
    readonly src: string,
    private depth: number,
  ) {
    if (depth > MAX_DEPTH) throw new ParseError('bash: expression nested too deeply', false);
  }

  parseProgram(): List {
    const list = this.parseList();
    const t = this.peek();
    if (t.t !== 'eof') throw this.unexpected(t);
    this.flushHeredocsAtEof();
    return list;
  }

  // ---- grammar ---------------------------------------------------------------------------

  private parseList(): List {
    const items: ListItem[] = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (t.t === 'eof') break;
      if (t.t === 'op' && t.v === ')') break;
      if (t.t === 'word' && TERMINATORS.has(reserved(t.w) ?? '')) break;
      const start = t.start;
      const command = this.parseAndOr();
      const end = this.peek().start;
      const raw = this.src.slice(start, end).trim();
      const sep = this.peek();
      if (sep.t === 'op' && (sep.v === ';' || sep.v === '&')) {
        this.next();
        items.push({ command, background: sep.v === '&', raw });
        this.skipNewlines();
      } else if (sep.t === 'op' && sep.v === '\n') {
        this.next();
        items.push({ command, background: false, raw });
        this.skipNewlines();
      } else {
        items.push({ command, background: false, raw });
        break;
      }
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || (t.v !== '&&' && t.v !== '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: t.v as '&&' | '||', pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    let negate = false;
    const t = this.peek();
    if (t.t === 'word' && reserved(t.w) === '!') {
      this.next();
      negate = true;
    }
    const commands: Command[] = [this.parseCommand()];
    for (;;) {
      const p = this.peek();
      if (p.t !== 'op' || (p.v !== '|' && p.v !== '|&')) break;
      this.next();
      if (p.v === '|&') {
        const prev = commands[commands.length - 1];
        if ('redirs' in prev) prev.redirs.push({ fd: 2, op: '>&', target: litWord('1') });
      }
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negate, commands };
  }

  private parseCommand(): Command {
    const t = this.peek();
    if (t.t === 'eof') throw this.eofError();
    if (t.t === 'op') {
      if (t.v === '(') {
        this.next();
        const body = this.parseList();
        this.expectOp(')');
        if (!body.items.length) throw this.unexpected({ ...t, v: ')' });
        return { type: 'group', subshell: true, body, redirs: this.parseTrailingRedirs() };
      }
      if (REDIR_OPS.includes(t.v as RedirOp)) return this.parseSimple();
      throw this.unexpected(t);
    }
    const r = reserved(t.w);
    switch (r) {
      case 'if':
        return this.parseIf();
      case 'for':
        return this.parseFor();
      case 'while':
      case 'until':
        return this.parseWhile(r === 'until');
      case '{': {
        this.next();
        const body = this.parseList();
        this.expectWord('}');
        if (!body.items.length) throw this.unexpected({ t: 'word', w: litWord('}'), start: 0, end: 0 });
        return { type: 'group', subshell: false, body, redirs: this.parseTrailingRedirs() };
      }
      case 'function': {
        this.next();
        const n = this.next();
        if (n.t !== 'word' || !NAME_RE.test(n.w.raw)) throw this.unexpected(n);
        const p = this.peek();
        if (p.t === 'op' && p.v === '(') {
          this.next();
          this.expectOp(')');
        }
        return this.parseFunctionBody(n.w.raw);
      }
    }
    if (r !== null && TERMINATORS.has(r)) throw this.unexpected(t);
    return this.parseSimple();
  }

  private parseFunctionBody(name: string): Command {
    this.skipNewlines();
    const body = this.parseCommand();
    if (body.type === 'simple') throw new ParseError(`bash: syntax error near unexpected token \`${name}'`, false);
    return { type: 'function', name, body };
  }

  private parseSimple(): Command {
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirs: [] };
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && REDIR_OPS.includes(t.v as RedirOp)) {
        cmd.redirs.push(this.parseRedir());
        continue;
      }
      if (t.t !== 'word') break;
      if (!cmd.words.length) {
        const a = asAssignment(t.w);
        if (a) {
          this.next();
          cmd.assigns.push(a);
          continue;
        }
      }
      this.next();
      cmd.words.push(t.w);
      // `name() { ...; }` defines a function.
      if (cmd.words.length === 1 && !cmd.assigns.length && !cmd.redirs.length) {
        const p = this.peek();
        if (p.t === 'op' && p.v === '(' && NAME_RE.test(t.w.raw.replace(/-/g, '_'))) {
          this.next();
          this.expectOp(')');
          return this.parseFunctionBody(t.w.raw);
        }
      }
    }
    if (!cmd.assigns.length && !cmd.words.length && !cmd.redirs.length) throw this.unexpected(this.peek());
    const p = this.peek();
    if (p.t === 'op' && p.v === '(') throw this.unexpected(p);
    return cmd;
  }

  private parseTrailingRedirs(): Redir[] {
    const out: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && REDIR_OPS.includes(t.v as RedirOp)) out.push(this.parseRedir());
      else return out;
    }
  }

  private parseRedir(): Redir {
    const op = this.next() as Extract<Tok, { t: 'op' }>;
    const target = this.next();
    if (target.t !== 'word') throw this.unexpected(target.t === 'eof' ? { ...op, v: '\n' } : target);
    const redir: Redir = { fd: op.fd, op: op.v as RedirOp, target: target.w };
    if (op.v === '<<' || op.v === '<<-') {
      const quoted = target.w.parts.some((p) => p.q);
      const delim = target.w.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'tilde' ? '~' : '')).join('') ||
        target.w.raw.replace(/['"\\]/g, '');
      redir.heredoc = { body: { parts: [], raw: '' }, quoted };
      this.heredocs.push({ delim, strip: op.v === '<<-', redir });
    }
    return redir;
  }

  private parseIf(): Command {
    this.next();
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | null = null;
    for (;;) {
      const cond = this.nonEmptyList();
      this.expectWord('then');
      const body = this.nonEmptyList();
      clauses.push({ cond, body });
      const t = this.next();
      const r = t.t === 'word' ? reserved(t.w) : null;
      if (r === 'elif') continue;
      if (r === 'else') {
        elseBody = this.nonEmptyList();
        this.expectWord('fi');
        break;
      }
      if (r === 'fi') break;
      throw t.t === 'eof' ? this.eofError() : this.unexpected(t);
    }
    return { type: 'if', clauses, elseBody, redirs: this.parseTrailingRedirs() };
  }

  private parseFor(): Command {
    this.next();
    const n = this.next();
    if (n.t !== 'word' || !NAME_RE.test(n.w.raw)) {
      if (n.t === 'eof') throw this.eofError();
      throw new ParseError(`bash: \`${n.t === 'word' ? n.w.raw : (n as { v: string }).v}': not a valid identifier`, false);
    }
    let words: Word[] | null = null;
    let t = this.peek();
    while (t.t === 'op' && t.v === '\n') {
      this.next();
      t = this.peek();
    }
    if (t.t === 'word' && reserved(t.w) === 'in') {
      this.next();
      words = [];
      for (;;) {
        const w = this.peek();
        if (w.t !== 'word') break;
        this.next();
        words.push(w.w);
      }
      t = this.peek();
    }
    if (t.t === 'op' && (t.v === ';' || t.v === '\n')) this.next();
    else if (t.t === 'eof') throw this.eofError();
    else if (!(t.t === 'word' && reserved(t.w) === 'do')) throw this.unexpected(t);
    this.skipNewlines();
    this.expectWord('do');
    const body = this.nonEmptyList();
    this.expectWord('done');
    return { type: 'for', name: n.w.raw, words, body, redirs: this.parseTrailingRedirs() };
  }

  private parseWhile(until: boolean): Command {
    this.next();
    const cond = this.nonEmptyList();
    this.expectWord('do');
    const body = this.nonEmptyList();
    this.expectWord('done');
    return { type: 'while', until, cond, body, redirs: this.parseTrailingRedirs() };
  }

  private nonEmptyList(): List {
    const list = this.parseList();
    if (!list.items.length) {
      const t = this.peek();
      throw t.t === 'eof' ? this.eofError() : this.unexpected(t);
    }
    return list;
  }

  private expectWord(word: string): void {
    const t = this.next();
    if (t.t === 'word' && reserved(t.w) === word) return;
    throw t.t === 'eof' ? this.eofError() : this.unexpected(t);
  }

  private expectOp(op: string): void {
    const t = this.next();
    if (t.t === 'op' && t.v === op) return;
    if (t.t === 'eof') {
      throw op === ')' && this.depth > 0
        ? new ParseError("bash: unexpected EOF while looking for matching `)'", true)
        : this.eofError();
    }
    throw this.unexpected(t);
  }

  private skipNewlines(): void {
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && t.v === '\n') this.next();
      else return;
    }
  }

  private unexpected(t: Tok): ParseError {
    if (t.t === 'eof') return this.eofError();
    const text = t.t === 'word' ? t.w.raw : t.v === '\n' ? 'newline' : t.v;
    return new ParseError(`bash: syntax error near unexpected token \`${text}'`, false);
  }

  private eofError(): ParseError {
    return new ParseError('bash: syntax error: unexpected end of file', true);
  }

  // ---- tokens ----------------------------------------------------------------------------

  private peek(): Tok {
    if (!this.tok) this.tok = this.lex();
    return this.tok;
  }

  private next(): Tok {
    const t = this.peek();
    this.tok = null;
    return t;
  }

  private lex(): Tok {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
    const start = this.pos;
    if (this.pos >= s.length) return { t: 'eof', start, end: start };
    const c = s[this.pos];
    if (c === '\n') {
      this.pos++;
      this.readHeredocBodies();
      return { t: 'op', v: '\n', fd: null, start, end: start + 1 };
    }
    const fdm = /^(\d{1,3})(?=[<>])/.exec(s.slice(this.pos, this.pos + 4));
    let fd: number | null = null;
    let at = this.pos;
    if (fdm) {
      fd = Number(fdm[1]);
      at += fdm[1].length;
    }
    for (const op of REDIR_OPS) {
      if (s.startsWith(op, at)) {
        this.pos = at + op.length;
        return { t: 'op', v: op, fd, start, end: this.pos };
      }
    }
    if (fd === null) {
      for (const op of CONTROL_OPS) {
        if (s.startsWith(op, this.pos)) {
          this.pos += op.length;
          return { t: 'op', v: op, fd: null, start, end: this.pos };
        }
      }
    }
    const w = this.readWord(isMeta);
    return { t: 'word', w, start, end: this.pos };
  }

  // ---- words -----------------------------------------------------------------------------

  /** Reads one word up to an unquoted character for which `stop` holds. */
  private readWord(stop: (c: string) => boolean): Word {
    const s = this.src;
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ kind: 'lit', text: lit, q: false });
      lit = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (stop(c)) break;
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === undefined) {
          // A trailing backslash: the terminal asks for a continuation line (see
          // needsContinuation); given as a whole script, it stays a literal backslash.
          lit += c;
          this.pos++;
          continue;
        }
        this.pos += 2;
        if (n === '\n') continue;
        flush();
        parts.push({ kind: 'lit', text: n, q: true });
      } else if (c === "'") {
        flush();
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw new ParseError("bash: unexpected EOF while looking for matching `''", true);
        parts.push({ kind: 'lit', text: s.slice(this.pos + 1, end), q: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.readDoubleQuoted(parts);
      } else if (c === '$') {
        flush();
        this.readDollar(parts, false);
      } else if (c === '`') {
        flush();
        parts.push(this.readBacktick(false));
      } else if (c === '~' && this.pos === start && parts.length === 0 && lit === '' && tildeEnds(s[this.pos + 1])) {
        parts.push({ kind: 'tilde', q: false });
        this.pos++;
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return { parts, raw: s.slice(start, this.pos) };
  }

  /** The text of an unquoted heredoc: `$`, backticks and `\$ \` \\ \newline` are special. */
  readExpandable(): Word {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ kind: 'lit', text: lit, q: true });
      lit = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\\' && '$`\\\n'.includes(s[this.pos + 1] ?? 'x')) {
        if (s[this.pos + 1] !== '\n') lit += s[this.pos + 1];
        this.pos += 2;
      } else if (c === '$') {
        flush();
        this.readDollar(parts, true);
      } else if (c === '`') {
        flush();
        parts.push(this.readBacktick(true));
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return { parts, raw: s };
  }

  private readDoubleQuoted(parts: WordPart[]): void {
    const s = this.src;
    this.pos++;
    let lit = '';
    const flush = () => {
      parts.push({ kind: 'lit', text: lit, q: true });
      lit = '';
    };
    for (;;) {
      if (this.pos >= s.length) throw new ParseError('bash: unexpected EOF while looking for matching `"\'', true);
      const c = s[this.pos];
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === undefined) throw new ParseError('bash: unexpected EOF while looking for matching `"\'', true);
        if (n === '\n') this.pos += 2;
        else if ('$`"\\'.includes(n)) {
          lit += n;
          this.pos += 2;
        } else {
          lit += c;
          this.pos++;
        }
      } else if (c === '$') {
        if (lit) flush();
        this.readDollar(parts, true);
      } else if (c === '`') {
        if (lit) flush();
        parts.push(this.readBacktick(true));
      } else {
        lit += c;
        this.pos++;
      }
    }
    // Always leave a (possibly empty) quoted part: `""` is an empty word, not no word.
    flush();
  }

  private readDollar(parts: WordPart[], q: boolean): void {
    const s = this.src;
    const n = s[this.pos + 1];
    if (n === '(') {
      if (s[this.pos + 2] === '(') {
        const end = findArithEnd(s, this.pos + 3);
        if (end >= 0) {
          parts.push({ kind: 'arith', expr: s.slice(this.pos + 3, end), q });
          this.pos = end + 2;
          return;
        }
      }
      this.pos += 2;
      const sub = new Parser(s, this.depth + 1);
      sub.pos = this.pos;
      const body = sub.parseList();
      sub.expectOp(')');
      if (sub.heredocs.length) sub.flushHeredocsAtEof();
      this.pos = sub.pos;
      parts.push({ kind: 'cmdsub', body, q });
      return;
    }
    if (n === '{') {
      parts.push(this.readBrace(q));
      return;
    }
    if (n === "'" && !q) {
      const { text, end } = ansiC(s, this.pos + 2);
      if (end < 0) throw new ParseError("bash: unexpected EOF while looking for matching `''", true);
      parts.push({ kind: 'lit', text, q: true });
      this.pos = end + 1;
      return;
    }
    if (n !== undefined && /[?$#!@*0-9-]/.test(n)) {
      parts.push({ kind: 'param', name: n, q });
      this.pos += 2;
      return;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1, this.pos + 257));
    if (m) {
      parts.push({ kind: 'param', name: m[0], q });
      this.pos += 1 + m[0].length;
      return;
    }
    parts.push({ kind: 'lit', text: '$', q });
    this.pos++;
  }

  private readBrace(q: boolean): WordPart {
    const s = this.src;
    const start = this.pos;
    this.pos += 2;
    let len = false;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}' && /[A-Za-z_0-9?$#@*!-]/.test(s[this.pos + 1] ?? '')) {
      len = true;
      this.pos++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#!@*-])/.exec(s.slice(this.pos, this.pos + 256));
    if (!m) return this.badBrace(start, q);
    const name = m[0];
    this.pos += name.length;
    if (s[this.pos] === '}') {
      this.pos++;
      return { kind: 'param', name, op: len ? 'len' : undefined, q };
    }
    if (len) return this.badBrace(start, q);
    const opm = /^(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%|\/\/|\/)/.exec(s.slice(this.pos, this.pos + 2));
    if (!opm) return this.badBrace(start, q);
    const op = opm[0] as ParamOp;
    this.pos += op.length;
    const inner = (c: string) => c === '}';
    let arg: Word;
    let arg2: Word | undefined;
    if (op === '/' || op === '//') {
      arg = this.readWord((c) => c === '}' || c === '/');
      if (s[this.pos] === '/') {
        this.pos++;
        arg2 = this.readWord(inner);
      }
    } else arg = this.readWord(inner);
    if (s[this.pos] !== '}') throw new ParseError("bash: unexpected EOF while looking for matching `}'", true);
    this.pos++;
    return { kind: 'param', name, op, arg, arg2, q };
  }

  private badBrace(start: number, q: boolean): WordPart {
    const s = this.src;
    let depth = 0;
    let i = start + 2;
    for (; i < s.length; i++) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}') {
        if (depth === 0) break;
        depth--;
      }
    }
    if (i >= s.length) throw new ParseError("bash: unexpected EOF while looking for matching `}'", true);
    this.pos = i + 1;
    return { kind: 'bad', text: s.slice(start, i + 1), q };
  }

  private readBacktick(q: boolean): WordPart {
    const s = this.src;
    let i = this.pos + 1;
    let inner = '';
    for (;;) {
      if (i >= s.length) throw new ParseError("bash: unexpected EOF while looking for matching ``'", true);
      const c = s[i];
      if (c === '`') break;
      if (c === '\\' && i + 1 < s.length && '$`\\'.includes(s[i + 1])) {
        inner += s[i + 1];
        i += 2;
        continue;
      }
      inner += c;
      i++;
    }
    this.pos = i + 1;
    const sub = new Parser(inner, this.depth + 1);
    const body = sub.parseProgram();
    return { kind: 'cmdsub', body, q };
  }

  // ---- heredocs --------------------------------------------------------------------------

  private readHeredocBodies(): void {
    const pending = this.heredocs;
    this.heredocs = [];
    const s = this.src;
    for (const h of pending) {
      let body = '';
      let found = false;
      while (this.pos < s.length) {
        let nl = s.indexOf('\n', this.pos);
        if (nl < 0) nl = s.length;
        let line = s.slice(this.pos, nl);
        this.pos = Math.min(nl + 1, s.length);
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim) {
          found = true;
          break;
        }
        body += line + '\n';
      }
      if (!found) {
        this.warnings.push(`bash: warning: here-document delimited by end-of-file (wanted \`${h.delim}')`);
      }
      this.fillHeredoc(h, body);
    }
  }

  private flushHeredocsAtEof(): void {
    for (const h of this.heredocs) {
      this.warnings.push(`bash: warning: here-document delimited by end-of-file (wanted \`${h.delim}')`);
      this.fillHeredoc(h, '');
    }
    this.heredocs = [];
  }

  private fillHeredoc(h: PendingHeredoc, body: string): void {
    const hd = h.redir.heredoc!;
    hd.body = hd.quoted ? { parts: [{ kind: 'lit', text: body, q: true }], raw: body } : parseExpandable(body);
  }

  /** True when a heredoc was left open: the terminal should read more lines. */
  get openHeredocs(): boolean {
    return this.heredocs.length > 0;
  }
}

/** Whether the source leaves heredocs unterminated (a reason to prompt with `> `). */
export function hasOpenHeredoc(src: string): boolean {
  const r = parse(src);
  return r.ok && r.warnings.some((w) => w.includes('here-document'));
}

function isMeta(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '|' || c === '&' || c === ';' ||
    c === '<' || c === '>' || c === '(' || c === ')';
}

function tildeEnds(c: string | undefined): boolean {
  return c === undefined || c === '/' || isMeta(c);
}

/** The reserved word a token spells, if it is one plain unquoted literal. */
function reserved(w: Word): string | null {
  if (w.parts.length !== 1) return null;
  const p = w.parts[0];
  if (p.kind !== 'lit' || p.q) return null;
  switch (p.text) {
    case 'if': case 'then': case 'else': case 'elif': case 'fi': case 'for': case 'in': case 'do':
    case 'done': case 'while': case 'until': case '{': case '}': case '!': case 'function':
    case 'case': case 'esac':
      return p.text;
  }
  return null;
}

function asAssignment(w: Word): Assign | null {
  const first = w.parts[0];
  if (!first || first.kind !== 'lit' || first.q) return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.text);
  if (!m) return null;
  const restText = first.text.slice(m[0].length);
  const parts: WordPart[] = [];
  if (restText) {
    // `A=~/x` expands the tilde as bash does in assignments.
    if (restText === '~' || restText.startsWith('~/')) {
      parts.push({ kind: 'tilde', q: false });
      if (restText.length > 1) parts.push({ kind: 'lit', text: restText.slice(1), q: false });
    } else parts.push({ kind: 'lit', text: restText, q: false });
  }
  parts.push(...w.parts.slice(1));
  return { name: m[1], append: m[2] === '+', value: { parts, raw: w.raw.slice(m[0].length) } };
}

function litWord(text: string): Word {
  return { parts: [{ kind: 'lit', text, q: false }], raw: text };
}

/** Index of the `))` closing `$((`, or -1 when the parentheses do not balance that way. */
function findArithEnd(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return s[i + 1] === ')' ? i : -1;
      depth--;
    } else if (c === '\n' && depth === 0) {
      // keep scanning: arithmetic may span lines
    }
  }
  return -1;
}

/** `$'...'` (ANSI-C quoting): returns the text and the index of the closing quote. */
function ansiC(s: string, from: number): { text: string; end: number } {
  let out = '';
  let i = from;
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  while (i < s.length) {
    const c = s[i];
    if (c === "'") return { text: out, end: i };
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1];
      if (n in map) {
        out += map[n];
        i += 2;
        continue;
      }
      const hex = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(i + 1, i + 4));
      if (hex) {
        out += String.fromCharCode(parseInt(hex[1], 16));
        i += 1 + hex[0].length;
        continue;
      }
      const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4));
      if (oct) {
        out += String.fromCharCode(parseInt(oct[0], 8) & 0xff);
        i += 1 + oct[0].length;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return { text: out, end: -1 };
}
