import { describe, expect, it } from 'vitest';
import generated from '../../generated/k8s-schemas.json';
import { apiVersionOf, buildKubernetesSchema, convertSchema, deref, JSON_REF, schemaForKind, type JsonSchema, type KindEntry, type OpenApiSchema } from './schema';

const file = generated as unknown as { kinds: KindEntry[]; schemas: Record<string, OpenApiSchema> };
const root = buildKubernetesSchema(file.schemas, file.kinds);

function prop(s: JsonSchema | undefined, ...path: string[]): JsonSchema | undefined {
  let cur = s;
  for (const p of path) {
    cur = deref(root, cur);
    cur = p === '[]' ? cur?.items : cur?.properties?.[p];
  }
  return deref(root, cur);
}

describe('editor schema (OpenAPI v3 → JSON Schema)', () => {
  it('a Pod spec offers containers, with descriptions, and requires them', () => {
    const pod = schemaForKind(root, 'v1', 'Pod');
    expect(pod?.description).toMatch(/^Pod is a collection of containers/);
    const spec = prop(pod, 'spec');
    expect(spec?.properties?.containers).toBeDefined();
    expect(spec?.properties?.containers.description).toMatch(/^List of containers belonging to the pod/);
    expect(spec?.required).toEqual(['containers']);
    // The field keeps its own description beside the $ref (what hover shows).
    expect(pod?.properties?.spec.$ref).toBe(JSON_REF + 'io.k8s.api.core.v1.PodSpec');
    expect(pod?.properties?.spec.description).toMatch(/^Specification of the desired behavior of the pod/);
    const container = prop(pod, 'spec', 'containers', '[]');
    expect(container?.required).toEqual(['name']);
    expect(container?.properties?.image.type).toBe('string');
    expect(prop(container, 'ports', '[]', 'containerPort')?.type).toBe('integer');
  });

  it('closes objects so unknown fields are marked, and leaves maps and free-form objects open', () => {
    const spec = root.definitions!['io.k8s.api.core.v1.PodSpec'];
    expect(spec.additionalProperties).toBe(false);
    const meta = root.definitions!['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'];
    expect(meta.additionalProperties).toBe(false);
    expect(meta.properties!.labels.additionalProperties).toEqual({ type: 'string', default: '' });
    expect(root.definitions!['io.k8s.apimachinery.pkg.runtime.RawExtension'].additionalProperties).toBeUndefined();
  });

  it('a Deployment: apps/v1, the pod template down to containers, strategy enum, IntOrString', () => {
    const d = schemaForKind(root, 'apps/v1', 'Deployment');
    expect(d?.description).toMatch(/Deployment enables declarative updates/);
    expect(prop(d, 'spec')?.required).toEqual(['selector', 'template']);
    expect(prop(d, 'spec', 'replicas')?.type).toBe('integer');
    expect(prop(d, 'spec', 'template', 'spec', 'containers', '[]', 'name')?.type).toBe('string');
    expect(prop(d, 'spec', 'strategy', 'type')?.enum).toEqual(['Recreate', 'RollingUpdate']);
    const surge = prop(d, 'spec', 'strategy', 'rollingUpdate', 'maxSurge');
    expect(surge?.oneOf).toEqual([{ type: 'integer' }, { type: 'string' }]);
  });

  it('adds the real OpenAPI enums', () => {
    const pod = schemaForKind(root, 'v1', 'Pod');
    expect(prop(pod, 'spec', 'restartPolicy')?.enum).toEqual(['Always', 'Never', 'OnFailure']);
    expect(prop(pod, 'spec', 'containers', '[]', 'imagePullPolicy')?.enum).toEqual(['Always', 'IfNotPresent', 'Never']);
    expect(prop(schemaForKind(root, 'v1', 'Service'), 'spec', 'type')?.enum).toEqual(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
    expect(prop(schemaForKind(root, 'v1', 'PersistentVolumeClaim'), 'spec', 'accessModes', '[]')?.enum).toContain('ReadWriteOnce');
  });

  it('selects the kind by apiVersion and kind', () => {
    expect(root.required).toEqual(['apiVersion', 'kind']);
    expect(root.properties!.kind.enum).toContain('Pod');
    expect(root.properties!.kind.enum).toContain('Deployment');
    expect(schemaForKind(root, 'apps/v1', 'Deployment')).toBeDefined();
    expect(schemaForKind(root, 'v1', 'Deployment')).toBeUndefined();
    expect(schemaForKind(root, 'batch/v1', 'CronJob')?.description).toMatch(/CronJob represents/);
    // Each kind's apiVersions, for completion after `kind:` and a marker on a wrong one.
    const rule = root.allOf!.find((r) => r.if?.properties?.kind?.const === 'Deployment' && !r.if.properties.apiVersion);
    expect(rule?.then?.properties?.apiVersion.enum).toEqual(['apps/v1']);
    const hpa = root.allOf!.find((r) => r.if?.properties?.kind?.const === 'HorizontalPodAutoscaler' && !r.if.properties.apiVersion);
    expect(hpa?.then?.properties?.apiVersion.enum).toEqual(['autoscaling/v1', 'autoscaling/v2']);
    expect(apiVersionOf({ group: '', version: 'v1' })).toBe('v1');
    expect(apiVersionOf({ group: 'apps', version: 'v1' })).toBe('apps/v1');
  });

  it('leaves no OpenAPI references, formats or extensions, and every $ref resolves', () => {
    const refs: string[] = [];
    const bad: string[] = [];
    // A map of names (properties, definitions) holds schemas; anything else is a schema.
    (function walk(v: unknown, path: string, names = false) {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (names) walk(x, `${path}.${k}`);
          else if (k === '$ref') refs.push(x as string);
          else if (k === 'format' || k.startsWith('x-kubernetes')) bad.push(`${path}.${k}`);
          else if (k !== 'enum' && k !== 'const') walk(x, `${path}.${k}`, k === 'properties' || k === 'definitions');
        }
      }
    })(root, '#');
    expect(bad).toEqual([]);
    expect(refs.length).toBeGreaterThan(1000);
    expect(refs.filter((r) => !r.startsWith(JSON_REF) || !root.definitions![r.slice(JSON_REF.length)])).toEqual([]);
    // No object defaults (value structs' `default: {}`), which completion would insert.
    expect(JSON.stringify(root)).not.toMatch(/"default":\{\}/);
  });

  it('converts allOf-wrapped references, plain references and maps', () => {
    expect(convertSchema({ description: 'd', default: {}, allOf: [{ $ref: '#/components/schemas/a.B' }] })).toEqual({ description: 'd', $ref: '#/definitions/a.B' });
    expect(convertSchema({ $ref: '#/components/schemas/a.B' })).toEqual({ $ref: '#/definitions/a.B' });
    expect(convertSchema({ type: 'object', additionalProperties: { type: 'string' } })).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(convertSchema({ type: 'object', properties: { a: { type: 'integer', format: 'int32', default: 3 } } })).toEqual({
      type: 'object',
      properties: { a: { type: 'integer', default: 3 } },
      additionalProperties: false,
    });
    expect(convertSchema({ type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
    });
  });
});
