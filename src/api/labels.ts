// Label selectors as k8s.io/apimachinery/pkg/labels (Parse, NewRequirement, Matches, String)
// and metav1 helpers (LabelSelectorAsSelector, FormatLabelSelector, FormatLabels).
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import { isQualifiedName, isValidLabelValue } from './names';
import type { LabelOperator, LabelRequirement, LabelSelector } from './selector-types';
import { goQuote } from './status';

export type { MetaLabelSelector };
export type Labels = Record<string, string>;

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

/** Go's %#v of a []string (nil renders as `[]string(nil)`). */
function goStringSlice(vals: string[] | null): string {
  return vals === null ? '[]string(nil)' : `[]string{${vals.map(goQuote).join(', ')}}`;
}

/** A field.Error rendered as `<path>: Invalid value: <value>: <detail>`. */
function invalidText(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

/** errors.NewAggregate(...).Error(): one message alone, several as `[a, b]`, duplicates dropped. */
function aggregate(msgs: string[]): string {
  const uniq = [...new Set(msgs)];
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`;
}

// A field.Path rendered from an optional root path (nil renders as "<nil>").
function child(root: string | undefined, name: string): string {
  return root ? `${root}.${name}` : name;
}

function validateLabelKey(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalidText(path, goQuote(key), errs.join('; ')) : undefined;
}

/** Go strconv.ParseInt(s, 10, 64). */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/**
 * labels.NewRequirement: validates key, operator and values, throwing an Error whose message is
 * the aggregated field errors. `values === null` stands for a nil Go slice. `path` is the optional
 * field path (field.WithPath).
 */
export function newRequirement(
  key: string,
  operator: LabelOperator,
  values: string[] | null,
  path?: string,
): LabelRequirement {
  const errs: string[] = [];
  const keyErr = validateLabelKey(key, child(path, 'key'));
  if (keyErr) errs.push(keyErr);
  const vals = values ?? [];
  const valuePath = child(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0)
        errs.push(invalidText(valuePath, goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1)
        errs.push(invalidText(valuePath, goStringSlice(values), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0)
        errs.push(invalidText(valuePath, goStringSlice(values), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1)
        errs.push(invalidText(valuePath, goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined)
          errs.push(invalidText(`${valuePath}[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(
        `${child(path, 'operator')}: Unsupported value: ${goQuote(operator)}: supported values: ${[...BINARY_OPERATORS, 'exists', '!'].map(goQuote).join(', ')}`,
      );
  }
  vals.forEach((v, i) => {
    const vErrs = isValidLabelValue(v);
    if (vErrs.length) errs.push(invalidText(`${valuePath}[${i}][${key}]`, goQuote(v), vErrs.join('; ')));
  });
  if (errs.length) throw new Error(aggregate(errs));
  return { key, operator, values: [...vals] };
}

// ---------------------------------------------------------------------------------------------
// Lexer and parser (labels.Parse)

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';
interface Item {
  tok: Tok;
  lit: string;
}

const KEYWORDS: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c) && c !== '';

