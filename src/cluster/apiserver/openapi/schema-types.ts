// The shape of the generated schemas (scripts/gen-openapi.mjs) and the helpers both views share.

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

/** src/generated/k8s-schemas.json. */
export interface SchemaFile {
  source: string;
  kinds: KindEntry[];
  schemas: Record<string, Schema>;
}

export const REF_PREFIX = '#/components/schemas/';

/** The definition a schema points at: `$ref` directly or the real documents' `allOf: [{$ref}]`. */
export function refName(s: Schema): string | undefined {
  const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
  return ref?.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}
