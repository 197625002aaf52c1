// The GC's dependency graph (graph.go / graph_builder.go, simplified): one node per observed
// object, keyed by uid, with its ownerReferences, and an index from an owner's uid to the uids of
// its dependents that works even while the owner itself is unknown (upstream's virtual nodes).
import type { KubeObject, OwnerReference } from '../../../api/types';

export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';

export interface GraphNode {
  uid: string;
  /** Client resource key: `pods`, `replicasets.apps`. */
  resource: string;
  namespace: string;
  name: string;
  owners: OwnerReference[];
  /** deletionTimestamp set and the foregroundDeletion finalizer present. */
  deletingDependents: boolean;
  /** deletionTimestamp set and the orphan finalizer present. */
  orphaning: boolean;
  beingDeleted: boolean;
}

export function hasFinalizer(obj: KubeObject, f: string): boolean {
  return (obj.metadata.finalizers ?? []).includes(f);
}

export function ownersOf(obj: KubeObject): OwnerReference[] {
  return (obj.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
}

/** What changed for a node, so the builder knows whom to wake. */
export interface NodeChange {
  node: GraphNode;
  added: boolean;
  ownersAdded: readonly OwnerReference[];
  /** Owner refs removed, or whose blockOwnerDeletion went away: their owners may stop waiting. */
  ownersUnblocked: readonly OwnerReference[];
  startedDeletingDependents: boolean;
  startedOrphaning: boolean;
}

const NONE: readonly OwnerReference[] = Object.freeze([]) as readonly OwnerReference[];

/** The references as the graph uses them (owner uid and blockOwnerDeletion) are the same. */
export function sameOwners(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].uid !== b[i].uid || !a[i].blockOwnerDeletion !== !b[i].blockOwnerDeletion) return false;
  return true;
}

export class Graph {
  private nodes = new Map<string, GraphNode>();
  private byObjectKey = new Map<string, string>();
  private dependentsByOwner = new Map<string, Set<string>>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  has(uid: string): boolean {
    return this.nodes.has(uid);
  }

  uidFor(objectKey: string): string | undefined {
    return this.byObjectKey.get(objectKey);
  }

  /** Uids of the objects that name `ownerUid` in their ownerReferences. */
  dependents(ownerUid: string): string[] {
    return [...(this.dependentsByOwner.get(ownerUid) ?? [])];
  }

  private link(ownerUid: string, dep: string): void {
    let s = this.dependentsByOwner.get(ownerUid);
    if (!s) this.dependentsByOwner.set(ownerUid, (s = new Set()));
    s.add(dep);
  }

  private unlink(ownerUid: string, dep: string): void {
    const s = this.dependentsByOwner.get(ownerUid);
    if (!s) return;
    s.delete(dep);
    if (!s.size) this.dependentsByOwner.delete(ownerUid);
  }

  upsert(objectKey: string, resource: string, obj: KubeObject): NodeChange {
    const m = obj.metadata;
    const uid = m.uid!;
    const deleting = !!m.deletionTimestamp;
    const deletingDependents = deleting && hasFinalizer(obj, FOREGROUND);
    const orphaning = deleting && hasFinalizer(obj, ORPHAN);
    const existing = this.nodes.get(uid);
    // Most updates (status writes) leave references and deletion state alone: nothing to do.
    if (existing && existing.beingDeleted === deleting && existing.deletingDependents === deletingDependents && existing.orphaning === orphaning && sameOwners(existing.owners, ownersOf(obj))) {
      return { node: existing, added: false, ownersAdded: NONE, ownersUnblocked: NONE, startedDeletingDependents: false, startedOrphaning: false };
    }
    const owners = ownersOf(obj).map((r) => ({ ...r }));
    if (!existing) {
      const node: GraphNode = { uid, resource, namespace: m.namespace ?? '', name: m.name!, owners, deletingDependents, orphaning, beingDeleted: deleting };
      this.nodes.set(uid, node);
      this.byObjectKey.set(objectKey, uid);
      for (const r of owners) this.link(r.uid, uid);
      return { node, added: true, ownersAdded: owners, ownersUnblocked: [], startedDeletingDependents: deletingDependents, startedOrphaning: orphaning };
    }
    const before = new Map(existing.owners.map((r) => [r.uid, r]));
    const after = new Map(owners.map((r) => [r.uid, r]));
    const ownersAdded = owners.filter((r) => !before.has(r.uid));
    const ownersUnblocked: OwnerReference[] = [];
    for (const [u, r] of before) {
      const now = after.get(u);
      if (!now) {
        this.unlink(u, uid);
        ownersUnblocked.push(r);
      } else if (r.blockOwnerDeletion && !now.blockOwnerDeletion) {
        ownersUnblocked.push(r);
      }
    }
    for (const r of ownersAdded) this.link(r.uid, uid);
    const change: NodeChange = {
      node: existing,
      added: false,
      ownersAdded,
      ownersUnblocked,
      startedDeletingDependents: deletingDependents && !existing.deletingDependents,
      startedOrphaning: orphaning && !existing.orphaning,
    };
    existing.owners = owners;
    existing.deletingDependents = deletingDependents;
    existing.orphaning = orphaning;
    existing.beingDeleted = deleting;
    return change;
  }

  /** Forgets a node; its dependents stay indexed under its uid until they change or go. */
  remove(uid: string, objectKey: string): GraphNode | undefined {
    const node = this.nodes.get(uid);
    if (!node) return undefined;
    this.nodes.delete(uid);
    if (this.byObjectKey.get(objectKey) === uid) this.byObjectKey.delete(objectKey);
    for (const r of node.owners) this.unlink(r.uid, uid);
    return node;
  }
}
