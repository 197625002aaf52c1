// Glob patterns: `*`, `?` and `[...]`, for filenames (`*.yaml`) and for `${x%pattern}`.
// A pattern arrives with quoted characters escaped by a backslash, so `"*".yaml` stays literal.
import type { VirtualFs } from './fs';

export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Escapes text so that it matches only itself as a pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** Removes pattern escapes: the literal text a non-matching pattern stands for. */
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

/** Translates a glob to a RegExp source; `pathMode` keeps `*` and `?` from crossing `/`. */
export function globToRegexSource(pattern: string, pathMode: boolean): string {
  let re = '';
  const any = pathMode ? '[^/]' : '[\\s\\S]';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      re += i < pattern.length ? escapeRe(pattern[i]) : '\\\\';
    } else if (c === '*') re += any + '*';
    else if (c === '?') re += any;
    else if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        let neg = false;
        if (body[0] === '!' || body[0] === '^') {
          neg = true;
          body = body.slice(1);
        }
        const cls = body
          .replace(/\[:(alpha|digit|alnum|upper|lower|space|punct|xdigit):\]/g, (_, n: string) => POSIX_CLASSES[n])
          .replace(/\\(.)/g, (_, ch: string) => '\\' + ch)
          .replace(/[\]^]/g, (m) => '\\' + m);
        re += `[${neg ? '^' : ''}${cls}]`;
        i = end;
      }
    } else re += escapeRe(c);
  }
  return re;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
};

function bracketEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === '[' && p[j + 1] === ':') {
      const k = p.indexOf(':]', j + 2);
      if (k > 0) j = k + 1;
    } else if (p[j] === ']') return j;
  }
  return -1;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function globMatch(pattern: string, text: string): boolean {
  return new RegExp(`^${globToRegexSource(pattern, false)}$`).test(text);
}

/**
 * Expands a filename pattern against the workspace, component by component. Returns the
 * sorted matches, or null when nothing matches (bash then keeps the word as written).
 */
export function globFiles(pattern: string, cwd: string, fs: VirtualFs): string[] | null {
  const absolute = pattern.startsWith('/');
  const comps = pattern.split('/').filter((c, i) => c !== '' || i === 0);
  let bases: string[] = [absolute ? '/' : ''];
  const start = absolute ? 1 : 0;
  for (let ci = start; ci < comps.length; ci++) {
    const comp = comps[ci];
    const last = ci === comps.length - 1;
    const next: string[] = [];
    for (const base of bases) {
      const dirPath = fs.resolve(cwd, base === '' ? '.' : base);
      const join = (name: string) => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (!hasGlobChars(comp)) {
        const name = unescapeGlob(comp);
        const p = join(name);
        const st = fs.stat(fs.resolve(cwd, p));
        if (st && (last || st.type === 'dir')) next.push(p);
        continue;
      }
      if (!fs.isDir(dirPath)) continue;
      const re = new RegExp(`^${globToRegexSource(comp, true)}$`);
      const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
      for (const name of fs.readdir(dirPath)) {
        if (name.startsWith('.') && !dotOk) continue;
        if (!re.test(name)) continue;
        const p = join(name);
        if (!last && !fs.isDir(fs.resolve(cwd, p))) continue;
        next.push(p);
      }
    }
    bases = next;
    if (!bases.length) return null;
  }
  if (pattern.endsWith('/')) bases = bases.filter((b) => fs.isDir(fs.resolve(cwd, b))).map((b) => b + '/');
  return bases.length ? bases.sort() : null;
}
