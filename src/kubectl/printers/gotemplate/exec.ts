// Execution of a parsed Go text/template over an unstructured object, with kubectl's settings
// (missingkey=default: a missing map key is an invalid value, printed `<no value>`), Go's truth
// rules, builtins (and or not len index slice print printf println eq ne lt le gt ge html js
// urlquery) and kubectl's exists/base64decode. No eval anywhere.
import { formatFloatG, formatGoNumber, goSprint, isGoInt, isPlainObject, compareCodePoints } from '../gofmt';
import { goSprintf, GoFloat, goPrint } from './fmt';
import type { CommandNode, ListNode, Node, Operand, PipeNode, Template } from './parse';
import { nodeString } from './parse';

export class TemplateExecError extends Error {}

class BreakSignal {}
class ContinueSignal {}

/** `undefined` is Go's invalid reflect.Value; `null` a nil interface. */
type Val = unknown;

function truth(v: Val): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof GoFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

function typeName(v: Val): string {
  if (v === undefined || v === null) return 'interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
  if (v instanceof GoFloat) return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isPlainObject(v)) return 'map[string]interface {}';
  return 'interface {}';
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid';
function basicKind(v: Val): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'number') return isGoInt(v) ? 'int' : 'float';
  return 'invalid';
}
const numOf = (v: Val) => (v instanceof GoFloat ? v.value : (v as number));

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

function eq(a: Val, ...rest: Val[]): boolean {
  if (rest.length === 0) throw new Error(errNoComparison);
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let t = false;
    if (k1 !== k2) {
      if (a !== undefined && a !== null && b !== undefined && b !== null) throw new Error(errBadComparison);
      t = false;
      if ((a === undefined || a === null) && (b === undefined || b === null)) t = true;
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
          t = a === b;
          break;
        case 'int':
        case 'float':
          t = numOf(a) === numOf(b);
          break;
        default:
          if (Array.isArray(a) || isPlainObject(a) || Array.isArray(b) || isPlainObject(b)) {
            throw new Error(`non-comparable types ${goSprint(a)}: ${typeName(a)}, ${typeName(b)}: ${goSprint(b)}`);
          }
          t = (a === null || a === undefined) === (b === null || b === undefined);
      }
    }
    if (t) return true;
  }
  return false;
}

function lt(a: Val, b: Val): boolean {
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new Error(errBadComparisonType);
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new Error(errBadComparisonType);
  if (k1 !== k2) throw new Error(errBadComparison);
  switch (k1) {
    case 'bool':
      throw new Error(errBadComparisonType);
    case 'string':
      return compareCodePoints(a as string, b as string) < 0;
    default:
      return numOf(a) < numOf(b);
  }
}

function goLen(v: Val): number {
  if (v === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  if (v === null) throw new Error('len of nil pointer');
  if (typeof v === 'string') return new TextEncoder().encode(v).length;
  if (Array.isArray(v)) return v.length;
  if (isPlainObject(v)) return Object.keys(v).length;
  throw new Error(`len of type ${typeName(v)}`);
}

function indexArg(index: Val, cap: number): number {
  let x: number;
  if (typeof index === 'number' && isGoInt(index)) x = index;
  else if (index === undefined || index === null) throw new Error('cannot index slice/array with nil');
  else throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0 || x >= cap) throw new Error(`index out of range: ${x}`);
  return x;
}

