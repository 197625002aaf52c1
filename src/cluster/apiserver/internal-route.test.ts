// The in-cluster client's requests carry what they address; the server takes that instead of
// parsing the path, and must get exactly what parsing the path would give.
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../api/client';
import type { KubeObject } from '../../api/types';
import { ClusterClient } from '../machinery/client';
import { internalPath, parsePath } from './paths';

function recordingClient(): { client: ClusterClient; reqs: ApiRequest[] } {
  const reqs: ApiRequest[] = [];
  const api = {
    handle(req: ApiRequest) {
      reqs.push(req);
      return { status: 200, body: { items: [] }, contentType: 'application/json' };
    },
    watch() {
      throw new Error('unused');
    },
  };
  return { client: new ClusterClient(api as never, 'test'), reqs };
}

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' } } as KubeObject;
const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' } } as KubeObject;
const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } as KubeObject;

describe('internal routes', () => {
  it('match parsePath for every verb the client sends', () => {
    const { client, reqs } = recordingClient();
    client.get('pods', 'default', 'web-1');
    client.list('pods', 'default');
    client.list('pods');
    client.list('nodes', 'default');
    client.create('events', 'default', pod);
    client.update('deployments.apps', { ...pod, metadata: { name: 'd', namespace: 'prod' } });
    client.updateStatus('pods', pod);
    client.updateStatus('nodes', node);
    client.patch('events', 'default', 'e.1', 'strategic', {});
    client.patch('pods', 'default', 'web-1', 'merge', {}, 'status');
    client.delete('pods', 'default', 'web-1');
    client.deleteCollection('pods', 'default');
    client.putSubresource('namespaces', ns, 'finalize');
    client.putSubresource('namespaces', ns, 'status');
    client.post('pods', 'default', 'web-1', 'binding', {});
    client.post('pods', 'default', 'web-1', 'eviction', {});
    client.get('leases.coordination.k8s.io', 'kube-node-lease', 'node01');
    expect(reqs).toHaveLength(17);
    for (const req of reqs) expect([req.path, internalPath(req)]).toEqual([req.path, parsePath(req.path)]);
  });

  it('leave names that need unescaping, and unknown subresources, to parsePath', () => {
    const { client, reqs } = recordingClient();
    client.get('pods', 'default', 'a%20b');
    client.post('pods', 'default', 'web-1', 'nosuch', {});
    for (const req of reqs) expect(internalPath(req)).toBeUndefined();
    expect(parsePath(reqs[1]!.path)).toEqual({ type: 'notFound' });
  });

  it('are not taken from requests other clients send', () => {
    expect(internalPath({ verb: 'GET', path: '/api/v1/pods' })).toBeUndefined();
  });
});
