// Types for openapi-fields.mjs (used by the generator's test).
export const FIELD_KEYS: string[];
export function fieldSchema<T>(s: T): T;
export function fieldSchemas<T extends { source: string; schemas: Record<string, unknown> }>(doc: T): { source: string; schemas: T['schemas'] };
