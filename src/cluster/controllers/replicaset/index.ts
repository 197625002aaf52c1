// kube-controller-manager's `replicaset` and `replicationcontroller` controllers: one
// implementation, two adapters.
import type { ControllerContext } from '../context';
import { ReplicaSetController, type ReplicaSetControllerOptions } from './controller';
import { replicaSetAdapter, replicationControllerAdapter } from './adapter';

export { ReplicaSetController, slowStartBatch, BURST_REPLICAS } from './controller';
export { getPodsToDelete, lessForDeletion, sortForDeletion } from './rank';
export { replicaSetAdapter, replicationControllerAdapter } from './adapter';

/** Registers the ReplicaSet controller's informer handlers; the host starts the informers. */
export function startReplicaSetController(ctx: ControllerContext, opts?: ReplicaSetControllerOptions): ReplicaSetController {
  return new ReplicaSetController(ctx, replicaSetAdapter, opts);
}

/** The ReplicationManager: the same controller for core/v1 ReplicationControllers. */
export function startReplicationManager(ctx: ControllerContext, opts?: ReplicaSetControllerOptions): ReplicaSetController {
  return new ReplicaSetController(ctx, replicationControllerAdapter, opts);
}
