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

export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels || typeof labels !== 'object') return errs;
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const msg of isQualifiedName(k)) errs.push({ type: 'FieldValueInvalid', field: path, badValue: k, detail: msg });
    for (const msg of isValidLabelValue(String(v))) errs.push({ type: 'FieldValueInvalid', field: path, badValue: String(v), detail: msg });
  }
  return errs;
}

export function validateAnnotations(ann: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ann || typeof ann !== 'object') return errs;
  let total = 0;
  for (const [k, v] of Object.entries(ann as Record<string, unknown>)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push({ type: 'FieldValueInvalid', field: path, badValue: k, detail: msg });
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

/** ValidateObjectMetaUpdate: the fields that never change after create. */
export function validateObjectMetaUpdate(obj: KubeObject, old: KubeObject, r: ResourceInfo): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj.metadata;
  const o = old.metadata;
  const immutable = (field: string, a: unknown, b: unknown, shown: unknown) => {
    if (a !== b) errs.push({ type: 'FieldValueInvalid', field, badValue: shown, detail: 'field is immutable' });
  };
  immutable('metadata.name', m.name, o.name, m.name);
  immutable('metadata.namespace', m.namespace ?? '', o.namespace ?? '', m.namespace ?? '');
  immutable('metadata.uid', m.uid, o.uid, m.uid);
  immutable('metadata.creationTimestamp', m.creationTimestamp, o.creationTimestamp, m.creationTimestamp);
  errs.push(...validateLabels(m.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(m.annotations, 'metadata.annotations'));
  void r;
  return errs;
}
