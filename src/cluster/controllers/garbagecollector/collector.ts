// The garbage collector (pkg/controller/garbagecollector): informers feed a uid graph of
// ownerReferences; attemptToDeleteItem deletes objects whose owners are all gone (or waiting for
// them in a foreground deletion), processDeletingDependentsItem lifts foregroundDeletion once no
// blocking dependent is left, and attemptToOrphan strips references before lifting `orphan`.
import type { KubeObject, OwnerReference } from '../../../api/types';
import { lookupKind, parseApiVersion } from '../../../api/registry';
import { StatusError } from '../../../api/status';
import type { ControllerContext } from '../context';
import type { ClusterClient } from '../../machinery/client';
import { keyOf } from '../../machinery/informer';
import { WorkQueue } from '../../machinery/workqueue';
import { FOREGROUND, Graph, ORPHAN, hasFinalizer, ownersOf, sameOwners, type GraphNode } from './graph';

/**
 * Namespaced kinds that own or are owned in this cluster, plus nodes (they own their leases).
 * Events are left out, as kube-controller-manager's default gcIgnoredResources leaves them out.
 */
export const GC_RESOURCES = [
  'pods',
  'replicasets.apps',
  'deployments.apps',
  'replicationcontrollers',
  'services',
  'endpoints',
  'endpointslices.discovery.k8s.io',
  'daemonsets.apps',
  'statefulsets.apps',
  'controllerrevisions.apps',
  'jobs.batch',
  'cronjobs.batch',
  'configmaps',
  'secrets',
  'serviceaccounts',
  'leases.coordination.k8s.io',
  'poddisruptionbudgets.policy',
  'horizontalpodautoscalers.autoscaling',
  'nodes',
];

type DeletionPolicy = 'Background' | 'Foreground' | 'Orphan';

type OwnerState = 'solid' | 'dangling' | 'waiting' | 'unknown';

function isNotFound(e: unknown): boolean {
  return e instanceof StatusError && e.code === 404;
}

/**
 * Whether an update changes what the graph holds (references, deletion, the GC's finalizers);
 * status-only updates, the bulk of all writes, leave it as it is.
 */
function graphChanged(o: KubeObject, n: KubeObject): boolean {
  const om = o.metadata;
  const nm = n.metadata;
  if (om.uid !== nm.uid || om.deletionTimestamp !== nm.deletionTimestamp) return true;
  if (!sameStrings(om.finalizers, nm.finalizers)) return true;
  return !sameOwners(ownersOf(o), ownersOf(n));
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every((x, i) => x === b![i]);
}

