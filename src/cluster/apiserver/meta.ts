// ValidateObjectMeta and the metadata bookkeeping every kind shares (uid, timestamps,
// generateName), as apimachinery's api/validation/objectmeta.go and the generic registry do.
import type { KubeObject } from '../../api/types';
import type { FieldError } from '../../api/status';
import type { ResourceInfo } from '../../api/registry';
import {
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSSubdomain,
  nameIsDNSLabel,
  nameIsDNS1035Label,
  validatePathSegmentName,
  type ValidateNameFunc,
} from '../../api/names';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function nameFunc(r: ResourceInfo): ValidateNameFunc {
  switch (r.nameRule) {
    case 'label1035':
      return nameIsDNS1035Label;
    case 'label1123':
      return nameIsDNSLabel;
    case 'path':
      return validatePathSegmentName;
    default:
      return nameIsDNSSubdomain;
  }
}

/**
 * Strings already found valid, per check: validity depends on the string alone, and nearly every
 * write repeats a few label keys and values (`app`, `pod-template-hash`), so each is checked once.
 * Invalid ones are never remembered (their messages are built every time). Bounded: cleared when
 * full, then refilled on demand.
 */
class ValidStrings {
  private readonly seen = new Set<string>();
  constructor(private readonly check: (s: string) => string[]) {}

  /** The check's messages for s ([] when valid). */
  errors(s: string): readonly string[] {
    if (this.seen.has(s)) return NONE;
    const msgs = this.check(s);
    if (msgs.length === 0) {
      if (this.seen.size >= 8192) this.seen.clear();
      this.seen.add(s);
    }
    return msgs;
  }
}

const NONE: readonly string[] = Object.freeze([]);
const labelKeys = new ValidStrings(isQualifiedName);
const labelValues = new ValidStrings(isValidLabelValue);
const annotationKeys = new ValidStrings((k) => isQualifiedName(k.toLowerCase()));

export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels || typeof labels !== 'object') return errs;
  for (const k in labels as Record<string, unknown>) {
    const v = (labels as Record<string, unknown>)[k];
    for (const msg of labelKeys.errors(k)) errs.push({ type: 'FieldValueInvalid', field: path, badValue: k, detail: msg });
    const text = String(v);
    for (const msg of labelValues.errors(text)) errs.push({ type: 'FieldValueInvalid', field: path, badValue: text, detail: msg });
  }
  return errs;
}

export function validateAnnotations(ann: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ann || typeof ann !== 'object') return errs;
  let total = 0;
  for (const k in ann as Record<string, unknown>) {
    const v = (ann as Record<string, unknown>)[k];
    for (const msg of annotationKeys.errors(k)) errs.push({ type: 'FieldValueInvalid', field: path, badValue: k, detail: msg });
    total += k.length + String(v).length;
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push({ type: 'FieldValueTooLong', field: path, detail: `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
  }
  return errs;
}

/** ValidateObjectMeta for create. */
export function validateObjectMeta(obj: KubeObject, r: ResourceInfo): FieldError[] {
  const m = obj.metadata;
  const errs: FieldError[] = [];
  const validName = nameFunc(r);
  if (m.generateName) {
    for (const msg of validName(m.generateName, true)) errs.push({ type: 'FieldValueInvalid', field: 'metadata.generateName', badValue: m.generateName, detail: msg });
  }
  if (!m.name) {
    errs.push({ type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' });
  } else {
    for (const msg of validName(m.name, false)) errs.push({ type: 'FieldValueInvalid', field: 'metadata.name', badValue: m.name, detail: msg });
  }
  if (r.scope === 'Namespaced') {
    if (!m.namespace) errs.push({ type: 'FieldValueRequired', field: 'metadata.namespace' });
  } else if (m.namespace) {
    errs.push({ type: 'FieldValueForbidden', field: 'metadata.namespace', detail: 'not allowed on this type' });
  }
  errs.push(...validateLabels(m.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(m.annotations, 'metadata.annotations'));
  if (m.ownerReferences) {
    m.ownerReferences.forEach((o, i) => {
      if (!o.apiVersion) errs.push({ type: 'FieldValueInvalid', field: `metadata.ownerReferences[${i}].apiVersion`, badValue: o.apiVersion ?? '', detail: 'version must not be empty' });
      if (!o.kind) errs.push({ type: 'FieldValueInvalid', field: `metadata.ownerReferences[${i}].kind`, badValue: o.kind ?? '', detail: 'kind must not be empty' });
      if (!o.name) errs.push({ type: 'FieldValueInvalid', field: `metadata.ownerReferences[${i}].name`, badValue: o.name ?? '', detail: 'name must not be empty' });
      if (!o.uid) errs.push({ type: 'FieldValueInvalid', field: `metadata.ownerReferences[${i}].uid`, badValue: o.uid ?? '', detail: 'uid must not be empty' });
    });
    if (m.ownerReferences.filter((o) => o.controller).length > 1) {
      errs.push({
        type: 'FieldValueInvalid',
        field: 'metadata.ownerReferences',
        badValueText: 'ownerReferences',
        detail: 'Only one reference can have Controller set to true',
      });
    }
  }
  return errs;
}

function immutable(field: string, shown: unknown): FieldError {
  return { type: 'FieldValueInvalid', field, badValue: shown, detail: 'field is immutable' };
}

/** ValidateObjectMetaUpdate: the fields that never change after create. */
export function validateObjectMetaUpdate(obj: KubeObject, old: KubeObject, r: ResourceInfo): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj.metadata;
  const o = old.metadata;
  if (m.name !== o.name) errs.push(immutable('metadata.name', m.name));
  if ((m.namespace ?? '') !== (o.namespace ?? '')) errs.push(immutable('metadata.namespace', m.namespace ?? ''));
  if (m.uid !== o.uid) errs.push(immutable('metadata.uid', m.uid));
  if (m.creationTimestamp !== o.creationTimestamp) errs.push(immutable('metadata.creationTimestamp', m.creationTimestamp));
  // The same (frozen) maps as the stored version were validated when it was written: most
  // updates (status writes, binds) carry them over untouched.
  if (m.labels !== o.labels) errs.push(...validateLabels(m.labels, 'metadata.labels'));
  if (m.annotations !== o.annotations) errs.push(...validateAnnotations(m.annotations, 'metadata.annotations'));
  void r;
  return errs;
}
