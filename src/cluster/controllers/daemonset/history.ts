// DaemonSet history (pkg/controller/daemon/update.go constructHistory / cleanupHistory): one
// ControllerRevision per template, named `<ds>-<hash>`, holding a patch that replaces
// spec.template; the current one carries the highest revision, and old ones beyond
// revisionHistoryLimit go once no pod runs them.
import type { KubeObject } from '../../../api/types';
import type { ClusterClient } from '../../machinery/client';
import type { Informer } from '../../machinery/informer';
import { isAlreadyExists } from '../../machinery/client';
import { computeHash, templateHashInput } from '../deployment/hash';
import type { PodTemplate } from '../deployment/util';
import { controllerOf, newControllerRef } from '../replicaset/claim';
import { REVISION_HASH_LABEL } from './util';

type Obj = Record<string, any>;

const revisionOf = (cr: KubeObject) => Number((cr as Obj).revision ?? 0);

/** getPatch: the DaemonSet reduced to a patch that replaces its template. */
function revisionData(ds: KubeObject): Obj {
  const template = JSON.parse(JSON.stringify((ds.spec as Obj).template ?? {}));
  return { spec: { template: { ...template, $patch: 'replace' } } };
}

/** Match: the revision's patch is the DaemonSet's current template. */
function matches(ds: KubeObject, cr: KubeObject): boolean {
  const t = { ...((((cr as Obj).data ?? {}).spec ?? {}).template ?? {}) };
  delete t.$patch;
  return templateHashInput(t as PodTemplate) === templateHashInput((ds.spec as Obj).template as PodTemplate);
}

export interface History {
  cur: KubeObject;
  old: KubeObject[];
  hash: string;
}

/** constructHistory: the DaemonSet's revisions, creating (or moving to the top) the current one. */
export function constructHistory(ds: KubeObject, revisions: Informer, client: ClusterClient): History {
  const ns = ds.metadata.namespace!;
  const owned = revisions.list(ns).filter((cr) => controllerOf(cr)?.uid === ds.metadata.uid);
  const current = owned.filter((cr) => matches(ds, cr)).sort((a, b) => revisionOf(b) - revisionOf(a));
  const old = owned.filter((cr) => !current.includes(cr));
  const maxOld = old.reduce((m, cr) => Math.max(m, revisionOf(cr)), 0);
  let cur = current[0];
  // Duplicates of the current revision (dedupCurHistories): keep the newest.
  for (const dup of current.slice(1)) {
    try {
      client.delete('controllerrevisions.apps', ns, dup.metadata.name!);
    } catch {
      // already gone
    }
  }
  if (cur) {
    if (revisionOf(cur) <= maxOld) cur = client.update('controllerrevisions.apps', { ...cur, revision: maxOld + 1 } as KubeObject);
  } else {
    const status = (ds.status ?? {}) as Obj;
    const hash = computeHash((ds.spec as Obj).template as PodTemplate, status.collisionCount);
    const labels = { ...(((ds.spec as Obj).template?.metadata?.labels ?? {}) as Record<string, string>), [REVISION_HASH_LABEL]: hash };
    const body = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: `${ds.metadata.name}-${hash}`, namespace: ns, labels, annotations: ds.metadata.annotations, ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')] },
      data: revisionData(ds),
      revision: maxOld + 1,
    } as KubeObject;
    try {
      cur = client.create('controllerrevisions.apps', ns, body);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      // A revision of another template holds the name: a hash collision (collisionCount++ upstream).
      const existing = client.get('controllerrevisions.apps', ns, body.metadata.name!);
      if (!existing || !matches(ds, existing)) throw e;
      cur = existing;
    }
  }
  return { cur, old, hash: cur.metadata.labels?.[REVISION_HASH_LABEL] ?? '' };
}

/** cleanupHistory: delete the oldest unused revisions beyond revisionHistoryLimit. */
export function cleanupHistory(ds: KubeObject, old: KubeObject[], livePods: KubeObject[], client: ClusterClient): void {
  const limit = Number((ds.spec as Obj).revisionHistoryLimit ?? 10);
  let toKill = old.length - limit;
  if (toKill <= 0) return;
  const live = new Set(livePods.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL]).filter(Boolean));
  for (const cr of [...old].sort((a, b) => revisionOf(a) - revisionOf(b))) {
    if (toKill <= 0) break;
    if (live.has(cr.metadata.labels?.[REVISION_HASH_LABEL])) continue;
    try {
      client.delete('controllerrevisions.apps', ds.metadata.namespace!, cr.metadata.name!);
    } catch {
      // already gone
    }
    toKill--;
  }
}
