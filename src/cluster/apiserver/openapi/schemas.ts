// The schemas the validators read on every write (strict decoding, Go's null handling): the
// field-validation view src/generated/k8s-fields.json that scripts/gen-openapi.mjs derives from
// k8s-schemas.json (scripts/openapi-fields.mjs keeps only the keys decode.ts and
// fieldvalidation.ts look at). Small, so it is part of the cluster from the start; the full
// documents (descriptions, defaults, extensions) live in full-schemas.ts and load on demand.
// Read-only: never mutate what these return.
import fields from '../../../generated/k8s-fields.json';
import type { Schema } from './schema-types';

export { REF_PREFIX, refName } from './schema-types';
export type { Schema, GVK, KindEntry, SchemaFile } from './schema-types';

const FIELD_SCHEMAS = (fields as unknown as { schemas: Record<string, Schema> }).schemas;

/** A definition's field-validation schema: type, format, $ref/allOf, properties, items, ... */
export function getSchema(definition: string): Schema | undefined {
  return Object.prototype.hasOwnProperty.call(FIELD_SCHEMAS, definition) ? FIELD_SCHEMAS[definition] : undefined;
}

/** Whether the schemas define this name (the same set of names as the full documents'). */
export function definitionExists(definition: string): boolean {
  return Object.prototype.hasOwnProperty.call(FIELD_SCHEMAS, definition);
}
