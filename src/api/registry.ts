// The one table of served kinds. Routing, discovery, OpenAPI, Tables and kubectl's own
// fallbacks all derive from it, so adding a kind is one row.

export type Scope = 'Namespaced' | 'Cluster';

export interface SubresourceInfo {
  name: string;
  /** Kind answered, when not the parent's kind (Scale, Eviction, Binding). */
  kind?: { group: string; version: string; kind: string };
  verbs: string[];
}

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** Plural resource name: pods, deployments. */
  resource: string;
  singular: string;
  scope: Scope;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: SubresourceInfo[];
  /** Name validation applied to metadata.name. */
  nameRule: 'subdomain' | 'label1035' | 'label1123' | 'path';
  /** Kinds whose name is validated but which are not stored (create-only reviews, bindings). */
  virtual?: boolean;
  /** OpenAPI definition name, e.g. io.k8s.api.core.v1.Pod */
  definition: string;
  /**
   * Set on a version served besides the stored one (autoscaling/v1 HorizontalPodAutoscaler):
   * the version objects are stored in; the API server converts at the boundary.
   */
  storageVersion?: string;
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS: SubresourceInfo = { name: 'status', verbs: ['get', 'patch', 'update'] };
const SCALE: SubresourceInfo = {
  name: 'scale',
  kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  verbs: ['get', 'patch', 'update'],
};

function row(
  group: string,
  version: string,
  kind: string,
  resource: string,
  scope: Scope,
  extra: Partial<Omit<ResourceInfo, 'group' | 'version' | 'kind' | 'resource' | 'scope'>> = {},
): ResourceInfo {
  const pkg = group === '' ? 'core' : group.replace(/\.k8s\.io$/, '').replace(/\./g, '');
  const defGroup =
    group === '' ? 'core' : group === 'authorization.k8s.io' ? 'authorization' : group === 'coordination.k8s.io' ? 'coordination' : group === 'discovery.k8s.io' ? 'discovery' : group === 'events.k8s.io' ? 'events' : pkg;
  return {
    group,
    version,
    kind,
    resource,
    singular: kind.toLowerCase(),
    scope,
    shortNames: [],
    categories: [],
    verbs: RW,
    subresources: [],
    nameRule: 'subdomain',
    definition: `io.k8s.api.${defGroup}.${version}.${kind}`,
    ...extra,
  };
}

