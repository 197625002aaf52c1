// Mirror pods without their Node: a deleted Node takes its mirror pods with it (the garbage
// collector, for their Node owner) and the kubelet, which keeps the static pods running, posts
// none until the Node is registered again. Posting them regardless made the collector and the
// kubelet delete and post them without end inside one clock step (the command-line fuzz hung on
// a cluster whose nodes had all been deleted).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { KubeObject } from '../../api/types';

type Obj = Record<string, any>;

const MIRROR = 'kubernetes.io/config.mirror';
/** Mirror pods posted before the test gives up: the loop reached thousands within one step. */
const MAX_POSTS = 20;

function setup() {
  const c = createCluster({ seed: 7 });
  c.advance(5000);
  const get = (path: string) => c.api.handle({ verb: 'GET', path });
  const pods = () => ((get('/api/v1/namespaces/kube-system/pods').body as Obj).items as (KubeObject & Obj)[]).filter((p) => p.metadata.annotations?.[MIRROR]);
  // Counts mirror pods as they are posted; past MAX_POSTS it stops the kubelet (errors thrown
  // here are caught by the store and the work queues), so a delete-and-post cycle ends and fails
  // the count assertions instead of blocking the event loop.
  let posts = 0;
  const from = (get('/api/v1/namespaces/kube-system/pods').body as Obj).metadata.resourceVersion as string;
  const sub = c.api.watch({ verb: 'GET', path: '/api/v1/namespaces/kube-system/pods', query: { watch: 'true', resourceVersion: from } }, {
    event: (ev) => {
      const o = ev.object as KubeObject;
      if (ev.type !== 'ADDED' || !o.metadata?.annotations?.[MIRROR]) return;
      if (++posts > MAX_POSTS) c.components!.nodes.kubelet('controlplane')!.stop();
    },
    end: () => {},
  });
  expect('status' in sub).toBe(false);
  return { c, get, pods, posts: () => posts };
}

describe('mirror pods of a deleted Node', () => {
  it('are deleted with it and not posted again while it is gone; the clock keeps moving', () => {
    const { c, get, pods, posts } = setup();
    expect(pods().map((p) => p.metadata.name)).toEqual(['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane', 'kube-scheduler-controlplane']);
    for (const n of ['controlplane', 'node01', 'node02']) expect(get(`/api/v1/nodes/${n}`).status).toBe(200);
    for (const n of ['controlplane', 'node01', 'node02']) expect(c.api.handle({ verb: 'DELETE', path: `/api/v1/nodes/${n}` }).status).toBe(200);
    const t0 = c.clock.now();
    c.advance(2 * 60_000);
    expect(c.clock.now() - t0).toBe(2 * 60_000);
    expect(pods()).toEqual([]);
    expect(posts()).toBe(0);
  });

  it('are posted again, owned by the new Node, when the node registers again; the static pods kept running', () => {
    const { c, get, pods, posts } = setup();
    const node = get('/api/v1/nodes/controlplane').body as KubeObject & Obj;
    const containerID = (p: Obj) => p.status.containerStatuses[0].containerID as string;
    const before = new Map(pods().map((p) => [p.metadata.name, containerID(p)]));
    expect(c.api.handle({ verb: 'DELETE', path: '/api/v1/nodes/controlplane' }).status).toBe(200);
    c.advance(30_000);
    expect(pods()).toEqual([]);
    const again = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'controlplane', labels: node.metadata.labels, annotations: node.metadata.annotations }, spec: node.spec };
    const created = c.api.handle({ verb: 'POST', path: '/api/v1/nodes', body: again });
    expect(created.status).toBe(201);
    const uid = (created.body as KubeObject).metadata.uid;
    expect(uid).not.toBe(node.metadata.uid);
    c.advance(5000);
    const now = pods();
    expect(now.map((p) => p.metadata.name)).toEqual([...before.keys()]);
    for (const p of now) {
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'controlplane', uid, controller: true }]);
      expect(containerID(p)).toBe(before.get(p.metadata.name));
    }
    expect(posts()).toBe(4);
  });
});
