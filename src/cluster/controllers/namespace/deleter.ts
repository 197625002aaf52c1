// NamespacedResourcesDeleter (pkg/controller/namespace/deletion): for a terminating namespace,
// delete every namespaced resource in it, report progress in the namespace's conditions, and when
// nothing is left remove the `kubernetes` finalizer through the finalize subresource.
import type { ApiHandler } from '../../../api/client';
import type { KubeList, KubeObject } from '../../../api/types';
import { RESOURCES, collectionPath, objectPath, type ResourceInfo } from '../../../api/registry';
import { StatusError, isStatus } from '../../../api/status';
import type { ClusterClient } from '../../machinery/client';
import { ConditionUpdater, aggregateMessage, type NamespaceCondition } from './conditions';

export const FINALIZER_KUBERNETES = 'kubernetes';
/** finalizerEstimateSeconds: how long to wait for content that has finalizers of its own. */
export const FINALIZER_ESTIMATE_SECONDS = 15;

/** More content will go by itself (graceful pods, finalizers): come back in about `estimate` s. */
export class ResourcesRemainingError extends Error {
  constructor(readonly estimate: number) {
    super(`some content remains in the namespace, estimate ${estimate} seconds before it is removed`);
  }
}

interface GvrResult {
  estimate: number;
  remaining: number;
  finalizers: Map<string, number>;
  error?: string;
}

/** Every stored, namespaced, deletable resource, in discovery order (upstream's map order is random). */
export function deletableResources(): ResourceInfo[] {
  return RESOURCES.filter((r) => r.scope === 'Namespaced' && !r.virtual && r.verbs.includes('delete') && r.verbs.includes('list'));
}

/** schema.GroupVersionResource.String(): `/v1, Resource=pods`. */
function gvrString(r: ResourceInfo): string {
  return `${r.group}/${r.version}, Resource=${r.resource}`;
}

