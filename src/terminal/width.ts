// Cell widths as xterm.js 6 measures them (its default "Unicode 6" provider): East Asian wide and
// fullwidth characters take two cells, combining marks and zero-width characters none. The line
// editor must agree with the terminal exactly, or its cursor arithmetic drifts on CJK input.

// Ranges are inclusive [from, to].
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3040, 0xa4cf], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6],
  [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

// The common zero-width code points: combining diacritics, Hangul jamo medials/finals, zero-width
// space/joiners, bidi marks, variation selectors, BOM, combining marks for symbols.
const ZERO: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f], [0x0483, 0x0489], [0x0591, 0x05bd], [0x0610, 0x0615], [0x064b, 0x065e],
  [0x0e31, 0x0e31], [0x0e34, 0x0e3a], [0x0e47, 0x0e4e], [0x1160, 0x11ff], [0x1dc0, 0x1dff],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x2063], [0x20d0, 0x20ef], [0x302a, 0x302f],
  [0x3099, 0x309a], [0xfe00, 0xfe0f], [0xfe20, 0xfe23], [0xfeff, 0xfeff], [0xe0100, 0xe01ef],
];

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid][0]) hi = mid - 1;
    else if (cp > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Terminal cells taken by one code point: 0, 1 or 2. */
export function codePointWidth(cp: number): 0 | 1 | 2 {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  if (inRanges(cp, ZERO)) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}

/**
 * Splits text into clusters: one visible code point followed by the zero-width code points that
 * ride on it. The cursor always stands on a cluster boundary, so a combining accent is never
 * split from its letter.
 */
export function clusters(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (out.length && cp >= 0xa0 && codePointWidth(cp) === 0) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** Cells taken by a cluster (its first code point decides). */
export function clusterWidth(cluster: string): number {
  return codePointWidth(cluster.codePointAt(0)!);
}

// CSI and OSC sequences, and other two-byte escapes: they take no cells.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Removes terminal escape sequences (colours in a prompt, say). */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '');
}

/** Cells taken by text on one line, escape sequences ignored. */
export function stringWidth(text: string): number {
  let w = 0;
  for (const c of clusters(stripAnsi(text))) w += clusterWidth(c);
  return w;
}

export interface Cell {
  /** Offset of the unit in the text. */
  index: number;
  length: number;
  /** Cells it takes: 0 for an escape sequence. */
  width: number;
}

/** Splits text into drawable units: clusters, and escape sequences as zero-width units. */
export function cells(text: string): Cell[] {
  const out: Cell[] = [];
  const esc = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/y;
  let i = 0;
  let lastWasText = false;
  while (i < text.length) {
    if (text[i] === '\x1b') {
      esc.lastIndex = i;
      const m = esc.exec(text);
      const len = m ? m[0].length : 1;
      out.push({ index: i, length: len, width: 0 });
      i += len;
      lastWasText = false;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const w = codePointWidth(cp);
    const control = cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
    if (w === 0 && lastWasText && !control) out[out.length - 1].length += len;
    else {
      out.push({ index: i, length: len, width: w });
      lastWasText = !control;
    }
    i += len;
  }
  return out;
}
