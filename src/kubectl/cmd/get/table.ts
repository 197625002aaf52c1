// Printing the server's Tables as kubectl's table printer does: upper-cased headers, wide
// columns only for -o wide, NAMESPACE for -A, kind prefixes for several types, LABELS for
// --show-labels, label columns for -L, and tabwriter padding.
import { formatLabels } from '../../../api/labels';
import type { KubeObject } from '../../../api/types';

export interface TableColumn {
  name: string;
  type: string;
  format: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object?: KubeObject;
}

export interface ServerTable {
  columnDefinitions: TableColumn[] | null;
  rows: TableRow[] | null;
}

export interface TableOptions {
  wide: boolean;
  withNamespace: boolean;
  /** `pod/`, `deployment.apps/` before each name. */
  kindPrefix?: string;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '<none>';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The header row and body rows as text cells, before padding. */
export function tableRows(columns: TableColumn[], rows: TableRow[], o: TableOptions, includeHeader: boolean): string[][] {
  const visible = columns.map((c, i) => ({ c, i })).filter(({ c }) => o.wide || c.priority === 0);
  const out: string[][] = [];
  if (includeHeader && !o.noHeaders) {
    const h: string[] = [];
    if (o.withNamespace) h.push('NAMESPACE');
    for (const { c } of visible) h.push(c.name.toUpperCase());
    for (const l of o.labelColumns) h.push(l.split('/').pop()!.toUpperCase());
    if (o.showLabels) h.push('LABELS');
    out.push(h);
  }
  for (const r of rows) {
    const cells: string[] = [];
    const meta = r.object?.metadata;
    if (o.withNamespace) cells.push(meta?.namespace ?? '');
    for (const { c, i } of visible) {
      let t = cellText(r.cells[i]);
      if (c.format === 'name' && o.kindPrefix) t = `${o.kindPrefix}/${t}`;
      cells.push(t);
    }
    for (const l of o.labelColumns) cells.push(meta?.labels?.[l] ?? '');
    if (o.showLabels) cells.push(formatLabels(meta?.labels ?? {}));
    out.push(cells);
  }
  return out;
}
