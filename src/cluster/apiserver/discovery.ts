// Discovery documents: aggregated (apidiscovery.k8s.io/v2) and the legacy per-group lists,
// both derived from the kinds table.
import { RESOURCES, SERVED_RESOURCES, type ResourceInfo } from '../../api/registry';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_V2BETA1_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** Whether the Accept header asks for aggregated discovery, and in which version. */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    if (p.includes('g=apidiscovery.k8s.io') && p.includes('as=APIGroupDiscoveryList')) {
      if (p.includes('v=v2beta1')) return 'v2beta1';
      if (p.includes('v=v2')) return 'v2';
    }
  }
  return undefined;
}

function groupsInOrder(core: boolean): string[] {
  const names: string[] = [];
  for (const r of RESOURCES) if ((r.group === '') === core && !names.includes(r.group)) names.push(r.group);
  return names;
}

/** The group's served versions, the preferred (stored) one first. */
function versionsOf(group: string): string[] {
  const out: string[] = [];
  for (const r of SERVED_RESOURCES) if (r.group === group && !out.includes(r.version)) out.push(r.version);
  return out;
}

function aggregatedResource(r: ResourceInfo) {
  const out: Record<string, unknown> = {
    resource: r.resource,
    responseKind: { group: '', version: '', kind: r.kind },
    scope: r.scope,
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length) out.shortNames = r.shortNames;
  if (r.categories.length) out.categories = r.categories;
  if (r.subresources.length) {
    out.subresources = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: s.kind ? { group: s.kind.group, version: s.kind.version, kind: s.kind.kind } : { group: '', version: '', kind: r.kind },
      verbs: s.verbs,
    }));
  }
  return out;
}

export function aggregatedDiscovery(which: 'api' | 'apis', version: 'v2' | 'v2beta1') {
  const items = groupsInOrder(which === 'api').map((group) => ({
    metadata: { name: group, creationTimestamp: null },
    versions: versionsOf(group).map((v) => ({
      version: v,
      resources: SERVED_RESOURCES.filter((r) => r.group === group && r.version === v).map(aggregatedResource),
      freshness: 'Current',
    })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

export function legacyApiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string) {
  const versions = versionsOf(group).map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function legacyApiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsInOrder(false).map(apiGroup) };
}

export function legacyApiGroup(group: string) {
  if (!versionsOf(group).length) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) };
}

export function legacyResourceList(group: string, version: string) {
  const rs = SERVED_RESOURCES.filter((r) => r.group === group && r.version === version);
  if (!rs.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of rs) {
    const e: Record<string, unknown> = {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.scope === 'Namespaced',
      kind: r.kind,
      verbs: r.verbs,
    };
    if (r.shortNames.length) e.shortNames = r.shortNames;
    if (r.categories.length) e.categories = r.categories;
    resources.push(e);
    for (const s of r.subresources) {
      const se: Record<string, unknown> = {
        name: `${r.resource}/${s.name}`,
        singularName: '',
        namespaced: r.scope === 'Namespaced',
        kind: s.kind?.kind ?? r.kind,
        verbs: s.verbs,
      };
      if (s.kind && s.kind.group) se.group = s.kind.group;
      if (s.kind && s.kind.group) se.version = s.kind.version;
      resources.push(se);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
