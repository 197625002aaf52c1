// The full component schemas (descriptions, defaults, extensions) from k8s-schemas.json, for the
// OpenAPI v3 documents (and so `kubectl explain`). Loaded on first use through schema-source.ts;
// validation never needs them (schemas.ts). Read-only: never mutate what these return.
import { loadSchemaFile, prefetchSchemaFile } from './schema-source';
import { REF_PREFIX, type KindEntry, type Schema, type SchemaFile } from './schema-types';

let file: SchemaFile | undefined;
const all = (): SchemaFile => (file ??= loadSchemaFile());

/** Every generated definition, by its Kubernetes name (`io.k8s.api.core.v1.Pod`). */
export function fullSchemas(): Readonly<Record<string, Schema>> {
  return all().schemas;
}

/** Every kind with an x-kubernetes-group-version-kind, for the editor's schema list. */
export function schemaKinds(): readonly KindEntry[] {
  return all().kinds;
}

/** Where the schemas came from, e.g. `kubernetes-types@1.30.0`. */
export function schemaSource(): string {
  return all().source;
}

export function getFullSchema(definition: string): Schema | undefined {
  const schemas = all().schemas;
  return Object.prototype.hasOwnProperty.call(schemas, definition) ? schemas[definition] : undefined;
}

/** Lets a host load the full schemas ahead of the first request that needs them. */
export function prefetchFullSchemas(): Promise<void> {
  return prefetchSchemaFile();
}

/** The definition names reachable from the roots through `$ref`s, sorted. */
export function reachableDefinitions(roots: Iterable<string>): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    const s = getFullSchema(name);
    if (!s) continue;
    seen.add(name);
    collectRefs(s, stack);
  }
  return [...seen].sort();
}

function collectRefs(v: unknown, out: string[]): void {
  if (Array.isArray(v)) {
    for (const x of v) collectRefs(x, out);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string' && x.startsWith(REF_PREFIX)) out.push(x.slice(REF_PREFIX.length));
      else if (k !== 'description') collectRefs(x, out);
    }
  }
}
