// Go value formatting shared by the printers: how Go's strconv and fmt print the values that
// kubectl's unstructured objects hold (int64 for whole numbers, float64 otherwise, string, bool,
// nil, map[string]interface{}, []interface{}).

/** Whole numbers that Go would hold as int64 in an unstructured object. */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 1e21;
}

function shortestDigits(n: number): { digits: string; exp: number; neg: boolean } {
  // toExponential() without an argument gives the shortest digits that round-trip, like Go's
  // strconv with precision -1.
  const s = Math.abs(n).toExponential();
  const [mant, e] = s.split('e');
  return { digits: mant.replace('.', ''), exp: parseInt(e, 10), neg: n < 0 || Object.is(n, -0) };
}

/** strconv.FormatFloat(f, 'e', -1, 64). */
export function formatFloatE(n: number): string {
  const { digits, exp, neg } = shortestDigits(n);
  let out = digits[0];
  if (digits.length > 1) out += '.' + digits.slice(1);
  const ae = Math.abs(exp);
  out += 'e' + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' + ae : String(ae));
  return (neg ? '-' : '') + out;
}

/** strconv.FormatFloat(f, 'f', -1, 64). */
export function formatFloatF(n: number): string {
  const { digits, exp, neg } = shortestDigits(n);
  let out: string;
  if (exp < 0) out = '0.' + '0'.repeat(-exp - 1) + digits;
  else if (digits.length <= exp + 1) out = digits + '0'.repeat(exp + 1 - digits.length);
  else out = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  return (neg ? '-' : '') + out;
}

/** strconv.FormatFloat(f, 'g', -1, 64), which is also what fmt's %v prints for a float64. */
export function formatFloatG(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const { exp } = shortestDigits(n);
  if (exp < -4 || exp >= 6) return formatFloatE(n);
  return formatFloatF(n);
}

/** Go's encoding/json float formatting. */
export function formatJsonFloat(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs < 1e-6 || abs >= 1e21) {
    const s = formatFloatE(n);
    return s.replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return formatFloatF(n);
}

/** A number as Go prints it with %v, taking whole numbers as int64 (unstructured content). */
export function formatGoNumber(n: number): string {
  if (isGoInt(n)) return Object.is(n, -0) ? '0' : BigInt(n).toString();
  return formatFloatG(n);
}

/** Compare strings by Unicode code point, which is Go's byte order of their UTF-8 forms. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1; // a surrogate (astral code point) sorts after any BMP char
    return x - y;
  }
  return a.length - b.length;
}

export function sortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).sort(compareCodePoints);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * fmt.Sprint / %v of an unstructured value: maps as `map[k:v ...]` with sorted keys, slices as
 * `[a b]`, nil as `<nil>`.
 */
export function goSprint(v: unknown, top = true): string {
  if (v === null || v === undefined) return top ? '<nil>' : '<nil>';
  if (v instanceof GoFloat) return formatFloatG(v.value);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatGoNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return '[' + v.map((x) => goSprint(x, false)).join(' ') + ']';
  if (isPlainObject(v)) {
    return 'map[' + sortedKeys(v).map((k) => k + ':' + goSprint(v[k], false)).join(' ') + ']';
  }
  return String(v);
}

/** Go's %#v of an unstructured value (used in kubectl's jsonpath debugging text). */
export function goSyntax(v: unknown, inInterface = false): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return isGoInt(v) ? formatGoNumber(v) : formatFloatG(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[]interface {}{' + v.map((x) => goSyntax(x, true)).join(', ') + '}';
  if (isPlainObject(v)) {
    return (
      'map[string]interface {}{' +
      sortedKeys(v)
        .map((k) => goQuote(k) + ':' + goSyntax(v[k], true))
        .join(', ') +
      '}'
    );
  }
  void inInterface;
  return String(v);
}

/** strconv.Quote: a double-quoted Go string literal with Go's escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\\ufffd';
    } else if (isGoPrintable(cp)) {
      out += ch;
    } else if (cp < 0x80) {
      out += '\\x' + cp.toString(16).padStart(2, '0');
    } else if (cp < 0x10000) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else {
      out += '\\U' + cp.toString(16).padStart(8, '0');
    }
  }
  return out + '"';
}

/** Approximation of unicode.IsPrint for the quoting functions. */
export function isGoPrintable(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0x80 && cp < 0xa0) return false;
  if (cp === 0xad) return false;
  if (cp >= 0x2028 && cp <= 0x2029) return false;
  if (cp >= 0xfff9 && cp <= 0xfffb) return false;
  if (cp === 0xfeff) return false;
  if (cp >= 0xe000 && cp <= 0xf8ff) return false; // private use
  if (cp >= 0xfffe && cp <= 0xffff) return false;
  if (cp >= 0x200b && cp <= 0x200f) return false;
  if (cp >= 0x202a && cp <= 0x202e) return false;
  if (cp >= 0x2060 && cp <= 0x206f) return false;
  if (cp > 0x10ffff) return false;
  return !/\p{Cn}|\p{Cs}|\p{Co}|\p{Z}/u.test(String.fromCodePoint(cp)) || cp === 0x20;
}

/** A Go float64 whose value happens to be whole (a template constant like `1.0`). */
export class GoFloat {
  constructor(readonly value: number) {}
}
