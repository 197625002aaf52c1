// Patch failures, classified the way kube-apiserver's patch handler answers them
// (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go):
// - BadRequest (400): undecodable patch bodies and the mergepatch "format" errors;
// - Invalid (422): a JSON patch operation that does not apply, lists of lists, retainKeys content.
//   The apiserver uses NewGenericServerResponse(422, ...), whose message is the fixed text below and
//   drops the library's text, so kubectl prints
//   `The request is invalid: the server rejected our request due to an error in our request`;
// - InternalError (500, empty reason): every other strategic-merge error is returned as a plain Go
//   error, which the apiserver turns into a 500 Status carrying the error text;
// - Conflict: client-side only (three-way patch with overwrite=false).
import type { Status } from '../status';

export type PatchErrorKind = 'BadRequest' | 'Invalid' | 'Conflict' | 'InternalError';

export const GENERIC_INVALID_MESSAGE = 'the server rejected our request due to an error in our request';

export class PatchError extends Error {
  /** `message` is what the apiserver puts in Status.message; `detail` keeps the library's own text. */
  constructor(
    readonly kind: PatchErrorKind,
    message: string,
    readonly detail: string = message,
  ) {
    super(message);
    this.name = 'PatchError';
  }
}

export const badRequest = (msg: string): PatchError => new PatchError('BadRequest', msg);
export const internal = (msg: string): PatchError => new PatchError('InternalError', msg);
/** NewGenericServerResponse(422): generic message, the real reason kept in `detail`. */
export const genericInvalid = (detail: string): PatchError => new PatchError('Invalid', GENERIC_INVALID_MESSAGE, detail);

// mergepatch's sentinel errors (apimachinery pkg/util/mergepatch/errors.go).
export const ERR_BAD_JSON_DOC = 'invalid JSON document';
export const ERR_NO_LIST_OF_LISTS = 'lists of lists are not supported';
export const ERR_BAD_PATCH_FORMAT_PRIMITIVE_LIST = 'invalid patch format of primitive list';
export const ERR_BAD_PATCH_FORMAT_RETAIN_KEYS = 'invalid patch format of retainKeys';
export const ERR_BAD_PATCH_FORMAT_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';
export const ERR_PATCH_CONTENT_NOT_MATCH_RETAIN_KEYS = "patch content doesn't match retainKeys list";
export const ERR_UNSUPPORTED_SMP = 'strategic merge patch format is not supported';

/** interpretStrategicMergePatchError: the status class of a sentinel error text. */
export function smpError(text: string): PatchError {
  switch (text) {
    case ERR_BAD_JSON_DOC:
    case ERR_BAD_PATCH_FORMAT_PRIMITIVE_LIST:
    case ERR_BAD_PATCH_FORMAT_RETAIN_KEYS:
    case ERR_BAD_PATCH_FORMAT_SET_ELEMENT_ORDER:
    case ERR_UNSUPPORTED_SMP:
      return badRequest(text);
    case ERR_NO_LIST_OF_LISTS:
    case ERR_PATCH_CONTENT_NOT_MATCH_RETAIN_KEYS:
      return genericInvalid(text);
    default:
      return internal(text);
  }
}

/** The Status object the apiserver answers a PatchError with. */
export function patchErrorToStatus(e: PatchError): Status {
  const base = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' } as const;
  switch (e.kind) {
    case 'BadRequest':
      return { ...base, message: e.message, reason: 'BadRequest', code: 400 };
    case 'Invalid':
      return { ...base, message: e.message, reason: 'Invalid', details: {}, code: 422 };
    case 'Conflict':
      return { ...base, message: e.message, reason: 'Conflict', code: 409 };
    default:
      return { ...base, message: e.message, code: 500 };
  }
}
