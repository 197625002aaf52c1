// alignRows (the one-pass path tabwrite takes for tables) against the TabWriter it stands for.
import { describe, expect, it } from 'vitest';
import { alignRows, TabWriter, tabwrite } from './tabwriter';

const reference = (rows: string[][]) => {
  const w = new TabWriter();
  return w.write(rows.map((r) => r.join('\t') + '\n').join('')) + w.flush();
};

/** A small seeded generator (tests must not use Math.random). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const ALPHABET = ['a', 'Z', '0', '-', ' ', '/', '<', 'é', '名', '😀', '\u0301', ':'];

describe('alignRows', () => {
  it('prints what the TabWriter prints for kubectl-like tables', () => {
    const rows = [
      ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['default', 'web-1', '1/1', 'Running', '0', '5m'],
      ['kube-system', 'coredns-x', '0/1', 'CrashLoopBackOff', '12 (95s ago)', '3d4h'],
      ['a', '', '', 'x', '', ''],
    ];
    expect(alignRows(rows)).toBe(reference(rows));
    expect(alignRows(rows)).toBe(
      'NAMESPACE     NAME        READY   STATUS             RESTARTS       AGE\n' +
        'default       web-1       1/1     Running            0              5m\n' +
        'kube-system   coredns-x   0/1     CrashLoopBackOff   12 (95s ago)   3d4h\n' +
        'a                                 x                                 \n',
    );
  });

  it('agrees with the TabWriter on random tables (runes, empty cells, one column, narrow columns)', () => {
    const rand = lcg(42);
    for (let k = 0; k < 400; k++) {
      const ncols = 1 + rand(6);
      const rows = Array.from({ length: 1 + rand(8) }, () =>
        Array.from({ length: ncols }, () => Array.from({ length: rand(12) }, () => ALPHABET[rand(ALPHABET.length)]).join('')),
      );
      expect(alignRows(rows), JSON.stringify(rows)).toBe(reference(rows));
    }
  });

  it('leaves other shapes to the TabWriter: ragged rows, cells with tabs or newlines, no cells', () => {
    expect(alignRows([['a', 'b'], ['c']])).toBeUndefined();
    expect(alignRows([['a\tb', 'c']])).toBeUndefined();
    expect(alignRows([['a', 'b\nc']])).toBeUndefined();
    expect(alignRows([[]])).toBeUndefined();
    expect(alignRows([])).toBe('');
    for (const rows of [[['a', 'b'], ['c']], [['a\tb', 'c'], ['d', 'e']], [['a', 'b\nc']], [[]]]) {
      expect(tabwrite(rows)).toBe(reference(rows));
    }
  });
});