function goIndex(item: Val, ...indexes: Val[]): Val {
  if (item === undefined) throw new Error('index of untyped nil');
  for (const index of indexes) {
    if (item === null) throw new Error('index of nil pointer');
    if (Array.isArray(item)) item = item[indexArg(index, item.length)];
    else if (typeof item === 'string') {
      const bytes = new TextEncoder().encode(item);
      item = bytes[indexArg(index, bytes.length)];
    } else if (isPlainObject(item)) {
      if (typeof index !== 'string') {
        if (index === undefined || index === null) throw new Error('value is nil; should be of type string');
        throw new Error(`value has type ${typeName(index)}; should be string`);
      }
      item = Object.prototype.hasOwnProperty.call(item, index) && item[index] !== undefined ? item[index] : null;
    } else throw new Error(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function goSlice(item: Val, ...idx: Val[]): Val {
  if (item === undefined) throw new Error('slice of untyped nil');
  if (idx.length > 3) throw new Error(`too many slice indexes: ${idx.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (idx.length === 3) throw new Error('cannot 3-index slice a string');
    len = item.length;
  } else if (Array.isArray(item)) len = item.length;
  else throw new Error(`can't slice item of type ${typeName(item)}`);
  const ix = [0, len];
  idx.forEach((v, i) => {
    ix[i] = indexArg(v, len + 1);
  });
  if (ix[0] > ix[1]) throw new Error(`invalid slice index: ${ix[0]} > ${ix[1]}`);
  return (item as string | unknown[]).slice(ix[0], ix[1]);
}

function base64decode(v: Val): string {
  if (typeof v !== 'string') throw new Error(`wrong type for value; expected string; got ${typeName(v)}`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) {
    let bad = 0;
    const m = /[^A-Za-z0-9+/=]/.exec(v);
    bad = m ? m.index : v.length - (v.length % 4);
    throw new Error(`base64 decode failed: illegal base64 data at input byte ${bad}`);
  }
  const bin = atob(v);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function exists(item: Val, ...indices: Val[]): boolean {
  let v = item;
  for (const i of indices) {
    if (v === undefined || v === null) return false;
    if (Array.isArray(v) || typeof v === 'string') {
      if (typeof i !== 'number' || !isGoInt(i)) return false;
      const len = typeof v === 'string' ? new TextEncoder().encode(v).length : v.length;
      if (i < 0 || i >= len) return false;
      v = Array.isArray(v) ? v[i] : 0;
    } else if (isPlainObject(v)) {
      if (typeof i !== 'string') return false;
      v = Object.prototype.hasOwnProperty.call(v, i) ? v[i] : null;
    } else return false;
  }
  return !(v === undefined || v === null);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) =>
    c === '\0' ? '\uFFFD' : c === '"' ? '&#34;' : c === "'" ? '&#39;' : c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;',
  );
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '\\': out += '\\\\'; continue;
      case "'": out += "\\'"; continue;
      case '"': out += '\\"'; continue;
      case '<': out += '\\u003C'; continue;
      case '>': out += '\\u003E'; continue;
      case '&': out += '\\u0026'; continue;
      case '=': out += '\\u003D'; continue;
    }
    if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

function evalArgsString(args: Val[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return goPrint(args);
}

const missing = Symbol('missing');

export interface ExecuteOptions {
  /** kubectl's --allow-missing-template-keys (default true: missingkey=default). */
  allowMissingKeys?: boolean;
}

class State {
  out = '';
  vars: { name: string; value: Val }[] = [];
  node: { pos: number; str: string } | null = null;
  depth = 0;

  constructor(readonly tmpl: Template, readonly missingKeyError: boolean) {}

  at(pos: number, str: string): void {
    this.node = { pos, str };
  }

  errorf(msg: string): never {
    if (!this.node) throw new TemplateExecError(`template: ${this.tmpl.name}: ${msg}`);
    const text = this.tmpl.text.slice(0, this.node.pos);
    const nl = text.lastIndexOf('\n');
    const byteNum = nl < 0 ? utf8Len(text) : utf8Len(text.slice(nl + 1));
    const lineNum = 1 + (text.match(/\n/g)?.length ?? 0);
    const context = this.node.str;
    throw new TemplateExecError(
      `template: ${this.tmpl.name}:${lineNum}:${byteNum}: executing ${JSON.stringify(this.tmpl.name)} at <${context}>: ${msg}`,
    );
  }

  push(name: string, value: Val): void {
    this.vars.push({ name, value });
  }
  setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  setTopVar(n: number, value: Val): void {
    this.vars[this.vars.length - n].value = value;
  }
  varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: Val, node: Node | ListNode): void {
    switch (node.type) {
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node.pipe.pos, nodeString(node.pipe), val);
        return;
      }
      case 'if':
      case 'with':
        return this.walkIfOrWith(node.type, dot, node.pipe, node.list, node.elseList);
      case 'range':
        return this.walkRange(dot, node);
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'template': {
        const def = this.tmpl.defs.get(node.name);
        this.at(node.pos, nodeString(node));
        if (!def) this.errorf(`template ${JSON.stringify(node.name)} not defined`);
        if (++this.depth > 100000) this.errorf('exceeded maximum template depth (100000)');
        const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
        const saved = this.vars;
        this.vars = [{ name: '$', value: newDot }];
        this.walk(newDot, def);
        this.vars = saved;
        this.depth--;
        return;
      }
    }
  }

  walkIfOrWith(kind: 'if' | 'with', dot: Val, pipe: PipeNode, list: ListNode, elseList: ListNode | null): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, pipe);
    const t = truth(val);
    if (t) {
      if (kind === 'with') this.walk(val, list);
      else this.walk(dot, list);
    } else if (elseList) this.walk(dot, elseList);
    this.vars.length = mark;
  }

  walkRange(dot: Val, r: Extract<Node, { type: 'range' }>): void {
    this.at(r.pos, nodeString(r));
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const mark2 = this.vars.length;
    const oneIteration = (index: Val, elem: Val): boolean => {
      if (r.pipe.decl.length > 0) {
        if (r.pipe.isAssign) {
          if (r.pipe.decl.length > 1) this.setVar(r.pipe.decl[0].ident[0], index);
          this.setVar(r.pipe.decl[r.pipe.decl.length - 1].ident[0], elem);
        } else {
          this.setTopVar(1, elem);
          if (r.pipe.decl.length > 1) this.setTopVar(2, index);
        }
      }
      const m = this.vars.length;
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      }
      this.vars.length = m;
      return true;
    };
    let ran = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (!oneIteration(i, val[i])) break;
      }
    } else if (isPlainObject(val)) {
      for (const k of Object.keys(val).sort(compareCodePoints)) {
        ran = true;
        if (!oneIteration(k, val[k])) break;
      }
    } else if (typeof val === 'number' && isGoInt(val)) {
      for (let i = 0; i < val; i++) {
        ran = true;
        if (!oneIteration(i, i)) break;
      }
    } else if (val === undefined || val === null) {
      // nothing to range over
    } else {
      this.at(r.pos, nodeString(r));
      this.errorf(`range can't iterate over ${goSprint(val)}`);
    }
    void mark2;
    if (!ran && r.elseList) this.walk(dot, r.elseList);
    this.vars.length = mark;
  }

  evalPipeline(dot: Val, pipe: PipeNode): Val {
    this.at(pipe.pos, nodeString(pipe));
    let value: Val | typeof missing = missing;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value === null) value = undefined; // dig into an interface{} holding nil
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.push(v.ident[0], value);
    }
    return value;
  }

  evalCommand(dot: Val, cmd: CommandNode, final: Val | typeof missing): Val {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first.pos, nodeString(first));
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  notAFunction(args: Operand[], final: Val | typeof missing): void {
    if (args.length > 1 || final !== missing) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  idealConstant(n: Extract<Operand, { type: 'number' }>): Val {
    this.at(n.pos, n.text);
    const isHex = /^[+-]?0[xX]/.test(n.text);
    if (n.isFloat && !isHex && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return new GoFloat(n.float);
    if (n.isInt) return n.int;
    if (n.isFloat) return new GoFloat(n.float);
    return n.int;
  }

  evalFieldNode(dot: Val, field: Extract<Operand, { type: 'field' }>, args: Operand[], final: Val | typeof missing): Val {
    this.at(field.pos, nodeString(field));
    return this.evalFieldChain(dot, dot, field.ident, args, final, field.pos, nodeString(field));
  }

  evalChainNode(dot: Val, chain: Extract<Operand, { type: 'chain' }>, args: Operand[], final: Val | typeof missing): Val {
    this.at(chain.pos, nodeString(chain));
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, chain.node);
    return this.evalFieldChain(dot, pipe, chain.field, args, final, chain.pos, nodeString(chain));
  }

  evalVariableNode(dot: Val, v: Extract<Operand, { type: 'variable' }>, args: Operand[], final: Val | typeof missing): Val {
    this.at(v.pos, nodeString(v));
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v.ident.slice(1), args, final, v.pos, nodeString(v));
  }

  evalFieldChain(dot: Val, receiver: Val, ident: string[], args: Operand[], final: Val | typeof missing, pos: number, str: string): Val {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(receiver, ident[i], false, pos, str);
    return this.evalField(receiver, ident[n - 1], args.length > 1 || final !== missing, pos, str);
  }

  evalField(receiver: Val, fieldName: string, hasArgs: boolean, pos: number, str: string): Val {
    this.at(pos, str);
    if (receiver === undefined) {
      if (this.missingKeyError) this.errorf(`nil data; no entry for key ${JSON.stringify(fieldName)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    if (isPlainObject(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.prototype.hasOwnProperty.call(receiver, fieldName) && receiver[fieldName] !== undefined) {
        return receiver[fieldName];
      }
      if (this.missingKeyError) this.errorf(`map has no entry for key ${JSON.stringify(fieldName)}`);
      return undefined;
    }
    this.errorf(`can't evaluate field ${fieldName} in type interface {}`);
  }

  evalArg(dot: Val, n: Operand): Val {
    this.at(n.pos, nodeString(n));
    switch (n.type) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldNode(dot, n, [n], missing);
      case 'variable':
        return this.evalVariableNode(dot, n, [n], missing);
      case 'pipe':
        return this.evalPipeline(dot, n);
      case 'identifier':
        return this.evalFunction(dot, n, n, [n], missing);
      case 'chain':
        return this.evalChainNode(dot, n, [], missing);
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
  }

  evalFunction(dot: Val, node: Extract<Operand, { type: 'identifier' }>, cmd: CommandNode | Operand, args: Operand[], final: Val | typeof missing): Val {
    this.at(node.pos, nodeString(node));
    const name = node.ident;
    const cmdStr = nodeString(cmd as CommandNode);
    const cmdPos = (cmd as { pos: number }).pos;
    const argNodes = args.slice(1);
    // and/or short-circuit
    if (name === 'and' || name === 'or') {
      if (argNodes.length === 0 && final === missing) {
        this.at(cmdPos, cmdStr);
        this.errorf(`wrong number of args for ${name}: want at least 1 got 0`);
      }
      let v: Val = undefined;
      for (const a of argNodes) {
        v = this.evalArg(dot, a);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== missing) v = final;
      return v;
    }
    const argv: Val[] = argNodes.map((a) => this.evalArg(dot, a));
    if (final !== missing) argv.push(final);
    this.at(cmdPos, cmdStr);
    const want = (min: number, max = min) => {
      if (argv.length < min || argv.length > max) {
        const w = max === Infinity ? `at least ${min}` : String(min);
        this.errorf(`wrong number of args for ${name}: want ${w} got ${argv.length}`);
      }
    };
    const call = (fn: () => Val): Val => {
      try {
        return fn();
      } catch (e) {
        if (e instanceof TemplateExecError) throw e;
        this.errorf(`error calling ${name}: ${(e as Error).message}`);
      }
    };
    switch (name) {
      case 'not':
        want(1);
        return !truth(argv[0]);
      case 'len':
        want(1);
        return call(() => goLen(argv[0]));
      case 'index':
        want(1, Infinity);
        return call(() => goIndex(argv[0], ...argv.slice(1)));
      case 'slice':
        want(1, Infinity);
        return call(() => goSlice(argv[0], ...argv.slice(1)));
      case 'print':
        return goPrint(argv.map(printArg));
      case 'println':
        return argv.map((a) => goSprint(printArg(a))).join(' ') + '\n';
      case 'printf': {
        want(1, Infinity);
        if (typeof argv[0] !== 'string') this.errorf(`wrong type for value; expected string; got ${typeName(argv[0])}`);
        return goSprintf(argv[0], argv.slice(1).map(printArg));
      }
      case 'eq':
        want(1, Infinity);
        return call(() => eq(argv[0], ...argv.slice(1)));
      case 'ne':
        want(2);
        return call(() => !eq(argv[0], argv[1]));
      case 'lt':
        want(2);
        return call(() => lt(argv[0], argv[1]));
      case 'le':
        want(2);
        return call(() => lt(argv[0], argv[1]) || eq(argv[0], argv[1]));
      case 'gt':
        want(2);
        return call(() => !(lt(argv[0], argv[1]) || eq(argv[0], argv[1])));
      case 'ge':
        want(2);
        return call(() => !lt(argv[0], argv[1]));
      case 'html':
        return htmlEscape(evalArgsString(argv.map(printArg)));
      case 'js':
        return jsEscape(evalArgsString(argv.map(printArg)));
      case 'urlquery':
        return encodeURIComponent(evalArgsString(argv.map(printArg))).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
      case 'exists':
        want(1, Infinity);
        return exists(argv[0], ...argv.slice(1));
      case 'base64decode':
        want(1);
        if (argv[0] === undefined || argv[0] === null) this.errorf('invalid value; expected string');
        return call(() => base64decode(argv[0]));
      case 'call':
        this.errorf(`error calling call: non-function ${nodeString(argNodes[0] ?? node)} of type ${typeName(argv[0])}`);
    }
    this.errorf(`${JSON.stringify(name)} is not a defined function`);
  }

  printValue(pos: number, str: string, v: Val): void {
    this.at(pos, str);
    if (v === undefined) {
      this.out += '<no value>';
      return;
    }
    this.out += goSprint(printArg(v));
  }
}

function printArg(v: Val): Val {
  if (v instanceof GoFloat) return v;
  return v;
}

function utf8Len(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Execute a parsed template with data; returns the output text. Throws TemplateExecError. */
export function execute(tmpl: Template, data: unknown, opts: ExecuteOptions = {}): string {
  const s = new State(tmpl, opts.allowMissingKeys === false);
  s.push('$', data);
  s.walk(data, tmpl.root);
  return s.out;
}

/** Like execute, but also returns the partial output written before an error (Go streams it). */
export function executeStreaming(tmpl: Template, data: unknown, opts: ExecuteOptions = {}): { out: string; error?: TemplateExecError } {
  const s = new State(tmpl, opts.allowMissingKeys === false);
  s.push('$', data);
  try {
    s.walk(data, tmpl.root);
    return { out: s.out };
  } catch (e) {
    if (e instanceof TemplateExecError) return { out: s.out, error: e };
    throw e;
  }
}

export { formatFloatG, formatGoNumber };
