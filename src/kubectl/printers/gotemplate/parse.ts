// Go text/template, re-implemented without eval: lexer (text/template/parse/lex.go) and parser
// (parse.go) producing a small tree, with Go's error texts (`template: output:1: ...`).

export class TemplateParseError extends Error {}

// ---------------------------------------------------------------------------------------------
// Lexer

type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'assign' | 'declare' | 'eof' | 'field' | 'identifier'
  | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim' | 'rightParen' | 'space'
  | 'string' | 'text' | 'variable' | 'comment'
  | 'keyword' | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil'
  | 'range' | 'template' | 'with';

interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else',
  end: 'end', if: 'if', range: 'range', nil: 'nil', template: 'template', with: 'with',
};

const isSpaceCh = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string) => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);

function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  const L = '{{';
  const R = '}}';

  const emit = (typ: ItemType, val = input.slice(start, pos)) => {
    items.push({ typ, pos: start, val, line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = () => {
    for (let i = start; i < pos; i++) if (input[i] === '\n') startLine++;
    start = pos;
  };
  const fail = (msg: string) => {
    items.push({ typ: 'error', pos: start, val: msg, line: startLine });
  };
  const next = (): string => {
    if (pos >= input.length) return '';
    const c = String.fromCodePoint(input.codePointAt(pos)!);
    pos += c.length;
    if (c === '\n') line++;
    return c;
  };
  const peek = (): string => (pos >= input.length ? '' : String.fromCodePoint(input.codePointAt(pos)!));
  const backup = (c: string) => {
    pos -= c.length;
    if (c === '\n') line--;
  };

  const trimRight = (s: string) => s.replace(/[ \t\r\n]+$/, '');
  const hasLeftTrim = (at: number) => input.startsWith('- ', at) || input.startsWith('-\t', at) || input.startsWith('-\r', at) || input.startsWith('-\n', at);
  const atRightDelim = (): { is: boolean; trim: boolean } => {
    if (/^ -[}]/.test(input.slice(pos, pos + 3)) || /^[\t\r\n]-[}]/.test(input.slice(pos, pos + 3))) {
      if (input.startsWith(R, pos + 2)) return { is: true, trim: true };
    }
    if (input.startsWith(R, pos)) return { is: true, trim: false };
    return { is: false, trim: false };
  };

  // lexText
  for (;;) {
    const x = input.indexOf(L, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) {
        for (let i = start; i < pos; i++) if (input[i] === '\n') line++;
        emit('text');
      }
      emit('eof', '');
      return items;
    }
    // text before the delimiter
    let textEnd = x;
    const trimAfter = x + L.length;
    const leftTrim = hasLeftTrim(trimAfter);
    let textVal = input.slice(start, x);
    if (leftTrim) textVal = trimRight(textVal);
    for (let i = start; i < x; i++) if (input[i] === '\n') line++;
    pos = x;
    if (textVal.length > 0) {
      items.push({ typ: 'text', pos: start, val: textVal, line: startLine });
    }
    start = pos;
    startLine = line;
    void textEnd;
    // lexLeftDelim
    pos += L.length;
    if (leftTrim) pos += 2;
    // comment?
    if (input.startsWith('/*', pos)) {
      const end = input.indexOf('*/', pos + 2);
      if (end < 0) {
        fail('unclosed comment');
        return items;
      }
      pos = end + 2;
      for (let i = start; i < pos; i++) if (input[i] === '\n') line++;
      const rd = atRightDelim();
      if (!rd.is) {
        fail('comment ends before closing delimiter');
        return items;
      }
      pos += rd.trim ? 2 + R.length : R.length;
      if (rd.trim) {
        while (pos < input.length && isSpaceCh(input[pos])) {
          if (input[pos] === '\n') line++;
          pos++;
        }
      }
      start = pos;
      startLine = line;
      continue;
    }
    items.push({ typ: 'leftDelim', pos: start, val: L, line: startLine });
    start = pos;
    startLine = line;
    parenDepth = 0;
    // lexInsideAction
    let rightTrimmed = false;
    for (;;) {
      const rd = atRightDelim();
      if (rd.is && parenDepth === 0) {
        if (rd.trim) {
          pos += 2; // skip the trim marker
          start = pos;
        }
        pos += R.length;
        emit('rightDelim', R);
        if (rd.trim) {
          while (pos < input.length && isSpaceCh(input[pos])) {
            if (input[pos] === '\n') line++;
            pos++;
          }
          start = pos;
          startLine = line;
        }
        rightTrimmed = rd.trim;
        break;
      }
      const r = next();
      if (r === '') {
        fail('unclosed action');
        return items;
      }
      if (isSpaceCh(r)) {
        // lexSpace: a run of spaces; a trim marker right after ends the action
        while (pos < input.length && isSpaceCh(peek())) next();
        if (/^-[}]{2}/.test(input.slice(pos - 1, pos + 2)) && isSpaceCh(input[pos - 1])) {
          // handled by atRightDelim on the next turn (the space before '-' is part of the marker)
          pos -= 1;
          if (input[pos] === '\n') line--;
          if (pos > start) emit('space');
          continue;
        }
        emit('space');
        continue;
      }
      if (r === '=') {
        emit('assign');
      } else if (r === ':') {
        if (next() !== '=') {
          fail('expected :=');
          return items;
        }
        emit('declare');
      } else if (r === '|') {
        emit('pipe');
      } else if (r === '"') {
        for (;;) {
          const c = next();
          if (c === '\\') {
            const n = next();
            if (n !== '' && n !== '\n') continue;
            fail('unterminated quoted string');
            return items;
          }
          if (c === '' || c === '\n') {
            fail('unterminated quoted string');
            return items;
          }
          if (c === '"') break;
        }
        emit('string');
      } else if (r === '`') {
        for (;;) {
          const c = next();
          if (c === '') {
            fail('unterminated raw quoted string');
            return items;
          }
          if (c === '`') break;
        }
        emit('rawString');
      } else if (r === "'") {
        for (;;) {
          const c = next();
          if (c === '\\') {
            const n = next();
            if (n !== '' && n !== '\n') continue;
            fail('unterminated character constant');
            return items;
          }
          if (c === '' || c === '\n') {
            fail('unterminated character constant');
            return items;
          }
          if (c === "'") break;
        }
        emit('charConstant');
      } else if (r === '$') {
        // lexVariable
        if (pos >= input.length || !isAlnum(peek())) {
          emit('variable');
        } else {
          while (pos < input.length && isAlnum(peek())) next();
          emit('variable');
        }
      } else if (r === '.') {
        const c = peek();
        if (c === '' || c < '0' || c > '9') {
          // lexField
          if (pos >= input.length || !isAlnum(peek())) {
            emit('dot');
          } else {
            while (pos < input.length && isAlnum(peek())) next();
            const nx = peek();
            if (!(nx === '' || isSpaceCh(nx) || '.,|:)('.includes(nx) || atRightDelim().is)) {
              fail(`bad character ${formatRune(nx)}`);
              return items;
            }
            emit('field');
          }
        } else {
          backup(r);
          if (!scanNumber()) return items;
          emit('number');
        }
      } else if (r === '+' || r === '-' || (r >= '0' && r <= '9')) {
        backup(r);
        if (!scanNumber()) return items;
        emit('number');
      } else if (isAlnum(r)) {
        while (pos < input.length && isAlnum(peek())) next();
        const word = input.slice(start, pos);
        const nx = peek();
        if (!(nx === '' || isSpaceCh(nx) || '.,|:)('.includes(nx) || atRightDelim().is)) {
          fail(`bad character ${formatRune(nx)}`);
          return items;
        }
        if (KEYWORDS[word] && word !== '.') emit(KEYWORDS[word]);
        else if (word === 'true' || word === 'false') emit('bool');
        else emit('identifier');
      } else if (r === '(') {
        parenDepth++;
        emit('leftParen');
      } else if (r === ')') {
        parenDepth--;
        if (parenDepth < 0) {
          fail('unexpected right paren');
          return items;
        }
        emit('rightParen');
      } else if (r === ',') {
        emit('char');
      } else {
        fail(`unrecognized character in action: ${formatRune(r)}`);
        return items;
      }
    }
    void rightTrimmed;
  }

  function scanNumber(): boolean {
    const rest = input.slice(pos);
    const m = /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?)i?/.exec(rest);
    let len = m ? m[0].length : 0;
    if (len === 0) len = 1;
    pos += len;
    if (pos < input.length && isAlnum(input[pos])) {
      pos++;
      fail(`bad number syntax: "${input.slice(start, pos)}"`);
      return false;
    }
    return true;
  }
}

