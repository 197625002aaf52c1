// GET /openapi/v3 and /openapi/v3/<path>: the OpenAPI v3 documents kube-apiserver serves, one per
// group-version (plus `api`, `apis`, `apis/<group>` and `version`), for the kinds in src/api/registry.
// Documents are built once and cached: the schemas and the registry never change at run time.
import { RESOURCES, groupVersions } from '../../../api/registry';
import { contentHash } from './hash';
import { PathBuilder, tagOf, type Paths } from './paths';
import { getFullSchema, reachableDefinitions } from './full-schemas';
import { REF_PREFIX, type Schema } from './schema-types';

export const KUBERNETES_VERSION = 'v1.32.0';

export interface OpenAPIDocument {
  components: { schemas: Record<string, Schema> };
  info: { title: 'Kubernetes'; version: string };
  openapi: '3.0.0';
  paths: Paths;
}

export interface OpenAPIRoot {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** `api/v1` from `/openapi/v3/api/v1?hash=...`, `api/v1/`, `/api/v1`. */
export function normalizeOpenAPIPath(p: string): string {
  let s = p.split('?')[0].replace(/^\/+/, '').replace(/\/+$/, '');
  if (s === 'openapi/v3') return '';
  if (s.startsWith('openapi/v3/')) s = s.slice('openapi/v3/'.length);
  return s;
}

/** The document paths the root lists, sorted: api, api/v1, apis, apis/apps, apis/apps/v1, ..., version. */
export function openapiDocumentPaths(): string[] {
  const out = new Set<string>(['api', 'apis', 'version']);
  for (const gv of groupVersions()) {
    if (gv.group) {
      out.add(`apis/${gv.group}`);
      out.add(`apis/${gv.group}/${gv.version}`);
    } else out.add(`api/${gv.version}`);
  }
  return [...out].sort();
}

/** `GET /openapi/v3`. */
export function openapiRoot(): OpenAPIRoot {
  const paths: OpenAPIRoot['paths'] = {};
  for (const p of openapiDocumentPaths()) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${openapiDocumentJSON(p)!.hash}` };
  return { paths };
}

/** `GET /openapi/v3/<gvPath>`; undefined when the server serves no such document (404). */
export function openapiGroupVersion(gvPath: string): OpenAPIDocument | undefined {
  const key = normalizeOpenAPIPath(gvPath);
  const hit = docs.get(key);
  if (hit) return hit.doc;
  if (!openapiDocumentPaths().includes(key)) return undefined;
  const doc = sortKeys(build(key)) as OpenAPIDocument;
  docs.set(key, { doc, json: undefined, hash: undefined });
  return doc;
}

/** The exact body to send for a document and its hash (the one in the root's serverRelativeURL). */
export function openapiDocumentJSON(gvPath: string): { json: string; hash: string } | undefined {
  const key = normalizeOpenAPIPath(gvPath);
  const doc = openapiGroupVersion(key);
  if (!doc) return undefined;
  const entry = docs.get(key)!;
  if (entry.json === undefined) {
    entry.json = JSON.stringify(doc);
    entry.hash = contentHash(entry.json);
  }
  return { json: entry.json, hash: entry.hash! };
}

/** The current hash of a document, to compare with a request's `?hash=` (real servers redirect on mismatch). */
export function openapiHash(gvPath: string): string | undefined {
  return openapiDocumentJSON(gvPath)?.hash;
}

const docs = new Map<string, { doc: OpenAPIDocument; json: string | undefined; hash: string | undefined }>();

function build(key: string): OpenAPIDocument {
  const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
  const parts = key.split('/');
  let paths: Paths = {};
  const roots = new Set<string>();
  const simple = (path: string, operationId: string, tag: string, description: string, def: string) => {
    roots.add(def);
    paths[path] = {
      get: {
        description,
        operationId,
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: REF_PREFIX + def } }, 'application/yaml': { schema: { $ref: REF_PREFIX + def } } }, description: 'OK' },
          '401': { description: 'Unauthorized' },
        },
        tags: [tag],
      } as never,
    };
  };
  if (key === 'api') simple('/api/', 'getCoreAPIVersions', 'core', 'get available API versions', `${META}.APIVersions`);
  else if (key === 'apis') simple('/apis/', 'getAPIVersions', 'apis', 'get available API versions', `${META}.APIGroupList`);
  else if (key === 'version') simple('/version/', 'getCodeVersion', 'version', 'get the version information for this server', 'io.k8s.apimachinery.pkg.version.Info');
  else if (parts[0] === 'apis' && parts.length === 2) {
    const tag = tagOf(parts[1], 'v1').replace(/_v1$/, '');
    simple(`/apis/${parts[1]}/`, `get${tag[0].toUpperCase()}${tag.slice(1)}APIGroup`, tag, 'get information of a group', `${META}.APIGroup`);
  } else {
    const group = parts[0] === 'api' ? '' : parts[1];
    const version = parts[parts.length - 1];
    const b = new PathBuilder(group, version);
    b.addResourceList();
    for (const r of RESOURCES) if (r.group === group && r.version === version) b.addResource(r);
    paths = b.paths;
    for (const d of b.roots) roots.add(d);
  }
  const schemas: Record<string, Schema> = {};
  for (const name of reachableDefinitions(roots)) schemas[name] = getFullSchema(name)!;
  return { components: { schemas }, info: { title: 'Kubernetes', version: KUBERNETES_VERSION }, openapi: '3.0.0', paths };
}

/** Keys sorted at every level, as Go marshals the real documents; arrays keep their order. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) o[k] = sortKeys(x);
    }
    return o;
  }
  return v;
}
