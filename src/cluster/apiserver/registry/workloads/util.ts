// Small shared helpers of the workload registries: field errors as apimachinery's field package
// builds them, Go %#v renderings of the few struct values kube-apiserver prints, JSON helpers.
import type { FieldError } from '../../../../api/status';
import { goQuote, goStringMap } from '../../../../api/status';
import { jsonRoundTrip } from '../../../store/clone';

export type Obj = Record<string, unknown>;

export const required = (field: string, detail?: string): FieldError => ({ type: 'FieldValueRequired', field, ...(detail ? { detail } : {}) });
export const forbiddenErr = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });
export const invalidErr = (field: string, badValue: unknown, detail?: string, badValueText?: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  badValue: badValue === undefined ? null : badValue,
  ...(detail ? { detail } : {}),
  ...(badValueText !== undefined ? { badValueText } : {}),
});
export const duplicate = (field: string, badValue: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, badValue });
export const notFoundErr = (field: string, badValue: unknown): FieldError => ({ type: 'FieldValueNotFound', field, badValue });
/** field.NotSupported: `supported values: "a", "b"`. */
export const notSupported = (field: string, badValue: unknown, supported: string[], badValueText?: string): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  badValue: badValue === undefined ? '' : badValue,
  ...(supported.length ? { detail: 'supported values: ' + supported.map((s) => goQuote(s)).join(', ') } : {}),
  ...(badValueText !== undefined ? { badValueText } : {}),
});

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';

/** ValidateNonnegativeField. */
export function nonNegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalidErr(field, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

export function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function asObj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

export function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? (v as Obj[]) : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function clone<T>(v: T): T {
  return jsonRoundTrip(v); // JSON.parse(JSON.stringify(v)), without the text
}

function isEmptyish(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/**
 * apiequality.Semantic.DeepEqual on decoded JSON: null and absent are the same Go zero value,
 * and empty and nil slices/maps compare equal (the forked reflect package does this).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmptyish(a) && isEmptyish(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  if ((a === undefined || a === null) && isObj(b) && Object.keys(b).length === 0) return false;
  return false;
}

/** Go's %#v of a []string. */
export function goStringSlice(v: unknown): string {
  if (!Array.isArray(v)) return '[]string(nil)';
  return `[]string{${v.map((x) => goQuote(String(x))).join(', ')}}`;
}

/** %#v of a *metav1.LabelSelector after field.Error dereferences it. */
export function goLabelSelector(sel: unknown): string {
  if (sel === undefined || sel === null) return 'null';
  const s = asObj(sel);
  const ml = isObj(s.matchLabels) ? goStringMap(s.matchLabels) : 'map[string]string(nil)';
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${arr(s.matchExpressions)
        .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(str(e.key))}, Operator:${goQuote(str(e.operator))}, Values:${goStringSlice(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${exprs}}`;
}

/** %#v of an intstr.IntOrString value (no String() on the value receiver, so the struct). */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  const n = typeof v === 'number' ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/** Template labels as ValidatePodTemplateSpecForReplicaSet reports them. */
export function labelsValue(labels: unknown): { badValue: unknown; badValueText: string } {
  return { badValue: labels ?? null, badValueText: goStringMap(isObj(labels) ? (labels as Record<string, unknown>) : null) };
}

export function labelsOf(v: unknown): Record<string, string> {
  const o = asObj(v);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) out[k] = str(x);
  return out;
}
