// Parsed selectors of stored objects, parsed once. Objects from the informer caches are
// deep-frozen and never change, so the selector parsed from a frozen spec.selector (or label
// map) is the same every time: controllers ask for it on every sync and every pod event.
// Unfrozen inputs (working copies, test objects) are parsed each time, as before. The cached
// results are frozen, so a caller that tried to edit a shared one would fail loudly.
import type { LabelSelector } from '../../api/selector-types';
import { labelSelectorAsSelector, selectorFromSet, type Labels, type MetaLabelSelector } from '../../api/labels';

const fromMeta = new WeakMap<object, LabelSelector>();
const fromSet = new WeakMap<object, LabelSelector>();

/** The empty map's selector (everything), for absent label maps. */
const EMPTY_SET: LabelSelector = deepFreeze(selectorFromSet({}));

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * Test hooks: `enabled` false parses every time (the behaviour before the cache); `verify`
 * compares every cached answer with a fresh parse and throws on a difference.
 */
export const selectorCache = { enabled: true, verify: false, mismatches: [] as string[] };

function checked(cached: LabelSelector, fresh: () => LabelSelector): LabelSelector {
  if (selectorCache.verify && JSON.stringify(cached) !== JSON.stringify(fresh())) {
    // Recorded too: a sync's exception is caught and retried by its work queue.
    const msg = `selector cache: ${JSON.stringify(cached)} differs from ${JSON.stringify(fresh())}`;
    selectorCache.mismatches.push(msg);
    throw new Error(msg);
  }
  return cached;
}

/** labelSelectorAsSelector, memoized per frozen selector object (invalid selectors still throw each time). */
export function labelSelectorAsSelectorCached(ls: MetaLabelSelector | null | undefined): LabelSelector {
  if (!ls || !Object.isFrozen(ls) || !selectorCache.enabled) return labelSelectorAsSelector(ls);
  const hit = fromMeta.get(ls);
  if (hit) return checked(hit, () => labelSelectorAsSelector(ls));
  const sel = deepFreeze(labelSelectorAsSelector(ls));
  fromMeta.set(ls, sel);
  return sel;
}

/** selectorFromSet, memoized per frozen label map. */
export function selectorFromSetCached(set: Labels | null | undefined): LabelSelector {
  if (!selectorCache.enabled || (set && !Object.isFrozen(set))) return selectorFromSet(set);
  if (!set) return EMPTY_SET;
  const hit = fromSet.get(set);
  if (hit) return checked(hit, () => selectorFromSet(set));
  const sel = deepFreeze(selectorFromSet(set));
  fromSet.set(set, sel);
  return sel;
}