export function formatRune(r: string): string {
  const cp = r.codePointAt(0)!;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(r) || r === ' ') return `${hex} '${r}'`;
  return hex;
}

// ---------------------------------------------------------------------------------------------
// Tree

export type Node =
  | { type: 'text'; pos: number; text: string }
  | { type: 'action'; pos: number; line: number; pipe: PipeNode }
  | { type: 'if' | 'with'; pos: number; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null }
  | { type: 'range'; pos: number; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null }
  | { type: 'template'; pos: number; line: number; name: string; pipe: PipeNode | null }
  | { type: 'break' | 'continue'; pos: number; line: number };

export interface ListNode {
  type: 'list';
  nodes: Node[];
}

export interface PipeNode {
  type: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

export interface CommandNode {
  type: 'command';
  pos: number;
  args: Operand[];
}

export interface VariableNode {
  type: 'variable';
  pos: number;
  ident: string[];
}

export type Operand =
  | { type: 'field'; pos: number; ident: string[] }
  | VariableNode
  | { type: 'identifier'; pos: number; ident: string }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | NumberNode
  | { type: 'string'; pos: number; quoted: string; text: string }
  | { type: 'chain'; pos: number; node: Operand; field: string[] }
  | PipeNode;

export interface NumberNode {
  type: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isFloat: boolean;
  int: number;
  float: number;
}

export interface Template {
  name: string;
  text: string;
  root: ListNode;
  defs: Map<string, ListNode>;
}

// ---------------------------------------------------------------------------------------------
// Node printing (Node.String(), used in error contexts)

export function nodeString(n: Operand | CommandNode | Node | ListNode): string {
  switch (n.type) {
    case 'field':
      return n.ident.map((s) => '.' + s).join('');
    case 'variable':
      return n.ident.join('.');
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'chain': {
      let s = n.node.type === 'pipe' ? '(' + nodeString(n.node) + ')' : nodeString(n.node);
      for (const f of n.field) s += '.' + f;
      return s;
    }
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map((v) => nodeString(v)).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map((c) => nodeString(c)).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? '(' + nodeString(a) + ')' : nodeString(a))).join(' ');
    case 'text':
      return JSON.stringify(n.text);
    case 'action':
      return '{{' + nodeString(n.pipe) + '}}';
    case 'list':
      return n.nodes.map((x) => nodeString(x)).join('');
    case 'if':
    case 'with':
    case 'range': {
      let s = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
      return s + '{{end}}';
    }
    case 'template':
      return n.pipe ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${JSON.stringify(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
  }
}

// ---------------------------------------------------------------------------------------------
// Parser

const BUILTIN_FUNCS = new Set([
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery',
  'eq', 'ge', 'gt', 'le', 'lt', 'ne',
]);

/** Functions kubectl adds (cli-runtime printers/template.go). */
export const KUBECTL_FUNCS = new Set(['exists', 'base64decode']);

class TParser {
  items: Item[];
  i = 0;
  vars: string[] = ['$'];
  rangeDepth = 0;
  defs = new Map<string, ListNode>();
  lastLine = 1;

