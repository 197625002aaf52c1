// Paths and operations of one served resource, shaped as kube-apiserver's OpenAPI v3 documents.
// PATCH request bodies list JSON patch, merge patch and apply, never strategic merge patch: with it
// kubectl apply would build its patch from these schemas (which carry no complete patch metadata)
// instead of its compiled-in types (reference/kubectl-protocol.md, 1.3).
import type { ResourceInfo, SubresourceInfo } from '../../../api/registry';
import { definitionExists } from './schemas';
import { REF_PREFIX, type GVK } from './schema-types';
import * as P from './params';
import type { Parameter } from './params';

export type Action = 'get' | 'list' | 'put' | 'patch' | 'post' | 'delete' | 'deletecollection' | 'watch' | 'watchlist' | 'connect';

export interface Operation {
  description: string;
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { $ref: string } }>; required?: boolean };
  responses: Record<string, { description: string; content?: Record<string, { schema: object }> }>;
  tags: string[];
  'x-kubernetes-action': Action;
  'x-kubernetes-group-version-kind': GVK;
}

export type PathItem = { parameters?: Parameter[] } & Partial<Record<'get' | 'put' | 'post' | 'patch' | 'delete', Operation>>;
export type Paths = Record<string, PathItem>;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const STATUS_DEF = `${META}.Status`;
export const DELETE_OPTIONS_DEF = `${META}.DeleteOptions`;
export const PATCH_DEF = `${META}.Patch`;
export const WATCH_EVENT_DEF = `${META}.WatchEvent`;

const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];

/** `Core`, `Apps`, `Authorization`, `RbacAuthorization`: the group part of an operationId. */
export function groupWord(group: string): string {
  if (!group) return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split('.')
    .map(cap)
    .join('');
}

export function tagOf(group: string, version: string): string {
  const w = groupWord(group);
  return `${w[0].toLowerCase()}${w.slice(1)}_${version}`;
}

function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function ref(def: string): { $ref: string } {
  return { $ref: REF_PREFIX + def };
}

function content(def: string | undefined, types: string[]): Record<string, { schema: object }> {
  const schema = def ? ref(def) : { type: 'string' };
  return Object.fromEntries(types.map((t) => [t, { schema }]));
}

const READ_TYPES = ['application/json', 'application/yaml'];
const LIST_TYPES = ['application/json', 'application/json;stream=watch', 'application/yaml'];

function ok(def: string | undefined, types = READ_TYPES): Operation['responses'] {
  return { '200': { content: content(def, types), description: 'OK' }, '401': { description: 'Unauthorized' } };
}

/** Collects the definitions referenced by the operations built, for components.schemas. */
export class PathBuilder {
  readonly paths: Paths = {};
  readonly roots = new Set<string>();

  constructor(
    readonly group: string,
    readonly version: string,
  ) {}

  private def(name: string | undefined): string | undefined {
    if (!name || !definitionExists(name)) return undefined;
    this.roots.add(name);
    return name;
  }

  private item(path: string, params: Parameter[]): PathItem {
    return (this.paths[path] ??= { parameters: params });
  }

  private op(
    verb: string,
    action: Action,
    idTail: string,
    gvk: GVK,
    description: string,
    responses: Operation['responses'],
    parameters?: Parameter[],
    requestBody?: Operation['requestBody'],
  ): Operation {
    const o: Operation = {
      description,
      operationId: `${verb}${groupWord(this.group)}${cap(this.version)}${idTail}`,
      responses,
      tags: [tagOf(this.group, this.version)],
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
    };
    if (parameters?.length) o.parameters = parameters;
    if (requestBody) o.requestBody = requestBody;
    return o;
  }

