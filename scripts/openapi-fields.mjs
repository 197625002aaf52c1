// The field-validation view of the generated schemas (src/generated/k8s-fields.json): only what
// strict decoding and Go's null handling read (src/cluster/apiserver/openapi/decode.ts and
// fieldvalidation.ts), without descriptions and the other documentation keys. About a quarter of
// the size of k8s-schemas.json, so the cluster worker can validate every write from the start and
// load the full documents (for /openapi/v3 and `kubectl explain`) only when asked.

/** Schema keys the validators read; everything else is documentation for the OpenAPI documents. */
export const FIELD_KEYS = ['$ref', 'additionalProperties', 'allOf', 'format', 'items', 'properties', 'required', 'type', 'x-kubernetes-preserve-unknown-fields'];

/** One schema reduced to FIELD_KEYS, recursively (property names are kept, their schemas reduced). */
export function fieldSchema(s) {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
  const out = {};
  for (const k of FIELD_KEYS) {
    const v = s[k];
    if (v === undefined) continue;
    if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v).map(([name, p]) => [name, fieldSchema(p)]));
    else if (k === 'allOf') out[k] = v.map(fieldSchema);
    else if (k === 'items' || k === 'additionalProperties') out[k] = typeof v === 'object' ? fieldSchema(v) : v;
    else out[k] = v;
  }
  return out;
}

/** { source, schemas } with every schema reduced; the keys keep the input's (sorted) order. */
export function fieldSchemas(doc) {
  return { source: doc.source, schemas: Object.fromEntries(Object.entries(doc.schemas).map(([name, s]) => [name, fieldSchema(s)])) };
}