function clientResource(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

export class GarbageCollector {
  readonly graph = new Graph();
  /** graphChanges: `resource|namespace/name` keys whose cached state the graph must absorb. */
  readonly graphQueue: WorkQueue;
  readonly attemptToDelete: WorkQueue;
  readonly attemptToOrphan: WorkQueue;
  private readonly client: ClusterClient;

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client('kube-controller-manager');
    this.graphQueue = new WorkQueue(ctx.clock, 'garbage_collector_graph_changes', (k) => this.processGraphChange(k));
    this.attemptToDelete = new WorkQueue(ctx.clock, 'garbage_collector_attempt_to_delete', (uid) => this.attemptToDeleteItem(uid));
    this.attemptToOrphan = new WorkQueue(ctx.clock, 'garbage_collector_attempt_to_orphan', (uid) => this.attemptToOrphanItem(uid));
    for (const resource of GC_RESOURCES) {
      const enqueue = (o: KubeObject) => this.graphQueue.add(`${resource}|${keyOf(o)}`);
      ctx.informers.for(resource).addEventHandler({ onAdd: enqueue, onUpdate: (o, n) => graphChanged(o, n) && enqueue(n), onDelete: enqueue });
    }
  }

  // --- graph builder ---

  /** Brings the graph in line with the informer's cache for one object, and wakes whoever must act. */
  private processGraphChange(gkey: string): void {
    const bar = gkey.indexOf('|');
    const resource = gkey.slice(0, bar);
    const key = gkey.slice(bar + 1);
    const obj = this.ctx.informers.for(resource).getByKey(key);
    const known = this.graph.uidFor(gkey);
    if (known && (!obj || obj.metadata.uid !== known)) this.removeNode(known, gkey);
    if (!obj) return;
    const change = this.graph.upsert(gkey, resource, obj);
    // An owner the graph has never seen may not exist: let attemptToDelete look it up.
    if (change.ownersAdded.some((r) => !this.graph.has(r.uid))) this.attemptToDelete.add(change.node.uid);
    for (const r of change.ownersUnblocked) {
      if (this.graph.get(r.uid)?.deletingDependents) this.attemptToDelete.add(r.uid);
    }
    if (change.startedOrphaning) this.attemptToOrphan.add(change.node.uid);
    if (change.startedDeletingDependents) {
      for (const dep of this.graph.dependents(change.node.uid)) this.attemptToDelete.add(dep);
      this.attemptToDelete.add(change.node.uid);
    }
  }

  private removeNode(uid: string, gkey: string): void {
    const node = this.graph.remove(uid, gkey);
    if (!node) return;
    // Dependents of a vanished owner may now be garbage.
    for (const dep of this.graph.dependents(uid)) this.attemptToDelete.add(dep);
    // An owner in foreground deletion may have been waiting for this one.
    for (const r of node.owners) {
      if (this.graph.get(r.uid)?.deletingDependents) this.attemptToDelete.add(r.uid);
    }
  }

  // --- workers ---

  private getLatest(node: GraphNode): KubeObject | undefined {
    const obj = this.client.get(node.resource, node.namespace, node.name);
    return obj && obj.metadata.uid === node.uid ? obj : undefined;
  }

  /** isDangling: the owner as the API sees it now, looked up by kind and name, matched by uid. */
  private ownerState(ref: OwnerReference, namespace: string): OwnerState {
    const gv = parseApiVersion(ref.apiVersion ?? '');
    const info = lookupKind(gv.group, gv.version, ref.kind);
    // A kind this cluster does not serve cannot be checked; leave the dependent alone.
    if (!info || info.virtual) return 'unknown';
    const owner = this.client.get(clientResource(info.group, info.resource), info.scope === 'Namespaced' ? namespace : '', ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return 'dangling';
    if (owner.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND)) return 'waiting';
    return 'solid';
  }

  /** attemptToDeleteItem. */
  attemptToDeleteItem(uid: string): void {
    const node = this.graph.get(uid);
    if (!node) return;
    const latest = this.getLatest(node);
    if (!latest) return; // gone already; the informer will tell the graph
    const deleting = !!latest.metadata.deletionTimestamp;
    if (deleting && !hasFinalizer(latest, FOREGROUND)) return; // on its way out (graceful or finalizers)
    if (deleting) return this.processDeletingDependents(node, latest);
    const refs = ownersOf(latest);
    if (!refs.length) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const r of refs) {
      const s = this.ownerState(r, node.namespace);
      if (s === 'dangling') dangling.push(r);
      else if (s === 'waiting') waiting.push(r);
      else solid.push(r);
    }
    if (solid.length) {
      // Still owned: only drop the references that point nowhere or at an owner deleting its dependents.
      if (!dangling.length && !waiting.length) return;
      const gone = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.patchOwnerRefs(latest, node, refs.filter((r) => !gone.has(r.uid)));
      return;
    }
    const dependents = this.graph.dependents(uid).map((d) => this.graph.get(d)).filter((d): d is GraphNode => !!d);
    if (waiting.length && dependents.length) {
      // Foreground all the way down. A dependent already deleting its own dependents could
      // deadlock on our blocking reference; make our references non-blocking first.
      if (dependents.some((d) => d.deletingDependents)) {
        this.patchOwnerRefs(latest, node, refs.map((r) => (r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r)));
      }
      return this.deleteObject(node, 'Foreground');
    }
    const policy: DeletionPolicy = hasFinalizer(latest, ORPHAN) ? 'Orphan' : hasFinalizer(latest, FOREGROUND) || waiting.length ? 'Foreground' : 'Background';
    this.deleteObject(node, policy);
  }

  /** processDeletingDependentsItem: wait for blocking dependents, then lift foregroundDeletion. */
  private processDeletingDependents(node: GraphNode, latest: KubeObject): void {
    const blocking: GraphNode[] = [];
    for (const d of this.graph.dependents(node.uid)) {
      const dep = this.graph.get(d);
      if (dep?.owners.some((r) => r.uid === node.uid && r.blockOwnerDeletion)) blocking.push(dep);
    }
    if (!blocking.length) {
      this.removeFinalizer(latest, node, FOREGROUND);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.attemptToDelete.add(dep.uid);
  }

  /** attemptToOrphan: remove the owner's uid from every dependent, then the orphan finalizer. */
  attemptToOrphanItem(uid: string): void {
    const node = this.graph.get(uid);
    if (!node) return;
    const latest = this.getLatest(node);
    if (!latest || !latest.metadata.deletionTimestamp || !hasFinalizer(latest, ORPHAN)) return;
    for (const d of this.graph.dependents(uid)) {
      const dep = this.graph.get(d);
      if (!dep) continue;
      const cur = this.getLatest(dep);
      if (!cur) continue;
      const refs = ownersOf(cur);
      if (refs.some((r) => r.uid === uid)) this.patchOwnerRefs(cur, dep, refs.filter((r) => r.uid !== uid));
    }
    this.removeFinalizer(latest, node, ORPHAN);
  }

  // --- writes ---

  private deleteObject(node: GraphNode, policy: DeletionPolicy): void {
    try {
      this.client.delete(node.resource, node.namespace, node.name, { propagationPolicy: policy, preconditions: { uid: node.uid } });
    } catch (e) {
      // Gone, or replaced by a namesake: either way not ours to delete.
      if (isNotFound(e) || (e instanceof StatusError && e.code === 409 && /Precondition failed: UID/.test(e.message))) return;
      throw e;
    }
  }

  /** A JSON merge patch of the whole list, guarded by uid and resourceVersion as upstream's. */
  private patchOwnerRefs(obj: KubeObject, node: GraphNode, refs: OwnerReference[]): void {
    try {
      this.client.patch(node.resource, node.namespace, node.name, 'merge', {
        metadata: { ownerReferences: refs.length ? refs : null, uid: node.uid, resourceVersion: obj.metadata.resourceVersion },
      });
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
  }

  private removeFinalizer(obj: KubeObject, node: GraphNode, finalizer: string): void {
    const rest = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (rest.length === (obj.metadata.finalizers ?? []).length) return;
    try {
      this.client.patch(node.resource, node.namespace, node.name, 'merge', {
        metadata: { finalizers: rest.length ? rest : null, resourceVersion: obj.metadata.resourceVersion },
      });
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
  }
}


