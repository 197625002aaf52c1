// Label selector evaluation for the store's filters and indexes: apimachinery's
// labels.Requirement.Matches semantics, shared with every other user through src/api/labels.
import type { LabelRequirement, LabelSelector } from '../../api/selector-types';
import { matchesLabels, requirementMatches } from '../../api/labels';

export type Labels = Readonly<Record<string, string>> | undefined;

export function matchesRequirement(labels: Labels, r: LabelRequirement): boolean {
  return requirementMatches(r, labels ?? {});
}

/** Every requirement must hold (comma = AND); no requirements matches all; `nothing` matches none. */
export function matchesSelector(labels: Labels, selector: LabelSelector | undefined): boolean {
  return selector === undefined || matchesLabels(selector, labels);
}

/** True when the selector cannot exclude anything, so callers may skip evaluation entirely. */
export function selectsEverything(selector: LabelSelector | undefined): boolean {
  return selector === undefined || (!selector.nothing && selector.requirements.length === 0);
}
