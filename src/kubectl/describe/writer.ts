// PrefixWriter (kubectl pkg/describe): text at indentation levels of two spaces, through Go's
// text/tabwriter configured as describe's tabbedString does (minwidth 0, tabwidth 8, padding 2,
// spaces, no flags). Cells end at a tab; a block of aligned columns ends at a line without a tab.
import { TabWriter } from '../printers/tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/**
 * printers.EscapeTerminal: control characters other than tab and newline would drive the
 * user's terminal, so kubectl prints them quoted (`\x1b`, `\r`).
 */
export function escapeTerminal(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const q = JSON.stringify(c).slice(1, -1);
    return q.startsWith('\\u00') ? `\\x${q.slice(4)}` : q;
  });
}

export class PrefixWriter {
  private readonly tw = new TabWriter({ minWidth: 0, tabWidth: 8, padding: 2, rememberWidths: false });
  private out = '';

  /** Writes text with `level` indentation (the text carries its own newline, as Go's format does). */
  write(level: number, text: string): void {
    this.out += this.tw.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** fmt.Sprintln: the values joined by a space, then a newline. */
  writeLine(...a: unknown[]): void {
    this.out += this.tw.write(escapeTerminal(a.map(String).join(' ') + '\n'));
  }

  /** Formats what is buffered; describe flushes before the events table so it aligns on its own. */
  flush(): void {
    this.out += this.tw.flush();
  }

  /** tabbedString: everything written, flushed. */
  toString(): string {
    this.flush();
    return this.out;
  }
}

/** NewNestedPrefixWriter: a writer that adds `indent` levels to everything written through it. */
export class NestedPrefixWriter {
  constructor(
    private readonly w: Writer,
    private readonly indent: number,
  ) {}
  write(level: number, text: string): void {
    this.w.write(level + this.indent, text);
  }
  writeLine(...a: unknown[]): void {
    this.w.write(this.indent, a.map(String).join(' ') + '\n');
  }
  flush(): void {
    this.w.flush();
  }
}

/**
 * NewPrefixWriter on a plain buffer (no tabwriter), as `rollout history --revision` and
 * `rollout undo --dry-run` print a pod template: tabs stay in the text.
 */
export class PlainPrefixWriter {
  private out = '';
  write(level: number, text: string): void {
    this.out += escapeTerminal('  '.repeat(level) + text);
  }
  writeLine(...a: unknown[]): void {
    this.out += escapeTerminal(a.map(String).join(' ') + '\n');
  }
  flush(): void {}
  toString(): string {
    return this.out;
  }
}

export type Writer = PrefixWriter | NestedPrefixWriter | PlainPrefixWriter;
