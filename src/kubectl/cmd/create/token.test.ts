// kubectl create token: the TokenRequest it sends, the token it prints (no newline), and its
// flag checks, as kubectl v1.32 (compared with the real kubectl on the same server).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { makeKit } from '../logs/testkit';

async function setup() {
  const k = makeKit(() => {
    const cluster = createCluster({ start: Date.UTC(2026, 0, 1), controllers: false });
    return { cluster, client: inProcessClient(cluster.api, { afterRequest: () => cluster.settle() }) };
  });
  const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot' } };
  const res = await k.client.request({ verb: 'POST', path: '/api/v1/namespaces/default/serviceaccounts', body: sa, contentType: 'application/json' });
  expect(res.status).toBe(201);
  return k;
}

describe('kubectl create token', () => {
  it('prints the service account token', async () => {
    const k = await setup();
    const r = await k.run('create', 'token', 'bot');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const y = await k.run('create', 'token', 'bot', '--duration=2h', '--audience=foo', '-o', 'jsonpath={.spec.audiences} {.spec.expirationSeconds} {.status.expirationTimestamp}');
    expect(y.stdout).toBe('["foo"] 7200 2026-01-01T02:00:00Z');
    expect((await k.run('create', 'token', 'bot', '-o', 'name')).stdout).toBe('tokenrequest.authentication.k8s.io/<unknown>\n');
  });

  it('error texts', async () => {
    const k = await setup();
    const err = async (...args: string[]) => (await k.run('create', 'token', ...args)).stderr;
    expect(await err()).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create token -h' for help and examples\n");
    expect(await err('nope')).toBe('error: failed to create token: serviceaccounts "nope" not found\n');
    expect(await err('bot', '--duration=1500ms')).toBe('error: --duration cannot be expressed in units less than seconds\n');
    expect(await err('bot', '--duration=1m')).toBe('error: failed to create token: TokenRequest.authentication.k8s.io "bot" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n');
    expect(await err('bot', '--bound-object-name=x')).toBe('error: --bound-object-name can only be set if --bound-object-kind is provided\n');
    expect(await err('bot', '--bound-object-kind=Foo', '--bound-object-name=x')).toBe('error: supported --bound-object-kind values are Node, Pod, Secret\n');
    expect(await err('bot', '--bound-object-kind=Secret')).toBe('error: --bound-object-name is required if --bound-object-kind is provided\n');
  });
});
