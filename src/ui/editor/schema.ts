// The editor's JSON Schema, built from the same component schemas as the apiserver's OpenAPI
// (src/generated/k8s-schemas.json, generated from kubernetes-types). Pure: no Monaco, no DOM,
// so it is unit-tested in Node and bundled only into the lazy Monaco chunk.
//
// OpenAPI v3 → JSON Schema (draft-07, the dialect yaml-language-server speaks):
//   - `#/components/schemas/X` and the real documents' `allOf: [{$ref}]` become `$ref: '#/definitions/X'`
//     (the field's own description is kept beside the `$ref`; yaml-language-server shows it on hover);
//   - objects with properties are closed (`additionalProperties: false`) so an unknown field gets
//     a marker, as `kubectl apply`'s strict field validation refuses it; maps and
//     `x-kubernetes-preserve-unknown-fields` objects stay open;
//   - Go-ish formats (int32, int-or-string, ...) and x-kubernetes-* extensions are dropped, and so
//     are the `default: {}` of value structs (they would make completion insert `{}`);
//   - the enums the real v1.32 OpenAPI carries for the common fields (restartPolicy, Service type, ...)
//     are added, since the .d.ts files only name them in the description.
// The document schema then selects a kind's definition by `apiVersion` + `kind` with one
// `if`/`then` per served kind.

export interface OpenApiSchema {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  additionalProperties?: OpenApiSchema | boolean;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  $ref?: string;
  default?: unknown;
  enum?: unknown[];
  [extension: string]: unknown;
}

export interface KindEntry {
  group: string;
  version: string;
  kind: string;
  definition: string;
}

/** The JSON Schema subset we emit (a structural match for monaco-yaml's JSONSchema). */
export interface JsonSchema {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  $ref?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  if?: JsonSchema;
  then?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
  errorMessage?: string;
  title?: string;
}

export const OPENAPI_REF = '#/components/schemas/';
export const JSON_REF = '#/definitions/';
/** The in-memory URI the editor registers the schema under (never fetched). */
export const SCHEMA_URI = 'inmemory://kubeplay/kubernetes.schema.json';

/**
 * Enums of the real v1.32 OpenAPI (`enum:` beside "Possible enum values" in the description), as
 * `<Definition short name>.<field>`. For arrays the enum applies to the items.
 */
export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  'core.v1.PodSpec.restartPolicy': ['Always', 'Never', 'OnFailure'],
  'core.v1.PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'core.v1.PodSpec.preemptionPolicy': ['Never', 'PreemptLowerPriority'],
  'core.v1.Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'core.v1.Container.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'core.v1.EphemeralContainer.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'core.v1.EphemeralContainer.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'core.v1.ContainerPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'core.v1.ServicePort.protocol': ['SCTP', 'TCP', 'UDP'],
  'core.v1.EndpointPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'core.v1.ServiceSpec.type': ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
  'core.v1.ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'core.v1.ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'core.v1.ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'core.v1.ServiceSpec.ipFamilyPolicy': ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
  'core.v1.ServiceSpec.ipFamilies': ['IPv4', 'IPv6'],
  'core.v1.HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'core.v1.Toleration.operator': ['Equal', 'Exists'],
  'core.v1.Toleration.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'core.v1.Taint.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'core.v1.NodeSelectorRequirement.operator': ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'],
  'core.v1.PersistentVolumeClaimSpec.accessModes': ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'],
  'core.v1.PersistentVolumeSpec.accessModes': ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'],
  'core.v1.PersistentVolumeClaimSpec.volumeMode': ['Block', 'Filesystem'],
  'core.v1.PersistentVolumeSpec.volumeMode': ['Block', 'Filesystem'],
  'core.v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Delete', 'Recycle', 'Retain'],
  'core.v1.HostPathVolumeSource.type': ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'],
  'core.v1.PodSecurityContext.fsGroupChangePolicy': ['Always', 'OnRootMismatch'],
  'core.v1.TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'core.v1.TopologySpreadConstraint.nodeAffinityPolicy': ['Honor', 'Ignore'],
  'core.v1.TopologySpreadConstraint.nodeTaintsPolicy': ['Honor', 'Ignore'],
  'core.v1.ScopedResourceSelectorRequirement.operator': ['DoesNotExist', 'Exists', 'In', 'NotIn'],
  'core.v1.LimitRangeItem.type': ['Container', 'PersistentVolumeClaim', 'Pod'],
  'apps.v1.DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'apps.v1.DaemonSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'apps.v1.StatefulSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'apps.v1.StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'batch.v1.CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'batch.v1.JobSpec.completionMode': ['Indexed', 'NonIndexed'],
  'batch.v1.JobSpec.podReplacementPolicy': ['Failed', 'TerminatingOrFailed'],
  'networking.v1.HTTPIngressPath.pathType': ['Exact', 'ImplementationSpecific', 'Prefix'],
  'networking.v1.NetworkPolicySpec.policyTypes': ['Egress', 'Ingress'],
  'networking.v1.NetworkPolicyPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'autoscaling.v2.HPAScalingPolicy.type': ['Percent', 'Pods'],
  'autoscaling.v2.HPAScalingRules.selectPolicy': ['Disabled', 'Max', 'Min'],
  'autoscaling.v2.MetricTarget.type': ['AverageValue', 'Utilization', 'Value'],
  'autoscaling.v2.MetricSpec.type': ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'],
};

