// The schemas the validators read on every write (strict decoding, Go's null handling): the
// field-validation view src/generated/k8s-fields.json that scripts/gen-openapi.mjs derives from
// k8s-schemas.json (scripts/openapi-fields.mjs keeps only the keys decode.ts and
// fieldvalidation.ts look at), read on first use through fields-source.ts (the browser's worker
// loads the file after its first prompt); the full documents (descriptions, defaults,
// extensions) live in full-schemas.ts. Read-only: never mutate what these return.
import { loadFieldSchemas } from './fields-source';
import type { Schema } from './schema-types';

export { REF_PREFIX, refName } from './schema-types';
export type { Schema, GVK, KindEntry, SchemaFile } from './schema-types';

let fieldSchemas: Record<string, Schema> | undefined;
const FIELD_SCHEMAS = (): Record<string, Schema> => (fieldSchemas ??= loadFieldSchemas().schemas);

/** A definition's field-validation schema: type, format, $ref/allOf, properties, items, ... */
export function getSchema(definition: string): Schema | undefined {
  const schemas = FIELD_SCHEMAS();
  return Object.prototype.hasOwnProperty.call(schemas, definition) ? schemas[definition] : undefined;
}

/** Whether the schemas define this name (the same set of names as the full documents'). */
export function definitionExists(definition: string): boolean {
  return Object.prototype.hasOwnProperty.call(FIELD_SCHEMAS(), definition);
}
