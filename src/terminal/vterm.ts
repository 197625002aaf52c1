// A tiny terminal model for tests: enough of xterm's behaviour (auto-wrap with a pending wrap at
// the last column, wide characters that do not fit moving to the next row, CR/LF, cursor moves,
// erase) to check that what the line editor writes puts the right text and cursor on screen.

import { cells } from './width';

export class VTerm {
  rows: string[][] = [[]];
  row = 0;
  col = 0;
  private pendingWrap = false;

  constructor(
    public cols: number,
    private readonly convertEol = true,
  ) {}

  write(data: string): void {
    for (const c of cells(data)) {
      const text = data.slice(c.index, c.index + c.length);
      if (text.startsWith('\x1b')) this.escape(text);
      else if (text === '\r') this.carriageReturn();
      else if (text === '\n') this.lineFeed();
      else if (text === '\b') {
        this.pendingWrap = false;
        this.col = Math.max(0, this.col - 1);
      } else if (c.width === 0 && text.charCodeAt(0) < 0x20) {
        // other controls (bell): nothing
      } else this.print(text, c.width);
    }
  }

  /** The screen as lines, right-trimmed, trailing empty lines dropped. */
  screen(): string[] {
    const lines = this.rows.map((r) => r.map((c) => c ?? ' ').join('').replace(/\s+$/, ''));
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    return lines;
  }

  text(): string {
    return this.screen().join('\n');
  }

  cursor(): { row: number; col: number } {
    return { row: this.row, col: this.col };
  }

  private line(r: number): string[] {
    while (this.rows.length <= r) this.rows.push([]);
    return this.rows[r];
  }

  private print(text: string, width: number): void {
    if (width === 0) return;
    if (this.pendingWrap) {
      this.pendingWrap = false;
      this.row++;
      this.col = 0;
    }
    if (this.col + width > this.cols) {
      this.row++;
      this.col = 0;
    }
    const l = this.line(this.row);
    while (l.length < this.col) l.push(' ');
    l[this.col] = text;
    if (width === 2) l[this.col + 1] = '';
    this.col += width;
    if (this.col >= this.cols) {
      this.col = this.cols - 1;
      this.pendingWrap = true;
    }
  }

  private carriageReturn(): void {
    this.pendingWrap = false;
    this.col = 0;
  }

  private lineFeed(): void {
    this.pendingWrap = false;
    this.row++;
    this.line(this.row);
    if (this.convertEol) this.col = 0;
  }

  private escape(seq: string): void {
    this.pendingWrap = false;
    const m = /^\x1b\[([0-9;?]*)([@-~])$/.exec(seq);
    if (!m) return;
    const n = Number(m[1] || '') || 0;
    const k = Math.max(1, n);
    switch (m[2]) {
      case 'A':
        this.row = Math.max(0, this.row - k);
        break;
      case 'B':
        this.row += k;
        this.line(this.row);
        break;
      case 'C':
        this.col = Math.min(this.cols - 1, this.col + k);
        break;
      case 'D':
        this.col = Math.max(0, this.col - k);
        break;
      case 'G':
        this.col = Math.min(this.cols - 1, k - 1);
        break;
      case 'H':
        this.row = 0;
        this.col = 0;
        break;
      case 'J':
        if (n === 2 || n === 3) this.rows = this.rows.map(() => []);
        else {
          this.line(this.row).length = Math.min(this.line(this.row).length, this.col);
          this.rows.length = this.row + 1;
        }
        break;
      case 'K':
        this.line(this.row).length = Math.min(this.line(this.row).length, this.col);
        break;
    }
  }
}
