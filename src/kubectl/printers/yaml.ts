// `kubectl -o yaml`: the object goes to JSON, then sigs.k8s.io/yaml's JSONToYAML, which decodes it
// with go-yaml v2 and encodes it again with go-yaml v2's emitter. This file reproduces that
// emitter's choices: key order (yaml.v2's "natural" key sort), when a string is plain, '...' or
// "...", `|` literal blocks with their indentation and chomping hints, folding of long lines at
// 80 columns, indentless sequences under mapping keys, `{}` and `[]` for empty collections.
import { formatFloatG, isGoInt, isPlainObject } from './gofmt';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

// ---------------------------------------------------------------------------------------------
// Resolution: would a plain scalar read back as something other than a string?

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function hintOf(s: string): string {
  if (s === '') return 'N';
  const c = s[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

function goParseFloatOk(s: string): boolean {
  // strconv.ParseFloat on decimal syntax; out-of-range values are errors.
  const f = Number(s);
  return Number.isFinite(f);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** yaml.v2 parseTimestamp: the formats it tries with Go's time.Parse. */
function isTimestamp(s: string): boolean {
  let i = 0;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return false;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  if (month < 1 || month > 12) return false;
  if (day < 1 || day > daysIn(month, year)) return false;
  if (m[4] === undefined) return true;
  if (+m[5] > 23 || +m[6] > 59 || +m[7] > 59) return false;
  const zone = m[9];
  if (m[4] === ' ') return zone === undefined;
  if (zone === undefined) return false;
  if (zone !== 'Z') {
    const hh = +zone.slice(1, 3);
    const mm = +zone.slice(4, 6);
    if (hh > 23 || mm > 59) return false;
  }
  return true;
}

/** True when the plain form of s would resolve to a non-string (so it must be quoted). */
export function resolvesToNonString(s: string): boolean {
  const hint = hintOf(s);
  if (hint === '') return false;
  if (RESOLVE_MAP.has(s)) return true;
  switch (hint) {
    case 'M':
      return false;
    case '.':
      return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && goParseFloatOk(s);
    case 'D':
    case 'S': {
      if (isTimestamp(s)) return true;
      const plain = s.replace(/_/g, '');
      if (GO_INT.test(plain)) return true;
      if (YAML_STYLE_FLOAT.test(plain) && goParseFloatOk(plain)) return true;
      return false;
    }
  }
  return false;
}

function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

// ---------------------------------------------------------------------------------------------
// Character classes (yaml.v2 yamlprivateh.go), on code points.

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}
const isBreak = (cp: number) => cp === 0x0d || cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
const isSpace = (cp: number) => cp === 0x20;
const isBlank = (cp: number) => cp === 0x20 || cp === 0x09;
const isBlankz = (cp: number | undefined) => cp === undefined || cp === 0 || isBlank(cp) || isBreak(cp);

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

interface ScalarAnalysis {
  cps: number[];
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function analyzeScalar(value: string): ScalarAnalysis {
  const cps = Array.from(value, (c) => c.codePointAt(0)!);
  if (cps.length === 0) {
    return { cps, multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const followedByWhitespace = i + 1 >= cps.length || isBlank(cps[i + 1]) || isBreak(cps[i + 1]);
    if (i === 0) {
      switch (String.fromCodePoint(c)) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case "'": case '"': case '%': case '@': case '`':
          blockIndicators = true;
          break;
        case '?': case ':':
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '-':
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else {
      if (c === 0x3a /* : */ && followedByWhitespace) blockIndicators = true;
      if (c === 0x23 /* # */ && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { cps, multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

// ---------------------------------------------------------------------------------------------
// Keys: yaml.v2 sorter.go keyList.Less on strings.

const isLetter = (cp: number) => /\p{L}/u.test(String.fromCodePoint(cp));
const isDigit = (cp: number) => /\p{Nd}/u.test(String.fromCodePoint(cp));

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a, (c) => c.codePointAt(0)!);
  const br = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === 0x30 || br[i] === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 0x30) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai] - 0x30);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi] - 0x30);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

export function yamlSortKeys(keys: string[]): string[] {
  // Go's sort.Sort is not stable, but keys of a map are distinct, and Less is a strict order for
  // distinct strings in practice.
  return keys.slice().sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// The emitter.

type Style = 'plain' | 'single' | 'double' | 'literal';

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;
  indents: number[] = [];
  openEnded = false;

  put(s: string): void {
    this.out += s;
    this.column += 1;
  }
  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }
  writeCp(cp: number): void {
    this.out += String.fromCodePoint(cp);
    this.column += 1;
  }
  writeBreakCp(cp: number): void {
    if (cp === 0x0a) this.putBreak();
    else {
      this.out += String.fromCodePoint(cp);
      this.column = 0;
    }
    this.indention = true;
  }
  writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.out += ind;
    this.column += Array.from(ind).length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }
  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  // --- scalars

  writePlain(cps: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(cps[i + 1] ?? -1)) {
          this.writeIndent();
        } else this.writeCp(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  writeSingle(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && !isSpace(cps[i + 1])) {
          this.writeIndent();
        } else this.writeCp(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeDouble(cps: number[], allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (!isPrintable(c) || c === 0xfeff || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const simple: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r',
          0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        const s = simple[c];
        if (s !== undefined) this.put(s);
        else {
          let hex: string;
          if (c <= 0xff) hex = 'x' + c.toString(16).toUpperCase().padStart(2, '0');
          else if (c <= 0xffff) hex = 'u' + c.toString(16).toUpperCase().padStart(4, '0');
          else hex = 'U' + c.toString(16).toUpperCase().padStart(8, '0');
          for (const h of hex) this.put(h);
        }
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (isSpace(cps[i + 1])) this.put('\\');
        } else this.writeCp(c);
        spaces = true;
      } else {
        this.writeCp(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeLiteral(cps: number[]): void {
    this.writeIndicator('|', true, false, false);
    // block scalar hints
    if (cps.length > 0 && (isSpace(cps[0]) || isBreak(cps[0]))) {
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    }
    this.openEnded = false;
    let chomp = '';
    if (cps.length === 0) chomp = '-';
    else {
      const last = cps.length - 1;
      if (!isBreak(cps[last])) chomp = '-';
      else if (last === 0) {
        chomp = '+';
      } else if (isBreak(cps[last - 1])) {
        chomp = '+';
      }
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
    if (chomp === '+') this.openEnded = true;
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (isBreak(c)) {
        this.writeBreakCp(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  emitScalar(value: string, requested: Style, simpleKey: boolean): void {
    const a = analyzeScalar(value);
    let style = requested;
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (a.cps.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';

    this.increaseIndent(true, false);
    switch (style) {
      case 'plain':
        this.writePlain(a.cps, !simpleKey);
        break;
      case 'single':
        this.writeSingle(a.cps, !simpleKey);
        break;
      case 'double':
        this.writeDouble(a.cps, !simpleKey);
        break;
      case 'literal':
        this.writeLiteral(a.cps);
        break;
    }
    this.popIndent();
  }

  emitString(s: string, simpleKey: boolean): void {
    const canUsePlain = !resolvesToNonString(s) && !isBase60Float(s);
    const style: Style = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
    this.emitScalar(s, style, simpleKey);
  }

  emitNode(v: unknown, ctx: { mapping: boolean; simpleKey: boolean }): void {
    if (v === null || v === undefined) return this.emitScalar('null', 'plain', ctx.simpleKey);
    if (typeof v === 'string') return this.emitString(v, ctx.simpleKey);
    if (typeof v === 'boolean') return this.emitScalar(v ? 'true' : 'false', 'plain', ctx.simpleKey);
    if (typeof v === 'bigint') return this.emitScalar(v.toString(), 'plain', ctx.simpleKey);
    if (typeof v === 'number') {
      let s: string;
      if (isGoInt(v)) s = Object.is(v, -0) ? '0' : BigInt(v).toString();
      else {
        s = formatFloatG(v);
        if (s === '+Inf') s = '.inf';
        else if (s === '-Inf') s = '-.inf';
        else if (s === 'NaN') s = '.nan';
      }
      return this.emitScalar(s, 'plain', ctx.simpleKey);
    }
    if (Array.isArray(v)) {
      if (v.length === 0 || ctx.simpleKey) return this.emitFlowEmpty('[', ']');
      this.increaseIndent(false, ctx.mapping && !this.indention);
      for (const item of v) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.emitNode(item, { mapping: false, simpleKey: false });
      }
      this.popIndent();
      return;
    }
    if (isPlainObject(v)) {
      const keys = yamlSortKeys(Object.keys(v).filter((k) => v[k] !== undefined));
      if (keys.length === 0 || ctx.simpleKey) return this.emitFlowEmpty('{', '}');
      this.increaseIndent(false, false);
      for (const k of keys) {
        this.writeIndent();
        const simple = !analyzeScalar(k).multiline && utf8Length(k) <= 128;
        if (simple) {
          this.emitNode(k, { mapping: true, simpleKey: true });
          this.writeIndicator(':', false, false, false);
        } else {
          this.writeIndicator('?', true, false, true);
          this.emitNode(k, { mapping: true, simpleKey: false });
          this.writeIndent();
          this.writeIndicator(':', true, false, true);
        }
        this.emitNode(v[k], { mapping: true, simpleKey: false });
      }
      this.popIndent();
      return;
    }
    throw new Error(`yaml: cannot marshal type ${typeof v}`);
  }

  emitFlowEmpty(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }
}

/** go-yaml v2's Marshal of a decoded JSON value (what sigs.k8s.io/yaml.JSONToYAML returns). */
export function goYamlMarshal(value: unknown): string {
  const e = new Emitter();
  e.emitNode(value, { mapping: false, simpleKey: false });
  // The implicit document end writes an indent (a line break when the line has text); sigs.k8s.io's
  // go-yaml v2 writes no `...` after an open-ended (`|+`) last scalar.
  if (!e.out.endsWith('\n')) e.putBreak();
  return e.out;
}

/** What `kubectl -o yaml` prints for one object (or a List). */
export function toYaml(value: unknown): string {
  // JSON round trip semantics: undefined members vanish, like fields Go would omit.
  return goYamlMarshal(value);
}
