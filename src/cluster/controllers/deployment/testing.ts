// TEST ONLY. A small stand-in for "ReplicaSet controller + kubelet" so the Deployment controller
// can be tested on its own: pods are created for each RS's replicas (through the API), marked
// Running and Ready after a delay unless their image "never pulls", deleted (not-ready and
// newest first) when an RS shrinks, and the RS status is written from its pods.
import type { KubeObject } from '../../../api/types';
import type { ClusterClient } from '../../machinery/client';
import { isNotFound } from '../../machinery/client';
import type { Informer } from '../../machinery/informer';
import { keyOf, splitKey } from '../../machinery/informer';
import { WorkQueue } from '../../machinery/workqueue';
import type { ControllerContext } from '../context';
import { clone, getControllerOf, semanticEqual, type ReplicaSet } from './util';

export interface FakeOptions {
  /** Virtual ms from pod creation to Ready. */
  readyAfterMs?: number;
  /** Images that never become ready (an image that never pulls). */
  neverReady?: (image: string) => boolean;
}

type Pod = KubeObject & { spec?: { containers?: { image?: string }[] }; status?: { phase?: string; conditions?: { type: string; status: string }[] } };

export function isPodReady(pod: KubeObject): boolean {
  return !!(pod as Pod).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

export class FakeReplicaSetsAndKubelet {
  private readonly client: ClusterClient;
  private readonly rsInformer: Informer;
  private readonly podInformer: Informer;
  private readonly queue: WorkQueue;
  private readonly readyAfterMs: number;
  private readonly neverReady: (image: string) => boolean;

  constructor(private readonly ctx: ControllerContext, opts: FakeOptions = {}) {
    this.client = ctx.client('fake-replicaset-kubelet');
    this.rsInformer = ctx.informers.for('replicasets.apps');
    this.podInformer = ctx.informers.for('pods');
    this.queue = new WorkQueue(ctx.clock, 'fake-rs', (key) => this.syncReplicaSet(key));
    this.readyAfterMs = opts.readyAfterMs ?? 2000;
    this.neverReady = opts.neverReady ?? (() => false);
  }

  start(): void {
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.queue.add(keyOf(rs)),
      onUpdate: (_o, rs) => this.queue.add(keyOf(rs)),
      onDelete: (rs) => this.queue.add(keyOf(rs)),
    });
    const podChanged = (pod: KubeObject) => {
      const ref = getControllerOf(pod);
      if (ref?.kind === 'ReplicaSet') this.queue.add(`${pod.metadata.namespace}/${ref.name}`);
    };
    this.podInformer.addEventHandler({ onAdd: podChanged, onUpdate: (_o, p) => podChanged(p), onDelete: podChanged });
  }

  private podsOf(rs: KubeObject): Pod[] {
    return this.podInformer
      .list(rs.metadata.namespace ?? '')
      .filter((p) => getControllerOf(p)?.uid === rs.metadata.uid && !p.metadata.deletionTimestamp) as Pod[];
  }

  private syncReplicaSet(key: string): void {
    const [ns, name] = splitKey(key);
    const rs = this.rsInformer.get(ns, name) as ReplicaSet | undefined;
    if (!rs || rs.metadata.deletionTimestamp) return;
    const want = rs.spec.replicas ?? 0;
    const pods = this.podsOf(rs);
    if (pods.length < want) {
      for (let i = pods.length; i < want; i++) this.createPod(rs);
    } else if (pods.length > want) {
      const ranked = [...pods].sort((a, b) => {
        const ra = isPodReady(a) ? 1 : 0;
        const rb = isPodReady(b) ? 1 : 0;
        if (ra !== rb) return ra - rb;
        return Number(b.metadata.resourceVersion) - Number(a.metadata.resourceVersion);
      });
      for (const p of ranked.slice(0, pods.length - want)) {
        try {
          this.client.delete('pods', ns, p.metadata.name!, {});
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
    const now = this.podsOf(rs);
    const ready = now.filter(isPodReady).length;
    const status = {
      replicas: now.length,
      fullyLabeledReplicas: now.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    };
    const compact = Object.fromEntries(Object.entries(status).filter(([, v]) => v));
    if (semanticEqual(compact, Object.fromEntries(Object.entries(rs.status ?? {}).filter(([, v]) => v)))) return;
    this.client.updateStatus('replicasets.apps', { ...rs, status: compact });
  }

  private createPod(rs: ReplicaSet): void {
    const t = rs.spec.template;
    const pod = this.client.create('pods', rs.metadata.namespace!, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${rs.metadata.name}-${this.ctx.rand.nameSuffix(5)}`,
        labels: { ...(t.metadata?.labels ?? {}) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: clone(t.spec),
    }) as Pod;
    const image = pod.spec?.containers?.[0]?.image ?? '';
    if (this.neverReady(image)) return;
    this.ctx.clock.after(this.readyAfterMs, () => this.markReady(pod.metadata.namespace!, pod.metadata.name!));
  }

  private markReady(ns: string, name: string): void {
    const pod = this.client.get('pods', ns, name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const now = this.ctx.clock.rfc3339();
    this.client.updateStatus('pods', {
      ...pod,
      status: {
        ...((pod.status as object) ?? {}),
        phase: 'Running',
        conditions: [
          { type: 'Ready', status: 'True', lastTransitionTime: now },
          { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
        ],
      },
    });
  }
}
