// A subset of Go's fmt for templates: fmt.Sprint's spacing rule and fmt.Sprintf's verbs
// (%v %s %d %q %f %e %g %t %x %X %o %b %c %%), flags, width, precision, and Go's complaints
// (%!d(string=x), %!d(MISSING), %!(EXTRA ...)).
import { GoFloat, formatFloatG, goQuote, goSprint, goSyntax, isGoInt, isPlainObject } from '../gofmt';

export { GoFloat };

const isStr = (v: unknown) => typeof v === 'string';

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function goPrint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && !isStr(a) && !isStr(args[i - 1])) out += ' ';
    out += a === undefined ? '<nil>' : goSprint(a);
  });
  return out;
}

function typeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoFloat) return 'float64';
  if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isPlainObject(v)) return 'map[string]interface {}';
  return 'interface {}';
}

const isInt = (v: unknown): v is number => typeof v === 'number' && isGoInt(v);
const isFloat = (v: unknown) => v instanceof GoFloat || (typeof v === 'number' && !isGoInt(v));
const fnum = (v: unknown) => (v instanceof GoFloat ? v.value : (v as number));

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
}

function pad(s: string, sp: Spec, numeric: boolean): string {
  const w = sp.width ?? 0;
  const len = Array.from(s).length;
  if (len >= w) return s;
  if (sp.minus) return s + ' '.repeat(w - len);
  if (sp.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(w - len) + s.slice(sign.length);
  }
  return ' '.repeat(w - len) + s;
}

function fmtFloat(f: number, verb: string, prec: number | null): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  switch (verb) {
    case 'f':
    case 'F':
      return f.toFixed(prec ?? 6);
    case 'e':
    case 'E': {
      const s = f.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return verb === 'E' ? s.toUpperCase() : s;
    }
    case 'g':
    case 'G':
    case 'v': {
      if (prec === null) return formatFloatG(f);
      const p = prec === 0 ? 1 : prec;
      const exp = f === 0 ? 0 : Math.floor(Math.log10(Math.abs(f)));
      let s: string;
      if (exp < -4 || exp >= p) s = f.toExponential(p - 1).replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2');
      else s = String(Number(f.toPrecision(p)));
      return verb === 'G' ? s.toUpperCase() : s;
    }
  }
  return String(f);
}

function bad(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${goSprint(v)})`;
}

function formatOne(verb: string, v: unknown, sp: Spec): string {
  if (v === undefined) v = null;
  switch (verb) {
    case 'v':
      if (sp.sharp) return pad(goSyntax(v), sp, false);
      if (isFloat(v)) return pad(fmtFloat(fnum(v), 'g', sp.prec), sp, true);
      if (isInt(v)) return pad((sp.plus && v >= 0 ? '+' : '') + String(v), sp, true);
      if (v === null) return pad('<nil>', sp, false);
      return pad(goSprint(v), sp, false);
    case 's':
      if (typeof v === 'string') return pad(sp.prec !== null ? Array.from(v).slice(0, sp.prec).join('') : v, sp, false);
      if (Array.isArray(v)) return '[' + v.map((x) => formatOne('s', x, { ...sp, width: null })).join(' ') + ']';
      return bad(verb, v);
    case 'q':
      if (typeof v === 'string') return pad(goQuote(v), sp, false);
      if (isInt(v)) return pad("'" + String.fromCodePoint(v) + "'", sp, false);
      return bad(verb, v);
    case 'd':
      if (isInt(v)) return pad((sp.plus && v >= 0 ? '+' : sp.space && v >= 0 ? ' ' : '') + String(v), sp, true);
      if (Array.isArray(v)) return '[' + v.map((x) => formatOne('d', x, { ...sp, width: null })).join(' ') + ']';
      return bad(verb, v);
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const base = verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
      if (isInt(v)) {
        let s = Math.abs(v).toString(base);
        if (verb === 'X') s = s.toUpperCase();
        if (sp.sharp) s = (verb === 'o' ? '0' : verb === 'x' ? '0x' : verb === 'X' ? '0X' : '') + s;
        return pad((v < 0 ? '-' : '') + s, sp, true);
      }
      if (typeof v === 'string' && (verb === 'x' || verb === 'X')) {
        let s = Array.from(new TextEncoder().encode(v), (b) => b.toString(16).padStart(2, '0')).join('');
        if (verb === 'X') s = s.toUpperCase();
        return pad(s, sp, false);
      }
      return bad(verb, v);
    }
    case 'c':
      if (isInt(v)) return pad(String.fromCodePoint(v), sp, false);
      return bad(verb, v);
    case 'U':
      if (isInt(v)) return pad('U+' + v.toString(16).toUpperCase().padStart(4, '0'), sp, false);
      return bad(verb, v);
    case 't':
      if (typeof v === 'boolean') return pad(String(v), sp, false);
      return bad(verb, v);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      if (isFloat(v)) {
        const f = fnum(v);
        return pad((sp.plus && f >= 0 ? '+' : '') + fmtFloat(f, verb, sp.prec), sp, true);
      }
      return bad(verb, v);
    case 'T':
      return pad(v === null ? '<nil>' : typeName(v), sp, false);
  }
  return `%!${verb}(${typeName(v)}=${goSprint(v)})`;
}

/** fmt.Sprintf. */
export function goSprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const sp: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: null, prec: null };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') sp.minus = true;
      else if (f === '+') sp.plus = true;
      else if (f === '#') sp.sharp = true;
      else if (f === ' ') sp.space = true;
      else if (f === '0') sp.zero = !sp.minus;
      else break;
    }
    const readNum = (): number | null => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return isInt(a) ? a : null;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return null;
      i += m[0].length;
      return parseInt(m[0], 10);
    };
    sp.width = readNum();
    if (format[i] === '.') {
      i++;
      sp.prec = readNum() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, args[argi++], sp);
  }
  if (argi < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argi)
        .map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${goSprint(a)}`))
        .join(', ') +
      ')';
  }
  return out;
}