/** In discovery order: core first, then groups as kube-apiserver orders them. */
export const RESOURCES: ResourceInfo[] = [
  row('', 'v1', 'Binding', 'bindings', 'Namespaced', { verbs: ['create'], virtual: true }),
  row('', 'v1', 'ConfigMap', 'configmaps', 'Namespaced', { shortNames: ['cm'] }),
  row('', 'v1', 'Endpoints', 'endpoints', 'Namespaced', { shortNames: ['ep'], singular: 'endpoints' }),
  row('', 'v1', 'Event', 'events', 'Namespaced', { shortNames: ['ev'] }),
  row('', 'v1', 'Namespace', 'namespaces', 'Cluster', {
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'finalize', verbs: ['update'] }, STATUS],
    nameRule: 'label1123',
  }),
  row('', 'v1', 'Node', 'nodes', 'Cluster', {
    shortNames: ['no'],
    subresources: [{ name: 'proxy', kind: { group: '', version: 'v1', kind: 'NodeProxyOptions' }, verbs: ['create', 'delete', 'get', 'patch', 'update'] }, STATUS],
  }),
  row('', 'v1', 'Pod', 'pods', 'Namespaced', {
    shortNames: ['po'],
    categories: ['all'],
    subresources: [
      { name: 'attach', kind: { group: '', version: 'v1', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] },
      { name: 'binding', kind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
      { name: 'ephemeralcontainers', verbs: ['get', 'patch', 'update'] },
      { name: 'eviction', kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
      { name: 'exec', kind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
      { name: 'log', verbs: ['get'] },
      { name: 'portforward', kind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' }, verbs: ['create', 'get'] },
      { name: 'proxy', kind: { group: '', version: 'v1', kind: 'PodProxyOptions' }, verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      STATUS,
    ],
  }),
  row('', 'v1', 'ReplicationController', 'replicationcontrollers', 'Namespaced', {
    shortNames: ['rc'],
    categories: ['all'],
    subresources: [SCALE, STATUS],
  }),
  row('', 'v1', 'Secret', 'secrets', 'Namespaced'),
  row('', 'v1', 'ServiceAccount', 'serviceaccounts', 'Namespaced', {
    shortNames: ['sa'],
    subresources: [{ name: 'token', kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] }],
  }),
  row('', 'v1', 'Service', 'services', 'Namespaced', {
    shortNames: ['svc'],
    categories: ['all'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'proxy', kind: { group: '', version: 'v1', kind: 'ServiceProxyOptions' }, verbs: ['create', 'delete', 'get', 'patch', 'update'] }, STATUS],
    nameRule: 'label1035',
  }),
  row('apps', 'v1', 'ControllerRevision', 'controllerrevisions', 'Namespaced'),
  row('apps', 'v1', 'DaemonSet', 'daemonsets', 'Namespaced', { shortNames: ['ds'], categories: ['all'], subresources: [STATUS] }),
  row('apps', 'v1', 'Deployment', 'deployments', 'Namespaced', { shortNames: ['deploy'], categories: ['all'], subresources: [SCALE, STATUS] }),
  row('apps', 'v1', 'ReplicaSet', 'replicasets', 'Namespaced', { shortNames: ['rs'], categories: ['all'], subresources: [SCALE, STATUS] }),
  row('apps', 'v1', 'StatefulSet', 'statefulsets', 'Namespaced', { shortNames: ['sts'], categories: ['all'], subresources: [SCALE, STATUS] }),
  row('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', 'Cluster', { verbs: ['create'], virtual: true }),
  row('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', 'Cluster', { verbs: ['create'], virtual: true }),
  row('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'Namespaced', { shortNames: ['hpa'], categories: ['all'], subresources: [STATUS] }),
  row('batch', 'v1', 'CronJob', 'cronjobs', 'Namespaced', { shortNames: ['cj'], categories: ['all'], subresources: [STATUS] }),
  row('batch', 'v1', 'Job', 'jobs', 'Namespaced', { categories: ['all'], subresources: [STATUS] }),
  row('coordination.k8s.io', 'v1', 'Lease', 'leases', 'Namespaced'),
  row('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', 'Namespaced'),
  row('events.k8s.io', 'v1', 'Event', 'events', 'Namespaced', { shortNames: ['ev'] }),
  row('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', 'Namespaced', { shortNames: ['pdb'], subresources: [STATUS] }),
];

/**
 * Older versions served for a kind of RESOURCES, converted to and from its stored version. Kept
 * apart so that everything that walks the kinds (garbage collector, namespace deleter, clients)
 * still sees each resource once.
 */
export const OTHER_VERSIONS: ResourceInfo[] = [
  row('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'Namespaced', { shortNames: ['hpa'], categories: ['all'], subresources: [STATUS], storageVersion: 'v2' }),
];

/** Every served group-version-resource, in discovery order (a group's preferred version first). */
export const SERVED_RESOURCES: ResourceInfo[] = RESOURCES.flatMap((r) => [r, ...OTHER_VERSIONS.filter((o) => o.group === r.group && o.resource === r.resource)]);

export function groupVersion(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** Group-versions in discovery order. */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Set<string>();
  const out: { group: string; version: string }[] = [];
  for (const r of RESOURCES) {
    const gv = groupVersion(r);
    if (!seen.has(gv)) {
      seen.add(gv);
      out.push({ group: r.group, version: r.version });
    }
  }
  return out;
}

const byGVR = new Map<string, ResourceInfo>();
const byGVK = new Map<string, ResourceInfo>();
for (const r of [...RESOURCES, ...OTHER_VERSIONS]) {
  byGVR.set(`${r.group}/${r.version}/${r.resource}`, r);
  byGVK.set(`${r.group}/${r.version}/${r.kind}`, r);
}

export function lookupResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return byGVR.get(`${group}/${version}/${resource}`);
}

export function lookupKind(group: string, version: string, kind: string): ResourceInfo | undefined {
  return byGVK.get(`${group}/${version}/${kind}`);
}

/** Splits `apps/v1` into group and version; `v1` is the core group. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** Collection path for a resource, namespaced when ns is given. */
export function collectionPath(r: ResourceInfo, namespace?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.scope === 'Namespaced' && namespace ? `${base}/namespaces/${namespace}/${r.resource}` : `${base}/${r.resource}`;
}

export function objectPath(r: ResourceInfo, name: string, namespace?: string): string {
  return `${collectionPath(r, namespace)}/${name}`;
}
