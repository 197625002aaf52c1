// A container's environment is worked out when first read (most are never read), but from what
// the container was started with: Services created after the start do not appear, a restart
// takes the new ones, and ConfigMap references are still resolved (and can fail) at the start.
import { describe, expect, it } from 'vitest';
import { setup } from './testutil';

const names = (env: [string, string][]) => env.map(([k]) => k);

describe('container environment', () => {
  it('is the one of the start, read later', () => {
    const s = setup();
    const svc = (name: string) =>
      s.req('POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });
    expect(svc('before').status).toBe(201);
    s.createPod('web', [{ name: 'c', image: 'nginx:1.27', env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] }], { restartPolicy: 'Always' });
    s.advance(10_000);
    expect(s.pod('web').status.phase).toBe('Running');
    expect(svc('after').status).toBe(201);
    const c = s.fleet.kubelet('node01')!.sandboxes.get('default/web')!.containers[0];
    const env = c.env;
    expect(names(env)).toContain('BEFORE_SERVICE_HOST');
    expect(names(env)).not.toContain('AFTER_SERVICE_HOST');
    expect(env.find(([k]) => k === 'IP')?.[1]).toBe('10.244.1.2');
    expect(env.find(([k]) => k === 'HOSTNAME')?.[1]).toBe('web');
    // The same array on every read.
    expect(c.env).toBe(env);
  });

  it('still resolves ConfigMap references at the start: a missing one is CreateContainerConfigError', () => {
    const s = setup();
    s.createPod('cm', [{ name: 'c', image: 'nginx:1.27', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] }]);
    s.advance(10_000);
    const w = s.pod('cm').status.containerStatuses[0].state.waiting;
    expect(w).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "nope" not found' });
  });
});
