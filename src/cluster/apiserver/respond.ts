// Building responses: JSON objects, Status errors, and Tables when the client asks for them.
import type { ApiResponse } from '../../api/client';
import { StatusError, type Status } from '../../api/status';

export const JSON_TYPE = 'application/json';
export const TABLE_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export function ok(body: unknown, status = 200, contentType = JSON_TYPE, warnings?: string[]): ApiResponse {
  const r: ApiResponse = { status, body, contentType };
  if (warnings && warnings.length) r.warnings = warnings;
  return r;
}

export function statusResponse(s: Status): ApiResponse {
  return { status: s.code, body: s, contentType: JSON_TYPE };
}

export function errorResponse(e: unknown): ApiResponse {
  if (e instanceof StatusError) return statusResponse(e.status);
  const message = e instanceof Error ? e.message : String(e);
  return statusResponse({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  });
}

/** Whether the Accept header asks for a meta.k8s.io Table (kubectl get's human output). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((p) => {
    const s = p.replace(/\s+/g, '');
    return s.includes('as=Table') && s.includes('g=meta.k8s.io') && (s.includes('v=v1;') || s.endsWith('v=v1') || s.includes('v=v1beta1'));
  });
}