  /** Adds every path of one resource, its watch paths and its subresources. */
  addResource(r: ResourceInfo): void {
    const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
    const ns = r.scope === 'Namespaced';
    const gvk: GVK = { group: r.group, kind: r.kind, version: r.version };
    const kindDef = this.def(r.definition);
    const listDef = this.def(`${r.definition}List`);
    const statusDef = this.def(STATUS_DEF);
    const scope = ns ? 'Namespaced' : '';
    const has = (v: string) => r.verbs.includes(v);
    const collPath = ns ? `${base}/namespaces/{namespace}/${r.resource}` : `${base}/${r.resource}`;
    const itemPath = `${collPath}/{name}`;
    const collParams = ns ? [P.NAMESPACE, P.PRETTY] : [P.PRETTY];
    const itemParams = ns ? [P.NAME(r.kind), P.NAMESPACE, P.PRETTY] : [P.NAME(r.kind), P.PRETTY];
    const body = kindDef ? { content: { '*/*': { schema: ref(kindDef) } }, required: true } : undefined;
    const created = (def: string | undefined): Operation['responses'] => ({
      '200': { content: content(def, READ_TYPES), description: 'OK' },
      '201': { content: content(def, READ_TYPES), description: 'Created' },
      '202': { content: content(def, READ_TYPES), description: 'Accepted' },
      '401': { description: 'Unauthorized' },
    });

    if (has('list') || has('create') || has('deletecollection')) {
      const coll = this.item(collPath, collParams);
      if (has('list')) coll.get = this.op('list', 'list', `${scope}${r.kind}`, gvk, `list or watch objects of kind ${r.kind}`, ok(listDef, LIST_TYPES), P.LIST_PARAMS);
      if (has('create')) coll.post = this.op('create', 'post', `${scope}${r.kind}`, gvk, `create ${article(r.kind)} ${r.kind}`, created(kindDef), P.CREATE_PARAMS, body);
      if (has('deletecollection')) {
        this.def(DELETE_OPTIONS_DEF);
        coll.delete = this.op('delete', 'deletecollection', `Collection${scope}${r.kind}`, gvk, `delete collection of ${r.kind}`, ok(statusDef), P.DELETE_COLLECTION_PARAMS, {
          content: { '*/*': { schema: ref(DELETE_OPTIONS_DEF) } },
        });
      }
    }
    if (has('get') || has('update') || has('patch') || has('delete')) {
      const item = this.item(itemPath, itemParams);
      if (has('get')) item.get = this.op('read', 'get', `${scope}${r.kind}`, gvk, `read the specified ${r.kind}`, ok(kindDef));
      if (has('update')) item.put = this.op('replace', 'put', `${scope}${r.kind}`, gvk, `replace the specified ${r.kind}`, created(kindDef), P.UPDATE_PARAMS, body);
      if (has('patch')) item.patch = this.patchOp(`${scope}${r.kind}`, gvk, `partially update the specified ${r.kind}`, kindDef);
      if (has('delete')) {
        this.def(DELETE_OPTIONS_DEF);
        const deleted = created(statusDef);
        delete deleted['201'];
        item.delete = this.op('delete', 'delete', `${scope}${r.kind}`, gvk, `delete ${article(r.kind)} ${r.kind}`, deleted, P.DELETE_PARAMS, {
          content: { '*/*': { schema: ref(DELETE_OPTIONS_DEF) } },
        });
      }
    }
    if (ns && has('list')) {
      this.item(`${base}/${r.resource}`, [P.PRETTY]).get = this.op('list', 'list', `${r.kind}ForAllNamespaces`, gvk, `list or watch objects of kind ${r.kind}`, ok(listDef, LIST_TYPES), P.LIST_PARAMS);
    }
    if (has('watch')) {
      const ev = this.def(WATCH_EVENT_DEF);
      const watchTypes = ['application/json', 'application/json;stream=watch', 'application/yaml'];
      const w = ns ? `${base}/watch/namespaces/{namespace}/${r.resource}` : `${base}/watch/${r.resource}`;
      const wp = P.LIST_PARAMS;
      this.item(w, ns ? [P.NAMESPACE, P.PRETTY] : [P.PRETTY]).get = this.op('watch', 'watchlist', `${scope}${r.kind}List`, gvk, `watch individual changes to a list of ${r.kind}. deprecated: use the 'watch' parameter with a list operation instead.`, ok(ev, watchTypes), wp);
      this.item(`${w}/{name}`, ns ? [P.NAME(r.kind), P.NAMESPACE, P.PRETTY] : [P.NAME(r.kind), P.PRETTY]).get = this.op('watch', 'watch', `${scope}${r.kind}`, gvk, `watch changes to an object of kind ${r.kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`, ok(ev, watchTypes), wp);
      if (ns) this.item(`${base}/watch/${r.resource}`, [P.PRETTY]).get = this.op('watch', 'watchlist', `${r.kind}ListForAllNamespaces`, gvk, `watch individual changes to a list of ${r.kind}. deprecated: use the 'watch' parameter with a list operation instead.`, ok(ev, watchTypes), wp);
    }
    for (const sub of r.subresources) this.addSubresource(r, sub, `${itemPath}/${sub.name}`, ns ? [P.NAME(r.kind), P.NAMESPACE, P.PRETTY] : [P.NAME(r.kind), P.PRETTY]);
  }

