// Loading fixture objects verbatim: uid, resourceVersion, timestamps and status are kept as
// written (no defaulting, validation or allocation), through the store's snapshot format. For
// tests that compare with outputs captured against a known server state (the golden set).
import { lookupKind, parseApiVersion } from '../api/registry';
import type { KubeObject } from '../api/types';
import { resourceKey } from './apiserver/paths';
import type { StoreSnapshot } from './store/types';

/** The part of a cluster the loader touches. */
export interface FixtureTarget {
  store: { snapshot(): StoreSnapshot; restore(s: StoreSnapshot): void; revision(): number };
}

/** Flattens `List` documents (and arrays) into their items. */
export function flattenObjects(objects: readonly unknown[]): KubeObject[] {
  const out: KubeObject[] = [];
  const visit = (o: unknown): void => {
    if (Array.isArray(o)) return o.forEach(visit);
    if (!o || typeof o !== 'object') throw new Error(`fixture: not an object: ${JSON.stringify(o)}`);
    const obj = o as KubeObject & { items?: unknown[] };
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) return obj.items.forEach(visit);
    out.push(obj);
  };
  objects.forEach(visit);
  return out;
}

/**
 * Writes objects into the cluster's store as they are, replacing any object with the same key.
 * Objects without a resourceVersion get the next revisions; the store's revision ends at the
 * highest resourceVersion seen, so later writes get larger ones. Watchers open at the time are
 * closed (the store's restore), so load before serving.
 */
export function loadObjects(cluster: FixtureTarget, objects: readonly unknown[]): void {
  const snap = cluster.store.snapshot();
  let revision = cluster.store.revision();
  const resources: Record<string, KubeObject[]> = {};
  for (const [k, items] of Object.entries(snap.resources)) resources[k] = [...items];
  const flat = flattenObjects(objects);
  for (const o of flat) {
    const rv = Number(o.metadata?.resourceVersion);
    if (Number.isInteger(rv) && rv > revision) revision = rv;
  }
  for (const o of flat) {
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') throw new Error(`fixture: object without apiVersion/kind: ${JSON.stringify(o).slice(0, 200)}`);
    const { group, version } = parseApiVersion(o.apiVersion);
    const info = lookupKind(group, version, o.kind);
    if (!info || info.virtual) throw new Error(`fixture: no stored resource serves ${o.apiVersion} ${o.kind}`);
    const m = o.metadata;
    if (!m?.name) throw new Error(`fixture: ${o.kind} without metadata.name`);
    if (info.scope === 'Namespaced' && !m.namespace) throw new Error(`fixture: ${o.kind} "${m.name}" without metadata.namespace`);
    const obj = JSON.parse(JSON.stringify(o)) as KubeObject;
    if (!obj.metadata.resourceVersion) obj.metadata.resourceVersion = String(++revision);
    const key = resourceKey(info);
    const list = (resources[key] ??= []);
    const ns = info.scope === 'Namespaced' ? m.namespace : undefined;
    const i = list.findIndex((x) => x.metadata.name === m.name && x.metadata.namespace === ns);
    if (i >= 0) list[i] = obj;
    else list.push(obj);
  }
  cluster.store.restore({ revision, resources });
}
