// Where the field-validation schemas (schemas.ts) come from. Here (Node: the CLI, the tests) a
// static import, so they are there at once. The browser's cluster worker is built with
// src/worker/fields-source.ts in this module's place (vite.config.ts): the same functions over a
// separate file, which keeps ~220 KB out of the script that must load before the first prompt.
import fields from '../../../generated/k8s-fields.json';
import type { Schema } from './schema-types';

export interface FieldSchemaFile {
  schemas: Record<string, Schema>;
}

export function loadFieldSchemas(): FieldSchemaFile {
  return fields as unknown as FieldSchemaFile;
}

/** Starts loading them in the background (nothing to do here). */
export function prefetchFieldSchemas(): Promise<void> {
  return Promise.resolve();
}
