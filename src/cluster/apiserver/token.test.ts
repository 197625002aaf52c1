// serviceaccounts/{name}/token: the TokenRequest kubectl create token sends, answered with a
// well-formed service-account JWT whose claims come from the virtual clock.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { ApiRequest } from '../../api/client';
import { base64Decode } from './registry/core/generic';

const TOKEN = '/api/v1/namespaces/default/serviceaccounts/bot/token';
const request = (spec: Record<string, unknown> = {}) =>
  JSON.stringify({ kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec: { audiences: null, expirationSeconds: null, boundObjectRef: null, ...spec }, status: { token: '', expirationTimestamp: null } });

function setup() {
  const c = createCluster({ seed: 7, controllers: false, start: Date.UTC(2026, 0, 1) });
  const call = (req: ApiRequest) => c.api.handle(req);
  call({ verb: 'POST', path: '/api/v1/namespaces/default/serviceaccounts', body: JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot' } }) });
  return { c, call };
}

function part(text: string): any {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const { bytes } = base64Decode(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return JSON.parse(new TextDecoder().decode(bytes));
}

describe('TokenRequest', () => {
  it('answers a one-hour token for the service account', () => {
    const { c, call } = setup();
    const sa = call({ verb: 'GET', path: '/api/v1/namespaces/default/serviceaccounts/bot' }).body as any;
    const res = call({ verb: 'POST', path: TOKEN, body: request() });
    expect(res.status).toBe(201);
    const tr = res.body as any;
    expect(tr.kind).toBe('TokenRequest');
    expect(tr.spec).toEqual({ audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600, boundObjectRef: null });
    expect(tr.status.expirationTimestamp).toBe('2026-01-01T01:00:00Z');
    const [header, payload, signature] = tr.status.token.split('.');
    expect(tr.status.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(part(header).alg).toBe('RS256');
    const now = Math.floor(c.clock.now() / 1000);
    expect(part(payload)).toEqual({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      exp: now + 3600,
      iat: now,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'bot', uid: sa.metadata.uid } },
      nbf: now,
      sub: 'system:serviceaccount:default:bot',
    });
    expect(signature.length).toBe(342);
  });

  it('takes the audiences and duration asked for', () => {
    const { call } = setup();
    const tr = call({ verb: 'POST', path: TOKEN, body: request({ audiences: ['foo'], expirationSeconds: 7200 }) }).body as any;
    expect(tr.status.expirationTimestamp).toBe('2026-01-01T02:00:00Z');
    expect(part(tr.status.token.split('.')[1]).aud).toEqual(['foo']);
  });

  it('binds to a secret: its uid is filled in and claimed; a missing or recreated one is refused', () => {
    const { call } = setup();
    const secret = call({ verb: 'POST', path: '/api/v1/namespaces/default/secrets', body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }) }).body as any;
    const tr = call({ verb: 'POST', path: TOKEN, body: request({ boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 's' } }) }).body as any;
    expect(tr.spec.boundObjectRef).toEqual({ kind: 'Secret', apiVersion: 'v1', name: 's', uid: secret.metadata.uid });
    expect(part(tr.status.token.split('.')[1])['kubernetes.io'].secret).toEqual({ name: 's', uid: secret.metadata.uid });
    const missing = call({ verb: 'POST', path: TOKEN, body: request({ boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'x' } }) });
    expect([missing.status, (missing.body as any).message]).toEqual([404, 'secrets "x" not found']);
    const stale = call({ verb: 'POST', path: TOKEN, body: request({ boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 's', uid: 'old' } }) });
    expect(stale.status).toBe(409);
  });

  it('errors as kube-apiserver does', () => {
    const { call } = setup();
    const missing = call({ verb: 'POST', path: '/api/v1/namespaces/default/serviceaccounts/nope/token', body: request() });
    expect([missing.status, (missing.body as any).message]).toEqual([404, 'serviceaccounts "nope" not found']);
    const short = call({ verb: 'POST', path: TOKEN, body: request({ expirationSeconds: 60 }) });
    expect([short.status, (short.body as any).message]).toEqual([422, 'TokenRequest.authentication.k8s.io "bot" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes']);
    expect(call({ verb: 'GET', path: TOKEN }).status).toBe(405);
  });
});
