// metav1.Status and the constructors of apimachinery's pkg/api/errors, with the same reasons,
// codes and message shapes, so kubectl prints what it prints against a real apiserver.

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A failure the apiserver answers with; thrown inside the server and turned into a response. */
export class StatusError extends Error {
  constructor(public readonly status: Status) {
    super(status.message ?? status.reason ?? 'error');
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string | undefined {
    return this.status.reason;
  }
}

export interface GroupResource {
  group: string;
  resource: string;
}

/** `deployments.apps` or `pods`, as apimachinery's GroupResource.String(). */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** `Deployment.apps` or `Pod`, as schema.GroupKind.String(). */
export function qualifiedKind(group: string, kind: string): string {
  return group ? `${kind}.${group}` : kind;
}

function failure(code: number, reason: string, message: string, details?: StatusDetails): StatusError {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return new StatusError(s);
}

function detailsOf(gr: GroupResource, name: string): StatusDetails {
  const d: StatusDetails = { name };
  if (gr.group) d.group = gr.group;
  d.kind = gr.resource;
  return d;
}

export function notFound(gr: GroupResource, name: string): StatusError {
  return failure(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, detailsOf(gr, name));
}

export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, detailsOf(gr, name));
}

export function conflict(gr: GroupResource, name: string, err: string): StatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${err}`, detailsOf(gr, name));
}

export const OptimisticLockErrorMsg = 'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

export function methodNotSupported(gr: GroupResource, action: string): StatusError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualifiedResource(gr)}"`, {
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

export function gone(message: string): StatusError {
  return failure(410, 'Expired', message);
}

export function resourceExpired(message: string): StatusError {
  return failure(410, 'Expired', message);
}

export function unsupportedMediaType(supported: string[]): StatusError {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`);
}

export function notAcceptable(message: string): StatusError {
  return failure(406, 'NotAcceptable', message);
}

export function forbidden(gr: GroupResource, name: string, message: string): StatusError {
  return failure(403, 'Forbidden', `${qualifiedResource(gr)} "${name}" is forbidden: ${message}`, detailsOf(gr, name));
}

export function internalError(message: string): StatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function tooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
}

export function pathNotFound(): StatusError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function serviceUnavailable(message: string): StatusError {
  return failure(503, 'ServiceUnavailable', message);
}

/** One field error as in apimachinery's validation/field package. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The bad value; `undefined` where the error carries none (Required, Forbidden). */
  badValue?: unknown;
  detail?: string;
  /** Go `%#v` rendering of badValue where it is a struct or map; else computed from badValue. */
  badValueText?: string;
}

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

/** field.Error.ErrorBody(): the text after `field: `. */
export function fieldErrorBody(e: FieldError): string {
  switch (e.type) {
    case 'FieldValueRequired':
      return e.detail ? `Required value: ${e.detail}` : 'Required value';
    case 'FieldValueForbidden':
      return e.detail ? `Forbidden: ${e.detail}` : 'Forbidden';
    case 'FieldValueTooLong':
      return e.detail ? `Too long: ${e.detail}` : 'Too long';
    case 'FieldValueTooMany':
      return e.detail ? `Too many: ${e.detail}` : 'Too many';
    case 'InternalError':
      return `Internal error: ${e.detail ?? ''}`;
    default: {
      const label =
        e.type === 'FieldValueNotFound'
          ? 'Not found'
          : e.type === 'FieldValueDuplicate'
            ? 'Duplicate value'
            : e.type === 'FieldValueNotSupported'
              ? 'Unsupported value'
              : e.type === 'FieldValueTypeInvalid'
                ? 'Invalid value'
                : 'Invalid value';
      let s = label;
      if (e.badValue !== undefined || e.badValueText !== undefined) s += `: ${e.badValueText ?? goValue(e.badValue)}`;
      if (e.detail) s += `: ${e.detail}`;
      return s;
    }
  }
}

/** How field.Error renders a plain bad value: strings quoted (%q), numbers and bools plain. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '"null"';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goValue(x)).join(', ')}}`;
  return goStringMap(v as Record<string, unknown>);
}

/** Go's %q for a string. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, (m, h) => {
    const c = parseInt(h, 16);
    return c < 0x20 || c === 0x7f ? `\\x${h.slice(2)}` : String.fromCharCode(c);
  });
}

/** Go's %#v of a map[string]string (keys sorted, as fmt prints maps). */
export function goStringMap(m: Record<string, unknown> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** apierrors.NewInvalid: message `Kind.group "name" is invalid: <errs>` with causes in details. */
export function invalid(group: string, kind: string, name: string, errs: FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
  const texts = errs.map((e) => `${e.field}: ${fieldErrorBody(e)}`);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const details: StatusDetails = { name };
  if (group) details.group = group;
  details.kind = kind;
  details.causes = causes;
  return failure(422, 'Invalid', `${qualifiedKind(group, kind)} "${name}" is invalid: ${agg}`, details);
}

export function successStatus(details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}

export function isStatus(v: unknown): v is Status {
  return !!v && typeof v === 'object' && (v as { kind?: unknown }).kind === 'Status';
}

