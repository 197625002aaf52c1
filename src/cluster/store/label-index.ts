// Inverted index label key → value → object names, one per namespace bucket, so that an
// equality or set-based `in` selector only visits the objects that can possibly match.
import type { LabelSelector } from '../../api/selector-types';
import type { Labels } from './match';

const EMPTY: ReadonlySet<string> = new Set();

export class LabelIndex {
  private readonly byKey = new Map<string, Map<string, Set<string>>>();

  add(name: string, labels: Labels): void {
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      let values = this.byKey.get(k);
      if (!values) this.byKey.set(k, (values = new Map()));
      const v = labels[k]!;
      let names = values.get(v);
      if (!names) values.set(v, (names = new Set()));
      names.add(name);
    }
  }

  remove(name: string, labels: Labels): void {
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      const values = this.byKey.get(k);
      const names = values?.get(labels[k]!);
      if (!names) continue;
      names.delete(name);
      // Prune empty sets so churn in label values (pod-template-hash) does not leak memory.
      if (names.size === 0) {
        values!.delete(labels[k]!);
        if (values!.size === 0) this.byKey.delete(k);
      }
    }
  }

  /** Re-index only when the label set actually changed (the common update leaves labels alone). */
  replace(name: string, before: Labels, after: Labels): void {
    if (sameLabels(before, after)) return;
    this.remove(name, before);
    this.add(name, after);
  }

  /**
   * Names that may match `selector`, from the most selective `=`/`==`/`in` requirement; undefined
   * when no requirement can use the index (the caller then scans). A superset: callers still
   * evaluate the whole selector on each candidate.
   */
  candidates(selector: LabelSelector): Iterable<string> | undefined {
    let best: Set<string>[] | undefined;
    let bestSize = Infinity;
    for (const r of selector.requirements) {
      if (r.operator !== '=' && r.operator !== '==' && r.operator !== 'in') continue;
      const values = this.byKey.get(r.key);
      const sets: Set<string>[] = [];
      let size = 0;
      if (values) {
        for (const v of new Set(r.values)) {
          const names = values.get(v);
          if (names) {
            sets.push(names);
            size += names.size;
          }
        }
      }
      if (size < bestSize) {
        best = sets;
        bestSize = size;
        if (size === 0) break;
      }
    }
    if (best === undefined) return undefined;
    if (best.length === 0) return EMPTY;
    if (best.length === 1) return best[0]!;
    // Distinct values of one key select disjoint name sets, so concatenation has no duplicates.
    return best.flatMap((s) => [...s]);
  }
}

function sameLabels(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  const ak = a ? Object.keys(a) : [];
  const bk = b ? Object.keys(b) : [];
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (b![k] !== a![k]) return false;
  return true;
}
