// OpenAPI v3 serving and strict field validation for the apiserver.
export { openapiRoot, openapiGroupVersion, openapiDocumentJSON, openapiHash, openapiDocumentPaths, normalizeOpenAPIPath, KUBERNETES_VERSION } from './document';
export type { OpenAPIDocument, OpenAPIRoot } from './document';
export {
  checkFields,
  checkJsonFields,
  duplicateFields,
  strictDecodingError,
  strictDecodingMessage,
  unknownFieldMessage,
  duplicateFieldMessage,
  cannotBeHandledMessage,
  goTypeOf,
} from './decode';
export type { FieldCheck } from './decode';
export { getSchema, definitionExists, refName } from './schemas';
export { fullSchemas, schemaKinds, schemaSource, getFullSchema, reachableDefinitions, prefetchFullSchemas } from './full-schemas';
export type { Schema, GVK, KindEntry, SchemaFile } from './schema-types';