  constructor(readonly name: string, readonly text: string, readonly funcs: Set<string>) {
    this.items = lex(text);
  }

  errorf(msg: string, line = this.lastLine): never {
    throw new TemplateParseError(`template: ${this.name}:${line}: ${msg}`);
  }

  next(): Item {
    const it = this.items[this.i++] ?? { typ: 'eof', pos: this.text.length, val: '', line: this.lastLine };
    this.lastLine = it.line;
    if (it.typ === 'error') this.errorf(it.val, it.line);
    return it;
  }
  backup(): void {
    this.i--;
  }
  peek(): Item {
    return this.items[this.i] ?? { typ: 'eof', pos: this.text.length, val: '', line: this.lastLine };
  }
  nextNonSpace(): Item {
    let it: Item;
    do it = this.next();
    while (it.typ === 'space');
    return it;
  }
  peekNonSpace(): Item {
    const it = this.nextNonSpace();
    this.backup();
    return it;
  }
  unexpected(it: Item, context: string): never {
    if (it.typ === 'error') this.errorf(it.val, it.line);
    this.errorf(`unexpected ${itemString(it)} in ${context}`, it.line);
  }
  expect(typ: ItemType, context: string): Item {
    const it = this.nextNonSpace();
    if (it.typ !== typ) this.unexpected(it, context);
    return it;
  }

