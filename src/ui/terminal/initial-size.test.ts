import { describe, expect, it } from 'vitest';
import { fitGeometry } from './initial-size';

// What the fit addon proposes for a terminal of `cols` × `rows` (its css cell size is xterm's
// DomRenderer's: device pixels, rounded over the whole canvas).
function proposed(room: { width: number; height: number }, char: { width: number; height: number }, dpr: number, cols: number, rows: number) {
  const cssW = Math.round((char.width * dpr * cols) / dpr) / cols;
  const cssH = Math.round((Math.ceil(char.height * dpr) * rows) / dpr) / rows;
  return { cols: Math.max(2, Math.floor(room.width / cssW)), rows: Math.max(1, Math.floor(room.height / cssH)) };
}

describe('fitGeometry', () => {
  it('gives the size the page shows at 1280×720 (94 × 40 with a 8.40625 × 16 cell)', () => {
    expect(fitGeometry({ width: 795, height: 645 }, { width: 8.40625, height: 16 }, 1)).toEqual({ cols: 94, rows: 40 });
  });

  it('gives a size the fit addon, asked again at that size, proposes unchanged (no resize after opening)', () => {
    let stable = 0;
    let cases = 0;
    for (const dpr of [1, 1.25, 1.5, 2]) {
      for (const char of [{ width: 7.2, height: 15.5 }, { width: 8.40625, height: 16 }, { width: 9.6015625, height: 19.2 }]) {
        for (let width = 40; width < 2400; width += 13) {
          const room = { width, height: width * 0.6 };
          const g = fitGeometry(room, char, dpr);
          const again = proposed(room, char, dpr, g.cols, g.rows);
          cases++;
          if (again.cols === g.cols && again.rows === g.rows) {
            stable++;
            continue;
          }
          // Floating-point rounding can leave no count that proposes itself (the addon's own fits
          // would flip between two counts): then neither neighbour may have been the right answer.
          const at = `dpr ${dpr}, char ${char.width}, room ${width}`;
          for (const d of [-1, 1]) {
            if (again.cols !== g.cols) expect(proposed(room, char, dpr, g.cols + d, g.rows).cols, at).not.toBe(g.cols + d);
            if (again.rows !== g.rows) expect(proposed(room, char, dpr, g.cols, g.rows + d).rows, at).not.toBe(g.rows + d);
          }
        }
      }
    }
    expect(stable / cases).toBeGreaterThan(0.97);
  });

  it('keeps the fit addon minimums in a tiny room', () => {
    expect(fitGeometry({ width: 3, height: 3 }, { width: 8, height: 16 }, 1)).toEqual({ cols: 2, rows: 1 });
  });
});
