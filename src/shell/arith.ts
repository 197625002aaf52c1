// `$(( ))` arithmetic: 64-bit integers as in bash, with the usual C operators, variables and
// assignments. Small on purpose: loops (`i=$((i+1))`) and quick sums are what learners write.

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const OPS = ['**=', '<<=', '>>=', '&&', '||', '==', '!=', '<=', '>=', '<<', '>>', '**', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '?', ':', '(', ')', ','];

type Tok = { k: 'num'; v: bigint; s: string } | { k: 'id'; v: string; s: string } | { k: 'op'; v: string; s: string };

const wrap = (v: bigint) => BigInt.asIntN(64, v);

export function evalArith(expr: string, vars: ArithVars): bigint {
  const toks = tokenize(expr);
  let i = 0;
  const rest = () => toks.slice(i).map((t) => t.s).join(' ');
  const fail = (what: string): never => {
    throw new ArithError(`${expr.trim()}: ${what} (error token is "${rest() || expr.trim()}")`);
  };
  const peek = () => toks[i];
  const isOp = (v: string) => toks[i]?.k === 'op' && toks[i].v === v;
  const num = (name: string, depth = 0): bigint => {
    const raw = (vars.get(name) ?? '').trim();
    if (raw === '') return 0n;
    if (/^-?\d+$/.test(raw)) return BigInt(raw);
    if (depth < 8 && /^[A-Za-z_]\w*$/.test(raw)) return num(raw, depth + 1);
    try {
      return evalArith(raw, vars);
    } catch {
      return 0n;
    }
  };

  // Each level returns a value; `lv` tells assignment which variable the operand names.
  type Val = { v: bigint; lv?: string };

  const primary = (): Val => {
    const t = peek();
    if (!t) return fail('syntax error: operand expected');
    if (t.k === 'num') {
      i++;
      return { v: t.v };
    }
    if (t.k === 'id') {
      i++;
      if (isOp('++') || isOp('--')) {
        const d = toks[i].v === '++' ? 1n : -1n;
        i++;
        const old = num(t.v);
        vars.set(t.v, String(wrap(old + d)));
        return { v: old };
      }
      return { v: num(t.v), lv: t.v };
    }
    if (t.v === '(') {
      i++;
      const v = comma();
      if (!isOp(')')) fail("missing `)'");
      i++;
      return { v };
    }
    return fail('syntax error: operand expected');
  };

  const unary = (): Val => {
    const t = peek();
    if (t?.k === 'op') {
      if (t.v === '++' || t.v === '--') {
        i++;
        const n = peek();
        if (n?.k !== 'id') return fail('syntax error: operand expected');
        i++;
        const v = wrap(num(n.v) + (t.v === '++' ? 1n : -1n));
        vars.set(n.v, String(v));
        return { v };
      }
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        i++;
        const { v } = unary();
        return { v: t.v === '-' ? wrap(-v) : t.v === '+' ? v : t.v === '!' ? (v === 0n ? 1n : 0n) : wrap(~v) };
      }
    }
    return primary();
  };

  const power = (): Val => {
    const base = unary();
    if (isOp('**')) {
      i++;
      const e = power().v;
      if (e < 0n) fail('exponent less than 0');
      let r = 1n;
      for (let k = 0n; k < e && k < 4096n; k++) r = wrap(r * base.v);
      return { v: r };
    }
    return base;
  };

  const LEVELS: string[][] = [['*', '/', '%'], ['+', '-'], ['<<', '>>'], ['<', '<=', '>', '>='], ['==', '!='], ['&'], ['^'], ['|'], ['&&'], ['||']];
  const binary = (level: number): Val => {
    if (level < 0) return power();
    let left = binary(level - 1);
    for (;;) {
      const t = peek();
      if (t?.k !== 'op' || !LEVELS[level].includes(t.v)) return left;
      i++;
      const at = i;
      const r = binary(level - 1).v;
      left = { v: apply(t.v, left.v, r, at) };
    }
  };
  const apply = (op: string, a: bigint, b: bigint, at = i): bigint => {
    switch (op) {
      case '*': return wrap(a * b);
      case '/': case '%':
        if (b === 0n) throw new ArithError(`${expr.trim()}: division by 0 (error token is "${toks.slice(at).map((t) => t.s).join('')}")`);
        return wrap(op === '/' ? a / b : a % b);
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '<<': return wrap(a << (b & 63n));
      case '>>': return a >> (b & 63n);
      case '<': return a < b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return a & b;
      case '^': return a ^ b;
      case '|': return a | b;
      case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
      case '||': return a !== 0n || b !== 0n ? 1n : 0n;
    }
    return 0n;
  };

  const ternary = (): Val => {
    const c = binary(LEVELS.length - 1);
    if (!isOp('?')) return c;
    i++;
    const a = assign();
    if (!isOp(':')) fail("`:' expected for conditional expression");
    i++;
    const b = assign();
    return { v: c.v !== 0n ? a.v : b.v };
  };

  const assign = (): Val => {
    const left = ternary();
    const t = peek();
    if (t?.k === 'op' && /^(\*\*|<<|>>|[-+*/%&|^])?=$/.test(t.v)) {
      if (!left.lv) return fail('attempted assignment to non-variable');
      i++;
      const r = assign().v;
      const v = t.v === '=' ? r : apply(t.v.slice(0, -1) === '**' ? '*' : t.v.slice(0, -1), left.v, r);
      vars.set(left.lv, String(v));
      return { v };
    }
    return left;
  };

  const comma = (): bigint => {
    let v = assign().v;
    while (isOp(',')) {
      i++;
      v = assign().v;
    }
    return v;
  };

  if (!toks.length) return 0n;
  const v = comma();
  if (i < toks.length) fail('syntax error in expression');
  return v;
}

function tokenize(expr: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const m = /^(0[xX][0-9a-fA-F]+|\d+(#[0-9a-zA-Z@_]+)?)/.exec(expr.slice(i));
    if (m) {
      out.push({ k: 'num', v: parseNumber(m[0], expr), s: m[0] });
      i += m[0].length;
      continue;
    }
    const id = /^[A-Za-z_]\w*/.exec(expr.slice(i));
    if (id) {
      out.push({ k: 'id', v: id[0], s: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (!op) throw new ArithError(`${expr.trim()}: syntax error: invalid arithmetic operator (error token is "${expr.slice(i)}")`);
    out.push({ k: 'op', v: op, s: op });
    i += op.length;
  }
  return out;
}

function parseNumber(s: string, expr: string): bigint {
  if (/^0[xX]/.test(s)) return BigInt(s);
  const based = /^(\d+)#(.+)$/.exec(s);
  if (based) {
    const base = Number(based[1]);
    if (base < 2 || base > 36) throw new ArithError(`${expr.trim()}: invalid arithmetic base (error token is "${s}")`);
    let v = 0n;
    for (const ch of based[2].toLowerCase()) {
      const d = parseInt(ch, 36);
      if (Number.isNaN(d) || d >= base) throw new ArithError(`${expr.trim()}: value too great for base (error token is "${s}")`);
      v = wrap(v * BigInt(base) + BigInt(d));
    }
    return v;
  }
  if (s.length > 1 && s.startsWith('0')) {
    if (/[89]/.test(s)) throw new ArithError(`${expr.trim()}: value too great for base (error token is "${s}")`);
    return wrap(BigInt('0o' + s.slice(1)));
  }
  return wrap(BigInt(s));
}