  parse(): Template {
    const root: ListNode = { type: 'list', nodes: [] };
    while (this.peek().typ !== 'eof') {
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().typ === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = this.items.indexOf(delim);
      }
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') {
        this.errorf(`unexpected {{${n}}}`);
      }
      root.nodes.push(n);
    }
    return { name: this.name, text: this.text, root, defs: this.defs };
  }

  parseDefinition(): void {
    const nameTok = this.nextNonSpace();
    if (nameTok.typ !== 'string' && nameTok.typ !== 'rawString') this.unexpected(nameTok, 'define clause');
    const name = unquoteGo(nameTok.val);
    this.expect('rightDelim', 'define clause');
    const saved = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    if (end !== 'end') this.errorf('unexpected {{else}}');
    this.vars = saved;
    this.defs.set(name, list);
  }

  itemList(): [ListNode, 'end' | 'else'] {
    const list: ListNode = { type: 'list', nodes: [] };
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  elseIsIf = false;

  textOrAction(): Node | 'end' | 'else' {
    const it = this.nextNonSpace();
    if (it.typ === 'text') return { type: 'text', pos: it.pos, text: it.val };
    if (it.typ === 'leftDelim') return this.action();
    this.unexpected(it, 'input');
  }

  action(): Node | 'end' | 'else' {
    const it = this.nextNonSpace();
    switch (it.typ) {
      case 'block':
        this.errorf('block is not supported');
        break;
      case 'break':
      case 'continue': {
        if (this.rangeDepth === 0) this.errorf(`{{${it.typ}}} outside {{range}}`);
        const t = this.nextNonSpace();
        if (t.typ !== 'rightDelim') this.unexpected(t, `{{${it.typ}}}`);
        return { type: it.typ, pos: it.pos, line: it.line };
      }
      case 'else':
        return this.elseControl();
      case 'end': {
        const t = this.nextNonSpace();
        if (t.typ !== 'rightDelim') this.unexpected(t, 'end');
        return 'end';
      }
      case 'if':
        return this.control('if', it);
      case 'range':
        return this.control('range', it);
      case 'with':
        return this.control('with', it);
      case 'template':
        return this.templateControl(it);
    }
    this.backup();
    const tok = this.peek();
    return { type: 'action', pos: tok.pos, line: tok.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  elseControl(): 'else' {
    const p = this.peekNonSpace();
    if (p.typ === 'if' || p.typ === 'with') {
      // "{{else if ...}}" is "{{else}}{{if ...}}...{{end}}"
      this.elseChain = p.typ;
      return 'else';
    }
    const t = this.nextNonSpace();
    if (t.typ !== 'rightDelim') this.unexpected(t, 'else');
    return 'else';
  }

  elseChain: 'if' | 'with' | null = null;

  control(kind: 'if' | 'range' | 'with', tok: Item): Node {
    const savedVars = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: ListNode | null = null;
    if (next === 'else') {
      if (this.elseChain && (kind === 'if' || kind === 'with') && this.elseChain === kind) {
        this.elseChain = null;
        const chainTok = this.nextNonSpace(); // the 'if' / 'with'
        const inner = this.control(kind, chainTok);
        elseList = { type: 'list', nodes: [inner] };
        // the inner control consumed the shared {{end}}
      } else {
        if (this.elseChain) {
          this.elseChain = null;
          this.errorf(`expected end; found {{else ${this.peekNonSpace().val}`);
        }
        [elseList, next] = this.itemList();
        if (next !== 'end') this.errorf('expected end; found {{else}}');
      }
    }
    this.vars.length = savedVars;
    void list;
    return { type: kind, pos: tok.pos, line: tok.line, pipe, list, elseList } as Node;
  }

  templateControl(tok: Item): Node {
    const t = this.nextNonSpace();
    if (t.typ !== 'string' && t.typ !== 'rawString') this.unexpected(t, 'template clause');
    const name = unquoteGo(t.val);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline('template clause', 'rightDelim');
    }
    return { type: 'template', pos: tok.pos, line: tok.line, name, pipe };
  }

  pipeline(context: string, end: ItemType): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, line: first.line, isAssign: false, decl: [], cmds: [] };
    // declarations
    decls: if (first.typ === 'variable') {
      const save = this.i;
      const v = this.nextNonSpace();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        this.nextNonSpace();
        pipe.isAssign = next.typ === 'assign';
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        if (next.typ === 'declare') this.vars.push(v.val);
        else if (!this.vars.includes(v.val)) this.errorf(`undefined variable "${v.val}"`);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p2 = this.peekNonSpace();
          if (p2.typ === 'variable') {
            const v2 = this.nextNonSpace();
            const op = this.nextNonSpace();
            if (op.typ !== 'declare' && op.typ !== 'assign') this.errorf('missing := after range variables');
            pipe.isAssign = op.typ === 'assign';
            pipe.decl.push({ type: 'variable', pos: v2.pos, ident: [v2.val] });
            if (op.typ === 'declare') this.vars.push(v2.val);
            break decls;
          }
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === 'space') {
        this.i = save;
      } else {
        this.i = save;
      }
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case 'bool':
        case 'charConstant':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const a = pipe.cmds[i].args[0];
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(a.type)) {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      switch (t.typ) {
        case 'space':
          continue;
        case 'rightDelim':
        case 'rightParen':
          this.backup();
          break;
        case 'pipe':
          break;
        default:
          this.unexpected(t, 'operand');
      }
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): Operand | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().typ === 'field') {
      const fields: string[] = [];
      const chainPos = this.peek().pos;
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          return { type: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
        case 'variable':
          return { type: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
          break;
        default:
          return { type: 'chain', pos: chainPos, node, field: fields };
      }
    }
    return node;
  }

  term(): Operand | null {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'identifier':
        if (!BUILTIN_FUNCS.has(t.val) && !this.funcs.has(t.val)) this.errorf(`function "${t.val}" not defined`, t.line);
        return { type: 'identifier', pos: t.pos, ident: t.val };
      case 'dot':
        return { type: 'dot', pos: t.pos };
      case 'nil':
        return { type: 'nil', pos: t.pos };
      case 'variable': {
        if (!this.vars.includes(t.val)) this.errorf(`undefined variable "${t.val}"`, t.line);
        return { type: 'variable', pos: t.pos, ident: [t.val] };
      }
      case 'field':
        return { type: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConstant':
      case 'number':
        return this.number(t);
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return pipe;
      }
      case 'string':
      case 'rawString': {
        let text: string;
        try {
          text = unquoteGo(t.val);
        } catch {
          this.errorf(`invalid syntax`, t.line);
        }
        return { type: 'string', pos: t.pos, quoted: t.val, text };
      }
    }
    this.backup();
    return null;
  }

  number(t: Item): NumberNode {
    const n: NumberNode = { type: 'number', pos: t.pos, text: t.val, isInt: false, isFloat: false, int: 0, float: 0 };
    if (t.typ === 'charConstant') {
      let s: string;
      try {
        s = unquoteGo('"' + t.val.slice(1, -1).replace(/"/g, '\\"') + '"');
      } catch {
        this.errorf(`malformed character constant: ${t.val}`, t.line);
      }
      const cp = s.codePointAt(0) ?? 0;
      if (Array.from(s).length !== 1) this.errorf(`malformed character constant: ${t.val}`, t.line);
      return { ...n, isInt: true, isFloat: true, int: cp, float: cp };
    }
    const text = t.val.replace(/_/g, '');
    if (/i$/.test(text)) this.errorf(`complex numbers are not supported: ${t.val}`, t.line);
    let intVal: bigint | null = null;
    try {
      const neg = text.startsWith('-');
      const body = text.replace(/^[+-]/, '');
      if (/^0[xX][0-9a-fA-F]+$|^0[bB][01]+$|^0[oO][0-7]+$|^[1-9][0-9]*$|^0[0-7]*$/.test(body)) {
        const v = /^0[0-7]+$/.test(body) ? BigInt('0o' + body.slice(1)) : BigInt(body);
        intVal = neg ? -v : v;
      }
    } catch {
      intVal = null;
    }
    if (intVal !== null) {
      if (intVal > 9223372036854775807n || intVal < -9223372036854775808n) {
        this.errorf(`integer overflow: ${JSON.stringify(t.val)}`, t.line);
      }
      return { ...n, isInt: true, isFloat: true, int: Number(intVal), float: Number(intVal) };
    }
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) {
      const f = Number(text);
      if (!Number.isFinite(f)) this.errorf(`illegal number syntax: ${JSON.stringify(t.val)}`, t.line);
      const isInt = Number.isInteger(f) && Math.abs(f) < 9.2e18;
      return { ...n, isFloat: true, float: f, isInt, int: isInt ? f : 0 };
    }
    this.errorf(`illegal number syntax: ${JSON.stringify(t.val)}`, t.line);
  }
}