  private patchOp(idTail: string, gvk: GVK, description: string, def: string | undefined): Operation {
    const patchDef = this.def(PATCH_DEF);
    const body = patchDef ? { content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: ref(patchDef) }])), required: true } : undefined;
    const responses: Operation['responses'] = {
      '200': { content: content(def, READ_TYPES), description: 'OK' },
      '201': { content: content(def, READ_TYPES), description: 'Created' },
      '401': { description: 'Unauthorized' },
    };
    return this.op('patch', 'patch', idTail, gvk, description, responses, P.PATCH_PARAMS, body);
  }

  private addSubresource(r: ResourceInfo, sub: SubresourceInfo, path: string, params: Parameter[]): void {
    const scope = r.scope === 'Namespaced' ? 'Namespaced' : '';
    const word = cap(sub.name);
    const gvk: GVK = sub.kind ? { group: sub.kind.group, kind: sub.kind.kind, version: sub.kind.version } : { group: r.group, kind: r.kind, version: r.version };
    const connect = ['attach', 'exec', 'portforward', 'proxy'].includes(sub.name);
    const item = this.item(path, connect ? params.filter((x) => x.name !== 'pretty') : params);
    if (connect) {
      const qp = sub.name === 'exec' || sub.name === 'attach' ? P.EXEC_PARAMS.filter((x) => sub.name === 'exec' || x.name !== 'command') : [];
      const methods: [('get' | 'post' | 'put' | 'patch' | 'delete'), string][] = [['get', 'Get'], ['post', 'Post'], ['put', 'Put'], ['patch', 'Patch'], ['delete', 'Delete']];
      for (const [m, w] of methods) {
        const verb = { get: 'get', post: 'create', put: 'update', patch: 'patch', delete: 'delete' }[m];
        if (!sub.verbs.includes(verb)) continue;
        item[m] = this.op('connect', 'connect', `${w}${scope}${r.kind}${word}`, gvk, `connect ${m.toUpperCase()} requests to ${sub.name} of ${r.kind}`, ok(undefined, ['*/*']), qp);
      }
      return;
    }
    if (sub.name === 'log') {
      item.get = this.op('read', 'get', `${scope}${r.kind}Log`, gvk, `read log of the specified ${r.kind}`, ok(undefined, ['application/json', 'application/yaml', 'text/plain']), P.LOG_PARAMS);
      return;
    }
    const def = this.def(sub.kind ? kindDefinition(sub.kind) : r.definition);
    const body = def ? { content: { '*/*': { schema: ref(def) } }, required: true } : undefined;
    const written: Operation['responses'] = {
      '200': { content: content(def, READ_TYPES), description: 'OK' },
      '201': { content: content(def, READ_TYPES), description: 'Created' },
      '202': { content: content(def, READ_TYPES), description: 'Accepted' },
      '401': { description: 'Unauthorized' },
    };
    const what = sub.kind ? `${sub.kind.kind} of the specified ${r.kind}` : `${sub.name} of the specified ${r.kind}`;
    if (sub.verbs.includes('get')) item.get = this.op('read', 'get', `${scope}${r.kind}${word}`, gvk, `read ${what}`, ok(def));
    if (sub.verbs.includes('update')) item.put = this.op('replace', 'put', `${scope}${r.kind}${word}`, gvk, `replace ${what}`, written, P.UPDATE_PARAMS, body);
    if (sub.verbs.includes('patch')) item.patch = this.patchOp(`${scope}${r.kind}${word}`, gvk, `partially update ${what}`, def);
    if (sub.verbs.includes('create')) item.post = this.op('create', 'post', `${scope}${r.kind}${word}`, gvk, `create ${what}`, written, P.CREATE_PARAMS, body);
  }

  /** `GET /api/v1/` or `/apis/apps/v1/`: the group-version's APIResourceList. */
  addResourceList(): void {
    const def = this.def(`${META}.APIResourceList`);
    const path = this.group ? `/apis/${this.group}/${this.version}/` : `/api/${this.version}/`;
    const o = this.op('get', 'get', 'APIResources', { group: this.group, kind: 'APIResourceList', version: this.version }, 'get available resources', ok(def));
    delete (o as Partial<Operation>)['x-kubernetes-action'];
    delete (o as Partial<Operation>)['x-kubernetes-group-version-kind'];
    this.paths[path] = { get: o };
  }
}

/** Definition name for a subresource kind, e.g. autoscaling/v1 Scale -> io.k8s.api.autoscaling.v1.Scale. */
export function kindDefinition(k: GVK): string {
  const g = k.group === '' ? 'core' : k.group.replace(/\.k8s\.io$/, '').replace(/\./g, '');
  return `io.k8s.api.${g}.${k.version}.${k.kind}`;
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}
