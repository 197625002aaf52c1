// The admission checks the simulated cluster keeps: NamespaceLifecycle (create in a missing or
// terminating namespace, deleting the immortal namespaces).
import { forbidden, notFound } from '../../api/status';
import type { ResourceInfo } from '../../api/registry';
import type { ServerContext } from './context';

const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

export function admitCreate(ctx: ServerContext, r: ResourceInfo, namespace: string, name: string): void {
  if (r.scope !== 'Namespaced') return;
  const ns = ctx.store.get('namespaces', '', namespace);
  if (!ns) throw notFound({ group: '', resource: 'namespaces' }, namespace);
  const phase = (ns.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Terminating' || ns.metadata.deletionTimestamp) {
    throw forbidden({ group: r.group, resource: r.resource }, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}

export function admitDelete(r: ResourceInfo, name: string): void {
  if (r.group === '' && r.resource === 'namespaces' && IMMORTAL.has(name)) {
    throw forbidden({ group: '', resource: 'namespaces' }, name, 'this namespace may not be deleted');
  }
}
