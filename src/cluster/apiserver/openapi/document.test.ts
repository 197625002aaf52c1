import { describe, expect, it } from 'vitest';
import { RESOURCES, groupVersion } from '../../../api/registry';
import { openapiDocumentJSON, openapiGroupVersion, openapiHash, openapiRoot, type OpenAPIDocument } from './document';
import { refName, type GVK, type Schema } from './schemas';

/** What cli-runtime's query_param_verifier_v3 looks for. */
function patchSupportsFieldValidation(doc: OpenAPIDocument, gvk: GVK): boolean {
  for (const item of Object.values(doc.paths)) {
    const op = item.patch;
    if (!op) continue;
    const g = op['x-kubernetes-group-version-kind'];
    if (g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind) {
      if (op.parameters?.some((p) => p.in === 'query' && p.name === 'fieldValidation')) return true;
    }
  }
  return false;
}

/** kubectl explain's type column, as its template guesses it. */
function typeGuess(doc: OpenAPIDocument, s: Schema): string {
  const def = refName(s);
  if (def) {
    const target = doc.components.schemas[def];
    if (target.type && target.type !== 'object') return target.type;
    return def.slice(def.lastIndexOf('.') + 1);
  }
  if (s.type === 'array') return `[]${typeGuess(doc, s.items!)}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object')
    return `map[string]${typeGuess(doc, s.additionalProperties)}`;
  return s.type === 'object' ? 'Object' : s.type!;
}

describe('openapi v3 documents', () => {
  it('root lists every group-version with a hashed URL', () => {
    const root = openapiRoot();
    expect(Object.keys(root.paths)).toEqual([...Object.keys(root.paths)].sort());
    expect(root.paths['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{32}$/);
    for (const k of ['api', 'apis', 'apis/apps', 'apis/apps/v1', 'apis/batch/v1', 'apis/policy/v1', 'version']) expect(root.paths[k]).toBeDefined();
    expect(root.paths['api/v1'].serverRelativeURL).toBe(`/openapi/v3/api/v1?hash=${openapiHash('api/v1')}`);
    expect(openapiRoot()).toEqual(root);
    expect(openapiHash('api/v1')).not.toBe(openapiHash('apis/apps/v1'));
  });

  it('api/v1 has a PATCH for pods with fieldValidation and the Pod GVK', () => {
    const doc = openapiGroupVersion('api/v1')!;
    expect(doc.openapi).toBe('3.0.0');
    expect(doc.info).toEqual({ title: 'Kubernetes', version: 'v1.32.0' });
    const patch = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}'].patch!;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'Pod' });
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch.operationId).toBe('patchCoreV1NamespacedPod');
    expect(patch.parameters!.map((p) => p.name)).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    expect(Object.keys(patch.requestBody!.content)).not.toContain('application/strategic-merge-patch+json');
    expect(Object.keys(patch.requestBody!.content)).toContain('application/merge-patch+json');
    expect(doc.paths['/api/v1/namespaces/{namespace}/pods'].post!.parameters!.map((p) => p.name)).toContain('fieldValidation');
    expect(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/log'].get!.operationId).toBe('readCoreV1NamespacedPodLog');
    expect(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/eviction'].post!['x-kubernetes-group-version-kind']).toEqual({
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
    });
  });

  it('every stored kind passes kubectl 1.32 field-validation discovery and never offers strategic merge patch', () => {
    for (const r of RESOURCES) {
      const doc = openapiGroupVersion(r.group ? `apis/${groupVersion(r)}` : `api/${r.version}`)!;
      expect(doc, r.kind).toBeDefined();
      expect(patchSupportsFieldValidation(doc, r), r.kind).toBe(r.verbs.includes('patch'));
      expect(openapiDocumentJSON(r.group ? `apis/${groupVersion(r)}` : 'api/v1')!.json).not.toContain('strategic-merge-patch');
    }
  });

  it('components hold only schemas reachable from the group-version, all resolvable', () => {
    const apps = openapiGroupVersion('/openapi/v3/apis/apps/v1?hash=x')!;
    const names = Object.keys(apps.components.schemas);
    expect(names).toContain('io.k8s.api.apps.v1.Deployment');
    expect(names).toContain('io.k8s.api.autoscaling.v1.Scale');
    expect(names).toContain('io.k8s.api.core.v1.PodSpec');
    expect(names).not.toContain('io.k8s.api.core.v1.Service');
    expect(names).not.toContain('io.k8s.api.batch.v1.Job');
    const json = openapiDocumentJSON('apis/apps/v1')!.json;
    for (const m of json.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(apps.components.schemas[m[1]], m[1]).toBeDefined();
  });

  it('gives kubectl explain what it prints', () => {
    const doc = openapiGroupVersion('api/v1')!;
    const [name, pod] = Object.entries(doc.components.schemas).find(([, s]) =>
      s['x-kubernetes-group-version-kind']?.some((g) => g.group === '' && g.version === 'v1' && g.kind === 'Pod'),
    )!;
    expect(name).toBe('io.k8s.api.core.v1.Pod');
    expect(typeGuess(doc, pod.properties!.metadata)).toBe('ObjectMeta');
    const spec = doc.components.schemas['io.k8s.api.core.v1.PodSpec'];
    expect(typeGuess(doc, spec.properties!.containers)).toBe('[]Container');
    expect(spec.required).toContain('containers');
    expect(typeGuess(doc, spec.properties!.nodeSelector)).toBe('map[string]string');
    expect(typeGuess(doc, spec.properties!.restartPolicy)).toBe('string');
    expect(typeGuess(doc, spec.properties!.terminationGracePeriodSeconds)).toBe('integer');
    const meta = doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'];
    expect(typeGuess(doc, meta.properties!.creationTimestamp)).toBe('string');
    expect(spec.properties!.restartPolicy.description).toMatch(/Restart policy for all containers within the pod/);
  });

  it('serves api, apis, apis/<group> and version, and 404s the rest', () => {
    expect(openapiGroupVersion('api')!.paths['/api/']).toBeDefined();
    expect(openapiGroupVersion('apis')!.paths['/apis/']).toBeDefined();
    expect(openapiGroupVersion('apis/apps')!.paths['/apis/apps/'].get!.operationId).toBe('getAppsAPIGroup');
    expect(openapiGroupVersion('version')!.components.schemas['io.k8s.apimachinery.pkg.version.Info']).toBeDefined();
    expect(openapiGroupVersion('apis/apps/v2')).toBeUndefined();
    expect(openapiGroupVersion('apis/nope.io/v1')).toBeUndefined();
  });

  it('builds a document fast and caches it', () => {
    const t0 = performance.now();
    openapiDocumentJSON('apis/batch/v1');
    const first = performance.now() - t0;
    expect(first).toBeLessThan(2000);
    expect(openapiGroupVersion('apis/batch/v1')).toBe(openapiGroupVersion('apis/batch/v1'));
  });
});