/** `io.k8s.api.core.v1.PodSpec` → `core.v1.PodSpec` (the key of ENUMS). */
function shortName(definition: string): string {
  return definition.startsWith('io.k8s.api.') ? definition.slice('io.k8s.api.'.length) : definition;
}

/** The `apiVersion` of a kind: `v1` for the core group, `apps/v1` otherwise. */
export function apiVersionOf(k: { group: string; version: string }): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

function convertRef(ref: string): string {
  return ref.startsWith(OPENAPI_REF) ? JSON_REF + ref.slice(OPENAPI_REF.length) : ref;
}

/** Converts one OpenAPI schema (a definition or a nested property) to JSON Schema. */
export function convertSchema(s: OpenApiSchema, enumValues?: readonly string[]): JsonSchema {
  const out: JsonSchema = {};
  if (s.description !== undefined) out.description = s.description;
  // `allOf: [{$ref}]` (how the real documents attach a description or default to a reference).
  const single = s.allOf?.length === 1 && s.allOf[0].$ref && Object.keys(s.allOf[0]).length === 1 ? s.allOf[0].$ref : undefined;
  if (s.$ref) out.$ref = convertRef(s.$ref);
  else if (single) out.$ref = convertRef(single);
  else if (s.allOf) out.allOf = s.allOf.map((x) => convertSchema(x));
  if (s.oneOf) out.oneOf = s.oneOf.map((x) => convertSchema(x));
  if (s.anyOf) out.anyOf = s.anyOf.map((x) => convertSchema(x));
  if (s.type !== undefined) out.type = s.type;
  if (s.required?.length) out.required = [...s.required];
  if (s.enum) out.enum = [...s.enum];
  // Scalar defaults help completion; object and array defaults ({} on value structs) only get in the way.
  if (s.default !== undefined && (s.default === null || typeof s.default !== 'object')) out.default = s.default;
  if (s.items) out.items = convertSchema(s.items, s.type === 'array' ? enumValues : undefined);
  if (enumValues && s.type === 'string' && !out.enum) out.enum = [...enumValues];
  if (s.properties) {
    out.properties = {};
    for (const [name, p] of Object.entries(s.properties)) out.properties[name] = convertSchema(p);
  }
  if (typeof s.additionalProperties === 'object') out.additionalProperties = convertSchema(s.additionalProperties);
  else if (typeof s.additionalProperties === 'boolean') out.additionalProperties = s.additionalProperties;
  else if (s.properties && !s['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  return out;
}

/** Converts a definition, adding the enums of ENUMS to its properties. */
export function convertDefinition(definition: string, s: OpenApiSchema): JsonSchema {
  const out = convertSchema(s);
  const short = shortName(definition);
  if (out.properties && s.properties) {
    for (const [name, p] of Object.entries(s.properties)) {
      const values = ENUMS[`${short}.${name}`];
      if (values) out.properties[name] = convertSchema(p, values);
    }
  }
  return out;
}

/** The document schema: kind selection by apiVersion + kind, over every converted definition. */
export function buildKubernetesSchema(schemas: Readonly<Record<string, OpenApiSchema>>, kinds: readonly KindEntry[]): JsonSchema {
  const served = kinds.filter((k) => Object.prototype.hasOwnProperty.call(schemas, k.definition));
  const definitions: Record<string, JsonSchema> = {};
  for (const name of Object.keys(schemas).sort()) definitions[name] = convertDefinition(name, schemas[name]);

  const versionsByKind = new Map<string, string[]>();
  for (const k of served) {
    const list = versionsByKind.get(k.kind) ?? [];
    const v = apiVersionOf(k);
    if (!list.includes(v)) list.push(v);
    versionsByKind.set(k.kind, list);
  }
  const kindNames = [...versionsByKind.keys()].sort();
  const someObject = served.map((k) => schemas[k.definition]).find((s) => s?.properties?.kind && s.properties.apiVersion);

  const allOf: JsonSchema[] = [];
  // A known kind: its apiVersions (completion offers them; a wrong one gets a marker).
  for (const kind of kindNames) {
    const versions = versionsByKind.get(kind)!.sort();
    allOf.push({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: {
        properties: {
          apiVersion: {
            enum: versions,
            errorMessage: `no matches for kind "${kind}" in this apiVersion; ${kind} is served as ${versions.join(', ')}`,
          },
        },
      },
    });
  }
  // apiVersion + kind: the kind's own definition.
  for (const k of served) {
    allOf.push({
      if: { properties: { apiVersion: { const: apiVersionOf(k) }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: JSON_REF + k.definition },
    });
  }

  return {
    title: 'Kubernetes object',
    type: 'object',
    properties: {
      apiVersion: {
        type: 'string',
        description: someObject?.properties?.apiVersion?.description ?? 'APIVersion defines the versioned schema of this representation of an object.',
      },
      kind: {
        type: 'string',
        description: someObject?.properties?.kind?.description ?? 'Kind is a string value representing the REST resource this object represents.',
        enum: kindNames,
        errorMessage: `unknown kind: this cluster serves ${kindNames.filter((k) => !k.endsWith('List')).length} built-in kinds (Pod, Deployment, Service, ...)`,
      },
    },
    required: ['apiVersion', 'kind'],
    allOf,
    definitions,
  };
}

/** Follows `$ref`s in a built schema (for tests and tooling): the definition a schema points at. */
export function deref(root: JsonSchema, s: JsonSchema | undefined): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 32; i++) {
    const name = cur.$ref.startsWith(JSON_REF) ? cur.$ref.slice(JSON_REF.length) : undefined;
    const target = name ? root.definitions?.[name] : undefined;
    if (!target) return undefined;
    cur = { ...target, ...Object.fromEntries(Object.entries(cur).filter(([k]) => k !== '$ref')) };
  }
  return cur;
}

/** The schema `then` picks for an apiVersion + kind, or undefined for an unknown pair. */
export function schemaForKind(root: JsonSchema, apiVersion: string, kind: string): JsonSchema | undefined {
  for (const rule of root.allOf ?? []) {
    const props = rule.if?.properties;
    if (props?.apiVersion?.const === apiVersion && props?.kind?.const === kind) return deref(root, rule.then);
  }
  return undefined;
}
