// The ServiceAccounts controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
// every active namespace has a `default` ServiceAccount; if someone deletes it, it comes back.
import type { KubeObject } from '../../../api/types';
import type { ControllerContext } from '../context';
import type { ClusterClient } from '../../machinery/client';
import type { Informer } from '../../machinery/informer';
import { isAlreadyExists } from '../../machinery/client';
import { WorkQueue } from '../../machinery/workqueue';
import { StatusError } from '../../../api/status';

/** The accounts kube-controller-manager ensures (--service-account-names… defaults to `default`). */
export const MANAGED_SERVICE_ACCOUNTS = ['default'];

function isActive(ns: KubeObject): boolean {
  return (ns.status as { phase?: string } | undefined)?.phase === 'Active' && !ns.metadata.deletionTimestamp;
}

/** Creates in a missing or terminating namespace fail; neither is worth a retry. */
export function isNamespaceGoneOrTerminating(e: unknown): boolean {
  if (!(e instanceof StatusError)) return false;
  if (e.code === 404) return true;
  return e.code === 403 && (e.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating') || /because it is being terminated/.test(e.message));
}

export class ServiceAccountsController {
  readonly queue: WorkQueue;
  private readonly namespaces: Informer;
  private readonly accounts: Informer;
  private readonly client: ClusterClient;

  constructor(ctx: ControllerContext) {
    this.client = ctx.client('kube-controller-manager');
    this.queue = new WorkQueue(ctx.clock, 'serviceaccount', (ns) => this.syncNamespace(ns));
    this.namespaces = ctx.informers.for('namespaces');
    this.accounts = ctx.informers.for('serviceaccounts');
    this.accounts.addEventHandler({
      onDelete: (sa) => {
        if (MANAGED_SERVICE_ACCOUNTS.includes(sa.metadata.name!)) this.queue.add(sa.metadata.namespace!);
      },
    });
    this.namespaces.addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata.name!),
      onUpdate: (_o, ns) => this.queue.add(ns.metadata.name!),
    });
  }

  syncNamespace(name: string): void {
    const ns = this.namespaces.get('', name);
    if (!ns || !isActive(ns)) return;
    for (const sa of MANAGED_SERVICE_ACCOUNTS) {
      if (this.accounts.get(name, sa)) continue;
      try {
        this.client.create('serviceaccounts', name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa } });
      } catch (e) {
        if (isAlreadyExists(e) || isNamespaceGoneOrTerminating(e)) continue;
        throw e;
      }
    }
  }
}
