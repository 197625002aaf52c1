// POSIX regular expressions (BRE for grep and sed, ERE for grep -E and sed -E) translated to
// JavaScript RegExp source, with GNU's extensions (\+ \? \| in BRE, \< \> \w \s \b) and its
// error texts. The translation is by hand, token by token: no eval, and every literal is
// escaped for JavaScript.

export class RegexError extends Error {}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~', word: '\\w',
};

function lit(c: string): string {
  return /[\\^$.*+?()[\]{}|\/-]/.test(c) ? '\\' + c : c;
}

/** Translates a bracket expression starting at `i` (the `[`); returns source and next index. */
function bracket(re: string, i: number): [string, number] {
  let j = i + 1;
  let neg = false;
  if (re[j] === '^') {
    neg = true;
    j++;
  }
  let body = '';
  let first = true;
  for (;;) {
    if (j >= re.length) throw new RegexError('Unmatched [, [^, [:, [., or [=');
    const c = re[j];
    if (c === ']' && !first) break;
    first = false;
    if (c === '[' && (re[j + 1] === ':' || re[j + 1] === '.' || re[j + 1] === '=')) {
      const kind = re[j + 1];
      const end = re.indexOf(kind + ']', j + 2);
      if (end < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      const name = re.slice(j + 2, end);
      if (kind === ':') {
        if (!(name in CLASSES)) throw new RegexError('Invalid character class name');
        body += CLASSES[name];
      } else body += lit(name);
      j = end + 2;
      continue;
    }
    // Inside brackets a backslash is literal in POSIX; JavaScript needs it escaped.
    if (c === '\\' || c === ']' || c === '[' || c === '^') body += '\\' + c;
    else body += c;
    j++;
  }
  return [`[${neg ? '^' : ''}${body}]`, j + 1];
}

/** POSIX (BRE when !extended) to JavaScript RegExp source. */
export function posixToJs(re: string, extended: boolean): string {
  let out = '';
  let depth = 0;
  // Where `*` is literal in a BRE: at the start, after `\(`, `\|` or `^`.
  let atStart = true;
  for (let i = 0; i < re.length; ) {
    const c = re[i];
    const wasStart = atStart;
    atStart = false;
    if (c === '\\') {
      const n = re[i + 1];
      i += 2;
      if (n === undefined) throw new RegexError('Trailing backslash');
      if (!extended && n === '(') {
        out += '(';
        depth++;
        atStart = true;
      } else if (!extended && n === ')') {
        if (!depth) throw new RegexError('Unmatched ) or \\)');
        out += ')';
        depth--;
      } else if (!extended && n === '|') {
        out += '|';
        atStart = true;
      } else if (!extended && (n === '+' || n === '?')) out += wasStart ? lit(n) : n;
      else if (!extended && n === '{') {
        const end = re.indexOf('\\}', i);
        if (end < 0) throw new RegexError('Unmatched \\{');
        const body = re.slice(i, end);
        if (!/^\d*(,\d*)?$/.test(body)) throw new RegexError('Invalid content of \\{\\}');
        out += `{${body.startsWith(',') ? '0' + body : body}}`;
        i = end + 2;
      } else if (/[1-9]/.test(n)) out += '\\' + n;
      else if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if ('wWsSbB'.includes(n)) out += '\\' + n;
      else if (n === '`') out += '^';
      else if (n === "'") out += '$';
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else out += lit(n);
      continue;
    }
    if (c === '[') {
      const [src, next] = bracket(re, i);
      out += src;
      i = next;
      continue;
    }
    if (c === '.') out += '.';
    else if (c === '*') out += wasStart ? '\\*' : '*';
    else if (c === '^') {
      if (extended || wasStart) {
        out += '^';
        atStart = true;
      } else out += '\\^';
    } else if (c === '$') {
      const atEnd = i === re.length - 1 || (!extended && re.startsWith('\\)', i + 1)) || (!extended && re.startsWith('\\|', i + 1));
      out += extended || atEnd ? '$' : '\\$';
    } else if (extended && c === '(') {
      out += '(';
      depth++;
      atStart = true;
    } else if (extended && c === ')') {
      if (!depth) throw new RegexError('Unmatched ) or \\)');
      out += ')';
      depth--;
    } else if (extended && c === '|') {
      out += '|';
      atStart = true;
    } else if (extended && (c === '+' || c === '?')) out += wasStart ? lit(c) : c;
    else if (extended && c === '{') {
      const m = /^\{(\d*)(,(\d*))?\}/.exec(re.slice(i));
      if (m && (m[1] !== '' || m[3])) {
        out += wasStart ? lit(m[0]) : `{${m[1] || '0'}${m[2] ?? ''}}`;
        i += m[0].length;
        continue;
      }
      out += '\\{';
    } else out += lit(c);
    i++;
  }
  if (depth) throw new RegexError('Unmatched ( or \\(');
  return out;
}

/** Compiles a POSIX pattern, turning JavaScript's complaints into GNU's wording. */
export function compilePosix(re: string, extended: boolean, flags: string): RegExp {
  const src = posixToJs(re, extended);
  try {
    return new RegExp(src, flags);
  } catch {
    throw new RegexError('Invalid regular expression');
  }
}

export function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&');
}
