import { describe, expect, it } from 'vitest';
import { setup } from './testutil';
import { kubeletCares } from './fleet';
import type { KubeObject } from '../../api/types';

/** Counts the kubelet's pod status writes (PUT .../pods/NAME/status) from here on. */
function countStatusWrites(s: ReturnType<typeof setup>) {
  const writes: { name: string; phase: string; podIP?: string; reasons: string[] }[] = [];
  const orig = s.c.api.handle.bind(s.c.api);
  s.c.api.handle = (req) => {
    const m = /\/pods\/([^/]+)\/status$/.exec(req.path);
    const res = orig(req);
    if (m && req.verb === 'PUT' && res.status === 200) {
      const st = (req.body as { status: any }).status;
      writes.push({ name: m[1], phase: st.phase, podIP: st.podIP, reasons: st.containerStatuses.map((c: any) => Object.keys(c.state)[0] + ':' + (c.state.waiting?.reason ?? '')) });
    }
    return res;
  };
  return writes;
}

describe('kubelet status reports', () => {
  it('reports twice for a pod that starts: on admission, then after the SyncPod that pulled and started it', () => {
    const s = setup();
    const writes = countStatusWrites(s);
    s.createPod('web', [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'tools', image: 'busybox:1.36', command: ['sleep', 'infinity'] }]);
    s.advance(10_000);
    expect(writes.map((w) => [w.phase, w.podIP, w.reasons.join(',')])).toEqual([
      ['Pending', undefined, 'waiting:ContainerCreating,waiting:ContainerCreating'],
      ['Running', '10.244.1.2', 'running:,running:'],
    ]);
    // The pod's own status updates (echoed by the informer) do not make the kubelet write again.
    s.advance(60_000);
    expect(writes).toHaveLength(2);
  });

  it('reports the sandbox IP with a failed pull, which ends that SyncPod', () => {
    const s = setup();
    const writes = countStatusWrites(s);
    s.createPod('bad', [{ name: 'app', image: 'nginx:0.0.0-nope' }]);
    s.advance(5000);
    expect(writes[0]).toMatchObject({ phase: 'Pending', podIP: undefined, reasons: ['waiting:ContainerCreating'] });
    expect(writes[1]).toMatchObject({ phase: 'Pending', podIP: '10.244.1.2', reasons: ['waiting:ErrImagePull'] });
  });

  it('still stops and removes a pod deleted during its pull (the hold never delays a deletion)', () => {
    const s = setup();
    s.createPod('gone', [{ name: 'app', image: 'nginx:1.27' }]);
    s.advance(1000); // sandbox up, image pulling
    const writes = countStatusWrites(s);
    s.req('DELETE', '/api/v1/namespaces/default/pods/gone');
    s.advance(35_000);
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(s.req('GET', '/api/v1/namespaces/default/pods/gone').status).toBe(404);
  });
});

describe('status written by someone else', () => {
  it('is put right by the kubelet', () => {
    const s = setup();
    s.createPod('web', [{ name: 'nginx', image: 'nginx:1.27' }]);
    s.advance(10_000);
    const p = s.pod('web');
    expect(p.status.phase).toBe('Running');
    const conditions = p.status.conditions.map((c: any) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'NodeNotReady' } : c));
    expect(s.req('PUT', '/api/v1/namespaces/default/pods/web/status', { ...p, status: { ...p.status, conditions } }).status).toBe(200);
    expect(s.pod('web').status.conditions.find((c: any) => c.type === 'Ready').status).toBe('False');
    s.advance(1);
    expect(s.pod('web').status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
  });
});

describe('kubeletCares', () => {
  const pod = (over: { status?: object; image?: string; deletionTimestamp?: string; labels?: Record<string, string> }): KubeObject =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default', uid: 'u1', labels: over.labels, ...(over.deletionTimestamp ? { deletionTimestamp: over.deletionTimestamp } : {}) },
      spec: { nodeName: 'node01', containers: [{ name: 'c', image: over.image ?? 'nginx:1.27' }] },
      status: over.status ?? {},
    }) as KubeObject;

  it('ignores status-only and label-only updates, as kubelet pod config does', () => {
    expect(kubeletCares(pod({}), pod({ status: { phase: 'Running' } }))).toBe(false);
    expect(kubeletCares(pod({}), pod({ labels: { a: 'b' } }))).toBe(false);
  });

  it('acts on deletion and on image changes', () => {
    expect(kubeletCares(pod({}), pod({ deletionTimestamp: '2026-11-23T09:00:00Z' }))).toBe(true);
    expect(kubeletCares(pod({}), pod({ image: 'nginx:1.28' }))).toBe(true);
  });
});
