// Backslash escapes shared by `echo -e`, `printf` and `%b`, and shell quoting for `%q`.

/**
 * Interprets escapes as `echo -e` does. `\c` stops all output: the second value tells the
 * caller to print nothing more (not even the newline).
 */
export function interpretEscapes(s: string, printfStyle = false): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e': case 'E': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      case '"': out += printfStyle ? '"' : '\\"'; break;
      case 'c': return { text: out, stop: true };
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\x';
        break;
      }
      case 'u': case 'U': {
        const m = (n === 'u' ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(s.slice(i + 1));
        if (m) {
          const cp = parseInt(m[0], 16);
          out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
          i += m[0].length;
        } else out += '\\' + n;
        break;
      }
      default: {
        // echo -e takes \0NNN; printf takes \NNN.
        const re = printfStyle ? /^[0-7]{1,3}/ : /^0[0-7]{0,3}/;
        const m = re.exec(s.slice(i));
        if (m) {
          const digits = printfStyle ? m[0] : m[0].slice(1);
          out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
          i += m[0].length - 1;
        } else out += '\\' + n;
      }
    }
  }
  return { text: out, stop: false };
}

/** Quotes a string so the shell reads it back as one word (`printf %q`). */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  if (/[\x00-\x1f\x7f]/.test(s)) {
    const body = s.replace(/[\\'\x00-\x1f\x7f]/g, (c) => {
      const map: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x1b': '\\E' };
      return map[c] ?? '\\' + c.charCodeAt(0).toString(8).padStart(3, '0');
    });
    return `$'${body}'`;
  }
  return s.replace(/[^A-Za-z0-9_@%+=:,./-]/g, '\\$&');
}
