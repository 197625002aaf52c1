// Where the full schemas come from. Here (Node: the CLI, the tests) a static import, so they are
// there at once. The browser's cluster worker is built with src/worker/schema-source.ts in this
// module's place (vite.config.ts): the same two functions over a separate file fetched on demand,
// which keeps ~1 MB of documentation out of the script that must load before the first prompt.
import generated from '../../../generated/k8s-schemas.json';
import type { SchemaFile } from './schema-types';

/** The full schemas, synchronously (the lazy variant blocks on a synchronous fetch if needed). */
export function loadSchemaFile(): SchemaFile {
  return generated as unknown as SchemaFile;
}

/** Starts loading them in the background (nothing to do here). */
export function prefetchSchemaFile(): Promise<void> {
  return Promise.resolve();
}