function itemString(it: Item): string {
  switch (it.typ) {
    case 'eof':
      return 'EOF';
    case 'error':
      return it.val;
    case 'rightDelim':
      return '"}}"';
    case 'leftDelim':
      return '"{{"';
    case 'space':
      return '" "';
    case 'text':
      return JSON.stringify(it.val.length > 10 ? it.val.slice(0, 10) + '...' : it.val);
  }
  if (['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with'].includes(it.typ)) {
    return `<${it.val}>`;
  }
  return it.val.length > 10 ? JSON.stringify(it.val.slice(0, 10) + '...') : JSON.stringify(it.val);
}

/** strconv.Unquote for "..." and `...`. */
export function unquoteGo(s: string): string {
  if (s.startsWith('`')) {
    if (!s.endsWith('`') || s.length < 2) throw new Error('invalid syntax');
    return s.slice(1, -1).replace(/\r/g, '');
  }
  if (s.length < 2 || !s.startsWith('"') || !s.endsWith('"')) throw new Error('invalid syntax');
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"' || c === '\n') throw new Error('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case "'": throw new Error('invalid syntax');
      case 'x':
      case 'u':
      case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw new Error('invalid syntax');
        const v = parseInt(hex, 16);
        out += e === 'x' ? String.fromCharCode(v) : String.fromCodePoint(v);
        i += len;
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          const oct = body.slice(i, i + 3);
          if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax');
          out += String.fromCharCode(parseInt(oct, 8));
          i += 2;
          break;
        }
        throw new Error('invalid syntax');
    }
  }
  return out;
}

/** Parse a template the way kubectl does: named "output", with kubectl's extra functions. */
export function parseTemplate(text: string, name = 'output', funcs: Set<string> = KUBECTL_FUNCS): Template {
  return new TParser(name, text, funcs).parse();
}