function lex(s: string): Item[] {
  let pos = 0;
  // Go's lexer reads bytes and treats a 0 byte as end of input.
  const read = () => (pos < s.length ? s[pos++] : '\0');
  const items: Item[] = [];
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === '\0') {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    pos--;
    if (isSpecial(ch)) {
      let buf = '';
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === '\0') break;
        if (isSpecial(c)) {
          buf += c;
          const t = KEYWORDS[buf];
          if (t) last = { tok: t, lit: buf };
          else if (last) {
            pos--;
            break;
          }
        } else {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
    } else {
      let buf = '';
      for (;;) {
        const c = read();
        if (c === '\0') break;
        if (isSpecial(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buf += c;
      }
      items.push({ tok: KEYWORDS[buf] ?? 'id', lit: buf });
    }
  }
}

class Parser {
  private pos = 0;
  constructor(
    private items: Item[],
    private path: string | undefined,
  ) {}

  // In a values context the keywords 'in' and 'notin' are plain identifiers.
  private peek(values = true): Item {
    const it = this.items[this.pos];
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }
  private next(values = true): Item {
    const it = this.peek(values);
    this.pos++;
    return it;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek();
      if (tok === 'id' || tok === '!') {
        try {
          reqs.push(this.requirement());
        } catch (e) {
          throw new Error(`unable to parse requirement: ${(e as Error).message}`);
        }
        const t = this.next();
        if (t.tok === 'eos') return reqs;
        if (t.tok === ',') {
          const t2 = this.peek();
          if (t2.tok !== 'id' && t2.tok !== '!') throw new Error(`found '${t2.lit}', expected: identifier after ','`);
        } else {
          throw new Error(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === 'eos') {
        return reqs;
      } else {
        throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let t = this.next();
    let op: LabelOperator | undefined;
    if (t.tok === '!') {
      op = '!';
      t = this.next();
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErr = validateLabelKey(key, this.path ?? '<nil>');
    if (keyErr) throw new Error(keyErr);
    const after = this.peek().tok;
    if (after === 'eos' || after === ',') {
      return newRequirement(key, op === '!' ? '!' : 'exists', [], this.path);
    }
    if (op === '!') return newRequirement(key, '!', [], this.path);
    const opItem = this.next(false);
    const ops: Partial<Record<Tok, LabelOperator>> = {
      in: 'in',
      '=': '=',
      '==': '==',
      '>': 'gt',
      '<': 'lt',
      notin: 'notin',
      '!=': '!=',
    };
    op = ops[opItem.tok];
    if (!op) throw new Error(`found '${opItem.lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    const values = op === 'in' || op === 'notin' ? this.valueSet() : this.exactValue();
    // sets.String.List(): sorted, unique
    return newRequirement(key, op, [...new Set(values)].sort(), this.path);
  }

  private valueSet(): string[] {
    let t = this.next();
    if (t.tok !== '(') throw new Error(`found '${t.lit}' expected: '('`);
    t = this.peek();
    if (t.tok === 'id' || t.tok === ',') {
      const s = this.identifiers();
      if (this.next().tok !== ')') throw new Error(`found '${t.lit}', expected: ')'`);
      return s;
    }
    if (t.tok === ')') {
      this.next();
      return [''];
    }
    throw new Error(`found '${t.lit}', expected: ',', ')' or identifier`);
  }

  private identifiers(): string[] {
    const s: string[] = [];
    for (;;) {
      const t = this.next();
      if (t.tok === 'id') {
        s.push(t.lit);
        const t2 = this.peek();
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return s;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (s.length === 0) s.push('');
        const t2 = this.peek();
        if (t2.tok === ')') {
          s.push('');
          return s;
        }
        if (t2.tok === ',') {
          this.next();
          s.push('');
        }
      } else {
        throw new Error(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): string[] {
    const t = this.peek();
    if (t.tok === 'eos' || t.tok === ',') return [''];
    const v = this.next();
    if (v.tok === 'id') return [v.lit];
    throw new Error(`found '${v.lit}', expected: identifier`);
  }
}

function sortByKey(reqs: LabelRequirement[]): LabelRequirement[] {
  return [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** labels.Parse. Throws an Error with apimachinery's message on bad input. */
export function parseLabelSelector(s: string, path?: string): LabelSelector {
  const reqs = new Parser(lex(s), path).parse();
  return { requirements: sortByKey(reqs) };
}

// ---------------------------------------------------------------------------------------------
// Matching and printing

export function everything(): LabelSelector {
  return { requirements: [] };
}

export function nothing(): LabelSelector {
  return { requirements: [], nothing: true };
}

/** Selector.Empty(): matches everything (Nothing() is not empty). */
export function isEmptySelector(sel: LabelSelector): boolean {
  return !sel.nothing && sel.requirements.length === 0;
}

export function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(v!);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(v!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const lv = parseInt64(v!);
      const rv = parseInt64(r.values[0]);
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
    default:
      return false;
  }
}

/** Selector.Matches. Missing labels count as an empty set. */
export function matchesLabels(sel: LabelSelector, labels: Labels | null | undefined): boolean {
  if (sel.nothing) return false;
  const ls = labels ?? {};
  return sel.requirements.every((r) => requirementMatches(r, ls));
}

/** Requirement.String(). */
export function requirementString(r: LabelRequirement): string {
  const prefix = r.operator === '!' ? '!' : '';
  if (r.operator === 'exists' || r.operator === '!') return prefix + r.key;
  const opText: Record<string, string> = {
    '=': '=',
    '==': '==',
    '!=': '!=',
    in: ' in ',
    notin: ' notin ',
    gt: '>',
    lt: '<',
  };
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  const set = r.operator === 'in' || r.operator === 'notin';
  return r.key + (opText[r.operator] ?? '') + (set ? `(${vals})` : vals);
}

/** labels.Selector.String(): requirements joined by ',' (already sorted by key). */
export function selectorString(sel: LabelSelector): string {
  if (sel.nothing) return '';
  return sel.requirements.map(requirementString).join(',');
}

/** labels.SelectorFromSet: `k=v` for each label, sorted by key; empty set selects everything. */
export function selectorFromSet(set: Labels | null | undefined): LabelSelector {
  const keys = Object.keys(set ?? {}).sort();
  return { requirements: keys.map((k) => ({ key: k, operator: '=' as const, values: [set![k]] })) };
}

/** Selector.RequiresExactMatch. */
export function requiresExactMatch(sel: LabelSelector, label: string): string | undefined {
  for (const r of sel.requirements) {
    if (r.key !== label) continue;
    if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
    return undefined;
  }
  return undefined;
}

/**
 * metav1.LabelSelectorAsSelector: null/undefined selects nothing, `{}` everything. Throws the
 * NewRequirement error for invalid keys or values, or `"Foo" is not a valid pod selector operator`.
 */
export function labelSelectorAsSelector(ls: MetaLabelSelector | null | undefined): LabelSelector {
  if (ls === null || ls === undefined) return nothing();
  const matchLabels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + exprs.length === 0) return everything();
  const reqs: LabelRequirement[] = [];
  // Go iterates the map in random order; sorted keys make the first reported error deterministic.
  for (const k of Object.keys(matchLabels).sort()) reqs.push(newRequirement(k, '=', [matchLabels[k]]));
  const ops: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
  for (const e of exprs) {
    const op = ops[e.operator];
    if (!op) throw new Error(`${goQuote(e.operator)} is not a valid pod selector operator`);
    reqs.push(newRequirement(e.key, op, e.values && e.values.length ? [...e.values] : null));
  }
  return { requirements: sortByKey(reqs) };
}

/** metav1.FormatLabelSelector: `<none>` when it selects everything or nothing, `<error>` if invalid. */
export function formatLabelSelector(ls: MetaLabelSelector | null | undefined): string {
  let sel: LabelSelector;
  try {
    sel = labelSelectorAsSelector(ls);
  } catch {
    return '<error>';
  }
  return selectorString(sel) || '<none>';
}

/** labels.FormatLabels: `a=b,c=d` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Labels | null | undefined): string {
  const s = selectorString(selectorFromSet(labels));
  return s || '<none>';
}

/**
 * metav1.LabelSelectorAsMap: matchLabels plus single-value In expressions; other operators throw.
 */
export function labelSelectorAsMap(ls: MetaLabelSelector | null | undefined): Labels | undefined {
  if (!ls) return undefined;
  const out: Labels = { ...(ls.matchLabels ?? {}) };
  for (const e of ls.matchExpressions ?? []) {
    if (e.operator === 'In') {
      if (e.values?.length !== 1)
        throw new Error(`operator ${goQuote(e.operator)} without a single value cannot be converted into the old label selector format`);
      out[e.key] = e.values[0];
    } else if (e.operator === 'NotIn' || e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      throw new Error(`operator ${goQuote(e.operator)} cannot be converted into the old label selector format`);
    } else {
      throw new Error(`${goQuote(e.operator)} is not a valid selector operator`);
    }
  }
  return out;
}
