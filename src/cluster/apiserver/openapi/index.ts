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
export { SCHEMAS, KINDS, SCHEMA_SOURCE, getSchema, refName, reachableDefinitions } from './schemas';
export type { Schema, GVK, KindEntry } from './schemas';