function specFinalizers(ns: KubeObject): string[] {
  return ((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).slice();
}

export class NamespacedResourcesDeleter {
  constructor(
    private readonly api: ApiHandler,
    private readonly client: ClusterClient,
    private readonly now: () => number,
    private readonly rfc3339: () => string,
  ) {}

  private call(verb: 'GET' | 'DELETE' | 'PUT', path: string, body?: unknown): unknown {
    const res = this.api.handle({ verb, path, body, query: verb === 'PUT' ? { fieldManager: this.client.manager } : undefined });
    if (res.status >= 300) {
      if (isStatus(res.body)) throw new StatusError(res.body);
      throw new Error(`${verb} ${path}: HTTP ${res.status}`);
    }
    return res.body;
  }

  /** Delete: returns when the namespace is finalized; throws ResourcesRemainingError or the failures. */
  delete(name: string): void {
    let ns = this.client.get('namespaces', '', name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    ns = this.ensureTerminating(ns);
    if (!specFinalizers(ns).includes(FINALIZER_KUBERNETES)) return;
    const estimate = this.deleteAllContent(ns);
    if (estimate > 0) throw new ResourcesRemainingError(estimate);
    this.finalize(ns);
  }

  /** updateNamespaceStatusFunc: a terminating namespace says so in its phase. */
  private ensureTerminating(ns: KubeObject): KubeObject {
    const status = (ns.status ?? {}) as { phase?: string };
    if (status.phase === 'Terminating') return ns;
    return this.client.updateStatus('namespaces', { ...ns, status: { ...status, phase: 'Terminating' } });
  }

  /** finalizeNamespace: PUT …/finalize without our token; retried once on conflict with a fresh read. */
  private finalize(ns: KubeObject): void {
    for (let attempt = 0; ; attempt++) {
      const body = { apiVersion: 'v1', kind: 'Namespace', metadata: ns.metadata, spec: { ...((ns.spec as object) ?? {}), finalizers: specFinalizers(ns).filter((f) => f !== FINALIZER_KUBERNETES) } };
      try {
        this.call('PUT', `/api/v1/namespaces/${ns.metadata.name}/finalize`, body);
        return;
      } catch (e) {
        if (e instanceof StatusError && e.code === 404) return;
        if (!(e instanceof StatusError && e.code === 409) || attempt > 0) throw e;
        const fresh = this.client.get('namespaces', '', ns.metadata.name!);
        if (!fresh) return;
        if (fresh.metadata.uid !== ns.metadata.uid) throw new Error('namespace uid has changed across retries');
        ns = fresh;
      }
    }
  }

  /** deleteAllContent: every resource type; the largest estimate wins; failures are collected. */
  private deleteAllContent(ns: KubeObject): number {
    const name = ns.metadata.name!;
    const deletedAt = Date.parse(String(ns.metadata.deletionTimestamp));
    const updater = new ConditionUpdater(this.rfc3339());
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    const errors: string[] = [];
    let estimate = 0;
    for (const r of deletableResources()) {
      const res = this.deleteAllContentForResource(r, name, deletedAt);
      if (res.error) {
        errors.push(res.error);
        updater.processDeleteContentErr(res.error);
      }
      estimate = Math.max(estimate, res.estimate);
      if (res.remaining > 0) {
        remaining.set(`${r.resource}.${r.group}`, res.remaining);
        for (const [f, n] of res.finalizers) finalizers.set(f, (finalizers.get(f) ?? 0) + n);
      }
    }
    updater.processContentTotals(remaining, finalizers);
    const st = (ns.status ?? {}) as { phase?: string; conditions?: NamespaceCondition[] };
    const { conditions, changed } = updater.update(st.conditions);
    if (changed) {
      try {
        const fresh = this.client.get('namespaces', '', name);
        if (fresh) this.client.updateStatus('namespaces', { ...fresh, status: { ...((fresh.status as object) ?? {}), conditions } });
      } catch {
        // Upstream only logs a failed condition update; the next pass writes them again.
      }
    }
    if (errors.length) throw new Error(aggregateMessage(errors));
    return estimate;
  }

  private list(r: ResourceInfo, namespace: string): KubeObject[] {
    return (this.call('GET', collectionPath(r, namespace)) as KubeList).items;
  }

  /** deleteAllContentForGroupVersionResource. */
  private deleteAllContentForResource(r: ResourceInfo, namespace: string, deletedAt: number): GvrResult {
    const estimate = r.group === '' && r.resource === 'pods' ? this.estimateGracefulTermination(namespace, deletedAt) : 0;
    try {
      if (r.verbs.includes('deletecollection')) {
        this.call('DELETE', collectionPath(r, namespace), { propagationPolicy: 'Background' });
      } else {
        for (const item of this.list(r, namespace)) {
          try {
            this.call('DELETE', objectPath(r, item.metadata.name!, namespace), { propagationPolicy: 'Background' });
          } catch (e) {
            if (!(e instanceof StatusError && (e.code === 404 || e.code === 405))) throw e;
          }
        }
      }
      const left = this.list(r, namespace);
      const finalizers = new Map<string, number>();
      for (const item of left) for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      if (estimate !== 0 || !left.length) return { estimate, remaining: left.length, finalizers };
      // Content with finalizers is normal: give whoever owns them a little while.
      if (finalizers.size) return { estimate: FINALIZER_ESTIMATE_SECONDS, remaining: left.length, finalizers };
      return { estimate, remaining: left.length, finalizers, error: `unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(r)}` };
    } catch (e) {
      return { estimate, remaining: 0, finalizers: new Map(), error: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * estimateGracefulTermination for pods: the longest grace period of a pod that is not finished,
   * unless that much time has already passed since the namespace was deleted.
   */
  private estimateGracefulTermination(namespace: string, deletedAt: number): number {
    let estimate = 0;
    for (const pod of this.list(RESOURCES.find((x) => x.group === '' && x.resource === 'pods')!, namespace)) {
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const grace = (pod.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds;
      if (grace !== undefined && grace > estimate) estimate = grace;
    }
    if (this.now() - deletedAt >= estimate * 1000) estimate = 0;
    return estimate;
  }
}
