// serviceaccounts/{name}/token: the TokenRequest subresource (kubectl create token). The answer
// carries a JWT shaped like kube-apiserver's service-account tokens (header.payload.signature,
// base64url, the same claims) but signed by no real key: nothing here verifies tokens.
import type { ApiRequest, ApiResponse } from '../../api/client';
import { badRequest, conflict, invalid, type FieldError } from '../../api/status';
import { lookupResource, type ResourceInfo } from '../../api/registry';
import { formatRfc3339 } from '../machinery/clock';
import { sha256 } from '../network/sha256';
import { base64Encode, base64EncodeString } from './registry/core/generic';
import { decodeBody, isObject } from './body';
import { getObject } from './read';
import { ok } from './respond';
import type { ServerContext } from './context';

/** kube-apiserver's default --service-account-issuer, which --api-audiences defaults to. */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** SetDefaults_TokenRequestSpec: one hour. */
const DEFAULT_EXPIRATION_SECONDS = 3600;

/** RFC 4648 base64url without padding, as JWTs are written. */
const toUrl = (b64: string): string => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const base64url = (bytes: Uint8Array): string => toUrl(base64Encode(bytes));
const encodePart = (v: unknown): string => toUrl(base64EncodeString(JSON.stringify(v)));
/** The key id our (pretend) signing key has, stable across runs. */
const KEY_ID = base64url(sha256('kubeplay service account signing key')).slice(0, 43);

/** ValidateTokenRequest: between ten minutes and 2^32 seconds. */
function validateSpec(seconds: number): FieldError[] {
  if (seconds < 600) return [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', badValue: seconds, detail: 'may not specify a duration less than 10 minutes' }];
  if (seconds > 2 ** 32) return [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', badValue: seconds, detail: 'may not specify a duration larger than 2^32 seconds' }];
  return [];
}

export interface TokenClaims {
  namespace: string;
  serviceAccount: string;
  uid: string;
  audiences: string[];
  issuedAt: number;
  expiresAt: number;
  jti: string;
  /** The object the token is bound to (kubectl create token --bound-object-kind). */
  bound?: { kind: string; name: string; uid: string };
}

/** The kinds a token may be bound to, and where they are stored. */
const BOUND_RESOURCES: Record<string, string> = { Pod: 'pods', Secret: 'secrets', Node: 'nodes' };

/** Looks the bound object up and checks its uid, as the token REST storage does. */
function boundObject(ctx: ServerContext, ref: Record<string, unknown>, namespace: string): { kind: string; name: string; uid: string } {
  const kind = String(ref.kind ?? '');
  const name = String(ref.name ?? '');
  const resource = BOUND_RESOURCES[kind];
  if (!resource) throw badRequest(`cannot bind token for serviceaccount "${namespace}" to object of kind "${kind}"`);
  const info = lookupResource('', 'v1', resource)!;
  const obj = getObject(ctx, info, info.scope === 'Namespaced' ? namespace : '', name);
  const uid = obj.metadata.uid ?? '';
  if (ref.uid && ref.uid !== uid) {
    throw conflict({ group: '', resource: kind }, name, `the UID in the bound object reference (${String(ref.uid)}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  return { kind, name, uid };
}

/** A service-account JWT: claims in the order jose serialises them (sorted), RS256 header. */
export function serviceAccountToken(c: TokenClaims): string {
  const header = encodePart({ alg: 'RS256', kid: KEY_ID });
  const payload = encodePart({
    aud: c.audiences,
    exp: c.expiresAt,
    iat: c.issuedAt,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: c.jti,
    'kubernetes.io': {
      namespace: c.namespace,
      ...(c.bound ? { [c.bound.kind.toLowerCase()]: { name: c.bound.name, uid: c.bound.uid } } : {}),
      serviceaccount: { name: c.serviceAccount, uid: c.uid },
    },
    nbf: c.issuedAt,
    sub: `system:serviceaccount:${c.namespace}:${c.serviceAccount}`,
  });
  // An RSA-2048 signature is 256 bytes: eight digests of what is signed stand in for it.
  const digest = sha256(`${header}.${payload}`);
  const signature = new Uint8Array(256);
  for (let i = 0; i < 8; i++) signature.set(digest, i * 32);
  return `${header}.${payload}.${base64url(signature)}`;
}

export function handleTokenRequest(ctx: ServerContext, r: ResourceInfo, req: ApiRequest, namespace: string, name: string): ApiResponse {
  const sa = getObject(ctx, r, namespace, name);
  const { value } = decodeBody(req.body, req.contentType);
  if (!isObject(value)) throw badRequest('TokenRequest in version "v1" cannot be handled as a TokenRequest: the body is not an object');
  const spec: Record<string, unknown> = isObject(value.spec) ? { ...value.spec } : {};
  const audiences = Array.isArray(spec.audiences) && spec.audiences.length ? (spec.audiences as string[]) : [SERVICE_ACCOUNT_ISSUER];
  const seconds = typeof spec.expirationSeconds === 'number' ? spec.expirationSeconds : DEFAULT_EXPIRATION_SECONDS;
  const errs = validateSpec(seconds);
  if (errs.length) throw invalid('authentication.k8s.io', 'TokenRequest', name, errs);
  const ref = isObject(spec.boundObjectRef) ? spec.boundObjectRef : undefined;
  const bound = ref ? boundObject(ctx, ref, namespace) : undefined;
  if (ref && bound) spec.boundObjectRef = { ...ref, uid: bound.uid };
  const issuedAt = Math.floor(ctx.clock.now() / 1000);
  const expiresAt = issuedAt + seconds;
  const token = serviceAccountToken({ namespace, serviceAccount: name, uid: sa.metadata.uid ?? '', audiences, issuedAt, expiresAt, jti: ctx.rand.uuid(), bound });
  const metadata = isObject(value.metadata) ? { ...value.metadata } : { creationTimestamp: null };
  return ok(
    {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata,
      spec: { ...spec, audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
      status: { token, expirationTimestamp: formatRfc3339(expiresAt * 1000) },
    },
    201,
  );
}
