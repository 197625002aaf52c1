// kubectl's view of the server's resources, from aggregated discovery, and the RESTMapper that
// turns what a user types (po, deploy, deployments.apps, Pod) into a resource.
import type { ApiClient } from '../api/client';
import { CmdError, ServerError } from './errors';
import { isStatus } from '../api/status';

export interface ApiResource {
  group: string;
  version: string;
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: string[];
}

export const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface AggregatedList {
  items: {
    metadata: { name: string };
    versions: {
      version: string;
      resources: {
        resource: string;
        responseKind: { kind: string };
        scope: string;
        singularResource: string;
        verbs: string[];
        shortNames?: string[];
        categories?: string[];
        subresources?: { subresource: string }[];
      }[];
    }[];
  }[];
}

export function gvString(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `pods`, `deployments.apps`: how kubectl names a resource in messages and `-o name`. */
export function groupResource(r: { group: string; resource: string }): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

export class Discovery {
  private resources?: ApiResource[];
  constructor(private readonly client: ApiClient) {}

  async all(): Promise<ApiResource[]> {
    if (this.resources) return this.resources;
    const out: ApiResource[] = [];
    for (const path of ['/api', '/apis']) {
      const res = await this.client.request({ verb: 'GET', path, accept: AGGREGATED_ACCEPT });
      if (res.status !== 200) {
        if (isStatus(res.body)) throw new ServerError(res.body);
        throw new CmdError(`couldn't get current server API group list: HTTP ${res.status}`);
      }
      const list = res.body as AggregatedList;
      for (const g of list.items ?? []) {
        // The first version listed is the preferred one.
        for (const v of g.versions ?? []) {
          for (const r of v.resources ?? []) {
            out.push({
              group: g.metadata.name ?? '',
              version: v.version,
              resource: r.resource,
              singular: r.singularResource,
              kind: r.responseKind?.kind ?? '',
              namespaced: r.scope === 'Namespaced',
              verbs: r.verbs ?? [],
              shortNames: r.shortNames ?? [],
              categories: r.categories ?? [],
              subresources: (r.subresources ?? []).map((s) => s.subresource),
            });
          }
        }
      }
    }
    this.resources = out;
    return out;
  }

  /** Preferred version of each group only (what get/describe resolve against). */
  async preferred(): Promise<ApiResource[]> {
    const all = await this.all();
    const firstVersion = new Map<string, string>();
    for (const r of all) if (!firstVersion.has(r.group)) firstVersion.set(r.group, r.version);
    return all.filter((r) => firstVersion.get(r.group) === r.version);
  }

  /**
   * Resolves a resource argument as kubectl's RESTMapper with its shortcut expander does:
   * plural, singular, short name or kind, optionally qualified as `res.group` or `res.version.group`.
   */
  async resolve(arg: string): Promise<ApiResource> {
    const found = await this.tryResolve(arg);
    // builder.mappingFor names the resource part only (deployments.nope → "deployments").
    if (!found) throw new CmdError(`the server doesn't have a resource type "${arg.split('.')[0]}"`);
    return found;
  }

  async tryResolve(arg: string): Promise<ApiResource | undefined> {
    const all = await this.preferred();
    const lower = arg.toLowerCase();
    const dot = lower.indexOf('.');
    const name = dot < 0 ? lower : lower.slice(0, dot);
    const qual = dot < 0 ? undefined : lower.slice(dot + 1);
    const matchesName = (r: ApiResource) => r.resource === name || r.singular === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name;
    const candidates = (list: ApiResource[]) => {
      // Short names first, as the shortcut expander rewrites them before the mapper runs.
      const byShort = list.filter((r) => r.shortNames.includes(name));
      if (byShort.length) return byShort;
      return list.filter(matchesName);
    };
    if (qual === undefined) {
      const c = candidates(all);
      // Core and then discovery order decide ambiguous names (events → core/v1 Event).
      return c[0];
    }
    // builder.mappingFor: `res.version.group` (two dots or more) first, then `res.group`.
    const everything = await this.all();
    const rest = qual.indexOf('.');
    if (rest >= 0) {
      const found = kindFor(everything, name, qual.slice(0, rest), qual.slice(rest + 1));
      if (found) return found;
    }
    return kindFor(everything, name, '', qual);
  }

  /** Resources in a category (`all`), in discovery order. */
  async category(cat: string): Promise<ApiResource[]> {
    return (await this.preferred()).filter((r) => r.categories.includes(cat));
  }
}

/**
 * The RESTMapper behind kubectl's shortcut expander (client-go restmapper/shortcut.go) for a
 * group-qualified name: a full (plural or singular) name keeps the version asked for; a short
 * name keeps only its group, so it maps to the group's preferred version (hpa.v1.autoscaling is
 * autoscaling/v2, horizontalpodautoscalers.v1.autoscaling autoscaling/v1); a short name may
 * also name its group by a prefix (hpa.autoscal); a kind comes last. `all` lists each group's
 * preferred version first.
 */
function kindFor(all: ApiResource[], name: string, version: string, group: string): ApiResource | undefined {
  const inGroup = all.filter((r) => r.group === group);
  const full = inGroup.filter((r) => r.resource === name || r.singular === name);
  if (full.length) return version ? full.find((r) => r.version === version) : full[0];
  const short = inGroup.find((r) => r.shortNames.includes(name)) ?? (group ? all.find((r) => r.group.startsWith(group) && r.shortNames.includes(name)) : undefined);
  if (short) return short;
  return inGroup.find((r) => r.kind.toLowerCase() === name && (!version || r.version === version));
}
