// Label selector evaluation with k8s.io/apimachinery labels.Requirement.Matches semantics. The
// store keeps its own copy so it does not depend on the parser module (src/api/labels.ts).
import type { LabelRequirement, LabelSelector } from '../../api/selector-types';

export type Labels = Readonly<Record<string, string>> | undefined;

const INT = /^[+-]?\d+$/;

/** Go's strconv.ParseInt(s, 10, 64): undefined when not a valid int64. */
function parseInt64(s: string): bigint | undefined {
  if (!INT.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return n;
}

export function matchesRequirement(labels: Labels, r: LabelRequirement): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(value!);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const lv = parseInt64(value!);
      const rv = parseInt64(r.values[0]!);
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

/** Every requirement must hold (comma = AND); no requirements matches all; `nothing` matches none. */
export function matchesSelector(labels: Labels, selector: LabelSelector | undefined): boolean {
  if (selector === undefined) return true;
  if (selector.nothing) return false;
  for (const r of selector.requirements) if (!matchesRequirement(labels, r)) return false;
  return true;
}

/** True when the selector cannot exclude anything, so callers may skip evaluation entirely. */
export function selectsEverything(selector: LabelSelector | undefined): boolean {
  return selector === undefined || (!selector.nothing && selector.requirements.length === 0);
}
