// `printf FORMAT [ARGS]`: bash's builtin, with the format reused until the arguments run out.
import { interpretEscapes, shellQuote } from '../escapes';

export interface PrintfResult {
  out: string;
  errors: string[];
}

export function formatPrintf(format: string, args: string[]): PrintfResult {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  const next = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  const num = (s: string | undefined, float: boolean): number => {
    if (s === undefined || s === '') return 0;
    if (/^['"]/.test(s)) return s.length > 1 ? s.codePointAt(1)! : 0;
    const t = s.trim();
    const v = float ? Number(t) : /^[-+]?0[xX][0-9a-fA-F]+$/.test(t) ? parseInt(t, 16) : /^[-+]?0[0-7]+$/.test(t) ? parseInt(t, 8) : /^[-+]?\d+$/.test(t) ? Number(t) : NaN;
    if (Number.isNaN(v)) {
      errors.push(`bash: printf: ${s}: invalid number`);
      const lead = /^[-+]?\d+/.exec(t);
      return lead ? Number(lead[0]) : 0;
    }
    return v;
  };
  let loops = 0;
  do {
    let consumed = false;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c === '\\') {
        const j = escapeEnd(format, i);
        const r = interpretEscapes(format.slice(i, j), true);
        out += r.text;
        if (r.stop) return { out, errors };
        i = j - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([sbdiouxXcfFeEgGq%])/.exec(format.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const conv = m[4];
      if (conv === '%') {
        out += '%';
        continue;
      }
      const flags = m[1];
      let width = m[2] === '*' ? num(next(), false) : m[2] ? Number(m[2]) : 0;
      const precRaw = m[3] === '*' ? String(num(next(), false)) : m[3];
      const prec = precRaw === undefined ? undefined : Number(precRaw || 0);
      let left = flags.includes('-');
      if (width < 0) {
        left = true;
        width = -width;
      }
      const arg = next();
      consumed = true;
      let body: string;
      switch (conv) {
        case 's':
          body = arg ?? '';
          if (prec !== undefined) body = body.slice(0, prec);
          break;
        case 'b': {
          const r = interpretEscapes(arg ?? '', false);
          body = r.text;
          break;
        }
        case 'q':
          body = shellQuote(arg ?? '');
          break;
        case 'c':
          body = (arg ?? '').slice(0, 1);
          break;
        case 'd': case 'i': case 'u': {
          const v = Math.trunc(num(arg, false));
          body = String(Math.abs(v));
          if (prec !== undefined) body = body.padStart(prec, '0');
          body = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
          break;
        }
        case 'o': case 'x': case 'X': {
          const v = Math.trunc(num(arg, false));
          const u = v < 0 ? BigInt.asUintN(64, BigInt(v)) : BigInt(v);
          body = u.toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') body = body.toUpperCase();
          if (prec !== undefined) body = body.padStart(prec, '0');
          if (flags.includes('#') && v !== 0) body = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + body;
          break;
        }
        default: {
          const v = num(arg, true);
          const p = prec ?? 6;
          if (conv === 'f' || conv === 'F') body = v.toFixed(p);
          else if (conv === 'e' || conv === 'E') body = cExp(v.toExponential(p));
          else body = gFormat(v, p === 0 ? 1 : p);
          if (conv === 'E' || conv === 'G') body = body.toUpperCase();
          if (v >= 0 && flags.includes('+')) body = '+' + body;
        }
      }
      if (body.length < width) {
        if (left) body = body.padEnd(width);
        else if (flags.includes('0') && /[diouxXfFeEgG]/.test(conv) && prec === undefined) {
          const sign = /^[-+ ]/.test(body) ? body[0] : '';
          body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
        } else body = body.padStart(width);
      }
      out += body;
    }
    if (!consumed) break;
  } while (ai < args.length && ++loops < 100000);
  return { out, errors };
}

function escapeEnd(f: string, i: number): number {
  const m = /^\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|.)/s.exec(f.slice(i));
  return i + (m ? m[0].length : 1);
}

/** C prints exponents with at least two digits: 1.5e+00. */
function cExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function gFormat(v: number, p: number): string {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= p) {
    return cExp(v.toExponential(p - 1).replace(/\.?0+e/, 'e'));
  }
  return v.toFixed(Math.max(0, p - 1 - exp)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
