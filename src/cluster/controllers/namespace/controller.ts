// The namespace controller (pkg/controller/namespace/namespace_controller.go): terminating
// namespaces are queued; each pass runs the deleter and comes back after half the estimate when
// content is still going away (pods in their grace period), or with back-off on failures.
import type { ControllerContext } from '../context';
import type { Informer } from '../../machinery/informer';
import { WorkQueue, type SyncResult } from '../../machinery/workqueue';
import type { KubeObject } from '../../../api/types';
import { NamespacedResourcesDeleter, ResourcesRemainingError } from './deleter';

export class NamespaceController {
  readonly queue: WorkQueue;
  readonly deleter: NamespacedResourcesDeleter;
  private readonly informer: Informer;

  constructor(private readonly ctx: ControllerContext) {
    const client = ctx.client('kube-controller-manager');
    this.deleter = new NamespacedResourcesDeleter(ctx.api, client, () => ctx.clock.now(), () => ctx.clock.rfc3339());
    // nsControllerRateLimiter: 5 ms doubling, at most a minute between retries.
    this.queue = new WorkQueue(ctx.clock, 'namespace', (key) => this.syncNamespaceFromKey(key), 5, 60_000);
    this.informer = ctx.informers.for('namespaces');
    const enqueue = (ns: KubeObject) => {
      if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name!);
    };
    this.informer.addEventHandler({ onAdd: enqueue, onUpdate: (_o, n) => enqueue(n) });
  }

  syncNamespaceFromKey(name: string): SyncResult {
    const ns = this.informer.get('', name);
    if (!ns) return;
    try {
      this.deleter.delete(name);
    } catch (e) {
      // ResourcesRemainingError: not a failure, just not done yet.
      if (e instanceof ResourcesRemainingError) return { requeueAfterMs: (Math.floor(e.estimate / 2) + 1) * 1000 };
      throw e;
    }
  }
}
