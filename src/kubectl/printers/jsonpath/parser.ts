// kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath parser.go), re-implemented: the same
// node kinds, the same scanning rules (fields end at . , [ ] $ @ { } or blanks, `\` escapes inside
// field names), the same error texts.

export type JpNode =
  | { type: 'list'; nodes: JpNode[] }
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'identifier'; name: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'array'; params: ArrayParam[] }
  | { type: 'filter'; left: JpList; right: JpList; operator: string }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: JpList[] };

export type JpList = { type: 'list'; nodes: JpNode[] };

export interface ArrayParam {
  value: number;
  known: boolean;
  derived: boolean;
}

export class JsonPathParseError extends Error {}

const DICT_KEY = /^'([^']*)'$/;
const SLICE_OP = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER_RE = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

const isSpace = (r: string) => r === ' ' || r === '\t';
const isEndOfLine = (r: string) => r === '\r' || r === '\n';
const isLetter = (r: string) => /^\p{L}$/u.test(r);
const isDigit = (r: string) => /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string) => r === '_' || isLetter(r) || isDigit(r);

function isTerminator(r: string): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  return r === EOF || r === '.' || r === ',' || r === '[' || r === ']' || r === '$' || r === '@' || r === '{' || r === '}';
}

const EOF = '';

/** Go's %#U of a rune: U+0023 '#'. */
function formatRuneU(r: string): string {
  const cp = r.codePointAt(0)!;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(r) || r === ' ') return `${hex} '${r}'`;
  return hex;
}

class Parser {
  input = '';
  pos = 0;
  start = 0;
  width = 0;
  root: JpList = { type: 'list', nodes: [] };

  parse(text: string): JpList {
    this.input = text;
    this.root = { type: 'list', nodes: [] };
    this.pos = 0;
    this.start = 0;
    this.parseText(this.root);
    return this.root;
  }

  consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(cp);
    this.width = r.length;
    this.pos += this.width;
    return r;
  }

  peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    this.pos -= this.width;
  }

  parseText(cur: JpList): void {
    // Iterative form of Go's mutual recursion between parseText and parseRightDelim.
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        this.pos += 1;
        this.consumeText();
        const node: JpList = { type: 'list', nodes: [] };
        cur.nodes.push(node);
        this.parseInsideAction(node);
        // parseRightDelim consumed `}`; continue with the root
        cur = this.root;
        continue;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
  }

  parseInsideAction(cur: JpList): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathParseError('unclosed action');
      if (r === ' ') this.consumeText();
      else if (r === '@' || r === '$') this.consumeText();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new JsonPathParseError(`unrecognized character in action: ${formatRuneU(r)}`);
    }
  }

  parseIdentifier(cur: JpList): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  parseRecursive(cur: JpList): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new JsonPathParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    const r = this.peek();
    if (r !== EOF && isAlphaNumeric(r)) this.parseField(cur);
  }

  parseNumber(cur: JpList): void {
    let r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      r = this.next();
      if (r !== '.' && !(r !== EOF && isDigit(r))) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?[0-9]+$/.test(value)) {
      cur.nodes.push({ type: 'int', value: parseInt(value, 10) });
      return;
    }
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) {
      cur.nodes.push({ type: 'float', value: parseFloat(value) });
      return;
    }
    throw new JsonPathParseError(`cannot parse number ${value}`);
  }

  parseArray(cur: JpList): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const strs = text.split(',');
    if (strs.length > 1) {
      const union: JpList[] = [];
      for (const str of strs) union.push(parseAction(`[${str.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return;
    }

    const dict = DICT_KEY.exec(text);
    if (dict) {
      const p = parseAction(`.${dict[1]}`);
      for (const n of p.nodes) cur.nodes.push(n);
      return;
    }

    const m = SLICE_OP.exec(text);
    if (!m) throw new JsonPathParseError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: ArrayParam[] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') params[i].known = false;
        else {
          params[i].known = true;
          if (!/^[+-]?[0-9]+$/.test(value[i])) throw new JsonPathParseError(`array index ${value[i]} is not a number`);
          params[i].value = parseInt(value[i], 10);
        }
      } else if (i === 1) {
        params[i].known = true;
        params[i].value = params[0].value + 1;
        params[i].derived = true;
      } else {
        params[i].known = false;
        params[i].value = 0;
      }
    }
    cur.nodes.push({ type: 'array', params });
  }

  parseFilter(cur: JpList): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    loop: for (;;) {
      const r = this.next();
      switch (r) {
        case EOF:
        case '\n':
          throw new JsonPathParseError('unterminated filter');
        case '"':
        case "'":
          if (!begin) {
            begin = true;
            pair = r;
            continue;
          }
          if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
          break;
        case ')':
          if (begin === end) break loop;
          break;
      }
    }
    if (this.next() !== ']') throw new JsonPathParseError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = FILTER_RE.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    } else {
      const left = parseAction(m[1]);
      const right = parseAction(m[3]);
      cur.nodes.push({ type: 'filter', left, right, operator: m[2] });
    }
  }

  parseQuote(cur: JpList, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JsonPathParseError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ type: 'text', text: s });
  }

  parseField(cur: JpList): void {
    this.consumeText();
    while (this.advance()) {
      /* scan */
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', value: value.replace(/\\/g, '') });
  }

  advance(): boolean {
    const r = this.next();
    if (r === '\\') this.next();
    else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

function parseAction(text: string): JpList {
  const p = new Parser();
  const root = p.parse(`{${text}}`);
  return root.nodes[0] as JpList;
}

/** strconv.UnquoteChar-based unquoting that also accepts single-quoted strings. */
export function unquoteExtend(s: string): string {
  const n = s.length;
  if (n < 2) throw new Error('invalid syntax');
  const quote = s[0];
  if (quote !== s[n - 1]) throw new Error('invalid syntax');
  s = s.slice(1, n - 1);
  if (quote !== '"' && quote !== "'") throw new Error('invalid syntax');
  if (!s.includes('\\') && !s.includes(quote)) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === quote && (quote === "'" || quote === '"')) throw new Error('invalid syntax');
    if (c !== '\\') {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      out += ch;
      i += ch.length;
      continue;
    }
    if (i + 1 >= s.length) throw new Error('invalid syntax');
    const e = s[i + 1];
    i += 2;
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case "'":
      case '"':
        if (e !== quote) throw new Error('invalid syntax');
        out += e;
        break;
      case 'x':
      case 'u':
      case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = s.slice(i, i + len);
        if (hex.length < len || !/^[0-9a-fA-F]+$/.test(hex)) throw new Error('invalid syntax');
        i += len;
        const v = parseInt(hex, 16);
        if (e === 'x') out += String.fromCharCode(v);
        else {
          if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new Error('invalid syntax');
          out += String.fromCodePoint(v);
        }
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          const oct = s.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax');
          const v = parseInt(oct, 8);
          if (v > 255) throw new Error('invalid syntax');
          out += String.fromCharCode(v);
          i += 2;
          break;
        }
        throw new Error('invalid syntax');
    }
  }
  return out;
}

/** Parse a JSONPath template (client-go's jsonpath.Parse). Throws JsonPathParseError. */
export function parseJsonPath(template: string): JpList {
  return new Parser().parse(template);
}
