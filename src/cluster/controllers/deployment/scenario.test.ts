// The bootcamp's module 6 on the real components: Deployment and ReplicaSet controllers, the
// scheduler and the minikube node's kubelet (images pulled, v10 never found).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { topologyNodes } from '../../topology';
import { createControllerContext } from '../context';
import type { KubeObject } from '../../../api/types';
import { startDeploymentController } from './index';
import { startReplicaSetController } from '../replicaset/index';
import { startScheduler } from '../../scheduler/index';
import { startNodes } from '../../node/index';
import type { Deployment, ReplicaSet } from './util';

const DPATH = '/apis/apps/v1/namespaces/default/deployments';
const V1 = 'gcr.io/google-samples/kubernetes-bootcamp:v1';
const V2 = 'docker.io/jocatalin/kubernetes-bootcamp:v2';
const V10 = 'gcr.io/google-samples/kubernetes-bootcamp:v10';

function isReady(p: KubeObject): boolean {
  return !!(p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

describe('bootcamp module 6 on the real controllers, scheduler and kubelet', () => {
  it('rolls out v2 within 25%/25%, stalls on v10 until the deadline, and rolls back to v2', () => {
    const c = createCluster({ seed: 1, topology: 'minikube', controllers: false });
    const ctx = createControllerContext(c.api, c.clock, c.rand);
    const dc = startDeploymentController(ctx);
    startReplicaSetController(ctx);
    startScheduler(ctx);
    startNodes(ctx, topologyNodes('minikube', undefined));
    ctx.informers.start();

    const call = (verb: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, contentType?: string) => {
      const res = c.api.handle({ verb, path, body, contentType });
      if (res.status >= 300) throw new Error(`${verb} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as KubeObject;
    };
    const get = () => call('GET', `${DPATH}/kubernetes-bootcamp`) as Deployment;
    const rss = () => (call('GET', '/apis/apps/v1/namespaces/default/replicasets') as unknown as { items: ReplicaSet[] }).items;
    const rsByImage = (image: string) => rss().find((rs) => (rs.spec.template.spec as { containers: { image: string }[] }).containers[0].image === image);
    const setImage = (image: string) =>
      call(
        'PATCH',
        `${DPATH}/kubernetes-bootcamp`,
        JSON.stringify({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'kubernetes-bootcamp' }], containers: [{ image, name: 'kubernetes-bootcamp' }] } } } }),
        'application/strategic-merge-patch+json',
      );
    const progressing = () => get().status?.conditions?.find((x) => x.type === 'Progressing');

    // Pods that are not terminating, and the ready ones among them, at every pod event.
    const pods = new Map<string, KubeObject>();
    const seen = { max: 0, minReady: Infinity, on: false };
    c.api.watch(
      { verb: 'GET', path: '/api/v1/namespaces/default/pods', query: { watch: 'true' } },
      {
        event: (ev) => {
          const e = ev as { type: string; object: KubeObject };
          if (e.type === 'DELETED' || e.object.metadata.deletionTimestamp) pods.delete(e.object.metadata.name!);
          else pods.set(e.object.metadata.name!, e.object);
          if (!seen.on) return;
          seen.max = Math.max(seen.max, pods.size);
          seen.minReady = Math.min(seen.minReady, [...pods.values()].filter(isReady).length);
        },
        end: () => {},
      },
    );

    // kubectl create deployment kubernetes-bootcamp --image=...:v1
    call('POST', DPATH, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'kubernetes-bootcamp', labels: { app: 'kubernetes-bootcamp' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'kubernetes-bootcamp' } },
        template: { metadata: { creationTimestamp: null, labels: { app: 'kubernetes-bootcamp' } }, spec: { containers: [{ name: 'kubernetes-bootcamp', image: V1 }] } },
      },
    });
    c.clock.advance(30_000);
    expect(get().status).toMatchObject({ replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });

    // kubectl scale deployments/kubernetes-bootcamp --replicas=4
    call('PATCH', `${DPATH}/kubernetes-bootcamp/scale`, JSON.stringify({ spec: { replicas: 4 } }), 'application/merge-patch+json');
    c.clock.advance(30_000);
    expect(get().status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });

    // kubectl set image ... v2
    seen.on = true;
    setImage(V2);
    c.clock.advance(120_000);
    seen.on = false;
    expect(seen.max).toBeLessThanOrEqual(5);
    expect(seen.minReady).toBeGreaterThanOrEqual(3);
    expect(get().status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(progressing()?.reason).toBe('NewReplicaSetAvailable');
    const rs2 = rsByImage(V2)!;

    // kubectl set image ... v10: stalls at 3 available (READY 3/4, UP-TO-DATE 2, AVAILABLE 3).
    setImage(V10);
    c.clock.advance(30_000);
    expect(get().status).toMatchObject({ replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 });
    expect(progressing()?.reason).toBe('ReplicaSetUpdated');
    const rs10 = rsByImage(V10)!;
    c.clock.advance(600_000);
    expect(progressing()).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs10.metadata.name}" has timed out progressing.` });

    // kubectl rollout undo: JSON patch with the v2 template (no pod-template-hash).
    const template = structuredClone(rs2.spec.template) as { metadata: { labels: Record<string, string>; creationTimestamp?: null } };
    delete template.metadata.labels['pod-template-hash'];
    template.metadata.creationTimestamp = null;
    const d = get();
    const annotations = { 'deployment.kubernetes.io/revision': d.metadata.annotations!['deployment.kubernetes.io/revision'] };
    call(
      'PATCH',
      `${DPATH}/kubernetes-bootcamp`,
      JSON.stringify([
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ]),
      'application/json-patch+json',
    );
    c.clock.advance(120_000);
    const back = rsByImage(V2)!;
    expect(back.metadata.name).toBe(rs2.metadata.name);
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
    expect(rss().map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual(['1', '3', '4']);
    expect(get().status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(progressing()?.reason).toBe('NewReplicaSetAvailable');
    expect(dc.queue.errors).toEqual([]);
  });
});
