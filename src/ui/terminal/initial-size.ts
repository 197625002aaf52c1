// The terminal's size in cells before xterm opens, so that it is created at its final size.
// Opened at xterm's default 80×24 and then fitted, the terminal resizes at once: a full re-render,
// and xterm's screen-reader rows re-measured one by one (a style write, then a layout read, per
// row): tens of milliseconds of forced layout on the way to the first prompt. Computed here the
// way xterm and its fit addon compute it, the fit that follows finds nothing to change (and when
// it does find something, it still fixes it: this is only a head start).

export interface CellGeometry {
  cols: number;
  rows: number;
}

// @xterm/addon-fit: the scrollbar's room (ViewportConstants.DEFAULT_SCROLL_BAR_WIDTH) and minimums.
const SCROLLBAR_WIDTH = 14;
const MIN_COLS = 2;
const MIN_ROWS = 1;

/**
 * cols × rows that FitAddon.proposeDimensions would give for `el` (the element xterm opens in),
 * or undefined when it cannot be known yet (no size: hidden; no font metrics).
 */
export function initialGeometry(el: HTMLElement, fontFamily: string, fontSize: number): CellGeometry | undefined {
  const char = measureChar(fontFamily, fontSize);
  if (!char) return undefined;
  // The page's first layout happens here (it would in xterm's own first measure otherwise).
  const style = getComputedStyle(el);
  const width = Math.max(0, parseInt(style.width)) - SCROLLBAR_WIDTH;
  const height = parseInt(style.height);
  if (!(width > 0 && height > 0)) return undefined;
  return fitGeometry({ width, height }, char, window.devicePixelRatio || 1);
}

/**
 * The count that fits `room` (css px, the scrollbar already taken off) with a character cell of
 * `char` (css px, as measured), computed as xterm's DOM renderer sizes cells
 * (DomRenderer._updateDimensions: device pixels, rounded over the whole canvas) and as the fit
 * addon divides.
 */
export function fitGeometry(room: { width: number; height: number }, char: { width: number; height: number }, dpr: number): CellGeometry {
  const cellWidth = char.width * dpr;
  const cellHeight = Math.ceil(char.height * dpr);
  const cssCellWidth = (cols: number) => Math.round((cellWidth * cols) / dpr) / cols;
  const cssCellHeight = (rows: number) => Math.round((cellHeight * rows) / dpr) / rows;
  // The css cell size depends a little on the count (rounding of the whole canvas): settle on a
  // count that proposes itself, as the fit after opening will check.
  let geometry = { cols: 80, rows: 24 };
  for (let i = 0; i < 4; i++) {
    const next = {
      cols: Math.max(MIN_COLS, Math.floor(room.width / cssCellWidth(geometry.cols))),
      rows: Math.max(MIN_ROWS, Math.floor(room.height / cssCellHeight(geometry.rows))),
    };
    if (next.cols === geometry.cols && next.rows === geometry.rows) break;
    geometry = next;
  }
  return geometry;
}

/** The 'W' cell as xterm's CharSizeService measures it (canvas text metrics: no layout). */
function measureChar(fontFamily: string, fontSize: number): { width: number; height: number } | undefined {
  try {
    const ctx = new OffscreenCanvas(1, 1).getContext('2d');
    if (!ctx) return undefined;
    ctx.font = `${fontSize}px ${fontFamily}`;
    const m = ctx.measureText('W');
    const height = m.fontBoundingBoxAscent + m.fontBoundingBoxDescent;
    return m.width > 0 && height > 0 ? { width: m.width, height } : undefined;
  } catch {
    return undefined;
  }
}
