// The cluster worker's source of the full OpenAPI schemas, built in place of
// src/cluster/apiserver/openapi/schema-source.ts (vite.config.ts). The ~1 MB k8s-schemas.json is a
// separate file, not part of the worker script: the worker starts and answers the first prompt
// without it, prefetches it in the background, and a request that needs it before then
// (`kubectl explain`, GET /openapi/v3) reads it synchronously (allowed in workers), so the answer
// is the same, only later.
import type { SchemaFile } from '../cluster/apiserver/openapi/schema-types';
import schemasUrl from '../generated/k8s-schemas.json?url';

let file: SchemaFile | undefined;
let pending: Promise<void> | undefined;

function parse(text: string): SchemaFile {
  const f = JSON.parse(text) as SchemaFile;
  if (!f || typeof f !== 'object' || !f.schemas || !Array.isArray(f.kinds)) throw new Error('kubeplay: the OpenAPI schemas file is damaged');
  return f;
}

export function loadSchemaFile(): SchemaFile {
  if (file) return file;
  const xhr = new XMLHttpRequest();
  xhr.open('GET', schemasUrl, false);
  xhr.send();
  if (xhr.status !== 200) throw new Error(`kubeplay: could not load the OpenAPI schemas (${xhr.status} ${xhr.statusText})`);
  return (file = parse(xhr.responseText));
}

export function prefetchSchemaFile(): Promise<void> {
  if (file) return Promise.resolve();
  return (pending ??= fetch(schemasUrl)
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${r.statusText}`))))
    .then((text) => void (file ??= parse(text)))
    .catch(() => {
      pending = undefined; // a later request loads it synchronously, or prefetches again
    }));
}
