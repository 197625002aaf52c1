// The component schemas generated from kubernetes-types by scripts/gen-openapi.mjs
// (src/generated/k8s-schemas.json, written at `npm ci`). Read-only: never mutate what these return.
import generated from '../../../generated/k8s-schemas.json';

export interface GVK {
  group: string;
  version: string;
  kind: string;
}

/** The subset of an OpenAPI v3 schema object that Kubernetes' documents use. */
export interface Schema {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  default?: unknown;
  enum?: unknown[];
  'x-kubernetes-group-version-kind'?: GVK[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [extension: string]: unknown;
}

export interface KindEntry extends GVK {
  definition: string;
}

interface SchemaFile {
  source: string;
  kinds: KindEntry[];
  schemas: Record<string, Schema>;
}

const file = generated as unknown as SchemaFile;

export const REF_PREFIX = '#/components/schemas/';

/** Every generated definition, by its Kubernetes name (`io.k8s.api.core.v1.Pod`). */
export const SCHEMAS: Readonly<Record<string, Schema>> = file.schemas;

/** Every kind with an x-kubernetes-group-version-kind, for the editor's schema list. */
export const KINDS: readonly KindEntry[] = file.kinds;

/** Where the schemas came from, e.g. `kubernetes-types@1.30.0`. */
export const SCHEMA_SOURCE: string = file.source;

export function getSchema(definition: string): Schema | undefined {
  return Object.prototype.hasOwnProperty.call(SCHEMAS, definition) ? SCHEMAS[definition] : undefined;
}

/** The definition a schema points at: `$ref` directly or the real documents' `allOf: [{$ref}]`. */
export function refName(s: Schema): string | undefined {
  const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
  return ref?.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}

/** The definition names reachable from the roots through `$ref`s, sorted. */
export function reachableDefinitions(roots: Iterable<string>): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    const s = getSchema(name);
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
