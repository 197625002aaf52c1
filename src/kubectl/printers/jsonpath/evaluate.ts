// Evaluation of a parsed JSONPath template over an unstructured object (client-go's
// util/jsonpath jsonpath.go): range/end blocks, filters, recursive descent, unions, slices, and
// the printing rules (scalars with fmt.Print, maps and slices as compact JSON, results of one
// action separated by spaces; `jsonpath-as-json` prints each action's results as an indented
// JSON array).
import { formatFloatG, formatGoNumber, goQuote, goSprint, goSyntax, isGoInt, isPlainObject, compareCodePoints, sortedKeys } from '../gofmt';
import { goJsonMarshal, goJsonMarshalIndent } from '../json';
import type { ArrayParam, JpList, JpNode } from './parser';
import { parseJsonPath } from './parser';

export class JsonPathExecError extends Error {}

/** A Go value as seen through reflection: `undefined` stands for an invalid reflect.Value. */
type Value = unknown;

/** A byte of a string, produced when a wildcard or `..` walks into a string (Go: uint8). */
class GoByte {
  constructor(readonly value: number) {}
}

export interface JsonPathOptions {
  /** kubectl always sets this to true (`--allow-missing-template-keys` defaults to true). */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`. */
  outputJson?: boolean;
}

export function goTypeName(v: Value): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
  if (v instanceof GoByte) return 'uint8';
  if (Array.isArray(v)) return '[]interface {}';
  if (isPlainObject(v)) return 'map[string]interface {}';
  return 'interface {}';
}

function children(v: Value): Value[] | null {
  if (Array.isArray(v)) return v.slice();
  if (isPlainObject(v)) return sortedKeys(v).map((k) => v[k]);
  if (typeof v === 'string') return Array.from(new TextEncoder().encode(v), (b) => new GoByte(b));
  return null;
}

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

function basicKind(v: Value): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoByte) return 'uint';
  if (typeof v === 'number') return isGoInt(v) ? 'int' : 'float';
  if (v instanceof LiteralFloat) return 'float';
  return 'invalid';
}

/** A float literal from the template (Go float64 even when whole, like `1.0`). */
class LiteralFloat {
  constructor(readonly value: number) {}
}

function num(v: Value): number {
  if (v instanceof GoByte) return v.value;
  if (v instanceof LiteralFloat) return v.value;
  return v as number;
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function kindsFor(a: Value, b: Value): [Kind, Kind] {
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new JsonPathExecError(errBadComparisonType);
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new JsonPathExecError(errBadComparisonType);
  return [k1, k2];
}

function isIntish(k: Kind) {
  return k === 'int' || k === 'uint';
}

export function goEqual(a: Value, b: Value): boolean {
  const [k1, k2] = kindsFor(a, b);
  if (k1 !== k2) {
    if (isIntish(k1) && isIntish(k2)) return num(a) === num(b);
    throw new JsonPathExecError(errBadComparison);
  }
  switch (k1) {
    case 'bool':
    case 'string':
      return a === b;
    default:
      return num(a) === num(b);
  }
}

export function goLess(a: Value, b: Value): boolean {
  const [k1, k2] = kindsFor(a, b);
  if (k1 !== k2) {
    if (isIntish(k1) && isIntish(k2)) return num(a) < num(b);
    throw new JsonPathExecError(errBadComparison);
  }
  switch (k1) {
    case 'bool':
      throw new JsonPathExecError(errBadComparisonType);
    case 'string':
      return compareCodePoints(a as string, b as string) < 0;
    default:
      return num(a) < num(b);
  }
}

function unwrap(v: Value): unknown {
  if (v instanceof GoByte || v instanceof LiteralFloat) return v.value;
  if (Array.isArray(v)) return v.map(unwrap);
  return v;
}

class Evaluator {
  beginRange = 0;
  inRange = 0;
  endRange = 0;
  lastEndNode: JpNode | null = null;

  constructor(readonly allowMissingKeys: boolean) {}

  findResults(data: Value, nodes: JpNode[]): Value[][] {
    const cur: Value[] = [data];
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, nodes.slice(i + 1)));
        } else {
          this.findResults(undefined, nodes.slice(i + 1));
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  walk(value: Value[], node: JpNode): Value[] {
    switch (node.type) {
      case 'list':
        return this.evalList(value, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(value, node.value);
      case 'array':
        return this.evalArray(value, node.params);
      case 'filter':
        return this.evalFilter(value, node);
      case 'int':
        return value.map(() => node.value);
      case 'float':
        return value.map(() => new LiteralFloat(node.value));
      case 'bool':
        return value.map(() => node.value);
      case 'wildcard':
        return this.evalWildcard(value);
      case 'recursive':
        return this.evalRecursive(value);
      case 'union': {
        const out: Value[] = [];
        for (const l of node.nodes) out.push(...this.evalList(value, l));
        return out;
      }
      case 'identifier':
        if (node.name === 'range') {
          this.beginRange++;
          return value;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          throw new JsonPathExecError('not in range, nothing to end');
        }
        throw new JsonPathExecError(`unrecognized identifier ${node.name}`);
    }
  }

  evalList(value: Value[], node: JpList): Value[] {
    let cur = value;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  evalField(input: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (value === null) continue;
      if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, name) && value[name] !== undefined) {
        results.push(value[name]);
      }
    }
    if (results.length === 0) {
      if (this.allowMissingKeys) return results;
      throw new JsonPathExecError(`${name} is not found`);
    }
    return results;
  }

  evalArray(input: Value[], nodeParams: ArrayParam[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null) continue;
      if (!Array.isArray(value)) throw new JsonPathExecError(`${goTypeName(value)} is not array or slice`);
      const params = nodeParams.map((p) => ({ ...p }));
      const len = value.length;
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += len;
      if (!params[1].known) params[1].value = len;
      if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += len;
      if (params[1].value !== params[0].value) {
        if (params[0].value >= len || params[0].value < 0) {
          throw new JsonPathExecError(`array index out of bounds: index ${params[0].value}, length ${len}`);
        }
        if (params[1].value > len || params[1].value < 0) {
          throw new JsonPathExecError(`array index out of bounds: index ${params[1].value - 1}, length ${len}`);
        }
        if (params[0].value > params[1].value) {
          throw new JsonPathExecError(`starting index ${params[0].value} is greater than ending index ${params[1].value}`);
        }
      } else {
        return result;
      }
      const slice = value.slice(params[0].value, params[1].value);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathExecError('step must be > 0');
        step = params[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  evalWildcard(input: Value[]): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (value === null) continue;
      const c = children(value);
      if (c) results.push(...c);
    }
    return results;
  }

  evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null) continue;
      const c = children(value) ?? [];
      if (c.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(c));
      }
    }
    return result;
  }

  evalFilter(input: Value[], node: Extract<JpNode, { type: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        throw new JsonPathExecError(`${value === undefined ? '<invalid reflect.Value>' : goSprint(unwrap(value))} is not array or slice and cannot be filtered`);
      }
      for (const item of value) {
        let lefts: Value[];
        let leftErr: unknown = null;
        try {
          lefts = this.evalList([item], node.left);
        } catch (e) {
          lefts = [];
          leftErr = e;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (leftErr) throw leftErr;
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        const left = lefts[0];
        const rights = this.evalList([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        const right = rights[0];
        let pass: boolean;
        switch (node.operator) {
          case '<':
            pass = goLess(left, right);
            break;
          case '>':
            pass = !(goLess(left, right) || goEqual(left, right));
            break;
          case '==':
            pass = goEqual(left, right);
            break;
          case '!=':
            pass = !goEqual(left, right);
            break;
          case '<=':
            pass = goLess(left, right) || goEqual(left, right);
            break;
          case '>=':
            pass = !goLess(left, right);
            break;
          default:
            throw new JsonPathExecError(`unrecognized filter operator ${node.operator}`);
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }
}

function textOf(v: Value): string {
  if (v === undefined) return '<no value>';
  if (v === null) return 'null';
  if (v instanceof GoByte) return String(v.value);
  if (v instanceof LiteralFloat) return formatFloatG(v.value);
  if (typeof v === 'number') return formatGoNumber(v);
  return goSprint(v);
}

function printResults(results: Value[], outputJson: boolean): string {
  if (outputJson) return goJsonMarshalIndent(results.map(unwrap), '    ') + '\n';
  let out = '';
  results.forEach((r, i) => {
    let text: string;
    if (Array.isArray(r) || isPlainObject(r)) text = goJsonMarshal(unwrap(r));
    else text = textOf(r);
    if (i !== results.length - 1) text += ' ';
    out += text;
  });
  return out;
}

/** Raw results per top-level node (client-go FindResults), for custom-columns and sort-by. */
export function findJsonPathResults(parsed: JpList, data: unknown, opts: JsonPathOptions = {}): unknown[][] {
  const ev = new Evaluator(opts.allowMissingKeys ?? true);
  return ev.findResults(data, parsed.nodes).map((rs) => rs.map(unwrap));
}

/** Execute a parsed template over data and return the printed text. Throws JsonPathExecError. */
export function executeJsonPath(parsed: JpList, data: unknown, opts: JsonPathOptions = {}): string {
  const ev = new Evaluator(opts.allowMissingKeys ?? true);
  const full = ev.findResults(data, parsed.nodes);
  return full.map((rs) => printResults(rs, opts.outputJson ?? false)).join('');
}

/** kubectl's message when the template does not parse: `error parsing jsonpath T, REASON`. */
export function jsonPathParseErrorMessage(template: string, err: Error): string {
  return `error parsing jsonpath ${template}, ${err.message}`;
}

/**
 * kubectl's message when execution fails (cli-runtime JSONPathPrinter.PrintObj), without the
 * `error: ` prefix that kubectl's error handler adds.
 */
export function jsonPathExecErrorMessage(template: string, err: Error, data: unknown): string {
  return (
    `error executing jsonpath ${goQuoteTemplate(template)}: Error executing template: ${err.message}. ` +
    'Printing more information for debugging the template:\n' +
    `\ttemplate was:\n\t\t${template}\n` +
    `\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`
  );
}

function goQuoteTemplate(s: string): string {
  return goQuote(s); // %q of the raw template
}

/** Parse and print in one go, with kubectl's default allowMissingKeys=true. */
export function jsonPath(template: string, data: unknown, opts: JsonPathOptions = {}): string {
  return executeJsonPath(parseJsonPath(template), data, opts);
}
