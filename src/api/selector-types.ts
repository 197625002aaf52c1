// Parsed label and field selectors, shared by the store (indexes), the apiserver and kubectl.

export type LabelOperator = 'in' | 'notin' | 'exists' | '!' | '=' | '==' | '!=' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** A parsed label selector: every requirement must match (comma means AND). Empty matches all. */
export interface LabelSelector {
  requirements: LabelRequirement[];
  /** labels.Nothing(): matches no object (a nil selector on a controller). */
  nothing?: boolean;
}

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  value: string;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
}
