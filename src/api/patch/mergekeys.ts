// Strategic-merge metadata for built-in kinds, transcribed from the Go struct tags of k8s.io/api
// (`patchStrategy:"merge" patchMergeKey:"name"`), since kubernetes-types carries none.
// A PatchMeta node describes one value: `fields` for an object's fields, `items` for a list's
// elements; `strategy`/`mergeKey` are the tags of the field that holds the value.
// Fields absent from the table have no tag: lists are replaced wholesale, maps are merged.

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface PatchMeta {
  strategy?: PatchStrategy;
  mergeKey?: string;
  items?: PatchMeta;
  fields?: Record<string, PatchMeta>;
}

export const EMPTY_META: PatchMeta = Object.freeze({}) as PatchMeta;

const merge = (mergeKey: string, items?: PatchMeta): PatchMeta => (items ? { strategy: 'merge', mergeKey, items } : { strategy: 'merge', mergeKey });
const mergeRetain = (mergeKey: string): PatchMeta => ({ strategy: 'merge,retainKeys', mergeKey });
const obj = (fields: Record<string, PatchMeta>): PatchMeta => ({ fields });

/** metav1.ObjectMeta: finalizers is a merging list of strings; ownerReferences merge by uid. */
export const objectMetaMeta = obj({ finalizers: { strategy: 'merge' }, ownerReferences: merge('uid') });

const containerMeta = obj({
  ports: merge('containerPort'),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
});

export const podSpecMeta = obj({
  volumes: mergeRetain('name'),
  initContainers: merge('name', containerMeta),
  containers: merge('name', containerMeta),
  ephemeralContainers: merge('name', containerMeta),
  imagePullSecrets: merge('name'),
  hostAliases: merge('ip'),
  topologySpreadConstraints: merge('topologyKey'),
  schedulingGates: merge('name'),
  resourceClaims: mergeRetain('name'),
});

const conditions = obj({ conditions: merge('type') });

const podStatusMeta = obj({
  conditions: merge('type'),
  podIPs: merge('ip'),
  hostIPs: merge('ip'),
  resourceClaimStatuses: mergeRetain('name'),
});

export const podTemplateSpecMeta = obj({ metadata: objectMetaMeta, spec: podSpecMeta });

/** A top-level object with ObjectMeta plus the given fields. */
const kind = (fields: Record<string, PatchMeta> = {}): PatchMeta => obj({ metadata: objectMetaMeta, ...fields });
/** Workloads: spec.template is a PodTemplateSpec, status.conditions merge by type. */
const workload = (spec: Record<string, PatchMeta> = {}): PatchMeta =>
  kind({ spec: obj({ template: podTemplateSpecMeta, ...spec }), status: conditions });

const core: Record<string, PatchMeta> = {
  Pod: kind({ spec: podSpecMeta, status: podStatusMeta }),
  PodTemplate: kind({ template: podTemplateSpecMeta }),
  ReplicationController: workload(),
  Service: kind({ spec: obj({ ports: merge('port') }), status: conditions }),
  Node: kind({
    spec: obj({ podCIDRs: { strategy: 'merge' } }),
    status: obj({ conditions: merge('type'), addresses: merge('type') }),
  }),
  Namespace: kind({ status: conditions }),
  PersistentVolumeClaim: kind({ status: conditions }),
  ServiceAccount: kind({ secrets: merge('name') }),
};

const apps: Record<string, PatchMeta> = {
  Deployment: workload({ strategy: { strategy: 'retainKeys' } }),
  ReplicaSet: workload(),
  DaemonSet: workload(),
  StatefulSet: workload(),
};

const batch: Record<string, PatchMeta> = {
  Job: workload(),
  CronJob: kind({
    spec: obj({ jobTemplate: obj({ metadata: objectMetaMeta, spec: obj({ template: podTemplateSpecMeta }) }) }),
  }),
};

const byGroup: Record<string, Record<string, PatchMeta>> = {
  '': core,
  apps,
  batch,
  autoscaling: { HorizontalPodAutoscaler: kind({ status: conditions }) },
  policy: { PodDisruptionBudget: kind({ status: conditions }) },
};

/** Built-in groups whose other kinds still get ObjectMeta's tags (finalizers, ownerReferences). */
const builtinGroups = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'discovery.k8s.io',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'events.k8s.io',
  'node.k8s.io',
  'apiextensions.k8s.io',
  'admissionregistration.k8s.io',
  'certificates.k8s.io',
]);

const plainBuiltin = kind();

/**
 * The strategic-merge metadata of a kind. Unknown groups (custom resources) get an empty meta:
 * every list is replaced, as a JSON merge patch would.
 */
export function patchMetaForKind(group: string, kindName: string): PatchMeta {
  const known = byGroup[group]?.[kindName];
  if (known) return known;
  return builtinGroups.has(group) ? plainBuiltin : EMPTY_META;
}

/** Whether the kind has built-in strategic-merge metadata (the apiserver rejects SMP otherwise). */
export function supportsStrategicMerge(group: string): boolean {
  return builtinGroups.has(group);
}
