// Go's text/tabwriter as kubectl configures it (cli-runtime printers.GetNewTabWriter: minwidth 6,
// tabwidth 4, padding 3, pad with spaces, liggitt/tabwriter's RememberWidths). Cells end at a tab;
// the last cell of a line is not part of a column and is never padded. A line without any tab ends
// a block of columns (Go flushes there), so widths are computed per block of consecutive lines.

// kubectl's tabwriter settings (GetNewTabWriter), as the TabWriter defaults.
const MIN_WIDTH = 6;
const PADDING = 3;

export interface TabWriterOptions {
  minWidth?: number;
  tabWidth?: number;
  padding?: number;
  padChar?: string;
  /** Widths never shrink across flushes (kubectl's watch output keeps its columns). */
  rememberWidths?: boolean;
  /** Go's DiscardEmptyColumns flag. */
  discardEmptyColumns?: boolean;
}

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

const runeCount = (s: string) => Array.from(s).length;

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private maxWidths: number[] = [];
  private out = '';
  private readonly minWidth: number;
  private readonly padding: number;
  private readonly padChar: string;
  private readonly tabWidth: number;
  private readonly remember: boolean;
  private readonly discard: boolean;

  constructor(opts: TabWriterOptions = {}) {
    this.minWidth = opts.minWidth ?? MIN_WIDTH;
    this.tabWidth = opts.tabWidth ?? 4;
    this.padding = opts.padding ?? PADDING;
    this.padChar = opts.padChar ?? ' ';
    this.remember = opts.rememberWidths ?? true;
    this.discard = opts.discardEmptyColumns ?? false;
  }

  /** Buffer text; returns whatever became final (Go writes it to the underlying writer). */
  write(text: string): string {
    for (const ch of text) {
      if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
        const line = this.lines[this.lines.length - 1];
        line.push({ text: this.cell, width: runeCount(this.cell), htab: ch === '\t' });
        this.cell = '';
        const ncells = line.length;
        if (ch === '\n' || ch === '\f') {
          this.lines.push([]);
          if (ch === '\f' || ncells === 1) this.flushInternal();
        }
      } else {
        this.cell += ch;
      }
    }
    return this.take();
  }

  /** Format everything buffered, including an unterminated last line. */
  flush(): string {
    if (this.cell.length > 0) {
      this.lines[this.lines.length - 1].push({ text: this.cell, width: runeCount(this.cell), htab: false });
      this.cell = '';
    }
    this.flushInternal();
    return this.take();
  }

  private take(): string {
    const s = this.out;
    this.out = '';
    return s;
  }

  private flushInternal(): void {
    this.format(0, 0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private format(pos: number, line0: number, line1: number): number {
    const column = this.widths.length;
    for (let t = line0; t < line1; t++) {
      let line = this.lines[t];
      if (column >= line.length - 1) continue;
      pos = this.writeLines(pos, line0, t);
      line0 = t;
      let width = this.minWidth;
      let discardable = true;
      for (; t < line1; t++) {
        line = this.lines[t];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.discard) width = 0;
      if (this.remember) {
        if (this.maxWidths.length < this.widths.length) this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
        if (this.maxWidths.length === this.widths.length) this.maxWidths.push(width);
        else if (this.maxWidths[this.widths.length] > width) width = this.maxWidths[this.widths.length];
        else if (this.maxWidths[this.widths.length] < width) this.maxWidths[this.widths.length] = width;
      }
      this.widths.push(width);
      pos = this.format(pos, line0, t);
      this.widths.pop();
      line0 = t;
      t--; // the outer loop's t++ must not skip the line that ended the block
    }
    return this.writeLines(pos, line0, line1);
  }

  private writeLines(pos: number, line0: number, line1: number): number {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length) this.pad(c.width, this.widths[j]);
      });
      if (i + 1 === this.lines.length) {
        // last buffered line: it has no newline yet
      } else {
        this.out += '\n';
      }
    }
    return pos;
  }

  private pad(textw: number, cellw: number): void {
    if (this.padChar === '\t') {
      // Go: with tab padding, the cell width is rounded up to a multiple of tabwidth
      if (this.tabWidth === 0) return;
      const w = Math.ceil(cellw / this.tabWidth) * this.tabWidth;
      const n = w - textw;
      this.out += '\t'.repeat(Math.ceil(n / this.tabWidth));
      return;
    }
    this.out += this.padChar.repeat(Math.max(0, cellw - textw));
  }
}

/** Align tab-separated lines the way kubectl's table printers do. */
export function tabify(text: string, opts: TabWriterOptions = {}): string {
  const w = new TabWriter(opts);
  return w.write(text) + w.flush();
}

/**
 * Rows of cells as kubectl's printers write them: tab between cells, newline after each row.
 * Without a writer to continue, rows of one length go through `alignRows` (the same bytes).
 */
export function tabwrite(rows: string[][], w?: TabWriter): string {
  if (!w) {
    const fast = alignRows(rows);
    if (fast !== undefined) return fast;
  }
  w ??= new TabWriter();
  return w.write(rows.map((r) => r.join('\t') + '\n').join('')) + w.flush();
}

/**
 * What a new TabWriter with kubectl's settings prints for rows that all have the same number of
 * cells, none holding a tab, newline, vertical tab or form feed: then every line takes part in
 * every column, so each column is one block whose width is the widest cell (in runes, as Go
 * counts) plus the padding, at least minwidth, and the last cell is never padded. One pass for
 * the widths, one to lay the cells out, instead of the writer's character by character
 * parsing (a table of 10,000 pods). Undefined when the rows are not of that shape.
 */
export function alignRows(rows: string[][]): string | undefined {
  if (rows.length === 0) return '';
  const n = rows[0].length;
  if (n === 0) return undefined;
  const columns = n - 1;
  const widths = new Array<number>(columns).fill(MIN_WIDTH);
  // Rune counts of the padded cells, row by row (the last cell's is not needed).
  const runes = new Int32Array(rows.length * columns);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.length !== n) return undefined;
    for (let j = 0; j < n; j++) {
      const r = runesOfPlainCell(row[j]);
      if (r < 0) return undefined;
      if (j < columns) {
        runes[i * columns + j] = r;
        if (r + PADDING > widths[j]) widths[j] = r + PADDING;
      }
    }
  }
  // The paddings are shared strings; appending builds a rope that is flattened once, when read
  // (measured faster than collecting the pieces and joining them).
  const pads: string[] = [''];
  for (let k = 1; k <= Math.max(0, ...widths); k++) pads.push(pads[k - 1] + ' ');
  let out = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let j = 0; j < columns; j++) out += row[j] + pads[widths[j] - runes[i * columns + j]];
    out += row[columns] + '\n';
  }
  return out;
}

/** Unicode code points in `s` (Go's utf8.RuneCountInString), or -1 if it holds \t \n \v \f. */
function runesOfPlainCell(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c) return -1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
