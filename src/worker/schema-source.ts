// The cluster worker's source of the full OpenAPI schemas, built in place of
// src/cluster/apiserver/openapi/schema-source.ts (vite.config.ts). The ~1 MB k8s-schemas.json is a
// separate file, not part of the worker script: the worker starts and answers the first prompt
// without it, prefetches it in the background, and a request that needs it before then
// (`kubectl explain`, GET /openapi/v3) reads it synchronously (lazy-json.ts).
import type { SchemaFile } from '../cluster/apiserver/openapi/schema-types';
import schemasUrl from '../generated/k8s-schemas.json?url';
import { lazyJson } from './lazy-json';

const file = lazyJson<SchemaFile>(schemasUrl, 'OpenAPI schemas', (f) => !!f.schemas && Array.isArray(f.kinds));

export function loadSchemaFile(): SchemaFile {
  return file.load();
}

export function prefetchSchemaFile(): Promise<void> {
  return file.prefetch();
}
