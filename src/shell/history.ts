// Command history and bash's `!` expansion (`!!`, `!N`, `!-N`, `!prefix`), applied to the raw
// line before parsing, never inside single quotes, as bash's history library does.

export class History {
  readonly entries: string[] = [];
  /** Number of the first kept entry (bash keeps numbering after old entries fall off). */
  base = 1;
  constructor(private limit = 1000) {}

  add(line: string): void {
    const text = line.replace(/\n+$/, '');
    if (!text.trim()) return;
    // ignoredups: a repeated command is stored once.
    if (this.entries[this.entries.length - 1] === text) return;
    this.entries.push(text);
    while (this.entries.length > this.limit) {
      this.entries.shift();
      this.base++;
    }
  }

  clear(): void {
    this.base += this.entries.length;
    this.entries.length = 0;
  }

  /** Entry by bash number (1-based, as `history` prints), or undefined. */
  get(n: number): string | undefined {
    return this.entries[n - this.base];
  }

  get next(): number {
    return this.base + this.entries.length;
  }
}

export type HistoryExpansion = { ok: true; line: string; changed: boolean } | { ok: false; error: string };

/** Expands history references in a raw line. */
export function expandHistory(line: string, h: History): HistoryExpansion {
  let out = '';
  let changed = false;
  let inSingle = false;
  let inDouble = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && !inSingle) {
      out += c + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === "'" && !inDouble) inSingle = !inSingle;
    if (c === '"' && !inSingle) inDouble = !inDouble;
    // `${!name}` is indirection, never history (bash makes the same exception).
    if (c !== '!' || inSingle || (line[i - 1] === '{' && line[i - 2] === '$')) {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    let m: RegExpExecArray | null;
    let entry: string | undefined;
    let len = 0;
    if (rest.startsWith('!')) {
      entry = h.entries[h.entries.length - 1];
      len = 1;
      if (entry === undefined) return { ok: false, error: 'bash: !!: event not found' };
    } else if ((m = /^-?\d+/.exec(rest))) {
      const n = Number(m[0]);
      entry = n < 0 ? h.entries[h.entries.length + n] : h.get(n);
      len = m[0].length;
      if (entry === undefined || n === 0) return { ok: false, error: `bash: !${m[0]}: event not found` };
    } else if ((m = /^[A-Za-z_.\/][^\s;|&<>()"'`]*/.exec(rest)) && !(inDouble && rest.startsWith('"'))) {
      const prefix = m[0];
      entry = [...h.entries].reverse().find((e) => e.startsWith(prefix));
      len = prefix.length;
      if (entry === undefined) return { ok: false, error: `bash: !${prefix}: event not found` };
    } else {
      // `!` before a space, `=`, `(` or the end is literal (`!= `, `[ ! -f x ]`).
      out += c;
      continue;
    }
    out += entry;
    changed = true;
    i += len;
  }
  return { ok: true, line: out, changed };
}
