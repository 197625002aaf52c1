// The cluster worker's source of the field-validation schemas, built in place of
// src/cluster/apiserver/openapi/fields-source.ts (vite.config.ts). Only a client's write reads
// them (strict decoding; the cluster's own requests skip it), so the ~220 KB k8s-fields.json is a
// separate file, prefetched once the first prompt is out, read synchronously if needed before
// (lazy-json.ts).
import type { FieldSchemaFile } from '../cluster/apiserver/openapi/fields-source';
import fieldsUrl from '../generated/k8s-fields.json?url';
import { lazyJson } from './lazy-json';

const file = lazyJson<FieldSchemaFile>(fieldsUrl, 'field-validation schemas', (f) => !!f.schemas && typeof f.schemas === 'object');

export function loadFieldSchemas(): FieldSchemaFile {
  return file.load();
}

export function prefetchFieldSchemas(): Promise<void> {
  return file.prefetch();
}
