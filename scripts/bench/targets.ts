// The issue-5 targets as the web bench words them: each figure's section line ends with its
// verdict, and `npm run bench:web` closes with one row per target.
export interface TargetRow {
  what: string;
  figure: string;
  target: string;
  ok: boolean;
}

export const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');

export const targetLine = (r: TargetRow) => `${r.what.padEnd(50)} ${r.figure.padStart(11)}   target ${r.target.padEnd(8)} ${verdict(r.ok)}`;
