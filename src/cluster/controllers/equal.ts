// Allocation-free equality of flat records (label maps, owner references), for informer handlers
// that run on every pod write. Stored versions usually share unchanged parts, so identity
// answers most calls; the walk below covers copies.

/** Same keys with the same (===) values, in any order; absent and undefined-valued keys differ. */
export function sameFlat(a: object | null | undefined, b: object | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    if (!Object.prototype.hasOwnProperty.call(rb, k) || ra[k] !== rb[k]) return false;
    n++;
  }
  for (const _ in rb) n--;
  return n === 0;
}

/** Label maps: nil and empty are the same map. */
export function sameLabelMap(a: Record<string, string> | null | undefined, b: Record<string, string> | null | undefined): boolean {
  if (a === b) return true;
  return sameFlat(a ?? EMPTY, b ?? EMPTY);
}

const EMPTY: Record<string, string> = Object.freeze({}) as Record<string, string>;
